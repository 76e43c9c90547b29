"""When and where: the time expression and place attached to an event's clause.

An event is dated only by a time expression that governs its own clause: one that hangs on
the trigger itself ("shelled the town on Monday", "Monday's talks", "met two days ago"), or
reaches it through prepositions that place an act in time and the event nouns they
introduce ("agreed to hold talks during a phone call on Dec 7"). A date inside an argument
does not date the act: "reaffirmed its commitment under a 1951 treaty" (the treaty's date),
"signed a pledge to withdraw by February" (a deadline), "since 2014", "until March". Only
calendar points date events (not "two years", "every Monday", "now"). See `event_date` for
what the event then carries.
"""

from __future__ import annotations

import datetime as dt

from ..dates import is_point
from ..dates.clauses import FUTURE_GOVERNORS

__all__ = ["Anchors", "event_date", "PLACING"]

SAY = frozenset(
    {
        "say",
        "tell",
        "announce",
        "report",
        "add",
        "state",
        "claim",
        "confirm",
        "deny",
        "warn",
        "write",
        "declare",
        "insist",
        "note",
        "accuse",
        "allege",
    }
)


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _reported_date(root, verb) -> bool:
    """Is a date the parser hung on `verb` really the date of the speech verb above it? "The
    prosecutor said on Monday he had applied": a complement clause of a speech verb whose
    date stands before its subject, right after the speech verb."""
    if not (_is_verb(verb) and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SAY):
        return False
    speech = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and speech.i < root.i < min(s.left_edge.i for s in subjects)


_DEFINITE = {"the", "that", "this", "those", "these", "same", "its", "their"}
# prepositions that put an act at a time; "by", "until", "since", "before", "after", "from",
# "under", "for" give a bound, a deadline or a relation, not the time of the act
PLACING = frozenset({"on", "in", "at", "during", "over", "throughout", "around", "about", "amid", "late", "early"})
FOR = frozenset({"for", "with", "to", "against", "of"})  # nouns in these may carry the act's date


def _occasion(noun) -> bool:
    """A noun that a bare time expression ("Wednesday night") may date for the act: the
    object of a placing preposition ("at a meeting", "during talks")."""
    return noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ in PLACING


# prepositions of a bound or a relation in time: a bare day after their noun is not the act's
# ("withdraw by the end of the talks Sunday", "since the vote Monday")
BOUNDS = frozenset({"by", "until", "till", "since", "before", "after", "following", "from", "to", "prior", "ahead"})


