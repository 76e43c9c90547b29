"""The event coder: triggers -> frames -> arguments -> status, date, place -> Event records,
with a Candidate for every trigger considered (kept or dropped, and why)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id

from ..records import ActorRef, Candidate, Event, Place, Span, content_id
from .arguments import (
    MentionIndex,
    acomp_objects,
    between_sides,
    members,
    noun_arguments,
    subject_tokens,
    target_tokens,
)
from ..places import attached_place, location_places
from .attach import Anchors, after_publication, event_date
from .codebook import MUTUAL_CODES, Codebook
from .lexicon import Lexicon
from .patterns import TriggerMatch, find_entries, match_entry, objects, prep_objects, start_of, xcomps
from .status import combine, status_of

__all__ = ["Coder"]

TRANSPARENT = {"say", "neg", "hyp", "future", "pass"}
FAMILY_STATUS = {"neg": "negated", "hyp": "hypothetical", "future": "future"}
ADDRESSEE_FIRST = {"threaten", "demand", "appeal", "accuse", "investigate", "reject"}
RECIPROCAL_ROOTS = {"03", "04", "05", "06", "19"}
# Acts of those roots that coordinated subjects do side by side, not to each other: "talks
# brokered by Saudi Arabia and the United States" is no mediation of Saudi Arabia's for the
# United States, "France and Germany visited Kyiv" no visit of France's to Germany.
SIDE_BY_SIDE_CODES = frozenset({"042", "043", "045"})
VISIT_CODE, HOST_CODE = "042", "043"
INNER_DEPS = ("xcomp", "ccomp")
# verbs whose subject is not the agent of a nominal event in their object ("died in an attack")
NOT_LIGHT = {
    "die",
    "perish",
    "suffer",
    "survive",
    "lose",
    "flee",
    "escape",
    "hide",
    "injure",
    "wound",
    "kill",
    "fear",
    "face",
    "see",
    "witness",
    "report",
    "cover",
    "watch",
    "condemn",
    "blame",
    "mourn",
}
FUTURE_CUES = {"will", "shall", "'ll", "wo", "would", "going"}
DEMAND_CUES = {"must", "should", "ought"}
# prepositions that introduce what a frame is about ("agreed to", "called for", "warned of"), not adjuncts
INNER_PREPS = {
    "to",
    "for",
    "of",
    "on",
    "about",
    "over",
    "with",
    "against",
    "into",
    "at",
    "in",
    "from",
    "toward",
    "towards",
    "upon",
    "as",
}
PROTEST_ROOTS = {"141": "141", "142": "142", "143": "143", "144": "144", "145": "145"}
STATEMENT_FOR_UNREALISED = False
ONLY_STATEMENT_WHEN_NOTHING_BETTER = True
NAME_ENTS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LOC"}
CLAIM_CUES = {"claim", "admit", "acknowledge", "confess", "boast"}
VIOLENT_ROOTS = {"14", "15", "17", "18", "19", "20"}


SUBORDINATE = {"advcl", "relcl", "acl", "pcomp", "csubj", "csubjpass", "parataxis", "pobj", "npadvmod", "appos"}


def _subordination(tok) -> int:
    """How many subordinate clauses (or prepositional phrases) lie between a token and the root."""
    level, steps = 0, 0
    while tok.head.i != tok.i and steps < 12:
        if tok.dep_ in SUBORDINATE:
            level += 1
        tok = tok.head
        steps += 1
    return level


_SPAN_SKIP = {"conj", "cc", "relcl", "punct", "advcl", "parataxis"}
_SPAN_SKIP_PREPS = {"including", "like", "such", "despite", "amid", "after", "before", "during"}


def _argument_span(ref, head):
    """The actor as the argument appears: the head's phrase with its modifiers and attached
    phrases ("a police headquarters in eastern Afghanistan"), when the mention lies inside it."""
    if ref is None or head.pos_ not in ("NOUN", "PROPN", "NUM"):
        return ref
    left, right = head.i, head.i
    for c in head.children:
        if c.dep_ in _SPAN_SKIP or c.ent_type_ in ("DATE", "TIME"):
            continue
        if c.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in c.children):
            continue  # "Putin on Dec 7 told Biden"
        if c.dep_ == "acl" or (c.dep_ == "prep" and c.lower_ in _SPAN_SKIP_PREPS):
            continue  # "NATO's decision [to send trainers]", "aid workers [, including those from Oxfam]"
        if (
            c.dep_ == "prep"
            and c.lower_ in ("in", "at")
            and c.i > head.i
            and any(o.ent_type_ in ("GPE", "LOC", "FAC") for o in c.children if o.dep_ == "pobj")
        ):
            continue  # "rebel fighters [in the Deraa countryside]", "the ambassador [in Berlin]"
        if c.i < head.i:
            left = min(left, c.left_edge.i)
        else:
            right = max(right, c.right_edge.i)
    doc = head.doc
    while left < head.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].dep_ == "cc"):
        if doc[right].text == ")" and any(doc[k].text == "(" for k in range(left, right)):
            break  # "the East Delhi Municipal Corporation (EDMC)" keeps its closing bracket
        right -= 1
    opened = sum(1 for k in range(left, right + 1) if doc[k].text == "(") - sum(
        1 for k in range(left, right + 1) if doc[k].text == ")"
    )
    if opened > 0 and right + 1 < len(doc) and doc[right + 1].text == ")":
        right += 1  # the parser hung the closing bracket elsewhere
    if right - left > 25:
        return ref
    span = doc[left : right + 1]
    if not (span.start_char <= ref.start and ref.end <= span.end_char) or (span.start_char, span.end_char) == (
        ref.start,
        ref.end,
    ):
        return ref
    return replace(ref, text=span.text, start=span.start_char, end=span.end_char)


def _each_other(tok) -> bool:
    """The act is done by coordinated subjects to each other: its object or prepositional
    object is "each other" / "one another" ("Kyiv and Moscow blamed each other"), or the verb
    says so itself ("India and Pakistan traded accusations")."""
    if tok.lemma_.lower() in ("exchange", "trade", "swap"):
        return True
    heads = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    heads += [o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    for h in heads:
        if h.lower_ == "other" and any(c.lower_ == "each" for c in h.children):
            return True
        if h.lower_ == "another" and any(c.lower_ == "one" for c in h.children):
            return True
        if h.lower_ in ("each", "one") and h.i + 1 < len(h.doc) and h.doc[h.i + 1].lower_ in ("other", "another"):
            return True
    return False


_DIE = {"die", "succumb", "perish"}


def _victim(noun):
    """The subject of 'died' for an act that killed them ("X died after torture")."""
    tok, steps = noun, 0
    while tok.head.i != tok.i and steps < 4:
        tok = tok.head
        steps += 1
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_.lower() in _DIE:
                return [c for c in tok.children if c.dep_ == "nsubj"]
            return []
    return []


PLACE_TARGETS = True
ANNOUNCED_APPEALS = True  # an appeal announced for the future is an appeal made now
CONDEMN_ROOTS = {"11"}  # disapprove, criticise, accuse: "X condemned the attack" targets its perpetrator
_VIOLENT = {"17", "18", "19", "20"}
ACT_GROUPS = {r: _VIOLENT for r in _VIOLENT}  # an 'attack' may be coded 18, 19 or 20 earlier
CONDEMNED_ACTS = {"14", "15", "16", "17", "18", "19", "20"}  # acts whose doer is condemned (not "traded accusations")
PLACE_NOT_TARGET = {"01", "02", "04"}  # statements, appeals, meetings: where they happen is not whom they address
# an intent to meet or negotiate is the meeting it announces: "agreed to hold talks in Geneva" is no
# intent of either side towards Switzerland
PLACE_NOT_TARGET_CODES = {"036"}
# the roles of a side's own agents: an order to them is a command inside that side, not a demand
OWN_AGENT_ROLES = frozenset({"MIL", "COP", "GOV", "SPY"})
COMMAND_LEMMAS = frozenset({"order", "direct", "command", "instruct"})


def _condemned_act(ctx, verb, tgt_heads):
    """The object of a verb of condemnation when it is itself a nominal trigger of an act whose
    doer is condemned ("condemned the bombing", "denounced the air strikes") and the target was
    found in it (not "an attack that it blamed on Ukraine"), else None."""
    for obj in objects(verb) + acomp_objects(verb):
        tm = ctx.trig.get(obj.i)
        code = tm.entry.code if tm is not None and tm.kind == "noun" else None
        if code and code[:2] in CONDEMNED_ACTS:
            return obj if all(_in_phrase(h, obj) for h in tgt_heads) else None
    return None


def _in_phrase(tok, head) -> bool:
    """`tok` is `head` or inside its noun phrase (its prepositional phrases, not its clauses)."""
    steps = 0
    while tok.i != head.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp") or tok.head.i == tok.i or steps > 8:
            return False
        tok, steps = tok.head, steps + 1
    return True


def _drop_bare_statements(ctx, events) -> None:
    """A bare "said" is a statement only when the sentence has nothing better: else it is dropped."""
    stmts = {id(e) for e in ctx.statements}
    better = any(e.sentence == ctx.si and e.status == "asserted" and id(e) not in stmts for e in events[-40:])
    if better:
        events[:] = [e for e in events if id(e) not in stmts]
        for e in ctx.statements:
            ctx.cands.append(
                Candidate(
                    sentence=ctx.si,
                    trigger=e.trigger.text,
                    kept=False,
                    reason="statement",
                    code=e.code,
                    detail="a bare statement, and the sentence has a better event",
                    start=e.trigger.start,
                )
            )


@dataclass(frozen=True)
class _ChainParts:
    """A trigger chain read once: the reporting verbs before it ("said"), the rest, its top,
    the trigger that codes it (the first not transparent), the one inside that, its family."""

    says: list
    rest: list
    top: TriggerMatch
    coding: TriggerMatch
    inner: TriggerMatch | None
    fam: str | None
    chain_idx: frozenset


def _chain_parts(chain) -> _ChainParts:
    k = 0
    while k < len(chain) - 1 and chain[k].entry.family == "say":
        k += 1
    rest = chain[k:]
    coding = next((t for t in rest if t.entry.family not in TRANSPARENT), rest[-1])
    at = rest.index(coding) + 1
    return _ChainParts(
        says=chain[:k],
        rest=rest,
        top=rest[0],
        coding=coding,
        inner=rest[at] if at < len(rest) else None,
        fam=coding.entry.family,
        chain_idx=frozenset(t.tok.i for t in chain),
    )


def _demand_statement(chain, ch: _ChainParts):
    """ "X said Y must (should) do Z" with no codable Z: the clause in which X demands something
    of Y (coded 100), else None."""
    if len(chain) == 1 and ch.fam == "say":
        for c in ch.coding.tok.children:
            if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in DEMAND_CUES for a in c.children):
                return c
    return None


@dataclass
class _Arguments:
    """Source and target of one chain: the heads found, how, and their actors (filled in steps)."""

    src_heads: list = field(default_factory=list)
    how_src: str = ""
    tgt_heads: list = field(default_factory=list)
    how_tgt: str = ""
    sources: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    src_keys: set = field(default_factory=set)
    settled: bool = False  # the target is decided, even when none: no place stands in for it
    departure: bool = False  # a trip whose target is where it goes ("left for Dhaka"), or nothing


def _inner_target(coder, ctx, ch: _ChainParts):
    """The target given by the act inside the frame ("called on X to ...": the demanded act's
    subject), and how."""
    inner, fam, coding = ch.inner, ch.fam, ch.coding
    inner_tgt, how_inner = [], ""
    if inner is not None:
        subj = []
        if inner.kind == "verb" and fam in ("appeal", "demand"):
            # "called for Russia to withdraw its troops", "demanded that Israel free them": the one
            # asked to act is the demanded act's own subject, not what that act is done to
            subj = [c for c in inner.tok.children if c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that")]
        if subj and coder._actors(ctx, subj):
            inner_tgt, how_inner = subj, "subject of the demanded act"
        elif inner.kind == "verb":
            inner_tgt, how_inner = coder._target(ctx, inner.tok, ch.chain_idx)
            if not inner_tgt and fam in ("appeal", "demand"):
                inner_tgt = [c for c in inner.tok.children if c.dep_ == "nsubj"]
                how_inner = "subject of the demanded act"
        else:
            _, inner_tgt, how_inner = noun_arguments(inner.tok)
    if not inner_tgt and fam in ("appeal", "demand", "threaten"):
        if inner is not None and inner.kind == "noun":
            for c in inner.tok.children:
                if c.dep_ in ("acl", "ccomp", "relcl"):
                    inner_tgt += [x for x in c.children if x.dep_ == "nsubj"]
        for o in objects(coding.tok):
            for c in o.children:
                if c.dep_ in ("acl", "ccomp", "relcl"):
                    inner_tgt += [s for s in c.children if s.dep_ == "nsubj"]
        for c in coding.tok.children:
            if c.dep_ == "ccomp":
                cond = _condition_subject(coder, ctx, c) if fam == "threaten" else []
                inner_tgt += cond or [s for s in c.children if s.dep_ == "nsubj"]
        how_inner = "subject of the demanded act"
    return inner_tgt, how_inner


CONDITION_MARKS = frozenset({"if", "unless"})


def _condition_subject(coder, ctx, clause) -> list:
    """The actor a warning's condition names ("warned that Iran would resort to other means if
    the EU pressed for a resolution": the EU, not Iran), else []."""
    for c in clause.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
            subj = [s for s in c.children if s.dep_ == "nsubj"]
            if subj and coder._actors(ctx, subj, allow_uncoded=False):
                return subj
    return []


