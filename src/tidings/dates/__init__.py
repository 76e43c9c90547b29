"""Time expressions: spaCy component ``tidings_dates`` and the helper ``attached_timex``.

The component reads the text, the parse and the entities, and writes ``doc._.timexes``:
a sorted list of :class:`tidings.records.TimeRef` (text, value, start, end, precision)
with character offsets into ``doc.text``.

Values are normalised against ``doc._.published`` (a ``datetime.date``; when it is None,
expressions that need it get value None) with TIMEX3 conventions (see
:mod:`tidings.dates.calendar`): "2021-12-07" (day), "2021-W49" (ISO week; weekends
"2021-W49-WE"), "2021-12" (month), "2021-Q3" (quarter), "2021-SU" (season), "2021"
(year), "199" (decade: "the 1990s"), "19" (century). Parts of the day keep the day.
Vague references ("recently", "in the past", "in recent weeks") are kept with value None.

Direction: a weekday or a month-day without a year is resolved by the tense of the clause
that governs it (tidings.dates.clauses). Past tense: the most recent one on or before
publication ("the Kremlin said on Sunday" -> that Sunday, possibly the day of
publication). Future tense ("will meet on Sunday", "plans to visit on Sunday", "is
meeting on Sunday"): the coming one, on or after publication (a story filed on a Sunday
morning about "will meet on Sunday" means that day; a week ahead is "next Sunday").
Present or unknown tense, and possessives ("Monday's debate"): the most recent one
within four days, else the coming one. A month-day without a year takes the year that
puts it nearest publication, on or before it in a past-tense clause, on or after it in a
future one; "since" always looks back, "effective"/"until" and "postponed to" leave the
direction open. "last Tuesday" is the Tuesday before publication, "next Tuesday" the one
after; "on the 15th" is the 15th of the publication month or a neighbouring one.
Expressions anchored to the story's own time ("the next day", "the following year", "two
days later", "that month") count from the last resolved expression before them that is
fine enough (a day for "the next day"); when there is none, "N days later" and "the
previous week" count from publication and "the next day" is None.

Named days come from data/dates/holidays.tsv (fixed dates, Easter-relative, n-th
weekday rules); the factory's ``holidays`` setting names a replacement file.

Durations ("for two years", "the past week") are not dates; ages ("55-year-old") are no time expressions.
Spans leave out the preposition: "on Sunday" gives "Sunday" (TIMEX3 extent).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.attrs import SENT_START
from spacy.language import Language

from ..records import TimeRef
from ..records.days import day_of
from . import calendar, points
from .relative import reread
from .clauses import clause_tense, pick_attached
from .grammar import Match, find, resolve, start_of

__all__ = ["TimexFinder", "find_timexes", "attached_timex", "calendar", "timex_type", "is_point"]

# precision -> TIMEX3 type (every other precision is a DATE: day, week, month, ..., ref)
TYPES = {"duration": "DURATION", "set": "SET", "time": "TIME"}
POINT_PRECISIONS = frozenset({"day", "time", "week", "month", "quarter", "half", "season", "year", "decade", "century"})


def timex_type(t: TimeRef) -> str:
    """The TIMEX3 type of a TimeRef: DATE, TIME, DURATION or SET (kept in its precision)."""
    return TYPES.get(t.precision or "", "DATE")


def is_point(t: TimeRef) -> bool:
    """A calendar date or time ("2021-12-07", "2021-W49", "2021"): what can date an event;
    not a duration, a set, nor PRESENT_REF/PAST_REF/FUTURE_REF."""
    return bool(t.value) and t.precision in POINT_PRECISIONS


# words that make a following bare year a time expression: "in 2019", "since 2014"
YEAR_CONTEXT = frozenset(
    {
        "in",
        "since",
        "by",
        "until",
        "till",
        "from",
        "through",
        "during",
        "before",
        "after",
        "of",
        "between",
        "and",
        "to",
        "or",
        "early",
        "late",
        "mid",
        "circa",
        "around",
        "throughout",
        "year",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "fiscal",
        "-",
        "–",
        "—",
        "(",
    }
)
SEASON_CONTEXT = frozenset(
    {
        "in",
        "during",
        "this",
        "last",
        "next",
        "until",
        "by",
        "since",
        "through",
        "over",
        "early",
        "late",
        "mid",
        "before",
        "after",
        "that",
        "into",
        "throughout",
        "till",
        "for",
    }
)
HOLIDAY_NOUNS = frozenset(
    {
        "day",
        "eve",
        "holiday",
        "holidays",
        "season",
        "break",
        "week",
        "weekend",
        "morning",
        "night",
        "period",
        "vacation",
        "recess",
        "truce",
        "ceasefire",
        "celebrations",
        "shopping",
    }
)
ABSOLUTE = frozenset({"iso", "slash", "dots", "mdy", "dmy"})
NOT_BEFORE_YEAR = frozenset(
    {
        "resolution",
        "article",
        "flight",
        "route",
        "highway",
        "room",
        "section",
        "chapter",
        "rule",
        "number",
        "no",
        "page",
        "boeing",
        "airbus",
        "model",
        "bill",
        "act",
        "code",
        "version",
        "unit",
    }
)
NOT_AFTER_YEAR = frozenset(
    {
        "people",
        "troops",
        "soldiers",
        "percent",
        "%",
        "km",
        "miles",
        "tons",
        "tonnes",
        "dollars",
        "euros",
        "members",
        "votes",
    }
)
# words near "the forties" that make it a temperature, a percentage or an age, not a decade
NOT_DECADE_WORDS = frozenset(
    {"temperature", "temperatures", "high", "highs", "low", "lows", "degrees", "percent", "%", "rate", "aged", "age"}
)
# kinds whose value is counted from another expression: not a reference for the next one
DERIVED_KINDS = frozenset({"ago", "anchored"})
# "on Christmas Eve in 2000", "on May 5 of 1960": a day named without its year, then the year
YEAR_AFTER = re.compile(r"\s+(?:in|of)\s+(1[5-9]\d\d|20\d\d)(?![\w])")
NOT_CURRENT = frozenset({"account", "accounts"})
SET_WORDS = frozenset(
    {"daily", "nightly", "weekly", "biweekly", "monthly", "quarterly", "annually", "yearly", "hourly"}
)
# proper names that contain a date word: "USA Today", "Sunday Times", "Good Friday Agreement"
NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "PERSON", "PRODUCT", "LAW", "FAC", "NORP", "EVENT"})


def _names_a_time_of_life(doc, prev, word) -> bool:
    """ "today"/"tomorrow" as a noun with a determiner or an adjective of its own: "a brighter
    tomorrow", "their today"; not "he added one more today", where the adjective is the object's."""
    if prev.pos_ == "DET" or prev.tag_ == "PRP$" or prev.lower_ in ("brighter", "better", "bright", "new"):
        return True
    if prev.pos_ == "ADJ" or prev.tag_ in ("JJ", "JJR", "JJS"):
        before = doc[prev.i - 1] if prev.i > 0 else None
        return prev.head.i == word.i or (before is not None and (before.pos_ == "DET" or before.tag_ == "PRP$"))
    return False


