"""Which day an event takes when the parse hides the expression that dates it (issue 20): the
participle that tells an event noun's act, a date the parser hung on the verb of saying after
the clause it reports, a "when" clause on a day; "the same day" after a report of the next day;
the day before a newspaper's report. Example sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2025, 1, 15)  # a Wednesday


def _date_for(nlp, text, trigger, *others):
    from tidings.events.attach import Anchors
    from tidings.nlp import new_doc

    doc = nlp(new_doc(nlp, text, published=PUBLISHED))
    tokens = [next(t for t in doc if t.text == word) for word in (trigger, *others)]
    timex, _ = Anchors(doc).date_for(tokens, tokens[0].sent)
    return timex.value if timex is not None else None


@pytest.mark.parametrize(
    ("text", "trigger", "value"),
    [
        # the participle tells when the act the noun names was done
        ("The mayor praised a truce reached on Monday between the two clans.", "truce", "2025-01-13"),
        ("Officials described the raid carried out Sunday as a success.", "raid", "2025-01-12"),
        # a planned one does not
        ("Officials described the talks scheduled on Friday as decisive.", "talks", None),
    ],
)
def test_a_dated_participle_dates_the_event_noun(nlp, text, trigger, value):
    assert _date_for(nlp, text, trigger) == value


def test_the_participle_of_an_argument_does_not_date_the_act(nlp):
    # the demand was made on Sunday; its rejection is not dated by it
    text = "The demand, made on Sunday by the strikers, was rejected by the board."
    assert _date_for(nlp, text, "rejected", "demand") is None


def test_a_date_after_the_reported_clause_dates_the_reported_act(nlp):
    # the parser hangs "on Monday afternoon" on "added": it closes the reported clause
    text = (
        "The envoy added he had talks with the head of the council, Amira Haddad, and foreign "
        "minister Omar Farouk on Monday afternoon."
    )
    assert _date_for(nlp, text, "talks") == "2025-01-13"
    # the speech's own date, right after the verb, stays the speech's
    assert _date_for(nlp, "The envoy said on Monday he had spoken with the minister.", "spoken") is None


def test_a_date_on_the_last_of_the_partners_dates_the_act(nlp):
    # "on Monday morning" hangs on "the mayor", the last partner "with" gives the meeting
    text = "She added she met with Lena Ortiz, the governor of the province, and the mayor, Paulo Reyes, on Monday morning."
    assert _date_for(nlp, text, "met") == "2025-01-13"
    # a deadline stays out: "for" the day itself
    assert _date_for(nlp, "The council voted for the plan by Monday.", "voted") is None


def test_a_when_clause_on_a_day_takes_that_day(nlp):
    text = (
        "Unlike Sunday, when forty marchers were detained and the police used water cannon, the "
        "rally passed off quietly."
    )
    assert _date_for(nlp, text, "detained") == "2025-01-12"


def _timex(nlp, text, words):
    from tidings.nlp import new_doc

    doc = nlp(new_doc(nlp, text, published=PUBLISHED))
    return next(t.value for t in doc._.timexes if t.text.lower() == words)


def test_the_same_day_is_the_news_day_not_the_report_day(nlp):
    text = (
        "Two bombs exploded in the north on Sunday, a police officer said Monday.\n\n"
        "The same day, rebels attacked an army post in the east."
    )
    assert _timex(nlp, text, "the same day") == "2025-01-12"
    # with no other day named, the report's day it is
    text = "The minister spoke to reporters on Monday.\n\nThe same day, rebels attacked an army post."
    assert _timex(nlp, text, "the same day") == "2025-01-13"


@pytest.mark.parametrize(
    ("reporter", "day"),
    [
        ("a local newspaper", "2025-01-13"),  # the paper of Tuesday tells Monday's news
        ("the national news agency", "2025-01-14"),  # an agency's report is of its own day
    ],
)
def test_a_newspaper_report_carries_the_news_of_the_day_before(reporter, day):
    from storykit import code_text

    text = f"Police have arrested six protesters in the capital, {reporter} reported Tuesday."
    arrests = [e for e in code_text(text, "2025-01-14").events if e.root == "17"]
    assert arrests and {e.date for e in arrests} == {day}