# a text that says or does something ("a resolution condemning", "a statement calling for")
DOCUMENTS = {
    "resolution",
    "statement",
    "declaration",
    "text",
    "motion",
    "bill",
    "proposal",
    "communique",
    "decree",
    "directive",
    "vote",
    "draft",
    "amendment",
}
# what is done to a text that does not exist yet, or never will ("pushed for a vote imposing
# sanctions", "failed to reach consensus on a statement calling for", "vetoed a draft condemning")
NOT_YET_TEXT = {"draft", "proposed", "planned", "possible", "push", "press", "lobby", "seek", "want"}
NOT_YET_TEXT |= {"propose", "prepare", "consider", "discuss", "debate", "negotiate", "reach", "block"}
NOT_YET_TEXT |= {"veto", "oppose", "fail", "study", "examine", "weigh", "plan", "submit", "table", "introduce"}


# the preposition of where a departure goes ("left Kathmandu for Dhaka"); "flew 100 pilgrims to
# Mecca", "sent aid to Gaza" name what is carried as the object, and no place left
DEPARTURE_PREPS = frozenset({"for"})


def _destination(tm: TriggerMatch):
    """([object], how) of the preposition a travel entry is about ('leave_for prep:for': "left
    Kathmandu for Dhaka" goes to Dhaka; ([], "") when it has no object), else None: the entry
    names no such preposition. Only for visits (042): elsewhere the named preposition is often
    the topic ("agreed on a deal")."""
    if tm.entry.code != VISIT_CODE:
        return None
    preps = frozenset(
        k
        for c in tm.entry.conds
        if c.rel == "prep" and c.key and not c.values and not c.negated
        for k in c.key
        if k in DEPARTURE_PREPS
    )
    if not preps:
        return None
    objs = [o for p, o in prep_objects(tm.tok, preps) if o.dep_ == "pobj"]
    return (objs[:1], "prep:" + "|".join(sorted(preps))) if objs else ([], "")


