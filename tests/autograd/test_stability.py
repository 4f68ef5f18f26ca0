"""Numerically extreme inputs: finite values and gradients, no warnings (warnings are
errors in this suite), for sigmoid, softmax, log_softmax and logsumexp at ±1000."""

import math

import numpy as np
import pytest

from autograd import Value

EXTREME = np.array(
    [[-1000.0, 0.0, 1000.0], [1000.0, 1000.0, -1000.0], [-1000.0, -1000.0, -1000.0]]
)


def test_sigmoid_at_plus_minus_1000():
    x = Value(EXTREME.copy())
    y = x.sigmoid()
    expected = np.where(EXTREME > 0, 1.0, np.where(EXTREME < 0, 0.0, 0.5))
    np.testing.assert_array_equal(y.data, expected)
    y.sum().backward()
    assert np.all(np.isfinite(x.grad))
    for s in (-1000.0, 1000.0):
        v = Value(s)
        out = v.sigmoid()
        out.backward()
        assert out.data == (1.0 if s > 0 else 0.0) and v.grad == 0.0


def test_logsumexp_at_plus_minus_1000():
    x = Value(EXTREME.copy())
    y = x.logsumexp(axis=-1)
    np.testing.assert_allclose(y.data, [1000.0, 1000.0 + math.log(2), -1000.0 + math.log(3)])
    y.sum().backward()
    np.testing.assert_allclose(x.grad[1], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(x.grad.sum(axis=-1), 1.0)


@pytest.mark.parametrize("axis", [0, -1])
def test_softmax_and_log_softmax_at_plus_minus_1000(axis):
    x = Value(EXTREME.copy())
    probabilities = x.softmax(axis=axis)
    log_probabilities = x.log_softmax(axis=axis)
    assert np.all(np.isfinite(probabilities.data)) and np.all(np.isfinite(log_probabilities.data))
    np.testing.assert_allclose(probabilities.data.sum(axis=axis), 1.0)
    np.testing.assert_allclose(np.exp(log_probabilities.data), probabilities.data, atol=1e-300)
    weights = np.arange(9.0).reshape(3, 3)
    (probabilities * weights).sum().backward()
    (log_probabilities * weights).sum().backward()
    assert np.all(np.isfinite(x.grad))


def test_logsumexp_of_minus_infinity_is_minus_infinity_without_warnings():
    out = Value(np.array([-np.inf, -np.inf])).logsumexp()
    assert out.data == -np.inf


def test_scalar_exp_overflow_gives_inf_like_numpy():
    assert Value(1000.0).exp().data == math.inf
    assert Value(0.0).log().data == -math.inf
