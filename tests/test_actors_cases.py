"""Data-driven actor cases (tests/fixtures/actors_cases.tsv): names over time, titles, demonyms,
metonyms, organisations, armed groups, coreference and compounds over more than 50 countries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.nlp import new_doc

from test_actors import actors_only

CASES = Path(__file__).parent / "fixtures" / "actors_cases.tsv"


def _cases():
    rows = []
    for no, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("sentence\t"):
            continue
        sentence, published, mention, code = line.split("\t")
        rows.append(
            pytest.param(sentence, None if published == "-" else published, mention, code, id=f"{no}:{mention}")
        )
    return rows


CASE_LIST = _cases()


def test_case_file_is_broad():
    assert len(CASE_LIST) >= 150
    countries = {
        p.values[3][:3]
        for p in CASE_LIST
        if p.values[3] != "-"
        and not p.values[3].startswith(
            ("IGO", "NGO", "IMG", "WST", "AFR", "EUR", "MEA", "LAM", "OPP", "MED", "EDU", "REB")
        )
    }
    assert len(countries) >= 50, sorted(countries)


@pytest.fixture(scope="module")
def coded(nlp):
    cache = {}

    def run(sentence, published):
        key = (sentence, published)
        if key not in cache:
            day = dt.date.fromisoformat(published) if published else None
            cache[key] = actors_only(nlp, new_doc(nlp, sentence, day))._.actor_mentions
        return cache[key]

    return run


@pytest.mark.parametrize("sentence,published,mention,code", CASE_LIST)
def test_actor_case(coded, sentence, published, mention, code):
    ms = coded(sentence, published)
    exact = [m for m in ms if m.text == mention]
    found = exact or [m for m in ms if mention in m.text]
    seen = [(m.text, m.code, m.rule) for m in ms]
    if code == "-":
        assert not exact, f"unexpected mention {mention!r}: {seen}"
        return
    assert found, f"no mention {mention!r} in {seen}"
    assert found[0].code == code, f"{mention!r}: {found[0].code} (rule {found[0].rule}), want {code}; {seen}"
    assert found[0].rule
