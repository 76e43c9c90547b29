"""Matching lexicon entries against a token of the dependency parse (index by lemma, then
check the few entries of that lemma, most specific first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import Cond, Entry, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["xcomps", "TriggerMatch", "find_entries", "match_entry", "objects", "is_passive", "keys_of", "prep_objects"]

_MOD_DEPS = {"amod", "compound", "nmod", "npadvmod", "nummod"}
_PRT_DEPS = {"prt", "advmod", "prep"}
VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}


class TriggerMatch:
    """A token (or words ending at it) that matched a lexicon entry."""

    __slots__ = ("tok", "start", "entry", "kind")

    def __init__(self, tok, start: int, entry: Entry, kind: str):
        self.tok = tok  # the syntactic anchor
        self.start = start  # first token of a multi-word trigger
        self.entry = entry
        self.kind = kind

    @property
    def span(self):
        doc = self.tok.doc
        return doc[min(self.start, self.tok.i) : max(self.start, self.tok.i) + 1]


def keys_of(tok) -> set[str]:
    """The words a lexicon value can match for this token: lemma, form, and its compound phrase."""
    lemma = tok.lemma_.lower()
    out = {lemma, tok.lower_}
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    for c in mods:
        if c.dep_ == "compound":
            out.add(c.lemma_.lower())
    for p in tok.children:  # "state of emergency", "cessation of hostilities"
        if p.dep_ == "prep" and p.lower_ == "of":
            for o in p.children:
                if o.dep_ == "pobj":
                    out.add(f"{lemma} of {o.lemma_.lower()}")
                    out.add(f"{lemma} of {o.lower_}")
    if mods:
        out.add(" ".join([c.lower_ for c in mods] + [lemma]))
        out.add(" ".join([c.lower_ for c in mods] + [tok.lower_]))
        out.add(" ".join([mods[-1].lower_, lemma]))
    return out


def xcomps(tok) -> list:
    """Infinitival complements, also when parsed as a purpose clause ("call on the US to lift")."""
    return [
        c
        for c in tok.children
        if c.dep_ == "xcomp"
        or (c.dep_ == "advcl" and c.i > tok.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
    ]


def is_passive(tok) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def objects(tok) -> list:
    out = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if not out and is_passive(tok):
        out = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if (
        not out
        and tok.dep_ == "relcl"
        and tok.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that") for c in tok.children)
    ):
        out = [tok.head]  # "the curfew it had imposed"
    return out


def prep_objects(tok, preps: frozenset[str] | None = None) -> list:
    """Objects of prepositions under `tok` (and under its direct object): [(prep, object)]."""
    out: list[tuple[Token, Token]] = []
    heads = [tok] + [o for o in tok.children if o.dep_ in ("dobj", "obj")]
    for head in heads:
        for p in head.children:
            if p.dep_ in ("prep", "agent", "dative") and (preps is None or p.lower_ in preps):
                objs = [c for c in p.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")]
                if objs:
                    out.extend((p, o) for o in objs)
                elif p.dep_ == "dative" and preps is None:
                    out.append((p, p))
    return out


QUANTITY = {
    "some",
    "many",
    "most",
    "all",
    "none",
    "several",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "number",
    "scores",
    "group",
    "handful",
    "part",
    "rest",
    "majority",
    "million",
    "millions",
}


def _keys(tok, known: dict[int, set[str]]) -> set[str]:
    """keys_of(tok), computed once per token while one trigger's entries are tried."""
    found = known.get(tok.i)
    if found is None:
        found = known[tok.i] = keys_of(tok)
    return found


def _values_ok(cond: Cond, toks, known: dict[int, set[str]]) -> bool:
    if not toks:
        return False
    if cond.values is None:
        return True
    for t in toks:
        if _keys(t, known) & cond.values:
            return True
        if t.lower_ in QUANTITY or t.pos_ == "NUM":  # "some of the peacekeepers"
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    if any(_keys(o, known) & cond.values for o in p.children if o.dep_ == "pobj"):
                        return True
    return False


def _key(cond: Cond) -> frozenset[str]:
    """The preposition(s) or particle(s) of a prep or prt condition: always there (the lexicon's
    grammar asks for prep:KEY and prt:KEY, the PETRARCH reader sets them); were one missing, this
    is the TypeError that `in None` raised at the same point before."""
    if cond.key is None:
        raise TypeError(f"condition {cond} has no preposition or particle to test")
    return cond.key


