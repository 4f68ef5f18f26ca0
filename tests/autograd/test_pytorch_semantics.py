"""PyTorch habits carry over: in-place updates, transpose(dim0, dim1), max(dim) pairs,
comparisons, dim/keepdim with numpy's aliases, and PyTorch's gradients at kinks and edges.
Every expected number here is worked out by hand."""

import math

import numpy as np
import pytest

from autograd import Value, no_grad

# ----- in-place arithmetic -------------------------------------------------------------


def test_in_place_update_under_no_grad_changes_the_value_itself():
    w = Value(np.array([1.0, 2.0], dtype=np.float32))
    w.grad = np.array([0.5, -1.0], dtype=np.float32)
    same, data = w, w.data
    with no_grad():
        w -= 0.1 * w.grad
    assert w is same and w.data is data  # the same object and the same array
    assert w.dtype == np.float32 and w.shape == (2,)
    np.testing.assert_allclose(w.data, [0.95, 2.1], rtol=1e-6)
    assert w.requires_grad  # still a parameter: the next backward reaches it
    (w * w).sum().backward()
    np.testing.assert_allclose(w.grad, [0.5 + 1.9, -1.0 + 4.2], rtol=1e-6)


@pytest.mark.parametrize(
    ("op", "expected"),
    [("+=", 5.0), ("-=", -1.0), ("*=", 6.0), ("/=", 2.0 / 3.0)],
)
def test_each_in_place_operator_on_floats(op, expected):
    a = Value(2.0)
    with no_grad():
        exec(f"a {op} Value(3.0)", {}, {"a": a, "Value": Value})
    assert a.data == pytest.approx(expected) and type(a.data) is float


def test_in_place_on_a_value_that_requires_no_grad_is_allowed_while_recording():
    total = Value(np.zeros(2), requires_grad=False)
    total += np.array([1.0, 2.0])
    total *= 2.0
    np.testing.assert_array_equal(total.data, [2.0, 4.0])


def test_in_place_while_recording_on_a_parameter_is_a_runtime_error():
    w = Value(np.ones(2))
    with pytest.raises(RuntimeError, match="no_grad"):
        w -= 0.1
    np.testing.assert_array_equal(w.data, [1.0, 1.0])  # nothing changed


def test_in_place_while_recording_on_a_computed_node_records_the_op():
    a = Value(2.0)
    total = a * a
    first = total
    total += a * 3.0  # recorded as PyTorch records it; the old node keeps its data
    assert total is not first and first.data == 4.0
    total.backward()
    assert total.data == 10.0 and a.grad == 2 * 2.0 + 3.0
    constant = Value(np.ones(2), requires_grad=False)
    w = Value(np.array([1.0, 2.0]))
    constant += w
    assert constant.requires_grad and constant.op == "+"


def test_in_place_refuses_to_change_the_shape():
    w = Value(np.ones(2), requires_grad=False)
    with pytest.raises(ValueError, match=r"keep the shape \(2,\)"):
        w += np.ones((3, 2))
    s = Value(1.0, requires_grad=False)
    with pytest.raises(ValueError, match="float"):
        s += np.ones(2)


# ----- shapes ----------------------------------------------------------------------------


def test_transpose_swaps_two_axes_as_pytorch():
    x = Value(np.arange(6.0).reshape(2, 3))
    assert x.transpose(0, 1).shape == (3, 2)  # numpy's transpose(0, 1) would change nothing
    np.testing.assert_array_equal(x.transpose(0, 1).data, x.data.T)
    y = Value(np.zeros((2, 3, 4)))
    assert y.transpose(0, 2).shape == (4, 3, 2)
    assert y.transpose(-1, 1).shape == (2, 4, 3)
    assert y.T.shape == (4, 3, 2) and y.permute(1, 2, 0).shape == (3, 4, 2)
    with pytest.raises(TypeError):
        y.transpose(2, 1, 0)  # a full permutation is permute's job
    with pytest.raises(ValueError, match="permute"):
        y.permute(0, 0, 1)


