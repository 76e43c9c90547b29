"""Direct quotes: a quoted span of text, its cue and its speaker.

Where the attribution is looked for, in order:
  after the quote   "...," Peskov added.   "...," said a spokesman.   "..." - according to X
  before the quote  Putin told Biden, "..."   He said: "..."   ", he said, "..." (middle)
  the parse         warned that the West would impose "strong measures" (the cue governing it)
  the context       a quote paragraph right after one by a known speaker; "X said:" before it
Short quotes (one or two words) that no cue governs closely are scare quotes, not speech.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..records import ActorRef
from .cues import CueLexicon
from .marks import Quoted
from .speakers import Speakers, relative_speaker
from .syntax import SUBJ, according_source, cue_at, subject_of
from .tokens import TokenTable

__all__ = ["Direct", "attribute_direct"]

_STOPS = {".", "!", "?"}
_SEP_END = ",.!?…—–-:;"
_SHORT = 2  # words: at most this many and ungoverned -> a scare quote
_AFTER_LIMIT = 10  # tokens after the quote where its attribution may sit
_CLIMB = 6


@dataclass
class Direct:
    q: Quoted
    start: int  # content token range [start, end)
    end: int
    speaker: ActorRef | None = None
    cue: str | None = None
    cue_i: int = -1
    how: str = ""

    @property
    def words(self) -> int:
        return self.q.end - self.q.start


class _QuoteScan:
    """One document being scanned for direct quotes: its tokens, cues, speakers and quoted spans."""

    def __init__(self, doc, lex: CueLexicon, speakers: Speakers, quoted: list[Quoted], text: str, table: TokenTable):
        self.doc, self.lex, self.speakers = doc, lex, speakers
        self.idx, self.alpha, self.like_num = table.idx, table.alpha, table.like_num
        self.quoted = quoted
        self.text = text
        self.forced: dict[int, object] = {}  # cue token -> its subject, when the parse missed it
        self.done: list[Direct] = []  # the quotes attributed so far

    def tok_at(self, char: int) -> int:
        """Index of the token containing char (or the next one)."""
        k = bisect.bisect_right(self.idx, char) - 1
        return max(k, 0)

    def quoted_at(self, char: int) -> bool:
        """Is the character inside some quotation marks?"""
        return any(q.start <= char < q.end for q in self.quoted)

    def speaker_of(self, cue_tok, d: Direct) -> ActorRef | None:
        if cue_tok.lower_ == "according":
            src = according_source(cue_tok)
        elif cue_tok.i in self.forced:
            src = self.forced[cue_tok.i]
        else:
            src = subject_of(cue_tok)
            if src is not None and d.start <= src.i < d.end:  # a "subject" inside the quote
                # '"... One of the brightest members," Rep. Anna Berg said': the other subject
                outside = [c for c in cue_tok.children if c.dep_ in SUBJ and not d.start <= c.i < d.end]
                src = outside[0] if outside else _after_verb(cue_tok)
            elif (src is None or src.left_edge.i > cue_tok.i + 1) and d.q.closed:
                src = self.between_noun(d, cue_tok) or src
        if src is None:
            return None
        around = next((o.speaker for o in self.done if o.q.start <= cue_tok.idx < o.q.end), None)
        return relative_speaker(self.speakers.resolve(src, around), cue_tok)  # "I" inside a quote: its speaker

    def between_noun(self, d: Direct, cue_tok):
        """'"...," Flynn, a top surrogate, said Thursday on Fox News's "Fox and Friends."': the
        parser hung the name on the quote and took a word after the cue for its subject. The
        head of the noun phrase between the quote and the cue, if any."""
        start = self.tok_at(d.q.close - 1) + 1
        span = range(start, cue_tok.i)
        first = next((i for i in span if not self.doc[i].is_punct), None)
        if first is None or self.doc[first].pos_ != "PROPN":
            return None
        head = self.doc[first]
        while head.head.i in span and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        return head


def _after_verb(verb):
    """'"... Full panic mode," said Leslie Wimes': the speaker right after an inverted cue."""
    for c in verb.rights:
        if c.pos_ in ("PROPN", "NOUN") and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "dep", "appos"):
            return c
    return None


def _content_tokens(ctx: _QuoteScan, q: Quoted) -> tuple[int, int]:
    s = ctx.tok_at(q.start)
    e = ctx.tok_at(q.end - 1) + 1
    return s, max(e, s + 1)


def _separate(ctx: _QuoteScan, q: Quoted) -> bool:
    """Does the quote stand as an utterance of its own ("...," / "...?" / "..." - ), rather than
    as words inside the writer's clause?"""
    inner = ctx.text[q.start : q.close].rstrip("\"”»’' \n")
    if inner[-1:] in _SEP_END:
        return True
    rest = ctx.text[q.close : q.close + 3].lstrip(" ")
    return rest[:1] in (",", "—", "–") or rest[:2] == "--"


