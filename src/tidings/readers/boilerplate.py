"""Boilerplate lines ("Read more: ...", "Advertisement", "© 2021 Reuters", share buttons)
removed before any coding. The patterns are data: data/boilerplate/patterns.txt, one regex
per line, "#" comments; users add their own files in the same format.

    python -m tidings.readers FILE...   # check pattern files, report bad lines
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..records.errors import DataFileError

__all__ = [
    "Boilerplate",
    "BoilerplateError",
    "DataFileError",
    "PatternProblem",
    "load_boilerplate",
    "validate_pattern_file",
    "parse_patterns",
    "nested_repeat",
    "MAX_LINE",
]

MAX_LINE = 300  # longer lines are prose, never boilerplate
BUNDLED = "data/boilerplate/patterns.txt"


@dataclass(frozen=True)
class PatternProblem:
    file: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


class BoilerplateError(DataFileError):
    """A pattern file that cannot be used; names the file and line. Like every DataFileError
    (records.errors) it is raised by read_paths before any input is read: a bad option, not a
    bad input."""


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    file: str
    line: int


@dataclass(frozen=True)
class Boilerplate:
    patterns: tuple[Pattern, ...]
    max_line: int = MAX_LINE

    def which(self, line: str) -> Pattern | None:
        """The first pattern matching the whole (trimmed) line, or None."""
        s = " ".join(line.split())
        if not s or len(s) > self.max_line:
            return None
        for p in self.patterns:
            if p.regex.fullmatch(s):
                return p
        return None

    def is_boilerplate(self, line: str) -> bool:
        return self.which(line) is not None

    def split_tail(self, paragraph: str) -> tuple[str, str | None]:
        """A wire trailer glued to the end of a paragraph ("... he said. (Reporting by X; Editing by Y)")
        is cut when the bracketed part is boilerplate: (paragraph without it, the trailer or None)."""
        p = paragraph.rstrip()
        if not p.endswith(")"):
            return paragraph, None
        start = p.rfind("(")
        while start > 0:
            tail = p[start:]
            if tail.count("(") == tail.count(")") and p[:start].rstrip().endswith((".", '"', "”", "!", "?")):
                if self.is_boilerplate(tail):
                    return p[:start].rstrip(), tail
                return paragraph, None
            start = p.rfind("(", 0, start)
        return paragraph, None

    def clean_lines(self, lines: list[str]) -> tuple[list[str], list[str]]:
        """(kept lines, removed lines); removed lines leave an empty line, so paragraphs stay apart."""
        kept, removed = [], []
        for line in lines:
            if line.strip() and self.is_boilerplate(line):
                removed.append(line.strip())
                kept.append("")
            else:
                kept.append(line)
        return kept, removed


def parse_patterns(text: str, origin: str) -> tuple[list[Pattern], list[PatternProblem]]:
    patterns, problems = [], []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            rx = re.compile(line, re.IGNORECASE)
        except re.error as exc:
            problems.append(PatternProblem(origin, n, f"bad regex {line!r}: {exc}"))
            continue
        if rx.fullmatch(""):
            problems.append(PatternProblem(origin, n, f"pattern {line!r} matches an empty line"))
            continue
        nested = nested_repeat(line)
        if nested:
            problems.append(
                PatternProblem(
                    origin,
                    n,
                    f"pattern {line!r} repeats a repeat ({nested}): matching "
                    f"can take exponential time on a line that almost matches; "
                    f"write it without the nesting (e.g. '(ab)+' for '(a+b)+')",
                )
            )
            continue
        patterns.append(Pattern(rx, origin, n))
    return patterns, problems


def nested_repeat(pattern: str) -> str | None:
    """Why `pattern` backtracks catastrophically, or None: an unbounded repeat whose body is
    nothing but repeats, the first unbounded ('(a+)+', '(\\w+\\s?)*', '(x*)*'), so that a line
    that almost matches can be split between the rounds in exponentially many ways. A body
    with a character every round must match is fine ('(?: \\w+)*', '(?:\\w+\\s)+', '(a+b)+').
    A static check of the common shape, not a proof: lines over MAX_LINE are never matched.)"""
    try:
        from re import _constants as C  # type: ignore[attr-defined]  # CPython's regex parser, not in typeshed
        from re import _parser as P  # type: ignore[attr-defined]
    except ImportError:  # another Python: the check is skipped
        return None
    try:
        tree = P.parse(pattern, re.IGNORECASE)
    except Exception:
        return None
    repeats = (C.MAX_REPEAT, C.MIN_REPEAT)

    def unbounded(hi) -> bool:
        return hi == C.MAXREPEAT or hi > 32

    def starts_with_repeat(items) -> bool:
        for op, av in list(items)[:1]:
            if op in repeats:
                return unbounded(av[1]) or starts_with_repeat(av[2])
            if op == C.SUBPATTERN:
                return starts_with_repeat(av[-1])
            if op == C.BRANCH:
                return any(starts_with_repeat(b) for b in av[1])
        return False

    def only_repeats(items) -> bool:
        """Is every element a repeat (no character that each round must match, which would
        mark where one round ends and the next begins)?"""
        for op, av in items:
            if op == C.SUBPATTERN:
                if not only_repeats(av[-1]):
                    return False
            elif op == C.BRANCH:  # one alternative made only of repeats is enough to split rounds
                if not any(only_repeats(b) for b in av[1]):
                    return False
            elif op not in repeats:
                return False
        return True

    found: list[str] = []

    def walk(items) -> None:
        for op, av in items:
            if op in repeats:
                if unbounded(av[1]) and starts_with_repeat(av[2]) and only_repeats(av[2]):
                    found.append(str(av[2]))
                walk(av[2])
            elif op == C.SUBPATTERN:
                walk(av[-1])
            elif op == C.BRANCH:
                for b in av[1]:
                    walk(b)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                walk(av[1])

    walk(tree)
    return "a repeat whose body starts with a repeat" if found else None


def validate_pattern_file(path: str | Path) -> list[PatternProblem]:
    """Every problem of a pattern file (bad regex, matches everything), with file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [PatternProblem(str(path), 0, f"cannot read: {exc}")]
    return parse_patterns(text, str(path))[1]


