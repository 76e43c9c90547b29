"""Readings that need the clause around a resolved expression (TimeML / TIMEX3 conventions).

- "will one day be", "may someday": "one day" as an adverb of a future clause is an
  indefinite future time (`FUTURE_REF`), not a duration of a day.
- "would be redeemed in five years", "will open in three months": "in" + a counted unit in
  a future or planned clause is the point that far ahead of publication, at the unit's
  granularity (`1994`, `1989-12`); "the second letter in two weeks" (no future) and "will be
  the first visit in ten years" ("in" on a noun: a stretch up to now) stay durations.
- "the day before last Tuesday's hearing", "the day after Jan. 5": one day before or after
  the named day, one expression.
"""

from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .grammar import NUMBERS

__all__ = ["Reading", "reread"]

FUTURE_TENSES = frozenset({"future", "planned"})
# "in" + a count of these units ahead of publication
_UNIT_AHEAD = re.compile(r"(?i)(?:day|week|month|year)s?")
_COUNT = re.compile(r"(?i)\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an")
_COUNT_WORDS = NUMBERS  # "a", "one" ... "twelve" as _COUNT reads them
_DAY_BEFORE = re.compile(r"(?i)\bday\s+(before|after)\s+$")

Reading = tuple[int, str | None, str | None]  # (start, value, precision)


def _count(word: str) -> int | None:
    low = word.lower()
    if low.isdigit():
        return int(low)
    return _COUNT_WORDS.get(low)


def _ahead(pub: dt.date, n: int, unit: str) -> cal.Value | None:
    """The point `n` units after `pub` at the unit's granularity."""
    unit = unit.lower().rstrip("s")
    if unit == "year":
        return cal.year(pub.year + n)
    if unit == "month":
        y, m = cal.add_months(pub.year, pub.month, n)
        return cal.month(y, m)
    if unit == "week":
        return cal.week(pub + dt.timedelta(weeks=n))
    if unit == "day":
        return cal.day(pub + dt.timedelta(days=n))
    return None


def _one_day_adverb(span) -> bool:
    """ "will one day be", "could one day replace": the words stand between a modal and its verb."""
    doc = span.doc
    if span.text.lower().split() != ["one", "day"] or span.start == 0 or span.end >= len(doc):
        return False
    return doc[span.start - 1].tag_ == "MD" and doc[span.end].tag_ == "VB"


def _in_count_ahead(span, fields: dict) -> tuple[int, str] | None:
    """ "in five years" (count and unit, nothing else) -> (5, "years")."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ != "in":
        return None
    if doc[span.start - 1].head.pos_ not in ("VERB", "AUX"):
        return None  # "the first visit in ten years": a stretch up to now, not a point ahead
    if any(fields.get(k) for k in ("mod", "det", "rel", "frac", "half", "v")):
        return None
    words = span.text.split()
    if len(words) != 2 or not _COUNT.fullmatch(words[0]) or not _UNIT_AHEAD.fullmatch(words[1]):
        return None
    n = _count(words[0])
    return (n, words[1]) if n else None


def reread(text: str, m, span, tense: str | None, pub: dt.date | None, reading: Reading) -> Reading:
    """The (start, value, precision) of a resolved match, read again in its clause (`text`:
    the Doc's text, which spaCy rebuilds on every ``doc.text``)."""
    start, value, precision = reading
    if m.kind == "duration" and tense in FUTURE_TENSES:
        if _one_day_adverb(span):
            return start, "FUTURE_REF", "ref"
        ahead = _in_count_ahead(span, m.f)
        if ahead is not None and pub is not None:
            point = _ahead(pub, *ahead)
            if point is not None:
                return start, point[0], point[1]
    if precision == "day" and value and m.kind not in ("anchored", "deictic"):
        before = _DAY_BEFORE.search(text, max(0, start - 20), start)
        if before is not None:
            day = dt.date.fromisoformat(value[:10])
            shift = -1 if before.group(1).lower() == "before" else 1
            return before.start(), cal.day(day + dt.timedelta(days=shift))[0], "day"
    return reading