def test_flatten_squeeze_unsqueeze_view_shapes():
    x = Value(np.zeros((2, 1, 3, 1)))
    assert x.flatten().shape == (6,)
    assert x.flatten(1).shape == (2, 3)
    assert x.flatten(1, 2).shape == (2, 3, 1)
    assert x.squeeze().shape == (2, 3)
    assert x.squeeze(1).shape == (2, 3, 1)
    assert x.squeeze(0).shape == (2, 1, 3, 1)  # not of length 1: left alone, as PyTorch
    assert x.squeeze((1, 3)).shape == (2, 3)
    assert x.unsqueeze(0).shape == (1, 2, 1, 3, 1)
    assert x.unsqueeze(-1).shape == (2, 1, 3, 1, 1)
    assert x.view(3, -1).shape == (3, 2) and x.view((6,)).shape == (6,)
    with pytest.raises(ValueError, match="start_dim"):
        x.flatten(2, 1)


# ----- reductions ------------------------------------------------------------------------


def test_max_and_min_with_a_dim_give_values_and_indices():
    x = Value(np.array([[1.0, 5.0, 5.0], [7.0, 0.0, 2.0]]))
    values, indices = x.max(dim=1)
    np.testing.assert_array_equal(values.data, [5.0, 7.0])
    np.testing.assert_array_equal(indices, [1, 0])
    result = x.min(1, keepdim=True)
    np.testing.assert_array_equal(result.values.data, [[1.0], [0.0]])
    np.testing.assert_array_equal(result.indices, [[0], [1]])
    values.sum().backward()  # the gradient goes to the picked (first) maximum only
    np.testing.assert_array_equal(x.grad, [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    assert isinstance(x.max(), Value) and x.max().item() == 7.0
    assert x.argmax() == 3 and x.argmin() == 4 and isinstance(x.argmax(), int)
    np.testing.assert_array_equal(x.argmax(dim=0), [1, 0, 0])


def test_amax_shares_ties_and_var_std_are_unbiased_by_default():
    x = Value(np.array([1.0, 3.0, 3.0]))
    x.amax().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.5, 0.5])
    data = np.array([1.0, 2.0, 4.0])  # mean 7/3, squared deviations sum to 14/3
    assert Value(data).var().item() == pytest.approx(7 / 3)
    assert Value(data).var(unbiased=False).item() == pytest.approx(14 / 9)
    assert Value(data).var(correction=0).item() == pytest.approx(14 / 9)
    assert Value(data).std().item() == pytest.approx(math.sqrt(7 / 3))
    assert Value(np.array([2.0, 3.0, 4.0])).prod().item() == 24.0
    with pytest.raises(ValueError, match="correction=1"):
        Value(np.array([1.0])).var()


