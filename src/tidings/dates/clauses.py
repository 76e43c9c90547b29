"""Clause structure on a spaCy parse: which verb governs a token, the tense of its clause,
and whether an expression is attached to a trigger's clause.

Used by the dates stage (tense decides the direction of "on Sunday") and by the helpers
the event coder calls: `tidings.dates.attached_timex` and `tidings.places.attached_place`.
"""

from __future__ import annotations

__all__ = ["governing_verb", "clause_head", "clause_tense", "attached", "pick_attached"]

# dependency labels that open a new clause: crossing one of these leaves the trigger's clause
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj", "csubjpass", "ROOT", "pcomp"})
# verbs whose infinitive complement is about the future: "plans to meet on Sunday"
FUTURE_GOVERNORS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "set",
        "due",
        "intend",
        "hope",
        "aim",
        "want",
        "seek",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "agree",
        "decide",
        "propose",
        "offer",
        "go",
        "slate",
        "poise",
        "likely",
        "wish",
        "would",
        "need",
        "try",
        "arrange",
        "invite",
        "urge",
        "ask",
        "call",
    }
)
FUTURE_AUX = frozenset(
    {"will", "'ll", "shall", "wo", "would", "'d", "can", "could", "may", "might", "should", "must", "ca"}
)
WILL = frozenset({"will", "'ll", "shall", "wo"})
# present-tense verbs that report or describe rather than schedule ("says Monday", "is")
STATIVE = frozenset(
    {
        "say",
        "be",
        "have",
        "tell",
        "report",
        "add",
        "note",
        "show",
        "seem",
        "remain",
        "know",
        "think",
        "believe",
        "want",
        "need",
        "mean",
        "appear",
        "own",
        "hold",
        "include",
        "contain",
        "expect",
        "estimate",
        "claim",
        "argue",
        "insist",
        "deny",
        "write",
        "accord",
        "confirm",
        "suggest",
        "indicate",
        "stand",
        "continue",
        "look",
        "feel",
    }
)
# present-tense verbs whose object lies ahead: "analysts expect growth in the second half"
FORECAST = frozenset({"expect", "forecast", "predict", "project", "anticipate", "foresee"})
PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "'d"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
PAST_BE = frozenset({"was", "were"})


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.dep_ == "ROOT" and tok.tag_.startswith("VB"))


def governing_verb(tok):
    """The nearest verb at or above `tok` in the dependency tree (None if there is none)."""
    seen = 0
    while seen < 50:
        if _is_verb(tok) and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        seen += 1
    return None


def clause_head(tok):
    """The head of the clause `tok` belongs to: the first token at or above it whose
    dependency opens a clause (an xcomp verb belongs to its governor's clause)."""
    seen = 0
    while seen < 50:
        if tok.dep_ in CLAUSE_DEPS and (_is_verb(tok) or tok.dep_ == "ROOT"):
            return tok
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
        seen += 1
    return tok


def _aux_words(verb) -> list[str]:
    return [
        c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") or (c.dep_ == "aux" and c.tag_ == "MD")
    ]


def verb_tense(verb, depth: int = 0) -> str | None:
    """'past', 'future', 'planned' or None (present or unknown) for one verb and its auxiliaries."""
    if verb is None:
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in aux]
    if "could" in words and verb.lemma_.lower() in UNREACHED and _negated(verb):
        return "past"  # "could not be reached for comment Wednesday": an attempt already made
    if any(w in FUTURE_AUX for w in words):
        # "could have met" looks back; "will have met" still looks ahead
        if any(w in ("have", "'ve") for w in words) and not any(w in WILL for w in words):
            return "past"
        return "future" if any(w in WILL for w in words) else "planned"
    if "to" in words and verb.tag_ == "VB" and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        return None  # "an agreement to acquire the bank in January": after the agreement, either side of now
    if "to" in words and verb.tag_ == "VB":
        gov = verb.head if verb.head.i != verb.i else None
        if gov is not None and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "conj"):
            if gov.lemma_.lower() == "be" and verb.dep_ == "xcomp":
                return "planned"  # "is to meet", "were to win": arranged or hypothetical
            # an adjective governor carries its auxiliaries on its copula: "had been due to expire"
            carrier = gov.head if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "xcomp") and gov.head.i != gov.i else gov
            if gov.lemma_.lower() in FUTURE_GOVERNORS:
                # "plans to visit", "is set to travel", "will try to meet": ahead; but
                # "had agreed to hold talks on Dec 7" is a future in the past: unknown
                if gov.lemma_.lower() in PLAN_VERBS and _past_progressive(carrier):
                    return "planned"  # "were planning to drive there on Monday": still ahead
                return None if (depth < 4 and verb_tense(carrier, depth + 1) == "past") else "planned"
            if depth < 4:
                gt = verb_tense(carrier, depth + 1)
                # an infinitive is after its governor: after a past one, either side of now
                return None if gt == "past" else gt
        return None
    if any(w in PERFECT_AUX for w in words):
        return "past"
    if any(w in PAST_BE for w in words) or "did" in words:
        return "past"
    if verb.tag_ == "VBD":
        return "past"
    if (
        verb.tag_ == "VBG"
        and not words
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.head.i != verb.i
        and depth < 4
        and _is_verb(verb.head)
    ):
        return verb_tense(verb.head, depth + 1)  # "shares fell, rising to ... in June": the clause's tense
    if (
        verb.tag_ == "VBG"
        and not words
        and verb.dep_ == "pcomp"
        and verb.head.dep_ == "prep"
        and depth < 4
        and _is_verb(verb.head.head)
    ):
        # a gerund in a phrase of a verb: "accused Ukraine of shelling on Monday", the verb's tense
        return verb_tense(verb.head.head, depth + 1)
    if verb.tag_ == "VBP" and not words and _singular_subject(verb):
        return "past"  # "weakness hurt the index on Friday": a plural-only form with a singular subject
    if (
        verb.tag_ in ("VBP", "VBZ")
        and not words
        and (verb.lemma_.lower() not in STATIVE or verb.lemma_.lower() in FORECAST)
        and verb.dep_ not in ("aux", "auxpass")
    ):
        return "planned"  # "the leaders meet Monday" (a schedule), "analysts expect growth in May"
    if verb.tag_ == "VBG" and any(w in PRESENT_BE for w in words):
        # present progressive is about plans: "is meeting Biden on Sunday"
        return "planned"
    if verb.tag_ == "VBN" and any(w in PRESENT_BE for w in words):
        if verb.lemma_.lower() in ("set", "schedule", "due", "expect", "slate", "plan"):
            return "planned"
        return None
    if verb.tag_ == "VBN" and not words:
        return "past"  # a bare participle: "the merger, announced in August", "than forecast in July"
    if verb.lower_ in ("due",):
        return "planned"
    return None


