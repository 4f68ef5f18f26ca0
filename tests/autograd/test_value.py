"""Value: construction, dtypes, operators with numbers and arrays on either side, repr."""

import numpy as np
import pytest

from autograd import Value


def test_numbers_stay_python_floats():
    v = Value(3)
    assert type(v.data) is float and v.data == 3.0
    w = v * 2 + 1
    assert type(w.data) is float
    w.backward()
    assert type(v.grad) is float and v.grad == 2.0


def test_numpy_float64_scalar_becomes_float_and_float32_scalar_stays_float32():
    assert type(Value(np.float64(1.5)).data) is float
    v = Value(np.float32(1.5))
    assert v.dtype == np.float32 and v.shape == ()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_preserved_through_ops_and_grads(dtype):
    w = Value(np.ones((3, 2), dtype=dtype))
    x = np.ones((4, 3), dtype=dtype)
    loss = ((x @ w).tanh() * 2.0 - 1.0).sum()
    assert loss.dtype == dtype and loss.shape == ()
    assert isinstance(loss.data, np.ndarray)  # a reduction gives a 0-d array, not a float
    loss.backward()
    assert w.grad.dtype == dtype and w.grad.shape == (3, 2)


def test_float32_parameter_with_float64_constant_gets_a_float32_grad():
    w = Value(np.ones(3, dtype=np.float32))
    out = (w * np.arange(3.0)).sum()
    assert out.dtype == np.float64  # numpy 2 promotion
    out.backward()
    assert w.grad.dtype == np.float32
    np.testing.assert_array_equal(w.grad, [0.0, 1.0, 2.0])


def test_integer_arrays_and_lists_become_float64_and_dtype_argument_casts():
    assert Value(np.arange(3)).dtype == np.float64
    assert Value([[1, 2], [3, 4]]).shape == (2, 2)
    assert Value([1, 2], dtype=np.float32).dtype == np.float32


@pytest.mark.parametrize("bad", ["1.0", None, {"a": 1}, np.array(["a"]), np.array([1j])])
def test_bad_data_is_a_type_error(bad):
    with pytest.raises(TypeError, match="Value data"):
        Value(bad)


def test_bad_operand_names_the_op():
    with pytest.raises(TypeError, match=r"\+.*str"):
        Value(1.0) + "a"


def test_numpy_defers_to_value_on_the_left():
    x = np.array([[1.0, 2.0]])
    w = Value(np.array([[3.0], [4.0]]))
    for result in (x @ w, x * w.T, x + w.T, x - w.T, x / w.T):
        assert isinstance(result, Value)
    (x @ w).sum().backward()
    np.testing.assert_array_equal(w.grad, [[1.0], [2.0]])


def test_micrograd_idioms():
    a = Value(2.0)
    total = 0
    for _ in range(3):
        total += a * a  # `sum`, `+=` and a constant 0 start
    total = sum([total, a], start=Value(0.0))
    total.backward()
    assert total.data == 14.0 and a.grad == 13.0
    a.grad = 0.0  # the micrograd way of zeroing
    (a * 3).backward()
    assert a.grad == 3.0


def test_item_numpy_detach_and_shape_attributes():
    v = Value(np.array([[1.0, 2.0]]), label="v")
    assert (v.shape, v.ndim, v.numel(), v.dtype) == ((1, 2), 2, 2, np.float64)
    assert v.size() == (1, 2) and v.size(-1) == 2 and v.dim() == 2
    assert v.numpy() is v.data
    d = v.detach()
    assert d.data is v.data and not d.requires_grad and d.op == "" and d.parents == ()
    assert Value(np.array([4.0])).item() == 4.0
    with pytest.raises(ValueError, match=r"shape \(1, 2\)"):
        v.item()


def test_op_and_parents_are_recorded():
    a, b = Value(1.0, label="a"), Value(2.0, requires_grad=False)
    c = a * b + 3.0
    assert c.op == "+" and a.op == ""
    (product,) = c.parents
    assert product.op == "*" and product.parents == (a,)  # b needs no grad: not a parent


def test_repr_is_readable():
    a = Value(2.0, label="a")
    assert repr(a) == "Value(label='a', data=2)"
    b = a * 3
    b.backward()
    assert repr(b) == "Value(op='*', data=6, grad=1)"
    assert "shape=(2, 3)" in repr(Value(np.zeros((2, 3))))
    assert "requires_grad=False" in repr(Value(1.0, requires_grad=False))


@pytest.mark.parametrize(
    ("compute", "message"),
    [
        (lambda: Value(np.ones(3)) + Value(np.ones(4)), r"^\+ on inputs of shapes \(3,\), \(4,\)"),
        (
            lambda: Value(np.ones((2, 3))) @ np.ones((4, 5)),
            r"^@ on inputs of shapes \(2, 3\), \(4, 5\)",
        ),
        (lambda: Value(np.ones(6)).reshape(4, 2), r"^reshape on inputs of shapes \(6,\)"),
    ],
)
def test_shapes_that_do_not_fit_name_the_op_and_both_shapes(compute, message):
    with pytest.raises(ValueError, match=message):
        compute()


def test_matmul_of_scalars_is_a_clear_error():
    with pytest.raises(ValueError, match="use \\*"):
        Value(np.ones(3)) @ Value(2.0)


def test_clip_needs_a_bound_in_order():
    with pytest.raises(ValueError, match="min <= max"):
        Value(1.0).clip(2.0, 1.0)
    with pytest.raises(ValueError, match="neither"):
        Value(1.0).clip()
    assert Value(5.0).clip(max=1.0).data == 1.0 and Value(-5.0).clip(min=0.0).data == 0.0
