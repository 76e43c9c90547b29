"""Rules of the article stage for what is no political event (story/rules.py). `accident`:
deaths the text puts down to a disaster or an accident ("killed by a fire", "an earthquake ...
killing", "killed when the fuel tank exploded", "killed in a methane gas explosion") are no act
of violence, while killings someone did stay violence ("killed by Israeli fire", "when a
roadside bomb exploded"). `match_result`: a verb with a score is a result of sport. The
sentences are written for these tests."""

from __future__ import annotations

import pytest
from storykit import code_text

PUB = "2006-11-02"
ACCIDENT = "the text puts the harm down to a disaster or an accident"


def _code(text):
    return code_text(text, PUB)


def _violent(coded):
    return [e for e in coded.events if e.root in ("18", "19", "20")]


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake measuring 6.1 on the Richter scale hit the southern Chinese province of Yunnan on "
        "Friday, killing four people, officials said. The army sent troops to help.",
        "Eleven workers were killed in western Russia on Monday when the fuel tank they were repairing "
        "exploded, police said. Investigators questioned the plant's owner.",
        "Nine patients were killed by a fire on Sunday in a hospital in northern Ukraine, the emergencies "
        "ministry said.",
        "Twelve miners were killed in a methane gas explosion at a coal mine in eastern Ukraine on Wednesday, "
        "officials said.",
    ],
)
def test_a_disaster_or_an_accident_is_no_violence(nlp, text):
    coded = _code(text)
    assert not _violent(coded)
    assert any(c.reason == "not violence" and ACCIDENT in c.detail for c in coded.candidates)


@pytest.mark.parametrize(
    "text,trigger",
    [
        (
            "Two Palestinian militants were killed by Israeli fire in the Gaza Strip on Sunday, medical sources "
            "said. Israeli troops raided the town of Jenin.",
            "killed",
        ),
        (
            "Three Iraqi policemen were killed on Tuesday when a roadside bomb exploded near their patrol in "
            "Baghdad, the Iraqi interior ministry said.",
            "killed",
        ),
    ],
)
def test_killings_someone_did_stay_violence(nlp, text, trigger):
    coded = _code(text)
    assert [e for e in _violent(coded) if e.trigger.text == trigger]
    assert not any(ACCIDENT in c.detail for c in coded.candidates)


def test_the_disaster_list_is_data():
    from tidings.story.rules import disaster_nouns

    assert {"earthquake", "flood", "accident"} <= disaster_nouns()
    assert "fire" not in disaster_nouns() and "attack" not in disaster_nouns()


# --- a match is no political event (story/rules.py match_result) ----------------------------

MATCH = "a verb with a score is a result of sport"


@pytest.mark.parametrize(
    "text",
    [
        "Portugal beat Uruguay 5-4 on Thursday in the opening match of the beach soccer world cup. "
        "The Portuguese coach praised his players.",
        "Croatia crushed Greece 31-18 in the handball final in Zagreb on Sunday.",
    ],
)
def test_a_verb_with_a_score_is_a_match_result(nlp, text):
    coded = _code(text)
    assert not [e for e in coded.events if e.trigger.text in ("beat", "crushed")]
    assert any(c.reason == "match result" and MATCH in c.detail for c in coded.candidates)


def test_numbers_that_are_no_score_leave_the_event(nlp):
    coded = _code("The Australian Government provided 400 million dollars in aid to Indonesia in 2015-16.")
    assert not any(c.reason == "match result" for c in coded.candidates)
