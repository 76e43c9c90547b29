"""Finding and normalising time expressions: regular patterns over the text plus the
parse (tense, entity labels) for the decisions that need it.

`find(text)` returns candidate matches (character spans with what was recognised);
`resolve(match, published, tense, anchors)` turns one into (value, precision) with the
conventions of `tidings.dates.calendar`. Durations ("for two years", "the past week")
and ages ("55-year-old") are not points in time and are not matched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import calendar as cal
from . import periods, points
from .match import MONTHS, Match
from .prefilter import guarded

__all__ = ["Match", "find", "resolve", "load_holidays"]

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a couple of": 2,
    "a dozen": 12,
    "half a": None,
}
VAGUE = {"a few", "few", "several", "some", "many", "a number of", "the past few", "a couple"}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "final": 4,
    "last": 4,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _title_or_upper(words):
    out = []
    for w in sorted(words, key=len, reverse=True):
        out.append(w.capitalize())
        if len(w) > 3:
            out.append(w.upper())
    return "|".join(out)


_MONTH_FULL = _title_or_upper([m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")] + ["march", "april"])
_MONTH_ABBR = "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
MONTH = rf"(?P<{{g}}>(?:{_MONTH_FULL})(?![A-Za-z])|(?:{_MONTH_ABBR})(?:\.|(?![A-Za-z])))"
WEEKDAY = rf"(?P<{{g}}>(?:{_title_or_upper(WEEKDAYS)})(?![A-Za-z]))"
DAY = r"(?P<{g}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d|\w)"
_YEAR_DIGITS = r"1[5-9]\d\d|20\d\d"
YEAR = rf"(?P<{{g}}>{_YEAR_DIGITS})(?![\d\w]|[.,]\d)"
_NUMWORD = "|".join(sorted((re.escape(k) for k in list(NUMBERS) + list(VAGUE)), key=len, reverse=True))
NUM = rf"(?P<{{g}}>\d{{1,3}}|(?i:(?:{_NUMWORD})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?))"
PART = r"(?:morning|afternoon|evening|night|overnight)"
MOD = (
    r"(?P<mod>(?i:early|late|mid|earlier|later)(?:\s+|-)(?:in\s+|on\s+)?"
    r"|(?i:the\s+)?(?:end|start|beginning|middle|turn|close|first\s+half|second\s+half|rest|remainder)"
    r"\s+of\s+)?"
)
MODX = (
    r"(?:(?i:the\s+)?(?:end|start|beginning|middle|close|first\s+half|second\s+half|rest|remainder)"
    r"\s+of\s+)"
)
B = r"(?<![\w'’-])"  # left word boundary that also refuses "55-year" style joins


def month_group(name: str) -> str:
    """The month pattern as a named group: month_group("m") matches "Dec." as (?P<m>...)."""
    return MONTH.replace("{g}", name)


def weekday_group(name: str) -> str:
    return WEEKDAY.replace("{g}", name)


def day_group(name: str) -> str:
    return DAY.replace("{g}", name)


def year_group(name: str) -> str:
    return YEAR.replace("{g}", name)


def number_group(name: str) -> str:
    return NUM.replace("{g}", name)


HOLIDAY_FILE = "holidays.tsv"


@dataclass(frozen=True)
class Holiday:
    name: str
    rule: str  # "MM-DD", "easter+N", "nth:MM:WD:N" (N=-1 last), "nth:MM:WD:N+D" (D days after)

    def on(self, y: int) -> dt.date | None:
        r = self.rule
        if r.startswith("easter"):
            off = int(r[6:] or 0)
            return cal.easter(y) + dt.timedelta(days=off)
        if r.startswith("nth:"):
            _, m, wd, n = r.split(":")
            n, _, after = n.partition("+")  # "nth:11:0:1+1": the day after the first Monday
            return cal.nth_weekday(y, int(m), int(wd), int(n)) + dt.timedelta(days=int(after or 0))
        m, d = r.split("-")
        return cal.safe_date(y, int(m), int(d))


def load_holidays(path=None) -> dict[str, Holiday]:
    """Holidays from a TSV file (name, rule; '#' comments): tidings/data/dates/holidays.tsv."""
    if path is None:
        text = resources.files("tidings").joinpath("data", "dates", HOLIDAY_FILE).read_text("utf-8")
    else:
        text = open(path, encoding="utf-8").read()
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not re.fullmatch(
            r"\d\d-\d\d|easter[+-]?\d*|nth:\d+:[0-6]:-?\d(?:\+\d)?", parts[1].strip()
        ):
            raise ValueError(f"{path or HOLIDAY_FILE}:{n}: expected 'name<TAB>rule', got {line!r}")
        h = Holiday(parts[0].strip(), parts[1].strip())
        out[h.name.lower()] = h
    return out


def _day_rules() -> list[tuple[str, str]]:
    """Rules for days, months and weekdays written out ("2024-06-17", "June 17", "last March",
    "on Friday", "yesterday")."""
    rel = r"(?P<rel>(?i:last|next|this|coming|past|previous|following|current))"
    return [
        ("iso", rf"{B}(?P<x>(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d))(?![\d-])"),
        ("slash", rf"{B}(?P<x>(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}}))(?![\d/])"),
        ("dots", rf"{B}(?P<x>(?P<b>\d{{1,2}})\.(?P<a>\d{{1,2}})\.(?P<y>\d{{4}}))(?![\d.]\d)"),
        (
            "mdy",
            rf"{B}(?P<x>(?:{weekday_group('wd')},?\s+)?{month_group('m')}\s*{day_group('d')}(?:,?\s*{year_group('y')})?)",
        ),
        (
            # "on April 24 and 25": the second day, of the same month
            "mdy",
            rf"{B}{month_group('m')}\s*{day_group('d0')}\s+(?:and|or|&)\s+(?P<x>{day_group('d')}(?:,?\s*{year_group('y')}"
            rf"|(?=\s*[.,;:!?)]|\s*$|\s+(?:and|or|but|at|in|to|when|as|with|for|of|the)\b)))",
        ),
        (
            "dmy",
            rf"{B}(?P<x>(?:{weekday_group('wd')},?\s+)?(?:(?i:the)\s+)?{day_group('d')}\s+(?:of\s+)?{month_group('m')}(?:,?\s*{year_group('y')})?)",
        ),
        (
            "ordinal",
            r"\b(?:on|by|until|till|before|after|from|since)\s+(?P<x>(?i:the)\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))(?=\s*[.,;:!?)\"”]|\s*$|\s+(?:and|or|but|at|in|to|when|as|with|for)\b)",
        ),
        (
            "my",
            rf"{B}(?P<x>{MOD}{month_group('m')},?\s+(?:of\s+)?(?:{year_group('y')}|(?P<yrel>(?i:last|next|this))\s+year))",
        ),
        (
            "month",
            rf"{B}(?:(?P<x2>(?:(?i:last|next|this(?:\s+past|\s+coming)?|early|late|mid)[\s-]+){month_group('m2')})"
            rf"|(?P<x3>{MODX}{month_group('m3')})"
            rf"|(?P<det>(?i:a|an|the|its|their|his|her|our)\s)(?P<x4>{month_group('m4')})(?=\s+[a-z])"
            rf"|(?P<prep>(?i:in|since|by|until|till|from|through|during|before|after|of|"
            rf"between|and|to|or|for|until|throughout|early|late|mid|"
            rf"earlier|later|around|about|until|toward|towards|at|on)\b[\s-])(?P<x>{MOD}(?:{rel}\s+)?{month_group('m')}))(?!\.?\s*\d)",
        ),
        (
            "weekday",
            rf"{B}(?P<x>{MOD}(?:(?P<rel>(?i:last|next|this|coming|this\s+past|this\s+coming))\s+"
            rf"|(?P<anc>(?i:the\s+(?:previous|preceding|following|next)))\s+)?{weekday_group('wd')}(?:\s+(?P<part>{PART}))?)(?!s\b|\s*,?\s*(?:{_MONTH_FULL}|{_MONTH_ABBR})\b|\s+\d)",
        ),
        (
            "deictic",
            rf"{B}(?P<x>{MOD}(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
            rf"yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))"
            rf"(?:\s+(?P<part>{PART}))?)(?![\w-])",
        ),
    ]


def _span_rules() -> list[tuple[str, str]]:
    """Rules for quarters, relative units, weekends, "ago", anchored days, seasons, decades,
    centuries and years."""
    return [
        (
            "quarter",
            rf"{B}(?P<x>(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
            rf"[\s-]+(?P<unit>quarter|half)(?:\s+of\s+(?:(?P<qrel>(?i:this|last|next))\s+year|(?:the\s+)?(?P<qy>1[5-9]\d\d|20\d\d)|the\s+year))?"
            rf"|(?P<qy2>1[5-9]\d\d|20\d\d)\s+(?P<ord2>first|second|third|fourth)[\s-]+quarter"
            rf"|(?P<yrel>(?i:this|last|next))\s+year['’]s\s+"
            rf"(?:(?P<ord4>first|second|third|fourth|final)[\s-]+(?P<unit4>quarter|half)|quarter)"
            rf"|Q(?P<qn>[1-4])(?:\s+(?P<qy3>1[5-9]\d\d|20\d\d))?)(?![\w-])"
            # "the last half of the '80s": a part of a decade, not of a year (the decade is found)
            rf"(?!\s+of\s+(?:the\s+)?(?:['’]\d0s|1[5-9]\d0s|20\d0s|(?i:decade|century)))",
        ),
        (
            "relunit",
            rf"{B}(?<!(?i:the)\s)(?<!(?i:very)\s)(?P<x>{MOD}(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|current))\s+(?P<unit>(?i:week|weekend|month|year|quarter|decade|century)))(?![\w-])",
        ),
        (
            "theunit",
            rf"{B}(?P<x>(?P<mod>(?i:early|late|earlier|later|mid)(?:\s+|-)(?:in\s+)?|(?i:the\s+)?(?:end|start|beginning|middle|turn|close|first\s+half|second\s+half|rest|remainder)\s+of\s+)(?i:the)\s+(?P<unit>(?i:week|weekend|month|year|day|decade|century)))(?![\w-])",
        ),
        (
            "weekof",  # "the week of March 6": that day's (ISO) week
            rf"{B}(?P<x>(?i:the\s+week\s+of)\s+{month_group('m')}\s*{day_group('d')}(?:,?\s*{year_group('y')})?)",
        ),
        (
            # "by mid afternoon", "in the morning", "late in the evening": a part of the day
            # named before (or of publication); "mid-afternoon yesterday" of that day
            "partday",
            rf"{B}(?:(?P<prep>(?i:in|during|by|until|till|through|throughout|since|from))\s+(?P<x>(?i:the)\s+"
            rf"(?P<part>(?i:morning|afternoon|evening))(?:\s+(?P<dx>(?i:yesterday|today)))?)"
            rf"|(?P<x2>(?i:mid|late|early)[\s-]?(?P<part2>(?i:morning|afternoon|evening))"
            rf"(?:\s+(?P<dx2>(?i:yesterday|today)))?))(?![\w-])",
        ),
        (
            "weekend",
            rf"{B}(?:(?i:over|during|at|on|this|last|next|of|before|after|until|till|through|throughout|for|by|since|into)\s+)(?P<x>(?i:the)\s+weekend)(?![\w-])",
        ),
        (
            "ago",
            rf"{B}(?P<x>(?P<amod>(?i:about|around|nearly|almost|some|more\s+than|less\s+than|just|only|roughly|approximately|barely|over)\s+)?{number_group('n')}\s+(?P<unit>(?i:day|week|month|year|decade|century))s?\s+(?:(?i:or\s+so)\s+)?"
            rf"(?:(?P<dir>(?i:ago|from\s+now|hence))(?![\w-])|(?P<dir2>(?i:earlier|later|before|after|prior))"
            # "earlier"/"later" are adverbs: "A year earlier UniFirst earned ..."; "before"/"after"
            # take an object ("six weeks before the election": a duration before an event)
            rf"(?:(?<=[lL][iI][eE][rR])(?![\w-])(?!\s+(?i:than)\b)|(?<=[aA][tT][eE][rR])(?![\w-])(?!\s+(?i:than)\b)"
            rf"|(?=\s*[.,;:!?)\"”’]|\s*$|\s+(?:and|but|when|while|as|on|in|at|to|with|the|he|she|it|they|we)\b))))",
        ),
        (
            "anchored",
            rf"{B}(?P<x>(?i:the)\s+(?:(?i:very)\s+)?(?P<rel>(?i:next|following|previous|preceding|same|prior))\s+"
            rf"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night|weekend))"
            rf"|(?i:the)\s+(?P<unit2>day|night)\s+(?P<rel2>before|after)(?=\s*[.,;:!?)]|\s+(?:and|but|when)\b)"
            rf"|(?i:that)\s+(?P<unit3>day|night|morning|evening|week|month|year)(?![\w-])"
            # "today is the eighth day of the blockade", "it's the second day of the offensive":
            # the day spoken of, counted in days of something else
            rf"|(?:(?<=[Tt]oday\sis\s)|(?<=[Tt]oday\swas\s)|(?<=[Ii]t\sis\s)|(?<=[Ii]t\swas\s)|(?<=[Ii]t['’]s\s))"
            rf"(?i:the)\s+(?P<nth>(?i:{points.ORDWORD}|\d{{1,3}}(?:st|nd|rd|th)))\s+"
            rf"(?:(?i:straight|consecutive)\s+)?(?P<unit4>(?i:day))(?![\w-]))",
        ),
        (
            "season",
            rf"{B}(?P<x>(?:(?P<the>(?i:the))\s+)?{MOD}(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<s>(?i:spring|summer|autumn|fall|winter))"
            rf"(?:\s+(?:of\s+)?(?:{year_group('y')}|(?P<sy>(?i:{points.SPELLED_YEAR}))))?)(?![\w-])",
        ),
        (
            "decade",
            rf"{B}(?P<x>(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?:(?P<dy>1[5-9]\d0|20\d0)s|['’](?P<dy2>\d0)s))(?![\w])"
            # "the nineties", "the early eighties": a decade of the 20th century
            rf"|{B}(?P<x2>(?i:the)\s+(?:(?P<mod2>(?i:early|mid|late))[\s-]+)?(?P<dw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))(?![\w-])",
        ),
        (
            "century",
            rf"{B}(?P<x>(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?:(?P<c>\d{{1,2}})(?:st|nd|rd|th)|(?P<cw>(?i:twentieth|twenty-first|nineteenth|eighteenth)))[\s-]+(?i:century))(?![\w-])",
        ),
        ("year", rf"{B}(?P<x>{MOD}(?P<fiscal>(?i:fiscal|FY|the\s+year)\s*)?{year_group('y')})"),
    ]


def _rules(holidays: dict[str, Holiday]):
    hol = "|".join(re.escape(h.name) for h in sorted(holidays.values(), key=lambda h: -len(h.name)))
    rules = _day_rules() + _span_rules()
    if hol:
        rules.append(
            (
                "holiday",
                rf"{B}(?P<x>(?:(?P<rel>(?i:last|next|this))\s+)?(?P<h>{hol})(?:\s+(?P<y>1[5-9]\d\d|20\d\d))?"
                rf"(?P<wk>\s+(?i:week))?)(?![\w])",
            )
        )
    rules += periods.rules() + points.rules()
    gates = _gates(hol)
    gates.update(periods.gates())
    gates.update(points.gates())
    return [(name, re.compile(guarded(rx)), gates[name]) for name, rx in rules]


# What a rule's match always contains, tested on the whole text before the rule is run:
# most texts have no ISO date, no quarter, no century, no holiday, and a rule costs a try
# at every word of the text. A test is a tuple of clauses that must all hold, cheapest
# first. A clause (where, alternatives) holds when one of its alternatives, a word or a
# pattern (a piece of the rule), occurs in the text as written ("text") or lower-cased
# ("low", for what a rule matches in any case). Words never span a \s+ of the rule
# ("last night" -> "night"). Patterns that start with a literal ("the\s+...") are the
# cheapest to search.
_MONTH_ANY = f"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY_ANY = _title_or_upper(WEEKDAYS)
_UNITS = "(?:week|weekend|month|year|day|decade|century)"


def _gates(hol: str) -> dict[str, tuple]:
    low, text, rx = "low", "text", re.compile
    month = (text, (rx(_MONTH_ANY),))
    gates = {
        "iso": ((text, ("-0", "-1")),),
        "slash": ((text, ("/",)),),
        "dots": ((text, (rx(r"\.\d{1,2}\.\d"),)),),
        "mdy": (month, (text, (rx(rf"{_MONTH_ANY}\.?\s*\d"),))),
        "dmy": (
            month,
            (text, tuple(rx(rf"{end}\s+(?:of\s+)?{_MONTH_ANY}") for end in (r"\d", "st", "nd", "rd", "th"))),
        ),
        "ordinal": ((low, (rx(r"the\s+\d"),)), (text, (rx(r"\d(?:st|nd|rd|th)"),))),
        "my": (month, (text, (rx(rf"{_MONTH_ANY}\.?,?\s+(?:of\s+)?(?:1[5-9]|20|(?i:last|next|this)\s+year)"),))),
        "month": (month,),
        "weekday": ((text, (rx(_WEEKDAY_ANY),)),),
        "deictic": ((low, ("yesterday", "today", "tonight", "tomorrow", "night", "morning", "afternoon", "evening")),),
        "quarter": ((text, ("quarter", "half", "Q")),),
        "relunit": (
            (low, ("week", "month", "year", "quarter", "decade", "century")),
            (low, ("last", "next", "this", "current")),
        ),
        "theunit": (
            (low, (rx(rf"the\s+{_UNITS}"),)),
            (
                low,
                (
                    rx(rf"(?:early|late|earlier|later|mid)(?:\s+|-)(?:in\s+)?the\s+{_UNITS}"),
                    rx(
                        rf"(?:end|start|beginning|middle|turn|close|half|rest|remainder)"
                        rf"\s+of\s+the\s+{_UNITS}"
                    ),
                ),
            ),
        ),
        "weekend": ((text, ("weekend",)),),
        "partday": ((low, ("morning", "afternoon", "evening")),),
        "weekof": ((low, (rx(r"week\s+of"),)),),
        "ago": (
            (
                low,
                (
                    rx(
                        r"(?:day|week|month|year|decade|century)s?\s+(?:or\s+so\s+)?"
                        r"(?:ago|earlier|later|before|after|from|hence|prior)"
                    ),
                ),
            ),
        ),
        "anchored": (
            (
                low,
                (
                    rx(r"that\s+(?:day|night|morning|evening|week|month|year)"),
                    rx(r"(?:day|night)\s+(?:before|after)"),
                    rx(r"the\s+\w+\s+(?:(?:straight|consecutive)\s+)?day"),
                    *(
                        rx(rf"{rel}\s+(?:day|week|month|year|morning|afternoon|evening|night)")
                        for rel in ("next", "following", "previous", "preceding", "same", "prior")
                    ),
                ),
            ),
        ),
        "season": ((low, ("spring", "summer", "autumn", "fall", "winter")),),
        "decade": ((low, ("0s", "ties")),),
        "century": ((low, ("century",)),),
        "year": ((text, (rx(_YEAR_DIGITS),)),),
    }
    if hol:
        gates["holiday"] = ((text, (rx(hol),)),)
    return gates


# characters that (?i:...) matches to an ASCII letter but that str.lower() does not turn
# into it: "ı" and "İ" (i), "ſ" (s); İ lower-cases to "i" + U+0307
_FOLD = {0x131: "i", 0x17F: "s", 0x307: None}


def _lower(text: str) -> str:
    low = text.lower()
    if not text.isascii() and ("ı" in text or "İ" in text or "ſ" in text):
        low = low.translate(_FOLD)
    return low


def _may_match(gate: tuple, text: str, low: str) -> bool:
    """Can a rule with this test match somewhere in `text` (`low`: `_lower(text)`)?"""
    for where, alternatives in gate:
        s = low if where == "low" else text
        for alt in alternatives:
            if (alt in s) if isinstance(alt, str) else (alt.search(s) is not None):
                break
        else:
            return False
    return True


@lru_cache(maxsize=4)
def _compiled(holiday_path: str | None = None):
    holidays = load_holidays(holiday_path)
    return _rules(holidays), holidays


def find(text: str, holiday_path: str | None = None) -> list[Match]:
    """All non-overlapping candidate expressions, longest first where they overlap."""
    rules, _ = _compiled(holiday_path)
    low = _lower(text)
    found: list[Match] = []
    for name, rx, gate in rules:
        if not _may_match(gate, text, low):
            continue  # the text lacks what every match of the rule contains
        for m in rx.finditer(text):
            gd = {k: v for k, v in m.groupdict().items() if v is not None}
            for g in ("x", "x2", "x3", "x4"):
                if g in gd:
                    s, e = m.span(g)
                    break
            else:
                s, e = m.span()
            if e <= s:
                continue
            x = text[s:e]
            stripped = x.rstrip(" ,")
            e -= len(x) - len(stripped)
            kind = name
            if name in periods.KINDS or name in points.KINDS:
                got = (periods if name in periods.KINDS else points).refine(name, gd, text, s, e)
                if got is None:
                    continue
                kind, gd, s, e = got
            if (
                name == "ago"
                and gd.get("dir2", "").lower() in ("before", "after", "prior")
                and not re.match(r"\s*(?:[.,;:!?)\"”’]|$|(?:and|but|when|while|as)\b)", text[e : e + 8])
            ):
                continue  # "six weeks before the election": a duration before an event, not a date
            if (
                name == "quarter"
                and re.match(r"(?i:the)\s+", text[s:e])
                and re.search(r"-(?:quarter|half)$", text[s:e])
                and re.match(r"\s+[a-z]", text[e : e + 3])
            ):
                article = re.match(r"(?i:the)\s+", text[s:e])
                s += len(article.group(0)) if article else 0  # "the third-quarter results"
            mod = gd.get("mod") or ""
            if mod[:7].lower() in ("earlier", "later") and text[s : s + len(mod)] == mod:
                s += len(mod)  # "earlier this month": the extent is "this month" (TimeML)
            found.append(
                Match(s, e, kind, gd, needs_context=(name == "year" and not gd.get("mod") and not gd.get("fiscal")))
            )
    found.sort(key=lambda m: (-m.length, m.start))
    taken: list[Match] = []
    used = bytearray(len(text))
    for m in found:
        if any(used[m.start : m.end]):
            continue
        used[m.start : m.end] = b"\x01" * (m.end - m.start)
        taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken


def _num(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    if w in VAGUE:
        return None
    if w in NUMBERS:
        return NUMBERS[w]
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        a, b = NUMBERS[parts[0]], NUMBERS[parts[1]]
        if a is not None and b is not None:
            return a + b
    return None


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# A date without a year is read in the year of publication (news style gives the year only
# for another year), unless the clause's tense rules that out: a past-tense clause may still
# carry a date some weeks ahead ("declared a dividend, payable Dec. 7"), but not a date most
# of a year ahead ("met on Dec. 28" in a story of Jan. 3 is last year's); a future-tense
# clause does not carry a date already gone ("will vote on Jan. 5" in November is next
# year's). With no tense, the nearest one.
PAST_SLACK = dt.timedelta(days=60)
FUTURE_SLACK = dt.timedelta(days=7)
NEAR_MONTHS = 6


def _year_for_month_day(m: int, d: int, pub: dt.date, tense: str | None, loose: bool = False) -> dt.date | None:
    cands = {y: c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := cal.safe_date(y, m, d))}
    if not cands:
        return None
    here = cands.get(pub.year)
    if here is not None:
        if tense == "past":
            return here if here <= pub + (PAST_SLACK if loose else dt.timedelta(0)) else cands.get(pub.year - 1, here)
        if tense == "future":
            return here if here >= pub - FUTURE_SLACK else cands.get(pub.year + 1, here)
        if abs((here - pub).days) <= NEAR_MONTHS * 30.5:
            return here
    return min(cands.values(), key=lambda c: (abs((c - pub).days), c > pub))


def _year_for_month(m: int, pub: dt.date, tense: str | None, rel: str | None, loose: bool = False) -> int:
    if rel in ("last", "past", "previous"):
        return pub.year if m < pub.month else pub.year - 1
    if rel in ("next", "coming", "following"):
        return pub.year if m > pub.month else pub.year + 1
    if rel in ("this", "current"):
        return pub.year
    if tense == "past":
        return pub.year if dt.date(pub.year, m, 1) <= pub + (PAST_SLACK if loose else dt.timedelta(0)) else pub.year - 1
    if tense == "future":
        return pub.year if m >= pub.month else pub.year + 1
    diff = m - pub.month
    if diff < -NEAR_MONTHS:
        return pub.year + 1
    if diff > NEAR_MONTHS:
        return pub.year - 1
    return pub.year


def _weekday(wd: int, pub: dt.date, tense: str | None, rel: str | None) -> dt.date:
    if rel in ("last", "past", "previous"):
        return cal.weekday_before(pub, wd)
    if rel in ("next", "coming", "following"):
        return cal.weekday_after(pub, wd)
    if rel in ("this", "current"):
        if tense == "past":
            return cal.weekday_on_or_before(pub, wd)
        if tense in ("future", "planned"):
            return cal.weekday_on_or_after(pub, wd)
        return pub + dt.timedelta(days=wd - pub.weekday())  # the day of this (ISO) week
    if tense == "past":
        return cal.weekday_on_or_before(pub, wd)
    if tense in ("future", "planned"):
        # "will meet on Sunday", "is meeting on Sunday": the coming Sunday, which is the day
        # of publication itself when that is a Sunday (wire stories are filed in the
        # morning about the same day's events; a week ahead is written "next Sunday")
        return cal.weekday_on_or_after(pub, wd)
    # present or unknown: news reports the recent past more than the near future
    back = (pub.weekday() - wd) % 7
    return pub - dt.timedelta(days=back) if back <= 4 else pub + dt.timedelta(days=7 - back)


def _holiday_date(h: Holiday, pub: dt.date, tense: str | None, rel: str | None) -> dt.date | None:
    cands = [c for c in (h.on(y) for y in (pub.year - 1, pub.year, pub.year + 1)) if c]
    if rel == "last":
        past = [c for c in cands if c < pub]
        return max(past) if past else None
    if rel == "next":
        fut = [c for c in cands if c > pub]
        return min(fut) if fut else None
    if rel == "this":
        return h.on(pub.year)
    if tense == "past":
        past = [c for c in cands if c <= pub]
        if past:
            return max(past)
    if tense == "future":
        fut = [c for c in cands if c >= pub]
        if fut:
            return min(fut)
    return min(cands, key=lambda c: abs((c - pub).days)) if cands else None


def _shift(unit: str, base: dt.date, n: int):
    unit = unit.lower()
    if unit == "day":
        return cal.day(base + dt.timedelta(days=n))
    if unit == "week":
        return cal.week(base + dt.timedelta(days=7 * n))
    if unit == "weekend":
        return cal.weekend(base + dt.timedelta(days=7 * n))
    if unit == "month":
        return cal.month(*cal.add_months(base.year, base.month, n))
    if unit == "quarter":
        q = (base.month - 1) // 3
        k = base.year * 4 + q + n
        return cal.quarter(k // 4, k % 4 + 1)
    if unit == "year":
        return cal.year(base.year + n)
    if unit == "decade":
        return cal.decade(base.year + 10 * n)
    if unit == "century":
        return cal.century(base.year // 100 + n)
    if unit in ("morning", "afternoon", "evening", "night"):
        return cal.day(base + dt.timedelta(days=n))
    return None, None


NONE = (None, None)


RANK = {
    "day": 0,
    "morning": 0,
    "afternoon": 0,
    "evening": 0,
    "night": 0,
    "week": 1,
    "weekend": 1,
    "month": 2,
    "quarter": 3,
    "season": 3,
    "half": 3,
    "year": 4,
    "decade": 5,
    "century": 6,
}


def start_of(value: str, precision: str) -> dt.date | None:
    """The first day of a resolved value ("2021-12" -> 2021-12-01), for anchoring."""
    try:
        if precision in ("day", "time"):
            return dt.date.fromisoformat(value[:10])
        if precision == "week":
            y, w = value[:4], value[6:8]
            return dt.date.fromisocalendar(int(y), int(w), 1)
        if precision == "month":
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        if precision == "quarter":
            return dt.date(int(value[:4]), 3 * int(value[6]) - 2, 1)
        if precision in ("year", "season", "half"):
            return dt.date(int(value[:4]), 1, 1)
    except (ValueError, IndexError):
        return None
    return None


def _quarter_in_view(anchors, sent: int | None, back: int) -> dt.date | None:
    """The first day of the last quarter named (not counted from another) in this sentence or
    up to `back` sentences before it: the period a comparison "from a year earlier" is about."""
    if sent is None:
        return None
    for date, precision, *rest in reversed(anchors or ()):
        if len(rest) < 3 or rest[0] is None or rest[0] < sent - back:
            break
        if precision == "quarter" and not rest[2]:
            return date
    return None


def _day_in_sentence(anchors, sent: int | None) -> dt.date | None:
    """The last day named (not counted from another) in sentence `sent`, if it is the last
    expression named there: the date a comparison "from a year earlier" is about."""
    if sent is None or not anchors:
        return None
    date, precision, *rest = anchors[-1]
    if len(rest) < 3 or rest[0] != sent or rest[2] or precision != "day":
        return None
    return date


def _anchor_for(anchors, unit: str, own: bool = False, named: bool = True, news: bool = False) -> dt.date | None:
    """The most recent anchor at least as fine as `unit` ("the next day" needs a day); with
    `own`, only an expression that is not itself counted from another ("a year earlier" after
    "a year earlier" counts from the same reference, not a year further back); without
    `named`, not a possessive one ("last Wednesday's bombings" names a thing: "earlier in the
    day" is not that Wednesday)."""
    need = RANK.get(unit.lower(), 0)
    if news:  # "that day", "the same day": the news's day, not the day it was reported
        told = [a for a in anchors or () if not (len(a) > 6 and a[6])]
        found = _anchor_for(told, unit, own, named) if told else None
        if found is not None:
            return found
    for date, precision, *rest in reversed(anchors or ()):
        if own and len(rest) > 2 and rest[2]:
            continue
        if not named and len(rest) > 3 and rest[3]:
            continue
        if RANK.get(precision, 9) <= need:
            return date
    return None


@dataclass(frozen=True)
class Setting:
    """What one match is resolved against: the publication date, the tense of the clause that
    governs it ('past', 'future', 'planned' or None; `loose` when a past clause reaches it
    through a noun, see clauses.clause_tense), the resolved expressions before it in the text
    (`anchors`, oldest first), the holiday file and the index of its sentence."""

    pub: dt.date | None
    tense: str | None
    loose: bool = False
    anchors: tuple | list = ()
    holiday_path: str | None = None
    sent: int | None = None


def resolve(
    m: Match,
    pub: dt.date | None,
    tense: str | None = None,
    anchors=(),
    holiday_path: str | None = None,
    sent: int | None = None,
) -> tuple[str | None, str | None]:
    """(value, precision) for a match, given the publication date, the clause tense
    ('past', 'future', 'planned', 'past-loose' or None) and the resolved expressions before it
    in the text, as (first day, precision, ...) tuples, oldest first: "the next day", "the
    following year" and "two days later" count from the latest one fine enough."""
    kind = m.kind
    loose = tense == "past-loose"
    if loose:
        tense = "past"
    if kind in periods.KINDS:
        return periods.resolve(m)
    if kind in points.KINDS:
        return points.resolve(m, pub, tense, anchors, sent, again=resolve)
    if kind != "weekday" and tense == "planned":
        tense = "future"  # only a weekday tells a plan ("meet Friday") from a future ("will meet")
    step = STEPS.get(kind)
    if step is None:
        return NONE
    return step(m.f, Setting(pub, tense, loose, anchors, holiday_path, sent))


def _weekday_value(f: dict, s: Setting):
    """ "Friday", "last Friday", "this coming Friday", "later Friday"."""
    if s.pub is None:
        return NONE
    if f.get("anc"):  # "the previous Friday", "the following Monday": from the last day named
        base = _anchor_for(s.anchors, "day") or s.pub
        before = f["anc"].split()[-1].lower() in ("previous", "preceding")
        wd = WEEKDAYS[f["wd"].lower()]
        return cal.day(cal.weekday_before(base, wd) if before else cal.weekday_after(base, wd))
    tense = s.tense
    rel = (f.get("rel") or "").lower() or None
    mod = (f.get("mod") or "").strip().lower()
    if rel is None and mod.startswith("later"):
        tense = "planned"  # "later Friday": that day, or the next one
    elif rel is None and mod.startswith("earlier"):
        tense = "past"
    if rel is not None:
        rel = rel.split()[-1]  # "this past" -> "past", "this coming" -> "coming"
    return cal.day(_weekday(WEEKDAYS[f["wd"].lower()], s.pub, tense, rel))


def _iso_value(f: dict, s: Setting):
    """ "2021-12-07"."""
    d = cal.safe_date(int(f["y"]), int(f["m"]), int(f["d"]))
    return cal.day(d) if d else NONE


def _numeric_value(f: dict, s: Setting):
    """ "12/7/2021", "7.12.2021": month first unless the first number cannot be a month."""
    a, b, y = int(f["a"]), int(f["b"]), int(f["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    if a > 12 and b <= 12:
        a, b = b, a
    d = cal.safe_date(y, a, b)
    return cal.day(d) if d else NONE


def _month_day_value(f: dict, s: Setting):
    """ "Dec. 7", "7 December 2021", "Tuesday, Dec. 7": without a year, the year the tense allows
    nearest publication (with a weekday, the year whose Dec. 7 is that weekday)."""
    mo, da = _month_of(f["m"]), int(f["d"])
    if "y" in f:
        d = cal.safe_date(int(f["y"]), mo, da)
        return cal.day(d) if d else NONE
    pub = s.pub
    if pub is None:
        return NONE
    if "wd" in f:
        wd = WEEKDAYS[f["wd"].lower()]
        cands = [
            c
            for c in (cal.safe_date(y, mo, da) for y in (pub.year - 1, pub.year, pub.year + 1))
            if c and c.weekday() == wd
        ]
        if cands:
            return cal.day(min(cands, key=lambda c: abs((c - pub).days)))
    d = _year_for_month_day(mo, da, pub, s.tense, s.loose)
    return cal.day(d) if d else NONE


def _day_of_month_value(f: dict, s: Setting):
    """ "on the 15th": a day of the month of publication, or of a neighbouring one."""
    pub = s.pub
    if pub is None:
        return NONE
    da = int(f["d"])
    # (two months back: "was on the 31st" after a February; the nearest is never that far)
    cands = [c for c in (cal.safe_date(*cal.add_months(pub.year, pub.month, n), da) for n in (-2, -1, 0, 1)) if c]
    if s.tense == "past":
        past = [c for c in cands if c <= pub]
        if past:
            return cal.day(max(past))
    elif s.tense == "future":
        fut = [c for c in cands if c >= pub]
        if fut:
            return cal.day(min(fut))
    return cal.day(min(cands, key=lambda c: abs((c - pub).days))) if cands else NONE


def _month_year_value(f: dict, s: Setting):
    """ "March 2021", "March of next year"."""
    if f.get("yrel"):
        if s.pub is None:
            return NONE
        return cal.month(s.pub.year + {"last": -1, "this": 0, "next": 1}[f["yrel"].lower()], _month_of(f["m"]))
    return cal.month(int(f["y"]), _month_of(f["m"]))


def _month_value(f: dict, s: Setting):
    """ "in March", "last March", "this past June", "early March": the year from the relation
    word, else from the tense."""
    mo = _month_of(f.get("m") or f.get("m2") or f.get("m3") or f["m4"])
    if s.pub is None:
        return NONE
    if f.get("det"):
        # "the October slaying" in a past clause is past; "under a June agreement" in a clause
        # about plans may be either side: the nearest June
        tense = "past" if s.tense == "past" else None
        return cal.month(_year_for_month(mo, s.pub, tense, None, s.loose), mo)
    rel = (f.get("rel") or "").lower() or None
    if rel is None and "x2" in f:
        w = f["x2"].split()[0].lower().split("-")[0]
        rel = w if w in ("last", "next", "this") else None
        if rel == "this" and len(f["x2"].split()) > 2:
            rel = f["x2"].split()[1].lower()  # "this past June", "this coming May"
            rel = "last" if rel == "past" else "next"
    prep = (f.get("prep") or "").strip().lower()
    if rel is None and prep in ("last", "next", "this"):
        rel = prep
    return cal.month(_year_for_month(mo, s.pub, s.tense, rel, s.loose), mo)


DEICTIC_OFFSETS = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "last night": -1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _deictic_value(f: dict, s: Setting):
    """ "yesterday", "tonight", "the day after tomorrow"."""
    if s.pub is None:
        return NONE
    w = " ".join(f["w"].lower().split())
    return cal.day(s.pub + dt.timedelta(days=DEICTIC_OFFSETS.get(w, 0)))


def _relative_unit_value(f: dict, s: Setting):
    """ "last week", "next month", "this year", "this past weekend"."""
    pub = s.pub
    if pub is None:
        return NONE
    rel = " ".join(f["rel"].lower().split())
    unit = f["unit"].lower()
    if rel in ("this past", "this coming") and unit == "weekend":
        # the weekend just gone / the one ahead (publication on a weekend: that one)
        if pub.weekday() >= 5:
            return cal.weekend(pub)
        return cal.weekend(pub - dt.timedelta(days=7) if rel == "this past" else pub)
    n = {"last": -1, "next": 1, "this past": -1, "this coming": 1}.get(rel, 0)
    if unit == "week" and pub.weekday() == 6 and rel in ("last", "this"):
        # a Sunday paper's week begins that day: "last week" is the one ending now, "this
        # week" in a future clause the one starting tomorrow (the ISO week is Monday-Sunday)
        n = 1 if rel == "this" and s.tense in ("future", "planned") else 0
    return _shift(unit, pub, n)


def _the_unit_value(f: dict, s: Setting):
    """ "the end of the year", "later in the day" (the day of the last day named before it)."""
    unit = f["unit"].lower()
    base = (_anchor_for(s.anchors, "day", named=False) or s.pub) if unit == "day" else s.pub
    if base is None:
        return NONE
    return _shift(unit, base, 0)


def _week_of_value(f: dict, s: Setting):
    """ "the week of March 6": the week of that day, its year found as for "March 6"."""
    value, _ = _month_day_value(f, s)
    return cal.week(dt.date.fromisoformat(value)) if value else NONE


def _part_of_day_value(f: dict, s: Setting):
    """ "in the morning", "by mid afternoon": the day (TimeML's "TMO" left out, as for
    "Friday morning") of the last day named before it, else of publication."""
    dx = f.get("dx") or f.get("dx2")
    if dx:
        return _deictic_value({"w": dx}, s)
    base = _anchor_for(s.anchors, "day") or s.pub
    return cal.day(base) if base is not None else NONE


def _weekend_value(f: dict, s: Setting):
    """ "over the weekend": the one just gone in a past clause, the coming one in a future one."""
    pub = s.pub
    if pub is None:
        return NONE
    wd = pub.weekday()
    if s.tense == "future":
        return cal.weekend(pub)
    if s.tense == "past" or wd <= 2:
        return cal.weekend(pub if wd >= 5 else pub - dt.timedelta(days=7))
    return cal.weekend(pub)


def _ago_value(f: dict, s: Setting):
    """ "three days ago", "two weeks from now" (from publication); "a year earlier", "two days
    later" (from the latest expression fine enough, else publication)."""
    n = _num(f["n"])
    dirw = " ".join((f.get("dir") or f["dir2"]).lower().split())
    from_now = dirw in ("ago", "from now", "hence")
    if n is None and " ".join(f["n"].lower().split()) in VAGUE:
        # "several years ago", "a few weeks from now": TimeML's vague past and future
        if dirw == "ago":
            return "PAST_REF", "ref"
        if dirw in ("from now", "hence"):
            return "FUTURE_REF", "ref"
        # "a few days later": no day to count to; the stretch itself (TimeBank: PXD)
        return periods.period(None, periods.unit_of(f["unit"])), "duration"
    base = s.pub if from_now else (_anchor_for(s.anchors, f["unit"]) or s.pub)
    if n is None or base is None:
        return NONE
    sign = -1 if dirw in ("ago", "earlier", "before", "prior") else 1
    if f["unit"].lower() == "year" and sign < 0:
        # "profit rose to $5 million from $4 million a year earlier": in a sentence about a
        # quarter (or up to three sentences after one is named), the same quarter a year back
        day = None if from_now else _day_in_sentence(s.anchors, s.sent)
        if day is not None:  # "for the six months ended Aug. 12 ..., up from $4 million a year earlier"
            back = cal.safe_date(day.year - n, day.month, day.day) or dt.date(day.year - n, day.month, 28)
            return cal.day(back)  # (Feb. 29 a year back is Feb. 28)
        q = _quarter_in_view(s.anchors, s.sent, 3)
        if q is not None:
            return cal.quarter(q.year - n, (q.month - 1) // 3 + 1)
    if not from_now:
        base = _anchor_for(s.anchors, f["unit"], own=True) or s.pub
        if base is None:
            return NONE
    return _shift(f["unit"], base, sign * n)


ANCHORED_STEPS = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "prior": -1, "before": -1}
PARTS_OF_DAY = ("day", "morning", "afternoon", "evening", "night")


def _anchored_value(f: dict, s: Setting):
    """ "the next day", "the previous week", "that month": counted from the latest expression
    fine enough; "the previous week" with none before it counts from publication."""
    if f.get("nth"):  # "today is the eighth day of ...": the day named last, else publication
        base = _anchor_for(s.anchors, "day") if s.tense == "past" else None
        base = base or s.pub
        return cal.day(base) if base else NONE
    rel = (f.get("rel") or f.get("rel2") or "same").lower()
    unit = (f.get("unit") or f.get("unit2") or f.get("unit3") or "").lower()
    base = _anchor_for(s.anchors, unit, news=rel == "same" and unit in PARTS_OF_DAY)
    if base is None and rel not in ("same", "before", "after") and unit not in PARTS_OF_DAY:
        base = s.pub  # "the previous week" with nothing before it: the week before publication
    if base is None:
        return NONE
    return _shift(unit, base, ANCHORED_STEPS.get(rel, 0))


def _quarter_value(f: dict, s: Setting):
    """ "the third quarter", "Q3 2021", "the first half of next year", "last quarter"."""
    pub, half = s.pub, False
    if f.get("yrel"):  # "this year's third quarter", "last year's quarter" (the one reported on)
        return _quarter_of_year(f, s)
    if f.get("qn"):
        q = int(f["qn"])
        y = int(f["qy3"]) if f.get("qy3") else None
    elif f.get("ord2"):
        q, y = ORDINALS[f["ord2"].lower()], int(f["qy2"])
    else:
        half = f["unit"].lower() == "half"
        ordw = f["ord"].lower()
        q = ORDINALS[ordw]
        y = int(f["qy"]) if f.get("qy") else None
        if half:
            q = 2 if ordw in ("second", "2nd", "final", "last") else 1
        if y is None and f.get("qrel") and pub is not None:
            y = pub.year + {"this": 0, "last": -1, "next": 1}[f["qrel"].lower()]
        if ordw == "last" and not half and y is None and not f.get("qrel") and pub is not None:
            return _shift("quarter", pub, -1)  # "last quarter": the one before publication
    if y is None:
        if pub is None:
            return NONE
        cur = (pub.month - 1) // (6 if half else 3) + 1
        if s.tense in ("future", "planned"):
            # results are announced after a quarter ends: the one just finished is still ahead
            y = pub.year if q >= cur - 1 else pub.year + 1
        else:
            y = pub.year if q <= cur else pub.year - 1
    return (f"{y:04d}-H{q}", "half") if half else cal.quarter(y, q)


def _quarter_of_year(f: dict, s: Setting):
    if s.pub is None:
        return NONE
    y = s.pub.year + {"this": 0, "last": -1, "next": 1}[f["yrel"].lower()]
    ordw = (f.get("ord4") or "").lower()
    if ordw and f["unit4"].lower() == "half":
        return f"{y:04d}-H{2 if ordw in ('second', 'final') else 1}", "half"
    if ordw:
        return cal.quarter(y, ORDINALS[ordw])
    ref = points.reference_quarter(s.pub, s.anchors)
    return cal.quarter(y, ref[1]) if ref else NONE


def _season_value(f: dict, s: Setting):
    """ "last summer", "this winter", "in the spring": the instance that has begun by
    publication, or the one before or after it (winter is named by the year it starts in)."""
    season = SEASONS[f["s"].lower()]
    if f.get("y"):
        return cal.season(int(f["y"]), season)
    if f.get("sy"):  # "the winter of nineteen ninety-four"
        y = points.spelled_year(f["sy"])
        return cal.season(y, season) if y else NONE
    pub = s.pub
    if pub is None:
        return NONE
    rel = (f.get("rel") or "").lower() or None
    start = SEASON_START[season]
    cur_y = pub.year if pub.month >= start else pub.year - 1
    if season == "WI" and pub.month < 3:
        cur_y = pub.year - 1
    in_progress = (pub.year == cur_y and pub.month <= start + 2) or (
        season == "WI" and (pub.month == 12 or pub.month < 3)
    )
    if rel in ("last", "past"):
        y = cur_y if not in_progress else cur_y - 1
    elif rel in ("next", "coming"):
        y = cur_y + 1
    elif rel == "this":
        # this year's season (winter: the one that started last December, in Jan-Feb)
        y = pub.year - 1 if (season == "WI" and pub.month < 3) else pub.year
    elif s.tense in ("future", "planned"):  # "will / plan to reopen in the spring"
        y = cur_y if in_progress else cur_y + 1
    else:
        y = cur_y
    return cal.season(y, season)


DECADE_WORDS = ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")


def _decade_value(f: dict, s: Setting):
    """ "the 1990s", "the '80s"."""
    if f.get("dy"):
        return cal.decade(int(f["dy"]))
    if f.get("dw"):
        return cal.decade(1900 + 10 * DECADE_WORDS.index(f["dw"].lower()[:-4]) + 20)
    two = int(f["dy2"])
    return cal.decade((1900 if two >= 20 else 2000) + two)


CENTURY_WORDS = {"twentieth": 20, "twenty-first": 21, "nineteenth": 19, "eighteenth": 18}


def _century_value(f: dict, s: Setting):
    """ "the 20th century" -> "19"."""
    c = int(f["c"]) if f.get("c") else CENTURY_WORDS[f["cw"].lower()]
    return cal.century(c - 1)


def _year_value(f: dict, s: Setting):
    return cal.year(int(f["y"]))


def _holiday_value(f: dict, s: Setting):
    """ "Christmas", "last Easter", "Thanksgiving 2020" (data/dates/holidays.tsv)."""
    _, holidays = _compiled(s.holiday_path)
    h = holidays[" ".join(f["h"].lower().split())]
    if f.get("y"):
        d = h.on(int(f["y"]))
        return cal.day(d) if d else NONE
    if s.pub is None:
        return NONE
    rel = (f.get("rel") or "").lower() or None
    if f.get("wk"):
        # "as Easter week began": the (ISO) week of the holiday, one that has begun in a past clause
        d = _holiday_date(h, s.pub, s.tense, rel)
        if s.tense == "past" and rel is None:
            begun = [
                c for c in (h.on(s.pub.year), h.on(s.pub.year + 1)) if c and c - dt.timedelta(c.weekday()) <= s.pub
            ]
            d = max(begun) if begun else d
        return cal.week(d) if d else NONE
    d = _holiday_date(h, s.pub, s.tense, rel)
    return cal.day(d) if d else NONE


# match kind -> the step that gives its (value, precision)
STEPS = {
    "weekday": _weekday_value,
    "iso": _iso_value,
    "slash": _numeric_value,
    "dots": _numeric_value,
    "mdy": _month_day_value,
    "dmy": _month_day_value,
    "ordinal": _day_of_month_value,
    "my": _month_year_value,
    "month": _month_value,
    "deictic": _deictic_value,
    "relunit": _relative_unit_value,
    "theunit": _the_unit_value,
    "weekend": _weekend_value,
    "partday": _part_of_day_value,
    "weekof": _week_of_value,
    "ago": _ago_value,
    "anchored": _anchored_value,
    "quarter": _quarter_value,
    "season": _season_value,
    "decade": _decade_value,
    "century": _century_value,
    "year": _year_value,
    "holiday": _holiday_value,
}