def test_numpy_axis_and_keepdims_are_aliases_of_dim_and_keepdim():
    x = Value(np.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(x.sum(axis=1).data, x.sum(dim=1).data)
    assert x.mean(axis=0, keepdims=True).shape == x.mean(0, keepdim=True).shape == (1, 3)
    assert x.sum(dim=(0, 1)).item() == 15.0
    assert x.softmax(axis=0).shape == x.softmax(dim=0).shape
    with pytest.raises(TypeError, match="not both"):
        x.sum(dim=0, axis=1)


# ----- comparisons -----------------------------------------------------------------------


def test_comparisons_give_constant_masks_and_equality_stays_identity():
    x = Value(np.array([-1.0, 0.0, 2.0]))
    np.testing.assert_array_equal(x > 0, [False, False, True])
    np.testing.assert_array_equal(x <= 0, [True, True, False])
    np.testing.assert_array_equal(np.array([0.0, 0.0, 0.0]) < x, [False, False, True])
    assert (Value(1.0) < 2.0) is True and (Value(1.0) >= Value(2.0)) is False
    np.testing.assert_array_equal(x.eq(0.0), [False, True, False])
    np.testing.assert_array_equal(x.ne(0.0), [True, False, True])
    assert Value(2.0).eq(2.0) is True
    assert x == x and x != Value(x.data) and len({x, Value(x.data)}) == 2


# ----- kinks and edges as PyTorch --------------------------------------------------------


@pytest.mark.parametrize("data", [0.0, np.array([0.0, 0.0])], ids=["float", "array"])
def test_edge_gradients_as_pytorch(data):
    x = Value(data)
    (x**0.0).sum().backward()
    assert np.all(np.asarray(x.grad) == 0.0)  # d/dx x**0 = 0, not nan
    y = Value(np.full(np.shape(data), 2.0) if np.ndim(data) else 2.0)
    (Value(data, requires_grad=False) ** y).sum().backward()
    assert np.all(np.asarray(y.grad) == 0.0)  # d/dy 0**y = 0 for y > 0
    z = Value(data)
    out = z.log()
    out.sum().backward()
    assert np.all(np.asarray(out.data) == -np.inf) and np.all(np.asarray(z.grad) == np.inf)


def test_bad_arguments_are_refused():
    x = Value(np.ones(2))
    with pytest.raises(ValueError, match="min"):
        x.clamp(min=float("nan"))
    with pytest.raises(ValueError, match="negative_slope"):
        x.leaky_relu(float("inf"))
    with pytest.raises(ValueError, match="min <= max"):
        x.clamp(1.0, 0.0)
    with pytest.raises(ValueError, match="neither"):
        x.clamp()


def test_matmul_mm_t_and_grad_fn():
    rng = np.random.default_rng(0)
    a, b = Value(rng.normal(size=(2, 3))), Value(rng.normal(size=(3, 4)))
    np.testing.assert_array_equal(a.mm(b).data, (a @ b).data)
    np.testing.assert_array_equal(a.matmul(b.data).data, a.data @ b.data)
    assert a.t().shape == (3, 2) and Value(np.ones(3)).t().shape == (3,)
    with pytest.raises(ValueError, match="2-D"):
        Value(np.ones((2, 2, 2))).t()
    with pytest.raises(ValueError, match="two matrices"):
        a.mm(np.ones(3))
    assert a.grad_fn is None and (a @ b).grad_fn.op_name() == "@"
    a.mm(b).t().sum().backward()
    np.testing.assert_allclose(a.grad, np.ones((2, 4)) @ b.data.T)


def test_scalar_values_keep_float_data_through_the_new_methods():
    for method in ("squeeze", "t", "amax", "amin", "prod", "sin", "cos", "square"):
        out = getattr(Value(2.0), method)()
        assert type(out.data) is float, method
    assert Value(2.0).flatten().shape == (1,) and Value(2.0).unsqueeze(0).shape == (1,)


def test_in_place_methods_with_a_trailing_underscore():
    w = Value(np.array([1.0, 2.0], dtype=np.float32))
    with no_grad():
        assert w.add_(1.0) is w and w.mul_(2.0) is w
        np.testing.assert_array_equal(w.data, [4.0, 6.0])
        w.sub_(np.array([1.0, 1.0])).div_(3.0)
        np.testing.assert_allclose(w.data, [1.0, 5.0 / 3.0], rtol=1e-6)
        w.copy_(np.array([7.0, 8.0]))
        np.testing.assert_array_equal(w.data, [7.0, 8.0])
        w.fill_(3.0)
        np.testing.assert_array_equal(w.data, [3.0, 3.0])
        w.zero_()
    np.testing.assert_array_equal(w.data, [0.0, 0.0])
    assert w.dtype == np.float32
    with pytest.raises(RuntimeError, match="no_grad"):
        w.zero_()
    hidden = w * 2.0
    with pytest.raises(RuntimeError, match="copy_"):
        hidden.copy_(np.ones(2))
    assert w.requires_grad_(False) is w and not w.requires_grad
    w.fill_(1.0)  # no longer a parameter: allowed while recording
    s = Value(2.0)
    with no_grad():
        s.copy_(5.0)
    assert s.data == 5.0 and type(s.data) is float
