"""How many records the inputs hold, counted cheaply before a long run, so that a progress
bar can show the time left. An estimate, made by the input's format (readers.formats): a
corpus file counts its non-empty lines (JSONL), its lines after the header (CSV, so a quoted
field with line breaks counts more than once) or its objects (JSON array), a feed its
<item>/<entry> elements, any other file one article; standard input is not counted.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Iterable

from .options import ReadOptions
from .formats import SNIFF_BYTES, detect
from .record_files import prefixed
from .walk import input_suffix, iter_inputs, not_regular, open_regular

__all__ = ["count_records"]


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
    """What the format that reads the file counts in it (formats.InputFormat.count)."""
    if not_regular(path):
        return 1  # refused by the reader
    suffix, gz = input_suffix(path)
    try:
        with open_regular(str(path)) as raw:
            fh = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
            head = fh.read(SNIFF_BYTES)
            fmt = detect(suffix, head)
            if fmt is None or fmt.count is None:
                return 1
            return fmt.count(prefixed(head, fh))
    except (OSError, EOFError, ValueError, zlib.error):  # the reader will say what is wrong with it
        return 1
