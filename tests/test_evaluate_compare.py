"""Comparing two reports: moved figures, new and fixed errors (no coder)."""

from __future__ import annotations

from tidings.evaluate.compare import compare_reports, render_comparison
from tidings.evaluate.gold import GoldSet, sentence_doc
from tidings.evaluate.runner import evaluate_sets


def _ev(code, src, tgt, rule="r1"):
    return {
        "code": code,
        "root": code[:2],
        "status": "asserted",
        "confidence": 1.0,
        "rule": rule,
        "source": {"code": src, "text": src},
        "target": {"code": tgt, "text": tgt},
        "trigger": {"text": "x", "start": 0},
    }


def _gold():
    return GoldSet(
        name="g.jsonl",
        docs=[
            sentence_doc(
                {
                    "id": "a",
                    "text": "x",
                    "published": "2020-01-01",
                    "events": [{"code": "042", "source": "FRA", "target": "DEU", "source_text": "x"}],
                }
            ),
            sentence_doc(
                {
                    "id": "b",
                    "text": "x",
                    "published": "2020-01-01",
                    "events": [{"code": "111", "source": "IRN", "target": "ISR", "source_text": "x"}],
                }
            ),
        ],
    )


def test_new_and_fixed_errors():
    before = evaluate_sets([_gold()], predictions={"a": {"events": [_ev("042", "FRA", "DEU")]}, "b": {"events": []}})
    after = evaluate_sets(
        [_gold()],
        predictions={
            "a": {"events": [_ev("190", "FRA", "DEU", rule="r2")]},
            "b": {"events": [_ev("111", "IRN", "ISR")]},
        },
    )
    cmp = compare_reports(before, after)["sets"]["g.jsonl"]
    assert cmp["figures"]["root_micro_f1"]["delta"] == -0.1667  # 2/3 -> 1/2
    assert {(e["doc"], e["type"]) for e in cmp["new_errors"]} == {("a", "missed"), ("a", "false_positive")}
    assert {(e["doc"], e["type"]) for e in cmp["fixed_errors"]} == {("b", "missed")}
    text = render_comparison(compare_reports(before, after))
    assert "new errors: 2" in text and "fixed errors: 1" in text


def test_same_errors_with_another_rule_are_not_new():
    g = _gold()
    one = evaluate_sets([g], predictions={"a": {"events": [_ev("190", "FRA", "DEU", rule="r1")]}, "b": {"events": []}})
    two = evaluate_sets([g], predictions={"a": {"events": [_ev("190", "FRA", "DEU", rule="r9")]}, "b": {"events": []}})
    cmp = compare_reports(one, two)["sets"]["g.jsonl"]
    assert cmp["new_errors"] == [] and cmp["fixed_errors"] == []
