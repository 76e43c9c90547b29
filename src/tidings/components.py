"""Registers every tidings spaCy component by name (importing this module is enough)."""
from __future__ import annotations

from spacy.language import Language

from .actors import component as _actors  # noqa: F401
from .events import component as _events  # noqa: F401
from . import dates as _dates  # noqa: F401
from . import places as _places  # noqa: F401
from . import quotes as _quotes  # noqa: F401


@Language.component("tidings_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc):
    """A line break ends a sentence: headers, list items and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not prev.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc
