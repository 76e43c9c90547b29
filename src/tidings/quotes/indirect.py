"""Indirect speech from the dependency parse: a cue verb and the clause it reports.

X said (that) CLAUSE / X told Y (that) CLAUSE    -> the ccomp of the cue
CLAUSE, X said.                                  -> the ccomp, left of the cue
X promised to ... / X urged Y to ...             -> the xcomp (cues with the xcomp frame)
according to X, CLAUSE / CLAUSE, according to X  -> the clause the phrase attaches to
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.symbols import AUX, VERB

from ..records import ActorRef
from .cues import CueLexicon
from .speakers import Speakers, relative_speaker
from .syntax import (
    OBJECT_CONTROL,
    according_source,
    cue_at,
    noun_source,
    subject_of,
    that_acl,
    verb_adjective,
    verb_lemma,
    verb_like,
)
from .tokens import TokenTable, sid

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
    kind: str = "indirect"  # or "reported": the noun object of a speech act (the `reported` option)


_MARKS = ('"', "“", "”")


_EDGE_IDS = frozenset(sid(x) for x in _EDGE_PUNCT)
_MARK_IDS = frozenset(sid(x) for x in _MARKS)
_COMMA = sid(",")


class _Clauses:
    """The token table of a Doc with the positions of its quotation mark tokens."""

    def __init__(self, doc, table: TokenTable):
        self.doc, self.t = doc, table
        self.marks = [i for i, o in enumerate(table.orth) if o in _MARK_IDS]  # in order


def _trim(cols: _Clauses, a: int, b: int) -> tuple[int, int]:
    end = b
    space, orth, marks = cols.t.space, cols.t.orth, cols.marks
    while a < b and (space[a] or orth[a] in _EDGE_IDS):
        a += 1
    while b > a and (space[b - 1] or orth[b - 1] in _EDGE_IDS):
        b -= 1
    inner = bisect.bisect_left(marks, b) - bisect.bisect_left(marks, a) if a < b else 0
    if inner % 2:  # keep the mark closing a quote inside
        k = bisect.bisect_left(marks, b)
        if k < len(marks) and marks[k] < end:
            return a, marks[k] + 1
    return a, b


_TO = sid("to")


def _ok(cols: _Clauses, a: int, b: int) -> bool:
    """Enough of a clause to be what was said: three words and a verb, or a bare infinitive
    ("declined to comment", "promised to resign")."""
    words = cols.t.alpha_count(a, b)
    if words == 2 and b - a == 2 and cols.t.lower[a] == _TO and cols.t.pos[a + 1] == VERB:
        return True
    return words >= _MIN_WORDS and any(p == VERB or p == AUX for p in cols.t.pos[a:b])


def _clause_of(tok, kinds=("ccomp",)):
    """The reported clause: the one after the cue when there are two ("Writing for a panel that
    agreed Pence won, Barabak noted that ..."), else the one before it."""
    found = [c for c in tok.children if c.dep_ in kinds]
    after = [c for c in found if c.i > tok.i]
    return (after or found or [None])[0]


def _xcomp_of(tok):
    """The infinitive of a cue that takes one ("promised to resign", "urged Y to ..."); also when
    the parser hung it as an adverbial clause right after the cue or its object ("decline [to
    appeal]", "try to convince a court [to throw out the rules]")."""
    found = _clause_of(tok, ("xcomp",))
    if found is not None:
        return found
    if verb_lemma(tok) in _DESIRE:
        for x in tok.children:  # "wants [the city to pay]": the parser made it a clause with a subject
            if x.dep_ == "ccomp" and x.left_edge.i == tok.i + 1 and _to_infinitive(x) and _has_subject(x):
                return x
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is not None and verb_lemma(tok) not in OBJECT_CONTROL:
        return None  # "seek alternatives [to widen the tax base]": a purpose, not what was sought
    after = obj.right_edge.i + 1 if obj is not None else tok.i + 1
    for x in tok.children:
        if x.dep_ == "advcl" and _to_infinitive(x) and x.left_edge.i == after and x.doc[after].lower_ == "to":
            return x
    return None


_DESIRE = {"want", "like", "prefer", "intend"}  # X wants Y to ...


def _has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _that_relcl(node):
    """A clause hung on `node` that starts with the complementizer "that" (parsed as its mark)."""
    for x in node.children:
        if (
            x.dep_ in ("relcl", "acl")
            and x.i > node.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children)
        ):
            return x
    return None


def _clause_in_pp(tok, addressee: bool = False):
    """ "said in a Facebook post that ...": the parser hung the that-clause on the noun. With
    `addressee` (a cue said to someone: tell, warn, urge ...) also on the person told: "told a
    meeting of island leaders that ...". Only a clause with the complementizer "that" (parsed
    as its mark) counts."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.i > tok.i:
            for pobj in prep.children:
                found = _that_relcl(pobj)
                if found is not None:
                    return found
    if not addressee:
        return None
    for obj in tok.children:
        if obj.dep_ in ("dobj", "dative") and obj.i > tok.i:
            nouns = [obj] + [
                p for prep in obj.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"
            ]
            for noun in nouns:
                found = _that_relcl(noun)
                if found is not None:
                    return found
    return None


def _unmarked_clause(tok):
    """ "said after the convention he would not accept ...": the parser took the reported
    clause, which has its own subject and no subordinating word, for an adverbial clause."""
    for x in tok.children:
        if (
            x.dep_ == "advcl"
            and x.i > tok.i
            and x.pos_ in ("VERB", "AUX")
            and x.tag_ not in ("VBG", "VBN")
            and any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < x.i for c in x.children)
            and not any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in x.children)
        ):
            return x
    return None


_QUESTION_WORDS = {"whether", "how", "why"}
_TIME_PLACE = {"when", "where"}
_MODALS = {"would", "will", "could", "should", "might", "may", "can", "'d", "’d"}


def _question_as_adverbial(tok):
    """ "Lawmakers have not said when they would take up the bill": an embedded question right
    after the cue that the parser took for an adverbial clause. "when" and "where" only when the
    cue is negated or the clause has a modal ("said when he arrived" is a time, not a question)."""
    for x in tok.children:
        if x.dep_ != "advcl" or x.i < tok.i or x.pos_ not in ("VERB", "AUX"):
            continue
        first = x.doc[x.left_edge.i]
        if first.i != tok.i + 1:
            continue
        if first.lower_ in _QUESTION_WORDS:
            return x
        if first.lower_ in _TIME_PLACE and (
            any(c.dep_ == "neg" for c in tok.children) or any(c.lower_ in _MODALS for c in x.children)
        ):
            return x
    return None


def _object_start(tok, clause) -> int:
    """ "told his advisers to figure out ...": the object is part of what was asked."""
    for child in tok.children:
        if child.dep_ == "dobj" and tok.i < child.i < clause.i:
            return child.left_edge.i
        if child.dep_ == "prt" and tok.i < child.i < clause.i:  # "called on [police] to release ..."
            pobj = next((x for x in child.children if x.dep_ == "pobj" and x.i < clause.i), None)
            if pobj is not None:
                return pobj.left_edge.i
    return clause.left_edge.i


def _according(doc, tok):
    """What X says in "according to X": the clause around the phrase. When that clause is itself
    a report ("Police have said they have no plans ..., according to attorneys for the family"),
    all of it is X's, and the report inside is a quote of its own."""
    head = tok.head
    if head.i == tok.i:
        return _according_first(doc, tok)
    if head.i > tok.i:  # according to X, CLAUSE  /  SUBJECT, according to X, VERB ...
        a = tok.right_edge.i + 1 if head.left_edge.i >= tok.left_edge.i else head.left_edge.i
        b = head.right_edge.i + 1
    else:  # CLAUSE, according to X
        a, b = head.left_edge.i, tok.left_edge.i
    return a, b


def _according_first(doc, tok):
    """ "According to X, the move reeks of fear.": the parser made "according" the root and hung
    the clause on X. At the start of a sentence, what X says is the rest of the sentence after
    the comma that follows X."""
    source = according_source(tok)
    if source is None or tok.i != tok.sent.start:
        return None
    comma = next((t for t in doc[source.i + 1 : tok.sent.end] if t.text == ","), None)
    if comma is None:
        return None
    end = tok.sent.end
    while end > comma.i + 1 and (doc[end - 1].is_space or doc[end - 1].text in (".", "!", ";")):
        end -= 1
    return comma.i + 1, end


def find_indirect(
    doc,
    lex: CueLexicon,
    speakers: Speakers,
    quoted_speaker=None,
    inside=None,
    candidates=None,
    table: TokenTable | None = None,
    reported: bool = False,
) -> list[Indirect]:
    """Every reported clause with its cue; `quoted_speaker(i)` gives the speaker of the direct
    quote containing token i (for "we said" inside a quote), or None; `inside(i)` the token
    range of the quote containing token i, or None; `candidates` the tokens worth a look
    (default: all). With `reported`, a speech act's plain noun object ("announced his
    resignation") is found too, as kind "reported" (cues with the "act" frame)."""
    out: list[Indirect] = []
    cols = _Clauses(doc, TokenTable(doc) if table is None else table)
    for tok in doc if candidates is None else candidates:
        if tok.lower_ == "according":
            found = _from_according(doc, tok, lex)
        elif tok.pos_ == "ADP":
            found = _from_adjunct(doc, tok, lex)
        elif tok.pos_ == "NOUN" and not verb_like(tok):
            found = _from_noun(tok, lex) or _final_cue_as_noun(cols, tok, lex) or _cue_verb_as_noun(tok, lex)
        elif cue_at(tok, "adjective", lex) is not None:
            found = _from_adjective(tok, lex)
        else:
            found = _from_verb(cols, tok, lex, inside)
            if not found and reported and not (inside is not None and inside(tok.i)):
                for a, b, cue, src in _speech_act(cols, tok, lex):
                    ind = _make(doc, a, b, tok, cue, src, speakers, quoted_speaker)
                    ind.kind = "reported"
                    out.append(ind)
        for a, b, cue, src, checked in found:
            if not checked:
                sent_start, sent_end = cols.t.sentence(tok.i)
                a, b = _trim(cols, max(a, sent_start), min(b, sent_end))
                box = inside(tok.i) if inside is not None else None
                if box is not None and not (box[0] <= a and b <= box[1]):
                    continue  # a cue inside a quote reports only within that quote
                if not _ok(cols, a, b):
                    continue
                if box is None:
                    b = _after_colon(cols, tok.i, a, b)
            out.append(_make(doc, a, b, tok, cue, src, speakers, quoted_speaker))
    return out


def _paragraph_after_colon(cols: _Clauses, tok):
    """ "The governor added:" ending its paragraph, and the next paragraph, without quotation
    marks, is what was added (to that paragraph's end)."""
    doc = cols.doc
    j = tok.i + 1
    if j + 1 >= len(doc) or doc[j].text != ":" or "\n" not in doc[j].whitespace_ + doc[j + 1].text:
        return None
    a = j + 1
    while a < len(doc) and doc[a].is_space:
        a += 1
    if a >= len(doc) or cols.t.orth[a] in _MARK_IDS or doc[a].text[:1] in "'‘":
        return None
    b = a
    while b < len(doc) and "\n" not in doc[b].text:
        b += 1
    a, b = _trim(cols, a, b)
    return (a, b) if _ok(cols, a, b) else None


def _after_colon(cols: _Clauses, cue_i: int, a: int, b: int) -> int:
    """'The governor added: It is typical of her. She knows nothing.': words introduced by a cue
    and a colon, without quotation marks, run to the end of the paragraph."""
    doc, orth = cols.doc, cols.t.orth
    j = a - 1
    while j > cue_i and cols.t.space[j]:
        j -= 1
    if j <= cue_i or doc[j].text != ":":
        return b
    end = b
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    if any(o in _MARK_IDS for o in orth[a:end]):
        return b  # quoted words follow: the direct quote finder has them
    end = _trim(cols, b, end)[1] if end > b else b
    return max(b, end)


def _from_according(doc, tok, lex):
    c = cue_at(tok, "clause", lex)
    span = _according(doc, tok) if c is not None else None
    # a sentence-initial "According to X, ..." needs no verb the tagger saw ("the move reeks")
    checked = span is not None and tok.head.i == tok.i and span[1] - span[0] >= _MIN_WORDS
    return [(span[0], span[1], c[0], according_source(tok), checked)] if span else []


_SOME = ("one", "some", "another", "an", "a")  # "by one estimate", "by some accounts"


def _from_adjunct(doc, tok, lex):
    """ "By his own admission, his returns are thick", "..., by one estimate", "In her view, the
    plan is dead": a phrase (a preposition and its noun, the adjunct frame) attributing the
    clause it modifies to the noun's holder: its possessor, "of X" ("in the eyes of voters"),
    or an estimate or account of its own ("by one estimate"); none named, no quote ("by all
    accounts", "in view of the delays")."""
    head = tok.head
    if tok.dep_ != "prep" or head.i == tok.i or head.pos_ not in ("VERB", "AUX") or head.tag_ == "VBG":
        return []  # "failing, in his view, to accord ...": not a clause of its own
    noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if noun is None or lex.get("adjunct", f"{tok.lower_}+{noun.lemma_.lower()}") is None:
        return []
    if any(c.dep_ == "amod" and c.lower_ != "own" for c in noun.children) or _that_relcl(noun) is not None:
        return []  # "in his strongest words" (how), "united in their opinion that ..." (the noun's clause)
    src = noun_source(noun)
    if src is None and any(c.dep_ == "det" for c in noun.children):  # not "in view of the delays"
        of = next((p for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        src = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if src is None and any(c.dep_ in ("det", "nummod") and c.lower_ in _SOME for c in noun.children):
        src = noun
    if src is None:
        return []
    a, b = _according(doc, tok)
    if a < b and doc[a].dep_ == "mark":
        a += 1  # "stressed that, in China's eyes, residents cannot ...": not the complementizer
        while a < b and doc[a].is_punct:
            a += 1
        if a == tok.i:  # nor the phrase itself
            a = tok.right_edge.i + 1
    return [(a, b, doc[tok.i : noun.i + 1].text, src, False)]


def _that_clause(x) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in x.children)


def _from_noun(tok, lex):
    """ "Trump's claim that ...", "Obama's decision to ...", "voiced concern that ...": only when
    the text says whose claim it is."""
    c = cue_at(tok, "noun", lex)
    if c is None:
        return []
    clause = next(
        (
            x
            for x in tok.children
            if x.dep_ in ("acl", "ccomp", "relcl")
            and x.i > tok.i
            and (_that_clause(x) or (x.dep_ == "acl" and _to_infinitive(x)))
        ),
        None,
    )
    if clause is None and tok.dep_ == "dobj":  # "made the case to Congress [that ...]": hung on the verb
        clause = next((x for x in tok.head.children if x.dep_ == "ccomp" and x.i > tok.i and _that_clause(x)), None)
        if clause is None and c[1].cls == "intention":  # "announced plans this week [to give ...]"
            clause = next(
                (x for x in tok.head.children if x.dep_ == "xcomp" and x.i > tok.i and _to_infinitive(x)), None
            )
    if clause is None and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":  # "Obama's bet is [that ...]"
        clause = next((x for x in tok.head.children if x.dep_ == "ccomp" and x.i > tok.i and _that_clause(x)), None)
    if clause is None and tok.dep_ == "pobj" and tok.head.head.i != tok.head.i:
        # "was frank in her acknowledgment [that ...]": the parser hung the clause on "frank"
        clause = next(
            (x for x in tok.head.head.children if x.dep_ == "ccomp" and x.i > tok.i and _that_clause(x)), None
        )
    if clause is None:
        return []
    src = noun_source(tok) or (_holder_of(tok, lex) if c[1].cls != "intention" else None)
    if src is None:
        return []  # "there was agreement that ...", "charges that ...": nobody is said to hold it
    return [(clause.left_edge.i, clause.right_edge.i + 1, c[0], src, False)]


_HOLDING = ("in", "with")  # "persisted in arguments that ...", "came with a warning that ..."


def _holder_of(noun, lex: CueLexicon):
    """Whose a cue noun is when its phrase hangs on a verb of the holder: "Democrats persisted
    in arguments that ..." (the subject of the verb), or None. Not when that verb is a cue of
    its own ("said in a statement that ...": the verb reports the clause)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _HOLDING or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = prep.head
    if cue_at(verb, "clause", lex) is not None:
        return None
    if any(c.dep_ == "dobj" for c in verb.children) or any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "met the minister with a warning": not said of the subject's own view
    src = subject_of(verb)
    if src is None or src.lower_ in ("it", "there", "this", "that"):
        return None
    return src


def _final_cue_as_noun(cols: _Clauses, tok, lex):
    """ "Secrecy is no stranger to her, the candidate's former doctor maintains.": a present-tense
    cue ending the sentence after the writer's clause, which the tagger took for a plural noun.
    What was said is the clause before the comma; the speaker the noun right before the cue."""
    if tok.tag_ != "NNS" or not tok.lower_.endswith("s") or not lex.has("clause", tok.lower_[:-1]):
        return []
    sent_start, sent_end = cols.t.sentence(tok.i)
    after = tok.i + 1
    if after < sent_end and not (cols.doc[after].is_punct and cols.doc[after].text in (".", "!", "?")):
        return []
    speaker = cols.doc[tok.i - 1] if tok.i > sent_start else None
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return []
    comma = next((i for i in range(tok.i - 1, sent_start, -1) if cols.t.orth[i] == _COMMA), None)
    if comma is None or any(cols.doc[i].pos_ in ("VERB", "AUX") for i in range(comma + 1, tok.i)):
        return []  # the words between the comma and the cue name the speaker, nothing more
    a, b = _trim(cols, sent_start, comma)
    if not _ok(cols, a, b):
        return []
    return [(a, b, tok.text, speaker, True)]


def _cue_verb_as_noun(tok, lex):
    """ "Trump charges that countries ... donated millions": a present-tense cue right after its
    subject, which the tagger took for a plural noun and the parser for the object of the name
    before it; the that-clause hangs on it. The speaker is that name."""
    if tok.tag_ != "NNS" or not tok.lower_.endswith("s") or not lex.has("clause", tok.lower_[:-1]):
        return []
    subject = tok.head
    if subject.i != tok.i - 1 or subject.pos_ not in ("NOUN", "PROPN") or subject.dep_ not in ("ROOT", "nsubj"):
        return []
    clause = next(
        (x for x in tok.children if x.dep_ in ("acl", "relcl", "ccomp") and x.i > tok.i and _that_clause(x)), None
    )
    if clause is None:
        return []
    return [(clause.left_edge.i, clause.right_edge.i + 1, tok.text, subject, False)]


def _from_adjective(tok, lex):
    """ "Democrats are afraid that ...", "came away convinced that ...", "is determined to ...":
    a belief or intention adjective with its clause; the source is the subject it describes."""
    c = cue_at(tok, "adjective", lex)
    clause = next(
        (
            x
            for x in tok.children
            if x.i > tok.i
            and (
                (x.dep_ == "ccomp" and (_that_clause(x) or x.tag_ != "VBG"))
                or (x.dep_ in ("xcomp", "ccomp", "advcl") and _to_infinitive(x) and _takes_infinitive(c))
            )
        ),
        None,
    )
    if clause is None:
        clause = _wh_after_preposition(tok) or _question_on_copula(tok)
    if c is None or clause is None:
        return []
    src = subject_of(tok.head) if tok.dep_ in ("acomp", "oprd", "attr") else subject_of(tok)
    if (
        src is None
        or (src.dep_ == "nsubjpass" and src.head.i != tok.i and tok.dep_ not in ("acomp", "oprd"))
        or src.lower_ in ("it", "there", "this", "that")
    ):
        return []  # "it is clear that": nobody holds the belief
    return [(clause.left_edge.i, clause.right_edge.i + 1, c[0], src, False)]


_WH_PREPOSITIONS = ("about", "over", "on")


_DOUBT = ("sure", "unsure", "certain", "uncertain")


def _question_on_copula(tok):
    """ "were not sure if they could help", "is uncertain whether ...": a question clause right
    after the adjective that the parser hung on the copula as an adverbial clause is the
    adjective's ("if" only after sure/certain and their negatives); None otherwise."""
    doc = tok.doc
    if tok.dep_ != "acomp" or tok.i + 1 >= len(doc):
        return None
    mark = doc[tok.i + 1].lower_
    if mark != "whether" and not (mark == "if" and tok.lower_ in _DOUBT):
        return None  # "was happy if the children were safe": a condition
    return next(
        (
            x
            for x in tok.head.children
            if x.dep_ == "advcl" and x.left_edge.i == tok.i + 1 and x.pos_ in ("VERB", "AUX")
        ),
        None,
    )


def _wh_after_preposition(tok):
    """A question clause after about/over/on: "spoke about how ...", "argued over whether ...",
    "is worried about how ...": the clause, or None."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.i < tok.i or prep.lower_ not in _WH_PREPOSITIONS:
            continue
        for x in prep.children:
            if x.dep_ != "pcomp" or x.pos_ not in ("VERB", "AUX"):
                continue
            first = x.doc[x.left_edge.i]
            if first.i != prep.i + 1 or first.lower_ in ("what", "whatever"):
                continue  # "heard little about what X says": what they said, a thing, not a question
            if first.tag_ in ("WRB", "WP", "WDT") or first.lower_ in ("whether", "if"):
                return x
    return None


def _takes_infinitive(cue) -> bool:
    """An intention adjective reports its infinitive ("is determined to run"); a belief or
    feeling does not ("is happy to help", "is sure to win": no view of the subject's is stated)."""
    return cue is not None and cue[1] is not None and cue[1].cls == "intention"


def _filler(tok) -> bool:
    """ "you know," / "you see," between commas or opening a sentence: a filler of speech, no report."""
    doc = tok.doc
    return (
        tok.lemma_ in ("know", "see")
        and tok.i > 0
        and doc[tok.i - 1].lower_ == "you"
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text in (",", "...", "…", "--", "—")
    )


def _own_clause(tok, lex, cue: str):
    """The clause a clause cue governs in the parse, or None."""
    clause = _clause_of(tok) or _clause_in_pp(tok, cue_at(tok, "xcomp", lex) is not None)
    if clause is None and tok.tag_ == "NNS":  # "Trump charges [that ...]": the tagger's noun
        clause = next((x for x in tok.children if x.i > tok.i and that_acl(x)), None)
    adj = verb_adjective(tok) if " " in cue else None
    if adj is not None and clause is not None and clause.i == adj.i:
        clause = _made_clear(tok, adj)  # "made it clear [he would veto the bill]"
    return clause


def _from_verb(cols: _Clauses, tok, lex, inside):
    if _filler(tok):
        return []
    c = cue_at(tok, "clause", lex)
    if c is None and _put_it(tok):
        c = cue_at(tok, "direct", lex)  # "As the mayor put it, the city will not back down"
    if c is None:
        return _without_clause_frame(cols, tok, lex, inside)
    opening = _opening_participle(cols, tok)
    if opening:
        return [(opening[0], opening[1], c[0], opening[2], False)]
    outer = _outer_cue_of_conjunct(tok, lex)
    src = subject_of(outer if outer is not None else tok)
    if src is None:
        src = _stated_in(tok)  # "As stated in the report, there are many questions ...": the report's
    asked = src is None and _asked_clause(tok)
    if asked:
        src = _agent(tok)  # "Asked whether he would resign, Johnson said": by someone not named
    elif src is None and not (tok.dep_ == "acl" and tok.tag_ == "VBG"):
        return []  # kept without a speaker: "... language calling for X" (nobody named)
    clause, start = _own_clause(tok, lex, c[0]), None
    if clause is None:
        clause = _unmarked_clause(tok)
        if clause is not None:  # from its subject: "said after the convention [he would ...]"
            start = min(x.left_edge.i for x in clause.children if x.dep_ in ("nsubj", "nsubjpass", "expl"))
    if clause is not None and start is None and clause.i > tok.i and cue_at(tok, "xcomp", lex) is not None:
        inf = next(
            (x for x in tok.children if x.dep_ == "xcomp" and tok.i < x.i < clause.i and _to_infinitive(x)), None
        )
        if inf is not None:  # "promising to lift the rules ... - not what Graham had in mind": the nearer one
            clause, start = inf, _object_start(tok, inf)
    if clause is None:
        clause = _question_as_adverbial(tok)  # "have not said [when they would take it up]"
    if clause is None:
        start = _clause_above(tok, lex)
        clause = tok.head if start is not None else None
    if clause is None and src is not None and not (inside is not None and inside(tok.i)):
        span = _before_final_cue(cols, tok, src, tok.i, tok.i, loose=True)
        if span[1] < tok.i:  # "After the vote, the plan will go ahead, officials said": an adverbial
            return [(span[0], span[1], c[0], src, False)]
    passive = src is not None and src.dep_ == "nsubjpass" and src.head.i == tok.i and src.lower_ != "it"
    if clause is None and cue_at(tok, "xcomp", lex) is not None:
        clause = _xcomp_of(tok)
        if clause is not None:  # "The vote is expected [to ...]": the subject is part of what is expected
            start = src.left_edge.i if passive and clause.i > tok.i else _object_start(tok, clause)
    if clause is None:
        clause = _wh_after_preposition(tok)  # "spoke about how gender has affected her career"
    if clause is not None and _seen_doing(tok, clause):
        return []  # "Police found him lying on the floor": what was seen, not a report
    if clause is not None:
        a = clause.left_edge.i if start is None else start
        if start is None and clause.i > tok.i:
            a = _stranded_subject(tok, clause, a)
            if a < tok.i and src is not None and a <= src.i < tok.i and _fronted(clause, tok):
                a = tok.i + 1  # "what Trump says [his plan would do]": the wh-word moved before the cue
        b = _cut_trailing(cols, clause, tok)
        if tok.dep_ == "nsubj" and clause.i > tok.i and tok.head.i >= b and tok.head.pos_ in ("VERB", "AUX"):
            b = tok.head.right_edge.i + 1  # "Hale charges that firms ... [paid millions]": the cue made a subject
        if passive:  # "He was told that ...", "is expected to ...": the one told is not the speaker
            return [(a, b, c[0], _agent(tok), False)]
        if src is not None and a <= src.i < b:
            return []  # the subject sits inside the reported clause: a bad parse
        if clause.i < tok.i:
            a, b = _before_final_cue(cols, tok, src, a, b)
        elif (
            clause.pos_ == "ADJ"
            and cue_at(tok, "naming", lex) is not None
            and (inside is None or inside(tok.i) is None)
        ):
            a, b = _trim(cols, a, b)  # "consider the tax unfair": a small clause without a verb
            return [(a, b, c[0], src, True)] if cols.t.alpha_count(a, b) >= 3 else []
        return [(a, b, c[0], src, False)]
    shown = None
    if src is not None and not (inside is not None and inside(tok.i)):
        shown = _shown_state(tok) or (_small_clause(tok) if cue_at(tok, "naming", lex) is not None else None)
    if shown is not None:  # a small clause has no verb of its own: three words are enough
        a, b = _trim(cols, *shown)
        return [(a, b, c[0], src, True)] if cols.t.alpha_count(a, b) >= _MIN_WORDS else []
    return _around_the_cue(cols, tok, lex, inside, c[0], src)


def _made_clear(verb, adj):
    """The clause of "made (it) clear": hung on the adjective, or on the verb after it; or None."""
    for x in list(adj.children) + list(verb.children):
        if x.i > adj.i and x.dep_ in ("advcl", "ccomp", "csubj") and x.pos_ in ("VERB", "AUX") and _has_subject(x):
            return x
    return None


def _clause_above(tok, lex) -> int | None:
    """ "While he acknowledged [funding was the reason], Ham also noted that ...": the parser made
    the clause after an adverbial cue the head of the cue, under the main verb's clause. The
    clause is the cue's when its subject starts right after the cue (or its "that") and the main
    verb has a clause of its own after it or is no cue; the clause's first token, or None."""
    head = tok.head
    if tok.dep_ != "advcl" or head.i <= tok.i or head.dep_ != "ccomp" or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = tok.doc
    first = tok.i + 2 if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "that" else tok.i + 1
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == first for c in head.children):
        return None
    main = head.head
    own = any(x.dep_ == "ccomp" and x.i > main.i for x in main.children)
    return first if own or cue_at(main, "clause", lex) is None else None


def _around_the_cue(cols: _Clauses, tok, lex, inside, cue, src):
    """What a clause cue with no clause of its own reports: the sentence it interrupts ("...,
    Tompkins said, ..."), the paragraph after its colon, the clause of "as X said", or its
    clausal object."""
    outside = not (inside is not None and inside(tok.i))
    if tok.dep_ == "parataxis" and outside:
        if _relative_before(cols, tok):  # "the stadium, which, Tompkins said, is usually full": that clause
            around = tok.head if tok.head.dep_ == "relcl" else None
            spans = [(a, b) for a, b in _parenthetical(cols, tok, around) if a > tok.i]
            return [(a, b, cue, src, True) for a, b in spans]
        return [(a, b, cue, src, True) for a, b in _parenthetical(cols, tok)]
    if src is not None and outside:
        span = _paragraph_after_colon(cols, tok)
        if span is not None:
            return [(span[0], span[1], cue, src, True)]
    if _as_clause(tok) and src is not None and outside:
        return [(a, b, cue, src, True) for a, b in _parenthetical(cols, tok, _clause_head(tok.head))]
    if cue_at(tok, "object", lex) is not None and outside:
        span = _clausal_object(tok)
        if span is not None:
            a, b = _trim(cols, *span)
            if _ok(cols, a, b):
                return [(a, b, cue, src, True)]
    return []


_TAIL = 6  # words after a final cue: "..., officials said in a statement on Monday."
_COMPLEMENTS = ("xcomp", "ccomp", "attr", "oprd", "advcl", "conj", "acomp")  # not an addressee: "told reporters"


def _before_final_cue(cols: _Clauses, tok, src, a: int, b: int, loose: bool = False) -> tuple[int, int]:
    """ "Clinton had told police she did not want the escort, but the NYPD overruled that request,
    the source added.": a cue that ends its sentence after a comma reports all that stands before
    the comma, whatever part of it the parser hung on the cue. With `loose` (no reported clause
    found), only when the cue heads a verb before the comma that no subordinating word opens."""
    if src is None or src.i > tok.i:
        return a, b
    comma = src.left_edge.i - 1
    sent_start, sent_end = cols.t.sentence(tok.i)
    if comma <= sent_start or cols.t.orth[comma] != _COMMA or (b > comma and not loose):
        return a, b
    if loose and not any(
        x.i < comma
        and x.pos_ in ("VERB", "AUX")
        and x.dep_ in ("advcl", "ccomp", "dep", "parataxis", "conj")
        and not any(m.dep_ == "mark" or (m.dep_ == "advmod" and m.tag_ == "WRB") for m in x.children)
        and any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in x.children)
        for x in tok.children
    ):
        return a, b
    rest = cols.doc[tok.right_edge.i + 1 : sent_end]
    if any(not (t.is_punct or t.is_space) for t in rest):
        return a, b  # the cue's own words do not end the sentence
    if tok.right_edge.i - tok.i > _TAIL or any(c.i > tok.i and c.dep_ in _COMPLEMENTS for c in tok.children):
        return a, b  # "Back in Virginia, Mr. Clarke said, he decided [to take aim at ...]": its own
    a2, b2 = _trim(cols, sent_start, comma)
    return (a2, b2) if _ok(cols, a2, b2) else (a, b)


def _fronted(clause, tok) -> bool:
    """Is everything of the reported clause that stands before the cue one wh-word or relative
    pronoun ("what", "which", "who") and what it heads? "what Trump says his plan would do",
    "the mine, which Mr. Vos says he will keep open"."""
    before = [t for t in clause.subtree if t.i < tok.i]
    if not before or before[0].tag_ not in ("WP", "WDT", "WP$", "WRB"):
        return False
    head = before[0] if before[0].head.i == clause.i or before[0].head.i > tok.i else before[0].head
    return all(head.left_edge.i <= t.i <= head.right_edge.i for t in before)


def _asked_clause(tok) -> bool:
    """ "Asked to describe the device, O'Neill said ...", "When pressed by Holt about how ...": a
    passive participle opening the sentence, whose subject is the one asked; the asker is the
    by-phrase or nobody named."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and tok.i < tok.head.i
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)
    )


def _agent(tok):
    """The by-phrase of a passive cue ("was told by aides that ..."), or None."""
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _stranded_subject(tok, clause, a: int) -> int:
    """ "warned the camps could run out": the parser took the clause's subject for the cue's
    object; a subjectless clause right after the object starts at the object."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for c in clause.children):
        return a
    obj = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < clause.i), None)
    if obj is not None and obj.right_edge.i + 1 == clause.left_edge.i and obj.pos_ != "PRON":
        return obj.left_edge.i
    return a


