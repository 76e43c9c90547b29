"""Put one of tidings' components in the place of a trained spaCy pipe, keeping its name and
place and taking its weights (the parser's stepped decoding, the entity recogniser's greedy one)."""

from __future__ import annotations

from typing import TypeVar

from spacy.language import Language

__all__ = ["swap_pipe"]

T = TypeVar("T")


def swap_pipe(nlp: Language, name: str, theirs: type, factory: str, ours: type[T]) -> T:
    """Replace the pipe `name` (a `theirs`) with the component `factory` makes (an `ours`),
    then bind it to the old pipe's model; TypeError when the pipe is not a `theirs`."""
    old = nlp.get_pipe(name)
    if not isinstance(old, theirs):
        raise TypeError(f"the pipe {name!r} is a {type(old).__name__}, not a {theirs.__name__}")
    new = nlp.replace_pipe(name, factory)
    if not isinstance(new, ours):  # not met: the factory makes one
        raise TypeError(f"{factory} made a {type(new).__name__}")
    new.bind(old)  # type: ignore[attr-defined]
    return new
