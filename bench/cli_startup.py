#!/usr/bin/env python3
"""How long `tidings --help` takes to start (it must not import spaCy): the best of N runs.

A wall-clock figure, so it lives here and not in the tests (tests/test_cli.py checks only
that spaCy is not imported). Target: under 1 s on an idle laptop.

    python bench/cli_startup.py [--runs 5]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tidings.cli", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(f"tidings --help: best {min(times):.2f} s, worst {max(times):.2f} s of {args.runs} runs")


if __name__ == "__main__":
    main()
