"""JSONL and CSV records: {"id", "text" or "html", optional "title", "published", "url",
"outlet"} (also "byline", "agency", "updated", "language"); other fields are ignored.
Each record is an Article with source "path:line N"; a bad record is an InputError
naming its line, and the next records are still read.

Both readers stream with bounded buffers: a physical line is read at most `line_limit`
characters at a time (the rest of an over-long line is skipped in bounded pieces, never
held), so a gzip bomb or a file without line breaks costs at most one limit of memory.
A JSONL line that `json` cannot take (bad syntax, a 5,000-digit number, nesting too deep)
is an error for that line. A CSV record with a broken quote (one never closed, or closed
in the middle of a cell) is an error for the line it starts on, and reading resumes on the
next physical line, so the records after it are not swallowed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
from collections import deque
from typing import IO, Any, Iterator

from ..records import Article, InputError
from .compose import Given, compose_article
from .fields import api_error, canonical, list_hint, missing_text, text_columns, unread_date_columns
from .decode import DecodeError, decode_bytes, human_size, size_problem, stream_encoding
from .html import read_html
from .options import ReadOptions
from .stamps import normalise_date
from .valid import MAX_ID, valid_text

__all__ = ["read_jsonl", "read_csv", "record_article", "note_unread", "FIELDS", "line_limit"]

_UNDECODED = re.compile("[\udc80-\udcff]")
FIELDS = ("id", "title", "outlet", "byline", "agency", "published", "updated", "url", "language")
_SKIP = 1 << 20  # the rest of an over-long line is read and dropped in pieces of this size


def line_limit(options: ReadOptions) -> int:
    """The longest line a record may take: its text may be max_bytes, and JSON escapes and
    the other fields take room too."""
    return 2 * options.max_bytes + 65536


class _Bad(ValueError):
    pass


def _field(name: str, value) -> str | None:
    """A metadata value as text: strings, integers and finite numbers; anything else (a list,
    an object, true/false, Infinity) is refused rather than turned into "['a', 'b']"."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _Bad(f"field {name!r} is {_kind(value)}, not a string or a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Bad(f"field {name!r} is {value!r}, not a string or a finite number")
        if value.is_integer():
            value = int(value)
    text = str(value).strip()
    return text or None


def _kind(value) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    return {list: "a list", dict: "an object", float: "a number"}.get(type(value), f"a {type(value).__name__}")


