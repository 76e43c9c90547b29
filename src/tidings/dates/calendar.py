"""Calendar arithmetic and the value strings tidings writes for time expressions.

Values follow TIMEX3 (TimeML) conventions, so they compare directly with TimeBank /
TempEval gold data:

  precision  value            example
  day        YYYY-MM-DD       "2021-12-07"
  week       YYYY-Www         "2021-W49" (ISO 8601 week); a weekend is "2021-W49-WE"
  month      YYYY-MM          "2021-12"
  quarter    YYYY-Qn          "2021-Q3"
  season     YYYY-SP|SU|FA|WI "2021-SU" (winter is named by the year it starts in)
  year       YYYY             "2021"
  decade     YYY              "199" for "the 1990s"
  century    YY               "19" for "the 20th century"

Parts of the day ("tonight", "Monday night") keep the day's date and precision "day":
event data are dated by day.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "day",
    "week",
    "weekend",
    "month",
    "quarter",
    "season",
    "year",
    "decade",
    "century",
    "add_months",
    "weekday_on_or_before",
    "weekday_after",
    "weekday_nearest",
    "easter",
    "nth_weekday",
]

Value = tuple[str | None, str | None]  # (value, precision)


def day(d: dt.date) -> Value:
    return d.isoformat(), "day"


def week(d: dt.date) -> Value:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}", "week"


def weekend(d: dt.date) -> Value:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}-WE", "week"


def month(y: int, m: int) -> Value:
    return f"{y:04d}-{m:02d}", "month"


def quarter(y: int, q: int) -> Value:
    return f"{y:04d}-Q{q}", "quarter"


def season(y: int, s: str) -> Value:
    return f"{y:04d}-{s}", "season"


def year(y: int) -> Value:
    return f"{y:04d}", "year"


def decade(y: int) -> Value:
    return f"{y // 10:03d}", "decade"


def century(c: int) -> Value:
    """`c` is the TIMEX3 century prefix: 19 for the 1900s (the 20th century)."""
    return f"{c:02d}", "century"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def weekday_on_or_before(ref: dt.date, wd: int) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - wd) % 7)


def weekday_before(ref: dt.date, wd: int) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)


def weekday_after(ref: dt.date, wd: int) -> dt.date:
    return ref + dt.timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)


def weekday_on_or_after(ref: dt.date, wd: int) -> dt.date:
    return ref + dt.timedelta(days=(wd - ref.weekday()) % 7)


def weekday_nearest(ref: dt.date, wd: int) -> dt.date:
    back = (ref.weekday() - wd) % 7
    return ref - dt.timedelta(days=back) if back <= 3 else ref + dt.timedelta(days=7 - back)


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    mo = (h + l_ - 7 * m + 114) // 31
    da = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, mo, da)


def nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) weekday `wd` (Monday=0) of a month."""
    if n > 0:
        first = dt.date(y, m, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    ny, nm = add_months(y, m, 1)
    last = dt.date(ny, nm, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None
