"""Who did it and to whom: subjects, agents, objects and prepositional targets from the
dependency parse, mapped to the actor mentions the actors stage left on the Doc."""

from __future__ import annotations

from dataclasses import replace

from ..records import ActorRef
from .patterns import is_passive, objects

__all__ = [
    "MentionIndex",
    "subject_tokens",
    "target_tokens",
    "noun_arguments",
    "members",
    "acomp_objects",
    "between_sides",
    "OBJECT_CONTROL",
]

# verbs whose object is the subject of their infinitive ("urged Iran to halt")
OBJECT_CONTROL = {
    "urge",
    "ask",
    "order",
    "force",
    "tell",
    "invite",
    "persuade",
    "encourage",
    "call",
    "press",
    "pressure",
    "request",
    "instruct",
    "direct",
    "compel",
    "allow",
    "permit",
    "help",
    "warn",
    "implore",
    "beg",
    "push",
    "advise",
    "authorize",
    "authorise",
    "lead",
}
TARGET_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards", "upon", "from", "over", "near", "for")
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
NOT_ACTOR_ENTS = {
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "PRODUCT",
}
QUANTITY = {
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "million",
    "millions",
    "number",
    "scores",
    "score",
    "handful",
    "group",
    "crowd",
    "some",
    "many",
    "most",
    "all",
    "none",
    "several",
    "majority",
    "minority",
    "tens",
    "batch",
    "wave",
    "team",
    "unit",
    "contingent",
    "delegation",
}
RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS = {
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "him",
    "her",
    "them",
    "us",
    "me",
    "itself",
    "themselves",
    "himself",
    "herself",
    "this",
    "these",
    "those",
    "one",
    "some",
    "others",
    "all",
}


