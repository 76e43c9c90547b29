"""Who took part in a meeting, call or visit named in a phrase on another clause (issue 18):
the subject of that clause, and both sides of a call. The sentence coder alone (no classifier,
no article stage), with the real actors."""

from __future__ import annotations

import pytest
from storykit import sentence_coder_events


@pytest.fixture(scope="module")
def code():
    def run(text):
        return {
            (e.code, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in sentence_coder_events(text)
        }

    return run


def test_a_phone_call_is_coded_from_both_sides(code):
    # was 041 from Germany to Russia only
    found = code("Merkel held a phone call with Putin on Tuesday.")
    assert {("041", "DEU", "RUSGOV"), ("041", "RUSGOV", "DEU")} <= found


def test_a_call_to_someone_in_a_phrase_is_made_by_the_clause_subject(code):
    # 'to' names the partner as 'with' does; was no call at all
    found = code("In a telephone call to Putin, Merkel said Germany would send more aid.")
    assert {("041", "DEU", "RUSGOV"), ("041", "RUSGOV", "DEU")} <= found


def test_a_visit_in_a_phrase_is_made_by_the_clause_subject(code):
    # was no visit at all
    assert ("042", "DEU", "CHN") in code("On a visit to Beijing, Merkel said Germany would send more aid.")
    assert ("042", "DEU", "CHN") in code("Speaking during a visit to Beijing, Merkel said Germany would send more aid.")


def test_a_warning_is_addressed_to_the_one_its_condition_names(code):
    # was 13 from Iran to Iran (the subject of the threatened act)
    found = code("Tehran's envoy warned that Iran would take other steps if the European Union backed new sanctions.")
    assert any(c.startswith("13") and s.startswith("IRN") and t == "IGOEUREEC" for c, s, t in found)
    assert not any(c.startswith("13") and t == "IRN" for c, _, t in found)


def test_a_visit_in_a_phrase_on_the_subject_is_the_subjects(code):
    # the phrase hangs on 'Merkel', not on 'said'; was no visit at all
    assert ("042", "DEU", "CHN") in code("Merkel, on a visit to Beijing, said Germany would send more aid.")
