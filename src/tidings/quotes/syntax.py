"""Dependency-parse helpers for quotes: which token is a cue, and who is its subject."""

from __future__ import annotations

from .cues import Cue, CueLexicon

__all__ = [
    "cue_at",
    "subject_of",
    "phrase_bounds",
    "according_source",
    "noun_source",
    "verb_like",
    "that_acl",
    "verb_lemma",
    "LEMMA_SLIPS",
]

SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("conj", "xcomp", "advcl", "pcomp")  # a cue here may borrow its head's subject
_PHRASE_STOP = ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl")
_INVERTED = {"say", "add", "write", "tweet", "note", "explain", "continue", "insist", "declare", "state"}
_LOOSE = ("npadvmod", "dep", "nmod", "pobj", "compound", "appos", "dobj", "conj")
OBJECT_CONTROL = {
    "force",
    "ask",
    "urge",
    "persuade",
    "convince",
    "press",
    "pressure",
    "push",
    "order",
    "allow",
    "encourage",
    "compel",
    "invite",
    "tell",
    "get",
    "lead",
    "prompt",
    "require",
}
_ARTIFACTS = {
    "statement",
    "letter",
    "report",
    "ad",
    "advertisement",
    "message",
    "memo",
    "tweet",
    "post",
    "video",
    "release",
    "note",
    "email",
    "e-mail",
    "document",
    "study",
    "survey",
    "poll",
    "filing",
    "complaint",
    "lawsuit",
    "suit",
    "motion",
    "resolution",
    "order",
    "ruling",
    "decision",
    "editorial",
    "article",
    "column",
    "speech",
    "sign",
    "banner",
    "placard",
    "petition",
    "notice",
    "communique",
    "communiqué",
    "declaration",
    "proposal",
    "plan",
    "analysis",
    "paper",
    "book",
    "transcript",
    "indictment",
    "warning",
    "announcement",
    "policy",
    "law",
    "rule",
    "guidance",
    "directive",
    "agreement",
    "text",
    "website",
    "page",
    "update",
    "bulletin",
    "broadcast",
    "interview",
    "spot",
    "commercial",
}
_ISSUE = {"issue", "release", "publish", "post", "send", "make", "put", "give", "deliver", "sign", "file"}
_LIGHT = {
    "repeat",
    "reiterate",
    "express",
    "voice",
    "have",
    "reach",
    "take",
    "announce",
    "offer",
    "raise",
    "state",
    "restate",
    "air",
    "share",
}  # "voiced concern that", "has a plan to"
_NOT_SPEAKER = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
_INVERTED_DEPS = ("nsubj", "dobj", "attr", "npadvmod", "appos", "dep", "compound")
_NOT_VERB_POS = ("NOUN", "PROPN", "ADJ", "ADP", "DET", "PRON", "NUM")


_VERB_ADJECTIVE = ("ccomp", "oprd", "acomp", "xcomp")  # where the parser hangs "clear" of "made it clear"


def verb_adjective(tok):
    """The adjective that makes one cue with the verb `tok` ("made it [clear]"), or None."""
    return next((c for c in tok.children if c.dep_ in _VERB_ADJECTIVE and c.tag_ == "JJ" and c.i > tok.i), None)


