"""The public API is tidings.__all__; changing it is a decision, so this list must be edited
with it. Every name resolves, lazily (no spaCy or DuckDB at `import tidings`)."""

from __future__ import annotations

import subprocess
import sys

import tidings

PUBLIC = [
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


def test_all_is_the_public_api():
    assert tidings.__all__ == PUBLIC
    assert len(set(tidings.__all__)) == len(tidings.__all__)


def test_every_public_name_resolves():
    for name in tidings.__all__:
        assert getattr(tidings, name) is not None, name
        assert name in dir(tidings)


def test_import_tidings_is_light():
    code = "import sys, tidings; print(any(m in sys.modules for m in ('spacy', 'duckdb', 'pandas')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
