"""spaCy component `tidings_story`: reads doc._.events and doc._.candidates (the sentence
coder's mentions), doc._.actor_mentions, doc._.root_scores and doc._.dateline_place; writes
doc._.events (the events of the dataset, one per happening) and doc._.candidates (every
reading considered, kept or dropped, with the reason).

Config: "judge" (use the learned judge when it is installed), "min_confidence" (the judge's
threshold; None: the threshold chosen in cross-validation, stored with the model).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.language import Language

from ..events.codebook import load_codebook
from ..records import Candidate, Event, EventMention, TimeRef, content_id
from .features import article_context, group_part, reading_part
from .groups import ROLE_ONLY, Group, group_hypotheses
from .hypotheses import Hypothesis, home_country, hypotheses, trigger_starts
from .roots import load_roots, trigger_token
from .judge import Judge, load_judge
from .mirrors import MIRROR_P, mirror_key, mirrored_group, two_sided
from .dating import REPORT_VERBS, dated_verbs, governing_date, press_day
from .keys import NONE_KEY
from .rules import (
    accident,
    announced_acts,
    between_firms,
    market_side,
    match_result,
    minor_pairs,
    sports_people,
    thing_target,
)

__all__ = ["StoryStage", "make_story", "dyadic_roots", "SHORT_INPUT"]

# a text of at most this many sentences (a sentence) is all main events: the sentence coder's own readings
# that the rules let through are kept whatever the judge gives them (the judge learned from
# whole articles, where most mentions are not what the story is about), and where it has
# none, the judge's surest other reading (an actor taken from the sentence, another root).
SHORT_INPUT = 1
LEAD_DAYS = 7  # how far before publication the lead's day may lie
# a reading of a mention another group holds is kept too when the judge gives it this much and
# it differs from the holder only in a party (chosen on the training articles: 0.3/0.4/0.5)
SHARED_MENTION_P = 0.4


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
    lead: object = None  # the reading the judge found likeliest (None: the group's best)


class StoryStage:
    def __init__(self, judge: Judge | None, min_confidence: float | None = None, roots=None):
        self.judge = judge
        self.roots = roots
        # the judge's threshold (no judge: none, every reading the rules let through is kept)
        self.threshold: float = (
            min_confidence if min_confidence is not None else (judge.default_threshold if judge is not None else 0.0)
        )
        self.codebook = load_codebook()

    def __call__(self, doc):
        scores = self._trigger_scores(doc)
        groups = group_hypotheses(hypotheses(doc, scores))
        home, _ = home_country(doc)
        verdicts = self.rules(groups, judged=self.judge is not None, doc=doc)
        todo = [v for v in verdicts if v.kept and v.group.status == "asserted"]
        if todo:
            others = any(v.kept and v.group.status != "asserted" for v in verdicts)
            ctx = article_context(doc, groups, home, scores)
            self._judge(todo, ctx, others)
            if self.judge is not None and ctx.n_sents > SHORT_INPUT:
                verdicts += self._mirrors(verdicts)
        self._one_reading_per_mention(verdicts)
        self._announced(verdicts)
        # the sentence coder's set-aside events were weighed again above: their records stay
        # as the sentence coder's explanation, the events as this stage's verdicts
        events, cands = [], [replace(c, event=None) if c.event is not None else c for c in doc._.candidates or ()]
        leads, dated = lead_dates(doc), dated_verbs(doc, LEAD_DAYS)
        for v in verdicts:
            event = self._event(v, leads[v.group.key[0] in SAID_ROOTS], doc, dated)
            if v.kept:
                events.append(event)
            cands.append(
                Candidate(
                    sentence=event.sentence,
                    trigger=event.trigger.text,
                    kept=v.kept,
                    reason=v.reason,
                    code=event.code,
                    detail=v.detail,
                    event=event,
                )
            )
        events.sort(key=lambda e: (e.sentence, e.trigger.start, e.code))
        doc._.events = events
        doc._.candidates = cands
        return doc

    def _trigger_scores(self, doc) -> dict[int, dict[str, float]]:
        """The learned root model's scores of the sentence coder's triggers."""
        if self.roots is None:
            return {}
        starts = trigger_starts(doc)
        tokens = [trigger_token(doc, s) for s in starts]
        pairs = [(s, t) for s, t in zip(starts, tokens) if t is not None]
        return dict(zip((s for s, _ in pairs), self.roots.scores_many([t for _, t in pairs])))

    @staticmethod
    def rules(groups: list[Group], judged: bool, doc=None) -> list[Verdict]:
        """What is not an event whatever the judge says (and why): see `_rule`."""
        facts = _Facts(groups, doc)
        out = []
        for k, g in enumerate(groups):
            reason, detail = _rule(k, g, facts, judged)
            out.append(Verdict(g, reason == "kept", reason, detail))
        return out

    def _judge(self, verdicts: list[Verdict], ctx, others: bool = False) -> None:
        """Weigh the asserted groups; `others`: the text already has events of other statuses."""
        if self.judge is None:
            return
        shared, rows, owner = [], [], []
        for n, v in enumerate(verdicts):
            shared.append(group_part(v.group, ctx))
            for h in v.group.members:  # the judge reads {**shared, **reading} (reading_features)
                rows.append((n, reading_part(h, v.group, ctx)))
                owner.append((n, h))
        every = self.judge.probabilities_of_parts(shared, rows)
        probs = [-1.0] * len(verdicts)
        for (n, h), p in zip(owner, every):  # a group is as likely as its likeliest reading, which leads it
            if p > probs[n]:
                probs[n], verdicts[n].lead = p, h
        if ctx.n_sents <= SHORT_INPUT:
            self._judge_short(verdicts, probs, others)
            return
        for v, p in zip(verdicts, probs):
            v.p = p
            if p >= self.threshold:
                v.detail = f"p={p:.3f}"
            else:
                v.kept, v.reason = False, "judge"
                v.detail = f"p={p:.3f} < {self.threshold:.3f}"

    @staticmethod
    def _mirrors(verdicts: list[Verdict]) -> list[Verdict]:
        """The other side of each two-sided act the judge is sure of (story.mirrors): a
        mirror image the judge alone dropped is kept; a missing one is made (returned)."""
        by_key = {v.group.key: v for v in verdicts if v.group.status == "asserted"}
        made: list[Verdict] = []
        for v in list(by_key.values()):
            if not v.kept or not two_sided(v.group) or (v.p or 0.0) < MIRROR_P:
                continue
            other = by_key.get(mirror_key(v.group.key))
            why = f"the other side of a {v.group.code()} event the judge keeps with p={v.p:.3f} >= {MIRROR_P}"
            if other is not None:
                if not other.kept and other.reason == "judge":
                    other.kept, other.reason, other.detail = True, "kept", f"{other.detail}; kept as {why}"
                continue
            group = mirrored_group(v.group, v.lead if isinstance(v.lead, Hypothesis) else v.group.best())
            if group is not None and group.key not in by_key:
                by_key[group.key] = Verdict(group, True, "kept", f"made as {why}", v.p)
                made.append(by_key[group.key])
        return made

    @staticmethod
    def _judge_short(verdicts: list[Verdict], probs: list[float], others: bool = False) -> None:
        """A short text: the sentence coder's readings stand; if it has none (and no event of
        another status), the surest other reading (an actor taken from the sentence, another
        root) is its event."""
        coded = [v.group.best().how == "coded" for v in verdicts]
        surest = None if any(coded) or others else max(range(len(verdicts)), key=lambda k: probs[k])
        for k, (v, p) in enumerate(zip(verdicts, probs)):
            v.p = p
            if coded[k]:
                v.detail = f"p={p:.3f}; the sentence coder's reading, in a short text"
            elif k == surest:
                v.detail = f"p={p:.3f}; the surest reading of a short text"
            else:
                v.kept, v.reason = False, "judge"
                v.detail = f"p={p:.3f}; a short text keeps the sentence coder's readings"

    @staticmethod
    def _one_reading_per_mention(verdicts: list[Verdict]) -> None:
        """A mention gives one event. Each mention goes to the kept group that holds the sentence
        coder's own reading of it, else to the surest kept group that holds another reading of
        it; a kept group keeps only the readings of its mentions, and with none left, it is
        dropped."""
        kept = [v for v in verdicts if v.kept]
        owner: dict[str, Verdict] = {}
        for v in sorted(
            kept, key=lambda v: (not any(h.how == "coded" for h in v.group.members), -(v.p if v.p is not None else 1.0))
        ):
            for h in v.group.members:
                if h.origin not in owner or (
                    h.how == "coded"
                    and not any(x.how == "coded" and x.origin == h.origin for x in owner[h.origin].group.members)
                ):
                    owner[h.origin] = v
        for v in kept:
            mine = [h for h in v.group.members if owner.get(h.origin) is v]
            if not mine:
                mine = [h for h in v.group.members if _another_party(v, owner.get(h.origin))]
            if not mine:
                v.kept, v.reason, v.detail = False, "other reading", "another reading of the same mention is kept"
            else:
                v.group.members = mine

    @staticmethod
    def _announced(verdicts: list[Verdict]) -> None:
        """An act announced for the future whose announcement is kept as an asserted intent
        (036 for "will meet") is that one happening: the intent is its event."""
        for k in announced_acts([v.group for v in verdicts], [v.kept for v in verdicts]):
            v = verdicts[k]
            v.kept, v.reason = False, "announced act"
            v.detail = "its announcement is kept as an asserted intent (CAMEO 03x), the event of this happening"

    def _event(self, v: Verdict, lead: TimeRef | None = None, doc=None, dated: dict | None = None) -> Event:
        g = v.group
        best = v.lead if v.lead is not None and v.lead in g.members else g.best()
        e = best.event
        code = g.code()
        info = self.codebook.get(code)
        mentions = sorted(
            {(h.event.sentence, h.event.trigger.start): h.event for h in g.members}.values(),
            key=lambda m: (m.sentence != e.sentence or m.trigger.start != e.trigger.start, m.sentence),
        )
        how = "" if best.how == "coded" else f" {best.how}"
        how += "".join(f" {fill}" for fill in best.fills)
        date, date_text = g.date()
        clause = (
            governing_date(doc, e, dated, g.key[0] in SAID_ROOTS)
            if date_text is None and dated and g.status == "asserted"
            else None
        )
        if clause is not None:
            date = clause.value
            how += f" date:clause({clause.text!r})"
        elif date_text is None and lead is not None and g.status == "asserted":
            date = lead.value
            how += f" date:lead({lead.text!r})"
        judged = f" judge:p={v.p:.2f}" if v.p is not None else ""
        return replace(
            e,
            id=content_id(e.id, code, e.source.code if e.source else None, e.target.code if e.target else None),
            code=code,
            root=code[:2],
            date=date,
            date_text=date_text,
            quad_class=info.quad if info else e.quad_class,
            penta_class=info.penta if info else e.penta_class,
            goldstein=info.goldstein if info else e.goldstein,
            plover_event=info.plover_event if info else e.plover_event,
            plover_mode=info.plover_mode if info else e.plover_mode,
            confidence=round(v.p, 4) if v.p is not None else e.confidence,
            rule=f"{e.rule} |story:{len(mentions)} mention(s){how}{judged}",
            mentions=tuple(EventMention(m.sentence, m.trigger, m.code, m.rule) for m in mentions),
        )


def lead_date(doc, days: int = LEAD_DAYS, said: bool = False) -> TimeRef | None:
    """The day the article's news happened, for asserted events whose own clause gives no
    time: the first day-precise time expression of the text that falls on the publication
    day or in the `days` before it ("on Thursday" in the lead of Saturday's story). For an
    act (not `said`), one that dates a report ("..., the ministry said Tuesday") is passed
    over when another follows; what is said is done the day it is said. Without one, such
    events keep the publication date."""
    published = doc._.published
    if isinstance(published, dt.datetime):
        published = published.date()
    if not isinstance(published, dt.date):
        return None
    found = []
    for t in sorted(doc._.timexes or (), key=lambda t: t.start):
        if t.precision != "day" or not t.value or len(t.value) != 10:
            continue
        try:
            day = dt.date.fromisoformat(t.value)
        except ValueError:
            continue
        if 0 <= (published - day).days <= days:
            found.append(t)
    news = [t for t in found if said or not _dates_a_report(doc, t)]
    lead = (news or found or [None])[0]
    return press_day(doc, lead) or lead  # "local media reported Friday": Thursday's news


def lead_dates(doc) -> tuple[TimeRef | None, TimeRef | None]:
    """The lead date of acts and of what is said (`lead_date`), indexed by "is it said"."""
    return lead_date(doc), lead_date(doc, said=True)


# roots of events that are done by saying them (statements, appeals, intents, praise, accusations,
# demands, disapproval, rejections, threats): dated by the report that carries them
SAID_ROOTS = frozenset({"01", "02", "03", "05", "09", "10", "11", "12", "13"})


def _dates_a_report(doc, t: TimeRef) -> bool:
    """The time expression dates the report ("..., the ministry said Tuesday"), not the news."""
    if not hasattr(doc, "char_span"):
        return False  # timexes without their text
    tok = trigger_token(doc, t.start)
    for _ in range(4):
        if tok is None or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok is not None and tok.lemma_.lower() in REPORT_VERBS


class _Facts:
    """What the rules need to know about the article's groups."""

    def __init__(self, groups: list[Group], doc):
        self.doc = doc
        self.short = doc is not None and sum(1 for _ in doc.sents) <= SHORT_INPUT
        self.dyadic = dyadic_roots()
        self.others = {h.event.sentence for g in groups if g.key[0] != "01" for h in g.members if h.how == "coded"}
        self.minor = minor_pairs(groups)


def _another_party(v: Verdict, owner: Verdict | None) -> bool:
    """Whether a sure reading (p >= SHARED_MENTION_P) of a mention that another group holds is
    the same act with another party ("ordered the Americans and the Britons to assemble"):
    same root, other source or target. Such a reading keeps the mention too."""
    return (
        owner is not None
        and owner is not v
        and v.p is not None
        and v.p >= SHARED_MENTION_P
        and owner.group.key[0] == v.group.key[0]
        and owner.group.key != v.group.key
    )


def _rule(k: int, g: Group, facts: _Facts, judged: bool) -> tuple[str, str]:
    """No coded source; a dyadic act with no target; violence aimed at a thing; a pair of a
    many-party joint act not led by its first-named party; a bare statement that only carries another event of its
    sentence; and, with no judge to weigh them, readings the stage made up."""
    root, skey, tkey = g.key
    if skey == NONE_KEY:
        return "no source", "no coded source, in the sentence or from the article"
    if skey.startswith(ROLE_ONLY) and not facts.short:
        return "no source", f"the source is a role ({skey[1:]}) whose country the article does not give"
    if root in facts.dyadic and tkey == NONE_KEY and all(h.event.target is None for h in g.members):
        return "no target", f"a root-{root} act needs someone it is done to or with"
    if thing_target(g, facts.doc):
        return "not violence", "its target is a thing, not people, forces or a place"
    if accident(g, facts.doc):
        return "not violence", "the text puts the harm down to a disaster or an accident, not to anyone"
    if match_result(g, facts.doc):
        return "match result", "a verb with a score is a result of sport, not a political event"
    if between_firms(g, facts.doc):
        return "firms", "a deal or dispute between firms is no political event"
    if market_side(g, facts.doc):
        return "market", "a side of it is a market, not an actor"
    if sports_people(g, facts.doc):
        return "sport", "a side of it is a sportsperson, not a political actor"
    if k in facts.minor:
        return "joint act", "an act of three or more parties is coded from the first-named one"
    # only a bare 010 is a carrier: "expressed concern about", "denied", "claimed responsibility
    # for" (012, 016, 015 ...) are events of their own beside what they are about
    if g.code() == "010" and tkey == NONE_KEY and all(h.event.sentence in facts.others for h in g.members):
        return "carrier", "a bare statement (010) that carries another event of its sentence"
    if g.status == "asserted" and not judged and g.best().how != "coded":
        return "unjudged reading", "an actor taken from the sentence needs the judge"
    return "kept", ""


@Language.factory(
    "tidings_story",
    assigns=["doc._.events", "doc._.candidates"],
    default_config={"judge": True, "min_confidence": None},
)
def make_story(nlp, name, judge, min_confidence):
    return StoryStage(load_judge() if judge else None, min_confidence, load_roots() if judge else None)
