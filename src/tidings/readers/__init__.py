"""Readers: every input (text, HTML, JSONL, CSV, RSS/Atom, folders, stdin, any of them
gzipped) -> Article or InputError. See docs/readers.md.

    from tidings.readers import read_paths, ReadOptions
    for item in read_paths(["corpus/", "extra.jsonl", "-"], published="2021-12-12"):
        ...  # an Article, or an InputError naming the input and the problem

A bad input never stops the batch: it comes out as an InputError in its place.
`read_text(str)` reads one pasted article, `read_data(bytes, name)` an upload.
Which format reads an input is decided in one place, the registry of `formats` (suffix,
content sniffing, reader), for files, folders, standard input and uploads alike.
Modules: formats (the registry), stamps (dates as sites print them), header
(title/byline/agency/stamps), dateline, agencies, boilerplate (data/boilerplate/patterns.txt),
fields (record field names and their aliases: content, publishedAt, link, ...),
language, decode (bytes -> text), html (trafilatura), feeds (RSS/Atom), record_files
(JSON lines, JSON arrays' records, CSV), walk (folders, stdin, gzip), count (records before a
run), compose (the cleaning every reader shares).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, cast

from ..records import Article, InputError
from .boilerplate import BoilerplateError, DataFileError
from .language import LanguageOptions
from .formats import InputFormat, input_suffixes, register
from .options import DEFAULT_MAX_BYTES, ReadOptions

__all__ = [
    "read_paths",
    "read_text",
    "read_data",
    "ReadOptions",
    "LanguageOptions",
    "DEFAULT_MAX_BYTES",
    "InputFormat",
    "register",
    "input_suffixes",
    "example_paths",
    "BoilerplateError",
    "DataFileError",
]


def _check_data_files(options: ReadOptions) -> None:
    """Load the option's pattern and agency files now, so that a bad one raises DataFileError
    (naming file and line) before any input is read, instead of failing every input."""
    from .agencies import load_agencies
    from .boilerplate import load_boilerplate

    load_boilerplate(tuple(options.boilerplate_files), options.replace_boilerplate)
    load_agencies(tuple(options.agency_files))


def read_paths(
    paths: Iterable[str], published: str | None = None, options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Read every path (a folder recursively in sorted order, '-' for standard input), in order.

    `published` (ISO date) is used for articles whose input gives no publication date.
    Raises only for a bad option (an unreadable or invalid pattern or agency file:
    DataFileError), never for a bad input.
    """
    from .walk import iter_inputs, read_one

    options = options or ReadOptions()
    if isinstance(paths, (str, Path)):  # one path, not the characters of one
        paths = [paths]
    _check_data_files(options)
    for item in iter_inputs(paths, options):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from read_one(item, options, published)
        except DataFileError:
            raise
        except Exception as exc:  # a reader bug must not end the batch; report it against the input
            yield InputError(item, f"could not be read: {type(exc).__name__}: {exc}")


def read_text(
    text: str, source: str = "<text>", published: str | None = None, options: ReadOptions | None = None
) -> Article | InputError:
    """One article from a string, cleaned like a .txt file (header sniffed, boilerplate removed)."""
    from .compose import compose_article

    return compose_article(text, source, options or ReadOptions(), published=published)


def read_data(
    data: bytes, name: str, published: str | None = None, options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Read bytes that came without a file (an upload, a message): the format is taken from
    the content and `name` as for a path ("x.jsonl", "y.csv.gz", "page.html"; formats.detect)."""
    import gzip
    import io
    import zlib

    from .walk import input_suffix, read_stream

    options = options or ReadOptions()
    _check_data_files(options)
    suffix, gz = input_suffix(name)
    try:
        with gzip.open(io.BytesIO(data)) if gz else io.BytesIO(data) as fh:
            yield from read_stream(cast(BinaryIO, fh), name, options, published, suffix, None if gz else len(data), gz)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield InputError(name, f"not a readable gzip file: {exc}")
    except DataFileError:
        raise
    except Exception as exc:  # a reader bug must not end the batch
        yield InputError(name, f"could not be read: {type(exc).__name__}: {exc}")


def example_paths() -> list[Path]:
    """The bundled demo articles (data/examples), sorted."""
    root = Path(str(resources.files("tidings").joinpath("data/examples")))
    return sorted(p for p in root.iterdir() if p.suffix.lower() in input_suffixes())
