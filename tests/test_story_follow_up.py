"""A mention that names no actor and points back ("met ... The talks") is one event with the
happening it continues (tidings.story.hypotheses, readings made ``follow-up``)."""

from __future__ import annotations

import json

PUB = "2023-10-29"


def _code(text, **pipeline):
    from tidings.nlp import PipelineOptions
    from tidings.run.coding import CodeOptions, code_articles
    from tidings.readers import read_data

    record = json.dumps({"id": "t", "published": PUB, "text": text})
    article = next(iter(read_data(record.encode(), "t.jsonl")))
    return next(code_articles([article], CodeOptions(pipeline=PipelineOptions(**pipeline))))


MET = "Sudan's army chief Abdel Fattah al-Burhan met Egyptian President Abdel Fattah al-Sisi in Cairo on Sunday. "


def _with_talks(coded):
    return [e for e in coded.events if any(m.trigger.text == "talks" for m in e.mentions)]


def test_the_talks_are_a_mention_of_the_meeting_told_before():
    for judge in (True, False):
        coded = _code(MET + "The talks focused on the war and the flow of refugees.", judge=judge)
        joined = _with_talks(coded)
        assert joined, [(e.code, e.trigger.text, [m.trigger.text for m in e.mentions]) for e in coded.events]
        for e in joined:
            assert e.root == "04" and {m.sentence for m in e.mentions} == {0, 1}
            assert any("follow-up of 'met'" in m.rule for m in e.mentions if m.trigger.text == "talks")
        # no event of its own: the talks are not counted twice
        assert not [e for e in coded.events if e.trigger.text == "talks" and len(e.mentions) == 1]


def test_talks_that_do_not_point_back_join_nothing():
    # no determiner: other talks, not the ones told before
    coded = _code(MET + "Talks on a ceasefire resumed in Jeddah.", judge=False)
    assert not _with_talks(coded)
    # the determiner, but nothing of the same root before it
    coded = _code("Sudan's army shelled Khartoum on Sunday. The talks focused on the war.", judge=False)
    assert not _with_talks(coded)
