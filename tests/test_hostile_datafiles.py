"""Data files validated as they load, and CLI errors as one line (issue 24, items 8 and 9)."""

from __future__ import annotations

import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from tidings.actors.lexicon import DataError
from tidings.actors.petrarch import parse_petrarch
from tidings.events.lexicon import LexiconError
from tidings.events.petrarch import load_petrarch_verbs
from tidings.readers import BoilerplateError, ReadOptions, read_paths
from tidings.readers.boilerplate import MAX_LINE, nested_repeat, validate_pattern_file

TIDINGS = [sys.executable, "-m", "tidings.cli"]
VERBS = """&CURRENCY
+DOLLAR
+EURO

####### VERB PATTERNS #######

--- CONSULT   [040] ---
MEET  {MET MEETS MEETING}
- * WITH [043]
- * IN SECRET [999]
"""


def run(*args, stdin: str = "Kenya met Ethiopia on Monday.") -> subprocess.CompletedProcess:
    return subprocess.run(TIDINGS + list(args), input=stdin, capture_output=True, text=True, timeout=300)


def one_line_error(p: subprocess.CompletedProcess) -> str:
    assert p.returncode != 0
    assert "Traceback" not in p.stderr, p.stderr
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, p.stderr
    return lines[0]


# ---- verb dictionaries ------------------------------------------------------------------------


def test_a_verb_file_without_its_marker_is_read_by_its_verb_blocks(tmp_path):
    # PETRARCH-1 files (the Validate dictionaries) have no 'VERB PATTERNS' line: their verb
    # blocks load; a file with neither the line nor a block is an error, never 0 verbs silently
    f = tmp_path / "verbs.txt"
    f.write_text(VERBS.replace("####### VERB PATTERNS #######", "").replace("- * IN SECRET [999]\n", ""))
    lex = load_petrarch_verbs(f)
    assert "meet" in lex.verbs and lex.stats["verbs"] == 1
    (tmp_path / "words.txt").write_text("&CURRENCY\n+DOLLAR\n\nDOLLAR\nEURO\n")
    with pytest.raises(LexiconError, match="neither a 'VERB PATTERNS' section nor verb blocks"):
        load_petrarch_verbs(tmp_path / "words.txt")


def test_a_tidings_verbs_tsv_given_as_a_petrarch_file_is_an_error():
    tsv = Path(str(resources.files("tidings").joinpath("data/lexicon/verbs.tsv")))
    if not tsv.exists():
        pytest.skip("no bundled verbs.tsv")
    with pytest.raises(LexiconError, match="not a PETRARCH verb dictionary"):
        load_petrarch_verbs(tsv)


def test_an_empty_verb_file_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("# nothing\n")
    with pytest.raises(LexiconError):
        load_petrarch_verbs(tmp_path / "empty.txt")


def test_a_bad_code_names_file_and_line_and_the_line_is_skipped(tmp_path):
    # issue 19: a malformed line is reported with file:line and skipped, never silently used
    from tidings.actors.petrarch import PetrarchWarning

    f = tmp_path / "verbs.txt"
    f.write_text(VERBS)
    with pytest.warns(PetrarchWarning, match=r"verbs\.txt:10: code \[999\] is not in the CAMEO codebook"):
        lex = load_petrarch_verbs(f)
    assert lex.stats["skipped"] == 1 and lex.stats["patterns"] == 1
    f.write_text(VERBS.replace("[999]", "[---]"))
    assert load_petrarch_verbs(f).size() > 0


def test_the_cli_says_so_in_one_line_with_replace_dicts(tmp_path):
    f = tmp_path / "verbs.txt"
    f.write_text("just some text\n")
    line = one_line_error(run("code", "-", "--verb-dict", str(f), "--replace-dicts", "--published", "2024-01-01"))
    assert "not a PETRARCH verb dictionary" in line and str(f) in line


# ---- actor dictionaries -----------------------------------------------------------------------


def test_an_empty_or_wrong_kind_actor_file_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("# nothing\n\n")
    with pytest.raises(DataError, match="no actor or agent entries"):
        parse_petrarch(tmp_path / "empty.txt")
    (tmp_path / "verbs.txt").write_text(VERBS)
    with pytest.raises(DataError, match=r"verbs\.txt:5: this is a verb dictionary"):
        parse_petrarch(tmp_path / "verbs.txt")


def test_a_folder_given_as_an_actor_dictionary_is_one_line(tmp_path):
    with pytest.raises(DataError, match="is a folder"):
        parse_petrarch(tmp_path)
    line = one_line_error(run("code", "-", "--actor-dict", str(tmp_path), "--published", "2024-01-01"))
    assert str(tmp_path) in line and ("folder" in line or "directory" in line)


# ---- boilerplate patterns -----------------------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*end", r"(x*)*y", r"((a+)|b)+c"])
def test_catastrophic_patterns_are_refused_with_file_and_line(tmp_path, pattern):
    f = tmp_path / "mine.txt"
    f.write_text("# mine\nRead more:.*\n" + pattern + "\n")
    problems = validate_pattern_file(f)
    assert len(problems) == 1 and problems[0].line == 3 and "exponential" in problems[0].problem
    with pytest.raises(BoilerplateError, match=r"mine\.txt:3"):
        list(read_paths([str(f)], options=ReadOptions(boilerplate_files=(str(f),))))


@pytest.mark.parametrize(
    "pattern", [r"(?: \w+)*", r"(?:\w+\s)+said", r"(ab)+", r"(a|b)+", r"Read more:.*", r"(?:\s*/\s*[\w.]{1,40})*\.?"]
)
def test_ordinary_patterns_pass(pattern):
    assert nested_repeat(pattern) is None


def test_the_bundled_patterns_pass_and_stay_fast():
    from tidings.readers.boilerplate import load_boilerplate

    load_boilerplate.cache_clear()
    boiler = load_boilerplate()
    line = "a" * 40 + "!"  # the line that made '(a+)+$' hang
    t = time.perf_counter()
    for n in (41, 120, MAX_LINE):
        boiler.is_boilerplate(("Read more " + "a" * n + "!")[:MAX_LINE])
        boiler.is_boilerplate(line)
    assert time.perf_counter() - t < 1.0


# ---- CLI errors ---------------------------------------------------------------------------------


def test_a_corrupt_database_is_one_line_and_debug_shows_the_traceback(tmp_path):
    db = tmp_path / "bad.duckdb"
    db.write_bytes(b"this is not a database\n" * 1000)
    line = one_line_error(run("query", "events", "--db", str(db)))
    assert "not a valid DuckDB database" in line and "restore it from a copy" in line
    p = run("--debug", "query", "events", "--db", str(db))
    assert p.returncode != 0 and "Traceback" in p.stderr
