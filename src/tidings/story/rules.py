"""Rules of the article stage that no judge overrules, besides those on missing actors:

- violence (roots 18, 19, 20) is done to people, forces or places: a reading whose target is a
  thing ("rammed a supply boat", "hit the car") is not an assault or a battle;
- violence is done by someone: deaths the text puts down to a disaster or an accident ("killed
  by a fire", "an earthquake ... killing three", "killed when the oil tank they were painting
  exploded") are no act of violence, whoever the readings make the source;
- a match is no political event: a verb with a score ("Portugal beat Uruguay 5-4", "drew 2-2
  with") is a result of sport, whatever the lexicon makes of the verb;
- a firm's dealings with a firm (a merger, a stake, a contract, their talks) are no event
  between political actors: a reading whose two sides are both businesses (a BUS code or a
  business noun, data/story/firms.txt, and no state organ) is dropped;
- a market is no actor: a reading one of whose sides is a market ("Hong Kong stocks went down
  ... to close at", data/story/markets.txt) is dropped;
- sport is no politics: a reading one of whose sides is named as a sportsperson ("skater X is
  heading to Russia to defend the title", "midfielder X", data/story/sports.txt) is dropped;
- a joint act of three or more parties ("Japan, the United States and South Korea will hold
  joint drills") is coded from the first-named party to each of the others, not as every
  directed pair;
- an act announced for the future ("will meet Y next week") is, following CAMEO and
  ANNOTATION.md, an expressed intent made now (03x, asserted): when that intent is kept, the
  act itself (status future, the same mention and actors) is not a second event of the same
  happening (`announced_acts`, applied after the judge).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..events.arguments import QUANTITY
from ..events.lexicon import load_word_list
from .groups import Group

__all__ = [
    "VIOLENT_ROOTS",
    "thing_target",
    "accident",
    "match_result",
    "between_firms",
    "sports_people",
    "sports_nouns",
    "firm_nouns",
    "market_side",
    "market_nouns",
    "minor_pairs",
    "announced_acts",
    "place_nouns",
    "people_nouns",
    "disaster_nouns",
]

VIOLENT_ROOTS = frozenset({"18", "19", "20"})
STATE_ORGANS = ("GOV", "MIL", "JUD", "LEG", "COP")
NAMED = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"})


@lru_cache(maxsize=2)
def _story_words(name: str) -> frozenset[str]:
    path = resources.files("tidings") / "data" / "story" / name
    with path.open(encoding="utf-8") as fh:
        return frozenset(w for w in (line.split("#", 1)[0].strip().lower() for line in fh) if w)


def place_nouns() -> frozenset[str]:
    """Nouns that name a place, a site or a military objective (data/story/places.txt)."""
    return _story_words("places.txt")


def people_nouns() -> frozenset[str]:
    """Nouns that name people or forces besides the lexicon's actor nouns ("settlers", "a police
    captain", "an army patrol"; data/story/people.txt)."""
    return _story_words("people.txt")


def sports_nouns() -> frozenset[str]:
    """Nouns that make an actor a sportsperson (data/story/sports.txt)."""
    return _story_words("sports.txt")


def firm_nouns() -> frozenset[str]:
    """Nouns that make an actor a business (data/story/firms.txt)."""
    return _story_words("firms.txt")


def market_nouns() -> frozenset[str]:
    """Nouns that name a market, not an actor (data/story/markets.txt)."""
    return _story_words("markets.txt")


def disaster_nouns() -> frozenset[str]:
    """Nouns for what kills without anyone doing it (data/story/disasters.txt)."""
    return _story_words("disasters.txt")


# what an explosion or a leak is of when it is an accident ("a methane gas explosion", "a boiler blast")
INDUSTRIAL = frozenset({"gas", "methane", "boiler", "chemical", "chemicals", "firework", "fireworks", "dust", "fuel"})
# what collapses, crashes or sinks by accident when nothing in the sentence is said to have done it
ACCIDENT_VERBS = frozenset({"collapse", "crash", "capsize", "sink", "derail", "overturn"})
EXPLODING_THINGS = frozenset({"boiler", "cylinder", "reactor", "furnace", "pipeline", "tanker"})
CAUSE_PREPS = frozenset({"in", "by", "during", "after", "from"})


def accident(group: Group, doc) -> bool:
    """Every mention of a violent group is a death or injury the text puts down to a disaster or
    an accident: its trigger's agent, subject or phrase ("killed by a fire", "killed in floods"),
    the subject or object of the clause it ends ("an earthquake hit ..., killing three"), a
    "when" clause of an accident ("when the oil tank exploded"), or the accident itself ("the
    oil tank exploded")."""
    if group.key[0] not in VIOLENT_ROOTS or doc is None:
        return False
    return all(_accident_mention(doc, h.event.trigger) for h in group.members)


