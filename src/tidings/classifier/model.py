"""The event classifier: multinomial logistic regression over parse features, in numpy.

Two heads share the features: ``root`` (the 20 CAMEO roots plus "none") and ``status``
(asserted, negated, hypothetical, future). Training is deterministic: a seeded shuffle,
Adam in float64, no threads of our own, so the same data and seed give the same weights.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .features import FeatureOptions, TokenTable, dense_features, sparse_features

__all__ = ["Head", "EventClassifier", "fit_head", "Design", "design", "ROOT_CLASSES", "STATUS_CLASSES", "PENTA_OF_ROOT"]

ROOT_CLASSES = tuple(f"{i:02d}" for i in range(1, 21)) + ("none",)
STATUS_CLASSES = ("asserted", "negated", "hypothetical", "future")
PENTA_OF_ROOT = {
    **{r: 0 for r in ("01", "02")},
    **{r: 1 for r in ("03", "04", "05")},
    **{r: 2 for r in ("06", "07", "08")},
    **{r: 3 for r in ("09", "10", "11", "12", "13", "16")},
    **{r: 4 for r in ("14", "15", "17", "18", "19", "20")},
}


@dataclass
class Design:
    """Feature rows for many examples: CSR-like sparse part plus a dense part."""

    indptr: np.ndarray  # (n+1,) int64
    indices: np.ndarray  # (nnz,) int64 into the vocabulary
    values: np.ndarray  # (nnz,) float64
    dense: np.ndarray  # (n, d) float64

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def rows(self, idx: np.ndarray) -> "Design":
        parts_i, parts_v, ptr = [], [], [0]
        for i in idx:
            a, b = self.indptr[i], self.indptr[i + 1]
            parts_i.append(self.indices[a:b])
            parts_v.append(self.values[a:b])
            ptr.append(ptr[-1] + b - a)
        return Design(
            np.asarray(ptr, dtype=np.int64), np.concatenate(parts_i), np.concatenate(parts_v), self.dense[idx]
        )


def design(feature_counts: list[Counter], dense: np.ndarray, vocab: dict[str, int]) -> Design:
    """Rows for these examples: log-scaled counts, L2-normalised per row; unknown features dropped."""
    ptr = [0]
    ind: list[int] = []
    val: list[float] = []
    scaled: dict[int, float] = {}  # 1 + log(count), computed once per distinct count
    for fc in feature_counts:
        items = []
        for f, c in fc.items():
            k = vocab.get(f)
            if k is not None:
                v = scaled.get(c)
                if v is None:
                    v = scaled[c] = 1.0 + np.log(c)
                items.append((k, v))
        items.sort()
        norm = np.sqrt(sum(v * v for _, v in items)) or 1.0
        ind.extend(i for i, _ in items)
        val.extend(v / norm for _, v in items)
        ptr.append(len(ind))
    return Design(
        np.asarray(ptr, dtype=np.int64),
        np.asarray(ind, dtype=np.int64),
        np.asarray(val, dtype=np.float64),
        np.asarray(dense, dtype=np.float64),
    )


@dataclass
class Head:
    """One softmax layer: sparse weights W (vocab x classes), dense weights D, bias b."""

    classes: tuple[str, ...]
    W: np.ndarray
    D: np.ndarray
    b: np.ndarray
    temperature: float = 1.0

    def logits(self, X: Design) -> np.ndarray:
        n = len(X)
        out = np.zeros((n, len(self.classes)))
        if len(X.indices):
            contrib = self.W[X.indices] * X.values[:, None]
            row = np.repeat(np.arange(n), np.diff(X.indptr))
            np.add.at(out, row, contrib)
        if self.D.size and X.dense.size:
            out += X.dense @ self.D
        return out + self.b

    def proba(self, X: Design) -> np.ndarray:
        z = self.logits(X) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def fit_head(
    X: Design,
    y: np.ndarray,
    classes: tuple[str, ...],
    vocab_size: int,
    seed: int,
    epochs: int = 12,
    batch: int = 128,
    lr: float = 0.05,
    l2: float = 1e-5,
    class_weight: np.ndarray | None = None,
) -> Head:
    """Multinomial logistic regression by mini-batch Adam (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    k = len(classes)
    d = X.dense.shape[1] if X.dense.ndim == 2 else 0
    W = np.zeros((vocab_size, k))
    D = np.zeros((d, k))
    b = np.zeros(k)
    params = [W, D, b]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    step = 0
    cw = class_weight if class_weight is not None else np.ones(k)
    n = len(X)
    row_of = np.repeat(np.arange(n), np.diff(X.indptr))
    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = np.sort(order[s : s + batch])
            xb = X.rows(idx)
            head = Head(classes, W, D, b)
            p = head.proba(xb)
            yb = y[idx]
            err = p.copy()
            err[np.arange(len(idx)), yb] -= 1.0
            err *= cw[yb][:, None] / len(idx)
            gW = np.zeros_like(W)
            rows = np.repeat(np.arange(len(idx)), np.diff(xb.indptr))
            np.add.at(gW, xb.indices, xb.values[:, None] * err[rows])
            gW += l2 * W
            gD = (xb.dense.T @ err if d else np.zeros_like(D)) + l2 * D
            gb = err.sum(axis=0)
            step += 1
            for p_, g, m_, v_ in zip(params, (gW, gD, gb), m, v):
                m_ *= b1
                m_ += (1 - b1) * g
                v_ *= b2
                v_ += (1 - b2) * g * g
                p_ -= lr * (m_ / (1 - b1**step)) / (np.sqrt(v_ / (1 - b2**step)) + eps)
    del row_of
    return Head(classes, W, D, b)


class EventClassifier:
    """Root and status heads with their feature vocabulary; scores spans of parsed Docs."""

    def __init__(
        self,
        vocab: dict[str, int],
        root: Head,
        status: Head | None,
        options: FeatureOptions,
        dense_mean: np.ndarray,
        dense_std: np.ndarray,
        meta: dict | None = None,
    ):
        self.vocab, self.root, self.status = vocab, root, status
        self.options = options
        self.dense_mean, self.dense_std = dense_mean, dense_std
        self.meta = meta or {}

    # -- features ---------------------------------------------------------------------------
    def dense_of(self, spans) -> np.ndarray:
        if not self.options.dense:
            return np.zeros((len(spans), 0))
        raw = np.stack([dense_features(s) for s in spans]).astype(np.float64)
        return (raw - self.dense_mean) / self.dense_std

    def design_of(self, spans) -> Design:
        rows = []
        for s in spans:  # one table per Doc: its spans share it
            rows.append(sparse_features(s, self.options, TokenTable.of(s.doc if hasattr(s, "doc") else s)))
        return design(rows, self.dense_of(spans), self.vocab)

    # -- public API -------------------------------------------------------------------------
    def scores(self, doc_or_span) -> dict[str, float]:
        """Probability of each CAMEO root ("01".."20") and "none" for this Doc or Span."""
        p = self.root.proba(self.design_of([doc_or_span]))[0]
        return {c: float(x) for c, x in zip(self.root.classes, p)}

    def scores_many(self, spans) -> list[dict[str, float]]:
        if not spans:
            return []
        P = self.root.proba(self.design_of(list(spans)))
        return [{c: float(x) for c, x in zip(self.root.classes, row)} for row in P]

    def predict(self, span) -> tuple[str, float]:
        """The most probable root (or "none") and its probability."""
        s = self.scores(span)
        best = max(s, key=s.__getitem__)
        return best, s[best]

    def penta_scores(self, doc_or_span) -> dict[int, float]:
        """Probability of each pentacode 0-4 given that there is an event (none left out)."""
        return penta_from_roots(self.scores(doc_or_span))

    def status_scores(self, doc_or_span) -> dict[str, float]:
        """Probability of asserted / negated / hypothetical / future (a second opinion)."""
        if self.status is None:
            return {}
        p = self.status.proba(self.design_of([doc_or_span]))[0]
        return {c: float(x) for c, x in zip(self.status.classes, p)}

    def explain(self, span, top: int = 8) -> dict:
        """Scores plus the features that pushed the winning root most (for --explain)."""
        fc = sparse_features(span, self.options)
        s = self.scores(span)
        best = max(s, key=s.__getitem__)
        j = self.root.classes.index(best)
        contrib = sorted(((float(self.root.W[self.vocab[f], j]), f) for f in fc if f in self.vocab), reverse=True)[:top]
        return {
            "root": best,
            "prob": s[best],
            "scores": s,
            "features": [{"feature": f, "weight": round(w, 3)} for w, f in contrib],
        }

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        feats = sorted(self.vocab, key=self.vocab.__getitem__)
        meta = {
            **self.meta,
            "features": feats,
            "options": self.options.key(),
            "root_classes": list(self.root.classes),
            "status_classes": list(self.status.classes) if self.status else [],
            "root_temperature": self.root.temperature,
        }
        arrays: dict[str, np.ndarray] = {
            "root_W": self.root.W.astype(np.float16),
            "root_D": self.root.D.astype(np.float32),
            "root_b": self.root.b.astype(np.float32),
            "dense_mean": self.dense_mean.astype(np.float32),
            "dense_std": self.dense_std.astype(np.float32),
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
        }
        if self.status:
            arrays.update(
                status_W=self.status.W.astype(np.float16),
                status_D=self.status.D.astype(np.float32),
                status_b=self.status.b.astype(np.float32),
            )
        Path(path).write_bytes(_npz_bytes(arrays))

    @classmethod
    def load(cls, path: Path) -> "EventClassifier":
        z = np.load(Path(path), allow_pickle=False)
        meta = json.loads(bytes(z["meta"]).decode())
        vocab = {f: i for i, f in enumerate(meta.pop("features"))}
        f64 = lambda a: np.asarray(a, dtype=np.float64)  # noqa: E731
        root = Head(
            tuple(meta["root_classes"]),
            f64(z["root_W"]),
            f64(z["root_D"]),
            f64(z["root_b"]),
            float(meta.get("root_temperature", 1.0)),
        )
        status = None
        if "status_W" in z.files:
            status = Head(tuple(meta["status_classes"]), f64(z["status_W"]), f64(z["status_D"]), f64(z["status_b"]))
        return cls(
            vocab,
            root,
            status,
            FeatureOptions.from_key(meta["options"]),
            f64(z["dense_mean"]),
            f64(z["dense_std"]),
            meta,
        )


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An .npz archive with fixed timestamps, so equal weights give equal bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            one = io.BytesIO()
            np.save(one, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, one.getvalue())
    return buf.getvalue()


def penta_from_roots(scores: dict[str, float]) -> dict[int, float]:
    out = {k: 0.0 for k in range(5)}
    for root, p in scores.items():
        if root in PENTA_OF_ROOT:
            out[PENTA_OF_ROOT[root]] += p
    total = sum(out.values()) or 1.0
    return {k: v / total for k, v in out.items()}
