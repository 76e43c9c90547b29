"""The CAMEO codebook: every code with its name, Goldstein value, quad class, pentacode and
PLOVER event type and mode (data file: tidings/data/codebook.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..records.errors import DataFileError

__all__ = ["CodeInfo", "Codebook", "load_codebook", "pentacode", "DEFAULT_PATH"]

DEFAULT_PATH = Path(str(resources.files("tidings") / "data" / "codebook.tsv"))
# acts two parties do together: "A met B" is also B meeting A, so the coder codes both
# directions and the evaluation accepts the mirror image of a gold event with one of these
# codes (consult, discuss by telephone, meet at a third place, negotiate, sign a formal agreement)
MUTUAL_CODES = frozenset({"040", "041", "044", "046", "057"})
COLUMNS = (
    "code",
    "root",
    "level",
    "name",
    "goldstein",
    "quad",
    "penta",
    "plover_event",
    "plover_mode",
    "plover_context",
)


def pentacode(root: str) -> int:
    """CAMEO pentacode of a root: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14-15, 17-20."""
    r = int(root[:2])
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13 or r == 16:
        return 3
    return 4


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    root: str
    level: int
    name: str
    goldstein: float
    quad: int
    penta: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None


class Codebook:
    """Code -> CodeInfo; `get` falls back to the nearest listed parent of an unknown code."""

    def __init__(self, entries: dict[str, CodeInfo]):
        self._entries = dict(entries)

    def __contains__(self, code: str) -> bool:
        return code in self._entries

    def __iter__(self):
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, code: str) -> CodeInfo:
        return self._entries[code]

    def get(self, code: str) -> CodeInfo | None:
        while code:
            if code in self._entries:
                return self._entries[code]
            code = code[:-1] if len(code) > 2 else ""
        return None

    def codes(self) -> list[str]:
        return list(self._entries)


def _parse(path: Path) -> dict[str, CodeInfo]:
    out: dict[str, CodeInfo] = {}
    header = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            if tuple(cells[: len(COLUMNS)]) != COLUMNS:
                raise DataFileError(f"{path}:{lineno}: unexpected header {cells!r}")
            continue
        cells += [""] * (len(COLUMNS) - len(cells))
        code, root, level, name, gold, quad, penta, pe, pm, pc = cells[: len(COLUMNS)]
        if not code.isdigit() or not code.startswith(root) or len(code) not in (2, 3, 4):
            raise DataFileError(f"{path}:{lineno}: bad code {code!r} for root {root!r}")
        if int(penta) != pentacode(root):
            raise DataFileError(f"{path}:{lineno}: pentacode {penta} does not follow root {root}")
        out[code] = CodeInfo(
            code, root, int(level), name, float(gold), int(quad), int(penta), pe or None, pm or None, pc or None
        )
    return out


@lru_cache(maxsize=4)
def load_codebook(path: str | None = None) -> Codebook:
    """The codebook from `path` (default: the project's data file); cached, read-only."""
    return Codebook(_parse(Path(path) if path else DEFAULT_PATH))
