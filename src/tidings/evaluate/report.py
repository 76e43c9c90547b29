"""Render evaluation figures as plain text (terminal) or Markdown (docs/accuracy.md)."""

from __future__ import annotations

__all__ = ["render_text", "render_markdown", "summary_rows"]

LEVEL_NAMES = {
    "root": "(root, source, target)",
    "code": "(full code, source, target)",
    "penta": "(pentacode, source, target)",
}


def _figure(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def _table(header: list[str], rows: list[list], md: bool) -> str:
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    if md:
        out = ["| " + " | ".join(cells[0]) + " |", "|" + "|".join("---" for _ in header) + "|"]
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in cells[1:]]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells)


def summary_rows(fig: dict) -> list[list]:
    rows = []
    for level, name in LEVEL_NAMES.items():
        m = fig["levels"][level]
        mi, ma = m["micro"], m["macro"]
        rows.append(
            [
                name,
                _figure(mi["precision"]),
                _figure(mi["recall"]),
                _figure(mi["f1"]),
                _figure(ma["precision"]),
                _figure(ma["recall"]),
                _figure(ma["f1"]),
                mi["tp"],
                mi["fp"],
                mi["fn"],
            ]
        )
    return rows


def _sections(report: dict, md: bool, max_errors: int | None, per_code: bool = True) -> list[tuple[str, str]]:
    fig = report["all"]
    out = [_overview_section(report, md)]
    out += _score_sections(report, md)
    out += _phenomena_sections(fig, md)
    if per_code:
        out += _per_label_sections(fig, md)
    out += _rules_sections(fig, md)
    out += _confusion_sections(fig, md)
    out += _error_sections(fig, md, max_errors)
    return out


def _overview_section(report: dict, md: bool) -> tuple[str, str]:
    """One row per gold set (and all of them): documents, gold events, root-level figures."""
    sets = report["sets"]
    overview = []
    for name, fig in list(sets.items()) + ([("all", report["all"])] if len(sets) > 1 else []):
        m = fig["levels"]["root"]["micro"]
        ps = fig.get("penta_sentence")
        overview.append(
            [
                name,
                fig["documents"] if not fig.get("skipped") else f"{fig['documents']} ({fig['skipped']} not coded)",
                fig["gold_events"],
                fig.get("gold_codes", "-"),
                fig.get("gold_roots", "-"),
                _figure(m["precision"]),
                _figure(m["recall"]),
                _figure(m["f1"]),
                _figure(ps["macro_f1"]) if ps else "-",
                f"{fig['forbidden']['asserted']}/{fig['forbidden']['total']}",
            ]
        )
    return (
        "Overview",
        _table(
            [
                "gold",
                "docs",
                "gold events",
                "codes",
                "roots",
                "P root",
                "R root",
                "F1 root",
                "penta macro-F1",
                "forbidden asserted",
            ],
            overview,
            md,
        ),
    )


def _score_sections(report: dict, md: bool) -> list[tuple[str, str]]:
    """Per gold set (and all of them): the per-level table and what the set's gold also scores."""
    out = []
    head = ["level", "micro P", "micro R", "micro F1", "macro P", "macro R", "macro F1", "TP", "FP", "FN"]
    sets = report["sets"]
    for name, fig in list(sets.items()) + ([("all", report["all"])] if len(sets) > 1 else []):
        body = [_table(head, summary_rows(fig), md)] + _score_notes(fig)
        out.append((f"Scores: {name}", "\n\n".join(body)))
    return out


