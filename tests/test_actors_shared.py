"""Actors measured on ../shared (skipped when it is absent): the seed article's expected actors,
recall of actor spans on real labelled news, and speed against spaCy parsing."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from tidings.nlp import new_doc
from tidings.run.coding import _actors_from

from test_actors import actors_only

pytestmark = pytest.mark.shared


def _seed_body(shared_dir):
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    body = text.split("Updated : 18 Dec 2021 11:00 PM", 1)[1]
    return "\n".join(line for line in body.splitlines() if not line.startswith("Read more:")).strip()


def test_seed_actors_as_check_seed_matches_them(nlp, shared_dir):
    expected = json.loads((shared_dir / "examples" / "seed-expected.json").read_text(encoding="utf-8"))
    doc = actors_only(nlp, new_doc(nlp, _seed_body(shared_dir), dt.date(2021, 12, 12)))
    actors = _actors_from(doc)
    for want in expected["actors"]:
        codes = set(want["code"]) if isinstance(want["code"], list) else {want["code"]}
        assert any(
            (want["text"] in a.name or any(want["text"] in m.text for m in a.mentions)) and a.code in codes
            for a in actors
        ), (want, [(a.name, a.code) for a in actors])


def _gold_spans(g):
    spans, cur = [], None
    for (s, e), tag in zip(g["spans"], g["tags"]):
        if tag.startswith("B-"):
            cur = [s, e]
            spans.append(cur)
        elif tag.startswith("I-") and cur:
            cur[1] = e
        else:
            cur = None
    return spans


@pytest.mark.slow
def test_conflibert_actor_span_recall(nlp, shared_dir):
    """Source/target spans of real news sentences: nearly all must overlap a coded mention."""
    d = shared_dir / "data" / "dev" / "conflibert"
    arts = {json.loads(x)["id"]: json.loads(x)["text"] for x in open(d / "articles.jsonl", encoding="utf-8")}
    gold = [g for g in (json.loads(x) for x in open(d / "gold.jsonl", encoding="utf-8")) if "tags" in g][:400]
    total = hit = coded = 0
    for g in gold:
        doc = actors_only(nlp, new_doc(nlp, arts[g["id"]]))
        for s, e in _gold_spans(g):
            total += 1
            over = [m for m in doc._.actor_mentions if m.start_char < e and m.end_char > s]
            hit += bool(over)
            coded += any(m.code for m in over)
    assert hit / total >= 0.90, hit / total
    assert coded / total >= 0.85, coded / total


@pytest.mark.slow
def test_actor_stage_is_fast(nlp, shared_dir):
    """The actors stage costs well under half of the spaCy parse it follows (a ratio with a
    generous bound: it is about a tenth; bench/coding_overhead.py measures it)."""
    texts = [
        json.loads(x)["text"]
        for x in open(shared_dir / "data" / "dev" / "polnear" / "articles.jsonl", encoding="utf-8")
    ][:12]
    later = {"tidings_actors", "tidings_dates", "tidings_places", "tidings_quotes", "tidings_events"}
    comp = nlp.get_pipe("tidings_actors")
    start = time.perf_counter()
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p in later]):
        docs = [nlp(new_doc(nlp, t, dt.date(2016, 10, 1))) for t in texts]
    parse = time.perf_counter() - start
    start = time.perf_counter()
    for doc in docs:
        comp(doc)
    actors = time.perf_counter() - start
    assert actors < 0.5 * parse, (actors, parse)
