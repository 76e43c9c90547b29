"""A lossless text form of CodedArticle records (JSON), for shards and queues between
processes and machines. Unlike the contract (contract.py), it keeps every field, so
`loads(dumps(x)) == x`."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from . import Actor, ActorRef, Article, Candidate, CodedArticle, Event, EventMention, Place, Quote, Span, TimeRef

__all__ = ["dumps", "loads"]


_FIELDS: dict[type, tuple[str, ...] | None] = {}  # a record type's field names (None: not a record)


def _plain(obj: Any) -> Any:
    kind = type(obj)
    if kind not in _FIELDS:
        _FIELDS[kind] = (
            tuple(f.name for f in dataclasses.fields(obj))
            if dataclasses.is_dataclass(obj) and not isinstance(obj, type)
            else None
        )
    names = _FIELDS[kind]
    if names is not None:
        return {n: _plain(getattr(obj, n)) for n in names}
    if kind is tuple or kind is list:
        return [_plain(x) for x in obj]
    if isinstance(obj, (tuple, list)):
        return [_plain(x) for x in obj]
    return obj


def dumps(coded: CodedArticle) -> str:
    return json.dumps(_plain(coded), ensure_ascii=False, separators=(",", ":"))


def _ref(d: dict[str, Any] | None) -> ActorRef | None:
    return None if d is None else ActorRef(**d)


def _place(d: dict[str, Any] | None) -> Place | None:
    return None if d is None else Place(**d)


def _event(d: dict[str, Any]) -> Event:
    d = dict(d)
    d["source"], d["target"], d["reported_by"] = _ref(d["source"]), _ref(d["target"]), _ref(d["reported_by"])
    d["place"] = _place(d["place"])
    d["trigger"] = Span(**d["trigger"])
    d["mentions"] = tuple(EventMention(**{**m, "trigger": Span(**m["trigger"])}) for m in d.get("mentions") or ())
    return Event(**d)


def _candidate(d: dict[str, Any]) -> Candidate:
    d = dict(d)
    if d.get("event") is not None:
        d["event"] = _event(d["event"])
    return Candidate(**d)


def loads(text: str) -> CodedArticle:
    d = json.loads(text)
    art = dict(d["article"])
    art["removed"] = tuple(art.get("removed") or ())
    art["metadata_from"] = tuple(art.get("metadata_from") or ())
    return CodedArticle(
        article=Article(**art),
        events=tuple(_event(e) for e in d["events"]),
        quotes=tuple(Quote(**{**q, "speaker": _ref(q["speaker"])}) for q in d["quotes"]),
        actors=tuple(Actor(**{**a, "mentions": tuple(Span(**m) for m in a["mentions"])}) for a in d["actors"]),
        dates=tuple(TimeRef(**t) for t in d["dates"]),
        places=tuple(Place(**p) for p in d["places"]),
        sentences=tuple(Span(**s) for s in d["sentences"]),
        candidates=tuple(_candidate(c) for c in d["candidates"]),
        skipped=d.get("skipped"),
    )
