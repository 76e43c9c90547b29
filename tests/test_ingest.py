"""End-to-end ingest through the real readers and pipeline, and the ingest/demo commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.run.ingest import ingest
from tidings.store import open_reader, table_counts

pytestmark = pytest.mark.slow

TALKS = (
    "Russia and Ukraine held talks in Minsk on Sunday. Russian President Vladimir Putin met Ukrainian "
    "President Volodymyr Zelensky for three hours. The Kremlin said the two sides agreed to meet again."
)
SANCTIONS = (
    "The European Union imposed new sanctions on Belarus on Monday over the migrant crisis on its "
    "border with Poland. Polish officials accused Minsk of using migrants as a weapon."
)


def write_corpus(folder, talks=TALKS, stamp=None):
    folder.mkdir(exist_ok=True)
    rec = {
        "id": "talks-1",
        "title": "Russia, Ukraine hold talks",
        "published": "2021-12-12",
        "url": "https://example.org/talks",
        "outlet": "Example News",
        "text": talks,
    }
    if stamp:
        rec["updated"] = stamp
    (folder / "talks.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (folder / "sanctions.txt").write_text(
        "EU imposes new sanctions on Belarus\n\nBy Reuters\n\nPublished: 13 Dec 2021 10:00 AM\n\n" + SANCTIONS + "\n",
        encoding="utf-8",
    )
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


def snapshot(db):
    conn = open_reader(db)
    try:
        return (
            table_counts(conn),
            conn.execute("SELECT id, content_hash, story_id FROM articles ORDER BY id").fetchall(),
            conn.execute("SELECT id, num_id, code FROM events ORDER BY id").fetchall(),
            conn.execute("SELECT event_id, article_id, coder_event_id FROM mentions ORDER BY ALL").fetchall(),
        )
    finally:
        conn.close()


def test_ingest_folder_twice_through_the_pipeline(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    db = str(tmp_path / "e.duckdb")
    errors = []
    r1 = ingest([str(corpus)], db, progress=False, on_error=errors.append)
    assert r1.new == 2 and len(r1.errors) == 1 and "broken.txt" in errors[0].source
    first = snapshot(db)
    assert first[0]["articles"] == 2 and first[0]["events"] >= 1 and first[0]["mentions"] >= first[0]["events"]
    r2 = ingest([str(corpus)], db, progress=False)
    assert r2.new == 0 and r2.unchanged == 2
    assert snapshot(db) == first


def test_updated_article_through_the_pipeline(tmp_path):
    db = str(tmp_path / "e.duckdb")
    ingest([str(write_corpus(tmp_path / "v1"))], db, progress=False)
    v2 = TALKS.replace("agreed to meet again", "failed to agree on anything") + " Ukraine accused Russia of stalling."
    r = ingest([str(write_corpus(tmp_path / "v2", talks=v2, stamp="2021-12-13T08:00:00"))], db, progress=False)
    assert r.updated == 1 and r.unchanged == 1
    conn = open_reader(db)
    assert conn.execute("SELECT version, text FROM articles WHERE id = 'talks-1'").fetchone() == (2, v2)
    assert conn.execute("SELECT version, text FROM article_versions").fetchall() == [(1, TALKS)]
    # every mention of the article points into its current text
    for start, end, trig in conn.execute(
        "SELECT trigger_start, trigger_end, trigger_text FROM mentions WHERE article_id = 'talks-1'"
    ).fetchall():
        assert v2[start:end] == trig
    for start, end, sent in conn.execute(
        "SELECT sentence_start, sentence_end, sentence_text FROM mentions WHERE article_id = 'talks-1'"
    ).fetchall():
        assert v2[start:end] == sent and sent == sent.strip()
    conn.close()


def test_ingest_command(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    db = str(tmp_path / "cli.duckdb")
    r = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db])
    assert r.exit_code == 1  # one unreadable input
    assert "broken.txt" in r.stderr and "2 new" in r.stderr
    r = CliRunner().invoke(main, ["ingest", str(corpus / "talks.jsonl"), "--db", db])
    assert r.exit_code == 0 and "1 unchanged" in r.stderr


def test_second_writer_is_refused_by_the_command(tmp_path):
    from tidings.store import Store

    db = str(tmp_path / "locked.duckdb")
    with Store(db):
        r = CliRunner().invoke(main, ["ingest", str(write_corpus(tmp_path / "c") / "talks.jsonl"), "--db", db])
    assert r.exit_code != 0 and "is being written by pid" in r.output


def test_demo_command(tmp_path):
    db = str(tmp_path / "demo.duckdb")
    r = CliRunner().invoke(main, ["demo", "--db", db])
    assert r.exit_code == 0, r.output
    assert "tidings demo" in r.stdout and "stories" in r.stdout and "events by root code" in r.stdout
    conn = open_reader(db)
    counts = table_counts(conn)
    grouped = conn.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM articles GROUP BY story_id)").fetchone()[0]
    conn.close()
    assert counts["articles"] >= 3 and grouped >= 3  # the bundled wire copies form one story
    again = CliRunner().invoke(main, ["demo", "--db", db])
    assert again.exit_code == 0 and " 0 new" in again.stderr


def test_five_copies_through_the_pipeline_make_one_story(tmp_path):
    from importlib import resources

    base = (resources.files("tidings") / "data" / "demo" / "wire-copy-1.txt").read_text(encoding="utf-8")
    body = "CHISINAU" + base.split("CHISINAU", 1)[1]
    paras = [p for p in body.split("\n\n") if p.strip()]
    variants = [  # other headlines and stamps; trimmed; a local paragraph added; a paragraph cut
        ("Germany and France pledge aid to Moldova as energy crisis deepens", "14 Jan 2022 10:12 AM", paras),
        ("Moldova gets gas lifeline from Berlin and Paris", "14 Jan 2022 11:00 AM", paras[:3]),
        (
            "EU heavyweights back Moldova against Gazprom",
            "14 Jan 2022 12:30 PM",
            paras + ["Romania's prime minister said Bucharest was ready to supply electricity to its neighbour."],
        ),
        ("Moldova: aid promised", "14 Jan 2022 01:45 PM", paras[:4]),
        ("Baerbock in Chisinau: 'Moldova is not alone'", "15 Jan 2022 08:00 AM", paras[:2] + paras[3:]),
    ]
    folder = tmp_path / "copies"
    folder.mkdir()
    for i, (title, stamp, ps) in enumerate(variants):
        (folder / f"copy{i}.txt").write_text(
            f"{title}\n\nBy Reuters\n\nPublished: {stamp}\n\n" + "\n\n".join(ps) + "\n", encoding="utf-8"
        )
    db = str(tmp_path / "five.duckdb")
    r = ingest([str(folder)], db, progress=False)
    assert r.new == 5 and r.joined_story == 4
    conn = open_reader(db)
    assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 1
    # the events of the paragraphs all copies share: one event each, with five articles
    # (no outlet is known for these files: each article counts as its own source)
    assert conn.execute("SELECT max(n_articles), max(n_sources) FROM events").fetchone() == (5, 5)
    assert conn.execute("SELECT count(*) FROM events WHERE n_articles > 5").fetchone()[0] == 0
    # no event is duplicated within the story
    dup = conn.execute("""SELECT count(*) FROM (SELECT date, source_code, target_code, code, status, trigger_key
                          FROM events GROUP BY ALL HAVING count(*) > 1)""").fetchone()[0]
    assert dup == 0
    conn.close()
