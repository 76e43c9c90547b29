"""The scoring functions, tested with hand-made predictions (no coder involved)."""

from __future__ import annotations

import pytest

from tidings.evaluate.gold import ANY, GoldEvent, actor_key, article_doc, sentence_doc
from tidings.evaluate.scoring import aggregate, event_matches, match_events, prf, score, score_document


def ev(code, src=None, tgt=None, status="asserted", conf=0.5, src_text=None, tgt_text=None, rule="test"):
    def actor(c, text):
        if c is None:
            return None
        return {
            "code": c,
            "country": c[:3] if not c.startswith("IGO") else None,
            "name": text,
            "text": text or c,
            "start": 0,
            "end": 0,
        }

    return {
        "code": code,
        "root": code[:2],
        "source": actor(src, src_text),
        "target": actor(tgt, tgt_text),
        "status": status,
        "confidence": conf,
        "trigger": {"text": "x", "start": 0, "end": 1},
        "rule": rule,
        "sentence": 0,
    }


def sent(events, id="s1", text="Russia and the United States agreed to hold talks."):
    return sentence_doc({"id": id, "text": text, "published": "2021-12-12", "events": events})


def test_prf():
    assert prf(0, 0, 0)["f1"] == 0.0
    m = prf(3, 1, 2)
    assert m["precision"] == 0.75 and m["recall"] == 0.6 and m["f1"] == pytest.approx(0.6667, abs=1e-4)


def test_actor_key_country_and_organisations():
    assert actor_key("RUSGOV") == "RUS"
    assert actor_key("USAMIL") == "USA"
    assert actor_key("NATO") == actor_key("IGOWSTNAT") == "IGOWSTNAT"
    assert actor_key("IGOUNO") != actor_key("IGOUNOHLHWHO")
    assert actor_key("NGOHRIAMN") == "NGOHRIAMN"
    assert actor_key(None) is None


def test_levels_and_actor_matching():
    g = GoldEvent(codes=("036",), sources=("RUSGOV",), targets=("USAGOV",))
    assert event_matches(ev("036", "RUS", "USA"), g, "code")
    assert event_matches(ev("030", "RUSGOV", "USA"), g, "root")
    assert not event_matches(ev("030", "RUSGOV", "USA"), g, "code")
    assert event_matches(ev("057", "RUS", "USA"), g, "penta")  # 05 and 03 are both pentacode 1
    assert not event_matches(ev("036", "USA", "RUS"), g, "root")  # direction matters
    assert not event_matches(ev("036", "RUS", None), g, "root")
    none_target = GoldEvent(codes=("141",), sources=("ISRCVL",), targets=(None,))
    assert event_matches(ev("141", "ISR", None), none_target)
    assert not event_matches(ev("141", "ISR", "ISRGOV"), none_target)
    open_target = GoldEvent(codes=("141",), sources=("ISRCVL",), targets=ANY)
    assert event_matches(ev("141", "ISR", "ISRGOV"), open_target)


def test_root_only_gold_code_accepts_any_subcode():
    g = GoldEvent(codes=("13",), sources=("USA",), targets=("RUS",))
    assert event_matches(ev("1312", "USA", "RUS"), g, "code")


def test_matching_is_one_to_one():
    g = GoldEvent(codes=("036",), sources=("RUS",), targets=("USA",))
    pairs, missed, extra = match_events([ev("036", "RUS", "USA"), ev("036", "RUS", "USA")], [g])
    assert len(pairs) == 1 and not missed and len(extra) == 1


def test_sentence_scores_both_directions_and_false_positive():
    gold = sent(
        [
            {
                "code": "036",
                "source": "RUS",
                "target": "USA",
                "source_text": "Russia",
                "target_text": "the United States",
            },
            {
                "code": "036",
                "source": "USA",
                "target": "RUS",
                "source_text": "the United States",
                "target_text": "Russia",
            },
        ]
    )
    pred = {
        "events": [
            ev("036", "RUSGOV", "USAGOV", src_text="Russia", tgt_text="the United States"),
            ev("190", "RUS", "UKR"),
        ]
    }
    fig = score([gold], {"s1": pred})
    root = fig["levels"]["root"]["micro"]
    assert (root["tp"], root["fp"], root["fn"]) == (1, 1, 1)
    assert root["precision"] == 0.5 and root["recall"] == 0.5
    kinds = sorted(e["type"] for e in fig["errors"])
    assert kinds == ["false_positive", "missed"]
    assert fig["spans"]["strict"]["tp"] == 2  # source and target spans both right
    assert fig["confusion_roots"]["03->03"] == 1
    assert fig["confusion_roots"]["03->19"] == 1  # the missed event against the sentence's stray one


