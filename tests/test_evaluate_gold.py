"""The gold files and the gold loaders: formats, detection and the validator."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tidings.evaluate.gold import (
    ANY,
    GoldError,
    find_codebook,
    load_codebook,
    load_gold,
    load_paths,
    root_of,
    validate_gold,
)
from tidings.evaluate.runner import evaluate_sets

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
FIX = Path(__file__).resolve().parent / "fixtures" / "evaluate"


@pytest.fixture(scope="module")
def codes():
    cb = find_codebook()
    assert cb is not None, "the project's own codebook is missing"
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
    assert len(arts) >= 90
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

    bad = sentence_doc(
        {
            "id": "x",
            "text": "Russia met China.",
            "published": "2021-13-01",
            "events": [
                {"code": "999", "source": "rus", "target": "CHN", "source_text": "Moscow", "target_text": "China"}
            ],
        }
    )
    dup = sentence_doc({"id": "x", "text": "Nothing.", "published": "2021-01-01", "events": []})
    problems = "\n".join(validate_gold([bad, dup], codes))
    for needle in (
        "'999' is not in the codebook",
        "'rus' is not a CAMEO actor code",
        "'Moscow' is not in the text",
        "already used",
        "not YYYY-MM-DD",
    ):
        assert needle in problems


def test_bad_status_is_rejected(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(
        json.dumps({"id": "a", "text": "t", "published": "2020-01-01", "events": [{"code": "010", "status": "maybe"}]})
        + "\n"
    )
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

    a = article_doc(
        {"id": "a", "text": "t", "published": "2020-01-01", "events_required": [{"root": "13", "source": "USA"}]}
    )
    e = a.required[0]
    assert e.codes == ("13",) and e.sources == ("USA",) and e.targets is ANY


def test_petrarch_include_exclude_and_stop(tmp_path):
    xml = (FIX / "petrarch-mini.xml").read_text()
    p = tmp_path / "v.xml"
    p.write_text(
        xml.replace("<Include>valid DEMO</Include>", "<Include>valid DEMO</Include><Exclude>SKIP</Exclude>")
        .replace('id = "MINI-02" category="DEMO"', 'id = "MINI-02" category="SKIP"')
        .replace('<Sentence date = "20150815"', '<Stop>\n<Sentence date = "20150815"', 1)
    )
    assert [d.id for d in load_gold(p).docs] == ["MINI-01"]


def test_the_adjudication_record_is_valid_and_not_read_as_gold():
    from tidings.evaluate.adjudication import ADJUDICATION_FILE, COLUMNS, validate_adjudication

    record = GOLD / ADJUDICATION_FILE
    assert validate_adjudication(record) == []
    assert record.read_text(encoding="utf-8").splitlines()[0].split("\t") == list(COLUMNS)
    assert not [s for s in load_paths([GOLD]) if s.name == ADJUDICATION_FILE]


def test_the_adjudication_validator_names_each_problem(tmp_path):
    from tidings.evaluate.adjudication import COLUMNS, validate_adjudication

    (tmp_path / "sentences.jsonl").write_text('{"id": "gs-001", "text": "x", "events": []}\n', encoding="utf-8")
    head = "\t".join(COLUMNS)
    good = '2026-11-29\tsentences.jsonl\tgs-001\tevents[0].code\t"042"\t"043"\ta visit, not a trip plan\tadjudicator'
    rows = [
        good,
        good.replace("gs-001", "gs-999"),
        good.replace("sentences.jsonl", "nothing.jsonl"),
        good.replace("2026-11-29", "29/11/2026"),
        good.replace('\t"043"\t', '\t"042"\t'),
        good.replace("a visit, not a trip plan", "coder said"),
        good.replace("\tadjudicator", "\t"),
        "2026-11-29\tsentences.jsonl\tgs-001",
    ]
    (tmp_path / "adjudication.tsv").write_text(head + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    problems = [p.split(": ", 1)[1] for p in validate_adjudication(tmp_path / "adjudication.tsv")]
    assert problems == [
        "3 columns, want 8",
        "sentences.jsonl has no item gs-999",
        f"no gold file nothing.jsonl in {tmp_path}",
        "date '29/11/2026' is not YYYY-MM-DD",
        "old and new are the same",
        "say why in at least 3 words",
        "empty by (write '-' for no value)",
    ]
    (tmp_path / "adjudication.tsv").write_text("date\tfile\n", encoding="utf-8")
    assert "the header must be" in validate_adjudication(tmp_path / "adjudication.tsv")[0]
