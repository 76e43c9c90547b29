"""Gate mechanics with hand-made figures (no coder)."""

from __future__ import annotations

import copy

import pytest

from tidings.evaluate.gate import COUNT_ROOT_BELOW, check_floors, figures_of, loose_floors, pin_floors, root_slack
from tidings.evaluate.gold import sentence_doc
from tidings.evaluate.runner import evaluate_sets
from tidings.evaluate.gold import GoldSet


def _ev(code, src, tgt, rule):
    return {
        "code": code,
        "root": code[:2],
        "status": "asserted",
        "confidence": 1.0,
        "rule": rule,
        "source": {"code": src, "country": src[:3], "text": src},
        "target": {"code": tgt, "country": tgt[:3], "text": tgt},
        "trigger": {"start": 0},
    }


def _gold():
    docs = [
        sentence_doc(
            {
                "id": f"s{i}",
                "text": "x",
                "published": "2020-01-01",
                "events": [{"code": "042", "source": "FRA", "target": "DEU", "source_text": "x"}],
            }
        )
        for i in range(6)
    ]
    docs += [
        sentence_doc(
            {
                "id": f"t{i}",
                "text": "x",
                "published": "2020-01-01",
                "events": [{"code": "111", "source": "IRN", "target": "ISR", "source_text": "x"}],
            }
        )
        for i in range(6)
    ]
    return GoldSet(docs=docs, name="g.jsonl")


def _preds():
    p = {f"s{i}": {"events": [_ev("042", "FRA", "DEU", "lexicon/verbs.tsv:visit")]} for i in range(6)}
    p.update({f"t{i}": {"events": [_ev("111", "IRN", "ISR", "lexicon/verbs.tsv:condemn")]} for i in range(6)})
    return p


def test_pinned_floors_pass_on_the_same_figures_and_fail_without_an_entry():
    report = evaluate_sets([_gold()], predictions=_preds())
    floors = pin_floors(report, margin=0.02)
    assert floors["sets"]["g.jsonl"]["root_micro_f1"] == 0.98
    # six gold events a root: count floors, one event of room
    assert floors["sets"]["g.jsonl"]["roots_found"] == {"04": {"at_least": 5, "of": 6}, "11": {"at_least": 5, "of": 6}}
    assert "roots_f1" not in floors["sets"]["g.jsonl"]
    assert check_floors(report, floors) == []
    assert report["all"]["rules"]["lexicon/verbs.tsv:visit"] == {"tp": 6, "fp": 0}

    def drop_visit(pred):
        return {**pred, "events": [e for e in pred["events"] if e["rule"] != "lexicon/verbs.tsv:visit"]}

    degraded = evaluate_sets([_gold()], predictions=_preds(), transform=drop_visit)
    failures = check_floors(degraded, floors)
    assert any("root 04 found 0 of 6" in f for f in failures) and any("root_micro_f1" in f for f in failures)


def test_missing_set_fails():
    report = evaluate_sets([_gold()], predictions=_preds())
    assert check_floors(report, {"sets": {"other.jsonl": {"root_micro_f1": 0.1}}}) == ["other.jsonl: not evaluated"]


def test_figures_of_skips_small_roots():
    report = evaluate_sets([_gold()], predictions=_preds())
    figs = figures_of(report["sets"]["g.jsonl"])
    assert set(figs) >= {"root_micro_precision", "root_micro_recall", "root_micro_f1", "penta_macro_f1", "roots_f1"}


def _report():
    return evaluate_sets([_gold()], predictions=_preds())


def test_a_missing_figure_fails():
    report = _report()
    floors = pin_floors(report)
    report["sets"]["g.jsonl"]["penta_sentence"] = None  # e.g. a scorer that stopped giving macro-F1
    want = floors["sets"]["g.jsonl"]["penta_macro_f1"]
    assert check_floors(report, floors) == [f"g.jsonl: penta_macro_f1 missing < floor {want:.3f}"]
    assert (
        check_floors(report, {"sets": {"g.jsonl": {"no_such_figure": 0.1}}})[0]
        == "g.jsonl: unknown figure 'no_such_figure' in the floors"
    )
    assert check_floors(
        {"sets": {}, "stories": {"d.jsonl": {"precision": 0.5, "recall": None, "f1": 0.4}}},
        {"stories": {"d.jsonl": {"precision": 0.4, "recall": 0.3, "f1": 0.3}}},
    ) == ["d.jsonl: story-level recall missing < floor 0.300"]


def test_every_root_with_five_gold_events_needs_a_floor():
    report = _report()
    floors = pin_floors(report)
    del floors["sets"]["g.jsonl"]["roots_found"]["11"]
    assert check_floors(report, floors) == ["g.jsonl: root 11 has 6 gold events and no floor"]


