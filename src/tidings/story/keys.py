"""How events are compared at story level: the actor key and the role blocks of actor codes.

An actor's key is the country block of its CAMEO code, or for an organisation (IGO, NGO, NGM,
IMG, MNC prefix) the block after the prefix; no actor is ``---``. Two events with the same
root and the same source and target keys are one story-level tuple (ANNOTATION.md).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

__all__ = ["ORG_PREFIXES", "NONE_KEY", "story_key", "role_codes", "country_block", "role_of"]

ORG_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC")
NONE_KEY = "---"


def story_key(actor) -> str:
    """The key of an actor (an ActorRef, a contract dict or a code)."""
    if isinstance(actor, str) or actor is None:
        pass
    elif isinstance(actor, Mapping):
        actor = actor.get("code")
    else:
        actor = getattr(actor, "code", None)
    code = str(actor or "").strip().upper()
    if not code:
        return NONE_KEY
    if code.startswith(ORG_PREFIXES) and len(code) > 3:
        code = code[3:]
    return code[:3]


@lru_cache(maxsize=1)
def role_codes() -> frozenset[str]:
    """The three-letter role blocks of the role lexicon (GOV, MIL, COP, ...)."""
    from ..actors.lexicon import data_dir

    out: set[str] = set()
    with open(data_dir() / "roles.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(parts) < 2 or parts[0] == "phrase":
                continue
            code = parts[1].strip()
            out.update(code[i : i + 3] for i in range(0, len(code), 3) if code[i : i + 3].isalpha())
    return frozenset(out - {"-"})


def country_block(code: str | None) -> str | None:
    """The first block of a code when it is not a role ("RUSMIL" -> "RUS", "MIL" -> None)."""
    block = str(code or "")[:3]
    if not block or block in role_codes():
        return None
    return block


def role_of(code: str | None, country: str | None) -> str:
    """The role block of an actor code: "GOV" for RUSGOV, "IGO" for an organisation, "" for a
    bare country."""
    code = str(code or "")
    if code.startswith(ORG_PREFIXES):
        return code[:3]
    rest = code[3:] if country or country_block(code) else code
    return rest[:3]
