"""TIMEX3 durations, sets and vague references (TimeML values).

  kind       example                              type      value
  duration   "two years", "the past three months",  DURATION  P2Y, P3M, PT4H, P2Y6M
             "a two-hour meeting" (not ages: "a 10-year-old", "55 years old" are left out, as
             TimeBank leaves them)
  vaguedur   "several weeks", "the next few days",  DURATION  PXW, PXD, PXY
             "for years", "weeks or months",                  ("the coming days", "the past few
             "recent months", "the weeks ahead"               weeks", "recent years": PAST_REF,
                                                              FUTURE_REF)
  set        "every month", "each Thursday",        SET       P1M, XXXX-WXX-4, P1W,
             "twice a week", "Tuesday nights",                XXXX-WXX-2TNI, XXXX-07
             "each July", "$5 a day"
  word       fixed words from data/dates/expressions.tsv: "now" PRESENT_REF, "recently"
             PAST_REF, "soon" FUTURE_REF, "daily" P1D (SET)

Precision is the kind of value: "duration", "set", or "ref" (PRESENT_REF, PAST_REF,
FUTURE_REF); `tidings.dates.timex_type` turns it into the TIMEX3 type. Durations are
written as TimeML does: P<n><unit> for Y, M, W, D (and Q quarter, E decade, C century,
L millennium, as in TimeBank), PT<n><unit> for H, M, S; an unknown count is X ("PXY").
The extent includes modifiers ("nearly four hours", "more than two years", "the past
three months") but not the preposition ("for two years" gives "two years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["RULES", "GATES", "KINDS", "resolve", "refine", "load_expressions", "number"]

KINDS = frozenset({"duration", "vaguedur", "set", "word"})

ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUE = {w: i + 1 for i, w in enumerate(ONES)}
WORD_VALUE.update({w: i + 10 for i, w in enumerate(TEENS)})
WORD_VALUE.update({w: 20 + 10 * i for i, w in enumerate(TENS)})
WORD_VALUE.update({"a": 1, "an": 1, "zero": 0})

_ONES = "|".join(ONES)
CARDINALS = rf"(?:(?:{'|'.join(TENS)})(?:[-\s](?:{_ONES}))?|{'|'.join(TEENS)}|{_ONES})"
_BIGW = rf"(?:(?:a|{CARDINALS})\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{CARDINALS})?|{CARDINALS})"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+\d/\d)?"
COUNT = rf"(?:{_DIGITS}|{_BIGW}|(?:a\s+)?couple\s+of|a\s+dozen|half\s+an?|an?(?=[\s-]))"
VAGUE = r"(?:several|a\s+few|few|some|many|a\s+couple\s+of|a\s+number\s+of|numerous|countless)"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|century|centuries|millennium|millennia)"
)
MODS = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|over|under"
    r"|just\s+over|just\s+under|well\s+over|only|just|barely|close\s+to|another|an\s+additional"
    r"|a\s+further|a\s+full|a\s+mere|the\s+better\s+part\s+of)"
)
DETS = r"(?:the|these|those|its|their|his|her|our|this|that)"
RELS = (
    r"(?:past|last|next|coming|first|previous|following|final|initial|remaining|additional|further"
    r"|ensuing|preceding|succeeding|prior|latest|full|entire|whole|same|intervening|other)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
PART = r"(?:morning|afternoon|evening|night)"
B = r"(?<![\w'’-])"

PAST_RELS = frozenset({"past", "last", "recent", "previous", "preceding"})
FUTURE_RELS = frozenset({"next", "coming", "following", "ensuing"})
# (TimeML letter, in the time part?) per unit
UNIT_CODE = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "fortnight": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("E", False),
    "century": ("C", False),
    "millennium": ("L", False),
}
# half a unit in the next smaller one
HALF = {
    "year": (6, "month"),
    "month": (2, "week"),
    "day": (12, "hour"),
    "hour": (30, "minute"),
    "minute": (30, "second"),
    "decade": (5, "year"),
    "century": (50, "year"),
    "week": (84, "hour"),
    "quarter": (6, "week"),
}
WEEKDAY_NUM = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
MONTH_NUM = {m.lower(): i + 1 for i, m in enumerate(MONTH[3:-1].split("|"))}
SEASON_CODE = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PART_CODE = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def unit_of(word: str) -> str:
    w = word.lower()
    if w in ("centuries", "century"):
        return "century"
    if w in ("millennia", "millennium"):
        return "millennium"
    return w[:-1] if w.endswith("s") else w


def number(text: str | None) -> float | None:
    """The value of a written count: "24", "2,000", "2 1/2", "twenty-four", "a hundred thirty",
    "half an"; None for anything else (a vague count)."""
    if text is None:
        return None
    w = " ".join(text.lower().replace("-", " ").split())
    if not w:
        return None
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?: (\d)/(\d))?", w)
    if m:
        try:
            v = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        if m.group(2):
            v += int(m.group(2)) / int(m.group(3))
        return v
    if w in ("a couple of", "a couple", "couple of"):
        return 2
    if w == "a dozen":
        return 12
    if w in ("half a", "half an"):
        return 0.5
    total, cur = 0, 0
    for part in w.split():
        if part == "and":
            continue
        if part in WORD_VALUE:
            cur += WORD_VALUE[part]
        elif part == "hundred":
            cur = (cur or 1) * 100
        elif part == "thousand":
            total += (cur or 1) * 1000
            cur = 0
        else:
            return None
    return float(total + cur)


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def period(n: float | None, unit: str) -> str:
    """TimeML duration for n units ("P3M", "PT4H", "P2Y6M"; n None -> "PXM")."""
    letter, in_time = UNIT_CODE.get(unit, ("X", False))
    if unit == "fortnight" and n is not None:
        n = 2 * n
    if n is None:
        return f"PTX{letter}" if in_time else f"PX{letter}"
    whole = int(n)
    frac = n - whole
    if frac and abs(frac - 0.5) < 1e-9 and unit in HALF:
        k, small = HALF[unit]
        sl, st = UNIT_CODE[small]
        head = f"{whole}{letter}" if whole else ""
        if in_time or st:
            return f"PT{head}{k}{sl}" if in_time else f"P{head}T{k}{sl}"
        return f"P{head}{k}{sl}"
    return f"PT{_fmt(n)}{letter}" if in_time else f"P{_fmt(n)}{letter}"


# -- fixed expressions (data/dates/expressions.tsv) --

EXPRESSION_FILE = "expressions.tsv"
_VALUE_OK = re.compile(r"(?:PRESENT|PAST|FUTURE)_REF|PT?\d+[YMWDHSQ]")


@dataclass(frozen=True)
class Expression:
    phrase: str
    type: str
    value: str


def load_expressions(path=None) -> dict[str, Expression]:
    """phrase -> Expression, from a TSV (phrase, type, value; '#' comments)."""
    if path is None:
        text = resources.files("tidings").joinpath("data", "dates", EXPRESSION_FILE).read_text("utf-8")
    else:
        text = open(path, encoding="utf-8").read()
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if (
            len(parts) != 3
            or parts[1] not in ("DATE", "SET")
            or not _VALUE_OK.fullmatch(parts[2])
            or not re.fullmatch(r"[a-z][a-z' ]*", parts[0])
        ):
            raise ValueError(f"{path or EXPRESSION_FILE}:{n}: expected 'phrase<TAB>DATE|SET<TAB>value', got {line!r}")
        e = Expression(parts[0], parts[1], parts[2])
        out[e.phrase] = e
    return out


@lru_cache(maxsize=1)
def expressions() -> dict[str, Expression]:
    return load_expressions()


def _word_rule() -> str:
    phrases = sorted(expressions(), key=len, reverse=True)
    alts = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return rf"{B}(?P<x>(?i:{alts}))(?![\w-])"


def _word_gate():
    firsts = tuple(sorted({p.split()[0] for p in expressions()}))
    return (("low", firsts),)


# -- the rules: (kind, pattern) and their gates (see grammar._gates) --


def rules() -> list[tuple[str, str]]:
    count_or_vague = rf"(?:(?P<n>{COUNT})|(?P<v>{VAGUE}))"
    dur = (
        rf"{B}(?P<x>(?:(?P<mod>{MODS})\s+(?!{DETS}\b))?(?:(?P<det>{DETS})\s+)?(?:(?P<rel>{RELS})\s+)?"
        rf"{count_or_vague}(?P<frac>\s+and\s+a\s+half)?(?:\s+|-)(?:(?:straight|consecutive|successive|more|additional|further|extra)\s+)?"
        rf"(?:(?:trading|business|working|calendar)\s+)?"
        rf"(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<old>-old)?)(?![\w-])"
    )
    bare = (
        rf"{B}(?P<x>(?:(?P<det>the)\s+)?(?:(?P<rel>past|coming|next|last|early|recent|ensuing|intervening"
        rf"|following|previous|preceding)\s+)?(?P<unit>(?:second|minute|hour|day|week|month|quarter|year"
        rf"|decade)s|centuries)(?:\s+(?:or|and|to)\s+(?P<unit2>(?:day|week|month|year|decade)s|centuries))?"
        rf"(?P<ago>\s+ago)?(?P<ahead>\s+ahead)?)(?![\w-])"
    )
    every = (
        rf"(?P<q>every|each|per)\s+(?:(?P<other>other)\s+|(?P<n>{_DIGITS}|{_BIGW})\s+)?"
        rf"(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?|(?P<mo>{MONTH})"
        rf"|(?P<season>spring|summer|autumn|fall|winter)|(?P<we>weekend))"
    )
    times = (
        rf"(?P<freq>once|twice|thrice|(?:{_DIGITS}|{CARDINALS}|several|many)\s+times)\s+"
        rf"(?:a|an|per|each|every)\s+(?P<unit2>{UNIT})"
    )
    plural = rf"(?P<wd2>{WEEKDAY})(?:s|\s+(?P<part2>{PART})s)|(?P<we2>(?i:weekends))"
    set_ = rf"{B}(?P<x>{every}|{times}|{plural})(?![\w-])"
    return [
        ("set", "(?i:" + set_ + ")"),
        ("duration", "(?i:" + dur + ")"),
        ("vaguedur", "(?i:" + bare + ")"),
        ("word", _word_rule()),
    ]


_UNIT_WORDS = (
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "fortnight",
    "month",
    "quarter",
    "year",
    "decade",
    "centur",
    "millenni",
)


def gates() -> dict[str, tuple]:
    low = "low"
    return {
        "set": (
            (
                low,
                (
                    "every",
                    "each",
                    "per",
                    "once",
                    "twice",
                    "thrice",
                    "times",
                    "mondays",
                    "tuesdays",
                    "wednesdays",
                    "thursdays",
                    "fridays",
                    "saturdays",
                    "sundays",
                    "mornings",
                    "afternoons",
                    "evenings",
                    "nights",
                    "weekends",
                ),
            ),
        ),
        "duration": ((low, _UNIT_WORDS),),
        "vaguedur": (
            (
                low,
                ("seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years", "decades", "centuries"),
            ),
        ),
        "word": _word_gate(),
    }


RULES = rules
GATES = gates

# words before "a day", "a year" that make it a rate ("$5 a day", "three times a week")
_RATE_BEFORE = re.compile(
    r"(?:\d%?|\b(?:percent|cents?|dollars?|euros?|pounds?|yen|yuan|rupees?|billion|"
    r"million|thousand|hundred|times|twice|once|barrels|tons|tonnes|hours|miles|"
    r"kilometers|kilometres|people|calls|visits|shifts))\s*$",
    re.I,
)


def _without_verb_last(gd: dict, text: str, start: int) -> tuple[dict, int]:
    """ "expected to last a month", "could last weeks": "last" without "the" is the verb, not
    part of the extent ("a month" P1M, "weeks" PXW)."""
    start += len(gd["rel"])
    while text[start].isspace():
        start += 1
    return {k: v for k, v in gd.items() if k != "rel"}, start


def refine(kind: str, gd: dict, text: str, start: int, end: int):
    """Adjust one raw match (kind, fields, span) with what the text around it says; None drops it."""
    if kind in ("duration", "vaguedur") and (gd.get("rel") or "").lower() == "last" and not gd.get("det"):
        gd, start = _without_verb_last(gd, text, start)
    if kind == "duration":
        n = gd.get("n", "")
        if (
            n
            and n.split()[0].lower() in ("a", "an")
            and not any(gd.get(k) for k in ("mod", "det", "rel"))
            and _RATE_BEFORE.search(text[max(0, start - 40) : start])
        ):
            return "set", {**gd, "unit2": gd["unit"], "freq": "rate"}, start, end
        unit = unit_of(gd["unit"])
        low_n = n.lower().strip()
        if gd.get("old") or re.match(r"\s+old\b", text[end : end + 5]):
            return None  # "a 55-year-old", "55 years old": an age (TimeBank marks no ages)
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", low_n) and not gd["unit"].lower().endswith("s"):
            return None  # "the 1988 quarter", "the 2020 season": a year naming a period
        if unit == "second" and low_n in ("a", "an"):
            return None  # "a second round", "a second time": an ordinal
        if unit == "quarter" and re.match(r"\s+of\b", text[end : end + 4]) and not gd.get("det"):
            return None  # "a quarter of the budget", "three quarters of them"
        if (
            gd.get("det")
            and not gd.get("rel")
            and not gd.get("old")
            and re.search(
                r"\w-(?:(?:trading|business|working|calendar)\s+)?" + re.escape(gd["unit"]) + "$", text[start:end]
            )
        ):
            # "the 10-year bond": the determiner belongs to the noun the duration describes
            start = start + text[start:end].lower().index(gd["det"].lower()) + len(gd["det"])
            while start < end and text[start].isspace():
                start += 1
            gd = {k: v for k, v in gd.items() if k != "det"}
        if gd.get("v", "").lower() in ("some",) and unit in ("day",) and not gd.get("det"):
            return None  # "some day", "some days": "at some point"
    if kind == "vaguedur":
        before = text[max(0, start - 12) : start].lower()
        found = re.search(r"([a-z]+)\s*$", before)
        prev = found.group(1) if found else ""
        if not (
            gd.get("unit2")
            or gd.get("rel")
            or gd.get("ago")
            or gd.get("ahead")
            or prev
            in (
                "for",
                "over",
                "in",
                "within",
                "after",
                "during",
                "took",
                "take",
                "takes",
                "lasted",
                "last",
                "lasting",
                "spent",
                "spend",
                "throughout",
                "waited",
                "wait",
            )
        ):
            return None  # "years of war", "the days of the empire"
        if gd.get("det") and not (gd.get("rel") or gd.get("ahead")) and prev not in ("over", "during", "throughout"):
            return None  # "the days when ..."
        if (gd.get("rel") or "").lower() == "early" and gd["unit"].lower() == "hours":
            return None  # "in the early hours (of Thursday)": a time of night, not a stretch of hours
    return kind, gd, start, end


def resolve(m) -> tuple[str | None, str | None]:
    """(value, precision) for a match of one of KINDS."""
    f, k = m.f, m.kind
    if k == "word":
        e = expressions().get(" ".join(f["x"].lower().split()))
        if e is None:
            return None, None
        return e.value, ("set" if e.type == "SET" else "ref")
    if k == "duration":
        unit = unit_of(f["unit"])
        rel = (f.get("rel") or "").lower()
        if f.get("v") and rel in PAST_RELS:
            return "PAST_REF", "ref"  # "the past few weeks": with a direction and no count, a
        if f.get("v") and rel in FUTURE_RELS:  # vague stretch of the past or the future
            # "the next few days", "the following several weeks": a stretch of so many days
            # from now (TimeML: a DURATION PXD); "next few days" without "the" stays vague
            return (period(None, unit), "duration") if f.get("det") else ("FUTURE_REF", "ref")
        n = number(f.get("n")) if f.get("n") else None
        if n is not None and (f.get("frac") or f.get("half")):
            n += 0.5
        if n is not None and n == 0:
            return None, None
        return period(n, unit), "duration"
    if k == "vaguedur":
        unit = unit_of(f["unit"])
        rel = (f.get("rel") or "").lower()
        if f.get("ahead") or (rel == "recent" and unit in ("week", "month") and not f.get("unit2")):
            # "the weeks ahead", "in recent months": a stretch of some weeks or months up to
            # now or from now (TimeML: PXW, PXM); "recent years" is the recent past
            return period(None, unit), "duration"
        if f.get("ago") or rel in PAST_RELS:
            return "PAST_REF", "ref"  # "recent years", "months ago": a vague stretch of the past
        if rel in FUTURE_RELS:
            return "FUTURE_REF", "ref"  # "the coming months"
        return period(None, unit), "duration"
    if k == "set":
        if f.get("wd") or f.get("wd2"):
            d = WEEKDAY_NUM[(f.get("wd") or f.get("wd2")).lower()]
            part = (f.get("part") or f.get("part2") or "").lower()
            return f"XXXX-WXX-{d}" + (f"T{PART_CODE[part]}" if part else ""), "set"
        if f.get("mo"):
            return f"XXXX-{MONTH_NUM[f['mo'].lower()]:02d}", "set"
        if f.get("season"):
            return f"XXXX-{SEASON_CODE[f['season'].lower()]}", "set"
        if f.get("we") or f.get("we2"):  # "every weekend", "works weekends"
            return "XXXX-WXX-WE", "set"
        unit = unit_of(f.get("unit") or f.get("unit2"))
        n = 2.0 if f.get("other") else (number(f.get("n")) if f.get("n") else 1.0)
        return period(n or 1.0, unit), "set"
    return None, None
