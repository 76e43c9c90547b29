"""Did it happen? asserted, negated, hypothetical/conditional or future/intended, from the
clause of the trigger and the clauses above it."""

from __future__ import annotations

__all__ = ["clause_status", "status_of", "combine"]

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYP_AUX = {"would", "could", "might", "may", "should", "must", "'d", "ought"}
COND_MARKS = {"if", "unless", "whether", "lest", "provided", "once"}
NEG_WORDS = {"not", "n't", "never", "no", "nor", "neither", "without"}
FEAR_WORDS = {
    "fear",
    "worry",
    "concern",
    "risk",
    "possibility",
    "prospect",
    "danger",
    "spectre",
    "specter",
    "likelihood",
    "chance",
    "speculation",
    "rumour",
    "rumor",
    "threat",
    "talk",
    "question",
    "scenario",
    "anxiety",
    "jitters",
    "fears",
    "worries",
}
FUTURE_MODS = {
    "planned",
    "proposed",
    "upcoming",
    "future",
    "scheduled",
    "expected",
    "forthcoming",
    "intended",
    "new",
    "next",
}
HYP_MODS = {
    "possible",
    "potential",
    "likely",
    "feared",
    "imminent",
    "hypothetical",
    "would-be",
    "threatened",
    "alleged",
    "suspected",
}
FUTURE_HEADS = {
    "due",
    "set",
    "poised",
    "poise",  # the lemmas of "poised", "scheduled", "slated"
    "scheduled",
    "schedule",
    "slated",
    "slate",
    "slat",  # what the lemmatizer makes of "slated"
    "expected",
    "going",
    "be",
    "plan",
    "intend",
    "expect",
    "prepare",
    "aim",
}
ALLEGED_BY = {"accusation", "allegation", "charge", "claim", "suspicion", "assertion", "insinuation"}
HYP_HEADS = {"likely", "unlikely", "possible", "able", "unable", "unwilling", "willing", "ready"}
RANK = {"negated": 3, "hypothetical": 2, "future": 1, "asserted": 0}
# clause links across which status is inherited (same proposition), and where it stops
_INHERIT = {
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "acl",
    "nsubj",
    "nsubjpass",
    "attr",
    "compound",
    "amod",
    "appos",
    "oprd",
    "npadvmod",
    "advcl",
    "relcl",
    "conj",
    "dative",
    "agent",
    "poss",
}
_RELATIVE = {"that", "which", "who", "whom", "whose"}


def combine(*statuses: str) -> str:
    return max(statuses, key=lambda s: RANK[s]) if statuses else "asserted"


def _no_one(tok) -> bool:
    """ "no one" (parsed as "one" with "no"), or "No-one" (split into three subjects)."""
    if tok.lower_ == "one":
        return any(c.lower_ == "no" for c in tok.children)
    doc = tok.doc
    return tok.lower_ == "no" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ == "one"


def clause_status(tok) -> tuple[str, str]:
    """Status from a token's own markers: (status, cue)."""
    neg = hyp = fut = ""
    for c in tok.children:
        low = c.lower_.replace("\u2019", "'")  # "They’ll" as "They'll"
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and low in ("never", "no")):
            neg = low
        elif c.dep_ == "aux":
            if low in FUTURE_AUX or c.lemma_ == "will":
                fut = low
            elif low in HYP_AUX:
                hyp = low
            elif low == "going":
                fut = low
        elif c.dep_ == "mark" and low in COND_MARKS:
            hyp = low
        elif c.dep_ == "amod" and tok.pos_ in ("NOUN", "PROPN"):
            if low in HYP_MODS:
                hyp = low
            elif low in FUTURE_MODS and low not in ("new",):
                fut = low
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        neg = "no"
    if not neg and tok.pos_ in ("VERB", "AUX"):
        for c in tok.children:  # "Neither Washington nor Tehran has agreed", "Nobody attacked"
            if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in ("nobody", "none", "neither", "nothing", "no-one")
                or any(g.lower_ == "neither" for g in c.children)
                or _no_one(c)
            ):
                neg = c.lower_
    if neg and not (hyp and hyp in COND_MARKS):
        return "negated", neg
    if hyp:  # a condition with a negation ("if the army does not restore him") asserts nothing
        return "hypothetical", hyp
    if fut:
        return "future", fut
    return "asserted", ""


