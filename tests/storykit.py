"""Helpers of the article-stage tests: one text coded as `tidings code` codes a JSONL record."""

from __future__ import annotations

import datetime as dt
import json


def code_text(text: str, published: str, **pipeline):
    """The CodedArticle of `text` read as a JSONL record (dateline and boilerplate handled by the
    readers), coded with `PipelineOptions(**pipeline)`."""
    from tidings.nlp import PipelineOptions
    from tidings.readers import read_data
    from tidings.run.coding import CodeOptions, code_articles

    record = json.dumps({"id": "t", "published": published, "text": text})
    article = next(iter(read_data(record.encode(), "t.jsonl")))
    return next(code_articles([article], CodeOptions(pipeline=PipelineOptions(**pipeline))))


def sentence_coder_events(text: str, published: dt.date = dt.date(2021, 12, 12)) -> list:
    """The events of the sentence coder alone (no classifier, no article stage), with the real
    actor stage: what the lexicon makes of `text`."""
    from tidings.nlp import PipelineOptions, get_nlp, new_doc

    nlp = get_nlp(PipelineOptions(classifier=False, story=False))
    doc = new_doc(nlp, text, published, "test")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return list(doc._.events)