# prepositions the target order does not try, whose object is the target when the entry names
# them: "rallied behind the president", "put its weight behind Addis Ababa", "stood by Kyiv"
NAMED_TARGET_PREPS = frozenset({"behind", "by"})


def _named_target(tm: TriggerMatch):
    """([object], how) of a NAMED_TARGET_PREPS preposition the entry names, else ([], "")."""
    preps = frozenset(
        k
        for c in tm.entry.conds
        if c.rel == "prep" and c.key and not c.values and not c.negated
        for k in c.key
        if k in NAMED_TARGET_PREPS
    )
    objs = [o for p, o in prep_objects(tm.tok, preps) if o.dep_ == "pobj"] if preps else []
    return (objs[:1], "prep:" + "|".join(sorted(preps))) if objs else ([], "")


def _guest(verb) -> list:
    """The object of a verb of hosting when it is the guest himself ("received the Ugandan
    president"), not a group sent from somewhere ("received a delegation from Iran"): no "from"."""
    objs = objects(verb)
    for t in [verb] + objs:
        if any(p.dep_ == "prep" and p.lower_ == "from" for p in t.children):
            return []
    return objs


def _where_to(ctx, tok) -> bool:
    """A departure's 'for' object names a place or an actor itself ("for Dhaka", "for the UN
    headquarters"), not through an owner ("for the training of Afghan police")."""
    return ctx.mentions.mention_at(tok) is not None or tok.ent_type_ in ("GPE", "LOC", "FAC")


MEETING_ROOT = "04"
# prepositions of a meeting, call or talks in which the governing verb's subject took part ("in a
# phone call with Mubarak, Olmert said", "during talks with Bildt, Gul warned")
ATTENDED_PREPS = frozenset({"in", "during", "at", "after", "following", "on"})
# the partner of a meeting noun: "talks with Bildt", "a visit to China", "a phone call to Putin"
PARTNER_PREPS = frozenset({"with", "to"})
RECEIVING = frozenset({"receive", "get"})


def _attendee(noun):
    """(subject heads, how) of the verb a meeting noun is an adjunct of, when the noun has a
    partner ('with ...', 'to ...'): "In a phone call with Mubarak, Olmert said ..." -> Olmert,
    "Speaking after a visit to China, the minister said ..." -> the minister."""
    gov = noun.head
    if noun.dep_ != "pobj" or gov.dep_ != "prep" or gov.lower_ not in ATTENDED_PREPS:
        return [], ""
    partner = any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPS for c in noun.children)
    if partner and gov.head.pos_ in ("NOUN", "PROPN") and gov.head.dep_ in ("nsubj", "nsubjpass"):
        # "Merkel, on a visit to Beijing, said ...": the phrase hangs on the subject itself
        return [gov.head], f"{gov.lower_}-{noun.lower_} subject"
    if gov.head.pos_ not in ("VERB", "AUX") or not partner:
        return [], ""
    verb = gov.head
    heads, how = subject_tokens(verb)
    if not heads and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "Speaking during a visit to China, the minister said": the subject of the clause it opens
        heads, how = subject_tokens(verb.head)
    return (heads, f"{gov.lower_}-{noun.lower_} " + how) if heads else ([], "")


def _received_from(tm: TriggerMatch) -> list:
    """The callers or visitors of a meeting noun someone received ("received a telephone call
    from Wolfowitz"), else []."""
    noun = tm.tok
    if (tm.entry.code or "")[:2] != MEETING_ROOT or noun.dep_ != "dobj":
        return []
    if noun.head.lemma_.lower() not in RECEIVING:
        return []
    return [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for o in c.children if o.dep_ == "pobj"]


def _own_agents(args: _Arguments) -> bool:
    """Every target is an agent of the sources' own country (its army, police, government or
    services, named or as "the army", "his ministers")."""
    countries = {ref.country for ref, _ in args.sources if ref.country}
    if not args.targets or not countries:
        return False
    if any((ref.code or "")[3:6] not in OWN_AGENT_ROLES for ref, _ in args.sources):
        return False  # an opposition, a court or a people ordering its government is a demand
    for ref, _ in args.targets:
        code = ref.code or ""
        role = code[3:6] if ref.country else code[:3]
        if role not in OWN_AGENT_ROLES or (ref.country and ref.country not in countries):
            return False
    return True


def _goes_abroad(args: _Arguments) -> bool:
    """A departure's destination is an actor of another country than its traveller's."""
    home = {ref.country for ref, _ in args.sources if ref.country}
    return any(ref.country and ref.country not in home for ref, _ in args.targets)


def _unissued_text(tok) -> str | None:
    """A clause on a text that was not issued ("a draft resolution condemning the attacks",
    "a vote imposing sanctions" someone pushes for): the word that says so, else None."""
    head = tok.head
    if tok.dep_ != "acl" or head.lemma_.lower() not in DOCUMENTS:
        return None
    for c in head.children:
        if c.dep_ in ("amod", "compound") and c.i < head.i and c.lemma_.lower() in NOT_YET_TEXT:
            return c.lower_
    node, steps = head, 0
    while node.dep_ in ("dobj", "pobj", "prep", "conj", "appos") and node.head.i != node.i and steps < 6:
        node, steps = node.head, steps + 1
        if node.pos_ == "VERB":
            return node.lower_ if node.lemma_.lower() in NOT_YET_TEXT else None
        if node.pos_ == "NOUN" and node.lemma_.lower() in NOT_YET_TEXT:
            return node.lower_  # "its veto against a resolution condemning"
    return None


def _chain_status(ch: _ChainParts):
    """(status, cue, the triggers up to the coding one): negation, modality, and the status a
    family in the chain gives (an intent, a refusal)."""
    upto = ch.rest[: ch.rest.index(ch.coding) + 1]
    status, cue = status_of([t.tok for t in upto], stop_at=[s.tok for s in ch.says])
    unissued = _unissued_text((ch.says[0] if ch.says else ch.top).tok)
    if unissued:
        status, cue = combine(status, "hypothetical"), cue or unissued
    for t in upto:
        fs = FAMILY_STATUS.get(t.entry.family or "")
        if fs and t is not ch.rest[-1]:
            status = combine(status, fs)
            cue = cue or t.tok.lower_
    return status, cue, upto


def _told_ahead(ch: _ChainParts, timex, published) -> bool:
    """An act its own clause dates after publication, in no past tense ("meet separately
    Monday", "is to pay a visit Wednesday", "before he leaves on April 24"), has not happened
    yet: it is a future act, not an asserted one. A report ("said") is never ahead."""
    if not after_publication(timex, published) or ch.coding.entry.family == "say":
        return False
    verbs = [t.tok if t.kind != "noun" else t.tok.head for t in ch.rest]
    return not any(v.tag_ == "VBD" or (v.tag_ == "VBN" and _has_perfect(v)) for v in verbs)


