"""spaCy component tidings_dates (being written: see issue 5)."""
from spacy.language import Language


@Language.component("tidings_dates", assigns=["doc._.timexes"])
def dates(doc):
    doc._.timexes = []
    return doc
