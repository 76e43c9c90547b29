"""The adjudication file: every change made to a gold item after the coder was run on it.

`gold/adjudication.tsv` (tab-separated, header line) has one line per changed field:

    date  file  item  field  old  new  why  by

`date` YYYY-MM-DD; `file` a gold file under gold/ (`articles.jsonl`); `item` the gold
document id; `field` what changed (`events_required[0]`, `acceptable`); `old` and `new` the
values (JSON, a short summary, or `-` for nothing); `why` the reason; `by` who decided.
gold/README.md says when a line is owed. `validate_adjudication` checks the file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ADJUDICATION_FILE", "COLUMNS", "Adjudication", "load_adjudication", "validate_adjudication"]

ADJUDICATION_FILE = "adjudication.tsv"
COLUMNS = ("date", "file", "item", "field", "old", "new", "why", "by")
MIN_WHY_WORDS = 3


@dataclass(frozen=True)
class Adjudication:
    line: int
    date: str
    file: str
    item: str
    field: str
    old: str
    new: str
    why: str
    by: str


def load_adjudication(path: str | Path) -> tuple[list[Adjudication], list[str]]:
    """The lines of the file and the problems of its shape (header, column count)."""
    rows, problems = [], []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        return [], [f"{path}:1: the header must be {chr(9).join(COLUMNS)!r}"]
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            problems.append(f"{path}:{n}: {len(cells)} columns, want {len(COLUMNS)}")
            continue
        rows.append(Adjudication(n, *(c.strip() for c in cells)))
    return rows, problems


def _ids(gold_file: Path) -> set[str]:
    out = set()
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.add(str(json.loads(line).get("id")))
    return out


def validate_adjudication(path: str | Path, gold_dir: str | Path | None = None) -> list[str]:
    """Problems of the adjudication file (empty: valid): every column filled, a real date not
    in the future, a gold file that exists beside it and an item that is in it, old and new
    differing, a reason of at least MIN_WHY_WORDS words."""
    path = Path(path)
    gold_dir = Path(gold_dir) if gold_dir is not None else path.parent
    rows, problems = load_adjudication(path)
    ids: dict[str, set[str] | None] = {}
    for r in rows:
        where = f"{path}:{r.line}"
        empty = [c for c in COLUMNS if not getattr(r, c)]
        if empty:
            problems.append(f"{where}: empty {', '.join(empty)} (write '-' for no value)")
            continue
        try:
            day = dt.date.fromisoformat(r.date)
            if day > dt.date.today():
                problems.append(f"{where}: date {r.date} is in the future")
        except ValueError:
            problems.append(f"{where}: date {r.date!r} is not YYYY-MM-DD")
        if r.file not in ids:
            f = gold_dir / r.file
            ids[r.file] = _ids(f) if f.is_file() and f.suffix == ".jsonl" else None
        known = ids[r.file]
        if known is None:
            problems.append(f"{where}: no gold file {r.file} in {gold_dir}")
        elif r.item not in known:
            problems.append(f"{where}: {r.file} has no item {r.item}")
        if r.old == r.new:
            problems.append(f"{where}: old and new are the same")
        if len(r.why.split()) < MIN_WHY_WORDS:
            problems.append(f"{where}: say why in at least {MIN_WHY_WORDS} words")
    return problems
