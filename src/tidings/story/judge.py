"""The judge: a model learned from the project's own annotations of real articles that says how
likely a story-level tuple is one a careful coder lists (see docs/judge.md).

The model is a file of decision trees (gradient boosting, trained by `tidings.story.train`
with LightGBM) and a calibration, evaluated here with numpy alone, so coding needs no
LightGBM. Its probability is calibrated by cross-validation on the training articles; the
default threshold is the one that gave the best story-level F1 in that cross-validation.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

__all__ = ["Judge", "load_judge", "JUDGE_PATH", "trees_from_lightgbm"]

JUDGE_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "judge.json"


@dataclass(frozen=True)
class Judge:
    features: tuple[str, ...]
    feature: np.ndarray  # (trees, nodes) feature index of each node (0 at leaves)
    threshold: np.ndarray  # (trees, nodes) go left when x <= threshold (+inf at leaves)
    left: np.ndarray  # (trees, nodes) child indices (a leaf points at itself)
    right: np.ndarray
    value: np.ndarray  # (trees, nodes) leaf values (0 inside)
    depth: int
    scale: float = 1.0  # calibration: p = sigmoid(scale * raw + shift)
    shift: float = 0.0
    default_threshold: float = 0.5
    info: Mapping | None = None

    @cached_property
    def index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.features)}

    def matrix(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        X = np.zeros((len(rows), len(self.features)), dtype=np.float64)
        self._fill(X, rows)
        return X

    def matrix_of_parts(self, shared: Sequence[Mapping[str, float]], rows: Sequence[tuple[int, Mapping[str, float]]]):
        """The matrix of rows {**shared[k], **row} for (k, row) in `rows`, without merging the
        dictionaries: each shared part is read once and copied to the rows that share it."""
        base = self.matrix(shared)
        X = base[[k for k, _ in rows]] if rows else np.zeros((0, len(self.features)))
        self._fill(X, [row for _, row in rows])
        return X

    def _fill(self, X: np.ndarray, rows: Sequence[Mapping[str, float]]) -> None:
        """Write each row's known features into X's row of the same number (over what is there)."""
        index, width = self.index, X.shape[1]
        cells: list[int] = []  # flat positions in X and their values, written at once
        values: list[float] = []
        for r, row in enumerate(rows):
            start = r * width
            for name, v in row.items():
                i = index.get(name)
                if i is not None:
                    cells.append(start + i)
                    values.append(v)
        if cells:
            X.put(cells, np.asarray(values, dtype=np.float64))

    @cached_property
    def _flat(self) -> tuple[np.ndarray, ...]:
        """The trees as flat arrays with children as flat indices (one gather per step, not a
        two-dimensional fancy index): root offsets, feature, threshold, left, right, value."""
        n_trees, n_nodes = self.feature.shape
        roots = np.arange(n_trees, dtype=np.int64) * n_nodes
        return (
            roots,
            self.feature.ravel(),
            self.threshold.ravel(),
            (self.left + roots[:, None]).ravel(),
            (self.right + roots[:, None]).ravel(),
            self.value.ravel(),
        )

    def raw(self, X: np.ndarray) -> np.ndarray:
        n_trees = self.feature.shape[0]
        if len(X) == 0 or n_trees == 0:
            return np.zeros(len(X))
        roots, feature, threshold, left, right, value = self._flat
        X = np.ascontiguousarray(X)
        cells = X.ravel()
        row_start = (np.arange(len(X), dtype=np.int64) * X.shape[1])[:, None]
        node = np.repeat(roots[None, :], len(X), axis=0)
        for _ in range(self.depth):
            x = cells.take(row_start + feature.take(node))
            node = np.where(x <= threshold.take(node), left.take(node), right.take(node))
        return value.take(node).sum(axis=1)

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        return self._calibrated(self.raw(self.matrix(rows)))

    def probabilities_of_parts(
        self, shared: Sequence[Mapping[str, float]], rows: Sequence[tuple[int, Mapping[str, float]]]
    ) -> list[float]:
        """`probabilities` of the rows {**shared[k], **row} for (k, row) in `rows`."""
        return self._calibrated(self.raw(self.matrix_of_parts(shared, rows)))

    def _calibrated(self, raw: np.ndarray) -> list[float]:
        return [1.0 / (1.0 + math.exp(-(self.scale * r + self.shift))) for r in raw]

    def to_json(self) -> dict:
        return {
            "format": "tidings-judge/1",
            "features": list(self.features),
            "depth": self.depth,
            "trees": {
                "feature": self.feature.tolist(),
                "threshold": [[_num(t) for t in row] for row in self.threshold],
                "left": self.left.tolist(),
                "right": self.right.tolist(),
                "value": self.value.tolist(),
            },
            "calibration": {"scale": self.scale, "shift": self.shift},
            "threshold": self.default_threshold,
            "info": dict(self.info or {}),
        }


def _num(t: float):
    return None if math.isinf(t) else t


def from_json(d: Mapping) -> Judge:
    if d.get("format") != "tidings-judge/1":
        raise ValueError(f"not a tidings judge model (format {d.get('format')!r})")
    t = d["trees"]
    thr = np.array([[math.inf if v is None else v for v in row] for row in t["threshold"]], dtype=np.float64)
    return Judge(
        features=tuple(d["features"]),
        feature=np.array(t["feature"], dtype=np.int64),
        threshold=thr,
        left=np.array(t["left"], dtype=np.int64),
        right=np.array(t["right"], dtype=np.int64),
        value=np.array(t["value"], dtype=np.float64),
        depth=int(d["depth"]),
        scale=float(d["calibration"]["scale"]),
        shift=float(d["calibration"]["shift"]),
        default_threshold=float(d["threshold"]),
        info=d.get("info") or {},
    )


@lru_cache(maxsize=4)
def load_judge(path: str | None = None) -> Judge | None:
    """The installed judge (None when there is none)."""
    p = Path(path) if path else JUDGE_PATH
    if not p.exists():
        return None
    return from_json(json.loads(p.read_text(encoding="utf-8")))


def _flatten(tree: Mapping) -> tuple[list[list], int]:
    """One LightGBM tree as rows [feature, threshold, left, right, value] (a leaf points at
    itself), and its depth."""
    nodes: list[list] = []
    depth = 1

    def add(node, level):
        nonlocal depth
        i = len(nodes)
        nodes.append([0, math.inf, i, i, 0.0])
        if "leaf_value" in node or "split_feature" not in node:
            nodes[i][4] = float(node.get("leaf_value", 0.0))
            depth = max(depth, level)
            return i
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r}")
        left = add(node["left_child"], level + 1)
        right = add(node["right_child"], level + 1)
        nodes[i] = [int(node["split_feature"]), float(node["threshold"]), left, right, 0.0]
        return i

    add(tree, 0)
    return nodes, depth


def trees_from_lightgbm(
    dump: Mapping, features: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Flatten LightGBM's `dump_model()` into padded node arrays, and the deepest path."""
    flat = []
    depth = 1
    for info in dump["tree_info"]:
        nodes, deepest = _flatten(info["tree_structure"])
        depth = max(depth, deepest)
        flat.append(nodes)
    width = max((len(n) for n in flat), default=1)
    arrays = [
        np.zeros((len(flat), width), dtype=np.int64),
        np.full((len(flat), width), math.inf),
        np.zeros((len(flat), width), dtype=np.int64),
        np.zeros((len(flat), width), dtype=np.int64),
        np.zeros((len(flat), width), dtype=np.float64),
    ]
    for t, nodes in enumerate(flat):
        for i, (f, thr, left, right, v) in enumerate(nodes):
            arrays[0][t, i], arrays[1][t, i], arrays[2][t, i], arrays[3][t, i], arrays[4][t, i] = f, thr, left, right, v
        for i in range(len(nodes), width):  # padding: leaves of value 0 pointing at themselves
            arrays[2][t, i] = arrays[3][t, i] = i
    return arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], depth