def _has_perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _actor_pairs(ch: _ChainParts, info, args: _Arguments):
    """(pairs, own pairs): (source, target) pairs; reciprocal events pair coordinated subjects,
    a mutual act is mirrored (own pairs: without the mirror)."""
    sources, targets = args.sources, args.targets
    pairs = []
    reciprocal = info.root in RECIPROCAL_ROOTS and info.code not in SIDE_BY_SIDE_CODES
    if not targets and len(sources) >= 2 and (reciprocal or _each_other(ch.coding.tok)):
        # reciprocal events: coordinated subjects and no target ("Putin and Biden agreed to meet")
        for a in sources:
            for b in sources:
                if a[1] != b[1]:
                    pairs.append((a, b))
    else:
        recip = "between" in args.how_src and reciprocal
        for a in sources or [None]:
            for b in targets or [None]:
                pairs.append((a, b))
                if recip and a is not None and b is not None:
                    pairs.append((b, a))
    # a mutual act ("A met B", "A signed a deal with B") is B's act with A too; an intent or
    # refusal derived from it below is not ("A plans to meet B" says nothing of B's plans),
    # except a meeting announced as happening ("A will meet B")
    own_pairs = pairs
    if info.code in MUTUAL_CODES:
        mirrored = [
            (b, a)
            for a, b in pairs
            if a is not None and b is not None and a[0].code and b[0].code and (b, a) not in pairs
        ]
        pairs = pairs + mirrored
    return pairs, own_pairs


def _variants(ch: _ChainParts, info, status, args: _Arguments, spk, pairs, own_pairs, derived, future):
    """(code, status, factor, note, pairs) for the event itself, a claim of responsibility, and
    the act derived from an announcement."""
    says, sources = ch.says, args.sources
    variants = [(info.code, status, 1.0, "", pairs)]
    if info.code == VISIT_CODE:
        # "Putin visited China": China hosted Putin (CAMEO 043), the visit seen from the host; a
        # visit at home ("the minister visited a hospital") is no one's hosting
        hosts = [
            (b, a)
            for a, b in own_pairs
            if a is not None and b is not None and a[0].code and b[0].code and a[0].country != b[0].country
        ]
        if hosts:
            variants.append((HOST_CODE, status, 0.98, f" host-of-visit({info.code})", hosts))
    if (
        says
        and spk
        and says[-1].tok.lemma_.lower() in CLAIM_CUES
        and info.root in VIOLENT_ROOTS
        and sources
        and sources[0][1] == spk[0][1]
    ):
        # "The Taliban claimed that they had attacked the school": a claim of responsibility (015)
        variants.insert(
            0, ("015", "asserted", 1.02, f" claim-of-responsibility({info.code})", [(spk[0], b) for _, b in pairs])
        )
    if derived:
        if derived[3].startswith(" derived:demand"):
            # "X said Y must do Z": X demands of Y
            dpairs = [(a, b) for a in spk[:1] for b in (sources or [None]) if b is None or b[1] != a[1]]
            if dpairs:
                variants.append(derived + (dpairs,))
        elif derived[3].startswith(" derived:intent") and future:
            variants.append(derived + (pairs,))  # "A will meet B": a meeting both have arranged
        else:
            variants.append(derived + (own_pairs,))
    return variants


@dataclass(frozen=True)
class _Reading:
    """What one chain gives every event coded from it."""

    ch: _ChainParts
    args: _Arguments
    status: str
    cue: str | None
    reported_by: ActorRef | None
    timex: object
    how_date: str  # Anchors.date_for's how: '' when no time expression dates the event
    place: Place | None
    statement_only: bool
    path: str


def _confidence(r: _Reading, a, b, status, factor) -> float:
    ch = r.ch
    level = _subordination((ch.says[0] if ch.says else ch.top).tok)
    spec = ch.coding.entry.specificity + (2 if ch.inner is not None and ch.fam not in TRANSPARENT else 0)
    conf = 0.45 + 0.05 * min(spec, 4)
    if a is not None:
        conf += 0.15 if a[0].code else 0.06
    if b is not None:
        conf += 0.1 if b[0].code else 0.04
    if r.statement_only:
        conf -= 0.25
    elif ch.coding.entry.family and not ch.inner and ch.fam not in TRANSPARENT:
        conf -= 0.05
    conf += 0.05 if level == 0 else -0.1 * min(level, 2)
    if ch.coding.kind == "noun" and ch.coding is ch.top:
        conf -= 0.04
    if status != "asserted":
        conf *= 0.85
    conf *= factor
    return round(max(0.05, min(conf, 0.99)), 3)


class _SentenceState:
    __slots__ = (
        "doc",
        "si",
        "sent",
        "trig",
        "memo",
        "mentions",
        "anchors",
        "cands",
        "reporting",
        "lexical",
        "statements",
        "places",
        "article_id",
        "published",
        "found",
        "blocked",
    )

    def __init__(self, doc, si, sent, mentions, anchors, cands):
        self.doc, self.si, self.sent = doc, si, sent
        self.trig: dict[int, TriggerMatch] = {}
        self.memo: dict[int, tuple] = {}
        self.mentions, self.anchors, self.cands = mentions, anchors, cands
        self.reporting = None
        self.statements = []
        self.places = None  # the sentence's places used as a location, found on first use
        self.article_id = self.published = None  # read once per Doc (doc._ is slow to read)
        self.found: dict = {}  # argument heads -> their actors, for this sentence
        self.blocked: set[int] = set()  # verbs a block entry stopped ("called the sentence a milestone")