def members(tok) -> list:
    """A noun and the nouns coordinated with it ("Putin and Biden")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.extend(members(c))
    return out


class MentionIndex:
    """Token -> actor mentions covering it, and actor lookup for argument tokens."""

    def __init__(self, doc, mentions, actor_nouns: frozenset[str] = frozenset()):
        self.doc = doc
        self.mentions = list(mentions or ())
        self.by_token: dict[int, list] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, []).append(m)
        self.actor_nouns = actor_nouns

    def ref(self, m):
        """The ActorRef of mention `m`. A pronoun whose actor is named earlier in the same
        sentence ("Slovakia says it will not accept ...") is shown by that name: the same
        actor and code, with the text and offsets of the name."""
        ref = m.ref()
        if m.kind != "pronoun" or not m.code:
            return ref
        sent_start = self.doc[m.start].sent.start
        named = [
            o
            for o in self.mentions
            if o.key == m.key and o.kind != "pronoun" and sent_start <= o.start and o.end <= m.start
        ]
        if not named:
            return ref
        o = max(named, key=lambda o: o.start)
        return replace(ref, text=o.text, start=o.start_char, end=o.end_char)

    def named(self, tok) -> bool:
        """The token is inside the name of an actor (not a role word like "protesters")."""
        return any(m.kind in ("name", "org") and m.end - m.start > 1 for m in self.by_token.get(tok.i, ()))

    def mention_at(self, tok):
        ms = self.by_token.get(tok.i)
        if not ms:
            return None
        heads = [m for m in ms if m.head == tok.i]
        pool = heads or ms
        return min(pool, key=lambda m: (m.end - m.start, m.start))

    def actors(self, tok, allow_uncoded: bool = True) -> list:
        """Every actor an argument head stands for: the members of a compound mention
        ("the two leaders" -> Putin, Biden) or the one actor of `actor`."""
        ms = self.by_token.get(tok.i) or ()
        if len(ms) >= 2:
            # several actors on one span: a compound ("the two leaders" -> Putin, Biden)
            best = min(ms, key=lambda m: (m.end - m.start, m.start))
            group = [m for m in ms if (m.start, m.end) == (best.start, best.end)]
            if len({m.key for m in group}) >= 2:
                return [(self.ref(m), m.key) for m in group]
        one = self.actor(tok, allow_uncoded)
        return [one] if one else []

    def modifier_members(self, tok) -> list:
        """The other actors a coordinated modifier of a head names: "Chinese" of "Chinese and
        Japanese officials", "U.S." of "U.S. and Russian diplomats" (compound members)."""
        out = []
        for m in self.mentions:
            if m.kind != "compound-member" or not m.code or not 0 < tok.i - m.start <= 6:
                continue
            t = self.doc[m.end - 1]
            for _ in range(3):
                if t.i == tok.i or t.dep_ not in ("conj", "compound", "amod", "nmod", "cc") or t.head.i == t.i:
                    break
                t = t.head
            if t.i == tok.i:
                out.append((self.ref(m), m.key))
        return out

    def actor(self, tok, allow_uncoded: bool = True):
        """(ActorRef, key) for an argument head, or None."""
        if tok.lower_ in RELATIVE and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        m = self.mention_at(tok)
        if m is not None:
            return self.ref(m), m.key
        if tok.lemma_.lower() in QUANTITY or tok.pos_ == "NUM":
            # "hundreds of British troops", "dozens of protesters"
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj":
                            return self.actor(o, allow_uncoded)
        for c in tok.children:
            # "the missiles fired by the Israeli military"
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for a in c.children:
                    if a.dep_ == "agent":
                        for o in a.children:
                            if o.dep_ == "pobj":
                                found = self.actor(o, allow_uncoded)
                                if found:
                                    return found
        # a mention on the noun's own modifiers ("Russian troops", "Baghdad's forces", "the ISIS bastion")
        for c in sorted(tok.children, key=lambda c: -c.i):
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i:
                m = self.mention_at(c) or next((self.mention_at(x) for x in c.subtree if self.mention_at(x)), None)
                if m is not None:
                    return self.ref(m), m.key
        # the agent of a nominal subject ("a car bombing by the Islamic State group"), the owner
        # of a thing ("an arms depot of the Syrian army", "the blockade of the U.K.")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "of"):
                for o in c.children:
                    if o.dep_ == "pobj":
                        m = self.mention_at(o)
                        if m is not None:
                            return self.ref(m), m.key
        if not allow_uncoded or tok.lower_ in PRONOUNS or tok.pos_ == "PRON" or tok.ent_type_ in NOT_ACTOR_ENTS:
            return None
        if tok.ent_type_ in ACTOR_ENTS or tok.pos_ == "PROPN" or tok.lemma_.lower() in self.actor_nouns:
            span = self.phrase(tok)
            return ActorRef(
                code=None,
                country=None,
                name=span.text,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                rule="events:uncoded noun phrase",
            ), "np:" + span.text.lower()
        return None

    def phrase(self, tok):
        """The noun phrase of a head: its left modifiers and the head (no relative clauses, no PPs)."""
        left = tok.i
        for c in tok.lefts:
            if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "advmod", "case", "punct"):
                left = min(left, c.left_edge.i)
        right = tok.i
        for c in tok.rights:
            if c.dep_ in ("compound", "flat", "nummod") or (c.dep_ == "appos" and c.pos_ == "PROPN"):
                right = max(right, c.right_edge.i)
        doc = self.doc
        while left < tok.i and doc[left].is_punct:
            left += 1
        return doc[left : right + 1]


