"""Gate mechanics with hand-made figures (no coder)."""
from __future__ import annotations

from tidings.evaluate.gate import check_floors, figures_of, pin_floors
from tidings.evaluate.gold import sentence_doc
from tidings.evaluate.runner import evaluate_sets
from tidings.evaluate.gold import GoldSet


def _ev(code, src, tgt, rule):
    return {"code": code, "root": code[:2], "status": "asserted", "confidence": 1.0, "rule": rule,
            "source": {"code": src, "country": src[:3], "text": src},
            "target": {"code": tgt, "country": tgt[:3], "text": tgt}, "trigger": {"start": 0}}


def _gold():
    docs = [sentence_doc({"id": f"s{i}", "text": "x", "published": "2020-01-01",
                          "events": [{"code": "042", "source": "FRA", "target": "DEU", "source_text": "x"}]})
            for i in range(6)]
    docs += [sentence_doc({"id": f"t{i}", "text": "x", "published": "2020-01-01",
                           "events": [{"code": "111", "source": "IRN", "target": "ISR", "source_text": "x"}]})
             for i in range(6)]
    return GoldSet(docs=docs, name="g.jsonl")


def _preds():
    p = {f"s{i}": {"events": [_ev("042", "FRA", "DEU", "lexicon/verbs.tsv:visit")]} for i in range(6)}
    p.update({f"t{i}": {"events": [_ev("111", "IRN", "ISR", "lexicon/verbs.tsv:condemn")]} for i in range(6)})
    return p


def test_pinned_floors_pass_on_the_same_figures_and_fail_without_an_entry():
    report = evaluate_sets([_gold()], predictions=_preds())
    floors = pin_floors(report, margin=0.02)
    assert floors["sets"]["g.jsonl"]["root_micro_f1"] == 0.98
    assert floors["sets"]["g.jsonl"]["roots_f1"] == {"04": 0.583, "11": 0.583}  # 1 - 2.5/6
    assert check_floors(report, floors) == []
    assert report["all"]["rules"]["lexicon/verbs.tsv:visit"] == {"tp": 6, "fp": 0}

    def drop_visit(pred):
        return {**pred, "events": [e for e in pred["events"] if e["rule"] != "lexicon/verbs.tsv:visit"]}

    degraded = evaluate_sets([_gold()], predictions=_preds(), transform=drop_visit)
    failures = check_floors(degraded, floors)
    assert any("root 04" in f for f in failures) and any("root_micro_f1" in f for f in failures)


def test_missing_set_fails():
    report = evaluate_sets([_gold()], predictions=_preds())
    assert check_floors(report, {"sets": {"other.jsonl": {"root_micro_f1": 0.1}}}) == ["other.jsonl: not evaluated"]


def test_figures_of_skips_small_roots():
    report = evaluate_sets([_gold()], predictions=_preds())
    figs = figures_of(report["sets"]["g.jsonl"])
    assert set(figs) >= {"root_micro_precision", "root_micro_recall", "root_micro_f1", "penta_macro_f1", "roots_f1"}
