"""`tidings query events|dyad|actors|network`"""

from __future__ import annotations

import sys

import click

from .dbopt import check_span, db_option, fail, filter_options, make_filters
from .options import _check_date


WIDE = ("sentence", "title", "name", "source_name", "target_name", "text", "speaker_name")
ONE_A_DAY_TABLE = (
    "date",
    "source_code",
    "code",
    "target_code",
    "n_events",
    "n_mentions",
    "n_articles",
    "source_name",
    "target_name",
)


def _cell(col: str, v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)[:10] if col == "date" else str(v)


def _table(df, title: str):
    """A rich table whose columns never collapse: every column is at least as wide as its
    header (and its values, up to a bound); text columns fold, the others do not wrap.
    Returns the table and the width it needs at least."""
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    need = 1
    for col in df.columns:
        values = [_cell(str(col), v) for v in df[col].head(50)]
        longest = max([0] + [len(v) for v in values])
        if col in WIDE:
            width = max(len(str(col)), min(longest, 20))
            table.add_column(str(col), overflow="fold", min_width=width)
        else:
            width = max(len(str(col)), min(longest, 24))
            table.add_column(str(col), overflow="ellipsis", no_wrap=True, min_width=width)
        need += width + 3
    for row in df.itertuples(index=False):
        table.add_row(*(_cell(str(col), v) for col, v in zip(df.columns, row)))
    return table, need


def _days_as_dates(df):
    """Columns of days (the store's DATE columns, datetime64 at midnight in pandas) as
    "YYYY-MM-DD", as `code`, the CSV and the exports print them (JSON would say
    "2021-12-12T00:00:00.000")."""
    import pandas as pd

    df = df.copy()
    for col in df.columns:
        values = df[col]
        if pd.api.types.is_datetime64_any_dtype(values) and (values.dropna().dt.normalize() == values.dropna()).all():
            df[col] = values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), None)
    return df


def _output(df, fmt: str, title: str = "", empty: list[str] | None = None) -> None:
    """Print `df` as a table, CSV or JSON lines. An empty result prints, on standard error,
    what was empty and the hints in `empty` (the table format prints no table then)."""
    if not len(df) and empty is not None:
        for line in empty:
            click.echo(line, err=True)
        if fmt == "table":
            return
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "jsonl":
        if len(df):  # nothing at all for no rows (pandas writes an empty line)
            out = _days_as_dates(df).to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
            sys.stdout.write(out.rstrip("\n") + "\n")
    else:
        from rich.console import Console

        import pandas as pd

        df = df.copy()
        for col in df.columns:  # dates print as dates
            if (
                pd.api.types.is_datetime64_any_dtype(df[col])
                and (df[col].dropna().dt.normalize() == df[col].dropna()).all()
            ):
                df[col] = df[col].dt.strftime("%Y-%m-%d").fillna("")
        table, need = _table(df, title)
        console = Console()
        # piped: do not squeeze the table into 80 columns; never narrower than the columns need
        width = console.width if console.is_terminal else 160
        if need > width or not console.is_terminal:
            console = Console(width=max(width, need))
        console.print(table)


def _count(db, f) -> int:
    from ..query import connection
    from ..query.pages import event_count

    with connection(db) as conn:
        return event_count(conn, f)


def _plural(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def nothing_found(db, f, what: str = "events") -> list[str]:
    """The message for an empty result, with hints: a code that is a root (--code 19), a root
    given as a code, the statuses left out by default, an empty database."""
    from dataclasses import replace

    lines = [f"no {what} match these filters"]
    try:
        if _count(db, replace(f, status="all", codes=None, roots=None)) == 0 and _count(db, type(f)(status="all")) == 0:
            return lines + ["the database has no events: code some with `tidings ingest FILES --db FILE`"]
        for code in [str(c) for c in f.codes or ()]:
            root = code[:2].zfill(2)
            n = _count(db, replace(f, codes=None, roots=[root]))
            if len(code) <= 2:
                lines.append(
                    f"hint: --code {code} matches the code {code} only (CAMEO codes have 3 or 4 digits); "
                    f"--root {root} matches every code under root {root}: {_plural(n, 'event')}"
                )
            elif n:
                lines.append(f"hint: --root {root} matches every code under root {root}: {_plural(n, 'event')}")
        for root in [str(r) for r in f.roots or ()]:
            if len(root) > 2:
                n = _count(db, replace(f, roots=None, codes=[root]))
                lines.append(
                    f"hint: --root takes the two-digit root ({root[:2]}); the code {root} is --code {root}: "
                    f"{_plural(n, 'event')}"
                )
        status = f.status if isinstance(f.status, (list, tuple)) else [f.status]
        if "all" not in status:
            n = _count(db, replace(f, status="all"))
            if n:
                lines.append(
                    f"hint: only {' and '.join(status)} events are counted; --status all finds {_plural(n, 'event')}"
                )
    except Exception:  # a hint is never worth an error
        pass
    return lines


_fmt = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)


def _cursor(ctx, param, value):
    """--after DATE,ID as `next page:` prints it (DATE is None for the undated events, listed
    last): a (date, id) pair. Anything else is a usage error naming the option."""
    if value is None:
        return None
    from ..records.days import parse_day

    date, sep, event_id = value.partition(",")
    ok = bool(sep and event_id.strip())
    if ok and date != "None":
        try:
            parse_day(date)
        except ValueError:
            ok = False
    if not ok:
        raise click.BadParameter(
            f"{value!r} is not a cursor: give DATE,ID as printed after 'next page:' (2022-01-10,9fc3ebe833f34031)"
        )
    return (date, event_id.strip())


