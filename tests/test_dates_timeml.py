"""TIMEX3 types and values (TimeML): durations, sets, PRESENT_REF/PAST_REF/FUTURE_REF,
clock times, dates written in words and the reporting periods of business news
(tests/fixtures/dates/timex_types.tsv), and the data file of fixed expressions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.dates import is_point, timex_type
from tidings.dates.periods import load_expressions, number, period

FIXTURES = Path(__file__).parent / "fixtures" / "dates"


def _cases():
    out = []
    for n, line in enumerate((FIXTURES / "timex_types.tsv").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pub, sentence, text, typ, value = line.split("\t")
        out.append(pytest.param(pub, sentence, text, typ, value, id=f"L{n}-{text}"))
    return out


def _doc(nlp, text, published):
    from tidings.nlp import new_doc

    return nlp(new_doc(nlp, text, published=dt.date.fromisoformat(published)))


@pytest.mark.parametrize("published,sentence,text,typ,value", _cases())
def test_timex3_case(nlp, published, sentence, text, typ, value):
    doc = _doc(nlp, sentence, published)
    found = {t.text: t for t in doc._.timexes}
    assert text in found, f"{text!r} not found in {[t.text for t in doc._.timexes]}"
    t = found[text]
    assert (timex_type(t), t.value) == (typ, value)
    assert sentence[t.start : t.end] == t.text
    assert is_point(t) == (typ in ("DATE", "TIME") and value[:1].isdigit())


def test_numbers_and_periods():
    assert number("twenty-four") == 24
    assert number("a hundred thirty") == 130
    assert number("2,000") == 2000
    assert number("2 1/2") == 2.5
    assert number("half an") == 0.5
    assert number("several") is None
    assert period(3, "month") == "P3M"
    assert period(4, "hour") == "PT4H"
    assert period(1.5, "year") == "P1Y6M"
    assert period(1.5, "day") == "P1DT12H"
    assert period(None, "week") == "PXW"
    assert period(2, "fortnight") == "P4W"


def test_expressions_file_validates(tmp_path):
    table = load_expressions()
    assert table["now"].value == "PRESENT_REF" and table["daily"].type == "SET"
    bad = tmp_path / "e.tsv"
    bad.write_text("now\tDATE\tNOWISH\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_expressions(str(bad))


@pytest.mark.parametrize(
    "sentence",
    [
        "The current account deficit widened.",
        "He wrote in the daily Haaretz that talks failed.",
        "The troops will leave as soon as they are relieved.",
        "A second round of talks opened.",
        "A quarter of the budget goes to defence.",
        "Years of war ruined the town.",
        "He recalled the days when the port was busy.",
    ],
)
def test_not_temporal(nlp, sentence):
    doc = _doc(nlp, sentence, "2021-12-12")
    assert [t.text for t in doc._.timexes] == []


def test_a_year_earlier_follows_the_reported_quarter(nlp):
    doc = _doc(nlp, "Profit fell in the third quarter. A year earlier, the company lost money.", "1989-11-02")
    assert [(t.text, t.value) for t in doc._.timexes] == [
        ("the third quarter", "1989-Q3"),
        ("A year earlier", "1988-Q3"),
    ]
    # without a quarter in view it is a year
    doc = _doc(nlp, "The company was founded in 1970. It moved to Ohio a year later.", "1989-11-02")
    assert [(t.text, t.value) for t in doc._.timexes] == [("1970", "1970"), ("a year later", "1971")]


def test_clock_time_takes_the_day_named_before_it(nlp):
    doc = _doc(nlp, "The ministers met on Dec. 7 at 10 a.m. and again the next day.", "2021-12-12")
    got = {t.text: t.value for t in doc._.timexes}
    assert got["10 a.m."] == "2021-12-07T10:00"
