"""`tidings code --format json --explain` tells the same stories as the text --explain, field by
field (key "explain": sentence, trigger with offsets, what found it with its lexicon entry and
actors, every reading the article stage weighed, who decided and why), and two occurrences of
one word in one sentence are two stories (Candidate.start), in the text and in the JSON."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.commands.explain import candidate_stories, explain_records, render_table
from tidings.records import Candidate, EventMention

from storekit import coded

TEXT = "North Korea fired a missile and Japan fired a warning shot on Tuesday. Tokyo said it would protest."
FIRST, SECOND = TEXT.index("fired"), TEXT.index("fired", TEXT.index("fired") + 1)


def _article():
    art = coded("a1", TEXT, [(0, "PRK", "JPN", "190", "fired")])
    (e,) = art.events
    assert e.trigger.start == FIRST
    second = replace(e, trigger=replace(e.trigger, start=SECOND, end=SECOND + 5))
    return art, e, second


def _staged(e, kept: bool, reason: str, detail: str):
    e = replace(
        e, rule=f"{e.rule} |story:1 mention(s)", mentions=(EventMention(e.sentence, e.trigger, e.code, e.rule),)
    )
    return Candidate(e.sentence, e.trigger.text, kept, reason, e.code, detail, e, e.trigger.start)


def _two_fired():
    art, e1, e2 = _article()
    kept = _staged(e1, True, "kept", "p=0.640")
    dropped = _staged(replace(e2, source=e2.target, target=e2.source), False, "judge", "p=0.050 < 0.175")
    cands = [
        Candidate(0, "fired", True, "coded", "190", "JPN -> PRK (verbs.tsv:296)", start=SECOND),
        Candidate(0, "fired", True, "coded", "190", "PRK -> JPN (verbs.tsv:296)", start=FIRST),
        Candidate(1, "said", True, "statement", "010", "JPN -> - (verbs.tsv:5)", start=TEXT.index("said")),
        Candidate(1, "said", False, "statement", "010", "a bare statement, and the sentence has a better event"),
        kept,
        dropped,
    ]
    return replace(art, events=(kept.event,), candidates=tuple(cands))


def test_two_occurrences_of_one_word_are_two_stories_in_text_order():
    art = _two_fired()
    stories = candidate_stories(art)
    fired = [s for s in stories if s.trigger == "fired"]
    assert [(s.start, s.kept, s.occurrence) for s in fired] == [(FIRST, True, (1, 2)), (SECOND, False, (2, 2))]
    assert "PRK -> JPN" in fired[0].found and "also" not in " ".join(fired[0].changes)
    assert "JPN -> PRK" in fired[1].found and fired[1].decided_by == "judge"
    lines = [
        ln.strip() for ln in render_table(art, explain=True).split("  candidates", 1)[1].splitlines() if "'fired'" in ln
    ]
    assert lines[0].startswith("kept: 'fired' (the 1st of 2 in the sentence) 190")
    assert lines[1].startswith("dropped: 'fired' (the 2nd of 2 in the sentence) 190")
    # a record without an offset joins its word's story; one "said" stays one story
    said = [s for s in stories if s.trigger == "said"]
    assert len(said) == 1 and said[0].occurrence is None and not said[0].kept
    assert said[0].reason == "sentence coder: statement: a bare statement, and the sentence has a better event"


def test_the_json_stories_say_what_the_lines_say_field_by_field():
    art = _two_fired()
    records = explain_records(art)
    json.dumps(records)  # plain JSON
    assert [r["line"] for r in records] == [s.line() for s in candidate_stories(art)]
    first, second, said = records
    assert first["sentence"] == 0 and first["sentence_text"] == TEXT[: TEXT.index(" Tokyo")]
    assert first["trigger"] == {"text": "fired", "start": FIRST, "end": FIRST + 5}
    assert second["trigger"] == {"text": "fired", "start": SECOND, "end": SECOND + 5}
    assert (first["occurrence"], second["occurrence"]) == ([1, 2], [2, 2])
    assert first["kept"] is True and second["kept"] is False
    assert first["found"]["by"] == "sentence coder" and first["found"]["code"] == "190"
    assert first["found"]["source"] == {"code": "PRK"} and first["found"]["target"] == {"code": "JPN"}
    assert first["entry"] == "verbs.tsv:296" and first["found"]["name"]  # the codebook's name of 190
    (reading,) = first["readings"]
    assert reading["kept"] is True and reading["by"] == "judge" and reading["reason"] == "the judge: p=0.640"
    assert reading["source"]["code"] == "PRK" and reading["target"]["code"] == "JPN"
    assert first["decided_by"] == "judge" and first["reason"].startswith("kept as 190 PRK -> JPN")
    (reading,) = second["readings"]
    assert (reading["kept"], reading["reason"]) == (False, "the judge: p=0.050 < 0.175")
    assert second["decided_by"] == "judge" and "p=0.050" in second["reason"]
    assert said["readings"] == [] and said["decided_by"] == "sentence coder"
    assert said["found"]["as"] == "statement" and said["found"]["target"] is None


def test_a_drop_without_a_finding_names_its_lexicon_entry():
    art, _, _ = _article()
    cands = [
        Candidate(
            0, "missile", False, "no actor", "190", "nouns.tsv:weapon: no actor for source (none) or target (none)"
        ),
        Candidate(0, "(sentence)", True, "classifier scores", None, "19=0.40, 11=0.23"),
    ]
    (record,) = explain_records(replace(art, events=(), candidates=tuple(cands)))
    assert record["found"] is None and record["entry"] == "nouns.tsv:weapon"
    assert record["trigger"] == {"text": "missile", "start": None, "end": None}
    assert record["classifier_roots"] == "19=0.40, 11=0.23"
    assert record["decided_by"] == "sentence coder" and record["reason"].startswith("sentence coder: no actor")


@pytest.mark.slow
def test_code_json_explain_tells_each_occurrence(tmp_path):
    """The real pipeline: two 'attacked' and two 'said' of one sentence each are stories of
    their own, and every event's trigger is a kept story at the event's offset."""
    path = tmp_path / "two.txt"
    path.write_text(
        "Russian troops attacked Kharkiv on Monday, and Georgian troops attacked Sukhumi on Tuesday, "
        "officials said.\n\nThe Kremlin said Russia would respond, and Tbilisi said Georgia would respond too.\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(main, ["code", "--format", "json", "--explain", "--published", "2024-03-06", str(path)])
    assert res.exit_code == 0, res.output
    (out,) = json.loads(res.stdout)
    assert out["candidates"] and all({"sentence", "trigger", "reason"} <= set(c) for c in out["candidates"])
    stories = out["explain"]
    keys = [(s["sentence"], s["trigger"]["text"], s["trigger"]["start"]) for s in stories]
    assert len(keys) == len(set(keys)), "a candidate told twice"
    for word, sentence in (("attacked", 0), ("said", 1)):
        told = [s for s in stories if s["trigger"]["text"] == word and s["sentence"] == sentence]
        assert [s["occurrence"] for s in told] == [[1, 2], [2, 2]], word
        assert told[0]["trigger"]["start"] < told[1]["trigger"]["start"]
        for s in told:
            start, end = s["trigger"]["start"], s["trigger"]["end"]
            assert out["text"][start:end] == word
            assert s["found"]["entry"].startswith("verbs.tsv:") and s["reason"] and s["decided_by"]
    for e in out["events"]:
        (story,) = [s for s in stories if s["trigger"]["start"] == e["trigger"]["start"]]
        assert story["kept"] and any(r["kept"] and r["code"] == e["code"] for r in story["readings"])


def test_code_help_names_every_key_of_an_explain_object():
    """`tidings code --help` lists the keys of a JSON --explain object; it left out
    classifier_roots and occurrence, which every object carries."""
    art, first, second = _article()
    art = replace(art, candidates=(_staged(first, True, "kept", "judge"), _staged(second, False, "dropped", "judge")))
    keys = set().union(*(record.keys() for record in explain_records(art)))
    text = " ".join(CliRunner().invoke(main, ["code", "--help"]).stdout.split())
    explain_help = text[text.index("--explain") : text.index("--all-candidates")]
    assert keys and not [k for k in sorted(keys) if k not in explain_help]
