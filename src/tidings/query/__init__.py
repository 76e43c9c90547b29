"""Queries over the store, as pandas DataFrames: events, dyad time series, top actors, the
actor network (written as GEXF or GraphML by `tidings.query.networks`).

Every function takes `db` (a path, None for the default database, or an open DuckDB
connection) and the same filters:

    start, end        dates (inclusive), "YYYY-MM-DD" or datetime.date
    actor             country ("RUS") or code ("RUSGOV", a prefix matches) as source OR target
    source, target    the same, for one side only
    codes, roots      CAMEO event codes ("036") / root codes ("03")
    quad_classes      GDELT quad classes (1-4)
    status            "asserted" (default), "negated", "hypothetical", "future", a list, or "all"
    text              a piece of text in an evidence sentence or an actor's name (case-insensitive)
    min_confidence    only events the coder is at least this confident of (0-1)

User values only ever reach SQL as bound parameters. No spaCy here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import pandas as pd

from ..records.days import parse_day
from ..store import open_reader

if TYPE_CHECKING:
    import duckdb

# a database: a path, None for the default one, or an open connection
Db: TypeAlias = "str | os.PathLike[str] | duckdb.DuckDBPyConnection | None"

__all__ = [
    "Filters",
    "events",
    "event_page",
    "event_sort_value",
    "EVENT_SORTS",
    "event_mentions",
    "article",
    "quotes",
    "stories",
    "dyad_series",
    "top_actors",
    "network",
    "QUAD_NAMES",
    "STATUSES",
]

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
STATUSES = ("asserted", "negated", "hypothetical", "future")
FREQS = ("day", "week", "month", "quarter", "year")


def _listify(v: object) -> list[Any] | None:
    if v is None:
        return None
    if isinstance(v, (str, int)):
        return [v]
    if not isinstance(v, Iterable):
        raise TypeError(f"{type(v).__name__!r} object is not iterable")  # as list(v) says
    return list(v)


_date = parse_day  # a filter's day, strictly (records.days)


@dataclass(frozen=True)
class Filters:
    start: object = None
    end: object = None
    actor: object = None
    source: object = None
    target: object = None
    codes: object = None
    roots: object = None
    quad_classes: object = None
    status: object = "asserted"
    text: str | None = None
    min_confidence: float | None = None
    # only the events waiting for the watch's next update file: the session's watch_pending
    # table, filled by tidings.store.watch.mark_pending
    waiting_for_update: bool = False

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A WHERE clause (without the keyword) and its parameters."""
        e = alias
        clauses: list[str] = []
        params: list[Any] = []
        if (d := _date(self.start)) is not None:
            clauses.append(f"{e}.date >= ?")
            params.append(d)
        if (d := _date(self.end)) is not None:
            clauses.append(f"{e}.date <= ?")
            params.append(d)

        def side(prefix: str, values: list[Any]) -> str:
            parts = []
            for v in values:
                v = str(v).strip().upper()
                parts.append(f"({e}.{prefix}_country = ? OR starts_with({e}.{prefix}_code, ?))")
                params.extend([v, v])
            return "(" + " OR ".join(parts) + ")"

        if vals := _listify(self.actor):
            clauses.append("(" + side("source", vals) + " OR " + side("target", vals) + ")")
        if vals := _listify(self.source):
            clauses.append(side("source", vals))
        if vals := _listify(self.target):
            clauses.append(side("target", vals))
        if vals := _listify(self.codes):
            clauses.append(f"list_contains(?::VARCHAR[], {e}.code)")
            params.append([str(c) for c in vals])
        if vals := _listify(self.roots):
            clauses.append(f"list_contains(?::VARCHAR[], {e}.root)")
            params.append([str(c).zfill(2) for c in vals])
        if vals := _listify(self.quad_classes):
            clauses.append(f"list_contains(?::INTEGER[], {e}.quad_class)")
            params.append([int(q) for q in vals])
        status = _listify(self.status)
        if status and "all" not in status:
            bad = [s for s in status if s not in STATUSES]
            if bad:
                raise ValueError(f"unknown status {bad[0]!r}: use one of {', '.join(STATUSES)} or 'all'")
            clauses.append(f"list_contains(?::VARCHAR[], {e}.status)")
            params.append(status)
        if self.min_confidence is not None:
            clauses.append(f"{e}.confidence >= ?")
            params.append(float(self.min_confidence))
        if self.text:
            # a semi-join on the matching mentions (computed once), not a correlated EXISTS
            clauses.append(
                f"""({e}.id IN (SELECT event_id FROM mentions WHERE contains(lower(sentence_text), lower(?)))
                     OR contains(lower(coalesce({e}.source_name, '')), lower(?))
                     OR contains(lower(coalesce({e}.target_name, '')), lower(?)))"""
            )
            params.extend([self.text] * 3)
        where = " AND ".join(clauses) or "TRUE"
        if self.waiting_for_update:
            where = f"({where}) AND {e}.id IN (SELECT event_id FROM watch_pending)"
        return where, params


