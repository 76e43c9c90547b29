"""Group nouns that name the parties of the story ("the two sides", "both countries", "the three
countries"): one mention per party, each of another country when the article names enough of
them. The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

from tidings.nlp import new_doc
from actorkit import actors_only


def codes_at(nlp, text: str, words: str, published: str = "2005-11-03") -> list[str]:
    doc = actors_only(nlp, new_doc(nlp, text, dt.date.fromisoformat(published)))
    return sorted(m.code or "" for m in doc._.actor_mentions if m.text == words)


def test_the_two_sides_are_two_countries_not_a_country_and_its_envoy(nlp):
    text = (
        "Japan and North Korea opened talks in Beijing on Thursday, said North Korean envoy Song Il-Ho.\n\n"
        "The two sides agreed to meet again next month."
    )
    codes = codes_at(nlp, text, "The two sides")
    assert len(codes) == 2
    assert {c[:3] for c in codes} == {"JPN", "PRK"}


def test_the_three_leaders_name_three_parties(nlp):
    text = (
        "Vladimir Putin, Xi Jinping and Narendra Modi met in Kazan on Tuesday.\n\n"
        "The three leaders agreed to expand trade in their own currencies."
    )
    codes = codes_at(nlp, text, "The three leaders", "2024-10-22")
    assert {c[:3] for c in codes} == {"RUS", "CHN", "IND"}


def test_two_factions_of_one_country_are_still_two_sides(nlp):
    # with no second country in reach, the last two different actors are the sides
    text = "Fatah leader Mahmud Abbas met Hamas leader Ismail Haneya in Gaza.\n\nThe two leaders agreed to end the fighting."
    codes = codes_at(nlp, text, "The two leaders", "2006-11-10")
    assert len(codes) == 2


def test_a_number_without_the_is_not_a_group_of_known_parties(nlp):
    text = "Gunmen beheaded three men in Nangarhar province in eastern Afghanistan on Saturday."
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2018, 1, 1)))
    assert any(m.text.endswith("three men") or m.text == "men" for m in doc._.actor_mentions)