def _record_id(value, name: str = "id") -> str | None:
    """Ids must be strings or integers (not booleans, floats or lists, which would be coerced
    into colliding strings), at most MAX_ID characters."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _Bad(f"field {name!r} is {_kind(value)}, not a string or an integer")
    text = str(value).strip() if isinstance(value, str) else str(value)
    if len(text) > MAX_ID:
        raise _Bad(f"field {name!r} has {len(text):,} characters (the limit is {MAX_ID})")
    return text or None


def record_article(
    rec: dict, path: str, line: int, options: ReadOptions, published: str | None
) -> Article | InputError:
    """One record (keys lower-cased; fields under tidings' names or their aliases, see
    readers.fields) -> Article (source "path:line N"), or InputError (source "path line N")
    naming what is wrong."""
    source, where = f"{path}:line {line}", f"{path} line {line}"
    raw = rec
    rec, origin = canonical(raw)
    try:
        values: dict[str, Any] = {k: _field(origin.get(k, k), rec.get(k)) for k in FIELDS if k != "id"}
        values["id"] = _record_id(rec.get("id"), origin.get("id", "id"))
    except _Bad as exc:
        return InputError(where, str(exc))
    for key in ("published", "updated"):
        value = values[key]
        if value and normalise_date(value, options.day_first) is None:
            options.note(f"{where}: {origin.get(key, key)} {value[:60]!r} is not a date; ignored")
            values[key] = None
    given = Given(**values)
    text, html = rec.get("text"), rec.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return InputError(where, f"field {origin.get(name, name)!r} is {_kind(value)}, not a string")
    if "text" not in origin and "html" not in origin:
        return InputError(where, api_error(raw) or missing_text(raw) + list_hint(raw))
    if not (text or "").strip() and not (html or "").strip():
        return InputError(where, "record has no 'text' or 'html' (or it is empty)")
    content: str = text or html or ""
    size = len(content.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return InputError(where, "record " + size_problem(size, options.max_bytes))
    if (text or "").strip():
        out = compose_article(content, source, options, given, published)
    else:
        html, fixed = valid_text(html or "")  # lxml refuses strings that are not valid text
        if fixed:
            options.note(f"{source}: {fixed} invalid character(s) (lone surrogates, NUL) replaced or removed")
        out = read_html(html, source, options, given, published)
    return InputError(where, out.problem) if isinstance(out, InputError) else out


def note_unread(rec: dict, path: str, options: ReadOptions, noted: set[str]) -> None:
    """Note, once per file, each field that looks like a date or time but is not read as one
    (`crawl_time`): never dropped in silence."""
    for name in unread_date_columns([k for k in rec if k not in noted]):
        noted.add(name)
        options.note(f"{path}: field {name!r} is not read (not a known date field; see docs/readers.md)")


# ---- bounded line reading ----------------------------------------------------------------


class _Prefixed(io.RawIOBase):
    """`head` (bytes already read) followed by the rest of `stream`: lets a reader look at the
    start of a stream that cannot seek (standard input, gzip, an upload)."""

    def __init__(self, head: bytes, stream):
        self.head = memoryview(head)
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self.head:
            n = min(len(buf), len(self.head))
            buf[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.stream.read(len(buf))
        buf[: len(data)] = data
        return len(data)


def prefixed(head: bytes, stream) -> io.BufferedReader:
    return io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)


def _lines(stream: Any, limit: int, newline: Any) -> Iterator[tuple[int, Any]]:
    """(line number, line) for every physical line, or (line number, None) for a line longer
    than `limit`, whose rest is skipped in bounded pieces."""
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(newline):
            while True:
                piece = stream.readline(_SKIP)
                if not piece or piece.endswith(newline):
                    break
            yield n, None
            continue
        yield n, line


def _too_long(where: str, limit: int) -> InputError:
    return InputError(
        where, f"line longer than {human_size(limit)}: not read (a record's limit is ReadOptions.max_bytes)"
    )


# ---- JSONL ---------------------------------------------------------------------------------


def read_jsonl(
    stream: IO[bytes], path: str, options: ReadOptions, published: str | None = None
) -> Iterator[Article | InputError]:
    limit = line_limit(options)
    head = stream.read(4)
    stream = prefixed(head, stream)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: lines are split on decoded text
        text = io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline=None)
        lines: Iterator[tuple[int, Any]] = (
            (n, line.encode("utf-8", "surrogatepass") if line is not None else None)
            for n, line in _lines(text, limit, "\n")
        )
    else:
        lines = _lines(stream, limit, b"\n")
    seen = False
    noted: set[str] = set()
    for n, raw in lines:
        where = f"{path} line {n}"
        if raw is None:
            seen = True
            yield _too_long(where, limit)
            continue
        if not raw.strip():
            continue
        seen = True
        try:
            line = decode_bytes(raw.rstrip(b"\r\n"), len(raw), options.fallback_encoding)  # size: per record, below
        except DecodeError as exc:
            yield InputError(where, str(exc))
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except ValueError as exc:  # e.g. an integer of more digits than Python converts
            yield InputError(where, f"invalid JSON: {exc}")
            continue
        except RecursionError:
            yield InputError(where, "invalid JSON: nested too deeply")
            continue
        if not isinstance(rec, dict):
            yield InputError(where, f"expected a JSON object, got {type(rec).__name__}")
            continue
        rec = {str(k).lower(): v for k, v in rec.items()}
        note_unread(rec, path, options, noted)
        yield record_article(rec, path, n, options, published)
    if not seen:
        yield InputError(path, "empty input (no records)")


# ---- CSV -----------------------------------------------------------------------------------


class _Overlong(Exception):
    def __init__(self, line: int):
        self.line = line


class _RecordTooLarge(Exception):
    pass


class _Feed:
    """The physical lines handed to csv.reader, remembering those of the record in progress,
    so that after a broken record the lines after its first can be read again."""

    def __init__(self, lines: Iterator[tuple[int, Any]], limit: int):
        self.lines = lines
        self.limit = limit
        self.replay: deque = deque()
        self.record: list[tuple[int, str]] = []
        self.size = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        n, line = self.replay.popleft() if self.replay else next(self.lines)
        if line is None:
            raise _Overlong(n)
        self.record.append((n, line))
        self.size += len(line)
        if self.size > self.limit:
            raise _RecordTooLarge()
        return line

    def start(self) -> None:
        """A record is complete: forget its lines."""
        self.record = []
        self.size = 0

    def first_line(self, default: int) -> int:
        return self.record[0][0] if self.record else default

    def resume_after_first(self) -> None:
        """Give back the lines of the broken record after its first, to be read again."""
        self.replay.extendleft(reversed(self.record[1:]))
        self.start()


def _open_csv(stream: IO[bytes], path: str, options: ReadOptions) -> tuple[_Feed, str, str] | InputError:
    """(the feed of physical lines, the encoding, the delimiter) of a CSV stream."""
    head = stream.read(65536)
    try:
        encoding = stream_encoding(head, options.fallback_encoding)
    except DecodeError as exc:
        return InputError(path, str(exc))
    # the delimiter is the one the header row uses most (csv.Sniffer is misled by prose in cells)
    first = head.decode(encoding, errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(c in first for c in ",;\t") else ","
    limit = line_limit(options)
    if csv.field_size_limit() < limit:  # process-wide, only ever raised: cells as big as one article
        csv.field_size_limit(limit)
    # undecodable bytes further on become surrogates, and their row an InputError: the rest is read
    codecs.lookup(encoding)
    text = io.TextIOWrapper(prefixed(head, stream), encoding=encoding, errors="surrogateescape", newline="")
    return _Feed(_lines(text, limit, ("\n", "\r")), limit), encoding, delimiter


def _broken_record(exc: Exception | None, feed: _Feed, path: str, last: int) -> list[InputError]:
    """What is wrong with a record csv could not read (exc None: the file ended inside a quoted
    cell); the feed is set to read the lines after the record's first again."""
    where = f"{path} line {feed.first_line(last + 1)}"
    if isinstance(exc, _Overlong):
        errors = []
        if feed.record:
            errors.append(
                InputError(
                    f"{path} line {feed.first_line(exc.line)}",
                    f"invalid CSV: the record runs into line {exc.line}, which is over the size limit",
                )
            )
            feed.resume_after_first()
        return [*errors, _too_long(f"{path} line {exc.line}", feed.limit)]
    if exc is None:
        problem = (
            "invalid CSV: a quote opened here is never closed (the lines after it are read as records of their own)"
        )
    elif isinstance(exc, _RecordTooLarge):
        problem = f"invalid CSV: record over {human_size(feed.limit)} (a quote never closed?)"
    else:
        problem = f"invalid CSV: {exc} (a broken quote: the lines after it are read as records)"
    feed.resume_after_first()
    return [InputError(where, problem)]


