"""Readable renderings of a coded article: the event table and the --explain trace.

The trace tells one story per candidate (a trigger of a sentence, or a sentence the
classifier proposed a root for), on one line: what was found (the code, the actors and the
rule that found it), what changed it on the way (the sentence coder itself, the classifier,
the article stage and its judge), and the verdict, kept or dropped, with the one reason that
decided it. The records behind it are CodedArticle.candidates, in the order the pipeline
wrote them: the sentence coder's (and the classifier's) first, then the article stage's
verdicts, which carry the event as it would be (its rule has "|story:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..records import ActorRef, Candidate, CodedArticle, Event

__all__ = ["render_table", "candidate_stories", "explain_records", "Story"]


def _actor(a: ActorRef | None) -> str:
    if a is None:
        return "-"
    return f"{a.code or '?'} ({a.text})"


def _name_of(code: str | None) -> str | None:
    """The CAMEO name of a code, or None (no code, an unknown code, no codebook)."""
    if not code:
        return None
    try:
        from ..events.codebook import load_codebook

        info = load_codebook().get(code)
    except Exception:  # the codebook is optional for rendering
        return None
    return info.name if info else None


def _code_name(code: str | None) -> str:
    """The CAMEO name of a code in brackets, for readers who do not know the numbers by heart."""
    name = _name_of(code)
    return f" ({name})" if name else ""


# --- one story per candidate -------------------------------------------------------------

SENTENCE = "(sentence)"
_PAIR = re.compile(r"^(\S+) -> (\S+) \((.*)\)$")
_ENTRY = re.compile(r"^(?:lexicon/)?(\w[\w.-]*\.tsv:\S+?)(?::|\s|$)")
# how the article stage made a reading other than the sentence coder's own (story/hypotheses.py)
_HOW = {
    "target:sentence": "target taken from the sentence",
    "target:article": "target: one of the article's main actors",
    "target:accuser": "target: the accuser of the charge denied",
    "source:reporter": "source: the one who reported it",
    "source:sentence": "source taken from the sentence",
    "source:article": "source: one of the article's main actors",
    "source:place": "source: the country where it happened",
    "root:learned": "root from the learned root model",
    "root:classifier": "root from the sentence classifier",
    "root:trigger": "root of another trigger of the sentence",
    "mirror": "the other side of a two-sided act (story/mirrors.py)",
}
_COUNTRY_FROM = {
    "place": "the place of the act",
    "other": "the other actor",
    "home-dateline": "the dateline",
    "home-article": "the article's main country",
}

# A candidate is one occurrence of a trigger: its sentence, its words and, when the record
# has it, the character offset of those words (two "said" of one sentence are two stories).
Key = tuple[int, str, int | None]


@dataclass
class Story:
    """What became of one candidate: `found` (what found it, as what), `changes` (who changed
    it on the way), `kept`, and the one `reason` that decided, given by `decided_by`. The
    records behind it: `first` (the one that found it, if any), `last` (the sentence coder's
    or classifier's last word on it) and `verdicts` (the article stage's, one per reading)."""

    sentence: int
    trigger: str
    start: int | None = None
    found: str = ""
    changes: list[str] = field(default_factory=list)
    kept: bool = False
    reason: str = ""
    decided_by: str = ""
    first: Candidate | None = None
    last: Candidate | None = None
    verdicts: list[Candidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # the dataset's events from it (no article stage)
    occurrence: tuple[int, int] | None = None  # (n, of): the n-th of several of its words in the sentence

    def line(self) -> str:
        trigger = self.trigger or SENTENCE
        head = f"{'kept' if self.kept else 'dropped'}: '{trigger}'"
        if self.occurrence:
            head += f" (the {_ordinal(self.occurrence[0])} of {self.occurrence[1]} in the sentence)"
        body = "; ".join(x for x in [self.found, *self.changes] if x)
        return f"{head}" + (f" {body}" if body else "") + f" => {self.reason}"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _staged(c: Candidate) -> bool:
    """A verdict of the article stage (it carries the event as it would be)."""
    return c.event is not None and "|story:" in (c.event.rule or "")


def _who(c: Candidate) -> str:
    return "classifier" if c.reason.startswith("classifier") else "sentence coder"


def _pair(e: Event) -> str:
    return f"{e.source.code if e.source else '-'} -> {e.target.code if e.target else '-'}"


def _hows(rule: str) -> list[str]:
    """How the article stage made its reading, from the part of the rule it wrote."""
    tail = (rule or "").split("|story:", 1)[-1].split()
    out = []
    for word in tail:  # only the readings' hows; the rest (mentions, judge, date) is said elsewhere
        side, _, how = word.partition(":")
        if side in ("source", "target") and how.startswith("country:"):
            out.append(f"{side}'s country from {_COUNTRY_FROM.get(how[8:], how[8:])}")
        elif word in _HOW:
            out.append(_HOW[word])
    return out


def _found(c: Candidate) -> str:
    """What the first record of a candidate says was found."""
    if not c.kept:
        return ""
    code = f"{c.code}{_code_name(c.code)} " if c.code else ""
    status = "" if c.reason in ("coded", "classifier") else f" [{c.reason}]"
    m = _PAIR.match(c.detail)
    if m:
        src, tgt = (x if x != "None" else "-" for x in m.group(1, 2))
        return f"{code}{src} -> {tgt}{status}, found by the {_who(c)} ({m.group(3)})"
    return f"{code}found by the {_who(c)}{status}" + (f" ({c.detail})" if c.detail else "")


def _said(c: Candidate) -> str:
    """A record's reason as one clause, saying who gave it."""
    who = _who(c)
    if c.reason.startswith("classifier"):
        return f"classifier: {c.detail}" if c.reason == "classifier" else f"{c.reason}: {c.detail}"
    return f"{who}: {c.reason}" + (f": {c.detail}" if c.detail else "")


