"""`tidings demo [--db FILE]`: ingest the bundled example articles and print a summary."""

from __future__ import annotations

import click

from .dbopt import db_option

EXAMPLE_DIRS = ("examples", "demo")


def example_files(stack) -> list[str]:
    """Paths of the bundled example articles (data/examples and data/demo), extracted to real
    files when the package is installed as a zip."""
    from importlib import resources

    from ..readers.formats import input_suffixes

    out = []
    data = resources.files("tidings") / "data"
    for sub in EXAMPLE_DIRS:
        folder = data / sub
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if (
                item.is_file()
                and item.name.lower().endswith(input_suffixes())
                and not item.name.upper().startswith("README")
            ):
                out.append(str(stack.enter_context(resources.as_file(item))))
    return out


@click.command("demo")
@db_option
@click.option("--progress/--no-progress", default=None, help="Progress bar on standard error.")
def command(db, progress):
    """Ingest the bundled example articles into the database (default ./tidings.duckdb) and
    print what came out: articles and stories, events by root and quad class, top dyads,
    quotes, and a few events with the sentences that show them."""
    import contextlib

    from ..run.ingest import ingest
    from ..store import StoreLocked, default_db_path

    db = db or default_db_path()
    with contextlib.ExitStack() as stack:
        files = example_files(stack)
        if not files:
            raise click.ClickException("no example articles are bundled with this installation")
        try:
            report = ingest(
                files,
                db,
                progress=progress,
                on_error=lambda e: click.echo(f"error: {e}", err=True),
                on_skipped=lambda what, why: click.echo(f"skipped: {what}: {why}", err=True),
            )
        except StoreLocked as exc:
            raise click.ClickException(str(exc))
    click.echo(report.summary(), err=True)
    print_summary(db)


def print_summary(db) -> None:
    from rich.console import Console
    from rich.table import Table

    from .. import query
    from ..query import pages
    from ..export.codes import code_name
    from ..store import open_reader, table_counts

    console = Console(width=max(Console().width, 110))
    conn = open_reader(db)
    try:
        counts = table_counts(conn)
        copies = pages.stories_with_copies(conn)
        console.rule(f"[bold]tidings demo[/bold] -- {db}")
        console.print(
            f"{counts['articles']} articles ({counts['article_versions']} older versions kept) in "
            f"{counts['stories']} stories ({copies} with syndicated copies); {counts['events']} events "
            f"from {counts['mentions']} mentions; {counts['quotes']} quotes; {counts['actors']} actor rows"
        )
        for title, article in pages.largest_stories(conn, 3):
            console.print(f"  story [italic]{title}[/italic]: {article} copies")

        t = Table(title="events by root code")
        for c in ("root", "name", "events", "mentions"):
            t.add_column(c)
        for root, n, m in pages.root_counts(conn):
            t.add_row(root, code_name(root), str(n), str(m))
        console.print(t)

        t = Table(title="events by quad class and status")
        for c in ("quad class", "asserted", "negated", "hypothetical", "future"):
            t.add_column(c)
        rows = pages.quad_status_counts(conn)
        for q in (1, 2, 3, 4):
            t.add_row(
                f"{q} {query.QUAD_NAMES[q]}",
                *(str(sum(n for qq, s, n in rows if qq == q and s == st)) for st in query.STATUSES),
            )
        console.print(t)

        edges = query.network(conn, by="code", status="all").head(8)
        t = Table(title="top dyads (all statuses)")
        for c in ("source", "target", "events", "mean Goldstein", "coop (q1+q2)", "conflict (q3+q4)"):
            t.add_column(c)
        for r in edges.itertuples(index=False):
            t.add_row(r.source, r.target, str(r.weight), f"{r.goldstein_mean:+.1f}", str(r.q1 + r.q2), str(r.q3 + r.q4))
        console.print(t)

        quotes = pages.first_quotes(conn, 5)
        if quotes:
            console.print("[bold]quotes[/bold]")
            for who, kind, text in quotes:
                console.print(f"  {who} ({kind}): \u201c{cut(text, 110)}\u201d")

        page, _ = query.event_page(conn, limit=6, status="all")
        if len(page):
            console.print("[bold]a few events and their evidence[/bold]")

            def cell(v) -> str:
                return "-" if v is None or v != v or v == "" else str(v)  # None and NaN print as -

            for r in page.itertuples(index=False):
                date = "" if r.date is None or r.date != r.date else str(r.date)[:10]
                console.print(
                    f"  {date} {cell(r.source_code)} [bold]{r.code}[/bold] {cell(r.target_code)} "
                    f"({r.status}, {r.n_articles} article(s)): {cut(str(r.sentence or ''), 140)}"
                )
        console.print(next_steps(db, query.network(conn, by="country").head(1)), soft_wrap=True)
    finally:
        conn.close()


def next_steps(db, top_dyad) -> str:
    """Commands to try next on this database: its events, the time series of its busiest dyad of
    countries (asserted events), a GDELT export. Each names the database the demo wrote."""
    import shlex

    on = f"--db {shlex.quote(str(db))}"
    lines = ["next:", f"  tidings query events {on}"]
    for r in top_dyad.itertuples(index=False):
        lines.append(f"  tidings query dyad {on} --source {r.source} --target {r.target}")
    lines.append(f"  tidings export {on} --format gdelt -o events.tsv")
    return "\n".join(lines)


def cut(text: str, width: int) -> str:
    """The text if it fits in `width` characters, else its words that fit and an ellipsis."""
    if len(text) <= width:
        return text
    head = text[: width - 1]
    if text[width - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:") + "\u2026"
