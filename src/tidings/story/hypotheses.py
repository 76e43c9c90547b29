"""What an article's event mentions could mean: one hypothesis per (mention, source, target).

The sentence coder gives each trigger one reading. On real news that reading often lacks an
actor the article does give: the target named elsewhere in the sentence ("Iran said it
would [help] Iraq's government ..."), or the country of a role ("police", "troops") that the
dateline or the article's main country supplies. This module lists, for every mention, the
coder's own reading and the alternatives the text supports, each saying how it was made
(`how`), so that the judge can weigh them and `--explain` can show them:

- ``coded``: the coder's reading; a role coded without a country ("MIL", "COP") is read in
  each country the article supports: the other argument's (``country:other``), the dateline's
  (``country:home-dateline``) and the one most actors belong to (``country:home-article``),
  recorded in `fills` and on the actor's rule; so is a target the actors could not code that
  is a person ("arrested Hassan Bastawissi"), in the place's and home countries only;
- ``target:sentence``: a coded actor of the same sentence as the target of a mention that has
  none (the nearest ones, at most `MAX_ALTERNATIVES`);
- ``source:reporter`` / ``source:sentence``: the reporter of the mention, or a coded actor
  before the trigger in the same sentence, as the source of a mention that has none;
- ``follow-up``: a mention that names no actor and points back with its determiner ("met ...
  The talks focused on trade") read as the happening of the same root told just before it
  (the nearest `FOLLOW_UPS` pairs of actors of the `FOLLOW_UP_BACK` sentences before), so that
  the two mentions are one event.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from ..records import ActorRef, Event, Place, Span
from .keys import ORG_PREFIXES, country_block, story_key

__all__ = [
    "Hypothesis",
    "hypotheses",
    "trigger_starts",
    "home_country",
    "home_countries",
    "role_only",
    "MAX_ALTERNATIVES",
]

MAX_ALTERNATIVES = 3
ROOT_MIN_P = 0.05
LEARNED_MIN_P = 0.1
ROOT_ALTERNATIVES = 3
ARTICLE_ACTORS = 3
FOLLOW_UP_BACK = 3  # sentences before a follow-up mention ("the talks") its happening may be told
FOLLOW_UP_DETS = frozenset({"the", "this", "that", "these", "those"})
DENIAL_CODES = frozenset({"016"})  # deny responsibility: "The army denied the charge"
ACCUSE_BACK = 3  # sentences before a denial the accusation it answers may be told


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """One reading of one mention: the event as it would be, how it was made, and whether the
    sentence coder had already set the mention aside (its reason) or kept it (None)."""

    event: Event
    how: str
    dropped: str | None
    distance: int = 0  # characters between the trigger and an actor taken from the sentence
    fills: tuple[str, ...] = ()  # countries given to roles alone ("target:country:home-dateline")
    origin: str = ""  # the id of the sentence coder's event this is a reading of


def _coded(ref: ActorRef | None) -> bool:
    return ref is not None and bool(ref.code) and (bool(ref.country) or str(ref.code).startswith(ORG_PREFIXES))


def home_countries(doc) -> list[tuple[str, str]]:
    """Where the story is set, as (country, how): the dateline's country, and the country most
    of the article's coded actors belong to (at least 2 mentions and 40% of them)."""
    out = []
    place = getattr(doc._, "dateline_place", None)
    if place is not None and getattr(place, "country", None):
        out.append((place.country, "dateline"))
    counts = Counter(m.country for m in doc._.actor_mentions or () if m.country)
    if counts:
        country, n = counts.most_common(1)[0]
        if n >= 2 and n >= 0.4 * sum(counts.values()) and all(c != country for c, _ in out):
            out.append((country, "article"))
    return out


def home_country(doc) -> tuple[str | None, str]:
    """The first of `home_countries`, or (None, "")."""
    homes = home_countries(doc)
    return homes[0] if homes else (None, "")


def role_only(ref: ActorRef | None) -> bool:
    """An actor coded by its role alone ("MIL", "COP"): no country and no organisation."""
    return (
        ref is not None
        and bool(ref.code)
        and not ref.country
        and not str(ref.code).startswith(ORG_PREFIXES)
        and country_block(ref.code) is None
        and "(general:" not in (ref.rule or "")  # "governments around the world": no one country's
    )


