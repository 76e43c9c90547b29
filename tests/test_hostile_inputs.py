"""Hostile inputs at the reader boundary (issue 24, items 1, 3, 5, 6 and 10): every text is
valid, limits count bytes read, one bad line never drops the rest, only regular files are read."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tidings.readers import ReadOptions, read_data, read_paths
from tidings.readers.compose import split_long_sentences
from tidings.records import Article, InputError

GOOD = "Ghana and Togo signed a security cooperation agreement on Tuesday, the two governments said."
TIDINGS = [sys.executable, "-m", "tidings.cli"]


def good_lines(n: int, start: int = 0) -> list[str]:
    return [
        json.dumps({"id": f"ok-{i}", "text": f"{GOOD} Report number {i}.", "published": "2024-03-01"})
        for i in range(start, start + n)
    ]


def items(path, **kw) -> tuple[list, list[str]]:
    notes: list[str] = []
    got = list(read_paths([str(path)], options=ReadOptions(note=notes.append, **kw)))
    return got, notes


# ---- 1. every text is valid ------------------------------------------------------------------


def test_a_lone_surrogate_is_replaced_counted_and_the_record_read(tmp_path):
    rows = (
        good_lines(20)
        + [
            '{"id": "bad", "title": "Bad \\ud800 title", "text": "Kenya \\udfff said \\u0000 it '
            'would hold talks with Ethiopia on Monday."}'
        ]
        + good_lines(20, 20)
    )
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    got, notes = items(tmp_path / "c.jsonl")
    assert all(isinstance(a, Article) for a in got) and len(got) == 41
    bad = next(a for a in got if a.id == "bad")
    assert bad.title == "Bad \ufffd title" and "\ufffd said" in bad.text and "\x00" not in bad.text
    for a in got:  # everything encodes: the store, JSON output and the terminal can take it
        for v in (a.id, a.title, a.text, a.source):
            (v or "").encode("utf-8")
    assert any("line 21" in n and "3 invalid character" in n for n in notes), notes


def test_code_prints_a_record_with_a_lone_surrogate(tmp_path):
    (tmp_path / "c.jsonl").write_text(
        '{"id": "bad", "title": "Bad \\ud800 title", "text": "Kenya said it would '
        'hold talks with Ethiopia on Monday."}\n' + good_lines(1)[0] + "\n"
    )
    p = subprocess.run(
        TIDINGS + ["code", str(tmp_path / "c.jsonl"), "--format", "jsonl", "--published", "2024-03-01"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert [o["id"] for o in out] == ["bad", "ok-0"] and out[0]["title"] == "Bad \ufffd title"
    assert "Traceback" not in p.stderr


# ---- 3. streaming limits ---------------------------------------------------------------------


def _bomb(path: Path, gigabytes: float = 1.0) -> None:
    """A small .jsonl.gz holding one line of `gigabytes` (a few MB compressed), then a good record."""
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(b'{"id": "bomb", "text": "')
        block = b"a" * (1 << 20)
        for _ in range(int(1024 * gigabytes)):
            fh.write(block)
        fh.write(b'"}\n' + good_lines(1)[0].encode() + b"\n")


def _run_measured(cmd: list[str], bound_mb: float, timeout: float = 300):
    """(peak resident MB of the command, returncode, stdout, stderr); a child going over
    `bound_mb` is killed at once by a sampler. The peak is the kernel's high-water mark of the
    command's own image (VmHWM, reset by exec), not wait4's ru_maxrss, which also counts the
    moments between fork and exec when the child still maps the whole test process."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = []
    hwm = [0.0]
    own = Path("/proc/self/cmdline").read_bytes()  # the child's command line until it execs the command

    def sampler():
        while True:
            try:
                status = Path(f"/proc/{proc.pid}/status").read_text()
            except OSError:
                return
            if "State:\tZ" in status:
                return
            field = {line.split(":")[0]: line.split()[1:2] for line in status.splitlines()}
            try:
                execed = Path(f"/proc/{proc.pid}/cmdline").read_bytes() not in (own, b"")
            except OSError:
                return
            if execed and field.get("VmHWM"):
                hwm[0] = max(hwm[0], int(field["VmHWM"][0]) / 1024)
            rss = next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
            if rss > bound_mb:
                killed.append(rss)
                proc.kill()
                return
            time.sleep(0.05)

    threading.Thread(target=sampler, daemon=True).start()
    out = io.BytesIO()
    err = io.BytesIO()
    readers = [
        threading.Thread(target=lambda s, b: b.write(s.read()), args=(proc.stdout, out), daemon=True),
        threading.Thread(target=lambda s, b: b.write(s.read()), args=(proc.stderr, err), daemon=True),
    ]
    for r in readers:
        r.start()
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    assert not killed, f"killed at {killed[0]:.0f} MB (bound {bound_mb} MB): {err.getvalue().decode()[-500:]}"
    assert hwm[0] > 0, "the command's memory was never sampled"
    return hwm[0], proc.returncode, out.getvalue().decode(), err.getvalue().decode()


