"""clip_grad_norm against torch.nn.utils.clip_grad_norm_'s documented rule."""

import math

import numpy as np
import pytest

from autograd import Value
from optim import clip_grad_norm


def params_with_grads(dtype=np.float64):
    W, b, s = Value(np.zeros((2, 2), dtype=dtype)), Value(np.zeros(2, dtype=dtype)), Value(0.0)
    W.grad = np.array([[3.0, 0.0], [0.0, 4.0]], dtype=dtype)
    b.grad = np.array([0.0, 12.0], dtype=dtype)
    s.grad = 84.0
    return [W, b, s, Value(1.0)]  # the last has no grad: skipped


def test_returns_the_total_norm_and_scales_every_gradient_in_place():
    params = params_with_grads()
    W_grad = params[0].grad
    norm = clip_grad_norm(params, max_norm=1.0)
    assert norm == 85.0  # sqrt(9 + 16 + 144 + 7056)
    scale = 1.0 / (85.0 + 1e-6)
    assert params[0].grad is W_grad
    np.testing.assert_allclose(W_grad, [[3 * scale, 0], [0, 4 * scale]], rtol=1e-15)
    np.testing.assert_allclose(params[1].grad, [0, 12 * scale], rtol=1e-15)
    assert params[2].grad == pytest.approx(84 * scale, rel=1e-15)
    assert params[3].grad is None
    total_after = math.sqrt(
        sum(float(np.sum(np.square(p.grad))) for p in params if p.grad is not None)
    )
    assert total_after == pytest.approx(1.0, rel=1e-6)


def test_small_gradients_are_left_alone():
    params = params_with_grads()
    assert clip_grad_norm(params, max_norm=100.0) == 85.0
    np.testing.assert_array_equal(params[1].grad, [0.0, 12.0])
    assert params[2].grad == 84.0


def test_float32_gradients_stay_float32():
    params = params_with_grads(np.float32)
    assert clip_grad_norm(params, max_norm=8.5) == pytest.approx(85.0)
    assert params[0].grad.dtype == np.float32
    np.testing.assert_allclose(params[1].grad, [0.0, 1.2], rtol=1e-6)


def test_a_single_value_and_no_gradients():
    w = Value(np.array([3.0, 4.0]))
    w.grad = np.array([3.0, 4.0])
    assert clip_grad_norm(w, 10.0) == 5.0
    assert clip_grad_norm([Value(1.0)], 1.0) == 0.0


def test_after_backward():
    W = Value(np.ones(4))
    (W * 10).sum().backward()  # each grad 10, norm 20
    assert clip_grad_norm([W], max_norm=2.0) == pytest.approx(20.0)
    np.testing.assert_allclose(W.grad, np.full(4, 1.0), rtol=1e-6)


def test_bad_input():
    with pytest.raises(ValueError, match=r"max_norm: -1\.0"):
        clip_grad_norm([Value(1.0)], -1.0)
    with pytest.raises(TypeError, match="item 0 is a ndarray"):
        clip_grad_norm([np.ones(2)], 1.0)
