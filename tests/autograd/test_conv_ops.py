"""The convolution, pooling and padding ops: values against hand-written loops and hand-
derived numbers, gradients against central differences (gradcheck, over hypothesis-drawn
shapes, strides and paddings, float64) and against the same layer composed of primitive
ops (slices, matrix products, relu, sums)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from oracles import assert_fused_matches
from strategies import geometries

from autograd import Value, gradcheck
from autograd.ops.conv import Conv2d
from autograd.ops.padding import Pad
from autograd.ops.pooling import AvgPool2d, MaxPool2d
from autograd.ops.windows import output_size


def random(shape, seed):
    return np.random.default_rng(seed).normal(size=shape)


# ----- references: loops over windows and the composite of primitive ops ----------------


def conv_by_loops(x, weight, bias, stride, padding):
    """out[n, o, i, j] = b[o] + Σ W[o] · window(i, j), one window at a time."""
    (sh, sw), (ph, pw) = stride, padding
    x_pad = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    c_out, _, kh, kw = weight.shape
    ho = output_size(x.shape[2], kh, sh, ph)
    wo = output_size(x.shape[3], kw, sw, pw)
    out = np.zeros((x.shape[0], c_out, ho, wo))
    for n in range(x.shape[0]):
        for o in range(c_out):
            for i in range(ho):
                for j in range(wo):
                    window = x_pad[n, :, i * sh : i * sh + kh, j * sw : j * sw + kw]
                    out[n, o, i, j] = np.sum(window * weight[o]) + bias[o]
    return out


def padded_composite(x, padding, fill=0.0):
    """x padded by two matrix products with constant 0/1 matrices that embed H in H + 2pH
    (and W in W + 2pW); `fill` (e.g. −∞) is added where the padding is."""
    (ph, pw), (h, w) = padding, x.shape[2:]
    rows = np.eye(h + 2 * ph, h, k=-ph)
    cols = np.eye(w, w + 2 * pw, k=pw)
    out = rows @ x @ cols
    if fill != 0.0:
        border = np.full(out.shape, fill)
        border[:, :, ph : ph + h, pw : pw + w] = 0.0
        out = out + border
    return out


def offset_views(x_pad, kernel, stride, out_size):
    """The slice of x_pad at each kernel offset (p, q), as getitem nodes."""
    (kh, kw), (sh, sw), (ho, wo) = kernel, stride, out_size
    for p in range(kh):
        for q in range(kw):
            yield p, q, x_pad[:, :, p : p + sh * (ho - 1) + 1 : sh, q : q + sw * (wo - 1) + 1 : sw]


def out_size(shape, kernel, stride, padding):
    return tuple(output_size(n, k, s, p) for n, k, s, p in zip(shape[2:], kernel, stride, padding))


def conv_composite(x, weight, bias, stride, padding):
    """Σ over kernel offsets (p, q) of W[:, :, p, q] @ (the input's slice at that offset)."""
    n, c = x.shape[:2]
    c_out, _, kh, kw = weight.shape
    ho, wo = size = out_size(x.shape, (kh, kw), stride, padding)
    total = 0.0
    for p, q, view in offset_views(padded_composite(x, padding), (kh, kw), stride, size):
        total = total + weight[:, :, p, q] @ view.reshape(n, c, ho * wo)  # (N, C_out, HW)
    return total.reshape(n, c_out, ho, wo) + bias.reshape(1, c_out, 1, 1)


def max_pool_composite(x, kernel, stride, padding):
    """The running maximum over kernel offsets, max(a, b) = a + relu(b − a). The padding is
    −100 rather than −∞ (−∞ − −∞ is NaN), far below the test's N(0, 1) pixels; every
    window holds a pixel, so it is never the maximum."""
    size = out_size(x.shape, kernel, stride, padding)
    best = None
    for _, _, view in offset_views(padded_composite(x, padding, -100.0), kernel, stride, size):
        best = view if best is None else best + (view - best).relu()
    return best


def avg_pool_composite(x, kernel, stride, padding):
    size = out_size(x.shape, kernel, stride, padding)
    views = [v for _, _, v in offset_views(padded_composite(x, padding), kernel, stride, size)]
    total = views[0]
    for view in views[1:]:
        total = total + view
    return total * (1.0 / len(views))


# ----- convolution --------------------------------------------------------------------


@given(geometries(), st.integers(1, 3), st.booleans())
def test_conv_gradcheck(geometry, c_out, with_bias):
    shape, kernel, stride, padding = geometry
    x = Value(random(shape, 0))
    weight = Value(random((c_out, shape[1], *kernel), 1))
    bias = Value(random(c_out, 2))
    if with_bias:
        assert gradcheck(
            lambda x, w, b: Conv2d.apply(x, w, b, stride=stride, padding=padding), x, weight, bias
        )
    else:
        assert gradcheck(
            lambda x, w: Conv2d.apply(x, w, stride=stride, padding=padding), x, weight
        )


@given(geometries(), st.integers(1, 3))
def test_conv_equals_loops_and_composite(geometry, c_out):
    shape, kernel, stride, padding = geometry
    x, weight, bias = random(shape, 3), random((c_out, shape[1], *kernel), 4), random(c_out, 5)
    out = Conv2d.apply(x, weight, bias, stride=stride, padding=padding)
    np.testing.assert_allclose(out.data, conv_by_loops(x, weight, bias, stride, padding))
    assert_fused_matches(
        lambda x, w, b: Conv2d.apply(x, w, b, stride=stride, padding=padding),
        lambda x, w, b: conv_composite(x, w, b, stride, padding),
        x,
        weight,
        bias,
    )


def test_conv_by_hand():
    """A 3 × 3 image and a 2 × 2 kernel: each output is one window's weighted sum."""
    x = np.arange(9.0).reshape(1, 1, 3, 3)  # [[0 1 2] [3 4 5] [6 7 8]]
    weight = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])  # top-left minus bottom-right
    out = Conv2d.apply(x, weight, np.array([0.5]))
    expected = [[0 - 4 + 0.5, 1 - 5 + 0.5], [3 - 7 + 0.5, 4 - 8 + 0.5]]
    np.testing.assert_array_equal(out.data, [[expected]])