def cue_at(tok, frame: str, lex: CueLexicon) -> tuple[str, Cue] | None:
    """(cue text, Cue) when `tok` is a cue for `frame` ("direct", "clause" or "xcomp")."""
    low = tok.lower_
    if low == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            c = lex.get(frame, "according+to")
            return ("according to", c) if c else None
        return None
    if frame == "noun":
        c = lex.get(frame, tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        return (tok.text, c) if c else None
    if frame == "adjective":  # "afraid", "convinced" (as the word is written, not its lemma)
        ok = (
            tok.pos_ == "ADJ"
            or tok.tag_ in ("JJ", "VBN")
            or (
                tok.tag_ == "VBD"
                and tok.dep_ in ("advcl", "acomp", "oprd", "xcomp")
                and not any(c.dep_ == "dobj" for c in tok.children)
            )
        )  # "came away convinced that"
        c = lex.get(frame, low) if ok else None
        return (tok.text, c) if c else None
    if tok.pos_ in _NOT_VERB_POS and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB") and not verb_like(tok):
        return None
    lemma = verb_lemma(tok)
    for child in tok.children:
        if child.dep_ in _VERB_ADJECTIVE and child.tag_ == "JJ" and child.i > tok.i:
            c = lex.get(frame, f"{lemma} {child.lower_}")  # "made (it) clear that ...": the cue is both words
            if c:
                return f"{tok.text} {child.text}", c
        if child.dep_ == "prt":
            c = lex.get(frame, f"{lemma} {child.lower_}")
            if c:
                return f"{tok.text} {child.text}", c
            if child.lower_ not in ("back", "again"):
                return None  # a phrasal verb is another verb: "called off the march", "put up"
    c = lex.get(frame, lemma)
    return (tok.text, c) if c else None


# The pipeline's lemmatizer gives "hop" for "hopes", "hoped" and "hoping".
LEMMA_SLIPS = {"hop": ("hope", ("hope", "hoping"))}


def verb_lemma(tok) -> str:
    """The lemma of a verb, mended where the lemmatizer is known to slip ("hoping" -> "hope")."""
    lemma = tok.lemma_.lower()
    slip = LEMMA_SLIPS.get(lemma)
    if slip is not None and tok.lower_.startswith(slip[1]):
        return slip[0]
    return lemma


def verb_like(tok) -> bool:
    """A word tagged as a noun that has a subject before it and a verb's complement after it:
    "The campaign plans to employ ...", "documents show he took ...": the tagger's noun is
    the verb of the clause."""
    if tok.tag_ not in ("NN", "NNS"):
        return False
    kids = list(tok.children)
    compound = _compound_subject(tok) is not None
    return (any(c.dep_ == "nsubj" and c.i < tok.i for c in kids) or compound) and any(
        c.i > tok.i and c.pos_ in ("VERB", "AUX") and (c.dep_ in ("xcomp", "ccomp") or (compound and that_acl(c)))
        for c in kids
    )


def that_acl(verb) -> bool:
    """ "Trump charges [that countries ... donated millions]": a clause with its own subject and
    "that", which the parser hung on the tagger's noun as a relative clause."""
    return (
        verb.dep_ == "acl"
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in verb.children)
        and any(m.dep_ in ("nsubj", "nsubjpass") for m in verb.children)
    )


def _compound_subject(tok):
    """ "The Clinton campaign plans to employ ...": a plural noun heading the sentence, with the
    noun right before it parsed as its compound, is the verb, and that noun its subject. Not
    when a determiner of its own makes it a noun phrase ("The campaign's plans to ...")."""
    if tok.tag_ != "NNS" or tok.dep_ != "ROOT" or any(c.dep_ in ("det", "poss", "amod") for c in tok.children):
        return None
    return next(
        (c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1 and c.pos_ in ("NOUN", "PROPN")), None
    )


def _heading(tok) -> bool:
    """A word of a section heading run into the sentence: capitals only ("THE COSTS")."""
    return len(tok.text) > 1 and tok.text.isupper() and tok.is_alpha


def _verb_before_comma(verb):
    """ "..., Sanders said, going on to say that ...": a participle right after a comma that ends a
    clause "X said", which the parser hung on some later verb, is X's. The verb before the comma,
    or None."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    prev = verb.doc[verb.i - 2]
    if prev.pos_ != "VERB" or prev.i == verb.head.i or verb.head.i < verb.i:
        return None
    subj = next((c for c in prev.children if c.dep_ == "nsubj"), None)
    return prev if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON") and subj.i < prev.i else None


def _after_an_aside(verb) -> bool:
    """A participle after a dash or comma ("..., while chanting") that the parser hung on the verb
    of a wh-clause before it ("- where the Hawks played -"), a clause it does not belong to."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.head.dep_ not in ("ccomp", "relcl", "advcl"):
        return False
    head = verb.head
    if head.head.i == head.i or not any(c.tag_ in ("WRB", "WDT", "WP") and c.i < head.i for c in head.children):
        return False
    first = verb.left_edge.i
    return first > 0 and verb.doc[first - 1].text in (",", "-", "--", "—", "–", ")")


