"""The date grammar skips a rule when the text lacks what every match of that rule contains
(grammar._gates): that shortcut must never change what find() returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.dates import grammar

FIXTURES = Path(__file__).parent / "fixtures" / "dates"
EXAMPLES = Path(grammar.__file__).resolve().parent.parent / "data" / "examples"

EXTRA = [
    "2021-12-07 and 12/07/2021 and 07.12.2021, on the 15th, in the first quarter of 2021, Q3 2020.",
    "By the end of the year, late in the week, the day before yesterday, that night, the next morning.",
    "Three weeks later, two years ago, a century ago, a decade earlier, the 1990s, the '80s, the 21st century.",
    "Last weekend, over the weekend, this coming weekend, recent weeks, in the past, the coming days.",
    "Tuesday, Dec. 7, 2021; 7 December 2021; the 7th of December; December of last year; mid-March.",
    "Christmas Eve, New Year's Day, last Easter, Thanksgiving 2020, the spring of 2019, fiscal 2022.",
    "EARLIER THIS MONTH, THE NEXT DAY, TWO DAYS LATER, LAST NIGHT, MONDAY MORNING, SEPT. 11",
    "ſince the paſt few weeks, the ıate ſpring, THE DAY BEFORE YESTERDAY, tİme, İN THE PAST.",
    "At 4 a.m. EDT Thursday, 14:30 GMT, five o'clock, every other Sunday, Mondays, 3 times per year.",
    "Nineteen hundred, eighteen oh five, Tuesday, March twenty-first, the fiscal 1990 year end, NOW.",
    "The year-ago period, its latest fiscal year, that quarter, the past decade, several-year, a fortnight.",
]


def _texts():
    texts = list(EXTRA)
    for name in ("timex_cases.tsv", "timex_types.tsv"):
        for line in (FIXTURES / name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                texts.append(line.split("\t")[1])
    texts += (FIXTURES / "timex_negatives.txt").read_text("utf-8").splitlines()
    texts += [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*")) if p.is_file()]
    return texts + [t.upper() for t in texts] + [t.lower() for t in texts]


TEXTS = _texts()


def _as_tuples(matches):
    return [(m.start, m.end, m.kind, m.f, m.needs_context) for m in matches]


def test_skipping_rules_changes_nothing(monkeypatch):
    gated = [_as_tuples(grammar.find(t)) for t in TEXTS]
    monkeypatch.setattr(grammar, "_may_match", lambda gate, text, low: True)
    assert [_as_tuples(grammar.find(t)) for t in TEXTS] == gated


@pytest.mark.parametrize("name", [name for name, _, _ in grammar._compiled(None)[0]])
def test_every_match_passes_its_rules_test(name):
    """A test is about what the match itself contains: it holds on the matched text alone."""
    rx, gate = next((rx, gate) for n, rx, gate in grammar._compiled(None)[0] if n == name)
    seen = 0
    for text in TEXTS:
        for m in rx.finditer(text):
            piece = text[m.start() : m.end()]
            assert grammar._may_match(gate, piece, grammar._lower(piece)), (name, piece)
            seen += 1
    assert seen, f"no text exercises the {name} rule"
