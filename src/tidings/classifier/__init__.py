"""A learned event classifier beside the lexicon coder: the CAMEO root (and pentacode) of a clause.

    import tidings.classifier as tc
    model = tc.load()                 # cached per process
    model.scores(doc_or_span)         # {"01".."20", "none"} -> probability
    model.predict(span)               # (root, probability)
    model.penta_scores(span)          # {0..4} -> probability (event assumed)
    model.status_scores(span)         # asserted / negated / hypothetical / future
    model.explain(span)               # scores and the top features, for --explain

How the event coder can use it (docs/training-corpus.md has the details and numbers):
  * tie-break: among competing lexicon matches for one clause, prefer the code whose root
    has the highest ``scores(clause)[root]``;
  * propose: where the lexicon is silent but the clause has a source actor and a verb,
    propose ``predict(clause)`` when its root is not "none" and its probability is high
    (>= 0.6 keeps precision high on the held-out data);
  * calibrate: ``confidence = 0.5 * lexicon_confidence + 0.5 * scores(clause)[root]``;
  * explain: ``explain(clause)`` lists the scores and the features that decided.

The training corpus is written by the project: ``python -m tidings.classifier.corpus``
regenerates it, ``python -m tidings.classifier.validate`` checks it,
``python -m tidings.classifier.train`` rebuilds the weights (same seed, same bytes).
"""

from __future__ import annotations

from .model import PENTA_OF_ROOT, ROOT_CLASSES, STATUS_CLASSES, EventClassifier
from .predict import MODEL_PATH, available, load

__all__ = ["load", "available", "EventClassifier", "ROOT_CLASSES", "STATUS_CLASSES", "PENTA_OF_ROOT", "MODEL_PATH"]
