"""Kill an ingest with SIGKILL at random moments, resume it, and compare with an
uninterrupted run. Prints one line per run and a summary; exits 1 on any difference.

    .venv/bin/python bench/kill_resume.py [--runs 20] [--articles 40] [--seed 7]
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


def ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "tidings.cli", "ingest", str(corpus), "--db", str(db),
            "--published", "2024-03-01", "--no-progress"]


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


def run_once(corpus: Path, db: Path, kill_after: float, env: dict) -> tuple[bool, float]:
    """Start an ingest, SIGKILL it after `kill_after` seconds (if still running), then resume."""
    proc = subprocess.Popen(ingest_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(kill_after)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    t = time.perf_counter()
    subprocess.run(ingest_cmd(corpus, db), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return killed, time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    return run(args.runs, args.articles, args.seed)


def run(runs: int, articles: int, seed: int, out=print) -> int:
    rnd = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="tidings-kill-"))
    env = dict(os.environ)
    try:
        corpus = work / "corpus"
        write_corpus(corpus, articles)
        ref = work / "ref.duckdb"
        t = time.perf_counter()
        subprocess.run(ingest_cmd(corpus, ref), check=True, stdout=subprocess.DEVNULL, env=env)
        full = time.perf_counter() - t
        want = snapshot(ref)
        out(f"uninterrupted ingest: {articles} articles, {len(want['events'])} events, {full:.1f}s")
        bad = 0
        for i in range(runs):
            db = work / f"run{i}.duckdb"
            kill_after = rnd.uniform(0.3, max(full, 1.0))
            killed, resume = run_once(corpus, db, kill_after, env)
            same = snapshot(db) == want
            bad += not same
            out(f"run {i + 1:2d}: killed at {kill_after:4.1f}s ({'killed' if killed else 'had finished'}), "
                f"resumed in {resume:4.1f}s: {'identical' if same else 'DIFFERENT'}")
        out(f"kill/resume: {runs - bad}/{runs} runs identical to the uninterrupted run")
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
