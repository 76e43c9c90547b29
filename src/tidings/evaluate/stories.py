"""Story-level scoring on real articles: the distinct events a careful coder lists per article.

The unit is the distinct asserted tuple (root, source key, target key) of an article, as in
ANNOTATION.md: an event mentioned three times is one tuple, and a coder's list is compared
with the coder's, or with tidings' output, tuple by tuple.

Gold (``gold/news/dev.jsonl``), one article per line, merged from two coders::

    {"id": "...", "coders": 2,
     "core": [{"root": "04", "source": "USA", "target": "ISR", "date": "1998-02-12",
               "triggers": ["met"]}],
     "optional": [...]}

``core`` holds what both coders list (asserted, and not marked optional by both); ``optional``
what one coder lists or both mark optional. A predicted tuple is right when it is core or
optional; recall is over core tuples only.

Actor keys: an organisation prefix (IGO, NGO, NGM, IMG, MNC) is dropped, then the first three
letters are the key; no actor is ``---``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = [
    "story_key",
    "event_root",
    "tuples_of",
    "StoryGold",
    "load_story_gold",
    "is_story_gold",
    "score_stories",
    "merge_coders",
    "agreement",
    "QUAD_OF_ROOT",
    "dataset_figures",
    "sniff_story_gold",
    "story_sections",
    "canonical_key",
]

from ..story.keys import NONE_KEY, story_key

# GDELT quad classes by CAMEO root: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict
QUAD_OF_ROOT = {f"{r:02d}": (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4) for r in range(1, 21)}


def event_root(event: Mapping) -> str:
    return str(event.get("root") or str(event.get("code", ""))[:2]).zfill(2)


def canonical_key(actor) -> str:
    """The key of a coder's actor, after mapping other spellings of an organisation's code to
    the one tidings uses (evaluate.gold.IGO_ALIASES: IGOAFU and IGOAFRAFU are the African Union)."""
    from .gold import IGO_ALIASES

    code = actor.get("code") if isinstance(actor, Mapping) else actor
    code = str(code or "").strip().upper()
    return story_key(IGO_ALIASES.get(code, code))


def tuples_of(
    events: Iterable[Mapping], status: str = "asserted", canonical: bool = False
) -> dict[tuple[str, str, str], list[Mapping]]:
    """The distinct (root, source key, target key) tuples of events with this status; with
    `canonical`, organisations' codes are first mapped to tidings' own (for coders' files)."""
    key = canonical_key if canonical else story_key
    out: dict[tuple[str, str, str], list[Mapping]] = defaultdict(list)
    for e in events:
        if (e.get("status") or "asserted") == status:
            out[(event_root(e), key(e.get("source")), key(e.get("target")))].append(e)
    return dict(out)


@dataclass(frozen=True)
class StoryGold:
    """One article's gold: core and optional tuples, and the day of each core tuple."""

    id: str
    core: frozenset[tuple[str, str, str]]
    optional: frozenset[tuple[str, str, str]]
    dates: Mapping[tuple[str, str, str], str | None] = field(default_factory=dict)
    coders: int = 2


def _gold_item(item: Mapping) -> tuple[str, str, str]:
    return str(item["root"]).zfill(2), story_key(item.get("source")), story_key(item.get("target"))


def is_story_gold(record: Mapping) -> bool:
    return "core" in record and "optional" in record and "text" not in record


def load_story_gold(path: str | Path) -> dict[str, StoryGold]:
    """Merged story gold, id -> StoryGold."""
    out: dict[str, StoryGold] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                core = {_gold_item(x): x.get("date") for x in rec["core"]}
                optional = frozenset(_gold_item(x) for x in rec["optional"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a story gold record: {exc}") from exc
            out[rec["id"]] = StoryGold(
                rec["id"], frozenset(core), optional - set(core), core, int(rec.get("coders", 2))
            )
    return out


def score_stories(gold: Mapping[str, StoryGold], predictions: Mapping[str, Mapping], canonical: bool = False) -> dict:
    """Story-level figures of predictions (id -> contract dict) against gold.

    Precision counts core and optional hits as right; recall is over core tuples; the date of
    a found core tuple is right when one of its predicted events has the gold day."""
    tp = opt = fp = fn = dated = dated_ok = 0
    per_root: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp, optional, fp, fn
    per_quad: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    errors: list[dict] = []
    for rid, g in gold.items():
        got = tuples_of((predictions.get(rid) or {}).get("events") or (), canonical=canonical)
        for t, evs in got.items():
            slot = 0 if t in g.core else 1 if t in g.optional else 2
            tp, opt, fp = tp + (slot == 0), opt + (slot == 1), fp + (slot == 2)
            per_root[t[0]][slot] += 1
            per_quad[QUAD_OF_ROOT.get(t[0], 0)][slot] += 1
            if slot == 2:
                errors.append(
                    {"doc": rid, "type": "wrong", "tuple": list(t), "triggers": sorted({_trigger(e) for e in evs})}
                )
            if slot == 0 and g.dates.get(t):
                dated += 1
                dated_ok += any(e.get("date") == g.dates[t] for e in evs)
        for t in g.core - set(got):
            fn += 1
            per_root[t[0]][3] += 1
            per_quad[QUAD_OF_ROOT.get(t[0], 0)][3] += 1
            errors.append({"doc": rid, "type": "missed", "tuple": list(t)})
    return {
        "articles": len(gold),
        "core": tp + fn,
        "found_core": tp,
        "found_optional": opt,
        "wrong": fp,
        **_prf(tp, opt, fp, fn),
        "date_accuracy": dated_ok / dated if dated else None,
        "dates_right": dated_ok,
        "dates_scored": dated,
        "per_root": {
            k: {"tp": v[0], "optional": v[1], "fp": v[2], "fn": v[3], **_prf(*v)} for k, v in sorted(per_root.items())
        },
        "per_quad": {
            str(k): {"tp": v[0], "optional": v[1], "fp": v[2], "fn": v[3], **_prf(*v)}
            for k, v in sorted(per_quad.items())
        },
        "errors": errors,
    }


def _trigger(event: Mapping) -> str:
    trigger = event.get("trigger")
    return str(trigger.get("text", "") if isinstance(trigger, Mapping) else trigger or "")


def _prf(tp: int, opt: int, fp: int, fn: int) -> dict:
    p = (tp + opt) / (tp + opt + fp) if tp + opt + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def merge_coders(annotations: Iterable[Mapping[str, list[Mapping]]]) -> list[dict]:
    """Merge coders' annotations (each: id -> events) into story gold records.

    core = an asserted tuple every coder of the article lists (at least two coders) and at
    least one marks core; optional = listed by some coders only, or marked optional by all."""
    by_id: dict[str, list[list[Mapping]]] = defaultdict(list)
    for ann in annotations:
        for rid, events in ann.items():
            by_id[rid].append(list(events))
    out = []
    for rid in sorted(by_id):
        sets = [tuples_of(evs, canonical=True) for evs in by_id[rid]]
        core: list[dict[str, Any]] = []
        optional: list[dict[str, Any]] = []
        for t in sorted(set().union(*sets)):
            groups = [s[t] for s in sets if t in s]
            agreed = len(groups) == len(sets) > 1
            sure = any(e.get("certainty", "core") == "core" for g in groups for e in g)
            days = {e.get("date") for g in groups for e in g}
            item = {
                "root": t[0],
                "source": t[1],
                "target": t[2],
                "date": days.pop() if len(days) == 1 else None,
                "triggers": sorted({_trigger(e) for g in groups for e in g if e.get("trigger")}),
            }
            (core if agreed and sure else optional).append(item)
        out.append({"id": rid, "coders": len(sets), "core": core, "optional": optional})
    return out


def agreement(first: Mapping[str, list[Mapping]], second: Mapping[str, list[Mapping]]) -> dict:
    """How far one coder's asserted tuples agree with another's, on the articles both coded:
    the first scored against the second as if the second were gold (every tuple core)."""
    ids = sorted(set(first) & set(second))
    gold = {rid: StoryGold(rid, frozenset(tuples_of(second[rid], canonical=True)), frozenset()) for rid in ids}
    preds = {rid: {"events": first[rid]} for rid in ids}
    res = score_stories(gold, preds, canonical=True)
    return {k: res[k] for k in ("articles", "core", "found_core", "wrong", "precision", "recall", "f1")}


def dataset_figures(predictions: Iterable[Mapping]) -> dict:
    """What a user's dataset looks like: events per article, and the share with a coded source
    and target, over contract dicts."""
    n = events = asserted = sourced = targeted = statements = 0
    for rec in predictions:
        n += 1
        for e in rec.get("events") or ():
            events += 1
            asserted += (e.get("status") or "asserted") == "asserted"
            sourced += story_key(e.get("source")) != NONE_KEY
            targeted += e.get("target") is not None
            statements += event_root(e) == "01"
    return {
        "articles": n,
        "events_per_article": events / n if n else 0.0,
        "asserted_per_article": asserted / n if n else 0.0,
        "with_source": sourced / events if events else 1.0,
        "with_target": targeted / events if events else 1.0,
        "statements": statements / events if events else 0.0,
    }


def sniff_story_gold(path: str | Path) -> bool:
    """A JSONL file whose first record is merged story gold (core and optional, no text)."""
    p = Path(path)
    if p.suffix.lower() not in (".jsonl", ".ndjson") or not p.is_file():
        return False
    with open(p, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    return is_story_gold(json.loads(line))
                except ValueError:
                    return False
    return False


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def story_sections(stories: Mapping[str, dict], table) -> list[tuple[str, str]]:
    """Report sections for story-level figures; `table(header, rows)` renders a table."""
    if not stories:
        return []
    out = [_story_overview(stories, table)]
    for name, f in stories.items():
        out.append(_per_root_section(name, f, table))
        out.append(_per_quad_section(name, f, table))
    return out


def _story_overview(stories: Mapping[str, dict], table) -> tuple[str, str]:
    """One row per gold set: its articles, core events found, wrong ones, dates."""
    rows = []
    for name, f in stories.items():
        d = f.get("dataset") or {}
        rows.append(
            [
                name,
                f["articles"],
                f["core"],
                f["found_core"],
                f["found_optional"],
                f["wrong"],
                _fmt(f["precision"]),
                _fmt(f["recall"]),
                _fmt(f["f1"]),
                f"{f['dates_right']}/{f['dates_scored']}",
                _fmt(d.get("asserted_per_article")),
                _fmt(d.get("with_source")),
            ]
        )
    return (
        "Real news, story level (distinct asserted (root, source country, target country) per article)",
        table(
            [
                "gold",
                "articles",
                "core",
                "core found",
                "optional found",
                "wrong",
                "P",
                "R",
                "F1",
                "dates right",
                "asserted events / article",
                "with a coded source",
            ],
            rows,
        ),
    )


def _per_root_section(name: str, f: dict, table) -> tuple[str, str]:
    per_root = [
        [
            r,
            m["tp"] + m["fn"],
            m["tp"],
            m["optional"],
            m["fp"],
            m["fn"],
            _fmt(m["precision"]),
            _fmt(m["recall"]),
            _fmt(m["f1"]),
        ]
        for r, m in f["per_root"].items()
    ]
    return (
        f"Real news per root: {name}",
        table(["root", "core", "found", "optional found", "wrong", "missed", "P", "R", "F1"], per_root),
    )


_QUAD_CLASSES = {
    "1": "verbal cooperation",
    "2": "material cooperation",
    "3": "verbal conflict",
    "4": "material conflict",
}


def _per_quad_section(name: str, f: dict, table) -> tuple[str, str]:
    per_quad = [
        [
            q,
            _QUAD_CLASSES.get(q, q),
            m["tp"] + m["fn"],
            m["tp"],
            m["optional"],
            m["fp"],
            m["fn"],
            _fmt(m["precision"]),
            _fmt(m["recall"]),
            _fmt(m["f1"]),
        ]
        for q, m in f["per_quad"].items()
    ]
    return (
        f"Real news per quad class: {name}",
        table(["quad", "class", "core", "found", "optional found", "wrong", "missed", "P", "R", "F1"], per_quad),
    )
