"""Losses: hand-computed values, gradcheck in float64, reductions, stability, shape and
domain errors; the fused cross-entropy and hinge loss against their composite formulas."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import arrays, away_from

from autograd import Value, gradcheck
from autograd.ops.losses import CrossEntropy, HingeLoss
from nn import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge_loss,
    l1_loss,
    mse_loss,
)

PRED = np.array([0.5, -1.0, 2.0, 0.0])
TARGET = np.array([1.0, -1.0, 1.0, 1.0])


def test_regression_losses_by_hand():
    assert mse_loss(PRED, TARGET).item() == pytest.approx((0.25 + 0 + 1 + 1) / 4)
    assert l1_loss(PRED, TARGET).item() == pytest.approx((0.5 + 0 + 1 + 1) / 4)
    assert mse_loss(PRED, TARGET, reduction="sum").item() == pytest.approx(2.25)
    np.testing.assert_allclose(l1_loss(PRED, TARGET, reduction="none").data, [0.5, 0, 1, 1])


def test_hinge_by_hand():
    # max(0, 1 - y·ŷ): 1 - 0.5 = 0.5, 1 - 1 = 0, 1 - 2 < 0 → 0, 1 - 0 = 1
    np.testing.assert_allclose(hinge_loss(PRED, TARGET, reduction="none").data, [0.5, 0, 0, 1])
    assert hinge_loss(PRED, TARGET).item() == pytest.approx(1.5 / 4)


def test_binary_cross_entropy_by_hand():
    p, y = np.array([0.9, 0.2, 0.5]), np.array([1.0, 0.0, 1.0])
    expected = [-math.log(0.9), -math.log(0.8), -math.log(0.5)]
    np.testing.assert_allclose(binary_cross_entropy(p, y, reduction="none").data, expected)
    z = np.log(p / (1 - p))  # the same probabilities as logits
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(z, y, reduction="none").data, expected, rtol=1e-12
    )


def test_cross_entropy_by_hand_with_indices_and_one_hot():
    logits = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0]])
    log_softmax = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    expected = -(log_softmax[0, 0] + log_softmax[1, 1]) / 2
    assert cross_entropy(logits, np.array([0, 1])).item() == pytest.approx(expected, rel=1e-12)
    one_hot = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    assert cross_entropy(logits, one_hot).item() == pytest.approx(expected, rel=1e-12)
    assert cross_entropy(logits, np.array([0, 1]), reduction="sum").item() == pytest.approx(
        2 * expected
    )
    assert cross_entropy(logits, np.array([0.0, 1.0])).item() == pytest.approx(expected)


@given(
    arrays((4, 3), -5, 5),
    st.lists(st.integers(0, 2), min_size=4, max_size=4),
    st.sampled_from(["mean", "sum", "none"]),
)
def test_fused_cross_entropy_equals_the_composite_formula(logits, labels, reduction):
    target = np.array(labels)
    fused_input, plain_input = Value(logits.copy()), Value(logits.copy())
    fused = cross_entropy(fused_input, target, reduction=reduction)
    per_sample = -plain_input.log_softmax(axis=1)[np.arange(4), target]
    plain = {"mean": per_sample.mean(), "sum": per_sample.sum(), "none": per_sample}[reduction]
    np.testing.assert_allclose(fused.data, plain.data, rtol=1e-12, atol=1e-12)
    g = np.linspace(0.5, 1.5, 4) if reduction == "none" else None
    fused.backward(g)
    plain.backward(g)
    np.testing.assert_allclose(fused_input.grad, plain_input.grad, rtol=1e-10, atol=1e-12)
    assert fused.op == "cross_entropy" and fused.parents == (fused_input,)


@given(
    hnp.array_shapes(min_dims=1, max_dims=3, max_side=5),
    st.sampled_from([np.float64, np.float32]),
    st.sampled_from(["mean", "sum", "none"]),
    st.data(),
)
def test_fused_hinge_loss_equals_the_composite_formula_bit_for_bit(shape, dtype, reduction, data):
    # Margins exactly at the kink (y·ŷ = 1, so ŷ = ±1) are drawn too: there both give 0.
    prediction = data.draw(hnp.arrays(dtype, shape, elements=st.sampled_from([-1.0, 1.0, 0.5])))
    prediction = prediction + data.draw(arrays(shape, -3, 3)).astype(dtype) * data.draw(
        st.sampled_from([0.0, 1.0])
    )
    target = data.draw(hnp.arrays(dtype, shape, elements=st.sampled_from([-1.0, 1.0])))
    fused_input, plain_input = Value(prediction.copy()), Value(prediction.copy())
    fused = hinge_loss(fused_input, target, reduction=reduction)
    per_element = (1.0 - plain_input * target).relu()
    plain = {"mean": per_element.mean(), "sum": per_element.sum(), "none": per_element}[reduction]
    np.testing.assert_array_equal(fused.data, plain.data)
    assert fused.dtype == plain.dtype == dtype
    # dL/d(loss) other than 1, so that g·(1/N) and g/N would differ
    g = np.linspace(0.7, 1.3, prediction.size).reshape(shape).astype(dtype)
    g = g if reduction == "none" else g.flat[0]
    fused.backward(g)
    plain.backward(g)
    assert fused_input.grad.dtype == dtype
    np.testing.assert_array_equal(fused_input.grad, plain_input.grad)
    assert fused.op == HingeLoss.op_name() == "hinge_loss" and fused.parents == (fused_input,)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fused_hinge_mean_scales_its_gradient_as_the_composite_does(dtype):
    # N = 9 and dL/d(loss) = 0.7: here 0.7·(1/9) and 0.7/9 differ in the last bit, in both
    # dtypes, so the fused op must compute the composite mean's g·(1/N), not g/N.
    prediction = np.linspace(-2, 2, 9).astype(dtype)
    target = np.where(np.arange(9) % 2 == 0, 1.0, -1.0).astype(dtype)
    fused_input, plain_input = Value(prediction.copy()), Value(prediction.copy())
    hinge_loss(fused_input, target).backward(np.array(0.7, dtype))
    (1.0 - plain_input * target).relu().mean().backward(np.array(0.7, dtype))
    np.testing.assert_array_equal(fused_input.grad, plain_input.grad)


def test_hinge_loss_of_a_scalar_value_is_a_float_with_a_float_gradient():
    y_hat = Value(0.25)
    loss = hinge_loss(y_hat, -1.0)  # max(0, 1 + 0.25)
    assert loss.data == 1.25 and type(loss.data) is float
    loss.backward()
    assert y_hat.grad == 1.0 and type(y_hat.grad) is float


def test_cross_entropy_backward_is_softmax_minus_one_hot_over_n():
    logits = Value(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]))
    cross_entropy(logits, np.array([2, 0])).backward()
    softmax = np.exp(logits.data) / np.exp(logits.data).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(logits.grad, (softmax - np.eye(3)[[2, 0]]) / 2, rtol=1e-12)


def test_losses_are_stable_for_extreme_inputs():
    big = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    assert cross_entropy(big, np.array([0, 1])).item() == 0.0
    assert cross_entropy(big, np.array([1, 0])).item() == pytest.approx(2000.0)
    z = Value(np.array([-1000.0, 1000.0, 0.0]))
    loss = binary_cross_entropy_with_logits(z, np.array([1.0, 0.0, 1.0]), reduction="none")
    np.testing.assert_allclose(loss.data, [1000.0, 1000.0, math.log(2)])
    loss.sum().backward()
    np.testing.assert_allclose(z.grad, [-1.0, 1.0, -0.5])  # σ(z) − y, also at z = 0


def test_binary_cross_entropy_is_finite_at_0_and_1():
    for dtype in (np.float64, np.float32):
        p = Value(np.array([0.0, 1.0, 0.0, 1.0], dtype))
        loss = binary_cross_entropy(p, np.array([1.0, 0.0, 0.0, 1.0]))
        assert np.isfinite(loss.item()) and loss.item() > 5
        loss.backward()
        assert np.all(np.isfinite(p.grad))


def probabilities(shape):
    return arrays(shape, 0.05, 0.95)


@pytest.mark.parametrize(
    ("loss", "target"),
    [
        (mse_loss, np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])),
        (l1_loss, np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])),
        (binary_cross_entropy, np.array([[1.0, 0.0, 0.3], [0.0, 1.0, 1.0]])),
        (binary_cross_entropy_with_logits, np.array([[1.0, 0.0, 0.3], [0.0, 1.0, 1.0]])),
        (hinge_loss, np.array([[1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]])),
    ],
)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@given(data=st.data())
def test_gradcheck_every_elementwise_loss(loss, target, reduction, data):
    low, high = (0.05, 0.95) if loss is binary_cross_entropy else (-2.0, 2.0)
    prediction = data.draw(arrays((2, 3), low, high))
    if loss in (l1_loss, hinge_loss):  # kinks where prediction = target or y·ŷ = 1
        prediction = away_from(prediction, [-1.0, 0.5, 1.0, 2.0, 0.0, -0.5], margin=1e-3)
    assert gradcheck(lambda p: loss(p, target, reduction=reduction), Value(prediction))


@given(arrays((3, 4), -3, 3), st.sampled_from(["mean", "sum", "none"]))
def test_gradcheck_cross_entropy(logits, reduction):
    assert gradcheck(
        lambda z: cross_entropy(z, np.array([3, 0, 1]), reduction=reduction), Value(logits)
    )
    soft = np.array([[0.25, 0.25, 0.5, 0.0], [1.0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4]])
    assert gradcheck(lambda z: cross_entropy(z, soft, reduction=reduction), Value(logits))


def test_an_n_by_1_prediction_with_an_n_target_is_taken_as_n():
    pred = Value(np.array([[0.5], [2.0]]))
    loss = mse_loss(pred, np.array([1.0, 1.0]), reduction="none")
    assert loss.shape == (2,)
    loss.sum().backward()
    assert pred.grad.shape == (2, 1)


@pytest.mark.parametrize(
    "loss", [mse_loss, l1_loss, binary_cross_entropy, binary_cross_entropy_with_logits, hinge_loss]
)
@pytest.mark.parametrize(
    ("pred_shape", "target_shape"), [((3,), (3, 1)), ((4,), (3,)), ((2, 2), (4,))]
)
def test_any_other_shape_mismatch_is_an_error_naming_both_shapes(loss, pred_shape, target_shape):
    message = (
        rf"prediction of shape {re_shape(pred_shape)} and target of shape {re_shape(target_shape)}"
    )
    with pytest.raises(ValueError, match=message):
        loss(np.full(pred_shape, 0.5), np.ones(target_shape))


def re_shape(shape):
    return str(shape).replace("(", r"\(").replace(")", r"\)")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: cross_entropy(np.zeros((2, 3)), np.array([0, 3])),
            r"must lie in \[0, 3\).*\[3\]",
        ),
        (
            lambda: cross_entropy(np.zeros((2, 3)), np.array([-1, 0])),
            r"must lie in \[0, 3\).*\[-1\]",
        ),
        (
            lambda: cross_entropy(np.zeros((2, 3)), np.array([0.5, 1])),
            "class indices must be integers",
        ),
        (lambda: cross_entropy(np.zeros((2, 3)), np.array([True, False])), "must be integers"),
        (
            lambda: cross_entropy(np.zeros((2, 3)), np.zeros((3,))),
            r"got shape \(3,\) for logits of shape \(2, 3\)",
        ),
        (
            lambda: cross_entropy(np.zeros(3), np.array(1)),
            r"logits must have shape \(N, C\), got \(3,\)",
        ),
        (lambda: cross_entropy(np.zeros((2, 2)), np.array([[0.5, 0.6], [1, 0]])), "must sum to 1"),
        (
            lambda: cross_entropy(np.zeros((2, 2)), np.array([[2.0, -1], [1, 0]])),
            r"one-hot target must lie in \[0.0, 1.0\]",
        ),
        (
            lambda: binary_cross_entropy(np.array([0.5]), np.array([2.0])),
            r"target must lie in \[0.0, 1.0\].*\[2\.\]",
        ),
        (
            lambda: binary_cross_entropy(np.array([1.5]), np.array([1.0])),
            "prediction .probabilities; for logits use",
        ),
        (
            lambda: binary_cross_entropy_with_logits(np.array([3.0]), np.array([-1.0])),
            "target must lie in",
        ),
        (
            lambda: hinge_loss(np.array([0.5, 0.5]), np.array([1.0, 0.0])),
            r"target must hold -1 or \+1 only, got values \[0\.\]",
        ),
        (
            lambda: mse_loss(np.ones(2), np.ones(2), reduction="avg"),
            r"reduction must be one of \('mean', 'sum', 'none'\), got 'avg'",
        ),
        (lambda: mse_loss(np.ones(2), np.array(["a", "b"])), "target must hold numbers"),
    ],
)
def test_labels_outside_the_domain_and_bad_arguments_are_errors(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_float32_losses_stay_float32():
    z = Value(np.zeros((4, 3), np.float32))
    loss = cross_entropy(z, np.array([0, 1, 2, 0]))
    assert loss.dtype == np.float32
    loss.backward()
    assert z.grad.dtype == np.float32
    assert mse_loss(Value(np.ones(3, np.float32)), np.zeros(3)).dtype == np.float32


def test_the_target_is_a_constant_even_as_a_value():
    target = Value(np.ones(3))
    pred = Value(np.zeros(3))
    mse_loss(pred, target).backward()
    assert target.grad is None and pred.grad is not None
    assert CrossEntropy.op_name() == "cross_entropy"
