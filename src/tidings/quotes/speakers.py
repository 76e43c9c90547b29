"""Who a subject token refers to: an ActorRef for a quote's speaker, or None.

Order of evidence: the actors stage's mention covering the token (its canonical name; its
pronoun resolution), then spaCy entities, then the noun phrase itself ("a witness", code None).
Pronouns the actors stage left unresolved go to the nearest preceding person (preferring the
subject of the nearest sentence that names one); "I"/"we" inside a quote go to its speaker;
anything else stays None: a speaker is never guessed.
"""

from __future__ import annotations

import bisect

from ..records import ActorRef
from ..records.mentions import ActorMention
from .syntax import according_source, phrase_bounds

__all__ = ["Speakers"]

PERSONAL = {"he", "she", "him", "her", "his", "hers"}
_GENDER = {"him": "he", "his": "he", "her": "she", "hers": "she"}
FIRST = {"i", "we", "me", "us", "my", "our"}
PLURAL = {"they", "them", "their"}
NEUTER = {"it", "its"}
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_WINDOW_SENTS = 6
_IT_WINDOW = 2
_NOT_SPEAKER = ("DATE", "TIME", "MONEY", "QUANTITY")
_QUANTIFIERS = {
    "some",
    "many",
    "most",
    "all",
    "each",
    "both",
    "several",
    "others",
    "someone",
    "somebody",
    "few",
    "those",
    "another",
    "everyone",
    "everybody",
    "nobody",
    "none",
    "one",
    "either",
    "neither",
}
_MALE = (
    "man father son brother husband uncle nephew grandfather boy spokesman chairman congressman businessman king prince"
)
_FEMALE = (
    "woman mother daughter sister wife aunt niece grandmother girl spokeswoman chairwoman congresswoman businesswoman"
    " queen princess"
)
_NEUTRAL = (
    "spokesperson official minister officer witness lawyer attorney doctor resident teacher student commander"
    " president leader governor mayor senator director executive secretary ambassador envoy aide adviser advisor"
    " analyst diplomat general colonel soldier farmer worker owner manager chief judge prosecutor investigator"
    " negotiator activist candidate nominee lawmaker legislator representative member survivor victim relative"
    " friend neighbor neighbour colleague chairperson coach player journalist reporter"
)
PERSON_NOUNS = (
    {w: "he" for w in _MALE.split()} | {w: "she" for w in _FEMALE.split()} | {w: "" for w in _NEUTRAL.split()}
)  # a person noun and the pronoun its gender takes ("" for either)
_PERSON_RULES = ("people", "ner:PERSON", "title:", "surname:", "person")


def _at_pronoun(ref: ActorRef, tok, rule: str) -> ActorRef:
    """The speaker `ref` stands for, at the pronoun `tok` that names it."""
    return ActorRef(
        code=ref.code,
        country=ref.country,
        name=ref.name,
        text=tok.text,
        start=tok.idx,
        end=tok.idx + len(tok),
        rule=rule,
    )


_RELATIVE = ("who", "which", "that")


def relative_speaker(ref: ActorRef | None, cue) -> ActorRef | None:
    """A speaker found through the relative pronoun subject of its cue ("the police department,
    which reported ...", "an aide who told ..."), at that pronoun: the text names it "which"/"who",
    the name is the noun it stands for, as for he/she."""
    if ref is None:
        return None
    rel = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE), None)
    if rel is None or cue.dep_ != "relcl" or ref.start == rel.idx:
        return ref
    return _at_pronoun(ref, rel, ref.rule)