def _without_clause_frame(cols: _Clauses, tok, lex, inside):
    """Cues that take no that-clause: an infinitive ("wants to run", "urged Y to ...") or a
    clausal object ("admitted using ...", "accused Y of lying")."""
    cx, co, cn = cue_at(tok, "xcomp", lex), cue_at(tok, "object", lex), cue_at(tok, "naming", lex)
    if (cx is None and co is None and cn is None) or (inside is not None and inside(tok.i)):
        return []
    src = subject_of(tok)
    if src is None:
        return []
    if src.dep_ == "nsubjpass" and src.head.i == tok.i:  # "was urged to leave": not by the subject
        accused = _accused_of(tok)
        if co is not None and accused is not None:  # "Ortiz was accused of using the funds": by someone unnamed
            return [(src.left_edge.i, accused, co[0], _agent(tok), False)]
        clause = _xcomp_of(tok) if cx is not None and src.lower_ != "it" else None
        if cx is None or clause is None or clause.i < tok.i or not _to_infinitive(clause):
            return []
        return [(src.left_edge.i, _cut_trailing(cols, clause, tok), cx[0], _agent(tok), False)]
    if cx is not None:
        clause = _xcomp_of(tok)
        if clause is not None and clause.i > tok.i and _to_infinitive(clause):
            a, b = _object_start(tok, clause), _cut_trailing(cols, clause, tok)
            if not a <= src.i < b:
                return [(a, b, cx[0], src, False)]
    for cue, find, enough in ((co, _clausal_object, _ok), (cn, _small_clause, _two_words)):
        if cue is None:
            continue
        span = find(tok)
        if span is not None:
            a, b = _trim(cols, *span)
            if enough(cols, a, b):
                return [(a, b, cue[0], src, True)]
    return []


