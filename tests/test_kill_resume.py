"""An ingest killed with SIGKILL and resumed ends equal to an uninterrupted run.
(bench/kill_resume.py does the same 20 times and prints each run.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import kill_resume  # noqa: E402


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_database():
    lines: list[str] = []
    assert kill_resume.run(runs=2, articles=12, seed=3, out=lines.append) == 0, "\n".join(lines)
    assert lines[-1] == "kill/resume: 2/2 runs identical to the uninterrupted run"