def _season_in_context(doc, m: Match, span) -> bool:
    """A bare season word is a time only after a temporal word: "in the spring", "during
    summer"; "fall" only as "the fall" after one ("in the fall"), and not "the fall of Kabul"."""
    first = span.start + (1 if m.f.get("the") else 0)
    prev = "the" if m.f.get("the") else (doc[first - 1].lower_ if first > 0 else "")
    prev2 = doc[first - 2].lower_ if first > 1 else ""
    if m.f["s"].lower() == "fall":
        if not (prev == "the" and prev2 in SEASON_CONTEXT):
            return False
        return not (span.end + 1 < len(doc) and doc[span.end].lower_ == "of" and not doc[span.end + 1].like_num)
    return prev in SEASON_CONTEXT or (prev == "the" and prev2 in SEASON_CONTEXT)


def _bare_year_in_context(doc, span) -> bool:
    """A bare year ("2019") is a time after a temporal word ("in 2019", "since 2014") or as a
    date of a thing ("the 2022 World Cup"), not a count ("2000 troops", "$1990")."""
    tok = span[0]
    if tok.ent_type_ != "DATE":
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        nxt = doc[span.end] if span.end < len(doc) else None
        # "the 2022 World Cup", "Obama's 2008 campaign": a year naming a thing
        names_thing = (
            (prev == "the" or (tok.i > 0 and doc[tok.i - 1].tag_ == "POS"))
            and nxt is not None
            and nxt.tag_ in ("NN", "NNP", "NNPS", "JJ")
        )
        if prev not in YEAR_CONTEXT and not names_thing:
            return False
    if span.end < len(doc) and doc[span.end].lower_ in NOT_AFTER_YEAR:
        return False
    if tok.i > 0 and doc[tok.i - 1].pos_ in ("VERB", "AUX") and span.end < len(doc) and doc[span.end].tag_ == "NNS":
        return False  # "scored 2013 points", "sent 2000 troops": a count after its verb
    return not (
        tok.i > 0
        and (doc[tok.i - 1].text in ("$", "€", "£", "#", "No.", "no.") or doc[tok.i - 1].lower_ in NOT_BEFORE_YEAR)
    )