def _accused_of(tok) -> int | None:
    """The end of the gerund phrase of a passive "was accused of Ving ...", or None."""
    if tok.lemma_.lower() != "accuse":
        return None
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "of" and p.i > tok.i:
            gerund = next((x for x in p.children if x.dep_ in ("pcomp", "pobj") and _gerund(x)), None)
            if gerund is not None:
                return gerund.right_edge.i + 1
    return None


def _two_words(cols: _Clauses, a: int, b: int) -> bool:
    return cols.t.alpha_count(a, b) >= 2


_PERCEPTION = ("see", "find", "view")  # naming cues that also report what was seen or found


def _seen_doing(tok, clause) -> bool:
    """A perception verb with a participle or a bare verb for its clause ("found him lying",
    "saw soldiers order ..."): no aux, no complementizer, so nothing reported."""
    return (
        tok.lemma_.lower() in _PERCEPTION
        and clause.tag_ in ("VB", "VBG")
        and not any(c.dep_ in ("aux", "auxpass", "mark") for c in clause.children)
    )


def _small_clause(tok):
    """ "called the plan a disaster", "described him as reckless", "called it 'theft'": the object
    and what it is called (a small clause: the plan is a disaster). "called a press conference"
    names nothing."""
    kids = [c for c in tok.children if c.i > tok.i]
    objs = [c for c in kids if c.dep_ == "dobj"]
    if not objs:
        return None
    obj = objs[0]
    pred = next(
        (
            c
            for c in kids
            if c.i > obj.i
            and (
                c.dep_ in ("oprd", "attr", "ccomp", "xcomp")
                or (c.dep_ == "prep" and c.lower_ == "as")
                or (c.dep_ == "dobj" and c is not obj)
            )
        ),
        None,
    ) or next(  # "found that action unconstitutional": the adjective ending the phrase, not "a man suitable to ..."
        (c for c in obj.children if c.dep_ == "amod" and c.i > obj.i and c.tag_ == "JJ" and c.i == obj.right_edge.i),
        None,
    )
    if pred is None or any(t.text == "," for t in tok.doc[obj.right_edge.i + 1 : pred.left_edge.i]):
        return None  # "Sunday will see the first round, [to be followed by a run-off]": no small clause
    if pred.tag_ in ("VB", "VBG") and tok.lemma_.lower() in _PERCEPTION:
        return None  # "they saw soldiers order the refugees on", "found him lying there": seen, not judged
    end = pred.right_edge.i + 1
    for t in pred.subtree:  # "regarded Xi as a dictator, a remark that ...": the writer's apposition
        if t.dep_ == "appos" and t.left_edge.i > pred.i and t.doc[t.left_edge.i - 1].text == ",":
            end = min(end, t.left_edge.i - 1)
    return obj.left_edge.i, end


_STATE = ("ahead", "behind", "up", "down", "even", "level", "higher", "lower")


def _shown_state(tok):
    """ "Polls show Hale ahead by five points", "The video shows him with his hands in the air",
    "The data show rural towns outpacing the cities": what a report shows of its object, a small
    clause; the token range, or None ("showed the reporters her office" shows no state)."""
    if verb_lemma(tok) != "show":
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None:
        return None
    after = obj.right_edge.i + 1
    pred = next(
        (
            c
            for c in tok.children
            if c.left_edge.i == after
            and ((c.dep_ == "advmod" and c.lower_ in _STATE) or (c.dep_ == "prep" and c.lower_ == "with"))
        ),
        None,
    ) or next((c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.left_edge.i == obj.i + 1), None)
    if pred is None:
        return None
    end = pred.right_edge.i + 1
    for c in tok.children:  # "ahead [by five points]"
        if c.left_edge.i == end and c.dep_ in ("prep", "npadvmod"):
            end = c.right_edge.i + 1
    return obj.left_edge.i, end


