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

from collections import Counter

import numpy as np

__all__ = ["sparse_features", "dense_features", "FeatureOptions", "DENSE_WIDTH"]

DENSE_WIDTH = 96
_SKIP_POS = {"PUNCT", "SPACE", "DET", "CCONJ", "SYM", "NUM", "X"}
_STOP = {"be", "the", "a", "an", "of", "to", "in", "and", "'s", "on", "for", "at", "by", "with",
         "that", "which", "who", "as", "it", "its", "their", "his", "her", "this", "from"}
_REPORT = {"say", "tell", "report", "state", "announce", "add", "confirm", "note", "accord"}
_MODALS = {"could", "would", "may", "might", "should", "can", "will", "shall", "must"}


class FeatureOptions:
    """Which feature groups to use (switched off one by one in bench/classifier_eval.py)."""

    def __init__(self, words: bool = True, bigrams: bool = True, syntax: bool = True,
                 dense: bool = False):
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


def _norm(tok) -> str | None:
    if tok.pos_ in _SKIP_POS or tok.is_space:
        return None
    if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT",
                                                "MONEY", "QUANTITY"):
        return "ent=" + tok.ent_type_
    if tok.ent_type_ or tok.like_num:
        return "num"
    lemma = tok.lemma_.lower()
    if lemma in _STOP or not any(c.isalpha() for c in lemma):
        return None
    return lemma


def _verb_lemma(tok) -> str:
    lemma = tok.lemma_.lower()
    prt = [c.lemma_.lower() for c in tok.children if c.dep_ == "prt"]
    return lemma + ("_" + prt[0] if prt else "")


def sparse_features(span, opts: FeatureOptions | None = None) -> Counter:
    """The sparse feature counts of a Doc or Span."""
    opts = opts or FeatureOptions()
    feats: Counter = Counter()
    toks = list(span)
    norm = [_norm(t) for t in toks]
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
        lo, hi = (span.start, span.end) if hasattr(span, "start") else (0, len(span))
        roots = [t for t in toks if t.dep_ == "ROOT" or t.head.i < lo or t.head.i >= hi]
        for r in roots[:2]:
            feats["root=" + _verb_lemma(r)] += 1
            feats["rootpos=" + r.pos_] += 1
        for t in toks:
            if t.pos_ not in ("VERB", "AUX") and t.dep_ != "ROOT":
                if t.pos_ == "NOUN":
                    for c in t.children:
                        if c.dep_ == "prep":
                            feats["nprep=" + t.lemma_.lower() + "|" + c.lemma_.lower()] += 1
                    if t.dep_ in ("nsubj", "nsubjpass") and not t.ent_type_:
                        feats["subj=" + t.lemma_.lower()] += 1
                continue
            if t.pos_ == "AUX" and t.dep_ != "ROOT":
                if t.lower_ in _MODALS:
                    feats["mod=" + t.lower_] += 1
                if t.lower_ in ("will", "'ll"):
                    feats["fut"] += 1
                continue
            v = _verb_lemma(t)
            feats["v=" + v] += 1
            reporting = t.lemma_.lower() in _REPORT
            for c in t.children:
                d = c.dep_
                if d == "neg":
                    feats["neg"] += 1
                    feats["neg=" + v] += 1
                elif d in ("dobj", "attr", "oprd", "dative"):
                    n = _norm(c) or c.lemma_.lower()
                    feats["vobj=" + v + "|" + n] += 1
                    feats["obj=" + n] += 1
                elif d == "prep":
                    pobj = [g for g in c.children if g.dep_ == "pobj"]
                    feats["vprep=" + v + "|" + c.lemma_.lower()] += 1
                    if pobj:
                        n = _norm(pobj[0]) or pobj[0].lemma_.lower()
                        feats["vprep=" + v + "|" + c.lemma_.lower() + "|" + n] += 1
                elif d in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                    feats["vx=" + v + "|" + _verb_lemma(c)] += 1
                    if reporting:
                        feats["said>" + _verb_lemma(c)] += 1
                elif d == "auxpass":
                    feats["pass"] += 1
                elif d in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and not c.ent_type_:
                    feats["subj=" + c.lemma_.lower()] += 1
                elif d == "agent":
                    feats["agent"] += 1
            if t.lemma_.lower() in ("plan", "expect", "due", "intend", "prepare"):
                feats["fut"] += 1
            if t.lemma_.lower() in ("deny", "refuse", "reject"):
                feats["negv=" + t.lemma_.lower()] += 1
        if any(t.lower_ == "if" for t in toks):
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
