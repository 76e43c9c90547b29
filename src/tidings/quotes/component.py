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
from .syntax import LEMMA_SLIPS, cue_at, subject_of
from .tokens import TokenTable

__all__ = ["make_quotes", "extract_quotes"]

_DIRECT_SHARE = 0.8  # a reported clause this much inside quote marks is the direct quote


def extract_quotes(doc, lex: CueLexicon, cue_ids: frozenset[int] | None = None, reported: bool = False) -> list[Quote]:
    """`cue_ids`: `cue_word_ids(lex, doc.vocab.strings)`, when the caller keeps it. With
    `reported`, speech acts with only a noun object ("announced his resignation", "called for a
    ceasefire") are listed too, as kind "reported": not quotes (what was said is not stated)."""
    text = doc.text  # built from the tokens on every access: read it once
    table = TokenTable(doc)
    quoted = find_quoted(text)
    cands = _candidates(doc, table, cue_word_ids(lex, doc.vocab.strings) if cue_ids is None else cue_ids)
    speakers = Speakers(doc, _cue_subjects(cands, lex), [(q.open, q.close) for q in quoted])
    titles: list[tuple[int, int]] = []
    directs = attribute_direct(doc, quoted, lex, speakers, text, table, titles)
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
    for ind in find_indirect(doc, lex, speakers, quoted_speaker, inside_quote, cands, table, reported):
        a = doc[ind.start].idx
        b = doc[ind.end - 1].idx + len(doc[ind.end - 1])
        if ind.kind == "reported":
            out.append(Quote(speaker=ind.speaker, text=text[a:b], kind="reported", cue=ind.cue, start=a, end=b))
            continue
        if _title_only(doc, ind.start, ind.end, titles):
            continue  # "In his book, ''Make Your Kid a Millionaire,'' X suggested ...": a title
        share = _share(text, a, b, covered)
        if share >= _DIRECT_SHARE:
            for d in directs:  # the clause is the direct quote: lend it the cue if it has none
                if d.cue is None and d.q.start <= b and a <= d.q.end and not d.start <= ind.cue_i < d.end:
                    d.cue, d.speaker = ind.cue, ind.speaker
            continue
        out.append(Quote(speaker=ind.speaker, text=text[a:b], kind="indirect", cue=ind.cue, start=a, end=b))
    _lend_to_inner(directs, out)
    for d in directs:
        out.append(
            Quote(
                speaker=d.speaker,
                text=text[d.q.start : d.q.end],
                kind="direct",
                cue=d.cue,
                start=d.q.start,
                end=d.q.end,
            )
        )
    out.sort(key=lambda q: (q.start, q.end, q.kind))
    return out


def _title_only(doc, start: int, end: int, titles: list[tuple[int, int]]) -> bool:
    """Does a reported clause of tokens [start, end) hold a work title and, outside it, no verb
    and no subject? ("His new memoir, ''The Long Road Home,'' Hale said, is out": a piece of what
    Hale said, its subject)."""
    spans = [(a, b) for a, b in titles if doc[start].idx <= a and b <= doc[end - 1].idx + len(doc[end - 1])]
    if not spans:
        return False
    return not any(
        (t.pos_ in ("VERB", "AUX") or t.dep_ in ("nsubj", "nsubjpass")) and not any(a <= t.idx < b for a, b in spans)
        for t in doc[start:end]
    )


def _lend_to_inner(directs, reported: list[Quote]) -> None:
    """Quoted words with no cue and no speaker of their own inside a reported clause are the
    reporter's words, a partial quote: "Bown observed that, early in a term, 'what would you
    pick?'" (the quoted question is Bown's)."""
    for d in directs:
        if d.cue is not None or d.speaker is not None:
            continue
        for q in reported:
            if q.speaker is not None and q.start <= d.q.start and d.q.end <= q.end:
                d.cue, d.speaker = q.cue, q.speaker
                break


def cue_word_ids(lex: CueLexicon, strings) -> frozenset[int]:
    """The string ids of the words cues start with, and of "according"."""
    words = (
        set(lex.words()) | {"according"} | {slip for slip, (lemma, _) in LEMMA_SLIPS.items() if lemma in lex.words()}
    )
    return frozenset(strings.add(w) for w in words)


def _candidates(doc, table: TokenTable, wanted: frozenset[int]) -> list:
    """The tokens whose lemma (or word, for "according") starts some cue."""
    lemma, lower = table.lemma, table.lower
    return [doc[i] for i in range(len(table)) if lemma[i] in wanted or lower[i] in wanted]


def _cue_subjects(cands, lex: CueLexicon) -> list:
    out = []
    for tok in cands:
        if tok.pos_ in ("VERB", "AUX") and cue_at(tok, "direct", lex) is not None:
            subj = subject_of(tok)
            if subj is not None:
                out.append(subj)
    return out


def _visible(s: str) -> int:
    """How many characters of `s` are not whitespace."""
    return len("".join(s.split()))


def _share(text: str, a: int, b: int, covered) -> float:
    total = _visible(text[a:b])
    if not total:
        return 0.0
    inside = 0
    for s, e in covered:
        lo, hi = max(a, s), min(b, e)
        if lo < hi:
            inside += _visible(text[lo:hi])
    return inside / total


@Language.factory(
    "tidings_quotes",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma"],
    default_config={
        "cue_files": [],
        "replace_cues": False,
        "classes": ["speech", "report", "belief", "intention"],
        "reported": False,
    },
)
def make_quotes(nlp, name, cue_files, replace_cues, classes, reported=False):
    """`reported` (off by default): also list the noun objects of speech acts, kind "reported"."""
    lex = load_cues(cue_files, replace=replace_cues, classes=classes)
    cue_ids = cue_word_ids(lex, nlp.vocab.strings)

    def quotes(doc):
        doc._.quotes = extract_quotes(doc, lex, cue_ids if doc.vocab is nlp.vocab else None, reported)
        return doc

    return quotes
