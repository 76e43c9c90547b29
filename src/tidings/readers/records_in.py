"""JSONL and CSV records: {"id", "text" or "html", optional "title", "published", "url",
"outlet"} (also "byline", "agency", "updated", "language"); other fields are ignored.
Each record is an Article with source "path:line N"; a bad record is an InputError
naming its line, and the next records are still read."""
from __future__ import annotations

import csv
import io
import json
import re
from typing import IO, Iterator

from ..records import Article, InputError
from .compose import Given, compose_article
from .decode import DecodeError, decode_bytes, size_problem, stream_encoding
from .html import read_html
from .options import ReadOptions

__all__ = ["read_jsonl", "read_csv", "record_article", "FIELDS"]

_UNDECODED = re.compile("[\udc80-\udcff]")
FIELDS = ("id", "title", "outlet", "byline", "agency", "published", "updated", "url", "language")


def _str(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def record_article(rec: dict, path: str, line: int, options: ReadOptions,
                   published: str | None) -> Article | InputError:
    """One record (keys lower-cased) -> Article (source "path:line N"), or InputError
    (source "path line N") naming what is wrong."""
    source, where = f"{path}:line {line}", f"{path} line {line}"
    given = Given(**{k: _str(rec.get(k)) for k in FIELDS})
    text, html = rec.get("text"), rec.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return InputError(where, f"field {name!r} is a {type(value).__name__}, not a string")
    if not (text or "").strip() and not (html or "").strip():
        return InputError(where, "record has no 'text' or 'html' (or it is empty)")
    size = len((text or html).encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return InputError(where, "record " + size_problem(size, options.max_bytes))
    if (text or "").strip():
        if "\x00" in text:
            return InputError(where, "text contains NUL bytes")
        out = compose_article(text, source, options, given, published)
    else:
        out = read_html(html, source, options, given, published)
    return InputError(where, out.problem) if isinstance(out, InputError) else out


def read_jsonl(stream: IO[bytes], path: str, options: ReadOptions,
               published: str | None = None) -> Iterator[Article | InputError]:
    seen = False
    for n, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        seen = True
        where = f"{path} line {n}"
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
        if not isinstance(rec, dict):
            yield InputError(where, f"expected a JSON object, got {type(rec).__name__}")
            continue
        rec = {str(k).lower(): v for k, v in rec.items()}
        yield record_article(rec, path, n, options, published)
    if not seen:
        yield InputError(path, "empty input (no records)")


def read_csv(stream: IO[bytes], path: str, options: ReadOptions,
             published: str | None = None) -> Iterator[Article | InputError]:
    """Stream a CSV file (any size: the limit is per record); `stream` must be seekable."""
    head = stream.read(65536)
    try:
        encoding = stream_encoding(head, options.fallback_encoding)
    except DecodeError as exc:
        yield InputError(path, str(exc))
        return
    # the delimiter is the one the header row uses most (csv.Sniffer is misled by prose in cells)
    first = head.decode(encoding, errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(c in first for c in ",;\t") else ","
    if csv.field_size_limit() < options.max_bytes:  # process-wide, only ever raised: cells as big as one article
        csv.field_size_limit(options.max_bytes)
    stream.seek(0)
    # undecodable bytes further on become surrogates, and their row an InputError: the rest is read
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error, UnicodeDecodeError) as exc:
        yield InputError(path, f"no CSV header row ({exc})" if str(exc) else "no CSV header row")
        return
    columns = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "text" not in columns and "html" not in columns:
        shown = ", ".join(repr(c) for c in columns[:12]) or "none"
        yield InputError(path, f"CSV has no 'text' or 'html' column (columns: {shown})")
        return
    last = reader.line_num
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(f"{path} line {start}", f"invalid CSV: {exc}")
            last = reader.line_num
            continue
        last = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            yield InputError(f"{path} line {start}", f"{len(row)} cells but the header has {len(columns)} columns")
            continue
        bad = next((m for m in map(_UNDECODED.search, row) if m), None)
        if bad:
            yield InputError(f"{path} line {start}", f"not valid {encoding} "
                                                     f"(byte 0x{ord(bad.group()) - 0xDC00:02x} in this record)")
            continue
        rec = dict(zip(columns, row))
        yield record_article(rec, path, start, options, published)