# what a reporter tried and failed to do: "could not be reached", "couldn't say", "could not confirm"
UNREACHED = frozenset(
    {"reach", "locate", "contact", "find", "confirm", "say", "explain", "comment", "elaborate", "verify", "identify"}
)


def _negated(verb) -> bool:
    """Is `verb` negated ("not", "n't", "never"), or its subject ("Neither he nor ...", "No one")?"""
    for c in verb.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and any(t.lower_ in ("neither", "no", "nobody", "none") for t in c.subtree):
            return True
    return False


PLAN_VERBS = frozenset({"plan", "schedule", "slate", "intend", "prepare", "expect", "hope", "aim"})


def _past_progressive(verb) -> bool:
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in PAST_BE for c in verb.children)


def _singular_subject(verb) -> bool:
    """Has `verb` a third-person singular noun subject? Then a form tagged as the plural present
    ("hurt", "cut", "set", "put") can only be the past."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("NN", "NNP") and not any(g.dep_ == "conj" for g in c.children)
        for c in verb.children
    )


SINCE = frozenset({"since", "ago"})
RESCHEDULE = frozenset(
    {
        "postpone",
        "delay",
        "reschedule",
        "defer",
        "push",
        "move",
        "bring",
        "extend",
        "schedule",
        "set",
        "slate",
        "call",
        "plan",
        "fix",
    }
)
POSTPONE = frozenset({"postpone", "delay", "defer", "reschedule", "adjourn", "push", "extend"})
OPEN_ENDED = frozenset({"effective", "until", "till", "starting", "beginning", "through", "pending", "ahead"})


def clause_tense(tok) -> str | None:
    """Tense of the clause that governs `tok`: 'past'; 'past-loose' (a past clause that
    reaches the expression through a noun or adjective: "declared a dividend, payable
    Dec. 7"); 'future' (will, shall); 'planned' (the future of plans and schedules: "is
    meeting", "is set to", "plans to", "would", modals); or None when present or unknown.
    "since X" always looks back."""
    if tok.head.i != tok.i and tok.head.lower_ in SINCE:
        return "past"
    if tok.dep_ == "poss":
        # "Monday's debate": the verb's tense is not the debate's, unless the debate is what
        # the past verb tells of as acting ("Friday's attack killed 12"): then it is over
        noun = tok.head
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i != noun.i and verb_tense(noun.head) == "past":
            return "past"
        return None
    verb = governing_verb(tok)
    if tok.head.i != tok.i and tok.head.lower_ in ("to", "until", "till") and verb is not None:
        if verb.lemma_.lower() in POSTPONE and tok.head.head.i == verb.i:
            return "planned"  # "was postponed to Jan. 10", "delayed until Friday": the new date is ahead
    if tok.head.i != tok.i and tok.head.lower_ in OPEN_ENDED:
        return None  # "effective Jan. 1", "until March": the verb's tense says nothing
    if verb is None:
        return None
    if verb.lemma_.lower() in RESCHEDULE and tok.head.lower_ in ("to", "until", "till", "for", "from", "into"):
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & PRESENT_BE or verb_tense(verb) in ("future", "planned"):
            return "planned"  # "a service is planned for Saturday", "will be moved to Friday": ahead
        return None  # "was scheduled for Jan. 10": the past verb says nothing of the date
    if _date_chosen(tok, verb):
        return None  # "has set Nov. 10 as the deadline": a date chosen, on either side of now
    tense = verb_tense(verb)
    if tense == "past" and _not_yet(verb):
        return None  # "once the draw has taken place on Dec. 9", "if the government fell on Dec. 8, ... would"
    if (
        tense == "past"
        and verb.lemma_.lower() in ("plan", "schedule", "slate")
        and any(c.dep_ == "dobj" for c in verb.children)
    ):
        return "planned"  # "planned a rally on Saturday", "has scheduled a news conference Thursday"
    if tense is None and verb.dep_ in ("amod", "acl", "nsubj", "dobj", "pobj") and verb.head.i != verb.i:
        tense = verb_tense(governing_verb(verb.head))
        return "past-loose" if tense == "past" else tense
    if tense == "past" and _through_argument(tok, verb):
        return "past-loose"
    return tense


# conjunctions of a clause whose present perfect speaks of what has not happened yet
NOT_YET_MARKS = frozenset({"once", "after", "when", "until", "till", "before", "as soon as"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might"})


def _not_yet(verb) -> bool:
    """Is the past form of `verb` not a past? English puts the present perfect in a time clause
    about the future ("demand will rise once the draw has taken place on Dec. 9") and the
    simple past in the "if" clause of a hypothesis ("if the government fell on Dec. 8, a vote
    would take place in January"): the date may lie ahead of publication."""
    if verb.dep_ not in ("advcl", "ccomp") or verb.head.i == verb.i:
        return False  # (a time clause is sometimes parsed as a complement)
    # "when" is often parsed as an adverb of the clause, not its conjunction
    marks = [
        c for c in verb.children if c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ == "when" and c.i < verb.i)
    ]
    if not marks:
        return False
    mark = " ".join(t.lower_ for t in verb.doc[marks[0].i : marks[-1].i + 1])
    words = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    main = verb.head
    if mark == "if":
        return (
            verb.tag_ == "VBD"
            and not words
            and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in main.children)
        )
    if mark in NOT_YET_MARKS and any(w in ("has", "have", "'ve") for w in words):
        return verb_tense(main) != "past"
    return False


