"""Actors: find and code every actor (gazetteer, roles, people over time, coreference).

The data live in tidings/data/actors/ (countries, regions, metonyms, organisations, roles,
people); `tidings.actors.lexicon` loads and validates them, `tidings.actors.petrarch` reads
PETRARCH/TABARI dictionaries, and the spaCy component `tidings_actors` (in `.component`)
writes doc._.actor_mentions.
"""

from .lexicon import DataError, Entry, Lexicon, Period, load_default_lexicon, validate_data
from .petrarch import load_petrarch, parse_petrarch

__all__ = [
    "DataError",
    "Entry",
    "Lexicon",
    "Period",
    "load_default_lexicon",
    "validate_data",
    "load_petrarch",
    "parse_petrarch",
]