def _accident_mention(doc, trigger) -> bool:
    tok = _head(doc, trigger.start, trigger.end)
    if tok is None:
        return False
    return (
        any(_accidental(c) for c in _causes(tok))
        or _accident_verb(tok)
        or any(_accident_clause(c) for c in tok.children)
    )


def _causes(tok) -> list:
    """The nouns that may say what did the trigger's act."""
    out = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    for prep in tok.children:
        if prep.dep_ in ("agent", "prep") and (prep.dep_ == "agent" or prep.lower_ in CAUSE_PREPS):
            out += [c for c in prep.children if c.dep_ == "pobj"]
    if tok.dep_ in ("advcl", "xcomp", "conj") and tok.tag_ == "VBG":  # "..., killing three"
        out += [c for c in tok.head.children if c.dep_ in ("nsubj", "dobj")]
    return out


def _accidental(noun) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in disaster_nouns():
        return True
    if lemma == "fire":  # "a fire" broke out; not "Israeli fire", "tank fire", "their fire"
        return any(c.dep_ == "det" for c in noun.children) and not any(
            c.dep_ in ("compound", "amod", "nmod", "poss") for c in noun.children
        )
    if lemma in ("explosion", "blast", "leak"):
        return any(
            w.lemma_.lower() in INDUSTRIAL for c in noun.children if c.dep_ in ("compound", "amod") for w in c.subtree
        )
    return False


def _accident_clause(clause) -> bool:
    """A "when ..." clause of an accident: "when the oil tank exploded", "when their bus overturned"."""
    if clause.dep_ != "advcl" or not any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
        return False
    return any(_accidental(c) for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")) or _accident_verb(clause)


def _accident_verb(verb) -> bool:
    """What happens by itself: a thing that collapses, crashes or sinks with no object and no
    agent ("the bus overturned"), a vessel or plant that explodes ("the oil tank exploded")."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ in ("dobj", "agent") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if lemma in ACCIDENT_VERBS:
        return bool(subjects) and not any(_names_someone(s) for s in subjects)
    return lemma == "explode" and any(_exploding_thing(s) for s in subjects)


def _exploding_thing(noun) -> bool:
    """A vessel or plant that blows up by accident: "a boiler", "the oil tank", "a gas cylinder"."""
    mods = {w.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod") for w in c.subtree}
    lemma = noun.lemma_.lower()
    return lemma in EXPLODING_THINGS or (lemma == "tank" and bool(mods & (INDUSTRIAL | {"oil", "storage", "water"})))


SCORE = re.compile(r"^\d{1,3}[-\u2013]\d{1,3}$")


def match_result(group: Group, doc) -> bool:
    """Every mention of the group is a verb with a score ("beat Uruguay 5-4", "won 3-1")."""
    if doc is None:
        return False
    return all(_scored(_head(doc, h.event.trigger.start, h.event.trigger.end)) for h in group.members)


def _scored(tok) -> bool:
    if tok is None or tok.pos_ not in ("VERB", "AUX"):
        return False
    near = [c for c in tok.children] + [g for c in tok.children if c.dep_ in ("dobj", "prep") for g in c.children]
    return any(_score_at(t) for t in near)


def _score_at(tok) -> bool:
    """A score: one token "5-4", or a number, a dash and a number ("5", "-", "4")."""
    if SCORE.match(tok.text):
        return True
    doc = tok.doc
    return (
        _points(tok)
        and tok.i + 2 < len(doc)
        and doc[tok.i + 1].text in ("-", "\u2013")
        and _points(doc[tok.i + 2])
        and not doc[tok.i + 1].whitespace_
    )


def _points(tok) -> bool:
    """A number a score is made of: one to three digits (not a year: "in 2015-16")."""
    return tok.text.isdigit() and len(tok.text) <= 3


def _head(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def between_firms(group: Group, doc) -> bool:
    """The best reading of the group is between two businesses ("The US company EDS signed a deal
    giving it a stake in a Hong Kong firm"): each side is a business (`_business`)."""
    best = group.best().event
    return all(a is not None and _business(a, doc) for a in (best.source, best.target))


def _business(actor, doc) -> bool:
    """No state organ, and a business code (BUS) or a business noun in its mention ("The Swedish
    telecommunications giant Ericsson", coded SWE; data/story/firms.txt)."""
    code = actor.code or ""
    if any(r in code for r in STATE_ORGANS):
        return False
    return "BUS" in code or any(t.lemma_.lower() in firm_nouns() for t in _span(doc, actor))


def _span(doc, actor) -> list:
    """The tokens of an actor's mention (none without a doc or offsets), and, for the name of an
    organisation or a person (not of a country: "China National Petroleum Corp"), the words
    describing the same name elsewhere in the text ("Shell" of "the energy giant Royal Dutch
    Shell", "Chang" of "former champion Michael Chang")."""
    if doc is None or actor.start is None or actor.end is None:
        return []
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    named = span.root.pos_ == "PROPN" and span.root.ent_type_ in ("ORG", "PERSON")
    return list(span) + _descriptions(doc, span.root) if named else list(span)


def _descriptions(doc, name) -> list:
    """Words next to the other occurrences of a name: its compounds, modifiers and appositions, and
    the noun it is in apposition or compound to."""
    out = []
    for t in doc:
        if t.text != name.text or t.i == name.i:
            continue
        out += [c for c in t.children if c.dep_ in ("compound", "amod", "appos")]
        if t.dep_ in ("appos", "compound"):
            out.append(t.head)
    return out


def market_side(group: Group, doc) -> bool:
    """A side of the group's best reading is a market, not an actor: the head of its mention is a
    market noun ("Hong Kong stocks", "the U.S. market"; data/story/markets.txt)."""
    best = group.best().event
    heads = [_head(doc, a.start, a.end) for a in (best.source, best.target) if a is not None and doc is not None]
    return any(h is not None and h.pos_ == "NOUN" and h.lemma_.lower() in market_nouns() for h in heads)


def sports_people(group: Group, doc) -> bool:
    """A side of the group's best reading is named as a sportsperson: a word of its mention is a
    sports noun ("Japanese skater Mao Asada", "Newcastle's Nigerian defender")."""
    best = group.best().event
    return any(
        t.lemma_.lower() in sports_nouns() or t.lower_ in sports_nouns()
        for a in (best.source, best.target)
        if a is not None
        for t in _span(doc, a)
    )


def thing_target(group: Group, doc) -> bool:
    """The best reading of a violent group is aimed at a thing: its target's head is a common
    noun that names no actor, force or place."""
    if group.key[0] not in VIOLENT_ROOTS or doc is None:
        return False
    target = group.best().event.target
    if target is None:
        return False
    head = _counted(_head(doc, target.start, target.end))
    if head is None or head.pos_ in ("PROPN", "PRON", "NUM") or head.ent_type_ in NAMED:
        return False
    return not any(_names_someone(t) for t in [head, *(c for c in head.children if c.dep_ in ("compound", "amod"))])


def _counted(head):
    """What a quantity noun counts ("dozens of businessmen": businessmen)."""
    if head is not None and head.lemma_.lower() in QUANTITY:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), head)
    return head