def _date_chosen(tok, verb) -> bool:
    """Is `tok` the object of "set", "fix", "choose" ("has set Nov. 10 as the deadline", also
    when parsed as an adverb of a verb that has no other object)?"""
    if verb.lemma_.lower() not in ("set", "fix", "choose", "pick") or tok.head.i != verb.i:
        return False
    if tok.dep_ == "dobj":
        return True
    return tok.dep_ == "npadvmod" and not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)


def _through_argument(tok, verb) -> bool:
    """Does `tok` reach `verb` through a noun or an adjective ("payable Dec. 7", "the cut in
    supplies in September")? Then the past verb dates the act, not this expression."""
    cur, steps = tok.head, 0
    while cur.i != verb.i and cur.head.i != cur.i and steps < 12:
        if cur.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and cur.i != tok.i:
            return True
        cur = cur.head
        steps += 1
    return False


def _chain_reaches(tok, target, limit: int = 40) -> int | None:
    """Steps from `tok` up to `target` without leaving the trigger's clause, else None."""
    steps = 0
    cur = tok
    while steps < limit:
        if cur.i == target.i:
            return steps
        if cur.head.i == cur.i:
            return None
        # leaving a subordinate clause that is not the target's: boundary crossed
        if cur.i != tok.i and _is_verb(cur) and cur.dep_ in CLAUSE_DEPS and cur.dep_ != "ROOT":
            return None
        cur = cur.head
        steps += 1
    return None


def attached(span, trigger) -> int | None:
    """How closely `span` (a time or place expression) is attached to `trigger`'s clause:
    a distance (smaller is closer), or None when it belongs to another clause.

    Attached means the expression's head chain reaches the trigger without crossing
    another verb's clause boundary (ccomp, advcl, relcl, ...); xcomp verbs do not end a
    clause ("agreed to hold talks during a call on Dec 7": Dec 7 -> call -> during ->
    hold -> agreed). A noun trigger ("talks") is also given the expressions attached to
    the clause it sits in.
    """
    root = span.root
    d = _chain_reaches(root, trigger)
    if d is not None:
        return d
    here = clause_head(root)
    there = clause_head(trigger)
    if here is not None and there is not None and here.i == there.i:
        if _is_verb(trigger) and trigger.i != there.i:
            # the trigger heads an xcomp inside the clause; the expression hangs elsewhere
            return 20 + abs(root.i - trigger.i)
        return 10 + abs(root.i - trigger.i)
    return None


def pick_attached(doc, items, trigger, max_steps: int | None = None, sent=None):
    """Of `items` (records with char `start`/`end`) in `trigger`'s sentence (`sent`, when the
    caller knows it), the one attached most closely to `trigger` (at most `max_steps`
    dependency steps away, when given)."""
    best, best_key = None, None
    if sent is None:
        sent = trigger.sent
    for item in items or ():
        if item.start < sent.start_char or item.end > sent.end_char:
            continue
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        d = attached(span, trigger)
        if d is None or (max_steps is not None and d > max_steps):
            continue
        key = (d, abs(span.start - trigger.i))
        if best_key is None or key < best_key:
            best, best_key = item, key
    return best
