"""The date of an event whose own clause gives none, from the clause that governs it.

"Gingrich said Sunday in Shanghai after meeting Wang Daohan": the meeting's clause has no time
expression, the clause it hangs on ("said Sunday") has one, and the meeting is dated by it, as
careful coders date it. So are "China warned Tuesday that ..., while praising France" and "the
minister said Tuesday that Cairo is seeking the extradition". An act told in the pluperfect
("said Tuesday that rebels had attacked") or put at another time ("a week after the US imposed
a ban", "before leaving") happened on another day and takes nothing from it, except a span of
days or weeks counted from the dated clause ("took the decision on December 6, a day after a
bomber killed five": the killing is December 5's); "said Sunday after meeting Wang" is that Sunday.
Only day-precise expressions on the publication day or in the days before it count, as for
the lead date, except for what a report says: "On Nov. 5 he told the press he would work with
them" is an intent of Nov. 5, however far back; an expression inside an argument ("a 1951
treaty") dates no verb."""

from __future__ import annotations

import datetime as dt

from ..records import Event, TimeRef
from .roots import trigger_token

__all__ = ["REPORT_VERBS", "dated_verbs", "governing_date", "press_day"]

# verbs that report; what they report of an act is not done the day it is reported
REPORT_VERBS = frozenset({"say", "tell", "report", "add", "state", "quote", "announce"})

# words that put an event at another time than the clause it hangs on: always ("before leaving
# for Paris", "since the war"), or with a span ("a week after the US imposed a ban"; a bare
# "said Sunday after meeting Wang" is that day, as coders date it)
ELSEWHEN = frozenset({"before", "since", "until", "till", "prior", "ago"})
OFFSET = frozenset({"after", "following", "later", "earlier"})
CLIMB = 6  # how many heads above the trigger a governing verb may be
SPAN_WORDS = frozenset({"after", "following", "before"})  # "a day after", "two weeks before"
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# what is said is dated by the report that says it, however far back the report lies ("On
# Nov. 5, after winning the election, the president-elect told the press he would work with
# them"): the statement, appeal or intent is made that day
SAID_DAYS = 366
TO_VERB = 3  # how many heads above a time expression its verb may be ("on" -> verb)


def _published(doc) -> dt.date | None:
    published = doc._.published
    if isinstance(published, dt.datetime):
        return published.date()
    return published if isinstance(published, dt.date) else None


def _day(t: TimeRef) -> dt.date | None:
    if t.precision != "day" or not t.value or len(t.value) != 10:
        return None
    try:
        return dt.date.fromisoformat(t.value)
    except ValueError:
        return None


def _verb_of(tok):
    """The verb a time expression hangs on ("said Sunday", "on Tuesday ... shelled"), or None."""
    for _ in range(TO_VERB):
        if tok is None or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok if tok is not None and tok.pos_ in ("VERB", "AUX") else None


def dated_verbs(doc, days: int) -> dict[int, TimeRef]:
    """The verbs of the text a day-precise time expression dates, by token index, for the
    publication day and the `days` before it (the first such expression of each verb)."""
    published = _published(doc)
    if published is None or not hasattr(doc, "char_span"):
        return {}
    out: dict[int, TimeRef] = {}
    for t in sorted(doc._.timexes or (), key=lambda t: t.start):
        day = _day(t)
        if day is None or not 0 <= (published - day).days <= days:
            continue
        verb = _verb_of(trigger_token(doc, t.start))
        if verb is not None:
            out.setdefault(verb.i, t)
    return out


def _said_dated(doc) -> dict[int, TimeRef]:
    """`dated_verbs` over the year before publication, once per text."""
    key = "tidings.story.dating.said_dated"
    if key not in doc.user_data:
        doc.user_data[key] = dated_verbs(doc, SAID_DAYS)
    return doc.user_data[key]


# the press: a paper's report of a day carries the news of the day before ("police have arrested
# six protesters, a local newspaper reported Tuesday": Monday's arrests); not an agency's or a broadcaster's report,
# nor a press statement
PRESS = frozenset({"newspaper", "newspapers", "daily", "dailies", "media", "weekly"})
PRESS_NAMES = frozenset({"Times", "Post", "Herald", "Journal", "Tribune", "Gazette", "Daily"})
PRESS_VERBS = frozenset({"report", "say", "quote", "write"})


def _the_press(subject) -> bool:
    """ "local media", "the daily Haaretz", "newspaper The Star", "the Jordan Times", "the press"."""
    if subject.lower_ == "press" and subject.pos_ == "NOUN":
        return True
    words = [subject] + [c for c in subject.children if c.dep_ in ("compound", "appos", "amod")]
    return any(w.lower_ in PRESS or (w.pos_ == "PROPN" and w.text in PRESS_NAMES) for w in words)


