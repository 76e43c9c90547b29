"""When and where: the time expression and place attached to an event's clause."""
from __future__ import annotations

from ..dates import is_point

__all__ = ["Anchors"]

_DEFINITE = {"the", "that", "this", "those", "these", "same", "its", "their"}


class Anchors:
    """Time expressions and places of one Doc, located on tokens, with the dated event nouns
    seen so far (for "that video call" after "a video call on Dec 7")."""

    def __init__(self, doc):
        self.doc = doc
        self.timexes = [(t, self._root(t.start, t.end)) for t in (doc._.timexes or ()) if is_point(t)]
        self.places = [(p, self._root(p.start, p.end)) for p in (doc._.places or ())]
        self.dated_nouns: dict[str, object] = {}

    def _root(self, start: int, end: int):
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    @staticmethod
    def _reaches(tok, targets: set[int], depth: int = 10) -> bool:
        steps = 0
        while steps < depth:
            if tok.i in targets:
                return True
            if tok.head.i == tok.i:
                return False
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass") and steps > 0:
                return False  # another clause
            tok = tok.head
            steps += 1
        return False

    def _attached(self, items, event_tokens, sent):
        if not items:
            return None
        targets = {t.i for t in event_tokens}
        for item, root in items:
            if root is None or not (sent.start <= root.i < sent.end):
                continue
            if root.i in targets or self._reaches(root.head if root.head.i != root.i else root, targets):
                return item
        return None

    def date_for(self, event_tokens, sent, nouns=(), reporting=()):
        """(TimeRef, how) or (None, '')."""
        t = self._attached(self.timexes, event_tokens, sent)
        if t is not None:
            for n in nouns:
                self.dated_nouns.setdefault(n.lemma_.lower(), t)
            return t, "attached"
        # a definite mention of an event noun dated earlier ("that video call")
        for tok in event_tokens if self.dated_nouns else ():
            for n in [tok] + [c for c in tok.children if c.pos_ == "NOUN"]:
                lemma = n.lemma_.lower()
                if lemma in self.dated_nouns and any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                                                      for c in n.children):
                    return self.dated_nouns[lemma], "anaphoric"
        # a date anywhere in the sentence that is not the date of a report ("said on Sunday")
        rep = {r.i for r in reporting}
        for item, root in self.timexes:
            if root is None or not (sent.start <= root.i < sent.end):
                continue
            if rep and self._reaches(root.head if root.head.i != root.i else root, rep):
                continue
            return item, "sentence"
        return None, ""

    def note_dated_nouns(self, sent):
        """Remember event nouns that carry a date in this sentence ("a video call on Dec 7")."""
        for item, root in self.timexes:
            if root is None or not (sent.start <= root.i < sent.end):
                continue
            tok, steps = root, 0
            while tok.head.i != tok.i and steps < 3:
                tok = tok.head
                steps += 1
                if tok.pos_ == "NOUN":
                    self.dated_nouns.setdefault(tok.lemma_.lower(), item)
                    break
                if tok.pos_ in ("VERB", "AUX"):
                    break

    def place_for(self, event_tokens, sent):
        return self._attached(self.places, event_tokens, sent)
