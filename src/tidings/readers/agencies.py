"""News agencies: a data file of names and aliases (data/boilerplate/agencies.txt)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..records.errors import DataFileError

__all__ = ["Agencies", "AgencyFileError", "load_agencies", "validate_agency_file"]


class AgencyFileError(DataFileError):
    """An agency file that cannot be used; names the file and line."""


@dataclass(frozen=True)
class Agencies:
    """Lower-cased alias -> the name tidings reports ("the associated press" -> "Associated Press")."""

    aliases: Mapping[str, str] = field(default_factory=dict)

    def canonical(self, name: str | None) -> str | None:
        if not name:
            return None
        key = re.sub(r"\s+", " ", name.strip(" .,;:()[]-–—")).lower()
        return self.aliases.get(key)


def _parse(text: str, origin: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        names = [x.strip() for x in line.split("|") if x.strip()]
        if not names:
            raise AgencyFileError(f"{origin}:{n}: no agency name")
        for alias in names:
            out[alias.lower()] = names[0]
    return out


def validate_agency_file(path: str | Path) -> list[str]:
    """Problems of an agency file, as "file:line: problem" (an alias given to two agencies)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}:0: cannot read: {exc}"]
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        names = [x.strip() for x in line.split("|") if x.strip()]
        if not names:
            problems.append(f"{path}:{n}: no agency name")
            continue
        for alias in names:
            key = alias.lower()
            if key in seen and seen[key][0] != names[0]:
                problems.append(f"{path}:{n}: {alias!r} already names {seen[key][0]!r} (line {seen[key][1]})")
            seen.setdefault(key, (names[0], n))
    return problems


@lru_cache(maxsize=8)
def load_agencies(extra: tuple[str, ...] = ()) -> Agencies:
    """The bundled agency list, plus extra files in the same format."""
    text = resources.files("tidings").joinpath("data/boilerplate/agencies.txt").read_text(encoding="utf-8")
    aliases = _parse(text, "agencies.txt")
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AgencyFileError(f"{path}: cannot read agency file: {exc}") from exc
        aliases.update(_parse(text, str(path)))
    return Agencies(MappingProxyType(aliases))