class Speakers:
    def __init__(self, doc, cue_subjects=(), quoted=()):
        """`cue_subjects`: tokens that are subjects of speech cues ("Husted said"): a proper
        name there is taken for a person even when the NER calls it something else.
        `quoted`: the (start, end) character spans inside quotation marks; "I" or "we" outside
        them is the writer of the article."""
        self.doc = doc
        self.quoted = sorted(quoted)
        self.mentions = list(doc._.actor_mentions or ())
        self.by_token: dict[int, ActorMention] = {}
        for m in sorted(self.mentions, key=lambda m: m.end - m.start):  # shortest wins
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)
        ents = list(doc.ents)  # Doc.ents builds new Spans at every access: read it once
        self.ents = {}
        for e in ents:
            if e.label_ in _NAME_LABELS:
                for i in range(e.start, e.end):
                    self.ents[i] = e
        persons = {(e.start, e.end): e for e in ents if e.label_ == "PERSON"}
        for m in self.mentions:
            if m.kind in ("name", "title") and m.rule.startswith(_PERSON_RULES):
                persons.setdefault((m.start, m.end), doc[m.start : m.end])
        for t in cue_subjects:
            if (
                t.pos_ == "PROPN"
                and t.ent_type_ not in ("GPE", "NORP", "LOC", "FAC")
                and not any(a <= t.i < b for a, b in persons)
            ):
                persons[(t.left_edge.i if t.left_edge.i >= t.i - 3 else t.i, t.i + 1)] = None
        self.persons = sorted((doc[a:b] if v is None else v for (a, b), v in persons.items()), key=lambda sp: sp.start)
        self.person_starts = [e.start for e in self.persons]
        full: dict[str, str] = {}
        for e in ents:
            if e.label_ not in ("PERSON", "ORG") or not all(t.pos_ == "PROPN" for t in e):
                continue
            words = _clean(e.text).split()
            if len(words) > 1 and words[-1][:1].isupper():
                full.setdefault(words[-1].lower(), " ".join(words))
        self.full = full
        self.sent_starts = [s.start for s in doc.sents]
        self.narrative = self._narrative_counts()
        self.chain: list[tuple[int, str, ActorRef]] = []  # (token, "he"/"she", speaker) resolved so far
        self.nominal_speakers = sorted(
            (t for t in cue_subjects if t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() in PERSON_NOUNS),
            key=lambda t: t.i,
        )

    # --- names -------------------------------------------------------------------------
    def canonical(self, text: str) -> str:
        words = _clean(text).split()
        if len(words) == 1 and words[0].lower() in self.full:
            return self.full[words[0].lower()]
        return " ".join(words)

    def _ref(self, name, start: int, end: int, code=None, country=None, rule="") -> ActorRef:
        span = self.doc[start:end]
        return ActorRef(
            code=code, country=country, name=name, text=span.text, start=span.start_char, end=span.end_char, rule=rule
        )

    def _from_mention(self, m) -> ActorRef | None:
        if m.kind == "pronoun" and (not m.name or m.name.lower() == m.text.lower()):
            return None  # an unresolved pronoun: let our own rule try
        if m.kind == "pronoun" and m.text.lower() in PERSONAL and not _personal_rule(m.rule):
            return None  # "he" resolved to a party or a country: let the person rule try
        return ActorRef(
            code=m.code, country=m.country, name=m.name, text=m.text, start=m.start_char, end=m.end_char, rule=m.rule
        )

    # --- main entry --------------------------------------------------------------------
    def resolve(self, tok, quote_speaker: ActorRef | None = None) -> ActorRef | None:
        """The speaker a subject token `tok` names, or None."""
        low = tok.lower_
        m = self.by_token.get(tok.i)
        if m is not None and m.kind not in ("nominal",) and not _possessed(tok, m):
            ref = self._from_mention(m)
            if ref is not None:
                return self._with_case(ref, tok)
        if low in _QUANTIFIERS or (tok.pos_ in ("NUM", "DET") and tok.dep_ in ("nsubj", "nsubjpass")):
            start, end = phrase_bounds(tok)  # "some", "most of whom", "Twelve percent of voters"
            return self._ref(_nominal(self.doc[start:end]), start, end)
        if tok.pos_ == "PRON" or low in PERSONAL | FIRST | PLURAL | NEUTER:
            return self._pronoun(tok, quote_speaker)
        if tok.ent_type_ in _NOT_SPEAKER:
            return None
        start, end = phrase_bounds(tok)
        tied = [tok] + [c for c in tok.children if c.dep_ in ("appos", "compound", "flat")]
        for t in tied[1:]:  # "the company's chief executive, Anna Berg": the named appositive
            m2 = self.by_token.get(t.i)
            if m2 is not None and m2.kind in ("name", "title"):
                ref = self._from_mention(m2)
                if ref is not None:
                    return self._ref(ref.name, start, end, ref.code, ref.country, ref.rule)
        for t in tied[1:]:
            if t.dep_ == "appos" and t.pos_ == "PROPN":  # "His partner, Lawrence Cummings, said"
                return self._ref(self.canonical(_proper_run(t)), start, end)
        if m is not None and m.kind != "pronoun" and not _named_otherwise(tok, m):  # a role ("the company")
            name = m.name if m.kind == "nominal" else _nominal(self.doc[start:end])
            return self._ref(name, start, end, m.code, m.country, m.rule)
        if tok.pos_ == "PROPN":
            return self._ref(self.canonical(_proper_run(tok)), start, end)
        for t in tied:
            ent = self.ents.get(t.i)
            if ent is not None and (t.i == tok.i or ent.label_ == "PERSON"):
                return self._ref(self.canonical(ent.text), start, end)
        if tok.pos_ != "NOUN":
            return None
        return self._ref(_nominal(self.doc[start:end]), start, end)

    def _with_case(self, ref: ActorRef, tok) -> ActorRef:
        """ "Trump's claim that ...": the holder's text is the possessive as written, "Trump's"."""
        case = next((c for c in tok.children if c.dep_ == "case" and c.idx >= ref.end), None)
        if tok.dep_ != "poss" or case is None or case.idx > ref.end + 1:
            return ref
        end = case.idx + len(case)
        text = self.doc.text[ref.start : end]
        return ActorRef(
            code=ref.code, country=ref.country, name=ref.name, text=text, start=ref.start, end=end, rule=ref.rule
        )

    def by_label(self, label: str, at: int) -> ActorRef | None:
        """A transcript label ("PENCE", "MR. TRUMP") as the person of the article it names."""
        last = label.replace("’", "'").split()[-1].strip(".").lower()
        for m in self.mentions:
            if m.kind in ("name", "title") and m.name and m.name.split()[-1].lower() == last:
                return ActorRef(
                    code=m.code,
                    country=m.country,
                    name=m.name,
                    text=label,
                    start=at,
                    end=at + len(label),
                    rule=f"quotes:label ({m.rule})",
                )
        for e in self.persons:
            if e.text.split()[-1].strip(".'’s").lower() == last:
                return ActorRef(
                    code=None,
                    country=None,
                    name=self.canonical(e.text),
                    text=label,
                    start=at,
                    end=at + len(label),
                    rule="quotes:label",
                )
        return None

    def _pronoun(self, tok, quote_speaker):
        low = tok.lower_
        if low in FIRST:
            if quote_speaker is None and not self._in_quotes(tok.idx):
                return ActorRef(
                    code=None,
                    country=None,
                    name="the writer",
                    text=tok.text,
                    start=tok.idx,
                    end=tok.idx + len(tok),
                    rule="quotes:first-person-writer",
                )
            return quote_speaker
        if low in NEUTER | PLURAL:
            return self._nonperson(tok)
        if low == "you" and quote_speaker is None and not self._in_quotes(tok.idx):
            return ActorRef(  # "Lest you assume that ...": the writer's reader, whom the text names "you"
                code=None,
                country=None,
                name="the reader",
                text=tok.text,
                start=tok.idx,
                end=tok.idx + len(tok),
                rule="quotes:second-person-reader",
            )
        if low not in PERSONAL:
            return None
        person = self.nearest_person(tok.i)
        if person is None:
            return self._chained(tok) or self._nominal_speaker(tok)
        m = self.by_token.get(person.start)
        name = m.name if m is not None and m.kind != "pronoun" else self.canonical(person.text)
        code = m.code if m is not None else None
        country = m.country if m is not None else None
        ref = ActorRef(
            code=code,
            country=country,
            name=name,
            text=tok.text,
            start=tok.idx,
            end=tok.idx + len(tok),
            rule="quotes:nearest-person",
        )
        self.chain.append((tok.i, _GENDER.get(low, low), ref))
        return ref

    def _chained(self, tok) -> ActorRef | None:
        """A pronoun whose person is named too far back, when the last speaker resolved from the
        same pronoun is near: '"Don't shoot him," she says. ... "He better live," she said' (the
        person named once, at the start of the scene)."""
        gender = _GENDER.get(tok.lower_, tok.lower_)
        before = [(i, ref) for i, g, ref in self.chain if i < tok.i and g == gender]
        if not before:
            return None
        i, ref = max(before, key=lambda pair: pair[0])  # the nearest (the chain is not in text order)
        s_here = bisect.bisect_right(self.sent_starts, tok.i) - 1
        s = bisect.bisect_right(self.sent_starts, i) - 1
        if self.narrative[s_here] - self.narrative[s] >= _WINDOW_SENTS:
            return None
        chained = _at_pronoun(ref, tok, "quotes:pronoun-chain")
        self.chain.append((tok.i, gender, chained))
        return chained

    def _nominal_speaker(self, tok) -> ActorRef | None:
        """A he/she with no person named near it: the speaker a person noun named in the same or
        the sentence before ("A police spokesman said ... He added that ..."), when the noun's
        gender, if it has one, agrees."""
        gender = _GENDER.get(tok.lower_, tok.lower_)
        s_here = bisect.bisect_right(self.sent_starts, tok.i) - 1
        for noun in reversed(self.nominal_speakers):
            if noun.i >= tok.i:
                continue
            s = bisect.bisect_right(self.sent_starts, noun.i) - 1
            if self.narrative[s_here] - self.narrative[s] > 1:
                return None
            if PERSON_NOUNS[noun.lemma_.lower()] not in ("", gender):
                continue
            ref = self.resolve(noun)
            if ref is None:
                return None
            chained = _at_pronoun(ref, tok, "quotes:nominal-speaker")
            self.chain.append((tok.i, gender, chained))
            return chained
        return None

    def _in_quotes(self, char: int) -> bool:
        k = bisect.bisect_right(self.quoted, (char, float("inf"))) - 1
        return any(a <= char < b for a, b in self.quoted[max(0, k - 3) : k + 1])

    def _nonperson(self, tok):
        """ "it" / "they": the subject of a nearest preceding sentence, when it is a noun phrase
        of the right number ("the campaign ... It said" / "Democrats ... They said")."""
        plural = tok.lower_ in PLURAL
        s_here = bisect.bisect_right(self.sent_starts, tok.i) - 1
        for s in range(s_here, max(-1, s_here - _IT_WINDOW - 1), -1):
            a = self.sent_starts[s]
            b = self.sent_starts[s + 1] if s + 1 < len(self.sent_starts) else len(self.doc)
            b = min(b, tok.i)
            subj = [
                t
                for t in self.doc[a:b]
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "ccomp", "conj")
            ]
            subj += [  # "..., according to show insiders. They said ...": the source is a subject too
                x for x in (according_source(t) for t in self.doc[a:b] if t.lower_ == "according") if x is not None
            ]
            subj.sort(key=lambda t: (_main_clause(t), t.i))  # the main clause's subject first
            for t in reversed(subj):
                if t.pos_ == "PRON":
                    continue
                is_plural = t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children)
                ent = self.ents.get(t.i)
                if ent is not None and ent.label_ == "PERSON" and not is_plural:
                    continue
                if plural != is_plural and not (ent is not None and ent.label_ in ("ORG", "NORP")):
                    continue
                ref = self.resolve(t)
                if ref is not None:
                    return _at_pronoun(ref, tok, "quotes:nearest-subject")
        return None

    def _narrative_counts(self) -> list[int]:
        """How many sentences before each one have words outside quotation marks: the distance
        to an antecedent counts those only ('"Don't shoot him. He has no weapon. Don't shoot
        him," she says' is one sentence of narrative, not four)."""
        counts, total = [], 0
        ends = self.sent_starts[1:] + [len(self.doc)]
        for a, b in zip(self.sent_starts, ends):
            counts.append(total)
            if any(t.is_alpha and not self._in_quotes(t.idx) for t in self.doc[a:b]):
                total += 1
        return counts

    def nearest_person(self, i: int):
        """The person a pronoun at token i most likely refers to: in the nearest sentence (up to
        _WINDOW_SENTS back) that names a person before i, its subject person, else its last."""
        k = bisect.bisect_left(self.person_starts, i)
        if k == 0:
            return None
        s_here = bisect.bisect_right(self.sent_starts, i) - 1
        best_sent, found = None, []
        for e in reversed(self.persons[:k]):
            s = bisect.bisect_right(self.sent_starts, e.start) - 1
            if self.narrative[s_here] - self.narrative[s] >= _WINDOW_SENTS:
                break
            if best_sent is None:
                best_sent = s
            if s != best_sent:
                break
            found.append(e)
        if not found:
            return None
        for e in found:  # found is latest first; a subject person wins
            if e.root.dep_ in ("nsubj", "nsubjpass") or (
                e.root.dep_ == "compound" and e.root.head.dep_ in ("nsubj", "nsubjpass")
            ):
                return e
        return found[0]


