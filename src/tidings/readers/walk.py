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
from typing import BinaryIO, Iterable, Iterator, cast

from ..records import Article, InputError
from .decode import human_size, size_problem
from .formats import ARTICLE, SNIFF_BYTES, Input, InputFormat, by_suffix, detect, input_suffixes
from .options import ReadOptions
from .record_files import prefixed

__all__ = ["iter_inputs", "read_one", "read_stream", "input_suffix", "sniff_file", "not_regular", "open_regular"]

STDIN = "<stdin>"


def iter_inputs(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[str | InputError]:
    """Expand folders (recursively, sorted, hidden files left out); in a folder, a file is read
    when a registered format owns its suffix or recognises its content (readers.formats), and
    otherwise skipped with a note; a named file is always read. "x.jsonl.gz" counts as .jsonl."""
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
                files = sorted(
                    f
                    for f in path.rglob("*")
                    if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts)
                )
            except OSError as exc:
                yield InputError(p, f"cannot list the folder: {exc.strerror or exc}")
                continue
            if not files:
                options.note(f"{p}: folder has no files")
            known = options.extensions if options.extensions is not None else input_suffixes()
            for f in files:
                if input_suffix(f)[0] in known or (options.extensions is None and sniff_file(f)):
                    yield str(f)
                else:
                    options.note(
                        f"skipped {f}: not a supported input ({' '.join(known)}, or content recognised as one)"
                    )
        elif kind == "file":
            problem = not_regular(path)
            if problem:
                yield InputError(p, problem)
            else:
                yield p
        else:
            yield InputError(p, "no such file or folder")


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


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


def read_stream(
    stream: BinaryIO,
    source: str,
    options: ReadOptions,
    published: str | None,
    suffix: str = "",
    size: int | None = None,
    gz: bool = False,
) -> Iterator[Article | InputError]:
    """Read one input of any format (formats.detect): records streamed on, never held whole;
    an article read whole up to max_bytes. `size` is the stored size when the file system
    knows it (an oversized article is then refused before it is read)."""
    head = stream.read(SNIFF_BYTES)
    fmt = detect(suffix, head) or ARTICLE
    where = Input(source, suffix, options, published)
    body = prefixed(head, stream)
    if fmt.streamed:  # corpora: the size limit is per record
        yield from fmt.read(body, where)
        return
    if size is not None and not gz and size > options.max_bytes:
        yield InputError(source, size_problem(size, options.max_bytes))
        return
    data = body.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield InputError(
            source,
            f"too large: more than {human_size(options.max_bytes)}"
            f"{' once decompressed' if gz else ''} (ReadOptions.max_bytes)",
        )
        return
    yield from fmt.read(io.BytesIO(data), where)


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
            fh = cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb")) if gz else raw
            # the limit counts bytes read (decompressed), never a size the file system reports
            yield from read_stream(fh, path, options, published, suffix, os.fstat(raw.fileno()).st_size, gz)
    except _NotRegular as exc:
        yield InputError(path, str(exc))
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield InputError(path, f"not a readable gzip file: {exc}")
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")


def sniff_file(path: str | Path) -> InputFormat | None:
    """The format of a file by its name and first bytes (formats.detect), None when neither
    says; a file that cannot be read is left to the reader to report."""
    suffix, gz = input_suffix(path)
    try:
        with open_regular(str(path)) as raw:
            head = (gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw).read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return by_suffix(suffix)
    return detect(suffix, head)