@pytest.mark.slow
def test_a_gzip_bomb_stays_under_600_mb_and_the_next_record_is_stored(tmp_path):
    _bomb(tmp_path / "bomb.jsonl.gz", 1.0)
    assert (tmp_path / "bomb.jsonl.gz").stat().st_size < 8 * 1024 * 1024
    peak, rc, out, err = _run_measured(
        TIDINGS + ["ingest", str(tmp_path / "bomb.jsonl.gz"), "--db", str(tmp_path / "x.duckdb"), "--no-progress"],
        bound_mb=600,
    )
    assert peak < 600, f"peak {peak:.0f} MB"
    assert "line 1: line longer than" in err and "1 new" in err, err
    assert rc == 1  # one input line could not be read; the good record is stored


def test_an_uploaded_gzip_bomb_is_decompressed_in_bounded_pieces():
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=1) as fh:
        fh.write(b'{"id": "bomb", "text": "' + b"a" * (30 * 1024 * 1024) + b'"}\n' + good_lines(1)[0].encode() + b"\n")
    opts = ReadOptions(max_bytes=1024 * 1024, note=lambda s: None)
    import tracemalloc

    tracemalloc.start()
    got = list(read_data(buf.getvalue(), "upload.jsonl.gz", options=opts))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(got[0], InputError) and "line 1" in got[0].source and "longer than" in got[0].problem
    assert isinstance(got[1], Article) and got[1].id == "ok-0"
    assert peak < 12 * 1024 * 1024, f"{peak / 1e6:.1f} MB allocated for a 30 MB line"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_without_reading(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    # in a child bounded in memory and time: a regression would read the device for ever
    code = f"from tidings.readers import read_paths; print([str(x) for x in read_paths([{device!r}])])"
    peak, rc, out, err = _run_measured([sys.executable, "-c", code], bound_mb=600, timeout=60)
    assert rc == 0, err
    assert out.count(device) == 1 and "not a regular file (a character device)" in out, out


def test_code_refuses_dev_zero_at_once():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    t = time.monotonic()
    peak, rc, out, err = _run_measured(TIDINGS + ["code", "/dev/zero"], bound_mb=600, timeout=120)
    assert rc == 1 and "/dev/zero: not a regular file" in err, err
    assert time.monotonic() - t < 60


def test_a_plain_file_is_limited_by_bytes_read_not_by_its_reported_size(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(GOOD * 100)
    real = os.fstat

    class Lying:
        def __init__(self, st):
            self.st = st

        def __getattr__(self, k):
            return 0 if k == "st_size" else getattr(self.st, k)

    import tidings.readers.walk as walk

    monkeypatch.setattr(walk.os, "fstat", lambda fd: Lying(real(fd)))
    got = list(read_paths([str(p)], options=ReadOptions(max_bytes=1000)))
    assert isinstance(got[0], InputError) and "too large" in got[0].problem


# ---- 5. one bad JSONL line never drops the rest ------------------------------------------------


def test_bad_jsonl_lines_are_errors_of_their_own_and_the_next_line_is_read(tmp_path):
    rows = (
        good_lines(2)
        + [
            '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
            '{"id": "deep", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "{broken",
        ]
        + good_lines(2, 2)
    )
    (tmp_path / "c.jsonl").write_text("\n".join(rows) + "\n")
    got, _ = items(tmp_path / "c.jsonl")
    errors = {e.source: e.problem for e in got if isinstance(e, InputError)}
    assert [a.id for a in got if isinstance(a, Article)] == ["ok-0", "ok-1", "ok-2", "ok-3"]
    assert set(errors) == {f"{tmp_path / 'c.jsonl'} line {n}" for n in (3, 4, 5)}, errors
    assert "digits" in errors[f"{tmp_path / 'c.jsonl'} line 3"]
    assert "nested too deeply" in errors[f"{tmp_path / 'c.jsonl'} line 4"]


def test_utf16_jsonl_reads_every_line(tmp_path):
    text = "\n".join(good_lines(3)) + "\n"
    (tmp_path / "c.jsonl").write_bytes(text.encode("utf-16"))
    got, _ = items(tmp_path / "c.jsonl")
    assert [a.id for a in got] == ["ok-0", "ok-1", "ok-2"]


def test_stdin_jsonl_is_streamed_not_read_whole(tmp_path):
    from tidings.readers.walk import read_stream

    class Counting(io.BytesIO):
        biggest = 0

        def read(self, n=-1):
            Counting.biggest = max(Counting.biggest, n if n and n > 0 else 1 << 60)
            return super().read(n)

    data = ("\n".join(good_lines(50)) + "\n").encode()
    got = list(read_stream(Counting(data), "<stdin>", ReadOptions(max_bytes=4096), None))
    assert len(got) == 50 and Counting.biggest < 1 << 20


# ---- 6. a FIFO is refused -------------------------------------------------------------------


def test_a_fifo_is_refused_and_does_not_block(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "ok.txt").write_text(GOOD)
    p = subprocess.run(
        TIDINGS + ["ingest", str(fifo), str(tmp_path / "ok.txt"), "--db", str(tmp_path / "x.duckdb"), "--no-progress"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 1
    assert f"{fifo}: not a regular file (a FIFO (named pipe))" in p.stderr and "1 new" in p.stderr, p.stderr
    assert not (tmp_path / "x.duckdb.lock").exists()


def test_a_fifo_swapped_in_after_the_check_is_refused_when_opened(tmp_path):
    from tidings.readers.walk import read_one

    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    got = []
    t = threading.Thread(target=lambda: got.extend(read_one(str(fifo), ReadOptions(), None)), daemon=True)
    t.start()
    t.join(20)  # opened with O_NONBLOCK: no writer, no wait (a regression would block here for ever)
    assert not t.is_alive(), "reading a FIFO blocked"
    assert len(got) == 1 and "FIFO" in got[0].problem


# ---- 10. silent coercions -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, why",
    [
        (["a", "b"], "a list"),
        (True, "a boolean"),
        (1.5, "a number"),
        ("1e400", None),
        ({"a": 1}, "an object"),
        ("x" * 600, "600 characters"),
    ],
)
def test_ids_must_be_strings_or_integers_of_bounded_length(tmp_path, value, why):
    line = json.dumps({"id": value, "text": GOOD}) if value != "1e400" else '{"id": 1e400, "text": "' + GOOD + '"}'
    (tmp_path / "c.jsonl").write_text(line + "\n" + good_lines(1)[0] + "\n")
    got, _ = items(tmp_path / "c.jsonl")
    assert isinstance(got[0], InputError) and "field 'id'" in got[0].problem, got[0]
    if why:
        assert why in got[0].problem
    assert isinstance(got[1], Article)


def test_integer_ids_are_kept_and_do_not_collide_with_coerced_values(tmp_path):
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": 7, "text": GOOD}) + "\n")
    got, _ = items(tmp_path / "c.jsonl")
    assert got[0].id == "7"


def test_a_bad_published_value_is_reported(tmp_path):
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "a", "text": GOOD, "published": "last Tuesday-ish"}) + "\n")
    got, notes = items(tmp_path / "c.jsonl")
    assert isinstance(got[0], Article) and got[0].published is None
    assert any("line 1: published 'last Tuesday-ish' is not a date" in n for n in notes), notes