def _make(doc, a, b, tok, cue, src, speakers, quoted_speaker):
    ind = Indirect(a, b, tok.i, cue, src.i if src is not None else -1)
    if src is not None:
        qs = quoted_speaker(src.i) if quoted_speaker else None
        ind.speaker = relative_speaker(speakers.resolve(src, qs), tok)
    return ind


def _as_clause(tok) -> bool:
    """ "The deal, as the senator said, will not pass", "As the mayor put it, ...": the cue in an
    as-clause with nothing said of its own reports the clause it hangs on."""
    return (
        tok.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ == "as" for m in tok.children)
        and not any(x.dep_ in ("dobj", "ccomp", "xcomp") and x.lower_ != "it" for x in tok.children)
        and not any(x.dep_ == "prep" and x.lower_ == "for" for x in tok.children)
    )  # "As Ms. Vos put it, ...": "it" is what was said; "as Sparta pressed for an equaliser": sought


def _stated_in(tok):
    """The document of a passive as-clause, "As stated/noted/reported in the report, ...": the
    noun after its "in" (what the as-clause then reports is the clause it hangs on), or None."""
    if tok.tag_ != "VBN" or not _as_clause(tok) or any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in tok.children):
        return None
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "in" and p.i == tok.i + 1:
            doc = next(
                (
                    x
                    for x in p.children
                    if x.dep_ == "pobj" and x.pos_ in ("NOUN", "PROPN") and x.ent_type_ not in ("DATE", "TIME")
                ),
                None,
            )
            if doc is not None:
                return doc
    return None


def _put_it(tok) -> bool:
    """ "as X put it": a cue only in an as-clause, with "it" for what was said."""
    return (
        verb_lemma(tok) == "put"
        and _as_clause(tok)
        and any(x.dep_ == "dobj" and x.lower_ == "it" for x in tok.children)
    )


def _clause_head(tok):
    """The verb heading the clause `tok` is in ("The bill, as X said, will not pass": the
    as-clause hangs on "bill", the clause is the one of "pass")."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _parenthetical(cols: _Clauses, tok, around=None):
    """ "But to prevent problems, he said, officials should be vigilant": the sentence around the
    cue's own words, as one or two pieces (with `around`: that clause around them)."""
    sent_start, sent_end = cols.t.sentence(tok.i)
    if around is not None:
        sent_start, sent_end = around.left_edge.i, around.right_edge.i + 1
    (a1, b1), (a2, b2) = _trim(cols, sent_start, tok.left_edge.i), _trim(cols, tok.right_edge.i + 1, sent_end)
    head = around if around is not None else tok.head
    subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") and a1 <= c.i < b1 for c in head.children)
    if a1 < b1 < a2 < b2 and subject and not _ok(cols, a1, b1) and _ok_apart(cols, (a1, b1), (a2, b2)):
        return [(a1, b1), (a2, b2)]  # "The new rules, officials said, will take effect": the clause, cut in two
    return [(a, b) for a, b in ((a1, b1), (a2, b2)) if b > a and _ok(cols, a, b)]


