"""News nobody codes (issue #18): finance, sport and business stories give no events, while the
political acts that look like them stay. Lexicon senses that are no event (`-` in verbs.tsv:
`sign_player`, `win_prize`, `fire_salute`, `release_info`) and rules of the article stage (story/rules.py
`between_firms`, `market_side`, `sports_people`). The sentences are written for these tests."""

from __future__ import annotations

import pytest
from storykit import code_text

PUB = "2006-11-02"


def _code(text):
    return code_text(text, PUB)


def _triggers(coded) -> set[str]:
    return {e.trigger.text for e in coded.events}


# --- lexicon senses that are no event ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("The Boston Red Sox signed shortstop Luis Mendez to a four-year contract on Tuesday.", "signed"),
        ("The Labour Party captured 12 seats from the Conservatives in Thursday's local elections.", "captured"),
        ("Kenya grabbed the gold medal in the men's 5,000m at the African championships on Sunday.", "grabbed"),
        ("At noon an artillery regiment fired a 21-gun salute in the capital to mark the king's birthday.", "fired"),
        ("The aviation agency released air traffic control tapes from the night the airliner went down.", "released"),
    ],
)
def test_contracts_seats_medals_and_salutes_are_no_events(nlp, text, trigger):
    coded = _code(text)
    assert trigger not in _triggers(coded)
    assert not any(c.trigger == trigger and c.code for c in coded.candidates)


@pytest.mark.parametrize(
    "text,trigger,root",
    [
        ("Egypt and Sudan signed an agreement on Nile water sharing in Cairo on Monday.", "signed", "05"),
        ("Rebels captured the town of Goma on Tuesday after heavy fighting with government troops.", "captured", "19"),
        ("Colombian police seized two tonnes of cocaine from a rebel camp on Sunday, the army said.", "seized", "17"),
        ("The Serbian government released 13 Albanian prisoners on Friday as a goodwill gesture.", "released", "08"),
    ],
)
def test_political_signings_and_seizures_stay(nlp, text, trigger, root):
    assert any(e.trigger.text == trigger and e.root == root for e in _code(text).events)


# --- the article stage: firms and sportspeople ------------------------------------------------


def test_a_deal_between_firms_is_no_event(nlp):
    coded = _code(
        "The US company Intertel on Thursday signed a deal giving it a stake in a Hong Kong firm that makes chips."
    )
    assert "signed" not in _triggers(coded)
    assert any(c.reason == "firms" for c in coded.candidates)


def test_a_deal_between_states_is_not_a_firms_deal(nlp):
    coded = _code("Russia and China signed a gas supply agreement in Beijing on Tuesday.")
    assert "signed" in _triggers(coded)
    assert not any(c.reason == "firms" for c in coded.candidates)


def test_a_sportsperson_is_no_political_actor(nlp):
    coded = _code("Brazilian skater Ana Lima is heading to Canada to defend her world title after winning in Paris.")
    assert not coded.events
    assert any(c.reason == "sport" for c in coded.candidates)


def test_the_sports_list_is_data():
    from tidings.story.rules import sports_nouns

    assert {"skater", "pitcher", "midfielder"} <= sports_nouns()
    assert not {"captain", "league", "driver"} & sports_nouns()


def test_firms_named_by_what_they_are_are_firms(nlp):
    coded = _code(
        "The Finnish engineering giant Vartek said Monday it had signed a big contract with a Danish "
        "wind power operator."
    )
    assert "signed" not in _triggers(coded)
    assert any(c.reason == "firms" for c in coded.candidates)


def test_a_state_buying_from_a_firm_stays(nlp):
    coded = _code("India signed a contract with the Russian arms maker Rosoboronexport for 40 fighter jets on Monday.")
    assert "signed" in _triggers(coded)


def test_a_market_is_no_actor(nlp):
    coded = _code("Singapore shares went up 20.5 points, or 0.9 percent, to close at 2,480.11 on Tuesday.")
    assert not coded.events


def test_the_firm_and_market_lists_are_data():
    from tidings.story.rules import firm_nouns, market_nouns

    assert {"company", "firm", "giant"} <= firm_nouns() and not {"group", "bank"} & firm_nouns()
    assert {"stock", "share", "market"} <= market_nouns()


def test_a_firm_is_known_by_how_the_text_describes_it_elsewhere(nlp):
    coded = _code(
        "The Anglo-Dutch energy giant Vellmar has sold a stake in its pipeline. Vellmar and Rosgaz reached a "
        "preliminary agreement last year to swap a stake in the project, Rosgaz, the Russian gas company, said."
    )
    assert "reached" not in _triggers(coded)
    assert any(c.reason == "firms" for c in coded.candidates)
