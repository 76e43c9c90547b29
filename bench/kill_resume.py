"""Kill an ingest with SIGKILL (or SIGTERM) at random moments, resume it, and compare with an
uninterrupted run; with --workers 2 the ingest codes in a process pool, and every process it
started (fork server, resource tracker, workers) must be gone after the kill. Prints one line
per run and a summary; exits 1 on any difference or any surviving process.

    .venv/bin/python bench/kill_resume.py [--runs 20] [--articles 40] [--seed 7] [--workers 2] [--signal term]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTORS = ["Kenya", "Ethiopia", "Chile", "Peru", "Turkey", "Greece", "India", "Pakistan", "Japan", "South Korea",
          "Brazil", "Argentina", "Nigeria", "Ghana", "Egypt", "Jordan", "Poland", "Ukraine", "Vietnam", "Indonesia"]
ACTS = ["signed a trade agreement with", "accused", "held talks with", "condemned", "pledged aid to",
        "expelled diplomats from", "hosted a delegation from", "imposed sanctions on", "praised", "threatened"]


def write_corpus(folder: Path, n: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b = rnd.sample(ACTORS, 2)
        lines = [f"{a} and {b} in the news, report {i}", "", "By Example Wire", ""]
        for j in range(6):
            x, y = rnd.sample(ACTORS, 2)
            lines.append(f"{x} {rnd.choice(ACTS)} {y} on Tuesday, officials said in report {i}.{j}.")
            lines.append("")
        (folder / f"article-{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")


def ingest_cmd(corpus: Path, db: Path, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "tidings.cli", "ingest", str(corpus), "--db", str(db),
            "--published", "2024-03-01", "--no-progress"] + (["--workers", str(workers)] if workers > 1 else [])


def _ppids() -> dict[int, int]:
    out = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
                out[int(d.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    return out


def descendants(pid: int) -> set[int]:
    """Every process below `pid` now (children, grandchildren...)."""
    kids: dict[int, list[int]] = {}
    for child, parent in _ppids().items():
        kids.setdefault(parent, []).append(child)
    found, todo = set(), [pid]
    while todo:
        for c in kids.get(todo.pop(), []):
            if c not in found:
                found.add(c)
                todo.append(c)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie waiting for its reaper is not)."""
    out = set()
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2:].split()[0] not in ("Z", "X"):
            out.add(pid)
    return out


def snapshot(db: Path) -> dict:
    """Everything that must be equal between runs (no timestamps)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        q = {
            "articles": "SELECT id, content_hash, version, story_id, n_events, n_quotes FROM articles ORDER BY id",
            "versions": "SELECT article_id, version, content_hash FROM article_versions ORDER BY 1, 2",
            "events": "SELECT id, code, source_code, target_code, date, status, n_mentions, n_articles FROM events ORDER BY id",
            "mentions": "SELECT event_id, article_id, coder_event_id, sentence FROM mentions ORDER BY 1, 2, 3",
            "quotes": "SELECT id, article_id, n FROM quotes ORDER BY 2, 3",
            "actors": "SELECT article_id, n, code FROM actors ORDER BY 1, 2",
        }
        return {k: con.execute(v).fetchall() for k, v in q.items()}
    finally:
        con.close()


def run_once(corpus: Path, db: Path, kill_after: float, env: dict, workers: int = 1,
             sig: int = signal.SIGKILL) -> tuple[bool, float, int]:
    """Start an ingest, signal it after `kill_after` seconds (if still running), count the
    processes it started that survive it, then resume. (killed, resume seconds, survivors)"""
    proc = subprocess.Popen(ingest_cmd(corpus, db, workers), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env)
    deadline = time.monotonic() + kill_after
    tree: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        tree |= descendants(proc.pid)  # what it has started so far (workers come and go)
        time.sleep(0.05)
    tree |= descendants(proc.pid)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, sig)
    proc.wait()
    left = alive(tree)
    end = time.monotonic() + 10  # children notice their parent is gone: give them a moment
    while left and time.monotonic() < end:
        time.sleep(0.1)
        left = alive(left)
    for pid in left:  # do not leave them to the next run
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    if sig == signal.SIGTERM and killed and Path(f"{db}.lock").exists():
        left = left | {-1}  # the lock file counts as a leftover
    t = time.perf_counter()
    done = subprocess.run(ingest_cmd(corpus, db, workers), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, env=env)
    if done.returncode:
        raise RuntimeError(f"the resumed ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return killed, time.perf_counter() - t, len(left)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1, help="2 or more: the pool engine")
    ap.add_argument("--signal", choices=["kill", "term"], default="kill")
    args = ap.parse_args(argv)
    return run(args.runs, args.articles, args.seed, workers=args.workers,
               sig=signal.SIGKILL if args.signal == "kill" else signal.SIGTERM)


def run(runs: int, articles: int, seed: int, out=print, workers: int = 1, sig: int = signal.SIGKILL) -> int:
    rnd = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="tidings-kill-"))
    env = dict(os.environ)
    try:
        corpus = work / "corpus"
        write_corpus(corpus, articles)
        ref = work / "ref.duckdb"
        t = time.perf_counter()
        subprocess.run(ingest_cmd(corpus, ref, workers), check=True, stdout=subprocess.DEVNULL, env=env)
        full = time.perf_counter() - t
        want = snapshot(ref)
        engine = f"pool of {workers} workers" if workers > 1 else "one process"
        out(f"uninterrupted ingest ({engine}): {articles} articles, {len(want['events'])} events, {full:.1f}s")
        bad = survivors = 0
        name = signal.Signals(sig).name
        for i in range(runs):
            db = work / f"run{i}.duckdb"
            kill_after = rnd.uniform(0.3, max(full, 1.0))
            killed, resume, left = run_once(corpus, db, kill_after, env, workers, sig)
            same = snapshot(db) == want
            bad += not same
            survivors += left
            out(f"run {i + 1:2d}: {name} at {kill_after:4.1f}s ({'killed' if killed else 'had finished'}), "
                f"{left} left behind, resumed in {resume:4.1f}s: {'identical' if same else 'DIFFERENT'}")
        out(f"kill/resume: {runs - bad}/{runs} runs identical to the uninterrupted run")
        if workers > 1 or sig != signal.SIGKILL:
            out(f"processes (or lock files) left behind: {survivors}")
        return 1 if bad or survivors else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
