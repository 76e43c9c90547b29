"""Which code a trigger gets (issue 18): announced acts are intents, forces' killings are
fighting. The sentence coder alone (no classifier, no article stage), with the real actors."""

from __future__ import annotations

import pytest
from storykit import sentence_coder_events


@pytest.fixture(scope="module")
def code():
    def run(text):
        return {
            (e.code, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in sentence_coder_events(text)
        }

    return run


def test_resolving_to_hold_talks_is_an_intent_to_meet(code):
    # was read as the talks themselves (046), as if they had happened
    found = code("Russia and Ukraine resolved to hold talks.")
    assert {("036", "RUS", "UKR"), ("036", "UKR", "RUS")} <= found
    assert not any(c.startswith("04") for c, _, _ in found)


def test_vowing_to_act_announces_the_act(code):
    assert ("033", "RUS", "SRB") in code("Russia vowed to help Serbia.")
    found = code("The rebels vowed to wage war against Ukraine.")
    assert any(c.startswith("13") and t == "UKR" for c, _, t in found)
    assert not any(c.startswith("19") for c, _, _ in found)


def test_vowing_defiance_is_defiance(code):
    assert ("128", "IRN", "IGOUNO") in code("Iran vowed defiance of the United Nations.")


def test_a_coalition_killing_is_military_force(code):
    assert ("190", "USA", "AFGREB") in code("A US-led coalition killed five Afghan militants.")


def test_where_an_intent_to_meet_is_held_is_not_its_target(code):
    # was 036 from each side to Switzerland ("target:place of the act")
    found = code("Russia and Ukraine resolved to hold talks in Geneva.")
    assert {("036", "RUS", "UKR"), ("036", "UKR", "RUS")} <= found
    assert not any(t == "CHE" for _, _, t in found)


def test_an_order_to_ones_own_forces_is_no_demand_between_sides(code):
    # was 113 (rally opposition) from the president to "the army"
    assert not any(
        c.startswith(("10", "11")) for c, _, _ in code("Putin ordered the army to resume strikes on Ukraine.")
    )
    # ordering another side, or an opposition demanding of its government, still is one
    assert ("1056", "RUSGOV", "UKR") in code("Putin ordered Ukraine to withdraw its troops.")
    assert any(c.startswith("10") for c, _, _ in code("The Lebanese opposition demanded that the government resign."))


def test_the_one_asked_to_act_is_the_demanded_acts_subject(code):
    # was 0256 to "its troops" (RUSMIL), what the demanded act is done to
    found = code("Germany called for Russia to withdraw its troops.")
    assert any(c.startswith("02") and s == "DEU" and t == "RUS" for c, s, t in found)
    assert any(
        s == "EGY" and t == "ISR" for _, s, t in code("Egypt demanded that Israel free the Palestinian prisoners.")
    )
