"""All engines give identical output; the codec is lossless; Ray shards make a run resumable."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from tidings.records.lossless import dumps, loads
from tidings.run.coding import code_articles
from tidings.records import Article
from tidings.run.engines import EngineOptions, code_stream, read_shard

TEXTS = [
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday.",
    "Israeli troops killed two Palestinian gunmen in Jenin, the army said.",
    "The European Union imposed new sanctions on Iran on Monday over drone exports to Russia.",
    "Kenyan police arrested dozens of protesters in Nairobi.",
    "Turkey and Greece agreed to resume talks on maritime borders, officials said.",
    "North Korea fired a ballistic missile into the sea, South Korea's military said.",
    "The United Nations appealed for $2 billion in aid for Sudan.",
    "Brazil's foreign minister criticised the United States for its tariffs.",
    "India and Pakistan exchanged fire across the Line of Control on Sunday.",
    "French President Emmanuel Macron will visit Algeria next month.",
]


def articles():
    return [Article(id=f"a{i}", text=t, published="2023-05-10") for i, t in enumerate(TEXTS)]


def test_codec_round_trip_is_lossless():
    for coded in code_articles(articles()):
        assert loads(dumps(coded)) == coded
        assert loads(dumps(coded)).candidates == coded.candidates


@pytest.mark.slow
def test_pool_gives_identical_output_in_order():
    local = [dumps(c) for c in code_stream(articles(), EngineOptions("local"))]
    pool = [dumps(c) for c in code_stream(articles(), EngineOptions("pool", workers=2, chunk=3))]
    assert pool == local


def test_engines_give_the_records_as_the_store_keeps_them():
    # the candidates (for --explain) are not stored: the engines do not send them back
    coded = list(code_articles(articles()))
    assert any(c.candidates for c in coded)
    local = list(code_stream(articles(), EngineOptions("local")))
    assert not any(c.candidates for c in local)
    assert [dumps(c) for c in local] == [dumps(replace(c, candidates=())) for c in coded]


@pytest.mark.slow
def test_ray_gives_identical_output_and_resumes_from_shards(tmp_path):
    pytest.importorskip("ray")
    local = [dumps(c) for c in code_stream(articles(), EngineOptions("local"))]
    opts = EngineOptions("ray", workers=2, chunk=3, shard_dir=str(tmp_path))
    first = [dumps(c) for c in code_stream(articles(), opts)]
    assert first == local
    shards = sorted(tmp_path.glob("*.parquet"))
    assert len(shards) == 4  # ten articles in chunks of three, the last four as two pieces of two
    assert sum(len(read_shard(s)) for s in shards) == 10
    # a resumed run finds every shard and codes nothing again (the shards are reused as they are)
    stamps = {s: s.stat().st_mtime_ns for s in shards}
    again = [dumps(c) for c in code_stream(articles(), opts)]
    assert again == local
    assert {s: s.stat().st_mtime_ns for s in shards} == stamps


def test_the_last_articles_are_shared_out_evenly_between_the_workers():
    # 120 articles in chunks of 16 to two workers: not 64 and 56 (one worker coding the last
    # 8 alone) but the last full chunk and the short one as two pieces of 12
    from tidings.run.engines import _chunks, _ordered

    def run(n, chunk, workers, inflight):
        sizes = []

        def submit(piece):
            sizes.append(len(piece))
            return lambda: [(a, None) for a in piece]

        out = [a for a, _ in _ordered(submit, _chunks(range(n), chunk), inflight, workers)]
        assert out == list(range(n))  # every article once, in input order
        return sizes

    assert run(120, 16, 2, 4) == [16] * 6 + [12, 12]
    assert run(480, 16, 2, 4) == [16] * 29 + [8, 8]
    assert run(10, 3, 2, 4) == [3, 3, 2, 2]
    assert run(5, 16, 2, 4) == [5]  # a worker free: nothing is held back
    assert run(120, 16, 1, 2) == [16] * 7 + [8]  # one worker: chunks as they come
    assert run(0, 16, 2, 4) == []

    # a pool (one queue for all its workers): the last articles go out at once in pieces of
    # about 4, and whoever is free takes the next, so the workers finish within a piece
    def run_pool(n, chunk, workers, inflight):
        sizes: list[int] = []

        def submit(piece):
            sizes.append(len(piece))
            return lambda: [(a, None) for a in piece]

        out = [a for a, _ in _ordered(submit, _chunks(range(n), chunk), inflight, workers, 4)]
        assert out == list(range(n))
        return sizes

    assert run_pool(120, 16, 2, 4) == [16] * 6 + [4] * 6
    assert run_pool(480, 16, 2, 4) == [16] * 29 + [4] * 4
    assert run_pool(10, 3, 2, 4) == [3, 3, 2, 2]  # fewer than one piece per worker: one each
    assert run_pool(120, 16, 1, 2) == [16] * 7 + [8]
    assert run_pool(0, 16, 2, 4) == []


@pytest.mark.slow
def test_pool_workers_send_the_sketches_the_writer_would_make():
    from tidings.run.engines import Engine, code_stream_for_store
    from tidings.store.dedup import TextSketch

    pairs = list(code_stream_for_store(articles(), EngineOptions("pool", workers=2, chunk=3)))
    assert [c.article.id for c, _ in pairs] == [a.id for a in articles()]
    for coded, sketch in pairs:
        own = TextSketch.of(coded.article.text)
        assert sketch is not None and sketch.count == own.count and sketch.buckets == own.buckets
        assert (sketch.signature == own.signature).all()
    with Engine(EngineOptions("local")) as engine:
        assert {sk for _, sk in engine.code_for_store(articles())} == {None}  # the writer makes them


@pytest.mark.slow
def test_a_started_pool_codes_several_streams_with_the_same_workers():
    from tidings.run.engines import Engine

    local = [dumps(c) for c in code_stream(articles(), EngineOptions("local"))]
    with Engine(EngineOptions("pool", workers=2, chunk=2)) as engine:
        engine.start()
        pool = engine._pool
        first = [dumps(c) for c in engine.code(articles())]
        second = [dumps(c) for c in engine.code(articles()[::-1])]
        assert engine._pool is pool  # not started again
        assert engine.peak_worker_rss_mb() > 0
    assert first == local
    assert second == local[::-1]
    assert engine._pool is None  # closed on leaving the block


def test_a_warm_up_has_every_worker_code_the_articles_once():
    # bench/throughput.py measures every engine warm: each worker has coded the articles once
    from tidings.run.engines import Engine

    local = [dumps(c) for c in code_stream(articles(), EngineOptions("local"))]
    with Engine(EngineOptions("pool", workers=2, chunk=2)) as engine:
        assert engine.warm_up(articles()) == sorted(engine.worker_pids)
        assert [dumps(c) for c in engine.code(articles())] == local
    with Engine(EngineOptions("local")) as engine:
        assert engine.warm_up(articles()[:2]) == [os.getpid()]


@pytest.mark.slow
def test_ray_removes_its_own_temporary_shards_but_keeps_a_named_folder(tmp_path):
    pytest.importorskip("ray")
    from tidings.run.engines import Engine

    with Engine(EngineOptions("ray", workers=1, chunk=5)) as engine:
        assert len(list(engine.code(articles()))) == 10
        temp = engine._shard_dir
        assert len(list(temp.glob("*.parquet"))) == 2
    assert not temp.exists()
    kept = tmp_path / "shards"
    with Engine(EngineOptions("ray", workers=1, chunk=5, shard_dir=str(kept))) as engine:
        list(engine.code(articles()))
    assert len(list(kept.glob("*.parquet"))) == 2


def test_engine_options_are_checked():
    with pytest.raises(ValueError):
        EngineOptions("spark")
    with pytest.raises(ValueError):
        EngineOptions("pool", workers=0)


@pytest.mark.slow
def test_ingest_with_two_workers_equals_one(tmp_path):
    import duckdb

    from tidings.run.ingest import ingest

    def snapshot(db):
        con = duckdb.connect(str(db), read_only=True)
        try:
            return (
                con.execute("SELECT id, content_hash FROM articles ORDER BY id").fetchall(),
                con.execute("SELECT id, code, source_code, target_code, status FROM events ORDER BY id").fetchall(),
            )
        finally:
            con.close()

    ingest(articles(), tmp_path / "one.duckdb", progress=False)
    ingest(articles(), tmp_path / "two.duckdb", progress=False, engine=EngineOptions("pool", workers=2, chunk=2))
    assert snapshot(tmp_path / "one.duckdb") == snapshot(tmp_path / "two.duckdb")
    assert snapshot(tmp_path / "one.duckdb")[1]


def test_pool_workers_are_forked_with_the_pipeline_loaded():
    # in a fresh interpreter: the fork server is one per process, started by the first pool
    import subprocess
    import sys

    script = (
        "from tidings.run.engines import Engine, EngineOptions, _preloaded\n"
        "if __name__ == '__main__':\n"
        "    with Engine(EngineOptions('pool', workers=2)) as e:\n"
        "        e.start()\n"
        "        print(all(e._pool.submit(_preloaded).result() for _ in range(4)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.stdout.strip() == "True", out.stderr[-2000:]
