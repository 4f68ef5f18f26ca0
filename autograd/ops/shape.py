"""Ops that move elements without changing them: reshape, transpose, indexing, concat,
stack. Their backward moves the gradient back to where each element came from."""

import numpy as np

from autograd.function import Function


class Reshape(Function):
    """out = x with a new shape (same elements, same order).   Backward: reshape back."""

    name = "reshape"

    @staticmethod
    def forward(ctx, x, shape=()):
        ctx.save_for_backward(np.shape(x))
        return np.reshape(x, shape)

    @staticmethod
    def backward(ctx, grad_output):
        (shape,) = ctx.saved
        return np.reshape(grad_output, shape)


class Transpose(Function):
    """out = x with its axes permuted (reversed if `axes` is None).
    Backward: the inverse permutation."""

    name = "transpose"

    @staticmethod
    def forward(ctx, x, axes=None):
        ctx.save_for_backward(axes)
        return np.transpose(x, axes)

    @staticmethod
    def backward(ctx, grad_output):
        (axes,) = ctx.saved
        return np.transpose(grad_output, None if axes is None else np.argsort(axes))


class GetItem(Function):
    """out = x[index] (numpy indexing: ints, slices, None, Ellipsis, integer or boolean
    arrays). Backward: the gradient is added back at the indexed positions, several times
    where an index array repeats a position."""

    name = "getitem"

    @staticmethod
    def forward(ctx, x, index=()):
        if type(x) is float:
            raise TypeError("a Value holding a float cannot be indexed")
        ctx.save_for_backward(x.shape, x.dtype, index)
        return x[index]

    @staticmethod
    def backward(ctx, grad_output):
        shape, dtype, index = ctx.saved
        grad = np.zeros(shape, dtype=dtype)
        np.add.at(grad, index, grad_output)
        return grad


class Concat(Function):
    """out = the inputs joined along `axis` (np.concatenate).
    Backward: the gradient cut back into the inputs' pieces."""

    name = "concat"

    @staticmethod
    def forward(ctx, *arrays, axis=0):
        ctx.save_for_backward(np.cumsum([np.shape(a)[axis] for a in arrays[:-1]]), axis)
        return np.concatenate(arrays, axis=axis)

    @staticmethod
    def backward(ctx, grad_output):
        boundaries, axis = ctx.saved
        return tuple(np.split(grad_output, boundaries, axis=axis))


class Stack(Function):
    """out = the inputs (all of one shape) stacked along a new `axis` (np.stack).
    Backward: input i gets the slice i of the gradient along that axis."""

    name = "stack"

    @staticmethod
    def forward(ctx, *arrays, axis=0):
        ctx.save_for_backward(axis)
        return np.stack(arrays, axis=axis)

    @staticmethod
    def backward(ctx, grad_output):
        (axis,) = ctx.saved
        return tuple(np.moveaxis(grad_output, axis, 0))


def concat(values, axis=0):
    """Join Values (or arrays) of equal shape but along `axis` into one Value."""
    return Concat.apply(*values, axis=axis)


def stack(values, axis=0):
    """Stack Values (or arrays, or scalar Values) of one shape along a new `axis`."""
    return Stack.apply(*values, axis=axis)
