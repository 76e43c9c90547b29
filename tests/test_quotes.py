"""Quotes: data-driven cases (tests/fixtures/quotes_cases.jsonl), the cue file, the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.quotes import find_quoted, load_cues, validate_cues
from quotekit import quotes_of as _quotes

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures" / "quotes_cases.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['style']}" for i, c in enumerate(CASES)])
def test_case(nlp, case):
    quotes = _quotes(nlp, case["text"])
    if "absent" in case:
        assert not [q for q in quotes if case["absent"] in q.text], quotes
        return
    if "absent_exact" in case:
        assert not [q for q in quotes if q.text.strip() == case["absent_exact"]], quotes
        return
    found = [q for q in quotes if q.kind == case["kind"] and case["contains"] in q.text]
    assert found, f"no {case['kind']} quote containing {case['contains']!r}: {quotes}"
    q = found[0]
    assert q.text == case["text"][q.start : q.end]
    if case["speaker"] is None:
        assert q.speaker is None, q
    else:
        assert q.speaker is not None, q
        assert case["speaker"].lower() in q.speaker.name.lower(), q.speaker


def test_enough_cases():
    assert len(CASES) >= 60


def test_marks_pair_and_continue():
    text = "He said: “We will win.\n\n“And soon,” he added. Its ‘red lines’ don’t move. The workers’ union met."
    spans = [text[q.start : q.end] for q in find_quoted(text)]
    assert spans[0].startswith("We will win.") and spans[0].endswith("And soon")
    assert "red lines" in spans
    assert not any("union" in s for s in spans)


def test_unclosed_quote_runs_to_paragraph_end():
    text = '"We are not leaving\n\nThe next paragraph.'
    (q,) = find_quoted(text)
    assert text[q.start : q.end] == "We are not leaving" and not q.closed


def test_cue_file_valid_and_extendable(tmp_path):
    from importlib import resources

    packaged = resources.files("tidings").joinpath("data/quotes/cues.tsv")
    assert validate_cues(Path(str(packaged))) == []
    extra = tmp_path / "cues.tsv"
    extra.write_text("# mine\nopine\tspeech\tdirect,clause\n", encoding="utf-8")
    assert validate_cues(extra) == []
    lex = load_cues([extra])
    assert lex.has("clause", "opine") and lex.has("clause", "say")
    bad = tmp_path / "bad.tsv"
    bad.write_text("Shout\tspeech\tdirect\nmumble\tnoise\tdirect\nhum\tspeech\tsing\nx\ty\n", encoding="utf-8")
    assert len(validate_cues(bad)) == 4
    with pytest.raises(ValueError):
        load_cues([bad])


def test_cue_classes_select():
    lex = load_cues(classes=["speech"])
    assert lex.has("clause", "say") and not lex.has("clause", "believe")


def test_user_cue_file_reaches_component(tmp_path):
    from tidings.nlp import get_nlp, new_doc
    from tidings.quotes import extract_quotes

    extra = tmp_path / "cues.tsv"
    extra.write_text("opine\tspeech\tdirect,clause\n", encoding="utf-8")

    base = get_nlp()
    names = base.pipe_names
    with base.select_pipes(disable=names[names.index("tidings_quotes") + 1 :]):
        doc = base(new_doc(base, "The professor opined that the theory was wrong."))
    assert not [q for q in doc._.quotes if "theory was wrong" in q.text]
    ours = extract_quotes(doc, load_cues([extra]))
    assert [q for q in ours if "theory was wrong" in q.text and q.speaker and "professor" in q.speaker.name]


def test_offsets_point_into_text(nlp):
    text = "“It is over,” the coach said.\n\nHe added that the team would rebuild."
    for q in _quotes(nlp, text):
        assert text[q.start : q.end] == q.text


@pytest.fixture()
def seed_coded(shared_dir):
    from tidings.run.coding import code_text

    path = shared_dir / "examples" / "seed-article.txt"
    body = path.read_text(encoding="utf-8")
    return code_text(body, published="2021-12-12")


@pytest.mark.shared
def test_seed_required_quotes(seed_coded):
    quotes = seed_coded.quotes
    peskov = [q for q in quotes if q.kind == "direct" and "demonise Russia" in q.text]
    putin = [q for q in quotes if q.kind == "direct" and "definitely see each other" in q.text]
    assert peskov and peskov[0].speaker and "Peskov" in peskov[0].speaker.name
    assert putin and putin[0].speaker and "Putin" in putin[0].speaker.name
    assert not [q for q in quotes if q.text.strip() == "red lines"]
