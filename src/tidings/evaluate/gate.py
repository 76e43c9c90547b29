"""The accuracy gate: pinned floors (gold/floors.json) that the coder's figures must reach,
and that cannot drift down unnoticed.

`floors.json`:
    {"margin": 0.02,
     "sets": {"sentences.jsonl": {"root_micro_precision": 0.41, "root_micro_recall": 0.30,
                                  "root_micro_f1": 0.35, "code_micro_f1": 0.3, "penta_macro_f1": 0.40,
                                  "roots_f1": {"04": 0.6, ...},
                                  "roots_found": {"06": {"at_least": 3, "of": 8}, ...}}, ...},
     "stories": {"dev.jsonl": {"precision": 0.48, "recall": 0.31, "f1": 0.38}}}

Rules (`check_floors`, used by `tidings evaluate --floors` and the tests):
- every figure must be >= its floor; a figure that cannot be measured (None, missing) fails;
- every root with at least MIN_ROOT_GOLD gold events must have a floor: an F1 floor when it
  has at least COUNT_ROOT_BELOW gold events, else a count floor "at least k of n found"
  (a small root's F1 jumps by a tenth with one event; a count says plainly what is guarded).
  A count floor leaves one event of room only when at least COUNT_ROOM_FROM events are
  found; a root found once or twice must keep every one.

Rules against drift (`loose_floors`, run by the tests on today's figures):
- a floor may lie at most the allowed slack below what is measured now: the margin for the
  overall figures and the story figures, `root_slack(n)` for a root's F1, `count_slack(found)`
  events for a count floor (plus ROUNDING for the three decimals floors are written with). A floor
  further down is "too loose: re-pin" -- the coder improved, or the floor was lowered.
- a count floor's `of` must be the root's gold count today (the gold changed: re-pin).

`pin_floors` writes the measured figures minus those slacks (run it when the coder improves:
`tidings evaluate gold/ gold/news/dev.jsonl --texts ../shared/data/news/wire.jsonl
--pin-floors gold/floors.json`). Lowering a floor is a decision to write down in the commit
message; changing the gold after the fact goes through gold/adjudication.tsv.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = [
    "FIGURES",
    "figures_of",
    "check_floors",
    "loose_floors",
    "pin_floors",
    "load_floors",
    "lowered_floors",
    "root_slack",
    "count_slack",
    "MIN_ROOT_GOLD",
    "COUNT_ROOT_BELOW",
    "COUNT_ROOM_FROM",
    "ROUNDING",
]

# name -> how to read it from one set's figures
FIGURES = {
    "root_micro_precision": lambda f: f["levels"]["root"]["micro"]["precision"],
    "root_micro_recall": lambda f: f["levels"]["root"]["micro"]["recall"],
    "root_micro_f1": lambda f: f["levels"]["root"]["micro"]["f1"],
    "code_micro_f1": lambda f: f["levels"]["code"]["micro"]["f1"],
    "penta_macro_f1": lambda f: (f.get("penta_sentence") or {}).get("macro_f1"),
}
STORY_FIGURES = ("precision", "recall", "f1")
MIN_ROOT_GOLD = 5  # every root with at least this many gold events has a floor
COUNT_ROOT_BELOW = 20  # roots with fewer gold events get a count floor instead of an F1 floor
COUNT_ROOM_FROM = 3  # a count floor leaves one event of room from this many events found
ROUNDING = 0.002  # floors are written with three decimals
DEFAULT_MARGIN = 0.02


def root_slack(n_gold: int, margin: float = DEFAULT_MARGIN) -> float:
    """How far below the measured F1 a root's floor lies: about one event's worth (1/n), at
    least the margin."""
    return max(margin, 1.0 / max(n_gold, 1))


def count_slack(found: int) -> int:
    """How many events fewer a count floor allows: one when COUNT_ROOM_FROM or more are found."""
    return 1 if found >= COUNT_ROOM_FROM else 0


def figures_of(fig: dict) -> dict:
    """The gated figures of one set: the FIGURES (None when not measurable), and per root
    with at least MIN_ROOT_GOLD gold events its F1, gold count and events found."""
    out = {name: get(fig) for name, get in FIGURES.items()}
    per_label = fig["levels"]["root"]["per_label"]
    big = {r: m for r, m in per_label.items() if m["tp"] + m["fn"] >= MIN_ROOT_GOLD}
    out["roots_f1"] = {r: m["f1"] for r, m in big.items()}
    out["roots_gold"] = {r: m["tp"] + m["fn"] for r, m in big.items()}
    out["roots_found"] = {r: m["tp"] for r, m in big.items()}
    return out


def load_floors(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _fmt(value) -> str:
    return "missing" if value is None else f"{value:.3f}"


def check_floors(report: dict, floors: dict) -> list[str]:
    """Every figure below its floor (or missing), every root without a floor, as readable
    lines (empty: the gate passes)."""
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
                    value = got["roots_f1"].get(root)
                    if value is None or value < rfloor:
                        failures.append(f"{set_name}: root {root} F1 {_fmt(value)} < floor {rfloor:.3f}")
            elif name == "roots_found":
                for root, spec in floor.items():
                    found, n = got["roots_found"].get(root), got["roots_gold"].get(root)
                    if found is None or found < spec["at_least"]:
                        failures.append(
                            f"{set_name}: root {root} found {found if found is not None else 'missing'}"
                            f" of {n} gold events < floor {spec['at_least']} of {spec['of']}"
                        )
            elif name not in FIGURES:
                failures.append(f"{set_name}: unknown figure {name!r} in the floors")
            else:
                value = got.get(name)
                if value is None or value < floor:
                    failures.append(f"{set_name}: {name} {_fmt(value)} < floor {floor:.3f}")
        floored = set(want.get("roots_f1") or {}) | set(want.get("roots_found") or {})
        for root, n in sorted(got["roots_gold"].items()):
            if root not in floored:
                failures.append(f"{set_name}: root {root} has {n} gold events and no floor")
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
                failures.append(f"{name}: story-level {figure} {_fmt(value)} < floor {floor:.3f}")
        for figure in STORY_FIGURES:
            if figure not in want:
                failures.append(f"{name}: story-level {figure} has no floor")
    return failures


def loose_floors(report: dict, floors: dict) -> list[str]:
    """Floors lying further below today's figures than the allowed slack ("too loose:
    re-pin"), for every set and story set in `floors` that `report` measured."""
    margin = floors.get("margin", DEFAULT_MARGIN)
    out = []

    def check(where: str, floor, measured: float, slack: float) -> None:
        if not isinstance(floor, (int, float)) or floor < 0:
            out.append(f"{where}: floor {floor!r} is not a number >= 0")
        elif floor < max(0.0, measured - slack) - ROUNDING:
            out.append(
                f"{where}: floor {floor:.3f} lies more than {slack:.3f} below the measured "
                f"{measured:.3f}: floor too loose, re-pin"
            )

    for set_name, want in (floors.get("sets") or {}).items():
        fig = report["sets"].get(set_name)
        if fig is None:
            continue
        got = figures_of(fig)
        for name, floor in want.items():
            if name == "roots_f1":
                for root, rfloor in floor.items():
                    if root in got["roots_f1"]:
                        check(
                            f"{set_name}: root {root} F1",
                            rfloor,
                            got["roots_f1"][root],
                            root_slack(got["roots_gold"][root], margin),
                        )
            elif name == "roots_found":
                for root, spec in floor.items():
                    if root not in got["roots_found"]:
                        continue
                    n, found = got["roots_gold"][root], got["roots_found"][root]
                    if spec.get("of") != n:
                        out.append(
                            f"{set_name}: root {root} count floor is 'of {spec.get('of')}' but the gold "
                            f"has {n} events now: re-pin"
                        )
                    at_least = spec.get("at_least")
                    if not isinstance(at_least, int) or at_least < 0 or at_least < found - count_slack(found):
                        out.append(
                            f"{set_name}: root {root} floor 'at least {at_least} of {spec.get('of')}' lies "
                            f"more than {count_slack(found)} below the {found} found: floor too loose, re-pin"
                        )
            elif got.get(name) is not None:
                check(f"{set_name}: {name}", floor, got[name], margin)
    for name, want in (floors.get("stories") or {}).items():
        fig = (report.get("stories") or {}).get(name)
        if fig is None:
            continue
        for figure, floor in want.items():
            if fig.get(figure) is not None:
                check(f"{name}: story-level {figure}", floor, fig[figure], margin)
    return out


