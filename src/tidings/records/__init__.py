"""Frozen, typed records for everything in the JSON contract (see docs/contract.md).

Every record is immutable; ids are content hashes, so coding the same input twice gives
the same ids. `tidings.records.contract` is the one place that turns them into contract dicts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Span",
    "ActorRef",
    "Actor",
    "TimeRef",
    "Place",
    "Event",
    "EventMention",
    "Quote",
    "Candidate",
    "CodedArticle",
    "InputError",
    "content_id",
]

STATUSES = ("asserted", "negated", "hypothetical", "future")


def content_id(*parts: object, size: int = 16) -> str:
    """A stable hex id from the given parts (None and numbers are written as text)."""
    # each part followed by the unit separator, hashed in one go
    text = "".join(("" if part is None else str(part)) + "\x1f" for part in parts)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:size]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read and cleaned: `text` is the body every offset points into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    agency: str | None = None
    published: str | None = None  # ISO 8601, "2021-12-12T21:36:00" or "2021-12-12"
    updated: str | None = None
    url: str | None = None
    language: str | None = None
    dateline: str | None = None  # place named in the dateline ("MOSCOW")
    removed: tuple[str, ...] = ()  # boilerplate lines taken out of the text
    source: str | None = None  # where it was read from (path, path:line)
    # where title, byline and times came from, when a page declared them: "published: JSON-LD datePublished"
    metadata_from: tuple[str, ...] = ()

    @staticmethod
    def make_id(text: str, url: str | None = None, given: str | None = None) -> str:
        if given:
            return str(given)
        if url:
            return content_id("url", url)
        return content_id("text", text)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor at one place in the text: used for event sources, targets and speakers."""

    code: str | None
    country: str | None
    name: str | None
    text: str
    start: int
    end: int
    rule: str = ""  # why this code: the gazetteer entry or rule that gave it


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the article with all its mentions."""

    code: str | None
    country: str | None
    name: str
    mentions: tuple[Span, ...] = ()
    rule: str = ""


@dataclass(frozen=True, slots=True)
class TimeRef:
    text: str
    value: str | None  # ISO date ("2021-12-07"), month ("2021-12") or year ("2021"); None if unresolved
    start: int
    end: int
    precision: str | None = None  # day | month | year


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventMention:
    """One place an event is stated: the article stage merges mentions of one happening
    ("met" ... "the talks" ... "the meeting") into one event."""

    sentence: int
    trigger: Span
    code: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    code: str
    root: str
    quad_class: int
    penta_class: int
    goldstein: float
    plover_event: str | None
    plover_mode: str | None
    source: ActorRef | None
    target: ActorRef | None
    status: str
    reported_by: ActorRef | None
    date: str | None
    date_text: str | None
    place: Place | None
    sentence: int
    trigger: Span
    confidence: float
    rule: str
    mentions: tuple[EventMention, ...] = ()  # every mention of the happening, this one first


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: ActorRef | None
    text: str
    kind: str  # direct | indirect
    cue: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate the coder considered, kept or dropped, with the reason (for --explain).
    A candidate event the article stage or the judge dropped keeps the whole event, so that
    `--all-candidates` can show it as it would have been."""

    sentence: int
    trigger: str
    kept: bool
    reason: str
    code: str | None = None
    detail: str = ""
    event: Event | None = None
    start: int | None = None  # character offset of the trigger, telling apart two of one word in a sentence


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    dates: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    sentences: tuple[Span, ...] = ()
    candidates: tuple[Candidate, ...] = field(default=(), compare=False)
    skipped: str | None = None  # reason the article was not coded (e.g. not English)


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read: names the input and the problem."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"
