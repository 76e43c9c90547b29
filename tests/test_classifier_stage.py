"""The learned classifier beside the lexicon coder: calibration, veto, proposals, provenance."""

from __future__ import annotations

import pytest

from tidings.events.codebook import load_codebook
from tidings.events.learned import ClassifierStage
from tidings.run.coding import CodeOptions, code_text
from tidings.nlp import PipelineOptions


class FixedModel:
    """Scores every sentence the same way."""

    def __init__(self, scores):
        self.fixed = scores

    def scores_many(self, spans):
        return [dict(self.fixed) for _ in spans]


def _doc(text):
    from tidings.nlp import get_nlp, new_doc
    import datetime as dt

    nlp = get_nlp(PipelineOptions(classifier=False, story=False))
    return nlp(new_doc(nlp, text, dt.date(2023, 5, 2), "t1"))


def test_confidence_is_calibrated_and_says_so():
    doc = _doc("Kenyan police arrested 40 protesters in Nairobi on Monday.")
    before = {e.code: e.confidence for e in doc._.events}
    assert any(c.startswith("17") for c in before)
    ClassifierStage(FixedModel({"17": 0.9, "none": 0.1}), load_codebook())(doc)
    for e in doc._.events:
        if e.root == "17":
            assert e.confidence == pytest.approx(0.5 * before[e.code] + 0.5 * 0.9, abs=1e-3)
            assert "+classifier(17=0.90)" in e.rule


def test_an_event_the_classifier_rules_out_is_dropped_with_a_reason():
    doc = _doc("Kenyan police arrested 40 protesters in Nairobi on Monday.")
    ClassifierStage(FixedModel({"04": 0.995, "17": 0.001, "none": 0.004}), load_codebook())(doc)
    assert not [e for e in doc._.events if e.root == "17"]
    assert any(c.reason == "classifier" and not c.kept and "p=0.001" in c.detail for c in doc._.candidates)


def test_a_silent_lexicon_gets_a_proposal_from_the_classifier():
    doc = _doc("Chinese warships shadowed Taiwanese vessels on Monday.")
    coded_by_lexicon = [e for e in doc._.events if e.status == "asserted" and e.root != "01"]
    if coded_by_lexicon:  # whatever the lexicon does with this sentence today, the stage with
        # a lexicon that finds nothing sees a silent sentence, and one that codes it is left alone
        kept = ClassifierStage(FixedModel({"15": 0.8, "none": 0.2}), load_codebook())(_doc(doc.text))
        assert not [e for e in kept._.events if e.rule.startswith("classifier:")]
    doc._.events = [e for e in doc._.events if e.status != "asserted" or e.root == "01"]
    ClassifierStage(FixedModel({"15": 0.8, "none": 0.2}), load_codebook())(doc)
    proposed = [e for e in doc._.events if e.rule.startswith("classifier:")]
    assert proposed and proposed[0].code == "150" and proposed[0].source.country == "CHN"
    assert proposed[0].target is not None and proposed[0].target.country == "TWN"


def test_the_pipeline_runs_with_and_without_the_classifier():
    text = "Israeli troops killed two Palestinian gunmen in Jenin, the army said."
    on = code_text(text, published="2023-05-02", options=CodeOptions(pipeline=PipelineOptions(story=False)))
    off = code_text(
        text, published="2023-05-02", options=CodeOptions(pipeline=PipelineOptions(classifier=False, story=False))
    )
    assert {e.root for e in off.events} and {e.root for e in on.events}
    assert any("+classifier(" in e.rule for e in on.events)
    assert not any("classifier" in e.rule for e in off.events)
