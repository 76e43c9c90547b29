"""`tidings watch` checks its options before it starts, and names the option at fault.

Before: `--published garbage` was taken silently (the items were stored undated, so their
events never reached the update files); `--every abc` said "Invalid value: 'abc' ..." without
naming --every; `--every 0`, `--cycles 0` or `-1`, `--timeout 0` and `--rate -1` were accepted
(no cycle at all, status 0, or a poll loop with no pause)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tidings.cli import main


@pytest.mark.parametrize(
    "option, value, says",
    [
        ("--published", "garbage", "is not a date in the form YYYY-MM-DD"),
        ("--every", "abc", "use a number of seconds"),
        ("--every", "0", "must be more than 0"),
        ("--cycles", "0", "not in the range"),
        ("--cycles", "-1", "not in the range"),
        ("--timeout", "0", "not in the range"),
        ("--rate", "-1", "not in the range"),
    ],
)
def test_a_bad_option_is_a_usage_error_naming_it(tmp_path, option, value, says):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "w.duckdb"
    args = ["watch", str(inbox), "--db", str(db), "--out", str(tmp_path / "u"), option, value]
    if option != "--cycles":
        args += ["--cycles", "1"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2, r.output
    assert f"Invalid value for '{option}'" in r.stderr and says in r.stderr
    assert not db.exists()  # refused before anything was made
