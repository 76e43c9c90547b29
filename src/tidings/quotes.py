"""spaCy component tidings_quotes (being written: see issue 5)."""
from spacy.language import Language


@Language.component("tidings_quotes", assigns=["doc._.quotes"])
def quotes(doc):
    doc._.quotes = []
    return doc
