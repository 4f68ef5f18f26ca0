"""`gradcheck`: compare backprop's gradients with central finite differences.

For a function f of Values, backprop gives the exact derivative of L = Σ w·f(inputs) for a
fixed random weighting w (a vector-Jacobian product: an error in any element of the
Jacobian changes it; for a one-element output, w = 1). The numerical estimate of the same
derivative for element i is

    (L(x + ε·e_i) - L(x - ε·e_i)) / (2ε),

exact up to O(ε²). They must agree within atol + rtol·|numerical| for every element.
"""

import math
import numbers

import numpy as np

from autograd.grad_mode import no_grad
from autograd.value import Value


class GradcheckError(AssertionError):
    """Backprop and finite differences disagree; the message says where and by how much."""


def gradcheck(fn, *inputs, eps=1e-6, atol=1e-5, rtol=1e-3, seed=0) -> bool:
    """Check the gradients of `fn(*inputs)` with respect to every input Value that requires
    grad. Returns True, or raises `GradcheckError` naming the input, the element index and
    both values.

    Args:
        fn: a function of the inputs returning a Value (of any shape).
        inputs: Values (checked when they require grad; use float64 data) and constants
            (numbers, arrays), passed to `fn` in order.
        eps: the finite-difference step.
        atol, rtol: the tolerance, atol + rtol·|numerical|.
        seed: seeds the random weighting w of the output.

    Example:
        >>> gradcheck(lambda x: (x * x).sum(), Value(np.array([1.0, 2.0])))
        True
    """
    _check_tolerance("eps", eps, positive=True)
    _check_tolerance("atol", atol)
    _check_tolerance("rtol", rtol)
    checked = [(i, x) for i, x in enumerate(inputs) if isinstance(x, Value) and x.requires_grad]
    for position, x in checked:
        if x.dtype != np.float64:
            raise ValueError(
                f"gradcheck needs float64 inputs (float32 cannot resolve eps={eps}): "
                f"input {position} is {x.dtype}"
            )

    output = fn(*inputs)
    if not isinstance(output, Value):
        raise TypeError(f"gradcheck: fn must return a Value, got {type(output).__name__}")
    if np.size(output.data) == 1:
        weights = 1.0 if type(output.data) is float else np.ones_like(output.data)
        of_what = "the output"
    else:
        weights = np.random.default_rng(seed).uniform(0.5, 1.5, size=np.shape(output.data))
        of_what = "Σ w·output (w: fixed random weights)"

    def weighted_output() -> float:
        with no_grad():
            return float(np.sum(weights * fn(*inputs).data))

    saved_grads = [x.grad for _, x in checked]
    for _, x in checked:
        x.grad = None
    if output.requires_grad:
        output.backward(weights)
    analytic = [np.zeros(x.shape) if x.grad is None else np.asarray(x.grad) for _, x in checked]
    for (_, x), saved in zip(checked, saved_grads):
        x.grad = saved

    for (position, x), backprop_grad in zip(checked, analytic):
        for index in np.ndindex(x.shape):
            numerical = _central_difference(x, index, eps, weighted_output)
            computed = float(backprop_grad[index])
            if not abs(computed - numerical) <= atol + rtol * abs(numerical):
                name = f"input {position}" + (f" ({x.label!r})" if x.label else "")
                where = f" at index {index}" if index else ""
                raise GradcheckError(
                    f"d({of_what})/d({name}){where}: backprop gives {computed:.10g}, finite "
                    f"differences give {numerical:.10g} (difference "
                    f"{abs(computed - numerical):.3g} > atol + rtol·|numerical| = "
                    f"{atol + rtol * abs(numerical):.3g})"
                )
    return True


def _check_tolerance(name, value, positive=False):
    """A finite real number >= 0 (> 0 with `positive`: eps = 0 would divide by zero)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"gradcheck: {name} must be a real number, got {value!r}")
    if not (math.isfinite(value) and (value > 0 if positive else value >= 0)):
        raise ValueError(
            f"gradcheck: {name} must be a finite number {'> 0' if positive else '>= 0'}, "
            f"got {value!r}"
        )


def _central_difference(x: Value, index: tuple, eps: float, weighted_output) -> float:
    """(L(x + eps at index) - L(x - eps at index)) / (2 eps), restoring x afterwards."""
    if type(x.data) is float:
        original = x.data
        x.data = original + eps
        plus = weighted_output()
        x.data = original - eps
        minus = weighted_output()
        x.data = original
    else:
        original = x.data[index]
        x.data[index] = original + eps
        plus = weighted_output()
        x.data[index] = original - eps
        minus = weighted_output()
        x.data[index] = original
    return (plus - minus) / (2 * eps)
