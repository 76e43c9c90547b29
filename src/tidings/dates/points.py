"""More TIMEX3 points: clock times, years and days written in words, the reporting periods
of business news, and the end of the year.

  kind      example                                   value
  clock     "5 p.m. EST Nov. 9", "9 a.m. Tuesday",     1989-11-09T17:00 (TIME; a time with no
            "at noon", "around 7:15 p.m."              day takes the day named before it in the
                                                       sentence, else the publication date)
  spelled   "nineteen ninety-six", "the year two      1996, 2000, 1997-01, 1998-03-08
            thousand", "January nineteen ninety-seven",
            "March eighth"
  period    "the quarter", "the latest quarter",      the reference quarter (the last quarter
            "the year-ago quarter", "year-earlier",   named in the text, else the last one
            "the full year", "the past year"          completed before publication); "year-ago"
                                                      and "year-earlier" count a year back
  yearend   "year-end", "the 1990 year end"           1989-12-31

`resolve(m, pub, tense, anchors, sent)` gives (value, precision); anchors are the resolved
expressions before this one, as (first day, precision, sentence index, value) tuples.
"""

from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .match import MONTHS, Match
from .periods import CARDINALS, MONTH, ONES, TEENS, TENS, WEEKDAY, WORD_VALUE, number

__all__ = ["KINDS", "rules", "gates", "resolve", "refine", "spelled_year", "SPELLED_YEAR"]

KINDS = frozenset({"clock", "spelled", "period", "yearend"})

B = r"(?<![\w'’-])"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_ORD1 = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
ORDWORD = (
    rf"(?:(?:twenty|thirty)[\s-](?:{_ORD1})|thirty-first|thirtieth|twentieth|tenth|eleventh|twelfth"
    rf"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|{_ORD1})"
)
_YEAR_TAIL = rf"(?:(?:{'|'.join(TENS)})(?:[\s-](?:{'|'.join(ONES)}))?|{'|'.join(TEENS)}|oh[\s-](?:{'|'.join(ONES)}))"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)(?:\s+hundred(?:\s+and\s+{_YEAR_TAIL})?|[\s-]+{_YEAR_TAIL})"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{'|'.join(TEENS)}|{'|'.join(ONES)}|{CARDINALS}))?)"
)
PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def rules() -> list[tuple[str, str]]:
    clock = (
        rf"{B}(?P<x>(?:(?P<cmod>(?i:around|about|approximately|roughly|shortly\s+(?:before|after)"
        rf"|just\s+(?:before|after)))\s+)?"
        rf"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[AP]\.\s?M\.?|[ap]m|[AP]M)(?![\w])"
        rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?=\s*(?:GMT|UTC|[ECMP][SD]T|local|hours|hrs)\b)"
        # wire style "at 0400 GMT" (not a year: the zone follows)
        rf"|(?P<h4>[01]\d|2[0-3])(?P<mi4>[0-5]\d)(?=\s*(?:GMT|UTC)\b)"
        rf"|(?P<noon>(?i:noon|midnight|midday))"
        rf"|(?P<hw>(?i:{'|'.join(ONES)}|ten|eleven|twelve)|1[0-2]|[1-9])\s+o['’]clock)"
        rf"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|BST|CET|(?i:local\s+time)))?"
        rf"(?:,?\s+(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY})(?:,?\s+(?P<m>{MONTH}|{_MONTH_ABBR})\s*(?P<d>[0-3]?\d)(?![\d]))?"
        rf"|(?P<m2>{MONTH}|{_MONTH_ABBR})\s*(?P<d2>[0-3]?\d)(?![\d:])"
        rf"|(?P<dx>(?i:today|tomorrow|yesterday|tonight))))?)(?![\w])"
    )
    month = rf"(?P<mo>{MONTH})"
    sy = rf"(?P<sy>(?i:{SPELLED_YEAR}))"
    spelled = (
        rf"{B}(?P<x>(?:(?P<theyear>(?i:the\s+year))\s+|{month}\s+)?{sy}"
        rf"|(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mo2>{MONTH})\s+(?P<dw>(?i:{ORDWORD}))"
        rf"(?:,?\s+(?P<sy2>(?i:{SPELLED_YEAR})))?)(?![\w-])"
    )
    adj = (
        r"(?:latest|current|comparable|same|corresponding|year-earlier|year-ago|year-before|year-previous"
        r"|prior-year|previous|prior|last|past|full|fiscal|entire|whole|most\s+recent|just-ended|just-completed"
        r"|recent|first|second|third|fourth|final|1[5-9]\d\d|20\d\d"
        r"|(?:next|coming)(?=\s+(?:decade|century)\b))"  # "over the next decade" (not "the next year")
    )
    period = (
        rf"{B}(?P<x>(?P<det>(?i:the|this|that|its|their))\s+(?P<adjs>(?i:(?:{adj}[\s-]+){{0,4}}))"
        rf"(?P<unit>(?i:fiscal[\s-]+year|quarter|period|year|decade|century))"
        rf"(?P<tail>\s+(?i:a\s+year\s+(?:earlier|ago|before)|(?:of\s+)?last\s+year))?"
        rf"|(?P<bare>(?i:year-earlier|year-ago|year-before)))(?![\w-])"
    )
    yearend = (
        rf"(?:(?P<by>(?i:by|until|till|before|around|toward|towards))\s+)?"
        rf"{B}(?P<x>(?:(?P<yy>1[5-9]\d\d|20\d\d)\s+)?(?i:year)(?:['’]s\s+|[\s-])(?i:end))(?![\w-])"
    )
    return [("clock", clock), ("spelled", spelled), ("period", period), ("yearend", yearend)]


