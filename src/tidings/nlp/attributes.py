"""A faster drop-in for spaCy's ``attribute_ruler``, built from the loaded model's own patterns.

What spaCy's AttributeRuler does (spaCy 3.8, spacy/pipeline/attributeruler.py), and this
component reproduces exactly:

* Every entry ``i`` (``{"patterns": [...], "attrs": {...}, "index": k}``) is a Matcher key.
  All entries are matched against the Doc *as it is before any change*; each match
  ``(start, end)`` targets the token ``span[index]`` (negative index counts from the end,
  an index outside the span raises ValueError).
* Matches are applied in order of entry number (then start); each sets every attribute in
  ``attrs`` on its target token. So for every token and attribute the value that survives is
  the one of the *highest-numbered* entry that targets the token and sets that attribute;
  tokens no entry targets keep their value. Attrs are normalised as spaCy does
  (``normalize_token_attrs``: strings to hashes, POS to its symbol, MORPH to a morphology key).
* Token tests compare the same per-token values ``doc.to_array`` returns (``get_token_attr``):
  a plain value is equality with ``vocab.strings.add(value)`` (booleans as 0/1),
  ``IN``/``NOT_IN`` is membership of the value's string id, ``REGEX`` is ``re.search`` over
  ``vocab.strings[value]``.

How it is faster: the tested columns are read once with ``doc.to_array``; each value becomes
a small code (1 + its rank among the values the patterns mention in that column, 0 for any
other value), plus one 0/1 code per regular expression (evaluated once per string). The codes
of a token, packed into one integer key, decide every single-token pattern and every token of
the fixed-length multi-token ones; so the outcome per key (the highest admitted entry per
attribute, from bit masks of the patterns each code admits) is computed once and memoised, and
a Doc is a few numpy lookups. Multi-token patterns then AND shifted per-token bits. Any pattern
using something outside this subset (operators, extensions, other predicates, MORPH/ENT_IOB/
SENT_START/HEAD tests, empty specs, an index outside the span, over 64 multi-token slots) is
matched by a spaCy Matcher holding just those entries, under the same precedence. If an entry
sets anything but TAG, POS, MORPH, LEMMA or DEP, or the key would not fit 64 bits, the whole job
goes to a real AttributeRuler. Changed columns are written back with ``doc.from_array`` (these
five only touch the token struct; without HEAD, the parse and sentence starts are untouched).
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Iterable

import numpy as np
from spacy.attrs import DEP, ENT_IOB, HEAD, IDS, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs

__all__ = ["FastAttributeRuler", "replace_attribute_ruler"]

_WRITABLE = (TAG, POS, MORPH, LEMMA, DEP)
_UNTESTABLE = {SENT_START, ENT_IOB, MORPH, HEAD}  # the Matcher reads/compares these differently
_MAX_U64 = (1 << 64) - 1
Cond = tuple  # ("eq", col, id) | ("in" | "not_in", col, frozenset of ids) | ("re", col, pattern)


def _id(value: Any) -> int | None:
    """A Matcher set member as an id, or None when this path should not handle it."""
    v = get_string_id(value) if isinstance(value, str) else value
    return v if isinstance(v, int) and 0 <= v <= _MAX_U64 else None


def _compile_spec(spec: Any, strings) -> list[Cond] | None:
    """One token spec as conditions, or None if it uses anything outside the fast subset."""
    if not isinstance(spec, dict) or not spec:
        return None
    conds: list[Cond] = []
    for key, value in spec.items():
        if not isinstance(key, str):
            return None
        name = "ORTH" if key.upper() == "TEXT" else key.upper()
        col = IDS.get(name)
        if col is None or col in _UNTESTABLE:
            return None
        if isinstance(value, bool):
            conds.append(("eq", col, int(value)))
        elif isinstance(value, str):
            conds.append(("eq", col, strings.add(value)))
        elif isinstance(value, int):
            if _id(value) is None:
                return None
            conds.append(("eq", col, value))
        elif isinstance(value, dict) and value:
            for op, arg in value.items():
                op = op.upper() if isinstance(op, str) else op
                if op in ("IN", "NOT_IN") and isinstance(arg, (list, tuple)):
                    ids = [_id(a) if isinstance(a, (str, int)) else None for a in arg]
                    if any(i is None for i in ids):
                        return None
                    conds.append(("in" if op == "IN" else "not_in", col, frozenset(ids)))
                elif op == "REGEX" and isinstance(arg, str):
                    re.compile(arg)
                    conds.append(("re", col, arg))
                else:
                    return None
        else:
            return None
    return conds


class _Memo:
    """``compute(key)`` (a fixed-width row of uint64) for whole arrays of uint64 keys at once.

    Seen keys are kept sorted, so a lookup is one ``searchsorted``; unseen keys are computed
    once and merged in (everything is forgotten past ``limit`` keys)."""

    def __init__(self, compute: Callable[[int], list[int]], width: int, limit: int = 1_000_000) -> None:
        self.compute, self.width, self.limit = compute, width, limit
        self.keys = np.empty(0, dtype=np.uint64)
        self.rows = np.empty((0, width), dtype=np.uint64)

    def __call__(self, keys: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.keys, keys)
        if not len(self.keys) or not np.array_equal(self.keys[np.minimum(pos, len(self.keys) - 1)], keys):
            new = np.setdiff1d(keys, self.keys)
            rows = np.array([self.compute(k) for k in new.tolist()], dtype=np.uint64).reshape(-1, self.width)
            if len(self.keys) + len(new) > self.limit:
                self.keys, self.rows = self.keys[:0], self.rows[:0]
            at = np.searchsorted(self.keys, new)
            self.keys, self.rows = np.insert(self.keys, at, new), np.insert(self.rows, at, rows, axis=0)
            pos = np.searchsorted(self.keys, keys)
        return self.rows[pos]


class FastAttributeRuler:
    """Same effect as spaCy's AttributeRuler with the same patterns; see the module docstring."""

    def __init__(self, vocab, name: str = "tidings_attributes") -> None:
        self.vocab = vocab
        self.name = name
        self._patterns: list[dict] = []
        self._compile()

    @property
    def patterns(self) -> list[dict]:
        return list(self._patterns)

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Entries as AttributeRuler.patterns gives them: {patterns, attrs, index}."""
        self._patterns.extend(
            {"patterns": p["patterns"], "attrs": p["attrs"], "index": p.get("index", 0)} for p in patterns
        )
        self._compile()

    # -- building -----------------------------------------------------------------------------
    def _compile(self) -> None:
        strings = self.vocab.strings
        self._attrs = [normalize_token_attrs(self.vocab, p["attrs"]) for p in self._patterns]
        self._delegate: AttributeRuler | None = None
        self._matcher = Matcher(self.vocab)  # entries outside the fast subset
        self._matcher_entries = 0
        singles: list[tuple[int, list[Cond]]] = []  # (entry, conditions), one per alternative
        slots: list[list[Cond]] = []  # conditions of each token of each multi-token alternative
        self._multis: list[tuple[int, list[int], int]] = []  # (entry, its slots, target offset)
        for entry, p in enumerate(self._patterns):
            alts = [[_compile_spec(s, strings) for s in alt] for alt in p["patterns"]]
            index = p["index"]
            extra = sum(len(alt) for alt in alts if len(alt) > 1)
            if (
                not all(alt and None not in alt and -len(alt) <= index < len(alt) for alt in alts)
                or len(slots) + extra > 64
            ):
                self._matcher.add(strings.add(str(entry)), p["patterns"])
                self._matcher_entries += 1
                continue
            for alt in alts:
                specs_of_alt = [spec for spec in alt if spec is not None]  # all of them: checked above
                if len(specs_of_alt) == 1:
                    singles.append((entry, specs_of_alt[0]))
                else:
                    n = len(specs_of_alt)
                    self._multis.append((entry, list(range(len(slots), len(slots) + n)), index % n))
                    slots.extend(specs_of_alt)
        specs = [conds for _, conds in singles] + slots  # bit b of a code row is specs[b]
        conds = [c for spec in specs for c in spec]
        self._regexes: dict[int, list[re.Pattern]] = {}  # source column -> its regexes
        for kind, col, arg in conds:
            if kind == "re" and arg not in [r.pattern for r in self._regexes.get(col, [])]:
                self._regexes.setdefault(col, []).append(re.compile(arg))
        regex_keys = [(col, r.pattern) for col, rs in self._regexes.items() for r in rs]
        # code columns: each column tested by value (code = 1 + rank among the values
        # mentioned, 0 for any other value), then one 0/1 code per regex
        self._code_cols = sorted({col for kind, col, _ in conds if kind != "re"})
        self._known = [
            np.array(
                sorted(
                    {v for kind, c, arg in conds if c == col and kind != "re" for v in ({arg} if kind == "eq" else arg)}
                ),
                dtype=np.uint64,
            )
            for col in self._code_cols
        ]
        self._sizes = [len(k) + 1 for k in self._known] + [2] * len(regex_keys)
        # per code column and code: bit mask of the specs admitting a token with that code
        self._everyone = (1 << len(specs)) - 1
        self._tables = [[self._everyone] * size for size in self._sizes]
        for bit, spec in enumerate(specs):
            for kind, col, arg in spec:
                if kind == "re":
                    table = self._tables[len(self._known) + regex_keys.index((col, arg))]
                    admitted = {1}
                else:
                    known = self._known[self._code_cols.index(col)].tolist()
                    table = self._tables[self._code_cols.index(col)]
                    given = {known.index(v) + 1 for v in ({arg} if kind == "eq" else arg)}
                    admitted = set(range(len(table))) - given if kind == "not_in" else given
                for code in range(len(table)):
                    if code not in admitted:
                        table[code] &= ~(1 << bit)
        self._n_singles = len(singles)
        self._entry_of_bit = [e for e, _ in singles]
        self._has_attr = [sum(1 << b for b, (e, _) in enumerate(singles) if a in self._attrs[e]) for a in _WRITABLE]
        self._rows = _Memo(self._decide, 2 * len(_WRITABLE) + 1)
        self._regex_memos = {col: _Memo(self._regex_bits(rs), 1) for col, rs in self._regexes.items()}
        self._read = sorted(set(self._code_cols) | set(self._regexes) | set(_WRITABLE))
        if any(set(a) - set(_WRITABLE) for a in self._attrs) or math.prod(self._sizes) >= 1 << 64:
            self._delegate = AttributeRuler(self.vocab)
            self._delegate.add_patterns(self._patterns)

    def _regex_bits(self, regexes: list[re.Pattern]) -> Callable[[int], list[int]]:
        strings = self.vocab.strings
        return lambda v: [sum(1 << j for j, r in enumerate(regexes) if r.search(strings[v]))]

    def _decide(self, key: int) -> list[int]:
        """One code row: per writable attr, 1 + the winning single-token entry (0: none) and
        its value; then the bits of the multi-token slots the token satisfies."""
        matched = self._everyone
        for table, size in zip(reversed(self._tables), reversed(self._sizes)):
            key, code = divmod(key, size)
            matched &= table[code]
        winners, values = [], []
        for a, has in zip(_WRITABLE, self._has_attr):
            hits = matched & has
            entry = self._entry_of_bit[hits.bit_length() - 1] if hits else -1
            winners.append(entry + 1)
            values.append(self._attrs[entry][a] if hits else 0)
        return winners + values + [matched >> self._n_singles]

    # -- running ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self._delegate is not None:
            return self._delegate(doc)
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array(self._read)
        column = {c: arr[:, j] for j, c in enumerate(self._read)}
        key = np.zeros(n, dtype=np.uint64)
        for col, known, size in zip(self._code_cols, self._known, self._sizes):
            pos = np.searchsorted(known, column[col])
            hit = known[np.minimum(pos, len(known) - 1)] == column[col]
            key = key * np.uint64(size) + np.where(hit, pos + 1, 0).astype(np.uint64)
        for col, regexes in self._regexes.items():
            bits = self._regex_memos[col](column[col])[:, 0]
            for j in range(len(regexes)):
                key = key * np.uint64(2) + ((bits >> np.uint64(j)) & np.uint64(1))
        rows = self._rows(key)
        width = len(_WRITABLE)
        prio = rows[:, :width].astype(np.int64) - 1
        vals = rows[:, width : 2 * width]
        if self._multis:
            slot_bits = rows[:, 2 * width]
            present = int(np.bitwise_or.reduce(slot_bits))
            for entry, slots, offset in self._multis:
                span = len(slots)
                if n < span or any(not present >> s & 1 for s in slots):
                    continue
                starts = np.ones(n - span + 1, dtype=bool)
                for k, s in enumerate(slots):
                    starts &= (slot_bits[k : k + n - span + 1] >> np.uint64(s)) & np.uint64(1) == 1
                targets = np.zeros(n, dtype=bool)
                targets[offset : offset + n - span + 1] = starts
                self._merge(prio, vals, entry, targets)
        if self._matcher_entries:
            for entry, targets in self._matched(doc).items():
                self._merge(prio, vals, entry, targets)
        old = arr[:, [self._read.index(a) for a in _WRITABLE]]
        new = np.where(prio >= 0, vals, old)
        changed = [j for j in range(width) if (new[:, j] != old[:, j]).any()]
        if changed:
            # spaCy's stub asks for thinc's Ints2d, a type numpy's arrays do not carry
            doc.from_array([_WRITABLE[j] for j in changed], new[:, changed])  # type: ignore[arg-type]
        return doc

    def _matched(self, doc: Doc) -> dict[int, np.ndarray]:
        """Targets of the entries left to spaCy's Matcher, with the ruler's index check."""
        out: dict[int, np.ndarray] = {}
        for key, start, end in self._matcher(doc, allow_missing=True):
            entry = int(self.vocab.strings[key])
            index = self._patterns[entry]["index"]
            length = end - start
            pos = index + length if index < 0 else index
            if not 0 <= pos < length:
                raise ValueError(
                    f"[E1001] Index {index} out of the matched span "
                    f"{[t.text for t in doc[start:end]]} of attribute ruler entry {entry}"
                )
            out.setdefault(entry, np.zeros(len(doc), dtype=bool))[start + pos] = True
        return out

    def _merge(self, prio: np.ndarray, vals: np.ndarray, entry: int, targets: np.ndarray) -> None:
        """Entry ``entry`` sets its attrs on ``targets`` unless a later entry already did."""
        for j, a in enumerate(_WRITABLE):
            if a in self._attrs[entry]:
                win = targets & (prio[:, j] < entry)
                prio[win, j] = entry
                vals[win, j] = self._attrs[entry][a]


@Language.factory("tidings_attributes", assigns=["token.tag", "token.pos", "token.morph", "token.lemma", "token.dep"])
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name)


def replace_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> FastAttributeRuler:
    """Swap the pipeline's attribute ruler for the fast one, same place, same patterns."""
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):  # the pipelines we load have one
        raise TypeError(f"the pipe {name!r} is a {type(ruler).__name__}, not an AttributeRuler")
    patterns = ruler.patterns
    fast = nlp.replace_pipe(name, "tidings_attributes")
    if not isinstance(fast, FastAttributeRuler):  # not met: the factory makes one
        raise TypeError(f"tidings_attributes made a {type(fast).__name__}")
    fast.add_patterns(patterns)
    return fast
