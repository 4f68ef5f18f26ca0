"""Ops that move elements without changing them: reshape (view, flatten, squeeze and
unsqueeze are reshapes), permute (transpose and .T are permutations), indexing, picking
along an axis, concat, stack. Their backward moves the gradient back to where each
element came from."""

import numpy as np

from autograd.function import Function


class Reshape(Function):
    """out = x with a new shape (same elements, same order).   Backward: reshape back."""

    name = "reshape"

    @staticmethod
    def forward(ctx, x, shape=()):
        ctx.save_for_backward(np.shape(x))
        if type(x) is float and shape == ():
            return x  # a float stays a float (squeeze() of a scalar)
        return np.reshape(x, shape)

    @staticmethod
    def backward(ctx, grad_output):
        (shape,) = ctx.saved
        return np.reshape(grad_output, shape)


class Permute(Function):
    """out = x with its axes reordered: axis i of out is axis dims[i] of x (PyTorch's
    permute; `transpose(dim0, dim1)` swaps two, `.T` reverses them all).
    Backward: the inverse permutation."""

    name = "permute"

    @staticmethod
    def forward(ctx, x, dims=()):
        ctx.save_for_backward(dims)
        return x if type(x) is float else np.transpose(x, dims)

    @staticmethod
    def backward(ctx, grad_output):
        (dims,) = ctx.saved
        return (
            grad_output
            if type(grad_output) is float
            else np.transpose(grad_output, np.argsort(dims))
        )


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


class TakeAlongDim(Function):
    """out = x[..., indices[...], ...] along `dim`: one element picked from each line along
    `dim` (indices has x's shape with that axis removed). `max(dim)` / `min(dim)` pick their
    values this way. Backward: each picked element gets its gradient, the others 0."""

    name = "take_along_dim"

    @staticmethod
    def forward(ctx, x, indices=None, dim=0, keepdim=False):
        picked = np.take_along_axis(x, np.expand_dims(indices, dim), axis=dim)
        ctx.save_for_backward(x.shape, x.dtype)
        return picked if keepdim else np.squeeze(picked, axis=dim)

    @staticmethod
    def backward(ctx, grad_output):
        shape, dtype = ctx.saved
        indices, dim, keepdim = ctx.options["indices"], ctx.options["dim"], ctx.options["keepdim"]
        grad = np.zeros(shape, dtype=dtype)
        grad_output = np.asarray(grad_output) if keepdim else np.expand_dims(grad_output, dim)
        np.put_along_axis(grad, np.expand_dims(indices, dim), grad_output, axis=dim)
        return grad


class Concat(Function):
    """out = the inputs joined along `dim` (np.concatenate).
    Backward: the gradient cut back into the inputs' pieces."""

    name = "concat"

    @staticmethod
    def forward(ctx, *arrays, dim=0):
        ndim = np.ndim(arrays[0]) if arrays else 0
        if not -ndim <= dim < ndim:
            raise ValueError(f"concat: dim {dim} is out of range for inputs of {ndim} axes")
        ctx.save_for_backward(np.cumsum([np.shape(a)[dim] for a in arrays[:-1]]), dim)
        return np.concatenate(arrays, axis=dim)

    @staticmethod
    def backward(ctx, grad_output):
        boundaries, dim = ctx.saved
        return tuple(np.split(grad_output, boundaries, axis=dim))


class Stack(Function):
    """out = the inputs (all of one shape) stacked along a new axis `dim` (np.stack).
    Backward: input i gets the slice i of the gradient along that axis."""

    name = "stack"

    @staticmethod
    def forward(ctx, *arrays, dim=0):
        ctx.save_for_backward(dim)
        return np.stack(arrays, axis=dim)

    @staticmethod
    def backward(ctx, grad_output):
        (dim,) = ctx.saved
        return tuple(np.moveaxis(grad_output, dim, 0))


def concat(values, dim=0, *, axis=None):
    """Join Values (or arrays) of equal shape but along `dim` into one Value (PyTorch's
    torch.cat; `cat` is the same function; numpy's `axis` is accepted for `dim`)."""
    return Concat.apply(*values, dim=_one_of(dim, axis, 0))


cat = concat


def stack(values, dim=0, *, axis=None):
    """Stack Values (or arrays, or scalar Values) of one shape along a new axis `dim`."""
    return Stack.apply(*values, dim=_one_of(dim, axis, 0))


def _one_of(dim, axis, default):
    """PyTorch's `dim`, or numpy's `axis` for it (not both, unless they agree)."""
    if axis is None:
        return dim
    if dim != default and dim != axis:
        raise TypeError(
            f"give dim or axis (numpy's name for it), not both: dim={dim}, axis={axis}"
        )
    return axis