def _alleged(tok, stop, depth: int) -> str:
    """What an accusation says happened is alleged, not asserted: "rejected accusations that
    its army committed ethnic cleansing", "denied charges he ran a hit squad that killed ...".
    Returns the accusation noun when `tok` lies in the clause of one, else ""."""
    cur = tok
    for _ in range(depth):
        head = cur.head
        if head.i == cur.i or head.i in stop:
            return ""
        if (
            head.pos_ == "NOUN"
            and head.lemma_.lower() in ALLEGED_BY
            and cur.dep_ in ("acl", "ccomp", "relcl", "appos")
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE for c in cur.children)
        ):
            return head.lemma_.lower()
        cur = head
    return ""


def status_of(tokens, stop_at=(), depth: int = 8) -> tuple[str, str]:
    """Status of an event made of `tokens` (trigger and frames): their own markers, then the
    clauses above the topmost one, up to a reporting verb in `stop_at` or the sentence root.
    Negation of a governing clause is not inherited across reporting verbs or independent
    clauses; conditions ("if"), modals and fears are."""
    tokens = list(tokens)
    own = [clause_status(t) for t in tokens]
    best = max(own, key=lambda s: RANK[s[0]]) if own else ("asserted", "")
    stop = {t.i for t in stop_at}
    top = max(tokens, key=lambda t: -len(list(t.ancestors)))
    cue = _alleged(top, stop, depth)
    if cue:
        return best if RANK[best[0]] > RANK["hypothetical"] else ("hypothetical", cue)
    cur, steps = top, 0
    inherited = ("asserted", "")
    while cur.head.i != cur.i and steps < depth:
        dep = cur.dep_
        if dep not in _INHERIT:
            break
        head = cur.head
        if head.i in stop:
            break
        if dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
            if marks & COND_MARKS:
                inherited = ("hypothetical", "/".join(sorted(marks & COND_MARKS)))
            break  # an adverbial clause is its own proposition
        if dep == "conj" and cur.pos_ in ("VERB", "AUX"):
            break
        if dep == "relcl":
            break
        if head.lemma_.lower() in FEAR_WORDS and head.pos_ in ("NOUN", "VERB"):
            if head.lemma_.lower() not in ("threat", "talk", "question") or dep in ("pobj", "prep", "acl", "ccomp"):
                inherited = ("hypothetical", head.lemma_.lower())
                break
        st, cue = clause_status(head)
        hl = head.lemma_.lower()
        if dep == "xcomp" and st == "asserted":
            if hl in FUTURE_HEADS or (hl == "go" and head.tag_ == "VBG"):
                st, cue = "future", hl  # "is due to meet", "is set to adopt", "is going to expel"
            elif hl in HYP_HEADS:
                st, cue = ("negated" if hl in ("unable", "unwilling") else "hypothetical"), hl
        if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            # a purpose clause shares the status of its clause ("will travel to Moscow to meet Putin")
            if st != "asserted":
                inherited = (st, cue)
                break
            cur = head
            steps += 1
            continue
        if (
            cur.pos_ in ("NOUN", "PROPN")
            and dep in ("dobj", "pobj", "nsubj", "nsubjpass", "attr")
            and head.pos_ in ("VERB", "AUX")
            and st != "asserted"
        ):
            inherited = (st, cue)  # an event noun in a clause that did not happen ("talks could resume")
            break
        if dep == "xcomp" and st in ("hypothetical", "future", "negated"):
            inherited = (st, cue)
            break
        if head.pos_ in ("VERB", "AUX") and dep in ("ccomp",) and st == "hypothetical":
            inherited = (st, cue)
            break
        cur = head
        steps += 1
    if RANK[inherited[0]] > RANK[best[0]]:
        return inherited
    return best
