"""Sentence pentacode scoring agrees with the ConfliBERT scorer in ../shared/tools on real
news (skips without ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tidings.evaluate.gold import GoldSet, _tsv_doc
from tidings.evaluate.runner import evaluate_sets, predict

pytestmark = [pytest.mark.slow, pytest.mark.shared]
N = 150


def test_pentacode_figures_match_the_reference_scorer(shared_dir, tmp_path):
    base = shared_dir / "data" / "dev" / "conflibert"
    texts = [json.loads(x) for x in (base / "articles.jsonl").read_text().splitlines()[:N]]
    golds = [json.loads(x) for x in (base / "gold.jsonl").read_text().splitlines()[:N]]
    docs = [_tsv_doc(t["id"], t["text"], str(g["penta"]), f"conflibert:{t['id']}") for t, g in zip(texts, golds)]
    preds = predict(docs)
    ours = evaluate_sets([GoldSet(docs=docs, name="conflibert")], predictions=preds)["all"]["penta_sentence"]
    gold_file, pred_file = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_file.write_text("".join(json.dumps(g) + "\n" for g in golds))
    pred_file.write_text("".join(json.dumps({"id": k, "events": v["events"]}) + "\n" for k, v in preds.items()))
    out = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score_pentacode.py"), str(gold_file), str(pred_file), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ref = json.loads(out[: out.rindex("}") + 1])
    assert ours["accuracy"] == pytest.approx(ref["accuracy"], abs=1e-3)
    assert ours["macro_f1"] == pytest.approx(ref["penta_macro_f1"], abs=1e-3)
