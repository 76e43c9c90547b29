"""Input formats: one registry that every way in uses (`code FILE`, `ingest DIR`, standard
input, uploads, watch folders, the record count before a long run).

A format has a name, the suffixes it owns, a test on the first bytes (`sniff`), a reader and,
for a corpus, a cheap record count. Which format reads an input:

1. a record format (`streamed`: JSON array, JSON lines, CSV with a text or html column) whose
   sniff recognises the content, whatever the name ("news.json", "export.txt", stdin; a CSV
   header needs a text column, under its name or an alias: readers.fields);
2. else the format that owns the suffix ("x.html", "feed.rss", "a.jsonl" with a bad first line);
3. else an article format whose sniff recognises the content (a feed, a whole HTML page);
4. else nothing: a named file or standard input is then read as one article (text, HTML or a
   feed by its content); a file met in a folder walk is noted and skipped.

Add a format with `register(InputFormat(...))`; it is then read by every command and walk.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

from ..records import Article, InputError
from .compose import compose_article
from .decode import DecodeError, decode_bytes, human_size, stream_encoding
from .feeds import looks_like_feed, read_feed
from .fields import RESPONSE_LISTS, RESPONSE_OBJECTS, TEXT_FIELDS, text_columns
from .html import looks_like_html, read_html
from .options import ReadOptions
from .record_files import line_limit, note_unread, read_csv, read_jsonl, record_article

__all__ = [
    "Input",
    "InputFormat",
    "register",
    "unregister",
    "formats",
    "input_suffixes",
    "by_suffix",
    "detect",
    "ARTICLE",
    "SNIFF_BYTES",
]

SNIFF_BYTES = 1 << 16  # what detection looks at: the first 64 KiB (decompressed)


@dataclass(frozen=True)
class Input:
    """One input being read: its name for messages and sources, its suffix ("" for none)."""

    source: str
    suffix: str
    options: ReadOptions
    published: str | None


Reader = Callable[[BinaryIO, Input], Iterator[Article | InputError]]


@dataclass(frozen=True)
class InputFormat:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot; "x.jsonl.gz" counts as .jsonl
    read: Reader  # streamed: the open stream; else the whole (decompressed) input, up to max_bytes
    sniff: Callable[[bytes], bool] | None = None  # True when the first bytes are this format
    streamed: bool = False  # a corpus read in bounded pieces (the size limit is per record)
    count: Callable[[BinaryIO], int] | None = None  # the estimated number of records; None: one


_FORMATS: dict[str, InputFormat] = {}


def register(fmt: InputFormat, replace: bool = False) -> InputFormat:
    """Add a format (or, with `replace`, put one in the place of a format of the same name)."""
    if fmt.name in _FORMATS and not replace:
        raise ValueError(f"input format {fmt.name!r} is already registered")
    taken = {s: f.name for f in _FORMATS.values() if f.name != fmt.name for s in f.suffixes}
    clash = [s for s in fmt.suffixes if s in taken]
    if clash:
        raise ValueError(f"input format {fmt.name!r}: suffix {clash[0]} belongs to {taken[clash[0]]!r}")
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    _FORMATS.pop(name, None)


def formats() -> tuple[InputFormat, ...]:
    return tuple(_FORMATS.values())


def input_suffixes() -> tuple[str, ...]:
    """Every suffix a folder walk reads without looking inside."""
    return tuple(s for f in _FORMATS.values() for s in f.suffixes)


def by_suffix(suffix: str) -> InputFormat | None:
    return next((f for f in _FORMATS.values() if suffix in f.suffixes), None)


def detect(suffix: str, head: bytes) -> InputFormat | None:
    """The format of an input named with `suffix` whose first bytes are `head` (see above)."""
    for fmt in _FORMATS.values():
        if fmt.streamed and fmt.sniff and fmt.sniff(head):
            return fmt
    owner = by_suffix(suffix)
    if owner:
        return owner
    return next((f for f in _FORMATS.values() if not f.streamed and f.sniff and f.sniff(head)), None)


# ---- sniffing ------------------------------------------------------------------------------


def head_text(head: bytes) -> str:
    """The start of the input as text, for sniffing only (byte-order marks honoured)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    return head.decode("utf-8-sig", errors="replace")


