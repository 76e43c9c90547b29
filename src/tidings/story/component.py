"""spaCy component `tidings_story`: reads doc._.events and doc._.candidates (the sentence
coder's mentions), doc._.actor_mentions, doc._.root_scores and doc._.dateline_place; writes
doc._.events (the events of the dataset, one per happening) and doc._.candidates (every
reading considered, kept or dropped, with the reason).

Config: "judge" (use the learned judge when it is installed), "min_confidence" (the judge's
threshold; None: the threshold chosen in cross-validation, stored with the model).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.language import Language

from ..events.codebook import load_codebook
from ..records import Candidate, Event, EventMention, content_id
from .features import article_context, group_features
from .groups import Group, group_hypotheses
from .hypotheses import home_country, hypotheses
from .judge import Judge, load_judge
from .keys import NONE_KEY

__all__ = ["StoryStage", "make_story", "dyadic_roots"]


@lru_cache(maxsize=1)
def dyadic_roots() -> frozenset[str]:
    path = resources.files("tidings") / "data" / "story" / "dyadic.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return frozenset(r[0].strip() for r in rows if r and r[0].strip() != "root")


@dataclass
class Verdict:
    group: Group
    kept: bool
    reason: str
    detail: str
    p: float | None = None


class StoryStage:
    def __init__(self, judge: Judge | None, min_confidence: float | None = None):
        self.judge = judge
        self.threshold = min_confidence if min_confidence is not None else (
            judge.default_threshold if judge is not None else None)
        self.codebook = load_codebook()

    def __call__(self, doc):
        hyps = hypotheses(doc)
        groups = group_hypotheses(hyps)
        home, _ = home_country(doc)
        verdicts = self.rules(groups, judged=self.judge is not None)
        todo = [v for v in verdicts if v.kept and v.group.status == "asserted"]
        if todo:
            self._judge(todo, article_context(doc, groups, home))
        self._one_reading_per_mention(verdicts)
        events, cands = [], list(doc._.candidates or ())
        for v in verdicts:
            event = self._event(v)
            if v.kept:
                events.append(event)
            cands.append(Candidate(sentence=event.sentence, trigger=event.trigger.text, kept=v.kept,
                                   reason=v.reason, code=event.code, detail=v.detail, event=event))
        events.sort(key=lambda e: (e.sentence, e.trigger.start, e.code))
        doc._.events = events
        doc._.candidates = cands
        return doc

    @staticmethod
    def rules(groups: list[Group], judged: bool) -> list[Verdict]:
        """What is not an event whatever the judge says: no coded source, a dyadic act with no
        target, a bare statement that only carries another event of its sentence; and, with no
        judge to weigh them, readings with an actor taken from the sentence."""
        dyadic = dyadic_roots()
        others = {h.event.sentence for g in groups if g.key[0] != "01" for h in g.members if h.how == "coded"}
        out = []
        for g in groups:
            root, skey, tkey = g.key
            if skey == NONE_KEY:
                out.append(Verdict(g, False, "no source", "no coded source, in the sentence or from the article"))
            elif root in dyadic and tkey == NONE_KEY:
                out.append(Verdict(g, False, "no target", f"a root-{root} act needs someone it is done to or with"))
            elif root == "01" and tkey == NONE_KEY and all(h.event.sentence in others for h in g.members):
                out.append(Verdict(g, False, "carrier", "a bare statement that carries another event of its sentence"))
            elif g.status == "asserted" and not judged and g.best().how != "coded":
                out.append(Verdict(g, False, "unjudged reading", "an actor taken from the sentence needs the judge"))
            else:
                out.append(Verdict(g, True, "kept", ""))
        return out

    def _judge(self, verdicts: list[Verdict], ctx) -> None:
        if self.judge is None:
            return
        probs = self.judge.probabilities([group_features(v.group, ctx) for v in verdicts])
        for v, p in zip(verdicts, probs):
            v.p = p
            if p < self.threshold:
                v.kept, v.reason = False, "judge"
                v.detail = f"p={p:.3f} < {self.threshold:.3f}"
            else:
                v.detail = f"p={p:.3f}"

    @staticmethod
    def _one_reading_per_mention(verdicts: list[Verdict]) -> None:
        """A mention gives one event: the surest reading of it is kept, and a kept group all of
        whose mentions already gave an event is dropped."""
        used: set[str] = set()
        kept = sorted((v for v in verdicts if v.kept), key=lambda v: (-(v.p if v.p is not None else 1.0),
                                                                      v.group.key[2] == NONE_KEY))
        for v in kept:
            origins = {h.origin for h in v.group.members}
            if origins <= used:
                v.kept, v.reason, v.detail = False, "other reading", "another reading of the same mention is kept"
            used |= origins

    def _event(self, v: Verdict) -> Event:
        g, best = v.group, v.group.best()
        e = best.event
        code = g.code()
        info = self.codebook.get(code)
        mentions = sorted({(h.event.sentence, h.event.trigger.start): h.event for h in g.members}.values(),
                          key=lambda m: (m.sentence != e.sentence or m.trigger.start != e.trigger.start, m.sentence))
        how = "" if best.how == "coded" else f" {best.how}"
        how += "".join(f" {fill}" for fill in best.fills)
        date, date_text = g.date()
        judged = f" judge:p={v.p:.2f}" if v.p is not None else ""
        return replace(
            e, id=content_id(e.id, code, e.source.code if e.source else None, e.target.code if e.target else None),
            code=code, root=code[:2], date=date, date_text=date_text, quad_class=info.quad if info else e.quad_class,
            penta_class=info.penta if info else e.penta_class, goldstein=info.goldstein if info else e.goldstein,
            plover_event=info.plover_event if info else e.plover_event,
            plover_mode=info.plover_mode if info else e.plover_mode,
            confidence=round(v.p, 4) if v.p is not None else e.confidence,
            rule=f"{e.rule} |story:{len(mentions)} mention(s){how}{judged}",
            mentions=tuple(EventMention(m.sentence, m.trigger, m.code, m.rule) for m in mentions))


@Language.factory("tidings_story", assigns=["doc._.events", "doc._.candidates"],
                  default_config={"judge": True, "min_confidence": None})
def make_story(nlp, name, judge, min_confidence):
    return StoryStage(load_judge() if judge else None, min_confidence)
