"""Evaluate the event classifier: held-out corpus phrasings, a learning curve, and real news.

    .venv/bin/python bench/classifier_eval.py [--curve] [--features wbsd] [--errors N]

Prints (1) root accuracy, root macro-F1 and pentacode macro-F1 on the held-out 15% of the
corpus's phrasings (a model trained on the rest), with per-class F1; (2) with --curve,
pentacode macro-F1 against training-set size; (3) pentacode macro-F1 of the classifier
alone on ../shared/data/dev/conflibert (1,349 real news sentences; measured, never trained
on; skipped when ../shared is absent). Parsed features are cached under $TMPDIR.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.classifier.features import FeatureOptions  # noqa: E402
from tidings.classifier.model import PENTA_OF_ROOT, ROOT_CLASSES, penta_from_roots  # noqa: E402
from tidings.classifier.train import Parsed, load_records, parse, split, train  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "dev" / "conflibert"


def cached_parse(texts: list[str], opts: FeatureOptions, nlp_holder: dict):
    """Parsed features, cached per sentence across runs (see train.parse_cached)."""
    from tidings.classifier.train import parse_cached
    return parse_cached(texts, opts)


def f1s(gold: list, pred: list, labels) -> dict:
    out = {}
    for c in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        out[c] = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return out


def macro(d: dict) -> float:
    return sum(d.values()) / len(d) if d else 0.0


def subset(parsed, idx):
    from tidings.classifier.train import Parsed
    return Parsed([parsed.sparse[i] for i in idx], parsed.dense[idx], parsed.key)


def predict_rows(model, parsed) -> np.ndarray:
    from tidings.classifier.model import design
    dense = ((parsed.dense - model.dense_mean) / model.dense_std) if model.options.dense \
        else np.zeros((len(parsed.sparse), 0))
    return model.root.proba(design(parsed.sparse, dense, model.vocab))


def penta_pred(P: np.ndarray) -> list[int]:
    out = []
    for row in P:
        ps = penta_from_roots(dict(zip(ROOT_CLASSES, row)))
        out.append(max(ps, key=ps.get))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", default="wbs-")
    ap.add_argument("--curve", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N dev errors")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--l2", type=float, default=3e-6)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--no-curve-dev", action="store_true")
    args = ap.parse_args()
    opts = FeatureOptions.from_key(args.features)
    holder: dict = {}
    recs = load_records()
    t0 = time.perf_counter()
    parsed = cached_parse([r["text"] for r in recs], opts, holder)
    print(f"corpus: {len(recs)} sentences (features {opts.key()}, parse/cache {time.perf_counter() - t0:.1f}s)")
    tr = [i for i, r in enumerate(recs) if split(r) == "train"]
    te = [i for i, r in enumerate(recs) if split(r) == "test"]
    quiet = lambda *a: None  # noqa: E731
    hp = dict(epochs=args.epochs, l2=args.l2, lr=args.lr, min_count=args.min_count)
    model = train([recs[i] for i in tr], subset(parsed, tr), opts, seed=args.seed, log=quiet, **hp)
    P = predict_rows(model, subset(parsed, te))
    gold = [recs[i]["root"] for i in te]
    pred = [ROOT_CLASSES[j] for j in P.argmax(1)]
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    per = f1s(gold, pred, ROOT_CLASSES)
    ev = [k for k, g in enumerate(gold) if g != "none"]
    pg = [PENTA_OF_ROOT[gold[k]] for k in ev]
    pp = [x for k, x in enumerate(penta_pred(P)) if k in set(ev)]
    print(f"held-out phrasings ({len(te)} sentences, trained on {len(tr)}): root accuracy {acc:.3f}, "
          f"root macro-F1 {macro(per):.3f}, pentacode macro-F1 {macro(f1s(pg, pp, range(5))):.3f}")
    print("  per root F1: " + " ".join(f"{c}:{v:.2f}" for c, v in per.items()))
    from tidings.classifier.model import STATUS_CLASSES, design
    st = [k for k, i in enumerate(te) if recs[i]["status"] in STATUS_CLASSES]
    if model.status is not None and st:
        sub = subset(parsed, [te[k] for k in st])
        Ps = model.status.proba(design(sub.sparse, np.zeros((len(st), 0)), model.vocab))
        sg = [recs[te[k]]["status"] for k in st]
        sp = [STATUS_CLASSES[j] for j in Ps.argmax(1)]
        sf = f1s(sg, sp, STATUS_CLASSES)
        print(f"  status head on held-out events: accuracy {sum(a == b for a, b in zip(sg, sp)) / len(sg):.3f}, "
              + " ".join(f"{c}:{v:.2f}" for c, v in sf.items()))
    none_p = [p == "none" for p in pred]
    none_g = [g == "none" for g in gold]
    tp = sum(a and b for a, b in zip(none_p, none_g))
    print(f"  'none' detection on held-out: precision {tp / max(1, sum(none_p)):.3f}, recall {tp / max(1, sum(none_g)):.3f}")

    dev = None
    if DEV.is_dir():
        arts = [json.loads(l) for l in (DEV / "articles.jsonl").read_text().splitlines()]
        gold_dev = {g["id"]: g["penta"] for g in map(json.loads, (DEV / "gold.jsonl").read_text().splitlines())}
        dparsed = cached_parse([a["text"] for a in arts], opts, holder)
        dg = [gold_dev[a["id"]] for a in arts]
        dev = (arts, dparsed, dg)
    else:
        print("dev set: ../shared absent, skipped")

    def dev_score(m):
        arts, dparsed, dg = dev
        dp = penta_pred(predict_rows(m, dparsed))
        return macro(f1s(dg, dp, range(5))), f1s(dg, dp, range(5)), dp

    full = train(recs, parsed, opts, seed=args.seed, log=quiet, **hp)
    import tidings.classifier as tc
    if dev and tc.available():
        shipped = tc.load()
        sp_parsed = Parsed([shipped.options.filter(f) for f in cached_parse(
            [a["text"] for a in dev[0]], FeatureOptions(dense=True), holder).sparse], dev[1].dense, "")
        sp = penta_pred(predict_rows(shipped, sp_parsed))
        print(f"conflibert dev, the shipped weights (src/tidings/data/models/classifier.npz): "
              f"pentacode macro-F1 {macro(f1s(dev[2], sp, range(5))):.3f}")
    if dev:
        mf, per5, dp = dev_score(full)
        acc5 = sum(a == b for a, b in zip(dev[2], dp)) / len(dp)
        print(f"conflibert dev ({len(dp)} real sentences), model trained on the whole corpus: "
              f"pentacode macro-F1 {mf:.3f}, accuracy {acc5:.3f}")
        print("  per pentacode F1: " + " ".join(f"{c}:{v:.2f}" for c, v in per5.items()))
        cm = Counter(zip(dev[2], dp))
        print("  confusion (gold rows x predicted cols):")
        for g in range(5):
            print("   ", g, " ".join(f"{cm[(g, p)]:4d}" for p in range(5)))
        if args.errors:
            rng = np.random.default_rng(0)
            wrong = [k for k in range(len(dp)) if dp[k] != dev[2][k]]
            for k in rng.choice(wrong, size=min(args.errors, len(wrong)), replace=False):
                print(f"   gold {dev[2][k]} pred {dp[k]}: {dev[0][k]['text'][:200]}")
    if args.curve:
        print("learning curve (training size -> held-out pentacode macro-F1 / dev pentacode macro-F1):")
        rng = np.random.default_rng(args.seed)
        order = rng.permutation(len(recs))
        for frac in (0.05, 0.1, 0.25, 0.5, 1.0):
            tr_idx = [i for i in order[:int(frac * len(recs))] if split(recs[i]) == "train"]
            m = train([recs[i] for i in tr_idx], subset(parsed, tr_idx), opts, seed=args.seed, log=quiet, **hp)
            Pt = predict_rows(m, subset(parsed, te))
            ppt = [x for k, x in enumerate(penta_pred(Pt)) if k in set(ev)]
            line = f"  {len(tr_idx):6d}  held-out {macro(f1s(pg, ppt, range(5))):.3f}"
            if dev:
                line += f"  dev {dev_score(m)[0]:.3f}"
            print(line)


if __name__ == "__main__":
    main()
