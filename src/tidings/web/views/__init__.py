"""The routes, by kind: pages (read-only, each with a JSON twin), ingest (the only write, and
its jobs), assets (static files and the API index)."""
