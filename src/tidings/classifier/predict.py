"""Loading the shipped classifier and scoring clauses with it.

    from tidings.classifier import load
    model = load()                      # cached per process (functools.lru_cache)
    model.scores(span)                  # {"01": p, ..., "20": p, "none": p}
    model.predict(span)                 # ("19", 0.83)
    model.penta_scores(span)            # {0: p, ..., 4: p}, given that there is an event
    model.status_scores(span)           # {"asserted": p, "negated": p, "hypothetical": p, "future": p}
    model.explain(span)                 # scores + the features that decided (for --explain)

`span` is a spaCy Doc or Span from the tidings pipeline (or en_core_web_sm): the features
are read from its parse, lemmas and doc.tensor, so scoring adds no second parse.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .model import EventClassifier

__all__ = ["load", "available", "MODEL_PATH"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "classifier.npz"


def available(path: str | Path | None = None) -> bool:
    return Path(path or MODEL_PATH).exists()


@lru_cache(maxsize=4)
def _load(path: str) -> EventClassifier:
    return EventClassifier.load(Path(path))


def load(path: str | Path | None = None) -> EventClassifier:
    """The trained classifier (the shipped weights unless `path` is given), loaded once per process.

    Raises FileNotFoundError when there are no weights: rebuild them with
    ``python -m tidings.classifier.train``."""
    p = Path(path or MODEL_PATH)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no classifier weights; run python -m tidings.classifier.train")
    return _load(str(p.resolve()))
