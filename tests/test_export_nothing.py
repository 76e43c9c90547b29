"""`tidings export` of nothing (an empty store, or filters that match no event) says so, with
the hints `tidings query` gives, writes no file and exits with status 1. Before, it wrote an
empty file and "0 rows written" as if all was well."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storekit import coded
from tidings.cli import main
from tidings.run.ingest import ingest

TEXT = "Arland's army shelled Belmark's border posts on Monday. Arland's foreign minister denied it would invade."
SPECS = [
    (0, "ARLMIL", "BELMIL", "190", "shelled", "2022-02-21"),
    (1, "ARLGOV", "BELGOV", "192", "invade", "2022-02-21", "negated"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("x") / "x.duckdb")
    ingest([coded("a1", TEXT, SPECS, published="2022-02-22")], path, progress=False)
    return path


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("e") / "empty.duckdb")
    ingest([], path, progress=False)
    return path


def _export(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def test_filters_that_match_nothing_write_no_file_and_say_why(db, tmp_path):
    target = tmp_path / "out.tsv"
    r = _export("--db", db, "--root", "04", "-o", str(target))
    assert r.exit_code == 1, r.output
    assert not target.exists()
    assert r.stderr.splitlines()[0] == f"nothing to export: no events match these filters; {target} not written"
    assert "rows written" not in r.stderr and r.stdout == ""


def test_a_code_given_as_a_root_gets_the_query_hint(db):
    r = _export("--db", db, "--code", "19")
    assert r.exit_code == 1 and r.stdout == ""
    assert "hint: --code 19 matches the code 19 only" in r.stderr
    assert "--root 19 matches every code under root 19: 1 event" in r.stderr


def test_events_of_another_status_are_pointed_to(db):
    r = _export("--db", db, "--format", "csv", "--code", "192")
    assert r.exit_code == 1
    assert "hint: only asserted events are counted; --status all finds 1 event" in r.stderr
    r = _export("--db", db, "--format", "csv", "--code", "192", "--status", "all")
    assert r.exit_code == 0 and "1 rows written (csv)" in r.stderr


def test_an_empty_store_says_to_ingest_first(empty_db, tmp_path):
    for fmt, out in (("gdelt", tmp_path / "g.tsv"), ("plover", tmp_path / "p.jsonl"), ("parquet", tmp_path / "pq")):
        r = _export("--db", empty_db, "--format", fmt, "-o", str(out))
        assert r.exit_code == 1, (fmt, r.output)
        assert not out.exists(), fmt
        assert "the database has no events: code some with `tidings ingest FILES --db FILE`" in r.stderr


def test_something_to_export_is_unchanged(db, tmp_path):
    target = tmp_path / "out.tsv"
    r = _export("--db", db, "-o", str(target))
    assert r.exit_code == 0 and "1 rows written (gdelt)" in r.stderr
    assert len(target.read_text().splitlines()) == 1


@pytest.fixture(scope="module")
def half_dated_db(tmp_path_factory):
    """One article with a publication date and one without (its event has no date)."""
    path = str(tmp_path_factory.mktemp("u") / "undated.duckdb")
    undated = coded(
        "u1", "Arland's army shelled Belmark's port.", [(0, "ARLMIL", "BELMIL", "190", "shelled")], published=None
    )
    ingest([coded("a1", TEXT, SPECS, published="2022-02-22"), undated], path, progress=False)
    return path


@pytest.mark.parametrize("fmt", ["gdelt", "gdelt-mentions", "phoenix"])
def test_undated_events_left_out_of_a_dated_format_are_counted(half_dated_db, fmt, tmp_path):
    """GDELT and Phoenix rows need a date; an event without one was left out with no word, and
    an export of only undated events wrote an empty file with '0 rows written' and status 0."""
    r = _export("--db", half_dated_db, "--format", fmt)
    assert r.exit_code == 0, r.output
    assert "1 rows written" in r.stderr
    assert f"1 matching event has no date and no {fmt} row: left out" in r.stderr
    r = _export("--db", half_dated_db, "--format", fmt, "--text", "port", "-o", str(tmp_path / "x.tsv"))
    assert r.exit_code == 1 and "rows written" not in r.stderr
    assert r.stderr.splitlines()[0].startswith(f"nothing to export: 1 matching event has no date and no {fmt} row")
    assert "--published" in r.stderr and not (tmp_path / "x.tsv").exists()


def test_undated_events_are_kept_by_csv(half_dated_db):
    r = _export("--db", half_dated_db, "--format", "csv")
    assert r.exit_code == 0 and "2 rows written (csv)" in r.stderr and "no date" not in r.stderr


@pytest.mark.parametrize("fmt", ["gdelt", "gdelt-mentions", "phoenix", "icews"])
def test_a_format_without_status_warns_when_other_statuses_are_asked_for(db, fmt):
    """GDELT, Phoenix and ICEWS rows have no status: with --status all a negated invasion ('denied
    it would invade') was written as an invasion, with no word."""
    r = _export("--db", db, "--format", fmt, "--status", "all")
    assert r.exit_code == 0, r.output
    assert "warning: 1 matching event is negated/hypothetical/future" in r.stderr
    assert f"and {fmt} has no status column" in r.stderr
    assert "warning" not in _export("--db", db, "--format", fmt).stderr


def test_a_format_with_status_does_not_warn(db):
    r = _export("--db", db, "--format", "csv", "--status", "all")
    assert r.exit_code == 0 and "warning" not in r.stderr