def _is_json_array(head: bytes) -> bool:
    return re.match(r"\s*\[\s*(\{|\]|$)", head_text(head)) is not None


def _is_jsonl(head: bytes) -> bool:
    """A first line that is a JSON object (or too long to tell within the head)."""
    text = head_text(head).lstrip()
    if not text.startswith("{"):
        return False
    first, newline, _ = text.partition("\n")
    if not newline and len(head) >= SNIFF_BYTES:
        return True
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


_COLUMN = re.compile(r'"?[A-Za-z_][\w.\-]{0,39}"?')


def _is_csv(head: bytes) -> bool:
    """A header row of plain column names, one of them a text column (text, html, content, ...)."""
    first = head_text(head).split("\n", 1)[0].strip()
    delimiter = max(",;\t", key=first.count)
    cells = [c.strip() for c in first.split(delimiter)]
    if len(cells) < 2 or not all(_COLUMN.fullmatch(c) for c in cells):
        return False
    return bool(text_columns([c.strip('"').lower() for c in cells]))


def _is_feed(head: bytes) -> bool:
    text = head_text(head).lstrip()
    return text.startswith("<") and looks_like_feed(text)


def _is_html_page(head: bytes) -> bool:
    return looks_like_html(head_text(head), strict=True)


# ---- readers -------------------------------------------------------------------------------


def read_article(stream: BinaryIO, where: Input) -> Iterator[Article | InputError]:
    """One article: a feed or an HTML page by its suffix or content, else text."""
    options, suffix = where.options, where.suffix
    data = stream.read()
    try:
        text = decode_bytes(data, options.max_bytes, options.fallback_encoding)
    except DecodeError as exc:
        yield InputError(where.source, str(exc))
        return
    if suffix in (".rss", ".atom", ".xml") or (suffix not in (".txt", ".html", ".htm") and looks_like_feed(text)):
        yield from read_feed(data, where.source, options, where.published)
    elif suffix in (".html", ".htm") or looks_like_html(text, strict=suffix == ".txt"):
        yield read_html(text, where.source, options, published=where.published)
    else:
        yield compose_article(text, where.source, options, published=where.published)


def _read_jsonl(stream: BinaryIO, where: Input) -> Iterator[Article | InputError]:
    return read_jsonl(stream, where.source, where.options, where.published)


def _read_csv(stream: BinaryIO, where: Input) -> Iterator[Article | InputError]:
    return read_csv(stream, where.source, where.options, where.published)


def read_json_array(stream: BinaryIO, where: Input) -> Iterator[Article | InputError]:
    """A JSON array of article objects (as news APIs return them), read one element at a
    time: each is a record like a JSON line, with the line it starts on as its place."""
    path, options = where.source, where.options
    try:
        elements = _array_elements(stream, line_limit(options), options.fallback_encoding)
        seen = False
        noted: set[str] = set()
        for line, value in elements:
            seen = True
            if isinstance(value, InputError):
                yield InputError(f"{path} line {line}", value.problem)
            elif not isinstance(value, dict):
                yield InputError(f"{path} line {line}", f"expected a JSON object, got {type(value).__name__}")
            else:
                rec = {str(k).lower(): v for k, v in value.items()}
                note_unread(rec, path, options, noted)
                yield record_article(rec, path, line, options, where.published)
        if not seen:
            yield InputError(path, "empty input (no records)")
    except DecodeError as exc:
        yield InputError(path, str(exc))


_SPACE = re.compile(r"[\s,]*")


