"""Which inputs to read, in which order, and as what: files, folders (recursively, sorted),
and "-" for standard input."""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..records import Article, InputError
from .compose import compose_article
from .decode import DecodeError, decode_bytes, size_problem
from .feeds import looks_like_feed, read_feed
from .html import looks_like_html, read_html
from .options import ReadOptions
from .records_in import read_csv, read_jsonl

__all__ = ["iter_inputs", "read_one", "read_stream"]

STDIN = "<stdin>"


def iter_inputs(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[str | InputError]:
    """Expand folders (recursively, sorted, hidden files left out); unknown extensions in a
    folder are skipped with a note; a named file is always read."""
    for p in paths:
        p = str(p)
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not files:
                options.note(f"{p}: folder has no files")
            for f in files:
                if f.suffix.lower() in options.extensions:
                    yield str(f)
                else:
                    options.note(f"skipped {f}: not a supported input ({' '.join(options.extensions)})")
        elif path.exists():
            yield p
        else:
            yield InputError(p, "no such file or folder")


def read_stream(stream: BinaryIO, source: str, options: ReadOptions,
                published: str | None) -> Iterator[Article | InputError]:
    """Standard input: JSON lines if it starts with "{", HTML if it looks like HTML, else one text."""
    data = stream.read(options.max_bytes + 1)
    head = data.lstrip()[:1]
    if head == b"{":
        rest = stream.read()
        yield from read_jsonl(io.BytesIO(data + rest), source, options, published)
        return
    if len(data) > options.max_bytes:
        data += stream.read()
    yield from _read_article_bytes(data, source, "", options, published)


def _read_article_bytes(data: bytes, source: str, suffix: str, options: ReadOptions,
                        published: str | None) -> Iterator[Article | InputError]:
    try:
        text = decode_bytes(data, options.max_bytes, options.fallback_encoding)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    if suffix in (".rss", ".atom", ".xml") or (suffix not in (".txt", ".html", ".htm") and looks_like_feed(text)):
        yield from read_feed(data, source, options, published)
    elif suffix in (".html", ".htm") or (suffix != ".txt" and looks_like_html(text)):
        yield read_html(text, source, options, published=published)
    else:
        yield compose_article(text, source, options, published=published)


def read_one(path: str, options: ReadOptions, published: str | None) -> Iterator[Article | InputError]:
    if path == "-":
        yield from read_stream(sys.stdin.buffer, STDIN, options, published)
        return
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".jsonl":
            with open(path, "rb") as fh:
                yield from read_jsonl(fh, path, options, published)
            return
        size = Path(path).stat().st_size
        if suffix != ".csv" and size > options.max_bytes:
            yield InputError(path, size_problem(size, options.max_bytes))
            return
        data = Path(path).read_bytes()
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    if suffix == ".csv":
        yield from read_csv(data, path, options, published)
    else:
        yield from _read_article_bytes(data, path, suffix, options, published)
