"""The ingest form's publication date is read as every typed day is (records.days.parse_day)."""

from __future__ import annotations

import pytest

from tidings.web.views.ingest import parse_published


@pytest.mark.parametrize(
    ("given", "day"),
    [("2024-06-17", "2024-06-17"), (" 2024-06-17 ", "2024-06-17"), ("2024-06-17T10:00:00", "2024-06-17"), ("", None)],
)
def test_a_day_or_a_date_time_is_taken(given, day):
    assert parse_published(given) == (day, None)


@pytest.mark.parametrize("given", ["2024-06-17 garbage", "17/06/2024", "junk", "2024-13-01"])
def test_anything_else_is_refused_with_the_value(given):
    day, problem = parse_published(given)
    assert day is None and f"not {given!r}" in problem
