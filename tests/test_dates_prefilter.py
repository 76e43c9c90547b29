"""tidings.dates.prefilter: the lookahead put in front of each rule changes no match.

Every rule of the grammar is run plain and guarded on sentences written for this test and on
strings built from pieces that fold oddly under ignore-case (dotted and dotless i, long s,
the Kelvin sign), odd spaces and digits of other scripts: positions and groups must agree."""

from __future__ import annotations

import random
import re

import pytest

from tidings.dates import grammar
from tidings.dates.prefilter import first_prefixes, guarded

SENTENCES = [
    "The council met on Monday, Dec. 7, and will meet again next Tuesday at 3 p.m.",
    "Sales rose 12% in the third quarter from a year earlier; for fiscal 2021 they fell.",
    "By year's end, about two and a half years after the 1990s boom, prices had halved.",
    "Every other week since mid-2019 the ferry ran twice a day, except at Christmas and Easter.",
    "THE LAST FEW MONTHS; Early last week; the week of March 6; 7 December 2021; 2021-12-07.",
    "The 10-year bond, a 55-year-old man and the past decade: not all of them are dates.",
    "He left the day before yesterday, around noon, and returns in three months or so.",
]
PIECES = (
    "İ ı ſ \u212a ﬀ Σ \u00a0 \u2009 ’ ' - — ٣ ５ THE the Last Year-End SEPT. ſeptember janUARY Noon 12:30 "
    "p.m. ’90s TWO Fortnight EVERY mid- Easter MONDAY \n\n , . Q3 2020 Dec 7 ago İn ın ſome Weekend"
).split(" ")


def _texts() -> list[str]:
    rnd = random.Random(20)
    built = [" ".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 10))) for _ in range(1500)]
    return SENTENCES + built


def _rule_pairs():
    holidays = grammar.load_holidays(None)
    guarded_rules = grammar._rules(holidays)
    plain = [(name, re.compile(rx.pattern)) for name, rx, _ in guarded_rules]
    return guarded_rules, plain


def test_every_rule_matches_the_same_with_and_without_its_guard(monkeypatch):
    guarded_rules, _ = _rule_pairs()
    monkeypatch.setattr(grammar, "guarded", lambda pattern: pattern)
    plain_rules = grammar._rules(grammar.load_holidays(None))
    assert [n for n, _, _ in guarded_rules] == [n for n, _, _ in plain_rules]
    assert any(g.pattern != p.pattern for (_, g, _), (_, p, _) in zip(guarded_rules, plain_rules))
    texts = _texts()
    for (name, with_guard, _), (_, without, _) in zip(guarded_rules, plain_rules):
        for text in texts:
            got = [(m.span(), m.groupdict()) for m in with_guard.finditer(text)]
            want = [(m.span(), m.groupdict()) for m in without.finditer(text)]
            assert got == want, (name, text)


@pytest.mark.parametrize(
    "pattern, prefixes",
    [
        (r"(?i:the)\s+week", {("t", "h", "e")}),
        (r"(?:last|next)\s+(?:week|month)", {("l", "a", "s"), ("n", "e", "x")}),
        # an optional piece read once, then what follows it
        (r"(?:a\s)?day", {("a", r"[\s]"), ("d", "a", "y")}),
        # a repeat is read for one turn only
        (r"\d{4}-W\d\d", {(r"[\d]",)}),
    ],
)
def test_prefixes_read_off_the_pattern(pattern, prefixes):
    assert first_prefixes(pattern) == prefixes


@pytest.mark.parametrize("pattern", [r"(?:week)?", r".day", r"[^a]b", r"(?P<a>x)?(?P=a)"])
def test_no_guard_when_a_match_can_begin_with_anything(pattern):
    assert first_prefixes(pattern) is None
    assert guarded(pattern) == pattern


def test_a_guard_goes_after_the_left_boundary():
    out = guarded(grammar.B + r"(?P<x>(?i:last)\s+week)")
    assert out.startswith(grammar.B + "(?=(?i:[l]))")
    assert re.compile(out).search("since last week").span() == (6, 15)
