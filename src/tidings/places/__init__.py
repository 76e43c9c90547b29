"""spaCy component tidings_places (being written: see issue 5)."""
from spacy.language import Language


@Language.component("tidings_places", assigns=["doc._.places"])
def places(doc):
    doc._.places = []
    return doc
