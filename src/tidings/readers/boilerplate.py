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

__all__ = ["Boilerplate", "BoilerplateError", "DataFileError", "PatternProblem", "load_boilerplate", "validate_pattern_file",
           "parse_patterns", "MAX_LINE"]

MAX_LINE = 300  # longer lines are prose, never boilerplate
BUNDLED = "data/boilerplate/patterns.txt"


@dataclass(frozen=True)
class PatternProblem:
    file: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


class DataFileError(ValueError):
    """A data file given in the options (patterns, agencies) that cannot be used; names the file
    and line. Raised by read_paths before any input is read: it is a bad option, not a bad input."""


class BoilerplateError(DataFileError):
    """A pattern file that cannot be used; names the file and line."""


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
            if tail.count("(") == tail.count(")") and p[:start].rstrip().endswith((".", "\"", "”", "!", "?")):
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
        patterns.append(Pattern(rx, origin, n))
    return patterns, problems


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
    patterns, agencies = list(argv[:cut]), list(argv[cut + 1:])
    if not argv:
        patterns = [str(resources.files("tidings").joinpath(BUNDLED))]
        agencies = [str(resources.files("tidings").joinpath("data/boilerplate/agencies.txt"))]
    problems = [str(p) for f in patterns for p in validate_pattern_file(f)]
    problems += [p for f in agencies for p in validate_agency_file(f)]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(patterns) + len(agencies)} file(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0
