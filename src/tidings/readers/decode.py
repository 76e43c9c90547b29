"""Bytes -> text, refusing what is not text: binary files, NUL bytes, oversized inputs,
undecodable bytes. UTF-8 (with or without BOM) first; UTF-16 when a BOM says so; then the
charset a page or feed declares; cp1252 only when the bytes then read as ordinary text."""

from __future__ import annotations

import codecs
import re

from ..records.errors import InputFileError

__all__ = [
    "DecodeError",
    "decode_bytes",
    "declared_charset",
    "human_size",
    "size_problem",
    "binary_problem",
    "stream_encoding",
]

_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"BZh": "a bzip2 file",
    b"\x7fELF": "a program",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"SQLite format 3": "an SQLite database",
}


class DecodeError(InputFileError):
    """Why bytes are not readable text."""


def human_size(n: int) -> str:
    size: float = n
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def size_problem(size: int, max_bytes: int) -> str:
    return f"too large: {human_size(size)} is over the limit of {human_size(max_bytes)} (ReadOptions.max_bytes)"


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:\-]{2,40})""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The encoding a page or feed declares (<meta charset>, <?xml encoding>), if Python knows it."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    odd = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0)
    high = sum(1 for c in text if ord(c) > 0x7F)
    return odd == 0 and high <= max(8, len(text) // 10)


def binary_problem(data: bytes) -> str | None:
    """Why `data` (or its beginning) is binary, or None."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"binary input: looks like {what}, not text"
    nul = data.find(b"\x00")
    if nul >= 0:
        return f"binary input: contains NUL bytes (first at byte {nul})"
    return None


def stream_encoding(head: bytes, fallback: str = "cp1252") -> str:
    """The encoding to stream a large input in, judged from its first bytes; DecodeError if
    they are not text. (A bad byte further on is found, and reported, while streaming.)"""
    if not head.strip():
        raise DecodeError("empty input" if not head else "empty input (only white space)")
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    problem = binary_problem(head)
    if problem:
        raise DecodeError(problem)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError as exc:
        where = f"byte 0x{head[exc.start]:02x} at offset {exc.start}"
        if fallback:
            try:
                if _looks_like_text(head.decode(fallback)):
                    return fallback
            except UnicodeDecodeError:
                pass
        raise DecodeError(f"not valid UTF-8 ({where}) and not plain text in {fallback or 'another encoding'}") from exc


def decode_bytes(data: bytes, max_bytes: int, fallback: str = "cp1252") -> str:
    """The text of `data`, or DecodeError saying plainly what is wrong."""
    if len(data) > max_bytes:
        raise DecodeError(size_problem(len(data), max_bytes))
    if not data.strip():
        raise DecodeError("empty input" if not data else "empty input (only white space)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid UTF-16 despite its byte-order mark: {exc.reason}") from exc
    problem = binary_problem(data)
    if problem:
        raise DecodeError(problem)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        declared = declared_charset(data)
        if declared and declared != "utf-8":
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        if fallback:
            try:
                text = data.decode(fallback)
            except UnicodeDecodeError:
                text = ""
            if _looks_like_text(text):
                return text
        raise DecodeError(f"not valid UTF-8 ({where}) and not plain text in {fallback or 'another encoding'}") from exc
