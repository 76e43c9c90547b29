"""The --db option shared by the store commands."""

from __future__ import annotations

import click

from .options import _check_date


def db_option(f):
    return click.option(
        "--db",
        "db",
        metavar="FILE",
        default=None,
        envvar="TIDINGS_DB",
        help="Database file (default: $TIDINGS_DB, else ./tidings.duckdb).",
    )(f)


def filter_options(f):
    """Event filters shared by `tidings query` and `tidings export`."""
    opts = [
        click.option("--start", metavar="YYYY-MM-DD", callback=_check_date, help="First event date (inclusive)."),
        click.option("--end", metavar="YYYY-MM-DD", callback=_check_date, help="Last event date (inclusive)."),
        click.option(
            "--actor", multiple=True, help="Country (RUS) or actor code (RUSGOV) as source or target; repeatable."
        ),
        click.option("--source", multiple=True, help="Source actor: country or code; repeatable."),
        click.option("--target", multiple=True, help="Target actor: country or code; repeatable."),
        click.option("--code", "codes", multiple=True, help="CAMEO event code (036); repeatable."),
        click.option("--root", "roots", multiple=True, help="CAMEO root code (03); repeatable."),
        click.option(
            "--quad", "quad_classes", multiple=True, type=click.IntRange(1, 4), help="Quad class 1-4; repeatable."
        ),
        click.option(
            "--status",
            multiple=True,
            type=click.Choice(["asserted", "negated", "hypothetical", "future", "all"]),
            help="Event status (default: asserted); repeatable.",
        ),
        click.option("--text", help="Text in the evidence sentence or an actor's name."),
        click.option(
            "--min-confidence",
            type=click.FloatRange(0, 1),
            default=None,
            help="Only events the coder is at least this confident of.",
        ),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def make_filters(
    start=None,
    end=None,
    actor=(),
    source=(),
    target=(),
    codes=(),
    roots=(),
    quad_classes=(),
    status=(),
    text=None,
    min_confidence=None,
):
    from ..query import Filters

    check_span(start, end)
    return Filters(
        start=start,
        end=end,
        actor=list(actor) or None,
        source=list(source) or None,
        target=list(target) or None,
        codes=list(codes) or None,
        roots=list(roots) or None,
        quad_classes=list(quad_classes) or None,
        status=list(status) or "asserted",
        text=text,
        min_confidence=min_confidence,
    )


def fail(exc: Exception):
    raise click.ClickException(str(exc))


def check_span(start: str | None, end: str | None) -> None:
    """--start after --end selects no day at all: a usage error, not an empty answer."""
    if start and end and start > end:
        raise click.UsageError(f"--start {start} is after --end {end}: no day is in between")
