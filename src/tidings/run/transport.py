"""How a pool worker sends its coded records back to the ingest: each record as a tree of
plain tuples in its fields' order, in `marshal`'s format, rebuilt in the ingest process by
calling each record class with its values in order. The lossless JSON (records/lossless.py)
names every field in every object and goes through dicts both ways: for a short pool article
0.22 ms to write in the worker and 0.14 to read in the ingest process, about a fifth of what
the pool adds per article to the coding itself (docs/performance.md).

The layout is derived from the record classes' own fields and type hints, so a field added
to a record travels without a change here. marshal's format belongs to one Python version:
both ends are this interpreter (a pool's workers are forked from it). Records holding
candidates (--explain's readings, which the store does not keep) go as lossless JSON.
"""

from __future__ import annotations

import dataclasses
import marshal
import types
import typing
from typing import Any, Callable

from ..records import CodedArticle
from ..records.lossless import dumps, loads

__all__ = ["pack", "unpack"]

# what a field holds: a plain value (str, number, None, a tuple of plain values), one record,
# a record or None, or a tuple of records
PLAIN, ONE, OPTIONAL, MANY = range(4)
# a record class's layout: (field name, kind, the record class of ONE/OPTIONAL/MANY or None)
Layout = list[tuple[str, int, Any]]

_LAYOUTS: dict[type, Layout] = {}


def _record_of(hint: Any) -> type | None:
    return hint if dataclasses.is_dataclass(hint) and isinstance(hint, type) else None


def _kind(hint: Any) -> tuple[int, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if _record_of(hint):
        return ONE, hint
    if origin in (typing.Union, types.UnionType):
        records = [a for a in args if _record_of(a)]
        if records and len(args) == 2 and type(None) in args:
            return OPTIONAL, records[0]
        if records:
            raise TypeError(f"no transport layout for {hint!r}")
        return PLAIN, None
    if origin is tuple and args and _record_of(args[0]):
        return MANY, args[0]
    return PLAIN, None


def _layout(cls: type) -> Layout:
    if cls not in _LAYOUTS:
        hints = typing.get_type_hints(cls)
        out: Layout = []
        for f in dataclasses.fields(cls):
            kind, sub = _kind(hints[f.name])
            out.append((f.name, kind, sub))
        _LAYOUTS[cls] = out
        for _, kind, sub in out:
            if sub is not None:
                _layout(sub)
    return _LAYOUTS[cls]


def _encoder(cls: type) -> Callable[[Any], tuple]:
    layout = _layout(cls)
    parts: list[Callable[[Any], Any]] = []
    for name, kind, sub in layout:
        parts.append(_plain(name) if kind == PLAIN else _record_part(kind, _getter(name), _ENCODERS, sub))
    return lambda obj: tuple(part(obj) for part in parts)


def _decoder(cls: type) -> Callable[[tuple], Any]:
    layout = _layout(cls)
    if all(kind == PLAIN for _, kind, _ in layout):
        return lambda values: cls(*values)
    parts: list[Callable[[Any], Any] | None] = []
    for _, kind, sub in layout:
        parts.append(None if kind == PLAIN else _record_part(kind, _same, _DECODERS, sub))
    return lambda values: cls(*[v if part is None else part(v) for part, v in zip(parts, values)])


def _record_part(kind: int, get: Callable[[Any], Any], table: "_Codecs", sub: type) -> Callable[[Any], Any]:
    """The coder (encoder or decoder, by `table`) of a field that holds records: one, one or
    None, or a tuple of them."""
    if kind == ONE:
        return _nested(get, table, sub)
    if kind == OPTIONAL:
        return _optional(get, table, sub)
    return _many(get, table, sub)


# the only plain values sent: marshal writes any object with a buffer (a numpy number) as bytes,
# which would come back as bytes; anything else makes pack() send the lossless JSON
_SAFE = frozenset({str, int, float, bool, type(None)})


def _getter(name: str) -> Callable[[Any], Any]:
    return lambda obj: getattr(obj, name)


def _plain(name: str) -> Callable[[Any], Any]:
    def get(obj: Any) -> Any:
        value = getattr(obj, name)
        kind = type(value)
        if kind in _SAFE or (kind is tuple and all(type(x) in _SAFE for x in value)):
            return value
        raise ValueError(f"{type(obj).__name__}.{name}: a {kind.__name__} is not sent packed")

    return get


def _same(value: Any) -> Any:
    return value


class _Codecs(dict):
    """Encoders (or decoders) by record class, made on first use."""

    def __init__(self, make: Callable[[type], Callable]):
        super().__init__()
        self.make = make

    def __missing__(self, cls: type) -> Callable:
        self[cls] = codec = self.make(cls)
        return codec


_ENCODERS = _Codecs(_encoder)
_DECODERS = _Codecs(_decoder)


def _nested(get: Callable, codecs: _Codecs, cls: type) -> Callable[[Any], Any]:
    return lambda obj: codecs[cls](get(obj))


def _optional(get: Callable, codecs: _Codecs, cls: type) -> Callable[[Any], Any]:
    def convert(obj: Any) -> Any:
        value = get(obj)
        return None if value is None else codecs[cls](value)

    return convert


def _many(get: Callable, codecs: _Codecs, cls: type) -> Callable[[Any], Any]:
    def convert(obj: Any) -> tuple:
        codec = codecs[cls]
        return tuple(codec(x) for x in get(obj))

    return convert


def pack(coded: CodedArticle) -> bytes | str:
    """The record to send back: marshal bytes, or its lossless JSON when it holds candidates
    (or a value marshal cannot write)."""
    if not coded.candidates:
        try:
            return marshal.dumps(_ENCODERS[CodedArticle](coded))
        except ValueError:  # a value of another type than str, number, None or a tuple of them
            pass
    return dumps(coded)


def unpack(data: bytes | str) -> CodedArticle:
    """The record `pack` made."""
    if isinstance(data, str):
        return loads(data)
    record: CodedArticle = _DECODERS[CodedArticle](marshal.loads(data))
    return record
