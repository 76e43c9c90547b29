"""Code a sentence with PETRARCH dictionaries, the way PETRARCH does.

For each verb (in sentence order) that the verb dictionary lists in that form:
  1. a multi-word verb (BREAK_DOWN, WIRE_+TAP) is preferred to the verb alone when its other
     words are there;
  2. every pattern of the verb's block is tried; a pattern matches when its words, synsets
     and slots are found in order, the lower part after the verb inside its verb phrase, the
     upper part before the verb back to the sentence start or a comma. '_' joins an element
     to its neighbour nearer the verb (nothing between), ' ' lets other words come between;
     `$` takes the source, `+` the target, `%` a compound (in the upper part it is source
     and target at once: its members act on each other; in the lower part it is the target),
     `^` passes over a noun phrase. Of the matching patterns the one with the most elements
     wins (the most specific), then the first in the file;
  3. the winning pattern's code is the event code; with no pattern, the verb's own code
     ([code] on its line, else its block's); a null code (---) stops coding the verb;
  4. a slot the pattern does not fill is filled as PETRARCH does: the target is the first
     coded noun phrase (or compound) in the verb phrase, else its first noun phrase; the
     source the nearest coded noun phrase (or compound) before the verb whose code is not the
     target's, else the nearest noun phrase. No source or no target: no event;
  5. events: every source member with every target member (codes like FRO/BIL/SAM are
     several actors), never an actor with itself; a symmetric code A:B adds the reverse event
     with B, and when one side is null the other side's members act on each other; a passive
     verb with 'by' swaps source and target; events with a null side (---) are dropped
     (PETRARCH's require_dyad); duplicates are dropped;
  6. once a verb is coded, the verbs inside its verb phrase are not (PETRARCH resumes after
     the phrase).
Actors: the first actor phrase in a noun phrase gives the actor (longest phrase first; its
code on the publication date), every agent phrase outside it adds its code after (~XYZ) or
before (XYZ~) the actor's, stopping at a code the actor already has (compared in 3-letter
blocks); agents without an actor give ---XYZ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dictionaries import NULL, Dictionaries, Element, Pattern, VerbForm
from .sentence import Sentence

__all__ = ["SentenceCoder", "Match", "Coding", "code_phrase", "discarded"]

_SKIP_WORDS = {
    "THE",
    "A",
    "AN",
    "IT",
    "HE",
    "THEY",
    "HER",
    "HAS",
    "HAD",
    "HAVE",
    "SOME",
    "FEW",
    "THAT",
    "HUNDRED",
    "THOUSAND",
    "MILLION",
    "BILLION",
    "TRILLION",
    "DOZEN",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "DOLLAR",
    "DUCAT",
}


def _phrase_end(words, k, entry_words, joins) -> int:
    """End (exclusive) of `entry_words` matched in `words` from k, or 0: '_' needs the next
    word at once, ' ' allows words between (inside the phrase)."""
    if words[k] != entry_words[0]:
        return 0
    i = k + 1
    for j in range(1, len(entry_words)):
        tight = joins[j - 1] == "_"
        while i < len(words) and words[i] != entry_words[j]:
            if tight:
                return 0
            i += 1
        if i >= len(words):
            return 0
        i += 1
    return i


def code_phrase(words: tuple[str, ...], dicts: Dictionaries, day: dt.date | None) -> tuple[str | None, str]:
    """(code, why) of one noun phrase: the actor with its agents. None: no actor, no agent."""
    actor: str | None = None
    found = False
    span = (-1, -1)
    why = []
    for k in range(len(words)):
        for e in dicts.actors.get(words[k], ()):
            end = _phrase_end(words, k, e.words, e.joins)
            if end:
                actor = e.code_on(day)
                found = True
                span = (k, end)
                why.append(f"actor {e.name} {e.where}")
                break
        if found:
            break
    agents = []
    k = 0
    while k < len(words):
        if span[0] <= k < span[1]:
            k += 1
            continue
        for e in dicts.agents.get(words[k], ()):
            end = _phrase_end(words, k, e.words, e.joins)
            if end:
                agents.append(e)
                why.append(f"agent {' '.join(e.words)} {e.where}")
                k = end - 1
                break
        k += 1
    if not agents:
        return (actor if found else None), "; ".join(why)
    code = actor or NULL
    for a in agents:
        dup = any(code[i : i + len(a.code)] == a.code for i in range(0, max(len(code) - len(a.code), 0) + 1, 3))
        if dup:
            break
        code = code + a.code if a.after else a.code + code
    return code, "; ".join(why)


def discarded(text: str, dicts: Dictionaries):
    """The discard that applies to a sentence, or None."""
    words = [w.strip(".,;:!?\"'()[]") for w in text.upper().split()]
    words = [w for w in words if w]
    for d in dicts.discards:
        n = len(d.words)
        for k in range(len(words) - n + 1):
            if all(words[k + j] == d.words[j] for j in range(n - 1)) and (
                words[k + n - 1] == d.words[-1] or (not d.exact_end and words[k + n - 1].startswith(d.words[-1]))
            ):
                return d
    return None


@dataclass
class Match:
    pattern: Pattern | None
    code: str
    source: int | None = None  # NE index bound by the pattern
    target: int | None = None
    compound: int | None = None  # NE bound by % in the upper part
    used: set = field(default_factory=set)  # word indices the pattern's words matched


@dataclass
class Coding:
    """One coded verb: its event triples and what they came from."""

    verb: int  # word index
    form: VerbForm
    match: Match
    triples: list  # (source member, target member, code) with members (ne, member index, code)
    passive: bool
    note: str = ""


class SentenceCoder:
    def __init__(self, dicts: Dictionaries, require_dyad: bool = True):
        self.d = dicts
        self.require_dyad = require_dyad

    # ---------------------------------------------------------------- noun phrases
    def np_codes(self, s: Sentence, day) -> list[list[tuple[str | None, str]]]:
        return [[code_phrase(m.words, self.d, day) for m in np_.members] for np_ in s.nps]

    # ---------------------------------------------------------------- sequences
    @staticmethod
    def _upper(s: Sentence, v: int, start: int, exclude: range | None = None) -> list[int]:
        out = []
        k = start - 1
        while k >= 0:
            w = s.words[k]
            if exclude is not None and k in exclude:
                k -= 1
                continue
            if w.dropped:
                k -= 1
                continue
            if w.is_comma and w.ne < 0:
                break
            out.append(k)
            k -= 1
        return out

    @staticmethod
    def _lower(s: Sentence, start: int, end: int) -> list[int]:
        return [k for k in range(start, end + 1) if not s.words[k].dropped]

    # ---------------------------------------------------------------- patterns
    def _match_side(self, elems: tuple[Element, ...], seq: list[int], s: Sentence, upper: bool, codes):
        """First way (nearest words first) the elements match the sequence: (bindings, used)
        or None."""
        words = s.words
        synsets = self.d.verbs.synsets

        def ne_at(q):
            return words[seq[q]].ne if q < len(seq) else -1

        def past_ne(q, ne):
            while q < len(seq) and words[seq[q]].ne == ne:
                q += 1
            return q

        def match_from(e, p, binds, used):
            if e == len(elems):
                return binds, used
            el = elems[e]
            last = p if el.tight else len(seq) - 1
            for q in range(p, last + 1):
                if q >= len(seq):
                    break
                if el.kind == "word":
                    if words[seq[q]].text == el.value:
                        r = match_from(e + 1, q + 1, binds, used | {seq[q]})
                        if r:
                            return r
                elif el.kind == "synset":
                    for member in synsets.get(el.value, ()):
                        mem = tuple(reversed(member)) if upper else member
                        n = len(mem)
                        if (
                            q + n <= len(seq)
                            and all(words[seq[q + j]].text == mem[j] for j in range(n))
                            and all(seq[q + j + 1] == seq[q + j] + (-1 if upper else 1) for j in range(n - 1))
                        ):
                            r = match_from(e + 1, q + n, binds, used | {seq[q + j] for j in range(n)})
                            if r:
                                return r
                else:
                    ne = ne_at(q)
                    if ne >= 0 and (el.kind != "compound" or s.nps[ne].compound):
                        r = match_from(
                            e + 1, past_ne(q, ne), {**binds, el.kind: ne} if el.kind != "skip" else binds, used
                        )
                        if r:
                            return r
            return None

        return match_from(0, 0, {}, frozenset())

    def _best(self, block, upper, lower, s, codes) -> Match | None:
        best = None
        for pat in block.patterns:
            lo = self._match_side(pat.lower, lower, s, False, codes)
            if lo is None:
                continue
            up = self._match_side(pat.upper, upper, s, True, codes)
            if up is None:
                continue
            if best is not None and pat.size <= best[0].size:
                continue
            best = (pat, lo, up)
        if best is None:
            return None
        pat, (lb, lu), (ub, uu) = best
        m = Match(pat, pat.code, used=set(lu) | set(uu))
        m.source = lb.get("source", ub.get("source"))
        m.target = lb.get("target", ub.get("target"))
        if "compound" in ub:
            m.compound = ub["compound"]
        elif "compound" in lb and m.target is None:
            m.target = lb["compound"]
        return m

    # ---------------------------------------------------------------- verbs
    def _form(self, s: Sentence, k: int) -> tuple[VerbForm, int, int] | None:
        """The verb form at word k, with the word span it covers (multi-word verbs first)."""
        forms = self.d.verbs.forms.get(s.words[k].text)
        if not forms:
            return None
        # a form defined again replaces the earlier definition (PETRARCH keeps the last one read)
        simple = None
        for f in sorted(reversed(forms), key=lambda f: -(len(f.after) + len(f.before))):
            if not f.after and not f.before:
                simple = simple or f
                continue
            lo, hi = k, k
            ok = True
            i = k + 1
            for w in f.after:
                while i < len(s.words) and s.words[i].text in _SKIP_WORDS and s.words[i].text != w:
                    i += 1
                if i < len(s.words) and s.words[i].text == w:
                    hi = i
                    i += 1
                else:
                    ok = False
                    break
            i = k - 1
            for w in f.before if ok else ():
                while i >= 0 and s.words[i].text in _SKIP_WORDS and s.words[i].text != w:
                    i -= 1
                if i >= 0 and s.words[i].text == w:
                    lo = i
                    i -= 1
                else:
                    ok = False
                    break
            if ok:
                return f, lo, hi
        return (simple, k, k) if simple else None

    def code(self, s: Sentence, doc, day) -> tuple[list[Coding], list[tuple[int, str, str]]]:
        """(codings, notes): notes are (word index, reason, detail) for verbs not coded."""
        codes = self.np_codes(s, day)
        ne_code = [self._ne_codes(c) for c in codes]
        out: list[Coding] = []
        notes: list[tuple[int, str, str]] = []
        resume = -1
        for k, vp_end, ti in s.verbs:
            if k <= resume:
                continue
            found = self._form(s, k)
            if found is None:
                continue
            form, lo, hi = found
            block = self.d.verbs.blocks.get(form.block)
            tok = doc[ti]
            exclude = None
            if (
                tok.dep_ == "conj"
                and tok.head.pos_ in ("VERB", "AUX")
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            ):
                # a coordinated verb phrase shares the subject, not the first phrase's words
                hk = next((j for j, w in enumerate(s.words) if w.start <= tok.head.i < w.end), None)
                if hk is not None:
                    exclude = range(hk, lo)
            upper = self._upper(s, k, lo, exclude)
            lower = self._lower(s, hi + 1, max(vp_end, hi))
            m = self._best(block, upper, lower, s, codes) if block else None
            if m is not None and m.code == NULL:
                if m.pattern is None:  # not met: _best's matches come from a pattern
                    raise ValueError("a null match without its pattern")
                notes.append((k, "null pattern", f"{m.pattern.where} '{m.pattern.text}' [---]"))
                continue
            if m is None:
                if form.code == NULL:
                    notes.append(
                        (
                            k,
                            "no pattern",
                            f"no pattern of {form.block} matches and the verb alone has no code ({form.where})",
                        )
                    )
                    continue
                m = Match(None, form.code)
            passive = (
                tok.tag_ == "VBN"
                and any(c.dep_ == "auxpass" and c.lower_ in ("was", "is", "been", "were", "are") for c in tok.children)
                and any(s.words[j].text == "BY" for j in lower)
            )
            triples, why = self._events(s, m, upper, lower, ne_code, passive)
            resume = max(vp_end, hi)
            if not triples:
                notes.append((k, why or "no dyad", f"{form.block} [{m.code}]"))
                out.append(Coding(k, form, m, [], passive, why))
                continue
            out.append(Coding(k, form, m, triples, passive))
        return out, notes

    @staticmethod
    def _ne_codes(member_codes) -> list[tuple[int, str]]:
        """(member index, code) of a noun phrase's coded members; [(0, '---')] when none is."""
        out = [(i, c) for i, (c, _) in enumerate(member_codes) if c]
        return out or [(0, NULL)]

    def _events(self, s, m: Match, upper, lower, ne_code, passive):
        def coded(ne):
            return ne_code[ne] != [(0, NULL)] or s.nps[ne].compound

        def codeset(ne):
            return {c for _, c in ne_code[ne]}

        src, tgt = m.source, m.target
        if m.compound is not None:
            src = tgt = m.compound
        if tgt is None:
            nes = []
            for j in lower:
                ne = s.words[j].ne
                if ne >= 0 and ne not in nes:
                    nes.append(ne)
            tgt = next((ne for ne in nes if coded(ne)), nes[0] if nes else None)
        if tgt is None:
            return [], "no target"
        if src is None:
            nes = []
            for j in upper:
                ne = s.words[j].ne
                if ne >= 0 and ne not in nes and ne != tgt:
                    nes.append(ne)
            src = next((ne for ne in nes if coded(ne) and codeset(ne) != codeset(tgt)), None)
            if src is None:
                src = next((ne for ne in nes if codeset(ne) != codeset(tgt)), None)
        if src is None:
            return [], "no source"
        srcs = [(src, i, c) for i, c0 in ne_code[src] for c in c0.split("/")]
        tgts = [(tgt, i, c) for i, c0 in ne_code[tgt] for c in c0.split("/")]
        code = m.code
        triples = []
        if ":" in code:
            a, _, b = code.partition(":")
            if srcs[0][2] == NULL or tgts[0][2] == NULL:
                if tgts[0][2] == NULL:
                    tgts = srcs
                else:
                    srcs = tgts
            pairs = [(x, y, a) for x in srcs for y in tgts] + [(y, x, b) for x in srcs for y in tgts]
        else:
            pairs = [(x, y, code) for x in srcs for y in tgts]
        seen = set()
        for x, y, c in pairs:
            if x[2] == y[2]:
                continue
            if passive:
                x, y = y, x
            if self.require_dyad and (x[2] == NULL or y[2] == NULL):
                continue
            key = (x[2], y[2], c)
            if key in seen:
                continue
            seen.add(key)
            triples.append((x, y, c))
        if not triples:
            return [], "no dyad (same actor, or a side without a code)"
        return triples, ""
