"""Event coder: who did what to whom, CAMEO/PLOVER, with status and provenance.

Modules (each small, each with one job):
  codebook   the CAMEO codebook data file (names, Goldstein, quad class, pentacode, PLOVER)
  lexicon    the event lexicon data files (verbs, nouns, frame families): loader, validator
  petrarch   loader for PETRARCH/TABARI CAMEO verb dictionaries into the same Lexicon
  patterns   matching lexicon entries on the dependency parse (indexed by lemma)
  arguments  sources and targets from the parse, mapped to the actors stage's mentions
  status     asserted / negated / hypothetical / future
  attach     dates and places attached to an event's clause
  coder      triggers -> frames -> events and candidates (the algorithm)
  component  the spaCy component `tidings_events`
"""

from .codebook import CodeInfo, Codebook, load_codebook, pentacode
from .lexicon import Lexicon, LexiconError, load_lexicon, validate_lexicon

__all__ = [
    "CodeInfo",
    "Codebook",
    "load_codebook",
    "pentacode",
    "Lexicon",
    "LexiconError",
    "load_lexicon",
    "validate_lexicon",
    "load_petrarch_verbs",
]


def load_petrarch_verbs(path, codebook=None):
    """Load a PETRARCH/TABARI CAMEO verb dictionary (see tidings.events.petrarch)."""
    from .petrarch import load_petrarch_verbs as _load

    return _load(path, codebook)