def gates() -> dict[str, tuple]:
    low = "low"
    return {
        "clock": ((low, ("m", "noon", "midnight", "midday", ":", "clock", "utc")),),
        "spelled": (
            (
                low,
                (
                    "nineteen",
                    "eighteen",
                    "thousand",
                    "first",
                    "second",
                    "third",
                    "fourth",
                    "fifth",
                    "sixth",
                    "seventh",
                    "eighth",
                    "ninth",
                    "tenth",
                    "eleventh",
                    "twelfth",
                    "teenth",
                    "tieth",
                ),
            ),
        ),
        "period": ((low, ("quarter", "period", "year", "decade", "century")),),
        "yearend": ((low, ("end",)),),
    }


PREP_BEFORE_YEAR = re.compile(r"\b(?:in|since|by|until|till|of|before|after|from|through|during|year)\s*$", re.I)


def refine(kind: str, gd: dict, text: str, start: int, end: int):
    """Drop or reshape one raw match by what is around it; None drops it."""
    if kind == "spelled":
        if gd.get("mo2"):
            gd = {**gd, "mo": gd["mo2"]}
            if gd.get("sy2"):
                gd["sy"] = gd["sy2"]
            return kind, gd, start, end
        sy = (gd.get("sy") or "").lower()
        if (
            sy.startswith("two thousand")
            and not (gd.get("theyear") or gd.get("mo"))
            and not PREP_BEFORE_YEAR.search(text[max(0, start - 12) : start])
        ):
            return None  # "two thousand troops"
        if (
            sy
            and not gd.get("mo")
            and not gd.get("theyear")
            and re.match(r"\s+(?:[a-z]+s|people|of)\b", text[end : end + 12])
        ):
            return None  # "nineteen hundred soldiers"
    if (
        kind == "period"
        and gd.get("det")
        and re.search(r"\w-(?:quarter|year|period)$", text[start:end])
        and re.match(r"\s+[a-z]", text[end : end + 3])
    ):
        # "that third-quarter profit", "the year-earlier quarter" is kept: an adjectival period
        # leaves the determiner to the noun it describes
        start = start + len(gd["det"])
        while start < end and text[start].isspace():
            start += 1
        gd = {**gd, "det": ""}
    if kind == "period":
        adjs = gd.get("adjs") or ""
        unit = " ".join(gd.get("unit", "").lower().replace("-", " ").split())
        words = set(_words(adjs))
        if gd.get("bare"):
            return kind, gd, start, end
        if unit in ("decade", "century"):
            # "the last century": the one before publication; "the past/next decade": ten years
            one_rel = len(words) == 1 and words <= {"past", "last", "previous", "next", "coming"}
            if not one_rel or gd.get("det", "").lower() != "the":
                return None
        elif unit == "year":
            keep = words & {
                "full",
                "fiscal",
                "current",
                "latest",
                "year-earlier",
                "year-ago",
                "entire",
                "whole",
                "prior",
                "previous",
                "past",
                "last",
                "comparable",
                "corresponding",
                "same",
            }
            if not words and gd["det"].lower() == "the" and not gd.get("tail"):
                return _the_year(gd, text, start, end)  # "for the year ended Sept. 30"
            if not keep or gd["det"].lower() not in ("the", "this", "its", "their", ""):
                return None  # "that year" (another rule), "the first year" (a duration)
            if words & {"first", "second", "third", "fourth", "final"}:
                return None
        elif unit == "period":
            if not (words & (BACK | LATEST | {"same", "current"}) or re.search(r"\d{4}", adjs)):
                return None  # "the period", "a period": no reporting period named
        if len({w for w in words if w.isdigit() and len(w) == 4}) > 1:
            return None  # "the 2006-2010 period": years, not a reporting period
        if unit in ("year", "fiscal year") and not gd.get("tail") and THE_YEAR_ENDED.match(text[end : end + 10]):
            gd = {**gd, "ended": "1"}  # "the fiscal year ended Jan. 31": twelve months
    return kind, gd, start, end