def test_only_asserted_predictions_count_and_status_is_scored():
    gold = sent(
        [{"code": "190", "source": "RUS", "target": "UKR", "status": "hypothetical", "source_text": "Russia"}],
        text="Russia would face sanctions if it invaded Ukraine.",
    )
    hedged = {"events": [ev("190", "RUS", "UKR", status="hypothetical")]}
    fig = score([gold], {"s1": hedged})
    assert fig["levels"]["root"]["micro"]["fp"] == 0
    assert fig["status"]["same_status"] == 1 and fig["status"]["accuracy"] == 1.0
    asserted = {"events": [ev("190", "RUS", "UKR")]}
    fig = score([gold], {"s1": asserted})
    assert fig["levels"]["root"]["micro"]["fp"] == 1
    assert fig["status"]["predicted_asserted"] == 1
    assert [e["type"] for e in fig["errors"]] == ["status"]
    assert fig["forbidden"] == {"total": 1, "asserted": 1}


def test_acceptable_events_are_neither_right_nor_wrong():
    gold = sentence_doc(
        {
            "id": "s1",
            "text": "x",
            "published": "2020-01-01",
            "events": [{"code": "015", "source": "PAKINS", "target": None, "source_text": "x"}],
            "acceptable": [{"code": "183", "source": "PAKINS"}],
        }
    )
    pred = {"events": [ev("015", "PAKINS", None), ev("183", "PAK", "PAKCOP")]}
    m = score([gold], {"s1": pred})["levels"]["root"]["micro"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 0, 0)


def test_the_mirror_of_a_mutual_act_is_neither_right_nor_wrong():
    gold = sent([{"code": "040", "source": "CHNGOV", "target": "RUSGOV", "source_text": "Wang Yi"}])
    pred = {"events": [ev("040", "CHNGOV", "RUSGOV"), ev("040", "RUSGOV", "CHNGOV")]}
    m = score([gold], {"s1": pred})["levels"]["root"]["micro"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 0, 0)
    # a visit has a direction: its mirror image is a false positive
    gold = sent([{"code": "042", "source": "CHNGOV", "target": "RUS", "source_text": "Wang Yi"}])
    pred = {"events": [ev("042", "CHNGOV", "RUS"), ev("042", "RUS", "CHNGOV")]}
    m = score([gold], {"s1": pred})["levels"]["root"]["micro"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 1, 0)


def test_wrong_code_is_reported_with_the_rule():
    gold = sent([{"code": "043", "source": "VNM", "target": "KOR", "source_text": "Vietnam"}])
    fig = score([gold], {"s1": {"events": [ev("042", "VNM", "KOR", rule="lexicon:visit")]}})
    assert fig["levels"]["root"]["micro"]["tp"] == 1
    assert fig["levels"]["code"]["micro"]["tp"] == 0
    wrong = [e for e in fig["errors"] if e["type"] == "wrong_code"]
    assert wrong and "lexicon:visit" in " ".join(wrong[0]["explanation"])


def test_missed_event_explained_by_dropped_candidates():
    gold = sent([{"code": "111", "source": "IRN", "target": "ISR", "source_text": "Iran"}])
    pred = {
        "events": [],
        "candidates": [
            {"sentence": 0, "trigger": "condemned", "kept": False, "reason": "no target", "code": "111", "detail": ""}
        ],
    }
    fig = score([gold], {"s1": pred})
    missed = [e for e in fig["errors"] if e["type"] == "missed"][0]
    assert any("condemned" in x and "no target" in x for x in missed["explanation"])


def test_missing_prediction_counts_as_misses():
    gold = sent([{"code": "111", "source": "IRN", "target": "ISR", "source_text": "Iran"}])
    fig = score([gold], {})
    assert fig["levels"]["root"]["micro"]["fn"] == 1
    assert "no prediction" in fig["errors"][0]["explanation"][0]


def test_macro_is_mean_over_labels():
    g1 = sent([{"code": "036", "source": "RUS", "target": "USA", "source_text": "Russia"}], id="a")
    g2 = sent([{"code": "111", "source": "IRN", "target": "ISR", "source_text": "Iran"}], id="b")
    fig = score([g1, g2], {"a": {"events": [ev("036", "RUS", "USA")]}, "b": {"events": []}})
    lv = fig["levels"]["root"]
    assert lv["per_label"]["03"]["f1"] == 1.0 and lv["per_label"]["11"]["f1"] == 0.0
    assert lv["macro"]["f1"] == 0.5
    assert lv["micro"]["recall"] == 0.5


