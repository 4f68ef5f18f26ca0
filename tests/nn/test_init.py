"""nn.init: measured mean and variance match the formulas for large layers."""

import numpy as np
import pytest

from nn import init

SHAPE = (600, 400)  # n_in = 600, n_out = 400


@pytest.mark.parametrize(
    ("initializer", "variance"),
    [
        (init.xavier_normal, 2 / (600 + 400)),
        (init.xavier_uniform, 2 / (600 + 400)),
        (init.kaiming_normal, 2 / 600),
        (init.kaiming_uniform, 2 / 600),
    ],
)
def test_variance_matches_the_formula(initializer, variance):
    w = initializer(SHAPE, rng=0)
    assert w.shape == SHAPE and w.dtype == np.float64
    assert w.mean() == pytest.approx(0.0, abs=3e-4)
    assert w.var() == pytest.approx(variance, rel=0.01)


def test_uniform_initialisers_stay_within_their_bound():
    assert np.abs(init.xavier_uniform(SHAPE, rng=0)).max() <= np.sqrt(6 / 1000)
    assert np.abs(init.kaiming_uniform(SHAPE, rng=0)).max() <= np.sqrt(6 / 600)


def test_normal_zeros_and_a_1d_weight():
    w = init.normal(SHAPE, mean=1.0, std=0.1, rng=0)
    assert w.mean() == pytest.approx(1.0, abs=1e-3) and w.std() == pytest.approx(0.1, rel=0.01)
    assert not init.zeros((3, 2)).any()
    assert init.fans((5,)) == (5, 1)
    assert init.xavier_normal((10_000,), rng=0).var() == pytest.approx(2 / 10_001, rel=0.05)
    with pytest.raises(ValueError, match="std must be >= 0"):
        init.normal((2,), std=-1.0)
    with pytest.raises(ValueError, match=r"shape \(\)"):
        init.kaiming_normal(())


def test_seeds_and_generators_and_dtype():
    np.testing.assert_array_equal(
        init.kaiming_normal((3, 4), rng=5), init.kaiming_normal((3, 4), rng=5)
    )
    rng = np.random.default_rng(5)
    first, second = init.kaiming_normal((3, 4), rng=rng), init.kaiming_normal((3, 4), rng=rng)
    np.testing.assert_array_equal(first, init.kaiming_normal((3, 4), rng=5))
    assert not np.array_equal(first, second)  # a Generator is advanced, not reseeded
    assert init.xavier_uniform((3, 4), rng=0, dtype=np.float32).dtype == np.float32
