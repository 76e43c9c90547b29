"""The judge's trainer averages LightGBM models of several seeds (story/train.py Bag): the
exported numpy trees must give the average of the models' raw scores, and one seed must give
the single model the shipped judge was trained as. Needs lightgbm (the `train` extra)."""

import numpy as np
import pytest

from tidings.story import train as T
from tidings.story.judge import Judge, trees_from_lightgbm

pytest.importorskip("lightgbm")


def _data():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(400, 6))
    y = ((X[:, 0] + 0.5 * X[:, 1] * X[:, 2] + rng.normal(scale=0.5, size=400)) > 0).astype(float)
    return X, y, [f"x{i}" for i in range(6)]


def _judge(bag, names):
    arrays = trees_from_lightgbm(bag.dump_model(), names)
    return Judge(tuple(names), *arrays, 1.0, 0.0, 0.5, {})


def test_bag_exports_the_average_of_its_models():
    X, y, names = _data()
    bag = T._fit(X, y, names, seeds=(7, 8, 9))
    assert len(bag.boosters) == 3
    each = [b.predict(X, raw_score=True) for b in bag.boosters]
    assert not np.allclose(each[0], each[1])  # the seeds make different models
    assert np.allclose(bag.predict(X), np.mean(each, axis=0))
    assert np.allclose(_judge(bag, names).raw(X), np.mean(each, axis=0), atol=1e-6)
    assert bag.feature_importance().shape == (6,)


def test_one_seed_is_one_model():
    import lightgbm as lgb

    X, y, names = _data()
    bag = T._fit(X, y, names, seeds=(7,))
    alone = lgb.train({**T.PARAMS, "seed": 7}, lgb.Dataset(X, label=y), num_boost_round=T.ROUNDS)
    assert np.allclose(_judge(bag, names).raw(X), alone.predict(X, raw_score=True), atol=1e-6)
