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
from .syntax import phrase_bounds

__all__ = ["Speakers"]

PERSONAL = {"he", "she", "him", "her"}
FIRST = {"i", "we", "me", "us"}
PLURAL = {"they", "them"}
NEUTER = {"it"}
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_WINDOW_SENTS = 3
_DROP_LEAD = ("the", "a", "an")


class Speakers:
    def __init__(self, doc):
        self.doc = doc
        self.mentions = list(doc._.actor_mentions or ())
        self.by_token: dict[int, object] = {}
        for m in sorted(self.mentions, key=lambda m: m.end - m.start):  # shortest wins
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)
        self.ents = {}
        for e in doc.ents:
            if e.label_ in _NAME_LABELS:
                for i in range(e.start, e.end):
                    self.ents[i] = e
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.person_starts = [e.start for e in self.persons]
        full: dict[str, str] = {}
        for e in self.persons:
            words = _clean(e.text).split()
            if len(words) > 1:
                full.setdefault(words[-1].lower(), " ".join(words))
        self.full = full
        self.sent_starts = [s.start for s in doc.sents]

    # --- names -------------------------------------------------------------------------
    def canonical(self, text: str) -> str:
        words = _clean(text).split()
        if len(words) == 1 and words[0].lower() in self.full:
            return self.full[words[0].lower()]
        return " ".join(words)

    def _ref(self, name, start: int, end: int, code=None, country=None, rule="") -> ActorRef:
        span = self.doc[start:end]
        return ActorRef(code=code, country=country, name=name, text=span.text,
                        start=span.start_char, end=span.end_char, rule=rule)

    def _from_mention(self, m) -> ActorRef | None:
        if m.kind == "pronoun" and (not m.name or m.name.lower() == m.text.lower()):
            return None  # an unresolved pronoun: let our own rule try
        return ActorRef(code=m.code, country=m.country, name=m.name, text=m.text,
                        start=m.start_char, end=m.end_char, rule=m.rule)

    # --- main entry --------------------------------------------------------------------
    def resolve(self, tok, quote_speaker: ActorRef | None = None) -> ActorRef | None:
        """The speaker a subject token `tok` names, or None."""
        low = tok.lower_
        m = self.by_token.get(tok.i)
        if m is not None:
            ref = self._from_mention(m)
            if ref is not None:
                return ref
        if tok.pos_ == "PRON" or low in PERSONAL | FIRST | PLURAL | NEUTER:
            return self._pronoun(tok, quote_speaker)
        start, end = phrase_bounds(tok)
        inner = [self.by_token[i] for i in range(start, end) if i in self.by_token]
        inner = [m for m in inner if m.kind not in ("pronoun",)]
        if inner:
            best = min(inner, key=lambda m: (m.kind not in ("name", "title"), abs(m.head - tok.i)
                                             if m.head >= 0 else abs(m.start - tok.i)))
            ref = self._from_mention(best)
            if ref is not None:
                return ActorRef(code=ref.code, country=ref.country, name=ref.name,
                                text=self.doc[start:end].text, start=self.doc[start].idx,
                                end=self.doc[end - 1].idx + len(self.doc[end - 1]), rule=ref.rule)
        ent = self.ents.get(tok.i)
        if ent is None:
            inside = [self.ents[i] for i in range(start, end) if i in self.ents]
            persons = [e for e in inside if e.label_ == "PERSON"]
            ent = (persons or inside or [None])[-1]
        if ent is not None:
            name = self.canonical(ent.text) if ent.label_ == "PERSON" else _clean(ent.text)
            return self._ref(name, start, end)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return self._ref(_nominal(self.doc[start:end]), start, end)

    def _pronoun(self, tok, quote_speaker):
        low = tok.lower_
        if low in FIRST:
            return quote_speaker
        if low not in PERSONAL:
            return None
        person = self.nearest_person(tok.i)
        if person is None:
            return None
        m = self.by_token.get(person.start)
        name = m.name if m is not None and m.kind != "pronoun" else self.canonical(person.text)
        code = m.code if m is not None else None
        country = m.country if m is not None else None
        return ActorRef(code=code, country=country, name=name, text=tok.text, start=tok.idx,
                        end=tok.idx + len(tok), rule="quotes:nearest-person")

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
            if s_here - s >= _WINDOW_SENTS:
                break
            if best_sent is None:
                best_sent = s
            if s != best_sent:
                break
            found.append(e)
        if not found:
            return None
        for e in found:  # found is latest first; a subject person wins
            if e.root.dep_ in ("nsubj", "nsubjpass") or (e.root.dep_ == "compound" and
                                                         e.root.head.dep_ in ("nsubj", "nsubjpass")):
                return e
        return found[0]


def _clean(text: str) -> str:
    text = text.strip()
    for suf in ("'s", "’s"):
        if text.endswith(suf):
            text = text[: -len(suf)]
    return " ".join(text.split())


def _nominal(span) -> str:
    words = [t.text for t in span if not t.is_punct or t.text in ("-", "'", "’")]
    return " ".join(words).strip()
