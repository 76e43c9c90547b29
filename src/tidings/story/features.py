"""What the judge knows about a story-level tuple: its readings, its actors, where the article
says it, and what kind of article it is. Features are named; the model stores the names it
was trained with, so a feature it does not know is ignored and one it misses is 0."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX

from .groups import Group
from .keys import NONE_KEY, role_of, story_key

__all__ = [
    "ArticleContext",
    "article_context",
    "group_features",
    "reading_features",
    "reading_part",
    "group_part",
    "ROLES",
]

ROLES = (
    "GOV",
    "MIL",
    "COP",
    "REB",
    "INS",
    "CVL",
    "OPP",
    "BUS",
    "MED",
    "JUD",
    "LEG",
    "IGO",
    "NGO",
    "IMG",
    "MNC",
    "PTY",
    "ELI",
    "REF",
    "CRM",
    "SPY",
    "LAB",
    "REL",
    "",
)
NUMBER_ENTS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
NAME_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_CLASSIFIER = re.compile(r"\+classifier\((\d\d)=([0-9.]+)\)")
_ENTRY = re.compile(r"lexicon/(verbs|nouns)\.tsv:([\w-]+)")
_RULE_HEAD = re.compile(r"^([a-z]+)[:/]")


@dataclass
class ArticleContext:
    n_sents: int
    n_tokens: int
    number_share: float
    name_share: float
    actor_mentions: int
    keys: Counter
    home: str | None
    root_scores: dict[int, dict[str, float]] = field(default_factory=dict)
    dyads: Counter = field(default_factory=Counter)  # (source key, target key) -> asserted groups
    targeted: set = field(default_factory=set)  # (root, source key) of asserted groups with a target
    n_groups: int = 0
    doc: Any = None
    token_at: dict = field(default_factory=dict)  # character offset -> token index
    sentence_keys: list = field(default_factory=list)  # per sentence, the actor keys it mentions
    quotes: list = field(default_factory=list)  # (start, end) of direct quotes
    published: dt.date | None = None
    trigger_scores: dict = field(default_factory=dict)  # trigger start -> root -> p (learned root model)
    links: dict = field(default_factory=dict)  # memo of _link_features
    memo: dict = field(default_factory=dict)  # memo of _actor_features and _trigger_features


def _sentence_keys(doc, mentions) -> list[set]:
    starts = [s.start for s in doc.sents]
    out: list[set] = [set() for _ in starts]
    for m in mentions:
        si = bisect_right(starts, m.start) - 1
        if si >= 0 and m.code:
            out[si].add(story_key(m.code))
    return out


def article_context(doc, groups: list[Group], home: str | None, trigger_scores: dict | None = None) -> ArticleContext:
    n_tokens = max(1, len(doc))
    ents = doc.ents  # a new tuple of Spans at every access: read once
    numbers = sum(len(e) for e in ents if e.label_ in NUMBER_ENTS)
    names = sum(len(e) for e in ents if e.label_ in NAME_ENTS)
    mentions = list(doc._.actor_mentions or ())
    asserted = [g for g in groups if g.status == "asserted"]
    return ArticleContext(
        n_sents=max(1, sum(1 for _ in doc.sents)),
        n_tokens=n_tokens,
        number_share=numbers / n_tokens,
        name_share=names / n_tokens,
        actor_mentions=len(mentions),
        keys=Counter(story_key(m.code) for m in mentions if m.code),
        home=home,
        root_scores=dict(getattr(doc._, "root_scores", None) or {}),
        dyads=Counter((g.key[1], g.key[2]) for g in asserted),
        targeted={(g.key[0], g.key[1]) for g in asserted if g.key[2] != NONE_KEY},
        n_groups=len(asserted),
        doc=doc,
        token_at=dict(zip(doc.to_array(IDX).tolist(), range(len(doc)))),
        sentence_keys=_sentence_keys(doc, mentions),
        quotes=[(q.start, q.end) for q in doc._.quotes or () if q.kind == "direct"],
        published=doc._.published if isinstance(doc._.published, dt.date) else None,
        trigger_scores=trigger_scores or {},
    )


def _actor_features(prefix: str, ref, key: str, ctx: ArticleContext) -> dict[str, float]:
    """What an argument is (memoised per article: the readings of a mention share their actors)."""
    if ref is None:
        return _actor_part(prefix, ref, key, ctx)
    memo_key = ("actor", prefix, key, ref.code, ref.country, ref.rule, ref.text)
    found = ctx.memo.get(memo_key)
    if found is None:
        found = ctx.memo[memo_key] = _actor_part(prefix, ref, key, ctx)
    return found


def _actor_part(prefix: str, ref, key: str, ctx: ArticleContext) -> dict[str, float]:
    f: dict[str, float] = {}
    if ref is None or key == NONE_KEY:
        f[f"{prefix}_none"] = 1.0
        return f
    role = role_of(ref.code, ref.country)
    f[f"{prefix}_role_{role if role in ROLES else 'other'}"] = 1.0
    head = _RULE_HEAD.match(ref.rule or "")
    f[f"{prefix}_rule_{head.group(1) if head else 'other'}"] = 1.0
    f[f"{prefix}_home"] = float(ctx.home is not None and key == ctx.home)
    total = sum(ctx.keys.values()) or 1
    f[f"{prefix}_share"] = ctx.keys.get(key, 0) / total
    f[f"{prefix}_rank1"] = float(bool(ctx.keys) and ctx.keys.most_common(1)[0][0] == key)
    f[f"{prefix}_pronoun"] = float(ref.text.lower() in ("he", "she", "it", "they", "we", "i", "him", "her", "them"))
    return f


MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})


def _trigger_features(e, ctx: ArticleContext) -> dict[str, float]:
    """Tense, aspect and mood of the best reading's trigger, and whether it is quoted (memoised
    per article: the readings of a mention share their trigger)."""
    memo_key = ("trigger", e.trigger.start, e.date_text, e.date)
    found = ctx.memo.get(memo_key)
    if found is None:
        found = ctx.memo[memo_key] = _trigger_part(e, ctx)
    return found


def _trigger_part(e, ctx: ArticleContext) -> dict[str, float]:
    f: dict[str, float] = {}
    i = ctx.token_at.get(e.trigger.start)
    if i is not None and ctx.doc is not None:
        tok = ctx.doc[i]
        f[f"tag_{tok.tag_}"] = 1.0
        verb = tok if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i else tok.head
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        f["modal"] = float(any(a.lower_ in MODALS for a in aux))
        f["pluperfect"] = float(any(a.lower_ == "had" for a in aux) and verb.tag_ == "VBN")
        f["perfect"] = float(any(a.lower_ in ("has", "have") for a in aux) and verb.tag_ == "VBN")
        f["negated_verb"] = float(any(c.dep_ == "neg" for c in verb.children))
        f["verb_is_root"] = float(verb.dep_ == "ROOT")
        f[f"lemma_{tok.lemma_.lower()}"] = 1.0
    f["in_direct_quote"] = float(any(a <= e.trigger.start < b for a, b in ctx.quotes))
    if e.date_text and e.date and ctx.published is not None:
        try:
            day = dt.date.fromisoformat(e.date[:10]) if len(e.date) >= 10 else None
        except ValueError:
            day = None
        if day is not None:
            back = (ctx.published - day).days
            f["date_back_days"] = float(max(-60, min(400, back)))
    return f


def _token(ctx: ArticleContext, char: int):
    i = ctx.token_at.get(char)
    return ctx.doc[i] if i is not None and ctx.doc is not None else None


def _phrase_head(tok):
    """The token of a mention that attaches it to the rest of the sentence."""
    for _ in range(6):
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
        else:
            break
    return tok


def _link_features(prefix: str, ref, e, ctx: ArticleContext) -> dict[str, float]:
    """How an argument is tied to the trigger in the parse: the path between them, the
    relation and preposition that attach the argument, and their order (memoised per
    article: many readings share an argument and a trigger)."""
    key = (prefix, None if ref is None else (ref.start, ref.end), e.trigger.start)
    found = ctx.links.get(key)
    if found is None:
        found = ctx.links[key] = _link(prefix, ref, e, ctx)
    return found


def _link(prefix: str, ref, e, ctx: ArticleContext) -> dict[str, float]:
    f: dict[str, float] = {}
    trig, arg = _token(ctx, e.trigger.start), None if ref is None else _token(ctx, ref.start)
    if trig is None or arg is None:
        return f
    if ref.start < trig.idx:
        f[f"{prefix}_before"] = 1.0
    if trig.sent.start > arg.i or arg.i >= trig.sent.end:
        f[f"{prefix}_other_sentence"] = 1.0
        return f
    head = _phrase_head(arg)
    up = [head]
    while up[-1].head.i != up[-1].i and len(up) < 12:
        up.append(up[-1].head)
    trig_up = [trig]
    while trig_up[-1].head.i != trig_up[-1].i and len(trig_up) < 12:
        trig_up.append(trig_up[-1].head)
    trig_ids = {t.i: n for n, t in enumerate(trig_up)}
    meet = next(((n, trig_ids[t.i]) for n, t in enumerate(up) if t.i in trig_ids), None)
    if meet is not None:
        f[f"{prefix}_path"] = float(meet[0] + meet[1])
        f[f"{prefix}_under_trigger"] = float(meet[1] == 0)
    f[f"{prefix}_dep_{head.dep_}"] = 1.0
    if head.dep_ == "pobj" and head.head.i != head.i:
        f[f"{prefix}_prep_{head.head.lower_}"] = 1.0
    if head.dep_ == "poss":
        f[f"{prefix}_possessor"] = 1.0
    return f


def group_part(g: Group, ctx: ArticleContext) -> dict[str, float]:
    """What the article says of the tuple as a whole: its readings, where and how often."""
    root, skey, tkey = g.key
    members = g.members
    sents = sorted({h.event.sentence for h in members})
    f: dict[str, float] = {f"root_{root}": 1.0, f"code_len_{len(g.code())}": 1.0}
    for h in members:
        f[f"how_{h.how}"] = f.get(f"how_{h.how}", 0.0) + 1.0
    f["n_readings"] = float(len(members))
    f["n_kept_readings"] = float(sum(1 for h in members if h.dropped is None))
    f["n_sentences"] = float(len(sents))
    f["first_sentence"] = float(sents[0])
    f["first_share"] = sents[0] / ctx.n_sents
    f["lead"] = float(sents[0] <= 1)
    confs = [h.event.confidence for h in members]
    f["conf_max"], f["conf_mean"] = max(confs), sum(confs) / len(confs)
    f["group_has_coded"] = float(any(h.how == "coded" for h in members))
    f["domestic"] = float(skey == tkey and skey != NONE_KEY)
    f["dyad_sentences"] = float(sum(1 for keys in ctx.sentence_keys if skey in keys and tkey in keys))
    f["source_sentences"] = float(sum(1 for keys in ctx.sentence_keys if skey in keys))
    f["target_sentences"] = float(sum(1 for keys in ctx.sentence_keys if tkey in keys))
    f["same_dyad_groups"] = float(ctx.dyads.get((skey, tkey), 0))
    f["fuller_exists"] = float(tkey == NONE_KEY and (root, skey) in ctx.targeted)
    f["n_groups"] = float(ctx.n_groups)
    f["n_sents"] = float(ctx.n_sents)
    f["number_share"], f["name_share"] = ctx.number_share, ctx.name_share
    f["actors_per_sentence"] = ctx.actor_mentions / ctx.n_sents
    f["n_actor_keys"] = float(len(ctx.keys))
    return f


def reading_part(h, g: Group, ctx: ArticleContext) -> dict[str, float]:
    """What one reading rests on: the mention, how the reading was made, its trigger and the
    ties of its actors to the trigger."""
    e = h.event
    root, skey, tkey = g.key
    f: dict[str, float] = {
        f"this_{h.how}": 1.0,
        "this_sentence": float(e.sentence),
        "this_share": e.sentence / ctx.n_sents,
        "this_conf": e.confidence,
        "this_distance": float(h.distance) if h.how != "coded" else -1.0,
        "this_fills": float(len(h.fills)),
    }
    for fill in h.fills:
        f[f"fill_{fill}"] = 1.0
    if h.dropped:
        f[f"dropped_{h.dropped.split(':')[0].replace(' ', '_')}"] = 1.0
    scores = ctx.root_scores.get(e.sentence) or {}
    if scores:
        f["clf_root"], f["clf_none"] = scores.get(root, 0.0), scores.get("none", 0.0)
        f["clf_top"] = float(max(scores, key=lambda r: scores[r]) == root)
    m = _CLASSIFIER.search(e.rule)
    if m and m.group(1) == root:
        f["clf_rule_root"] = float(m.group(2))
    learned = ctx.trigger_scores.get(e.trigger.start)
    if learned:
        f["learned_root"], f["learned_none"] = learned.get(root, 0.0), learned.get("none", 0.0)
        f["learned_top"] = float(max(learned, key=learned.get) == root)
    entry = _ENTRY.search(e.rule)
    if entry:
        f[f"entry_{entry.group(1)}:{entry.group(2)}"] = 1.0
        f["noun_trigger"] = float(entry.group(1) == "nouns")
    f["proposed"] = float(e.rule.startswith("classifier:"))
    f["derived"] = float("derived:" in e.rule)
    f["reported"] = float(e.reported_by is not None)
    f["reporter_is_source"] = float(e.reported_by is not None and story_key(e.reported_by) == skey)
    f["dated"] = float(bool(e.date_text))
    f.update(_actor_features("src", e.source, skey, ctx))
    f.update(_actor_features("tgt", e.target, tkey, ctx))
    f.update(_trigger_features(e, ctx))
    f.update(_link_features("srcl", e.source, e, ctx))
    f.update(_link_features("tgtl", e.target, e, ctx))
    return f


def reading_features(h, g: Group, ctx: ArticleContext, shared: dict | None = None) -> dict[str, float]:
    """The judge's features of one reading of a group (the group's own features and the
    reading's); a group is as likely as its likeliest reading."""
    return {**(shared if shared is not None else group_part(g, ctx)), **reading_part(h, g, ctx)}


def group_features(g: Group, ctx: ArticleContext) -> dict[str, float]:
    """The features of the group's best reading."""
    return reading_features(g.best(), g, ctx)
