"""The model's own dependency parser, its greedy decoding stepped from Python (component "parser").

spaCy's DependencyParser decodes a batch of documents in compiled code (Parser._parseC): at
every step each unfinished state gathers the precomputed vectors of its 8 feature tokens, sums
them, takes the maxout of the 64 hidden units, scores the 106 moves and takes the best valid
one. The spaCy 3.8 wheel was compiled so that this loop, which runs without the GIL, takes the
GIL back after every hidden unit of every state (Cython's exception check after thinc's
Vec.arg_max and VecVec.add_i: a PyGILState_Ensure/Release pair each, about 45,000 per pool
article): on real news that is more than half of the parser's time.

This component steps the same decoding from Python with the GIL held throughout: per step one
call of each of spaCy's own pieces for all the unfinished states of a batch (the feature
tokens, ParserStepModel.get_token_ids; the hidden layer, precompute_hiddens.predict, the very
sum spaCy's loop makes; the moves, Parser.transition_states, spaCy's own validity rules and
argmax), and the output layer as one product through numpy (what thinc's Linear computes). The
weights, the sub-batches (the batch sorted by length, in groups of a quarter of the batch size)
and the annotations (Parser.set_annotations, with its deprojectivisation) are the parser's.
Only the output layer's sums may be added in another order than BLIS's (numpy's OpenBLAS),
which could only matter for two moves scoring equal to the last bit: on 72,860 pool and 80,301
PolNeAR tokens every head, label and sentence start is the same. A parser with beam search or
with moves it never saw in training (which spaCy scores as the step's lowest) keeps spaCy's
decoder.

FAST_PARSER = False in tidings.nlp keeps spaCy's component.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .swap import swap_pipe

__all__ = ["SteppedParser", "replace_parser"]


class SteppedParser:
    """Parses with a trained DependencyParser's weights and moves, stepping its greedy decoding from Python."""

    def __init__(self, nlp: Language, name: str = "parser", batch_size: int = 256):
        self.name = name
        self.batch_size = batch_size
        self.parser: Any = None  # the model's DependencyParser (bind): its weights, moves and annotations
        self.vocab = nlp.vocab

    def bind(self, parser) -> None:
        """Take the model and the transition system of the model's parser."""
        self.parser = parser
        model = parser.model
        upper = model.get_ref("upper")
        self.out_weights = upper.get_param("W")  # (moves, hidden)
        self.out_bias = upper.get_param("b")
        self.stepped = (
            parser.cfg.get("beam_width", 1) == 1
            and model.attrs.get("has_upper", True)
            and not model.attrs.get("unseen_classes")
        )

    def __call__(self, doc: Doc) -> Doc:
        self.parser.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs, batch_size: int | None = None):
        """As spaCy's Parser.pipe: each batch parsed in sub-batches of similar length, yielded in order."""
        size = batch_size or self.batch_size
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                self._annotate(batch, size)
                yield from batch
                batch = []
        if batch:
            self._annotate(batch, size)
            yield from batch

    def _annotate(self, batch: list[Doc], size: int) -> None:
        by_length = sorted(batch, key=len)
        group = max(size // 4, 2)
        for start in range(0, len(by_length), group):
            docs = by_length[start : start + group]
            self.parser.set_annotations(docs, self.predict(docs))

    def predict(self, docs: list[Doc]) -> list:
        """The final parse states of the docs (spaCy's StateClass objects, for Parser.set_annotations)."""
        parser = self.parser
        if not self.stepped or not any(len(doc) for doc in docs):
            return parser.predict(docs)
        states = parser.moves.init_batch(docs)
        steps = parser.model.predict(docs)  # ParserStepModel: the token vectors and the precomputed features
        hidden_of = steps.state2vec.predict
        token_ids = steps.get_token_ids
        transition = parser.transition_states
        weights_t, bias = self.out_weights.T, self.out_bias
        open_states = [state for state in states if not state.is_final()]
        while open_states:
            scores = np.dot(hidden_of(token_ids(open_states)), weights_t)
            scores += bias
            open_states = transition(open_states, scores)
        steps.clear_memory()
        return states


def replace_parser(nlp: Language, name: str = "parser") -> SteppedParser:
    """Swap the pipeline's DependencyParser for SteppedParser on it, same place, same name."""
    from spacy.pipeline import DependencyParser

    return swap_pipe(nlp, name, DependencyParser, "tidings_parser", SteppedParser)


@Language.factory(
    "tidings_parser",
    assigns=["token.dep", "token.head", "token.is_sent_start", "doc.sents"],
)
def make_parser(nlp: Language, name: str) -> SteppedParser:
    return SteppedParser(nlp, name)
