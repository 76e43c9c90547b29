"""The event lexicon: verb, verb-pattern and nominal triggers as data files, with a loader
and a validator that names the file and line of every bad entry.

Files (tab-separated, `#` starts a comment, blank lines ignored):

  verbs.tsv    id <TAB> lemma[|lemma...] <TAB> pattern <TAB> code
  nouns.tsv    id <TAB> noun[|noun...]   <TAB> pattern <TAB> code
               a noun may have several words ("air strike"): the last is the head, the
               others must be compound/amod modifiers of it
  families.tsv family <TAB> inner code prefix (or *) <TAB> outer code

`pattern` is `-` (the bare word) or space-separated conditions, all of which must hold:

  dobj            the trigger has a direct object (dobj, or the passive subject)
  dobj=a|b        ... whose lemma (or word) is one of a, b
  prep:with       a preposition child "with" (any object); prep:of=sanction|embargo its object
  prt:up          a particle child; xcomp / xcomp=meet|talk; ccomp; dative
  mod=air|naval   a compound/amod/nmod child with that lemma (nouns: "economic sanctions")
  subj=police     the subject's lemma
  pass            the verb is passive; !pass not passive
  !dobj, !prep:with ...   the condition must not hold

`code` is a CAMEO code; `-` blocks the trigger (no event: "met with protests");
`@family` or `@family:030` makes the trigger a frame around an inner event (a complement
clause, or a nominal trigger as object): `agreed to hold talks` = intent(046) = 036.
Families: say (reported speech), neg, hyp, future, pass (light verbs), intent (03x),
appeal (02x), demand (10x), reject (12x), threaten (13x), accuse (11x), investigate (09x).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..records.errors import DataFileError

from .codebook import Codebook, load_codebook

__all__ = [
    "load_word_list",
    "Cond",
    "Entry",
    "Lexicon",
    "LexiconError",
    "load_lexicon",
    "validate_lexicon",
    "DEFAULT_DIR",
    "FAMILIES",
    "parse_pattern",
]

DEFAULT_DIR = Path(str(resources.files("tidings") / "data" / "lexicon"))
FAMILIES = (
    "say",
    "neg",
    "hyp",
    "future",
    "pass",
    "provide",
    "consider",
    "halt",
    "intent",
    "appeal",
    "demand",
    "reject",
    "threaten",
    "accuse",
    "investigate",
)
RELATIONS = ("dobj", "prep", "prt", "xcomp", "ccomp", "dative", "mod", "subj", "pass", "agent", "acomp", "oprd")
_COND = re.compile(
    r"^(!?)(dobj|prep:[a-z_|]+|prt:[a-z|]+|xcomp|ccomp|dative|mod|subj|pass|agent|acomp|oprd)(=([^=\s]+))?$"
)
_CODE = re.compile(r"^(-|\d{2,4}|@([a-z]+)(:(\d{2,4}))?)$")
_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")


class LexiconError(DataFileError):
    """A bad lexicon entry: the message starts with `file:line:`."""


@dataclass(frozen=True, slots=True)
class Cond:
    rel: str  # dobj | prep | prt | xcomp | ccomp | dative | mod | subj | pass | agent | acomp
    key: frozenset[str] | None = None  # the preposition(s) or particle(s)
    values: frozenset[str] | None = None
    negated: bool = False

    def __str__(self) -> str:
        s = ("!" if self.negated else "") + self.rel + (":" + "|".join(sorted(self.key)) if self.key else "")
        return s + ("=" + "|".join(sorted(self.values)) if self.values else "")


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # "verbs.tsv:agree_to_meet"
    kind: str  # verb | noun
    lemma: str  # the head lemma it is indexed by
    mods: tuple[str, ...]  # words before the head of a multi-word noun ("air" in "air strike")
    conds: tuple[Cond, ...]
    code: str | None  # None: blocks the trigger
    family: str | None
    where: str  # file:line
    specificity: int = 0


def parse_pattern(text: str) -> tuple[Cond, ...]:
    """Parse a pattern column; raises ValueError with the bad condition."""
    text = text.strip()
    if text in ("", "-"):
        return ()
    out = []
    for part in text.split():
        m = _COND.match(part)
        if not m:
            raise ValueError(f"bad condition {part!r}")
        neg, rel, _, vals = m.groups()
        key = None
        if ":" in rel:
            rel, keys = rel.split(":", 1)
            key = frozenset(keys.split("|"))
        values = frozenset(v.replace("_", " ").lower() for v in vals.split("|")) if vals else None
        out.append(Cond(rel, key, values, bool(neg)))
    return tuple(out)


def condition_specificity(conds: tuple[Cond, ...], mods: tuple[str, ...]) -> int:
    return sum((2 if c.values else 1) for c in conds if not c.negated) + len(conds) * 0 + 2 * len(mods)


@dataclass
class Lexicon:
    """Entries indexed by head lemma: `verbs[lemma]`, `nouns[lemma]`; family maps."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    families: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        index = self.verbs if entry.kind == "verb" else self.nouns
        bucket = index.setdefault(entry.lemma, [])
        bucket.append(entry)
        bucket.sort(key=lambda e: -e.specificity)

    def merge(self, other: "Lexicon") -> "Lexicon":
        for index in (other.verbs, other.nouns):
            for entries in index.values():
                for e in entries:
                    self.add(e)
        for fam, table in other.families.items():
            self.families.setdefault(fam, {}).update(table)
        self.sources += other.sources
        return self

    def family_code(self, family: str, inner: str | None, default: str | None) -> str | None:
        """The outer code of a frame around an inner code (longest matching prefix)."""
        table = self.families.get(family, {})
        if inner:
            for n in range(len(inner), 1, -1):
                if inner[:n] in table:
                    return table[inner[:n]]
            if family in ("pass", "provide"):
                return inner
        return default or table.get("*")

    def size(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def codes(self) -> set[str]:
        out: set[str] = set()
        for index in (self.verbs, self.nouns):
            for entries in index.values():
                out.update(e.code for e in entries if e.code)
        for table in self.families.values():
            out.update(table.values())
        return out


def _check_code(code: str, codebook: Codebook) -> tuple[str | None, str | None]:
    m = _CODE.match(code)
    if not m:
        raise ValueError(f"bad code {code!r}")
    if code == "-":
        return None, None
    if code.startswith("@"):
        fam, own = m.group(2), m.group(4)
        if fam not in FAMILIES:
            raise ValueError(f"unknown family {fam!r} (known: {', '.join(FAMILIES)})")
        if own and own not in codebook:
            raise ValueError(f"code {own!r} is not in the CAMEO codebook")
        return own, fam
    if code not in codebook:
        raise ValueError(f"code {code!r} is not in the CAMEO codebook")
    return code, None


def _read_rows(path: Path):
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        yield lineno, [c.strip() for c in line.split("\t")]


def _load_triggers(path: Path, kind: str, lex: Lexicon, codebook: Codebook, errors: list[str]) -> None:
    seen: set[str] = set()
    for lineno, cells in _read_rows(path):
        where = f"{path.name}:{lineno}"
        try:
            if len(cells) != 4:
                raise ValueError(f"expected 4 tab-separated columns (id, words, pattern, code), got {len(cells)}")
            eid, words, pattern, code = cells
            if not _ID.match(eid):
                raise ValueError(f"bad id {eid!r}")
            if eid in seen:
                raise ValueError(f"duplicate id {eid!r}")
            seen.add(eid)
            conds = parse_pattern(pattern)
            own, fam = _check_code(code, codebook)
            for word in words.split("|"):
                parts = word.strip().lower().split()
                if not parts or any(not re.match(r"^[\w'\-.]+$", p) or "_" in p for p in parts):
                    raise ValueError(f"bad word {word!r}")
                if kind == "verb" and len(parts) > 1:
                    raise ValueError(f"verb {word!r} has several words: use prt:/prep: conditions")
                mods = tuple(parts[:-1])
                lex.add(
                    Entry(
                        f"{path.name}:{eid}",
                        kind,
                        parts[-1],
                        mods,
                        conds,
                        own,
                        fam,
                        where,
                        condition_specificity(conds, mods),
                    )
                )
        except ValueError as exc:
            errors.append(f"{where}: {exc}")


def _load_families(path: Path, lex: Lexicon, codebook: Codebook, errors: list[str]) -> None:
    for lineno, cells in _read_rows(path):
        where = f"{path.name}:{lineno}"
        try:
            if len(cells) != 3:
                raise ValueError(f"expected 3 tab-separated columns (family, inner, outer), got {len(cells)}")
            fam, inner, outer = cells
            if fam not in FAMILIES:
                raise ValueError(f"unknown family {fam!r}")
            if inner != "*" and not re.match(r"^\d{2,4}$", inner):
                raise ValueError(f"bad inner code prefix {inner!r}")
            if outer not in codebook:
                raise ValueError(f"code {outer!r} is not in the CAMEO codebook")
            lex.families.setdefault(fam, {})[inner] = outer
        except ValueError as exc:
            errors.append(f"{where}: {exc}")


def read_lexicon(directory: Path, codebook: Codebook | None = None) -> tuple[Lexicon, list[str]]:
    """Read a lexicon folder; returns the lexicon and the list of problems (file:line: message)."""
    codebook = codebook or load_codebook()
    lex = Lexicon()
    errors: list[str] = []
    directory = Path(directory)
    for name, kind in (("verbs.tsv", "verb"), ("nouns.tsv", "noun")):
        path = directory / name
        if path.exists():
            _load_triggers(path, kind, lex, codebook, errors)
    for extra in sorted(directory.glob("*.verbs.tsv")):
        _load_triggers(extra, "verb", lex, codebook, errors)
    for extra in sorted(directory.glob("*.nouns.tsv")):
        _load_triggers(extra, "noun", lex, codebook, errors)
    if (directory / "families.tsv").exists():
        _load_families(directory / "families.tsv", lex, codebook, errors)
    lex.sources.append(str(directory))
    return lex, errors


def validate_lexicon(directory: str | Path | None = None) -> list[str]:
    """Every problem of a lexicon folder as `file:line: message` (empty when it is clean)."""
    return read_lexicon(Path(directory) if directory else DEFAULT_DIR)[1]


@lru_cache(maxsize=8)
def load_lexicon(directory: str | None = None) -> Lexicon:
    """Load (and cache) a lexicon folder; raises LexiconError naming file and line."""
    lex, errors = read_lexicon(Path(directory) if directory else DEFAULT_DIR)
    if errors:
        raise LexiconError("; ".join(errors[:5]) + (f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""))
    return lex


@lru_cache(maxsize=8)
def load_word_list(name: str = "actor_nouns.txt", directory: str | None = None) -> frozenset[str]:
    """A one-word-a-line list from the lexicon folder (comments and blank lines ignored)."""
    path = Path(directory or DEFAULT_DIR) / name
    if not path.exists():
        return frozenset()
    words = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        word = raw.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)