def _array_elements(stream: BinaryIO, limit: int, fallback: str) -> Iterator[tuple[int, object]]:
    """(line, value) for each element of a top-level JSON array, decoded in bounded pieces: an
    element longer than `limit` characters, or bad JSON, ends the reading with an error."""
    head = stream.read(SNIFF_BYTES)
    decoder = codecs.getincrementaldecoder(stream_encoding(head, fallback))(errors="replace")
    buf = decoder.decode(head).lstrip("\ufeff").lstrip()
    if not buf.startswith("["):
        yield 1, InputError("", "expected a JSON array of objects")
        return
    pos, line, done = 1, 1, False
    parse = json.JSONDecoder().raw_decode
    while True:
        gap = _SPACE.match(buf, pos)
        assert gap is not None  # [\s,]* matches everywhere (for mypy)
        line += buf.count("\n", pos, gap.end())
        pos = gap.end()
        if buf.startswith("]", pos):
            return
        try:
            value, end = parse(buf, pos)
        except (json.JSONDecodeError, RecursionError, ValueError) as exc:
            if done or len(buf) - pos > limit:
                problem = f"invalid JSON: {getattr(exc, 'msg', exc)}" if done else "element over the size limit"
                yield line, InputError("", problem)
                return
            more = stream.read(SNIFF_BYTES)
            done = not more
            buf = buf[pos:] + decoder.decode(more, final=done)
            pos = 0
            continue
        yield line, value
        line += buf.count("\n", pos, end)
        pos = end


# ---- a news API's response saved whole -------------------------------------------------------

_GAP = re.compile(r"\s*")
_DECODE = json.JSONDecoder().raw_decode


def _skip(text: str, pos: int) -> int:
    gap = _GAP.match(text, pos)
    return gap.end() if gap is not None else pos


def _wrapped_list(text: str, pos: int, nested: bool = True) -> tuple[str, int] | None:
    """(the key path, the index of its "[") of the article list inside the JSON object at
    `pos` (readers.fields.RESPONSE_LISTS, at the top or in one of RESPONSE_OBJECTS), reading the
    object's keys in order; None when the object is a record (a text field comes first), has
    no such list, or is cut off (a sniffed head) before it."""
    i = _skip(text, pos + 1)
    try:
        while i < len(text) and text[i] != "}":
            key, i = _DECODE(text, i)
            if not isinstance(key, str):
                return None
            name = key.lower()
            i = _skip(text, i)
            if not text.startswith(":", i):
                return None
            i = _skip(text, i + 1)
            if nested and name in TEXT_FIELDS:
                return None  # an article record with a list in it, not a response
            if (
                name in RESPONSE_LISTS
                and text.startswith("[", i)
                and text[_skip(text, i + 1) : _skip(text, i + 1) + 1] in "{]"
            ):
                return key, i
            if nested and name in RESPONSE_OBJECTS and text.startswith("{", i):
                inner = _wrapped_list(text, i, nested=False)
                if inner is not None:
                    return f"{key}.{inner[0]}", inner[1]
            _, i = _DECODE(text, i)
            i = _skip(text, i)
            if text.startswith(",", i):
                i = _skip(text, i + 1)
    except (ValueError, RecursionError, IndexError):
        return None
    return None


def _is_response(head: bytes) -> bool:
    """A JSON object whose articles are a list under a response key ({"status": "ok",
    "articles": [...]}), found within the first bytes."""
    text = head_text(head)
    start = _skip(text, 0)
    return text.startswith("{", start) and _wrapped_list(text, start) is not None