def uncoded_person(ref: ActorRef | None) -> bool:
    """A person the actors could not code: a name found by the parser, a surname no list knows,
    or a pronoun that refers to either ("Bastawissi", "Javadov")."""
    rule = (ref.rule or "") if ref is not None else ""
    return (
        ref is not None
        and not ref.code
        and (rule.startswith(("ner:PERSON", "surname:")) or (rule.startswith("coref:") and "->person:" in rule))
    )


def _countries_for(
    ref: ActorRef | None,
    other: ActorRef | None,
    homes: list[tuple[str, str]],
    place: str | None = None,
    persons: bool = True,
):
    """The readings of one argument: itself, or for a role alone, the role in each country the
    article supports (the other argument's, the place of the act's, the home countries), with
    how; with `persons`, a person the actors could not code likewise, but not in the other
    argument's country (that reading makes a foreign visitor his host's: "met Xu Jialu")."""
    person = persons and uncoded_person(ref)
    if ref is None or not (role_only(ref) or person):
        return [(ref, "")]
    options = []
    if place:
        options.append((place, "place"))
    if other is not None and other.country and not person:
        options.append((other.country, "other"))
    options += [(c, f"home-{how}") for c, how in homes]
    seen, out = set(), []
    for country, how in options:
        if country not in seen:
            seen.add(country)
            out.append(
                (
                    replace(
                        ref, code=country + (ref.code or ""), country=country, rule=f"{ref.rule} country:{how}".strip()
                    ),
                    f"country:{how}",
                )
            )
    return out or [(ref, "")]


class _SentenceActors:
    """The coded actor mentions of each sentence, in order, and the article's main actors
    (the keys most mentioned, each shown by its first named mention)."""

    def __init__(self, doc):
        self.sents = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self.by_sent: dict[int, list] = {}
        counts: Counter = Counter()
        first: dict[str, object] = {}
        for m in doc._.actor_mentions or ():
            si = bisect_right(self.starts, m.start) - 1
            if si >= 0 and (m.country or str(m.code or "").startswith(ORG_PREFIXES)) and m.code:
                self.by_sent.setdefault(si, []).append(m)
                key = story_key(m.code)
                counts[key] += 1
                if key not in first or (m.kind == "name" and getattr(first[key], "kind", "") != "name"):
                    first[key] = m
        self.main = [(key, first[key]) for key, _ in counts.most_common(ARTICLE_ACTORS)]

    def main_except(self, *keys: str):
        return [(k, m) for k, m in self.main if k not in keys]

    def near(self, sentence: int, char: int, skip: tuple[int, int] | None, before_only: bool = False):
        """Coded mentions of the sentence, nearest to the character offset first."""
        found = []
        for m in self.by_sent.get(sentence, ()):
            if skip is not None and m.start_char < skip[1] and skip[0] < m.end_char:
                continue
            if before_only and m.start_char > char:
                continue
            found.append((abs(m.start_char - char), m))
        found.sort(key=lambda x: x[0])
        return found


def _mentions(doc):
    """The sentence coder's mentions: its events, and the events it set aside with the reason."""
    for e in doc._.events or ():
        yield e, None
    for c in doc._.candidates or ():
        if c.event is not None and not c.kept:
            yield c.event, c.reason


def _readings(e: Event, homes, sentence_place=None) -> list[tuple[Event, tuple[str, ...]]]:
    """The coder's event with each country reading of a role-alone source and target."""
    out = []
    place = (
        e.place.country
        if e.place is not None and e.place.country
        else (sentence_place.country if sentence_place is not None else None)
    )
    for src, how_s in _countries_for(e.source, e.target, homes, place, persons=False):
        for tgt, how_t in _countries_for(e.target, src, homes, place):
            fills = tuple(f"{side}:{how}" for side, how in (("source", how_s), ("target", how_t)) if how)
            out.append((replace(e, source=src, target=tgt) if fills else e, fills))
    return out


def trigger_starts(doc) -> list[int]:
    """Where the sentence coder's mentions start (their triggers), in order."""
    return sorted({e.trigger.start for e, _ in _mentions(doc)})


