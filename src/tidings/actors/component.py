"""spaCy component tidings_actors (being written: see issue 3)."""
from spacy.language import Language


@Language.factory("tidings_actors", assigns=["doc._.actor_mentions"],
                  default_config={"dictionaries": [], "replace": False})
def make_actors(nlp, name, dictionaries, replace):
    def actors(doc):
        doc._.actor_mentions = []
        return doc
    return actors
