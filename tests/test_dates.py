"""Time expressions: a data-driven fixture of sentences with publication dates
(tests/fixtures/dates/timex_cases.tsv) plus unit tests of the calendar, the grammar
and the clause attachment helper."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.dates import attached_timex, calendar
from tidings.dates.grammar import find, load_holidays, resolve
from tidings.records.days import day_of

FIXTURES = Path(__file__).parent / "fixtures" / "dates"


def _cases():
    out = []
    for n, line in enumerate((FIXTURES / "timex_cases.tsv").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pub, sentence, text, value, precision = line.split("\t")
        out.append(
            pytest.param(
                None if pub == "-" else pub,
                sentence,
                text,
                None if value == "-" else value,
                None if precision == "-" else precision,
                id=f"L{n}-{text}",
            )
        )
    return out


CASES = _cases()


def _doc(nlp, text, published):
    from tidings.nlp import new_doc

    pub = dt.date.fromisoformat(published) if published else None
    return nlp(new_doc(nlp, text, published=pub))


def test_fixture_is_big_enough():
    assert len(CASES) >= 80


@pytest.mark.parametrize("published,sentence,text,value,precision", CASES)
def test_timex_case(nlp, published, sentence, text, value, precision):
    doc = _doc(nlp, sentence, published)
    found = {t.text: t for t in doc._.timexes}
    assert text in found, f"{text!r} not found in {[t.text for t in doc._.timexes]}"
    t = found[text]
    assert (t.value, t.precision) == (value, precision)
    assert sentence[t.start : t.end] == t.text


NEGATIVES = [
    s for s in (FIXTURES / "timex_negatives.txt").read_text("utf-8").splitlines() if s.strip() and not s.startswith("#")
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_a_date(nlp, sentence):
    doc = _doc(nlp, sentence, "2021-12-12")
    assert [t.text for t in doc._.timexes] == []


def test_timexes_sorted_and_offsets(nlp):
    text = "On Dec 7 they spoke; yesterday they met, and they will meet again next week."
    doc = _doc(nlp, text, "2021-12-12")
    starts = [t.start for t in doc._.timexes]
    assert starts == sorted(starts)
    assert [t.text for t in doc._.timexes] == ["Dec 7", "yesterday", "next week"]
    for t in doc._.timexes:
        assert text[t.start : t.end] == t.text


def test_attached_timex_follows_the_clause(nlp):
    text = (
        "The ministry said Lavrov and Blinken had agreed to resume their talks during a phone "
        "call on Dec 7 which covered arms control."
    )
    doc = _doc(nlp, text, "2021-12-12")
    said = next(t for t in doc if t.text == "said")
    agreed = next(t for t in doc if t.text == "agreed")
    assert attached_timex(doc, agreed).text == "Dec 7"
    assert attached_timex(doc, said) is None


def test_attached_timex_same_clause(nlp):
    doc = _doc(nlp, "Russian troops shelled the town on Monday, officials said on Tuesday.", "2021-12-12")
    shelled = next(t for t in doc if t.text == "shelled")
    said = next(t for t in doc if t.text == "said")
    assert attached_timex(doc, shelled).text == "Monday"
    assert attached_timex(doc, said).text == "Tuesday"


def test_calendar_helpers():
    assert calendar.easter(2021) == dt.date(2021, 4, 4)
    assert calendar.easter(2024) == dt.date(2024, 3, 31)
    assert calendar.nth_weekday(2021, 11, 3, 4) == dt.date(2021, 11, 25)
    assert calendar.nth_weekday(2021, 5, 0, -1) == dt.date(2021, 5, 31)
    assert calendar.week(dt.date(2021, 1, 1)) == ("2020-W53", "week")
    assert calendar.decade(1994) == ("199", "decade")
    assert day_of("2021-12-12T21:36:00") == dt.date(2021, 12, 12)
    assert day_of(dt.datetime(2021, 12, 12, 9)) == dt.date(2021, 12, 12)
    assert day_of("garbage") is None


def test_grammar_without_parse():
    ms = find("Talks were held on Dec. 7, 2021 and again on 2021-12-09.")
    assert [m.kind for m in ms] == ["mdy", "iso"]
    assert resolve(ms[0], None) == ("2021-12-07", "day")
    assert resolve(ms[1], None) == ("2021-12-09", "day")


def test_holiday_file_validates(tmp_path):
    assert "christmas" in load_holidays()
    bad = tmp_path / "h.tsv"
    bad.write_text("Bad Day\t13/45\n")
    with pytest.raises(ValueError):
        load_holidays(str(bad))


def test_attached_timex_noun_trigger_and_conjuncts(nlp):
    doc = _doc(
        nlp,
        "The ministry said Lavrov and Blinken had agreed to resume their talks during a phone call on Dec 7.",
        "2021-12-12",
    )
    talks = next(t for t in doc if t.text == "talks")
    assert attached_timex(doc, talks).text == "Dec 7"
    doc = _doc(nlp, "Russia shelled Kharkiv on Monday and Ukraine retaliated on Tuesday.", "2021-12-12")
    shelled = next(t for t in doc if t.text == "shelled")
    retaliated = next(t for t in doc if t.text == "retaliated")
    assert attached_timex(doc, shelled).text == "Monday"
    assert attached_timex(doc, retaliated).text == "Tuesday"


def test_attached_timex_none_for_missing_token(nlp):
    doc = _doc(nlp, "Nothing happened.", "2021-12-12")
    assert attached_timex(doc, None) is None
    assert attached_timex(doc, doc[1]) is None


def test_published_unknown_keeps_absolute_dates(nlp):
    doc = _doc(nlp, "They met on Dec. 7, 2021 and again on Sunday.", None)
    assert [(t.text, t.value) for t in doc._.timexes] == [("Dec. 7, 2021", "2021-12-07"), ("Sunday", None)]


def test_user_holiday_file(nlp, tmp_path):
    from tidings.dates import TimexFinder
    from tidings.nlp import new_doc

    f = tmp_path / "h.tsv"
    f.write_text("Victory Day\t05-09\n", encoding="utf-8")
    with nlp.select_pipes(disable=["tidings_dates"]):
        doc = nlp(new_doc(nlp, "Troops paraded on Victory Day.", published=dt.date(2021, 12, 12)))
    found = TimexFinder(str(f)).find(doc)
    assert [(t.text, t.value) for t in found] == [("Victory Day", "2021-05-09")]


def test_second_day_of_a_pair_is_not_a_count(nlp):
    # "on April 24 and 25" names two days; "between May 3 and 4 people" one day and a count
    doc = _doc(nlp, "Between May 3 and 4 people were hurt.", "2021-11-03")
    assert [t.text for t in doc._.timexes] == ["May 3"]
