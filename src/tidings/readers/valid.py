"""Every string that leaves the readers is valid text: lone surrogates (a JSON escape such as
"\\ud800" that `json.loads` accepts, or a file name that is not UTF-8) are replaced with
U+FFFD and counted, NUL and other control characters are removed. The store, the JSON output
and the terminal then never meet a string they cannot encode."""

from __future__ import annotations

import re

__all__ = ["valid_text", "valid_or_none", "MAX_ID"]

MAX_ID = 512  # characters: a longer record id is refused (ids are keys, not texts)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = "\x00"


def valid_text(text: str) -> tuple[str, int]:
    """(text with every surrogate code point replaced by U+FFFD and NUL removed, how many
    characters were replaced or removed)."""
    n = 0
    if _NUL in text:
        n += text.count(_NUL)
        text = text.replace(_NUL, "")
    if _SURROGATE.search(text):
        text, k = _SURROGATE.subn("\ufffd", text)
        n += k
    return text, n


def valid_or_none(value: str | None) -> str | None:
    return None if value is None else valid_text(value)[0]