def test_non_scalar_metadata_is_refused(tmp_path):
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "a", "text": GOOD, "title": ["x", "y"]}) + "\n")
    got, _ = items(tmp_path / "c.jsonl")
    assert isinstance(got[0], InputError) and "field 'title' is a list" in got[0].problem


@pytest.mark.parametrize(
    "body, bad_line, ids",
    [
        ('id,text\n1,"Good text one\n2,"Other text two"\n3,"Third text"\n', 2, ["2", "3"]),
        ('id,text\n1,"First text\n2,Second text\n3,Third text\n', 2, ["2", "3"]),
        ('id,text\n1,First text\n2,"Second, never closed\n3,Third text\n', 3, ["1", "3"]),
    ],
)
def test_an_unterminated_csv_quote_does_not_swallow_the_next_records(tmp_path, body, bad_line, ids):
    (tmp_path / "c.csv").write_text(body)
    got, _ = items(tmp_path / "c.csv", detect_language=False, sniff_header=False)
    errors = [e for e in got if isinstance(e, InputError)]
    assert [a.id for a in got if isinstance(a, Article)] == ids, got
    assert len(errors) == 1 and errors[0].source.endswith(f"line {bad_line}") and "quote" in errors[0].problem


def test_csv_cells_may_still_span_lines(tmp_path):
    (tmp_path / "c.csv").write_text('id,text\n1,"A cell\nover two lines"\n2,"Plain, quoted"\n')
    got, _ = items(tmp_path / "c.csv", detect_language=False, sniff_header=False)
    assert [a.id for a in got] == ["1", "2"]


# ---- 4. linear time: long sentences are split at the reader ------------------------------------


def test_a_long_sentence_is_split_into_bounded_lines_and_noted(tmp_path):
    words = "the minister of Kenya met officials from Ethiopia and Chile, discussed trade with Peru and".split()
    sentence = " ".join(words[i % len(words)] for i in range(40_000)) + "."
    (tmp_path / "a.txt").write_text(sentence)
    got, notes = items(tmp_path / "a.txt")
    text = got[0].text
    assert max(len(line) for line in text.split("\n")) <= 2000
    assert len(text) == len(sentence)  # spaces became line breaks: nothing else changed
    assert any("1 sentence(s) over 2,000 characters split" in n for n in notes)


def test_ordinary_sentences_are_left_alone():
    para = "Kenya and Ethiopia held talks on Monday. " * 100
    assert split_long_sentences(para, 2000) == (para, 0)