def as_filters(filters: Filters | None, kw: dict[str, Any]) -> Filters:
    if filters is not None and kw:
        raise TypeError("pass either a Filters object or filter keywords, not both")
    return filters or Filters(**kw)


@contextlib.contextmanager
def connection(db: Db) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection `db` names: an open one as it is (left open), else a reader's, closed after."""
    if db is not None and hasattr(db, "execute") and not isinstance(db, (str, os.PathLike)):
        yield db
        return
    conn = open_reader(db)
    try:
        yield conn
    finally:
        conn.close()


EVENT_COLUMNS = """e.id, e.num_id, e.date, e.code, e.root, e.quad_class, e.penta_class, e.goldstein,
    e.plover_event, e.source_code, e.source_country, e.source_name, e.target_code, e.target_country,
    e.target_name, e.status, e.place_name, e.place_country, e.lat, e.lon, e.n_mentions, e.n_articles,
    e.n_sources, e.story_id, e.first_article_id"""


# the orders of an event page: (column, descending); ties go by id, newest id first
EVENT_SORTS: dict[str, tuple[str, bool]] = {
    "date": ("e.date", True),  # newest first
    "goldstein": ("e.goldstein", False),  # most conflictual first
    "mentions": ("e.n_mentions", True),  # most mentioned first
}


def _sort_value(sort: str, value: Any) -> Any:
    """A cursor's sort value as the column holds it (None: a row without one, which comes last)."""
    if value in (None, "", "None"):
        return None
    if sort == "date":
        return _date(value)
    return float(value) if sort == "goldstein" else int(value)


def _keyset(sort: str, after: tuple[Any, ...] | None, before: tuple[Any, ...] | None) -> tuple[str, list[Any], str]:
    """(the condition, its parameters, the ORDER BY) of the page after or before a cursor
    (sort value, id) in the order `sort`; rows without a sort value come last."""
    column, descending = EVENT_SORTS[sort]
    ahead, behind = ("<", ">") if descending else (">", "<")
    way, back = ("DESC", "ASC") if descending else ("ASC", "DESC")
    if before is not None:  # the rows just before the cursor: walk the other way, then turn round
        v = _sort_value(sort, before[0])
        order = f"{column} {back} NULLS FIRST, e.id ASC"
        if v is None:
            return f" AND ({column} IS NOT NULL OR e.id > ?)", [str(before[1])], order
        return (
            f" AND {column} IS NOT NULL AND ({column} {behind} ? OR ({column} = ? AND e.id > ?))",
            [v, v, str(before[1])],
            order,
        )
    order = f"{column} {way} NULLS LAST, e.id DESC"
    if after is None:
        return "", [], order
    v = _sort_value(sort, after[0])
    if v is None:  # rows without a sort value come last
        return f" AND {column} IS NULL AND e.id < ?", [str(after[1])], order
    return f" AND ({column} {ahead} ? OR ({column} = ? AND e.id < ?) OR {column} IS NULL)", [v, v, str(after[1])], order