def press_day(doc, t: TimeRef | None) -> TimeRef | None:
    """The day before a day-precise time expression that dates a newspaper's report ("the daily
    Haaretz reported Thursday": Wednesday); None for any other expression."""
    day = _day(t) if t is not None and hasattr(doc, "char_span") else None
    verb = _verb_of(trigger_token(doc, t.start)) if t is not None and day is not None else None
    if t is None or day is None or verb is None or verb.lemma_.lower() not in PRESS_VERBS:
        return None
    if not any(c.dep_ == "nsubj" and _the_press(c) for c in verb.children):
        return None
    return TimeRef(f"the day before {t.text}", (day - dt.timedelta(days=1)).isoformat(), t.start, t.end, "day")


def _pluperfect(tok) -> bool:
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "had" in aux and verb.tag_ == "VBN"


def _elsewhen(tok) -> bool:
    """The token is, or has as marker or adverb, a word of another time ("before"), or of a
    span away ("a day after")."""
    kids = list(tok.children)
    if tok.lower_ in ELSEWHEN or any(c.dep_ in ("mark", "advmod", "prep") and c.lower_ in ELSEWHEN for c in kids):
        return True
    offset = tok.lower_ in OFFSET or any(c.dep_ in ("mark", "advmod", "prep") and c.lower_ in OFFSET for c in kids)
    return offset and any(c.dep_ == "npadvmod" for c in kids)


def _span_from(tok, dated: dict[int, TimeRef]) -> TimeRef | None:
    """The day of an act put a span of days or weeks before or after a dated clause: "took the
    decision on December 6, a day after a bomber killed five" (the killing: December 5), "on
    Monday, two days after the bombing" (Saturday). None when the act is not so placed, or
    when the day would lie after publication."""
    if tok.dep_ == "pobj" and tok.head.lower_ in SPAN_WORDS:
        word, anchor = tok.head, tok.head.head  # "two days after the bombing"
        spans = [c for c in word.children if c.dep_ == "npadvmod"]
    else:
        marks = [c for c in tok.children if c.dep_ in ("mark", "prep", "advmod") and c.lower_ in SPAN_WORDS]
        if not marks:
            return None
        word, anchor = marks[0], tok.head
        spans = [c for c in tok.children if c.dep_ == "npadvmod"]
    days = _span_days(spans[0]) if spans else None
    base = dated.get(anchor.i) if anchor.i != tok.i else None
    day = _day(base) if base is not None else None
    if days is None or base is None or day is None:
        return None
    day += dt.timedelta(days=-days if word.lower_ in ("after", "following") else days)
    published = _published(tok.doc)
    if published is not None and day > published:
        return None
    span = tok.doc[spans[0].left_edge.i : spans[0].right_edge.i + 1].text
    return TimeRef(f"{span} {word.text} {base.text}", day.isoformat(), base.start, base.end, "day")


def _span_days(noun) -> int | None:
    """ "a day", "two days", "a week": the span in days, or None."""
    unit = {"day": 1, "week": 7}.get(noun.lemma_.lower())
    if unit is None:
        return None
    counts = [c for c in noun.children if c.dep_ in ("det", "nummod")]
    if len(counts) != 1:
        return None
    word = counts[0].lower_
    count = int(word) if word.isdigit() else COUNTS.get(word)
    return count * unit if count else None


def governing_date(doc, e: Event, dated: dict[int, TimeRef], said: bool) -> TimeRef | None:
    """The date of the nearest verb above the event's trigger, in its sentence, that a time
    expression dates; None for an act told in the pluperfect, for an act (not `said`: a
    statement, appeal, intent ...) that a dated report carries ("a man attacked schoolchildren,
    state media reported Thursday"), or when no such verb governs it. What a report says
    (`said`) takes the report's day even beyond the `dated` window (`SAID_DAYS`)."""
    if not dated:
        return None
    far = _said_dated(doc) if said else {}
    tok = trigger_token(doc, e.trigger.start)
    if tok is None:
        return None
    shifted = _span_from(tok, dated)
    if shifted is not None or _pluperfect(tok):
        return shifted
    for _ in range(CLIMB):
        if tok.head.i == tok.i or _elsewhen(tok):
            return None
        below, tok = tok, tok.head
        reported = tok.lemma_.lower() in REPORT_VERBS and below.dep_ in ("ccomp", "parataxis")
        if tok.i in dated:
            if reported and not said:
                return None
            return (press_day(doc, dated[tok.i]) or dated[tok.i]) if reported else dated[tok.i]
        if reported and tok.i in far:
            return far[tok.i]  # what is said, on the day of the report that says it
    return None
