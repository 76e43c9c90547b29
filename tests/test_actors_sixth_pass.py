"""Actor rules of the sixth pass of issue 18 (s13): a listed person whose name the NER took
together with the demonym before it ("Nepali King Gyanendra"); a deputy or assistant is not the
holder of the office his title names; an apposed title of several words after a participle ("the
visiting US deputy secretary of state") names the person; "the Islamists" are the armed group
the article named before them. The sentences are written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from actorkit import actors_only, mention
from tidings.nlp import new_doc


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


def test_the_islamists_are_the_armed_group_named_before_them(nlp):
    text = (
        "The Union of Islamic Courts took the port of Kismayo last month. "
        "The Islamists denounced the talks in Khartoum on Thursday."
    )
    m = mention(nlp, text, "2006-11-02", "Islamists")
    assert m.code == "SOMREB"
    assert m.rule.startswith("coref:")
    text = "Hamas won the January election. The ruling Islamists refused to recognise Israel."
    assert mention(nlp, text, "2006-12-16", "Islamists").code == "PSEREB"


def test_islamists_with_no_armed_group_before_them_stay_no_actor(nlp):
    # not the country of the sentence: with no group named before them, "Islamists" is no actor
    text = "Turkish police detained Islamists in Ankara on Thursday."
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2006, 11, 2)))
    assert [m.text for m in doc._.actor_mentions if "Islamists" in m.text] == []


def test_an_unknown_person_apposed_to_a_demonym_is_of_that_country(nlp):
    text = "Police arrested Sok Vanna, a Cambodian, in Hanoi on Monday."
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2005, 11, 17)))
    got = {m.text: m.code for m in doc._.actor_mentions}
    assert got["Sok Vanna"] == "KHM"
    # the person's nationality does not say where the sentence is: the police are still Hanoi's
    assert got["Police"] == "VNMCOP"


def test_a_company_named_for_a_demonym_is_no_apposed_nationality(nlp):
    text = "Ponahalo, a unit of mining giant Anglo American, was criticised in Johannesburg."
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2005, 11, 8)))
    assert not any(m.rule.startswith("apposition:demonym") for m in doc._.actor_mentions)


@pytest.mark.parametrize(
    "text,published,words,code",
    [
        ("Gernot Erler told reporters in Berlin that talks would resume.", "2006-12-21", "Erler", "DEUGOV"),
        ("Alaeddin Boroujerdi said the parliament would review the deal.", "2006-12-15", "Boroujerdi", "IRNLEG"),
        ("Ecumenical Patriarch Bartholomew welcomed the pope in Istanbul.", "2006-11-30", "Bartholomew", "TURREL"),
        ("Yossi Sarid accused the government of stalling.", "1997-04-20", "Sarid", "ISROPP"),
    ],
)
def test_people_of_the_sixth_pass(nlp, text, published, words, code):
    assert mention(nlp, text, published, words).code == code


def test_the_council_is_the_organisation_named_council_not_the_nearest_one(nlp):
    text = (
        "The UN Security Council on Monday renewed its call for a ceasefire in northern Uganda. "
        "The Lord's Resistance Army has fought the government for two decades. "
        "The rebel group says it wants a political settlement. "
        "Its leaders are hiding in the forests of Congo. "
        "The council urged both sides to return to the talks in Juba."
    )
    m = mention(nlp, text, "2006-11-16", "The council")
    assert m.code == "IGOUNO"


@pytest.mark.parametrize(
    "text,words",
    [
        ("The secretary-general urged all parties to show restraint.", "all parties"),
        ("The envoy said both parties had agreed to a truce.", "both parties"),
        ("Tunisia's president called on all relevant parties to resume the talks.", "relevant parties"),
        ("The mediators asked the parties concerned to return to the table.", "parties"),
    ],
)
def test_the_sides_of_a_dispute_are_no_political_parties(nlp, text, words):
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2006, 11, 21)))
    assert [m.code for m in doc._.actor_mentions if words in m.text] == []


def test_political_parties_and_a_countrys_parties_stay_parties(nlp):
    m = mention(nlp, "All political parties in Bangladesh boycotted the vote.", "2006-11-22", "parties")
    assert m.code == "BGDPTY"
    m = mention(nlp, "The UN called on all parties in Lebanon to show restraint.", "2006-11-21", "parties")
    assert m.code == "LBNPTY"