def _row_article(
    row: list[str],
    columns: list[str],
    where: tuple[str, int],
    encoding: str,
    options: ReadOptions,
    published: str | None,
) -> Article | InputError | None:
    """The article of a CSV row, an InputError, or None for an empty row."""
    path, start = where
    if not any(cell.strip() for cell in row):
        return None
    if len(row) > len(columns):
        return InputError(f"{path} line {start}", f"{len(row)} cells but the header has {len(columns)} columns")
    bad = next((m for m in map(_UNDECODED.search, row) if m), None)
    if bad:
        return InputError(
            f"{path} line {start}", f"not valid {encoding} (byte 0x{ord(bad.group()) - 0xDC00:02x} in this record)"
        )
    return record_article(dict(zip(columns, row)), path, start, options, published)


def read_csv(
    stream: IO[bytes], path: str, options: ReadOptions, published: str | None = None
) -> Iterator[Article | InputError]:
    """Stream a CSV file (any size: the limit is per record)."""
    opened = _open_csv(stream, path, options)
    if isinstance(opened, InputError):
        yield opened
        return
    feed, encoding, delimiter = opened
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error, UnicodeDecodeError, _Overlong, _RecordTooLarge) as exc:
        yield InputError(path, f"no CSV header row ({exc})" if str(exc) else "no CSV header row")
        return
    feed.start()
    columns = [h.strip().lstrip("\ufeff").lower() for h in header]
    if not text_columns(columns):
        yield InputError(path, missing_text(columns, csv=True))
        return
    for column in unread_date_columns(columns):
        options.note(f"{path}: column {column!r} is not read (not a known date field; see docs/readers.md)")
    last = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if not feed.record:
                break
            broken = _broken_record(None, feed, path, last)  # the file ended inside a quoted cell
        except (_Overlong, _RecordTooLarge, csv.Error) as exc:
            broken = _broken_record(exc, feed, path, last)
        else:
            broken = []
        if broken:
            yield from broken
            reader = csv.reader(feed, delimiter=delimiter, strict=True)
            continue
        start = feed.first_line(last + 1)
        last = feed.record[-1][0] if feed.record else start
        feed.start()
        article = _row_article(row, columns, (path, start), encoding, options, published)
        if article is not None:
            yield article