def hypotheses(doc, trigger_scores: dict[int, dict[str, float]] | None = None) -> list[Hypothesis]:
    """Every reading of every mention; `trigger_scores` (trigger start -> root -> p, from the
    learned root model) adds the roots coders give such a trigger."""
    homes = home_countries(doc)
    actors = _SentenceActors(doc)
    roots = _other_roots(doc)
    places = _sentence_places(doc, actors.sents)
    out: list[Hypothesis] = []
    accusations = [e for e, _ in _mentions(doc) if e.root == "11" and _coded(e.source) and _coded(e.target)]
    for coded, dropped in _mentions(doc):
        learned = _learned_roots((trigger_scores or {}).get(coded.trigger.start))
        for e, fills in _readings(coded, homes, places.get(coded.sentence)):
            out.append(Hypothesis(e, "coded", dropped, fills=fills, origin=coded.id))
            if e.status == "asserted":
                answers = _accuser(e, accusations, dropped, fills, coded.id)
                # the accuser the text names is a better guess than the article's main actors
                out += answers + [
                    h
                    for h in _alternatives(e, dropped, fills, actors, coded.id)
                    if not (answers and h.how == "target:article")
                ]
                out += _place_source(e, dropped, fills, places.get(e.sentence), coded.id)
                out += _root_readings(e, dropped, fills, learned + list(roots.get(e.sentence, ())), coded.id)
    return out + _follow_ups(doc, out)


def _follow_up_token(doc, c):
    """The trigger of a candidate set aside for naming no actor, when it is a noun that points
    back with its determiner ("the talks", "these negotiations"); else None."""
    if c.kept or c.reason != "no actor" or not c.code or c.start is None:
        return None
    span = doc.char_span(c.start, c.start + 1, alignment_mode="expand")
    tok = span[0] if span is not None and len(span) else None
    if tok is None or tok.pos_ != "NOUN":
        return None
    return tok if any(d.dep_ == "det" and d.lower_ in FOLLOW_UP_DETS for d in tok.children) else None


def _follow_ups(doc, readings: list[Hypothesis]) -> list[Hypothesis]:
    """Readings of the actorless follow-up mentions ("the talks") as the happening of the same
    root told in the sentences before (see the module's ``follow-up``)."""
    out: list[Hypothesis] = []
    for c in doc._.candidates or ():
        tok = _follow_up_token(doc, c)
        if tok is None:
            continue
        before = [
            h
            for h in readings
            if h.event.status == "asserted"
            and h.event.root == c.code[:2]
            and c.sentence - FOLLOW_UP_BACK <= h.event.sentence < c.sentence
        ]
        if not before:
            continue
        last = max(h.event.trigger.start for h in before)  # the nearest mention: its readings
        seen: set[tuple[str, str]] = set()
        for h in before:
            pair = (story_key(h.event.source), story_key(h.event.target))
            if h.event.trigger.start != last or pair in seen:
                continue
            seen.add(pair)
            e = replace(
                h.event,
                trigger=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
                sentence=c.sentence,
                code=c.code,
                root=c.code[:2],
                rule=f"{c.detail}; follow-up of '{h.event.trigger.text}' (sentence {h.event.sentence})",
            )
            out.append(Hypothesis(e, "follow-up", c.reason, fills=h.fills, origin=f"follow-up:{c.start}"))
    return out


def _learned_roots(scores: dict[str, float] | None) -> list[tuple[str, str]]:
    if not scores:
        return []
    top = sorted(((p, r) for r, p in scores.items() if r != "none" and p >= LEARNED_MIN_P), reverse=True)
    return [(r + "0", "root:learned") for _, r in top[:ROOT_ALTERNATIVES]]


def _sentence_places(doc, sents) -> dict[int, Place]:
    """The first place of each sentence used as a location ("in Kiev"), with a country."""
    from ..places import location_places

    out = {}
    for si, sent in enumerate(sents):
        found = [p for p in location_places(doc, sent) if p.country]
        if found:
            out[si] = found[0]
    return out


