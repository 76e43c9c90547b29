"""Which inputs to read, in which order, and as what: files, folders (recursively, sorted),
and "-" for standard input."""
from __future__ import annotations

import gzip
import io
import os
import stat
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
from .record_files import prefixed, read_csv, read_jsonl

__all__ = ["iter_inputs", "read_one", "read_stream", "read_bytes", "input_suffix", "not_regular", "open_regular"]

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
            problem = not_regular(path)
            if problem:
                yield InputError(p, problem)
            else:
                yield p
        else:
            yield InputError(p, "no such file or folder")


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_regular(path: str | Path, mode: int | None = None) -> str | None:
    """Why `path` is not read: only regular files are (a FIFO would block for ever, a device
    such as /dev/zero never ends); streams go through "-". None for a regular file."""
    if mode is None:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"not a regular file ({what}): only regular files are read; pipe a stream to standard input with -"


def open_regular(path: str) -> BinaryIO:
    """Open a regular file for reading, checking what was opened (not what a stat saw
    before): a FIFO swapped in is refused without blocking (O_NONBLOCK)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        problem = not_regular(path, os.fstat(fd).st_mode)
        if problem:
            raise _NotRegular(problem)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _NotRegular(OSError):
    pass


def read_stream(stream: BinaryIO, source: str, options: ReadOptions,
                published: str | None) -> Iterator[Article | InputError]:
    """Standard input: JSON lines if it starts with "{", HTML if it looks like HTML, else one text."""
    data = stream.read(options.max_bytes + 1)
    head = data.lstrip()[:1]
    if head == b"{":  # JSON lines: streamed on, never held whole
        yield from read_jsonl(prefixed(data, stream), source, options, published)
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
    try:
        with open_regular(path) as raw:
            fh = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
            if suffix in (".jsonl", ".csv"):  # corpora: streamed, the size limit is per record
                yield from (read_jsonl if suffix == ".jsonl" else read_csv)(fh, path, options, published)
                return
            # the limit counts bytes read (decompressed), never a size the file system reports
            size = os.fstat(raw.fileno()).st_size
            if not gz and size > options.max_bytes:
                yield InputError(path, size_problem(size, options.max_bytes))
                return
            data = fh.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            yield InputError(path, f"too large: more than {human_size(options.max_bytes)}"
                                   f"{' once decompressed' if gz else ''} (ReadOptions.max_bytes)")
            return
    except _NotRegular as exc:
        yield InputError(path, str(exc))
        return
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
