"""`tidings code --explain` tells one story per candidate (issue 23, item 4): one line per
trigger of a sentence, saying what found it, who changed it on the way, and kept or dropped
with the one reason that decided. Before, a trigger got a line per pipeline record, so
"kept: 'fired' 150" was followed by "dropped: 'fired' 150"."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tidings.commands.explain import candidate_stories, render_table
from tidings.records import Candidate, EventMention

from storekit import coded

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "tidings" / "data" / "examples"
TEXT = "North Korea fired a missile over Japan on Tuesday. Tokyo said it would protest."
LINE = re.compile(r"^        (kept|dropped): '([^']*)'(.*) => (.+)$")


def _article(candidates, events=()):
    art = coded("a1", TEXT, events)
    return replace(art, candidates=tuple(candidates))


def _staged(art, k: int, kept: bool, reason: str, detail: str, code: str | None = None, rule: str = ""):
    """An article-stage verdict on the k-th event of `art` (its event carries '|story:')."""
    e = art.events[k]
    e = replace(
        e,
        code=code or e.code,
        rule=rule or f"{e.rule} |story:1 mention(s)",
        mentions=(EventMention(e.sentence, e.trigger, code or e.code, e.rule),),
    )
    return Candidate(e.sentence, e.trigger.text, kept, reason, code or e.code, detail, e)


def _candidate_lines(text: str) -> list[re.Match]:
    body = text.split("  candidates", 1)[1]
    return [m for m in map(LINE.match, body.splitlines()) if m]


def test_a_trigger_the_judge_drops_is_one_dropped_story_with_one_reason():
    base = _article((), [(0, "PRK", "JPN", "190", "fired")])
    cands = [
        Candidate(0, "fired", True, "coded", "190", "PRK -> JPN (verbs.tsv:296)"),
        _staged(base, 0, False, "judge", "p=0.080 < 0.175"),
        _staged(base, 0, False, "judge", "p=0.020 < 0.175", code="130", rule="x |story:1 mention(s) root:learned"),
    ]
    art = replace(base, events=(), candidates=tuple(cands))
    (story,) = candidate_stories(art)
    assert (story.trigger, story.kept) == ("fired", False)
    assert "190" in story.found and "PRK -> JPN" in story.found and "sentence coder" in story.found
    assert story.reason == "the reading 190 PRK -> JPN: the judge: p=0.080 < 0.175"
    assert story.changes == ["article stage weighed 2 readings (190, 130), none kept"]
    lines = _candidate_lines(render_table(art, explain=True))
    assert [(m.group(1), m.group(2)) for m in lines] == [("dropped", "fired")]


def test_a_reading_the_article_stage_changed_and_kept_says_so():
    base = _article((), [(0, "PRK", "JPN", "190", "fired")])
    kept = _staged(base, 0, True, "kept", "p=0.640", code="130", rule="r |story:1 mention(s) root:learned judge:p=0.64")
    cands = [Candidate(0, "fired", True, "coded", "190", "PRK -> JPN (verbs.tsv:296)"), kept]
    art = replace(base, events=(kept.event,), candidates=tuple(cands))
    (story,) = candidate_stories(art)
    assert story.kept
    assert story.reason == "kept as 130 PRK -> JPN (root from the learned root model): the judge: p=0.640"


def test_the_sentence_coder_dropping_its_own_reading_is_the_reason_not_a_second_line():
    cands = [
        Candidate(1, "said", True, "statement", "010", "JPN -> - (verbs.tsv:5)"),
        Candidate(1, "said", False, "statement", "010", "a bare statement, and the sentence has a better event"),
        Candidate(
            1, "protest", False, "no pattern", None, "'protest' is in the lexicon but none of its 1 patterns fit"
        ),
    ]
    stories = candidate_stories(_article(cands))
    assert [(s.trigger, s.kept) for s in stories] == [("said", False), ("protest", False)]
    said, protest = stories
    assert said.found.startswith(
        "010 (Make statement, not specified below) JPN -> - [statement], found by the sentence coder"
    )
    assert said.changes == []  # the drop is the reason, not also a change
    assert said.reason == "sentence coder: statement: a bare statement, and the sentence has a better event"
    assert protest.found == "" and protest.reason.startswith("sentence coder: no pattern")


def test_without_the_article_stage_the_events_decide():
    base = _article((), [(0, "PRK", "JPN", "190", "fired")])
    cands = [
        Candidate(0, "fired", True, "coded", "190", "PRK -> JPN (verbs.tsv:296)"),
        Candidate(0, "fired", False, "classifier", "190", "root 19 has p=0.004 < 0.01", base.events[0]),
    ]
    dropped = candidate_stories(replace(base, events=(), candidates=tuple(cands)))
    assert [(s.kept, s.reason) for s in dropped] == [(False, "classifier: root 19 has p=0.004 < 0.01")]
    kept = candidate_stories(replace(base, candidates=tuple(cands[:1])))
    assert [(s.kept, s.reason) for s in kept] == [(True, "an event of the dataset (no article stage)")]


def test_the_classifiers_sentence_scores_are_a_note_not_a_candidate():
    cands = [Candidate(0, "(sentence)", True, "classifier scores", None, "19=0.40, 11=0.23")]
    art = _article(cands)
    assert candidate_stories(art) == []
    out = render_table(art, explain=True)
    assert "classifier's roots for the sentence: 19=0.40, 11=0.23" in out
    assert _candidate_lines(out) == []


@pytest.mark.slow
def test_every_candidate_of_a_real_article_is_one_line_that_agrees_with_the_events():
    """The North Korea article of the examples: 'fired' used to be kept, then dropped."""
    from tidings.readers import read_paths
    from tidings.run.coding import code_articles

    arts = [a for a in read_paths([str(EXAMPLES / "05-wire-records.jsonl")]) if "dprk" in a.id]
    (art,) = list(code_articles(arts))
    out = render_table(art, explain=True)
    lines = _candidate_lines(out)
    assert len(lines) >= 10
    sentence, keys = -1, []
    for raw in out.split("  candidates", 1)[1].splitlines():
        m = re.match(r"^    s(\d+): ", raw)
        if m:
            sentence = int(m.group(1))
        m = LINE.match(raw)
        if m:
            keys.append((sentence, m.group(2)))
            assert " => " not in m.group(4), raw  # one verdict, one reason
    assert len(keys) == len(set(keys)), "a candidate told twice"
    told = dict(zip(keys, (m.group(1) for m in lines)))
    for e in art.events:  # every event's trigger reads kept
        assert told.get((e.sentence, e.trigger.text)) == "kept", (e.sentence, e.trigger.text)
    fired = next(m for k, m in zip(keys, lines) if k == (0, "fired"))
    assert "found by the sentence coder" in fired.group(3)
    assert "no coded subject" not in out
    json.dumps(out)  # plain text


def test_a_speaker_without_a_name_shows_its_text():
    from tidings.records import ActorRef, Quote

    speaker = ActorRef(None, None, None, "the spokesman", 0, 13)
    art = replace(_article(()), quotes=(Quote(speaker, "the talks failed", "indirect", "said", 20, 36),))
    out = render_table(art)
    assert 'indirect: the spokesman: "the talks failed"' in out and "None" not in out