def _actor_like(tok) -> bool:
    """A name, a named kind of actor or a personal pronoun: what can do an act."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ACTOR_ENTS or tok.lower_ in ("him", "her", "them", "us", "me")


def _climb_subject(verb, depth: int = 0):
    """Subject heads of a verb: its own nsubj, else its controller (xcomp/advcl/conj/relcl/acl)."""
    subs = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subs:  # the parser sometimes hangs the subject on the auxiliary
        subs = [s for c in verb.children if c.dep_ in ("aux", "auxpass") for s in c.children if s.dep_ == "nsubj"]
    if subs:
        return subs, "nsubj"
    if is_passive(verb):
        ag = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        return ag, "agent"
    if depth > 4:
        return [], ""
    head = verb.head
    if head.i == verb.i:
        return [], ""
    dep = verb.dep_
    if dep == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd"):
        # "are due to meet", "is ready to talk": the subject of the copula
        found, how = _climb_subject(head.head, depth + 1)
        return found, ("raising " + how) if found else ""
    if dep == "xcomp" and is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
        # "is expected to travel", "is set to adopt": the passive subject is the actor
        subs = [c for c in head.children if c.dep_ == "nsubjpass"]
        if subs:
            return subs, "raising nsubjpass"
    if dep == "xcomp" or (dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        if head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if not objs:
                objs = [
                    o
                    for p in head.children
                    if p.dep_ == "prep" and p.lower_ in ("on", "upon")
                    for o in p.children
                    if o.dep_ == "pobj"
                ]
            if objs:
                return objs, "xcomp-obj"
        found, how = _climb_subject(head, depth + 1)
        return found, ("control " + how) if found else ""
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        found, how = _climb_subject(head, depth + 1)
        return found, ("conj " + how) if found else ""
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBN":  # "troops stationed near", "a car bombing carried out by" -> agent only
            return [], ""
        return [head], dep
    if dep == "pcomp" and head.dep_ == "prep" and head.lower_ == "for" and head.head.pos_ == "VERB":
        # "criticized the United States for imposing sanctions", "praised Kenya for agreeing":
        # the one blamed or praised did it
        objs = [c for c in head.head.children if c.dep_ == "dobj" and _actor_like(c)]
        if objs:
            return objs, "object of the verb 'for'"
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "after speaking to Biden, Putin said ..." -> the subject of the governing clause
        found, how = _climb_subject(head.head, depth + 1)
        return found, ("pcomp " + how) if found else ""
    if dep == "advcl" and verb.tag_ == "VBG":  # "..., killing three" -> the main clause's subject
        found, how = _climb_subject(head, depth + 1)
        return found, ("advcl " + how) if found else ""
    return [], ""


def subject_tokens(verb):
    """(subject heads, how) for a verbal trigger; passive subjects are not sources."""
    found, how = _climb_subject(verb)
    if found:
        return found, how
    if verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN":
        ag = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        return ag, "agent"
    return [], ""


def target_tokens(verb, skip=(), theme_object: bool = False):
    """(target heads, how): passive subject, direct object, dative, then prepositional objects.
    With `theme_object` (the pattern named the object: "imposed sanctions on Iran", "withdrew its
    troops from Syria"), the object is what is acted with, and a recipient or prepositional
    object is preferred as the target."""
    skip = set(skip)
    if theme_object:
        themes = {o.i for o in objects(verb)}
        found, how = target_tokens(verb, skip | themes)
        if found and how != "nsubjpass":
            return found, how
    skip = set(skip)
    if is_passive(verb):
        subs = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i not in skip]
        if subs:
            return subs, "nsubjpass"
    if verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head], verb.dep_
    objs = [o for o in objects(verb) if o.i not in skip]
    if objs:
        return objs, "dobj"
    dat = [c for c in verb.children if c.dep_ == "dative" and c.i not in skip]
    if dat:
        if dat[0].pos_ == "ADP":
            dat = [o for o in dat[0].children if o.dep_ == "pobj"]
        if dat:
            return dat, "dative"
    here = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "here"]
    if here and verb.lemma_.lower() in ARRIVALS:
        # "arrived here Wednesday for talks": here is the dateline's place (an actor only when
        # the article has a dateline: actors.here)
        return here, "here"
    heads = [verb] + [o for o in objects(verb) if o.i in skip]  # "imposed sanctions on Turkey"
    by_prep: dict[str, list] = {}  # the heads' prepositions, in head then word order
    for head in heads:
        for c in head.children:
            if c.dep_ == "prep":
                by_prep.setdefault(c.lower_, []).append(c)
    for prep in TARGET_PREPS:  # the preferred preposition first
        for c in by_prep.get(prep, ()):
            objs = [
                o for o in c.children if o.dep_ == "pobj" and o.i not in skip and o.ent_type_ not in ("DATE", "TIME")
            ]
            if objs:
                return objs, "prep:" + prep
    objs = [o for o in acomp_objects(verb) if o.i not in skip and o.ent_type_ not in ("DATE", "TIME")]
    if objs:
        return objs, "acomp"
    return [], ""


def acomp_objects(verb) -> list:
    """The objects of an adjective complement's prepositions: whom "was critical of Japan",
    "is disappointed with Lee", "was pleased at the efforts made by the UN" are about."""
    return [
        o
        for a in verb.children
        if a.dep_ == "acomp"
        for p in a.children
        if p.dep_ == "prep" and p.lower_ in ACOMP_PREPS
        for o in p.children
        if o.dep_ == "pobj"
    ]


ACOMP_PREPS = ("of", "with", "at", "about", "over", "by", "toward", "towards", "to")


# verbs of coming to a place: their "here" is where they came to
ARRIVALS = frozenset({"arrive", "land", "come", "fly", "travel"})


def between_sides(verb) -> tuple[list, list]:
    """(first side, other sides) of a verb's own "between" phrase ("an agreement was signed
    between China and Vietnam"), or ([], [])."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            first, others = _between_sides(c)
            if first:
                return first, others
    return [], []


def _between_sides(prep) -> tuple[list, list]:
    """(first side, other sides) of a "between" phrase: "between the rebels and the government";
    "between the government of Uganda and the LRA", where the parser hangs the second side on
    the first one's "of" object, is the government and the LRA."""
    for o in prep.children:
        if o.dep_ != "pobj":
            continue
        ms = members(o)
        if len(ms) >= 2:
            return [ms[0]], [ms[1]]
        for p in o.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                inner = [m for x in p.children if x.dep_ == "pobj" for m in members(x)]
                if len(inner) >= 2:
                    return [o], [inner[1]]
    return [], []


def _outer_between(noun) -> list:
    """The "between" phrases the parser hangs outside an event noun, on the clause that tells
    of it: "talks that ended Tuesday between A and B", "an agreement reached between A and B",
    "Talks are taking place in Juba between A and B", "clashes broke out between A and B"."""
    hosts = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")]
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head
        hosts.append(verb)
        hosts += [o for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() == "place"]
    return [c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "between"]


def noun_arguments(noun, of_is_doer: bool = False):
    """(source heads, target heads, how) of a nominal trigger from its own modifiers. With
    `of_is_doer` (a visit, a trip) the "of" object is who does it: "the visit of Hu to Kenya"."""
    src, tgt, how = [], [], []
    for c in noun.children:
        if c.dep_ == "poss":
            src.append(c)
            how.append("poss")
        elif (
            c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENTS)
        ):
            src.append(c)
            how.append(c.dep_)
        elif c.dep_ == "prep":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            p = c.lower_
            if p == "by":
                src += objs
                how.append("by")
            elif p == "between" or p == "among":
                first, others = _between_sides(c)
                if first:
                    src += first
                    tgt += others
                    how.append(p)
            elif p == "of" and of_is_doer and objs:
                src += objs
                how.append("of")
            elif p in ("on", "against", "with", "to", "into", "near", "in", "toward", "towards", "of", "at", "from"):
                if p == "in" and not any(o.ent_type_ in ("NORP", "ORG", "PERSON") for o in objs):
                    continue
                tgt += objs
                how.append("prep:" + p)
    if not src and not any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in noun.children):
        for c in _outer_between(noun):
            first, others = _between_sides(c)
            if first:
                src, tgt = src + first, tgt + others
                how.append("between")
                break
    # the compound chain "troop build-up": the compound's own modifiers ("Russian troop")
    if not src:
        for c in noun.children:
            if c.dep_ == "compound" and c.i < noun.i:
                for cc in c.children:
                    if cc.dep_ in ("amod", "compound", "poss") and (cc.pos_ == "PROPN" or cc.ent_type_ in ACTOR_ENTS):
                        src.append(c)
                        how.append("compound")
    return src, tgt, " ".join(how)
