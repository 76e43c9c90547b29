"""`tidings query` tables (issue 23, item 8): no column collapses to nothing, an empty result
prints a message (and no empty table), and a filter that finds nothing says what would."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.run.ingest import ingest

from storekit import coded, other_story, wire_copies


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.duckdb"
    long_names = coded(
        "long-1",
        "The Ministry of Foreign Affairs of the Russian Federation condemned the United Kingdom. It said so on Friday.",
        [(0, "RUSGOV", "GBRGOV", "111", "condemned", "2021-12-10")],
        published="2021-12-10",
    )
    ingest([*wire_copies(), other_story(), long_names], path)
    return str(path)


def _run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def _column_widths(table: str) -> list[int]:
    header = next(line for line in table.splitlines() if line.startswith("┃"))
    return [len(cell) for cell in header.strip("┃").split("┃")]


def test_one_a_day_table_has_no_zero_width_column(db):
    out = _run("query", "events", "--db", db, "--one-a-day").stdout
    widths = _column_widths(out)
    assert widths and min(widths) >= 6, out
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    names = [c.strip() for c in header.strip("┃").split("┃")]
    assert names[:4] == ["date", "source_code", "code", "target_code"] and "n_events" in names
    for name in names:  # no header is cut: each column is as wide as its name at least
        assert name and "…" not in name


def test_every_column_is_as_wide_as_its_header_when_the_table_is_wide(db):
    out = _run("query", "events", "--db", db, "--one-a-day", "--format", "table").stdout
    assert "┃┃" not in out and "││" not in out


def test_an_empty_result_prints_a_message_not_an_empty_table(db):
    r = _run("query", "events", "--db", db, "--actor", "ZZZ")
    assert "┏" not in r.stdout and "┃" not in r.stdout
    assert "no events match these filters" in r.stderr
    for cmd in (["dyad", "--actor", "ZZZ"], ["actors", "--actor", "ZZZ"], ["network", "--actor", "ZZZ"]):
        r = _run("query", *cmd, "--db", db)
        assert "┏" not in r.stdout and "no events match these filters" in r.stderr, cmd
    r = _run("query", "stories", "--db", db, "--min-articles", "50")
    assert "┏" not in r.stdout and "no stories with at least 50 copies" in r.stderr
    assert "--min-articles 1" in r.stderr
    r = _run("query", "quotes", "--db", db, "--speaker", "ZZZ")
    assert "┏" not in r.stdout and "no quotes match" in r.stderr


def test_a_two_digit_code_hints_at_root(db):
    r = _run("query", "events", "--db", db, "--code", "05")
    assert "no events match" in r.stderr
    assert re.search(r"--root 05 matches every code under root 05: \d+ events?", r.stderr), r.stderr
    assert "┏" not in r.stdout


def test_a_full_code_that_finds_nothing_hints_at_its_root_when_the_root_has_events(db):
    r = _run("query", "events", "--db", db, "--code", "056")  # 057 is stored, 056 is not
    assert "hint: --root 05 matches every code under root 05" in r.stderr


def test_a_root_given_as_a_code_and_the_statuses_left_out_are_hinted(db):
    r = _run("query", "events", "--db", db, "--root", "138")
    assert "--root takes the two-digit root (13); the code 138 is --code 138" in r.stderr
    r = _run("query", "events", "--db", db, "--code", "138")  # negated: not counted by default
    assert "--status all finds" in r.stderr


def test_machine_formats_stay_clean_when_empty(db):
    r = _run("query", "events", "--db", db, "--actor", "ZZZ", "--format", "jsonl")
    assert r.stdout == "" and "no events match" in r.stderr
    r = _run("query", "events", "--db", db, "--actor", "ZZZ", "--format", "csv")
    assert r.stdout.startswith("id,") and len(r.stdout.strip().splitlines()) == 1


def test_an_empty_database_says_so(tmp_path):
    path = tmp_path / "empty.duckdb"
    ingest([], path)
    r = _run("query", "events", "--db", str(path))
    assert "the database has no events" in r.stderr
