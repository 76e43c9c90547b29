"""spaCy component tidings_events (being written: see issue 4)."""
from spacy.language import Language


@Language.factory("tidings_events", assigns=["doc._.events", "doc._.candidates"],
                  default_config={"dictionaries": [], "replace": False, "classifier": True})
def make_events(nlp, name, dictionaries, replace, classifier):
    def events(doc):
        doc._.events = []
        doc._.candidates = []
        return doc
    return events