def _holds(cond: Cond, tok, known: dict[int, set[str]]) -> bool:
    """Whether the condition (negation aside) holds for the trigger `tok`; `known`: the
    keys_of of tokens already read for this trigger."""
    rel = cond.rel
    if rel == "dobj":
        return _values_ok(cond, objects(tok), known)
    if rel == "prep":
        return _values_ok(cond, [o for _, o in prep_objects(tok, cond.key)], known) or (
            cond.values is None
            and any(
                c.dep_ == "prep"
                and c.lower_ in _key(cond)
                and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)
                for c in tok.children
            )
        )
    if rel == "prt":
        return any(
            c.dep_ in _PRT_DEPS and c.lower_ in _key(cond) and not any(True for _ in c.children) for c in tok.children
        )
    if rel == "xcomp":
        return _values_ok(cond, xcomps(tok), known)
    if rel in ("ccomp", "acomp", "oprd", "dative", "agent"):
        return _values_ok(cond, [c for c in tok.children if c.dep_ == rel], known)
    if rel == "mod":
        return _values_ok(cond, [c for c in tok.children if c.dep_ in _MOD_DEPS], known)
    if rel == "subj":
        return _values_ok(cond, [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")], known)
    if rel == "pass":
        return is_passive(tok)
    return False


def match_entry(tok, entries: list[Entry]) -> Entry | None:
    """The most specific entry whose conditions all hold (entries come sorted by specificity).

    A trigger's entries share conditions ("dobj", "prep:with"): each is tested once, as are the
    words of its arguments (a condition's answer depends on the trigger and the condition alone)."""
    held: dict[tuple, bool] = {}
    known: dict[int, set[str]] = {}
    for e in entries:
        if e.mods and not _mods_ok(tok, e):
            continue
        for c in e.conds:
            test = (c.rel, c.key, c.values)
            holds = held.get(test)
            if holds is None:
                holds = held[test] = _holds(c, tok, known)
            if holds == c.negated:
                break
        else:
            return e
    return None


def _mods_ok(tok, entry: Entry) -> bool:
    """The words before the head match the entry's `mods` (surface order, hyphens skipped)."""
    doc = tok.doc
    i = tok.i - (3 if "-" in entry.lemma else 1)
    for word in reversed(entry.mods):
        while i >= 0 and doc[i].text == "-":
            i -= 1
        if i < 0 or (doc[i].lower_ != word and doc[i].lemma_.lower() != word):
            return False
        i -= 1
    return True


def _lookup(index: dict, tok) -> list[Entry]:
    lemma = tok.lemma_.lower()
    found = index.get(lemma) or index.get(tok.lower_) or []
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ and not doc[tok.i - 1].whitespace_:
        joined = doc[tok.i - 2].lower_ + "-" + tok.lower_
        extra = index.get(joined)
        if extra:
            found = extra + list(found)
    return found


def find_entries(tok, lex: Lexicon) -> tuple[str, list[Entry]]:
    """('verb'|'noun', candidate entries) for a token; empty when the word is not in the lexicon."""
    pos = tok.pos_
    if pos in VERB_POS and tok.dep_ == "amod":
        return "", []  # a participle used as an adjective ("the internationally recognised government")
    if pos in VERB_POS or (pos == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        found = _lookup(lex.verbs, tok)
        if found:
            return "verb", found
        if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj", "attr"):
            return "noun", _lookup(lex.nouns, tok)
        return "verb", []
    if pos in NOUN_POS or (pos == "ADJ" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")):
        found = _lookup(lex.nouns, tok)
        if not found and pos == "PROPN":
            return "noun", []
        return "noun", found
    return "", []


def start_of(tok, entry: Entry) -> int:
    if not entry.mods:
        return tok.i
    if "-" in entry.lemma and tok.i >= 2:
        base = tok.i - 2
    else:
        base = tok.i
    doc, i = tok.doc, base - 1
    for word in reversed(entry.mods):
        while i >= 0 and doc[i].text == "-":
            i -= 1
        i -= 1
    return max(i + 1, 0)
