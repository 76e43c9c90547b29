"""Load PETRARCH/TABARI-format CAMEO verb dictionaries (e.g. PETRARCH2's CAMEO.2.0.txt) into
a tidings Lexicon, so that people who have invested in such dictionaries can bring them.

PETRARCH matches its patterns on a constituency parse; tidings approximates them on the
dependency parse of the trigger verb. What is supported:

  synonym sets      `&NAME` followed by `+WORD` lines; `&NAME` in a pattern matches any of them
  verb blocks       `--- NAME [code] ---` headers, verb lines `VERB {FORMS...} [code]`,
                    phrasal verbs `+ASK_FOR {...}` (the second word becomes a prep:/prt: condition)
  patterns          `- [subject words] * [object words] (PREP WORD) [code]  # comment`
                    * words after `*`: a particle (UP, DOWN, OUT, OFF, ...) -> prt:, else the
                      direct object (dobj=WORD, matched on its lemma, form or compound phrase)
                    * `(PREP WORD ...)` -> a prepositional object (prep:PREP=last word); `(PREP)` alone
                    * `{A B}` -> the phrase, matched on its last word
                    * words before `*` -> a condition on the subject
                    * `[code]`, `[code:code]` (the first is used), `[---]` (no event: blocks)
Not supported (ignored, with the pattern still loaded): the `$` source, `+` target and `%`
compound-actor markers (tidings finds actors from the parse), `^` skips, the order of words
within a constituent, and the TABARI noun/adjective disambiguation lines. Patterns whose words
cannot be expressed at all are counted in `skipped`.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from ..actors.petrarch import PetrarchWarning
from .codebook import load_codebook
from .lexicon import Cond, Entry, Lexicon, LexiconError, condition_specificity

__all__ = ["load_petrarch_verbs", "PetrarchStats"]

PARTICLES = {"up", "down", "out", "off", "back", "in", "over", "away", "on", "through", "forward", "aside", "around"}
PREPS = {
    "to",
    "with",
    "for",
    "of",
    "on",
    "against",
    "at",
    "in",
    "into",
    "from",
    "by",
    "about",
    "over",
    "upon",
    "toward",
    "towards",
    "under",
    "between",
    "across",
    "behind",
    "before",
    "after",
    "through",
    "within",
}
_CODE = re.compile(r"\[([^\]]*)\]")


class PetrarchStats(dict):
    """Counts of what was loaded: verbs, patterns, skipped."""


def _word(w: str) -> str:
    return w.strip().strip("_").replace("_", " ").lower()


def _values(token: str, synsets: dict[str, set[str]]) -> set[str]:
    if token.startswith("&"):
        return {v.split()[-1] if " " in v else v for v in synsets.get(token.upper(), set())}
    return {_word(token).split()[-1]} if _word(token) else set()


def _code(text: str, codebook) -> tuple[bool, str | None]:
    """(found, code): code None means 'no event' ([---])."""
    m = _CODE.search(text)
    if not m:
        return False, None
    raw = m.group(1).strip()
    parts = [p.strip() for p in raw.split(":") if p.strip() and p.strip() != "---"]
    if not parts:
        return True, None
    code = parts[0]
    if code not in codebook:
        info = codebook.get(code)
        code = info.code if info else None
    return True, code


def _tokens(pattern: str) -> list[str]:
    """Split a pattern into words, (groups) and {phrases}."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch.isspace():
            i += 1
        elif ch in "({":
            close = ")" if ch == "(" else "}"
            j = pattern.find(close, i)
            j = len(pattern) if j < 0 else j
            out.append(pattern[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < len(pattern) and not pattern[j].isspace() and pattern[j] not in "({":
                j += 1
            out.append(pattern[i:j])
            i = j
    return out


def _conds(pattern: str, synsets) -> tuple[Cond, ...] | None:
    words = _tokens(pattern)
    if "*" not in words:
        return None
    star = words.index("*")
    conds: list[Cond] = []
    for w in words[:star]:
        if w in ("$", "+", "%", "^") or w.startswith("{"):
            continue
        vals = _values(w.strip("(){}"), synsets)
        if vals:
            conds.append(Cond("subj", None, frozenset(vals)))
    for w in words[star + 1 :]:
        if w in ("$", "+", "%", "^", "*"):
            continue
        if w.startswith("("):
            inner = [x for x in w.strip("()").split() if x not in ("$", "+", "%", "^")]
            if not inner:
                continue
            prep = _word(inner[0])
            if prep not in PREPS:
                vals = _values(inner[-1], synsets)
                if vals:
                    conds.append(Cond("dobj", None, frozenset(vals)))
                continue
            vals = set()
            for x in inner[1:]:
                if x.startswith("{"):
                    continue
                vals = _values(x.strip("{}"), synsets) or vals
            if len(inner) > 1 and inner[-1].endswith("}"):
                vals = _values(inner[-1].strip("{}"), synsets)
            conds.append(Cond("prep", frozenset({prep}), frozenset(vals) if vals else None))
        elif w.startswith("{"):
            parts = w.strip("{}").split()
            if parts:
                conds.append(Cond("dobj", None, frozenset(_values(parts[-1], synsets))))
        else:
            low = _word(w)
            if low in PARTICLES and not any(c.rel == "dobj" for c in conds):
                conds.append(Cond("prt", frozenset({low}), None))
            else:
                vals = _values(w, synsets)
                if vals:
                    conds.append(Cond("dobj", None, frozenset(vals)))
    return tuple(conds)


def load_petrarch_verbs(path: str | Path, codebook=None) -> Lexicon:
    """Read a PETRARCH verb dictionary; raises LexiconError (file:line) on a file it cannot read."""
    path = Path(path)
    codebook = codebook or load_codebook()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    lex = Lexicon()
    stats = PetrarchStats(verbs=0, patterns=0, skipped=0, blocks=0)
    synsets: dict[str, set[str]] = {}
    current_set = None
    block_verbs: list[tuple[str, tuple[Cond, ...], list[str]]] = []
    block_code: str | None = None
    block_name = ""

    # PETRARCH-2 files put their synsets before a 'VERB PATTERNS' line; PETRARCH-1 files (the
    # Validate dictionaries) have no such line: verb blocks and synsets are mixed throughout
    marked = any("VERB PATTERNS" in raw for raw in lines)
    in_verbs = not marked and any(_BLOCK.match(raw) for raw in lines)
    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_verbs = True
            current_set = None
            continue
        if not line.strip():
            current_set = None if not in_verbs or not marked else current_set
            continue
        if in_verbs and not marked and _synset_line(line.strip(), synsets, current_set):
            if line.strip().startswith("&"):
                current_set = line.strip().split()[0].upper()
            continue
        if not in_verbs:
            current_set = _synset_section_line(line.strip(), synsets, current_set)
            continue
        s = line.strip()
        if s.startswith("---"):
            block_name, block_code = _block_header(s, path, lineno, codebook)
            block_verbs = []
            stats["blocks"] += 1
            continue
        if s.startswith("-"):
            conds = _conds(s[1:].split("[", 1)[0], synsets)
            found, code = _code(s, codebook)
            if not _known(s, code, path, lineno) or conds is None or not found:
                stats["skipped"] += 1
                continue
            for lemma, block_extra, forms in block_verbs:
                _add_verb(lex, path, lemma, forms, block_extra + conds, code, lineno, f"{block_name}:{lineno}")
            stats["patterns"] += 1
            continue
        # a verb line: VERB {FORMS} [code] or +PHRASAL_VERB {...} [code]
        head = s.split("{", 1)[0].split("[", 1)[0].strip()
        if not head:
            continue
        verb = _verb_line(s, head)
        if verb is None:
            stats["skipped"] += 1
            continue
        lemma, extra, forms = verb
        found, own = _code(s, codebook)
        if not _known(s, own, path, lineno):
            stats["skipped"] += 1
            continue
        code = own if found else block_code
        block_verbs.append((lemma, extra, [f for f in forms if f != lemma]))
        stats["verbs"] += 1
        if code:
            _add_verb(lex, path, lemma, [f for f in forms if f != lemma], extra, code, lineno, f"{block_name}:{lemma}")
    if not in_verbs:  # an empty file, an actor list, a tidings verbs.tsv: loading it would add nothing, silently
        raise LexiconError(
            f"{path}: not a PETRARCH verb dictionary: it has neither a 'VERB PATTERNS' section "
            "nor verb blocks ('--- NAME [code] ---')"
        )
    if not stats["verbs"]:
        raise LexiconError(f"{path}: no verbs in its verb blocks")
    lex.sources.append(str(path))
    lex.stats = stats  # type: ignore[attr-defined]
    return lex


def _add_verb(
    lex: Lexicon,
    path: Path,
    lemma: str,
    forms: list[str],
    conds: tuple[Cond, ...],
    code: str | None,
    lineno: int,
    eid: str,
) -> None:
    """One lexicon entry for the verb and for each of its listed forms."""
    for key in [lemma] + forms:
        lex.add(
            Entry(
                f"{path.name}:{eid}",
                "verb",
                key,
                (),
                conds,
                code,
                None,
                f"{path.name}:{lineno}",
                condition_specificity(conds, ()),
            )
        )


def _synset_section_line(s: str, synsets: dict[str, set[str]], current_set: str | None) -> str | None:
    """A line of the synsets before 'VERB PATTERNS': '&SET' starts a set, '+word' is one of its
    members. Returns the set being read."""
    if s.startswith("&"):
        current_set = s.split()[0].upper()
        synsets.setdefault(current_set, set())
    elif s.startswith("+") and current_set:
        synsets[current_set].add(_word(s[1:].split()[0]))
    return current_set


def _block_header(s: str, path: Path, lineno: int, codebook) -> tuple[str, str | None]:
    """A verb block's header '--- NAME [code] ---': its name and code."""
    m = re.match(r"---\s+(.+?)\s+\[([^\]]*)\]", s)
    if not m:
        raise LexiconError(f"{path.name}:{lineno}: bad verb block header {s!r}")
    _, block_code = _code(s, codebook)
    return m.group(1).replace(" ", "_"), block_code


def _verb_line(s: str, head: str) -> tuple[str, tuple[Cond, ...], list[str]] | None:
    """A verb line's lemma, the condition its second word sets (a preposition, a particle or an
    object) and its listed forms; None for a verb that is not a word."""
    forms = []
    if "{" in s:
        forms = [_word(f.lstrip("+")).split()[0] for f in s.split("{", 1)[1].split("}", 1)[0].split() if f.strip()]
    words = _word(head.lstrip("+")).split()
    if not words or not re.match(r"^[a-z][a-z\-']*$", words[0]):
        return None
    extra: tuple[Cond, ...] = ()
    if len(words) > 1:
        nxt = words[1]
        if nxt in PREPS and nxt not in PARTICLES:
            extra = (Cond("prep", frozenset({nxt}), None),)
        elif nxt in PARTICLES:
            extra = (Cond("prt", frozenset({nxt}), None),)
        else:
            extra = (Cond("dobj", None, frozenset({words[-1]})),)
    return words[0], extra, forms


_BLOCK = re.compile(r"\s*---\s+.+?\s+\[[^\]]*\]")


def _synset_line(s: str, synsets: dict[str, set[str]], current: str | None) -> bool:
    """In a file without a 'VERB PATTERNS' line: '&NAME' starts a synset and the '+word'
    lines right after it are its members (True: the line was one of these)."""
    if s.startswith("&") and " " not in s.strip():
        synsets.setdefault(s.split()[0].upper(), set())
        return True
    if s.startswith("+") and current is not None:
        synsets[current].add(_word(s[1:].split()[0]))
        return True
    return False


def _known(line: str, code: str | None, path: Path, lineno: int) -> bool:
    """A bracketed code that is not '---' must be a CAMEO code: a line whose code is not is
    reported with file:line (a PetrarchWarning) and skipped (False), never used silently."""
    m = _CODE.search(line)
    if m and code is None and m.group(1).strip().strip(":-").strip():
        warnings.warn(
            f"{path.name}:{lineno}: code [{m.group(1).strip()}] is not in the CAMEO codebook: line skipped",
            PetrarchWarning,
            stacklevel=3,
        )
        return False
    return True