def _verdict_by(v: Candidate) -> str:
    """Who gave an article-stage verdict: the judge or the stage's own rules."""
    return "judge" if v.reason == "judge" or v.detail.startswith("p=") else "article stage"


def _verdict(v: Candidate) -> str:
    """The article stage's reason for a verdict."""
    if v.reason == "kept":
        if v.detail:
            return f"the judge: {v.detail}" if v.detail.startswith("p=") else f"article stage: {v.detail}"
        status = v.event.status if v.event is not None else "asserted"
        if status != "asserted":
            return f"article stage: no rule against it (the judge weighs asserted events, this is {status})"
        return "article stage: no rule against it (no judge)"
    if v.reason == "judge":
        return f"the judge: {v.detail}"
    return f"article stage: {v.reason}" + (f": {v.detail}" if v.detail else "")


def _keys(e: Event) -> list[Key]:
    keys: list[Key] = [(m.sentence, m.trigger.text, m.trigger.start) for m in e.mentions]
    return keys or [(e.sentence, e.trigger.text, e.trigger.start)]


def _same_actor(ref: ActorRef | None, code: str | None) -> bool:
    """Whether an actor of a reading is the one a record names by code ('-': none; a role may
    have been given a country since, so RUSGOV is the GOV that was found)."""
    if ref is None:
        return code in ("-", None)
    return bool(code) and str(ref.code).endswith(str(code))


def _primary(found: Candidate | None, verdicts: list[Candidate]) -> Candidate:
    """Of the dropped verdicts on a mention, the one on the reading that was found: same code
    and actors (a role may have been given a country), else same code, else the first."""
    if found is not None and found.code:
        m = _PAIR.match(found.detail)
        src, tgt = (m.group(1), m.group(2)) if m else (None, None)
        for v in verdicts:
            e = v.event
            if e is None or e.code != found.code:
                continue
            if src is None or (_same_actor(e.source, src) and _same_actor(e.target, tgt)):
                return v
        for v in verdicts:
            if v.event is not None and v.event.code == found.code:
                return v
    return verdicts[0]


class _Mention:
    def __init__(self, key: Key):
        self.key = key
        self.early: list[Candidate] = []
        self.verdicts: list[Candidate] = []


