"""The arithmetic primitives: +, * and **.

Subtraction (a + (-1)·b), division (a · b**-1) and negation are composed of these in
`Value`, so they need no derivative of their own. Broadcasting is handled by the engine:
each backward returns the gradient in the output's shape and the engine sums it back to
each input's shape.
"""

from autograd import numeric
from autograd.function import Function


class Add(Function):
    """out = a + b.   d out/da = 1, d out/db = 1."""

    name = "+"

    @staticmethod
    def forward(ctx, a, b):
        return a + b

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output, grad_output


class Mul(Function):
    """out = a · b.   d out/da = b, d out/db = a."""

    name = "*"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved
        needs_a, needs_b = ctx.needs_input_grad
        return (grad_output * b if needs_a else None, grad_output * a if needs_b else None)


class Pow(Function):
    """out = a ** b.   d out/da = b · a**(b-1),  d out/db = a**b · ln(a).

    The exponent b may be a constant (x**2) or a Value (2**x, x**y); ln(a) is computed only
    when b needs a gradient. At the edges the gradients are PyTorch's: d out/da = 0 where
    b = 0 (also at a = 0), and d out/db = 0 where a = 0 and b >= 0 (not 0·inf = nan).
    """

    name = "**"

    @staticmethod
    def forward(ctx, a, b):
        out = numeric.power(a, b)
        ctx.save_for_backward(a, b, out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        a, b, out = ctx.saved
        needs_a, needs_b = ctx.needs_input_grad
        grad_a = grad_output * numeric.pow_base_derivative(a, b) if needs_a else None
        grad_b = grad_output * numeric.pow_exponent_derivative(a, b, out) if needs_b else None
        return grad_a, grad_b
