"""Write one coded article into the store, in one transaction.

- Idempotent: an article whose content hash is already stored (as its current or an older
  version) is left alone.
- An updated article (same id, or same url, with a new text or update stamp) moves its
  previous row to `article_versions`, loses its old mentions, quotes and actors (events
  left with no mention are deleted) and is written again.
- Syndicated copies join the story of the stored article they duplicate (MinHash + LSH,
  see tidings.store.dedup); their events become extra mentions of the story's events when
  (date, source, target, code, status) agree and the trigger lemma or the sentence does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, overload

from . import dedup
from .evidence import EVIDENCE_SQL, Evidence, evidence, held
from ..records import ActorRef, Article, CodedArticle, Event, Span, content_id
from ..records.days import day_of

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "article_hash",
    "write_coded",
    "write_batch",
    "WriteResult",
    "event_num_id",
    "article_date",
    "write_rejects",
    "rejected_articles",
    "is_fatal",
]

_ARTICLE_FIELDS = (
    "title",
    "outlet",
    "byline",
    "agency",
    "published",
    "published_date",
    "updated",
    "url",
    "language",
    "dateline",
    "text",
    "removed",
    "source",
    "skipped",
)
SENTENCE_MATCH = 0.5
# json.dumps(value, ensure_ascii=False), with one encoder for the module: json.dumps makes a
# new JSONEncoder for every call with an option (4.7 -> 1.2 us for an actor's mentions)
_to_json = json.JSONEncoder(ensure_ascii=False).encode

# a row of a table, in its column order
Row = list[object]
# (id, content_hash, version) of a stored article
Previous = tuple[str, str, int]
# an article's shingle count, MinHash signature and LSH buckets (store.dedup)
Sketch = dedup.TextSketch
# what makes two events one: (date, source code, target code, event code, status)
EventKey = tuple[dt.date | None, str, str, str, str]
# the actors of an event row: source code, country and name, then the target's
ActorColumns = tuple[str | None, str | None, str | None, str | None, str | None, str | None]


class StoryEvent(TypedDict):
    """One event of a story, as the writer matches new mentions to it and keeps its counts."""

    id: str
    tkey: str  # the trigger's key (dedup.trigger_key)
    sentences: list[str]  # its mentions' sentences
    new: bool  # created by this batch (else stored before)
    row: NotRequired[Row]  # a new event's row of the events table
    articles: set[str]
    sources: set[str]
    mentions: int


# a story's events by what makes them one
StoryIndex = dict[EventKey, list[StoryEvent]]


class _PendingArticle(TypedDict):
    text: str
    story_id: str


def article_hash(article: Article) -> str:
    """Hash of everything read for an article: a new text or a new update stamp changes it."""
    a = article
    return content_id(
        "article",
        a.id,
        a.text,
        a.title,
        a.outlet,
        a.byline,
        a.agency,
        a.published,
        a.updated,
        a.url,
        a.language,
        a.dateline,
        size=24,
    )


def event_num_id(event_id: str) -> int:
    """A stable positive 60-bit integer for formats that need numeric ids (GDELT)."""
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:www\.)?([^/:?#]+)")


def source_key(article: Article) -> str:
    """What counts as one source (NumSources): the outlet, else the url's host, else the article."""
    if article.outlet:
        return article.outlet
    m = _HOST.match(article.url or "")
    return m.group(1) if m and m.group(1) else article.id


def article_date(article: Article) -> dt.date | None:
    """The article's publication day (records.days.day_of)."""
    return day_of(article.published)


def _event_date(event: Event, article: Article, story_date: dt.date | None = None) -> dt.date | None:
    """The event's own (day-precise) date when the text gives one; else the date of the story's
    first copy (so that a copy published a day later still mentions the same events); else the
    event's date (the coder's fallback, the publication date) or the article's date."""
    if event.date and len(event.date) == 10 and (event.date_text or story_date is None):
        try:
            return dt.date.fromisoformat(event.date)
        except ValueError:
            pass
    return story_date or article_date(article)


@dataclass(frozen=True)
class WriteResult:
    article_id: str
    status: str  # new | updated | recoded | unchanged | old-version | less-metadata | rejected
    story_id: str | None = None
    joined_story: bool = False
    new_events: int = 0
    mentions: int = 0
    reason: str | None = None  # why a copy was not stored (old-version, less-metadata)


def _in(values: Sequence[object]) -> str:
    """Placeholders for an IN list: "(?, ?, ?)" (values are always bound, never formatted)."""
    return "(" + ", ".join("?" * len(values)) + ")"


_TYPES: dict[str, list[str]] = {}


