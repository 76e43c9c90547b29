"""A token trie over the lexicon: one dictionary walk per token, longest match wins.

Phrases are tokenised with the pipeline's own tokenizer when the trie is built, so "U.S.",
"al-Qaeda" and "Côte d'Ivoire" split in the text exactly as they split here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ORTH

from .lexicon import Entry, Lexicon

__all__ = ["Match", "PhraseTrie", "norm", "plain_words", "tokenised"]

_END = "\x00"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


def norm(text: str) -> str:
    return text.lower().translate(_QUOTES)


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token index
    end: int  # exclusive
    entries: tuple[Entry, ...]


def plain_words(text: str, special_cases) -> tuple[str, ...] | None:
    """The tokens of a phrase of plain words (ASCII letters, one space between them, none a
    special case of the tokenizer such as "cannot"), which the tokenizer splits at the spaces
    only; None for any other phrase. Most of the lexicon is such phrases, and tokenising
    them all took a third of a second at every start."""
    words = text.split(" ")
    for w in words:
        if not (w.isascii() and w.isalpha()) or w in special_cases:
            return None
    return tuple(words)


def tokenised(texts: list[str], tokenizer) -> list[tuple[str, ...]]:
    """The non-space tokens of each text, as the tokenizer splits it (plain phrases without
    running it: see plain_words)."""
    special_cases = getattr(tokenizer, "rules", None)
    out: list[tuple[str, ...] | None] = (
        [None] * len(texts) if special_cases is None else [plain_words(t, special_cases) for t in texts]
    )
    rest = [k for k, words in enumerate(out) if words is None]
    for k, doc in zip(rest, tokenizer.pipe([texts[k] for k in rest])):
        out[k] = tuple(t.text for t in doc if not t.is_space)
    return out  # type: ignore[return-value]  # every None was filled


class PhraseTrie:
    def __init__(self, tokenizer, lexicon: Lexicon):
        self.root: dict = {}
        self.size = 0
        self._norms: dict[int, str] = {}  # orth id -> norm(text)
        phrases: dict[str, list[Entry]] = {}
        for e in lexicon.entries:
            phrases.setdefault(e.phrase, []).append(e)
        texts = list(phrases)
        # a lower-case phrase is also tokenised capitalised: "gov." splits, "Gov." does not
        variants = [(t, t) for t in texts] + [(t, t[:1].upper() + t[1:]) for t in texts if t[:1].islower()]
        seen_paths = set()
        for (text, form), pieces in zip(variants, tokenised([v for _, v in variants], tokenizer)):
            words = [norm(piece) for piece in pieces]
            if not words or (text, tuple(words)) in seen_paths:
                continue
            seen_paths.add((text, tuple(words)))
            node = self.root
            for w in words:
                node = node.setdefault(w, {})
            bucket = node.setdefault(_END, [])
            orth = pieces
            if form != text:
                orth = (orth[0][:1].lower() + orth[0][1:],) + orth[1:]
            for e in phrases[text]:
                bucket.append((orth, e))
                self.size += 1

    def words(self, doc) -> list[str]:
        """The normalised form of every token, read by orth id (no Token objects)."""
        cache = self._norms
        if len(cache) > 500_000:  # the vocabulary of a long-running process keeps growing
            cache.clear()
        strings = doc.vocab.strings
        ids = doc.to_array(ORTH).tolist()
        for orth in set(ids).difference(cache):
            cache[orth] = norm(strings[orth])
        return list(map(cache.__getitem__, ids))

    def matches(self, doc, words: list[str] | None = None) -> list[Match]:
        """Non-overlapping longest matches, left to right, that pass the case rules (`words`:
        the Doc's `words`, when the caller has them already)."""
        if words is None:
            words = self.words(doc)
        out: list[Match] = []
        i, n = 0, len(doc)
        while i < n:
            node = self.root.get(words[i])
            best: Match | None = None
            j = i
            while node is not None:
                j += 1
                bucket = node.get(_END)
                if bucket:
                    ok = tuple(e for orth, e in bucket if _case_ok(doc, i, orth, e))
                    if ok:
                        best = Match(i, j, ok)
                if j >= n:
                    break
                node = node.get(words[j])
            if best is not None:
                out.append(best)
                i = best.end
            else:
                i += 1
        return out


def _case_ok(doc, i: int, orth: tuple[str, ...], e: Entry) -> bool:
    if e.exact:
        if len(orth) == 1 and _title_acronym(doc[i], orth[0]):
            return True
        return all(doc[i + k].text.translate(_QUOTES) == o.translate(_QUOTES) for k, o in enumerate(orth))
    if e.proper:
        first = doc[i].text
        if not (first[:1].isupper() or first[:1].isdigit()):
            return False
        # a capitalised phrase in an all-lowercase sentence position is fine; an all-caps
        # headline is fine too
    return True


def _title_acronym(tok, acronym: str) -> bool:
    """An acronym of four or more letters written as a name ("Farc", "Nato", "Unicef"), as
    British papers do, where the tagger reads it as a proper noun."""
    return (
        len(acronym) >= 4
        and acronym.isalpha()
        and acronym.isupper()
        and tok.text == acronym[:1] + acronym[1:].lower()
        and tok.pos_ == "PROPN"
    )
