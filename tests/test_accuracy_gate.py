"""The accuracy gate: the coder, run on the project's gold (gold/), must reach the floors
pinned in gold/floors.json; the floors cannot drift down (none lies further below today's
figures than its allowed slack, every root with five gold events has one); and the gate must
catch a lexicon entry going missing. The real-news floors (`stories`) are checked the same
way by tests/test_story_shared.py, which needs ../shared.

Raise the floors when the coder improves (measured on the current code, real news included):
    tidings evaluate gold/ gold/news/dev.jsonl --texts ../shared/data/news/wire.jsonl \
        --pin-floors gold/floors.json
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest

from tidings.evaluate.gate import MIN_ROOT_GOLD, check_floors, figures_of, load_floors, loose_floors, pin_floors
from tidings.evaluate.gold import load_paths
from tidings.evaluate.runner import evaluate_sets, predict

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
FLOORS = GOLD / "floors.json"
SENTENCES = "sentences.jsonl"
_RULE = re.compile(r"^lexicon/([a-z_]+\.tsv):(\S+)$")


@pytest.fixture(scope="module")
def gold_sets():
    return load_paths([GOLD])


@pytest.fixture(scope="module")
def predictions(gold_sets):
    """The coder's output on every gold document, computed once for the module."""
    out = {}
    for gs in gold_sets:
        out[gs.name] = predict(gs.docs)
    return out


@pytest.fixture(scope="module")
def report(gold_sets, predictions):
    parts = [evaluate_sets([gs], predictions=predictions[gs.name]) for gs in gold_sets]
    return {"sets": {k: v for p in parts for k, v in p["sets"].items()}, "all": None}


def test_every_gold_document_is_coded(report):
    skipped = [
        f"{e['doc']}: {e['explanation'][0]}"
        for fig in report["sets"].values()
        for e in fig["errors"]
        if e["type"] == "skipped"
    ]
    assert not skipped, f"{len(skipped)} gold document(s) not coded:\n" + "\n".join(skipped[:10])


def _committed():
    return {k: v for k, v in load_floors(FLOORS).items() if k != "stories"}  # real news: test_story_shared.py


def test_floors_are_reached(report):
    floors = _committed()
    assert set(floors["sets"]) == set(report["sets"]), "every gold set has floors"
    failures = check_floors(report, floors)
    assert not failures, "accuracy below the pinned floors:\n" + "\n".join(failures)


def test_committed_floors_are_not_too_loose(report):
    """No floor lies further below today's figure than its slack: a floor lowered by hand,
    or left behind when the coder improved, fails here ("re-pin")."""
    loose = loose_floors(report, _committed())
    assert not loose, "floors too loose (re-pin: see gold/README.md):\n" + "\n".join(loose)


def _lowered(floors: dict):
    """Every committed floor, one at a time, lowered by 0.05 (a count floor by one event)."""
    for set_name, want in floors["sets"].items():
        for name, floor in want.items():
            if name == "roots_f1":
                for root in floor:
                    low = copy.deepcopy(floors)
                    low["sets"][set_name][name][root] -= 0.05
                    yield f"{set_name} root {root} F1", low
            elif name == "roots_found":
                for root in floor:
                    low = copy.deepcopy(floors)
                    low["sets"][set_name][name][root]["at_least"] -= 1
                    yield f"{set_name} root {root} count", low
            else:
                low = copy.deepcopy(floors)
                low["sets"][set_name][name] -= 0.05
                yield f"{set_name} {name}", low


def test_lowering_any_floor_or_removing_a_root_floor_fails(report):
    floors = _committed()
    missed = [what for what, low in _lowered(floors) if not loose_floors(report, low)]
    assert not missed, "lowered floors that no check catches: " + ", ".join(missed)
    n = 0
    for set_name, want in floors["sets"].items():
        for kind in ("roots_f1", "roots_found"):
            for root in want.get(kind) or {}:
                cut = copy.deepcopy(floors)
                del cut["sets"][set_name][kind][root]
                assert f"{set_name}: root {root} has" in "\n".join(check_floors(report, cut)), (set_name, root)
                n += 1
    every = sum(len(figures_of(fig)["roots_gold"]) for fig in report["sets"].values())
    assert n == every and every >= 30, (n, every)
    small = [r for fig in report["sets"].values() for r, k in figures_of(fig)["roots_gold"].items() if k < 20]
    assert small and all(
        k >= MIN_ROOT_GOLD for fig in report["sets"].values() for k in figures_of(fig)["roots_gold"].values()
    )


