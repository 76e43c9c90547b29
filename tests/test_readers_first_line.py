"""A first line that is a sentence of the story stays in the text (header sniffing must not take
it as a title), while real headers are still taken. Texts written for this test."""

from __future__ import annotations

import pytest

from tidings.readers import read_text
from tidings.readers.agencies import load_agencies
from tidings.readers.header import looks_like_title
from tidings.records import Article

LEAD_IN = (
    "The Harbour Gazette said in an editorial on Tuesday, Nov. 3:\n\n"
    "The council's vote to close the old ferry pier was taken without hearing the families who use it.\n\n"
    "The mayor should reopen the talks before the winter timetable starts."
)


def read(text: str) -> Article:
    art = read_text(text)
    assert isinstance(art, Article), art
    return art


def test_an_editorial_lead_in_stays_in_the_text():
    art = read(LEAD_IN)
    assert art.title is None
    assert art.text.startswith("The Harbour Gazette said in an editorial on Tuesday, Nov. 3:\n\nThe council's vote")


@pytest.mark.parametrize(
    "first",
    [
        "The Harbour Gazette said in an editorial on Tuesday, Nov. 3:",
        "As the campaign enters its final week we plan to file the following stories:",
        "Northwind Freight Inc. said it bought 40% of a unit of Larkspur Holdings Inc.",
        "The ministry said today it would review the question is the old treaty still binding?",
        "Larkspur AB, the Swedish maker of ferry engines, agreed to buy the rest of its U.S. unit, Larkspur Marine Inc.",
    ],
)
def test_a_sentence_shaped_first_line_is_body_text(first):
    art = read(f"{first}\n\nThe board approved the plan on Monday, a spokeswoman said.")
    assert art.title is None
    assert art.text.startswith(first)
    assert not looks_like_title(first, load_agencies())


@pytest.mark.parametrize(
    "line",
    [
        "Minister said to quit over ferry contract",
        "What the mayor said about the ferry pier",
        "Ferry operator says it will appeal fine",
        "Harbour talks: council and unions agree on pier",
        "Northwind to buy stake in Larkspur Inc.",
    ],
)
def test_headlines_are_still_titles(line):
    assert looks_like_title(line, load_agencies())
    art = read(f"{line}\n\nThe council and the unions agreed on Monday to keep the pier open, officials said.")
    assert art.title == line
    assert art.text.startswith("The council and the unions agreed")


def test_real_headers_are_still_taken():
    art = read(
        "Council keeps ferry pier open after talks\n"
        "By Jane Doe, Reuters\n"
        "Published: 3 Nov 2020 07:15 AM\n\n"
        "PORTVALE, Nov 3 (Reuters) - The council agreed on Tuesday to keep the ferry pier open."
    )
    assert (art.title, art.byline, art.agency) == ("Council keeps ferry pier open after talks", "Jane Doe", "Reuters")
    assert art.published == "2020-11-03T07:15:00"
    assert art.dateline == "PORTVALE"
    assert art.text.startswith("The council agreed on Tuesday")


def test_a_lead_in_above_a_byline_is_still_the_title():
    # directly above a byline, even a line that reads like prose is the title (h-fixtures)
    art = read("Gazette editorial: why the pier matters:\nBy Jane Doe\n\nThe council voted on Tuesday.")
    assert art.title == "Gazette editorial: why the pier matters:"
    assert art.byline == "Jane Doe"
