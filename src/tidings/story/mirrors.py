"""The other side of a two-sided act.

A meeting, a phone call or a negotiation is both sides' act, and a visit is the visited
side's hosting (CAMEO 043): coders list both directions (of the root-04 core dyads in the
training gold, 316 of 389 have their mirror image core too). The sentence coder mirrors what
it codes itself; a reading whose actor the article stage filled in ("met with the minister"
with the source taken from the sentence) has no mirror of its own, and the judge weighs each
direction apart. So, for a root-04 event or an agreement signed (057) the judge is sure of
(p >= MIRROR_P):
- a mirror image the judge alone dropped is kept;
- a missing mirror image is made from the event's leading reading, with the code of the
  other side (`OTHER_SIDE`), and says so in its rule ("mirror(042)").
"""

from __future__ import annotations

from dataclasses import replace

from .groups import ROLE_ONLY, Group, actor_key
from .hypotheses import Hypothesis
from .keys import NONE_KEY

__all__ = ["MIRROR_P", "OTHER_SIDE", "mirror_key", "mirrored_group", "two_sided"]

MIRROR_P = 0.25
# the code of the act seen from the other side: the same for an act of both, host for visit
OTHER_SIDE = {"040": "040", "041": "041", "044": "044", "046": "046", "042": "043", "043": "042", "057": "057"}


def two_sided(group: Group) -> bool:
    """A meeting, a visit or a negotiation (root 04), or an agreement signed (057)."""
    return group.key[0] == "04" or group.code() in OTHER_SIDE


def mirror_key(key: tuple[str, str, str]) -> tuple[str, str, str]:
    root, source, target = key
    return root, target, source


def _swap_fills(fills: tuple[str, ...]) -> tuple[str, ...]:
    sides = {"source": "target", "target": "source"}
    return tuple(sides.get(f.split(":", 1)[0], f.split(":", 1)[0]) + ":" + f.split(":", 1)[1] for f in fills)


def mirrored_group(group: Group, lead: Hypothesis) -> Group | None:
    """The other side's reading of `group` (led by `lead`), or None when its code has no other
    side or an actor is not a coded one."""
    code = group.code()
    other = OTHER_SIDE.get(code)
    e = lead.event
    if other is None or e.source is None or e.target is None:
        return None
    event = replace(e, source=e.target, target=e.source, code=other, root=other[:2], rule=f"{e.rule} mirror({code})")
    key = (other[:2], actor_key(event.source, keep_role=True), actor_key(event.target))
    if NONE_KEY in key or key[1].startswith(ROLE_ONLY) or key[1] == key[2]:
        return None
    origin = f"mirror:{lead.origin}"
    return Group(key, "asserted", [Hypothesis(event, "mirror", None, lead.distance, _swap_fills(lead.fills), origin)])
