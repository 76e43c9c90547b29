"""Events with no source, in a sentence that has an event with one.

Event data is dyadic: who did what to whom. An event whose source the coder could not find
("Four people were killed", "the assassination of Villavicencio") is kept when it is all the
sentence gives (it still says what kind of thing happened there), and dropped, with the
reason recorded as a candidate, when the same sentence has an asserted event with a source.
"""
from __future__ import annotations

from ..records import Candidate

__all__ = ["drop_sourceless", "DROP_SOURCELESS"]

DROP_SOURCELESS = True  # off: keep every event with no source (for comparison)


def drop_sourceless(doc):
    """Drop the asserted events with no source from the sentences that have an asserted
    event with a source; record each as a dropped candidate. Returns the doc."""
    events = list(doc._.events or ())
    if not DROP_SOURCELESS or not events:
        return doc
    sourced = {e.sentence for e in events if e.source is not None and e.status == "asserted"}
    gone = [e for e in events if e.source is None and e.status == "asserted" and e.sentence in sourced]
    if not gone:
        return doc
    ids = {id(e) for e in gone}
    doc._.events = [e for e in events if id(e) not in ids]
    doc._.candidates = list(doc._.candidates or ()) + [
        Candidate(sentence=e.sentence, trigger=e.trigger.text, kept=False, reason="no source", code=e.code,
                  detail="no source found, and the sentence has an event with one") for e in gone]
    return doc