# "for the year", "the first nine months of the year": the year a report is about; "the year
# ended Sept. 30": twelve months (TimeML marks both); not "the year before", "the year 2000"
THE_YEAR_BEFORE = re.compile(r"\b(?:for|in|during|of|through|throughout|over)\s+$", re.I)
THE_YEAR_NOT_AFTER = re.compile(r"\s*(?:['’]s?\b|\d|-|(?i:before|after|earlier|later|that|when|in\s+which)\b)")
THE_YEAR_ENDED = re.compile(r"\s+(?i:ended|ending|to)\s")


def _the_year(gd: dict, text: str, start: int, end: int):
    if not THE_YEAR_BEFORE.search(text[max(0, start - 12) : start]) or THE_YEAR_NOT_AFTER.match(text[end : end + 12]):
        return None
    if THE_YEAR_ENDED.match(text[end : end + 10]):
        gd = {**gd, "ended": "1"}
    return "period", gd, start, end


def _anchor(anchors, precisions, sent=None, own=False):
    for a in reversed(anchors or ()):
        if own and len(a) > 4 and a[4]:
            continue
        if a[1] in precisions and (sent is None or (len(a) > 2 and a[2] == sent)):
            return a
    return None


def _quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _qshift(y: int, q: int, n: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def last_completed_quarter(pub: dt.date | None) -> tuple[int, int] | None:
    return None if pub is None else _qshift(*_quarter_of(pub), -1)


def reference_quarter(pub: dt.date | None, anchors) -> tuple[int, int] | None:
    """The quarter a report is about: the last one named in the text (not one counted back
    from another, like "the year-ago quarter"), else the last quarter completed before
    publication."""
    for a in reversed(anchors or ()):
        if a[1] != "quarter" or (len(a) > 4 and a[4]):
            continue
        # a quarter not yet over ("losses through the third quarter of 1990", "a further
        # decline in the fourth quarter") is a forecast, not the period a report compares
        # with a year before
        if pub is not None and _qshift(*_quarter_of(a[0]), 1) > _quarter_of(pub):
            continue
        return _quarter_of(a[0])
    return last_completed_quarter(pub)


BACK = frozenset(
    {"year-earlier", "year-ago", "year-before", "year-previous", "prior-year", "comparable", "corresponding"}
)
LATEST = frozenset({"latest", "most-recent", "just-ended", "just-completed", "recent"})
ORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}


def _words(adjs: str) -> list[str]:
    low = " ".join((adjs or "").lower().split())
    return (
        re.findall(r"year-\w+|prior-year|just-\w+|most recent|\w+", low.replace("most recent", "most-recent"))
        if low
        else []
    )


def counts_back(m) -> bool:
    """A period counted back from the reference one ("the year-ago quarter", "year-earlier",
    "the 1988 period"): not itself a reference for the next."""
    f = m.f
    words = set(_words(f.get("adjs")))
    return bool(f.get("bare") or f.get("tail") or words & BACK or any(w.isdigit() for w in words))


def resolve(m, pub: dt.date | None, tense: str | None, anchors=(), sent=None, *, again):
    f, k = m.f, m.kind
    if k == "clock":
        return _clock(f, pub, tense, anchors, sent, again)
    if k == "spelled":
        return _spelled(f, pub, tense, again)
    if k == "period":
        return _period(f, pub, anchors, tense, again)
    if k == "yearend":
        if f.get("yy"):
            return f"{int(f['yy']):04d}-12-31", "day"
        if pub is None:
            return None, None
        # "by year end" is a deadline ahead even in a past clause ("announced a plan to cut
        # 6,000 jobs by year end"); a past "year-end" is the last one
        y = pub.year - 1 if tense == "past" and pub.month < 12 and not f.get("by") else pub.year
        return f"{y:04d}-12-31", "day"
    return None, None


def _clock(f, pub, tense, anchors, sent, again):
    if f.get("noon"):
        w = f["noon"].lower()
        hh, mm = (24, 0) if w == "midnight" else (12, 0)
    elif f.get("hw"):
        hw = f["hw"].lower()
        hh, mm = (int(hw) if hw.isdigit() else WORD_VALUE[hw]), 0
    elif f.get("h24"):
        hh, mm = int(f["h24"]), int(f["mi2"])
    elif f.get("h4"):
        hh, mm = int(f["h4"]), int(f["mi4"])
    else:
        hh, mm = int(f["h"]), int(f.get("mi") or 0)
        pm = f["ap"].lower().startswith("p")
        if pm and hh < 12:
            hh += 12
        elif not pm and hh == 12:
            hh = 0
    day = None
    if f.get("wd") and f.get("m"):
        day = again(Match(0, 0, "mdy", {"wd": f["wd"], "m": f["m"], "d": f["d"]}), pub, tense)[0]
    elif f.get("wd"):
        day = again(Match(0, 0, "weekday", {"wd": f["wd"]}), pub, tense)[0]
    elif f.get("m2"):
        day = again(Match(0, 0, "mdy", {"m": f["m2"], "d": f["d2"]}), pub, tense)[0]
    elif f.get("dx"):
        day = again(Match(0, 0, "deictic", {"w": f["dx"]}), pub, tense)[0]
    else:
        a = _anchor(anchors, ("day",), sent)
        if a is not None:
            day = a[0].isoformat()
        elif pub is not None:
            day = pub.isoformat()
    if day is None:
        return None, None
    return f"{day}T{hh:02d}:{mm:02d}", "time"