def _place_source(e: Event, dropped, fills, sentence_place, origin: str) -> list[Hypothesis]:
    """An act with no coded source ("a car bomb in Kiev killed ...") done where the text says:
    coders code an unknown perpetrator by the country it acted in."""
    if _coded(e.source):
        return []
    place = e.place if e.place is not None and e.place.country else sentence_place
    if place is None:
        return []
    ref = ActorRef(
        code=place.country,
        country=place.country,
        name=place.name or place.text,
        text=place.text,
        start=place.start,
        end=place.end,
        rule=f"place:{place.name or place.text}",
    )
    if e.target is not None and e.target.code == ref.code:
        return []
    return [Hypothesis(replace(e, source=ref), "source:place", dropped, 0, fills, origin)]


def _other_roots(doc) -> dict[int, list[tuple[str, str]]]:
    """Per sentence, the roots another reading could take, with their code and how: the
    classifier's likely roots (p >= ROOT_MIN_P, at most ROOT_ALTERNATIVES), and the roots of
    triggers the sentence coder found but could not give actors."""
    out: dict[int, list[tuple[str, str]]] = {}
    for si, scores in (getattr(doc._, "root_scores", None) or {}).items():
        top = sorted(((p, r) for r, p in scores.items() if r != "none" and p >= ROOT_MIN_P), reverse=True)
        out[si] = [(r + "0", "root:classifier") for _, r in top[:ROOT_ALTERNATIVES]]
    for c in doc._.candidates or ():
        if c.reason == "no actor" and c.code and c.event is None:
            out.setdefault(c.sentence, []).append((c.code, "root:trigger"))
    return out


def _root_readings(e: Event, dropped, fills, roots, origin: str) -> list[Hypothesis]:
    """The same mention and actors with another root of its sentence."""
    out, seen = [], {e.root}
    for code, how in roots:
        if code[:2] not in seen:
            seen.add(code[:2])
            out.append(Hypothesis(replace(e, code=code, root=code[:2]), how, dropped, 0, fills, origin))
    return out


def _accuser(e: Event, accusations: list[Event], dropped, fills, origin: str) -> list[Hypothesis]:
    """A denial with no target answers the accusation told just before it whose target is the
    denier ("The RSF accused the army of bombing ... The army denied the charge"): its
    accuser is the target (``target:accuser``)."""
    if e.code not in DENIAL_CODES or _coded(e.target) or not _coded(e.source) or e.source is None:
        return []
    denier = e.source.code
    answered = [
        a
        for a in accusations
        if e.sentence - ACCUSE_BACK <= a.sentence <= e.sentence
        and a.trigger.start < e.trigger.start
        and a.target is not None
        and a.source is not None
        and a.target.code == denier
        and a.source.code != denier
    ]
    if not answered:
        return []
    accuser = max(answered, key=lambda a: a.trigger.start).source
    return [Hypothesis(replace(e, target=accuser), "target:accuser", dropped, 0, fills, origin)]


def _alternatives(e: Event, dropped: str | None, fills: tuple[str, ...], actors: _SentenceActors, origin: str):
    """Readings with an actor the sentence names where the coder found none."""
    out = []
    skip: tuple[int, int] | None
    if e.source is not None and _coded(e.source) and not _coded(e.target):
        skip = (e.source.start, e.source.end)
        taken = {story_key(e.source)}
        for dist, m in actors.near(e.sentence, e.trigger.start, skip)[:MAX_ALTERNATIVES]:
            ref = m.ref()
            if ref.code != e.source.code:
                taken.add(story_key(ref))
                out.append(Hypothesis(replace(e, target=ref), "target:sentence", dropped, dist, fills, origin))
        for key, m in actors.main_except(*taken):
            out.append(Hypothesis(replace(e, target=m.ref()), "target:article", dropped, 0, fills, origin))
    elif not _coded(e.source):
        taken = {story_key(e.target)} if _coded(e.target) else set()
        if _coded(e.reported_by):
            taken.add(story_key(e.reported_by))
            out.append(Hypothesis(replace(e, source=e.reported_by), "source:reporter", dropped, 0, fills, origin))
        skip = (e.target.start, e.target.end) if e.target is not None else None
        for dist, m in actors.near(e.sentence, e.trigger.start, skip)[: MAX_ALTERNATIVES - 1]:
            taken.add(story_key(m.code))
            out.append(Hypothesis(replace(e, source=m.ref()), "source:sentence", dropped, dist, fills, origin))
        for key, m in actors.main_except(*taken):
            out.append(Hypothesis(replace(e, source=m.ref()), "source:article", dropped, 0, fills, origin))
    return out
