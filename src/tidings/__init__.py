"""tidings: news articles in, event data you can trust out.

The public API; heavy modules (spaCy, DuckDB) are imported only when used.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "Article", "Actor", "ActorRef", "Event", "Quote", "TimeRef", "Place", "CodedArticle",
    "InputError", "code_article", "code_articles", "code_text", "read_paths", "to_contract",
]

_LAZY = {
    "Article": "records", "Actor": "records", "ActorRef": "records", "Event": "records",
    "Quote": "records", "TimeRef": "records", "Place": "records", "CodedArticle": "records",
    "InputError": "records", "code_article": "run.coding", "code_articles": "run.coding",
    "code_text": "run.coding", "read_paths": "readers", "to_contract": "records.contract",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
