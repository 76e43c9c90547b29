"""Features of a clause read from an already-parsed spaCy Doc or Span (no second parse).

Sparse string features (counted, then looked up in the model's vocabulary):
  w=     lemmas of content words (named entities replaced by their label: ent=GPE)
  bi=    lemma bigrams over the same normalised tokens
  v= / root= / vobj= / vprep= / vprt= / vx=   verbs, the root verb, verb + object lemma,
         verb + preposition (+ its object), verb + particle, verb -> xcomp/ccomp verb
  subj=  the lemma of a verb's subject when it is a common noun (nominal events: "talks")
  nprep= noun + preposition ("attack on", "talks with")
  neg, mod=, pass, fut   negation, modal, passive and future markers (for the status head)
Dense features: the mean of en_core_web_sm's tok2vec output (doc.tensor, 96 wide) over the
span, and the tensor at the root verb (the model has no static vectors; doc.tensor is the
context-sensitive tok2vec layer, already computed by the parse).
"""

from __future__ import annotations

import functools
import weakref
from collections import Counter
from typing import Sequence

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_SPACE, LEMMA, LIKE_NUM, LOWER, POS

__all__ = ["sparse_features", "dense_features", "FeatureOptions", "TokenTable", "DENSE_WIDTH"]

DENSE_WIDTH = 96
_SKIP_POS = {"PUNCT", "SPACE", "DET", "CCONJ", "SYM", "NUM", "X"}
_STOP = {
    "be",
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "and",
    "'s",
    "on",
    "for",
    "at",
    "by",
    "with",
    "that",
    "which",
    "who",
    "as",
    "it",
    "its",
    "their",
    "his",
    "her",
    "this",
    "from",
}
_REPORT = {"say", "tell", "report", "state", "announce", "add", "confirm", "note", "accord"}
_MODALS = {"could", "would", "may", "might", "should", "can", "will", "shall", "must"}


class FeatureOptions:
    """Which feature groups to use (switched off one by one in bench/classifier_eval.py)."""

    def __init__(self, words: bool = True, bigrams: bool = True, syntax: bool = True, dense: bool = False):
        self.words, self.bigrams, self.syntax, self.dense = words, bigrams, syntax, dense

    def key(self) -> str:
        return "".join(k[0] if getattr(self, k) else "-" for k in ("words", "bigrams", "syntax", "dense"))

    def filter(self, feats: Counter) -> Counter:
        """Keep only this option set's groups from features computed with all groups on."""

        def keep(f: str) -> bool:
            if f == "bias":
                return True
            if f.startswith("w="):
                return self.words
            if f.startswith("bi="):
                return self.bigrams
            return self.syntax

        return Counter({f: c for f, c in feats.items() if keep(f)})

    @classmethod
    def from_key(cls, key: str) -> "FeatureOptions":
        return cls(*(c != "-" for c in key))


# id(Doc) -> (a weak reference to the Doc, its TokenTable); see TokenTable.of
_TABLES: dict[int, tuple[weakref.ref, "TokenTable"]] = {}
_TABLES_KEPT = 256  # Docs alive at once in a batch of nlp.pipe are far fewer


def _forget(key: int, _ref: weakref.ref) -> None:
    _TABLES.pop(key, None)


_NAMES: dict[int, str] = {}  # string-store hash -> string (the same in every Doc of a process)
_LOWERED: dict[int, str] = {}  # hash -> lower-cased string (lemmas)


def _strings(hashes: list[int], strings, cache: dict[int, str], fn=None) -> list[str]:
    if len(cache) > 1_000_000:  # a long-running process keeps meeting new words
        cache.clear()
    for h in set(hashes).difference(cache):
        text = strings[h] if h else ""
        cache[h] = fn(text) if fn else text
    return [cache[h] for h in hashes]


class TokenTable:
    """The token attributes the features read, for a whole Doc, read once with Doc.to_array
    (a Python loop over Token objects costs far more than the lookups below)."""

    __slots__ = ("pos", "dep", "lemma", "lower", "ent", "head", "like_num", "space", "kids", "_norms")

    @classmethod
    def of(cls, doc) -> "TokenTable":
        """The table of this Doc, read once: the event classifier and the article stage's root
        model both score spans of the same parsed Doc (nothing changes its tokens between)."""
        key = id(doc)
        found = _TABLES.get(key)
        if found is not None and found[0]() is doc:
            return found[1]
        table = cls(doc)
        if len(_TABLES) >= _TABLES_KEPT:
            _TABLES.pop(next(iter(_TABLES)), None)
        # the entry goes when the Doc does (a later Doc may get the same id)
        _TABLES[key] = (weakref.ref(doc, functools.partial(_forget, key)), table)
        return table

    def __init__(self, doc):
        arr = doc.to_array([POS, DEP, LEMMA, LOWER, ENT_TYPE, HEAD, LIKE_NUM, IS_SPACE])
        strings = doc.vocab.strings
        n = len(arr)
        cols = arr[:, :5].T.tolist()
        self.pos = _strings(cols[0], strings, _NAMES)
        self.dep = _strings(cols[1], strings, _NAMES)
        self.lemma = _strings(cols[2], strings, _LOWERED, str.lower)
        self.lower = _strings(cols[3], strings, _NAMES)
        self.ent = _strings(cols[4], strings, _NAMES)
        # HEAD is an offset (negative ones wrapped in the unsigned array)
        self.head: list[int] = (arr[:, 5].astype(np.int64) + np.arange(n, dtype=np.int64)).tolist()
        self.like_num: list[bool] = (arr[:, 6] != 0).tolist()
        self.space: list[bool] = (arr[:, 7] != 0).tolist()
        # children in document order, as Token.children gives them; one shared () for the
        # tokens without any (most of them: a list each was most of the table's cost)
        children: dict[int, list[int]] = {}
        for i, h in enumerate(self.head):
            if h != i:
                children.setdefault(h, []).append(i)
        self.kids: list[Sequence[int]] = [()] * n
        for h, found in children.items():
            self.kids[h] = found
        self._norms: list[str | None] | None = None

    def norms(self) -> list[str | None]:
        """`norm` of every token, computed once."""
        if self._norms is None:
            self._norms = [self.norm(i) for i in range(len(self.pos))]
        return self._norms

    def norm(self, i: int) -> str | None:
        if self.pos[i] in _SKIP_POS or self.space[i]:
            return None
        ent = self.ent[i]
        if ent and ent not in _NUMERIC_ENTS:
            return "ent=" + ent
        if ent or self.like_num[i]:
            return "num"
        lemma = self.lemma[i]
        if lemma in _STOP or not any(c.isalpha() for c in lemma):
            return None
        return lemma

    def verb_lemma(self, i: int) -> str:
        prt = [c for c in self.kids[i] if self.dep[c] == "prt"]
        return self.lemma[i] + ("_" + self.lemma[prt[0]] if prt else "")