def _after(ctx: _QuoteScan, d: Direct, nxt_open: int):
    doc = ctx.doc
    i = ctx.tok_at(d.q.close - 1) + 1 if d.q.closed else d.end
    n = 0
    while i < len(doc) and n < _AFTER_LIMIT:
        t = doc[i]
        if t.idx >= nxt_open or "\n" in t.text or (t.text in _STOPS and n > 0):
            break
        c = cue_at(t, "direct", ctx.lex) or _noun_tagged_cue(ctx, d, t, i)
        if c is not None:
            if _leads_next(ctx, d, t, nxt_open) or _new_sentence(ctx, d, t):
                return None
            return t, c[0]
        n += 0 if t.is_punct else 1
        i += 1
    return None


def _noun_tagged_cue(ctx: _QuoteScan, d: Direct, t, i: int):
    """'"...?" a narrator in the ad asks.': a present-tense cue the tagger took for a plural noun.
    Its subject is the noun phrase between the quote and the cue."""
    if t.tag_ != "NNS" or not t.lower_.endswith("s") or not ctx.lex.has("direct", t.lower_[:-1]):
        return None
    if i + 1 < len(ctx.doc) and ctx.doc[i + 1].is_alpha:
        return None  # "... the asks of the union": a noun after all
    start = ctx.tok_at(d.q.close - 1) + 1
    first = next((x for x in ctx.doc[start:i] if x.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if first is None:
        return None
    head = first
    while start <= head.head.i < i and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN", "ADP"):
        head = head.head
    if head.pos_ == "ADP":
        return None
    ctx.forced[t.i] = head
    return t.text, None


def _new_sentence(ctx: _QuoteScan, d: Direct, cue) -> bool:
    """'"...voter rolls." He said that if ...': after a quote that ends its sentence, a capitalised
    word starts a new sentence; its cue attributes this quote only when nothing follows it
    ('"We will win." Peskov said.')."""
    inner = ctx.text[d.q.start : d.q.close].rstrip("\"”»’' ")
    if inner[-1:] != ".":
        return False
    i = ctx.tok_at(d.q.close - 1) + 1
    while i < len(ctx.doc) and ctx.doc[i].is_space:
        i += 1
    if i >= len(ctx.doc) or not ctx.doc[i].text[:1].isupper():
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "dobj", "mark") and c.i > cue.i for c in cue.children)


_SENTENCE_END = re.compile(r"\b(\w*)([.!?])(?=[\"”’']?\s+[\"“‘A-Z])")


def _ends_a_sentence(text: str) -> bool:
    """Does a sentence end inside `text` ("asks. The spot ...")? A period after a short
    capitalised word or a single letter ("Mr. Smith", "U.S. officials") ends none."""
    for m in _SENTENCE_END.finditer(text):
        word = m.group(1)
        if m.group(2) == "." and (len(word) <= 1 or (word[:1].isupper() and len(word) <= 4)):
            continue
        return True
    return False


def _leads_next(ctx: _QuoteScan, d: Direct, cue, nxt_open: int) -> bool:
    """'"Of course." To which she said, "Thank God."': an attribution ending in a comma or colon
    right before the next quote introduces that quote, unless this one ended with a comma."""
    if nxt_open > len(ctx.text):
        return False
    between = ctx.text[cue.idx : nxt_open].rstrip()
    if "\n" in between or between[-1:] not in (",", ":"):
        return False
    if _ends_a_sentence(between):
        return False  # '"...?" a narrator asks. The spot ends with Trump saying, "...": a new sentence
    inner = ctx.text[d.q.start : d.q.close].rstrip("\"”»’' ")
    return inner[-1:] in (".", "!", "?", "…")


def _before(ctx: _QuoteScan, d: Direct, prev_close: int):
    doc = ctx.doc
    o = ctx.tok_at(d.q.open)
    j = o - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].idx < prev_close:
        return None
    last = doc[j]
    ok = last.text in (",", ":") or cue_at(last, "direct", ctx.lex) is not None
    if not ok:
        return None
    k = j
    while k >= 0 and doc[k].idx >= prev_close and "\n" not in doc[k].text and not (doc[k].text in _STOPS and k < j):
        c = cue_at(doc[k], "direct", ctx.lex)
        if c is not None:
            return doc[k], c[0]
        k -= 1
    return None


