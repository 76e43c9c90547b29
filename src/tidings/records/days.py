"""The one reading of a day from what records and filters hold: a date, a datetime or an ISO
string ("2021-12-12", "2021-12-12T21:36:00")."""

from __future__ import annotations

import datetime as dt

__all__ = ["day_of", "parse_day"]


def day_of(value: object) -> dt.date | None:
    """The day of `value`, or None when it gives none: a date, a datetime, or a string that
    starts with an ISO day (an article's `published`, `doc._.published`)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_day(value: object) -> dt.date | None:
    """Like day_of for what a user typed (a filter's start or end), but strict: the whole string
    must be an ISO date or date-time; anything else is a ValueError. None and "" are None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(str(value)).date()
    except ValueError:
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from None
