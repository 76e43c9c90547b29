"""Readers: every input (text, HTML, JSONL, CSV, folders, stdin) -> Article or InputError."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..records import Article, InputError

__all__ = ["read_paths"]


def read_paths(paths: Iterable[str], published: str | None = None) -> Iterator[Article | InputError]:
    """Read every path (a folder recursively, '-' for standard input), in order.

    Being written (issue 2): header sniffing, HTML, JSONL/CSV, boilerplate, language.
    """
    from pathlib import Path

    for p in paths:
        path = Path(p)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield InputError(str(p), str(exc))
            continue
        yield Article(id=Article.make_id(text), text=text, published=published, source=str(p))
