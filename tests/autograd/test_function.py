"""User-defined ops: subclass Function with forward and backward, as in PyTorch."""

import numpy as np
import pytest

from autograd import Function, GradcheckError, Value, gradcheck


class Cube(Function):
    """out = x³; d out/dx = 3x²."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return grad_output * 3 * x**2


class ScaledAdd(Function):
    """out = a + alpha·b, with alpha a non-Value option."""

    @staticmethod
    def forward(ctx, a, b, alpha=1.0):
        return a + alpha * b

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output, grad_output * ctx.options["alpha"]


def test_a_user_op_is_recorded_and_differentiated():
    x = Value(2.0, label="x")
    y = Cube.apply(x)
    assert y.op == "Cube" and y.parents == (x,) and y.data == 8.0
    y.backward()
    assert x.grad == 12.0
    assert gradcheck(lambda v: Cube.apply(v), Value(np.array([0.5, -1.5, 2.0])))


def test_options_and_constants_reach_forward_and_backward():
    a = Value(np.ones(3))
    out = ScaledAdd.apply(a, np.arange(3.0), alpha=2.0)
    np.testing.assert_array_equal(out.data, [1.0, 3.0, 5.0])
    assert out.options == {"alpha": 2.0}
    assert gradcheck(lambda u, v: ScaledAdd.apply(u, v, alpha=-0.5), a, Value(np.ones(3)))


def test_backward_with_the_wrong_number_of_gradients_is_a_clear_error():
    class TwoGrads(Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output, grad_output

    with pytest.raises(ValueError, match=r"TwoGrads.backward returned 2 gradient\(s\) for 1"):
        TwoGrads.apply(Value(1.0)).backward()


def test_forward_returning_something_odd_is_a_clear_error():
    class ReturnsString(Function):
        @staticmethod
        def forward(ctx, x):
            return "oops"

    with pytest.raises(TypeError, match=r"ReturnsString\.forward returned str"):
        ReturnsString.apply(Value(1.0))


def test_gradcheck_catches_a_wrong_backward():
    class WrongCube(Cube):
        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved
            return grad_output * 3 * x  # forgot the square

    with pytest.raises(GradcheckError, match=r"input 0 \('w'\)\) at index \(1,\)"):
        gradcheck(lambda v: WrongCube.apply(v), Value(np.array([1.0, 2.0]), label="w"))
