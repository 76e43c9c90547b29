"""The store: migrations, idempotent writes, versions, the writer lock, read-only readers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace

import duckdb
import pytest

from storekit import WIRE, coded, other_story, wire_copies
from tidings.run.ingest import ingest
from tidings.records import InputError
from tidings.store import (
    MIGRATIONS,
    Store,
    StoreLocked,
    WriterLock,
    applied_migrations,
    connect,
    default_db_path,
    open_reader,
    table_counts,
)
from tidings.store.writer import article_hash, write_coded


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "t.duckdb")


def dump(db) -> dict[str, list]:
    """Every row of every table, sorted (for 'the database is identical')."""
    conn = open_reader(db)
    try:
        out = {}
        for t in (
            "articles",
            "article_versions",
            "stories",
            "events",
            "mentions",
            "quotes",
            "actors",
            "article_minhash",
            "lsh_buckets",
            "schema_migrations",
        ):
            rows = conn.execute(f"SELECT * FROM {t}").fetchall()
            out[t] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


def test_default_path(monkeypatch):
    monkeypatch.delenv("TIDINGS_DB", raising=False)
    assert default_db_path() == "tidings.duckdb"
    monkeypatch.setenv("TIDINGS_DB", "/data/x.duckdb")
    assert default_db_path() == "/data/x.duckdb"


def test_a_database_in_a_folder_that_does_not_exist_yet_is_created_there(tmp_path):
    path = tmp_path / "new" / "folder" / "events.duckdb"
    with Store(path):  # takes the writer lock beside the file and migrates
        assert (path.parent / "events.duckdb.lock").exists()
    assert path.exists() and not (path.parent / "events.duckdb.lock").exists()
    with connect(str(path)) as conn:
        assert table_counts(conn)["articles"] == 0


def test_migrations_are_named_and_recorded(db):
    with Store(db):
        pass
    conn = open_reader(db)
    names = [n for n, _ in applied_migrations(conn)]
    assert names == [n for n, _ in MIGRATIONS]
    assert all(t is not None for _, t in applied_migrations(conn))
    assert set(table_counts(conn)) >= {
        "articles",
        "article_versions",
        "events",
        "mentions",
        "quotes",
        "actors",
        "stories",
    }
    conn.close()
    with Store(db):  # a second open applies nothing again
        pass
    conn = open_reader(db)
    assert [n for n, _ in applied_migrations(conn)] == names
    conn.close()


def test_same_input_twice_leaves_the_database_identical(db):
    items = wire_copies() + [other_story()]
    r1 = ingest(items, db, progress=False)
    assert r1.new == 6 and r1.unchanged == 0
    before = dump(db)
    r2 = ingest(items, db, progress=False)
    assert r2.new == 0 and r2.updated == 0 and r2.unchanged == 6
    assert dump(db) == before
    # even when the skip-by-hash shortcut is bypassed, the writer itself changes nothing
    with Store(db) as store, store.session() as conn:
        for c in items:
            assert write_coded(conn, c).status == "unchanged"
    assert dump(db) == before


def test_fresh_databases_get_the_same_ids(tmp_path):
    items = wire_copies() + [other_story()]
    a, b = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    ingest(items, a, progress=False)
    ingest(items, b, progress=False)
    for table, key in (
        ("events", "id, num_id, story_id"),
        ("articles", "id, story_id, content_hash"),
        ("mentions", "event_id, article_id, coder_event_id"),
    ):
        ca, cb = open_reader(a), open_reader(b)
        assert (
            ca.execute(f"SELECT {key} FROM {table} ORDER BY ALL").fetchall()
            == cb.execute(f"SELECT {key} FROM {table} ORDER BY ALL").fetchall()
        )
        ca.close(), cb.close()


def test_updated_article_replaces_its_events_and_keeps_a_version(db):
    text = (
        "Russia and Ukraine held talks in Istanbul on Tuesday. "
        "Moscow said it would scale back military activity near Kyiv."
    )
    v1 = coded(
        "art-1",
        text,
        [
            (0, "RUS", "UKR", "036", "held talks", "2022-03-29"),
            (1, "RUSGOV", "UKR", "030", "would scale back", "2022-03-29", "future"),
        ],
        url="https://example.org/a",
        published="2022-03-29T10:00:00",
        updated=None,
    )
    ingest([v1], db, progress=False)
    conn = open_reader(db)
    old_events = {r[0] for r in conn.execute("SELECT id FROM events").fetchall()}
    conn.close()
    assert len(old_events) == 2

    text2 = text.replace("Istanbul", "Istanbul, Turkey") + " Ukraine said it would not trust Russia's promises."
    v2 = coded(
        "art-1",
        text2,
        [
            (0, "RUS", "UKR", "036", "held talks", "2022-03-29"),
            (2, "UKR", "RUS", "112", "would not trust", "2022-03-29", "negated"),
        ],
        url="https://example.org/a",
        published="2022-03-29T10:00:00",
        updated="2022-03-29T18:00:00",
    )
    r = ingest([v2], db, progress=False)
    assert r.updated == 1 and r.new == 0
    conn = open_reader(db)
    assert conn.execute("SELECT version, updated FROM articles WHERE id = 'art-1'").fetchone() == (
        2,
        "2022-03-29T18:00:00",
    )
    versions = conn.execute("SELECT version, text, content_hash FROM article_versions").fetchall()
    assert versions == [(1, text, article_hash(v1.article))]
    old_coded = json.loads(conn.execute("SELECT coded FROM article_versions").fetchone()[0])
    assert [(c["code"], c["status"]) for c in old_coded] == [("036", "asserted"), ("030", "future")]
    events = conn.execute("SELECT code, status FROM events ORDER BY code").fetchall()
    assert events == [("036", "asserted"), ("112", "negated")]  # the 030 of v1 is gone
    assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM mentions WHERE article_id <> 'art-1'").fetchone()[0] == 0
    conn.close()

    # the old version again changes nothing; the new one again changes nothing
    before = dump(db)
    r = ingest([v1, v2], db, progress=False)
    assert r.updated == 0 and r.new == 0
    assert dump(db) == before


def test_same_url_new_stamp_is_a_new_version(db):
    a = coded(
        "a1",
        WIRE,
        [(0, "RUSGOV", "USAGOV", "036", "held talks")],
        url="https://x.org/s",
        published="2021-12-07T10:00:00",
    )
    ingest([a], db, progress=False)
    b = coded(
        "a1",
        WIRE,
        [(0, "RUSGOV", "USAGOV", "036", "held talks")],
        url="https://x.org/s",
        published="2021-12-07T10:00:00",
        updated="2021-12-08T09:00:00",
    )
    r = ingest([b], db, progress=False)
    assert r.updated == 1
    conn = open_reader(db)
    assert table_counts(conn)["article_versions"] == 1
    assert conn.execute("SELECT n_mentions, n_articles FROM events").fetchall() == [(1, 1)]
    conn.close()


def test_a_failed_write_leaves_nothing_half_written(db, monkeypatch):
    # a failure of the database itself (here: the disk) stops the ingest; one article's bad
    # values only reject that article (tests/test_hostile_store.py)
    import tidings.store.writer as writer

    ingest([other_story()], db, progress=False)
    before = dump(db)

    real = writer._insert_rows

    def boom(conn, table, rows, *rest):
        if table == "mentions":  # after the article and its events were inserted
            raise OSError(28, "No space left on device")
        real(conn, table, rows, *rest)

    monkeypatch.setattr(writer, "_insert_rows", boom)
    with pytest.raises(OSError):
        ingest(wire_copies()[:1], db, progress=False)
    assert dump(db) == before
    # in a batch, the articles before the failing one are stored, the failing one not at all
    bad_id = wire_copies()[1].article.id

    def second_fails(conn, table, rows, *rest):
        if table == "mentions" and any(r[1] == bad_id for r in rows):
            raise OSError(28, "No space left on device")
        real(conn, table, rows, *rest)

    monkeypatch.setattr(writer, "_insert_rows", second_fails)
    with pytest.raises(OSError):
        ingest(wire_copies()[:3], db, progress=False)
    conn = open_reader(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2  # other_story + the first copy
    conn.close()


def test_resumable_skips_stored_articles_before_parsing(db, monkeypatch):
    import tidings.run.coding as pipeline

    items = wire_copies()
    ingest(items, db, progress=False)

    def no_parse(*a, **k):
        raise AssertionError("the parser must not run for stored unchanged articles")

    monkeypatch.setattr(pipeline, "code_articles", no_parse)
    r = ingest([c.article for c in items], db, progress=False)  # raw Articles: would need coding
    assert r.unchanged == 5 and r.new == 0


def test_bad_inputs_are_reported_and_the_batch_goes_on(db):
    errors = []
    r = ingest([InputError("bad.bin", "binary file"), other_story()], db, progress=False, on_error=errors.append)
    assert r.new == 1 and len(r.errors) == 1 and errors[0].source == "bad.bin"


def test_second_writer_gets_a_clear_error(db):
    with Store(db):
        code = textwrap.dedent(f"""
            import sys
            from tidings.store import Store, StoreLocked
            try:
                Store({db!r}).open()
            except StoreLocked as e:
                print(e); sys.exit(3)
        """)
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert p.returncode == 3, p.stderr
        assert f"database {db} is being written by pid {os.getpid()}" in p.stdout
        with pytest.raises(StoreLocked):
            WriterLock(db).acquire()  # also within this process, from a second lock object


def test_stale_lock_is_taken_over(db):
    with open(f"{db}.lock", "w") as f:
        f.write("999999999")  # no such process
    with Store(db) as store:
        assert store.lock.holder() == os.getpid()
    assert not os.path.exists(f"{db}.lock")


def test_readers_are_read_only_and_many(db):
    ingest([other_story()], db, progress=False)
    r1, r2 = open_reader(db), open_reader(db)
    assert r1.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert r2.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    with pytest.raises(duckdb.Error):
        r1.execute("DELETE FROM articles")
    r1.close(), r2.close()


def test_reader_of_a_missing_database_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no database at"):
        open_reader(str(tmp_path / "none.duckdb"))


def test_skipped_articles_are_stored_with_their_reason(db):
    c = replace(other_story(), events=(), quotes=(), actors=(), skipped="language is 'fr'")
    ingest([c], db, progress=False)
    conn = open_reader(db)
    assert conn.execute("SELECT skipped FROM articles").fetchone()[0] == "language is 'fr'"
    conn.close()
    assert ingest([c], db, progress=False).unchanged == 1


def test_store_and_query_layers_never_import_spacy():
    code = (
        "import sys; import tidings.store, tidings.store.writer, tidings.query, tidings.export, "
        "tidings.store.dedup, tidings.run.ingest; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_function_migration_upgrades_an_older_database(db):
    from tidings.store import dedup
    from tidings.store import migrations

    conn = duckdb.connect(db)
    conn.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
    for name, steps in migrations.MIGRATIONS[:2]:
        for sql in steps:
            conn.execute(sql)
        conn.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
    sig = dedup.minhash(dedup.shingles(WIRE))
    conn.execute("INSERT INTO article_minhash VALUES ('old', 10, ?)", [sig.tolist()])
    conn.execute("INSERT INTO lsh_buckets VALUES (0, 12345, 'old')")  # a bucket in the old scheme
    conn.close()
    with Store(db):
        pass
    conn = open_reader(db)
    assert "0003_lsh_bucket_index" in [n for n, _ in applied_migrations(conn)]
    assert sorted(conn.execute("SELECT band, bucket FROM lsh_buckets").fetchall()) == sorted(dedup.lsh_buckets(sig))
    conn.close()


def test_readers_get_in_between_write_batches(db):
    ingest([other_story()], db, progress=False)
    read = (
        "import sys\nfrom tidings.store import open_reader, StoreLocked\n"
        "try:\n    c = open_reader(sys.argv[1], wait=float(sys.argv[2]))\n"
        "    print(c.execute('SELECT count(*) FROM articles').fetchone()[0])\n"
        "except StoreLocked as e:\n    print(e)\n"
    )
    with Store(db) as store:  # the writer holds the lock, not the file: readers read
        p = subprocess.run([sys.executable, "-c", read, db, "5"], capture_output=True, text=True)
        assert p.stdout.strip() == "1", p.stderr
        with store.session():  # while a batch is written, a reader waits, then says who writes
            p = subprocess.run([sys.executable, "-c", read, db, "0.3"], capture_output=True, text=True)
            assert f"database {db} is being written by pid {os.getpid()}" in p.stdout, p.stderr


def test_the_writer_attaches_the_file_to_one_duckdb_per_batch(db):
    # one in-memory DuckDB for the Store's life (starting one costs 10-12 ms of CPU); each
    # session attaches the file and lets go of it after, a transaction left open rolled back
    with Store(db) as store:
        with store.session() as first:
            first.execute("INSERT INTO rejects VALUES ('a', 'read', NULL, NULL, 'x', 'v', now()::TIMESTAMP)")
        conn = open_reader(db)  # the file is free between sessions, in this process too
        assert conn.execute("SELECT count(*) FROM rejects").fetchone()[0] == 1
        conn.close()
        with store.session() as second:
            assert second is first
            second.execute("BEGIN TRANSACTION")
            second.execute("INSERT INTO rejects VALUES ('b', 'read', NULL, NULL, 'x', 'v', now()::TIMESTAMP)")
        conn = open_reader(db)
        assert conn.execute("SELECT source FROM rejects").fetchall() == [("a",)]
        conn.close()


def test_a_reader_holding_the_file_is_named_to_a_writing_store(db):
    ingest([other_story()], db, progress=False)
    code = (
        "import sys, time; from tidings.store import open_reader; c = open_reader(sys.argv[1]); "
        "print('open', flush=True); time.sleep(30)"
    )
    p = subprocess.Popen([sys.executable, "-c", code, db], stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "open"
        import tidings.store as store_mod

        with pytest.raises(StoreLocked, match=f"is open in pid {p.pid}"):
            store_mod._attach_for_writing(duckdb.connect(":memory:"), db, wait=0.3)
    finally:
        p.kill()
        p.wait()


def test_recode_replaces_events_of_unchanged_articles_without_a_version(db):
    c = other_story()
    ingest([c], db, progress=False)
    recoded = replace(c, events=c.events[:1])  # the coder (or its dictionaries) changed
    assert ingest([recoded], db, progress=False).unchanged == 1  # normally skipped
    r = ingest([recoded], db, progress=False, recode=True)
    assert r.recoded == 1
    conn = open_reader(db)
    assert table_counts(conn)["events"] == 1 and table_counts(conn)["article_versions"] == 0
    assert conn.execute("SELECT version FROM articles").fetchone()[0] == 1
    conn.close()


def test_articles_the_coder_failed_on_are_not_stored(db):
    c = other_story()
    failed = replace(c, events=(), quotes=(), actors=(), skipped="coding failed: ValueError: boom")
    seen = []
    r = ingest([failed], db, progress=False, on_skipped=lambda what, why: seen.append(why))
    assert r.failed == 1 and r.new == 0 and seen == ["coding failed: ValueError: boom"]
    assert ingest([c], db, progress=False).new == 1  # the next run (fixed coder) stores it


def test_new_id_same_url_moves_the_history(db):
    a = coded("old-id", WIRE, [(0, "RUSGOV", "USAGOV", "036", "held talks")], url="https://x.org/moved")
    b = coded(
        "new-id", WIRE + " More to follow.", [(0, "RUSGOV", "USAGOV", "036", "held talks")], url="https://x.org/moved"
    )
    ingest([a], db, progress=False)
    assert ingest([b], db, progress=False).updated == 1
    conn = open_reader(db)
    assert conn.execute("SELECT id, version FROM articles").fetchall() == [("new-id", 2)]
    assert conn.execute("SELECT article_id, version FROM article_versions").fetchall() == [("new-id", 1)]
    conn.close()
    assert ingest([a, b], db, progress=False).new == 0  # the old version again is recognised


def test_sources_are_outlets_else_url_hosts():
    from tidings.records import Article
    from tidings.store.writer import source_key

    assert source_key(Article(id="a", text="t", outlet="Reuters", url="https://www.x.org/1")) == "Reuters"
    assert source_key(Article(id="a", text="t", url="https://www.bbc.co.uk/news/1")) == "bbc.co.uk"
    assert source_key(Article(id="a", text="t")) == "a"


def test_source_key_migration_matches_the_writer(db):
    from tidings.store.writer import source_key

    items = [
        coded("u1", WIRE, url="https://www.example.org/a?x=1"),
        coded("u2", WIRE + " x", outlet="AP"),
        coded("u3", WIRE + " y"),
    ]
    ingest(items, db, progress=False)
    conn = duckdb.connect(db)
    conn.execute("UPDATE articles SET source_key = NULL")
    for sql in dict(MIGRATIONS)["0006_article_source_key"][1:]:
        conn.execute(sql)
    got = dict(conn.execute("SELECT id, source_key FROM articles").fetchall())
    conn.close()
    assert got == {c.article.id: source_key(c.article) for c in items} == {"u1": "example.org", "u2": "AP", "u3": "u3"}


def test_ingest_consumes_a_stream_lazily(db):
    def stream():
        yield from wire_copies()
        yield other_story()

    r = ingest(stream(), db, progress=False)
    assert r.new == 6
    assert ingest(other_story(), db, progress=False).unchanged == 1  # a single record works too


def test_a_reader_holding_the_file_is_named_to_the_writer(db):
    ingest([other_story()], db, progress=False)
    code = (
        "import sys, time; from tidings.store import open_reader; c = open_reader(sys.argv[1]); "
        "print('open', flush=True); time.sleep(30)"
    )
    p = subprocess.Popen([sys.executable, "-c", code, db], stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "open"
        with pytest.raises(StoreLocked, match=f"is open in pid {p.pid}"):
            connect(db, wait=0.3)
    finally:
        p.kill()
        p.wait()


def test_readers_upgrade_an_older_database(db):
    from tidings.store import migrations

    conn = duckdb.connect(db)
    conn.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
    for name, steps in migrations.MIGRATIONS[:5]:
        for step in steps:
            step(conn) if callable(step) else conn.execute(step)
        conn.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
    conn.close()
    r = open_reader(db)
    assert [n for n, _ in applied_migrations(r)] == [n for n, _ in MIGRATIONS]
    assert r.execute("SELECT count(source_key) FROM articles").fetchone()[0] == 0  # the column exists now
    r.close()
