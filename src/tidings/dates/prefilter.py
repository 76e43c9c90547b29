"""A quick test in front of each rule: what every match of it must begin with.

A rule of `tidings.dates.grammar` is tried at every word of the text, and most of its cost is
spent entering its alternatives ("about|around|...|the|these|...|one|two|...") at words that
begin none of them. `guarded(pattern)` puts a lookahead before the pattern that lists the
first few characters any match can begin with, as a trie ("a(?:b|r|...)|t(?:h)|..."), read
off the parsed pattern itself: where the pattern cannot be read (a back-reference, a
conditional group) the prefix stops there, and where its start cannot be told at all no
lookahead is added. The lookahead is case-insensitive and only ever weaker than the pattern,
so a text position the pattern matches at passes it, and the matches (positions, groups)
are the same as the pattern's own.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

__all__ = ["guarded", "first_prefixes"]

DEPTH = 3  # characters of the prefix
LIMIT = 400  # more distinct prefixes than this: not worth a lookahead
_STOP = "\x00stop"  # an atom that ends a prefix (a piece that cannot be read)
_ZERO_WIDTH = frozenset({C.AT, C.ASSERT, C.ASSERT_NOT})
_REPEATS = frozenset({C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT})
_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}
_NOT_CATEGORIES = {C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_NOT_WORD: r"\W"}


class _TooMany(Exception):
    pass


def _class_atom(items) -> str | None:
    """A character class of the parsed pattern written back as a class, or None."""
    parts = []
    for op, av in items:
        if op is C.NEGATE:
            return None  # a negated class is narrower under the lookahead's ignore-case
        if op is C.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is C.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        elif op is C.CATEGORY and av in _NOT_CATEGORIES:
            parts.append(_NOT_CATEGORIES[av])
        else:
            return None
    return "[" + "".join(parts) + "]" if parts else None


def _extend(prefixes: set[tuple], items: list, k: int) -> set[tuple]:
    """Every prefix (a tuple of atoms, at most k long) a match of `items` can start with,
    after each of `prefixes`. A prefix ending in _STOP is complete."""
    out: set[tuple] = set()
    for pre in prefixes:
        out |= _walk(pre, items, 0, k)
        if len(out) > LIMIT:
            raise _TooMany
    return out


def _walk(pre: tuple, items: list, i: int, k: int) -> set[tuple]:
    while True:
        if len(pre) >= k or (pre and pre[-1] == _STOP):
            return {pre}
        if i >= len(items):
            return {pre + (_STOP,)}
        op, av = items[i]
        if op in _ZERO_WIDTH:
            i += 1
            continue
        rest = items[i + 1 :]
        if op is C.LITERAL:
            low = chr(av).lower()
            pre, i = pre + (re.escape(low if len(low) == 1 else chr(av)),), i + 1
            continue
        if op is C.IN:
            atom = _class_atom(av)
            if atom is None:
                return {pre + (_STOP,)}
            pre, i = pre + (atom,), i + 1
            continue
        if op is C.SUBPATTERN:
            return _walk(pre, list(av[-1]) + rest, 0, k)
        if op is C.ATOMIC_GROUP:
            return _walk(pre, list(av) + rest, 0, k)
        if op is C.BRANCH:
            out: set[tuple] = set()
            for alt in av[1]:
                out |= _walk(pre, list(alt) + rest, 0, k)
                if len(out) > LIMIT:
                    raise _TooMany
            return out
        if op in _REPEATS:
            low, _high, sub = av
            once = _walk(pre, list(sub) + [(_STOP_OP, None)], 0, k)
            return once | _walk(pre, rest, 0, k) if low == 0 else once
        if op is _STOP_OP:
            return {pre + (_STOP,)}
        return {pre + (_STOP,)}  # ANY, NOT_LITERAL, GROUPREF, ...: cannot be read


_STOP_OP = object()  # after one turn of a repeat, what follows is not read


def first_prefixes(pattern: str, k: int = DEPTH) -> set[tuple] | None:
    """The prefixes (tuples of atoms: escaped characters, lower-cased, or classes) that every
    match of `pattern` begins with; None when a match can begin with anything."""
    try:
        tree = P.parse(pattern, 0)
        found = _extend({()}, list(tree), k)
    except (_TooMany, RecursionError):
        return None
    cleaned = {tuple(a for a in pre if a != _STOP) for pre in found}
    if () in cleaned:
        return None
    return cleaned


BOUNDARY = r"(?<![\w'’-])"  # the left boundary most rules open with (grammar.B)


def _in_class(atom: str) -> str:
    """An atom written inside a character class: a class loses its brackets."""
    return atom[1:-1] if atom.startswith("[") else atom


def _trie(prefixes: list[tuple]) -> str:
    heads: dict[str, list[tuple]] = {}
    for pre in prefixes:
        heads.setdefault(pre[0], []).append(pre[1:])
    alts = []
    for head in sorted(heads):
        tails = [t for t in heads[head] if t]
        if len(tails) < len(heads[head]):
            alts.append(head)  # a shorter prefix ends here: the head alone suffices
        else:
            alts.append(head + "(?:" + _trie(tails) + ")" if len(tails) > 1 else head + "".join(tails[0]))
    return "|".join(alts)


def guarded(pattern: str) -> str:
    """`pattern` with a lookahead of its possible beginnings in front (the same matches).

    After a leading left boundary (grammar.B) the guard is a one-character class and then
    the trie of prefixes, tried at the start of words only; a pattern without one gets the
    class alone, which is tried at every character and costs least."""
    prefixes = first_prefixes(pattern)
    if not prefixes:
        return pattern
    firsts = sorted({pre[0] for pre in prefixes})
    first_class = f"(?=(?i:[{''.join(_in_class(a) for a in firsts)}]))"
    trie = f"(?=(?i:{_trie(sorted(prefixes))}))"
    for lead in ("(?i:" + BOUNDARY, BOUNDARY):
        if pattern.startswith(lead):
            out = lead + first_class + trie + pattern[len(lead) :]
            break
    else:
        out = first_class + pattern
    try:
        re.compile(out)
    except re.error:  # a pattern that opens with global flags takes no lookahead before them
        return pattern
    return out
