"""Readers (the web app) while an ingest writes: no errors, no lost writes."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import kill_resume  # noqa: E402

from tidings.web import create_app  # noqa: E402


@pytest.mark.slow
def test_web_reads_while_ingest_writes(tmp_path):
    corpus = tmp_path / "corpus"
    kill_resume.write_corpus(corpus, 24, seed=5)
    db = tmp_path / "live.duckdb"
    # a first small ingest so the database exists before readers start
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.txt").write_text((corpus / "article-000.txt").read_text())
    subprocess.run(kill_resume.ingest_cmd(first, db), check=True, capture_output=True)

    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    failures: list[str] = []
    counts: list[int] = []
    stop = threading.Event()

    def read_loop():
        while not stop.is_set():
            for url in ("/api/overview", "/api/events?limit=20", "/api/articles"):
                r = client.get(url)
                if r.status_code != 200:
                    failures.append(f"{url}: {r.status_code} {r.text[:200]}")
                elif url == "/api/overview":
                    counts.append(r.json()["totals"]["articles"])
            time.sleep(0.02)

    readers = [threading.Thread(target=read_loop) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        proc = subprocess.run(kill_resume.ingest_cmd(corpus, db), capture_output=True, text=True, timeout=900)
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert proc.returncode == 0, proc.stderr
    assert not failures, failures[:5]
    assert counts and counts == sorted(counts), "article counts seen by readers never go backwards"
    final = client.get("/api/overview").json()["totals"]
    assert final["articles"] == 24  # nothing lost (article-000 was there already)
    assert kill_resume.snapshot(db)["articles"].__len__() == 24


def test_a_reader_holds_back_while_a_writer_waits_for_the_file(tmp_path):
    import os

    from tidings.store import Store, connect

    db = tmp_path / "w.duckdb"
    with Store(db):
        pass
    marker = Path(f"{db}.writing")
    marker.write_text(str(os.getppid()))  # a live process that is not this one
    threading.Timer(0.3, marker.unlink).start()
    t = time.monotonic()
    connect(db, read_only=True).close()
    assert time.monotonic() - t >= 0.25  # it waited for the marker to go
    marker.write_text("999999999")  # a writer that is gone is not waited for
    t = time.monotonic()
    connect(db, read_only=True).close()
    assert time.monotonic() - t < 5
