"""The root a careful coder gives a trigger in its clause, learned from the project's own
annotations of real articles (gold/news/train*.jsonl: each coded event names its sentence and
its one-word trigger).

The sentence coder's lexicon says what a word can mean; coders of real news often read it
otherwise ("shot dead" is a battle, 19, when soldiers and militants are meant; "told
Washington to stay clear" is a demand, 10). This model gives, for a trigger token, the
probability of each CAMEO root (and "none": no event the coders list) from the words and
syntax of the trigger's clause; the judge reads it, and its likely roots are readings the
article stage weighs (`hypotheses`). It is a multinomial logistic regression over the same
clause features as `tidings.classifier`, plus features of the trigger itself, stored like the
classifier (`data/models/roots.npz`) and trained by `tidings.story.train`.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from ..classifier.features import FeatureOptions, TokenTable, sparse_features
from ..classifier.model import ROOT_CLASSES, EventClassifier, Head, design, fit_head

__all__ = ["TriggerRoots", "trigger_token", "clause_of", "trigger_features", "load_roots", "ROOTS_PATH", "fit_roots"]

ROOTS_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "roots.npz"
OPTIONS = FeatureOptions(words=True, bigrams=False, syntax=True, dense=False)
MAX_CLAUSE = 30


def trigger_token(doc, char: int):
    """The token that starts at this character offset (or holds it)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def clause_of(tok):
    """The trigger's clause: its verb's subtree (for a noun, the verb it hangs on), at most
    MAX_CLAUSE tokens around the trigger, within its sentence."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    sent = tok.sent
    left, right = max(verb.left_edge.i, sent.start), min(verb.right_edge.i + 1, sent.end)
    left, right = max(left, tok.i - MAX_CLAUSE), min(right, tok.i + MAX_CLAUSE)
    return tok.doc[left:right]


def trigger_features(tok, table: TokenTable | None = None) -> Counter:
    """The clause's features and the trigger's own."""
    feats = OPTIONS.filter(sparse_features(clause_of(tok), OPTIONS, table))
    lemma, head = tok.lemma_.lower(), tok.head
    feats[f"t={lemma}"] += 1
    feats[f"tpos={tok.pos_}"] += 1
    feats[f"tdep={tok.dep_}"] += 1
    feats[f"thead={head.lemma_.lower()}"] += 1
    feats[f"t+head={lemma}|{head.lemma_.lower()}"] += 1
    for child in tok.children:
        if child.dep_ in ("dobj", "pobj", "prep", "prt", "xcomp", "neg", "aux"):
            feats[f"t.{child.dep_}={child.lemma_.lower()}"] += 1
    feats["bias"] += 1
    return feats


class TriggerRoots:
    """Scores trigger tokens: root ("01".."20", "none") -> probability."""

    def __init__(self, vocab: dict[str, int], head: Head, meta: dict | None = None):
        self.vocab, self.head, self.meta = vocab, head, meta or {}

    def scores_many(self, tokens: Sequence) -> list[dict[str, float]]:
        if not tokens:
            return []
        rows = [trigger_features(tok, TokenTable.of(tok.doc)) for tok in tokens]
        P = self.head.proba(design(rows, np.zeros((len(rows), 0)), self.vocab))
        return [{c: float(x) for c, x in zip(self.head.classes, row)} for row in P]

    def save(self, path: Path) -> None:
        EventClassifier(self.vocab, self.head, None, OPTIONS, np.zeros(0), np.ones(0), self.meta).save(path)


def fit_roots(rows: list[Counter], labels: list[str], seed: int = 7, min_count: int = 2) -> TriggerRoots:
    """Fit the model on feature rows and their roots ("none" for no listed event)."""
    counts = Counter(f for r in rows for f in r)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    X = design(rows, np.zeros((len(rows), 0)), vocab)
    index = {c: i for i, c in enumerate(ROOT_CLASSES)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    head = fit_head(X, y, ROOT_CLASSES, len(vocab), seed, epochs=8, l2=1e-4)
    return TriggerRoots(vocab, head, {"examples": len(rows), "listed": int(sum(1 for x in labels if x != "none"))})


@lru_cache(maxsize=2)
def load_roots(path: str | None = None) -> TriggerRoots | None:
    p = Path(path) if path else ROOTS_PATH
    if not p.exists():
        return None
    model = EventClassifier.load(p)
    return TriggerRoots(model.vocab, model.root, model.meta)
