"""Indirect speech from the dependency parse: a cue verb and the clause it reports.

  X said (that) CLAUSE / X told Y (that) CLAUSE    -> the ccomp of the cue
  CLAUSE, X said.                                  -> the ccomp, left of the cue
  X promised to ... / X urged Y to ...             -> the xcomp (cues with the xcomp frame)
  according to X, CLAUSE / CLAUSE, according to X  -> the clause the phrase attaches to
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import ActorRef
from .cues import CueLexicon
from .speakers import Speakers
from .syntax import according_source, cue_at, subject_of

__all__ = ["Indirect", "find_indirect"]

_MIN_WORDS = 3
_EDGE_PUNCT = set(",;:.-—–\"“”‘’'()[]")


@dataclass
class Indirect:
    start: int  # content token range [start, end)
    end: int
    cue_i: int
    cue: str
    subject_i: int  # -1: none
    speaker: ActorRef | None = None


def _trim(doc, a: int, b: int) -> tuple[int, int]:
    while a < b and (doc[a].is_space or doc[a].text in _EDGE_PUNCT):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].text in _EDGE_PUNCT):
        b -= 1
    return a, b


def _ok(doc, a: int, b: int) -> bool:
    span = doc[a:b]
    words = sum(1 for t in span if t.is_alpha)
    return words >= _MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in span)


def _clause_of(tok, kinds=("ccomp",)):
    for child in tok.children:
        if child.dep_ in kinds:
            return child
    return None


def _according(doc, tok, lex: CueLexicon):
    head = tok.head
    if head is tok or cue_at(head, "clause", lex) is not None:
        return None  # "Putin told Biden, according to a video": the video is a source, not the speaker
    if head.i > tok.i:  # according to X, CLAUSE
        a, b = tok.right_edge.i + 1, head.right_edge.i + 1
    else:  # CLAUSE, according to X
        a, b = head.left_edge.i, tok.left_edge.i
    return a, b


def find_indirect(doc, lex: CueLexicon, speakers: Speakers, quoted_speaker=None) -> list[Indirect]:
    """Every reported clause with its cue; `quoted_speaker(i)` gives the speaker of the direct
    quote containing token i (for "we said" inside a quote), or None."""
    out: list[Indirect] = []
    for tok in doc:
        if tok.lower_ == "according":
            c = cue_at(tok, "clause", lex)
            if c is None:
                continue
            span = _according(doc, tok, lex)
            src = according_source(tok)
        else:
            c = cue_at(tok, "clause", lex)
            if c is None:
                continue
            clause = _clause_of(tok)
            if clause is None and cue_at(tok, "xcomp", lex) is not None:
                clause = _clause_of(tok, ("xcomp",))
            if clause is None:
                continue
            span = (clause.left_edge.i, clause.right_edge.i + 1)
            src = subject_of(tok)
            if src is not None and span[0] <= src.i < span[1]:
                continue  # the subject sits inside the reported clause: a bad parse
        if span is None:
            continue
        a, b = _trim(doc, *span)
        if not _ok(doc, a, b):
            continue
        ind = Indirect(a, b, tok.i, c[0], src.i if src is not None else -1)
        if src is not None:
            qs = quoted_speaker(src.i) if quoted_speaker else None
            ind.speaker = speakers.resolve(src, qs)
        out.append(ind)
    return out