def pin_floors(report: dict, margin: float = DEFAULT_MARGIN, note: str = "", previous: dict | None = None) -> dict:
    """Floors = measured figures minus the margin (never below 0); per root an F1 floor
    (minus `root_slack`) or, for a root with fewer than COUNT_ROOT_BELOW gold events, a count
    floor (events found minus `count_slack`).

    With `previous` (the floors file being replaced), a floor the coder still reaches is never
    lowered: re-pinning only raises floors, and `lowered_floors` lists what it had to lower."""
    sets = {}
    for name, fig in report["sets"].items():
        got = figures_of(fig)
        floors = {k: round(max(0.0, v - margin), 3) for k, v in got.items() if k in FIGURES and v is not None}
        roots_f1, roots_found = {}, {}
        for r, v in got["roots_f1"].items():
            n = got["roots_gold"][r]
            if n >= COUNT_ROOT_BELOW:
                roots_f1[r] = round(max(0.0, v - root_slack(n, margin)), 3)
            else:
                found = got["roots_found"][r]
                roots_found[r] = {"at_least": found - count_slack(found), "of": n}
        if roots_f1:
            floors["roots_f1"] = roots_f1
        if roots_found:
            floors["roots_found"] = roots_found
        sets[name] = floors
    out = {
        "margin": margin,
        "note": note,
        "sets": sets,
        "measured": {name: figures_of(fig) for name, fig in report["sets"].items()},
    }
    stories = report.get("stories") or {}
    if stories:
        out["stories"] = {
            name: {k: round(max(0.0, fig[k] - margin), 3) for k in STORY_FIGURES} for name, fig in stories.items()
        }
        out["measured_stories"] = {name: {k: round(fig[k], 4) for k in STORY_FIGURES} for name, fig in stories.items()}
    if previous:
        _keep_reached(out, previous, report)
    return out