def event_page(
    db: Db = None,
    *,
    limit: int = 50,
    after: tuple[Any, ...] | None = None,
    filters: Filters | None = None,
    before: tuple[Any, ...] | None = None,
    sort: str = "date",
    **kw: Any,
) -> tuple[pd.DataFrame, tuple[Any, Any] | None]:
    """One page of events, newest first (or in another order of EVENT_SORTS: `sort`), with
    keyset pagination over all the events the filters select: pass the returned cursor
    (the last row's sort value and id) as `after` to get the next page (None when there is
    none: a full last page has none either). `before` (a row's (sort value, id)) gives instead the `limit` rows just before that
    row, in the same order (the previous page). Each row carries its evidence sentence,
    article title and url."""
    if sort not in EVENT_SORTS:
        raise ValueError(f"sort must be one of {', '.join(EVENT_SORTS)}")
    f = as_filters(filters, kw)
    where, params = f.where("e")
    extra, more, order = _keyset(sort, after, before)
    where += extra
    params += more
    sql = f"""SELECT e.id FROM events e WHERE {where} ORDER BY {order} LIMIT ?"""
    with connection(db) as conn:
        # late materialisation: find the page's ids (narrow scan), then fetch their rows by key
        # one row more than the page tells whether a next page exists (a full last page has none)
        probe = int(limit) + (1 if before is None else 0)
        ids = [r[0] for r in conn.execute(sql, params + [probe]).fetchall()]
        has_next = before is not None or len(ids) > int(limit)
        ids = ids[: int(limit)]
        if before is not None:
            ids.reverse()
        df = conn.execute(
            f"""SELECT {EVENT_COLUMNS} FROM events e
                              WHERE e.id IN ({", ".join("?" * len(ids)) or "NULL"})""",
            ids,
        ).df()
        df = df.set_index("id").loc[ids].reset_index() if ids else df
        arts = sorted(set(df["first_article_id"].dropna()))
        # evidence and article of the page's events: point look-ups through the indexes
        ev = conn.execute(
            f"""SELECT event_id, article_id, arg_min(sentence_text, sentence) AS sentence,
                       arg_min(trigger_text, sentence) AS trigger
                FROM mentions WHERE event_id IN ({", ".join("?" * len(ids)) or "NULL"})
                GROUP BY event_id, article_id""",
            ids,
        ).df()
        meta = conn.execute(
            f"""SELECT id AS first_article_id, title, outlet, url FROM articles
                WHERE id IN ({", ".join("?" * len(arts)) or "NULL"})""",
            arts,
        ).df()
    ev = ev.rename(columns={"event_id": "id", "article_id": "first_article_id"})
    df = df.merge(ev, on=["id", "first_article_id"], how="left").merge(meta, on="first_article_id", how="left")
    cursor: tuple[Any, Any] | None = None
    if has_next and len(df) == int(limit):
        cursor = (event_sort_value(df.iloc[-1], sort), df.iloc[-1]["id"])
    return df, cursor


def event_sort_value(row: Any, sort: str = "date") -> Any:
    """A page row's value in the order `sort`, as a cursor holds it: an ISO day, a number,
    or None."""
    value = row[EVENT_SORTS[sort][0][2:]]
    if value is None or pd.isna(value):
        return None
    if sort == "date":
        return pd.Timestamp(value).date().isoformat()
    return float(value) if sort == "goldstein" else int(value)


def events(
    db: Db = None,
    *,
    one_a_day: bool = False,
    limit: int | None = None,
    filters: Filters | None = None,
    **kw: Any,
) -> pd.DataFrame:
    """Events matching the filters, newest first.

    one_a_day=True applies the GDELT/ICEWS one-a-day filter: one row per
    (date, source, target, code), with the number of distinct events, mentions, articles and
    sources aggregated over it.
    """
    f = as_filters(filters, kw)
    where, params = f.where("e")
    lim = " LIMIT ?" if limit is not None else ""
    if limit is not None:
        params = params + [int(limit)]
    if one_a_day:
        # articles and outlets are counted distinct over the mentions of the group's events
        # (an outlet may carry two stories with the same event; an article may code two statuses)
        sql = f"""
            WITH g AS (
                SELECT e.date, e.source_code, e.target_code, e.code,
                       any_value(e.root) AS root, any_value(e.quad_class) AS quad_class,
                       any_value(e.goldstein) AS goldstein,
                       any_value(e.source_country) AS source_country, min(e.source_name) AS source_name,
                       any_value(e.target_country) AS target_country, min(e.target_name) AS target_name,
                       count(*) AS n_events, sum(e.n_mentions)::BIGINT AS n_mentions,
                       min(e.id) AS first_event_id, list(e.id) AS ids
                FROM events e WHERE {where}
                GROUP BY e.date, e.source_code, e.target_code, e.code
                ORDER BY e.date DESC NULLS LAST, e.source_code, e.target_code, e.code{lim}),
            c AS (
                SELECT g.first_event_id, count(DISTINCT m.article_id) AS n_articles,
                       count(DISTINCT a.source_key) AS n_sources
                FROM (SELECT first_event_id, unnest(ids) AS event_id FROM g) g
                JOIN mentions m ON m.event_id = g.event_id
                JOIN articles a ON a.id = m.article_id
                GROUP BY g.first_event_id)
            SELECT g.* EXCLUDE (ids), coalesce(c.n_articles, 0) AS n_articles, coalesce(c.n_sources, 0) AS n_sources
            FROM g LEFT JOIN c USING (first_event_id)
            ORDER BY g.date DESC NULLS LAST, g.source_code, g.target_code, g.code"""
    else:
        sql = f"""SELECT {EVENT_COLUMNS} FROM events e WHERE {where}
                  ORDER BY e.date DESC NULLS LAST, e.id DESC{lim}"""
    with connection(db) as conn:
        return conn.execute(sql, params).df()