def _score_notes(fig: dict) -> list[str]:
    """Pentacode, actor spans and codes, status, quotes, dates, event dates, dictionaries: the
    paragraphs a set's figures have."""
    body = []
    ps = fig.get("penta_sentence")
    if ps:
        body.append(
            f"Sentence pentacode (main event): accuracy {_figure(ps['accuracy'])}, macro-F1 "
            f"{_figure(ps['macro_f1'])} over {ps['sentences']} sentences; per class F1: "
            + ", ".join(f"{c} {_figure(v['f1'])}" for c, v in ps["per_class"].items())
        )
    if fig.get("spans"):
        s, lenient = fig["spans"]["strict"], fig["spans"]["lenient"]
        body.append(
            f"Actor spans: strict P {_figure(s['precision'])} R {_figure(s['recall'])} F1 {_figure(s['f1'])}; "
            f"lenient (containment) P {_figure(lenient['precision'])} R {_figure(lenient['recall'])} F1 {_figure(lenient['f1'])}"
        )
    if fig.get("actor_codes"):
        a = fig["actor_codes"]
        body.append(
            f"Actor codes on the gold spans: {a['right']}/{a['spans']} right (country or organisation; "
            f"accuracy {_figure(a['accuracy'])}), {a['found']} spans found as actor mentions."
        )
    st = fig["status"]
    if st["gold_not_asserted"]:
        body.append(
            f"Status: {st['gold_not_asserted']} gold events are not asserted; coded with the same "
            f"status {st['same_status']} (accuracy {_figure(st['accuracy'])}), wrongly as asserted "
            f"{st['predicted_asserted']}, with another status {st['other_status']}, not found "
            f"{st['not_found']}. Forbidden events asserted: {fig['forbidden']['asserted']}/"
            f"{fig['forbidden']['total']}."
        )
    if fig.get("quotes"):
        q, d, a = fig["quotes"], fig["dates"], fig["actors"]
        body.append(
            f"Quotes: {q['found']}/{q['gold']} found with speaker and kind (recall {_figure(q['recall'])}, "
            f"text only {_figure(q['recall_text_only'])}), precision {_figure(q['precision'])} of {q['pred']}. "
            f"Dates: {d['found']}/{d['gold']} (recall {_figure(d['recall'])}, precision {_figure(d['precision'])}). "
            f"Actors: {a['exact']}/{a['gold']} with the exact code, {a['country']} with the right "
            f"country."
        )
    if fig.get("event_dates"):
        ed = fig["event_dates"]
        body.append(
            f"Event dates: {ed['right_date']} of the {ed['found']} dated gold events found carry the right "
            f"date ({ed['gold']} events are dated in the gold)."
        )
    if fig.get("dictionaries"):
        body.append(
            "Coded with dictionaries: " + ", ".join(fig["dictionaries"]["verbs"] + fig["dictionaries"]["actors"])
        )
    return body


def _phenomena_sections(fig: dict, md: bool) -> list[tuple[str, str]]:
    ph = fig.get("phenomena") or {}
    if not ph:
        return []
    rows = [
        [
            tag,
            v["documents"],
            _figure(v["precision"]),
            _figure(v["recall"]),
            _figure(v["f1"]),
            v["tp"],
            v["fp"],
            v["fn"],
            _figure(v["status_accuracy"]),
            v["asserted_by_mistake"],
        ]
        for tag, v in ph.items()
    ]
    return [
        (
            "By phenomenon (sentence gold, root level; tags derived from text and annotation)",
            _table(
                [
                    "phenomenon",
                    "sentences",
                    "P",
                    "R",
                    "F1",
                    "TP",
                    "FP",
                    "FN",
                    "status acc.",
                    "not-asserted coded as asserted",
                ],
                rows,
                md,
            ),
        )
    ]


def _per_label_rows(per_label: dict) -> list[list]:
    return [
        [
            code,
            m["tp"] + m["fn"],
            m["tp"],
            m["fp"],
            m["fn"],
            _figure(m["precision"]),
            _figure(m["recall"]),
            _figure(m["f1"]),
        ]
        for code, m in per_label.items()
    ]


def _per_label_sections(fig: dict, md: bool) -> list[tuple[str, str]]:
    """Per full code and per root."""
    codes = _per_label_rows(fig["levels"]["code"]["per_label"])
    roots = _per_label_rows(fig["levels"]["root"]["per_label"])
    return [
        ("Per code (full code, source, target)", _table(["code", "gold", "TP", "FP", "FN", "P", "R", "F1"], codes, md)),
        ("Per root (root, source, target)", _table(["root", "gold", "TP", "FP", "FN", "P", "R", "F1"], roots, md)),
    ]


def _rules_sections(fig: dict, md: bool) -> list[tuple[str, str]]:
    rules = fig.get("rules") or {}
    if not rules:
        return []
    rows = [[r, v["tp"], v["fp"]] for r, v in list(rules.items())[:40]]
    return [("Rules behind the asserted predictions (root level; top 40)", _table(["rule", "TP", "FP"], rows, md))]


