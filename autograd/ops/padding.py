"""Constant padding (PyTorch's `F.pad` in its default "constant" mode).

    out = x with `before[d]` and `after[d]` elements of `value` added on each side of axis d

The padding's elements are constants, so the gradient of x is the gradient of the output
with the padding cut off again: dL/dx = g[before₀ : −after₀, before₁ : −after₁, …].
"""

import numpy as np

from autograd.function import Function


class Pad(Function):
    """out = x padded with `value`.

    Input: x of any shape. Options: `widths`, one (before, after) pair of ints ≥ 0 per axis
    of x (numpy's `pad_width`); `value`, the number padded with (default 0).
    Output: x's shape with before + after added to each axis.
    """

    name = "pad"

    @staticmethod
    def forward(ctx, x, widths=(), value=0.0):
        ctx.save_for_backward(
            tuple(slice(before, before + size) for (before, _), size in zip(widths, x.shape))
        )
        return np.pad(x, widths, mode="constant", constant_values=value)

    @staticmethod
    def backward(ctx, grad_output):
        (inside,) = ctx.saved
        return grad_output[inside]
