"""The dates and places stages stay cheap next to spaCy's own parsing: a ratio, so a busy
machine slows both sides alike, with a generous bound (0.30; they take about 0.15 of the
parse, measured with bench/coding_overhead.py) so that another process taking a core during
one side of the measurement does not fail the suite."""

from __future__ import annotations

import datetime as dt
import time

import pytest

SENTENCES = [
    "Russian President Vladimir Putin met his Turkish counterpart in Sochi on Tuesday.",
    "The talks, which began on Dec. 7, will resume next week in Geneva, officials said.",
    "Fighting near Donetsk intensified over the weekend, the army said in Kyiv.",
    "Two days ago, protesters gathered outside parliament in Tbilisi, Georgia.",
    "Ministers from France and Germany are due to meet in Brussels in early January.",
    "Prices rose sharply earlier this year, and the central bank will meet on Thursday.",
]


@pytest.mark.slow
def test_dates_and_places_are_cheap(nlp):
    from tidings.nlp import new_doc

    text = "\n\n".join(" ".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(6)) for i in range(30))
    dates, places = nlp.get_pipe("tidings_dates"), nlp.get_pipe("tidings_places")
    _ = places.gazetteer  # built once per process, not per article
    ours = [n for n in nlp.pipe_names if n in ("tidings_dates", "tidings_places")]
    base = [n for n in nlp.pipe_names if not n.startswith("tidings_") or n == "tidings_paragraphs"]
    docs = [new_doc(nlp, text, published=dt.date(2021, 12, 12)) for _ in range(4)]
    t0 = time.perf_counter()
    with nlp.select_pipes(enable=base):
        parsed = list(nlp.pipe(docs))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in parsed:
        dates(doc)
        places(doc)
    ours_time = time.perf_counter() - t0
    assert ours and parsed[0]._.timexes and parsed[0]._.places
    print(f"dates+places {ours_time:.3f}s, parse {parse:.3f}s ({100 * ours_time / parse:.1f}%)")
    assert ours_time < 0.30 * parse, (ours_time, parse)