def _confusion_sections(fig: dict, md: bool) -> list[tuple[str, str]]:
    conf = fig["confusion_roots"]
    if not conf:
        return []
    golds = sorted({k.split("->")[0] for k in conf}, key=lambda x: (x == "none", x))
    preds = sorted({k.split("->")[1] for k in conf}, key=lambda x: (x == "none", x))
    rows = [[g] + [conf.get(f"{g}->{p}", "") for p in preds] for g in golds]
    return [
        (
            "Confusion of roots (rows gold; columns the coder's unmatched event on the same dyad, else with the same source, else in the same sentence; none = no event)",
            _table(["gold \\ pred"] + preds, rows, md),
        )
    ]


_ERROR_MEANINGS = {
    "missed": "a gold event the coder did not assert",
    "false_positive": "an asserted event the gold does not have",
    "wrong_code": "right root and actors, other code",
    "status": "asserted, but the gold says negated, hypothetical or future",
    "forbidden": "an event the gold forbids as asserted",
    "skipped": "the coder did not code the document (the reason is given)",
}


def _error_sections(fig: dict, md: bool, max_errors: int | None) -> list[tuple[str, str]]:
    """The errors counted by type, then listed (the first `max_errors`) with their explanations."""
    out = []
    errors = fig["errors"]
    kinds: dict[str, int] = {}
    for e in errors:
        kinds[e["type"]] = kinds.get(e["type"], 0) + 1
    if kinds:
        rows = [[k, v, _ERROR_MEANINGS.get(k, "")] for k, v in sorted(kinds.items())]
        out.append(("Errors by type", _table(["type", "count", "meaning"], rows, md)))
    shown = errors if max_errors is None else errors[:max_errors]
    lines = []
    for e in shown:
        what = e.get("gold") or e.get("predicted")
        line = f"{e['doc']}: {e['type']}: {what}"
        if e.get("type") == "wrong_code":
            line += f" (predicted {e['predicted']})"
        if e.get("why"):
            line += f" [{e['why']}]"
        expl = "; ".join(e.get("explanation") or [])
        if e.get("context"):
            expl = (expl + "; " if expl else "") + f"in: {e['context']}"
        lines.append(("- " if md else "  ") + line + (f"\n    {expl}" if expl else ""))
    if len(shown) < len(errors):
        lines.append(
            f"... and {len(errors) - len(shown)} more: `tidings evaluate gold/ --errors 0` prints "
            "every error, `--json` gives them all with their explanations"
        )
    out.append((f"Errors ({len(errors)})", "\n".join(lines) if lines else "none"))
    return out


def _story_sections(report: dict, md: bool) -> list[tuple[str, str]]:
    from .stories import story_sections

    return story_sections(report.get("stories") or {}, lambda header, rows: _table(header, rows, md))


def render_text(report: dict, max_errors: int | None = 50) -> str:
    parts = []
    sections = _story_sections(report, md=False)
    if report.get("sets"):
        sections += _sections(report, md=False, max_errors=max_errors)
    for title, body in sections:
        parts.append(f"== {title}\n{body}")
    parts.append(f"({report.get('seconds', 0)} s)")
    return "\n\n".join(parts) + "\n"


def render_markdown(report: dict, command: str, max_errors: int | None = 150) -> str:
    head = [
        "# Accuracy of the tidings event coder",
        "",
        "Generated; do not edit by hand. Regenerate with:",
        "",
        "    " + command,
        "",
        "How the figures are computed (gold format, matching rules, annotation guide): "
        "`gold/README.md`. Events are matched one-to-one per document; actors are compared by "
        "country (first three letters of the CAMEO actor code) or, for organisations, by whole "
        "code; only asserted predictions count; events the gold marks as not asserted (negated, "
        "hypothetical, future) are false positives when predicted as asserted.",
        "",
    ]
    body = []
    sections = _story_sections(report, md=True)
    if report.get("sets"):
        sections += _sections(report, md=True, max_errors=max_errors)
    for title, text in sections:
        body += [f"## {title}", "", text, ""]
    return "\n".join(head + body)
