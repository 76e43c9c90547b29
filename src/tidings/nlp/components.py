"""Registers every tidings spaCy component by name (importing this module is enough)."""

from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language

from ..actors import component as _actors  # noqa: F401
from ..events import component as _events  # noqa: F401
from .. import dates as _dates  # noqa: F401
from .. import places as _places  # noqa: F401
from .. import quotes as _quotes  # noqa: F401
from ..story import component as _story  # noqa: F401


@Language.component("tidings_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc):
    """A line break ends a sentence: headers, list items and paragraphs never run together.

    A token after one whose text holds a line break starts a sentence. The few distinct
    token strings are checked, not every Token."""
    orth = doc.to_array(ORTH)
    strings = doc.vocab.strings
    for o in set(orth.tolist()):
        if "\n" in strings[o]:
            for i in np.flatnonzero(orth[:-1] == o).tolist():
                doc[i + 1].is_sent_start = True
    return doc
