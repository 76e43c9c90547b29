"""A recognised time expression (Match) and the month names the rules and resolvers share."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Match", "MONTHS"]

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


@dataclass
class Match:
    """One recognised expression: x is the character span; kind and fields say what it is."""

    start: int
    end: int
    kind: str
    f: dict = field(default_factory=dict)
    needs_context: bool = False  # bare years are kept only with temporal context

    @property
    def length(self) -> int:
        return self.end - self.start
