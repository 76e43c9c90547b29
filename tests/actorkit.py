"""Helpers of the actor tests: the pipeline up to the actors stage, and one mention of a text."""

from __future__ import annotations

import datetime as dt

from tidings.nlp import new_doc


def actors_only(nlp, doc):
    """Run the pipeline on `doc` up to and including the actors stage."""
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "tidings_actors":
            break
    return doc


def mention(nlp, text: str, published: str, words: str):
    """The first actor mention of `text` (published on that ISO day) holding `words`."""
    doc = actors_only(nlp, new_doc(nlp, text, dt.date.fromisoformat(published)))
    found = [m for m in doc._.actor_mentions if words in m.text]
    assert found, f"no mention of {words!r} in {[(m.text, m.code) for m in doc._.actor_mentions]}"
    return found[0]
