"""tidings/run/transport.py: what a pool worker sends back is the record itself."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import numpy as np

from tidings.records import CodedArticle, Place
from tidings.records.lossless import dumps
from tidings.run.coding import code_articles
from tidings.run.engines import for_store
from tidings.run.transport import _layout, pack, unpack

from storekit import coded, other_story, wire_copies
from test_scale import articles


def test_packed_records_come_back_equal_field_for_field():
    records = list(for_store(code_articles(articles()))) + wire_copies() + [other_story()]
    records.append(coded("no-events", "Nothing happened in Nairobi today, officials said.", []))
    for record in records:
        data = pack(record)
        assert isinstance(data, bytes)
        back = unpack(data)
        assert back == record and dumps(back) == dumps(record)  # the same types too (tuples stay tuples)


def test_records_with_candidates_or_foreign_values_go_as_lossless_json():
    with_candidates = next(iter(code_articles(articles()[:1])))
    assert with_candidates.candidates
    data = pack(with_candidates)
    assert isinstance(data, str) and unpack(data) == with_candidates
    assert unpack(data).candidates == with_candidates.candidates
    # a numpy number (marshal does not write it) where a float belongs
    base = wire_copies()[0]
    event = base.events[0]
    odd = replace(base, events=(replace(event, place=Place("Kyiv", "Kyiv", "UKR", np.float64(50.45), 30.52, 0, 4)),))
    data = pack(odd)
    assert isinstance(data, str) and unpack(data) == odd


def test_the_layout_follows_the_record_classes():
    # a field added to a record travels without a change to transport.py
    seen = [CodedArticle]
    while seen:
        cls = seen.pop()
        layout = _layout(cls)
        assert [name for name, _, _ in layout] == [f.name for f in dataclasses.fields(cls)]
        seen.extend(sub for _, _, sub in layout if sub is not None and sub is not cls)
