"""AP's and the New York Times' wire copy of the 1990s writes its dateline with an underscore
for the dash ("WASHINGTON _ The economy ...", "NAIROBI, Kenya (AP) _" as a paragraph of its own)."""

from __future__ import annotations

import pytest

from tidings.readers import read_data
from tidings.readers.agencies import load_agencies
from tidings.readers.dateline import parse_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest"),
    [
        ("WASHINGTON _ The senators met on Tuesday.", "WASHINGTON", None, "The senators met on Tuesday."),
        ("NEWARK, N.J. _ A county task force began work.", "NEWARK, N.J.", None, "A county task force began work."),
        ("NAIROBI, Kenya (AP) _", "NAIROBI, Kenya", "Associated Press", ""),
    ],
)
def test_an_underscore_is_the_dash_of_a_wire_dateline(paragraph, place, agency, rest):
    d = parse_dateline(paragraph, load_agencies())
    assert d is not None and (d.place, d.agency, d.rest) == (place, agency, rest)


@pytest.mark.parametrize("paragraph", ["NEW DELHI:", "The snake_case name _ stays", "UPDATE _ the talks"])
def test_what_is_not_a_wire_dateline(paragraph):
    assert parse_dateline(paragraph, load_agencies()) is None


def test_a_dateline_paragraph_of_its_own_leaves_the_story():
    text = "NAIROBI, Kenya (AP) _\n\nTwo bombs exploded outside the embassy on Friday, police said."
    (article,) = read_data(text.encode(), "story.txt")
    assert article.dateline == "NAIROBI, Kenya" and article.text.startswith("Two bombs exploded")
