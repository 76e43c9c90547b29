"""The judge's trainer averages models of several seeds (story/train.py Bag): the exported numpy
trees (each model's leaves divided by the number of models) must give the average of the
models' raw scores. Stand-in models with one split each, in LightGBM's dump format, so that
the test needs no LightGBM."""

import numpy as np

from tidings.story.judge import Judge, trees_from_lightgbm
from tidings.story.train import Bag


class _Stump:
    """A model of one tree: x[feature] <= threshold gives `low`, else `high`."""

    def __init__(self, feature: int, threshold: float, low: float, high: float):
        self.feature, self.threshold, self.low, self.high = feature, threshold, low, high

    def predict(self, X, raw_score=True):
        return np.where(X[:, self.feature] <= self.threshold, self.low, self.high)

    def dump_model(self):
        tree = {
            "split_feature": self.feature,
            "threshold": self.threshold,
            "decision_type": "<=",
            "left_child": {"leaf_value": self.low},
            "right_child": {"leaf_value": self.high},
        }
        return {"tree_info": [{"tree_structure": tree}]}

    def feature_importance(self, importance_type="gain"):
        out = np.zeros(3)
        out[self.feature] = abs(self.high - self.low)
        return out


def _judge(dump, names):
    return Judge(tuple(names), *trees_from_lightgbm(dump, names), 1.0, 0.0, 0.5, {})


def test_the_exported_trees_give_the_average_of_the_models():
    X = np.random.default_rng(3).normal(size=(50, 3))
    models = [_Stump(0, 0.0, -1.0, 2.0), _Stump(1, 0.5, 0.5, -0.5), _Stump(2, -0.2, 3.0, 1.0)]
    bag = Bag(models)
    expected = np.mean([m.predict(X) for m in models], axis=0)
    assert np.allclose(bag.predict(X), expected)
    assert np.allclose(_judge(bag.dump_model(), ["a", "b", "c"]).raw(X), expected)
    assert np.allclose(bag.feature_importance(), [3.0, 1.0, 2.0])


def test_a_bag_of_one_is_that_model():
    X = np.random.default_rng(4).normal(size=(20, 3))
    one = _Stump(1, 0.1, -2.0, 4.0)
    assert np.allclose(_judge(Bag([one]).dump_model(), ["a", "b", "c"]).raw(X), one.predict(X))
