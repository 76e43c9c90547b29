"""Running the pipeline: coding articles (`coding`), storing them (`ingest`), and the engines
that spread the work over processes or a Ray cluster (`engines`, `lifeline`)."""