@lru_cache(maxsize=8)
def load_boilerplate(extra: tuple[str, ...] = (), replace: bool = False) -> Boilerplate:
    """The bundled patterns (unless replace) plus those of the extra files; a bad file raises."""
    texts: list[tuple[str, str]] = []
    if not replace:
        texts.append((BUNDLED, resources.files("tidings").joinpath(BUNDLED).read_text(encoding="utf-8")))
    for path in extra:
        try:
            texts.append((str(path), Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise BoilerplateError(f"{path}: cannot read pattern file: {exc}") from exc
    patterns: list[Pattern] = []
    for origin, text in texts:
        found, problems = parse_patterns(text, origin)
        if problems:
            raise BoilerplateError("; ".join(str(p) for p in problems))
        patterns.extend(found)
    return Boilerplate(tuple(patterns))


def main(argv: list[str]) -> int:
    """Check pattern files (and, after --agencies, agency files); the bundled ones by default."""
    from .agencies import validate_agency_file

    cut = argv.index("--agencies") if "--agencies" in argv else len(argv)
    patterns, agencies = list(argv[:cut]), list(argv[cut + 1 :])
    if not argv:
        patterns = [str(resources.files("tidings").joinpath(BUNDLED))]
        agencies = [str(resources.files("tidings").joinpath("data/boilerplate/agencies.txt"))]
    problems = [str(p) for f in patterns for p in validate_pattern_file(f)]
    problems += [p for f in agencies for p in validate_agency_file(f)]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(patterns) + len(agencies)} file(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0
