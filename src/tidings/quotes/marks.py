"""Quotation marks in plain text: which spans are quoted (string work only, no spaCy).

Double quotes (straight " and curly “ ” „ « ») pair within a paragraph (a line); an opening
quote left open at the end of a paragraph continues into the next paragraph when that one
starts with an opening quote (wire style), else it runs to the end of its paragraph. Single
quotes (‘ ’ and straight ') count only outside double quotes, and an apostrophe inside a
word (don't, Putin’s) never opens or closes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quoted", "find_quoted"]

OPEN_D = "“„«"
CLOSE_D = "”»"
STRAIGHT_D = '"'
DOUBLE = OPEN_D + CLOSE_D + STRAIGHT_D
_LEAD = " \t\n([{—–-/\u00a0" + DOUBLE  # before an opening mark
_TRAIL_CLOSE = ".,;:!?)]}—–-…"  # may follow a closing mark
_PARA = re.compile(r"[^\n]+")
_DOUBLE_MARK = re.compile(f"[{DOUBLE}]")
_SINGLE_MARK = re.compile("[‘’']")
_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}): +(?=\S)")
_NOT_LABEL = {
    "UPDATE",
    "UPDATED",
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "CORRECTION",
    "WATCH",
    "READ MORE",
    "RELATED",
    "PHOTOS",
    "PHOTO",
    "VIDEO",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "Q",
    "A",
    "LIVE",
    "FACT CHECK",
    "SOURCE",
    "SOURCES",
    "ALSO",
    "ADVERTISEMENT",
    "UPDATES",
    "TIMELINE",
}


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted span: marks at [open, close) ... content [start, end) inside them."""

    open: int  # index of the opening mark
    close: int  # index just after the closing mark (or the paragraph end when unclosed)
    start: int  # content start (after the mark and spaces)
    end: int  # content end (before the mark; trailing spaces and commas dropped)
    closed: bool
    paragraphs: int  # how many paragraphs the quote runs over
    single: bool  # single quotation marks
    label: str | None = None  # transcript speaker label opening the paragraph ("PENCE: ...")


def _is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _LEAD or before.isspace()) and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _TRAIL_CLOSE or after in DOUBLE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _doubles(text: str, paras: list[tuple[int, int]]) -> list[Quoted]:
    out: list[Quoted] = []
    carry: tuple[int, int] | None = None  # (open index, paragraphs so far) of a quote left open
    for k, (a, b) in enumerate(paras):
        opened: int | None = None
        nparas = 1
        if carry is not None:
            first = a + len(text[a:b]) - len(text[a:b].lstrip())
            if first < b and text[first] in OPEN_D + STRAIGHT_D and not _label_at(text, first + 1):
                opened, nparas = carry[0], carry[1] + 1
                a = first + 1  # the repeated opening mark is part of the continued quote
            else:  # a new speaker's turn ('"PENCE: ...'): the carried quote ends with its paragraph
                pa, pb = paras[k - 1]
                s, e = _trim(text, carry[0] + 1, pb)
                if e > s:
                    out.append(Quoted(carry[0], pb, s, e, False, carry[1], False))
            carry = None
        for mark in _DOUBLE_MARK.finditer(text, a, b):
            i = mark.start()
            ch = text[i]
            if opened is None:
                if (
                    ch in OPEN_D
                    or (ch == STRAIGHT_D and _is_open(text, i))
                    or (ch in CLOSE_D and _is_open(text, i) and not _is_close(text, i))
                ):
                    opened, nparas = i, 1
                continue
            # inside a quote: a closing mark (or a straight one) ends it
            if ch in CLOSE_D or ch == STRAIGHT_D or (ch in OPEN_D and _is_close(text, i)):
                s, e = _trim(text, opened + 1, i)
                if e > s:
                    out.append(Quoted(opened, i + 1, s, e, True, nparas, False))
                opened = None
            elif ch in OPEN_D:  # a new opening mark: the previous quote was never closed
                s, e = _trim(text, opened + 1, i)
                if e > s:
                    out.append(Quoted(opened, i, s, e, False, nparas, False))
                opened, nparas = i, 1
        if opened is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            if nxt and text[nxt[0] : nxt[1]].lstrip()[:1] in tuple(OPEN_D + STRAIGHT_D):
                carry = (opened, nparas)
            else:
                s, e = _trim(text, opened + 1, b)
                if e > s:
                    out.append(Quoted(opened, b, s, e, False, nparas, False))
    return out


def _label_at(text: str, i: int) -> re.Match | None:
    m = _LABEL.match(text, i)
    return m if m and m.group(1) not in _NOT_LABEL else None


def _with_label(text: str, q: Quoted) -> Quoted:
    m = _label_at(text, q.start)
    if not m or m.end() >= q.end:
        return q
    return Quoted(q.open, q.close, m.end(), q.end, q.closed, q.paragraphs, q.single, m.group(1))


def _transcript(text: str, paras: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Quoted]:
    """Unquoted transcript turns: a paragraph opening with a speaker label ("PENCE: Well, ...")."""
    out = []
    for a, b in paras:
        first = a + len(text[a:b]) - len(text[a:b].lstrip())
        m = _label_at(text, first)
        if m and not any(s <= first < e for s, e in taken):
            s, e = _trim(text, m.end(), b)
            if len(text[s:e].split()) >= 3:
                out.append(Quoted(first, b, s, e, False, 1, False, m.group(1)))
    return out


def _single_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in '([{—–"“') and after.isalpha()


def _single_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() or before in ".,!?…") and not after.isalnum()


def _singles(text: str, paras: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Quoted]:
    out = []
    for a, b in paras:
        opened = None
        for mark in _SINGLE_MARK.finditer(text, a, b):
            i = mark.start()
            ch = text[i]
            if any(s <= i < e for s, e in taken):
                continue  # inside double quotes
            if opened is None:
                if ch in "‘'" and _single_open(text, i):
                    opened = i
            elif ch in "’'" and _single_close(text, i):
                s, e = _trim(text, opened + 1, i)
                if e > s:
                    out.append(Quoted(opened, i + 1, s, e, True, 1, True))
                opened = None
    return out


_PAIRED = re.compile("''|``")


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted span of `text`, in order of its opening mark. Two apostrophes ('') or two
    backticks (``) stand for a double quotation mark, as in LDC and Penn Treebank text
    (''We will not pay,'' he said): they are read as one mark and the offsets are the text's."""
    if "''" not in text and "``" not in text:
        return _find_quoted(text)
    reduced: list[str] = []
    starts: list[int] = []  # where each character of the reduced text starts in `text`
    last = 0
    for m in _PAIRED.finditer(text):
        reduced.append(text[last : m.start()])
        starts.extend(range(last, m.start()))
        reduced.append("“" if m.group() == "``" else '"')
        starts.append(m.start())
        last = m.end()
    reduced.append(text[last:])
    starts.extend(range(last, len(text) + 1))  # and the end of the text
    at = starts.__getitem__
    return [
        Quoted(at(q.open), at(q.close), at(q.start), at(q.end), q.closed, q.paragraphs, q.single, q.label)
        for q in _find_quoted("".join(reduced))
    ]


def _find_quoted(text: str) -> list[Quoted]:
    paras = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    doubles = [_with_label(text, q) for q in _doubles(text, paras)]
    taken = [(q.open, q.close) for q in doubles]
    singles = _singles(text, paras, taken)
    turns = _transcript(text, paras, taken)
    return sorted(doubles + singles + turns, key=lambda q: q.open)
