"""Quotes: direct and indirect speech with speakers (the tidings_quotes spaCy component)."""

from .component import extract_quotes, make_quotes
from .cues import Cue, CueLexicon, cue_class, load_cues, validate_cues
from .marks import Quoted, find_quoted

__all__ = [
    "extract_quotes",
    "make_quotes",
    "Cue",
    "CueLexicon",
    "cue_class",
    "load_cues",
    "validate_cues",
    "Quoted",
    "find_quoted",
]