def _column_types(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    if table not in _TYPES:
        _TYPES[table] = [
            t
            for (t,) in conn.execute(
                "SELECT data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]
    return _TYPES[table]


# write_batch inserts each table's rows as one Arrow table of the columns' own types: DuckDB
# reads it without converting every value (a pool batch of 40 articles: 8 INSERTs took 2 to 3.5
# ms of CPU each with list parameters, 1 to 1.5 with Arrow). write_coded (one article, and the
# article-by-article retry of a batch that failed) binds list parameters as before, so what is
# refused, and why, is said as it was.
BULK_ARROW = True

# the Arrow type of each DuckDB column type the store uses (anything else: the list parameters)
_ARROW_NAMES = {
    "VARCHAR": "string",
    "INTEGER": "int32",
    "BIGINT": "int64",
    "SMALLINT": "int16",
    "TINYINT": "int8",
    "UINTEGER": "uint32",
    "DOUBLE": "float64",
    "BOOLEAN": "bool_",
    "DATE": "date32",
}


# a batch reads the text and story of its stored neighbours, their stories' events and first
# dates in three queries (_Pending._prefetch_neighbours), not one to three per copy: PolNeAR's
# repeated texts, 156 copies in 240 articles, 5.3 -> 2.7 ms per article in the ingest process
PREFETCH_STORIES = True


def _arrow_type(duck_type: str) -> Any:
    import pyarrow as pa

    if duck_type.endswith("[]"):
        inner = _arrow_type(duck_type[:-2])
        return None if inner is None else pa.list_(inner)
    if duck_type == "TIMESTAMP":
        return pa.timestamp("us")
    name = _ARROW_NAMES.get(duck_type)
    return getattr(pa, name)() if name else None


def _arrow_rows(types: list[str], rows: list[Row]) -> Any:
    """The rows as an Arrow table whose columns have the table's types, or None when a type has
    no Arrow twin here or a value does not convert as it is (a wrong type, an overflow, a lone
    surrogate, an aware datetime): those rows are bound as list parameters, as before."""
    import pyarrow as pa

    arrow_types = [_arrow_type(t) for t in types]
    if any(t is None for t in arrow_types):
        return None
    columns = list(zip(*rows))
    for col, duck_type in zip(columns, types):
        if duck_type == "TIMESTAMP" and any(v is not None and getattr(v, "tzinfo", None) for v in col):
            return None
    try:
        arrays = [pa.array(col, type=at) for col, at in zip(columns, arrow_types)]
    except (pa.ArrowException, TypeError, ValueError, OverflowError, UnicodeError):
        return None
    return pa.Table.from_arrays(arrays, names=[f"c{n}" for n in range(len(arrays))])


def _insert_rows(
    conn: duckdb.DuckDBPyConnection, table: str, rows: list[Row], suffix: str = "", bulk: bool = False
) -> None:
    """Insert rows (in the table's column order). `bulk`: as one Arrow table (see BULK_ARROW),
    when every value converts; otherwise with one list parameter per column, which DuckDB binds
    far faster than many VALUES tuples; list-typed tables use VALUES tuples."""
    if not rows:
        return
    width = len(rows[0])
    types = _column_types(conn, table)
    if bulk and len(types) == width:
        tidings_arrow_rows = _arrow_rows(types, rows)
        if tidings_arrow_rows is not None:
            # DuckDB finds the table by the name of this local variable (a replacement scan);
            # conn.register or conn.from_arrow would refuse to run while a fetchone() result
            # of the batch is unfinished (DuckDB 2), and cost more
            conn.execute(f"INSERT INTO {table} SELECT * FROM tidings_arrow_rows{suffix}")
            return
    if len(types) == width and not any(t.endswith("]") for t in types):
        cols = [list(col) for col in zip(*rows)]
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        conn.execute(f"INSERT INTO {table} SELECT {select}{suffix}", cols)
        return
    step = max(1, 2000 // width)
    for i in range(0, len(rows), step):
        chunk = rows[i : i + step]
        values = ", ".join(["(" + ", ".join("?" * width) + ")"] * len(chunk))
        conn.execute(f"INSERT INTO {table} VALUES {values}{suffix}", [v for row in chunk for v in row])


class _Pending:
    """What a batch has written but not yet inserted: rows per table, and in-memory views of
    them (articles, LSH buckets, story events and dates) so that later articles of the batch
    see earlier ones. Flushed in a few multi-row INSERTs before the batch commits."""

    TABLES = ("stories", "articles", "article_minhash", "lsh_buckets", "events", "mentions", "quotes", "actors")

    def __init__(self, bulk: bool = False) -> None:
        self.bulk = bulk  # insert each table's rows as one Arrow table (BULK_ARROW)
        # what prefetch() found: shingles and sketches, stored LSH neighbours, previous rows
        self.sketch: dict[str, Sketch] = {}
        self.lsh: dict[int, list[str]] = {}
        self.prev_by_id: dict[str, Previous] = {}
        self.prev_by_url: dict[str, Previous] = {}
        # what prefetch() found of the stored neighbours: (text, story id) by article id, and
        # their stories' events and first dates (valid, like the rest, until the first flush)
        self.stored_rows: dict[str, tuple[str | None, str | None]] = {}
        self.stored_stories: dict[str, StoryIndex] = {}
        self.stored_dates: dict[str, dt.date | None] = {}
        self.shingle_sets: dict[str, set[str]] = {}  # shingle sets by text, made once per batch
        self._clear()

    def _clear(self) -> None:
        """Forget what is pending (the sketches and stored neighbours stay right after a flush)."""
        self.prefetched = False  # prefetch() results are valid until the first flush
        self.rows: dict[str, list[Row]] = {t: [] for t in self.TABLES}
        self.articles: dict[str, _PendingArticle] = {}  # id -> {text, story_id}
        self.urls: dict[str, str] = {}  # url -> id
        self.buckets: dict[int, list[str]] = {}
        self.stories: dict[str, StoryIndex] = {}  # story id -> event index (see _story_events)
        self.story_dates: dict[str, dt.date | None] = {}
        self.db_touched: dict[str, StoryEvent] = {}  # stored events given new mentions
        self.new_matches: list[StoryEvent] = []  # events created by the batch

    def has(self, art: Article) -> bool:
        return art.id in self.articles or bool(art.url and art.url in self.urls)

    def shingles(self, text: str) -> set[str]:
        """The text's shingle set (dedup.shingles), made once in a batch: a copy's candidates
        are verified against the same texts again and again (PolNeAR's repeats)."""
        got = self.shingle_sets.get(text)
        if got is None:
            got = self.shingle_sets[text] = dedup.shingles(text)
        return got

    def prefetch(
        self,
        conn: duckdb.DuckDBPyConnection,
        items: list[CodedArticle],
        sketches: Sequence[Sketch | None] | None = None,
    ) -> None:
        """Look up, in one query each, what the batch's articles need from the stored data:
        their previous rows (by id or url) and their LSH neighbours. `sketches` (one per item,
        or None) are the texts' sketches when made already (by a pool's workers)."""
        self.sketch = {}
        keys: set[int] = set()
        if not items:
            return
        for n, c in enumerate(items):
            made = sketches[n] if sketches is not None else None
            sk = made.for_text(c.article.text) if made is not None else dedup.TextSketch.of(c.article.text)
            self.sketch[c.article.id] = sk
            if sk.count >= dedup.MIN_SHINGLES:
                keys.update(k for _, k in sk.buckets)
        self.lsh = {}
        ordered = sorted(keys)
        for i in range(0, len(ordered), 10_000):
            # the keys as one list parameter: binding an IN list of 1000 placeholders alone took
            # 5 to 7 ms (DuckDB 1.x), about a third of a pool batch's CPU in SQL; as an Arrow
            # column (BULK_ARROW) 1.1 ms for the 4,368 keys of 104 pool articles, not 4.3
            chunk = ordered[i : i + 10_000]
            for bucket, article_id in _neighbours(conn, chunk, self.bulk):
                self.lsh.setdefault(bucket, []).append(article_id)
        ids = sorted({c.article.id for c in items})
        urls = sorted({c.article.url for c in items if c.article.url})
        self.prev_by_id = {}
        self.prev_by_url = {}
        rows = conn.execute(
            f"SELECT id, content_hash, version, url FROM articles WHERE id IN {_in(ids)}", ids
        ).fetchall()
        if urls:
            rows += conn.execute(
                f"SELECT id, content_hash, version, url FROM articles WHERE url IN {_in(urls)} ORDER BY id", urls
            ).fetchall()
        for id_, h, v, url in rows:
            self.prev_by_id[id_] = (id_, h, v)
            if url and url not in self.prev_by_url:
                self.prev_by_url[url] = (id_, h, v)
        if PREFETCH_STORIES:
            self._prefetch_neighbours(conn)
        else:
            self.stored_rows, self.stored_stories, self.stored_dates = {}, {}, {}
        self.prefetched = True

    def _prefetch_neighbours(self, conn: duckdb.DuckDBPyConnection) -> None:
        """The text and story of every stored neighbour (a candidate copy), and the events and
        first date of their stories, in three queries for the whole batch instead of one to
        three per copy (a copy of a stored article joins its story: each of those queries
        scans and joins the tables anew)."""
        ids = sorted({a for found in self.lsh.values() for a in found})
        self.stored_rows, self.stored_stories, self.stored_dates = {}, {}, {}
        if not ids:
            return
        rows = _select_keyed(conn, "SELECT id, text, story_id FROM articles WHERE id IN ({keys})", ids, self.bulk)
        self.stored_rows = {id_: (text, story) for id_, text, story in rows}
        stories = sorted({story for _, story in self.stored_rows.values() if story})
        if not stories:
            return
        self.stored_stories = _stories_events(conn, stories, self.bulk)
        self.stored_dates = dict.fromkeys(stories)
        dates = _select_keyed(
            conn,
            "SELECT story_id, min(published_date) FROM articles WHERE story_id IN ({keys}) GROUP BY story_id",
            stories,
            self.bulk,
        )
        self.stored_dates.update(dates)

    def flush(self, conn: duckdb.DuckDBPyConnection) -> None:
        for m in self.new_matches:  # counts kept here rather than recounted in SQL
            m["row"][-3:] = [m["mentions"], len(m["articles"]), len(m["sources"])]
        for table in self.TABLES:
            suffix = " ON CONFLICT DO NOTHING" if table == "stories" else ""
            _insert_rows(conn, table, self.rows[table], suffix, self.bulk)
        old = [[m["id"], m["mentions"], len(m["articles"]), len(m["sources"])] for m in self.db_touched.values()]
        for i in range(0, len(old), 400):
            chunk = old[i : i + 400]
            values = ", ".join(["(?, ?, ?, ?)"] * len(chunk))
            conn.execute(
                f"""UPDATE events SET n_mentions = v.m, n_articles = v.a, n_sources = v.s
                             FROM (VALUES {values}) v(id, m, a, s) WHERE events.id = v.id""",
                [x for row in chunk for x in row],
            )
        # the sketches and stored neighbours stay right after a flush: shingles, and candidates to verify
        for bucket, ids in self.buckets.items():  # what was pending is stored now
            self.lsh.setdefault(bucket, []).extend(ids)
        self._clear()


def _select_keyed(conn: duckdb.DuckDBPyConnection, sql: str, keys: list[str], bulk: bool) -> list[tuple[Any, ...]]:
    """Run `sql`, whose "{keys}" is the list of string keys (bound, never formatted): as an
    Arrow column (`bulk`, see BULK_ARROW) or as one list parameter."""
    if bulk:
        import pyarrow as pa

        tidings_keys = pa.table({"k": pa.array(keys, type=pa.string())})  # noqa: F841 - a replacement scan reads it
        return conn.execute(sql.replace("{keys}", "SELECT k FROM tidings_keys")).fetchall()
    return conn.execute(sql.replace("{keys}", "SELECT unnest(?::VARCHAR[])"), [keys]).fetchall()


def _neighbours(conn: duckdb.DuckDBPyConnection, keys: list[int], bulk: bool) -> list[tuple[int, str]]:
    """(bucket, article id) of the stored articles in any of these LSH buckets."""
    if bulk:
        import pyarrow as pa

        tidings_bucket_keys = pa.table({"k": pa.array(keys, type=pa.int64())})  # noqa: F841 - a replacement scan reads it
        return conn.execute(
            "SELECT bucket, article_id FROM lsh_buckets WHERE bucket IN (SELECT k FROM tidings_bucket_keys)"
        ).fetchall()
    return conn.execute(
        "SELECT bucket, article_id FROM lsh_buckets WHERE bucket IN (SELECT unnest(?::BIGINT[]))", [keys]
    ).fetchall()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _find_story(conn: duckdb.DuckDBPyConnection, article_id: str, sketch: Sketch, pending: _Pending) -> str | None:
    if sketch.count < dedup.MIN_SHINGLES:
        return None
    keys = [k for _, k in sketch.buckets]
    if article_id in pending.sketch:
        hits: dict[str, int] = {}
        for k in keys:  # stored neighbours, looked up for the whole batch at once
            for other in pending.lsh.get(k, ()):
                if other != article_id:
                    hits[other] = hits.get(other, 0) + 1
    else:
        hits = dict(
            conn.execute(
                f"""SELECT article_id, count(*) AS hits FROM lsh_buckets
                WHERE bucket IN {_in(keys)} AND article_id <> ?
                GROUP BY article_id ORDER BY hits DESC, article_id LIMIT 20""",
                keys + [article_id],
            ).fetchall()
        )
    for k in keys:  # articles of this batch, not inserted yet
        for other in pending.buckets.get(k, ()):
            if other != article_id:
                hits[other] = hits.get(other, 0) + 1
    best, best_score = None, 0.0
    for cand_id, _hits in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        row: tuple[str | None, str | None] | None
        if cand_id in pending.articles:
            row = (pending.articles[cand_id]["text"], pending.articles[cand_id]["story_id"])
        elif pending.prefetched and cand_id in pending.stored_rows:
            row = pending.stored_rows[cand_id]
        else:
            fetched = conn.execute("SELECT text, story_id FROM articles WHERE id = ?", [cand_id]).fetchone()
            row = (fetched[0], fetched[1]) if fetched else None
        if not row or not row[1]:
            continue
        score = dedup.same_story_score(sketch.shingles(pending.shingle_sets), pending.shingles(row[0] or ""))
        if score is not None and score > best_score:
            best, best_score = row[1], score
    return best


def _retire(
    conn: duckdb.DuckDBPyConnection, old_id: str, now: dt.datetime, keep_version: bool = True, new_id: str | None = None
) -> set[str]:
    """Move the current row of an article to its history (unless keep_version is False) and
    drop what was coded from it; return the ids of the events it mentioned. When the new
    version has another id (same url), the history moves to the new id."""
    cols = ", ".join(_ARTICLE_FIELDS)
    new_id = new_id or old_id
    if keep_version:
        conn.execute(
            f"""INSERT INTO article_versions (article_id, version, content_hash, story_id, {cols},
                                              n_events, n_quotes, ingested_at, replaced_at)
                SELECT ?, version, content_hash, story_id, {cols}, n_events, n_quotes, ingested_at, ?
                FROM articles WHERE id = ?""",
            [new_id, now, old_id],
        )
    if keep_version:  # what the old version was coded as stays readable with it
        rows = conn.execute(
            """SELECT m.event_id, e.date, e.code, e.source_code, e.target_code, m.status, m.sentence,
                      m.trigger_text, m.sentence_text
               FROM mentions m JOIN events e ON e.id = m.event_id
               WHERE m.article_id = ? ORDER BY m.sentence, m.trigger_start""",
            [old_id],
        ).fetchall()
        coded = [
            {
                "event_id": r[0],
                "date": r[1].isoformat() if r[1] else None,
                "code": r[2],
                "source": r[3],
                "target": r[4],
                "status": r[5],
                "sentence": r[6],
                "trigger": r[7],
                "sentence_text": r[8],
            }
            for r in rows
        ]
        conn.execute(
            "UPDATE article_versions SET coded = ? WHERE article_id = ? AND replaced_at = ? AND coded IS NULL",
            [_to_json(coded), new_id, now],
        )
    if new_id != old_id:
        conn.execute(
            "INSERT INTO article_versions SELECT * REPLACE (? AS article_id) FROM article_versions "
            "WHERE article_id = ?",
            [new_id, old_id],
        )
        conn.execute("DELETE FROM article_versions WHERE article_id = ?", [old_id])
    affected = {
        r[0] for r in conn.execute("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?", [old_id]).fetchall()
    }
    for table in ("mentions", "quotes", "actors", "lsh_buckets", "article_minhash"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [old_id])
    conn.execute("DELETE FROM articles WHERE id = ?", [old_id])
    _drop_orphans(conn, affected)
    return affected


def _drop_orphans(conn: duckdb.DuckDBPyConnection, event_ids: set[str]) -> None:
    """Delete those of the given events that no mention points to any more."""
    if not event_ids:
        return
    ids = sorted(event_ids)
    conn.execute(
        f"DELETE FROM events WHERE id IN {_in(ids)} "
        f"AND id NOT IN (SELECT event_id FROM mentions WHERE event_id IN {_in(ids)})",
        ids + ids,
    )


def _recount(conn: duckdb.DuckDBPyConnection, event_ids: set[str]) -> None:
    if not event_ids:
        return
    ids = sorted(event_ids)
    conn.execute(
        """UPDATE events SET n_mentions = c.m, n_articles = c.a, n_sources = c.s
           FROM (SELECT m.event_id, count(*) AS m, count(DISTINCT m.article_id) AS a,
                        count(DISTINCT ar.source_key) AS s
                 FROM mentions m JOIN articles ar ON ar.id = m.article_id
                 WHERE m.event_id IN {_in(ids)}
                 GROUP BY m.event_id) c
           WHERE events.id = c.event_id""".replace("{_in(ids)}", _in(ids)),
        ids,
    )


_STORY_EVENTS_SQL = """SELECT e.story_id, e.id, e.date, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
                  e.code, e.status, e.trigger_key, list(m.sentence_text), list(m.article_id),
                  list(a.source_key), count(m.event_id)
           FROM events e
           LEFT JOIN mentions m ON m.event_id = e.id
           LEFT JOIN articles a ON a.id = m.article_id
           WHERE e.story_id IN ({stories})
           GROUP BY ALL ORDER BY e.id"""


def _story_events(conn: duckdb.DuckDBPyConnection, story_id: str) -> StoryIndex:
    """The events of a story by (date, source, target, code, status), with their mentions'
    sentences, articles and sources (to match new mentions and keep the counts)."""
    rows = conn.execute(_STORY_EVENTS_SQL.replace("{stories}", "?"), [story_id]).fetchall()
    return _story_index(rows)


def _stories_events(conn: duckdb.DuckDBPyConnection, story_ids: list[str], bulk: bool) -> dict[str, StoryIndex]:
    """_story_events of several stories in one query (each story's events in the same order)."""
    rows = _select_keyed(conn, _STORY_EVENTS_SQL.replace("{stories}", "{keys}"), story_ids, bulk)
    by_story: dict[str, list[tuple[Any, ...]]] = {story: [] for story in story_ids}
    for row in rows:
        by_story[row[0]].append(row)
    return {story: _story_index(story_rows) for story, story_rows in by_story.items()}


def _story_index(rows: list[tuple[Any, ...]]) -> StoryIndex:
    """A story's event index from its rows of _STORY_EVENTS_SQL (in the events' id order)."""
    index: StoryIndex = {}
    for _story, eid, date, src, tgt, code, status, tkey, sents, arts, srcs, n in rows:
        index.setdefault((date, src, tgt, code, status), []).append(
            {
                "id": eid,
                "tkey": tkey,
                "sentences": [s for s in (sents or []) if s],
                "new": False,
                "articles": {a for a in arts or [] if a},
                "sources": {x for x in srcs or [] if x},
                "mentions": n,
            }
        )
    return index


def _match(cands: list[StoryEvent], tkey: str, sentence: str) -> StoryEvent | None:
    for c in cands:
        if c["tkey"] == tkey:
            return c
    best, best_sim = None, SENTENCE_MATCH
    for c in cands:
        for s in c["sentences"]:
            sim = dedup.sentence_similarity(sentence, s)
            if sim >= best_sim:
                best, best_sim = c, sim
    return best


def _ref(a: ActorRef | None) -> tuple[str | None, str | None, str | None]:
    return (a.code, a.country, a.name) if a is not None else (None, None, None)


def write_coded(
    conn: duckdb.DuckDBPyConnection, coded: CodedArticle, *, now: dt.datetime | None = None, recode: bool = False
) -> WriteResult:
    """Write (or replace, or skip) one coded article in one transaction.

    recode=True replaces what was coded from an article stored unchanged (after the coder or
    its dictionaries changed), without recording a new version."""
    art = coded.article
    h = article_hash(art)
    now = now or _now()
    conn.execute("BEGIN TRANSACTION")
    try:
        pending = _Pending()
        result = _write(conn, coded, art, h, now, recode, pending)
        pending.flush(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if result.status in ("unchanged", "old-version"):
        conn.execute("ROLLBACK")
    else:
        conn.execute("COMMIT")
    return result


def write_batch(
    conn: duckdb.DuckDBPyConnection,
    items: list[CodedArticle],
    *,
    now: dt.datetime | None = None,
    recode: bool = False,
    on_reject: Callable[[CodedArticle, Exception], object] | None = None,
    sketches: Sequence[Sketch | None] | None = None,
) -> list[WriteResult]:
    """Write several articles in one transaction (one disk sync instead of one per article).
    If any of them fails, the whole transaction is rolled back and the articles are written
    again one transaction each, so that the failing one leaves nothing half-written. With
    `on_reject(coded, exc)`, an article that cannot be written (a value the database refuses)
    is handed to it, its result has status "rejected" (and as reason what on_reject returns,
    when a string), and the others are written; without it,
    the failure raises, with those before it stored. A failure of the database itself (I/O,
    a corrupt file) always raises. `sketches`, one per item (or None), are the texts' sketches
    (store.dedup.TextSketch) when made already, by the workers that coded them."""
    now = now or _now()
    conn.execute("BEGIN TRANSACTION")
    try:
        pending = _Pending(bulk=BULK_ARROW)
        pending.prefetch(conn, items, sketches)
        results = [_write(conn, c, c.article, article_hash(c.article), now, recode, pending) for c in items]
        pending.flush(conn)
    except Exception:
        conn.execute("ROLLBACK")
        out = []
        for c in items:
            try:
                out.append(write_coded(conn, c, now=now, recode=recode))
            except Exception as exc:
                if on_reject is None or is_fatal(exc):
                    raise
                why = on_reject(c, exc)
                out.append(WriteResult(c.article.id, "rejected", reason=why if isinstance(why, str) else None))
        return out
    conn.execute("COMMIT")
    return results


def is_fatal(exc: BaseException) -> bool:
    """Is this a failure of the database (every later write would fail too), rather than of one
    article's values?"""
    import duckdb

    return isinstance(
        exc,
        (
            OSError,
            MemoryError,
            duckdb.IOException,
            duckdb.FatalException,
            duckdb.InternalException,
            duckdb.TransactionException,
        ),
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


@overload
def _valid(value: str) -> str: ...
@overload
def _valid(value: None) -> None: ...


def _valid(value: str | None) -> str | None:
    return _SURROGATE.sub("\ufffd", value.replace("\x00", "")) if isinstance(value, str) else value


def write_rejects(
    conn: duckdb.DuckDBPyConnection,
    rows: list[tuple[str, str, str | None, str | None, str]],
    now: dt.datetime | None = None,
) -> None:
    """Record rejects: (source, stage, article_id, content_hash, reason) each, replacing an
    earlier reject of the same source at the same stage. Strings are made valid text first:
    the reason for a rejected article may quote the very value that could not be stored."""
    from .. import __version__

    if not rows:
        return
    now = now or _now()
    for source, stage, article_id, chash, reason in rows:
        conn.execute(
            "INSERT OR REPLACE INTO rejects VALUES (?, ?, ?, ?, ?, ?, ?)",
            [_valid(source)[:2000], stage, _valid(article_id), chash, _valid(reason)[:4000], __version__, now],
        )


def rejected_articles(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """(article id, content hash) -> reason, for the articles this version of tidings rejected
    at coding or writing: a rerun skips them, unless their content changed."""
    from .. import __version__

    rows = conn.execute(
        "SELECT article_id, content_hash, reason FROM rejects WHERE stage IN ('code', 'write') "
        "AND article_id IS NOT NULL AND tidings_version = ?",
        [__version__],
    ).fetchall()
    return {(a, h): r for a, h, r in rows}


@dataclass(frozen=True)
class StoredVersions:
    """What is stored already, for ingest to skip articles without coding them: current content
    hash by article id and by url, every (id, hash) kept as a version, and the evidence (which
    metadata, which stamp: store.evidence) of every current version, by id (`ids_by_url`
    finds the id of a url)."""

    by_id: dict[str, str]
    by_url: dict[str, str]
    versions: set[tuple[str, str]]
    evidence: dict[str, Evidence] = field(default_factory=dict)
    ids_by_url: dict[str, str] = field(default_factory=dict)

    def settled(self, art: Article, h: str | None = None) -> tuple[str, str | None] | None:
        """(status, reason) when the article needs no coding: 'unchanged' (stored as it is),
        'old-version' or 'less-metadata' (a copy that would not replace the stored version,
        as the writer decides); None when it is to be coded."""
        h = h or article_hash(art)
        if self.by_id.get(art.id) == h or (art.url and self.by_url.get(art.url) == h):
            return "unchanged", None
        stored_id = art.id if art.id in self.by_id else self.ids_by_url.get(art.url or "")
        if stored_id is None or stored_id not in self.evidence:
            return ("unchanged", None) if (art.id, h) in self.versions else None
        known = (stored_id, h) in self.versions or (art.id, h) in self.versions
        why = held(evidence(art), self.evidence[stored_id], known)
        return ("unchanged", None) if why and known else why  # kept as a version already: said before


def stored_versions(conn: duckdb.DuckDBPyConnection) -> StoredVersions:
    by_id: dict[str, str] = {}
    by_url: dict[str, str] = {}
    ids_by_url: dict[str, str] = {}
    known: dict[str, Evidence] = {}
    rows = conn.execute(f"SELECT id, url, content_hash, {EVIDENCE_SQL} FROM articles ORDER BY id").fetchall()
    for id_, url, h, *row in rows:
        by_id[id_] = h
        known[id_] = evidence(tuple(row))
        if url:
            by_url[url] = h
            ids_by_url.setdefault(url, id_)
    versions = {(a, h) for a, h in conn.execute("SELECT article_id, content_hash FROM article_versions").fetchall()}
    return StoredVersions(by_id, by_url, versions, known, ids_by_url)


def _write(
    conn: duckdb.DuckDBPyConnection,
    coded: CodedArticle,
    art: Article,
    h: str,
    now: dt.datetime,
    recode: bool,
    pending: _Pending,
) -> WriteResult:
    """Add one coded article to the batch: skip it when stored unchanged (or an older version),
    else retire the version it replaces, place it in a story, and add its rows."""
    if pending.has(art):  # the same article earlier in this batch: settle that first
        pending.flush(conn)
    prev = _previous(conn, art, pending)
    if prev and prev[1] == h and not recode:
        return WriteResult(art.id, "unchanged")
    same = prev is not None and prev[1] == h  # recoding an unchanged article: no new version
    if prev and not same:
        kept = _held(conn, coded, art, h, prev[0], recode)
        if kept is not None:
            return kept
    affected: set[str] = set()
    version = 1
    if prev:
        old_id, _, old_version = prev
        version = old_version if same else old_version + 1
        pending.flush(conn)  # a replacement works on stored rows only
        affected = _retire(conn, old_id, now, keep_version=not same, new_id=art.id)
    skey = source_key(art)
    place = _place_in_story(conn, art, bool(prev), now, pending)
    _add_article_rows(pending, coded, art, h, version, place, now, skey)
    touched, new_events, mentions = _add_event_rows(pending, coded, art, place, skey)
    _add_quote_and_actor_rows(pending, coded, art)
    if affected:  # a replaced version: write it now and recount everything it touched, in SQL
        pending.flush(conn)
        _recount(conn, set(touched) | affected)
        conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL)")
    status = "recoded" if same else "updated" if prev else "new"
    return WriteResult(art.id, status, place.story_id, place.joined, new_events, mentions)


def _held(
    conn: duckdb.DuckDBPyConnection, coded: CodedArticle, art: Article, h: str, stored_id: str, recode: bool
) -> WriteResult | None:
    """The result for a copy that does not replace the stored version (store.evidence: older,
    poorer, or replaced before and no richer now), None for one that does. With `recode`, a
    copy stored before as a replaced version has that version's coding renewed."""
    row = conn.execute(f"SELECT {EVIDENCE_SQL} FROM articles WHERE id = ?", [stored_id]).fetchone()
    count = conn.execute(
        "SELECT count(*) FROM article_versions WHERE article_id = ? AND content_hash = ?", [stored_id, h]
    ).fetchone()
    known = bool(count and count[0])
    why = held(evidence(art), evidence(tuple(row)), known) if row else None
    if why is None:
        return None
    if recode and known:
        conn.execute(
            "UPDATE article_versions SET coded = ? WHERE article_id = ? AND content_hash = ?",
            [_to_json(_coded_summary(coded, art)), stored_id, h],
        )
        return WriteResult(art.id, "recoded", reason="an older version: its coding in article_versions renewed")
    return WriteResult(art.id, why[0], reason=why[1])


def _coded_summary(coded: CodedArticle, art: Article) -> list[dict[str, object]]:
    """What a version not stored as the current one was coded as (article_versions.coded)."""
    out: list[dict[str, object]] = []
    for ev in coded.events:
        sent = _trimmed_sentence(coded, ev)
        date = _event_date(ev, art)
        out.append(
            {
                "event_id": None,  # not among the stored events: only the current version's are
                "date": date.isoformat() if date else None,
                "code": ev.code,
                "source": ev.source.code if ev.source else None,
                "target": ev.target.code if ev.target else None,
                "status": ev.status,
                "sentence": ev.sentence,
                "trigger": ev.trigger.text,
                "sentence_text": sent.text if sent else None,
            }
        )
    return out


def _previous(conn: duckdb.DuckDBPyConnection, art: Article, pending: _Pending) -> Previous | None:
    """(id, content_hash, version) of the stored article this one is a version of (same id, else
    same url), or None."""
    if pending.prefetched:
        return pending.prev_by_id.get(art.id) or (pending.prev_by_url.get(art.url) if art.url else None)
    prev = conn.execute("SELECT id, content_hash, version FROM articles WHERE id = ?", [art.id]).fetchone()
    if prev is None and art.url:
        prev = conn.execute(
            "SELECT id, content_hash, version FROM articles WHERE url = ? ORDER BY id LIMIT 1", [art.url]
        ).fetchone()
    return prev


@dataclass
class _StoryPlace:
    """Where an article goes: its story (joined: an existing one), the story's events so far,
    the story's first date before this article, and the article's sketch (store.dedup)."""

    story_id: str
    joined: bool
    index: StoryIndex
    story_date: dt.date | None
    sketch: Sketch


def _place_in_story(
    conn: duckdb.DuckDBPyConnection, art: Article, replaces: bool, now: dt.datetime, pending: _Pending
) -> _StoryPlace:
    # which story: a copy of a stored article joins its story
    sketch = pending.sketch.get(art.id) or dedup.TextSketch.of(art.text)
    story_id = _find_story(conn, art.id, sketch, pending)
    joined = story_id is not None
    if story_id is None:
        story_id = content_id("story", art.id)
        # (the story may exist: an earlier article with this id was moved to a new id by its url)
        pending.rows["stories"].append([story_id, art.id, art.title, now])

    # the story's events so far (stored, and added by this batch) and its first date
    index = pending.stories.get(story_id)
    if index is None:
        if not (joined or replaces):
            index = {}
        elif pending.prefetched and story_id in pending.stored_stories:
            index = pending.stored_stories.pop(story_id)  # as _story_events would read it: nothing flushed yet
        else:
            index = _story_events(conn, story_id)
        pending.stories[story_id] = index
    story_date = None
    if joined:
        if story_id not in pending.story_dates:
            if pending.prefetched and story_id in pending.stored_dates:
                pending.story_dates[story_id] = pending.stored_dates[story_id]
            else:
                first = conn.execute(
                    "SELECT min(published_date) FROM articles WHERE story_id = ?", [story_id]
                ).fetchone()
                pending.story_dates[story_id] = first[0] if first else None
        story_date = pending.story_dates[story_id]
    mine = article_date(art)
    earliest = pending.story_dates.get(story_id)
    if mine is not None and (earliest is None or mine < earliest):
        pending.story_dates[story_id] = mine
    return _StoryPlace(story_id, joined, index, story_date, sketch)


def _add_article_rows(
    pending: _Pending,
    coded: CodedArticle,
    art: Article,
    h: str,
    version: int,
    place: _StoryPlace,
    now: dt.datetime,
    skey: str,
) -> None:
    """The article's row, its MinHash sketch and LSH buckets."""
    pending.rows["articles"].append(
        [
            art.id,
            h,
            version,
            place.story_id,
            art.title,
            art.outlet,
            art.byline,
            art.agency,
            art.published,
            article_date(art),
            art.updated,
            art.url,
            art.language,
            art.dateline,
            art.text,
            _to_json(list(art.removed)),
            art.source,
            coded.skipped,
            len(coded.events),
            len(coded.quotes),
            now,
            skey,
        ]
    )
    pending.articles[art.id] = {"text": art.text, "story_id": place.story_id}
    if art.url:
        pending.urls[art.url] = art.id
    sketch = place.sketch
    if sketch.count >= dedup.MIN_SHINGLES:
        pending.rows["article_minhash"].append([art.id, sketch.count, sketch.signature.tolist()])
        for band, bucket in sketch.buckets:
            pending.rows["lsh_buckets"].append([band, bucket, art.id])
            pending.buckets.setdefault(bucket, []).append(art.id)


def _add_event_rows(
    pending: _Pending, coded: CodedArticle, art: Article, place: _StoryPlace, skey: str
) -> tuple[dict[str, StoryEvent], int, int]:
    """Events -> the story's events (new or matched) + one mention each. Returns the story
    events touched, how many are new, and the number of mentions."""
    touched: dict[str, StoryEvent] = {}
    new_events = 0
    mention_rows: list[Row] = []
    seen_coder_ids: set[str] = set()
    for ev in coded.events:
        if ev.id in seen_coder_ids:
            continue
        seen_coder_ids.add(ev.id)
        date = _event_date(ev, art, place.story_date)
        scode, scountry, sname = _ref(ev.source)
        tcode, tcountry, tname = _ref(ev.target)
        key: EventKey = (date, scode or "", tcode or "", ev.code, ev.status)
        tkey = dedup.trigger_key(ev.trigger.text)
        sent = _trimmed_sentence(coded, ev)
        sent_text = sent.text if sent else ""
        match = _match(place.index.get(key, []), tkey, sent_text)
        if match is None:
            event_id = content_id("event", place.story_id, date, scode, tcode, ev.code, ev.status, tkey, art.id, ev.id)
            pending.rows["events"].append(
                _event_row(event_id, place.story_id, date, ev, _ref(ev.source) + _ref(ev.target), tkey, art)
            )
            match = {
                "id": event_id,
                "tkey": tkey,
                "sentences": [],
                "new": True,
                "row": pending.rows["events"][-1],
                "articles": set(),
                "sources": set(),
                "mentions": 0,
            }
            place.index.setdefault(key, []).append(match)
            pending.new_matches.append(match)
            new_events += 1
        if sent_text:
            match["sentences"].append(sent_text)
        match["mentions"] += 1
        match["articles"].add(art.id)
        match["sources"].add(skey)
        touched[match["id"]] = match
        if not match["new"]:
            pending.db_touched[match["id"]] = match
        mention_rows.append(_mention_row(match["id"], art, ev, sent, sent_text))
    pending.rows["mentions"].extend(mention_rows)
    return touched, new_events, len(mention_rows)


def _event_row(
    event_id: str, story_id: str, date: dt.date | None, ev: Event, actors: ActorColumns, tkey: str, art: Article
) -> Row:
    """A new row of the events table (its counts are filled in when the batch is written)."""
    scode, scountry, sname, tcode, tcountry, tname = actors
    where = ev.place
    return [
        event_id, event_num_id(event_id), story_id, date, ev.date_text, ev.code, ev.code[:3], ev.root,
        ev.quad_class, ev.penta_class, ev.goldstein, ev.plover_event, ev.plover_mode,
        scode, scountry, sname, tcode, tcountry, tname, ev.status, tkey,
        where.name if where else None, where.country if where else None,
        where.lat if where else None, where.lon if where else None,
        ev.confidence, ev.rule, art.id, ev.sentence, 0, 0, 0,
    ]  # fmt: skip


def _trimmed_sentence(coded: CodedArticle, ev: Event) -> Span | None:
    """The event's sentence without the whitespace a sentence span may carry, offsets kept true."""
    sent = coded.sentences[ev.sentence] if 0 <= ev.sentence < len(coded.sentences) else None
    if sent is not None:
        lead = len(sent.text) - len(sent.text.lstrip())
        sent = Span(sent.text.strip(), sent.start + lead, sent.start + lead + len(sent.text.strip()))
    return sent


def _mention_row(event_id: str, art: Article, ev: Event, sent: Span | None, sent_text: str) -> Row:
    src, tgt, rep = ev.source, ev.target, ev.reported_by
    return [
        event_id,
        art.id,
        ev.id,
        ev.sentence,
        sent_text or None,
        sent.start if sent else None,
        sent.end if sent else None,
        ev.trigger.text,
        ev.trigger.start,
        ev.trigger.end,
        src.text if src else None,
        src.start if src else None,
        src.end if src else None,
        tgt.text if tgt else None,
        tgt.start if tgt else None,
        tgt.end if tgt else None,
        ev.status,
        rep.code if rep else None,
        rep.name if rep else None,
        ev.date_text,
        ev.confidence,
        ev.rule,
    ]


def _add_quote_and_actor_rows(pending: _Pending, coded: CodedArticle, art: Article) -> None:
    quote_rows: list[Row] = []
    for n, q in enumerate(coded.quotes):
        sp = q.speaker
        quote_rows.append(
            [
                content_id("quote", art.id, q.start, q.end, q.text),
                art.id,
                n,
                sp.code if sp else None,
                sp.country if sp else None,
                sp.name if sp else None,
                sp.text if sp else None,
                q.text,
                q.kind,
                q.cue,
                q.start,
                q.end,
            ]
        )
    pending.rows["quotes"].extend(quote_rows)
    actor_rows: list[Row] = [
        [
            art.id,
            n,
            a.code,
            a.country,
            a.name,
            a.rule,
            len(a.mentions),
            _to_json([[m.text, m.start, m.end] for m in a.mentions]),
        ]
        for n, a in enumerate(coded.actors)
    ]
    pending.rows["actors"].extend(actor_rows)
