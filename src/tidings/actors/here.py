"""'here' in a wire story is the dateline's place: an actor mention for it.

Agency copy names the place once, in the dateline ("BEIJING, Nov. 19 (Xinhua) --"), and then says
"here": "Bush arrived here Saturday for a three-day visit", "Castro met with Liang here Friday",
"talks here". Coders code such a visit or meeting with the dateline's country as its target or
place. The dateline is cut from the text (``doc._.dateline``), so without this nothing in the
text carries that country.

A "here" becomes an actor mention when
- the article has a dateline whose place resolves to a country (``tidings.places.place_of_dateline``);
- it modifies a clause or noun about arriving, visiting or meeting (`HERE_HEADS`: "arrived here",
  "met here", "a visit here", "talks here"), not "here is", "from here", "people here";
- it is not inside a direct quote (a speaker's "here" is wherever the speaker stands).

The mention's code is the dateline's country (CAMEO code, as a capital named as a place is: the
country, not its government), its text "here" at its own offsets, and its rule names the dateline
(`dateline:BEIJING (here)`). "this capital" ("arrived in this capital") is the dateline's city too
(`dateline:BEIJING (this capital)`); "the capital" is not taken (it may be another country's).
It is kind "metonym", like "Moscow" in "talks in Moscow".
"""

from __future__ import annotations

from ..records.mentions import ActorMention
from .lexicon import Lexicon

__all__ = ["HERE_HEADS", "dateline_country", "here_mentions"]

# lemmas of the words "here" may modify for it to be the place of an arrival, visit or meeting
HERE_HEADS = frozenset(
    {
        "arrive",
        "land",
        "visit",
        "tour",
        "come",
        "fly",
        "travel",
        "stop",
        "meet",
        "talk",
        "hold",
        "open",
        "begin",
        "start",
        "gather",
        "convene",
        "confer",
        "receive",
        "welcome",
        "greet",
        "host",
        "sign",
        "trip",
        "meeting",
        "talks",
        "summit",
        "conference",
        "session",
        "negotiation",
        "consultation",
        "arrival",
    }
)


def dateline_country(doc, lexicon: Lexicon) -> tuple[str, str] | None:
    """(CAMEO country code, the dateline as printed) of the article's dateline, or None."""
    dateline = getattr(doc._, "dateline", None)
    if not dateline or not str(dateline).strip():
        return None
    from ..places import place_of_dateline

    place = place_of_dateline(str(dateline))
    if place is None or not place.country:
        return None
    code = lexicon.iso3.get(place.country, place.country if place.country in lexicon.iso3.values() else None)
    if not code:
        return None
    return code, str(dateline).strip()


def _in_quote(tok) -> bool:
    """Inside quote marks of its sentence: an odd number of quote marks before it."""
    sent = tok.sent
    marks = sum(1 for t in sent if t.i < tok.i and t.text in ('"', "\u201c", "\u201d", "``", "''"))
    return marks % 2 == 1


def _head_fits(tok) -> bool:
    head = tok.head
    if head.i == tok.i:
        return False
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "to", "at"):
        head = head.head  # "arrived in this capital"
    elif tok.dep_ not in ("advmod", "npadvmod"):
        return False
    return head.lemma_.lower() in HERE_HEADS or head.lower_ in HERE_HEADS


def _this_capital(doc, tok) -> bool:
    """ "this capital" (Xinhua's "arrived in this capital"): the dateline's city too."""
    return tok.lower_ == "capital" and tok.i > 0 and doc[tok.i - 1].lower_ == "this"


def here_mentions(doc, lexicon: Lexicon, taken: set[int] | None = None) -> list[ActorMention]:
    """One mention per "here" of an arrival, visit or meeting, coded as the dateline's country."""
    found = dateline_country(doc, lexicon)
    if found is None:
        return []
    code, printed = found
    taken = taken or set()
    name = printed.split(",")[0].split("(")[0].strip().title() or printed
    out = []
    for tok in doc:
        if tok.lower_ == "here":
            first = tok
        elif _this_capital(doc, tok):
            first = doc[tok.i - 1]
        else:
            continue
        if tok.i in taken or first.i in taken or not _head_fits(tok) or _in_quote(tok):
            continue
        out.append(
            ActorMention(
                start=first.i,
                end=tok.i + 1,
                start_char=first.idx,
                end_char=tok.idx + len(tok.text),
                text=doc[first.i : tok.i + 1].text,
                code=code,
                country=code,
                name=name,
                rule=f"dateline:{printed} ({doc[first.i : tok.i + 1].text.lower()})",
                key=code,
                kind="metonym",
                head=tok.i,
            )
        )
    return out