class _Mentions:
    """The candidates of an article by occurrence. A record without an offset (a coder that
    does not give one) joins the first occurrence of its words in its sentence."""

    def __init__(self) -> None:
        self.by_key: dict[Key, _Mention] = {}

    def of(self, key: Key) -> _Mention:
        if key[2] is None:
            for k, m in self.by_key.items():
                if k[:2] == key[:2]:
                    return m
        elif key not in self.by_key and (key[0], key[1], None) in self.by_key:
            return self.by_key[(key[0], key[1], None)]
        return self.by_key.setdefault(key, _Mention(key))


def _mentions(coded: CodedArticle) -> list[_Mention]:
    found = _Mentions()
    for c in coded.candidates:
        if c.trigger == SENTENCE and c.reason == "classifier scores":
            continue
        if _staged(c) and c.event is not None:
            for key in _keys(c.event):
                found.of(key).verdicts.append(c)
        else:
            found.of((c.sentence, c.trigger, c.start)).early.append(c)
    return sorted(found.by_key.values(), key=lambda m: m.key[0])


def _is_at(e: Event, key: Key) -> bool:
    return (e.sentence, e.trigger.text) == key[:2] and key[2] in (None, e.trigger.start)


def _story(m: _Mention, coded: CodedArticle, staged: bool) -> Story:
    s = Story(sentence=m.key[0], trigger=m.key[1], start=m.key[2], verdicts=m.verdicts)
    first = next((c for c in m.early if c.kept), None)
    s.first = first
    s.last = m.early[-1] if m.early else None
    if first is not None:
        s.found = _found(first)
    for c in m.early:
        if c is first:
            continue
        if c.kept and c.code:
            s.changes.append(f"also {_found(c)}")
        elif not c.kept and (first is not None or c is not m.early[-1] or m.verdicts):
            change = f"set aside by the {_said(c)}"
            if change not in s.changes:
                s.changes.append(change)
    if staged and m.verdicts:
        _article_stage(s, m, first)
        return s
    last = s.last
    s.events = [e for e in coded.events if _is_at(e, m.key)]
    s.kept = bool(s.events)
    if s.kept:
        s.reason = "an event of the dataset" + ("" if staged else " (no article stage)")
        s.decided_by = _who(first) if first is not None else "sentence coder"
    elif last is not None and not last.kept:
        s.reason = _said(last)
        s.decided_by = _who(last)
        if s.changes and s.changes[-1] == f"set aside by the {_said(last)}":
            s.changes.pop()
    else:
        s.reason = "not weighed by the article stage" if staged else "not among the events"
        s.decided_by = "article stage" if staged else "sentence coder"
    return s


def _article_stage(s: Story, m: _Mention, first: Candidate | None) -> None:
    kept = [v for v in m.verdicts if v.kept and v.event is not None]
    codes = list(dict.fromkeys(v.event.code for v in m.verdicts if v.event is not None))
    n = len(m.verdicts)
    weighed = f"article stage weighed {n} reading{'s' if n > 1 else ''} ({', '.join(codes)})"
    if kept:
        s.kept = True
        s.decided_by = _verdict_by(kept[0])
        parts = []
        for v in kept:
            e = v.event
            assert e is not None
            at_lead = _is_at(e, m.key)
            with_lead = "" if at_lead else f", one event with s{e.sentence} '{e.trigger.text}'"
            hows = _hows(e.rule) if at_lead else []
            made = f" ({'; '.join(hows)})" if hows else ""
            parts.append(f"kept as {e.code} {_pair(e)}{made}{with_lead}: {_verdict(v)}")
        if n > 1:
            s.changes.append(weighed)
        s.reason = "; ".join(parts)
        return
    v = _primary(first, m.verdicts)
    s.decided_by = _verdict_by(v)
    if n > 1:
        s.changes.append(weighed + ", none kept")
    e = v.event
    if e is None:  # not a staged verdict: cannot happen, said plainly all the same
        s.reason = _verdict(v)
        return
    hows = _hows(e.rule)
    reading = f"the reading {e.code} {_pair(e)}" + (f" ({'; '.join(hows)})" if hows else "")
    s.reason = f"{reading}: {_verdict(v)}" if n > 1 or hows or first is None else _verdict(v)


