"""The token columns the quote finders loop over, read from a Doc once per document.

Reading a column from ``Doc.to_array`` costs about as much as touching one attribute of
every Token object, so the columns pay off in the loops over quotes and reported clauses
that visit many tokens. Values are spaCy ids: comparing ids is comparing the strings
(`sid` gives the id of a string).
"""

from __future__ import annotations

import bisect

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, POS
from spacy.strings import get_string_id as sid

__all__ = ["TokenTable", "sid"]

_ATTRS = [IDX, IS_ALPHA, IS_SPACE, LIKE_NUM, POS, LEMMA, LOWER, ORTH]


class TokenTable:
    """Per-token columns of one Doc as Python lists, and its sentence starts."""

    def __init__(self, doc):
        (self.idx, self.alpha, self.space, self.like_num, self.pos, self.lemma, self.lower, self.orth) = (
            doc.to_array(_ATTRS).T.tolist() if len(doc) else ([] for _ in _ATTRS)
        )
        self.sent_starts = [s.start for s in doc.sents]

    def __len__(self) -> int:
        return len(self.orth)

    def alpha_count(self, a: int, b: int) -> int:
        """How many tokens in [a, b) are alphabetic (Token.is_alpha)."""
        return sum(self.alpha[a:b])

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence of token i (Token.sent without building the Span)."""
        k = bisect.bisect_right(self.sent_starts, i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.orth)
        return self.sent_starts[k], end
