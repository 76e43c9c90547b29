"""Actor rules of the seventh pass of issue 18 (s14): a currency ("US dollars") names no actor; a
capital or town before a gathering ("their Tokyo meeting", "the Doha round") only places it (it
still gives the roles of its sentence their country); a plural role ("the foreign ministers") is
not the one office-holder named before it. The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from actorkit import actors_only, mention
from tidings.nlp import new_doc


def _mentions(nlp, text: str, published: str = "2006-11-20"):
    doc = actors_only(nlp, new_doc(nlp, text, dt.date.fromisoformat(published)))
    return [(m.text, m.code) for m in doc._.actor_mentions]


@pytest.mark.parametrize(
    "text",
    [
        "The island repaid a loan of 40 million US dollars to the bank last year.",
        "The fund lent 30 million U.S. dollars to the province.",
        "Shares rose by 12 Hong Kong dollars on Friday.",
    ],
)
def test_a_currency_names_no_actor(nlp, text):
    found = _mentions(nlp, text)
    assert not any(code and code.startswith(("USA", "HKG")) for _, code in found), found


@pytest.mark.parametrize(
    "text,town",
    [
        ("At their Tokyo meeting in May, the two ministers agreed to open a hotline.", "Tokyo"),
        ("The delegates spent the day discussing the stalled Doha round of trade negotiations.", "Doha"),
        ("The Moscow talks ended without a statement.", "Moscow"),
    ],
)
def test_a_capital_before_a_gathering_is_no_actor(nlp, text, town):
    found = _mentions(nlp, text)
    assert not any(town in words for words, _ in found), found


def test_the_capital_before_a_gathering_still_places_the_roles_of_its_sentence(nlp):
    m = mention(nlp, "The minister held a Baghdad news conference on Monday.", "2006-11-20", "minister")
    assert m.code == "IRQGOV"


@pytest.mark.parametrize(
    "text,words,code",
    [
        ("Kabul police detained four men on Sunday.", "Kabul police", "AFGCOP"),
        ("The contingent will guard Tirana airport from next week.", "Tirana", "ALB"),
        ("The envoy flew to Tokyo on Monday.", "Tokyo", "JPN"),
    ],
)
def test_a_capital_that_is_no_gathering_s_place_keeps_its_country(nlp, text, words, code):
    m = mention(nlp, text, "2006-11-20", words)
    assert m.code is not None and m.code.startswith(code)


def test_plural_ministers_are_not_the_one_minister_named_before(nlp):
    text = "Foreign Minister Geremek arrived on Friday. The foreign ministers signed the treaty on Saturday."
    m = mention(nlp, text, "1999-03-12", "The foreign ministers")
    assert "geremek" not in m.rule


def test_bare_peacekeepers_are_the_un_s_when_the_article_names_the_un(nlp):
    text = "The UN Security Council met on Friday. Sudan rejected the deployment of international peacekeepers."
    m = mention(nlp, text, "2006-11-20", "peacekeepers")
    assert m.code == "IGOUNOPKO"


@pytest.mark.parametrize(
    "text",
    [
        "The peacekeepers left the town on Friday.",
        "NATO and the UN met in Brussels. The peacekeepers left Pristina on Friday.",
        "The UN welcomed the vote. The African Union extended the mandate of its peacekeeping force.",
    ],
)
def test_other_peacekeepers_stay_bare(nlp, text):
    m = mention(nlp, text, "2006-11-20", "peace")
    assert m.code == "IGOPKO"


@pytest.mark.parametrize(
    "text,code",
    [
        ("The Mongolian president, who will visit China next week, said his country wants closer ties.", "MNG"),
        ("Iraqi officials met the envoy in Amman. They said their country needs more help.", "IRQ"),
    ],
)
def test_his_country_is_the_country_of_its_owner(nlp, text, code):
    m = mention(nlp, text, "2006-11-20", "country")
    assert m.code == code


def test_the_country_still_refers_back_to_the_country_named(nlp):
    m = mention(nlp, "Ukraine banned the imports. The country has also closed its border.", "2006-11-20", "The country")
    assert m.code == "UKR"


@pytest.mark.parametrize(
    "text,published,words,code",
    [
        ("The EU presidency said on Monday it regretted the decision.", "2006-11-20", "EU presidency", "FINGOV"),
        ("The EU presidency said on Monday it regretted the decision.", "2005-11-20", "EU presidency", "GBRGOV"),
        ("The presidency of the European Union issued a statement.", "1997-04-10", "presidency", "NLDGOV"),
        ("The Danish EU presidency welcomed the vote on Friday.", "2006-11-20", "presidency", "DNKGOV"),
    ],
)
def test_the_eu_presidency_is_the_country_that_holds_it(nlp, text, published, words, code):
    m = mention(nlp, text, published, words)
    assert m.code == code


@pytest.mark.parametrize(
    "text,words,code",
    [
        ("Greece threatened to block Turkey's EU membership talks.", "Turkey", "TUR"),
        ("Washington concluded the talks on Russia's WTO accession on Sunday.", "Russia", "RUS"),
    ],
)
def test_a_country_before_an_organisation_that_only_modifies_is_the_actor(nlp, text, words, code):
    m = mention(nlp, text, "2006-11-20", words)
    assert m.code == code


def test_a_country_s_organisation_with_a_role_stays_the_role(nlp):
    m = mention(nlp, "Iran's UN envoy rejected the plan on Monday.", "2006-11-20", "envoy")
    assert m.code == "IRNGOV"


def test_their_is_not_the_town_where_they_met(nlp):
    text = (
        "The Pakistani president and the Indian prime minister, who met in the Cuban capital of Havana,"
        " had directed their foreign secretaries to resume the dialogue."
    )
    m = mention(nlp, text, "2006-11-13", "foreign secretaries")
    assert not (m.code or "").startswith("CUB")


def test_their_still_takes_the_countries_named_before(nlp):
    m = mention(nlp, "Britain and France said on Monday their troops would stay.", "2006-11-20", "troops")
    assert m.code is not None and m.code.endswith("MIL") and m.code[:3] in ("GBR", "FRA")


@pytest.mark.parametrize(
    "text,words,code",
    [
        ("Thousands of Kurds marched through Ankara on Sunday.", "Kurds", "TURCVL"),
        ("Kurdish rebels attacked a Turkish army post on Sunday.", "rebels", "TURREB"),
    ],
)
def test_a_people_without_a_state_is_coded_by_the_country_it_is_in(nlp, text, words, code):
    m = mention(nlp, text, "2006-11-20", words)
    assert m.code == code


def test_the_muslim_world_stays_a_region(nlp):
    m = mention(nlp, "The Muslim world condemned the cartoons on Friday.", "2006-11-20", "Muslim world")
    assert m.code == "MOS"
