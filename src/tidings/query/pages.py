"""The reads behind the web pages and the demo summary: plain rows from the store, which
`tidings.web.data` and `tidings.commands.demo` shape for people. User values reach SQL only
as bound parameters; column names come from fixed lists here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import Filters, exact_mean

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "event_count",
    "totals",
    "monthly_quads",
    "top_dyads",
    "facet_counts",
    "status_counts",
    "event_row",
    "event_mention_rows",
    "story_copies",
    "actor_names",
    "article_row",
    "article_events",
    "article_quotes",
    "article_list",
    "stories_with_copies",
    "largest_stories",
    "root_counts",
    "quad_status_counts",
    "first_quotes",
    "ARTICLE_LIST_COLUMNS",
]

_FACET_COLUMNS = {"root": "e.root", "quad": "e.quad_class", "source": "e.source_country", "target": "e.target_country"}
ARTICLE_LIST_COLUMNS = ("id", "title", "outlet", "published", "n_events", "n_quotes", "story_id", "version", "skipped")


def totals(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in the tables the overview page counts, and beside the events of every status the
    asserted ones (what the event list, the charts and the dyads count by default)."""
    out = {t: _count(conn, f"SELECT count(*) FROM {t}") for t in ("articles", "stories", "events")}
    out["asserted"] = _count(conn, "SELECT count(*) FROM events WHERE status = 'asserted'")
    out |= {t: _count(conn, f"SELECT count(*) FROM {t}") for t in ("mentions", "quotes")}
    return out


