"""A spaCy sentence as PETRARCH sees it: a sequence of upper-case words in which noun
phrases (NE) are marked, some of them compounds (NEC), with the verbs and the extent of
their verb phrases.

PETRARCH reads a constituency (TreeBank) parse; tidings has a dependency parse, so the
same units are rebuilt from it:
  NE      a base noun phrase: a nominal head with its determiners, adjectives, compounds,
          numbers and possessor ("Gondor's golden geese", the possessive 's dropped); a
          noun phrase with one simple prepositional phrase is one NE ("soldiers from
          Gondor", "the government of Gondor"), as PETRARCH merges (NP (NP ..) (PP .. (NP ..)))
          when the inner noun phrase has no further prepositional phrase. Bare temporal noun
          phrases ("next week", spaCy npadvmod, TreeBank NP-TMP) are not NEs.
  NEC     coordinated noun phrases ("Gondor and Osgiliath", "Mordor, Rohan, Fornost and
          Bree", "lawmakers in Fornost and Gondor"): one member per conjunct, the words
          around the coordination shared by every member.
  VP      a verb (TreeBank tag VB*; modals are not verbs) and the words after it up to the
          end of its phrase: its complements and adjuncts, not a coordinated verb phrase
          ("chided X and ousted Y": two phrases) nor a parenthetical clause.
  commas  PETRARCH's comma-clause rule (its defaults): a clause after the last comma of 2 to 8
          words is dropped, then clauses of 2 to 8 words between two commas; commas inside a
          noun phrase do not count.
Words keep the token indices they came from, so events can point back into the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Word", "NounPhrase", "Member", "Sentence", "build_sentence", "VERB_TAGS"]

VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_INNER = {"compound", "poss", "amod", "nmod", "nummod", "quantmod", "det", "predet", "npadvmod", "case"}
_LEFT = {
    "det",
    "amod",
    "compound",
    "poss",
    "nummod",
    "quantmod",
    "nmod",
    "predet",
    "advmod",
    "punct",
    "prep",
    "npadvmod",
    "neg",
}
COMMA_MIN, COMMA_MAX = 2, 8  # PETRARCH's default comma-clause lengths (internal and terminal)


@dataclass
class Word:
    text: str  # upper case
    start: int  # first token index (doc)
    end: int  # last token index + 1
    start_char: int
    end_char: int
    ne: int = -1  # index of the NounPhrase holding it
    dropped: bool = False  # in a comma clause PETRARCH leaves out

    @property
    def is_comma(self) -> bool:
        return self.text == ","


@dataclass
class Member:
    words: tuple[str, ...]  # the phrase PETRARCH codes (upper case)
    text: str  # as written
    start_char: int
    end_char: int


@dataclass
class NounPhrase:
    first: int  # word index (sentence)
    last: int  # word index, inclusive
    members: list[Member] = field(default_factory=list)

    @property
    def compound(self) -> bool:
        return len(self.members) > 1


@dataclass
class Sentence:
    words: list[Word]
    nps: list[NounPhrase]
    verbs: list[tuple[int, int, int]]  # (word index of the verb, word index of the VP's last word, token index)
    start_char: int
    end_char: int


def _units(sent) -> list[Word]:
    """Words of a sentence: tokens, with hyphenated pieces joined ('Barad-dur', 'anti-'),
    underscores read as spaces ('Dol_Amroth'), spaces and possessive 's left out."""
    out: list[Word] = []
    toks = [t for t in sent if not t.is_space]
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.tag_ == "POS" or (t.lower_ in ("'s", "'") and t.dep_ == "case"):
            i += 1
            continue
        text, start, end, sc, ec = t.text, t.i, t.i + 1, t.idx, t.idx + len(t.text)
        # join 'X - Y' written without spaces, and a trailing hyphen ('anti-')
        while i + 1 < len(toks):
            nxt = toks[i + 1]
            glued = nxt.idx == ec
            if glued and (nxt.text == "-" or text.endswith("-")) and nxt.text not in (",", ".", ";", ":"):
                text += nxt.text
                end, ec = nxt.i + 1, nxt.idx + len(nxt.text)
                i += 1
                continue
            break
        for piece in (p for p in text.split("_") if p) if "_" in text and text.strip("_") else [text]:
            out.append(Word(piece.upper(), start, end, sc, ec))
        i += 1
    return out