def _sentence_numbers(doc) -> list[int] | None:
    """The index of each token's sentence (as in ``enumerate(doc.sents)``) from the SENT_START
    array, without making a Span per sentence; None when the Doc has no sentence boundaries."""
    if not doc.has_annotation("SENT_START"):
        return None
    starts = doc.to_array(SENT_START) == 1
    if len(starts):
        starts[0] = True
    return (starts.cumsum() - 1).tolist()


def _year_after(text: str, m: Match) -> int | None:
    """The year written right after a day named without one ("on Christmas Eve in 2000", "on
    May 5 of 1960"): the day is in that year, whatever the publication date."""
    if m.kind not in ("mdy", "dmy", "holiday") or m.f.get("y") or m.f.get("rel") or m.f.get("wk"):
        return None
    after = YEAR_AFTER.match(text, m.end)
    return int(after.group(1)) if after else None


# verbs of reporting: the day a report is made ("police said Monday") is not the day of the news
# it tells, which "that day" and "the same day" go back to
REPORTING = frozenset({"say", "tell", "report", "announce", "add", "state"})


def _dates_report(root) -> bool:
    """The expression hangs on a verb of reporting ("..., a police office said Monday")."""
    tok = root
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING


def _possessive(doc, span) -> bool:
    """ "last Wednesday's bombings", "Monday's debate": a date naming a thing, not the time the
    story has reached (not an anchor for "earlier in the day")."""
    return span.root.dep_ == "poss" or (span.end < len(doc) and doc[span.end].tag_ == "POS")


