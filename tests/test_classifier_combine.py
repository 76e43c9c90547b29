"""The lexicon + classifier combination rule."""
from tidings.classifier.combine import decide


def test_classifier_breaks_ties_between_lexicon_matches():
    scores = {"03": 0.1, "04": 0.8, "none": 0.1}
    d = decide([("036", 0.6), ("046", 0.6)], scores)
    assert d.code == "046" and d.decided_by == "lexicon+classifier"
    d = decide([("046", 0.7), ("036", 0.6)], scores)
    assert d.code == "046" and d.decided_by == "lexicon"
    assert 0 < d.confidence <= 1


def test_classifier_proposes_only_with_actor_and_confidence():
    scores = {"19": 0.9, "none": 0.1}
    d = decide([], scores, has_source=True)
    assert d.code == "190" and d.decided_by == "classifier"
    assert decide([], scores, has_source=False) is None
    assert decide([], {"19": 0.4, "none": 0.6}) is None
    assert decide([], {"19": 0.5, "18": 0.5}, threshold=0.6) is None