_NUMERIC_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def sparse_features(span, opts: FeatureOptions | None = None, table: TokenTable | None = None) -> Counter:
    """The sparse feature counts of a Doc or Span. Pass the Doc's `table` when scoring many
    spans of one Doc, so that it is read once."""
    opts = opts or FeatureOptions()
    doc = span.doc if hasattr(span, "doc") else span
    T = table if table is not None else TokenTable(doc)
    lo, hi = (span.start, span.end) if hasattr(span, "start") else (0, len(span))
    pos, dep, lemma, lower, kids = T.pos, T.dep, T.lemma, T.lower, T.kids
    feats: Counter = Counter()
    norm = T.norms()[lo:hi]
    if opts.words:
        for n in norm:
            if n:
                feats["w=" + n] += 1
    if opts.bigrams:
        seq = [n for n in norm if n]
        for a, b in zip(seq, seq[1:]):
            if a != b:
                feats["bi=" + a + "|" + b] += 1
    if opts.syntax:
        roots = [i for i in range(lo, hi) if dep[i] == "ROOT" or T.head[i] < lo or T.head[i] >= hi]
        for r in roots[:2]:
            feats["root=" + T.verb_lemma(r)] += 1
            feats["rootpos=" + pos[r]] += 1
        for t in range(lo, hi):
            p = pos[t]
            if p not in ("VERB", "AUX") and dep[t] != "ROOT":
                if p == "NOUN":
                    for c in kids[t]:
                        if dep[c] == "prep":
                            feats["nprep=" + lemma[t] + "|" + lemma[c]] += 1
                    if dep[t] in ("nsubj", "nsubjpass") and not T.ent[t]:
                        feats["subj=" + lemma[t]] += 1
                continue
            if p == "AUX" and dep[t] != "ROOT":
                if lower[t] in _MODALS:
                    feats["mod=" + lower[t]] += 1
                if lower[t] in ("will", "'ll"):
                    feats["fut"] += 1
                continue
            v = T.verb_lemma(t)
            feats["v=" + v] += 1
            reporting = lemma[t] in _REPORT
            for c in kids[t]:
                d = dep[c]
                if d == "neg":
                    feats["neg"] += 1
                    feats["neg=" + v] += 1
                elif d in ("dobj", "attr", "oprd", "dative"):
                    n = T.norm(c) or lemma[c]
                    feats["vobj=" + v + "|" + n] += 1
                    feats["obj=" + n] += 1
                elif d == "prep":
                    pobj = [g for g in kids[c] if dep[g] == "pobj"]
                    feats["vprep=" + v + "|" + lemma[c]] += 1
                    if pobj:
                        n = T.norm(pobj[0]) or lemma[pobj[0]]
                        feats["vprep=" + v + "|" + lemma[c] + "|" + n] += 1
                elif d in ("xcomp", "ccomp") and pos[c] in ("VERB", "AUX"):
                    feats["vx=" + v + "|" + T.verb_lemma(c)] += 1
                    if reporting:
                        feats["said>" + T.verb_lemma(c)] += 1
                elif d == "auxpass":
                    feats["pass"] += 1
                elif d in ("nsubj", "nsubjpass") and pos[c] == "NOUN" and not T.ent[c]:
                    feats["subj=" + lemma[c]] += 1
                elif d == "agent":
                    feats["agent"] += 1
            if lemma[t] in ("plan", "expect", "due", "intend", "prepare"):
                feats["fut"] += 1
            if lemma[t] in ("deny", "refuse", "reject"):
                feats["negv=" + lemma[t]] += 1
        if any(lower[i] == "if" for i in range(lo, hi)):
            feats["if"] += 1
    feats["bias"] = 1
    return feats


def dense_features(span) -> np.ndarray:
    """Mean tok2vec vector of the span and the vector of its root (2 x 96, float32)."""
    doc = span.doc if hasattr(span, "doc") else span
    tensor = doc.tensor
    out = np.zeros(2 * DENSE_WIDTH, dtype=np.float32)
    if tensor is None or len(tensor) == 0 or tensor.shape[-1] != DENSE_WIDTH:
        return out
    lo, hi = (span.start, span.end) if hasattr(span, "start") else (0, len(doc))
    if hi <= lo:
        return out
    out[:DENSE_WIDTH] = tensor[lo:hi].mean(axis=0)
    roots = [t.i for t in (span if hasattr(span, "start") else doc) if t.dep_ == "ROOT"]
    if roots:
        out[DENSE_WIDTH:] = tensor[roots[0]]
    return out
