"""Compare two evaluation reports (`tidings evaluate ... --json` saved earlier): which figures
moved and which errors are new or fixed, so a change to the coder can be judged by what it
broke as well as by what it fixed."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["compare_reports", "render_comparison"]

_RULE = re.compile(r"\s*\((?:asserted|negated|hypothetical|future); trigger .*$")


def _key(e: dict) -> tuple:
    """An error's identity across runs: document, type and what was missed or predicted
    (without the rule and trigger, which may change with the coder)."""
    what = e.get("gold") if e["type"] in ("missed", "wrong_code") else e.get("predicted") or ""
    return (e["doc"], e["type"], _RULE.sub("", str(what)))


def compare_reports(before: dict, after: dict) -> dict:
    out: dict[str, Any] = {"sets": {}}
    for name in sorted(set(before.get("sets", {})) | set(after.get("sets", {}))):
        b, a = before["sets"].get(name), after["sets"].get(name)
        if b is None or a is None:
            out["sets"][name] = {"only_in": "after" if b is None else "before"}
            continue
        figures = {}
        for level in ("root", "code", "penta"):
            for k in ("precision", "recall", "f1"):
                x, y = b["levels"][level]["micro"][k], a["levels"][level]["micro"][k]
                figures[f"{level}_micro_{k}"] = {"before": x, "after": y, "delta": round(y - x, 4)}
        if b.get("penta_sentence") and a.get("penta_sentence"):
            x, y = b["penta_sentence"]["macro_f1"], a["penta_sentence"]["macro_f1"]
            figures["penta_macro_f1"] = {"before": x, "after": y, "delta": round(y - x, 4)}
        bk = {_key(e): e for e in b.get("errors") or ()}
        ak = {_key(e): e for e in a.get("errors") or ()}
        out["sets"][name] = {
            "figures": figures,
            "new_errors": [ak[k] for k in ak if k not in bk],
            "fixed_errors": [bk[k] for k in bk if k not in ak],
        }
    return out


def render_comparison(cmp: dict, max_errors: int | None = 30) -> str:
    lines = []
    for name, c in cmp["sets"].items():
        if "only_in" in c:
            lines.append(f"== {name}: only in the {c['only_in']} report")
            continue
        lines.append(f"== {name}")
        for k, v in c["figures"].items():
            sign = "+" if v["delta"] > 0 else ""
            lines.append(f"  {k:<24} {v['before']:.3f} -> {v['after']:.3f} ({sign}{v['delta']:.3f})")
        for title, errs in (("new errors", c["new_errors"]), ("fixed errors", c["fixed_errors"])):
            lines.append(f"  {title}: {len(errs)}")
            for e in errs[: max_errors if max_errors is not None else len(errs)]:
                lines.append(f"    {e['doc']}: {e['type']}: {e.get('gold') or e.get('predicted')}")
    return "\n".join(lines) + "\n"