def _climb(ctx: _QuoteScan, d: Direct):
    """The cue governing the quote in the parse, and how many steps up it is."""
    doc = ctx.doc
    root = None
    for t in doc[d.start : d.end]:
        if not (d.start <= t.head.i < d.end) or t.head.i == t.i:
            root = t
            break
    if root is None:
        return None
    t, steps = root, 0
    while t.head.i != t.i and steps < _CLIMB:
        t = t.head
        steps += 1
        if d.start <= t.i < d.end:
            continue
        c = cue_at(t, "direct", ctx.lex)
        if c is not None and (t.lower_ == "according" or subject_of(t) is not None):
            return t, c[0], steps  # a cue with no subject ("the right to respond") is passed by
    return None


_DASHES = ("―", "—", "–", "-", "--")


_DASH_RE = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:―|—|–|--|-)[ \t]*")


def _dash_name(ctx: _QuoteScan, d: Direct):
    """'"..." ― Martha Aguilar': a name after a dash closing the quote, as in epigraphs."""
    if not d.q.closed:
        return None
    m = _DASH_RE.match(ctx.text, d.q.close)
    if not m:
        return None
    doc = ctx.doc
    j = ctx.tok_at(m.end())
    if doc[j].idx < m.end():  # "”―Carla": the dash and the name glued into one token
        return None
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        k += 1
    if k == j or k - j > 5 or (k < len(doc) and doc[k].pos_ in ("VERB", "AUX")):
        return None
    return ctx.speakers.resolve(doc[k - 1])


def _sentence_subject(ctx: _QuoteScan, d: Direct, prev_close: int):
    """A quote standing alone after a sentence of the same paragraph that ends with a colon or
    names its speaker with a cue ('Obama is rolling out a new message: "It's about me."' /
    'His partner called him a master. "He showed again and again ..."'): that sentence's subject."""
    doc = ctx.doc
    j = ctx.tok_at(d.q.open) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or "\n" in doc[j].text_with_ws or doc[j].idx < prev_close or doc[j].text not in (":", ".", "!", "?"):
        return None
    sent = doc[j].sent
    root = sent.root
    if doc[j].text != ":" and cue_at(root, "direct", ctx.lex) is None:
        root = next(  # "The plan is dead, Ortiz said, citing the budget. "...": the cue set in the sentence
            (c for c in root.children if c.dep_ == "parataxis" and c.i > root.i and cue_at(c, "direct", ctx.lex)),
            None,
        )
        if root is None:
            return None
    subj = subject_of(root)
    if subj is not None and ctx.quoted_at(subj.idx):  # '"My answer, that was absurd," the aide said.'
        subj = next((c for c in root.children if c.dep_ in SUBJ and not ctx.quoted_at(c.idx)), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN"):
        return None
    return ctx.speakers.resolve(subj)


def _colon_before(ctx: _QuoteScan, d: Direct):
    """ "He said:" (or "He added the following:") ending the line before a quote paragraph."""
    doc = ctx.doc
    j = ctx.tok_at(d.q.open) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].text != ":":
        return None
    k = j - 1
    while k >= 0 and "\n" not in doc[k].text and doc[k].text not in _STOPS:
        c = cue_at(doc[k], "direct", ctx.lex)
        if c is not None:
            return doc[k], c[0]
        k -= 1
    return None