def test_a_story_set_needs_every_figure_floored():
    report = {"sets": {}, "stories": {"d.jsonl": {"precision": 0.5, "recall": 0.4, "f1": 0.45}}}
    assert check_floors(report, {"stories": {"d.jsonl": {"precision": 0.4, "recall": 0.3}}}) == [
        "d.jsonl: story-level f1 has no floor"
    ]


def test_big_roots_get_f1_floors_with_one_event_of_slack():
    docs = [
        sentence_doc(
            {
                "id": f"s{i}",
                "text": "x",
                "published": "2020-01-01",
                "events": [{"code": "042", "source": "FRA", "target": "DEU", "source_text": "x"}],
            }
        )
        for i in range(25)
    ]
    preds = {f"s{i}": {"events": [_ev("042", "FRA", "DEU", "lexicon/verbs.tsv:visit")]} for i in range(20)}
    report = evaluate_sets([GoldSet(docs=docs, name="g.jsonl")], predictions=preds)
    floors = pin_floors(report)
    f1 = report["sets"]["g.jsonl"]["levels"]["root"]["per_label"]["04"]["f1"]  # 20 of 25 found, no false positive
    assert f1 == pytest.approx(40 / 45, abs=1e-4)
    assert floors["sets"]["g.jsonl"]["roots_f1"] == {"04": round(f1 - 1 / 25, 3)}
    assert root_slack(25) == 0.04 and root_slack(100) == 0.02 and COUNT_ROOT_BELOW == 20
    assert check_floors(report, floors) == [] and loose_floors(report, floors) == []


def test_floors_cannot_drift_down():
    report = _report()
    floors = pin_floors(report)
    assert loose_floors(report, floors) == []
    for name in ("root_micro_f1", "root_micro_precision", "code_micro_f1", "penta_macro_f1"):
        low = copy.deepcopy(floors)
        low["sets"]["g.jsonl"][name] -= 0.05
        [msg] = loose_floors(report, low)
        assert name in msg and "floor too loose, re-pin" in msg
    low = copy.deepcopy(floors)
    low["sets"]["g.jsonl"]["roots_found"]["04"]["at_least"] -= 1
    assert "root 04 floor 'at least 4 of 6' lies more than 1 below the 6 found" in loose_floors(report, low)[0]
    wrong_n = copy.deepcopy(floors)
    wrong_n["sets"]["g.jsonl"]["roots_found"]["11"]["of"] = 7
    assert "the gold has 6 events now: re-pin" in loose_floors(report, wrong_n)[0]
    stories = {"sets": {}, "stories": {"d.jsonl": {"precision": 0.5, "recall": 0.4, "f1": 0.45}}}
    pinned = pin_floors(stories)
    assert pinned["stories"] == {"d.jsonl": {"precision": 0.48, "recall": 0.38, "f1": 0.43}}
    assert loose_floors(stories, pinned) == []
    pinned["stories"]["d.jsonl"]["recall"] -= 0.05
    assert "d.jsonl: story-level recall" in loose_floors(stories, pinned)[0]
    negative = copy.deepcopy(floors)
    negative["sets"]["g.jsonl"]["root_micro_f1"] = -0.05
    assert "is not a number >= 0" in loose_floors(report, negative)[0]


def test_a_floor_above_the_figure_is_not_loose_but_fails_the_gate():
    report = _report()
    floors = pin_floors(report)
    floors["sets"]["g.jsonl"]["root_micro_f1"] = 1.0 + 0.01
    assert loose_floors(report, floors) == [] and check_floors(report, floors)


def test_re_pinning_never_lowers_a_floor_the_coder_still_reaches():
    from tidings.evaluate.gate import lowered_floors

    report = _report()
    floors = pin_floors(report)
    higher = copy.deepcopy(floors)
    higher["sets"]["g.jsonl"]["root_micro_f1"] = 0.99  # reached (F1 is 1.0): kept
    higher["sets"]["g.jsonl"]["code_micro_f1"] = 1.01  # not reached: lowered, and said so
    higher["sets"]["g.jsonl"]["roots_found"]["04"]["at_least"] = 6
    again = pin_floors(report, previous=higher)
    assert again["sets"]["g.jsonl"]["root_micro_f1"] == 0.99
    assert again["sets"]["g.jsonl"]["code_micro_f1"] == floors["sets"]["g.jsonl"]["code_micro_f1"]
    assert again["sets"]["g.jsonl"]["roots_found"]["04"] == {"at_least": 6, "of": 6}
    assert lowered_floors(again) == ["g.jsonl: code_micro_f1 1.01 -> 0.98"]
    assert lowered_floors(pin_floors(report, previous=floors)) == []
