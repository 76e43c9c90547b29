"""Helpers of the article-stage tests: one text coded as `tidings code` codes a JSONL record."""

from __future__ import annotations

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