def event_mentions(db: Db = None, event_id: str = "") -> pd.DataFrame:
    """Every mention of one event: the article (title, outlet, url, published, version), the
    sentence and its offsets, the trigger and actor offsets, status and confidence."""
    sql = """SELECT m.*, a.title, a.outlet, a.url, a.published, a.version, a.story_id
             FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.event_id = ?
             ORDER BY a.published NULLS LAST, a.id, m.sentence"""
    with connection(db) as conn:
        return conn.execute(sql, [str(event_id)]).df()


def article(db: Db = None, article_id: str = "") -> dict[str, Any] | None:
    """One stored article (current version) with its events, quotes and actors, and the
    number of older versions kept."""
    with connection(db) as conn:
        cur = conn.execute("SELECT * FROM articles WHERE id = ?", [str(article_id)])
        row = cur.fetchone()
        if row is None:
            return None
        out = dict(zip([d[0] for d in cur.description], row))
        out["events"] = conn.execute(
            f"""SELECT {EVENT_COLUMNS}, m.sentence, m.sentence_text, m.trigger_text, m.trigger_start,
                       m.trigger_end, m.status AS mention_status
                FROM mentions m JOIN events e ON e.id = m.event_id
                WHERE m.article_id = ? ORDER BY m.sentence, m.trigger_start""",
            [str(article_id)],
        ).df()
        out["quotes"] = conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY n", [str(article_id)]).df()
        out["actors"] = conn.execute("SELECT * FROM actors WHERE article_id = ? ORDER BY n", [str(article_id)]).df()
        versions = conn.execute(
            "SELECT count(*) FROM article_versions WHERE article_id = ?", [str(article_id)]
        ).fetchone()
        if versions is None:  # not met: a count(*) query returns one row
            raise LookupError("no row from the count of article_versions")
        out["versions"] = versions[0]
        return out


def quotes(
    db: Db = None,
    *,
    speaker: str | None = None,
    text: str | None = None,
    start: object = None,
    end: object = None,
    limit: int | None = 100,
) -> pd.DataFrame:
    """Quotes with their speakers and articles; speaker is a country or code prefix, or a
    piece of the speaker's name; dates filter the article's publication date."""
    clauses: list[str] = []
    params: list[Any] = []
    if speaker:
        clauses.append(
            "(q.speaker_country = ? OR starts_with(q.speaker_code, ?) "
            "OR contains(lower(coalesce(q.speaker_name, q.speaker_text, '')), lower(?)))"
        )
        params += [speaker.upper(), speaker.upper(), speaker]
    if text:
        clauses.append("contains(lower(q.text), lower(?))")
        params.append(text)
    _published_between(clauses, params, start, end)
    where = " AND ".join(clauses) or "TRUE"
    lim = " LIMIT ?" if limit is not None else ""
    sql = f"""SELECT q.*, a.title, a.outlet, a.url, a.published_date
              FROM quotes q JOIN articles a ON a.id = q.article_id
              WHERE {where} ORDER BY a.published_date DESC NULLS LAST, q.article_id, q.n{lim}"""
    with connection(db) as conn:
        return conn.execute(sql, params + ([int(limit)] if limit is not None else [])).df()


def _published_between(clauses: list[str], params: list[Any], start: object, end: object) -> None:
    """Add the article publication-date range (inclusive) to a WHERE clause being built."""
    if (d := _date(start)) is not None:
        clauses.append("a.published_date >= ?")
        params.append(d)
    if (d := _date(end)) is not None:
        clauses.append("a.published_date <= ?")
        params.append(d)


