"""Quotes: a pronoun speaker resolved through the speaker before it (issue 20). Sentences
written for these tests."""

from __future__ import annotations

import pytest
from quotekit import find as _find
from quotekit import quotes_of as _quotes


def _speaker(quote) -> tuple[str, str]:
    sp = quote.speaker
    return ("", "") if sp is None else (sp.text or "", sp.name or "")


@pytest.mark.parametrize(
    "text, fragment, name",
    [
        # no person is named: he/she is the person noun that spoke just before
        ("A police spokesman said two men were arrested. He added that the city was calm.", "the city", "spokesman"),
        (
            '"Rain is a gift," my grandmother often said. She also told us that "patience is the answer."',
            "patience",
            "grandmother",
        ),
        (
            "The village doctor said the water was unsafe. She warned that more children would fall ill.",
            "more children",
            "doctor",
        ),
    ],
)
def test_a_pronoun_after_a_speaker_named_by_a_noun(nlp, text, fragment, name):
    found = _find(_quotes(nlp, text), fragment)
    assert found and all(name in _speaker(q)[1] for q in found), found


def test_a_pronoun_of_the_other_gender_is_not_that_speaker(nlp):
    found = _find(
        _quotes(nlp, "The spokeswoman said two men were arrested. He added that the city was calm."), "the city"
    )
    assert found and "spokeswoman" not in _speaker(found[0])[1], found


@pytest.mark.parametrize(
    "text, fragment, name",
    [
        # they/it: the main clause's subject, not the subject of what it reported
        (
            "Officials at the ministry said the talks had failed. They said a new round was unlikely.",
            "new round",
            "Officials",
        ),
        ("The agency said the plan was dead. It said a new one would follow within weeks.", "new one", "agency"),
    ],
)
def test_they_and_it_are_the_speaker_before_not_the_reported_subject(nlp, text, fragment, name):
    found = _find(_quotes(nlp, text), fragment)
    assert found and name in _speaker(found[0])[1], found


def test_a_partial_quote_inside_a_reported_clause_is_the_reporters(nlp):
    text = "Yet, as the economist observed, in the first days of a new term -- when he would not face voters -- ''what products would you pick?''"
    quotes = _quotes(nlp, text)
    direct = _find(quotes, "what products", "direct")
    assert direct and "economist" in _speaker(direct[0])[0], quotes


def test_quoted_words_with_a_speaker_of_their_own_keep_it(nlp):
    text = 'Ms. Lund said the crowd kept chanting "no more cuts" at the mayor, Tom Reyes.'
    quotes = _quotes(nlp, text)
    assert all(q.speaker is None or "Reyes" not in (q.speaker.text or "") for q in quotes), quotes
