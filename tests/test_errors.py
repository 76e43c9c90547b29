"""One exception tree (records.errors): everything tidings raises on purpose is a TidingsError,
old names kept as subclasses (and their builtin bases, for existing `except` clauses); the CLI
prints one line and the error's exit code."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import tidings
from tidings.cli import main
from tidings.records.errors import CodingError, ConfigError, DataFileError, InputFileError, StoreError, TidingsError

SRC = Path(tidings.__file__).parent

# exceptions deliberately outside the tree: the web app answers them as HTTP statuses
OUTSIDE = {"web.data.BadRequest", "web.jobs.QueueFull"}


def defined_exceptions():
    """(module, class name) of every public exception class defined in src/tidings."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = path.relative_to(SRC).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for node in tree.body:
            if (
                isinstance(node, ast.ClassDef)
                and not node.name.startswith("_")
                and (node.name.endswith(("Error", "Timeout", "Locked", "Full")) or node.name == "NoDatabase")
            ):
                yield module, node.name


def test_every_exception_is_in_the_tree():
    found = []
    for module, name in defined_exceptions():
        if f"{module}.{name}" in OUTSIDE or module == "records" and name == "InputError":
            continue
        cls = getattr(importlib.import_module(f"tidings.{module}"), name)
        found.append(name)
        assert issubclass(cls, TidingsError), f"{module}.{name} is not a TidingsError"
    assert len(found) >= 15


@pytest.mark.parametrize(
    "name, bases",
    [
        ("tidings.actors.lexicon.DataError", (DataFileError, ValueError)),
        ("tidings.events.lexicon.LexiconError", (DataFileError, ValueError)),
        ("tidings.petrarch.dictionaries.DictionaryError", (DataFileError, ValueError)),
        ("tidings.readers.boilerplate.BoilerplateError", (DataFileError, ValueError)),
        ("tidings.readers.agencies.AgencyFileError", (DataFileError, ValueError)),
        ("tidings.evaluate.gold.GoldError", (DataFileError, ValueError)),
        ("tidings.readers.decode.DecodeError", (InputFileError, ValueError)),
        ("tidings.watch.feeds.FeedError", (InputFileError, ValueError)),
        ("tidings.store.StoreLocked", (StoreError, RuntimeError)),
        ("tidings.store.NoDatabase", (StoreError, FileNotFoundError)),
        ("tidings.run.coding.CodingTimeout", (CodingError,)),
    ],
)
def test_old_names_keep_their_bases(name, bases):
    module, _, cls = name.rpartition(".")
    got = getattr(importlib.import_module(module), cls)
    assert all(issubclass(got, b) for b in bases)


def test_a_data_file_error_names_file_and_line():
    exc = DataFileError("bad code 'X'", "actors.tsv", 12)
    assert str(exc) == "actors.tsv:12: bad code 'X'" and (exc.path, exc.line, exc.problem) == (
        "actors.tsv",
        12,
        "bad code 'X'",
    )
    from tidings.actors.lexicon import DataError

    assert str(DataError("countries.tsv", 3, "empty phrase")) == "countries.tsv:3: empty phrase"


def test_records_input_error_is_a_record_not_an_exception():
    from tidings.records import InputError

    assert not issubclass(InputError, BaseException)


def test_the_cli_prints_one_line_and_the_exit_code(tmp_path, monkeypatch):
    import tidings.readers as readers

    def broken(*a, **k):
        raise ConfigError("--published and the article disagree")

    monkeypatch.setattr(readers, "read_paths", broken)
    (tmp_path / "a.txt").write_text("Kenya met Ethiopia.")
    r = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt")])
    assert r.exit_code == 2
    assert r.output.strip() == "Error: --published and the article disagree"

    bad = tmp_path / "agencies.txt"
    bad.write_text("# agencies\n|\n")
    monkeypatch.undo()
    from tidings.readers import ReadOptions, read_paths

    with pytest.raises(DataFileError) as info:
        list(read_paths([str(tmp_path / "a.txt")], options=ReadOptions(agency_files=(str(bad),))))
    assert f"{bad}:2:" in str(info.value)
