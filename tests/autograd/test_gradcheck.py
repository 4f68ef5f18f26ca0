"""gradcheck itself: it passes correct gradients and catches wrong ones, saying where."""

import numpy as np
import pytest
from oracles import SinWithWrongSign

from autograd import Function, GradcheckError, Value, gradcheck


def test_passes_a_correct_gradient_and_returns_true():
    assert gradcheck(lambda a, b: (a @ b).tanh(), Value(np.eye(2)), Value(np.ones((2, 3)))) is True


def test_names_input_index_and_both_values():
    x = Value(np.array([0.1, 0.2, 0.3]), label="x")
    with pytest.raises(GradcheckError) as caught:
        gradcheck(lambda a, b: (a * SinWithWrongSign.apply(b)).sum(), Value(np.ones(3)), x)
    message = str(caught.value)
    assert "d(the output)/d(input 1 ('x')) at index (0,)" in message
    assert f"backprop gives {-np.cos(0.1):.10g}" in message
    assert f"finite differences give {np.cos(0.1):.6g}" in message


def test_catches_an_error_in_one_element_of_a_big_jacobian():
    class OffByOneElement(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2.0

        @staticmethod
        def backward(ctx, grad_output):
            grad = grad_output * 2.0
            grad[2, 1] *= 1.01
            return grad

    with pytest.raises(GradcheckError, match=r"index \(2, 1\)"):
        gradcheck(lambda a: OffByOneElement.apply(a), Value(np.ones((4, 3))))


def test_constants_are_passed_through_and_not_checked():
    assert gradcheck(lambda a, c: a * c, Value(np.ones(3)), np.arange(3.0))


def test_inputs_are_restored_and_grads_left_as_they_were():
    data = np.array([1.0, 2.0])
    x = Value(data.copy())
    x.grad = np.array([5.0, 5.0])
    gradcheck(lambda a: (a * a).sum(), x)
    np.testing.assert_array_equal(x.data, data)
    np.testing.assert_array_equal(x.grad, [5.0, 5.0])


def test_float32_inputs_are_refused_with_a_reason():
    with pytest.raises(ValueError, match=r"float64.*input 0 is float32"):
        gradcheck(lambda a: a * 2.0, Value(np.ones(2, dtype=np.float32)))