def test_sentence_pentacode_main_event():
    g1 = sent([{"code": "036", "source": "RUS", "target": "USA", "source_text": "Russia"}], id="a")
    g2 = sent([], id="b", text="Stocks rose.")
    preds = {
        "a": {"events": [ev("190", "RUS", "USA", conf=0.2), ev("046", "RUS", "USA", conf=0.9)]},
        "b": {"events": []},
    }
    ps = score([g1, g2], preds)["penta_sentence"]
    assert ps["accuracy"] == 1.0 and ps["per_class"]["1"]["f1"] == 1.0
    assert ps["confusion"] == {"1->1": 1, "none->none": 1}


def test_article_required_acceptable_forbidden_quotes_dates_actors():
    raw = {
        "id": "a1",
        "published": "2021-12-12",
        "title": "t",
        "text": "Putin and Biden agreed to hold more talks, the Kremlin said on Sunday. "
        '"We will see each other," Putin said.',
        "events_required": [{"code": "036", "source": "RUS", "target": "USA", "date": "2021-12-12"}],
        "events_acceptable": [{"code": "036", "source": "USA", "target": "RUS"}],
        "events_forbidden_as_asserted": [{"code": ["18", "19"], "source": "RUS", "target": "UKR"}],
        "quotes": [{"speaker": "Putin", "kind": "direct", "text_contains": "see each other"}],
        "dates": [{"text": "Sunday", "value": "2021-12-12"}],
        "actors": [{"text": "Putin", "code": "RUSGOV"}, {"text": "Kremlin", "code": "RUSGOV"}],
    }
    gold = article_doc(raw)
    ok = ev("036", "RUSGOV", "USAGOV")
    ok["date"] = "2021-12-12"
    pred = {
        "events": [ok, ev("036", "USA", "RUS"), ev("190", "RUS", "UKR")],
        "quotes": [
            {"speaker": {"name": "Vladimir Putin", "text": "Putin"}, "kind": "direct", "text": "We will see each other"}
        ],
        "dates": [{"text": "Sunday", "value": "2021-12-12"}, {"text": "2021", "value": "2021"}],
        "actors": [
            {"code": "RUSGOV", "country": "RUS", "name": "Vladimir Putin", "mentions": [{"text": "Putin"}]},
            {"code": "RUS", "country": "RUS", "name": "Kremlin", "mentions": [{"text": "the Kremlin"}]},
        ],
    }
    fig = score([gold], {"a1": pred})
    m = fig["levels"]["root"]["micro"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 1, 0)
    assert fig["forbidden"] == {"total": 1, "asserted": 1}
    assert [e["type"] for e in fig["errors"]] == ["forbidden"]
    assert fig["quotes"]["found"] == 1 and fig["quotes"]["recall"] == 1.0
    assert fig["dates"]["found"] == 1 and fig["dates"]["precision"] == 0.5
    assert fig["actors"]["exact"] == 1 and fig["actors"]["country"] == 2
    assert fig["event_dates"]["right_date"] == 1


def test_aggregate_of_nothing():
    fig = aggregate([])
    assert fig["documents"] == 0 and fig["levels"]["root"]["micro"]["f1"] == 0.0


def test_score_document_is_pure():
    gold = sent([{"code": "036", "source": "RUS", "target": "USA", "source_text": "Russia"}])
    pred = {"events": [ev("036", "RUS", "USA")]}
    before = repr(pred)
    a, b = score_document(gold, pred), score_document(gold, pred)
    assert a == b and repr(pred) == before


def test_a_right_prediction_is_not_also_forbidden():
    """The truce agreed (asserted, required) and the truce taking effect (future, forbidden)
    share root and dyad: one prediction of the agreement is right, a second is forbidden."""
    raw = {
        "id": "a1",
        "published": "2025-01-16",
        "text": "t",
        "events_required": [{"code": "0871", "source": "ISR", "target": "PSEREB"}],
        "events_forbidden_as_asserted": [{"code": "0871", "source": "ISR", "status": "future"}],
    }
    gold = article_doc(raw)
    one = score([gold], {"a1": {"events": [ev("0871", "ISR", "PSEREB")]}})
    assert one["forbidden"]["asserted"] == 0 and one["status"]["predicted_asserted"] == 0
    assert one["levels"]["root"]["micro"]["fp"] == 0
    two = score([gold], {"a1": {"events": [ev("0871", "ISR", "PSEREB"), ev("0871", "ISRMIL", None)]}})
    assert two["forbidden"]["asserted"] == 1 and two["status"]["predicted_asserted"] == 1


