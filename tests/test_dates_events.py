"""Which time expression dates an event (issue 20): only one that governs the event's own
clause; an asserted event is never dated after publication; the event date is a day, and
what `tidings code` prints is what the store keeps. Example sentences are written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from storykit import code_text
from tidings.events.attach import event_date
from tidings.records import TimeRef

PUB = "2025-01-15"  # a Wednesday


def _events(text, published=PUB):
    """The sentence coder's events (the article stage, which may merge or drop them, has
    tests of its own): their dates are what these tests pin."""
    from tidings.nlp import PipelineOptions
    from tidings.run.coding import CodeOptions, code_text

    return code_text(text, published=published, options=CodeOptions(pipeline=PipelineOptions(story=False))).events


def _dated(events, trigger):
    got = {(e.date, e.date_text) for e in events if e.trigger.text == trigger}
    assert got, f"no event on {trigger!r}: {[e.trigger.text for e in events]}"
    return got


def test_year_of_a_treaty_does_not_date_the_act(nlp):
    # "a 1951 treaty": the year is the treaty's, inside an argument of the act
    events = _events("Japan reaffirmed its commitment to defend the Philippines under a 1951 treaty.")
    assert all(e.date == PUB and e.date_text is None for e in events)
    assert events


def test_deadline_does_not_date_the_act(nlp):
    # "by February" is a deadline for the withdrawal, not the time of the signing
    assert _dated(_events("Russia signed a pledge to withdraw its troops by February."), "signed") == {(PUB, None)}


def test_governing_date_dates_the_act(nlp):
    assert _dated(_events("Russian troops shelled Kharkiv on Monday."), "shelled") == {("2025-01-13", "Monday")}
    # the date of the signing, with a deadline in the same sentence
    got = _dated(_events("Russia and Ukraine signed an agreement on Monday to withdraw troops by February."), "signed")
    assert got == {("2025-01-13", "Monday")}


def test_asserted_event_is_never_dated_after_publication(nlp):
    events = _events("Putin will meet Erdogan on Friday.")
    for e in events:
        if e.status == "asserted":  # the announced intent (036): made now
            assert e.date <= PUB
        else:
            assert (e.status, e.date) == ("future", "2025-01-17")
    assert any(e.status == "asserted" for e in events)


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Russia accused Ukraine of violating the March 3 agreement.", "accused"),  # a day naming a thing
        ("Iran threatened to quit the 2015 nuclear deal.", "threatened"),  # a year naming a thing
        ("Turkey agreed to buy Russian missiles in a deal signed in 2017.", "agreed"),  # another clause's date
    ],
)
def test_date_of_an_argument_does_not_date_the_act(nlp, text, trigger):
    assert _dated(_events(text), trigger) == {(PUB, None)}


def test_coarse_expression_leaves_the_publication_date(nlp):
    assert _dated(_events("Putin met Erdogan in March."), "met") == {(PUB, None)}


def test_event_date_rules():
    day = TimeRef("Friday", "2025-01-17", 0, 6, "day")
    assert event_date(day, dt.date(2025, 1, 15), "future") == ("2025-01-17", "Friday", "")
    assert event_date(day, dt.date(2025, 1, 15), "asserted", "attached") == ("2025-01-15", None, "after-publication")
    past = TimeRef("Monday", "2025-01-13", 0, 6, "day")
    assert event_date(past, "2025-01-15T09:00:00", "asserted", "attached") == ("2025-01-13", "Monday", "attached")
    clock = TimeRef("9 a.m. Monday", "2025-01-13T09:00", 0, 13, "time")
    assert event_date(clock, dt.date(2025, 1, 15), "asserted")[0] == "2025-01-13"
    month = TimeRef("February", "2025-02", 0, 8, "month")
    assert event_date(month, dt.date(2025, 1, 15), "asserted") == ("2025-01-15", None, "coarse")
    assert event_date(None, None, "asserted") == (None, None, "")


def test_reported_date_belongs_to_the_speech(nlp):
    from tidings.events.attach import Anchors
    from tidings.nlp import new_doc

    doc = nlp(
        new_doc(
            nlp, "The prosecutor said on Monday he had applied for arrest warrants.", published=dt.date(2025, 1, 15)
        )
    )
    anchors = Anchors(doc)
    said = next(t for t in doc if t.text == "said")
    applied = next(t for t in doc if t.text == "applied")
    sent = said.sent
    assert anchors.date_for([said], sent)[0].text == "Monday"
    assert anchors.date_for([applied], sent)[0] is None


def test_coordinated_predicates_share_their_date(nlp):
    from tidings.events.attach import Anchors
    from tidings.nlp import new_doc

    doc = nlp(
        new_doc(nlp, "The commanders held talks on Wednesday but failed to agree.", published=dt.date(2025, 1, 15))
    )
    failed = next(t for t in doc if t.text == "failed")
    assert Anchors(doc).date_for([failed], failed.sent)[0].text == "Wednesday"
    doc = nlp(
        new_doc(
            nlp,
            "Rebels attacked the town on Monday and the army responded with air strikes.",
            published=dt.date(2025, 1, 15),
        )
    )
    responded = next(t for t in doc if t.text == "responded")
    assert Anchors(doc).date_for([responded], responded.sent)[0] is None  # its own subject: another act


def test_a_bare_day_on_the_occasion_of_an_act_dates_it(nlp):
    # "at a meeting Tuesday night, X criticised Y": the parser hangs the day on the meeting, the
    # occasion a placing preposition gives the act; a day on a noun of another kind dates nothing
    from tidings.events.attach import Anchors
    from tidings.nlp import new_doc

    published = dt.date(2025, 1, 15)
    doc = nlp(
        new_doc(nlp, "At a town hall meeting Tuesday night, angry parents criticised the mayor.", published=published)
    )
    criticised = next(t for t in doc if t.text == "criticised")
    assert Anchors(doc).date_for([criticised], criticised.sent)[0].text == "Tuesday night"
    doc = nlp(new_doc(nlp, "The parents criticised the minutes of a meeting Tuesday night.", published=published))
    criticised = next(t for t in doc if t.text == "criticised")
    assert Anchors(doc).date_for([criticised], criticised.sent)[0] is None  # "of": the minutes' meeting


def test_code_prints_what_the_store_keeps(nlp, tmp_path):
    from tidings.run.coding import code_text
    from tidings.records.contract import to_contract
    from tidings.store import Store
    from tidings.store.writer import write_coded

    text = (
        "Russian troops shelled Kharkiv on Monday. Russia signed a pledge to withdraw its troops "
        "by February. Putin will meet Erdogan on Friday. Japan reaffirmed its commitment to defend "
        "the Philippines under a 1951 treaty."
    )
    coded = code_text(text, published=PUB)
    printed = {e["id"]: e["date"] for e in to_contract(coded)["events"]}
    assert printed and all(len(d) == 10 for d in printed.values())
    with Store(str(tmp_path / "t.duckdb")) as store, store.session() as conn:
        write_coded(conn, coded)
        stored = dict(
            conn.execute(
                "SELECT m.coder_event_id, CAST(e.date AS VARCHAR) FROM mentions m JOIN events e ON e.id = m.event_id"
            ).fetchall()
        )
    assert stored == printed


def test_bare_day_the_parse_hangs_on_the_acts_object_or_phrase_dates_it(nlp):
    # the parser hangs "Tuesday" on "bridge" (the object) or on "construction" (the noun of
    # "under construction"), not on the verb: the day is still the capture's
    got = _dated(_events("Rebels captured a bridge under construction Tuesday in the north."), "captured")
    assert got == {("2025-01-14", "Tuesday")}
    got = _dated(
        _events("Soldiers seized a rocket launcher under construction Sunday in a village near the frontier."), "seized"
    )
    assert got == {("2025-01-12", "Sunday")}


def test_time_of_the_verb_that_does_the_named_act_dates_it(nlp):
    # the act is the noun ("condemnation"); "on Monday" hangs on the verb that does it
    got = _dated(_events("A court published its written condemnation of the former ruler on Monday."), "condemnation")
    assert got == {("2025-01-13", "Monday")}


def test_time_of_the_infinitive_that_completes_the_act_dates_it(nlp):
    # "Saturday" hangs on "comment", the infinitive the declining is about
    assert _dated(_events("Police officials declined to comment Saturday."), "declined") == {("2025-01-11", "Saturday")}


# --- an act its own clause dates after publication has not happened (events/coder.py _told_ahead) ---


def _events_of(text, published):
    return code_text(text, published).events


def test_an_act_told_ahead_of_publication_is_no_asserted_event(nlp):
    events = _events_of(
        "The Czech and Slovak prime ministers meet separately Monday with the German chancellor in Berlin, "
        "officials said on Friday.",
        "1998-05-01",
    )
    meets = [e for e in events if e.trigger.text == "meet"]
    assert meets and all(e.root != "04" or e.status != "asserted" for e in meets)


def test_a_past_act_dated_in_the_past_stays_asserted(nlp):
    events = _events_of(
        "The Czech prime minister met the German chancellor on Monday in Berlin, officials said on Wednesday.",
        "1998-05-06",
    )
    assert any(e.trigger.text == "met" and e.root == "04" and e.status == "asserted" for e in events)
