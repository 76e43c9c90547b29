"""`tidings query` refuses counts below 1 and malformed cursors as usage errors naming the
option, and pages end where the events end.

Before: `--limit -5` (events, quotes, stories) and `--top -1` were database errors ("Binder
Error: LIMIT/OFFSET cannot be negative"); `--limit 0` said "no events match these filters" with
a hint to use --status all; `--after 2022-03-01` (no id) was "IndexError: tuple index out of
range (unexpected ...)"; `--after garbage` said "'garbage' is not a date" without naming the
option; `--one-a-day --after ...` ignored --after; a full last page printed a 'next page'
cursor that led to "no events match these filters"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storekit import coded
from tidings import query
from tidings.cli import main
from tidings.run.ingest import ingest

TEXT = "Arland's army shelled Belmark on Monday. Arland condemned Belmark on Tuesday. Belmark accused Arland on Friday."
SPECS = [
    (0, "ARLMIL", "BELMIL", "190", "shelled", "2022-03-01"),
    (1, "ARL", "BEL", "111", "condemned", "2022-03-02"),
    (2, "BEL", "ARL", "112", "accused", "2022-03-03"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("qa") / "q.duckdb")
    ingest([coded("q1", TEXT, SPECS, published="2022-03-04")], path, progress=False)
    return path


def _query(*args: str):
    return CliRunner().invoke(main, ["query", *args])


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--limit", "0"),
        ("events", "--limit", "-5"),
        ("quotes", "--limit", "-1"),
        ("stories", "--limit", "-1"),
        ("stories", "--min-articles", "0"),
        ("actors", "--top", "-1"),
        ("network", "--min-count", "0"),
    ],
)
def test_counts_below_one_are_usage_errors(db, args):
    r = _query(*args, "--db", db)
    assert r.exit_code == 2, r.output
    assert f"Invalid value for '{args[1]}'" in r.stderr and "database error" not in r.stderr


@pytest.mark.parametrize("cursor", ["garbage", "2022-03-01", "2022-03-01,", "2022-13-01,abc"])
def test_a_malformed_cursor_is_a_usage_error_naming_the_option(db, cursor):
    r = _query("events", "--db", db, "--after", cursor)
    assert r.exit_code == 2, r.output
    assert "Invalid value for '--after'" in r.stderr and "is not a cursor: give DATE,ID" in r.stderr


def test_one_a_day_has_no_pages(db):
    r = _query("events", "--db", db, "--one-a-day", "--after", "2022-03-01,abc")
    assert r.exit_code == 2 and "--one-a-day has no pages" in r.stderr


def test_pages_follow_the_printed_cursor_and_end_with_the_events(db):
    first = _query("events", "--db", db, "--limit", "2", "--format", "csv")
    assert first.exit_code == 0
    cursor = first.stderr.split("next page: --after ")[1].split()[0]
    last = _query("events", "--db", db, "--limit", "2", "--format", "csv", "--after", cursor)
    assert last.exit_code == 0 and len(last.stdout.splitlines()) == 2  # header and the third event
    assert "next page" not in last.stderr  # not a full page
    full = _query("events", "--db", db, "--limit", "3", "--format", "csv")
    assert len(full.stdout.splitlines()) == 4 and "next page" not in full.stderr  # a full last page


def test_a_cursor_past_the_end_says_so(db):
    r = _query("events", "--db", db, "--after", "2000-01-01,zzz")
    assert r.exit_code == 0
    assert "no events after --after 2000-01-01,zzz" in r.stderr and "--status all" not in r.stderr


def test_event_page_gives_no_cursor_after_a_full_last_page(db):
    df, cursor = query.event_page(db, limit=3)
    assert len(df) == 3 and cursor is None
    df, cursor = query.event_page(db, limit=2)
    assert len(df) == 2 and cursor is not None


@pytest.mark.parametrize(
    "args",
    [
        ("query", "events", "--start", "garbage"),
        ("query", "quotes", "--start", "garbage"),
        ("query", "stories", "--end", "2022-02-30"),
        ("query", "dyad", "--end", "2022-13-01"),
        ("export", "--start", "03/01/2022"),
    ],
)
def test_a_bad_date_names_its_option(db, args):
    """Was "Error: 'garbage' is not a date in the form YYYY-MM-DD" (status 1), without the option."""
    r = CliRunner().invoke(main, [*args, "--db", db])
    assert r.exit_code == 2, r.output
    assert f"Invalid value for '{args[-2]}'" in r.stderr and "is not a date in the form YYYY-MM-DD" in r.stderr


@pytest.mark.parametrize("command", [("query", "events"), ("query", "dyad"), ("query", "quotes"), ("export",)])
def test_start_after_end_is_a_usage_error(db, command):
    """Was an empty answer ('no events match these filters'), as if the store had nothing then."""
    r = CliRunner().invoke(main, [*command, "--db", db, "--start", "2022-03-03", "--end", "2022-03-01"])
    assert r.exit_code == 2, r.output
    assert "--start 2022-03-03 is after --end 2022-03-01" in r.stderr


def test_network_file_format_comes_from_the_name_in_any_case_or_is_asked_for(db, tmp_path):
    """-o net.GEXF wrote GraphML, and -o net.txt wrote GraphML without a word."""
    upper = tmp_path / "net.GEXF"
    r = _query("network", "--db", db, "-o", str(upper))
    assert r.exit_code == 0 and "(gexf)" in r.stderr and "<gexf" in upper.read_text()
    r = _query("network", "--db", db, "-o", str(tmp_path / "net.txt"))
    assert r.exit_code == 2 and "name the file .gexf or .graphml, or give --graph-format" in r.stderr
    assert not (tmp_path / "net.txt").exists()
    r = _query("network", "--db", db, "-o", str(tmp_path / "net.txt"), "--graph-format", "graphml")
    assert r.exit_code == 0 and "(graphml)" in r.stderr and "<graphml" in (tmp_path / "net.txt").read_text()