def test_forbidden_wins_over_acceptable():
    raw = {
        "id": "a1",
        "published": "2023-11-21",
        "text": "t",
        "events_required": [{"code": "112", "source": "COD", "target": "RWA"}],
        "events_acceptable": [{"code": ["043", "036"], "source": "AGO"}],
        "events_forbidden_as_asserted": [{"code": "043", "source": "AGO", "status": "future"}],
    }
    gold = article_doc(raw)
    fig = score([gold], {"a1": {"events": [ev("112", "COD", "RWA"), ev("036", "AGO", None), ev("043", "AGO", None)]}})
    m = fig["levels"]["root"]["micro"]
    assert (m["tp"], m["fp"]) == (1, 1)  # the intent passes, the hosting (still future) does not
    assert [e["type"] for e in fig["errors"]] == ["status"]


def test_a_document_the_coder_skipped_is_reported():
    gold = sent([{"code": "111", "source": "IRN", "target": "ISR", "source_text": "Iran"}])
    fig = score([gold], {"s1": {"events": [], "skipped": "coding failed: ValueError: boom"}})
    assert fig["skipped"] == 1
    assert [e["type"] for e in fig["errors"]] == ["skipped", "missed"]
    assert "boom" in fig["errors"][0]["explanation"][0]


def test_phenomena_breakdown():
    from tidings.evaluate.gold import phenomena

    neg = sent(
        [{"code": "040", "source": "COLGOV", "target": "COLREB", "status": "negated", "source_text": "x"}],
        id="n",
        text="Colombia's president did not meet the rebels, officials said.",
    )
    coord = sent(
        [
            {"code": "036", "source": "RUS", "target": "USA", "source_text": "Russia"},
            {"code": "036", "source": "USA", "target": "RUS", "source_text": "the United States"},
        ],
        id="c",
    )
    assert set(phenomena(neg)) == {"negated", "reported speech"}
    assert "coordination" in phenomena(coord)
    fig = score([neg, coord], {"n": {"events": [ev("040", "COL", "COL")]}, "c": {"events": [ev("036", "RUS", "USA")]}})
    ph = fig["phenomena"]
    assert ph["negated"]["asserted_by_mistake"] == 1 and ph["negated"]["fp"] == 1
    assert ph["coordination"]["tp"] == 1 and ph["coordination"]["fn"] == 1


def test_forbidden_full_codes_are_matched_as_codes():
    raw = {
        "id": "a1",
        "published": "2021-07-12",
        "text": "t",
        "events_required": [{"code": "141", "source": "CUBCVL", "target": "CUBGOV"}],
        "events_forbidden_as_asserted": [
            {"code": ["145", "182"], "source": "CUBCVL", "status": "hypothetical"},
            {"code": "19", "source": "CUB"},
        ],
    }
    gold = article_doc(raw)
    fig = score([gold], {"a1": {"events": [ev("141", "CUB", None), ev("193", "CUB", "USA")]}})
    assert fig["forbidden"] == {"total": 2, "asserted": 1}  # the protest is no riot; any 19x is forbidden
    assert sorted(e["type"] for e in fig["errors"]) == ["false_positive", "forbidden", "missed"]


def test_false_positive_carries_its_sentence():
    from tidings.evaluate.scoring import context_of

    text = "Russia and Ukraine met. Then Russia shelled Kharkiv overnight. Talks resume Monday."
    e = ev("194", "RUS", "UKR")
    e["trigger"] = {"text": "shelled", "start": text.index("shelled"), "end": text.index("shelled") + 7}
    assert context_of({"text": text}, e) == "Then Russia shelled Kharkiv overnight."
    gold = sent([], text=text)
    fig = score([gold], {"s1": {"text": text, "events": [e]}})
    assert fig["errors"][0]["context"] == "Then Russia shelled Kharkiv overnight."


def test_actor_codes_on_gold_spans():
    gold = sent(
        [{"code": "036", "source": "RUS", "target": "USA", "source_text": "Russia", "target_text": "the United States"}]
    )
    pred = {
        "events": [],
        "actors": [
            {"code": "RUSGOV", "country": "RUS", "mentions": [{"text": "Russia"}]},
            {"code": "GBR", "country": "GBR", "mentions": [{"text": "United States"}]},
        ],
    }
    fig = score([gold], {"s1": pred})
    assert fig["actor_codes"] == {"spans": 2, "found": 2, "right": 1, "accuracy": 0.5}
