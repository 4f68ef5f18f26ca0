"""Dropout: about p of the activations zeroed in training, scaled by 1/(1-p); none in eval."""

import numpy as np
import pytest

from autograd import Value
from nn import Dropout


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_zeroes_about_p_and_scales_the_rest(p):
    out = Dropout(p, seed=0)(np.ones((200, 500))).data
    zeroed = np.mean(out == 0)
    assert zeroed == pytest.approx(p, abs=0.01)
    np.testing.assert_allclose(out[out != 0], 1 / (1 - p))
    assert out.mean() == pytest.approx(1.0, abs=0.02)  # the expectation is kept


def test_eval_mode_is_the_identity_and_train_mode_comes_back():
    drop = Dropout(0.5, seed=0)
    x = Value(np.random.default_rng(0).normal(size=(10, 10)))
    assert drop.eval()(x) is x
    assert np.mean(drop.train()(x).data == 0) > 0.3


def test_fresh_masks_every_call_reproducible_from_the_seed():
    a, b = Dropout(0.5, seed=1), Dropout(0.5, seed=1)
    x = np.ones(100)
    first, second = a(x).data, a(x).data
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(first, b(x).data)
    np.testing.assert_array_equal(second, b(x).data)


def test_gradient_flows_through_the_kept_elements_only():
    x = Value(np.ones(1000))
    out = Dropout(0.3, seed=0)(x)
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, out.data)  # d out/dx = mask / (1 - p)


def test_float32_stays_float32_and_p_zero_is_the_identity():
    x = Value(np.ones(10, np.float32))
    assert Dropout(0.5, seed=0)(x).dtype == np.float32
    assert Dropout(0.0)(x) is x


@pytest.mark.parametrize("p", [1.0, -0.1, 1.5, "0.5", True])
def test_p_outside_0_1_is_an_error(p):
    with pytest.raises((ValueError, TypeError), match=r"dropout probability p must be a"):
        Dropout(p)
