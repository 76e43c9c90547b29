"""Actor rules of the sixth pass of issue 18 (s13): a listed person whose name the NER took
together with the demonym before it ("Nepali King Gyanendra"). The sentences are written for
these tests."""

from __future__ import annotations

import pytest

from actorkit import mention


@pytest.mark.parametrize(
    "text,published,words,code",
    [
        ("Nepali King Gyanendra flew to Dhaka on Friday for the regional summit.", "2005-11-11", "Gyanendra", "NPLGOV"),
        ("Iraqi President Jalal Talabani arrived in Amman on Monday.", "2006-11-27", "Talabani", "IRQGOV"),
    ],
)
def test_a_demonym_the_ner_took_into_a_listed_persons_name_keeps_the_person(nlp, text, published, words, code):
    m = mention(nlp, text, published, words)
    assert m.code == code
