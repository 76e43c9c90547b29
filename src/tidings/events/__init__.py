"""Event coder: who did what to whom, CAMEO/PLOVER, with status and provenance."""
