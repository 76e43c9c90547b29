"""The model's own named entity recogniser, decoded with array operations (component "ner").

spaCy's EntityRecognizer is a greedy transition system: at every token it scores 74 moves
(B-, I-, L-, U- for 18 labels, the blocking U- and O) from three token features, the word at
the buffer's head (B0), the first word of the open entity (E0) and the word before B0, and
takes the best valid move. With no entity open the two last features are padding, so the
scores of a token then depend on that token alone: they are computed for every token at once
(one matrix product), and the first token of each entity found that way. Only inside an entity
do the scores depend on the moves before, and there just two moves are valid (I- or L- of the
open entity's label): those few tokens are stepped through one at a time.

The weights are the model's (its own tok2vec, the precomputed feature layer, the output layer)
and the validity rules are BiluoPushDown's for a Doc with no preset entities: B- not on the last
token, before a sentence start, or on whitespace; U- not on whitespace; I- not on the last token
or before a sentence start. A Doc that has preset entities goes through spaCy's own decoder.
On real news this gives the entities spaCy's decoder gives (the same products; the sums of an
output score may be added in another order, which could only matter for two moves scoring equal
to the last bit), and decoding costs a tenth of what it did: spaCy's decoder stepped every token
through the network one at a time.

FAST_ENTITIES = False in tidings.nlp keeps spaCy's component.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .swap import swap_pipe

__all__ = ["GreedyEntities", "replace_entity_recognizer"]


class GreedyEntities:
    """Entities from a trained EntityRecognizer's weights, without its step-by-step decoder."""

    def __init__(self, nlp: Language, name: str = "ner", batch_size: int = 64):
        self.name = name
        self.batch_size = batch_size
        self.recognizer: Any = None  # the model's EntityRecognizer (bind): its weights, and the fallback
        self.vocab = nlp.vocab

    def bind(self, recognizer) -> None:
        """Take the weights and the move table of the model's recogniser."""
        self.recognizer = recognizer
        model = recognizer.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        self.out_weights = upper.get_param("W")  # (moves, hidden)
        self.out_bias = upper.get_param("b")
        self.feat_bias = self.lower.get_param("b")  # (hidden, pieces)
        moves = recognizer.moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        self.labels = [n.split("-", 1)[1] if "-" in n else "" for n in names]
        kinds = np.array([n.split("-", 1)[0] for n in names])
        named = np.array([bool(label) for label in self.labels])
        self.out_class = int(np.flatnonzero(kinds == "O")[0])
        self.begins = (kinds == "B") & named
        self.units = (kinds == "U") & named
        # the I- and L- move of each label, by the index of its B- move
        self.inside = {b: names.index("I-" + self.labels[b]) for b in np.flatnonzero(self.begins).tolist()}
        self.last = {b: names.index("L-" + self.labels[b]) for b in np.flatnonzero(self.begins).tolist()}
        # spaCy scores a move never seen in training as the step's lowest score: not reproduced here
        self.exact = not model.attrs.get("unseen_classes")

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs, batch_size: int | None = None):
        size = batch_size or self.batch_size
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                self._annotate(batch)
                yield from batch
                batch = []
        if batch:
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        own = [d for d in docs if len(d) and self.exact and not d.to_array(ENT_IOB).any()]
        chosen = {id(d) for d in own}
        preset = [d for d in docs if len(d) and id(d) not in chosen]
        if preset:  # not met in tidings: its Docs come to the recogniser with no entities
            self.recognizer.set_annotations(preset, self.recognizer.predict(preset))
        if not own:
            return
        features = self.lower.predict(self.tok2vec.predict(own))  # (1 + tokens, 3, hidden, pieces); row 0 pads
        offset = 1
        for doc in own:
            spans = self._decode(doc, features, offset)
            doc.set_ents([Span(doc, s, e, label=label) for s, e, label in spans], default="outside")
            offset += len(doc)

    def _closed_moves(self, doc: Doc, feats: np.ndarray, pad: np.ndarray) -> np.ndarray:
        """The best valid move at every token when no entity is open."""
        n = len(doc)
        flags = doc.to_array([IS_SPACE, SENT_START])
        space = flags[:, 0].astype(bool)
        next_starts = np.zeros(n, dtype=bool)
        next_starts[:-1] = flags[1:, 1] == 1
        can_begin = ~space & ~next_starts
        can_begin[-1] = False
        summed = feats[:, 0] + pad[1]
        summed += pad[2]
        summed += self.feat_bias
        scores = _maxout(summed) @ self.out_weights.T
        scores += self.out_bias
        valid = np.zeros(scores.shape, dtype=bool)
        valid[:, self.out_class] = True
        valid[~space] |= self.units
        valid[can_begin] |= self.begins
        scores[~valid] = -np.inf
        return scores.argmax(axis=1)

    def _decode(self, doc: Doc, features: np.ndarray, offset: int) -> list[tuple[int, int, str]]:
        n = len(doc)
        feats = features[offset : offset + n]
        moves = self._closed_moves(doc, feats, features[0])
        starts = doc.to_array(SENT_START)
        spans: list[tuple[int, int, str]] = []
        free_from = 0
        for i in np.flatnonzero(moves != self.out_class).tolist():
            if i < free_from:
                continue  # inside an entity found before
            move = int(moves[i])
            label = self.labels[move]
            if self.units[move]:
                spans.append((i, i + 1, label))
                free_from = i + 1
                continue
            end = self._entity_end(feats, starts, i, move, n)
            spans.append((i, end, label))
            free_from = end
        return spans

    def _entity_end(self, feats: np.ndarray, starts: np.ndarray, start: int, begin: int, n: int) -> int:
        """Where the entity begun at `start` ends: the first token the model gives L- (or the last one it may)."""
        inside, last = self.inside[begin], self.last[begin]
        pair = self.out_weights[[inside, last]]
        pair_bias = self.out_bias[[inside, last]]
        first_word = feats[start, 1]
        for i in range(start + 1, n):
            if i == n - 1 or starts[i + 1] == 1:
                return i + 1  # only L- is valid
            summed = feats[i, 0] + first_word
            summed += feats[i - 1, 2]
            summed += self.feat_bias
            score_in, score_last = pair @ _maxout(summed) + pair_bias
            if score_last > score_in:  # a tie goes to the lower move index, I-, as in spaCy's argmax
                return i + 1
        return n


def _maxout(summed: np.ndarray) -> np.ndarray:
    """The largest of the pieces (the last axis, 2 in the model): element-wise, not numpy's slower reduce over it."""
    best = summed[..., 0]
    for piece in range(1, summed.shape[-1]):
        best = np.maximum(best, summed[..., piece])
    return best


def replace_entity_recognizer(nlp: Language, name: str = "ner") -> GreedyEntities:
    """Swap the pipeline's EntityRecognizer for GreedyEntities on its weights, same place, same name."""
    from spacy.pipeline import EntityRecognizer

    return swap_pipe(nlp, name, EntityRecognizer, "tidings_entities", GreedyEntities)


@Language.factory("tidings_entities", assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def make_entities(nlp: Language, name: str) -> GreedyEntities:
    return GreedyEntities(nlp, name)