def _elements(text: str, pos: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each element of the JSON array whose "[" is at `pos` (valid JSON)."""
    i = _skip(text, pos + 1)
    while not text.startswith("]", i):
        _, end = _DECODE(text, i)
        yield i, end
        i = _skip(text, end)
        if text.startswith(",", i):
            i = _skip(text, i + 1)


def read_response(stream: BinaryIO, where: Input) -> Iterator[Article | InputError]:
    """A news API's response saved whole: its articles, each read as a record (field aliases:
    readers.fields), placed at the line it starts on. Several responses one after the other
    (pages saved as JSON lines) are read in turn; an object with no article list is read as one
    record. The size limit is that of a JSON line, for the whole response."""
    path, options = where.source, where.options
    limit = line_limit(options)
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield InputError(path, f"a JSON response over {human_size(limit)}: save its list of articles as JSON lines")
        return
    try:
        text = decode_bytes(data, limit, options.fallback_encoding).lstrip("\ufeff")
    except DecodeError as exc:
        yield InputError(path, str(exc))
        return
    noted: set[str] = set()
    pos = _skip(text, 0)
    while pos < len(text):
        line = text.count("\n", 0, pos) + 1
        try:
            value, end = _DECODE(text, pos)
        except (ValueError, RecursionError) as exc:
            yield InputError(f"{path} line {line}", f"invalid JSON: {getattr(exc, 'msg', exc)}")
            return
        yield from _response_records(text, pos, value, where, noted)
        pos = _skip(text, end)


def _response_records(
    text: str, pos: int, value: object, where: Input, noted: set[str]
) -> Iterator[Article | InputError]:
    path, options = where.source, where.options
    line = text.count("\n", 0, pos) + 1
    if not isinstance(value, dict):
        yield InputError(f"{path} line {line}", f"expected a JSON object, got {type(value).__name__}")
        return
    found = _wrapped_list(text, pos) if text.startswith("{", pos) else None
    spans: list[tuple[int, int]] = list(_elements(text, found[1])) if found else [(pos, pos)]
    if found and not spans:
        yield InputError(f"{path} line {line}", f"the response's {found[0]!r} list is empty (no articles)")
        return
    for start, end in spans:
        rec = json.loads(text[start:end]) if found else value
        at = line if not found else line + text.count("\n", pos, start)
        if not isinstance(rec, dict):
            yield InputError(f"{path} line {at}", f"expected a JSON object, got {type(rec).__name__}")
            continue
        rec = {str(k).lower(): v for k, v in rec.items()}
        note_unread(rec, path, options, noted)
        yield record_article(rec, path, at, options, where.published)


def _count_lines(stream: BinaryIO) -> int:
    lines, at_start = 0, True
    while piece := stream.readline(1 << 20):  # bounded pieces: a line of a gigabyte is never held
        lines += at_start and bool(piece.strip())
        at_start = piece.endswith(b"\n")
    return lines


def _count_csv(stream: BinaryIO) -> int:
    lines = sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
    return max(lines - 1, 0)


def _count_tags(stream: BinaryIO, tags: tuple[bytes, ...], least: int = 1) -> int:
    items, tail = 0, b""
    while block := stream.read(1 << 20):
        both = tail + block  # a tag cut by the block boundary is counted once
        items += sum(both.count(t) - tail.count(t) for t in tags)
        tail = block[-6:]
    return max(items, least)


JSON_ARRAY = register(
    InputFormat(
        "json",
        (".json",),
        read_json_array,
        _is_json_array,
        streamed=True,
        count=lambda s: _count_tags(s, (b"{",), 0),
    )
)
# before JSON lines: a response saved on one line is also a JSON line
RESPONSE = register(
    InputFormat(
        "json-response", (), read_response, _is_response, streamed=True, count=lambda s: _count_tags(s, (b"{",), 0)
    )
)
JSONL = register(InputFormat("jsonl", (".jsonl", ".ndjson"), _read_jsonl, _is_jsonl, streamed=True, count=_count_lines))
CSV = register(InputFormat("csv", (".csv",), _read_csv, _is_csv, streamed=True, count=_count_csv))
FEED = register(
    InputFormat(
        "feed", (".rss", ".atom", ".xml"), read_article, _is_feed, count=lambda s: _count_tags(s, (b"<item", b"<entry"))
    )
)
HTML = register(InputFormat("html", (".html", ".htm"), read_article, _is_html_page))
TEXT = register(InputFormat("text", (".txt",), read_article))
ARTICLE = InputFormat("article", (), read_article)  # what a named file or stdin of no known format is read as
