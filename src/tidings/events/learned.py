"""The learned classifier beside the lexicon coder, applied per sentence after
the lexicon coder has run:

* calibrate and tie-break: every event's confidence becomes
  (1 - w) * lexicon confidence + w * classifier probability of its root, so among a
  sentence's events the one the classifier believes wins as the main event;
* veto: an asserted lexicon event whose root the classifier gives less than `drop_below`
  (0.01) is dropped, with the reason among the candidates;
* propose: a sentence where the lexicon found no asserted event, whose main verb has a coded
  actor as its subject and which the classifier gives a root (not "none") with probability
  >= threshold, gets that root's general code ("190"), sourced from the subject and
  targeted at the object; its rule says "classifier";
* explain: the classifier's top roots for every sentence go to doc._.candidates.

Every event says which part decided: its rule ends in "+classifier(..)" when the
classifier changed its confidence, or starts with "classifier:" when it proposed it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ..records import Candidate, Event, Span, content_id
from .arguments import MentionIndex, subject_tokens, target_tokens
from .status import status_of

__all__ = ["ClassifierStage"]

_LIGHT = frozenset({"be", "have", "do", "get", "become", "seem", "remain"})


class ClassifierStage:
    def __init__(
        self, model, codebook, lexicon=None, weight: float = 0.5, threshold: float = 0.6, drop_below: float = 0.01
    ):
        self.drop_below = drop_below
        self.model = model
        self.codebook = codebook
        self.known = frozenset(lexicon.verbs) if lexicon is not None else frozenset()
        self.weight = weight
        self.threshold = threshold

    def __call__(self, doc, actor_nouns=frozenset()):
        sents = list(doc.sents)
        if not sents:
            return doc
        by_sent: dict[int, list[int]] = {}
        for k, e in enumerate(doc._.events or ()):
            by_sent.setdefault(e.sentence, []).append(k)
        mentions = doc._.actor_mentions or ()
        todo = sorted(set(by_sent) | _sentences_with_actors(sents, mentions))
        if not todo:
            return doc
        scores = self.model.scores_many([sents[si] for si in todo])
        doc._.root_scores = dict(zip(todo, scores))
        events = list(doc._.events or ())
        cands = list(doc._.candidates or ())
        index = None
        drop: set[int] = set()
        for si, sc in zip(todo, scores):
            top = sorted(sc.items(), key=lambda kv: -kv[1])[:3]
            cands.append(
                Candidate(
                    sentence=si,
                    trigger="(sentence)",
                    kept=True,
                    reason="classifier scores",
                    code=None,
                    detail=", ".join(f"{r}={p:.2f}" for r, p in top),
                )
            )
            self._rescore(si, sc, by_sent.get(si, ()), events, cands, drop)
            if any(
                events[k].status == "asserted" and not events[k].code.startswith("01") and k not in drop
                for k in by_sent.get(si, ())
            ):
                continue
            root, p = top[0]
            if root == "none" or p < self.threshold or root == "01":
                continue
            if index is None:
                index = MentionIndex(doc, mentions, actor_nouns)
            self._add_proposal(doc, sents[si], si, root, p, index, by_sent.get(si, ()), events, cands)
        doc._.events = [e for k, e in enumerate(events) if k not in drop]
        doc._.candidates = cands
        return doc

    def _rescore(self, si: int, sc: dict, ks, events: list, cands: list, drop: set[int]) -> None:
        """The sentence's events (`ks`, their places in `events`) with the classifier's view: an
        asserted event whose root it finds unlikely is dropped (`drop`), the others have their
        confidence mixed with the root's probability."""
        for k in ks:
            e = events[k]
            p = sc.get(e.root, 0.0)
            if p < self.drop_below and e.status == "asserted":
                drop.add(k)
                cands.append(
                    Candidate(
                        sentence=si,
                        trigger=e.trigger.text,
                        kept=False,
                        reason="classifier",
                        code=e.code,
                        detail=f"root {e.root} has p={p:.3f} < {self.drop_below}",
                        event=e,
                        start=e.trigger.start,
                    )
                )
                continue
            conf = round((1 - self.weight) * e.confidence + self.weight * p, 4)
            events[k] = replace(e, confidence=conf, rule=f"{e.rule} +classifier({e.root}={p:.2f})")

    def _add_proposal(self, doc, sent, si: int, root: str, p: float, index, ks, events: list, cands: list) -> None:
        """The event the classifier proposes for the sentence, or the candidate saying why none."""
        proposed = self._propose(doc, sent, si, root, p, index)
        if isinstance(proposed, str):  # why no event was proposed
            cands.append(
                Candidate(
                    sentence=si,
                    trigger="(sentence)",
                    kept=False,
                    reason="classifier: no actor" if "subject" in proposed else "classifier: no event",
                    code=root + "0",
                    detail=f"root {root} p={p:.2f} but {proposed}",
                )
            )
            return
        if proposed.status == "asserted":
            # a proposal replaces the bare statements of the sentence: it is the better event
            stmts = [k for k in ks if events[k].code.startswith("01")]
            for k in stmts:
                events[k] = replace(events[k], confidence=min(events[k].confidence, proposed.confidence - 0.01))
        events.append(proposed)
        cands.append(
            Candidate(
                sentence=si,
                trigger=proposed.trigger.text,
                kept=True,
                reason="classifier",
                code=proposed.code,
                detail=f"root {root} p={p:.2f}",
                start=proposed.trigger.start,
            )
        )

    def _propose(self, doc, sent, si, root, p, index) -> Event | str:
        """The event the classifier proposes for the sentence, or why there is none."""
        verb = sent.root
        # only where the lexicon is silent about the clause's action
        if verb.pos_ != "VERB":
            return f"the sentence's main word '{verb.text}' is not a verb"
        if verb.lemma_ in self.known:
            return f"the main verb '{verb.text}' is the lexicon's to code"
        if verb.lemma_ in _LIGHT:
            return f"the main verb '{verb.text}' says too little"
        subjects, how_src = subject_tokens(verb)
        src = next((a for a in (index.actor(t, allow_uncoded=False) for t in subjects) if a), None)
        if src is None or not (src[0].code or src[0].country):
            return f"the subject of '{verb.text}' is not a coded actor"
        targets, how_tgt = target_tokens(verb)
        tgt = next((a for a in (index.actor(t, allow_uncoded=False) for t in targets) if a and a[1] != src[1]), None)
        code = root + "0"
        info = self.codebook.get(code) if hasattr(self.codebook, "get") else self.codebook[code]
        if info is None:
            return f"{code} is not in the codebook"
        status, cue = status_of([verb])
        src_ref, tgt_ref = src[0], (tgt[0] if tgt else None)
        published = doc._.published
        date = published.isoformat() if published else None
        eid = content_id(doc._.article_id, si, verb.idx, code, src_ref.code, tgt_ref.code if tgt_ref else None)
        return Event(
            id=eid,
            code=code,
            root=root,
            quad_class=info.quad,
            penta_class=info.penta,
            goldstein=info.goldstein,
            plover_event=info.plover_event,
            plover_mode=info.plover_mode,
            source=src_ref,
            target=tgt_ref,
            status=status,
            reported_by=None,
            date=date,
            date_text=None,
            place=None,
            sentence=si,
            trigger=Span(verb.text, verb.idx, verb.idx + len(verb.text)),
            confidence=round(p * 0.9, 4),
            rule=f"classifier:root={root} p={p:.2f} {how_src}<-{verb.lemma_}"
            + (f"->{how_tgt}" if tgt else "")
            + (f" status:{status}({cue})" if status != "asserted" else ""),
        )


def _sentences_with_actors(sents, mentions) -> set[int]:
    """The sentences an actor mention starts in."""
    starts = [s.start for s in sents]
    with_actor = set()
    for m in mentions:  # the sentence each mention starts in
        si = bisect_right(starts, m.start) - 1
        if si >= 0 and m.start < sents[si].end:
            with_actor.add(si)
    return with_actor
