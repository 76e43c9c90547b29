#!/usr/bin/env python3
"""The parent's share in a pool ingest: CPU per article of the ingest process and of its workers,
with the pool switches of issue 22 off and on, in alternating runs on the same articles.

Two workers / one worker on two cores is about 2 * w1 / (w2 + p): w1 the CPU per article of
coding in ingest-1 (whose writer thread has the second core to itself), w2 a pool worker's
(coding, packing the record, the text's near-duplicate sketch) and p the ingest process's own
(decoding the records, the writer thread, DuckDB). This bench measures p and w2 by CPU time,
which a busy shared machine moves far less than wall time, and the time between the last two
chunks a pool finishes (one core idle at the end of the run).

"off" is the store and the pool as they were before (writer.BULK_ARROW False: list parameters;
store.WRITER_THREADS 0: DuckDB's threads; engines.TAIL_PIECE None: one last piece per worker;
engines.PACKED False: the records come back as lossless JSON; writer.PREFETCH_STORIES False: a
copy's stored story read by its own queries), "on" as they are now; --switch NAME (repeated)
turns only those on and off, the others staying on. Every run ingests into a new, empty
store; the medians of --runs runs of each are printed, and the counts stored (they must be
the same).

    .venv/bin/python bench/pool_share.py [--corpus pool|polnear|own] [--articles 120] [--runs 6] [--switch prefetch]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import CORPORA, build_corpus, cpu_seconds  # noqa: E402 - beside this file


SWITCHES = ("arrow", "threads", "tail", "packed", "prefetch")


def switches(on: bool, which: tuple[str, ...] = SWITCHES) -> None:
    import tidings.run.engines as engines
    import tidings.store as store
    import tidings.store.writer as writer

    values = {name: on if name in which else True for name in SWITCHES}
    writer.BULK_ARROW = values["arrow"]
    store.WRITER_THREADS = 1 if values["threads"] else 0
    engines.TAIL_PIECE = 4 if values["tail"] else None
    engines.PACKED = values["packed"]
    writer.PREFETCH_STORIES = values["prefetch"]


def one_run(arts, engine, db: Path, finished: list[float]) -> tuple[float, float, float, float, tuple]:
    """(parent ms/article, workers ms/article, wall s, gap between the last two chunks s, counts)."""
    from tidings.run.ingest import ingest

    finished.clear()
    own0 = cpu_seconds([])
    workers0 = cpu_seconds(engine.worker_pids) - own0
    t0 = time.perf_counter()
    r = ingest(arts, db=db, engine=engine, progress=False)
    wall = time.perf_counter() - t0
    own1 = cpu_seconds([])
    workers1 = cpu_seconds(engine.worker_pids) - own1
    ends = sorted(finished)
    gap = ends[-1] - ends[-2] if len(ends) > 1 else 0.0
    n = len(arts)
    counts = (r.new, r.new_events, r.mentions, r.joined_story, r.failed, r.rejected)
    return (own1 - own0) / n * 1000, (workers1 - workers0) / n * 1000, wall, gap, counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=CORPORA, default="pool")
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--runs", type=int, default=6, help="runs of each setting, alternating")
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared")
    ap.add_argument(
        "--switch", action="append", choices=SWITCHES, help="turn only this switch off and on (repeat for more)"
    )
    args = ap.parse_args(argv)
    which = tuple(args.switch or SWITCHES)
    if args.articles < 2 or args.runs < 1:
        ap.error("--articles must be at least 2 and --runs at least 1")

    from tidings.run.engines import Engine, EngineOptions

    arts, what = build_corpus(args.corpus, args.articles, args.shared)
    print(
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        + "; load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    print(f"corpus {args.corpus}: {len(arts)} articles; {what}; switched: {', '.join(which)}")
    folder = Path(tempfile.mkdtemp(prefix="tidings-pool-share-"))
    finished: list[float] = []
    results: dict[bool, list] = {False: [], True: []}
    engine = Engine(EngineOptions("pool", workers=2))
    try:
        engine.start()
        pool = engine._pool
        if pool is None:
            raise SystemExit("the pool did not start")
        submit = pool.submit

        def timed_submit(fn, *a, **kw):  # each chunk's completion time, for the gap at the end
            fut = submit(fn, *a, **kw)
            fut.add_done_callback(lambda _f: finished.append(time.perf_counter()))
            return fut

        pool.submit = timed_submit  # type: ignore[method-assign]
        for on in (False, True):  # warm-up (imports, caches): not counted
            switches(on, which)
            one_run(arts, engine, folder / f"warm-{on}.duckdb", finished)
        for k in range(args.runs):
            for on in (False, True) if k % 2 == 0 else (True, False):
                switches(on, which)
                results[on].append(one_run(arts, engine, folder / f"run-{k}-{on}.duckdb", finished))
    finally:
        engine.close()
        switches(True)
        shutil.rmtree(folder, ignore_errors=True)
    for on, rows in results.items():
        med = [statistics.median(r[i] for r in rows) for i in range(4)]
        print(
            f"  {'on ' if on else 'off'}: parent {med[0]:.2f} ms/article, workers {med[1]:.2f} ms/article, "
            f"wall {med[2]:.2f} s, last two chunks {med[3]:.3f} s apart (medians of {len(rows)}); "
            f"parent per run: {', '.join(f'{r[0]:.2f}' for r in rows)}"
        )
    counts = {r[4] for rows in results.values() for r in rows}
    print(f"stored (new, new events, mentions, joined a story, failed, rejected): {sorted(counts)}")
    return 0 if len(counts) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
