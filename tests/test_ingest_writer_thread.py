"""Ingest writes each batch in a thread of its own while the next one is coded (issue 22):
what an interrupted run reports is still what it wrote, a resumed run ends where an
uninterrupted one does, and a failed write is raised by ingest itself."""

from __future__ import annotations

import threading
from dataclasses import replace

import duckdb
import pytest

import tidings.run.ingest as ingest_mod
from storekit import coded
from tidings.run.ingest import IngestReport, ingest
from tidings.store import open_reader, table_counts


def articles(n: int):
    return [
        coded(
            f"art-{i}",
            f"Report number {i}: the minister of country {i} met the envoy of country {i + 1} in the capital "
            f"on Tuesday, officials said, and the two agreed to meet again next month in town {i}.",
            [(0, "KEN", "ETH", "036", "met", "2021-12-07")],
        )
        for i in range(n)
    ]


def stored(db) -> tuple[dict[str, int], list[tuple]]:
    conn = open_reader(db)
    try:
        rows = conn.execute("SELECT id, content_hash, story_id FROM articles ORDER BY id").fetchall()
        return table_counts(conn), rows
    finally:
        conn.close()


def interrupted(items, after: int):
    """The items, then Ctrl-C (as the signal handler raises it in the main thread)."""
    for k, item in enumerate(items):
        if k == after:
            raise KeyboardInterrupt
        yield item


@pytest.mark.parametrize("after", [5, 12, 23])
def test_an_interrupted_ingest_reports_what_it_wrote_and_resumes(tmp_path, monkeypatch, after):
    monkeypatch.setattr(ingest_mod, "WRITE_BATCH", 4)
    items = articles(30)
    whole = str(tmp_path / "whole.duckdb")
    ingest(items, whole, progress=False)

    db = str(tmp_path / "cut.duckdb")
    report = IngestReport(db=db)
    with pytest.raises(KeyboardInterrupt):
        ingest(interrupted(items, after), db, progress=False, report=report)
    counts, _ = stored(db)
    assert report.new == counts["articles"] <= after  # the batch in the writer's hand was finished and counted
    again = ingest(items, db, progress=False)
    assert again.new == 30 - report.new and again.unchanged == report.new
    assert stored(db)[1] == stored(whole)[1]


def test_batches_are_written_off_the_main_thread_in_input_order(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "WRITE_BATCH", 3)
    seen: list[tuple[str, list[str]]] = []
    real = ingest_mod.write_batch

    def spy(conn, todo, **kw):
        seen.append((threading.current_thread().name, [c.article.id for c in todo]))
        return real(conn, todo, **kw)

    monkeypatch.setattr(ingest_mod, "write_batch", spy)
    items = articles(10)
    report = ingest(items, str(tmp_path / "t.duckdb"), progress=False)
    assert report.new == 10
    assert {name for name, _ in seen} == {"tidings-writer"}
    assert [i for _, ids in seen for i in ids] == [c.article.id for c in items]


def test_a_failed_write_is_raised_by_ingest_with_the_batches_before_it_stored(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "WRITE_BATCH", 4)
    real = ingest_mod.write_batch
    calls = []

    def failing(conn, todo, **kw):
        calls.append(len(todo))
        if len(calls) == 2:
            raise duckdb.IOException("disk full (a test)")
        return real(conn, todo, **kw)

    monkeypatch.setattr(ingest_mod, "write_batch", failing)
    db = str(tmp_path / "t.duckdb")
    report = IngestReport(db=db)
    with pytest.raises(duckdb.IOException, match="disk full"):
        ingest(articles(12), db, progress=False, report=report)
    counts, _ = stored(db)
    assert counts["articles"] == report.new == calls[0]


def test_the_same_article_in_two_batches_is_written_once(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "WRITE_BATCH", 2)
    items = articles(5)
    twice = items + [replace(items[0])] + items[1:3]
    report = ingest(twice, str(tmp_path / "t.duckdb"), progress=False)
    assert (report.new, report.unchanged) == (5, 3)
