"""Combining the classifier with the lexicon coder: one pure function the event coder can call.

    from tidings.classifier.combine import decide
    d = decide([("036", 0.7), ("046", 0.6)], model.scores(clause), has_source=True)
    d.code, d.confidence, d.decided_by   # "046", 0.74, "lexicon+classifier"

* tie-break: every lexicon candidate gets ``(1 - weight) * lexicon_confidence +
  weight * scores[root]``; the best wins. ``decided_by`` is "lexicon" when the
  classifier agreed with the lexicon's own ranking, "lexicon+classifier" when it changed it.
* propose: with no lexicon candidate, a clause with a source actor gets the classifier's
  root (as its "not specified" code, root + "0": "190") when that root is not "none" and
  its probability is at least ``threshold``; ``decided_by`` = "classifier".
* calibrate: the returned ``confidence`` is the combined score.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Decision", "decide", "root_code"]


@dataclass(frozen=True)
class Decision:
    code: str
    root: str
    confidence: float
    decided_by: str  # lexicon | lexicon+classifier | classifier
    scores: dict = field(default_factory=dict, compare=False)


def root_code(root: str) -> str:
    """The root's "not specified below" code: "19" -> "190", "01" -> "010"."""
    return root + "0"


def decide(lexicon: list[tuple[str, float]], scores: dict[str, float], has_source: bool = True,
           threshold: float = 0.6, weight: float = 0.5) -> Decision | None:
    """Pick the event code for one clause from lexicon candidates and classifier scores."""
    if lexicon:
        ranked_lex = sorted(lexicon, key=lambda c: -c[1])
        combined = sorted(((1 - weight) * conf + weight * scores.get(code[:2], 0.0), i, code)
                          for i, (code, conf) in enumerate(ranked_lex))
        best_score, best_i, best_code = max(combined, key=lambda t: (t[0], -t[1]))
        by = "lexicon" if best_i == 0 else "lexicon+classifier"
        return Decision(best_code, best_code[:2], round(best_score, 4), by, scores)
    if not has_source or not scores:
        return None
    root = max(scores, key=scores.get)
    if root == "none" or scores[root] < threshold:
        return None
    return Decision(root_code(root), root, round(scores[root], 4), "classifier", scores)