def _parenthetical_subject(verb, subj):
    """ "To understand the real Lincoln, Judge Hale said, one should ...": the parser took the
    object of the opening phrase for the subject of a parenthetical cue and the name right before
    the cue for its apposition; the subject is that name."""
    if verb.dep_ != "parataxis" or subj.i > verb.i:
        return subj
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 1), None)
    return appos if appos is not None and appos.pos_ in ("PROPN", "NOUN") else subj


def subject_of(verb, depth: int = 3):
    """The token heading the subject of `verb` (its own or, for conj/xcomp/advcl, its head's)."""
    if verb.tag_ == "NNS" and verb_like(verb) and not any(c.dep_ in SUBJ for c in verb.children):
        return _compound_subject(verb)  # "The Clinton campaign plans to ...": the tagger's noun
    if _after_an_aside(verb):
        verb = verb.head.head  # "circling the hall - where the Hawks played - while chanting": not the Hawks'
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head  # from the noun a relative clause hangs on, to its verb
    for _ in range(depth):
        before = _verb_before_comma(verb)
        if before is not None:
            return next(c for c in before.children if c.dep_ == "nsubj")  # "Sanders said, going on to say ..."
        subj = agent = loose = None
        for child in verb.children:
            if child.dep_ in SUBJ and any(ch.isalnum() for ch in child.text):  # not a dash
                if subj is None or (_heading(subj) and not _heading(child) and child.i < verb.i):
                    subj = child  # "THE COSTS Ms. Ortiz said": a section heading is no subject
            elif child.dep_ == "agent":  # "was reported by X"
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if (
            prev is not None
            and prev.pos_ == "PROPN"
            and prev.dep_ in _LOOSE
            and prev.ent_type_ not in _NOT_SPEAKER
            and not (verb.i <= prev.head.i <= verb.right_edge.i and prev.head.i != verb.i)
        ):
            loose = prev  # '"...," Trump tweeted' / "... of the Post Trump said that" without a subject
        if agent is not None and (subj is None or subj.lower_ == "it"):
            return agent
        if subj is not None:
            if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head  # "Peskov, who said ..."
            return _parenthetical_subject(verb, subj)
        if loose is not None:
            return loose
        if verb.lemma_.lower() in _INVERTED and verb.i + 1 < len(verb.doc) and verb.dep_ not in _CLIMB:
            nxt = verb.doc[verb.i + 1]  # 'Said Ellis: "..."'
            if nxt.pos_ == "PROPN" and ((nxt.head.i == verb.i and nxt.dep_ in _INVERTED_DEPS) or verb.head.i == nxt.i):
                return nxt
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return _noun_of_participle(verb.head)  # "a statement saying that ..."
        if (
            verb.tag_ == "VBN"
            and verb.dep_ in ("advcl", "acl")
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        ):
            return None  # "Asked whether he would resign, Johnson said": Johnson was asked
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "was quoted as saying"
            verb = verb.head.head
            if verb.pos_ == "ADV" and verb.dep_ == "advmod" and verb.head.i != verb.i:
                verb = verb.head  # "refuses to discuss it, aside from saying ...": the verb "aside" hangs on
            continue
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
            return None
        if (
            verb.tag_ == "VBG"
            and verb.dep_ == "advcl"
            and verb.i > 0
            and verb.doc[verb.i - 1].text == ","
            and verb.head.dep_ == "ccomp"
            and verb.head.head.i != verb.head.i
        ):
            verb = verb.head.head  # "analysts said X, citing Y": the parser hung "citing" inside X
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL:
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if obj is not None:  # "forced Stumpf to admit that ...": Stumpf admits
                return obj
        verb = verb.head
    return None