def spelled_year(sy: str) -> int | None:
    """The year of a SPELLED_YEAR match: "nineteen ninety-four" 1994, "two thousand" 2000."""
    words = " ".join(sy.lower().replace("-", " ").split())
    if words.startswith("two thousand"):
        rest = words[len("two thousand") :].replace("and", "").strip()
        n = number(rest) if rest else 0
    else:
        head, _, rest = words.partition(" ")
        rest = rest.replace("hundred", "").replace("and", "").replace("oh ", "").strip()
        n = number(rest) if rest else 0
        if n is not None:
            n += WORD_VALUE[head] * 100
    return None if n is None else 2000 * words.startswith("two thousand") + int(n)


def _spelled(f, pub, tense, again):
    sy = f.get("sy")
    y = None
    if sy:
        y = spelled_year(sy)
        if y is None:
            return None, None
    if f.get("mo"):
        mo = MONTHS[f["mo"].lower()]
        if f.get("dw"):
            w = " ".join(f["dw"].lower().replace("-", " ").split())
            parts = w.split()
            d = (
                ORDINAL_WORDS.get(parts[-1], 0)
                + (20 if parts[0] == "twenty" and len(parts) > 1 else 0)
                + (30 if parts[0] == "thirty" and len(parts) > 1 else 0)
            )
            if w == "thirty first":
                d = 31
            if y is not None:
                day = cal.safe_date(y, mo, d)
                return cal.day(day) if day else (None, None)
            fields = {"m": f["mo"], "d": str(d)}
            if f.get("wd"):
                fields["wd"] = f["wd"]
            return again(Match(0, 0, "mdy", fields), pub, tense)
        if y is None:
            return None, None
        return cal.month(y, mo)
    if y is None:
        return None, None
    return cal.year(y)


def _period(f, pub, anchors, tense, again):
    if f.get("bare"):
        ref = reference_quarter(pub, anchors)
        return cal.quarter(*_qshift(*ref, -4)) if ref else (None, None)
    ordered = list(_words(f.get("adjs")))  # in text order: a set's order changes from run to run
    words = set(ordered)
    unit = " ".join(f["unit"].lower().replace("-", " ").split())
    det = f["det"].lower()
    back = bool(words & BACK) or bool(f.get("tail"))
    if unit in ("decade", "century"):
        if words & {"past", "next", "coming"}:
            # "over the past decade", "in the next decade": the ten years up to now or from
            # now (TimeML: a duration, as the gold writes "the past decade")
            return ("P10Y" if unit == "decade" else "P100Y"), "duration"
        if pub is None:
            return None, None
        return (cal.decade(pub.year - 10)) if unit == "decade" else cal.century(pub.year // 100 - 1)
    digits = next((int(w) for w in ordered if w.isdigit() and len(w) == 4), None)
    if unit in ("year", "fiscal year"):
        if f.get("ended"):  # "in the year ended Sept. 30": TimeML marks the twelve months
            return "P1Y", "duration"
        if pub is None:
            return None, None
        if back or words & {"past", "last", "previous", "prior", "latest"}:
            return cal.year(pub.year - 1)
        return cal.year(pub.year)
    # a quarter or a reporting period
    q = next((ORDS[w] for w in ordered if w in ORDS), None)
    if q is not None and unit == "quarter":
        if digits:
            return cal.quarter(digits, q)
        value, _ = again(
            Match(0, 0, "quarter", {"ord": next(w for w in ordered if w in ORDS), "unit": "quarter"}), pub, tense
        )
        if value is None:
            return None, None
        y = int(value[:4]) - (1 if back else 0)
        return cal.quarter(y, q)
    if unit == "quarter" and (det == "this" or "current" in words) and pub is not None:
        return cal.quarter(*_quarter_of(pub))
    ref = last_completed_quarter(pub) if words & LATEST else reference_quarter(pub, anchors)
    if ref is None:
        return None, None
    if digits:
        return cal.quarter(digits, ref[1])
    if words & {"previous", "prior"} and not back:
        return cal.quarter(*_qshift(*ref, -1))
    return cal.quarter(*_qshift(*ref, -4 if back else 0))
