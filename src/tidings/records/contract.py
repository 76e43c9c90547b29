"""The one serialiser from records to the JSON contract (docs/contract.md)."""

from __future__ import annotations

from typing import Any

import json

from . import Actor, ActorRef, CodedArticle, Event, Place, Quote, TimeRef

__all__ = ["to_contract", "to_json", "actor_ref_dict", "place_dict", "event_dict"]

ARTICLE_KEYS = ("id", "title", "outlet", "byline", "agency", "published", "updated", "url", "language", "text")


def actor_ref_dict(a: ActorRef | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "code": a.code,
        "country": a.country,
        "name": a.name,
        "text": a.text,
        "start": a.start,
        "end": a.end,
        "rule": a.rule,
    }


def place_dict(p: Place | None, with_span: bool = False) -> dict[str, Any] | None:
    if p is None:
        return None
    d = {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}
    if with_span:
        d = {"text": p.text, **d, "start": p.start, "end": p.end}
    return d


def event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "code": e.code,
        "root": e.root,
        "quad_class": e.quad_class,
        "penta_class": e.penta_class,
        "goldstein": e.goldstein,
        "plover": {"event": e.plover_event, "mode": e.plover_mode},
        "source": actor_ref_dict(e.source),
        "target": actor_ref_dict(e.target),
        "status": e.status,
        "reported_by": actor_ref_dict(e.reported_by),
        "date": e.date,
        "date_text": e.date_text,
        "place": place_dict(e.place),
        "sentence": e.sentence,
        "trigger": {"text": e.trigger.text, "start": e.trigger.start, "end": e.trigger.end},
        "confidence": round(e.confidence, 4),
        "rule": e.rule,
        "mentions": [
            {
                "sentence": m.sentence,
                "code": m.code,
                "trigger": {"text": m.trigger.text, "start": m.trigger.start, "end": m.trigger.end},
                "rule": m.rule,
            }
            for m in e.mentions
        ],
    }


def quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "speaker": actor_ref_dict(q.speaker),
        "text": q.text,
        "kind": q.kind,
        "cue": q.cue,
        "start": q.start,
        "end": q.end,
    }


def actor_dict(a: Actor) -> dict[str, Any]:
    return {
        "code": a.code,
        "country": a.country,
        "name": a.name,
        "rule": a.rule,
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in a.mentions],
    }


def date_dict(t: TimeRef) -> dict[str, Any]:
    return {"text": t.text, "value": t.value, "precision": t.precision, "start": t.start, "end": t.end}


def to_contract(coded: CodedArticle, explain: bool = False, all_candidates: bool = False) -> dict[str, Any]:
    art = coded.article
    out = {k: getattr(art, k) for k in ARTICLE_KEYS}
    out["dateline"] = art.dateline
    out["removed"] = list(art.removed)
    out["metadata_from"] = list(art.metadata_from)
    if coded.skipped:
        out["skipped"] = coded.skipped
    out["events"] = [event_dict(e) for e in coded.events]
    out["quotes"] = [quote_dict(q) for q in coded.quotes]
    out["actors"] = [actor_dict(a) for a in coded.actors]
    out["dates"] = [date_dict(t) for t in coded.dates]
    out["places"] = [place_dict(p, with_span=True) for p in coded.places]
    if explain:
        out["candidates"] = [
            {
                "sentence": c.sentence,
                "trigger": c.trigger,
                "kept": c.kept,
                "reason": c.reason,
                "code": c.code,
                "detail": c.detail,
            }
            for c in coded.candidates
        ]
    if all_candidates:
        out["dropped_events"] = [
            {**event_dict(c.event), "dropped": c.reason, "why": c.detail}
            for c in coded.candidates
            if c.event is not None and not c.kept
        ]
    return out


def to_json(coded: CodedArticle, explain: bool = False, all_candidates: bool = False) -> str:
    return json.dumps(to_contract(coded, explain=explain, all_candidates=all_candidates), ensure_ascii=False)
