"""Options of the readers (one frozen object, passed down; no module globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .language import LanguageOptions

__all__ = ["ReadOptions", "DEFAULT_MAX_BYTES", "MAX_SENTENCE_CHARS"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # one article (a .txt/.html file or one record) above this is refused
MAX_SENTENCE_CHARS = 2000  # coding time grows with the square of a sentence's length; real ones are shorter


def _warn(message: str) -> None:
    import logging

    logging.getLogger("tidings.readers").warning(message)


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    boilerplate_files: tuple[str, ...] = ()  # extra pattern files (see data/boilerplate/patterns.txt)
    replace_boilerplate: bool = False  # use only boilerplate_files, not the bundled patterns
    agency_files: tuple[str, ...] = ()  # extra agency lists (see data/boilerplate/agencies.txt)
    detect_language: bool = True
    language: LanguageOptions = LanguageOptions()
    day_first: bool = False  # read "03/04/2021" as 3 April rather than March 4 (when both could be)
    sniff_header: bool = True  # False: the text has no header; title/byline/stamps come from the container only
    remove_boilerplate: bool = True  # False: keep every line (offsets stay those of the input, but for spacing)
    cut_dateline: bool = True  # False: the dateline is read (place, agency) but left in the text
    fallback_encoding: str = "cp1252"  # tried only when the bytes are not UTF-8 and then read as text
    max_sentence_chars: int = MAX_SENTENCE_CHARS  # a longer sentence is split at clause boundaries (0: never)
    # what a folder walk reads; None: every registered format (readers.formats), by suffix or
    # content. A tuple of suffixes: only those; other files are noted and skipped
    extensions: tuple[str, ...] | None = None
    note: Callable[[str], None] = field(default=_warn, compare=False)  # where notes (skipped files) go
