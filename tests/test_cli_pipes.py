"""A command whose standard output is closed early (`tidings export ... | head -n 1`) stops
quietly, as cat or grep do. Before, the CLI turned the BrokenPipeError into a one-line error and
printed "Error: Broken pipe" on standard error under the rows the user had asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storekit import coded
from tidings.run.ingest import ingest


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    """Enough events that a CSV export is larger than a pipe's buffer (64 KiB)."""
    path = str(tmp_path_factory.mktemp("pipes") / "p.duckdb")
    articles = []
    for n in range(120):
        filler = " ".join(f"word{n}x{k}" for k in range(120))
        text = f"Arland's army shelled Belmark's border posts near {filler} on Monday."
        articles.append(coded(f"a{n}", text, [(0, "RUSMIL", "UKRMIL", "190", "shelled", "2022-02-21")]))
    ingest(articles, path, progress=False)
    return path


def test_export_into_a_closed_pipe_ends_quietly(big_db):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tidings", "export", "--db", big_db, "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    header = proc.stdout.readline()
    proc.stdout.close()  # what `head -n 1` does after its line
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert header.startswith(b"id,")
    assert "Broken pipe" not in err and "Error" not in err, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
