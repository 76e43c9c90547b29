"""spaCy component tidings_quotes: direct and indirect quotes with their speakers.

Reads the parse, doc.ents and doc._.actor_mentions (when the actors stage ran); writes
doc._.quotes, a list of records.Quote ordered by position, with char offsets into doc.text
(the quoted content, without its quotation marks).
"""
from __future__ import annotations

from spacy.language import Language

from ..records import Quote
from .cues import CueLexicon, load_cues
from .direct import attribute_direct
from .indirect import find_indirect
from .marks import find_quoted
from .speakers import Speakers
from .syntax import cue_at, subject_of

__all__ = ["make_quotes", "extract_quotes"]

_DIRECT_SHARE = 0.8  # a reported clause this much inside quote marks is the direct quote


def extract_quotes(doc, lex: CueLexicon) -> list[Quote]:
    text = doc.text  # built from the tokens on every access: read it once
    quoted = find_quoted(text)
    cands = _candidates(doc, lex)
    speakers = Speakers(doc, _cue_subjects(cands, lex))
    directs = attribute_direct(doc, quoted, lex, speakers, text)
    inside = [(d.start, d.end, d) for d in directs]

    def quoted_speaker(i: int):
        for a, b, d in inside:
            if a <= i < b:
                return d.speaker
        return None

    def inside_quote(i: int):
        for a, b, d in inside:
            if a <= i < b:
                return a, b
        return None

    covered = [(q.start, q.end) for q in quoted]
    out: list[Quote] = []
    for ind in find_indirect(doc, lex, speakers, quoted_speaker, inside_quote, cands):
        a = doc[ind.start].idx
        b = doc[ind.end - 1].idx + len(doc[ind.end - 1])
        share = _share(text, a, b, covered)
        if share >= _DIRECT_SHARE:
            for d in directs:  # the clause is the direct quote: lend it the cue if it has none
                if d.cue is None and d.q.start <= b and a <= d.q.end and \
                        not d.start <= ind.cue_i < d.end:
                    d.cue, d.speaker = ind.cue, ind.speaker
            continue
        out.append(Quote(speaker=ind.speaker, text=text[a:b], kind="indirect", cue=ind.cue,
                         start=a, end=b))
    for d in directs:
        out.append(Quote(speaker=d.speaker, text=text[d.q.start:d.q.end], kind="direct",
                         cue=d.cue, start=d.q.start, end=d.q.end))
    out.sort(key=lambda q: (q.start, q.end, q.kind))
    return out


def _candidates(doc, lex: CueLexicon) -> list:
    """The tokens whose lemma (or word, for "according") starts some cue, read from arrays."""
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in lex.words()} | {strings.add("according")}
    arr = doc.to_array([LEMMA, LOWER])
    return [doc[i] for i in range(len(doc)) if arr[i, 0] in wanted or arr[i, 1] in wanted]


def _cue_subjects(cands, lex: CueLexicon) -> list:
    out = []
    for tok in cands:
        if tok.pos_ in ("VERB", "AUX") and cue_at(tok, "direct", lex) is not None:
            subj = subject_of(tok)
            if subj is not None:
                out.append(subj)
    return out


def _share(text: str, a: int, b: int, covered) -> float:
    total = sum(1 for ch in text[a:b] if not ch.isspace())
    if not total:
        return 0.0
    inside = 0
    for s, e in covered:
        lo, hi = max(a, s), min(b, e)
        if lo < hi:
            inside += sum(1 for ch in text[lo:hi] if not ch.isspace())
    return inside / total


@Language.factory("tidings_quotes", assigns=["doc._.quotes"],
                  requires=["token.dep", "token.lemma"],
                  default_config={"cue_files": [], "replace_cues": False,
                                  "classes": ["speech", "report", "belief"]})
def make_quotes(nlp, name, cue_files, replace_cues, classes):
    lex = load_cues(cue_files, replace=replace_cues, classes=classes)

    def quotes(doc):
        doc._.quotes = extract_quotes(doc, lex)
        return doc
    return quotes