def stories(
    db: Db = None, *, min_articles: int = 1, start: object = None, end: object = None, limit: int | None = 100
) -> pd.DataFrame:
    """Stories (groups of copies of one story) with their number of articles and sources, the
    outlets, first and last publication dates and number of events; most copied first."""
    clauses = ["TRUE"]
    params: list[Any] = []
    _published_between(clauses, params, start, end)
    lim = " LIMIT ?" if limit is not None else ""
    sql = f"""
        SELECT s.id AS story_id, s.title, count(*) AS n_articles, count(DISTINCT a.source_key) AS n_sources,
               string_agg(DISTINCT a.outlet, '; ') AS outlets, min(a.published_date) AS first_published,
               max(a.published_date) AS last_published,
               (SELECT count(*) FROM events e WHERE e.story_id = s.id) AS n_events
        FROM stories s JOIN articles a ON a.story_id = s.id
        WHERE {" AND ".join(clauses)}
        GROUP BY s.id, s.title HAVING count(*) >= ?
        ORDER BY n_articles DESC, first_published DESC NULLS LAST, s.id{lim}"""
    with connection(db) as conn:
        return conn.execute(sql, params + [int(min_articles)] + ([int(limit)] if limit is not None else [])).df()


def dyad_series(
    db: Db = None,
    *,
    freq: str = "month",
    directed: bool = True,
    one_a_day: bool = False,
    fill: bool = True,
    filters: Filters | None = None,
    **kw: Any,
) -> pd.DataFrame:
    """Counts per period for the events matching the filters (typically source= and target=):
    events, one column per quad class (q1..q4), Goldstein sum and mean, mentions.

    directed=False counts both directions of the dyad (source<->target swapped too).
    fill=True (the default) gives every period from the first with events to the last, a
    period without events as a row of zeros (Goldstein mean null): a time series to plot or
    model as it is. fill=False gives only the periods with events.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}")
    f = as_filters(filters, kw)
    where, params = f.where("e")
    if not directed and (f.source is not None or f.target is not None):
        swapped = Filters(**{**f.__dict__, "source": f.target, "target": f.source})
        w2, p2 = swapped.where("e")
        where, params = f"(({where}) OR ({w2}))", params + p2
    rows = f"SELECT e.date, e.quad_class, e.goldstein, e.n_mentions FROM events e WHERE e.date IS NOT NULL AND {where}"
    if one_a_day:  # filter single events first, then keep one per (date, source, target, code)
        rows = f"""SELECT e.date, any_value(e.quad_class) AS quad_class, any_value(e.goldstein) AS goldstein,
                          sum(e.n_mentions)::BIGINT AS n_mentions
                   FROM events e WHERE e.date IS NOT NULL AND {where}
                   GROUP BY e.date, e.source_code, e.target_code, e.code"""
    sql = f"""
        SELECT date_trunc('{freq}', r.date)::DATE AS period,
               count(*) AS events,
               count(*) FILTER (WHERE r.quad_class = 1) AS q1,
               count(*) FILTER (WHERE r.quad_class = 2) AS q2,
               count(*) FILTER (WHERE r.quad_class = 3) AS q3,
               count(*) FILTER (WHERE r.quad_class = 4) AS q4,
               {exact_sum("r.goldstein")} AS goldstein_sum,
               {exact_mean("r.goldstein")} AS goldstein_mean,
               sum(r.n_mentions)::BIGINT AS mentions
        FROM ({rows}) r
        GROUP BY period"""
    if fill:
        sql = f"""
            WITH s AS ({sql}),
            span AS (SELECT min(period)::TIMESTAMP AS lo, max(period)::TIMESTAMP AS hi FROM s)
            SELECT p.period, coalesce(s.events, 0) AS events, coalesce(s.q1, 0) AS q1, coalesce(s.q2, 0) AS q2,
                   coalesce(s.q3, 0) AS q3, coalesce(s.q4, 0) AS q4, coalesce(s.goldstein_sum, 0.0) AS goldstein_sum,
                   s.goldstein_mean, coalesce(s.mentions, 0)::BIGINT AS mentions
            FROM (SELECT unnest(generate_series(lo, hi, INTERVAL {_STEPS[freq]}))::DATE AS period
                  FROM span WHERE lo IS NOT NULL) p
            LEFT JOIN s USING (period)"""
    with connection(db) as conn:
        return conn.execute(sql + " ORDER BY period", params).df()


# one period of each frequency, as a DuckDB interval (the periods of a filled series)
_STEPS = {"day": "1 DAY", "week": "7 DAY", "month": "1 MONTH", "quarter": "3 MONTH", "year": "1 YEAR"}


def _actor_expr(side: str, by: str) -> str:
    if by == "country":
        return f"e.{side}_country"
    if by == "code":
        return f"e.{side}_code"
    raise ValueError("by must be 'code' or 'country'")


def top_actors(
    db: Db = None,
    *,
    n: int = 20,
    role: str = "either",
    by: str = "code",
    filters: Filters | None = None,
    **kw: Any,
) -> pd.DataFrame:
    """The most active actors: events as source, as target, total, and mean Goldstein."""
    if role not in ("either", "source", "target"):
        raise ValueError("role must be 'either', 'source' or 'target'")
    f = as_filters(filters, kw)
    where, params = f.where("e")
    s, t = _actor_expr("source", by), _actor_expr("target", by)
    parts = []
    if role in ("either", "source"):
        parts.append(
            f"SELECT {s} AS actor, e.source_name AS name, 1 AS as_source, 0 AS as_target, "
            f"e.goldstein FROM events e WHERE {s} IS NOT NULL AND {where}"
        )
    if role in ("either", "target"):
        parts.append(
            f"SELECT {t} AS actor, e.target_name AS name, 0 AS as_source, 1 AS as_target, "
            f"e.goldstein FROM events e WHERE {t} IS NOT NULL AND {where}"
        )
    sql = f"""
        SELECT actor, {_best_name("name")} AS name, count(*) AS events,
               sum(as_source)::BIGINT AS as_source, sum(as_target)::BIGINT AS as_target,
               {exact_mean("goldstein")} AS goldstein_mean
        FROM (SELECT *, count(*) OVER (PARTITION BY actor, name) AS name_n
              FROM ({" UNION ALL ".join(parts)}))
        GROUP BY actor ORDER BY events DESC, actor LIMIT ?"""
    with connection(db) as conn:
        return conn.execute(sql, params * len(parts) + [int(n)]).df()


def exact_sum(column: str) -> str:
    """SQL for a sum of Goldstein scores that is the same on every run: DuckDB adds doubles
    in the order its threads meet them, so avg() gave 2.32 once and 2.3200000000000003 the
    next time (the web overview and its JSON twin disagreed). Scores carry at most four
    decimals; a decimal sum is exact, and is given back as a double."""
    return f"sum({column}::DECIMAL(18, 4))::DOUBLE"


def exact_mean(column: str) -> str:
    """SQL for the mean of Goldstein scores, the same on every run (see exact_sum)."""
    return f"avg({column}::DECIMAL(18, 4))::DOUBLE"


# A name that does not name anyone: a pronoun or article first ("Its leaders", "A spokesman",
# "the army") or a lower-case start. Such names go after proper ones when an actor is named.
_GENERIC_NAME = r"^((?i)(a|an|the|its|his|her|their|our|this|that|these|those|some)\s|[^A-Z])"


def _best_name(column: str) -> str:
    """SQL for the name an actor is shown with, over the rows of a group: its most frequent
    proper name (a count column `<column>_n` per actor and name is expected, `name_n` for
    `name`), then any; ties by alphabet. min(name) showed 'A spokesman' for MMRGOV and
    'Its leaders' for RUSGOV."""
    count = "name_n" if column == "name" else f"{column}_n"
    generic = f"coalesce(regexp_matches({column}, '{_GENERIC_NAME}'), true)"
    return f"first({column} ORDER BY {column} IS NULL, {generic}, {count} DESC, {column})"


def network(
    db: Db = None, *, by: str = "code", min_count: int = 1, filters: Filters | None = None, **kw: Any
) -> pd.DataFrame:
    """Directed actor network: one row per (source, target) edge with the event count, mean
    and summed Goldstein, and counts per quad class."""
    f = as_filters(filters, kw)
    where, params = f.where("e")
    s, t = _actor_expr("source", by), _actor_expr("target", by)
    sql = f"""
        SELECT source, target,
               {_best_name("source_name")} AS source_name,
               {_best_name("target_name")} AS target_name,
               count(*) AS weight, {exact_mean("goldstein")} AS goldstein_mean, {exact_sum("goldstein")} AS goldstein_sum,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM (SELECT *, count(*) OVER (PARTITION BY source, target, source_name) AS source_name_n,
                     count(*) OVER (PARTITION BY source, target, target_name) AS target_name_n
              FROM (SELECT {s} AS source, {t} AS target, e.source_name, e.target_name, e.goldstein, e.quad_class
                    FROM events e
                    WHERE {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t} AND {where}))
        GROUP BY 1, 2 HAVING count(*) >= ?
        ORDER BY weight DESC, source, target"""
    with connection(db) as conn:
        return conn.execute(sql, params + [int(min_count)]).df()