def _second_cue_of(verb, cue) -> bool:
    """Is `verb`, a conjunct in the clause `cue` reports, rather a second cue of the same
    speaker ("said the company would cut jobs and [warned] that ...")? It has the cue's form and
    not the form of the verb it is joined to, no subject of its own, and a clause of its own."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and verb.tag_ == cue.tag_
        and verb.tag_ != head.tag_
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    )


def _outer_cue_of_conjunct(tok, lex):
    """The cue whose clause the parser joined `tok` to ("Berg said the company would cut jobs and
    warned that ..."): warned is Berg's, not the company's. None when `tok` is not such a cue."""
    head = tok.head
    if tok.dep_ != "conj" or head.dep_ != "ccomp" or cue_at(head.head, "clause", lex) is None:
        return None
    return head.head if _second_cue_of(tok, head.head) else None


def _opening_participle(cols: _Clauses, tok):
    """ "Claiming the criticism is designed to pressure moderators, Trump told Fox ...": a cue
    opening the sentence as a participle, which the parser made the subject of the clause it
    introduces. What was claimed runs to the comma; the speaker is the subject after it.
    (start, end, subject) or None."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("csubj", "csubjpass") or tok.i != cols.t.sentence(tok.i)[0]:
        return None
    clause, main = tok.head, tok.head.head
    if clause.dep_ != "ccomp" or main.i <= clause.i:
        return None
    if not any(x.dep_ == "dobj" and x.left_edge.i == tok.i + 1 for x in tok.children):
        return None  # the clause's subject was taken for the cue's object ("Writing for a panel that ...": not)
    comma = clause.right_edge.i + 1
    if comma >= main.i or cols.t.orth[comma] != _COMMA:
        return None
    src = next((x for x in main.children if x.dep_ in ("nsubj", "nsubjpass") and comma < x.i < main.i), None)
    if src is None:
        return None
    return tok.i + 1, comma, src


def _relative_before(cols: _Clauses, tok) -> bool:
    """A parenthetical cue right after a relative pronoun and its comma: ", which, X said, ...",
    ", who, X said, ...": what was said is the relative clause after the cue."""
    j = tok.left_edge.i if cols.t.orth[tok.left_edge.i] == _COMMA else tok.left_edge.i - 1
    return j >= 1 and cols.t.orth[j] == _COMMA and cols.doc[j - 1].lower_ in ("which", "who")


def _ok_apart(cols: _Clauses, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Is a clause cut in two by a parenthetical cue enough of a clause (see _ok)?"""
    words = cols.t.alpha_count(*first) + cols.t.alpha_count(*second)
    verb = any(p == VERB or p == AUX for a, b in (first, second) for p in cols.t.pos[a:b])
    return words >= _MIN_WORDS and verb


def _to_infinitive(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


_OF_VERBS = {"accuse", "suspect", "convince", "persuade", "warn", "remind", "assure", "inform"}  # X of Ving


def _clausal_object(tok):
    """The clausal object of a cue that takes no that-clause, as a token range [a, b), or None:
    a gerund ("admitted using the loophole", "proposed dropping the rule"), "accused Y of
    Ving", "called on Y to ...", "called for Ving" / "called for Y to ...". A plain noun
    object ("denied the allegations", "called for a ceasefire") is not reported speech: what
    was said is not stated, only what it was about."""
    kids = [c for c in tok.children if c.i > tok.i]
    for c in kids:
        if c.dep_ in ("dobj", "xcomp", "ccomp") and c.tag_ == "VBG" and not c.n_lefts:
            return c.i, c.right_edge.i + 1
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    appeal = tok.lemma_.lower() == "call"
    if obj is not None and tok.lemma_.lower() in _OF_VERBS:
        for p in obj.children:  # "accused [the agency of hiding ...]"
            if (
                p.dep_ == "prep"
                and p.lower_ == "of"
                and p.i > obj.i
                and any(x.dep_ in ("pobj", "pcomp") and _gerund(x) for x in p.children)
            ):
                return obj.left_edge.i, _before_cue_conjunct(tok, p)
    for p in kids:
        if p.dep_ not in ("prep", "prt", "dative"):
            continue
        args = [x for x in p.children if x.dep_ in ("pobj", "pcomp")]
        if p.lower_ == "of" and obj is not None and tok.lemma_.lower() in _OF_VERBS and any(_gerund(x) for x in args):
            return obj.left_edge.i, _before_cue_conjunct(tok, p)  # "accused the West of waging a war"
        if not appeal or p.lower_ not in ("for", "on", "upon"):
            continue
        for x in args:
            if x.tag_ == "VBG":  # "called for reducing the rate"
                return x.i, x.right_edge.i + 1
            inf = next((y for y in x.children if y.dep_ in ("acl", "relcl", "xcomp") and _to_infinitive(y)), None)
            if inf is not None:  # "called on Congress to act" (the parser hung "to act" on the noun)
                return x.left_edge.i, inf.right_edge.i + 1
        inf = next(
            (y for y in tok.children if y.i > p.i and y.dep_ in ("xcomp", "advcl", "ccomp") and _to_infinitive(y)), None
        )
        if inf is not None and args:  # "called on Congress to act"
            return args[0].left_edge.i, inf.right_edge.i + 1
    return None


def _before_cue_conjunct(cue, prep) -> int:
    """End of "of Ving ..." before a verb the parser joined to the gerund that has the cue's
    own form: "to accuse X of being duped and [encourage Americans to ...]" (encourage goes
    with accuse, not with duped)."""
    end = prep.right_edge.i + 1
    for verb in prep.children:
        if verb.dep_ not in ("pobj", "pcomp"):
            continue
        for c in verb.children:
            if c.dep_ == "conj" and c.tag_ == cue.tag_ and c.tag_ != verb.tag_ and c.i > verb.i:
                cc = [x.i for x in verb.children if x.dep_ == "cc" and verb.i < x.i < c.i]
                end = min(end, cc[-1] if cc else c.left_edge.i)
    return end


def _gerund(tok) -> bool:
    """A gerund, also passive or perfect: "of lying", "of being duped", "of having lied"."""
    if tok.tag_ == "VBG":
        return True
    return tok.tag_ == "VBN" and any(
        c.dep_ in ("auxpass", "aux") and c.lower_ in ("being", "having") and c.i < tok.i for c in tok.children
    )


_EXCEPT = ("aside", "apart", "besides", "except")


def _cut_trailing(cols: _Clauses, clause, cue) -> int:
    """End of the reported clause, before a trailing ", citing ..." / ", adding ..." that belongs
    to the cue's sentence rather than to what was said."""
    end = clause.right_edge.i + 1
    if clause.i < cue.i:
        return end
    orth = cols.t.orth
    for i in range(clause.i + 1, end):
        if orth[i - 1] != _COMMA:
            continue  # both cuts are right after a comma
        t = cols.doc[i]
        if t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "conj") and t.head.i >= clause.i:
            return i - 1
        if t.lower_ in ("while", "whereas") and t.dep_ == "mark":
            return i - 1  # ", while Putin has demanded ...": the writer's contrast
        if t.lower_ in _EXCEPT and t.head.i >= clause.i:
            return i - 1  # "refuses to discuss names, aside from saying ...": what is left out of it
    for verb in clause.children:  # "said the company would cut jobs [and warned that ...]"
        if verb.i > clause.i and _second_cue_of(verb, cue):
            cc = [x.i for x in clause.children if x.dep_ == "cc" and clause.i < x.i < verb.i]
            end = min(end, cc[-1] if cc else verb.left_edge.i)
    return end


def _speech_act(cols: _Clauses, tok, lex):
    """What a speech act was about when the text gives no clause for it, only a noun object:
    "announced his resignation", "denied the allegations", "called for a ceasefire", "accused
    the minister of corruption". Not a quote (what was said is not stated): only with the
    `reported` option, for cues with the "act" frame, never an evaluative verb's object."""
    if tok.pos_ != "VERB":
        return []
    lemma = verb_lemma(tok)
    kids = [c for c in tok.children if c.i > tok.i]
    obj = None
    c = cue_at(tok, "act", lex)
    prep = next((p for p in kids if p.dep_ == "prep" and lex.has("act", f"{lemma} {p.lower_}")), None)
    if prep is not None and not any(x.dep_ == "dobj" for x in kids if x.i < prep.i):
        # "called for a ceasefire", "spoke about the crisis", "complained about his microphone"
        # (not "called the plan ...": naming)
        c = (f"{tok.text} {prep.text}", lex.get("act", f"{lemma} {prep.lower_}"))
        obj = next((x for x in prep.children if x.dep_ == "pobj"), None)
    elif lemma == "call":
        c = None
    elif c is not None:
        obj = next((x for x in kids if x.dep_ == "dobj"), None)
    if c is None or obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.lower_ in ("comment", "statement"):
        return []
    src = subject_of(tok)
    if src is None or (src.dep_ == "nsubjpass" and src.head.i == tok.i):
        return []
    a, b = obj.left_edge.i, obj.right_edge.i + 1
    if lemma == "accuse":  # "accused [the minister of corruption]": the object alone is who, not what
        of = next((p for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        of = of or next((p for p in kids if p.dep_ == "prep" and p.lower_ == "of"), None)
        if of is None:
            return []
        b = of.right_edge.i + 1
    sent_start, sent_end = cols.t.sentence(tok.i)
    a, b = _trim(cols, max(a, sent_start), min(b, sent_end))
    if b <= a or cols.t.alpha_count(a, b) < 1 or a <= src.i < b:
        return []
    return [(a, b, c[0], src)]