def candidate_stories(coded: CodedArticle) -> list[Story]:
    """One story per candidate, in sentence order (see the module docstring)."""
    staged = any(_staged(c) for c in coded.candidates)
    stories = [_story(m, coded, staged) for m in _mentions(coded)]
    _number_occurrences(stories)
    return stories


def _number_occurrences(stories: list[Story]) -> None:
    """Several occurrences of one word in one sentence: each is told in text order, in the
    places the coder's order gave them, and says which one it is."""
    slots: dict[tuple[int, str], list[int]] = {}
    for i, st in enumerate(stories):
        if st.start is not None:
            slots.setdefault((st.sentence, st.trigger), []).append(i)
    for where in slots.values():
        if len(where) < 2:
            continue
        ordered = sorted((stories[i] for i in where), key=lambda st: st.start or 0)
        for n, (i, st) in enumerate(zip(where, ordered), 1):
            st.occurrence = (n, len(where))
            stories[i] = st


def _classifier_notes(coded: CodedArticle) -> dict[int, str]:
    return {
        c.sentence: c.detail
        for c in coded.candidates
        if c.trigger == SENTENCE and c.reason == "classifier scores" and c.detail
    }


def _explain_candidates(coded: CodedArticle) -> list[str]:
    lines = ["  candidates (one line each: what was found, what changed it => kept or dropped, and why):"]
    stories: dict[int, list[Story]] = {}
    for st in candidate_stories(coded):
        stories.setdefault(st.sentence, []).append(st)
    notes = _classifier_notes(coded)
    for i, sent in enumerate(coded.sentences):
        lines.append(f"    s{i}: {sent.text.strip()[:100]}")
        if i in notes:
            lines.append(f"        classifier's roots for the sentence: {notes[i]}")
        if not stories.get(i):
            lines.append("        (no candidate trigger)")
        for st in stories.get(i, ()):
            lines.append(f"        {st.line()}")
    return lines


# --- the same stories as JSON ----------------------------------------------------------------


def _entry(*texts: str | None) -> str | None:
    """The lexicon entry named first in these texts (a record's detail, an event's rule)."""
    for text in texts:
        if not text:
            continue
        m = _PAIR.match(text)
        inner = m.group(3) if m else text
        hit = _ENTRY.match(inner)
        if hit:
            return hit.group(1)
    return None


def _actor_json(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"code": ref.code, "name": ref.name, "text": ref.text, "rule": ref.rule}


def _coded_actor(code: str | None) -> dict[str, Any] | None:
    """An actor a record names by code only ('-' and 'None': none)."""
    return None if code in (None, "-", "None") else {"code": code}


def _found_json(c: Candidate | None) -> dict[str, Any] | None:
    if c is None:
        return None
    m = _PAIR.match(c.detail)
    return {
        "by": _who(c),
        "code": c.code,
        "name": _name_of(c.code),
        "source": _coded_actor(m.group(1)) if m else None,
        "target": _coded_actor(m.group(2)) if m else None,
        "entry": _entry(c.detail),
        "as": c.reason,
    }


def _reading_json(e: Event, verdict: Candidate | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": e.code,
        "name": _name_of(e.code),
        "source": _actor_json(e.source),
        "target": _actor_json(e.target),
        "reported_by": _actor_json(e.reported_by),
        "status": e.status,
        "entry": _entry(e.rule),
        "rule": e.rule,
    }
    if _hows(e.rule):
        out["made_by"] = _hows(e.rule)
    if verdict is not None:
        out["kept"] = verdict.kept
        out["by"] = _verdict_by(verdict)
        out["reason"] = _verdict(verdict)
    return out


def _trigger_json(st: Story, coded: CodedArticle) -> dict[str, Any]:
    end = None
    if st.start is not None:
        end = st.start + len(st.trigger)
        if coded.article.text[st.start : end] != st.trigger:  # offsets into another text: do not claim them
            end = None
    return {"text": st.trigger or SENTENCE, "start": st.start, "end": end}