@click.group("query")
def command():
    """Query the database: events, dyad time series, top actors, the actor network, stories, quotes."""


@command.command("events")
@db_option
@filter_options
@click.option("--limit", default=50, type=click.IntRange(min=1), show_default=True, help="Rows per page.")
@click.option(
    "--after",
    metavar="DATE,ID",
    callback=_cursor,
    help="Keyset cursor: the page after this (printed on stderr).",
)
@click.option("--one-a-day", is_flag=True, help="One row per (date, source, target, code) with counts.")
@_fmt
def events_cmd(db, limit, after, one_a_day, fmt, **filters):
    """Events matching the filters, newest first, with their evidence sentences."""
    from .. import query

    f = make_filters(**filters)
    if one_a_day and after:
        raise click.UsageError("--after pages the event list; --one-a-day has no pages (use --limit)")
    try:
        if one_a_day:
            df = query.events(db, filters=f, one_a_day=True, limit=limit)
            cursor = None
        else:
            df, cursor = query.event_page(db, filters=f, limit=limit, after=after)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    if fmt == "table" and len(df):
        cols = (
            [c for c in ONE_A_DAY_TABLE if c in df.columns]
            if one_a_day
            else ["date", "source_code", "code", "target_code", "status", "goldstein", "n_articles", "sentence"]
        )
        df = df[cols].copy()
        df["date"] = df["date"].astype(str).str[:10]
    if len(df):
        empty = None
    elif after:
        empty = [f"no events after --after {after[0]},{after[1]}: the page before was the last"]
    else:
        empty = nothing_found(db, f)
    _output(df, fmt, "events", empty)
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

    f = make_filters(**filters)
    try:
        df = query.dyad_series(db, filters=f, freq=freq, directed=not undirected, one_a_day=one_a_day)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    _output(df, fmt, "dyad", nothing_found(db, f) if not len(df) else None)


@command.command("actors")
@db_option
@filter_options
@click.option("--top", "n", default=20, type=click.IntRange(min=1), show_default=True, help="How many actors.")
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

    f = make_filters(**filters)
    try:
        df = query.top_actors(db, filters=f, n=n, role=role, by=by)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    _output(df, fmt, "actors", nothing_found(db, f) if not len(df) else None)


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
@click.option(
    "--min-count", default=1, type=click.IntRange(min=1), show_default=True, help="Drop edges with fewer events."
)
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

    f = make_filters(**filters)
    if out:
        graph_format = graph_format or _graph_format_of(out)
    try:
        edges = query.network(db, filters=f, by=by, min_count=min_count)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    if out:
        from ..query.networks import write_network

        write_network(edges, out, graph_format)
        click.echo(f"{len(edges)} edges written to {out} ({graph_format})", err=True)
    else:
        empty = None
        if not len(edges):
            empty = nothing_found(db, f)
            if min_count > 1:
                empty.append(f"hint: --min-count {min_count} leaves out the pairs with fewer events")
        _output(edges, fmt, "network", empty)


@command.command("stories")
@db_option
@click.option(
    "--min-articles",
    default=2,
    type=click.IntRange(min=1),
    show_default=True,
    help="Only stories with at least this many copies.",
)
@click.option("--start", metavar="YYYY-MM-DD", callback=_check_date, help="First publication date (inclusive).")
@click.option("--end", metavar="YYYY-MM-DD", callback=_check_date, help="Last publication date (inclusive).")
@click.option("--limit", default=50, type=click.IntRange(min=1), show_default=True, help="How many stories.")
@_fmt
def stories_cmd(db, min_articles, start, end, limit, fmt):
    """Stories with syndicated copies: articles, sources, outlets, dates, events."""
    from .. import query

    check_span(start, end)
    try:
        df = query.stories(db, min_articles=min_articles, start=start, end=end, limit=limit)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    empty = [f"no stories with at least {min_articles} copies" + (" in these dates" if start or end else "")]
    if min_articles > 1:
        empty.append("hint: --min-articles 1 lists every story, copies or not")
    _output(df, fmt, "stories", empty)


def _graph_format_of(path: str) -> str:
    """gexf or graphml from the file name (any case); another name needs --graph-format."""
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    if suffix in ("gexf", "graphml"):
        return suffix
    raise click.UsageError(f"{path}: name the file .gexf or .graphml, or give --graph-format gexf|graphml")


@command.command("quotes")
@db_option
@click.option("--speaker", help="Speaker: a country (RUS), an actor code prefix (RUSGOV) or part of a name.")
@click.option("--text", help="Text in the quote.")
@click.option("--start", metavar="YYYY-MM-DD", callback=_check_date, help="First publication date (inclusive).")
@click.option("--end", metavar="YYYY-MM-DD", callback=_check_date, help="Last publication date (inclusive).")
@click.option("--limit", default=50, type=click.IntRange(min=1), show_default=True, help="How many quotes.")
@_fmt
def quotes_cmd(db, speaker, text, start, end, limit, fmt):
    """Quotes and who said them, newest articles first."""
    from .. import query

    check_span(start, end)
    try:
        df = query.quotes(db, speaker=speaker, text=text, start=start, end=end, limit=limit)
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        fail(exc)
    if fmt == "table" and len(df):
        df = df[["published_date", "speaker_code", "speaker_name", "kind", "text", "outlet"]]
    _output(df, fmt, "quotes", ["no quotes match these filters"])
