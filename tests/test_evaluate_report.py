"""Text and Markdown reports render every kind of gold, including empty and skipped ones (no coder)."""

from __future__ import annotations

from pathlib import Path

from tidings.evaluate.gold import GoldSet, load_gold
from tidings.evaluate.report import render_markdown, render_text
from tidings.evaluate.runner import evaluate_sets

FIX = Path(__file__).resolve().parent / "fixtures" / "evaluate"
GOLD = Path(__file__).resolve().parent.parent / "gold"


def _ev(code, src, tgt):
    return {
        "code": code,
        "root": code[:2],
        "status": "asserted",
        "confidence": 0.9,
        "rule": "lexicon/verbs.tsv:x",
        "source": {"code": src, "text": src},
        "target": {"code": tgt, "text": tgt} if tgt else None,
        "trigger": {"text": "x", "start": 0, "end": 1},
    }


def test_reports_render_for_every_format():
    sets = [
        load_gold(FIX / "mini.tsv"),
        load_gold(FIX / "petrarch-mini.xml"),
        GoldSet(docs=load_gold(GOLD / "sentences.jsonl").docs[:8], name="sentences.jsonl"),
        GoldSet(docs=load_gold(GOLD / "articles.jsonl").docs[:3], name="articles.jsonl"),
    ]
    preds = {
        "MINI-01": {"events": [_ev("064", "ARN", "GON")], "text": "Arnor shared intelligence."},
        "gs-001": {"events": [], "skipped": "coding failed: ValueError"},
        "ga-001": {"events": [_ev("190", "IGOWAS", "NER")], "quotes": [], "dates": [], "actors": []},
    }
    report = evaluate_sets(sets, predictions=preds)
    text = render_text(report, max_errors=5)
    md = render_markdown(report, "tidings evaluate X --markdown Y")
    for out in (text, md):
        assert "Overview" in out and "Errors by type" in out and "skipped" in out
        assert "mini.tsv" in out and "petrarch-mini.xml" in out and "articles.jsonl" in out
    assert "    tidings evaluate X --markdown Y" in md
    assert "(1 not coded)" in text


def test_report_of_nothing():
    report = evaluate_sets([GoldSet(docs=[], name="empty.jsonl")], predictions={})
    assert "Errors (0)" in render_text(report)
