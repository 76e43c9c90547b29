"""One bad record never stops a corpus (issue 24, items 1 and 4): a record that the store
refuses is quarantined in the rejects table, the others are stored, a rerun skips it; an
article over the time budget is skipped with the reason and the next one is coded."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import replace

import pytest

from tidings.run.ingest import ingest
from tidings.records import ActorRef, Article, CodedArticle, Event, Span, content_id
from tidings.store import open_reader

GOOD = "Ghana and Togo signed a security cooperation agreement on Tuesday, the two governments said."


def coded(i: int, title: str | None = None) -> CodedArticle:
    text = f"Kenya accused Ethiopia of shelling the border on Monday, report {i} said."
    art = Article(
        id=f"art-{i:02d}",
        text=text,
        title=title or f"Report {i}",
        published="2024-03-04",
        source=f"corpus.jsonl:line {i + 1}",
    )
    src = ActorRef(code="KEN", country="KEN", name="Kenya", text="Kenya", start=0, end=5)
    tgt = ActorRef(code="ETH", country="ETH", name="Ethiopia", text="Ethiopia", start=14, end=22)
    ev = Event(
        id=content_id(art.id, "ev"),
        code="112",
        root="11",
        quad_class=3,
        penta_class=3,
        goldstein=-2.0,
        plover_event="ACCUSE",
        plover_mode=None,
        source=src,
        target=tgt,
        status="asserted",
        reported_by=None,
        date="2024-03-04",
        date_text=None,
        place=None,
        sentence=0,
        trigger=Span("accused", 6, 13),
        confidence=0.9,
        rule="test",
    )
    return CodedArticle(article=art, events=(ev,), sentences=(Span(text, 0, len(text)),))


def corpus() -> list[CodedArticle]:
    """40 good articles and, in the middle, one whose title no database can store (a lone
    surrogate that came in without the readers, which would have replaced it)."""
    items = [coded(i) for i in range(41)]
    items[20] = coded(20, title="Bad \ud800 title")
    return items


def test_a_poisoned_record_is_quarantined_the_other_40_stored_and_a_rerun_succeeds(tmp_path):
    db = str(tmp_path / "x.duckdb")
    skipped = []
    r = ingest(corpus(), db, progress=False, on_skipped=lambda what, why: skipped.append((what, why)))
    assert r.new == 40 and r.rejected == 1, r.summary()
    assert skipped and skipped[0][0] == "corpus.jsonl:line 21" and "could not be stored" in skipped[0][1]
    conn = open_reader(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 40
    rows = conn.execute("SELECT source, stage, article_id, reason FROM rejects").fetchall()
    conn.close()
    assert len(rows) == 1 and rows[0][:3] == ("corpus.jsonl:line 21", "write", "art-20")
    assert "surrogate" in rows[0][3]
    # a rerun goes through: the 40 are unchanged, the poisoned one is tried (it is pre-coded) and
    # rejected again, without stopping anything
    r2 = ingest(corpus(), db, progress=False)
    assert r2.unchanged == 40 and r2.rejected == 1 and r2.new == 0
    # fixed: stored
    fixed = corpus()
    fixed[20] = coded(20, title="Fixed title")
    assert ingest(fixed, db, progress=False).new == 1


def test_an_article_rejected_at_coding_is_skipped_by_a_rerun_unless_it_changed(tmp_path, monkeypatch):
    import tidings.run.ingest as ingest_mod

    db = str(tmp_path / "x.duckdb")
    arts = [Article(id=f"a{i}", text=f"{GOOD} Report {i}.", published="2024-03-04") for i in range(3)]
    calls = []

    def fake_chain(first, rest, options, engine=None):  # (coded, sketch) pairs, as ingest's own
        for a in [first, *rest]:
            calls.append(a.id)
            if a.id == "a1":
                yield CodedArticle(article=a, skipped="coding failed: ValueError: boom"), None
            else:
                yield CodedArticle(article=a), None

    monkeypatch.setattr(ingest_mod, "_code_chain", fake_chain)
    r = ingest(arts, db, progress=False)
    assert r.new == 2 and r.failed == 1
    calls.clear()
    r = ingest(arts, db, progress=False)
    assert r.quarantined == 1 and r.unchanged == 2 and calls == []  # not coded again
    assert "rejects table" in r.summary()
    changed = [arts[0], replace(arts[1], text=arts[1].text + " Corrected."), arts[2]]
    calls.clear()
    ingest(changed, db, progress=False)
    assert calls == ["a1"]  # a changed input is tried again
    calls.clear()
    ingest(arts, db, progress=False, recode=True)
    assert "a1" in calls  # --recode tries everything


def test_unreadable_inputs_are_recorded_with_their_line(tmp_path):
    db = str(tmp_path / "x.duckdb")
    (tmp_path / "c.jsonl").write_text('{broken\n{"id": "x", "text": ""}\n')
    r = ingest([str(tmp_path / "c.jsonl")], db, progress=False)
    assert len(r.errors) == 2
    conn = open_reader(db)
    rows = conn.execute("SELECT source, stage FROM rejects ORDER BY source").fetchall()
    conn.close()
    assert rows == [(f"{tmp_path / 'c.jsonl'} line 1", "read"), (f"{tmp_path / 'c.jsonl'} line 2", "read")]


def test_ingest_cli_names_the_rejected_record_and_exits_1_then_a_rerun_exits_0(tmp_path):
    """Through the CLI, a poisoned JSONL record is made valid at the reader and stored with the
    others; a record refused by the coder is named, quarantined, and a rerun succeeds."""
    rows = [json.dumps({"id": f"ok-{i}", "text": f"{GOOD} Report {i}."}) for i in range(40)]
    rows.insert(
        20,
        '{"id": "bad", "title": "Bad \\ud800 title", "text": "Kenya said it would hold talks with '
        'Ethiopia on Monday."}',
    )
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n")
    cmd = [
        sys.executable,
        "-m",
        "tidings.cli",
        "ingest",
        str(tmp_path / "c.jsonl"),
        "--db",
        str(tmp_path / "x.duckdb"),
        "--published",
        "2024-03-04",
        "--no-progress",
    ]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0 and "41 new" in p.stderr, p.stderr
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0 and "41 unchanged" in p.stderr, p.stderr
    conn = open_reader(str(tmp_path / "x.duckdb"))
    assert conn.execute("SELECT title FROM articles WHERE id = 'bad'").fetchone()[0] == "Bad \ufffd title"
    conn.close()


# ---- 4. time budget -----------------------------------------------------------------------------


def test_an_article_over_the_time_budget_is_skipped_with_the_reason_and_the_next_is_coded():
    from tidings.run.coding import CodeOptions, code_articles

    words = "the minister of Kenya met officials from Ethiopia and Chile and discussed trade with Peru and".split()
    slow = Article(id="slow", text=" ".join(words[i % len(words)] for i in range(6000)) + ".", published="2024-03-04")
    good = Article(id="good", text=GOOD, published="2024-03-04")
    list(code_articles([good]))  # the model is loaded outside the budget
    t = time.monotonic()
    out = list(code_articles([slow, good], CodeOptions(time_budget=0.5)))
    took = time.monotonic() - t
    assert out[0].skipped and out[0].skipped.startswith("over the time budget") and "0.5 s" in out[0].skipped
    assert out[1].skipped is None and out[1].events
    assert took < 6, took
    time.sleep(0.6)  # no interruption is left pending for later code
    assert sum(range(10)) == 45


@pytest.mark.slow
def test_a_270k_character_sentence_ends_within_the_budget_and_the_next_article_is_coded(tmp_path):
    words = "the minister of Kenya met officials from Ethiopia and Chile and discussed trade with Peru and".split()
    text, i = [], 0
    while sum(map(len, text)) + len(text) < 270_000:
        text.append(words[i % len(words)])
        i += 1
    sentence = " ".join(text) + "."
    assert 270_000 <= len(sentence) < 300_000
    rows = [json.dumps({"id": "long", "text": sentence}), json.dumps({"id": "next", "text": GOOD})]
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n")
    t = time.monotonic()
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "tidings.cli",
            "code",
            str(tmp_path / "c.jsonl"),
            "--format",
            "jsonl",
            "--published",
            "2024-03-04",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    took = time.monotonic() - t
    assert p.returncode == 0, p.stderr
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert [o["id"] for o in out] == ["long", "next"] and out[1]["events"]
    assert "split at clause boundaries" in p.stderr
    from tidings.run.coding import CodeOptions

    assert took < CodeOptions().time_budget + 60, took  # coded within the budget (plus start-up), not skipped


def test_watch_stores_a_folder_with_a_poisoned_record_and_keeps_running(tmp_path, monkeypatch):
    from tidings.watch import Watcher, WatchOptions

    src = tmp_path / "in"
    src.mkdir()
    rows = [json.dumps({"id": f"ok-{i}", "text": f"{GOOD} Report {i}."}) for i in range(3)]
    rows.insert(
        1,
        '{"id": "bad", "title": "Bad \\ud800 title", "text": "Kenya said it would hold talks with '
        'Ethiopia on Monday."}',
    )
    (src / "c.jsonl").write_text("\n".join(rows) + "\n")
    logs = []
    w = Watcher(
        [str(src)],
        str(tmp_path / "w.duckdb"),
        WatchOptions(every=0.1, out_dir=str(tmp_path / "out"), published="2024-03-04"),
        log=logs.append,
    )
    reports = w.run(cycles=2)
    assert len(reports) == 2 and reports[0].stored == 4, logs
    # a cycle whose storing fails is logged, and the next cycle still runs
    import tidings.run.ingest as ingest_mod

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest_mod, "ingest", broken)
    (src / "d.jsonl").write_text(json.dumps({"id": "late", "text": GOOD}) + "\n")
    reports = w.run(cycles=2)
    assert len(reports) == 2 and any("storing failed" in e for e in reports[0].errors)
