"""Messages for the mistakes every student makes, and a diverging loop that says why."""

import warnings

import numpy as np
import pytest

from autograd import Value
from autograd.backprop import NotFiniteWarning


@pytest.mark.parametrize("zero", [0, 0.0, np.float32(0)])
def test_dividing_a_value_by_the_number_zero_says_so(zero):
    with pytest.raises(ZeroDivisionError, match="divided by the number 0"):
        Value(1.0) / zero


def test_dividing_by_a_value_holding_zero_gives_inf_as_pytorch():
    assert (1.0 / Value(0.0)).data == np.inf


@pytest.mark.parametrize("name", ["exp", "tanh", "log"])
def test_a_numpy_function_of_a_value_names_the_method_to_use(name):
    with pytest.raises(TypeError, match=rf"use value\.{name}\(\)"):
        getattr(np, name)(Value(np.ones(2)))


def test_operators_with_an_array_on_the_left_are_recorded_as_the_values_own():
    v = Value(np.array([1.0, 2.0]))
    a = np.array([3.0, 4.0])
    for result, op in [(a * v, "*"), (a @ v, "@"), (a + v, "+"), (a**v, "**")]:
        assert isinstance(result, Value) and result.op == op
    out = (a - v) / a
    out.sum().backward()
    np.testing.assert_allclose(v.grad, -1 / a)


def test_a_diverging_hand_written_loop_gives_one_warning_that_names_the_learning_rate():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(32, 3)), rng.normal(size=32)
    w = Value(np.zeros(3))
    lr = 50.0  # far too large: the loss grows without bound
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(200):
            loss = ((X @ w - y) ** 2).mean()
            w.grad = None
            loss.backward()
            w.data = w.data - lr * np.nan_to_num(w.grad)
            if not np.isfinite(loss.data):
                break
    assert not np.isfinite(loss.data)
    kinds = {type(w.message) for w in caught}
    assert kinds == {NotFiniteWarning}, [str(w.message) for w in caught]
    assert "learning rate" in str(caught[0].message)
