"""Ops that choose between two inputs element by element: where, maximum (minimum is
composed of it in `Value`: min(a, b) = -max(-a, -b))."""

import numpy as np

from autograd.function import Function
from autograd.value import Value


class Where(Function):
    """out = a where `condition`, else b (elementwise, broadcasting as numpy).

    d out/da = 1 where the condition holds, else 0; d out/db the opposite. The condition is
    a constant boolean array (or bool): comparisons of Values give one, e.g. `x > 0`.
    """

    name = "where"

    @staticmethod
    def forward(ctx, a, b, condition=True):
        out = np.where(condition, a, b)
        return float(out) if type(a) is float and type(b) is float and out.ndim == 0 else out

    @staticmethod
    def backward(ctx, grad_output):
        condition = ctx.options["condition"]
        return np.where(condition, grad_output, 0.0), np.where(condition, 0.0, grad_output)


class Maximum(Function):
    """out = max(a, b) elementwise.   d out/da = 1 where a > b, 0 where a < b, and where
    they are equal the gradient is shared, 1/2 each (as PyTorch's maximum)."""

    name = "maximum"

    @staticmethod
    def forward(ctx, a, b):
        share_a = np.where(a > b, 1.0, np.where(a == b, 0.5, 0.0))
        ctx.save_for_backward(share_a)
        out = np.maximum(a, b)
        return float(out) if type(a) is float and type(b) is float else out

    @staticmethod
    def backward(ctx, grad_output):
        (share_a,) = ctx.saved
        return grad_output * share_a, grad_output * (1.0 - share_a)


def where(condition, a, b):
    """`a` where `condition` is true, else `b`, elementwise (PyTorch's torch.where(cond,
    a, b)); a and b may be Values, arrays or numbers.

    Example:
        >>> from autograd import Value
        >>> x = Value([-1.0, 2.0])
        >>> where(x > 0, x, 0.0).data
        array([0., 2.])
    """
    if isinstance(condition, Value):
        condition = condition.data
    condition = np.asarray(condition)
    if condition.dtype != bool:
        raise TypeError(
            f"where needs a boolean condition (e.g. x > 0), got dtype {condition.dtype}"
        )
    return Where.apply(a, b, condition=condition)


def maximum(a, b):
    """max(a, b) elementwise (PyTorch's torch.maximum); ties share the gradient."""
    return Maximum.apply(a, b)


def minimum(a, b):
    """min(a, b) elementwise, as -max(-a, -b) (PyTorch's torch.minimum)."""
    return -Maximum.apply(-a, -b)
