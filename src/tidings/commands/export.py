"""`tidings export --format gdelt|gdelt-mentions|phoenix|icews|plover|csv|parquet [--db] [-o PATH]`"""
from __future__ import annotations

import click

from .dbopt import db_option, fail, filter_options, make_filters

FORMATS = ("gdelt", "gdelt-mentions", "phoenix", "icews", "plover", "csv", "parquet")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="gdelt", show_default=True,
              help="Output format.")
@click.option("-o", "--output", "out", default="-", metavar="PATH",
              help="Output file (default: standard output); a directory for parquet.")
@click.option("--partition", type=click.Choice(["date", "month", "year"]), default="date", show_default=True,
              help="Parquet partitioning.")
@click.option("--overwrite", is_flag=True, help="Parquet: replace an earlier export in the output directory.")
@db_option
@filter_options
def command(fmt, out, partition, overwrite, db, **filters):
    """Export the stored events in GDELT 2.0 (events or mentions), Phoenix, ICEWS-like,
    PLOVER JSONL, CSV or Parquet. GDELT/Phoenix rows are tab-separated without a header."""
    from ..export import export

    try:
        n = export(db, fmt, out, filters=make_filters(**filters), partition=partition, overwrite=overwrite)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    click.echo(f"{n} rows written ({fmt})" + (f" to {out}" if out != "-" else ""), err=True)
