#!/usr/bin/env python3
"""Snapshot tidings' whole output (the lossless codec: events, candidates, quotes, dates,
places, actors) on fixed corpora, and compare it with an earlier snapshot: the check that a
speed-up or refactoring changed nothing.

    .venv/bin/python scripts/snapshot.py OUTDIR                 # write OUTDIR/<corpus>.jsonl
    .venv/bin/python scripts/snapshot.py OUTDIR --diff BASEDIR  # and compare; exit 1 if different

Corpora: the bundled examples, gold/ and, when ../shared is beside the checkout, the ConfliBERT
and PolNeAR dev articles and the seed article (about 2000 articles, a minute or two).
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = [ROOT / "src/tidings/data/examples", ROOT / "gold/articles.jsonl", ROOT / "gold/sentences.jsonl",
           SHARED / "data/dev/conflibert/articles.jsonl", SHARED / "data/dev/polnear/articles.jsonl",
           SHARED / "examples/seed-article.txt"]


def write(out: Path) -> None:
    from tidings.records.lossless import dumps
    from tidings.run.coding import code_articles
    from tidings.readers import read_paths
    from tidings.records import InputError

    out.mkdir(parents=True, exist_ok=True)
    for corpus in CORPORA:
        if not corpus.exists():
            continue
        arts = [a for a in read_paths([str(corpus)]) if not isinstance(a, InputError)]
        name = f"{corpus.parent.name}-{corpus.stem}"
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for coded in code_articles(arts):
                fh.write(dumps(coded) + "\n")


def diff(out: Path, base: Path) -> int:
    bad = 0
    for old_file in sorted(base.glob("*.jsonl")):
        new_file = out / old_file.name
        a = old_file.read_text(encoding="utf-8").splitlines()
        b = new_file.read_text(encoding="utf-8").splitlines() if new_file.exists() else []
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        extra = abs(len(a) - len(b))
        print(f"{old_file.name}: {len(a)} vs {len(b)} records, {len(differ) + extra} differ")
        bad += len(differ) + extra
        for i in differ[:2]:
            for line in list(difflib.unified_diff(a[i].split(', "'), b[i].split(', "'), lineterm="", n=0))[2:12]:
                print("   ", line[:300])
    print("IDENTICAL" if not bad else f"DIFFERENT: {bad} records")
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--diff", type=Path, metavar="BASEDIR", help="compare with this earlier snapshot")
    args = ap.parse_args(argv)
    write(args.out)
    return diff(args.out, args.diff) if args.diff else 0


if __name__ == "__main__":
    sys.exit(main())
