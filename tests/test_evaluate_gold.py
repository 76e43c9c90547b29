"""The gold files and the gold loaders: formats, detection and the validator."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tidings.evaluate.gold import (ANY, GoldError, find_codebook, load_codebook, load_gold, load_paths,
                                   root_of, validate_gold)
from tidings.evaluate.runner import evaluate_sets

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
FIX = Path(__file__).resolve().parent / "fixtures" / "evaluate"


@pytest.fixture(scope="module")
def codes(request):
    cb = find_codebook()
    if cb is None:
        shared = ROOT.parent / "shared" / "data" / "cameo" / "codebook.tsv"
        if not shared.is_file():
            pytest.skip("neither the project's codebook nor ../shared is present")
        cb = shared
    return load_codebook(cb)


@pytest.fixture(scope="module")
def gold_docs():
    return [d for s in load_paths([GOLD]) for d in s.docs]


def test_gold_is_valid(gold_docs, codes):
    problems = validate_gold(gold_docs, codes)
    assert problems == [], "\n".join(problems[:30])


def test_sentence_gold_coverage(gold_docs):
    sents = [d for d in gold_docs if d.kind == "sentence"]
    assert len(sents) >= 40
    events = [e for d in sents for e in d.required + d.nonasserted]
    roots = {root_of(c) for e in events for c in e.codes}
    if len(sents) >= 300:  # the full set: every root, 150 codes, every phenomenon
        assert roots >= {f"{i:02d}" for i in range(1, 21)}
        assert len({e.code for e in events}) >= 150
        statuses = Counter(e.status for e in events)
        assert statuses["negated"] >= 10 and statuses["hypothetical"] >= 10 and statuses["future"] >= 10
        assert sum(1 for d in sents if not d.required and not d.nonasserted) >= 20


def test_article_gold_shape(gold_docs):
    arts = [d for d in gold_docs if d.kind == "article"]
    if not arts:
        pytest.skip("no article gold yet")
    import re
    for a in arts:
        assert a.required or a.forbidden, a.id
        sentences = [s for s in re.split(r"(?<=[.!?\"])\s+", a.text) if s.strip()]
        assert 4 <= len(sentences) <= 14, (a.id, len(sentences))
        assert a.title and a.published
    if len(arts) >= 60:
        assert len({a.published[:4] for a in arts}) >= 4
        assert sum(len(a.quotes) for a in arts) >= 60 and sum(len(a.dates) for a in arts) >= 60


def test_validator_finds_problems(codes):
    from tidings.evaluate.gold import sentence_doc
    bad = sentence_doc({"id": "x", "text": "Russia met China.", "published": "2021-13-01",
                        "events": [{"code": "999", "source": "rus", "target": "CHN",
                                    "source_text": "Moscow", "target_text": "China"}]})
    dup = sentence_doc({"id": "x", "text": "Nothing.", "published": "2021-01-01", "events": []})
    problems = "\n".join(validate_gold([bad, dup], codes))
    for needle in ("'999' is not in the codebook", "'rus' is not a CAMEO actor code", "'Moscow' is not in the text",
                   "already used", "not YYYY-MM-DD"):
        assert needle in problems


def test_bad_status_is_rejected(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "t", "published": "2020-01-01",
                             "events": [{"code": "010", "status": "maybe"}]}) + "\n")
    with pytest.raises(GoldError, match="status"):
        load_gold(p)


def test_petrarch_xml_loader_finds_dictionaries():
    gs = load_gold(FIX / "petrarch-mini.xml")
    assert [d.id for d in gs.docs] == ["MINI-01", "MINI-02", "MINI-03"]
    d1, d2, d3 = gs.docs
    assert d1.published == "2015-08-13" and d1.text == "Arnor shared intelligence with Gondor on Tuesday."
    assert [(e.code, e.source, e.target) for e in d1.required] == [("064", "ARN", "GON")]
    assert len(d2.required) == 2 and d3.required == () and d3.penta is None
    assert d3.text == "The weather in Arnor was mild & dry."
    assert [Path(p).name for p in gs.verb_dictionaries] == ["mini.verbs.txt"]
    assert [Path(p).name for p in gs.actor_dictionaries] == ["mini.actors.txt"]  # the missing agent file is skipped


def test_petrarch_dictionaries_reach_the_pipeline(monkeypatch):
    import tidings.evaluate.runner as runner

    seen = {}

    def fake_predict(docs, options=None, read=True):
        seen["options"] = options
        return {d.id: {"events": []} for d in docs}

    monkeypatch.setattr(runner, "predict", fake_predict)
    report = evaluate_sets([load_gold(FIX / "petrarch-mini.xml")])
    opts = seen["options"]
    assert [Path(p).name for p in opts.verb_dictionaries] == ["mini.verbs.txt"]
    assert [Path(p).name for p in opts.actor_dictionaries] == ["mini.actors.txt"]
    assert report["all"]["levels"]["root"]["micro"]["fn"] == 3


def test_tsv_loader_pentacode_labels():
    gs = load_gold(FIX / "mini.tsv")
    assert [d.penta for d in gs.docs] == [1, 4, 3, None]
    assert all(d.kind == "tsv" and d.required == () for d in gs.docs)


def test_unknown_format(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n")
    with pytest.raises(GoldError):
        load_gold(p)


def test_open_fields_in_article_gold():
    from tidings.evaluate.gold import article_doc
    a = article_doc({"id": "a", "text": "t", "published": "2020-01-01",
                     "events_required": [{"root": "13", "source": "USA"}]})
    e = a.required[0]
    assert e.codes == ("13",) and e.sources == ("USA",) and e.targets is ANY


def test_petrarch_include_exclude_and_stop(tmp_path):
    xml = (FIX / "petrarch-mini.xml").read_text()
    p = tmp_path / "v.xml"
    p.write_text(xml.replace("<Include>valid DEMO</Include>", "<Include>valid DEMO</Include><Exclude>SKIP</Exclude>")
                 .replace('id = "MINI-02" category="DEMO"', 'id = "MINI-02" category="SKIP"')
                 .replace('<Sentence date = "20150815"', '<Stop>\n<Sentence date = "20150815"', 1))
    assert [d.id for d in load_gold(p).docs] == ["MINI-01"]