def _story_json(st: Story, coded: CodedArticle, notes: dict[int, str]) -> dict[str, Any]:
    sentences = coded.sentences
    text = sentences[st.sentence].text.strip() if 0 <= st.sentence < len(sentences) else None
    readings = [_reading_json(v.event, v) for v in st.verdicts if v.event is not None]
    readings += [_reading_json(e) for e in st.events]
    return {
        "sentence": st.sentence,
        "sentence_text": text,
        "classifier_roots": notes.get(st.sentence),
        "trigger": _trigger_json(st, coded),
        "occurrence": list(st.occurrence) if st.occurrence else None,
        "kept": st.kept,
        "found": _found_json(st.first),
        "entry": _entry(st.first.detail if st.first else None, st.last.detail if st.last else None)
        or next((r["entry"] for r in readings if r["entry"]), None),
        "changes": list(st.changes),
        "readings": readings,
        "decided_by": st.decided_by,
        "reason": st.reason,
        "line": st.line(),
    }


def explain_records(coded: CodedArticle) -> list[dict[str, Any]]:
    """The --explain stories as JSON (`code --format json --explain`, key "explain"): one
    object per candidate with what the text line says, field by field (docs/cli.md)."""
    notes = _classifier_notes(coded)
    return [_story_json(st, coded, notes) for st in candidate_stories(coded)]


# --- the table ------------------------------------------------------------------------


def _event_lines(coded: CodedArticle, explain: bool) -> list[str]:
    lines = [f"  events ({len(coded.events)}):"]
    for e in coded.events:
        lines.append(
            f"    [{e.status}] {e.code} {_actor(e.source)} -> {_actor(e.target)} "
            f"'{e.trigger.text}' date={e.date} s{e.sentence} conf={e.confidence:.2f}"
        )
        if explain:
            said = f" | reported by {_actor(e.reported_by)}" if e.reported_by else ""
            lines.append(
                f"        {e.code}{_code_name(e.code)}; PLOVER {e.plover_event or '-'}"
                f"{'/' + e.plover_mode if e.plover_mode else ''}; Goldstein {e.goldstein}{said}"
            )
            lines.append(f"        rule: {e.rule}")
    return lines


def _dropped_events(coded: CodedArticle) -> list[str]:
    dropped = [c for c in coded.candidates if c.event is not None and not c.kept]
    lines = [f"  candidate events not in the dataset ({len(dropped)}):"]
    for c in dropped:
        e = c.event
        assert e is not None
        lines.append(
            f"    [{e.status}] {e.code} {_actor(e.source)} -> {_actor(e.target)} "
            f"'{e.trigger.text}' s{e.sentence}: {c.reason}" + (f" ({c.detail})" if c.detail else "")
        )
    return lines


def render_table(coded: CodedArticle, explain: bool = False, all_candidates: bool = False) -> str:
    art = coded.article
    lines = [f"# {art.title or art.id}"]
    meta = [
        f"{k}: {getattr(art, k)}"
        for k in ("agency", "outlet", "byline", "published", "updated", "url")
        if getattr(art, k)
    ]
    if meta:
        lines.append("  " + " | ".join(meta))
    if coded.skipped:
        lines.append(f"  skipped: {coded.skipped}")
        return "\n".join(lines)
    lines += _event_lines(coded, explain)
    if all_candidates:
        lines += _dropped_events(coded)
    lines.append(f"  quotes ({len(coded.quotes)}):")
    for q in coded.quotes:
        who = (q.speaker.name or q.speaker.text) if q.speaker else "(unknown speaker)"
        text = q.text if len(q.text) < 90 else q.text[:87] + "..."
        lines.append(f'    {q.kind}: {who}: "{text}"')
    lines.append("  actors: " + ", ".join(f"{a.name}={a.code}" for a in coded.actors))
    lines.append("  dates: " + ", ".join(f"{d.text}={d.value}" for d in coded.dates))
    lines.append("  places: " + ", ".join(f"{p.text}={p.country}" for p in coded.places))
    if explain:
        lines += _explain_candidates(coded)
    return "\n".join(lines)