class Coder:
    def __init__(self, lexicon: Lexicon, codebook: Codebook, actor_nouns=frozenset(), min_confidence: float = 0.0):
        self.lex = lexicon
        self.codebook = codebook
        self.actor_nouns = actor_nouns
        self.min_confidence = min_confidence
        keys = set(lexicon.verbs) | set(lexicon.nouns)
        self._key_ids = frozenset(get_string_id(k) for k in keys) | frozenset(
            get_string_id(k.split("-")[-1]) for k in keys if "-" in k
        )

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc):
        mentions = MentionIndex(doc, doc._.actor_mentions or (), self.actor_nouns)
        anchors = Anchors(doc)
        events: list[Event] = []
        cands: list[Candidate] = []
        # token indices whose form or lemma is a lexicon key (one vectorised pass over the Doc)
        ids = self._key_ids
        lexical = {i for i, (low, lem) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()) if low in ids or lem in ids}
        article_id, published = doc._.article_id, doc._.published
        for si, sent in enumerate(doc.sents):
            ctx = _SentenceState(doc, si, sent, mentions, anchors, cands)
            ctx.lexical = lexical
            ctx.article_id, ctx.published = article_id, published
            self._sentence(ctx, events)
            anchors.note_dated_nouns(sent)
        doc._.events = events
        doc._.candidates = cands
        return doc

    def _cand(self, ctx, tok, kept, reason, code=None, detail=""):
        tm = ctx.trig.get(tok.i)
        span = tm.span if tm is not None and tm.tok.i == tok.i else tok.doc[tok.i : tok.i + 1]
        ctx.cands.append(
            Candidate(
                sentence=ctx.si,
                trigger=span.text,
                kept=kept,
                reason=reason,
                code=code,
                detail=detail,
                start=span.start_char,
            )
        )

    # ------------------------------------------------------------------ triggers
    def _find_triggers(self, ctx):
        doc = ctx.doc
        for i in range(ctx.sent.start, ctx.sent.end):
            if i not in ctx.lexical:
                continue  # fast path: most words are in no lexicon entry
            tok = doc[i]
            kind, entries = find_entries(tok, self.lex)
            if not entries:
                continue
            if kind == "noun" and (tok.ent_type_ in NAME_ENTS or ctx.mentions.named(tok)):
                continue  # part of a name: "Human Rights Watch", "Moro Islamic Liberation Front"
            entry = match_entry(tok, entries)
            if entry is None:
                self._cand(
                    ctx,
                    tok,
                    False,
                    "no pattern",
                    detail=f"'{tok.lemma_}' is in the lexicon but none of its {len(entries)} patterns fit",
                )
                continue
            if entry.code is None and entry.family is None:
                self._cand(ctx, tok, False, "blocked", detail=f"by {entry.id} ({entry.where})")
                ctx.blocked.add(tok.i)
                continue
            tm = TriggerMatch(tok, start_of(tok, entry), entry, kind)
            dest = _destination(tm)
            if dest is not None and not any(_where_to(ctx, o) for o in dest[0]):
                # "leaving Afghanistan for the withdrawal": no trip, and the word stays free for
                # the frames around it
                self._cand(
                    ctx, tok, False, "no destination", detail=f"{entry.id}: no place or actor after the preposition"
                )
                continue
            ctx.trig[tok.i] = tm
            for j in range(tm.start, tok.i):  # words of a multi-word trigger are not triggers themselves
                ctx.trig.pop(j, None)

    def _find_inner(self, ctx, tm: TriggerMatch):
        tok = tm.tok
        fam = tm.entry.family
        kids = list(tok.children)
        order = xcomps(tok) + [c for c in kids if c.dep_ == "ccomp"]
        if any(c.rel == "dobj" and not c.negated for c in tm.entry.conds):
            order = objects(tok) + order  # the pattern names the object: it is what the frame wraps
        if fam != "say" or not order:
            objs = objects(tok)
            order += objs
            for a in kids:  # "guilty of violating the ceasefire", "responsible for mass killings"
                if a.dep_ == "acomp":
                    order += xcomps(a)  # "ready to host", "willing to meet"
                    order += [
                        x for p in a.children if p.dep_ == "prep" for x in p.children if x.dep_ in ("pobj", "pcomp")
                    ]
            for o in objs:  # "a round of talks", "a series of attacks", "a mediation effort"
                order += [
                    x
                    for p in o.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for x in p.children
                    if x.dep_ == "pobj"
                ]
                order += [x for x in o.children if x.dep_ == "compound" and x.pos_ == "NOUN"]
            for p in kids:
                if p.dep_ == "dative" or (p.dep_ == "prep" and p.lower_ in INNER_PREPS):
                    order += [o for o in p.children if o.dep_ in ("pobj", "pcomp")]
            for o in objects(tok):
                order += [c for c in o.children if c.dep_ in ("acl", "ccomp", "relcl")]
        for cand in order:
            if cand.i in ctx.trig and cand.i != tok.i:
                return ctx.trig[cand.i]
            if cand.pos_ == "VERB" and cand.dep_ in ("xcomp", "ccomp", "advcl"):
                # a verb that is not a trigger itself: its object may be ("agreed to go ahead with the deal")
                for o in list(objects(cand)) + [
                    o for p in cand.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                ]:
                    if o.i in ctx.trig and ctx.trig[o.i].kind == "noun":
                        return ctx.trig[o.i]
        return None

    def _resolve(self, ctx, tm: TriggerMatch, depth: int = 0):
        """(code, chain of TriggerMatch from the frame down to the inner trigger)."""
        key = tm.tok.i
        if key in ctx.memo:
            return ctx.memo[key]
        ctx.memo[key] = (tm.entry.code, [tm])  # guards cycles
        e = tm.entry
        if not e.family or depth > 5:
            out = (e.code, [tm])
        else:
            inner = self._find_inner(ctx, tm)
            inner_code, inner_chain = self._resolve(ctx, inner, depth + 1) if inner else (None, [])
            if e.family in TRANSPARENT:
                out = (inner_code, [tm] + inner_chain) if inner_code else (e.code, [tm])
            else:
                outer = self.lex.family_code(e.family, inner_code, e.code)
                if (
                    outer == "113"
                    and e.family == "appeal"
                    and any(
                        c.dep_ in ("dobj", "dative")
                        or (
                            c.dep_ == "prep"
                            and c.lower_ in ("on", "upon")
                            and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in c.children)
                        )
                        for c in tm.tok.children
                    )
                ):
                    outer = e.code or "020"  # an appeal to an addressee to act ("urged the UN to renew sanctions")
                out = (outer, [tm] + (inner_chain if inner_code else []))
        ctx.memo[key] = out
        return out

    # ------------------------------------------------------------------ a sentence
    def _frames(self, ctx):
        """Each trigger's (code, chain), and the triggers consumed by another's event (an inner
        event, a verb's object, what someone is praised or blamed for) -> that trigger."""
        chains = {}
        consumed: dict[int, TriggerMatch] = {}
        for i, tm in sorted(ctx.trig.items()):
            code, chain = self._resolve(ctx, tm)
            chains[i] = (code, chain)
            for inner in chain[1:]:
                consumed.setdefault(inner.tok.i, tm)
        for i, tm in ctx.trig.items():
            # the object of a coded verb is part of that verb's event ("pose a threat", "seized weapons")
            gov = tm.tok.head
            if (
                tm.kind == "noun"
                and i not in consumed
                and tm.tok.dep_ in ("dobj", "attr", "nsubjpass")
                and gov.i in ctx.trig
                and gov.i != i
                and not ctx.trig[gov.i].entry.family
                and not self._reported_act(ctx, ctx.trig[gov.i], tm)
            ):
                consumed[i] = ctx.trig[gov.i]
        for i, tm in ctx.trig.items():
            # what someone is praised, thanked or blamed for belongs to that event ("praised Kenya for agreeing")
            head = tm.tok.head
            if (
                i not in consumed
                and tm.tok.dep_ in ("pcomp", "pobj")
                and head.dep_ == "prep"
                and head.lower_ == "for"
                and head.head.i in ctx.trig
                and (ctx.trig[head.head.i].entry.code or "")[:2] in ("05", "11", "01")
                and not self._reported_act(ctx, ctx.trig[head.head.i], tm)
            ):
                consumed[i] = ctx.trig[head.head.i]
        return chains, consumed

    def _reported_act(self, ctx, judge: TriggerMatch, act: TriggerMatch) -> bool:
        """A condemnation of an act whose doer the text names is no part of the act ("condemned
        Israel's air strikes", "denounced Syria for shelling the town"): the act happened, and is
        an event of its own beside the condemnation. An act with no doer named stays with the
        condemnation ("condemned the murder of the minister")."""
        if (judge.entry.code or "")[:2] not in CONDEMN_ROOTS or (act.entry.code or "")[:2] not in CONDEMNED_ACTS:
            return False
        if act.kind == "noun":
            doers, victims, _ = noun_arguments(act.tok)
        else:
            doers, how = subject_tokens(act.tok)
            if not how.startswith("object of"):
                return False
            victims = target_tokens(act.tok)[0]
        return bool(self._actors(ctx, doers, allow_uncoded=False)) and bool(
            self._actors(ctx, victims, allow_uncoded=False)
        )

    def _sentence(self, ctx, events):
        self._find_triggers(ctx)
        if not ctx.trig:
            return
        chains, consumed = self._frames(ctx)
        shown = set()  # the coding trigger of a reported or controlled event is shown with the event
        for i, (code, chain) in chains.items():
            if i not in consumed and code:
                shown.update(t.tok.i for t in chain[1:] if t.entry.family not in TRANSPARENT or t is chain[-1])
        seen = set()
        for i, tm in sorted(ctx.trig.items()):
            if (
                i in consumed
                and i in shown
                and all(
                    t.entry.family in TRANSPARENT
                    for t in chains[consumed[i].tok.i][1]
                    if t.tok.i < i or t is consumed[i]
                )
            ):
                continue
            if i in consumed:
                top = consumed[i]
                while top.tok.i in consumed and consumed[top.tok.i] is not top:
                    top = consumed[top.tok.i]
                chain = chains.get(top.tok.i, (None, [top]))[1]
                coder_tm = next((t for t in chain if t.entry.family not in TRANSPARENT), top)
                self._cand(
                    ctx,
                    tm.tok,
                    False,
                    "part of a frame",
                    code=tm.entry.code,
                    detail=f"coded through '{coder_tm.tok.text}' ({coder_tm.entry.id})",
                )
                continue
            code, chain = chains[i]
            if code and code[:3] in PROTEST_ROOTS and len(code) == 3:
                # "marched to demand the resignation of the prime minister": 1411 (demonstrate for leadership change)
                for x in xcomps(chain[-1].tok if chain[-1].kind == "verb" else tm.tok):
                    if x.i in ctx.trig:
                        inner_code = chains.get(x.i, (None,))[0]
                        if inner_code and inner_code.startswith("104") and len(inner_code) == 4:
                            code = code + inner_code[3]
                            consumed[x.i] = tm
            if code and tm.kind == "noun" and len(chain) == 1 and code[:2] == "01":
                self._cand(
                    ctx,
                    tm.tok,
                    False,
                    "background",
                    code=code,
                    detail="a statement noun outside a frame is not an event of its own",
                )
                continue
            if not code:
                self._cand(ctx, tm.tok, False, "no event", detail=f"{tm.entry.id}: frame without an inner event")
                continue
            self._emit(ctx, code, chain, events, seen)
        if ctx.statements and ONLY_STATEMENT_WHEN_NOTHING_BETTER:
            _drop_bare_statements(ctx, events)

    # ------------------------------------------------------------------ events
    def _actors(self, ctx, heads, allow_uncoded=True):
        key = (tuple(h.i for h in heads), allow_uncoded)
        found = ctx.found.get(key)
        if found is None:
            found = ctx.found[key] = self._find_actors(ctx, heads, allow_uncoded)
        return list(found)

    def _find_actors(self, ctx, heads, allow_uncoded):
        out, keys = [], set()
        for h in heads:
            for m in members(h):
                for ref, key in ctx.mentions.actors(m, allow_uncoded):
                    if key not in keys:
                        keys.add(key)
                        out.append((_argument_span(ref, m), key))
        return out

    def _perpetrator(self, ctx, verb, events, src_keys):
        """ "Biden condemned the attack": the object is an act the article has coded already
        (a nominal trigger whose root matches an earlier event's); its source is the target.
        Returns ([(ActorRef, key)], how) or ([], "")."""
        for obj in objects(verb):
            tm = ctx.trig.get(obj.i)
            code = tm.entry.code if tm is not None and tm.kind == "noun" else None
            if not code or not code[:2].isdigit() or code[:2] not in CONDEMNED_ACTS:
                continue
            roots = ACT_GROUPS.get(code[:2], {code[:2]})
            for e in reversed(events):
                if e.root in roots and e.source is not None and e.status == "asserted" and e.sentence <= ctx.si:
                    key = next((m.key for m in ctx.mentions.mentions if m.start_char == e.source.start), None)
                    if key is not None and key in src_keys:
                        continue
                    return [
                        (e.source, key or "ref:" + e.source.text)
                    ], f"perpetrator of '{obj.text}' (sentence {e.sentence})"
            break
        return [], ""

    def _target(self, ctx, verb, skip, theme=False):
        """`target_tokens`, and when the object it gives is no actor ("returned the artifacts
        to the Embassy of El Salvador"), the recipient or prepositional object after it."""
        heads, how = target_tokens(verb, skip=skip, theme_object=theme)
        if heads and how == "dobj" and not self._actors(ctx, heads):
            more, how_more = target_tokens(verb, skip=set(skip) | {h.i for h in heads})
            # the object's own preposition counts too ("sever ties with Israel"), though it is
            # sometimes wrong ("rejected the comparison with Russia"): measured, it gains more
            # on the gold and ConfliBERT than it loses
            if more and how_more != "dobj":
                return more, how_more
        return heads, how

    def _emit(self, ctx, code, chain, events, seen):
        """Code one trigger chain: its parts, its arguments and their actors, then status, date,
        place and the events (with the announced intents/threats/claims derived from it)."""
        ch = _chain_parts(chain)
        demand_stmt = _demand_statement(chain, ch)
        if demand_stmt is not None:
            code = "100"
        args = self._argument_heads(ctx, ch)
        self._resolve_arguments(ctx, ch, args, demand_stmt, code, events)
        if ch.fam == "demand" and ch.coding.tok.lemma_.lower() in COMMAND_LEMMAS and _own_agents(args):
            # "the president ordered the army / his ministers to ...": a command inside one side,
            # no demand of one actor on another
            self._cand(ctx, ch.coding.tok, False, "own agents", code=code, detail=ch.coding.entry.id)
            return
        if args.departure and not _goes_abroad(args):
            # "left Hanoi for Beijing" said of China's president: going home is no visit
            self._cand(ctx, ch.coding.tok, False, "no destination", code=code, detail=ch.coding.entry.id)
            return
        if not args.sources and not args.targets:
            self._cand(
                ctx,
                ch.coding.tok,
                False,
                "no actor",
                code=code,
                detail=f"{ch.coding.entry.id}: no actor for source ({args.how_src or 'none'}) or target "
                f"({args.how_tgt or 'none'})",
            )
            return
        status, cue, upto = _chain_status(ch)
        spk = self._actors(ctx, subject_tokens(ch.says[-1].tok)[0]) if ch.says else []
        reported_by = spk[0][0] if spk else None
        timex, how_date, place = self._date_and_place(ctx, ch)
        if status == "asserted" and _told_ahead(ch, timex, ctx.published):
            status, cue = "future", timex.text
        info = self.codebook.get(code)
        if info is None:
            self._cand(ctx, ch.coding.tok, False, "unknown code", code=code, detail=ch.coding.entry.id)
            return
        self._place_target(ctx, info, args, place)
        pairs, own_pairs = _actor_pairs(ch, info, args)
        future = any(
            c.dep_ == "aux" and c.lower_.replace("\u2019", "'") in FUTURE_CUES for t in upto for c in t.tok.children
        )
        derived = self._derived(info, status, cue, ch.says, future)
        variants = _variants(ch, info, status, args, spk, pairs, own_pairs, derived, future)
        reading = _Reading(
            ch,
            args,
            status,
            cue,
            reported_by,
            timex,
            how_date,
            place,
            statement_only=ch.coding.entry.family == "say" and len(chain) == 1 and demand_stmt is None,
            path=self._path(chain, args.how_src, args.how_tgt),
        )
        self._emit_variants(ctx, reading, variants, events, seen)
        # a reporting verb whose reported event did not happen, and that is no announced
        # intent, threat or refusal either, is itself a statement
        if ch.says and status != "asserted" and not derived and STATEMENT_FOR_UNREALISED:
            self._emit_statement(ctx, ch.says[-1], events, seen)

    def _argument_heads(self, ctx, ch: _ChainParts) -> _Arguments:
        """The source and target heads of the chain's coding trigger, and how they were found."""
        coding, rest = ch.coding, ch.rest
        args = _Arguments()
        if coding.kind == "verb" and any(c.dep_ == "nsubj" for c in coding.tok.children):
            args.src_heads, args.how_src = subject_tokens(coding.tok)
        if not args.src_heads:
            for t in rest:
                if t.kind == "verb":
                    args.src_heads, args.how_src = subject_tokens(t.tok)
                    break
        if coding.kind == "noun":
            self._noun_heads(ctx, ch, args)
        else:
            self._verb_target(ctx, ch, args)
            mutual = (coding.entry.code or "")[:2] in RECIPROCAL_ROOTS
            first, others = between_sides(coding.tok) if mutual and not args.src_heads else ([], [])
            if first and not self._actors(ctx, args.tgt_heads):
                # "an agreement was signed between China and Vietnam": the sides did it together
                args.src_heads, args.how_src, args.tgt_heads, args.how_tgt = first, "between", others, "between"
        return args

    def _noun_heads(self, ctx, ch: _ChainParts, args: _Arguments) -> None:
        """A nominal trigger: its own arguments, a light verb's or announcer's subject, a victim."""
        coding, says = ch.coding, ch.says
        # "the visit of Hu to Kenya": a visit's "of" is the visitor
        noun_src, noun_tgt, how_noun = noun_arguments(coding.tok, of_is_doer=coding.entry.code == VISIT_CODE)
        if not args.src_heads and coding is ch.top:
            # a nominal trigger on its own; or the object of an uncoded verb ("unveiled sanctions")
            args.src_heads, args.how_src = noun_src, how_noun
            gov = coding.tok.head
            if (
                not args.src_heads
                and gov.i not in ctx.trig
                and gov.i not in ctx.blocked  # a blocked verb does not do what its object names
                and gov.lemma_.lower() not in NOT_LIGHT
                and (
                    (coding.tok.dep_ in ("dobj", "attr") and gov.pos_ in ("VERB", "AUX"))
                    or (
                        coding.tok.dep_ == "pobj"
                        and gov.lower_ in ("on", "in")
                        and gov.dep_ == "prep"
                        and gov.head.pos_ in ("VERB", "AUX")
                        and gov.head.i not in ctx.trig
                        and gov.head.lemma_.lower() not in NOT_LIGHT
                    )
                )
            ):
                if coding.tok.dep_ == "pobj":
                    gov = gov.head
                args.src_heads, args.how_src = subject_tokens(gov)
                args.how_src = ("implicit light verb " + args.how_src) if args.src_heads else ""
            if not args.src_heads and (coding.entry.code or "")[:2] == MEETING_ROOT:
                # "During a phone talk with Siniora, the king said ...": who was in it
                args.src_heads, args.how_src = _attendee(coding.tok)
            if (
                not args.src_heads
                and says
                and coding.tok.dep_ in ("dobj", "nsubjpass")
                and coding.tok.head.i == says[-1].tok.i
            ):
                args.src_heads, args.how_src = subject_tokens(says[-1].tok)  # "Rabat announced a suspension of flights"
                args.how_src = ("announcer " + args.how_src) if args.src_heads else ""
        elif not args.src_heads:
            args.src_heads, args.how_src = noun_src, how_noun
        args.tgt_heads, args.how_tgt = noun_tgt, how_noun
        callers = _received_from(coding) if args.how_src.startswith("implicit light verb") else []
        if callers:
            # "Yudhoyono received a telephone call from Wolfowitz": the caller called the receiver
            args.tgt_heads, args.how_tgt = args.src_heads, "receiver of the " + coding.tok.lower_
            args.src_heads, args.how_src = callers, "prep:from of a received " + coding.tok.lower_
        if not args.tgt_heads and not args.src_heads:
            victim = _victim(coding.tok)
            if victim:
                args.tgt_heads, args.how_tgt = victim, "subject of 'die'"
        if not args.tgt_heads:
            for t in ch.rest:
                if t.kind == "verb":
                    args.tgt_heads, args.how_tgt = target_tokens(t.tok, skip=ch.chain_idx)
                    if args.tgt_heads:
                        break

    def _verb_target(self, ctx, ch: _ChainParts, args: _Arguments) -> None:
        """A verbal trigger's target: the frame's object or the inner act's, in the family's order."""
        coding, inner, fam = ch.coding, ch.inner, ch.fam
        theme = any(c.rel == "dobj" and c.values and not c.negated for c in coding.entry.conds)
        if theme and coding.entry.code == HOST_CODE and _guest(coding.tok) and self._actors(ctx, _guest(coding.tok)):
            theme = False  # "received the visiting Ugandan president at State House": the guest is hosted
        frame_tgt, how_frame = self._target(ctx, coding.tok, ch.chain_idx, theme)
        dest = _destination(coding) if fam is None else None
        if dest is not None:
            # "left Kathmandu for Dhaka": where a trip goes, never the place left ("leaving
            # Afghanistan for the withdrawal" goes nowhere)
            frame_tgt, how_frame = dest if any(_where_to(ctx, o) for o in dest[0]) else ([], "")
            args.departure = True
        named = _named_target(coding) if fam is None else ([], "")
        if named[0]:
            frame_tgt, how_frame = named
        inner_tgt, how_inner = _inner_target(self, ctx, ch)
        if fam in ADDRESSEE_FIRST:
            order = [(frame_tgt, how_frame), (inner_tgt, how_inner)]
        else:
            order = [(inner_tgt, how_inner), (frame_tgt, how_frame)]
        if fam == "reject" and inner is not None and inner.kind == "noun":
            # "rejected Ukraine's request", "turned down a U.S. offer", "an offer by the
            # African Union": whoever made the request or offer is the one turned down
            # (the request itself is the argument: its actor is its maker, its span the phrase)
            if noun_arguments(inner.tok)[0]:
                order.insert(0, ([inner.tok], "maker of the rejected " + inner.tok.lower_))
        for heads, how in order:
            if heads and self._actors(ctx, heads):
                args.tgt_heads, args.how_tgt = heads, how
                break

    def _resolve_arguments(self, ctx, ch: _ChainParts, args: _Arguments, demand_stmt, code, events) -> None:
        """The heads' actors: sources and targets (a demanded act's subject, a perpetrator)."""
        coding, says = ch.coding, ch.says
        if demand_stmt is not None:
            subj = [x for x in demand_stmt.children if x.dep_ in ("nsubj", "nsubjpass")]
            if subj and self._actors(ctx, subj):
                args.tgt_heads, args.how_tgt = subj, "subject of the demanded act"
        src_heads = args.src_heads
        if coding.kind == "noun" and src_heads and all(h.dep_ in ("compound", "amod", "nmod") for h in src_heads):
            # a name on an event noun is an actor only when the actors stage knows it ("G20 summit")
            sources = self._actors(ctx, src_heads, allow_uncoded=False)
        else:
            sources = self._actors(ctx, src_heads)
        if not sources and says and src_heads and all(h.pos_ == "PRON" for h in src_heads):
            # "The FARC said that they will lay down arms": an unresolved pronoun is the speaker
            sources = self._actors(ctx, subject_tokens(says[-1].tok)[0])
            args.how_src = "speaker for pronoun " + args.how_src
        targets = self._actors(ctx, args.tgt_heads)
        if (
            code[:2] == "04"
            and args.how_src == "nsubj"
            and sources
            and not targets
            and coding.tok.dep_ not in ("advcl", "xcomp", "pcomp", "relcl", "acl")
        ):
            # "Chinese and Japanese officials met", "U.S. and Russian diplomats held talks": the
            # sides a coordinated modifier names meet each other
            sides = {ref.country or ref.code for ref, _ in sources}
            for h in src_heads:
                for ref, key in ctx.mentions.modifier_members(h):
                    if (ref.country or ref.code) not in sides:
                        sides.add(ref.country or ref.code)
                        sources.append((ref, key))
        src_keys = {k for _, k in sources}
        condemned = (
            _condemned_act(ctx, coding.tok, args.tgt_heads)
            if code[:2] in CONDEMN_ROOTS and coding.kind == "verb"
            else None
        )
        if condemned is not None:
            # "condemned the bombing of the U.S. embassies", "denounced the attack on Gaza": the
            # act's victim is not the one condemned; its doer is ("Israel's air strikes", "the
            # attack by Hamas"), or the perpetrator of the act coded earlier, or nobody
            targets = self._actors(ctx, noun_arguments(condemned)[0], allow_uncoded=False)
            args.how_tgt = "doer of the condemned " + condemned.lower_ if targets else ""
            args.settled = True
        targets = [t for t in targets if t[1] not in src_keys] or ([] if len(sources) < 2 else [])
        if sources and not targets and code[:2] in CONDEMN_ROOTS and coding.kind == "verb":
            found, how = self._perpetrator(ctx, coding.tok, events, src_keys)
            if found:
                targets, args.how_tgt = found, how
        args.sources, args.targets, args.src_keys = sources, targets, src_keys

    def _date_and_place(self, ctx, ch: _ChainParts):
        """The event's date (a timex and how it was chosen) and the place of its own clause."""
        rest = ch.rest
        ev_tokens = [t.tok for t in rest] + [t.span.root for t in rest]
        nouns = [t.tok for t in rest if t.kind == "noun"]
        if ctx.reporting is None:
            ctx.reporting = [t for t in ctx.trig.values() if t.entry.family == "say"]
        reporting = [t.tok for t in ctx.reporting if t not in rest]
        timex, how_date = ctx.anchors.date_for(ev_tokens, ctx.sent, nouns=nouns, reporting=reporting)
        # the place used as a location in the event's own clause ("in Kyiv", "invaded Ukraine"),
        # not any place named in the sentence ("his US counterpart")
        if ctx.places is None:
            ctx.places = location_places(ctx.doc, ctx.sent)
        place = (
            next(
                (
                    p
                    for p in (attached_place(ctx.doc, t, sent=ctx.sent, usable=ctx.places) for t in ev_tokens)
                    if p is not None
                ),
                None,
            )
            if ctx.places
            else None
        )
        return timex, how_date, place

    def _place_target(self, ctx, info, args: _Arguments, place) -> None:
        if (
            PLACE_TARGETS
            and args.sources
            and not args.targets
            and not args.settled
            and place is not None
            and info.root not in PLACE_NOT_TARGET
            and info.code not in PLACE_NOT_TARGET_CODES
        ):
            # "Putin agreed to a ceasefire in eastern Ukraine", "peacekeepers arrived in South
            # Sudan": with no other target, a foreign country or region where the act happens
            # (the place attached to its clause) is its target
            span = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
            found = self._actors(ctx, [span.root]) if span is not None else []
            src_countries = {a[0].country for a in args.sources}
            args.targets = [
                t
                for t in found
                if t[0].code and t[0].country and t[0].country not in src_countries and t[1] not in args.src_keys
            ][:1]
            if args.targets:
                args.how_tgt = "place of the act"

    def _emit_variants(self, ctx, r: _Reading, variants, events, seen) -> None:
        """One Event per variant and actor pair not seen before in this sentence."""
        span = r.ch.coding.span
        for (code, status, factor, note, vpairs), (a, b) in [(v, p) for v in variants for p in v[4]]:
            info = self.codebook[code]
            key = (code, a[1] if a else None, b[1] if b else None, status)
            if key in seen:
                self._cand(
                    ctx,
                    r.ch.coding.tok,
                    False,
                    "duplicate",
                    code=code,
                    detail="same code and actors as an earlier event of this sentence",
                )
                continue
            seen.add(key)
            conf = _confidence(r, a, b, status, factor)
            src_ref = a[0] if a else None
            tgt_ref = b[0] if b else None
            date, date_text, how_d = event_date(r.timex, ctx.published, status, r.how_date)
            eid = content_id(
                ctx.article_id,
                ctx.si,
                span.start_char,
                code,
                src_ref.code if src_ref else None,
                tgt_ref.code if tgt_ref else None,
                src_ref.start if src_ref else None,
                tgt_ref.start if tgt_ref else None,
            )
            events.append(
                Event(
                    id=eid,
                    code=code,
                    root=info.root,
                    quad_class=info.quad,
                    penta_class=info.penta,
                    goldstein=info.goldstein,
                    plover_event=info.plover_event,
                    plover_mode=info.plover_mode,
                    source=src_ref,
                    target=tgt_ref,
                    status=status,
                    reported_by=r.reported_by,
                    date=date,
                    date_text=date_text,
                    place=r.place,
                    sentence=ctx.si,
                    trigger=Span(span.text, span.start_char, span.end_char),
                    confidence=conf,
                    rule=f"lexicon/{r.ch.coding.entry.id} {r.path}"
                    + note
                    + (f" date:{how_d}" if how_d else "")
                    + (f" status:{status}({r.cue})" if status != "asserted" else ""),
                )
            )
            if r.statement_only:
                ctx.statements.append(events[-1])
            reason = status if status != "asserted" else ("statement" if r.statement_only else "coded")
            self._cand(
                ctx,
                r.ch.coding.tok,
                True,
                reason,
                code=code,
                detail=f"{src_ref.code if src_ref else '-'} -> {tgt_ref.code if tgt_ref else '-'} "
                f"({r.ch.coding.entry.where})",
            )

    def _derived(self, info, status, cue, says, future=False):
        """An announced act is itself an event: "X will meet Y" / "X said it would attack" assert
        an intent (03x) or a threat (13x); "X said it will not Y" a rejection (12x)."""
        root = int(info.root)
        fam = None
        if status == "future" or (status == "hypothetical" and says and cue in FUTURE_CUES):
            if root == 2 and ANNOUNCED_APPEALS:
                # "X said it would call on Y to ...": announcing an appeal makes it
                return info.code, "asserted", 0.95, f" derived:announced({info.code})"
            if root in (1, 2):
                return None
            fam = "intent" if root <= 8 else "threaten"
            if root in (10, 11, 12, 13):
                return None
        elif status == "negated" and 2 < root <= 8 and future:
            fam = "reject"
        elif status == "hypothetical" and says and cue in ("must", "should", "ought"):
            fam = "demand"
        if not fam:
            return None
        code = self.lex.family_code(fam, info.code, None)
        if not code or code not in self.codebook:
            return None
        return code, "asserted", 0.95, f" derived:{fam}({info.code})"

    def _emit_statement(self, ctx, tm, events, seen):
        chain = [tm]
        code = tm.entry.code
        # reuse _emit with a one-element chain: the statement itself
        saved = tm.entry
        self._emit(ctx, code, chain, events, seen)
        return saved

    @staticmethod
    def _path(chain, how_src, how_tgt) -> str:
        parts = []
        for k, t in enumerate(chain):
            lemma = t.tok.lemma_.lower()
            if k == 0:
                parts.append(f"{how_src or '-'}<-{lemma}")
            else:
                parts.append(f"->{t.tok.dep_} {lemma}")
        return "".join(parts) + (f" target:{how_tgt}" if how_tgt else "")
