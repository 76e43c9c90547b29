"""Draw the real-news annotation sample from ../shared/data/news/wire.jsonl, with a fixed seed.

    .venv/bin/python scripts/news_sample.py            # writes gold/news/sample.json
    .venv/bin/python scripts/news_sample.py --check    # checks gold/news/sample.json is what the seed draws
    .venv/bin/python scripts/news_sample.py --sheets DIR [--set dev|train]
        # writes, outside the project, one sheet per article for the coders: the text as
        # tidings reads it, split into numbered sentences (no coding of any kind)

Which articles: a transparent word-list score (share of tokens that are political words,
per 100 tokens) splits the pool into likely-political (score >= 1.5) and other articles.
Each set takes 85% likely-political and 15% other articles, so that the coders also see
finance, sports and weather stories that must come out with few or no events. The two sets
are disjoint; the development set only measures, the training set trains.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT.parent / "shared" / "data" / "news" / "wire.jsonl"
OUT = ROOT / "gold" / "news" / "sample.json"
SEED = 20261206
SIZES = {"dev": 160, "train": 560, "train2": 560, "train3": 369}
OTHER_SHARE = 0.15
THRESHOLD = 1.5
WORDS = frozenset("""president minister government prime troops police army rebels rebel talks
parliament election officials official embassy military sanctions killed attack opposition summit
foreign leader leaders ambassador diplomat diplomats war peace protest protesters soldiers militants
guerrillas ceasefire treaty visit met accused condemned arrested court negotiations envoy spokesman
secretary senate congress""".split())


def political_score(text: str) -> float:
    tokens = re.findall(r"[a-z]+", text.lower())
    return 100.0 * sum(t in WORDS for t in tokens) / max(1, len(tokens))


def draw(pool: list[dict]) -> dict:
    rng = random.Random(SEED)
    political = sorted(r["id"] for r in pool if political_score(r["text"]) >= THRESHOLD)
    other = sorted(r["id"] for r in pool if political_score(r["text"]) < THRESHOLD)
    rng.shuffle(political)
    rng.shuffle(other)
    out: dict = {"seed": SEED, "pool": "shared/data/news/wire.jsonl", "threshold": THRESHOLD,
                 "other_share": OTHER_SHARE}
    for name, size in SIZES.items():
        n_other = round(size * OTHER_SHARE)
        ids = [political.pop() for _ in range(size - n_other)] + [other.pop() for _ in range(n_other)]
        rng.shuffle(ids)
        out[name] = ids
    return out


def read_pool() -> list[dict]:
    if not POOL.exists():
        sys.exit(f"{POOL}: not found (the shared data must sit beside the project)")
    return [json.loads(line) for line in POOL.open(encoding="utf-8") if line.strip()]


def write_sheets(pool: list[dict], ids: list[str], folder: Path) -> None:
    """One text file per article: id, publication date and numbered sentences."""
    from tidings.nlp import get_nlp, new_doc
    from tidings.readers import read_data

    by_id = {r["id"]: r for r in pool}
    folder.mkdir(parents=True, exist_ok=True)
    nlp = get_nlp()
    for n, rid in enumerate(ids, 1):
        record = json.dumps({k: by_id[rid][k] for k in ("id", "title", "published", "text") if by_id[rid].get(k)})
        article = next(iter(read_data(record.encode(), "sample.jsonl")))
        if not hasattr(article, "text"):
            print(f"{rid}: not written, the reader refused it: {article}")
            continue
        doc = nlp.make_doc(article.text)
        for name, proc in nlp.pipeline:
            if name.startswith("tidings_") and name != "tidings_paragraphs":
                break
            doc = proc(doc)
        lines = [f"id: {rid}", f"published: {article.published}"]
        if article.title:
            lines.append(f"title: {article.title}")
        if article.dateline:
            lines.append(f"dateline: {article.dateline}")
        lines.append("")
        lines += [f"[{i}] {s.text.strip()}" for i, s in enumerate(doc.sents)]
        (folder / f"{n:03d}-{rid}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--sheets", type=Path)
    ap.add_argument("--set", choices=sorted(SIZES), default="dev")
    args = ap.parse_args(argv)
    pool = read_pool()
    sample = draw(pool)
    if args.check:
        same = json.loads(OUT.read_text()) == sample
        print("sample.json matches the seed" if same else "sample.json differs from what the seed draws")
        return 0 if same else 1
    if args.sheets:
        write_sheets(pool, sample[args.set], args.sheets)
        print(f"{len(sample[args.set])} sheets in {args.sheets}")
        return 0
    OUT.write_text(json.dumps(sample, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: " + ", ".join(f"{k} {len(sample[k])}" for k in SIZES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
