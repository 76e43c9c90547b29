"""Mutation testing of the core modules with mutmut (`make mutate`).

For each module group below, a scratch copy of the project (build/mutate/<name>/: src/,
tests/, pyproject.toml with a [tool.mutmut] section for that group) is mutated by mutmut,
which runs the group's tests against every mutant (only the tests that reach the mutated
function). A mutant is killed when a test fails; it survives when every test passes. The
score per module is killed / (killed + survived + no tests), timeouts counted as killed.

    python scripts/mutate.py                    # every group, then docs/mutation.md
    python scripts/mutate.py --modules dedup    # some groups (the table keeps the others)
    python scripts/mutate.py --show dedup       # list the surviving mutants of a group

The table in docs/mutation.md is rewritten from build/mutate/scores.json, which keeps the
last result of every group.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutate"
SCORES = WORK / "scores.json"
DOC = ROOT / "docs" / "mutation.md"

# name -> (what it guards, files to mutate, tests that guard them)
GROUPS = {
    "status": ("event status: negation, conditions, modality, reported acts",
               ["src/tidings/events/status.py"],
               ["tests/test_events_extraction.py"]),
    "dates": ("calendar arithmetic behind relative dates (weekdays, months, quarters, holidays)",
              ["src/tidings/dates/calendar.py"],
              ["tests/test_dates.py", "tests/test_dates_timeml.py"]),
    "actors-by-date": ("actor lexicon: roles held over a period (Biden is USAGOV from 2021-01-20)",
                       ["src/tidings/actors/lexicon.py"],
                       ["tests/test_actors.py", "tests/test_actors_subnational.py"]),
    "dedup": ("near-duplicate detection of syndicated copies (shingles, MinHash, LSH, thresholds)",
              ["src/tidings/store/dedup.py"],
              ["tests/test_store_dedup.py", "tests/test_dedup_thresholds.py"]),
    "export": ("exports: GDELT events and mentions, Phoenix, ICEWS, codes",
               ["src/tidings/export/__init__.py", "src/tidings/export/codes.py"],
               ["tests/test_export.py"]),
    "web-escaping": ("web evidence: highlighted segments of the text (what the templates escape)",
                     ["src/tidings/web/data.py"],
                     ["tests/test_web.py", "tests/test_hostile_web.py"]),
}


def _section(files: list[str], tests: list[str]) -> str:
    q = lambda xs: "[" + ", ".join(json.dumps(x) for x in xs) + "]"
    return ("\n[tool.mutmut]\n"
            'source_paths = ["src"]\n'
            f"only_mutate = {q(files)}\n"
            f"pytest_add_cli_args_test_selection = {q(tests)}\n"
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "-m", "not shared and not browser"]\n'
            "use_git_change_detection = false\n")


def prepare(name: str) -> Path:
    _, files, tests = GROUPS[name]
    work = WORK / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "src", work / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    for extra in ("gold", "docs"):  # some tests read them beside tests/
        shutil.copytree(ROOT / extra, work / extra, ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(text + _section(files, tests), encoding="utf-8")
    return work


def run(name: str, children: int) -> dict:
    work = prepare(name)
    env = {**os.environ, "PYTHONPATH": ""}
    start = time.time()
    done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
                          cwd=work, env=env, capture_output=True, text=True)
    (work / "mutmut-run.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mutmut", "export-cicd-stats"], cwd=work, env=env,
                   capture_output=True, text=True)
    stats_file = work / "mutants" / "mutmut-cicd-stats.json"
    if done.returncode != 0 or not stats_file.is_file():
        tail = (done.stdout + done.stderr)[-3000:]
        raise SystemExit(f"mutmut failed on {name} (exit {done.returncode}); log in {work}/mutmut-run.log\n{tail}")
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    killed = stats.get("killed", 0) + stats.get("timeout", 0)
    survived = stats.get("survived", 0)
    untested = stats.get("no_tests", 0)
    counted = killed + survived + untested
    return {"module": name, "files": GROUPS[name][1], "tests": GROUPS[name][2], "killed": killed,
            "survived": survived, "no_tests": untested, "suspicious": stats.get("suspicious", 0),
            "skipped": stats.get("skipped", 0), "total": stats.get("total", counted),
            "score": round(killed / counted, 3) if counted else None,
            "seconds": round(time.time() - start), "date": dt.date.today().isoformat()}


def survivors(name: str) -> str:
    work = WORK / name
    done = subprocess.run([sys.executable, "-m", "mutmut", "results"], cwd=work, capture_output=True, text=True)
    return done.stdout + done.stderr


def write_doc(scores: dict) -> None:
    lines = ["# Mutation scores", "",
             "Generated by `make mutate` (`scripts/mutate.py`, mutmut): each core module is mutated one",
             "small change at a time (an operator, a constant, a comparison, a returned value) and its",
             "tests are run against every mutant. The score is the share of mutants some test notices",
             "(killed / (killed + survived + mutants no test reaches)). A surviving mutant is a change",
             "the tests would let through: read them with `python scripts/mutate.py --show NAME`.",
             "",
             "| module | guards | files | killed | survived | no tests | score | run on |",
             "|---|---|---|---:|---:|---:|---:|---|"]
    for name in GROUPS:
        s = scores.get(name)
        if not s:
            lines.append(f"| {name} | {GROUPS[name][0]} | {', '.join(GROUPS[name][1])} | | | | not run | |")
            continue
        score = "n/a" if s["score"] is None else f"{100 * s['score']:.0f}%"
        lines.append(f"| {name} | {GROUPS[name][0]} | {', '.join(f[len('src/tidings/'):] for f in s['files'])} "
                     f"| {s['killed']} | {s['survived']} | {s['no_tests']} | {score} | {s['date']} |")
    lines += ["", "Tests run per group: " + "; ".join(f"{n}: {', '.join(GROUPS[n][2])}" for n in GROUPS) + ".", ""]
    DOC.write_text("\n".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modules", nargs="*", choices=sorted(GROUPS), help="groups to run (default: all)")
    ap.add_argument("--children", type=int, default=2, help="mutants run at once (default 2)")
    ap.add_argument("--show", choices=sorted(GROUPS), help="print the surviving mutants of a group and exit")
    args = ap.parse_args(argv)
    if args.show:
        print(survivors(args.show))
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    scores = json.loads(SCORES.read_text(encoding="utf-8")) if SCORES.is_file() else {}
    failed = []
    for name in args.modules or list(GROUPS):
        print(f"mutating {name}: {', '.join(GROUPS[name][1])} ...", flush=True)
        try:
            s = run(name, args.children)
        except SystemExit as exc:
            print(exc, file=sys.stderr)
            failed.append(name)
            continue
        scores[name] = s
        SCORES.write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        score = "n/a" if s["score"] is None else f"{100 * s['score']:.0f}%"
        print(f"{name}: {score} ({s['killed']} killed, {s['survived']} survived, {s['no_tests']} no tests, "
              f"{s['seconds']} s)", flush=True)
    write_doc(scores)
    print(f"scores written to {DOC.relative_to(ROOT)}")
    if failed:
        print(f"mutmut could not run: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