def _entry_rules(report_set: dict) -> list[tuple[str, int]]:
    """Lexicon entries (rule ids) by the true positives they give on the sentence gold."""
    rules = report_set.get("rules") or {}
    return [(r, v["tp"]) for r, v in rules.items() if v["tp"] and _RULE.match(r)]


def _without(rule: str):
    def transform(pred: dict) -> dict:
        events = [e for e in pred.get("events") or () if str(e.get("rule") or "").split(" ")[0] != rule]
        return {**pred, "events": events}

    return transform


def _pick_entry(gold_sets, predictions, report):
    """The lexicon entry whose events, taken out of the predictions, make the gate fail
    (scored with the pure functions: no re-coding)."""
    sentences = next(gs for gs in gold_sets if gs.name == SENTENCES)
    floors = pin_floors({"sets": {SENTENCES: report["sets"][SENTENCES]}})
    for rule, tp in _entry_rules(report["sets"][SENTENCES])[:10]:
        degraded = evaluate_sets([sentences], predictions=predictions[SENTENCES], transform=_without(rule))
        if check_floors(degraded, floors):
            return rule, floors
    return None, floors


def test_gate_fails_when_an_entry_is_removed_from_the_predictions(gold_sets, predictions, report):
    """Pure scoring: remove what one lexicon entry produced; the gate (pinned at today's
    figures minus the margin) must fail."""
    if not _entry_rules(report["sets"][SENTENCES]):
        pytest.skip("the coder finds no true positive yet: nothing to remove")
    rule, floors = _pick_entry(gold_sets, predictions, report)
    assert rule is not None, "no single lexicon entry moves the gate: the floors are too loose"


def _uses(pred: dict, key: str) -> bool:
    """Did the coder consider this lexicon entry anywhere in the document?"""
    pat = re.compile(re.escape(key) + r"(?![\w.\-])")
    texts = [str(e.get("rule") or "") for e in pred.get("events") or ()]
    texts += [f"{c.get('reason')} {c.get('detail')}" for c in pred.get("candidates") or ()]
    return any(pat.search(t) for t in texts)


def test_gate_fails_when_an_entry_is_removed_from_the_lexicon(gold_sets, predictions, report, tmp_path):
    """End to end: copy the default lexicon without one entry the gold depends on, re-code
    with it (PipelineOptions(verb_dictionaries=..., replace_verbs=True)) every gold sentence
    where the coder considered that entry, and show the gate (pinned at today's figures)
    fails. Entries other entries can stand in for do not move it; the first that does is
    the one the gold depends on."""
    from tidings.events.lexicon import DEFAULT_DIR
    from tidings.nlp import PipelineOptions

    candidates = _entry_rules(report["sets"][SENTENCES])
    if not candidates:
        pytest.skip("the coder finds no true positive yet: nothing to remove")
    sentences = next(gs for gs in gold_sets if gs.name == SENTENCES)
    floors = pin_floors({"sets": {SENTENCES: report["sets"][SENTENCES]}})
    tried = []
    for rule, _ in candidates[:8]:
        file_name, entry_id = _RULE.match(rule).groups()
        key = f"{file_name}:{entry_id}"
        lex = tmp_path / entry_id
        shutil.copytree(DEFAULT_DIR, lex)
        lines = (lex / file_name).read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [ln for ln in lines if ln.split("\t", 1)[0].strip() != entry_id]
        assert len(kept) == len(lines) - 1, f"entry {entry_id} not found once in {file_name}"
        (lex / file_name).write_text("".join(kept), encoding="utf-8")
        options = PipelineOptions(verb_dictionaries=(str(lex),), replace_verbs=True)
        affected = [d for d in sentences.docs if _uses(predictions[SENTENCES].get(d.id) or {}, key)]
        try:
            recoded = predict(affected, options)
        finally:  # each pipeline is cached per options; do not keep one per removed entry
            import tidings.nlp

            tidings.nlp._CACHE.pop(options, None)
        assert not any(_uses(p, key) for p in recoded.values()), f"{key} is still used after removal"
        merged = {**predictions[SENTENCES], **recoded}
        degraded = evaluate_sets([sentences], predictions=merged)
        failures = check_floors(degraded, floors)
        tried.append(f"{key}: {len(affected)} sentences re-coded, {len(failures)} floor(s) broken")
        if failures:
            print(f"removing {key} from the lexicon breaks the gate: " + "; ".join(failures))
            before = report["sets"][SENTENCES]["levels"]["root"]["micro"]["tp"]
            assert degraded["sets"][SENTENCES]["levels"]["root"]["micro"]["tp"] < before
            return
    pytest.fail("no lexicon entry moves the gate:\n" + "\n".join(tried))