def _count(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = conn.execute(sql).fetchone()
    if row is None:  # not met: a count(*) query returns one row
        raise LookupError(f"no row from {sql}")
    n: int = row[0]
    return n


def monthly_quads(conn: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """(month, quad class, asserted events) for every dated month."""
    return conn.execute("""
        SELECT date_trunc('month', date)::DATE AS period, quad_class, count(*) AS n
        FROM events WHERE status = 'asserted' AND date IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2""").fetchall()


def top_dyads(conn: duckdb.DuckDBPyConnection, n: int = 10, *, same: bool = False) -> list[tuple[Any, ...]]:
    """(source code, target code, asserted events, mean Goldstein), the largest first: pairs of
    two codes, or with same=True an actor with itself (FRAGOV -> FRAGOV)."""
    same_code = "=" if same else "<>"
    return conn.execute(
        f"""
        SELECT source_code, target_code, count(*) AS events, {exact_mean("goldstein")} AS goldstein_mean
        FROM events WHERE status = 'asserted' AND source_code IS NOT NULL AND target_code IS NOT NULL
          AND source_code {same_code} target_code
        GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?""",
        [int(n)],
    ).fetchall()


def facet_counts(conn: duckdb.DuckDBPyConnection, f: Filters, name: str) -> list[tuple[Any, ...]]:
    """(value, events) of one facet (root, quad, source, target) over the filtered events."""
    col = _FACET_COLUMNS[name]
    where, params = f.where("e")
    return conn.execute(
        f"SELECT {col} AS v, count(*) AS n FROM events e WHERE {where} AND {col} IS NOT NULL "
        f"GROUP BY 1 ORDER BY n DESC, v LIMIT 20",
        params,
    ).fetchall()


def event_count(conn: duckdb.DuckDBPyConnection, f: Filters) -> int:
    """How many events the filters select."""
    where, params = f.where("e")
    row = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    if row is None:  # not met: a count(*) query returns one row
        raise LookupError("no row from the event count")
    n: int = row[0]
    return n


def undated_count(conn: duckdb.DuckDBPyConnection, f: Filters) -> int:
    """How many of the events the filters select have no date (GDELT and Phoenix rows need one)."""
    where, params = f.where("e")
    row = conn.execute(f"SELECT count(*) FROM events e WHERE {where} AND e.date IS NULL", params).fetchone()
    return int(row[0]) if row else 0


def status_counts(conn: duckdb.DuckDBPyConnection, f: Filters) -> list[tuple[Any, ...]]:
    """(status, events) over the filtered events of every status."""
    st = f.__dict__.copy()
    st["status"] = "all"
    where, params = Filters(**st).where("e")
    return conn.execute(
        f"SELECT e.status, count(*) FROM events e WHERE {where} GROUP BY 1 ORDER BY 2 DESC", params
    ).fetchall()


def _one(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> dict[str, Any] | None:
    cur = conn.execute(sql, params)
    row = cur.fetchone()
    if row is None:
        return None
    return {d[0]: v for d, v in zip(cur.description, row)}


def event_row(conn: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """Every stored column of one event, or None."""
    return _one(conn, "SELECT * FROM events WHERE id = ?", [event_id])


def event_mention_rows(conn: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Every mention of an event with its article's title, outlet, url, date and text."""
    cur = conn.execute(
        """
        SELECT m.*, a.title, a.outlet, a.url, a.published, a.text AS article_text
        FROM mentions m LEFT JOIN articles a ON a.id = m.article_id
        WHERE m.event_id = ? ORDER BY m.article_id, m.sentence""",
        [event_id],
    )
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def story_copies(conn: duckdb.DuckDBPyConnection, story_id: str | None) -> list[tuple[Any, ...]]:
    """(id, title, outlet, url, published) of every article of a story."""
    return conn.execute(
        """
        SELECT id, title, outlet, url, published FROM articles
        WHERE story_id = ? AND story_id IS NOT NULL ORDER BY published, id""",
        [story_id],
    ).fetchall()


def actor_names(conn: duckdb.DuckDBPyConnection, code: str, n: int = 5, *, exact: bool = False) -> list[str]:
    """The names most often given to an actor code or country (exact=True: to that code only)."""
    rows = conn.execute(
        f"""SELECT name, count(*) FROM actors WHERE code = ? OR ({not exact} AND country = ?)
                           GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?""",
        [code, code, int(n)],
    ).fetchall()
    return [name for name, _ in rows]


def article_row(conn: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """Every stored column of one article, or None."""
    return _one(conn, "SELECT * FROM articles WHERE id = ?", [article_id])


def article_events(conn: duckdb.DuckDBPyConnection, article_id: str) -> list[tuple[Any, ...]]:
    """(event id, trigger start, end, text, code, status, source code, target code, event
    date) of an article's mentions, in text order."""
    return conn.execute(
        """
        SELECT m.event_id, m.trigger_start, m.trigger_end, m.trigger_text, e.code, e.status,
               e.source_code, e.target_code, e.date
        FROM mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = ?
        ORDER BY m.trigger_start""",
        [article_id],
    ).fetchall()


def article_quotes(conn: duckdb.DuckDBPyConnection, article_id: str) -> list[tuple[Any, ...]]:
    """(speaker name, speaker code, text, kind, cue, start, end) of an article's quotes."""
    return conn.execute(
        """SELECT speaker_name, speaker_code, text, kind, cue, start_char, end_char
                           FROM quotes WHERE article_id = ? ORDER BY n""",
        [article_id],
    ).fetchall()


def article_list(conn: duckdb.DuckDBPyConnection, limit: int) -> list[tuple[Any, ...]]:
    """The newest articles, as tuples of ARTICLE_LIST_COLUMNS."""
    return conn.execute(
        f"""SELECT {", ".join(ARTICLE_LIST_COLUMNS)}
                            FROM articles ORDER BY published DESC NULLS LAST, id LIMIT ?""",
        [limit],
    ).fetchall()


def stories_with_copies(conn: duckdb.DuckDBPyConnection) -> int:
    """How many stories have more than one article."""
    return _count(conn, "SELECT count(*) FROM (SELECT story_id FROM articles GROUP BY story_id HAVING count(*) > 1)")


def largest_stories(conn: duckdb.DuckDBPyConnection, n: int = 3) -> list[tuple[Any, ...]]:
    """(title, articles) of the stories with the most copies."""
    return conn.execute(
        "SELECT s.title, count(*) FROM stories s JOIN articles a ON a.story_id = s.id GROUP BY ALL "
        "HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT ?",
        [int(n)],
    ).fetchall()


def root_counts(conn: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """(root, events, mentions) for every root code stored."""
    return conn.execute("SELECT root, count(*), sum(n_mentions) FROM events GROUP BY root ORDER BY root").fetchall()


def quad_status_counts(conn: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """(quad class, status, events)."""
    return conn.execute("SELECT quad_class, status, count(*) FROM events GROUP BY ALL").fetchall()


def first_quotes(conn: duckdb.DuckDBPyConnection, n: int = 5) -> list[tuple[Any, ...]]:
    """(speaker, kind, text) of the first quotes stored."""
    return conn.execute(
        "SELECT coalesce(speaker_name, speaker_text, '?'), kind, text FROM quotes ORDER BY article_id, n LIMIT ?",
        [int(n)],
    ).fetchall()
