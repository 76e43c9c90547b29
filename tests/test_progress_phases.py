"""Long runs say what they are doing (issue 23, item 9): the ingest bar names each phase
(loading the model, coding, writing) instead of sitting at "0/200 - articles/s"; the
elapsed time has a label; an interrupted ingest says what it had written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from rich.progress import Progress

import tidings.run.ingest as run_ingest
from tidings.run.ingest import ingest

from storekit import other_story, wire_copies

SENTENCES = [
    "Kenyan police arrested {n} protesters in Nairobi on Monday.",
    "Chile and Peru signed a trade agreement in Lima on Monday.",
    "Turkey and Greece held talks on maritime borders in Athens on Monday.",
]


def _corpus(path, n):
    path.write_text(
        "\n".join(
            json.dumps({"id": f"a{i}", "published": "2023-03-06", "text": SENTENCES[i % 3].format(n=i + 2)})
            for i in range(n)
        )
        + "\n"
    )
    return path


class _Recording(Progress):
    """A bar that remembers every description its tasks were given."""

    seen: list[str] = []

    def add_task(self, description, *a, **kw):
        _Recording.seen.append(description)
        return super().add_task(description, *a, **kw)

    def update(self, task_id, *a, description=None, **kw):
        if description is not None:
            _Recording.seen.append(description)
        return super().update(task_id, *a, description=description, **kw)


@pytest.fixture
def recorded(monkeypatch):
    made = run_ingest._progress

    def progress(enabled):
        bar = made(enabled)
        rec = _Recording(*bar.columns, console=bar.console, disable=bar.disable, transient=False)
        return rec

    _Recording.seen = []
    monkeypatch.setattr(run_ingest, "_progress", progress)
    return _Recording.seen


@pytest.mark.slow
def test_the_bar_names_each_phase(tmp_path, recorded):
    report = ingest([str(_corpus(tmp_path / "c.jsonl", 3))], tmp_path / "e.duckdb", progress=True)
    assert report.new == 3
    phases = list(dict.fromkeys(recorded))
    assert "loading the model" in phases
    assert phases.index("loading the model") < phases.index("coding") < phases.index("writing")
    assert phases[-1] == "done"


def test_pre_coded_records_need_no_model(tmp_path, recorded):
    ingest([*wire_copies(), other_story()], tmp_path / "e.duckdb", progress=True)
    assert "loading the model" not in recorded and "writing" in recorded


@pytest.mark.slow
def test_the_elapsed_time_is_labelled(tmp_path, capsys):
    ingest([str(_corpus(tmp_path / "c.jsonl", 2))], tmp_path / "e.duckdb", progress=True)
    err = capsys.readouterr().err
    assert "elapsed" in err and "left" in err and "2/2" in err


@pytest.mark.slow
def test_an_interrupted_ingest_says_what_it_wrote(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 4000)  # long enough to be still running when interrupted
    db = tmp_path / "e.duckdb"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tidings.cli", "ingest", str(corpus), "--db", str(db), "--progress"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # Ctrl-C as a terminal gives it: a suite started in the background (nohup, `cmd &` in a
        # script) passes SIGINT on as ignored, and Python then never turns it into an interrupt
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    seen = []
    deadline = time.time() + 240
    for line in proc.stderr:  # wait until a batch has been written
        seen.append(line)
        if "writing" in line or time.time() > deadline:
            break
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=120)
    out = "".join(seen) + rest
    assert proc.returncode == 130, out
    assert "interrupted" in out
    # the summary names what was written before the interrupt, in numbers
    import re

    m = re.search(r"interrupted after writing (\d+) articles? \((\d+) new, (\d+) updated[^)]*\) and (\d+) events?", out)
    assert m, out
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert int(m.group(2)) == stored > 0