_PARTICLES = {"von", "van", "der", "den", "de", "del", "la", "le", "da", "di", "du", "bin", "al", "ibn", "el"}


def _proper_run(tok) -> str:
    """The proper name ending at `tok`: capitalised tokens (and name particles) before it."""
    doc = tok.doc
    i = tok.i
    while i - 1 >= 0:
        t = doc[i - 1]
        if (
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and not t.is_punct
            and t.ent_type_ != "NORP"
            or (t.lower_ in _PARTICLES and _capital_before(doc, i - 1))
            or (
                t.text in ("-", "‑")
                and not t.whitespace_
                and i - 2 >= 0
                and not doc[i - 2].whitespace_
                and doc[i - 2].is_alpha
            )
            or (
                t.is_alpha
                and t.is_lower
                and len(t) <= 3
                and not t.whitespace_
                and i - 2 >= 0
                and doc[i - 2].text == "-"
            )
        ):
            i -= 1
            continue
        break
    while i < tok.i and doc[i].text.rstrip(".").lower() in _TITLES:
        i += 1
    return " ".join(doc[i : tok.i + 1].text.split()) or tok.text  # keeps "Tehreek-e-Insaf" whole


def _main_clause(tok) -> bool:
    """Is `tok` the subject of its sentence's main verb (or of a verb joined to it)? "Officials
    said the talks had failed. They said ...": they are the officials, not the talks."""
    head = tok.head
    if head.dep_ == "conj":
        head = head.head
    return head.dep_ == "ROOT" and tok.dep_ in ("nsubj", "nsubjpass")


