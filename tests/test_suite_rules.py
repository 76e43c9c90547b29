"""Rules the test suite keeps about itself.

- A test that reads ../shared gets it through the `shared_dir` fixture and carries the
  `shared` marker, so a missing ../shared shows up as a skipped area (and fails CI), never
  as a silent pass; and a test marked `shared` does read it.
- No test or source file builds a path to ../shared by hand.
- No text from the seed article (../shared/examples/seed-article.txt) is copied into tests/
  or src/: no run of EIGHT or more words in a row (the seed must stay out of sample).
- The skip summary and the strict mode of tests/conftest.py work.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import conftest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
EIGHT = 8

# Seed text that others' sources still quote in docstrings: file -> sha256 of each run of
# words (the words themselves stay out of this file). Each entry must still be found (a
# stale entry fails), and nothing else may be. Reported on issue 25 for the readers' owner.
KNOWN_SEED_QUOTES: dict[str, tuple[str, ...]] = {}


def _collect(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.slow
def test_every_test_reading_shared_carries_the_marker_and_every_marked_test_reads_it(tmp_path):
    probe = (
        "import conftest, pytest\n"
        "def pytest_collection_finish(session):\n"
        "    for it in session.items:\n"
        "        uses = 'shared_dir' in it.fixturenames\n"
        "        marked = it.get_closest_marker('shared') is not None\n"
        "        print('RULE', it.nodeid, int(uses), int(marked))\n"
    )
    plugin_dir = tmp_path
    (plugin_dir / "suite_rules_probe.py").write_text(probe, encoding="utf-8")
    done = _collect(
        "--collect-only",
        "-q",
        "-p",
        "suite_rules_probe",
        str(TESTS),
        env={"PYTHONPATH": os.pathsep.join([str(plugin_dir), str(TESTS)])},
    )
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith("RULE ")]
    assert len(rows) > 1000, done.stdout[-2000:] + done.stderr[-2000:]
    unmarked = [r[1] for r in rows if r[2] == "1" and r[3] == "0"]
    needless = [r[1] for r in rows if r[2] == "0" and r[3] == "1"]
    assert not unmarked, "tests reading ../shared without @pytest.mark.shared:\n" + "\n".join(unmarked)
    assert not needless, "tests marked shared that never ask for shared_dir:\n" + "\n".join(needless)
    assert sum(1 for r in rows if r[2] == "1") >= 18


_HAND_MADE = re.compile(r"""["']\.\./shared/|/\s*["']shared["']|["']shared/(data|examples|tools)""")


def test_no_test_builds_a_path_to_shared_by_hand():
    offenders = []
    for path in sorted(TESTS.glob("*.py")):
        if path.name in ("conftest.py", "test_suite_rules.py"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _HAND_MADE.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "use the shared_dir fixture:\n" + "\n".join(offenders)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def seed_runs(seed: str, text: str, n: int = EIGHT) -> list[str]:
    """The runs of n or more words of `text` found in a row in `seed` (lower-cased, words only)."""
    sw = _words(seed)
    grams = {tuple(sw[i : i + n]) for i in range(len(sw) - n + 1)}
    w = _words(text)
    runs: list[list[int]] = []
    for i in range(len(w) - n + 1):
        if tuple(w[i : i + n]) in grams:
            if runs and i <= runs[-1][1]:
                runs[-1][1] = i + n
            else:
                runs.append([i, i + n])
    return [" ".join(w[a:b]) for a, b in runs]


def test_seed_runs_finds_copies_and_only_copies():
    seed = "The minister said on Monday that the two countries would sign a trade deal soon."
    assert seed_runs(seed, "x: The minister said on Monday that the two countries would sign it") == [
        "the minister said on monday that the two countries would sign"
    ]
    assert seed_runs(seed, "The minister said on Monday that the sides agreed") == []  # 7 words in a row
    assert seed_runs(seed, "the MINISTER said, on Monday, that the two...") == [
        "the minister said on monday that the two"
    ]


@pytest.mark.shared
def test_no_seed_passage_is_copied_into_tests_or_sources(shared_dir):
    seed = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for base in (TESTS, ROOT / "src"):
        for path in sorted(base.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".duckdb", ".npz"):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            runs = seed_runs(seed, text)
            if runs:
                found[str(path.relative_to(ROOT))] = runs
    known = {k: list(v) for k, v in KNOWN_SEED_QUOTES.items()}
    digest = {k: [hashlib.sha256(r.encode()).hexdigest()[:16] for r in v] for k, v in found.items()}
    stale = [k for k, v in known.items() if digest.get(k) != v]
    assert not stale, f"KNOWN_SEED_QUOTES is out of date for {stale}: {[digest.get(k) for k in stale]}"
    copied = {k: v for k, v in found.items() if k not in known}
    assert not copied, "seed text copied (write your own):\n" + "\n".join(f"{k}: {v}" for k, v in copied.items())


def test_skip_summary_names_the_area_what_it_needs_and_why():
    lines = conftest.skip_summary(
        [
            ("shared", "tests/test_a.py::test_x", "../shared is not present"),
            ("shared", "tests/test_b.py::test_y", "../shared is not present"),
            ("browser", "tests/test_web_browser.py::test_z", "Chromium is not installed"),
        ]
    )
    text = "\n".join(lines)
    assert "shared: 2 test(s) not run" in text and "browser: 1 test(s) not run" in text
    assert "tests/test_a.py, tests/test_b.py" in text and "Chromium is not installed" in text


def test_a_skip_fails_the_run_only_in_strict_mode(tmp_path):
    (tmp_path / "test_probe.py").write_text(
        "import pytest\n"
        "@pytest.mark.shared\n"
        "def test_needs_it():\n    pytest.skip('../shared is not present')\n"
        "def test_fine():\n    assert 1 + 1 == 2\n",
        encoding="utf-8",
    )
    (tmp_path / "conftest.py").write_text((TESTS / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    args = ("-q", "-o", "markers=shared: x", "--rootdir", str(tmp_path), str(tmp_path / "test_probe.py"))
    relaxed = _collect(*args, env={conftest.STRICT_ENV: "0"}, cwd=tmp_path)
    assert relaxed.returncode == 0, relaxed.stdout
    assert "skipped areas" in relaxed.stdout and "shared: 1 test(s) not run" in relaxed.stdout
    strict = _collect(*args, env={conftest.STRICT_ENV: "1"}, cwd=tmp_path)
    assert strict.returncode == 1, strict.stdout
    assert "1 skipped test(s) fail this run" in strict.stdout
