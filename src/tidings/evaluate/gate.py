"""The accuracy gate: pinned floors (gold/floors.json) that the coder's figures must reach.

`floors.json`:
    {"margin": 0.02,
     "sets": {"sentences.jsonl": {"root_micro_precision": 0.41, "root_micro_recall": 0.30,
                                  "root_micro_f1": 0.35, "penta_macro_f1": 0.40,
                                  "roots_f1": {"04": 0.6, ...}}, ...}}
Every figure must be >= its floor. `pin_floors` writes the measured figures minus the margin
(per-root floors leave room for ROOT_SLACK events, at least the margin)
(run it when the coder improves: `tidings evaluate gold/ --pin-floors gold/floors.json`).
"""
from __future__ import annotations

import json
from pathlib import Path

__all__ = ["FIGURES", "figures_of", "check_floors", "pin_floors", "load_floors"]

# name -> how to read it from one set's figures
FIGURES = {
    "root_micro_precision": lambda f: f["levels"]["root"]["micro"]["precision"],
    "root_micro_recall": lambda f: f["levels"]["root"]["micro"]["recall"],
    "root_micro_f1": lambda f: f["levels"]["root"]["micro"]["f1"],
    "code_micro_f1": lambda f: f["levels"]["code"]["micro"]["f1"],
    "penta_macro_f1": lambda f: (f["penta_sentence"] or {}).get("macro_f1"),
}
MIN_ROOT_GOLD = 5  # per-root floors only for roots with at least this many gold events
ROOT_SLACK = 2.5  # per-root floors leave room for this many events going either way


def figures_of(fig: dict) -> dict:
    out = {}
    for name, get in FIGURES.items():
        value = get(fig)
        if value is not None:
            out[name] = value
    roots = {}
    for root, m in fig["levels"]["root"]["per_label"].items():
        if m["tp"] + m["fn"] >= MIN_ROOT_GOLD:
            roots[root] = m["f1"]
    out["roots_f1"] = roots
    out["roots_gold"] = {r: m["tp"] + m["fn"] for r, m in fig["levels"]["root"]["per_label"].items() if r in roots}
    return out


def load_floors(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


STORY_FIGURES = ("precision", "recall", "f1")


def check_floors(report: dict, floors: dict) -> list[str]:
    """Every figure below its floor, as readable lines (empty: the gate passes)."""
    failures = _check_stories(report, floors)
    for set_name, want in (floors.get("sets") or {}).items():
        fig = report["sets"].get(set_name)
        if fig is None:
            failures.append(f"{set_name}: not evaluated")
            continue
        got = figures_of(fig)
        for name, floor in want.items():
            if name == "roots_f1":
                for root, rfloor in floor.items():
                    value = got["roots_f1"].get(root, 0.0)
                    if value < rfloor:
                        failures.append(f"{set_name}: root {root} F1 {value:.3f} < floor {rfloor:.3f}")
            elif name in got and got[name] < floor:
                failures.append(f"{set_name}: {name} {got[name]:.3f} < floor {floor:.3f}")
    return failures


def _check_stories(report: dict, floors: dict) -> list[str]:
    failures = []
    for name, want in (floors.get("stories") or {}).items():
        fig = (report.get("stories") or {}).get(name)
        if fig is None:
            failures.append(f"{name}: not evaluated")
            continue
        for figure, floor in want.items():
            value = fig.get(figure)
            if value is None or value < floor:
                failures.append(f"{name}: story-level {figure} {value if value is None else round(value, 3)} < floor {floor:.3f}")
    return failures


def pin_floors(report: dict, margin: float = 0.02, note: str = "") -> dict:
    """Floors = measured figures minus the margin (never below 0)."""
    sets = {}
    for name, fig in report["sets"].items():
        got = figures_of(fig)
        floors = {k: round(max(0.0, v - margin), 3) for k, v in got.items() if not k.startswith("roots_")}
        roots = {}
        for r, v in got["roots_f1"].items():
            # a root with n gold events moves by about 1/n per event: leave room for a few
            slack = max(margin, ROOT_SLACK / max(got["roots_gold"].get(r, 1), 1))
            if v - slack > 0:
                roots[r] = round(v - slack, 3)
        if roots:
            floors["roots_f1"] = roots
        sets[name] = floors
    out = {"margin": margin, "note": note, "sets": sets,
           "measured": {name: figures_of(fig) for name, fig in report["sets"].items()}}
    stories = report.get("stories") or {}
    if stories:
        out["stories"] = {name: {k: round(max(0.0, fig[k] - margin), 3) for k in STORY_FIGURES}
                          for name, fig in stories.items()}
        out["measured_stories"] = {name: {k: round(fig[k], 4) for k in STORY_FIGURES} for name, fig in stories.items()}
    return out