class TimexFinder:
    """Finds and normalises the time expressions of a parsed Doc."""

    def __init__(self, holidays: str | None = None):
        self.holidays = holidays or None

    def __call__(self, doc):
        doc._.timexes = self.find(doc)
        return doc

    def _keep(self, doc, m: Match, span) -> bool:
        # a date word inside a proper name is not a date ("USA Today", "Sunday Times")
        ents = {t.ent_type_ for t in span if t.ent_type_}
        if ents & NAME_LABELS and not ents & {"DATE", "TIME"}:
            if m.kind in ("weekday", "deictic", "month", "season"):
                return False
            if m.kind == "holiday" and ents & {"ORG", "WORK_OF_ART", "LAW", "PRODUCT"}:
                return False  # "the Good Friday Agreement"
        if (
            m.kind in ("weekday", "deictic", "holiday")
            and span[0].ent_type_
            and span[0].ent_iob_ == "I"
            and span[0].ent_type_ not in ("DATE", "TIME")
        ):
            return False  # inside a longer name: "Fox News Sunday"
        if (
            m.kind == "season"
            and not (m.f.get("rel") or m.f.get("y") or m.f.get("sy") or m.f.get("mod"))
            and not _season_in_context(doc, m, span)
        ):
            return False
        if (
            m.kind == "relunit"
            and len(span) == 2
            and all(t.is_title for t in span)
            and not span[0].is_sent_start
            and not (span.start > 0 and doc[span.start - 1].is_punct and doc[span.start - 1].text not in "\"'“‘")
        ):
            return False  # "ABC's This Week With David Brinkley": a title, not this week
        if m.kind == "deictic" and span.start > 0:
            prev = doc[span.start - 1]
            if span[0].is_title and not span[0].is_sent_start and (prev.is_title or prev.is_upper) and prev.is_alpha:
                return False  # "Russia Today", "USA Today", "CBS This Morning"
            if span[0].lower_ in ("today", "tomorrow") and _names_a_time_of_life(doc, prev, span[0]):
                return False  # "a brighter tomorrow" (not "he added one more today")
        if m.kind in ("weekday", "holiday") and span.end < len(doc):
            nxt = doc[span.end]
            if (
                nxt.is_title
                and nxt.pos_ == "PROPN"
                and not nxt.is_sent_start
                and span[-1].ent_type_ not in ("DATE", "TIME")
                and not (nxt.ent_iob_ == "B" and nxt.ent_type_ in ("PERSON", "GPE", "NORP", "LOC", "DATE", "TIME"))
            ):
                return False  # "the Sunday Telegraph", "Easter Island"; not "On Monday Putin said"
        if m.kind == "holiday" and span.end < len(doc):
            nxt = doc[span.end]
            if nxt.tag_ in ("NN", "NNS") and nxt.lower_ not in HOLIDAY_NOUNS:
                return False  # "Christmas trees", "Easter eggs"
        if m.kind == "month" and m.f.get("det"):
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is None or nxt.pos_ != "NOUN" or not nxt.is_lower:
                return False  # only a month that dates a noun: "a June agreement", not "the March on Rome"
        if m.kind == "anchored" and m.f.get("unit3") and (span[0].dep_ == "mark" or span[0].tag_ == "IN"):
            return False  # "warned that night raids ...": a conjunction, not "that night"
        if (
            m.kind == "theunit"
            and m.f.get("unit", "").lower() == "day"
            and span.start > 0
            and doc[span.start - 1].lower_ == "at"
            and "end" in m.f.get("mod", "").lower()
        ):
            return False  # "at the end of the day": an idiom
        if m.kind == "decade" and m.f.get("dw"):
            near = {t.lower_ for t in doc[max(0, span.start - 6) : min(len(doc), span.end + 2)]}
            if near & NOT_DECADE_WORDS:
                return False  # "highs in the forties", "a rate in the twenties": not decades
        if m.kind == "clock" and m.f.get("noon") and span.start > 0 and doc[span.start - 1].lower_ == "high":
            return False  # "high noon": a showdown, not twelve o'clock
        if m.needs_context and not _bare_year_in_context(doc, span):
            return False
        if m.kind == "word" and not self._keep_word(doc, m, span):
            return False
        if m.kind in ("duration", "vaguedur", "set") and ents & NAME_LABELS and not ents & {"DATE", "TIME"}:
            return False  # "Seven Days" (a name), "the Six-Day War"
        if m.kind == "ago" and m.f.get("dir2", "").lower() in ("before", "after", "prior") and span.end < len(doc):
            nxt = doc[span.end]
            if not (nxt.is_punct or nxt.pos_ in ("CCONJ", "SCONJ")):
                return False  # "six weeks before the election": a duration before an event
        return True

    @staticmethod
    def _keep_word(doc, m: Match, span) -> bool:
        """Fixed words ("now", "current", "soon", "daily") in their temporal uses only."""
        word = " ".join(m.f["x"].lower().split())
        first, last = span[0], span[-1]
        prev = doc[first.i - 1] if first.i > 0 else None
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        ents = {t.ent_type_ for t in span if t.ent_type_}
        if ents & NAME_LABELS:
            return False  # "Current TV", "Future Group"
        if word == "current":
            # the adjective "current year", not the noun ("ocean current") nor "current account"
            return last.tag_ == "JJ" and not (nxt is not None and nxt.lower_ in NOT_CURRENT)
        if word == "present":
            return prev is not None and prev.lower_ == "at"
        if word == "recent":
            return last.tag_ in ("JJ", "JJS", "JJR")
        if word == "future":
            return last.tag_ in ("JJ", "NN") and not (prev is not None and prev.lower_ in ("the", "a", "its", "their"))
        if word == "soon":
            if nxt is not None and nxt.lower_ in ("after", "afterwards", "afterward", "thereafter", "before"):
                return False  # "soon after the vote": near another event, not the future
            if prev is not None and prev.lower_ == "as" and nxt is not None and nxt.lower_ == "as":
                return False  # "as soon as they arrive": a conjunction
            if clause_tense(last) == "past":
                return False  # "he was soon released": soon after a past event, not the future
        if word == "the past":
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                return False  # "the past president"
        if m.f.get("x") and word in SET_WORDS:
            if nxt is not None and (nxt.pos_ == "PROPN" or (nxt.is_title and not nxt.is_sent_start)):
                return False  # "the daily Haaretz", "the weekly Der Spiegel"
            if word == "quarterly" and last.tag_ == "JJ":
                return False  # "the quarterly dividend": a kind of dividend, not a time
        return True

    def find(self, doc) -> list[TimeRef]:
        pub = day_of(doc._.published)
        text = doc.text
        out: list[TimeRef] = []
        anchors: list[tuple] = []  # (first day, precision, sentence index, value) of each resolved point
        sent_of = _sentence_numbers(doc)
        for m in find(text, self.holidays):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if not self._keep(doc, m, span):
                continue
            root = span.root
            tense = clause_tense(root)
            # without sentence boundaries root.sent raises spaCy's E030, as it always did
            sent = sent_of[root.i] if sent_of is not None else {}.get(root.sent.start, 0)
            try:
                year = _year_after(text, m)
                if year is not None:  # the day of that year: the last one on or before its end
                    value, precision = resolve(m, dt.date(year, 12, 31), "past", (), self.holidays, sent=sent)
                else:
                    value, precision = resolve(m, pub, tense, anchors, self.holidays, sent=sent)
            except (ValueError, OverflowError):  # "999 centuries ago": outside the calendar
                value, precision = None, None
            if value is not None and value.startswith("-"):
                value, precision = None, None
            start, value, precision = reread(text, m, span, tense, pub, (m.start, value, precision))
            if value is None and m.kind in ABSOLUTE and (m.kind != "mdy" and m.kind != "dmy" or "y" in m.f):
                continue  # an impossible date ("Feb. 30, 2021", "31/31/2020") is not a date
            if value is None and m.kind == "anchored" and m.f.get("unit3"):
                continue  # "trades made that day" with no day named before it: generic
            out.append(
                TimeRef(
                    text=text[start : m.end],
                    value=value,
                    start=start,
                    end=m.end,
                    precision=precision if value is not None else None,
                )
            )
            if value and precision:
                first = start_of(value, precision)
                if first is not None:
                    derived = m.kind in DERIVED_KINDS or (m.kind == "period" and points.counts_back(m))
                    anchors.append(
                        (first, precision, sent, value, derived, _possessive(doc, span), _dates_report(root))
                    )
        out.sort(key=lambda t: (t.start, t.end))
        return out


