"""Quotes: a quoted work title is a name, not a quote (issue 20, direct quotes). Sentences
written for these tests."""

from __future__ import annotations

import pytest
from quotekit import find as _find
from quotekit import quotes_of as _quotes


@pytest.mark.parametrize(
    "text, title",
    [
        # a title right after the noun of the work, even with a cue after it
        (
            "In his 2002 book, ''Raise a Rich Kid,'' Mr. Hale suggested looking at the things you buy.",
            "Raise a Rich Kid",
        ),
        ('The band closed with the song "Home Again Tonight" and left the stage.', "Home Again Tonight"),
        ('Her memoir "The Long Road Home" came out in May, the publisher said.', "The Long Road Home"),
    ],
)
def test_a_title_after_the_noun_of_its_work_is_no_quote(nlp, text, title):
    assert not _find(_quotes(nlp, text), title, "direct"), _quotes(nlp, text)


def test_a_clause_that_is_only_a_title_is_no_quote(nlp):
    text = "In his 2002 book, ''Raise a Rich Kid,'' Mr. Hale suggested looking at the things you buy."
    assert not _find(_quotes(nlp, text), "Rich Kid"), _quotes(nlp, text)


def test_a_piece_of_a_split_clause_keeps_its_title(nlp):
    """The subject piece of a clause the cue interrupts is reported, title and all."""
    quotes = _quotes(nlp, 'His new memoir, "The Long Road Home," Hale said, is out in May.')
    assert _find(quotes, "His new memoir", "indirect") and _find(quotes, "is out in May", "indirect"), quotes


@pytest.mark.parametrize(
    "text, fragment",
    [
        # a capitalised quote with a cue and no work noun before it is a quote
        ('"Make Our Town Safe Again," the mayor said on Monday.', "Make Our Town Safe Again"),
        ('The mayor said his book was a mistake: "Never Write Again."', "Never Write Again"),
    ],
)
def test_a_capitalised_quote_without_a_work_noun_stays(nlp, text, fragment):
    assert _find(_quotes(nlp, text), fragment, "direct"), _quotes(nlp, text)
