"""Helpers of the quote tests: the pipeline up to the quotes stage, and the quotes holding a fragment."""

from __future__ import annotations

from tidings.nlp import new_doc


def quotes_of(nlp, text):
    """Run the pipeline up to tidings_quotes (later stages read quotes; they do not change them)."""
    names = nlp.pipe_names
    with nlp.select_pipes(disable=names[names.index("tidings_quotes") + 1 :]):
        return nlp(new_doc(nlp, text))._.quotes


def find(quotes, fragment, kind=None):
    """The quotes whose text holds `fragment` (of `kind`, when given)."""
    return [q for q in quotes if fragment in q.text and (kind is None or q.kind == kind)]
