"""The training corpus: valid, reproducible from its templates and seed, and broad."""

from __future__ import annotations

import json
from collections import Counter

from tidings.classifier import corpus, validate


def _records():
    return [json.loads(line) for line in corpus.CORPUS.read_text(encoding="utf-8").splitlines()]


def test_corpus_validates():
    problems = []
    for path in validate.corpus_files():
        problems.extend(validate.validate_file(path))
    assert problems == []


def test_corpus_is_reproducible_from_templates(tmp_path):
    out = tmp_path / "corpus.jsonl"
    corpus.write_corpus(corpus.generate(seed=13), out)
    assert out.read_bytes() == corpus.CORPUS.read_bytes()
    hand = tmp_path / "hand.jsonl"
    corpus.write_corpus(corpus.handwritten(), hand)
    assert hand.read_bytes() == corpus.HANDWRITTEN.read_bytes()


def test_corpus_covers_every_root_and_many_codes():
    recs = _records()
    roots = Counter(r["root"] for r in recs)
    assert set(roots) >= set(corpus.ROOTS) | {"none"}
    assert min(roots[r] for r in corpus.ROOTS) >= 150
    assert len({r["code"] for r in recs if r["code"]}) >= 250
    assert len(recs) >= 4000
    statuses = Counter(r["status"] for r in recs)
    assert all(statuses[s] >= 100 for s in ("negated", "hypothetical", "future", "none"))


def test_validator_catches_bad_records():
    good = {
        "text": "Kenya condemned Uganda.",
        "code": "111",
        "root": "11",
        "penta": 3,
        "status": "asserted",
        "source": {"text": "Kenya", "start": 0, "end": 5},
        "target": {"text": "Uganda", "start": 16, "end": 22},
    }
    assert validate.validate_record(good, {"111"}) == []
    assert validate.validate_record({**good, "code": "999"}, {"111"})
    assert validate.validate_record({**good, "penta": 4}, {"111"})
    assert validate.validate_record({**good, "source": {"text": "Kenya", "start": 1, "end": 6}}, {"111"})
    assert validate.validate_record({**good, "text": "Kenya condemned {T}."}, {"111"})


def test_inflection():
    assert corpus.inflect("withdraw")["past"] == "withdrew"
    assert corpus.inflect("step/stepped/stepped")["past"] == "stepped"
    assert corpus.inflect("crack down")["past"] == "cracked down"
    assert corpus.inflect("apologise")["pres"] == "apologises"
