"""Pure scoring: gold documents + predicted contract dicts -> metrics and errors.

Nothing here runs the coder; the functions take what `tidings code --format jsonl` prints
(one contract dict per article, optionally with "candidates" from --explain) so they can be
tested with hand-made predictions.

Levels at which events are matched (each a one-to-one greedy matching per document):
  root   (root code, source actor, target actor)
  code   (full code, source actor, target actor)
  penta  (pentacode, source actor, target actor)
Actors are compared by `actor_key`: the country (first three letters of the CAMEO actor
code) or, for organisations (IGO/NGO/MNC), the whole code. Only asserted predictions count;
a prediction matching an acceptable gold event, or the mirror image of a gold event of a
mutual act ("A met B": B met A, see events.codebook.MUTUAL_CODES), is neither right nor wrong; a prediction
matching a forbidden (or non-asserted) gold event is a false positive and is named as such.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable, Mapping

from ..events.codebook import MUTUAL_CODES
from .gold import ANY, PENTA, GoldDoc, GoldEvent, actor_key, is_any, penta_of, phenomena, root_of

__all__ = [
    "LEVELS",
    "prf",
    "pred_events",
    "pred_actor_key",
    "event_matches",
    "match_events",
    "score_document",
    "aggregate",
    "score",
    "main_event",
    "norm_span",
]

LEVELS = ("root", "code", "penta")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


# --- predicted events --------------------------------------------------------------------


def pred_events(pred: Mapping | None, statuses: Iterable[str] | None = ("asserted",)) -> list[dict]:
    events = list((pred or {}).get("events") or ())
    if statuses is None:
        return events
    keep = set(statuses)
    return [e for e in events if (e.get("status") or "asserted") in keep]


def pred_actor_key(actor: Mapping | None) -> str | None:
    if not actor:
        return None
    code = actor.get("code")
    if code:
        return actor_key(code)
    return actor_key(actor.get("country"))


def pred_code(e: Mapping) -> str:
    return str(e.get("code") or "")


def pred_root(e: Mapping) -> str | None:
    r = e.get("root")
    return str(r).zfill(2) if r else root_of(pred_code(e))


def _actor_ok(pred_actor, gold_side) -> bool:
    if gold_side is ANY:
        return True
    got = pred_actor_key(pred_actor)
    return any((got is None) if g is None else (got == actor_key(g)) for g in gold_side)


def event_matches(pred: Mapping, gold: GoldEvent, level: str = "root", actors: bool = True) -> bool:
    """Does a predicted event (contract dict) match a gold event at this level?"""
    code, root = pred_code(pred), pred_root(pred)
    if level == "root":
        ok = root in gold.roots
    elif level == "code":
        ok = any(code == c or (len(c) == 2 and root == c) for c in gold.codes)
    elif level == "penta":
        ok = PENTA.get(root or "") in {penta_of(c) for c in gold.codes}
    else:
        raise ValueError(f"unknown level {level!r}")
    if not ok or not actors:
        return ok
    return _actor_ok(pred.get("source"), gold.sources) and _actor_ok(pred.get("target"), gold.targets)


def _mirror_of_gold(pred: Mapping, gold: GoldDoc, level: str) -> bool:
    """A mutual act ("A met B", see MUTUAL_CODES) whose mirror image is a gold event: the gold
    coder wrote one direction, the other is as true, so it is neither right nor wrong."""
    if pred_code(pred) not in MUTUAL_CODES or not pred.get("source") or not pred.get("target"):
        return False
    mirror = {**pred, "source": pred.get("target"), "target": pred.get("source")}
    return any(event_matches(mirror, g, level) for g in gold.required + gold.acceptable)


def gold_label(g: GoldEvent, level: str) -> str:
    if level == "root":
        return g.roots[0]
    if level == "penta":
        return str(penta_of(g.code))
    return g.code


def pred_label(e: Mapping, level: str) -> str:
    if level == "root":
        return pred_root(e) or "?"
    if level == "penta":
        return str(PENTA.get(pred_root(e) or "", "?"))
    return pred_code(e) or "?"


def _specificity(g: GoldEvent) -> int:
    n = len(g.codes)
    for side in (g.sources, g.targets):
        n += 10 if is_any(side) else len(side)
    return n


def match_events(
    preds: list[dict], golds: Iterable[GoldEvent], level: str = "root", actors: bool = True
) -> tuple[list[tuple[GoldEvent, dict]], list[GoldEvent], list[dict]]:
    """Greedy one-to-one matching (most specific gold first): (pairs, unmatched gold,
    unmatched predictions)."""
    free = list(range(len(preds)))
    pairs, missed = [], []
    order = sorted(golds, key=_specificity)
    for g in order:
        hit = next((i for i in free if event_matches(preds[i], g, level, actors)), None)
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            pairs.append((g, preds[hit]))
    return pairs, missed, [preds[i] for i in free]


def main_event(pred: Mapping | None) -> dict | None:
    """The sentence's main event: the asserted event with the highest confidence, then the
    earliest trigger (as in the ConfliBERT pentacode task)."""
    events = pred_events(pred)
    if not events:
        return None
    return min(events, key=lambda e: (-(e.get("confidence") or 0), (e.get("trigger") or {}).get("start") or 0))


_DET = re.compile(r"^(the|a|an)\s+", re.I)


def norm_span(text: str | None) -> str:
    t = " ".join((text or "").split()).strip(" ,.;:\"'").lower()
    t = re.sub(r"['’]s$", "", t)
    return _DET.sub("", t)


# --- one document ------------------------------------------------------------------------


def _describe_pred(e: Mapping) -> str:
    src = e.get("source") or {}
    tgt = e.get("target") or {}
    return (
        f"{pred_code(e)} {src.get('code') or src.get('country') or '-'}"
        f"[{src.get('text') or ''}] -> {tgt.get('code') or tgt.get('country') or '-'}"
        f"[{tgt.get('text') or ''}] ({e.get('status') or 'asserted'}; trigger "
        f"{(e.get('trigger') or {}).get('text')!r}; rule {e.get('rule') or '?'})"
    )


_SENT_END = re.compile(r"[.!?][\"'\u201d]?\s+|\n\s*\n")


def context_of(pred: Mapping | None, e: Mapping, width: int = 300) -> str:
    """The sentence around a predicted event's trigger (from the article text), for reading
    an error without opening the article."""
    text = str((pred or {}).get("text") or "")
    start = (e.get("trigger") or {}).get("start")
    if not text or not isinstance(start, int) or not 0 <= start < len(text):
        return ""
    left = 0
    for m in _SENT_END.finditer(text, 0, start):
        left = m.end()
    end = _SENT_END.search(text, start)
    right = end.start() + 1 if end else len(text)
    return " ".join(text[left:right].split())[:width]


def _why_missed(g: GoldEvent, pred: Mapping | None, one_sentence: bool = True) -> list[str]:
    """What the coder did instead: near misses, other statuses, dropped candidates."""
    out = []
    everything = pred_events(pred, statuses=None)
    for e in everything:
        status = e.get("status") or "asserted"
        if event_matches(e, g, "root") and status != "asserted":
            out.append(f"found but {status}: {_describe_pred(e)}")
        elif event_matches(e, g, "root", actors=False) and status == "asserted":
            out.append(f"right event, other actors: {_describe_pred(e)}")
        elif (
            status == "asserted"
            and _actor_ok(e.get("source"), g.sources)
            and _actor_ok(e.get("target"), g.targets)
            and g.sources is not ANY
        ):
            out.append(f"same actors, other code: {_describe_pred(e)}")
    cands = [c for c in (pred or {}).get("candidates") or () if not c.get("kept")]
    related = [c for c in cands if c.get("code") and root_of(str(c["code"])) in g.roots]
    # in a one-sentence document every dropped candidate may explain the miss; in an article
    # only those that could have given an event under the same root
    for c in (related or (cands if one_sentence else []))[:6]:
        out.append(
            f"dropped candidate {c.get('trigger')!r}"
            f"{' (' + str(c['code']) + ')' if c.get('code') else ''}: {c.get('reason')}"
            f"{' - ' + c['detail'] if c.get('detail') else ''}"
        )
    if not out:
        out.append(
            "no prediction for this document"
            if pred is None
            else "no candidate: the coder considered nothing that could give this event"
            if one_sentence
            else f"no candidate under root {'/'.join(g.roots)} anywhere in the article"
        )
    return out


def _confusion(gold: GoldDoc, pairs, missed, fps) -> Counter:
    """The root confusion: each gold event against the coder's event for it (matched, else an
    unmatched one on the same dyad, else with the same source, else in the same sentence)."""
    conf: Counter[tuple[str, str | None]] = Counter()
    used = set()
    for g, e in pairs:
        conf[(g.roots[0], pred_root(e))] += 1
        used.add(id(e))

    def partner(g):
        free = [e for e in fps if id(e) not in used]
        same_dyad = [e for e in free if _actor_ok(e.get("source"), g.sources) and _actor_ok(e.get("target"), g.targets)]
        same_source = [e for e in free if g.sources is not ANY and _actor_ok(e.get("source"), g.sources)]
        rest = free if gold.kind in ("sentence", "petrarch", "tsv") else []
        return next(iter(same_dyad or same_source or rest), None)

    for g in missed:
        alt = partner(g)
        if alt is not None:
            used.add(id(alt))
            conf[(g.roots[0], pred_root(alt))] += 1
        else:
            conf[(g.roots[0], "none")] += 1
    for e in fps:
        if id(e) not in used:
            conf[("none", pred_root(e))] += 1
    return conf


def score_document(gold: GoldDoc, pred: Mapping | None) -> dict:
    """Everything one document contributes: per-level label pairs, spans, status, quotes,
    dates, actors and the errors with their explanations."""
    asserted = pred_events(pred)
    out: dict = {
        "id": gold.id,
        "kind": gold.kind,
        "pairs": {},
        "errors": [],
        "tags": phenomena(gold) if gold.kind == "sentence" else (),
    }
    if pred is not None and pred.get("skipped"):
        # the coder did not code the document: say so, never a silent "no events"; a
        # document the reader rightly empties (a credit line with no event) is no error
        out["skipped"] = str(pred["skipped"])
        if gold.required or gold.penta not in (None, ANY) or "reader left nothing" not in out["skipped"]:
            out["errors"].append({"doc": gold.id, "type": "skipped", "explanation": [str(pred["skipped"])]})
    for level in LEVELS:
        pairs, missed, extra = match_events(asserted, gold.required, level)
        fps = _false_positives(gold, extra, level)
        lp: list[tuple[str | None, str | None]] = [(gold_label(g, level), gold_label(g, level)) for g, _ in pairs]
        lp += [(gold_label(g, level), None) for g in missed]
        lp += [(None, pred_label(e, level)) for e in fps]
        out["pairs"][level] = lp
        if level == "root":
            root_used = _root_errors(out, gold, pred, pairs, missed, extra, fps)
        if level == "code":
            out["errors"] += _wrong_codes(gold, asserted, pairs)
    out["status"] = _score_status(gold, pred, root_used)

    # sentence-level pentacode of the main event
    if gold.penta is not ANY:
        me = main_event(pred)
        out["penta_main"] = (
            "none" if gold.penta is None else str(gold.penta),
            "none" if me is None else str(PENTA.get(pred_root(me) or "", "none")),
        )
    if gold.kind == "sentence":
        out["spans"] = _score_spans(gold, asserted)
        out["actor_codes"] = _score_span_codes(gold, pred)
    if gold.kind == "article":
        out["quotes"] = _score_quotes(gold, pred)
        out["dates"] = _score_dates(gold, pred)
        out["actors"] = _score_actors(gold, pred)
    if gold.kind in ("sentence", "article") and any(g.date for g in gold.required):
        out["dated"] = _score_event_dates(gold, asserted)
    return out


def _false_positives(gold: GoldDoc, extra: list[dict], level: str) -> list[dict]:
    """The unmatched predictions that are errors: not absorbed by an acceptable gold event (or
    the mirror of a required one). Forbidden wins over acceptable: an event the gold forbids
    is wrong even if a looser acceptable entry would have let it pass."""
    absorbed = [
        e
        for e in extra
        if (any(event_matches(e, a, level) for a in gold.acceptable) or _mirror_of_gold(e, gold, level))
        and not any(event_matches(e, f, "code") for f in gold.forbidden)
    ]
    return [e for e in extra if not any(e is a for a in absorbed)]


def _root_errors(out: dict, gold: GoldDoc, pred: Mapping | None, pairs, missed, extra, fps) -> set[int]:
    """At the root level: the rules right and wrong, the forbidden events predicted, the missed
    and false events (as errors) and the confusion; returns the ids of the predictions that
    are right (they stay right, whatever their status)."""
    out["rules_tp"] = [str(e.get("rule") or "?").split(" ")[0] for _, e in pairs]
    out["rules_fp"] = [str(e.get("rule") or "?").split(" ")[0] for e in fps]
    root_used = {id(e) for _, e in pairs}  # predictions that are right stay right
    forbidden_hits = []
    for f in gold.forbidden:
        for e in extra:
            if event_matches(e, f, "code"):  # full codes where the gold gives them
                forbidden_hits.append((f, e))
                break
    out["forbidden"] = (len(gold.forbidden), len(forbidden_hits))
    for g in missed:
        out["errors"].append(
            {
                "doc": gold.id,
                "type": "missed",
                "gold": g.label(),
                "status": g.status,
                "why": g.why,
                "explanation": _why_missed(g, pred, gold.kind != "article"),
            }
        )
    for e in fps:
        bad = next((f for f, x in forbidden_hits if x is e), None)
        if bad is not None:
            kind = "status" if bad.status != "asserted" else "forbidden"
            expl = (
                f"gold says {bad.status}: {bad.label()}"
                if kind == "status"
                else f"forbidden as asserted: {bad.label()} {bad.why}".rstrip()
            )
        else:
            kind, expl = "false_positive", "not in the gold"
        out["errors"].append(
            {
                "doc": gold.id,
                "type": kind,
                "predicted": _describe_pred(e),
                "sentence": e.get("sentence"),
                "context": context_of(pred, e),
                "explanation": [expl, f"rule: {e.get('rule') or '?'}"],
            }
        )
    out["confusion"] = _confusion(gold, pairs, missed, fps)
    return root_used


def _wrong_codes(gold: GoldDoc, asserted: list[dict], code_pairs) -> list[dict]:
    """The errors of events right at the root but with another code."""
    errors = []
    root_pairs, _, _ = match_events(asserted, gold.required, "root")
    code_ok = {id(e) for _, e in code_pairs}
    for g, e in root_pairs:
        if id(e) not in code_ok and not event_matches(e, g, "code"):
            errors.append(
                {
                    "doc": gold.id,
                    "type": "wrong_code",
                    "gold": g.label(),
                    "predicted": _describe_pred(e),
                    "explanation": [
                        f"root right, code {pred_code(e)} instead of {'|'.join(g.codes)}",
                        f"rule: {e.get('rule') or '?'}",
                    ],
                }
            )
    return errors


def _score_status(gold: GoldDoc, pred: Mapping | None, root_used: set[int]) -> Counter[str]:
    """Status: what became of the events the gold says did not happen (or not yet)."""
    everything = [e for e in pred_events(pred, statuses=None) if id(e) not in root_used]
    st: Counter[str] = Counter()
    for g in gold.nonasserted:
        same = [e for e in everything if event_matches(e, g, "root")]
        st["gold"] += 1
        if any((e.get("status") or "asserted") == g.status for e in same):
            st["same_status"] += 1
        elif any((e.get("status") or "asserted") == "asserted" for e in same):
            st["as_asserted"] += 1
        elif same:
            st["other_status"] += 1
        else:
            st["not_found"] += 1
    return st


def _score_spans(gold: GoldDoc, asserted: list[dict]) -> dict:
    """Actor spans (sentence gold gives source_text/target_text): exact, and overlapping."""
    gs = {
        (role, norm_span(t))
        for g in gold.required
        for role, t in (("source", g.source_text), ("target", g.target_text))
        if t
    }
    ps = {
        (role, norm_span((e.get(role) or {}).get("text")))
        for e in asserted
        for role in ("source", "target")
        if (e.get(role) or {}).get("text")
    }
    strict = len(gs & ps)
    lenient, free = 0, list(ps)
    for role, t in sorted(gs):
        hit = next((x for x in free if x[0] == role and x[1] and t and (x[1] in t or t in x[1])), None)
        if hit:
            free.remove(hit)
            lenient += 1
    return {"gold": len(gs), "pred": len(ps), "strict": strict, "lenient": lenient}


def _speaker_ok(want: str, speaker: Mapping | None) -> bool:
    if not speaker:
        return False
    last = want.split()[-1].lower()
    hay = " ".join(str(speaker.get(k) or "") for k in ("name", "text", "code")).lower()
    return last in hay or want.lower() in hay


def _score_quotes(gold: GoldDoc, pred: Mapping | None) -> dict:
    quotes = list((pred or {}).get("quotes") or ())
    found = found_any = 0
    for q in gold.quotes:
        text = q.get("text_contains") or ""
        same = [p for p in quotes if text and text in (p.get("text") or "")]
        found_any += bool(same)
        found += any(
            _speaker_ok(q.get("speaker") or "", p.get("speaker")) and p.get("kind") == q.get("kind") for p in same
        )
    correct_pred = sum(
        any((q.get("text_contains") or "\0") in (p.get("text") or "") for q in gold.quotes) for p in quotes
    )
    return {
        "gold": len(gold.quotes),
        "found": found,
        "found_text": found_any,
        "pred": len(quotes),
        "pred_correct": correct_pred,
    }


def _score_dates(gold: GoldDoc, pred: Mapping | None) -> dict:
    dates = list((pred or {}).get("dates") or ())

    def same(g, p):
        gt, pt = g.get("text") or "", p.get("text") or ""
        return bool(gt and pt and (gt in pt or pt in gt))

    found = sum(any(same(g, p) and str(p.get("value")) == str(g.get("value")) for p in dates) for g in gold.dates)
    correct = sum(any(same(g, p) and str(p.get("value")) == str(g.get("value")) for g in gold.dates) for p in dates)
    return {"gold": len(gold.dates), "found": found, "pred": len(dates), "pred_correct": correct}


def _score_actors(gold: GoldDoc, pred: Mapping | None) -> dict:
    actors = list((pred or {}).get("actors") or ())
    exact = country = 0
    for a in gold.actors:
        want = a.get("code")
        codes = set(want if isinstance(want, list) else [want])
        text = a.get("text") or ""

        def mentions(x, text=text):
            names = [x.get("name") or ""] + [m.get("text") or "" for m in x.get("mentions") or ()]
            return any(text and n and (text in n or n in text) for n in names)

        cands = [x for x in actors if mentions(x)]
        exact += any(x.get("code") in codes for x in cands)
        country += any(pred_actor_key(x) in {actor_key(c) for c in codes} for x in cands)
    return {"gold": len(gold.actors), "exact": exact, "country": country}


def _score_span_codes(gold: GoldDoc, pred: Mapping | None) -> Counter:
    """For each gold actor span (source_text/target_text with a code), does the coder have an
    actor mention there, and with the right country or organisation? Measures the actors
    stage on its own, whatever the events stage did."""
    c: Counter[str] = Counter()
    actors = list((pred or {}).get("actors") or ())
    for g in gold.required + gold.nonasserted:
        for side, span in ((g.sources, g.source_text), (g.targets, g.target_text)):
            if is_any(side) or not span or side == (None,):
                continue
            want = {actor_key(x) for x in side if x}
            c["spans"] += 1
            n = norm_span(span)
            hits = [
                a
                for a in actors
                for m in a.get("mentions") or ()
                if (t := norm_span(m.get("text"))) and (t in n or n in t)
            ]
            if hits:
                c["found"] += 1
                c["right"] += any(pred_actor_key(a) in want for a in hits)
    return c


def _score_event_dates(gold: GoldDoc, asserted: list[dict]) -> dict:
    pairs, _, _ = match_events(asserted, [g for g in gold.required if g.date], "root")
    return {
        "gold": sum(1 for g in gold.required if g.date),
        "found": len(pairs),
        "right_date": sum(1 for g, e in pairs if e.get("date") == g.date),
    }


# --- many documents ----------------------------------------------------------------------


def _level_metrics(pairs: list[tuple]) -> dict:
    tp = sum(1 for g, p in pairs if g is not None and p is not None)
    fp = sum(1 for g, p in pairs if g is None)
    fn = sum(1 for g, p in pairs if p is None)
    per: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for g, p in pairs:
        if g is not None and p is not None:
            per[g]["tp"] += 1
        elif g is not None:
            per[g]["fn"] += 1
        else:
            per[p]["fp"] += 1
    per_label = {k: prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(per.items())}
    n = len(per_label)
    macro = {
        key: round(sum(m[key] for m in per_label.values()) / n, 4) if n else 0.0
        for key in ("precision", "recall", "f1")
    }
    return {"micro": prf(tp, fp, fn), "macro": macro, "per_label": per_label}


def _class_metrics(pairs: list[tuple[str, str]], classes=("0", "1", "2", "3", "4")) -> dict:
    conf = Counter(pairs)
    per = {}
    for c in classes:
        tp = conf[(c, c)]
        fp = sum(v for (g, p), v in conf.items() if p == c and g != c)
        fn = sum(v for (g, p), v in conf.items() if g == c and p != c)
        per[c] = prf(tp, fp, fn)
    n = len(pairs)
    return {
        "sentences": n,
        "accuracy": round(sum(v for (g, p), v in conf.items() if g == p) / n, 4) if n else 0.0,
        "macro_f1": round(sum(m["f1"] for m in per.values()) / len(classes), 4),
        "per_class": per,
        "confusion": {f"{g}->{p}": v for (g, p), v in sorted(conf.items())},
    }


def aggregate(results: list[dict]) -> dict:
    """Sum per-document results into the figures `tidings evaluate` reports."""
    out: dict = {
        "documents": len(results),
        "by_kind": dict(Counter(r["kind"] for r in results)),
        "skipped": sum(1 for r in results if r.get("skipped")),
    }
    out["levels"] = {level: _level_metrics([p for r in results for p in r["pairs"][level]]) for level in LEVELS}
    gold_events = sum(1 for r in results for g, _ in r["pairs"]["root"] if g is not None)
    out["gold_events"] = gold_events
    out["gold_codes"] = len({g for r in results for g, _ in r["pairs"]["code"] if g is not None})
    out["gold_roots"] = len({g for r in results for g, _ in r["pairs"]["root"] if g is not None})
    penta = [r["penta_main"] for r in results if "penta_main" in r]
    out["penta_sentence"] = _class_metrics(penta) if penta else None
    out["spans"] = _spans_figures(_summed(results, "spans"))
    ac = _summed(results, "actor_codes")
    out["actor_codes"] = (
        {
            "spans": ac["spans"],
            "found": ac["found"],
            "right": ac["right"],
            "accuracy": round(ac["right"] / ac["spans"], 4),
        }
        if ac["spans"]
        else None
    )
    out["status"] = _status_figures(_summed(results, "status"))
    fb = [r["forbidden"] for r in results if "forbidden" in r]
    out["forbidden"] = {"total": sum(a for a, _ in fb), "asserted": sum(b for _, b in fb)}
    conf = _summed(results, "confusion")
    out["confusion_roots"] = {f"{g}->{p}": v for (g, p), v in sorted(conf.items())}
    ed = _summed(results, "dated")
    out["event_dates"] = (
        {**dict(ed), "accuracy": round(ed["right_date"] / ed["found"], 4) if ed["found"] else None}
        if ed["gold"]
        else None
    )
    arts = [r for r in results if r["kind"] == "article"]
    if arts:
        out.update(_article_figures(arts))
    out["phenomena"] = _phenomena_figures(results)
    out["rules"] = _rule_figures(results)
    out["errors"] = [e for r in results for e in r["errors"]]
    return out


def _summed(results: list[dict], key: str) -> Counter:
    """The counts the documents give under `key`, added up."""
    total: Counter = Counter()
    for r in results:
        total.update(r.get(key) or {})
    return total


def _spans_figures(sp: Counter) -> dict | None:
    if not (sp["gold"] or sp["pred"]):
        return None
    return {
        "strict": prf(sp["strict"], sp["pred"] - sp["strict"], sp["gold"] - sp["strict"]),
        "lenient": prf(sp["lenient"], sp["pred"] - sp["lenient"], sp["gold"] - sp["lenient"]),
    }


def _status_figures(st: Counter) -> dict:
    return {
        "gold_not_asserted": st["gold"],
        "same_status": st["same_status"],
        "predicted_asserted": st["as_asserted"],
        "other_status": st["other_status"],
        "not_found": st["not_found"],
        "accuracy": round(st["same_status"] / st["gold"], 4) if st["gold"] else None,
    }


def _article_figures(arts: list[dict]) -> dict:
    """Quotes, dates and actors, over the articles."""
    q: Counter[str] = Counter()
    d: Counter[str] = Counter()
    a: Counter[str] = Counter()
    for r in arts:
        q.update(r["quotes"])
        d.update(r["dates"])
        a.update(r["actors"])
    out: dict = {}
    out["quotes"] = {
        **dict(q),
        **{
            k: v
            for k, v in prf(q["found"], q["pred"] - q["pred_correct"], q["gold"] - q["found"]).items()
            if k in ("precision", "recall", "f1")
        },
        "recall_text_only": round(q["found_text"] / q["gold"], 4) if q["gold"] else None,
    }
    out["dates"] = {
        **dict(d),
        **{
            k: v
            for k, v in prf(d["found"], d["pred"] - d["pred_correct"], d["gold"] - d["found"]).items()
            if k in ("precision", "recall", "f1")
        },
    }
    out["actors"] = {
        **dict(a),
        "recall_exact": round(a["exact"] / a["gold"], 4) if a["gold"] else None,
        "recall_country": round(a["country"] / a["gold"], 4) if a["gold"] else None,
    }
    return out


def _phenomena_figures(results: list[dict]) -> dict:
    """Root-level figures and status accuracy per phenomenon tag of the sentence gold."""
    out = {}
    tags = sorted({t for r in results for t in r.get("tags") or ()})
    for tag in tags:
        rs = [r for r in results if tag in (r.get("tags") or ())]
        pairs = [p for r in rs for p in r["pairs"]["root"]]
        m = _level_metrics(pairs)["micro"]
        st = _summed(rs, "status")
        out[tag] = {
            "documents": len(rs),
            **m,
            "status_accuracy": round(st["same_status"] / st["gold"], 4) if st["gold"] else None,
            "asserted_by_mistake": st["as_asserted"],
        }
    return out


def _rule_figures(results: list[dict]) -> dict:
    """Right and wrong root-level events per rule, the most useful rules first."""
    tp_rules: Counter[str] = Counter()
    fp_rules: Counter[str] = Counter()
    for r in results:
        tp_rules.update(r.get("rules_tp") or ())
        fp_rules.update(r.get("rules_fp") or ())
    return {
        rule: {"tp": tp_rules[rule], "fp": fp_rules[rule]}
        for rule in sorted(set(tp_rules) | set(fp_rules), key=lambda k: (-tp_rules[k], -fp_rules[k], k))
    }


def score(golds: Iterable[GoldDoc], preds: Mapping[str, Mapping]) -> dict:
    """Score predictions (article id -> contract dict) against gold documents."""
    return aggregate([score_document(g, preds.get(g.id)) for g in golds])
