"""Token-level annotations the NLP stages leave on a spaCy Doc (doc._.actor_mentions etc.).

These are internal to the pipeline; `tidings.run.coding` turns them into contract records.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import ActorRef

__all__ = ["ActorMention"]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor: token span [start, end) and char span [start_char, end_char)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    code: str | None
    country: str | None
    name: str  # canonical name ("Vladimir Putin"), or the text for unnamed actors
    rule: str  # the entry or rule that gave the code, e.g. "people:putin_vladimir 2000-"
    key: str  # identity for grouping mentions of one actor (coreference chains share it)
    kind: str = "name"  # name | title | demonym | metonym | org | pronoun | nominal | compound-member
    head: int = -1  # token index of the syntactic head of the mention

    def ref(self) -> ActorRef:
        return ActorRef(
            code=self.code,
            country=self.country,
            name=self.name,
            text=self.text,
            start=self.start_char,
            end=self.end_char,
            rule=self.rule,
        )
