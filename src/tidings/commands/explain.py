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

from ..records import Candidate, CodedArticle

__all__ = ["render_table", "candidate_stories", "Story"]


def _actor(a) -> str:
    if a is None:
        return "-"
    return f"{a.code or '?'} ({a.text})"


def _code_name(code) -> str:
    """The CAMEO name of a code, for readers who do not know the numbers by heart."""
    if not code:
        return ""
    try:
        from ..events.codebook import load_codebook

        info = load_codebook().get(code)
    except Exception:  # the codebook is optional for rendering
        return ""
    return f" ({info.name})" if info else ""


# --- one story per candidate -------------------------------------------------------------

SENTENCE = "(sentence)"
_PAIR = re.compile(r"^(\S+) -> (\S+) \((.*)\)$")
# how the article stage made a reading other than the sentence coder's own (story/hypotheses.py)
_HOW = {
    "target:sentence": "target taken from the sentence",
    "target:article": "target: one of the article's main actors",
    "source:reporter": "source: the one who reported it",
    "source:sentence": "source taken from the sentence",
    "source:article": "source: one of the article's main actors",
    "source:place": "source: the country where it happened",
    "root:learned": "root from the learned root model",
    "root:classifier": "root from the sentence classifier",
    "root:trigger": "root of another trigger of the sentence",
}
_COUNTRY_FROM = {
    "place": "the place of the act",
    "other": "the other actor",
    "home-dateline": "the dateline",
    "home-article": "the article's main country",
}


@dataclass
class Story:
    """What became of one candidate: `found` (what found it, as what), `changes` (who changed
    it on the way), `kept`, and the one `reason` that decided."""

    sentence: int
    trigger: str
    found: str = ""
    changes: list[str] = field(default_factory=list)
    kept: bool = False
    reason: str = ""

    def line(self) -> str:
        trigger = self.trigger or SENTENCE
        head = f"{'kept' if self.kept else 'dropped'}: '{trigger}'"
        body = "; ".join(x for x in [self.found, *self.changes] if x)
        return f"{head}" + (f" {body}" if body else "") + f" => {self.reason}"


def _staged(c: Candidate) -> bool:
    """A verdict of the article stage (it carries the event as it would be)."""
    return c.event is not None and "|story:" in (c.event.rule or "")


def _who(c: Candidate) -> str:
    return "classifier" if c.reason.startswith("classifier") else "sentence coder"


def _pair(e) -> str:
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


def _verdict(v: Candidate) -> str:
    """The article stage's reason for a verdict."""
    if v.reason == "kept":
        if v.detail:
            return f"the judge: {v.detail}" if v.detail.startswith("p=") else f"article stage: {v.detail}"
        if v.event.status != "asserted":
            return f"article stage: no rule against it (the judge weighs asserted events, this is {v.event.status})"
        return "article stage: no rule against it (no judge)"
    if v.reason == "judge":
        return f"the judge: {v.detail}"
    return f"article stage: {v.reason}" + (f": {v.detail}" if v.detail else "")


def _keys(v: Candidate) -> list[tuple[int, str]]:
    e = v.event
    keys = [(m.sentence, m.trigger.text) for m in e.mentions] if e.mentions else []
    return keys or [(e.sentence, e.trigger.text)]


def _primary(found: Candidate | None, verdicts: list[Candidate]) -> Candidate:
    """Of the dropped verdicts on a mention, the one on the reading that was found: same code
    and actors (a role may have been given a country), else same code, else the first."""
    if found is not None and found.code:
        m = _PAIR.match(found.detail)
        src, tgt = (m.group(1), m.group(2)) if m else (None, None)

        def same(ref, code):
            return (ref is None and code in ("-", None)) or (ref is not None and code and str(ref.code).endswith(code))

        for v in verdicts:
            e = v.event
            if e.code == found.code and (src is None or (same(e.source, src) and same(e.target, tgt))):
                return v
        for v in verdicts:
            if v.event.code == found.code:
                return v
    return verdicts[0]


class _Mention:
    def __init__(self, key: tuple[int, str]):
        self.key = key
        self.early: list[Candidate] = []
        self.verdicts: list[Candidate] = []


def _mentions(coded: CodedArticle) -> list[_Mention]:
    by_key: dict[tuple[int, str], _Mention] = {}
    for c in coded.candidates:
        if c.trigger == SENTENCE and c.reason == "classifier scores":
            continue
        if _staged(c):
            for key in _keys(c):
                by_key.setdefault(key, _Mention(key)).verdicts.append(c)
        else:
            by_key.setdefault((c.sentence, c.trigger), _Mention((c.sentence, c.trigger))).early.append(c)
    return sorted(by_key.values(), key=lambda m: m.key[0])


def _story(m: _Mention, coded: CodedArticle, staged: bool) -> Story:
    s = Story(sentence=m.key[0], trigger=m.key[1])
    first = next((c for c in m.early if c.kept), None)
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
    last = m.early[-1] if m.early else None
    s.kept = any((e.sentence, e.trigger.text) == m.key for e in coded.events)
    if s.kept:
        s.reason = "an event of the dataset" + ("" if staged else " (no article stage)")
    elif last is not None and not last.kept:
        s.reason = _said(last)
        if s.changes and s.changes[-1] == f"set aside by the {_said(last)}":
            s.changes.pop()
    else:
        s.reason = "not weighed by the article stage" if staged else "not among the events"
    return s


def _article_stage(s: Story, m: _Mention, first: Candidate | None) -> None:
    kept = [v for v in m.verdicts if v.kept]
    codes = list(dict.fromkeys(v.event.code for v in m.verdicts))
    n = len(m.verdicts)
    weighed = f"article stage weighed {n} reading{'s' if n > 1 else ''} ({', '.join(codes)})"
    if kept:
        s.kept = True
        parts = []
        for v in kept:
            e = v.event
            lead = (e.sentence, e.trigger.text)
            with_lead = "" if lead == m.key else f", one event with s{e.sentence} '{e.trigger.text}'"
            hows = _hows(e.rule) if lead == m.key else []
            made = f" ({'; '.join(hows)})" if hows else ""
            parts.append(f"kept as {e.code} {_pair(e)}{made}{with_lead}: {_verdict(v)}")
        if n > 1:
            s.changes.append(weighed)
        s.reason = "; ".join(parts)
        return
    v = _primary(first, m.verdicts)
    if n > 1:
        s.changes.append(weighed + ", none kept")
    e = v.event
    hows = _hows(e.rule)
    reading = f"the reading {e.code} {_pair(e)}" + (f" ({'; '.join(hows)})" if hows else "")
    s.reason = f"{reading}: {_verdict(v)}" if n > 1 or hows or first is None else _verdict(v)


def candidate_stories(coded: CodedArticle) -> list[Story]:
    """One story per candidate, in sentence order (see the module docstring)."""
    staged = any(_staged(c) for c in coded.candidates)
    return [_story(m, coded, staged) for m in _mentions(coded)]


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
        who = q.speaker.name if q.speaker else "(unknown speaker)"
        text = q.text if len(q.text) < 90 else q.text[:87] + "..."
        lines.append(f'    {q.kind}: {who}: "{text}"')
    lines.append("  actors: " + ", ".join(f"{a.name}={a.code}" for a in coded.actors))
    lines.append("  dates: " + ", ".join(f"{d.text}={d.value}" for d in coded.dates))
    lines.append("  places: " + ", ".join(f"{p.text}={p.country}" for p in coded.places))
    if explain:
        lines += _explain_candidates(coded)
    return "\n".join(lines)
