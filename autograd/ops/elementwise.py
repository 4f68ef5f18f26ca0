"""Elementwise functions: each forward next to its local derivative.

Every function works on a Python float or a numpy array (through `autograd.numeric`), so
the scalar graph and the array graph share these definitions.
"""

import numpy as np

from autograd import numeric
from autograd.function import Function


class Exp(Function):
    """out = e**x.   d out/dx = e**x = out."""

    name = "exp"

    @staticmethod
    def forward(ctx, x):
        out = numeric.exp(x)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        (out,) = ctx.saved
        return grad_output * out


class Log(Function):
    """out = ln(x).   d out/dx = 1/x (at x = 0: out = -inf and the gradient inf, as PyTorch,
    on floats and arrays alike)."""

    name = "log"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return numeric.log(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return numeric.divide(grad_output, x)


class Abs(Function):
    """out = |x|.   d out/dx = sign(x) (0 at x = 0, as PyTorch)."""

    name = "abs"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return abs(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return grad_output * numeric.sign(x)


class Tanh(Function):
    """out = tanh(x).   d out/dx = 1 - tanh(x)² = 1 - out²."""

    name = "tanh"

    @staticmethod
    def forward(ctx, x):
        out = numeric.tanh(x)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        (out,) = ctx.saved
        return grad_output * (1.0 - out * out)


class Sigmoid(Function):
    """out = σ(x) = 1 / (1 + e**-x).   d out/dx = σ(x)·(1 - σ(x)) = out·(1 - out).

    Computed as e**(-softplus(-x)), softplus(z) = ln(1 + e**z), which never overflows:
    σ(±1000) is exactly 1 and 0, without warnings.
    """

    name = "sigmoid"

    @staticmethod
    def forward(ctx, x):
        out = numeric.exp(-numeric.softplus(-x))
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        (out,) = ctx.saved
        return grad_output * (out * (1.0 - out))


class ReLU(Function):
    """out = max(x, 0).   d out/dx = 1 for x > 0, else 0."""

    name = "relu"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return numeric.relu(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return grad_output * (x > 0)


class LeakyReLU(Function):
    """out = x for x > 0, else α·x (α: `negative_slope`).   d out/dx = 1 for x > 0, else α."""

    name = "leaky_relu"

    @staticmethod
    def forward(ctx, x, negative_slope=0.01):
        slope = numeric.where_positive(x, 1.0, negative_slope)
        ctx.save_for_backward(slope)
        return x * slope

    @staticmethod
    def backward(ctx, grad_output):
        (slope,) = ctx.saved
        return grad_output * slope


class Sign(Function):
    """out = sign(x) ∈ {-1, 0, +1}.   d out/dx = 0 (a step has no slope; at 0 it is
    undefined and taken as 0): no gradient flows through sign."""

    name = "sign"

    @staticmethod
    def forward(ctx, x):
        return numeric.sign(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * 0.0


class Clamp(Function):
    """out = min(max(x, low), high) (low or high may be None).   d out/dx = 1 where
    low ≤ x ≤ high, else 0 (as PyTorch's clamp; `Value.clamp(min, max)` and `clip` call it)."""

    name = "clamp"

    @staticmethod
    def forward(ctx, x, low=None, high=None):
        inside = (x >= low if low is not None else True) & (
            x <= high if high is not None else True
        )
        ctx.save_for_backward(inside)
        if type(x) is float:
            if low is not None and x < low:
                return float(low)
            return float(high) if high is not None and x > high else x
        return np.clip(x, low, high).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad_output):
        (inside,) = ctx.saved
        return grad_output * inside


class Sin(Function):
    """out = sin(x).   d out/dx = cos(x)."""

    name = "sin"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return numeric.sin(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return grad_output * numeric.cos(x)


class Cos(Function):
    """out = cos(x).   d out/dx = -sin(x)."""

    name = "cos"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return numeric.cos(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return grad_output * -numeric.sin(x)
