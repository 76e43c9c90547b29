"""Sniff the header people copy along with a story: title, byline, agency, stamps.

    Harbour strike ends after ministers broker a pay deal
    By Agence France-Presse
    Published : 3 Mar 2023 07:15 AM | Updated : 4 Mar 2023 10:40 AM

Only the top of the text is looked at, and only lines that are wholly a title, a byline,
an agency or a stamp are taken; the first line that is none of these starts the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .agencies import Agencies
from .dateline import parse_dateline
from .stamps import LABEL, parse_stamp_line, stamp_kind

__all__ = ["Header", "sniff_header", "parse_byline", "looks_like_title"]

MAX_HEADER_LINES = 12  # non-empty lines looked at before giving up on a header
MAX_TITLE = 160  # characters; longer first lines are prose
_BY = re.compile(r"^(?:[-–—]\s*)?(?:(?:written|words|reported|report|story)\s+)?by\s*:?\s+", re.I)
_SOURCE = re.compile(r"^(?:source|agency|agencies|credit)\s*:\s*", re.I)
_PARTICLES = {
    "and",
    "&",
    "de",
    "da",
    "dos",
    "du",
    "del",
    "der",
    "den",
    "van",
    "von",
    "al",
    "el",
    "bin",
    "ibn",
    "la",
    "le",
    "in",
    "y",
    "e",
    "di",
    "st.",
    "ben",
}
_NOT_NAMES = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "then",
    "now",
    "contrast",
    "comparison",
    "law",
    "far",
    "all",
    "way",
}
_DESK = re.compile(
    r"^(?:by\s+)?(?:staff\s+and\s+agencies|agencies|staff\s+reporters?|staff\s+writers?|"
    r"our\s+(?:correspondent|reporter|bureau)|(?:news|web|online|foreign)\s+desk|"
    r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:staff|bureau|desk))(?:\s+in\s+[A-Z][\w'’\- ]{1,40})?$",
    re.I,
)
_CREDIT = re.compile(r"^(?i:editor|edited by|editing by|editors)\s*:\s*[A-Z][\w.'’\- ]{0,40}$")
_SENTENCE_END = re.compile(r"(?P<word>\w*[a-z0-9]{2})[.!?][\"”’']?\s+[A-Z(\"“]")
_ABBREVIATIONS = {
    "gov",
    "gen",
    "sen",
    "rep",
    "col",
    "sgt",
    "capt",
    "maj",
    "adm",
    "rev",
    "prof",
    "dr",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "corp",
    "inc",
    "ltd",
    "co",
    "no",
    "vs",
    "mrs",
    "mr",
    "ms",
    "jr",
    "sr",
    "lt",
    "pres",
    "amb",
    "dept",
    "govt",
    "est",
}
_TITLE_ENDINGS = ("U.S.", "U.N.", "U.K.", "Inc.", "Co.")  # a headline may end on these, not on a full stop
# "said" as a headline never has it (they say "says"), except "said to": "Minister said to quit"
_SAID = re.compile(r"\bsaid\s+(?!to\b)\w", re.I)
_ASKING = ("what ", "how ", "why ", "who ", "here's ", "here is ")  # "What the minister said about the talks"
_OUTLET = re.compile(
    r"^(?P<outlet>(?:[A-Z][\w&'’.\-]*\s){0,3}(?:News|Times|Post|Press|Journal|Herald|Tribune|"
    r"Guardian|Telegraph|Daily|Online|Today|Express|Standard|Mail))(?:,\s*[A-Z][\w .'’\-]{1,30})?$"
)
_MARKDOWN = re.compile(r"^#{1,6}\s+|^[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}$")  # "# Title", "**By Jane Doe**"
_STAFF = re.compile(r"\s+(?:staff(?:\s+writers?)?|staff\s+reporters?|news\s+desk|correspondents?|bureau|desk)$", re.I)


@dataclass(frozen=True)
class Header:
    title: str | None = None
    byline: str | None = None
    agency: str | None = None
    published: str | None = None
    updated: str | None = None
    removed: tuple[str, ...] = ()  # boilerplate lines met inside the header
    body: str = ""
    standfirst: str | None = None  # a summary line between title and byline (body text: keep it)
    outlet: str | None = None  # "BBC News" on the line under a byline


def _is_name_list(text: str) -> bool:
    words = text.replace(",", " , ").split()
    if not words or len(words) > 14 or words[0].lower() in _NOT_NAMES:
        return False
    for w in words:
        if w == ",":
            continue
        if w.lower() in _PARTICLES:
            continue
        if not (w[0].isupper() and all(c.isalpha() or c in ".-'’" for c in w)):
            return False
    return True


def parse_byline(line: str, agencies: Agencies) -> tuple[str | None, str | None] | None:
    """(names, agency) of a byline or agency line, else None.

    "By Reuters" -> (None, "Reuters"); "By Jane Doe and John Roe, Associated Press" ->
    ("Jane Doe and John Roe", "Associated Press"); "AFP" -> (None, "AFP").
    """
    s = line.strip()
    if not s or len(s) > 120 or s.endswith((".", ",", ";", ":")) and not s.endswith(("Jr.", "Sr.")):
        return None
    by = _BY.match(s)
    rest = s[by.end() :] if by else _SOURCE.sub("", s)
    rest = rest.strip().strip("()").strip()
    rest = _STAFF.sub("", rest) if agencies.canonical(_STAFF.sub("", rest)) else rest
    agency = agencies.canonical(rest)
    if agency:
        return None, agency
    # "Jane Doe, Associated Press" / "Jane Doe | Reuters" / "Jane Doe (AFP)" / "Jane Doe - Reuters"
    m = re.match(r"^(?P<names>.+?)\s*(?:,|\||/|\s[-–—]|\()\s*(?P<agency>[^,|/()]+?)\)?$", rest)
    if m and agencies.canonical(m.group("agency")):
        names = m.group("names").strip()
        if _is_name_list(names):
            return names, agencies.canonical(m.group("agency"))
    if by and _is_name_list(rest):
        return rest, None
    if _DESK.match(s) and not s.lower().startswith(("the ", "a ")):
        return s, None
    return None


def _reads_as_sentence(line: str) -> bool:
    """A first line that is a sentence of the story, not a headline, though it has a headline's
    shape: a clause leading into what follows ("The Daily Courier said in an editorial on
    Tuesday, Nov. 3:"), a report in the past tense ("Acme Corp. said it sold its Ohio unit"),
    or a long clause with appositives that ends on an abbreviation ("Acme AB, the Swedish
    maker of staplers, agreed to buy the rest of Acme Inc.")."""
    s = line.strip()
    if s.endswith(":"):
        return True
    if _SAID.search(s) and not s.lower().startswith(_ASKING):
        return True
    return s.endswith(_TITLE_ENDINGS) and (s.count(",") >= 2 or len(s.split()) > 15)


def looks_like_title(line: str, agencies: Agencies) -> bool:
    s = line.strip()
    if not (3 <= len(s) <= MAX_TITLE) or len(s.split()) > 25:
        return False
    if _reads_as_sentence(s):
        return False
    if s.endswith((".", ",", ";", "-", "–", "—")) and not s.endswith(_TITLE_ENDINGS):
        return False
    if re.search(r"[.,;:][\"”’']$", s):  # 'rubble.”': a sentence ending in a quote
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘«"):
        return False
    if any(m.group("word").lower() not in _ABBREVIATIONS for m in _SENTENCE_END.finditer(s)):
        return False  # two sentences: prose, not a headline
    return parse_dateline(s + " ", agencies) is None


def _classify(part: str, agencies: Agencies, day_first: bool):
    if _CREDIT.match(part):
        return "credit", None
    label = LABEL.fullmatch(part.strip())
    if label:  # "Published" alone on its line, its date on the next
        return "label", stamp_kind(label.group("label"))
    stamps = parse_stamp_line(part, day_first)
    if stamps:
        return "stamps", stamps
    byline = parse_byline(part, agencies)
    if byline:
        return "byline", byline
    return None, None


def _header_parts(s: str, agencies: Agencies, day_first: bool) -> list | None:
    """The parts of a line that is wholly header (stamps, bylines, credits), else None."""
    parts = [p for p in re.split(r"\s+[|·•/]\s+", s) if p.strip()]
    found = [_classify(p, agencies, day_first) for p in parts]
    if len(parts) > 1 and not all(kind for kind, _ in found):
        found = [_classify(s, agencies, day_first)]
    return found if all(kind for kind, _ in found) else None


def _titled_by_header(s: str, ahead: list[str], agencies: Agencies, day_first: bool) -> bool:
    """A first line directly above a byline or stamp is the title even when it reads like
    prose ("Virginian could make history. Again.")."""
    return (
        len(s) <= MAX_TITLE
        and len(s.split()) <= 25
        and bool(ahead)
        and bool(_header_parts(ahead[0], agencies, day_first))
        and parse_dateline(s + " ", agencies) is None
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _next_lines(lines: list[str], i: int, n: int) -> list[str]:
    out = []
    for line in lines[i + 1 :]:
        if line.strip():
            out.append(line.strip())
            if len(out) == n:
                break
    return out


@dataclass
class _HeaderSoFar:
    """What the header lines read so far have given."""

    title: str | None = None
    byline: str | None = None
    agency: str | None = None
    published: str | None = None
    updated: str | None = None
    outlet: str | None = None
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a standfirst between title and byline: body text, kept
    pending: str = ""  # the kind named by a label line, for the stamp on the next line

    def take(self, found: list[tuple[str, Any]]) -> None:
        """The stamps and bylines of a header line."""
        for kind, value in found:
            if kind == "credit":
                continue
            if kind == "label":
                self.pending = value
                continue
            if kind == "stamps":
                for st in value:
                    st_kind, self.pending = st.kind or self.pending, ""
                    if st_kind == "updated" or (st_kind == "" and self.published and st.value != self.published):
                        self.updated = self.updated or st.value
                    else:
                        self.published = self.published or st.value
            else:
                names, ag = value
                self.byline = self.byline or names
                self.agency = self.agency or ag


def _is_kicker(s: str, ahead: list[str], agencies: Agencies, day_first: bool) -> bool:
    """A section label or kicker ("World", "Ukraine crisis") as the first line, above the title."""
    return (
        len(s) <= 30
        and len(s.split()) <= 3
        and len(ahead) == 2
        and len(ahead[0]) > len(s)
        and not _header_parts(ahead[0], agencies, day_first)
        and _titled_by_header(ahead[0], ahead[1:], agencies, day_first)
    )


def _is_standfirst(s: str, lines: list[str], i: int, so_far: _HeaderSoFar, agencies: Agencies, day_first: bool) -> bool:
    """A summary line between the title and a byline or stamp below it."""
    return (
        not so_far.kept
        and so_far.title is not None
        and so_far.byline is None
        and so_far.published is None
        and len(s) <= 400
        and parse_dateline(s, agencies) is None
        and any(_header_parts(x, agencies, day_first) for x in _next_lines(lines, i, 2))
    )


def sniff_header(
    text: str,
    agencies: Agencies,
    is_boilerplate: Callable[[str], bool] = lambda s: False,
    day_first: bool = False,
    find_title: bool = True,
    known_title: str | None = None,
) -> Header:
    """`known_title`: the title the container gave; a first line is then the title only if it repeats it."""
    lines = text.split("\n")
    so_far = _HeaderSoFar()
    guess_title = find_title and not known_title
    after_byline = False
    seen = 0
    i = 0
    while i < len(lines) and seen < MAX_HEADER_LINES:
        s = _MARKDOWN.sub("", lines[i].strip())
        i += 1
        if not s:
            continue
        seen += 1
        found = _header_parts(s, agencies, day_first)
        outlet = _OUTLET.match(s) if after_byline and not found and so_far.outlet is None else None
        if outlet:
            so_far.outlet = outlet.group("outlet")
            continue
        after_byline = any(kind == "byline" for kind, _ in found or ())
        if found:
            so_far.take(found)
            continue
        if is_boilerplate(s):
            so_far.removed.append(s)
            continue
        nxt = lines[i].strip() if i < len(lines) else ""
        ahead = _next_lines(lines, i - 1, 2)
        if guess_title and so_far.title is None and seen == 1 and _is_kicker(s, ahead, agencies, day_first):
            so_far.removed.append(s)
            continue
        if known_title and so_far.title is None and _same(s, known_title):
            so_far.title = s
            continue
        if (
            guess_title
            and so_far.title is None
            and so_far.byline is None
            and so_far.agency is None
            and any(x.strip() for x in lines[i:])
            and not nxt[:1].islower()  # not a wrapped line
            and (looks_like_title(s, agencies) or _titled_by_header(s, ahead, agencies, day_first))
        ):
            so_far.title = s
            continue
        if _is_standfirst(s, lines, i - 1, so_far, agencies, day_first):
            so_far.kept.append(s)
            continue
        i -= 1  # the first line of the body
        break
    return Header(
        title=so_far.title,
        byline=so_far.byline,
        agency=so_far.agency,
        published=so_far.published,
        updated=so_far.updated,
        removed=tuple(so_far.removed),
        body="\n".join(lines[i:]),
        standfirst=so_far.kept[0] if so_far.kept else None,
        outlet=so_far.outlet,
    )