def attribute_direct(
    doc,
    quoted: list[Quoted],
    lex: CueLexicon,
    speakers: Speakers,
    text: str | None = None,
    table: TokenTable | None = None,
    titles: list[tuple[int, int]] | None = None,
) -> list[Direct]:
    """The direct quotes of `quoted` with their cues and speakers; the (start, end) of quoted
    work titles ("his book, ''Make Your Kid a Millionaire''") are put in `titles` if given."""
    ctx = _QuoteScan(
        doc, lex, speakers, quoted, doc.text if text is None else text, TokenTable(doc) if table is None else table
    )
    out: list[Direct] = []
    ctx.done = out
    for n, q in enumerate(quoted):
        s, e = _content_tokens(ctx, q)
        d = Direct(q, s, e)
        nxt_open = quoted[n + 1].open if n + 1 < len(quoted) else len(ctx.text) + 1
        prev_close = quoted[n - 1].close if n > 0 else 0
        sep = _separate(ctx, q)
        words = sum(1 for alpha, num in zip(ctx.alpha[s:e], ctx.like_num[s:e]) if alpha or num)
        found = None
        if q.label is not None:
            d.speaker, d.how = ctx.speakers.by_label(q.label, q.open), "label"
            if d.speaker is None and ctx.text[q.open] not in '"“„«':
                continue  # an unquoted "WORD: ..." line that names nobody
            out.append(d)
            continue
        if sep:
            found = _after(ctx, d, nxt_open)
            d.how = "after"
        steps = 0
        if found is None and not sep:  # words inside the writer's clause: the parse decides
            c = _climb(ctx, d)
            if c is not None:
                found, steps, d.how = (c[0], c[1]), c[2], "governed"
        if found is None:
            found = _before(ctx, d, prev_close)
            d.how = "before"
        if found is None and sep:
            c = _climb(ctx, d)
            if c is not None:
                found, steps, d.how = (c[0], c[1]), c[2], "governed"
        if found is None and ctx.text[q.open - 1 : q.open] in ("", "\n"):
            found = _colon_before(ctx, d)
            d.how = "colon"
        byline = _dash_name(ctx, d) if found is None else None
        prior = _sentence_subject(ctx, d, prev_close) if found is None and byline is None else None
        if byline is not None:
            d.speaker, d.how = byline, "dash"
        elif prior is not None:
            d.speaker, d.how = prior, "sentence"
        elif found is not None:
            d.cue_i, d.cue = found[0].i, found[1]
            d.speaker = ctx.speaker_of(found[0], d)
        elif out and out[-1].speaker is not None and _continues(ctx, out[-1], q):
            d.speaker, d.cue, d.how = out[-1].speaker, out[-1].cue, "continued"
        else:
            d.how = "none"
        if _scare(ctx, d, words, sep, steps):
            if titles is not None and work_title(ctx, d):
                titles.append((q.start, q.end))
            continue
        if d.how == "none":  # kept without a cue: whose words they are, if the sentence says
            _unattributed(ctx, d, prev_close)
        out.append(d)
    return out


def _unattributed(ctx: _QuoteScan, d: Direct, prev_close: int) -> None:
    named = _name_dash(ctx, d, prev_close)
    if named is not None:
        d.speaker, d.how = named, "dash-before"
        return
    subj = _clause_subject(ctx, d)
    if subj is not None:
        d.speaker, d.how = subj, "subject"


_SUBJECT_POS = ("PROPN", "NOUN", "PRON")
_NO_SPEAKER = {"it", "this", "that", "there", "what", "which", "who", "these", "those"}


def _clause_subject(ctx: _QuoteScan, d: Direct) -> ActorRef | None:
    """Quoted words inside the writer's clause, with no cue of speech: they are the words of
    that clause's subject ('Reid has gone after Trump as a "human leech"', 'The governor lauded
    the plan for its "new and innovative ideas"'). The nearest verb above the quote with a
    subject of its own; a subject that names no one ("it", "there") or a copula gives none."""
    doc = ctx.doc
    root = next((t for t in doc[d.start : d.end] if not d.start <= t.head.i < d.end or t.head.i == t.i), None)
    if root is None:
        return None
    t, steps = root, 0
    while steps < _CLIMB:
        if not d.start <= t.i < d.end and t.pos_ in ("VERB", "AUX"):
            if t.lemma_ == "be":
                return None  # 'The choice is between X as "unfit" and Y': a copula says nothing
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)  # its own, not a guess
            if subj is not None:
                if subj.pos_ not in _SUBJECT_POS or subj.lower_ in _NO_SPEAKER or d.start <= subj.i < d.end:
                    return None
                return ctx.speakers.resolve(subj)
        if t.head.i == t.i:
            return None
        t, steps = t.head, steps + 1
    return None


def _name_dash(ctx: _QuoteScan, d: Direct, prev_close: int) -> ActorRef | None:
    """'Mitt Romney -- "It is disqualifying ..."', 'Adriana Rodarte ― "As a young woman ..."':
    a name and a dash right before the quote, at the start of its line or sentence."""
    lo = max(prev_close, d.q.open - 80)
    m = _DASH_BEFORE.search(ctx.text[lo : d.q.open])
    if not m:
        return None
    doc = ctx.doc
    j = ctx.tok_at(lo + m.start()) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    k = j
    while k >= 0 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k].idx >= prev_close:
        k -= 1
    if k == j or j - k > 5:
        return None
    if k >= 0 and not (doc[k].is_space or "\n" in doc[k].text or doc[k].text in _STOPS or doc[k].is_sent_end):
        return None
    return ctx.speakers.resolve(doc[j])


_DASH_BEFORE = re.compile(r"[ \t]*(?:―|—|–|--)[ \t]*\Z")


