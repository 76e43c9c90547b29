"""tidings: news articles in, event data you can trust out.

The public API is `__all__` (tests/test_public_api.py holds it): the records, coding, reading,
the JSON contract, export, and the exception tree (records.errors). Heavy modules (spaCy,
DuckDB) are imported only when used.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Actor",
    "ActorRef",
    "Event",
    "Quote",
    "TimeRef",
    "Place",
    "CodedArticle",
    "InputError",
    "code_article",
    "code_articles",
    "code_text",
    "read_paths",
    "read_text",
    "read_data",
    "ReadOptions",
    "to_contract",
    "export",
    "TidingsError",
    "InputFileError",
    "DataFileError",
    "StoreError",
    "ConfigError",
    "CodingError",
]

_LAZY = {
    "Article": "records",
    "Actor": "records",
    "ActorRef": "records",
    "Event": "records",
    "Quote": "records",
    "TimeRef": "records",
    "Place": "records",
    "CodedArticle": "records",
    "InputError": "records",
    "code_article": "run.coding",
    "code_articles": "run.coding",
    "code_text": "run.coding",
    "read_paths": "readers",
    "read_text": "readers",
    "read_data": "readers",
    "ReadOptions": "readers",
    "to_contract": "records.contract",
    "export": "export",
    "TidingsError": "records.errors",
    "InputFileError": "records.errors",
    "DataFileError": "records.errors",
    "StoreError": "records.errors",
    "ConfigError": "records.errors",
    "CodingError": "records.errors",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