@Language.factory("tidings_dates", assigns=["doc._.timexes"], default_config={"holidays": ""})
def make_dates(nlp, name, holidays: str):
    """`holidays`: path of a holidays TSV replacing tidings/data/dates/holidays.tsv."""
    return TimexFinder(holidays or None)


def find_timexes(doc, holidays: str | None = None) -> list[TimeRef]:
    """The TimeRefs of a parsed Doc (what the component writes to doc._.timexes)."""
    return TimexFinder(holidays).find(doc)


def attached_timex(doc, token) -> TimeRef | None:
    """The time expression attached to the clause of `token` (an event trigger), or None.

    A TimeRef from ``doc._.timexes`` in the trigger's sentence is attached when its tokens'
    head chain reaches the trigger without crossing another verb's clause boundary (ccomp,
    advcl, relcl, acl, conj, parataxis): in "The Kremlin said Putin and Biden agreed to hold
    talks during a phone call on Dec 7", ``Dec 7`` is attached to "agreed" (through the
    xcomp "hold") but not to "said". A noun trigger ("talks") gets the expressions attached
    to the clause it sits in. Of several, the most closely attached (fewest steps, then
    nearest) wins. Returns None when nothing is attached: the caller decides whether to
    fall back to the publication date.
    """
    if token is None:
        return None
    return pick_attached(doc, doc._.timexes, token)
