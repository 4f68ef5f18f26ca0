"""Reductions over axes: sum, prod, amax / amin and the stable log-sum-exp.

`dim` is an int, a tuple of ints or None (all axes); `keepdim` keeps the reduced axes as
size 1, as PyTorch's. Each backward first restores the reduced axes (as size 1) so that
the gradient broadcasts back over the input; `_restore_axes` does that for all of them.
mean, var and std are composed of these in `Value`.
"""

from typing import NamedTuple

import numpy as np

from autograd.function import Function


def _restore_axes(reduced, dim, keepdim):
    """Give a reduced result its reduced axes back as size 1, so it broadcasts to the input."""
    reduced = np.asarray(reduced)
    if keepdim or dim is None:
        return reduced
    return np.expand_dims(reduced, dim)


class Sum(Function):
    """out = Σ x over `dim` (all axes if None).   d out/dx = 1 for every summed element."""

    name = "sum"

    @staticmethod
    def forward(ctx, x, dim=None, keepdim=False):
        ctx.save_for_backward(np.shape(x), dim, keepdim)
        # np.add.reduce is np.sum without its dispatch layer: the same sum, a few µs sooner.
        return np.add.reduce(x, axis=dim, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad_output):
        shape, dim, keepdim = ctx.saved
        return np.broadcast_to(_restore_axes(grad_output, dim, keepdim), shape)


class Prod(Function):
    """out = Π x over `dim`.   d out/dx_i = Π_{j≠i} x_j (the product of the others).

    The product of the others is computed as (product of those before i) · (product of
    those after i), two cumulative products, not as out / x_i, which is 0/0 where x_i = 0.
    """

    name = "prod"

    @staticmethod
    def forward(ctx, x, dim=None, keepdim=False):
        ctx.save_for_backward(x, dim, keepdim)
        return np.multiply.reduce(x, axis=dim, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad_output):
        x, dim, keepdim = ctx.saved
        return _restore_axes(grad_output, dim, keepdim) * _product_of_others(x, dim)


def _product_of_others(x, dim):
    """For each element of x, the product of the other elements it is reduced with."""
    if type(x) is float:
        return 1.0
    axes = tuple(range(x.ndim)) if dim is None else tuple(np.atleast_1d(dim) % max(x.ndim, 1))
    ends = tuple(range(x.ndim - len(axes), x.ndim))
    moved = np.moveaxis(x, axes, ends)  # the reduced axes last, then flattened into one
    rows = moved.reshape((*moved.shape[: x.ndim - len(axes)], -1))
    ones = np.ones((*rows.shape[:-1], 1), dtype=x.dtype)
    before = np.cumprod(np.concatenate([ones, rows[..., :-1]], axis=-1), axis=-1)
    after = np.cumprod(np.concatenate([ones, rows[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    return np.moveaxis((before * after).reshape(moved.shape), ends, axes)


class Amax(Function):
    """out = max x over `dim`.   d out/dx = 1 at the maximum, 0 elsewhere; where several
    elements tie for the maximum, the gradient is shared equally among them (as PyTorch's
    amax, and max without dim)."""

    name = "amax"

    @staticmethod
    def forward(ctx, x, dim=None, keepdim=False):
        return _extreme(ctx, np.maximum, x, dim, keepdim)

    @staticmethod
    def backward(ctx, grad_output):
        share, dim, keepdim = ctx.saved
        return share * _restore_axes(grad_output, dim, keepdim)


class Amin(Function):
    """out = min x over `dim`.   d out/dx = 1 at the minimum, 0 elsewhere, shared equally
    among ties (as PyTorch's amin)."""

    name = "amin"

    @staticmethod
    def forward(ctx, x, dim=None, keepdim=False):
        return _extreme(ctx, np.minimum, x, dim, keepdim)

    backward = Amax.backward


def _extreme(ctx, ufunc, x, dim, keepdim):
    """The forward of amax / amin: reduce, and save each element's share of the gradient."""
    out = ufunc.reduce(x, axis=dim, keepdims=keepdim)
    is_extreme = x == _restore_axes(out, dim, keepdim)
    ties = np.add.reduce(is_extreme, axis=dim, keepdims=True)
    ctx.save_for_backward(is_extreme / ties, dim, keepdim)
    return out


class LogSumExp(Function):
    """out = ln Σ e**x over `dim`.   d out/dx = e**(x - out) = softmax(x).

    Fused for stability: computed as m + ln Σ e**(x - m) with m = max x, so that no
    exponent is positive and nothing overflows (logsumexp([1000, 1000]) = 1000 + ln 2).
    """

    name = "logsumexp"

    @staticmethod
    def forward(ctx, x, dim=-1, keepdim=False):
        x = np.asarray(x)
        shift = np.max(x, axis=dim, keepdims=True)
        shift = np.where(np.isfinite(shift), shift, 0.0)  # all -inf: nothing to shift
        total = np.sum(np.exp(x - shift), axis=dim, keepdims=True)
        with np.errstate(divide="ignore"):  # a sum of zeros (all -inf): ln 0 = -inf is right
            out_kept = np.log(total) + shift
        ctx.save_for_backward(x, out_kept, dim, keepdim)
        return out_kept if keepdim else np.squeeze(out_kept, axis=dim)

    @staticmethod
    def backward(ctx, grad_output):
        x, out_kept, dim, keepdim = ctx.saved
        return _restore_axes(grad_output, dim, keepdim) * np.exp(x - out_kept)


class ValuesIndices(NamedTuple):
    """What `max(dim)` / `min(dim)` return, as PyTorch's: the extreme values (a Value) and
    where they are (an integer array)."""

    values: object
    indices: np.ndarray
