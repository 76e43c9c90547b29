"""A company named as a company is its country's business (country + BUS), not the bare country
(issue 18, s14): an organisation the lists do not know, coded by a country or demonym, with a
business word in its run ("the Danish brewer X"), in apposition ("X, a shipping firm") or at the
end of its name ("Kenya X Holdings"); and a demonym before a business noun before an
organisation's name ("the Dutch food giant Royal Dutch X"). The sentences are written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from actorkit import actors_only
from tidings.nlp import new_doc


def _mentions(nlp, text: str, published: str = "2006-11-20"):
    doc = actors_only(nlp, new_doc(nlp, text, dt.date.fromisoformat(published)))
    return [(m.text, m.code) for m in doc._.actor_mentions]


def _code_of(nlp, text: str, words: str):
    found = [code for t, code in _mentions(nlp, text) if words in t]
    assert found, _mentions(nlp, text)
    return found[0]


@pytest.mark.parametrize(
    "text,words,country",
    [
        ("Norwegian flag carrier Fjordair turned down an offer from a group of investors.", "Fjordair", "NOR"),
        ("The Danish brewer Nordbryg Group raised its prices.", "Nordbryg", "DNK"),
        ("Swedish telecoms operator Telnord signed a contract on Monday.", "Telnord", "SWE"),
    ],
)
def test_a_country_before_a_business_word_and_a_name_is_its_business(nlp, text, words, country):
    assert _code_of(nlp, text, words) == country + "BUS"


def test_a_demonym_before_a_business_word_before_a_name_is_a_business(nlp):
    text = "The Dutch food giant Royal Dutch Foods announced a loss."
    assert _code_of(nlp, text, "giant") == "NLDBUS"


@pytest.mark.parametrize(
    "text,words,code",
    [
        ("Kenya Timber Holdings announced a loss on Monday.", "Kenya Timber", "KENBUS"),
        ("Ghana Cocoa Trading Corp. raised its prices.", "Ghana Cocoa", "GHABUS"),
    ],
)
def test_a_country_in_a_name_ending_in_a_business_word_is_its_business(nlp, text, words, code):
    assert _code_of(nlp, text, words) == code


@pytest.mark.parametrize(
    "text,words",
    [
        ("Analysts said Brightwater Holdings would report a loss this quarter.", "Brightwater"),
        ("The airline SkyJet cancelled forty flights because of the storm.", "SkyJet"),
    ],
)
def test_a_business_with_no_country_stays_uncoded(nlp, text, words):
    # as BUS, context would give it a country and make new events of it (mostly wrong)
    assert _code_of(nlp, text, words) is None


@pytest.mark.parametrize(
    "text,words,code",
    [
        ("Chinese ships entered the disputed waters on Monday.", "ships", "CHN"),
        ("Kenyan President Mwai Kibaki met the Ugandan leader in Nairobi.", "Kibaki", "KENGOV"),
    ],
)
def test_no_business_word_leaves_the_code(nlp, text, words, code):
    assert _code_of(nlp, text, words) == code


def test_an_unlisted_organisation_without_a_business_word_stays_uncoded(nlp):
    code = _code_of(nlp, "The Solidarity Front for Renewal held a rally in the capital.", "Solidarity")
    assert not (code or "").endswith("BUS"), code
