"""Readers: every input (text, HTML, JSONL, CSV, folders, stdin) -> Article or InputError.

    from tidings.readers import read_paths, ReadOptions
    for item in read_paths(["corpus/", "extra.jsonl", "-"], published="2021-12-12"):
        ...  # an Article, or an InputError naming the input and the problem

A bad input never stops the batch: it comes out as an InputError in its place.
Modules: stamps (dates as sites print them), header (title/byline/agency/stamps),
dateline, boilerplate (data/boilerplate/patterns.txt), language, decode (bytes -> text),
html (trafilatura), records_in (JSONL/CSV), walk (folders, stdin), compose (the cleaning
every reader shares).
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ..records import Article, InputError
from .boilerplate import BoilerplateError
from .language import LanguageOptions
from .options import DEFAULT_MAX_BYTES, EXTENSIONS, ReadOptions

__all__ = ["read_paths", "read_text", "ReadOptions", "LanguageOptions", "DEFAULT_MAX_BYTES", "EXTENSIONS",
           "example_paths", "BoilerplateError"]


def read_paths(paths: Iterable[str], published: str | None = None,
               options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """Read every path (a folder recursively in sorted order, '-' for standard input), in order.

    `published` (ISO date) is used for articles whose input gives no publication date.
    Raises only for a bad option (an unreadable or invalid boilerplate pattern file:
    BoilerplateError), never for a bad input.
    """
    from .boilerplate import load_boilerplate
    from .walk import iter_inputs, read_one

    options = options or ReadOptions()
    load_boilerplate(tuple(options.boilerplate_files), options.replace_boilerplate)  # fail early on bad patterns
    for item in iter_inputs(paths, options):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from read_one(item, options, published)
        except BoilerplateError:
            raise
        except Exception as exc:  # a reader bug must not end the batch; report it against the input
            yield InputError(item, f"could not be read: {type(exc).__name__}: {exc}")


def read_text(text: str, source: str = "<text>", published: str | None = None,
              options: ReadOptions | None = None) -> Article | InputError:
    """One article from a string, cleaned like a .txt file (header sniffed, boilerplate removed)."""
    from .compose import compose_article

    return compose_article(text, source, options or ReadOptions(), published=published)


def example_paths() -> list[Path]:
    """The bundled demo articles (data/examples), sorted."""
    root = Path(str(resources.files("tidings").joinpath("data/examples")))
    return sorted(p for p in root.iterdir() if p.suffix.lower() in EXTENSIONS)
