"""`tidings export --format NAME [--db] [-o PATH]`: the names, and their help, come from the
export formats' registry (tidings.export.registry)."""

from __future__ import annotations

import click

from .dbopt import db_option, fail, filter_options, make_filters


class FormatChoice(click.Choice):
    """The registered export formats, read when the option is used (not when this module is
    imported: a format registered later is offered too, and `tidings --help` stays light)."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self):  # type: ignore[override]
        from ..export import format_names

        return format_names()

    @choices.setter
    def choices(self, value) -> None:
        pass


class FormatsCommand(click.Command):
    """Appends the registered formats, one line each, to the help."""

    def format_epilog(self, ctx, formatter):
        from ..export.registry import export_formats

        with formatter.section("Formats"):
            formatter.write_dl([(f.name, f.summary) for f in export_formats()])
        super().format_epilog(ctx, formatter)


@click.command("export", cls=FormatsCommand)
@click.option(
    "--format", "fmt", type=FormatChoice(), default="gdelt", show_default=True, help="Output format (listed below)."
)
@click.option(
    "-o",
    "--output",
    "out",
    default="-",
    metavar="PATH",
    help="Output file (default: standard output); a directory for parquet.",
)
@click.option(
    "--partition",
    type=click.Choice(["date", "month", "year"]),
    default="date",
    show_default=True,
    help="Parquet partitioning.",
)
@click.option("--overwrite", is_flag=True, help="Parquet: replace an earlier export in the output directory.")
@db_option
@filter_options
def command(fmt, out, partition, overwrite, db, **filters):
    """Export the stored events in one of the formats below. GDELT/Phoenix rows are
    tab-separated without a header.

    When no stored event matches (an empty database, or filters that select nothing), nothing
    is written (no file is made) and the command says why on standard error, with hints, and
    exits with status 1. GDELT and Phoenix rows need an event date: events without one (their
    article had no publication date) are left out, and counted on standard error. GDELT,
    Phoenix and ICEWS rows have no status: with --status other than asserted, a warning says
    how many rows are negated, hypothetical or future events."""
    from ..export import export

    from ..export.registry import get_format

    chosen = make_filters(**filters)
    try:
        found, undated = _count(db, chosen)
        if not get_format(fmt).dated_only:
            undated = 0
        if found > undated:
            n = export(db, fmt, out, filters=chosen, partition=partition, overwrite=overwrite)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    if not found:
        _nothing_to_export(db, chosen, out)
    if found == undated:
        _all_undated(fmt, found, out)
    click.echo(f"{n} rows written ({fmt})" + (f" to {out}" if out != "-" else ""), err=True)
    if undated:
        click.echo(f"{_undated_note(fmt, undated)} (csv, icews, plover and parquet keep them)", err=True)
    if not get_format(fmt).has_status:
        _warn_statuses(db, chosen, fmt)


def _count(db, filters) -> tuple[int, int]:
    """How many stored events the filters select, and how many of them have no date."""
    from ..query import connection
    from ..query.pages import event_count, undated_count

    with connection(db) as conn:
        return event_count(conn, filters), undated_count(conn, filters)


def _warn_statuses(db, filters, fmt: str) -> None:
    """A format without a status column, asked for events that did not happen as told (negated,
    hypothetical, future): say that its rows cannot tell them from the asserted ones."""
    from dataclasses import replace

    from ..query import STATUSES

    asked = filters.status if isinstance(filters.status, (list, tuple)) else [filters.status]
    others = [s for s in (STATUSES if "all" in asked else asked) if s != "asserted"]
    if not others:
        return
    n, _ = _count(db, replace(filters, status=others))
    if n:
        click.echo(
            f"warning: {n} matching {'event is' if n == 1 else 'events are'} {'/'.join(others)}, and {fmt} "
            "has no status column: nothing in its rows tells them from asserted events (csv, plover and "
            "parquet carry the status)",
            err=True,
        )


def _undated_note(fmt: str, undated: int) -> str:
    events = "event has" if undated == 1 else "events have"
    return f"{undated} matching {events} no date and no {fmt} row: left out"


def _all_undated(fmt: str, found: int, out: str) -> None:
    """Every matching event is undated and the format has no row for one: say so, write nothing,
    and stop with status 1, as for an export of nothing."""
    click.echo(
        f"nothing to export: {_undated_note(fmt, found)}" + ("" if out == "-" else f"; {out} not written"), err=True
    )
    click.echo(
        "hint: an event is dated from its article's publication date: give --published YYYY-MM-DD to "
        "`tidings ingest` (with --recode for articles already stored); csv, icews, plover and parquet "
        "export undated events",
        err=True,
    )
    raise SystemExit(1)


def _nothing_to_export(db, filters, out: str) -> None:
    """Say why there is nothing to export, and stop with status 1 (no empty file is made)."""
    from .query import nothing_found

    first, *hints = nothing_found(db, filters)
    click.echo(f"nothing to export: {first}" + ("" if out == "-" else f"; {out} not written"), err=True)
    for line in hints:
        click.echo(line, err=True)
    if not hints:
        click.echo(
            "hint: `tidings query events` with the same filters, less some of them, shows what is stored", err=True
        )
    raise SystemExit(1)
