"""Every op's gradient against central finite differences (`gradcheck`), over random
shapes and values drawn by hypothesis, broadcasting included."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from oracles import check
from strategies import array_and_axis, arrays, away_from, broadcast_pairs, small_shapes

from autograd import Value, concat, stack

# ----- arithmetic, with broadcasting ---------------------------------------------------


@given(broadcast_pairs())
def test_add(pair):
    check(lambda a, b: a + b, *pair)


@given(broadcast_pairs())
def test_sub(pair):
    check(lambda a, b: a - b, *pair)


@given(broadcast_pairs())
def test_mul(pair):
    check(lambda a, b: a * b, *pair)


@given(broadcast_pairs())
def test_div(pair):
    numerator, denominator = pair
    check(lambda a, b: a / b, numerator, away_from(denominator, [0.0], margin=0.5))


@given(broadcast_pairs(low=0.5, high=2.0))
def test_pow_of_two_values(pair):
    check(lambda a, b: a**b, *pair)


@given(arrays(small_shapes, low=0.5, high=2.0), st.sampled_from([2, 3, -1, 0.5, -1.5]))
def test_pow_constant_exponent(x, exponent):
    check(lambda a: a**exponent, x)


@given(arrays(small_shapes))
def test_constant_base_to_a_value_power(x):
    check(lambda a: 2.0**a, x)


@given(arrays(small_shapes))
def test_neg(x):
    check(lambda a: -a, x)


@pytest.mark.parametrize(
    ("shape_a", "shape_b"),
    [
        ((3, 4), (4, 2)),
        ((4,), (4, 2)),
        ((3, 4), (4,)),
        ((4,), (4,)),
        ((2, 3, 4), (4, 5)),
        ((2, 3, 4), (2, 4, 5)),
        ((4,), (2, 4, 5)),
        ((2, 3, 4), (4,)),
    ],
)
def test_matmul(shape_a, shape_b):
    rng = np.random.default_rng(0)
    check(lambda a, b: a @ b, rng.normal(size=shape_a), rng.normal(size=shape_b))


# ----- elementwise functions -------------------------------------------------------------

ELEMENTWISE = {
    "exp": (lambda a: a.exp(), []),
    "log": (lambda a: a.abs().log(), [0.0]),
    "sqrt": (lambda a: a.abs().sqrt(), [0.0]),
    "abs": (lambda a: a.abs(), [0.0]),
    "tanh": (lambda a: a.tanh(), []),
    "sigmoid": (lambda a: a.sigmoid(), []),
    "relu": (lambda a: a.relu(), [0.0]),
    "leaky_relu": (lambda a: a.leaky_relu(0.1), [0.0]),
    "sign": (lambda a: a.sign(), [0.0]),
    "clip": (lambda a: a.clip(-0.5, 1.0), [-0.5, 1.0]),
    "clip_min_only": (lambda a: a.clip(min=0.3), [0.3]),
    "sin": (lambda a: a.sin(), []),
    "cos": (lambda a: a.cos(), []),
    "square": (lambda a: a.square(), []),
    "pow": (lambda a: a.abs().pow(1.5), [0.0]),
    "clamp": (lambda a: a.clamp(min=-0.5, max=1.0), [-0.5, 1.0]),
    "clamp_max_only": (lambda a: a.clamp(max=0.3), [0.3]),
    "clip_pair": (lambda a: a.clip(-1.0, 0.5), [-1.0, 0.5]),
    "leaky_relu_negative_slope": (lambda a: a.leaky_relu(negative_slope=0.2), [0.0]),
}


@pytest.mark.parametrize("name", ELEMENTWISE)
@given(x=arrays(small_shapes, low=-3.0, high=3.0))
def test_elementwise_on_arrays(name, x):
    fn, kinks = ELEMENTWISE[name]
    check(fn, away_from(x, kinks, margin=0.05))


@pytest.mark.parametrize("name", ELEMENTWISE)
@given(x=st.floats(-3.0, 3.0))
def test_elementwise_on_scalars(name, x):
    fn, kinks = ELEMENTWISE[name]
    check(fn, float(away_from([x], kinks, margin=0.05)[0]))


# ----- reductions ------------------------------------------------------------------------


@given(array_and_axis(), st.booleans())
def test_sum(array_axis, keepdims):
    x, axis = array_axis
    check(lambda a: a.sum(axis=axis, keepdims=keepdims), x)


@given(array_and_axis(), st.booleans())
def test_mean(array_axis, keepdims):
    x, axis = array_axis
    check(lambda a: a.mean(axis=axis, keepdims=keepdims), x)


@given(
    hnp.arrays(np.float64, small_shapes, elements=st.integers(-1000, 1000), unique=True),
    st.booleans(),
    st.data(),
)
def test_max_of_distinct_values(x, keepdims, data):
    axis = data.draw(st.none() | st.integers(-x.ndim, x.ndim - 1))
    check(lambda a: a.amax(axis=axis, keepdims=keepdims), x / 100.0)


def test_max_shares_the_gradient_among_ties():
    x = Value(np.array([1.0, 3.0, 3.0, 2.0]))
    x.max().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.5, 0.5, 0.0])


@pytest.mark.parametrize("op", ["logsumexp", "softmax", "log_softmax"])
@given(x=arrays(small_shapes, low=-5.0, high=5.0), data=st.data())
def test_softmax_family(op, x, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    check(lambda a: getattr(a, op)(axis=axis), x)


# ----- shape ops -------------------------------------------------------------------------


@given(arrays(small_shapes))
def test_reshape_and_transpose(x):
    check(lambda a: a.reshape(-1), x)
    check(lambda a: a.reshape(x.shape[::-1]).T, x)
    check(lambda a: a.permute(*reversed(range(a.ndim))), x)


@pytest.mark.parametrize(
    "index",
    [
        1,
        (slice(None), 0),
        (Ellipsis, slice(1, 3)),
        np.array([0, 2, 2, 1]),
        np.array([True, False, True]),
    ],
    ids=["int", "column", "ellipsis-slice", "repeated-indices", "boolean-mask"],
)
def test_getitem(index):
    rng = np.random.default_rng(1)
    check(lambda a: a[index], rng.normal(size=(3, 4)))


@given(st.integers(0, 2), st.integers(1, 3), st.integers(1, 3))
def test_concat(axis, n_first, n_second):
    rng = np.random.default_rng(2)
    shape_a, shape_b = [2, 3, 2], [2, 3, 2]
    shape_a[axis], shape_b[axis] = n_first, n_second
    check(
        lambda a, b: concat([a, b], axis=axis), rng.normal(size=shape_a), rng.normal(size=shape_b)
    )


@given(st.integers(-3, 2))
def test_stack(axis):
    rng = np.random.default_rng(3)
    check(lambda a, b: stack([a, b], axis=axis), rng.normal(size=(2, 3)), rng.normal(size=(2, 3)))


def test_stack_of_scalar_values():
    check(lambda a, b, c: stack([a, b * c, c]), 1.5, -2.0, 0.5)


# ----- mixing scalars, arrays and constants ----------------------------------------------


@given(arrays(small_shapes), st.floats(-2, 2))
def test_scalar_value_with_array_value(x, s):
    check(lambda a, b: (a * b + b) / (1.0 + b * b), x, s)


@given(broadcast_pairs())
def test_constants_on_either_side(pair):
    x, constant = pair
    check(lambda a: constant * a + a * constant - constant + (constant - a) * 2.0, x)


def test_array_constant_at_left_of_matmul_and_mul():
    rng = np.random.default_rng(4)
    matrix, vector = rng.normal(size=(3, 4)), rng.normal(size=4)
    check(lambda w: (matrix @ w) * vector[:3] + 1.0 / (2.0 + w[0] ** 2), rng.normal(size=4))


@given(arrays(small_shapes, low=0.5, high=2.0))
def test_reused_nodes(x):
    check(lambda a: a * a + a.log() * a - (a / a.exp()), x)
