"""Measure the coder: gold data, pure scoring functions, the runner and the reports behind
`tidings evaluate` (see docs/accuracy.md)."""

from .gold import (
    ANY,
    GoldDoc,
    GoldError,
    GoldEvent,
    GoldSet,
    actor_key,
    load_codebook,
    load_gold,
    load_paths,
    validate_gold,
)
from .runner import evaluate_paths, evaluate_sets, predict
from .scoring import aggregate, event_matches, match_events, prf, score, score_document
from .report import render_markdown, render_text
from .compare import compare_reports, render_comparison
from .gate import check_floors, pin_floors

__all__ = [
    "ANY",
    "GoldDoc",
    "GoldError",
    "GoldEvent",
    "GoldSet",
    "actor_key",
    "load_codebook",
    "load_gold",
    "load_paths",
    "validate_gold",
    "evaluate_paths",
    "evaluate_sets",
    "predict",
    "aggregate",
    "event_matches",
    "match_events",
    "prf",
    "score",
    "score_document",
    "render_markdown",
    "render_text",
    "compare_reports",
    "render_comparison",
    "check_floors",
    "pin_floors",
]
