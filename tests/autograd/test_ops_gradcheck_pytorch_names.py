"""The ops added with PyTorch's names (prod, amax, amin, var, std, max/min along a dim,
permute, transpose, flatten, squeeze, unsqueeze, where, maximum, minimum): each gradient
against central finite differences (`gradcheck`) over shapes and values drawn by hypothesis.
The elementwise ones (sin, cos, square, pow, clamp) are in test_ops_gradcheck.py's table."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from oracles import check
from strategies import array_and_axis, arrays, broadcast_pairs, small_shapes

from autograd import Value, cat, maximum, minimum, where


@given(array_and_axis(low=-1.5, high=1.5), st.booleans())
def test_prod(array_axis, keepdim):
    x, dim = array_axis
    check(lambda a: a.prod(dim=dim, keepdim=keepdim), x)


def test_prod_gradient_with_zeros_is_the_product_of_the_others():
    x = Value(np.array([[0.0, 2.0, 3.0], [0.0, 0.0, 5.0]]))
    x.prod(dim=1).backward(np.ones(2))
    np.testing.assert_array_equal(x.grad, [[6.0, 0.0, 0.0], [0.0, 0.0, 0.0]])


distinct = hnp.arrays(np.float64, small_shapes, elements=st.integers(-1000, 1000), unique=True)


@pytest.mark.parametrize("op", ["amax", "amin"])
@given(x=distinct, keepdim=st.booleans(), data=st.data())
def test_amax_amin(op, x, keepdim, data):
    dim = data.draw(st.none() | st.integers(-x.ndim, x.ndim - 1))
    check(lambda a: getattr(a, op)(dim=dim, keepdim=keepdim), x / 100.0)


@pytest.mark.parametrize("op", ["max", "min"])
@given(x=distinct, keepdim=st.booleans(), data=st.data())
def test_max_min_along_a_dim(op, x, keepdim, data):
    dim = data.draw(st.integers(-x.ndim, x.ndim - 1))
    check(lambda a: getattr(a, op)(dim, keepdim=keepdim).values, x / 100.0)


@pytest.mark.parametrize("op", ["var", "std"])
@given(x=arrays(small_shapes), correction=st.sampled_from([0, 1]), data=st.data())
def test_var_std(op, x, correction, data):
    dim = data.draw(st.none() | st.integers(-x.ndim, x.ndim - 1))
    count = x.size if dim is None else x.shape[dim]
    if count - correction <= 0 or np.min(np.var(x, axis=dim)) < 1e-2:
        return  # too few elements; and sqrt at 0 (a constant line) has no derivative
    check(lambda a: getattr(a, op)(dim=dim, correction=correction), x)


@given(arrays(small_shapes), st.data())
def test_permute_transpose(x, data):
    dims = data.draw(st.permutations(range(x.ndim)))
    check(lambda a: a.permute(*dims), x)
    dim0, dim1 = data.draw(st.integers(0, x.ndim - 1)), data.draw(st.integers(-x.ndim, x.ndim - 1))
    check(lambda a: a.transpose(dim0, dim1), x)


@given(arrays(hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=3)), st.data())
def test_flatten_squeeze_unsqueeze_view(x, data):
    start = data.draw(st.integers(0, x.ndim - 1))
    end = data.draw(st.integers(start, x.ndim - 1))
    check(lambda a: a.flatten(start, end), x)
    check(lambda a: a.squeeze(), x)
    position = data.draw(st.integers(-x.ndim - 1, x.ndim))
    check(lambda a: a.unsqueeze(position), x)
    check(lambda a: a.view(-1), x)


@given(broadcast_pairs(), st.data())
def test_where(pair, data):
    a, b = pair
    shape = np.broadcast_shapes(a.shape, b.shape)
    condition = data.draw(hnp.arrays(bool, shape))
    check(lambda u, v: where(condition, u, v), a, b)


@given(broadcast_pairs())
def test_maximum_minimum(pair):
    a, b = pair
    b = np.where(np.abs(a - b) < 1e-2, b + 0.1, b)  # ties are a kink
    check(lambda u, v: maximum(u, v), a, b)
    check(lambda u, v: minimum(u, v), a, b)


@given(st.integers(0, 1))
def test_cat_with_dim(dim):
    rng = np.random.default_rng(5)
    check(lambda a, b: cat([a, b], dim=dim), rng.normal(size=(2, 3)), rng.normal(size=(2, 3)))
