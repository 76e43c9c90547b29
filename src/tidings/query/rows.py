"""The stored events as rows for the exports (`tidings.export`): each row a dict of the event's
columns with its first article's url, outlet, agency, byline, title and date, and its evidence
sentence and who reported it there. The
rows stream from the database in chunks, so an export of millions of events stays small."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from . import Filters

if TYPE_CHECKING:
    import duckdb

__all__ = ["event_rows", "mention_rows", "events_with_sources"]

_EVENT_SQL = """
    SELECT e.*, a.url, a.outlet, a.title, a.published, a.agency, a.byline, length(a.text) AS doc_len,
           m.sentence_text AS sentence, m.trigger_text AS trigger, m.sentence AS sentence_no,
           m.reported_by_code, m.reported_by_name
    FROM events e
    LEFT JOIN articles a ON a.id = e.first_article_id
    LEFT JOIN (SELECT event_id, article_id, arg_min(sentence_text, sentence) AS sentence_text,
                      arg_min(trigger_text, sentence) AS trigger_text, min(sentence) AS sentence,
                      arg_min(reported_by_code, sentence) AS reported_by_code,
                      arg_min(reported_by_name, sentence) AS reported_by_name
               FROM mentions GROUP BY event_id, article_id) m
           ON m.event_id = e.id AND m.article_id = e.first_article_id
    WHERE {where}
    ORDER BY e.date NULLS LAST, e.num_id"""


_MENTION_SQL = """
    SELECT e.num_id, e.date, ea.published AS event_published, a.published, a.outlet, a.agency, a.url,
           a.id AS article_id,
           length(a.text) AS doc_len, m.sentence, m.source_start, m.target_start, m.trigger_start, m.confidence
    FROM mentions m
    JOIN events e ON e.id = m.event_id
    JOIN articles a ON a.id = m.article_id
    LEFT JOIN articles ea ON ea.id = e.first_article_id
    WHERE {where} AND e.date IS NOT NULL
    ORDER BY e.date, e.num_id, a.published NULLS LAST, a.id, m.sentence, m.coder_event_id"""


_PHOENIX_SQL = """
    SELECT e.*, s.urls, s.sources, a.id AS article_id
    FROM events e
    LEFT JOIN articles a ON a.id = e.first_article_id
    LEFT JOIN (SELECT m.event_id, string_agg(DISTINCT coalesce(ar.url, 'tidings:article:' || ar.id), ';') AS urls,
                      string_agg(DISTINCT ar.source_key, ';') AS sources
               FROM mentions m JOIN articles ar ON ar.id = m.article_id GROUP BY m.event_id) s
           ON s.event_id = e.id
    WHERE {where} AND e.date IS NOT NULL
    ORDER BY e.date, e.num_id"""


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any], chunk: int = 20000) -> Iterator[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    while True:
        batch = cur.fetchmany(chunk)
        if not batch:
            return
        for row in batch:
            yield dict(zip(names, row))


def event_rows(
    conn: duckdb.DuckDBPyConnection, filters: Filters, *, dated_only: bool = False
) -> Iterator[dict[str, Any]]:
    """The events with their first article and evidence sentence (`sentence`, `trigger`,
    `sentence_no`), by date (undated last) and number; `dated_only` leaves out undated events."""
    where, params = filters.where("e")
    yield from _rows(conn, _EVENT_SQL.format(where=where + (" AND e.date IS NOT NULL" if dated_only else "")), params)


def mention_rows(conn: duckdb.DuckDBPyConnection, filters: Filters) -> Iterator[dict[str, Any]]:
    """Every mention of the dated events, with its article (GDELT Mentions)."""
    where, params = filters.where("e")
    yield from _rows(conn, _MENTION_SQL.format(where=where), params)


def events_with_sources(conn: duckdb.DuckDBPyConnection, filters: Filters) -> Iterator[dict[str, Any]]:
    """The dated events with the urls (`urls`) and outlets (`sources`) of every article that
    mentions them, joined by ';' (Phoenix)."""
    where, params = filters.where("e")
    yield from _rows(conn, _PHOENIX_SQL.format(where=where), params)
