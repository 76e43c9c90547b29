"""Which inputs to read, in which order, and as what: files, folders (recursively, sorted),
and "-" for standard input."""
from __future__ import annotations

import gzip
import io
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..records import Article, InputError
from .compose import compose_article
from .decode import DecodeError, decode_bytes, human_size, size_problem
from .feeds import looks_like_feed, read_feed
from .html import looks_like_html, read_html
from .options import ReadOptions
from .records_in import read_csv, read_jsonl

__all__ = ["iter_inputs", "read_one", "read_stream", "read_bytes", "input_suffix"]

STDIN = "<stdin>"


def iter_inputs(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[str | InputError]:
    """Expand folders (recursively, sorted, hidden files left out); unknown extensions in a
    folder are skipped with a note; a named file is always read. "x.jsonl.gz" counts as .jsonl."""
    for p in paths:
        p = str(p)
        if p == "-":
            yield p
            continue
        path = Path(p)
        try:
            kind = "dir" if path.is_dir() else "file" if path.exists() else None
        except (OSError, ValueError) as exc:  # a name too long, a NUL in it
            yield InputError(p[:200], f"not a usable path: {getattr(exc, 'strerror', None) or exc}")
            continue
        if kind == "dir":
            try:
                files = sorted(f for f in path.rglob("*") if f.is_file()
                               and not any(part.startswith(".") for part in f.relative_to(path).parts))
            except OSError as exc:
                yield InputError(p, f"cannot list the folder: {exc.strerror or exc}")
                continue
            if not files:
                options.note(f"{p}: folder has no files")
            for f in files:
                if input_suffix(f)[0] in options.extensions:
                    yield str(f)
                else:
                    options.note(f"skipped {f}: not a supported input ({' '.join(options.extensions)})")
        elif kind == "file":
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
        yield InputError(source, f"too large: more than {human_size(options.max_bytes)} (ReadOptions.max_bytes)")
        return
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
    elif suffix in (".html", ".htm") or looks_like_html(text, strict=suffix == ".txt"):
        yield read_html(text, source, options, published=published)
    else:
        yield compose_article(text, source, options, published=published)


def input_suffix(path: str | Path) -> tuple[str, bool]:
    """(".jsonl", True) for "corpus.jsonl.gz": the format, and whether it is gzip-compressed."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".gz":
        return Path(p.stem).suffix.lower(), True
    return suffix, False


def read_one(path: str, options: ReadOptions, published: str | None) -> Iterator[Article | InputError]:
    if path == "-":
        yield from read_stream(sys.stdin.buffer, STDIN, options, published)
        return
    suffix, gz = input_suffix(path)
    opener = gzip.open if gz else open
    try:
        if suffix in (".jsonl", ".csv"):  # corpora: streamed, the size limit is per record
            with opener(path, "rb") as fh:
                yield from (read_jsonl if suffix == ".jsonl" else read_csv)(fh, path, options, published)
            return
        if gz:
            with gzip.open(path, "rb") as fh:
                data = fh.read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                yield InputError(path, f"too large: more than {human_size(options.max_bytes)} once decompressed "
                                       f"(ReadOptions.max_bytes)")
                return
        else:
            size = Path(path).stat().st_size
            if size > options.max_bytes:
                yield InputError(path, size_problem(size, options.max_bytes))
                return
            data = Path(path).read_bytes()
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield InputError(path, f"not a readable gzip file: {exc}")
        return
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, path, suffix, options, published)


def read_bytes(data: bytes, source: str, suffix: str, options: ReadOptions,
               published: str | None) -> Iterator[Article | InputError]:
    """The whole (decompressed) content of one input whose format is `suffix`."""
    if suffix == ".jsonl":
        yield from read_jsonl(io.BytesIO(data), source, options, published)
    elif suffix == ".csv":
        yield from read_csv(io.BytesIO(data), source, options, published)
    else:
        yield from _read_article_bytes(data, source, suffix, options, published)