def _names_someone(tok) -> bool:
    """A noun that names people, forces or a place ("patrol", "army" of "an army patrol")."""
    words = load_word_list()
    lemma = tok.lemma_.lower()
    return lemma in words or tok.lower_ in words or lemma in place_nouns() or lemma in people_nouns()


def _mention(h) -> tuple:
    e = h.event
    return e.sentence, e.trigger.start, e.code, e.status


def minor_pairs(groups: list[Group]) -> set[int]:
    """Indices of groups that only hold pairs of a many-party joint act not led by its
    first-named party."""
    parties: dict[tuple, dict[str, int]] = {}
    for g in groups:
        for h in g.members:
            if h.how == "coded" and h.event.source is not None and h.event.target is not None:
                seen = parties.setdefault(_mention(h), {})
                seen[g.key[1]] = min(seen.get(g.key[1], h.event.source.start), h.event.source.start)
                seen.setdefault(g.key[2], h.event.target.start)
    first = {m: min(keys.items(), key=lambda kv: kv[1])[0] for m, keys in parties.items() if len(keys) >= 3}
    out = set()
    for k, g in enumerate(groups):
        coded = [h for h in g.members if h.how == "coded" and _mention(h) in first]
        if coded and len(coded) == len(g.members) and all(first[_mention(h)] != g.key[1] for h in coded):
            out.add(k)
    return out


def announced_acts(groups: list[Group], kept: list[bool]) -> set[int]:
    """Indices of future groups whose every mention is announced by a kept asserted intent
    (derived from that announcement) between the same actors: the intent is the event."""
    said = {
        (h.event.sentence, h.event.trigger.start, g.key[1], g.key[2])
        for g, k in zip(groups, kept)
        if k and g.status == "asserted" and g.key[0] == "03"
        for h in g.members
        if "derived:intent" in h.event.rule
    }
    return {
        k
        for k, g in enumerate(groups)
        if kept[k]
        and g.status == "future"
        and all((h.event.sentence, h.event.trigger.start, g.key[1], g.key[2]) in said for h in g.members)
    }
