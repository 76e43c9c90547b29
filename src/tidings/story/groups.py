"""Group an article's hypotheses into story-level tuples, the unit the judge decides on.

Asserted hypotheses with the same (root, source key, target key) are readings of one
happening (or of several the article does not tell apart); they become one `Group`, whose
features the judge reads. Other statuses are grouped the same way, with the status in the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .hypotheses import Hypothesis, role_only
from .keys import NONE_KEY, story_key

__all__ = ["Group", "group_hypotheses", "HOW_RANK", "actor_key", "ROLE_ONLY"]

# which readings speak best for an event: the coder's own over one with an actor taken from
# the sentence, and a mention the coder kept over one it set aside
HOW_RANK = {
    "coded": 0,
    "source:reporter": 1,
    "target:sentence": 2,
    "target:accuser": 2,
    "source:sentence": 3,
    "root:trigger": 4,
    "root:classifier": 5,
    "target:article": 6,
    "source:article": 7,
    "source:place": 4,
    "target:swap": 5,
    "source:swap": 5,
    "root:learned": 4,
}


@dataclass
class Group:
    key: tuple[str, str, str]
    status: str
    members: list[Hypothesis] = field(default_factory=list)

    def best(self) -> Hypothesis:
        return self.ranked()[0]

    def ranked(self) -> list[Hypothesis]:
        return sorted(
            self.members,
            key=lambda h: (
                h.dropped is not None,
                HOW_RANK.get(h.how, 9),
                len(h.fills),
                -h.event.confidence,
                h.event.sentence,
                h.event.trigger.start,
            ),
        )

    def date(self) -> tuple[str | None, str | None]:
        """The day the text gives for the happening: from the first mention in the text that has
        a time expression of its own (the news is told first: "on Sunday visited the port" in the
        lead, "began his trip on June 11" further down), else the best reading's (the
        publication date)."""
        ranked = self.ranked()
        own = [h.event for h in ranked if h.event.date_text]
        dated = min(own, key=lambda e: e.sentence) if own else ranked[0].event
        return dated.date, dated.date_text

    def code(self) -> str:
        """The best-supported code: the one most readings give, then the surest."""
        votes: dict[str, list[float]] = {}
        for h in self.members:
            votes.setdefault(h.event.code, []).append(h.event.confidence)
        return max(votes, key=lambda c: (len(votes[c]), max(votes[c]), -len(c), c))


ROLE_ONLY = "*"  # prefix of the key of a role with no country ("*GOV")


def actor_key(ref, keep_role: bool = False) -> str:
    """The story key of an event argument. A role with no country is no actor of the dataset
    (NONE_KEY); as a source (`keep_role`) it keys as the role behind ROLE_ONLY ("*GOV"), which
    only a one-sentence text may keep."""
    if role_only(ref):
        return ROLE_ONLY + str(ref.code)[:3] if keep_role else NONE_KEY
    return story_key(ref)


def group_hypotheses(hyps: list[Hypothesis]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    for h in hyps:
        e = h.event
        key = (e.root, actor_key(e.source, keep_role=True), actor_key(e.target))
        g = groups.get((e.status, key))
        if g is None:
            g = groups[(e.status, key)] = Group(key, e.status)
        g.members.append(h)
    return sorted(groups.values(), key=lambda g: (min(h.event.sentence for h in g.members), g.key, g.status))