def _personal_rule(rule: str) -> bool:
    """Does a coreference rule ("coref:he->KEY (SOURCE)") end at a person?"""
    target = rule.split("->", 1)[-1]
    return any(x in target for x in ("people", "person", "ner:PERSON", "title:", "surname:", "counterpart"))


def _named_otherwise(tok, m) -> bool:
    """ "Chief Judge Hale" that the actors stage took for a title of the person named before it
    ("the real Abraham Lincoln, Chief Judge Hale said"): a name whose mention's name it does not hold."""
    if m.kind != "nominal" or tok.pos_ != "PROPN" or not m.name:
        return False
    return m.name.split()[-1].lower() not in m.text.lower()


def _possessed(tok, m) -> bool:
    """ "Imran Khan's lawyer": the mention names the possessor, not the head noun."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "poss" and m.start <= c.i < m.end for c in tok.children)


def _capital_before(doc, i: int) -> bool:
    j = i - 1
    while j >= 0 and doc[j].lower_ in _PARTICLES:
        j -= 1
    return j >= 0 and doc[j].text[:1].isupper() and doc[j].is_alpha


_TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "president",
    "prime",
    "minister",
    "secretary",
    "general",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "judge",
    "justice",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "mayor",
    "speaker",
    "vice",
    "chief",
    "chairman",
    "chairwoman",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "former",
    "interior",
    "foreign",
    "defence",
    "defense",
    "finance",
    "state",
    "sir",
    "dame",
    "lord",
}


def _clean(text: str) -> str:
    text = text.strip().strip("\"'“”‘’<>()[]{},;:.-—–=")
    for suf in ("'s", "’s"):
        if text.endswith(suf):
            text = text[: -len(suf)]
    return " ".join(text.split())


def _nominal(span) -> str:
    words = [t.text for t in span if not t.is_punct or t.text in ("-", "'", "’")]
    return " ".join(words).strip()
