"""SQL lives in the store (writes, and what is stored) and in query/ (reads): every other
module asks them through named functions (docs/architecture.md)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "tidings"
SQL_CALL = re.compile(r"\.(?:execute|executemany|sql)\(")
ROOMS = ("store", "query")


def sql_outside_rooms(root: Path = SRC) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] in ROOMS:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL_CALL.search(line):
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    return found


def test_sql_is_only_in_the_store_and_the_queries():
    found = sql_outside_rooms()
    assert not found, "SQL outside store/ and query/ (add a named function there):\n" + "\n".join(found)


def test_the_check_finds_a_query_outside(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "ok.py").write_text('conn.execute("SELECT 1")\n', encoding="utf-8")
    (tmp_path / "commands").mkdir()
    (tmp_path / "commands" / "bad.py").write_text('n = conn.execute("SELECT count(*) FROM events")\n')
    assert sql_outside_rooms(tmp_path) == ['commands/bad.py:1: n = conn.execute("SELECT count(*) FROM events")']
