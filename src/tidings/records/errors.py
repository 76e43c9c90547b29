"""The one exception tree: everything tidings raises on purpose is a TidingsError.

    TidingsError                      the root; the CLI prints it as one line (exit_code)
    +-- InputFileError (ValueError)   an input that cannot be read as a whole: not text, a broken feed
    |   +-- readers.decode.DecodeError, watch.feeds.FeedError
    +-- DataFileError (ValueError)    a data file (lexicon, actors, gazetteer, codebook, patterns,
    |   |                             dictionaries, gold): carries path and line ("file:line: problem")
    |   +-- actors.lexicon.DataError, events.lexicon.LexiconError, petrarch.dictionaries.DictionaryError,
    |       readers.boilerplate.BoilerplateError, readers.agencies.AgencyFileError, evaluate.gold.GoldError
    +-- StoreError                    the database: store.StoreLocked (RuntimeError),
    |                                 store.NoDatabase (FileNotFoundError)
    +-- ConfigError (ValueError)      an option or setting that cannot be used
    +-- CodingError                   coding an article failed: run.coding.CodingTimeout

The subclasses keep their old builtin bases, so `except ValueError` and the like still catch
them. Not in the tree, on purpose: `records.InputError` is no exception but a frozen record, the
place in a batch of an input row that could not be read (the JSON contract's "errors"); and
web.data.BadRequest and web.jobs.QueueFull, which the web app turns into HTTP answers.
"""

from __future__ import annotations

__all__ = ["TidingsError", "InputFileError", "DataFileError", "StoreError", "ConfigError", "CodingError"]


class TidingsError(Exception):
    """Anything tidings raises on purpose. `hint` says what to do; `exit_code` is the CLI's."""

    exit_code: int = 1
    hint: str = ""


class InputFileError(TidingsError, ValueError):
    """An input that cannot be read as a whole (a bad row is a records.InputError instead)."""


class DataFileError(TidingsError, ValueError):
    """A data file that cannot be used. `DataFileError(problem, path, line)` reads
    "path:line: problem" (line None: "path: problem"); a message that already names its file
    is given alone."""

    hint = "fix or remove that data file"

    def __init__(self, problem: str, path: str | None = None, line: int | None = None):
        where = "" if path is None else f"{path}:" if line is None else f"{path}:{line}:"
        super().__init__(f"{where} {problem}" if where else problem)
        self.path, self.line, self.problem = path, line, problem


class StoreError(TidingsError):
    """The database cannot be used for this (missing, locked by a writer, not ours)."""


class ConfigError(TidingsError, ValueError):
    """An option or setting that cannot be used."""

    exit_code = 2


class CodingError(TidingsError):
    """Coding an article failed (over its time budget)."""
