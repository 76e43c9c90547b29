"""Shared test fixtures and the suite's rules about skips.

Tests that read ../shared get it from the `shared_dir` fixture and carry the `shared`
marker (tests/test_suite_rules.py checks both); without ../shared they skip. Tests that
drive a real browser carry the `browser` marker and skip without Chromium or Playwright.

Every run ends with a "skipped areas" section saying what was not tested and why, so a
user's `make test` shows it. With TIDINGS_NO_SKIPS=1 (set by `.ci/run` and
`make test-browser`) a skipped test fails the run: CI runs everything or goes red.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# marker -> what a test with it needs (the area a skip is reported under)
AREAS = {
    "shared": "../shared beside the checkout (real news, reference formats, the seed article)",
    "browser": "Chromium (apt-get install chromium) and Playwright",
}
STRICT_ENV = "TIDINGS_NO_SKIPS"
_SKIPS = pytest.StashKey[list]()
_UNMARKED = pytest.StashKey[list]()
_CACHE = pytest.StashKey[str]()


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real browser (Chromium through Playwright)")
    if "TIDINGS_CACHE_DIR" not in os.environ:
        # the disk cache of derived tables (tidings.records.cache) goes to a folder of this run,
        # not the user's ~/.cache; subprocesses the tests start inherit it
        import tempfile

        os.environ["TIDINGS_CACHE_DIR"] = tempfile.mkdtemp(prefix="tidings-test-cache-")
        config.stash[_CACHE] = os.environ["TIDINGS_CACHE_DIR"]
    config.stash[_SKIPS] = []
    config.stash[_UNMARKED] = []


def strict() -> bool:
    return os.environ.get(STRICT_ENV, "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from tidings.nlp import get_nlp

    return get_nlp()


def unmarked_shared_tests(items) -> list[str]:
    """Tests that read ../shared (through the shared_dir fixture) without the shared marker."""
    return [
        it.nodeid
        for it in items
        if "shared_dir" in getattr(it, "fixturenames", ()) and it.get_closest_marker("shared") is None
    ]


def pytest_collection_modifyitems(config, items):
    config.stash[_UNMARKED] = unmarked_shared_tests(items)


def area_of(item, reason: str) -> str:
    for marker in AREAS:
        if item.get_closest_marker(marker) is not None:
            return marker
    low = reason.lower()
    if "../shared" in low:
        return "shared"
    if "chromium" in low or "playwright" in low:
        return "browser"
    return "other"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        item.config.stash[_SKIPS].append((area_of(item, reason), item.nodeid, reason))
    return report


def skip_summary(skips) -> list[str]:
    """Readable lines: per area, how many tests skipped, what they need and why."""
    by_area: dict[str, list] = {}
    for area, nodeid, reason in skips:
        by_area.setdefault(area, []).append((nodeid, reason))
    lines = []
    for area, entries in sorted(by_area.items()):
        files = sorted({n.split("::")[0] for n, _ in entries})
        reasons = sorted({r for _, r in entries})
        need = AREAS.get(area, "see the reasons")
        lines.append(f"{area}: {len(entries)} test(s) not run; needs {need}")
        lines.append(f"    why: {'; '.join(reasons)[:300]}")
        lines.append(f"    in: {', '.join(files)[:300]}")
    return lines


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skips = config.stash.get(_SKIPS, [])
    unmarked = config.stash.get(_UNMARKED, [])
    if skips:
        terminalreporter.section("skipped areas", sep="-", yellow=True)
        for line in skip_summary(skips):
            terminalreporter.write_line(line)
        if strict():
            terminalreporter.write_line(f"{STRICT_ENV} is set: {len(skips)} skipped test(s) fail this run", red=True)
    if unmarked:
        terminalreporter.section("tests reading ../shared without the shared marker", sep="-", red=True)
        for nodeid in unmarked:
            terminalreporter.write_line(nodeid)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if strict() and session.config.stash.get(_SKIPS, []) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    """Remove the cache folder this run made (not one the user set)."""
    folder = config.stash.get(_CACHE, None)
    if folder:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("TIDINGS_CACHE_DIR", None)
