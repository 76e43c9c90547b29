"""'here' of an arrival, visit or meeting is the dateline's place (tidings.actors.here).
The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.nlp import new_doc
from actorkit import actors_only


def _here(nlp, text: str, dateline: str | None, published: str = "2005-11-19"):
    doc = actors_only(nlp, new_doc(nlp, text, dt.date.fromisoformat(published), None, dateline))
    return [m for m in doc._.actor_mentions if m.text.lower() in ("here", "this capital")]


@pytest.mark.parametrize(
    "text,dateline,code",
    [
        ("The Peruvian president arrived here on Saturday for a three-day visit.", "BEIJING", "CHN"),
        ("The two foreign ministers met here on Friday.", "HANOI", "VNM"),
        ("The Danish premier began a two-day visit here on Monday.", "KYIV, Ukraine", "UKR"),
        ("Talks here between the two delegations ended on Tuesday.", "AMMAN", "JOR"),
        ("The Romanian minister arrived here on Monday.", "BUCHAREST", "ROM"),  # CAMEO's ROM, not ISO ROU
        ("The Peruvian president arrived in this capital on Saturday.", "BEIJING", "CHN"),
    ],
)
def test_here_is_the_datelines_country(nlp, text, dateline, code):
    found = _here(nlp, text, dateline)
    assert len(found) == 1
    m = found[0]
    words = "this capital" if "this capital" in text else "here"
    assert (m.code, m.country, m.kind) == (code, code, "metonym")
    assert m.rule == f"dateline:{dateline} ({words})"
    assert text[m.start_char : m.end_char] == words


@pytest.mark.parametrize(
    "text,dateline",
    [
        ("The Peruvian president arrived here on Saturday for a three-day visit.", None),  # no dateline
        ("The Peruvian president arrived here on Saturday.", "NOWHERE-IN-PARTICULAR"),  # no place
        ("Prices here rose by two percent in October.", "BEIJING"),  # not an arrival, visit or meeting
        ('"We came here to listen," the envoy said after the talks.', "BEIJING"),  # inside a quote
        ("Here is the list of the delegates.", "BEIJING"),
        ("The Peruvian president arrived in the capital on Saturday.", "BEIJING"),  # "the capital": whose?
        ("The minister flew to Lima from here on Monday.", "BEIJING"),
    ],
)
def test_no_here_mention(nlp, text, dateline):
    assert _here(nlp, text, dateline) == []
