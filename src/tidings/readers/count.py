"""How many records the inputs hold, counted cheaply before a long run, so that a progress
bar can show the time left. An estimate: a corpus file counts its non-empty lines (JSONL) or
its lines after the header (CSV, so a quoted field with line breaks counts more than once), a
feed its <item>/<entry> elements, any other file one article; standard input is not counted.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import Iterable

from .options import ReadOptions
from .walk import input_suffix, iter_inputs, not_regular

__all__ = ["count_records"]

_BLOCK = 1 << 20


def count_records(paths: Iterable[str], options: ReadOptions | None = None) -> int | None:
    """The estimated number of records, or None when it cannot be known (standard input)."""
    options = options or ReadOptions()
    total = 0
    for item in iter_inputs(paths, options):
        if not isinstance(item, str):
            total += 1  # an input error is reported, and counted, once
            continue
        if item == "-":
            return None
        total += _records_in(Path(item))
    return total


def _records_in(path: Path) -> int:
    suffix, gz = input_suffix(path)
    if suffix not in (".jsonl", ".csv", ".rss", ".atom", ".xml"):
        return 1
    if not_regular(path):
        return 1  # refused by the reader
    try:
        fh = gzip.open(path, "rb") if gz else open(path, "rb")
        with fh:
            # counted in bounded pieces: a line of a gigabyte (a gzip bomb) is never held
            if suffix == ".jsonl":
                lines, at_start = 0, True
                while piece := fh.readline(_BLOCK):
                    lines += at_start and bool(piece.strip())
                    at_start = piece.endswith(b"\n")
                return lines
            lines = items = 0
            tail = b""
            while block := fh.read(_BLOCK):
                lines += block.count(b"\n")
                if suffix not in (".jsonl", ".csv"):
                    both = tail + block  # a tag cut by the block boundary is counted once
                    items += (both.count(b"<item") + both.count(b"<entry")
                              - tail.count(b"<item") - tail.count(b"<entry"))
                    tail = block[-6:]
            if suffix == ".csv":
                return max(lines - 1, 0)
            return max(items, 1)
    except (OSError, EOFError, ValueError):  # the reader will say what is wrong with it
        return 1
