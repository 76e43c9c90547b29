"""`tidings evaluate` end to end on small fixtures (runs the coder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import main

FIX = Path(__file__).resolve().parent / "fixtures" / "evaluate"
GOLD = Path(__file__).resolve().parent.parent / "gold"

pytestmark = pytest.mark.slow


def test_evaluate_json_on_tsv_and_petrarch_xml():
    result = CliRunner().invoke(main, ["evaluate", str(FIX / "mini.tsv"), str(FIX / "petrarch-mini.xml"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["sets"]) == {"mini.tsv", "petrarch-mini.xml"}
    tsv = report["sets"]["mini.tsv"]
    assert tsv["documents"] == 4 and tsv["penta_sentence"]["sentences"] == 4
    xml = report["sets"]["petrarch-mini.xml"]
    assert xml["gold_events"] == 3
    assert [Path(p).name for p in xml["dictionaries"]["verbs"]] == ["mini.verbs.txt"]
    for level in ("root", "code", "penta"):
        assert set(report["all"]["levels"][level]["micro"]) >= {"precision", "recall", "f1"}
        assert "f1" in report["all"]["levels"][level]["macro"]


def test_evaluate_text_markdown_and_limit(tmp_path):
    md = tmp_path / "accuracy.md"
    result = CliRunner().invoke(
        main, ["evaluate", str(GOLD / "sentences.jsonl"), "--limit", "12", "--markdown", str(md), "--errors", "5"]
    )
    assert result.exit_code == 0, result.output
    for needle in (
        "(root, source, target)",
        "(full code, source, target)",
        "(pentacode, source, target)",
        "Per code",
        "Confusion of roots",
        "Errors",
        "Actor spans",
    ):
        assert needle in result.output
    text = md.read_text()
    assert text.startswith("# Accuracy of the tidings event coder")
    assert "tidings evaluate" in text.splitlines()[4]
    assert "| (root, source, target) |" in text


def test_evaluate_floors_exit_code(tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"sets": {"mini.tsv": {"penta_macro_f1": 1.01}}}))
    result = CliRunner().invoke(main, ["evaluate", str(FIX / "mini.tsv"), "--floors", str(floors)])
    assert result.exit_code == 1
    assert "below floor: mini.tsv: penta_macro_f1" in result.output


def test_validate_only_on_the_project_gold():
    result = CliRunner().invoke(main, ["evaluate", str(GOLD), "--validate-only"])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_evaluate_selected_ids():
    result = CliRunner().invoke(main, ["evaluate", str(GOLD), "--id", "gs-001", "--id", "ga-006", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["all"]["documents"] == 2 and report["all"]["by_kind"] == {"sentence": 1, "article": 1}
    bad = CliRunner().invoke(main, ["evaluate", str(GOLD), "--id", "nope"])
    assert bad.exit_code != 0 and "no gold document with id nope" in bad.output


def test_gold_is_read_like_jsonl_records():
    """Datelines are cut and credit lines emptied by the readers, as `tidings code` does;
    a line the reader empties is no error when the gold has no event in it."""
    from tidings.evaluate.gold import load_gold
    from tidings.evaluate.runner import predict

    docs = {d.id: d for d in load_gold(GOLD / "sentences.jsonl").docs}
    preds = predict([docs["gs-307"], docs["gs-255"]])
    assert preds["gs-307"]["dateline"] == "MOSCOW"
    assert not preds["gs-307"]["text"].startswith("MOSCOW")
    assert "reader left nothing" in preds["gs-255"]["skipped"]
    raw = predict([docs["gs-307"]], read=False)
    assert raw["gs-307"]["text"].startswith("MOSCOW")


def test_error_type_filter():
    result = CliRunner().invoke(
        main, ["evaluate", str(GOLD / "sentences.jsonl"), "--limit", "10", "--error-type", "missed", "--errors", "0"]
    )
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("  gs-")]
    assert lines and all(": missed:" in ln for ln in lines)


def test_error_type_on_story_gold_says_it_does_not_apply(tmp_path):
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "a1", "published": "2021-12-12", "text": "Putin met Biden in Geneva."}) + "\n")
    stories = tmp_path / "stories.jsonl"
    core = [{"root": "04", "source": "RUS", "target": "USA", "date": None, "triggers": ["met"]}]
    stories.write_text(json.dumps({"id": "a1", "coders": 2, "core": core, "optional": []}) + "\n")
    args = ["evaluate", str(stories), "--texts", str(texts), "--error-type", "missed"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "--error-type picks errors of event gold" in result.output and "KeyError" not in result.output