def _bare_day_on_phrase(noun, targets: set[int]) -> bool:
    """A bare time expression (no preposition of its own) that the parser hung on the object of
    the act or on the noun of one of its phrases ("Rebels captured a bridge Tuesday", "Troops
    found a tunnel under construction Sunday": the day on "bridge", on "construction"): the act's
    day, unless the phrase is a bound or a relation in time ("by", "since", "after")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if noun.dep_ == "dobj":
        return noun.head.i in targets and _is_verb(noun.head)
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.head.i in targets
        and _is_verb(prep.head)
        and prep.lower_ not in BOUNDS
    )


def _own_infinitive(verb, targets: set[int]) -> bool:
    """The infinitive that completes the act ("declined to comment", "refused to attend"), not
    one after a verb of intention or appeal ("agreed to meet", "threatened to cut": its time is
    the planned act's)."""
    gov = verb.head
    return (
        _is_verb(verb)
        and verb.dep_ == "xcomp"
        and verb.tag_ == "VB"
        and gov.i in targets
        and gov.lemma_.lower() not in FUTURE_GOVERNORS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _dated_participle(verb, targets: set[int]) -> bool:
    """A past participle that tells the act an event noun names, and when ("an agreement reached
    on Tuesday", "the raid carried out Monday"): its time is the noun's; not a planned one ("the
    talks scheduled on Monday"); not the date of an argument ("the ultimatum, imposed on Sunday, was
    rejected")."""
    noun = verb.head
    return (
        _is_verb(verb)
        and verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and noun.i in targets
        and noun.pos_ == "NOUN"
        and noun.head.i not in targets  # the noun that names the act, not its object ("rejected the ultimatum")
        and verb.lemma_.lower() not in FUTURE_GOVERNORS
    )


def _after_complement(phrase, speech, targets: set[int]) -> bool:
    """A time phrase the parser hung on a verb of saying right after the clause it reports ("the envoy
    added he had talks with the premier and the president on Monday afternoon"): the time of the
    reported act, as the speech's own time comes next to the verb ("said on Monday he ...")."""
    if not (_is_verb(speech) and speech.lemma_.lower() in SAY):
        return False
    for clause in speech.children:
        if clause.dep_ != "ccomp" or clause.i not in targets or phrase.left_edge.i <= clause.right_edge.i:
            continue
        # nothing but the clause's own words between it and the phrase (the parser may hang its
        # last coordinated object on the speech verb): no verb, no comma before the phrase
        between = phrase.doc[clause.right_edge.i + 1 : phrase.left_edge.i]
        if not any(_is_verb(t) for t in between) and not (len(between) and between[-1].text == ","):
            return True
    return False


def _when_clause(item, root, event_tokens) -> bool:
    """The event's clause is a "when" clause on the time expression ("Unlike Sunday, when forty
    marchers were detained, ...", "on Monday, when rebels attacked"), hung by the parser on the
    expression or right after it."""
    for tok in event_tokens:
        when = next((c for c in tok.children if c.dep_ == "advmod" and c.lower_ == "when"), None)
        if when is None or when.i != tok.left_edge.i:
            continue  # "when" must open the clause
        if tok.dep_ == "relcl" and tok.head.i == root.i:
            return True
        prev = tok.doc[when.i - 1] if when.i > 0 else None
        if prev is not None and prev.text == "," and prev.i > 0:
            prev = tok.doc[prev.i - 1]
        if prev is not None and prev.idx < item.end <= prev.idx + len(prev.text):
            return True
    return False


def publication_day(published) -> dt.date | None:
    """The publication day of a date, a datetime or an ISO string; None if there is none."""
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        return None


def after_publication(timex, published) -> bool:
    """The time expression names a day after the publication day."""
    pub = publication_day(published)
    if timex is None or pub is None or timex.precision not in ("day", "time") or not timex.value:
        return False
    try:
        return dt.date.fromisoformat(timex.value[:10]) > pub
    except ValueError:
        return False


def event_date(timex, published, status: str, how: str = "") -> tuple[str | None, str | None, str]:
    """(date, date_text, how) for an event: the day of the time expression that governs its
    clause; else the publication date, with date_text None. The event date is always a day,
    as the store keeps it: a coarser expression ("in March", "last year") leaves the
    publication date (how 'coarse'), a time of day gives its day, and an asserted event is
    never dated after publication (how 'after-publication'; "signed ... on Friday" in a story
    of Wednesday means the Friday before, which the dates stage gives when the tense is
    clear)."""
    pub = publication_day(published)
    pub_s = pub.isoformat() if pub else None
    if timex is None:
        return pub_s, None, how
    if timex.precision not in ("day", "time") or not timex.value:
        return pub_s, None, "coarse"
    day = timex.value[:10]
    try:
        d = dt.date.fromisoformat(day)
    except ValueError:
        return pub_s, None, "coarse"
    if status == "asserted" and pub is not None and d > pub:
        return pub_s, None, "after-publication"
    return day, timex.text, how


def _continued(event_tokens) -> list:
    out, seen = [], {t.i for t in event_tokens}
    for tok in event_tokens:
        cur, steps = tok, 0
        while steps < 4 and cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i and _is_verb(cur.head):
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cur.children):
                break  # a subject of its own: another act ("and Ukraine retaliated")
            if cur.dep_ == "advcl" and cur.tag_ != "VBG":
                break  # "after it attacked": a clause of its own
            cur = cur.head
            if cur.i not in seen:
                seen.add(cur.i)
                out.append(cur)
            steps += 1
    return out


# verbs that do the act their object names ("published its condemnation", "held talks", "the
# offensive was launched"): their time is the act's; not verbs that end, report or suffer it
SUPPORT = frozenset(
    {
        "publish",
        "issue",
        "hold",
        "have",
        "launch",
        "carry",
        "conduct",
        "stage",
        "mount",
        "make",
        "pay",
        "reiterate",
        "renew",
        "repeat",
        "level",
        "voice",
        "express",
        "deliver",
        "begin",
        "start",
        "resume",
        "open",
        "wage",
    }
)


def _support_verbs(event_tokens) -> set[int]:
    """The verbs that do the act an event noun of it names, as their object or passive subject:
    their time is the act's ("A court published its condemnation of the ruler on Thursday",
    "the offensive was launched Monday")."""
    return {
        tok.head.i
        for tok in event_tokens
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in SUPPORT
    }


class Anchors:
    """Time expressions of one Doc, located on tokens (places: places.attached_place), with the
    dated event nouns seen so far (for "that phone call" after "a phone call on Dec 7")."""

    def __init__(self, doc):
        self.doc = doc
        self.timexes = [(t, self._root(t.start, t.end)) for t in (doc._.timexes or ()) if is_point(t)]
        self.dated_nouns: dict[str, object] = {}

    def _root(self, start: int, end: int):
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    @staticmethod
    def _reaches(tok, targets: set[int], depth: int = 10) -> bool:
        steps = 0
        while steps < depth:
            if tok.i in targets:
                return True
            if tok.head.i == tok.i:
                return False
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass") and steps > 0:
                return False  # another clause
            tok = tok.head
            steps += 1
        return False

    @staticmethod
    def governs(root, targets: set[int]) -> bool:
        """Does the time expression with head `root` govern the clause of the event whose
        tokens are `targets`? It must hang on an event token, directly or through placing
        prepositions ("on", "in", "during") and the nouns they take or that the act takes
        ("signed a deal on Monday", "during a phone call on Dec 7")."""
        cur, steps = root, 0
        while steps < 8:
            if cur.i in targets:
                return True
            head = cur.head
            if head.i == cur.i:
                return False
            if head.i in targets:
                return not _reported_date(root, head)
            if _own_infinitive(head, targets):
                return True  # "declined to comment Saturday": the time of the act's own infinitive
            if cur.dep_ in ("prep", "npadvmod") and _dated_participle(head, targets):
                return True  # "an agreement reached on Tuesday": the participle tells the noun's act
            if cur.dep_ in ("prep", "npadvmod") and _after_complement(cur, head, targets):
                return True  # "added he talked with X on Monday": the reported act's time
            if head.pos_ == "ADP" or head.dep_ == "prep":
                if cur.i != root.i and head.lower_ in FOR and head.head.i in targets:
                    return True  # "talked with X on Monday", the phrase on the act's partner
                if head.lower_ not in PLACING:
                    return False  # "by February", "under a 1951 treaty", "since 2014"
                cur = head
            elif cur.pos_ == "ADP" or cur.dep_ == "prep":
                # a placing phrase on a noun: it dates the act when the noun is a participant
                # or an occasion of it ("signed a deal on Monday", "the government on Sunday
                # accused", "during a phone call on Dec 7"), not a modifier inside a name
                if (
                    head.pos_ in ("NOUN", "PROPN", "NUM")
                    and head.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "npadvmod", "conj", "appos")
                ) or (head.pos_ == "ADJ" and head.dep_ in ("oprd", "acomp")):
                    if head.dep_ == "pobj" and head.head.lower_ not in PLACING | FOR:
                        return False
                    cur = head
                else:
                    if (
                        _is_verb(head)
                        and head.dep_ == "ccomp"
                        and head.head.i in targets
                        and _reported_date(root, head)
                    ):
                        return True  # "said on Monday he had applied": the date of saying
                    return False
            elif cur.dep_ in ("conj", "appos") and cur.pos_ in ("NOUN", "PROPN") and head.pos_ in ("NOUN", "PROPN"):
                cur = head  # "talked with X and Y on Monday": the phrase on the last of the nouns
            elif cur.dep_ == "npadvmod" and _occasion(head):
                cur = head  # "at a board meeting Wednesday night": the meeting's time is the act's
            elif cur.dep_ == "npadvmod" and _bare_day_on_phrase(head, targets):
                return True  # "found a tunnel under construction Sunday": the parse hangs the act's day on the noun
            elif cur.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "npadvmod") and not _is_verb(head):
                return False
            else:
                return False  # it modifies another word ("a 1951 treaty"), or another clause
            steps += 1
        return False

    def _attached(self, items, event_tokens, sent):
        if not items:
            return None
        targets = {t.i for t in event_tokens} | _support_verbs(event_tokens)
        for item, root in items:
            if root is None or not (sent.start <= root.i < sent.end):
                continue
            if self.governs(root, targets) or _when_clause(item, root, event_tokens):
                return item
        return None

    def date_for(self, event_tokens, sent, nouns=(), reporting=()):
        """(TimeRef, how) or (None, ''): the calendar point that governs the event's clause,
        or one that dated an event noun it refers back to ("that phone call")."""
        t = self._attached(self.timexes, event_tokens, sent)
        if t is None:
            # coordinated or participial predicates with no subject of their own share the
            # date of the predicate they continue ("held talks on Wednesday but failed to
            # agree", "launched an offensive on Tuesday, shelling the city")
            shared = _continued(event_tokens)
            if shared:
                t = self._attached(self.timexes, shared, sent)
        if t is not None:
            for n in nouns:
                self.dated_nouns.setdefault(n.lemma_.lower(), t)
            return t, "attached"
        # a definite mention of an event noun dated earlier ("that phone call")
        for tok in event_tokens if self.dated_nouns else ():
            for n in [tok] + [c for c in tok.children if c.pos_ == "NOUN"]:
                lemma = n.lemma_.lower()
                if lemma in self.dated_nouns and any(
                    c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in n.children
                ):
                    return self.dated_nouns[lemma], "anaphoric"
        return None, ""

    def note_dated_nouns(self, sent):
        """Remember event nouns that carry a date in this sentence ("a phone call on Dec 7")."""
        for item, root in self.timexes:
            if root is None or not (sent.start <= root.i < sent.end):
                continue
            tok, steps = root, 0
            while tok.head.i != tok.i and steps < 3:
                tok = tok.head
                steps += 1
                if tok.pos_ == "NOUN":
                    self.dated_nouns.setdefault(tok.lemma_.lower(), item)
                    break
                if tok.pos_ in ("VERB", "AUX"):
                    break
                if tok.pos_ == "ADP" and tok.lower_ not in PLACING:
                    break
