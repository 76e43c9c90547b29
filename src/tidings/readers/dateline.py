"""Datelines at the start of a story: "MOSCOW, Dec 12 (Reuters) -", "WASHINGTON (AP) —",
"KYIV, Ukraine —", "Beirut (AFP) -", "NEW DELHI:", "NEWARK, N.J. _". The place becomes Article.dateline,
the agency in brackets Article.agency, and the dateline is cut from the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import Agencies

__all__ = ["Dateline", "parse_dateline"]

_MON = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_CAPS = r"[A-Z][A-Z.'’\-]+(?:[ /][A-Z][A-Z.'’\-]+){0,3}"
_MIXED = r"[A-Z][a-z'’\-]+(?:[ /][A-Z][a-z'’\-]+){0,2}"
_TAIL = (
    rf"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]+(?:\s[A-Z][A-Za-z.'’\-]+){{0,2}}))?"
    rf"(?:,?\s*(?P<date>{_MON}\s+\d{{1,2}}|\d{{1,2}}\s+{_MON}))?"
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&'’\-]{0,40})\))?"
    r"\s*(?P<sep>--|[-–—:_])(?:\s+|(?<!:)\Z)"  # AP's and the NYT's wire copy: "NAIROBI, Kenya (AP) _"
)
_AGENCY_ONLY_RX = re.compile(
    rf"(?:(?P<date>{_MON}\s+\d{{1,2}})\s*)?\((?P<agency>[A-Za-z][A-Za-z .&'’\-]{{0,40}})\)\s*(?P<sep>--|[-–—])\s+"
)
_CAPS_RX = re.compile(rf"(?P<place>{_CAPS}){_TAIL}")
_MIXED_RX = re.compile(rf"(?P<place>{_MIXED}){_TAIL}")
# capitals at the start of a story that are not places
_NOT_PLACES = {
    "UPDATE",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "FACTBOX",
    "WRAPUP",
    "EDITORIAL",
    "OPINION",
    "NATO",
    "EU",
    "UN",
    "US",
    "UK",
    "IMF",
    "WHO",
    "OPEC",
    "NOTE",
    "CORRECTION",
    "WATCH",
    "LIVE",
    "VIDEO",
    "PHOTOS",
    "READ",
    "ALSO",
    "RELATED",
    "ADVERTISEMENT",
}


@dataclass(frozen=True)
class Dateline:
    place: str | None  # None for "(Reuters) - ..." with no place
    agency: str | None
    rest: str  # the paragraph without its dateline


def parse_dateline(paragraph: str, agencies: Agencies) -> Dateline | None:
    """The dateline opening `paragraph`, or None; only ever looks at its very start."""
    m = _AGENCY_ONLY_RX.match(paragraph)
    if m and agencies.canonical(m.group("agency")):
        return Dateline(place=None, agency=agencies.canonical(m.group("agency")), rest=paragraph[m.end() :].lstrip())
    m = _CAPS_RX.match(paragraph)
    if m and m.group("place").strip(" /.-") and re.split(r"[ /]", m.group("place"))[0] not in _NOT_PLACES:
        bare = not (m.group("region") or m.group("date") or m.group("agency"))
        if not (m.group("sep") == ":" and not bare and not m.group("agency")) and len(m.group("place")) >= 2:
            return _make(m, paragraph, agencies)
    m = _MIXED_RX.match(paragraph)
    if m and m.group("agency") and m.group("sep") != ":" and agencies.canonical(m.group("agency")):
        return _make(m, paragraph, agencies)
    return None


def _make(m: re.Match, paragraph: str, agencies: Agencies) -> Dateline:
    place = m.group("place").strip()
    if m.group("region"):
        place = f"{place}, {m.group('region')}"
    raw = m.group("agency")
    agency = (agencies.canonical(raw) or raw.strip()) if raw else None
    rest = paragraph[m.end() :].lstrip()
    return Dateline(place=place, agency=agency, rest=rest)
