"""Reductions over axes: sum, max and the stable log-sum-exp.

Each backward first restores the reduced axes (as size 1) so that the gradient broadcasts
back over the input; `_restore_axes` does that for all three.
"""

import numpy as np

from autograd.function import Function


def _restore_axes(reduced, axis, keepdims):
    """Give a reduced result its reduced axes back as size 1, so it broadcasts to the input."""
    reduced = np.asarray(reduced)
    if keepdims or axis is None:
        return reduced
    return np.expand_dims(reduced, axis)


class Sum(Function):
    """out = Σ x over `axis` (all axes if None).   d out/dx = 1 for every summed element."""

    name = "sum"

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        ctx.save_for_backward(np.shape(x), axis, keepdims)
        # np.add.reduce is np.sum without its dispatch layer: the same sum, a few µs sooner.
        return np.add.reduce(x, axis=axis, keepdims=keepdims)

    @staticmethod
    def backward(ctx, grad_output):
        shape, axis, keepdims = ctx.saved
        return np.broadcast_to(_restore_axes(grad_output, axis, keepdims), shape)


class Max(Function):
    """out = max x over `axis`.   d out/dx = 1 at the maximum, 0 elsewhere; where several
    elements tie for the maximum, the gradient is shared equally among them."""

    name = "max"

    @staticmethod
    def forward(ctx, x, axis=None, keepdims=False):
        out = np.maximum.reduce(x, axis=axis, keepdims=keepdims)
        is_max = x == _restore_axes(out, axis, keepdims)
        ties = np.add.reduce(is_max, axis=axis, keepdims=True)
        ctx.save_for_backward(is_max / ties, axis, keepdims)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        share, axis, keepdims = ctx.saved
        return share * _restore_axes(grad_output, axis, keepdims)


class LogSumExp(Function):
    """out = ln Σ e**x over `axis`.   d out/dx = e**(x - out) = softmax(x).

    Fused for stability: computed as m + ln Σ e**(x - m) with m = max x, so that no
    exponent is positive and nothing overflows (logsumexp([1000, 1000]) = 1000 + ln 2).
    """

    name = "logsumexp"

    @staticmethod
    def forward(ctx, x, axis=-1, keepdims=False):
        x = np.asarray(x)
        shift = np.max(x, axis=axis, keepdims=True)
        shift = np.where(np.isfinite(shift), shift, 0.0)  # all -inf: nothing to shift
        total = np.sum(np.exp(x - shift), axis=axis, keepdims=True)
        with np.errstate(divide="ignore"):  # a sum of zeros (all -inf): ln 0 = -inf is right
            out_kept = np.log(total) + shift
        ctx.save_for_backward(x, out_kept, axis, keepdims)
        return out_kept if keepdims else np.squeeze(out_kept, axis=axis)

    @staticmethod
    def backward(ctx, grad_output):
        x, out_kept, axis, keepdims = ctx.saved
        return _restore_axes(grad_output, axis, keepdims) * np.exp(x - out_kept)
