"""spaCy component `tidings_petrarch`: codes events with PETRARCH dictionaries, in PETRARCH's
unit (one event per pattern match and actor pair), in place of `tidings_events` and the
article stage.

Reads the parse, doc._.published, doc._.article_id and doc._.timexes; writes doc._.events
(records.Event) and doc._.candidates (every dictionary verb considered, coded or not, with
the reason). Config: "dictionaries" (files or folders; the kind of each file is detected),
"require_dyad" (PETRARCH's option, on by default: no event with a side that has no code).

On top of PETRARCH's coding each event keeps tidings' own reading:
  rule     "petrarch FILE:LINE VERB '- pattern' [code]" (or the verb line, for the verb
           alone), then the actor entries that coded source and target, and tidings' status
  status   PETRARCH codes what a pattern matches as a fact. tidings keeps two of its own
           statuses: "negated" when the verb is negated by a word the pattern did not match
           ("did not attack" with only `ATTACK [190]`), "hypothetical" under a condition
           ("if it invades") the pattern did not match. Future and modal forms ("will meet",
           "should act") stay asserted: PETRARCH dictionaries code them in their patterns and
           codes ("- INDICATED SHOULD * [1011]"), and tidings' own reading is in the rule
  date     the day of a time expression governing the verb, else the publication date
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from ..events.attach import Anchors, event_date
from ..events.codebook import load_codebook, pentacode
from ..events.status import COND_MARKS, NEG_WORDS, status_of
from ..records import ActorRef, Candidate, Event, Span, content_id
from .coder import SentenceCoder, discarded
from .dictionaries import load_dictionaries
from .sentence import build_sentence

__all__ = ["make_petrarch", "PetrarchStage"]

_NOT_COUNTRY = ("IGO", "NGO", "IMG", "MNC", "NGM", "---")


def _country(code: str) -> str | None:
    head = code[:3]
    if len(code) >= 3 and head.isalpha() and head.isupper() and head not in _NOT_COUNTRY:
        return head
    return None


class PetrarchStage:
    def __init__(self, dictionaries, require_dyad: bool = True):
        self.dicts = load_dictionaries(dictionaries)
        self.coder = SentenceCoder(self.dicts, require_dyad=require_dyad)
        self.codebook = load_codebook()

    def _info(self, code: str):
        info = self.codebook.get(code) if code[:2].isdigit() else None
        if info is not None:
            return info.root, info.quad, info.penta, info.goldstein, info.plover_event, info.plover_mode
        root = code[:2] if code[:2].isdigit() else ""
        penta = pentacode(root) if root else 0
        quad = {0: 1, 1: 1, 2: 2, 3: 3, 4: 4}[penta] if root else 0
        return root, quad, penta, 0.0, None, None

    def __call__(self, doc):
        events: list[Event] = []
        cands: list[Candidate] = []
        published = doc._.published
        day = published if published is None or not hasattr(published, "date") else published.date()
        sents = list(doc.sents)
        story = next((d for s in sents for d in [discarded(s.text, self.dicts)] if d is not None and d.story), None)
        if story is not None:
            cands.append(
                Candidate(
                    0,
                    "",
                    False,
                    "story discarded",
                    detail=f"'{' '.join(story.words)}' ({story.where}): the whole story is not coded",
                )
            )
            doc._.events, doc._.candidates = [], cands
            return doc
        anchors = Anchors(doc)
        for si, sent in enumerate(sents):
            disc = discarded(sent.text, self.dicts)
            if disc is not None:
                cands.append(
                    Candidate(si, "", False, "sentence discarded", detail=f"'{' '.join(disc.words)}' ({disc.where})")
                )
                continue
            s = build_sentence(sent)
            codings, notes = self.coder.code(s, doc, day)
            for k, reason, detail in notes:
                cands.append(
                    Candidate(si, s.words[k].text.lower(), False, reason, detail=detail, start=s.words[k].start_char)
                )
            np_why = None
            for c in codings:
                if not c.triples:
                    continue
                if np_why is None:
                    np_why = self.coder.np_codes(s, day)
                self._code_verb(doc, s, si, c, np_why, anchors, events, cands)
        doc._.events = events
        doc._.candidates = cands
        return doc

    def _code_verb(self, doc, s, si: int, c, np_why, anchors: Anchors, events: list[Event], cands: list[Candidate]):
        """The events of one coded verb: one per (source, target, code) triple, with the status
        PETRARCH would not see (a negation or condition outside the pattern) and the date."""
        w = s.words[c.verb]
        tok = doc[w.start]
        trigger = Span(doc.text[w.start_char : w.end_char], w.start_char, w.end_char)
        m = c.match
        where = m.pattern.where if m.pattern else c.form.where
        what = (
            f"{c.form.block} '{m.pattern.text}' [{m.code}]"
            if m.pattern
            else f"{c.form.block} verb alone [{c.form.code}]"
        )
        status, cue = status_of([tok])
        used_words = {s.words[j].text for j in m.used}
        own = "asserted"
        if status == "negated" and cue.upper() not in used_words and not ({x.upper() for x in NEG_WORDS} & used_words):
            own = "negated"
        elif status == "hypothetical" and cue in COND_MARKS and cue.upper() not in used_words:
            own = "hypothetical"
        timex = None
        for t, root in anchors.timexes:
            if root is not None and anchors.governs(root, {tok.i}):
                timex = t
                break
        date, date_text, how = event_date(timex, doc._.published, own)
        for (sne, si_, scode), (tne, ti_, tcode), code in c.triples:
            smem = s.nps[sne].members[si_]
            tmem = s.nps[tne].members[ti_]
            src = _member_ref(smem, scode, np_why[sne][si_][1])
            tgt = _member_ref(tmem, tcode, np_why[tne][ti_][1])
            root, quad, penta, gold, pe, pm = self._info(code)
            rule = f"petrarch {where} {what}" + (" passive" if c.passive else "")
            if status != "asserted":
                rule += f" tidings-status:{status}({cue})"
            eid = content_id(doc._.article_id, si, w.start_char, code, scode, tcode, smem.start_char, tmem.start_char)
            ev = Event(
                id=eid,
                code=code,
                root=root,
                quad_class=quad,
                penta_class=penta,
                goldstein=gold,
                plover_event=pe,
                plover_mode=pm,
                source=src,
                target=tgt,
                status=own,
                reported_by=None,
                date=date,
                date_text=date_text,
                place=None,
                sentence=si,
                trigger=trigger,
                confidence=0.9 if m.pattern else 0.7,
                rule=rule,
            )
            events.append(ev)
            cands.append(
                Candidate(
                    si,
                    trigger.text,
                    True,
                    "coded" if own == "asserted" else own,
                    code=code,
                    detail=f"{scode} -> {tcode} ({where})",
                    event=ev,
                    start=trigger.start,
                )
            )


@Language.factory(
    "tidings_petrarch",
    assigns=["doc._.events", "doc._.candidates"],
    default_config={"dictionaries": [], "require_dyad": True},
)
def make_petrarch(nlp, name, dictionaries, require_dyad):
    return PetrarchStage([Path(d) for d in dictionaries], require_dyad=bool(require_dyad))


def _member_ref(member, code: str, rule: str) -> ActorRef:
    """A noun-phrase member coded as an actor."""
    return ActorRef(code, _country(code), member.text, member.text, member.start_char, member.end_char, rule=rule)