def _noun_of_participle(noun):
    """Who speaks in "NOUN saying that ...": the noun when it is a document ("a statement saying
    ..."), whoever speaks at an occasion or issued the document; None for other nouns."""
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in _OCCASIONS:
        holder = _holder_of_occasion(noun)
        if holder is not None:  # "she said at a news conference announcing that ...": hers
            return holder
    if noun.pos_ == "NOUN" and noun.lemma_.lower() not in _ARTIFACTS:
        return None  # "softer language calling for ...": no one is named
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUE:
        issuer = next((c for c in noun.head.children if c.dep_ in SUBJ), None)
        if issuer is not None:  # "the Council issued a statement calling it ..."
            return issuer
    return noun


_OCCASIONS = {"conference", "briefing", "interview", "appearance", "address", "hearing", "rally", "event"}
_AT = ("at", "in", "during")
_HOLD = ("hold", "give", "call", "host", "convene")


def _holder_of_occasion(noun):
    """Who speaks at an occasion of speech that a participle describes: the subject of the verb
    whose phrase names it ("she said at a news conference announcing ...") or of the verb that
    holds it ("the ministry held a briefing announcing ..."); None otherwise."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in _AT and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
    elif noun.dep_ == "dobj" and verb_lemma(head) in _HOLD:
        verb = head
    else:
        return None
    src = subject_of(verb)
    if src is None or (src.dep_ == "nsubjpass" and src.head.i == verb.i) or src.lower_ in ("it", "there"):
        return None
    return src


def noun_source(noun):
    """Who made the statement a cue noun names: "Trump's claim", "a claim by Trump", "the
    ministry issued a statement"; None when the text does not say."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            g = next((g for g in c.children if g.dep_ == "pobj"), None)
            if g is not None:
                return g
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUE | _LIGHT:
        return subject_of(noun.head)  # "the ministry issued a statement that", "made a decision to"
    named = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN"]
    if named and named[-1].ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return named[-1]  # "a New York Times report that ...", "the White House statement that ..."
    return None


_AUTHORING = {
    "release",
    "issue",
    "publish",
    "write",
    "sign",
    "send",
    "file",
    "post",
    "deliver",
    "give",
    "make",
    "prepare",
    "draft",
    "compile",
    "conduct",
    "produce",
    "submit",
}


def _author_of(doc_noun):
    """ "according to a speech [Mrs. Hale delivered]", "a statement [released by the ministry]":
    the one a document or speech is said to be by, when a clause on it names them; or None."""
    if doc_noun.lemma_.lower() not in _ARTIFACTS:
        return None
    for c in doc_noun.children:
        if c.lemma_.lower() not in _AUTHORING:
            continue  # "a statement received by AFP": AFP did not make it
        if c.dep_ == "relcl":
            subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN") and subj.lower_ not in ("that", "which"):
                return subj
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((a for a in c.children if a.dep_ == "agent"), None)
            by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if by is not None:
                return by
    return None


def according_source(tok):
    """For the "according" token: the head of X in "according to X"."""
    to = next((child for child in tok.children if child.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc):
        to = tok.nbor(1)
    if to is None:
        return None
    for g in to.children:
        if g.dep_ == "pobj":
            return _author_of(g) or g
    for g in to.children:  # "according to show insiders": the parser took "show" for a verb
        if g.dep_ == "pcomp" and g.i == to.i + 1:
            obj = next((o for o in g.children if o.dep_ == "dobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return obj
    return None


def phrase_bounds(tok, limit: int = 12) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `tok`, without relative clauses,
    appositions or coordination after the head."""
    start = tok.left_edge.i
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in _PHRASE_STOP:
            break
        end = max(end, child.right_edge.i + 1)
    # a phrase never spans a comma before the head ("Trump, who spoke..., said")
    for i in range(tok.i - 1, start - 1, -1):
        if tok.doc[i].is_punct and tok.doc[i].text not in ("'", "’", "-", "."):
            start = i + 1
            break
    if end - start > limit:
        start = max(start, tok.i - limit + 1)
        end = min(end, start + limit)
    return start, end