def _continues(ctx: _QuoteScan, prev: Direct, q: Quoted) -> bool:
    """A quote that carries on from the previous one by a known speaker: the next paragraph
    ('"...," he said.\n\n"More."'), or the next sentence of the same paragraph
    ('"...," said X, an analyst. "More."')."""
    if prev.how in ("dash", "label"):
        return False  # epigraphs and transcript turns name each speaker
    between = ctx.text[prev.q.close : q.open]
    if not between.strip() and prev.how != "dash":
        return True  # '"... I will read you the question: “Do you ...?”': a quote inside the quote, split by its marks
    if "\n" not in between:
        before = between.rstrip().rstrip("\"”»’'").rstrip()  # '... on NBC's "Meet the Press." "More."'
        return (
            prev.how in ("after", "before", "colon", "continued")
            and len(between) < 250
            and before[-1:] in (".", "!", "?", "…")
            and (q.end - q.start > 20 or ctx.text[q.start : q.close].rstrip("\"”»’' ")[-1:] in ".!?…")
        )
    if ctx.text[q.open - 1 : q.open] not in ("", "\n"):
        return False
    lines = [x for x in between.split("\n") if x.strip()]
    return len(lines) <= 1 and len(between) < 200


def _so_called(ctx: _QuoteScan, d: Direct) -> bool:
    j = ctx.tok_at(d.q.open) - 1
    while j >= 0 and ctx.doc[j].is_space:
        j -= 1
    if j < 0:
        return False
    tail = ctx.text[max(0, ctx.doc[j].idx - 4) : ctx.doc[j].idx + len(ctx.doc[j])].lower()
    return tail.endswith("so-called") or tail.endswith("so called")


_SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "vs"}


def _title(ctx: _QuoteScan, d: Direct) -> bool:
    """ "Face the Nation", "Morning Joe": a short all-capitalised name (a show, a book, a slogan)."""
    alpha = ctx.alpha[d.start : d.end]
    if not 0 < sum(alpha) <= 6:
        return False
    words = [ctx.doc[d.start + k] for k, a in enumerate(alpha) if a and not _glued(ctx.doc[d.start + k])]
    return all(t.text[0].isupper() or t.lower_ in _SMALL for t in words) and any(
        t.text[0].isupper() for t in words[1:] or words
    )


def _glued(tok) -> bool:
    """The second piece of a word the tokenizer split ("Gonna" -> "Gon" "na")."""
    return tok.i > 0 and tok.doc[tok.i - 1].is_alpha and not tok.doc[tok.i - 1].whitespace_


def _named_after_preposition(ctx: _QuoteScan, d: Direct) -> bool:
    """The quoted words are the object of a preposition or a possessive: 'on CBS's "Face the
    Nation," Ryan said', 'on "Fox News Sunday," Pence said': a name, not what was said."""
    j = ctx.tok_at(d.q.open) - 1
    while j >= 0 and ctx.doc[j].is_space:
        j -= 1
    return j >= 0 and (ctx.doc[j].pos_ == "ADP" or ctx.doc[j].tag_ == "POS")


_WORKS = {
    "book",
    "memoir",
    "novel",
    "anthem",
    "song",
    "hymn",
    "album",
    "film",
    "movie",
    "documentary",
    "poem",
    "essay",
    "column",
    "bestseller",
    "play",
    "musical",
    "series",
    "sitcom",
}


def work_title(ctx: _QuoteScan, d: Direct) -> bool:
    """A short capitalised name right after the noun of a work it names ("his 2002 book, ''Make
    Your Kid a Millionaire,''", "the anthem ''A Change Is Gonna Come''"): a title, not a quote,
    even with a cue after it."""
    if not _title(ctx, d):
        return False
    j = ctx.tok_at(d.q.open) - 1
    while j >= 0 and (ctx.doc[j].is_space or ctx.doc[j].text == ","):
        j -= 1
    return j >= 0 and ctx.doc[j].pos_ == "NOUN" and ctx.doc[j].lemma_.lower() in _WORKS


def _scare(ctx: _QuoteScan, d: Direct, words: int, sep: bool, steps: int) -> bool:
    if work_title(ctx, d):
        return True
    if _title(ctx, d) and (
        not (d.how in ("after", "before") and sep and words > 1) or _named_after_preposition(ctx, d)
    ):
        return True
    if d.q.paragraphs > 1 or words > _SHORT:
        return d.how == "none" and words < 4 and not sep
    if _so_called(ctx, d):
        return True
    if d.how in ("after", "before") and sep:
        return False
    return not (d.how == "governed" and steps <= 3)
