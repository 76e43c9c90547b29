"""Simple, precise coreference within one article.

- he/him/she/her -> the nearest person: in the same sentence the subject first, before that the
  nearest earlier sentence's subject, else the nearest person;
- it -> the nearest country, organisation or institution (pleonastic "it was too early to" skipped);
- they/them -> the nearest plural group (troops, officials, rebels, the Taliban);
- a definite role with no country ("the spokesman", "the ministry", "the president") -> the
  nearest actor with the same role or office; "the country" -> the nearest country;
  "the group"/"the alliance" -> the nearest organisation;
- "the two leaders", "both countries", "the three leaders" -> the last two (three) persons
  (countries), each of another country when the article names enough of them, never the place
  where it happens ("talks in Beijing"): one mention each;
- "his US counterpart" -> whoever held the possessor's office in that country on the date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from spacy.attrs import LOWER
from spacy.strings import get_string_id

from .resolve import Run, sentence_index

__all__ = ["resolve_coreference", "pronoun_runs", "nominal_runs"]

_MAX_SENT = 3
_PAIR_MAX_SENT = 5  # how far back "the two sides" may look for parties of two countries
_NAMED_MAX_SENT = 8  # how far back "the council" may look for an organisation named "... Council"
_COUNTRY_NOUNS = {"country", "nation"}
_ORG_NOUNS = {"group", "organisation", "organization", "alliance", "bloc", "movement", "agency", "body"}
_PAIR_PERSON = {"leaders", "presidents", "men", "ministers", "sides", "heads", "premiers", "counterparts"}
_PAIR_COUNTRY = {"countries", "nations", "states", "neighbours", "neighbors", "powers", "sides", "governments"}
# how many parties a group noun names: "both sides", "the two leaders", "the three countries"
GROUP_SIZE = {"both": 2, "two": 2, "three": 3, "four": 4}


_PRONOUNS = ("he", "him", "she", "her", "it", "they", "them")
_PRONOUN_IDS = frozenset(get_string_id(w) for w in _PRONOUNS)
_NOMINAL_IDS = frozenset(get_string_id(w) for w in _COUNTRY_NOUNS | _ORG_NOUNS | _PAIR_COUNTRY | _PAIR_PERSON)
# plural nouns for the fighters of an armed movement the article names ("the Islamists" after "the
# Islamic Courts"): only the armed group named before them, never the country of the sentence
_ARMED_NOUNS = frozenset({"islamists"})
_ARMED_NOUN_IDS = frozenset(get_string_id(w) for w in _ARMED_NOUNS)
_ARMED_GROUP = re.compile(r"^[A-Z]{3}(?:REB|INS|SEP)")


def _where_lower(doc, ids: frozenset[int]) -> list[int]:
    """Indices of the tokens whose lower-cased form is one of `ids` (hashes), without
    creating a Token for every word of the Doc."""
    return [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in ids]


def pronoun_runs(doc, taken: set[int]) -> list[Run]:
    sent_of = sentence_index(doc)
    out = []
    for i in _where_lower(doc, _PRONOUN_IDS):
        t = doc[i]
        if t.i in taken:
            continue
        w = t.lower_
        if t.pos_ != "PRON" or (w == "her" and t.dep_ == "poss"):
            continue
        if w == "it" and _pleonastic(t):
            continue
        r = Run(pieces=[], start=t.i, end=t.i + 1, sent=sent_of[t.i], kind="pronoun", pending="pronoun", head=t.i)
        r.role_phrase = w
        out.append(r)
    return out


def nominal_runs(doc, taken: set[int]) -> list[Run]:
    """'the country', 'the group', 'both countries', 'the two sides', 'the Islamists' (nouns that
    are not roles)."""
    sent_of = sentence_index(doc)
    out = []
    for i in _where_lower(doc, _ARMED_NOUN_IDS):
        t = doc[i]
        if t.i not in taken and t.pos_ in ("NOUN", "PROPN"):
            start = t.i - 1 if t.i > 0 and doc[t.i - 1].lower_ == "the" else t.i
            r = Run(pieces=[], start=start, end=t.i + 1, sent=sent_of[t.i], kind="nominal", pending="armed", head=t.i)
            r.role_phrase, r.plural = "armed", True
            out.append(r)
    for i in _where_lower(doc, _NOMINAL_IDS):
        t = doc[i]
        if t.i in taken or t.pos_ != "NOUN":
            continue
        w = t.lower_
        prev = doc[t.i - 1] if t.i > 0 else None
        prev2 = doc[t.i - 2] if t.i > 1 else None
        if prev is None:
            continue
        pw = prev.lower_
        if w in _COUNTRY_NOUNS | _ORG_NOUNS and pw == "the":
            if t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of":
                continue  # "the group of seven", "the country of origin"
            r = Run(
                pieces=[],
                start=t.i - 1,
                end=t.i + 1,
                sent=sent_of[t.i],
                kind="nominal",
                pending="nominal",
                head=t.i,
                definite=True,
            )
            r.role_phrase = "country" if w in _COUNTRY_NOUNS else "org"
            out.append(r)
        elif w in _PAIR_COUNTRY | _PAIR_PERSON and (
            pw == "both" or (pw in GROUP_SIZE and prev2 is not None and prev2.lower_ in ("the", "all"))
        ):
            start = t.i - 1 if pw == "both" else t.i - 2
            r = Run(
                pieces=[],
                start=start,
                end=t.i + 1,
                sent=sent_of[t.i],
                kind="nominal",
                pending="pair",
                head=t.i,
                definite=True,
                number=pw,
            )
            r.role_phrase = "person" if w in _PAIR_PERSON - {"sides"} else ("any" if w == "sides" else "country")
            out.append(r)
    return out


# adjectives whose subject is the one who is so ("it was ready to talk", "it is willing to
# help"): their "it" is an actor, not the "it" of "it was too early to say"
AGENT_ADJECTIVES = frozenset(
    {
        "ready",
        "willing",
        "unwilling",
        "prepared",
        "able",
        "unable",
        "determined",
        "eager",
        "keen",
        "reluctant",
        "committed",
        "poised",
        "happy",
        "loath",
        "anxious",
    }
)


def _pleonastic(t) -> bool:
    head = t.head
    if head.lemma_ in ("seem", "appear", "rain", "matter", "take", "remain", "happen") and t.dep_ == "nsubj":
        return True
    if head.lemma_ == "be" and t.dep_ in ("nsubj", "expl"):
        acomps = [c for c in head.rights if c.dep_ == "acomp"]
        if any(a.lower_ in AGENT_ADJECTIVES for a in acomps):
            return False
        kids = {c.dep_ for c in head.children}
        if kids & {"acomp", "attr"} and kids & {"xcomp", "ccomp", "advcl"}:
            return True
        # the clause the "it" stands for hangs on the adjective ("it is likely that ..."), not
        # on the copula's own governor or a verb coordinated with it
        if any(d.dep_ in ("xcomp", "ccomp") for a in acomps for d in a.subtree if d.i != a.i):
            return True
    if t.dep_ == "expl":
        return True
    return False


def _is_subject(doc, r: Run) -> bool:
    return doc[r.head].dep_ in ("nsubj", "nsubjpass") if r.head >= 0 else False


def _copy(src: Run, dst: Run, kind: str, why: str) -> None:
    dst.code, dst.country, dst.name, dst.key = src.code, src.country, src.name, src.key
    dst.office, dst.cls = src.office, src.cls
    dst.gender = src.gender
    dst.kind = kind
    dst.rule = f"coref:{why}->{src.key} ({src.rule})"


def _office_at(r: Run) -> str:
    return r.office or ""


def resolve_coreference(doc, runs: list[Run], resolver, day: dt.date | None) -> list[Run]:
    history: list[Run] = []
    out: list[Run] = []
    for r in sorted(runs, key=lambda r: (r.start, -r.end)):
        if r.pending == "pronoun":
            ant = _pronoun_antecedent(doc, r, history)
            if ant is None:
                continue
            _copy(ant, r, "pronoun", r.role_phrase)
            out.append(r)
            continue
        if r.pending == "pair":
            pair = _pair(doc, history, r)
            for m in pair:
                clone = Run(pieces=[], start=r.start, end=r.end, sent=r.sent, head=r.head)
                _copy(m, clone, "nominal", doc[r.start : r.end].text)
                out.append(clone)
            continue
        if r.pending == "nominal":
            ant = _own_country(doc, r, history) or _nominal_antecedent(doc, r, history)
            if ant is None and r.possessive and r.code and not r.country:
                owner = _owner(doc, r, history)
                if owner is not None and owner.country:
                    r.code = owner.country + r.code
                    r.country = owner.country
                    r.rule = f"possessive:{r.possessive}->{owner.key} ({owner.rule})+{r.rule}"
                    r.key = r.code
                    r.kind = "title"
            if ant is not None:
                _copy(ant, r, "nominal", doc[r.start : r.end].text)
            elif not r.pieces or r.code is None:
                continue  # "the country" with nothing before it
            out.append(r)
            history.append(r)
            continue
        if r.pending == "armed":
            group = _armed_group(r, history)
            if group is not None:
                _copy(group, r, "nominal", doc[r.start : r.end].text)
                out.append(r)
            continue
        if r.pending == "counterpart":
            _counterpart(doc, r, history, resolver, day)
        out.append(r)
        history.append(r)
    out.sort(key=lambda r: (r.start, r.end))
    return out


def _own_country(doc, r: Run, history: list[Run]) -> Run | None:
    """'his country', 'their nation': the country of the one they belong to ("The Mongolian
    president, who will visit China, said his country is willing ..." is Mongolia), not the
    country named last."""
    if r.possessive not in ("his", "her", "their") or r.role_phrase not in _COUNTRY_NOUNS:
        return None
    if r.possessive == "their":
        # a group that "they" could be (not "Iraqi officials met Rice in Amman"'s Amman)
        pr = Run(pieces=[], start=r.start, end=r.start + 1, sent=r.sent, head=r.start)
        pr.role_phrase = "they"
        owner = _pronoun_antecedent(doc, pr, history)
    else:
        owner = _owner(doc, r, history)
    if owner is None or not owner.country:
        return None
    for h in reversed(history):
        if h.cls == "country" and h.code == owner.country and h.country == owner.country:
            return h
    land = Run(pieces=[], start=owner.start, end=owner.end, sent=owner.sent, head=owner.head)
    land.code = land.country = land.key = land.name = owner.country
    land.cls, land.kind = "country", "nominal"
    land.rule = f"country of {owner.key}"
    return land


def _armed_group(r: Run, history: list[Run]) -> Run | None:
    """The last armed group (or its leader) named before "the Islamists" (code CCC+REB/INS/SEP),
    anywhere before it in the article, not one whose country only the context gave."""
    for h in reversed(history):
        if (
            h.start < r.start
            and h.country
            and h.code
            and _ARMED_GROUP.match(h.code)
            and not h.rule.startswith("context")
        ):
            return h
    return None


def _recent(history: list[Run], r: Run, limit: int = _MAX_SENT):
    for h in reversed(history):
        if h.start >= r.start:
            continue
        if r.sent - h.sent > limit:
            break
        yield h


def _pronoun_antecedent(doc, r: Run, history: list[Run]) -> Run | None:
    w = r.role_phrase
    tok = doc[r.start]
    cands = list(_recent(history, r))
    if tok.dep_ in ("dobj", "dative", "pobj", "iobj"):
        # an object pronoun is not the subject of its own verb ("Kenya would not accept it")
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        hops = 0
        while not subjects and verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.i != verb.i and hops < 3:
            verb = verb.head  # "Netanyahu called Morrison to congratulate him": the subject controls
            subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
            hops += 1
        banned = {h.key for h in cands if h.head in subjects}
        cands = [h for h in cands if h.key not in banned]
    if w in ("he", "him", "she", "her"):
        want = "m" if w in ("he", "him") else "f"
        people = [
            h
            for h in cands
            if (
                h.cls == "person"
                and not h.plural
                and h.code is not None
                or h.cls == "person"
                and h.kind == "name"
                and not h.plural
            )
            and h.gender in ("", want)
        ]
        if not people:
            return None
        same = [h for h in people if h.sent == r.sent]
        if same:
            # an object pronoun does not refer to the subject of its own verb
            if tok.dep_ in ("dobj", "dative", "pobj"):
                same = [h for h in same if not (_is_subject(doc, h) and doc[h.head].head.i == tok.head.i)] or []
            subj = [h for h in same if _is_subject(doc, h)]
            if subj:
                return subj[0]
            if same:
                return same[0]
        earlier = [h for h in people if h.sent < r.sent]
        if not earlier:
            return None
        last_sent = earlier[0].sent
        in_last = [h for h in earlier if h.sent == last_sent]
        subj = [h for h in in_last if _is_subject(doc, h)]
        return subj[-1] if subj else in_last[-1] if in_last else earlier[0]
    if w == "it":
        things = [h for h in cands if h.cls in ("country", "org", "body") and not h.plural and h.code and _known(h)]
        if not things:
            return None
        if _is_subject(doc, r) and things[0].sent < r.sent:
            # "The Security Council extended its mission in Sierra Leone. It also urged ...": a subject
            # "it" with nothing before it in its sentence continues the previous sentence's subject
            in_last = [h for h in things if h.sent == things[0].sent]
            subj = [h for h in in_last if _is_subject(doc, h)]
            if subj:
                return subj[-1]
        return things[0]
    if w in ("they", "them"):
        groups = [
            h for h in cands if h.plural and h.code and h.cls in ("group", "org", "country", "body") and _known(h)
        ]
        if not groups:
            return None
        if w == "they" and _is_subject(doc, r) and groups[0].sent < r.sent and not _partner(doc, groups[0]):
            in_last = [h for h in groups if h.sent == groups[0].sent]
            subj = [h for h in in_last if _is_subject(doc, h)]
            if subj:
                return subj[-1]  # as for "it": a subject "they" continues the previous sentence's subject
        return groups[0]
    return None


def _partner(doc, h: Run) -> bool:
    """`h` took part with the subject ("clashed with Chinese soldiers", "Iran and Iraq"): "they" may be it."""
    tok = doc[h.head] if h.head >= 0 else None
    return tok is not None and (tok.dep_ == "conj" or (tok.dep_ == "pobj" and tok.head.lower_ == "with"))


def _owner(doc, r: Run, history: list[Run]) -> Run | None:
    """Whose are 'its jets', 'his aides', 'their troops'?"""
    pr = Run(pieces=[], start=r.start, end=r.start + 1, sent=r.sent, head=r.start)
    owners = {"its": "it", "his": "he", "her": "she", "their": "they"}
    pr.role_phrase = owners.get(r.possessive, "") if r.possessive is not None else ""
    if pr.role_phrase == "they":
        for h in _recent(history, r):
            if h.rule.startswith(("place:", "capital:")) and not _is_subject(doc, h):
                continue  # "met in the Cuban capital of Havana, had directed their secretaries"
            if h.code and h.country and (h.plural or h.cls in ("org", "country")):
                return h
        return None
    return _pronoun_antecedent(doc, pr, history)


def _known(h: Run) -> bool:
    """An antecedent for it/they must be a named or located actor, not a bare 'university'."""
    return (
        bool(h.country)
        or (h.code or "")[:3] in ("IGO", "NGO", "IMG", "MNC", "INT")
        or h.cls == "org"
        or len(h.code or "") == 3
        and h.kind == "name"
    )


def _last_word(s: str) -> str:
    w = (s or "").split(" ")[-1]
    if w.endswith("men"):
        w = w[:-3] + "man"
    return w


def _nominal_antecedent(doc, r: Run, history: list[Run]) -> Run | None:
    want = r.role_phrase
    if want in _COUNTRY_NOUNS or r.role_phrase == "country":
        # the subject of the sentence first: "Colombia is ready to send troops to Afghanistan,
        # the Andean nation's defence minister said"
        for h in _recent(history, r):
            if (
                h.sent == r.sent
                and h.cls == "country"
                and h.kind in ("name", "nominal")
                and h.code == h.country
                and _is_subject(doc, h)
            ):
                return h
    # "the aid agency" after the Red Cross, "the news agency" after Xinhua: a kind of body whose
    # sector the organisation named before it has
    kind_word = _last_word(want) in _ORG_NOUNS | {"charity", "tank", "think-tank"} and want not in _ORG_NOUNS
    kind_of_org = (
        kind_word
        and bool(r.code)
        and not any(t.text[:1].isupper() for t in doc[r.start + 1 : r.end])  # "the ANI news agency" is named
    )
    sector = str(r.code)[len(r.country) :] if r.country and str(r.code).startswith(r.country) else str(r.code)
    if kind_of_org and sector and want not in _ORG_NOUNS:
        for h in _recent(history, r):
            if h.code and sector in h.code and (h.cls == "org" or h.rule.startswith(("org:", "metonym:"))):
                return h
        return None
    if want in _COUNTRY_NOUNS:
        want = "country"
    elif want in _ORG_NOUNS or want in ("council", "coalition"):
        named = _named_for(r.role_phrase, history, r)
        if named is not None:
            return named  # "the council" after the UN Security Council, not the nearer rebel group
        want = "org"
    for h in _recent(history, r):
        if not h.code:
            continue
        if want == "country":
            if h.cls == "country" and h.kind in ("name", "nominal") and h.code == h.country:
                return h
            continue
        if want == "org":
            if h.cls == "org" or h.rule.startswith("org:"):  # "a spokesman for the Taliban ... the group"
                return h
            continue
        if h.key.startswith("role:"):
            continue
        if h.role_phrase and _last_word(h.role_phrase) == _last_word(want):
            if kind_word and h.role_phrase != want:
                continue  # "the news agency" is not "the aid agency"
            return h
        if r.office and h.cls == "person" and h.office == r.office and r.office not in ("minister",) and not r.plural:
            # "the foreign ministers" are not the one foreign minister named before them
            return h
    return None


def _named_for(noun: str, history: list[Run], r: Run) -> Run | None:
    """The nearest recent organisation whose name holds the noun: "the council" is the
    Security Council, "the movement" the Islamic Resistance Movement."""
    for h in _recent(history, r, _NAMED_MAX_SENT):
        if h.code and (h.cls == "org" or h.rule.startswith("org:")) and noun in h.name.lower().split():
            return h
    return None


_LEADER_OFFICES = {"president", "prime_minister", "chancellor", "monarch", "supreme_leader", "leader", "vice_president"}


def _pair(doc, history: list[Run], r: Run) -> list[Run]:
    """The parties a group noun names ("the two sides", "the three countries"): the last ones
    of different countries when there are enough of them (the DPRK and its delegate are one
    side), else the last different actors ("the two leaders" of one country's factions)."""
    size = GROUP_SIZE.get(r.number, 2)
    pools = [[h for h in history if not _venue(doc, h)]]
    if r.role_phrase == "person" and r.office in _LEADER_OFFICES | {""}:
        pools.insert(0, [h for h in history if h.office in _LEADER_OFFICES])
    for pool in pools:
        # parties of different countries nearby, then further back in the article ("The two sides agreed"
        # after the Chinese minister and the Russian ambassador of the lead), then any nearby
        for apart, limit in ((True, _MAX_SENT), (True, _PAIR_MAX_SENT), (False, _MAX_SENT)):
            want = r.role_phrase if pool is pools[-1] else "person"
            if limit > _MAX_SENT and want == "person":
                continue  # "the two leaders", "the two men": the ones just named, of one country or not
            got = _pair_from(pool, r, want, size, apart, limit)
            if got:
                return got
    return []


def _venue(doc, h: Run) -> bool:
    """A place where something happens ("talks in Beijing"), not a party to it."""
    tok = doc[h.head] if 0 <= h.head < len(doc) else doc[h.end - 1]
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "near", "inside", "outside")


def _fits(h: Run, want: str) -> bool:
    if not h.code or (h.key or "").startswith("role:"):
        return False
    if want == "person":
        return h.cls == "person"
    if want == "country":
        return h.cls == "country"
    if want == "any":
        return h.cls in ("person", "country")
    return True


def _pair_from(
    history: list[Run], r: Run, want: str, size: int = 2, apart: bool = False, limit: int = _MAX_SENT
) -> list[Run]:
    """The last `size` actors that fit `want`, each a different actor (and, `apart`, each of
    another country), oldest first; [] when there are fewer."""
    seen: list[Run] = []
    keys: set[str] = set()
    countries: set[str] = set()
    for h in _recent(history, r, limit):
        if not _fits(h, want) or h.key in keys:
            continue
        country = h.country or h.code
        if apart and country in countries:
            continue
        seen.append(h)
        keys.add(h.key)
        countries.add(country)
        if len(seen) == size:
            break
    return list(reversed(seen)) if len(seen) == size else []


def _counterpart(doc, r: Run, history: list[Run], resolver, day) -> None:
    """'his US counterpart' -> the holder of the possessor's office in that country."""
    owner = None
    for h in _recent(history, r):
        if h.cls == "person" and h.code and not h.plural:
            owner = h
            break
    if owner is None or not owner.office or not r.country:
        return
    got = resolver.holder(r.country, owner.office, day)
    for period, e in [got] if got else []:
        if True:
            r.code, r.name, r.key = period.code, e.name, e.key
            r.country = r.country
            r.office = period.office
            r.cls = "person"
            r.kind = "nominal"
            r.rule = f"counterpart:{owner.name}->{period.source}"
            return


_BARE = re.compile(
    r"^(?:GOV|MIL|COP|JUD|LEG|REB|INS|SEP|OPP|SPY|UAF|BUS|CRM|CVL|DEV|EDU|ELI|ENV|HLH|HRI|LAB|MED|"
    r"REF|AGR|MOD|RAD|PTY|REL)+$"
)


def fill_from_context(runs: list[Run], places: Sequence[Run] = ()) -> None:
    """A role with no country ("President X", "the government", "protesters") takes the one
    country named in its sentence (or, when its sentence names none, in the sentence before),
    when exactly one is named there; else the article's dominant country if nothing is near."""
    by_sent: dict[int, set[str]] = {}
    for r in list(runs) + list(places):
        # a person's nationality ("Kong Hung, a Cambodian,") does not say where the sentence is
        if r.country and r.kind != "pronoun" and not r.rule.startswith(("context:", "apposition:demonym")):
            by_sent.setdefault(r.sent, set()).add(r.country)
    counts: dict[str, int] = {}
    for r in runs:
        if r.country and r.kind != "pronoun" and not r.rule.startswith("context"):
            counts[r.country] = counts.get(r.country, 0) + 1
    main = None
    if counts:
        top = max(counts, key=counts.__getitem__)
        if counts[top] >= 3 and counts[top] >= 0.6 * sum(counts.values()):
            main = top
    for r in runs:
        if r.country or not r.code or not _BARE.match(r.code) or r.kind == "pronoun":
            continue
        if "(general:" in r.rule:
            continue  # "governments around the world" and what refers back to them: no one country's
        near = by_sent.get(r.sent, set()) or by_sent.get(r.sent - 1, set())
        allowed = r.candidates
        if allowed is not None:
            # a diplomatic post (allowed empty) or a unit two countries share: only its own countries
            near = near & set(allowed)
            if len(near) != 1 and not (main in allowed and not near):
                continue
        if len(near) == 1:
            (country,) = near
            why = "context"
        elif not near and main:
            country, why = main, "context-article"
        else:
            continue
        r.code = country + r.code
        r.country = country
        r.rule = f"{why}:{country}+{r.rule}"
        if r.key is not None and r.key.startswith("role:"):
            r.key = r.code
