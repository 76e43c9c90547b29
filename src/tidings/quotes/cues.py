"""Quote cues as data: the loader and validator for data/quotes/cues.tsv and user files like it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from ..records.errors import DataFileError

__all__ = ["Cue", "CueLexicon", "load_cues", "validate_cues", "cue_class", "CLASSES", "FRAMES"]

CLASSES = ("speech", "report", "belief", "intention")
FRAMES = ("direct", "clause", "xcomp", "object", "naming", "noun", "adjective", "act", "adjunct")


@dataclass(frozen=True, slots=True)
class Cue:
    cue: str  # "say", "point out" (lemma + particle), "according+to" (fixed phrase), "by+admission" (adjunct)
    cls: str
    frames: frozenset[str]


@dataclass(frozen=True)
class CueLexicon:
    """Cue lemmas by frame; `classes` selects which cue classes count."""

    cues: tuple[Cue, ...]
    classes: frozenset[str] = frozenset(CLASSES)

    def __post_init__(self):
        index: dict[tuple[str, str], Cue] = {}
        for c in self.cues:
            if c.cls in self.classes:
                for frame in c.frames:
                    index[(frame, c.cue)] = c
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_words", frozenset(c.split("+")[0].split()[0] for (_, c) in index))

    def words(self) -> frozenset[str]:
        """Every word a cue starts with ("say", "point", "according"): a cheap first filter."""
        return self._words  # type: ignore[attr-defined]

    def get(self, frame: str, cue: str) -> Cue | None:
        return self._index.get((frame, cue))  # type: ignore[attr-defined]

    def has(self, frame: str, cue: str) -> bool:
        return (frame, cue) in self._index  # type: ignore[attr-defined]

    def class_of(self, lemma: str) -> str | None:
        """The class ("speech", "report", "belief", "intention") of a cue lemma, or None."""
        for c in self.cues:
            if c.cue == lemma:
                return c.cls
        return None


def _default_text() -> str:
    return resources.files("tidings").joinpath("data/quotes/cues.tsv").read_text(encoding="utf-8")


def _parse(text: str, source: str) -> tuple[list[Cue], list[str]]:
    cues, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        where = f"{source}:{n}"
        if len(cols) != 3:
            problems.append(f"{where}: expected 3 tab-separated columns (cue, class, frames), got {len(cols)}")
            continue
        cue, cls, frames = (c.strip() for c in cols)
        fs = frozenset(f.strip() for f in frames.split(",") if f.strip())
        if not cue or cue != cue.lower():
            problems.append(f"{where}: cue {cue!r} must be a non-empty lowercase lemma")
            continue
        if cls not in CLASSES:
            problems.append(f"{where}: class {cls!r} is not one of {', '.join(CLASSES)}")
            continue
        bad = sorted(fs - set(FRAMES))
        if not fs or bad:
            problems.append(f"{where}: frames {frames!r}: each must be one of {', '.join(FRAMES)}")
            continue
        cues.append(Cue(cue, cls, fs))
    return cues, problems


def validate_cues(path: str | Path) -> list[str]:
    """The problems in a cue file (an empty list when it is valid)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        return [f"{p}: cannot read: {e}"]
    problems = _parse(text, str(p))[1]
    seen: dict[str, int] = {}
    for c in _parse(text, str(p))[0]:
        seen[c.cue] = seen.get(c.cue, 0) + 1
    problems += [f"{p}: cue {k!r} is listed {v} times" for k, v in seen.items() if v > 1]
    return problems


def load_cues(extra: Iterable[str | Path] = (), replace: bool = False, classes: Iterable[str] = CLASSES) -> CueLexicon:
    """The packaged cues plus the user's files (later files win); raises DataFileError (a ValueError) on a bad file."""
    merged: dict[str, Cue] = {}
    sources = [] if replace else [(_default_text(), "tidings:data/quotes/cues.tsv")]
    for path in extra:
        sources.append((Path(path).read_text(encoding="utf-8"), str(path)))
    for text, source in sources:
        cues, problems = _parse(text, source)
        if problems:
            raise DataFileError("; ".join(problems))
        for c in cues:
            merged[c.cue] = c
    return CueLexicon(tuple(merged.values()), frozenset(classes))


_FORMS = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "tells": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "knew": "know",
    "known": "know",
    "felt": "feel",
    "heard": "hear",
    "sought": "seek",
    "understood": "understand",
    "spoke": "speak",
    "chose": "choose",
    "chosen": "choose",
    "found": "find",
    "saw": "see",
    "seen": "see",
    "made": "make",
}


def _lemmas(word: str):
    """Candidate lemmas of a cue word as printed ("warned", "plans", "hoping", "Trump's claim")."""
    w = _FORMS.get(word, word)
    yield w
    for suf, add in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)] + add
            yield stem
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "planned" -> "plan"
                yield stem[:-1]


def cue_class(quote, lex: CueLexicon | None = None) -> str | None:
    """Whether a quote reports speech, a report, a belief or an intention, from its cue ("said"
    -> speech, "believes" -> belief, "plans" -> intention); None when the cue is unknown.
    `quote` is a records.Quote, a quote dict of the JSON output, or the cue text itself."""
    cue = (
        quote
        if isinstance(quote, str) or quote is None
        else (quote.get("cue") if isinstance(quote, dict) else quote.cue)
    )
    if not cue:
        return None
    lex = lex or load_cues()
    words = cue.lower().split()
    if words[:2] == ["according", "to"]:
        return lex.class_of("according+to")
    if len(words) >= 2:  # an adjunct: "By Trump's own admission", "in her view"
        for last in _lemmas(words[-1]):
            found = lex.class_of(f"{words[0]}+{last}")
            if found is not None:
                return found
    for n in (2, 1):  # "point out" before "point"
        if len(words) >= n:
            for first in _lemmas(words[0]):
                key = " ".join([first] + words[1:n])
                found = lex.class_of(key)
                if found is not None:
                    return found
    return None
