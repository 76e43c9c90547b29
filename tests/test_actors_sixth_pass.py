"""Actor rules of the sixth pass of issue 18 (s13): a listed person whose name the NER took
together with the demonym before it ("Nepali King Gyanendra"); a deputy or assistant is not the
holder of the office his title names; an apposed title of several words after a participle ("the
visiting US deputy secretary of state") names the person. The sentences are written for these
tests."""

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


@pytest.mark.parametrize(
    "text,words",
    [
        ("The Chinese deputy foreign minister arrived in Hanoi on Monday.", "deputy foreign minister"),
        ("The US deputy secretary of state met Thai officials on Monday.", "deputy secretary of state"),
        ("Iran's assistant foreign minister left Beirut on Monday.", "assistant foreign minister"),
    ],
)
def test_a_deputy_is_not_the_office_holder(nlp, text, words):
    m = mention(nlp, text, "2006-11-20", words)
    assert m.code is not None and m.code.endswith("GOV")
    assert not m.rule.startswith("office:"), m.rule  # not whoever held the office itself
    assert "people.tsv" not in m.rule


def test_the_office_itself_still_names_its_holder(nlp):
    m = mention(nlp, "The Chinese foreign minister arrived in Hanoi on Monday.", "2006-11-20", "foreign minister")
    assert m.rule.startswith("office:")


def test_an_apposed_title_of_several_words_after_a_participle_names_the_person(nlp):
    text = "Ortega met Peter Wilkins, the visiting United States deputy secretary of state for trade, on Tuesday."
    m = mention(nlp, text, "2006-11-28", "Wilkins")
    assert m.code == "USAGOV"
    assert m.rule.startswith("apposition:")
