"""Export formats: one registry. The CLI's `--format` choices, its help text and the
documentation (docs/cli.md, generated from that help) are all read from it.

    from tidings.export.registry import ExportFormat, register
    register(ExportFormat("mine", "my format: one line per event", write_mine))

A writer gets the database connection, the filters and a Destination (an open text stream,
or for a format that writes a directory the path), and returns the number of rows written.
No heavy imports here: the CLI reads the names without loading pandas or DuckDB.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, TextIO

__all__ = ["ExportFormat", "Destination", "register", "unregister", "export_formats", "format_names", "get_format"]


@dataclass(frozen=True)
class Destination:
    """Where an export goes: `stream` for the formats that write one file (standard output or
    the -o file), `path` for those that write a directory (to_directory)."""

    stream: TextIO | None = None
    path: str | None = None
    partition: str = "date"  # directory formats: date, month or year
    overwrite: bool = False  # directory formats: replace an earlier export there


Writer = Callable[[Any, Any, Destination], int]  # (connection, Filters, Destination) -> rows written


@dataclass(frozen=True)
class ExportFormat:
    name: str
    summary: str  # one line: what a row is, columns, header (shown in --help and the docs)
    write: Writer
    to_directory: bool = False  # writes a directory (-o DIR), not a stream
    dated_only: bool = False  # has no row for an event without a date (the CLI says how many it leaves out)
    has_status: bool = True  # a row says the event's status (asserted, negated, ...); the CLI warns when not


_FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat, replace: bool = False) -> ExportFormat:
    if fmt.name in _FORMATS and not replace:
        raise ValueError(f"export format {fmt.name!r} is already registered")
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    _FORMATS.pop(name, None)


def export_formats() -> tuple[ExportFormat, ...]:
    return tuple(_FORMATS.values())


def format_names() -> tuple[str, ...]:
    return tuple(_FORMATS)


def get_format(name: str) -> ExportFormat:
    try:
        return _FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}: use one of {', '.join(_FORMATS)}") from None
