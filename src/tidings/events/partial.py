"""Events missing an argument that a fuller event of the same sentence has.

Event data is dyadic: who did what to whom. Two passes over a document's events:

- an asserted event with no source ("Four people were killed", "the assassination of
  Villavicencio") is kept when it is all its sentence gives (it still says what kind of thing
  happened there), and dropped when the sentence has an asserted event with a source;
- an asserted event with no target is dropped when the sentence has an asserted event of the
  same root by the same source with a target ("Iran summoned the UK envoy [114 IRN -> GBRGOV]
  to complain [114 IRN -> nobody]").

Each drop is recorded as a candidate with its reason.
"""

from __future__ import annotations

from ..records import Candidate

__all__ = ["drop_partial", "DROP_SOURCELESS", "DROP_TARGETLESS"]

DROP_SOURCELESS = True  # off: keep every event with no source (for comparison)
DROP_TARGETLESS = True  # off: keep an event with no target beside the same one with a target


def drop_partial(doc):
    """Drop the partial events described above; record each as a dropped candidate."""
    events = list(doc._.events or ())
    if not events:
        return doc
    asserted = [e for e in events if e.status == "asserted"]
    gone: dict[int, tuple] = {}
    if DROP_SOURCELESS:
        sourced = {e.sentence for e in asserted if e.source is not None}
        for e in asserted:
            if e.source is None and e.sentence in sourced:
                gone[id(e)] = (e, "no source", "no source found, and the sentence has an event with one")
    if DROP_TARGETLESS:
        full = {(e.sentence, e.root, e.source.code) for e in asserted if e.source is not None and e.target is not None}
        for e in asserted:
            if e.source is not None and e.target is None and (e.sentence, e.root, e.source.code) in full:
                gone[id(e)] = (e, "no target", "the sentence has the same act by the same source with a target")
    if not gone:
        return doc
    doc._.events = [e for e in events if id(e) not in gone]
    doc._.candidates = list(doc._.candidates or ()) + [
        Candidate(
            sentence=e.sentence,
            trigger=e.trigger.text,
            kept=False,
            reason=reason,
            code=e.code,
            detail=detail,
            event=e,
            start=e.trigger.start,
        )
        for e, reason, detail in gone.values()
    ]
    return doc
