"""Same story, many copies: MinHash/LSH grouping and events as mentions across copies."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from storekit import OTHER, WIRE, coded, other_story, wire_copies
from tidings.store import dedup
from tidings import query
from tidings.run.ingest import ingest
from tidings.store import open_reader


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "d.duckdb")


def test_minhash_estimates_jaccard():
    a = dedup.shingles(WIRE)
    b = dedup.shingles(" ".join(WIRE.split(". ")[:4]))
    exact = dedup.similarity(a, b).jaccard
    est = dedup.estimated_jaccard(dedup.minhash(a), dedup.minhash(b))
    assert abs(est - exact) < 0.15
    assert dedup.estimated_jaccard(dedup.minhash(a), dedup.minhash(a)) == 1.0
    assert dedup.estimated_jaccard(dedup.minhash(a), dedup.minhash(dedup.shingles(OTHER))) < 0.1
    assert dedup.minhash(a).dtype == np.uint32 and len(dedup.minhash(a)) == dedup.NUM_PERM


def test_lsh_buckets_are_deterministic_and_shared_by_copies():
    sig = dedup.minhash(dedup.shingles(WIRE))
    assert dedup.lsh_buckets(sig) == dedup.lsh_buckets(sig.copy())
    assert len(dedup.lsh_buckets(sig)) == dedup.BANDS
    trimmed = dedup.minhash(dedup.shingles(" ".join(WIRE.split(". ")[:5])))
    shared = set(dedup.lsh_buckets(sig)) & set(dedup.lsh_buckets(trimmed))
    assert shared


def test_trigger_key_normalises_inflections():
    assert dedup.trigger_key("agreed") == dedup.trigger_key("agrees") == dedup.trigger_key("agree")
    assert dedup.trigger_key("Warned") == dedup.trigger_key("warning")
    assert dedup.trigger_key("held talks") != dedup.trigger_key("warned")


def test_five_copies_make_one_story_whose_events_have_five_articles(db):
    copies = wire_copies()
    assert len({c.article.title for c in copies}) == 5 and len({c.article.text for c in copies}) == 5
    r = ingest(copies + [other_story()], db, progress=False)
    assert r.joined_story == 4
    conn = open_reader(db)
    stories = conn.execute("SELECT story_id, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()
    assert [n for _, n in stories] == [5, 1]
    wire_story = stories[0][0]
    rows = conn.execute(
        "SELECT code, n_articles, n_mentions, n_sources FROM events WHERE story_id = ? ORDER BY code", [wire_story]
    ).fetchall()
    # 036, 057 and 172 are in every copy; the 138 sentence was trimmed from one copy
    assert rows == [("036", 5, 5, 5), ("057", 5, 5, 5), ("138", 4, 4, 4), ("172", 5, 5, 5)]
    # events are not multiplied: one event row per distinct event, five mentions each
    assert conn.execute("SELECT count(*) FROM events WHERE story_id = ?", [wire_story]).fetchone()[0] == 4
    conn.close()


def test_copy_order_does_not_matter_for_grouping(tmp_path):
    copies = wire_copies()
    a, b = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    ingest(copies, a, progress=False)
    ingest(list(reversed(copies)), b, progress=False)
    for path in (a, b):
        conn = open_reader(path)
        assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 1
        assert conn.execute("SELECT max(n_articles) FROM events").fetchone()[0] == 5
        conn.close()


def test_different_stories_on_the_same_topic_stay_apart(db):
    a = coded(
        "a",
        "Russian troops massed near the Ukrainian border on Monday, satellite images showed. "
        "Analysts said the build-up was the largest since 2014 and included tanks and artillery. "
        "Kyiv asked its Western allies for more air defence systems and for sanctions.",
        [(0, "RUSMIL", "UKR", "150", "massed")],
        published="2021-12-06",
    )
    b = coded(
        "b",
        "Ukraine's president asked NATO leaders to speed up membership talks on Monday. "
        "He told a summit in Brussels that his country could not wait for years to join the alliance. "
        "Several members said enlargement was not on the agenda before the spring.",
        [(0, "UKRGOV", "NATO", "020", "asked")],
        published="2021-12-06",
    )
    ingest([a, b], db, progress=False)
    conn = open_reader(db)
    assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 2
    conn.close()


def test_within_a_story_different_events_stay_different(db):
    # same dyad and code, but a different trigger and an unrelated sentence: two events
    text = (
        "Russia warned Ukraine against any offensive in the Donbas on Monday. "
        "Separately, Russia threatened Ukraine with a gas cut over unpaid bills."
    )
    c = coded(
        "x",
        text,
        [(0, "RUS", "UKR", "130", "warned", "2021-12-06"), (1, "RUS", "UKR", "130", "threatened", "2021-12-06")],
    )
    ingest([c], db, progress=False)
    conn = open_reader(db)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    conn.close()


def test_one_a_day_aggregates_across_stories(db):
    ingest(wire_copies() + [other_story()], db, progress=False)
    # a separate story with the same (date, source, target, code) as the wire's 036
    extra = coded(
        "extra",
        "In a separate report, officials confirmed that Russian and American negotiators held talks "
        "by telephone late on Tuesday about prisoner exchanges and embassy staffing levels in both "
        "capitals, without any breakthrough.",
        [(0, "RUSGOV", "USAGOV", "036", "held talks", "2021-12-07")],
        outlet="local",
    )
    ingest([extra], db, progress=False)
    all_events = query.events(db, codes="036")
    assert len(all_events) == 2
    daily = query.events(db, codes="036", one_a_day=True)
    assert len(daily) == 1
    row = daily.iloc[0]
    assert (row.n_events, row.n_articles, row.n_mentions) == (2, 6, 6)
    conn = open_reader(db)
    view = conn.execute("SELECT n_events, n_articles FROM event_daily WHERE code = '036'").fetchall()
    assert view == [(2, 6)]
    conn.close()


def test_undated_events_of_a_later_copy_take_the_story_date(db):
    first, later = wire_copies()[:2]
    undated = lambda c: replace(c, events=tuple(replace(e, date=None) for e in c.events))
    later = replace(undated(later), article=replace(later.article, published="2021-12-08T09:00:00"))
    ingest([undated(first), later], db, progress=False)
    conn = open_reader(db)
    assert conn.execute("SELECT DISTINCT date FROM events").fetchall() == [(__import__("datetime").date(2021, 12, 7),)]
    assert conn.execute("SELECT max(n_articles) FROM events").fetchone()[0] == 2
    conn.close()


def test_one_a_day_counts_outlets_once(db):
    # the same outlet carries two different stories with the same (date, source, target, code)
    a = coded(
        "s1",
        "Russian and American negotiators held talks in Geneva on Monday about strategic stability "
        "and arms control, officials from both delegations said afterwards in separate statements.",
        [(0, "RUSGOV", "USAGOV", "036", "held talks", "2022-01-10")],
        outlet="reuters",
    )
    b = coded(
        "s2",
        "In a separate meeting, Russian diplomats held talks with a United States delegation about "
        "the future of consulates and the visas of embassy staff, the foreign ministry in Moscow said.",
        [(0, "RUSGOV", "USAGOV", "036", "held talks", "2022-01-10")],
        outlet="reuters",
    )
    ingest([a, b], db, progress=False)
    row = query.events(db, one_a_day=True).iloc[0]
    assert (row.n_events, row.n_mentions, row.n_articles, row.n_sources) == (2, 2, 2, 1)
    conn = open_reader(db)
    assert conn.execute("SELECT n_events, n_articles, n_sources FROM event_daily").fetchall() == [(2, 2, 1)]
    conn.close()


def test_batched_writes_equal_one_by_one_writes(tmp_path, monkeypatch):
    import tidings.run.ingest as ingest_mod

    text = (
        "Russia and Ukraine held talks in Istanbul on Tuesday about a ceasefire and prisoner exchanges. "
        "Moscow said it would scale back military activity near Kyiv and Chernihiv as a gesture."
    )
    v1 = coded("same-art", text, [(0, "RUS", "UKR", "036", "held talks", "2022-03-29")], url="https://e.org/x")
    v2 = coded(
        "same-art",
        text + " Kyiv was sceptical.",
        [(0, "RUS", "UKR", "036", "held talks", "2022-03-29"), (1, "RUSGOV", "UKR", "030", "would scale back")],
        url="https://e.org/x",
        updated="2022-03-30",
    )
    items = wire_copies() + [v1, other_story(), v2] + list(reversed(wire_copies()))

    def run(path, batch):
        monkeypatch.setattr(ingest_mod, "WRITE_BATCH", batch)
        ingest(items, path, progress=False)
        conn = open_reader(path)
        out = {
            t: conn.execute(q).fetchall()
            for t, q in {
                "articles": "SELECT id, content_hash, version, story_id, source_key FROM articles ORDER BY ALL",
                "versions": "SELECT article_id, version, content_hash, coded FROM article_versions ORDER BY ALL",
                "events": "SELECT * EXCLUDE (confidence) FROM events ORDER BY id",
                "mentions": "SELECT * FROM mentions ORDER BY ALL",
                "stories": "SELECT id, first_article_id FROM stories ORDER BY ALL",
                "lsh": "SELECT * FROM lsh_buckets ORDER BY ALL",
            }.items()
        }
        conn.close()
        return out

    one = run(str(tmp_path / "one.duckdb"), 1)
    many = run(str(tmp_path / "many.duckdb"), 16)
    assert one == many
    assert [v[1] for v in one["versions"]] == [1]


def test_sketches_made_by_workers_give_the_same_store(tmp_path):
    # a pool's workers send each text's sketch (count, signature, buckets) without its shingles
    # or its text; the writer verifies candidates with shingles made again from the text
    import datetime
    import pickle

    from tidings.store import Store
    from tidings.store.writer import write_batch

    text = "Russia and Ukraine held talks in Istanbul on Tuesday about a ceasefire and prisoner exchanges."
    v1 = coded("same-art", text, [(0, "RUS", "UKR", "036", "held talks", "2022-03-29")], url="https://e.org/x")
    v2 = coded("same-art", text + " Kyiv was sceptical.", [], url="https://e.org/x", updated="2022-03-30")
    items = wire_copies() + [v1, other_story(), v2] + list(reversed(wire_copies()))

    def stored(path, sketches):
        now = datetime.datetime(2022, 4, 1, 12, 0)
        with Store(path) as store, store.session() as conn:
            results = write_batch(conn, items[:7], now=now, sketches=sketches and sketches[:7])
            results += write_batch(conn, items[7:], now=now, sketches=sketches and sketches[7:])
        conn = open_reader(path)
        tables = ("articles", "article_versions", "article_minhash", "lsh_buckets", "stories", "events", "mentions")
        out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
        conn.close()
        return [r.status for r in results], [r.joined_story for r in results], out

    sent = [pickle.loads(pickle.dumps(dedup.TextSketch.of(c.article.text, portable=True))) for c in items]
    assert all(s.count == len(dedup.shingles(c.article.text)) for s, c in zip(sent, items))
    with pytest.raises(ValueError):
        sent[0].shingles()  # travelled without its text
    mine = stored(str(tmp_path / "writer.duckdb"), None)
    theirs = stored(str(tmp_path / "workers.duckdb"), sent)
    assert mine == theirs
    assert sum(mine[1]) >= 4  # copies joined the wire story: candidates were verified


def test_copies_of_stored_stories_read_them_once_per_batch(tmp_path, monkeypatch):
    # a batch looks up its stored neighbours' texts and stories, and those stories' events and
    # first dates, in a few queries for the whole batch (store.writer: _Pending.prefetch); the
    # store is the same as when every copy is written alone, reading its story as it goes
    import datetime

    import tidings.store.writer as writer
    from tidings.store import Store

    first = wire_copies()[:2] + [other_story()]
    again = [
        replace(c.article, id=c.article.id + "~again", url=c.article.url and c.article.url + "?again") for c in first
    ]
    later = wire_copies()[2:] + [replace(c, article=a) for c, a in zip(first, again)]
    now = datetime.datetime(2022, 4, 1, 12, 0)
    tables = ("articles", "stories", "events", "mentions", "lsh_buckets")

    def stored(path, batched):
        with Store(path) as store, store.session() as conn:
            writer.write_batch(conn, first, now=now)
            if batched:
                results = writer.write_batch(conn, later, now=now)
            else:
                results = [writer.write_coded(conn, c, now=now) for c in later]
        conn = open_reader(path)
        out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
        conn.close()
        return results, out

    alone = stored(str(tmp_path / "alone.duckdb"), False)
    read_alone = []
    story_events = writer._story_events
    monkeypatch.setattr(writer, "_story_events", lambda conn, sid: read_alone.append(sid) or story_events(conn, sid))
    batched = stored(str(tmp_path / "batch.duckdb"), True)
    assert batched == alone
    assert sum(r.joined_story for r in batched[0]) == len(later)  # every one a copy of a stored story
    assert read_alone == []  # the stored stories came with the batch's look-ups