def _keep_reached(new: dict, previous: dict, report: dict) -> None:
    """Keep every previous floor that is higher than the new one and still reached."""
    lowered = []
    for set_name, want in new["sets"].items():
        old = (previous.get("sets") or {}).get(set_name) or {}
        got = figures_of(report["sets"][set_name])
        for name, floor in list(want.items()):
            if name == "roots_f1":
                for root, f in floor.items():
                    o = (old.get("roots_f1") or {}).get(root)
                    if isinstance(o, (int, float)) and o > f:
                        if o <= got["roots_f1"][root]:
                            floor[root] = o
                        else:
                            lowered.append(f"{set_name}: root {root} F1 {o} -> {f}")
            elif name == "roots_found":
                for root, spec in floor.items():
                    o = (old.get("roots_found") or {}).get(root) or {}
                    if (
                        o.get("of") == spec["of"]
                        and isinstance(o.get("at_least"), int)
                        and o["at_least"] > spec["at_least"]
                    ):
                        if o["at_least"] <= got["roots_found"][root]:
                            spec["at_least"] = o["at_least"]
                        else:
                            lowered.append(f"{set_name}: root {root} at least {o['at_least']} -> {spec['at_least']}")
            else:
                o = old.get(name)
                if isinstance(o, (int, float)) and o > floor:
                    if got.get(name) is not None and o <= got[name]:
                        want[name] = o
                    else:
                        lowered.append(f"{set_name}: {name} {o} -> {floor}")
    for story, want in (new.get("stories") or {}).items():
        old = (previous.get("stories") or {}).get(story) or {}
        for k, floor in want.items():
            o = old.get(k)
            if isinstance(o, (int, float)) and o > floor:
                if o <= report["stories"][story][k]:
                    want[k] = o
                else:
                    lowered.append(f"{story}: story-level {k} {o} -> {floor}")
    if lowered:
        new["lowered"] = lowered


def lowered_floors(pinned: dict) -> list[str]:
    """The floors a re-pin had to lower (the coder no longer reaches them): say why in the commit."""
    return list(pinned.get("lowered") or [])
