"""spaCy component `tidings_events`: reads the parse, doc._.actor_mentions, doc._.timexes,
doc._.places, doc._.quotes, doc._.published and doc._.article_id; writes doc._.events
(records.Event) and doc._.candidates (records.Candidate, every trigger considered).

Config: "dictionaries" (PETRARCH/TABARI CAMEO verb dictionaries or tidings lexicon folders
to load), "replace" (use only those, not the default lexicon), "classifier" (apply the
learned classifier after the lexicon coder: it calibrates confidences, breaks ties and
proposes events where the lexicon is silent; see learned.py. Off, or when no trained
model is installed, the lexicon coder works alone).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from .codebook import load_codebook
from .coder import Coder
from .lexicon import Lexicon, load_lexicon, load_word_list, read_lexicon, LexiconError
from .partial import drop_partial

__all__ = ["build_lexicon", "make_events"]


def build_lexicon(dictionaries=(), replace: bool = False) -> Lexicon:
    """The default lexicon, plus (or, with replace, instead of) the given dictionaries: a
    folder in tidings' lexicon format, or a PETRARCH-format verb dictionary file."""
    lex = Lexicon()
    if not replace or not dictionaries:
        lex.merge(load_lexicon())
    if dictionaries:
        base = load_lexicon()
        for fam, table in base.families.items():  # frames map inner codes for every lexicon
            lex.families.setdefault(fam, dict(table))
    for item in dictionaries or ():
        path = Path(item)
        if path.is_dir():
            extra, errors = read_lexicon(path)
            if errors:
                raise LexiconError("; ".join(errors[:5]))
            lex.merge(extra)
        else:
            from .petrarch import load_petrarch_verbs

            lex.merge(load_petrarch_verbs(path))
    return lex


@Language.factory(
    "tidings_events",
    assigns=["doc._.events", "doc._.candidates"],
    default_config={"dictionaries": [], "replace": False, "classifier": True},
)
def make_events(nlp, name, dictionaries, replace, classifier):
    codebook = load_codebook()
    nouns = load_word_list()
    lexicon = build_lexicon(tuple(dictionaries or ()), bool(replace))
    coder = Coder(lexicon, codebook, actor_nouns=nouns)
    stage = None
    if classifier:
        from .. import classifier as learned_model

        if learned_model.available():
            from .learned import ClassifierStage

            stage = ClassifierStage(learned_model.load(), codebook, lexicon)

    def events(doc):
        doc = coder(doc)
        if stage is not None:
            doc = stage(doc, actor_nouns=nouns)
        return drop_partial(doc)

    return events
