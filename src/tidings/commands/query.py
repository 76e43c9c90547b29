"""`tidings query events|dyad|actors|network`"""

from __future__ import annotations

import sys

import click

from .dbopt import db_option, fail, filter_options, make_filters


def _output(df, fmt: str, title: str = "") -> None:
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "jsonl":
        sys.stdout.write(df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False))
        if len(df):
            sys.stdout.write("\n")
    else:
        from rich.console import Console
        from rich.table import Table

        import pandas as pd

        df = df.copy()
        for col in df.columns:  # dates print as dates
            if (
                pd.api.types.is_datetime64_any_dtype(df[col])
                and (df[col].dropna().dt.normalize() == df[col].dropna()).all()
            ):
                df[col] = df[col].dt.strftime("%Y-%m-%d").fillna("")

        table = Table(title=title or None, show_lines=False)
        for col in df.columns:
            wide = col in ("sentence", "title", "name", "source_name", "target_name", "text", "speaker_name")
            longest = max([len(str(col))] + [len(str(v)) for v in df[col].head(50)])
            if wide:
                table.add_column(str(col), overflow="fold", min_width=min(longest, 12))
            else:
                table.add_column(str(col), overflow="ellipsis", no_wrap=True, min_width=min(longest, 24))
        for row in df.itertuples(index=False):
            table.add_row(
                *(
                    ""
                    if v is None or (isinstance(v, float) and v != v)
                    else (f"{v:.2f}" if isinstance(v, float) else str(v)[:10] if col == "date" else str(v))
                    for col, v in zip(df.columns, row)
                )
            )
        console = Console()
        if not console.is_terminal:  # piped: do not squeeze the table into 80 columns
            console = Console(width=160)
        console.print(table)


_fmt = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)


@click.group("query")
def command():
    """Query the database: events, dyad time series, top actors, the actor network, stories, quotes."""


@command.command("events")
@db_option
@filter_options
@click.option("--limit", default=50, show_default=True, help="Rows per page.")
@click.option("--after", metavar="DATE,ID", help="Keyset cursor: the page after this (printed on stderr).")
@click.option("--one-a-day", is_flag=True, help="One row per (date, source, target, code) with counts.")
@_fmt
def events_cmd(db, limit, after, one_a_day, fmt, **filters):
    """Events matching the filters, newest first, with their evidence sentences."""
    from .. import query

    f = make_filters(**filters)
    try:
        if one_a_day:
            df = query.events(db, filters=f, one_a_day=True, limit=limit)
            cursor = None
        else:
            cur = tuple(after.split(",", 1)) if after else None
            df, cursor = query.event_page(db, filters=f, limit=limit, after=cur)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    if fmt == "table" and not one_a_day:
        df = df[["date", "source_code", "code", "target_code", "status", "goldstein", "n_articles", "sentence"]].copy()
        df["date"] = df["date"].astype(str).str[:10]
    _output(df, fmt, "events")
    if cursor:
        click.echo(f"next page: --after {cursor[0]},{cursor[1]}", err=True)


@command.command("dyad")
@db_option
@filter_options
@click.option(
    "--freq",
    type=click.Choice(["day", "week", "month", "quarter", "year"]),
    default="month",
    show_default=True,
    help="Length of a period of the series.",
)
@click.option("--undirected", is_flag=True, help="Count both directions of the dyad.")
@click.option("--one-a-day", is_flag=True, help="Count one event per (date, source, target, code).")
@_fmt
def dyad_cmd(db, freq, undirected, one_a_day, fmt, **filters):
    """Dyad time series (use --source and --target): events per period, per quad class,
    Goldstein sum and mean."""
    from .. import query

    try:
        df = query.dyad_series(
            db, filters=make_filters(**filters), freq=freq, directed=not undirected, one_a_day=one_a_day
        )
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    _output(df, fmt, "dyad")


@command.command("actors")
@db_option
@filter_options
@click.option("--top", "n", default=20, show_default=True, help="How many actors.")
@click.option(
    "--role",
    type=click.Choice(["either", "source", "target"]),
    default="either",
    show_default=True,
    help="Count events where the actor is the source, the target, or either.",
)
@click.option(
    "--by",
    type=click.Choice(["code", "country"]),
    default="code",
    show_default=True,
    help="Actors by full code (RUSGOV) or by country (RUS).",
)
@_fmt
def actors_cmd(db, n, role, by, fmt, **filters):
    """The most active actors."""
    from .. import query

    try:
        df = query.top_actors(db, filters=make_filters(**filters), n=n, role=role, by=by)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    _output(df, fmt, "actors")


@command.command("network")
@db_option
@filter_options
@click.option(
    "--by",
    type=click.Choice(["code", "country"]),
    default="country",
    show_default=True,
    help="Nodes are full actor codes (RUSGOV) or countries (RUS).",
)
@click.option("--min-count", default=1, show_default=True, help="Drop edges with fewer events.")
@click.option(
    "-o",
    "--output",
    "out",
    default=None,
    metavar="FILE",
    help="Write the network as GEXF (.gexf) or GraphML (.graphml) instead of a table.",
)
@click.option(
    "--graph-format",
    type=click.Choice(["gexf", "graphml"]),
    default=None,
    help="Graph file format (default: from the file name).",
)
@_fmt
def network_cmd(db, by, min_count, out, graph_format, fmt, **filters):
    """The actor network: edges weighted by event count and mean Goldstein."""
    from .. import query

    try:
        edges = query.network(db, filters=make_filters(**filters), by=by, min_count=min_count)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    if out:
        from ..query.networks import write_network

        write_network(edges, out, graph_format)
        click.echo(f"{len(edges)} edges written to {out}", err=True)
    else:
        _output(edges, fmt, "network")


@command.command("stories")
@db_option
@click.option("--min-articles", default=2, show_default=True, help="Only stories with at least this many copies.")
@click.option("--start", metavar="YYYY-MM-DD", help="First publication date (inclusive).")
@click.option("--end", metavar="YYYY-MM-DD", help="Last publication date (inclusive).")
@click.option("--limit", default=50, show_default=True, help="How many stories.")
@_fmt
def stories_cmd(db, min_articles, start, end, limit, fmt):
    """Stories with syndicated copies: articles, sources, outlets, dates, events."""
    from .. import query

    try:
        df = query.stories(db, min_articles=min_articles, start=start, end=end, limit=limit)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    _output(df, fmt, "stories")


@command.command("quotes")
@db_option
@click.option("--speaker", help="Speaker: a country (RUS), an actor code prefix (RUSGOV) or part of a name.")
@click.option("--text", help="Text in the quote.")
@click.option("--start", metavar="YYYY-MM-DD", help="First publication date (inclusive).")
@click.option("--end", metavar="YYYY-MM-DD", help="Last publication date (inclusive).")
@click.option("--limit", default=50, show_default=True, help="How many quotes.")
@_fmt
def quotes_cmd(db, speaker, text, start, end, limit, fmt):
    """Quotes and who said them, newest articles first."""
    from .. import query

    try:
        df = query.quotes(db, speaker=speaker, text=text, start=start, end=end, limit=limit)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    if fmt == "table":
        df = df[["published_date", "speaker_code", "speaker_name", "kind", "text", "outlet"]]
    _output(df, fmt, "quotes")
