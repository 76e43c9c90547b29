"""Build the real-news story gold from the coders' annotations, and report their agreement.

    .venv/bin/python scripts/news_gold.py            # gold/news/dev.jsonl from coder_a + coder_b
    .venv/bin/python scripts/news_gold.py --check    # dev.jsonl is what the coders' files give

The coders' files (gold/news/coder_a.jsonl, coder_b.jsonl for the development set,
train.jsonl for the training set) hold, per article id, the events each coder listed blind
from the text, by ../shared/ANNOTATION.md: sentence number, one-word trigger, CAMEO code,
source and target (name and code), date, status and certainty. No article text is kept.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.evaluate.stories import agreement, merge_coders  # noqa: E402

NEWS = ROOT / "gold" / "news"


def read_coder(path: Path) -> dict[str, list[dict]]:
    out = {}
    for n, line in enumerate(path.open(encoding="utf-8"), 1):
        if line.strip():
            rec = json.loads(line)
            if rec["id"] in out:
                raise SystemExit(f"{path}:{n}: article {rec['id']} annotated twice")
            out[rec["id"]] = rec["events"]
    return out


def build() -> tuple[list[dict], dict]:
    a, b = read_coder(NEWS / "coder_a.jsonl"), read_coder(NEWS / "coder_b.jsonl")
    if set(a) != set(b):
        raise SystemExit(f"the coders annotated different articles: {sorted(set(a) ^ set(b))[:5]}")
    order = json.loads((NEWS / "sample.json").read_text())["dev"]
    merged = {r["id"]: r for r in merge_coders([a, b])}
    return [merged[i] for i in order if i in merged], agreement(a, b)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    gold, agree = build()
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold)
    core = sum(len(r["core"]) for r in gold)
    optional = sum(len(r["optional"]) for r in gold)
    print(f"{len(gold)} articles, {core} core and {optional} optional tuples")
    print(f"agreement (coder a scored against coder b): P {agree['precision']:.3f} R {agree['recall']:.3f} "
          f"F1 {agree['f1']:.3f} over {agree['core']} tuples of coder b")
    out = NEWS / "dev.jsonl"
    if args.check:
        same = out.read_text(encoding="utf-8") == text
        print("dev.jsonl is up to date" if same else "dev.jsonl differs: run scripts/news_gold.py")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