def test_conv_input_gradient_counts_overlapping_windows():
    """With a 2 × 2 kernel of ones, stride 1, the gradient of the sum of the outputs at a
    pixel is the number of windows that contain it: 1 in the corners, 4 in the middle."""
    x = Value(np.zeros((1, 1, 3, 3)))
    Conv2d.apply(x, np.ones((1, 1, 2, 2))).sum().backward()
    np.testing.assert_array_equal(x.grad[0, 0], [[1, 2, 1], [2, 4, 2], [1, 2, 1]])


def test_conv_skips_the_gradient_of_a_constant_input():
    weight = Value(random((2, 1, 3, 3), 0))
    out = Conv2d.apply(random((4, 1, 5, 5), 1), weight)
    assert out.parents == (weight,)
    out.sum().backward()
    assert weight.grad.shape == (2, 1, 3, 3)


@pytest.mark.parametrize("function", ["conv", "max", "avg"])
def test_float32_is_kept(function):
    x = Value(random((2, 3, 6, 6), 0).astype(np.float32))
    if function == "conv":
        weight = Value(random((4, 3, 3, 3), 1).astype(np.float32))
        out = Conv2d.apply(x, weight, stride=(1, 1), padding=(1, 1))
    else:
        op = MaxPool2d if function == "max" else AvgPool2d
        out = op.apply(x, kernel_size=(2, 2), stride=(2, 2), padding=(1, 1))
        weight = x
    out.sum().backward()
    assert out.dtype == np.float32
    assert x.grad.dtype == np.float32 and weight.grad.dtype == np.float32


# ----- pooling ------------------------------------------------------------------------


@given(geometries(max_padding_is_half_kernel=True))
def test_max_pool_gradcheck_and_composite(geometry):
    shape, kernel, stride, padding = geometry
    x = random(shape, 6)  # distinct values: no ties, so the maximum is differentiable

    def fused(x):
        return MaxPool2d.apply(x, kernel_size=kernel, stride=stride, padding=padding)

    assert gradcheck(fused, Value(x.copy()))
    assert_fused_matches(fused, lambda x: max_pool_composite(x, kernel, stride, padding), x)


@given(geometries(max_padding_is_half_kernel=True))
def test_avg_pool_gradcheck_and_composite(geometry):
    shape, kernel, stride, padding = geometry
    x = random(shape, 7)

    def fused(x):
        return AvgPool2d.apply(x, kernel_size=kernel, stride=stride, padding=padding)

    assert gradcheck(fused, Value(x.copy()))
    assert_fused_matches(fused, lambda x: avg_pool_composite(x, kernel, stride, padding), x)


def test_max_pool_by_hand_and_first_maximum_gets_the_gradient():
    """Windows [[1 3] [3 0]] and [[2 2] [2 2]]: the maxima 3 and 2 are tied; the first in
    row-major order gets the whole gradient, as in PyTorch."""
    x = Value(np.array([[[[1.0, 3.0, 2.0, 2.0], [3.0, 0.0, 2.0, 2.0]]]]))
    out = MaxPool2d.apply(x, kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))
    np.testing.assert_array_equal(out.data, [[[[3.0, 2.0]]]])
    out.backward(np.array([[[[10.0, 20.0]]]]))
    np.testing.assert_array_equal(x.grad, [[[[0, 10, 20, 0], [0, 0, 0, 0]]]])


def test_max_pool_overlapping_windows_add_up():
    """Kernel 1 × 2, stride 1 over [0 9 0]: both windows pick the 9, which gets both
    windows' gradients."""
    x = Value(np.array([[[[0.0, 9.0, 0.0]]]]))
    out = MaxPool2d.apply(x, kernel_size=(1, 2), stride=(1, 1), padding=(0, 0))
    np.testing.assert_array_equal(out.data, [[[[9.0, 9.0]]]])
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, [[[[0.0, 2.0, 0.0]]]])


def test_max_pool_padding_is_never_the_maximum():
    x = Value(-np.ones((1, 1, 2, 2)))
    out = MaxPool2d.apply(x, kernel_size=(2, 2), stride=(2, 2), padding=(1, 1))
    np.testing.assert_array_equal(out.data, -np.ones((1, 1, 2, 2)))


def test_avg_pool_counts_the_padding():
    """PyTorch's default: a corner window of a padded 2 × 2 image of ones holds one pixel
    and three padded zeros, so its mean is 1/4."""
    x = Value(np.ones((1, 1, 2, 2)))
    out = AvgPool2d.apply(x, kernel_size=(2, 2), stride=(2, 2), padding=(1, 1))
    np.testing.assert_array_equal(out.data, np.full((1, 1, 2, 2), 0.25))
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, np.full((1, 1, 2, 2), 0.25))


# ----- padding ------------------------------------------------------------------------


@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=3))
def test_pad_gradcheck(widths):
    x = random(tuple(range(2, 2 + len(widths))), 8)
    out = Pad.apply(x, widths=tuple(widths), value=3.0)
    assert out.shape == tuple(n + a + b for n, (a, b) in zip(x.shape, widths))
    assert gradcheck(lambda x: Pad.apply(x, widths=tuple(widths), value=3.0), Value(x))
