"""The event data on real news (../shared/data/news/wire.jsonl): the development set coded
blind by two coders (gold/news/dev.jsonl) must reach the floors pinned in gold/floors.json,
and what a user gets on the pool must look like a dataset (few events per article, every
one with a coded source). Skipped without ../shared."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.evaluate.gate import check_floors, load_floors, loose_floors
from tidings.evaluate.stories import dataset_figures

pytestmark = [pytest.mark.shared, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "gold" / "news"


@pytest.fixture(scope="module")
def wire(shared_dir):
    return shared_dir / "data" / "news" / "wire.jsonl"


def test_the_real_development_set_reaches_its_floors(wire):
    from tidings.evaluate.runner import evaluate_stories

    floors = load_floors(ROOT / "gold" / "floors.json")
    assert "dev.jsonl" in floors.get("stories", {}), "no floor pinned for the real development set"
    figures = evaluate_stories(NEWS / "dev.jsonl", wire)
    report = {"sets": {}, "stories": {"dev.jsonl": figures}}
    committed = {"margin": floors["margin"], "stories": floors["stories"]}
    failures = check_floors(report, committed)
    assert not failures, "real news below the pinned floors:\n" + "\n".join(failures)
    loose = loose_floors(report, committed)
    assert not loose, "real-news floors too loose (re-pin):\n" + "\n".join(loose)
    for figure in floors["stories"]["dev.jsonl"]:  # a floor lowered by 0.05 is caught
        low = copy.deepcopy(committed)
        low["stories"]["dev.jsonl"][figure] -= 0.05
        assert loose_floors(report, low), figure
    assert figures["dataset"]["with_source"] == 1.0


def test_pool_articles_give_few_events_each_with_a_coded_source(wire):
    from tidings.evaluate.runner import predict_records

    records = [json.loads(line) for _, line in zip(range(300), wire.open(encoding="utf-8"))]
    figures = dataset_figures(predict_records(records).values())
    assert figures["asserted_per_article"] <= 5.0
    assert figures["with_source"] == 1.0


def test_the_gold_files_are_what_the_coders_and_the_seed_give(shared_dir):
    for script in ("news_gold.py", "news_sample.py"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / script), "--check"], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