def _is_head(t) -> bool:
    if t.pos_ in _NOMINAL or (t.pos_ == "NUM" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
        return t.dep_ not in _INNER
    return False


def _base(t) -> list:
    """Tokens of the base noun phrase headed by t (left modifiers with their subtrees)."""
    lo = t.i
    for c in t.lefts:
        if c.dep_ in _LEFT or c.dep_ in ("cc", "conj") and c.i < t.i:
            lo = min(lo, c.left_edge.i)
    hi = t.i
    for c in t.rights:
        if c.dep_ in ("case",) or (c.dep_ == "punct" and c.text in ("-",)) or c.dep_ == "compound":
            hi = max(hi, c.right_edge.i)
        elif c.dep_ == "appos" and c.i == hi + 1 and c.pos_ == "PROPN":
            hi = max(hi, c.right_edge.i)  # 'minister Calimehtar': one TreeBank noun phrase
    doc = t.doc
    return [doc[k] for k in range(lo, hi + 1)]


def _simple_pp(t) -> list:
    """The first prepositional phrase after t when its object is one plain noun phrase (no
    further prepositional phrase, no coordination): PETRARCH joins it to the noun phrase."""
    for p in t.rights:
        if p.dep_ != "prep":
            continue
        objs = [c for c in p.children if c.dep_ == "pobj" and _is_head(c)]
        if objs and not _conjuncts(objs[0]) and not any(c.dep_ == "prep" for c in objs[0].children):
            return [p] + _base(objs[0])
        return []
    return []


def _conjuncts(t) -> list:
    """Nouns coordinated with t; an apposition counts when a coordination follows it
    ('Mordor, the awful Fornost, and good Gondor')."""
    conj = [c for c in t.rights if c.dep_ == "conj" and (_is_head(c) or c.pos_ in _NOMINAL)]
    appos = [
        c
        for c in t.rights
        if c.dep_ == "appos"
        and c.pos_ in _NOMINAL
        and c.i > t.i + 1
        and ((conj and c.i < conj[0].i) or any(g.dep_ == "conj" for g in c.children))
    ]
    out, todo = [], appos + conj
    while todo:
        c = todo.pop(0)
        out.append(c)
        todo[:0] = [g for g in c.rights if g.dep_ == "conj" and (_is_head(g) or g.pos_ in _NOMINAL)]
    return out


def _inner_coordination(tokens) -> tuple | None:
    """A coordination of nouns inside a base noun phrase ('Eriadori and Calenardhon leaders'):
    (first conjunct, [conjuncts]) or None."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("compound", "nmod", "amod", "poss"):
            cs = [c for c in _conjuncts(t) if c.i in ids]
            if cs:
                return t, cs
    return None


def build_sentence(sent) -> Sentence:
    words = _units(sent)
    by_tok: dict[int, int] = {}  # token -> its first word
    last_of: dict[int, int] = {}  # token -> its last word ('Dol_Amroth' gives two)
    for k, w in enumerate(words):
        for ti in range(w.start, w.end):
            by_tok.setdefault(ti, k)
            last_of[ti] = k
    doc = sent.doc
    claimed: set[int] = set()
    nps: list[NounPhrase] = []
    heads = [t for t in sent if _is_head(t)]
    heads.sort(key=lambda t: (len(list(t.ancestors)), t.i))
    for h in heads:
        if h.i in claimed or (h.dep_ == "conj" and _is_head(h.head)):
            continue
        if h.dep_ == "pobj" and h.head.i in claimed:
            continue
        groups = [_base(h)] + [_base(c) + _simple_pp(c) for c in _conjuncts(h)]
        if len(groups) > 1:
            groups[0] = groups[0] + _simple_pp(h)
        prefix: list = []
        suffix: list = []
        # one simple prepositional phrase after the (last) noun phrase joins it
        last_head = (_conjuncts(h) or [h])[-1]
        preps = [c for c in last_head.rights if c.dep_ == "prep"] if len(groups) == 1 else []
        if preps:
            p = preps[0]
            objs = [c for c in p.children if c.dep_ == "pobj" and _is_head(c)]
            if objs and not any(c.dep_ == "prep" for o in [objs[0]] + _conjuncts(objs[0]) for c in o.children):
                o = objs[0]
                prefix = groups[0] + [p]
                groups = [_base(o)] + [_base(c) for c in _conjuncts(o)]
        if len(groups) == 1:
            groups, prefix, suffix = _split_inner(groups, prefix, suffix)
        all_toks = prefix + [t for g in groups for t in g] + suffix
        lo = min(t.i for t in all_toks)
        hi = max(t.i for t in all_toks)
        if any(k in claimed for k in range(lo, hi + 1)):
            continue
        first_w = by_tok.get(lo)
        last_w = last_of.get(hi)
        if first_w is None or last_w is None:
            # only possessive marks or spaces: look for the nearest words inside
            ws = [by_tok[k] for k in range(lo, hi + 1) if k in by_tok]
            if not ws:
                continue
            first_w, last_w = min(ws), max(ws)
        claimed.update(range(lo, hi + 1))
        np_ = NounPhrase(first_w, last_w)
        np_.members.extend(_members(doc, words, groups, prefix, suffix, by_tok, last_of))
        if not np_.members:
            continue
        nps.append(np_)
    nps.sort(key=lambda n: n.first)
    for k, np_ in enumerate(nps):
        for i in range(np_.first, np_.last + 1):
            words[i].ne = k
    _drop_comma_clauses(words)
    verbs = []
    for k, w in enumerate(words):
        t = doc[w.start]
        if t.tag_ in VERB_TAGS and w.ne < 0 and not w.dropped:
            verbs.append((k, _vp_end(t, by_tok, words), t.i))
    return Sentence(words, nps, verbs, sent.start_char, sent.end_char)


def _split_inner(groups, prefix, suffix):
    """One noun phrase with a coordination inside ("the French and German ministers"): its
    members, and the words before and after the coordination shared by all."""
    inner = _inner_coordination(groups[0])
    if inner is None:
        return groups, prefix, suffix
    first, cs = inner
    base = groups[0]
    span_lo = first.left_edge.i
    span_hi = max(c.right_edge.i for c in cs)
    before = [t for t in base if t.i < span_lo]
    after = [t for t in base if t.i > span_hi]
    members_toks = [
        [
            t
            for t in first.subtree
            if t.i < (cs[0].i) and t.dep_ not in ("cc",) and t.i not in {x.i for c in cs for x in c.subtree}
        ]
    ]
    members_toks += [
        [t for t in c.subtree if t.dep_ not in ("cc",) and t.i not in {x.i for d in _conjuncts(c) for x in d.subtree}]
        for c in cs
    ]
    return members_toks, prefix + before, after


def _members(doc, words, groups, prefix, suffix, by_tok, last_of) -> list[Member]:
    """A noun phrase's members: each group with the shared words, as words and text."""
    out = []
    for g in groups:
        toks = sorted({t.i for t in prefix + g + suffix})
        ws = sorted({j for k in toks if k in by_tok for j in range(by_tok[k], last_of[k] + 1)})
        own = sorted({j for t in g if t.i in by_tok for j in range(by_tok[t.i], last_of[t.i] + 1)}) or ws
        if not ws:
            continue
        out.append(
            Member(
                tuple(words[k].text for k in ws if not words[k].is_comma),
                " ".join(doc[k].text for k in toks if doc[k].tag_ != "POS"),
                words[own[0]].start_char,
                words[own[-1]].end_char,
            )
        )
    return out


def _vp_end(v, by_tok, words) -> int:
    """Word index of the last word of the verb phrase of v."""
    h = v.head if v.dep_ in ("aux", "auxpass") and v.head.i != v.i else v
    hi = max(v.i, h.i)
    for c in h.rights:
        if c.dep_ in ("conj", "cc", "parataxis", "punct") or c.i < v.i:
            continue
        hi = max(hi, c.right_edge.i)
    ws = [by_tok[k] for k in range(v.i, hi + 1) if k in by_tok]
    end = max(ws) if ws else by_tok.get(v.i, 0)
    while end > 0 and words[end].text in (".", "!", "?", ";", ":", ",") and end > by_tok.get(v.i, 0):
        end -= 1
    return end


def _alpha(words, lo, hi) -> int:
    return sum(1 for w in words[lo:hi] if any(ch.isalpha() for ch in w.text))


def _drop_comma_clauses(words: list[Word]) -> None:
    """PETRARCH's comma-clause deletion with its default lengths: first the clause after the
    last comma, then clauses between two commas; commas inside noun phrases do not count."""
    commas = [k for k, w in enumerate(words) if w.is_comma and w.ne < 0]
    if not commas:
        return
    end = len(words)
    while end > 0 and words[end - 1].text in (".", "!", "?", '"', "'", "''"):
        end -= 1
    last = commas[-1]
    n = _alpha(words, last + 1, end)
    if COMMA_MIN <= n <= COMMA_MAX:
        for w in words[last + 1 : end]:
            w.dropped = True  # the comma stays, so that a clause before it can still go
    k = 0
    while k + 1 < len(commas):
        a, b = commas[k], commas[k + 1]
        n = _alpha(words, a + 1, b)
        if COMMA_MIN <= n <= COMMA_MAX and not any(w.dropped for w in words[a + 1 : b]):
            for w in words[a : b + 1]:
                w.dropped = True
            k += 2
        else:
            k += 1
    live = [c for c in commas if not words[c].dropped]
    if live and _alpha([w for w in words[live[-1] + 1 : end] if not w.dropped], 0, end) == 0:
        words[live[-1]].dropped = True  # a comma with nothing left after it
