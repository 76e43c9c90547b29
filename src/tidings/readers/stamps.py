"""Publication and update stamps as news sites print them -> ISO strings.

    "Published : 3 Mar 2023 07:15 AM | Updated : 4 Mar 2023 10:40 AM"
    "Updated: 2021-12-18"            "December 12, 2021 9:36 PM ET"
    "12/12/2021"                     "Sun 12 Dec 2021 21.36 GMT"
    "Last updated on Dec. 18, 2021 at 11:00 p.m."   "2021-12-12T21:36:00Z"

Values come out as "YYYY-MM-DDTHH:MM:SS", or "YYYY-MM-DD" when the stamp has no time.
Times are kept as printed: the zone ("ET", "GMT", "+03:00") is read past but not applied,
so the date is the one the outlet's readers saw.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Stamp", "parse_stamp", "parse_stamp_line", "normalise_date", "stamp_kind", "LABEL"]

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_DATES = [
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?=$|[T\s,|])", re.I),
    re.compile(rf"\b{_DAY}\s+{_MON},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b"),
]
_TIME = re.compile(
    r"(?<![\d.:])(?P<h>[012]?\d)(?:[:.](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?)?\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?",
    re.I,
)
# what may surround a date and time in a stamp without making it something else
_FILLER = re.compile(
    r"^(?:[\s,|:;()\[\]\-–—/@·•]|\bat\b|\bon\b|\bthe\b|\bof\b|"
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?|"
    r"\b(?:gmt|utc|bst|cet|cest|eet|eest|msk|ist|pkt|jst|kst|hkt|sgt|aest|aedt|acst|awst|nzst|nzdt|wib|wet|west|"
    r"ast|adt|gst|irst|trt|eat|cat|wat|sast|pht|ict|art|brt|cot|pet|clt|vet|akst|hst|"
    r"et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt)\b|[+-]\d\d:?\d\d|\bz\b|\bt\b|"
    r"\b(?:gmt|utc)[+-]\d{1,2}(?::?\d\d)?|\blocal time\b|\bhrs?\b|\bhours\b)*$",
    re.I,
)

LABEL = re.compile(
    r"(?P<label>\b(?:(?:first|originally)\s+)?(?:published|posted|created|issued|publish(?:ed)?\s+date|date\s+published|"
    r"publication\s+date)(?:\s+(?:on|at))?|"
    r"\b(?:last\s+)?(?:updated|modified|edited|update|revised)(?:\s+(?:on|at))?|"
    r"\bdated?(?:\s+(?:on|at))?)\s*(?::|-|–|—)?\s*",
    re.I,
)
_UPDATE_WORDS = ("updat", "modif", "edit", "revis")
# pasted page furniture runs together: "December 13, 20215:02 AM GMTUpdated 2 years ago"
_GLUED_YEAR = re.compile(r"\b((?:19|20)\d\d)(\d{1,2}:\d\d)")
_GLUED_LABEL = re.compile(r"(?<=[A-Za-z0-9])(?=(?:Updated|Published|Last updated|Modified|Posted)\b)")
_RELATIVE = re.compile(
    r"^(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$", re.I
)


@dataclass(frozen=True)
class Stamp:
    kind: str  # "published" | "updated" | "" (unlabelled)
    value: str  # ISO


def _date_of(m: re.Match, day_first: bool) -> dt.date | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("mon"):
        month = MONTHS[g["mon"].lower().rstrip(".")[:3] if g["mon"].lower()[:4] != "sept" else "sep"]
        day = int(g["day"])
    elif g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12:
            day, month = a, b
        elif b > 12:
            month, day = a, b
        else:
            day, month = (a, b) if day_first else (b, a)
    else:
        month, day = int(g["month"]), int(g["day"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _time_of(text: str) -> tuple[dt.time | None, str]:
    """Find one time of day in what is left of a stamp; return it and the rest."""
    for m in _TIME.finditer(text):
        if not m.group("m") and not m.group("ampm"):
            continue  # a bare number is no time
        h, mi = int(m.group("h")), int(m.group("m") or 0)
        s = int(m.group("s") or 0)
        ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm:
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if ampm == "pm" else 0)
        if h > 23:
            continue
        return dt.time(h, mi, s), text[: m.start()] + " " + text[m.end() :]
    return None, text


def parse_stamp(text: str, day_first: bool = False) -> str | None:
    """The ISO value of a stamp that is only a date (and time), else None."""
    text = text.strip()
    if not text or len(text) > 80:
        return None
    for rx in _DATES:
        m = rx.search(text)
        if not m:
            continue
        date = _date_of(m, day_first)
        if date is None:
            return None
        rest = text[: m.start()] + " " + text[m.end() :]
        time, rest = _time_of(rest)
        if not _FILLER.match(rest):
            return None
        if time is None:
            return date.isoformat()
        return dt.datetime.combine(date, time).isoformat()
    return None


def stamp_kind(label: str) -> str:
    low = label.lower()
    return "updated" if any(w in low for w in _UPDATE_WORDS) else "published"


def parse_stamp_line(line: str, day_first: bool = False) -> list[Stamp] | None:
    """All stamps of a line made only of stamps ("Published: ... | Updated: ..."), else None."""
    line = _GLUED_LABEL.sub(" | ", _GLUED_YEAR.sub(r"\1 \2", line.strip()))
    if not line or len(line) > 160:
        return None
    labels = list(LABEL.finditer(line))
    if labels and labels[0].start() > 0 and line[: labels[0].start()].strip(" |·•-–—,;"):
        head = line[: labels[0].start()].strip(" |·•-–—,;")
        segments = [("", head)]
    else:
        segments = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(line)
        segments.append((stamp_kind(m.group("label")), line[m.end() : end].strip(" |·•-–—,;")))
    if not labels:
        whole = parse_stamp(line, day_first)
        if whole is not None:
            return [Stamp("", whole)]
        segments = [("", part.strip()) for part in re.split(r"\s*[|·•]\s*", line) if part.strip()]
    out = []
    segments = [(kind, seg) for kind, seg in segments if not (kind and _RELATIVE.match(seg))]  # "Updated 2 hours ago"
    for kind, seg in segments:
        value = parse_stamp(seg, day_first)
        if value is None:
            return None
        out.append(Stamp(kind, value))
    return out or None


def normalise_date(value: object, day_first: bool = False) -> str | None:
    """A date given in a record or metadata field -> ISO, or None when it is not a date."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit():  # 20211212, or a Unix time in seconds or milliseconds (UTC)
        if len(text) == 8:
            try:
                return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
            except ValueError:
                return None
        if len(text) in (10, 13):
            seconds = int(text) / (1000 if len(text) == 13 else 1)
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).replace(tzinfo=None).isoformat()
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_stamp(text, day_first)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return parsed.date().isoformat()
    return parsed.replace(tzinfo=None, microsecond=0).isoformat()
