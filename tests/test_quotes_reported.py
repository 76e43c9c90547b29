"""Quotes: the `reported` option (off by default). A speech act with only a noun object
("announced his resignation", "called for a ceasefire") is not a quote: what was said is not
stated. With the option it is listed as kind "reported", apart from direct and indirect
quotes; an evaluative verb's object never is. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tidings.quotes import extract_quotes, load_cues, validate_cues


def _doc(nlp, text):
    from tidings.nlp import new_doc

    names = nlp.pipe_names
    with nlp.select_pipes(disable=names[names.index("tidings_quotes") + 1 :]):
        return nlp(new_doc(nlp, text))


@pytest.fixture(scope="module")
def lex():
    return load_cues()


@pytest.mark.parametrize(
    "text, fragment, speaker, cue",
    [
        (
            "The harbour minister, Tomas Lind, announced his resignation on Monday.",
            "his resignation",
            "Tomas Lind",
            "announced",
        ),
        ("Farmers' unions called for a ceasefire in the trade dispute.", "a ceasefire", "unions", "called for"),
        ("The water company denied the allegations in a short letter.", "the allegations", "company", "denied"),
        (
            "Mayor Ilse Varga accused the contractor of negligence.",
            "the contractor of negligence",
            "Ilse Varga",
            "accused",
        ),
        ("The council demanded an inquiry into the flooding.", "an inquiry into the flooding", "council", "demanded"),
        (
            "In her speech, Senator Alma Ruiz mentioned the closing of the rural clinics.",
            "the closing of the rural clinics",
            "Alma Ruiz",
            "mentioned",
        ),
        ("The two ministers discussed the new grain quotas.", "the new grain quotas", "ministers", "discussed"),
        ("The union stressed the need for safer scaffolding.", "the need for safer scaffolding", "union", "stressed"),
        (
            "Mayor Petra Lund spoke about the flooding in the harbour.",
            "the flooding in the harbour",
            "Petra Lund",
            "spoke about",
        ),
        ("The fishermen complained about the new quotas.", "the new quotas", "fishermen", "complained about"),
        (
            "Minister Aron Falk commented on the strike at the port.",
            "the strike at the port",
            "Aron Falk",
            "commented on",
        ),
        ("The audit detailed the cost overruns of the bridge.", "the cost overruns of the bridge", "audit", "detailed"),
        ("The union argued for a shorter working week.", "a shorter working week", "union", "argued for"),
    ],
)
def test_a_speech_act_object_is_reported_with_the_option(nlp, lex, text, fragment, speaker, cue):
    doc = _doc(nlp, text)
    found = [q for q in extract_quotes(doc, lex, reported=True) if fragment in q.text]
    assert found and found[0].kind == "reported", found
    assert found[0].cue == cue
    assert found[0].speaker is not None and speaker in (found[0].speaker.name or ""), found[0].speaker
    assert not [q for q in doc._.quotes if fragment in q.text], "off by default: not a quote"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Jonas Berg praised Norway for its quick help.", "Norway"),
        ("The foreign ministry condemned the shelling of the power plant.", "the shelling"),
        ("The European Union welcomed the ceasefire agreed in Doha.", "the ceasefire"),
        ("The opposition criticized the budget on Tuesday.", "the budget"),
        ("The governor called the plan a disaster.", "the plan"),  # naming: an indirect quote, not an act
        ("The resignation was announced by the ministry.", "resignation"),  # passive: the subject is no source
        ("They announced it on Monday.", "it"),
    ],
)
def test_no_reported_act_for_evaluative_verbs_and_the_like(nlp, lex, text, fragment):
    doc = _doc(nlp, text)
    assert not [q for q in extract_quotes(doc, lex, reported=True) if q.kind == "reported"], text


def test_clauses_stay_indirect_with_the_option(nlp, lex):
    doc = _doc(nlp, "The ministry announced that the border would reopen on Friday.")
    quotes = extract_quotes(doc, lex, reported=True)
    assert [q.kind for q in quotes if "border would reopen" in q.text] == ["indirect"]
    assert not [q for q in quotes if q.kind == "reported"]


def test_the_packaged_cue_file_with_the_act_frame_is_valid():
    from importlib import resources

    path = resources.files("tidings").joinpath("data/quotes/cues.tsv")
    assert validate_cues(str(path)) == []
    lex = load_cues()
    assert lex.has("act", "announce") and lex.has("act", "call for")
    assert not any(lex.has("act", w) for w in ("praise", "condemn", "welcome", "criticize", "call", "describe"))
