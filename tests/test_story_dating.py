"""An event whose own clause gives no time takes the date of the clause that governs it
(tidings.story.dating), unless it is put at another time or only reported."""

from __future__ import annotations

import json

import pytest

PUB = "1997-04-01"  # a Tuesday


def _code(text):
    from tidings.nlp import PipelineOptions
    from tidings.run.coding import CodeOptions, code_articles
    from tidings.readers import read_data

    record = json.dumps({"id": "t", "published": PUB, "text": text})
    article = next(iter(read_data(record.encode(), "t.jsonl")))
    return next(code_articles([article], CodeOptions(pipeline=PipelineOptions(judge=False))))


def _dates(text, trigger):
    coded = _code(text)
    found = [e for e in coded.events if e.trigger.text == trigger and e.status == "asserted"]
    assert found, [(e.trigger.text, e.status) for e in coded.events]
    return {e.date for e in found}, [e.rule for e in found]


LEAD = "Taiwanese officials met on Monday in Taipei. "  # the lead date would be Monday, 1997-03-31


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the meeting happened the day it was spoken of, as coders date it
        (
            "US House Speaker Newt Gingrich said Sunday in Shanghai after meeting Chinese official Wang Daohan "
            "that the United States would defend Taiwan.",
            "meeting",
        ),
        # an intent said that day (032, from "would defend") is expressed that day
        (
            "US House Speaker Newt Gingrich said Sunday in Shanghai after meeting Chinese official Wang Daohan "
            "that the United States would defend Taiwan.",
            "defend",
        ),
    ],
)
def test_an_event_takes_the_date_of_the_clause_that_governs_it(text, trigger):
    dates, rules = _dates(LEAD + text, trigger)
    assert dates == {"1997-03-30"}, rules
    assert all("date:clause('Sunday')" in r for r in rules), rules


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # an act a dated report carries happened before the report
        ("Chadian troops attacked Sudanese police in Darfur, the Sudanese army said Sunday.", "attacked"),
        # the pluperfect: before that day
        ("The Sudanese army said Sunday that Chadian troops had attacked Sudanese police in Darfur.", "attacked"),
    ],
)
def test_an_event_put_at_another_time_takes_no_date_from_its_clause(text, trigger):
    dates, rules = _dates(LEAD + text, trigger)
    assert "1997-03-30" not in dates, rules
    assert not any("date:clause" in r for r in rules), rules


def test_an_event_a_span_away_takes_the_day_counted_from_its_clause():
    # a week before Sunday, not Sunday
    text = "Burma thanked ASEAN on Sunday, a week after the United States imposed sanctions on Burma."
    dates, rules = _dates(LEAD + text, "imposed")
    assert dates == {"1997-03-23"}, rules
    assert all("date:clause('a week after Sunday')" in r for r in rules), rules
