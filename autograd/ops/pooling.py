"""Max and average pooling over (N, C, H, W) images, each one fused op.

    max:      out[n, c, i, j] = max_{p, q}      x_pad[n, c, i·sH + p, j·sW + q]
    average:  out[n, c, i, j] = 1/(kH·kW) Σ_{p, q} x_pad[n, c, i·sH + p, j·sW + q]

Both work kernel offset by kernel offset (`windows.offset_slices`): the pixels at offset
(p, q) of every window are one strided slice of the padded input, so a pooling is kH·kW
whole-array operations, and so is its backward pass, which sends each window's gradient
back to the pixels it came from:

    max:      dL/dx = g at the window's maximum (the first one, in row-major order, when
              several pixels tie, as PyTorch), 0 at its other pixels
    average:  dL/dx = g / (kH·kW) at every pixel of the window

Where windows overlap (stride < kernel) a pixel collects the gradients of every window it
belongs to. Padding is −∞ for max pooling (a padded pixel is never the maximum) and 0 for
average pooling, where it counts in the average (PyTorch's default,
count_include_pad=True).

Fused for speed: composed of primitive ops (a slice per offset, stacked, then max or
mean) the same layer is kH·kW + 2 nodes; tests check that the gradients are equal.
"""

import numpy as np

from autograd.function import Function
from autograd.ops.windows import batch_major, offset_slices, output_size, padded, unpadded


def _offsets(x_shape, kernel, stride, padding):
    """The index of every kernel offset's slice, and the output's (H_out, W_out)."""
    out_size = tuple(
        output_size(size, k, s, p) for size, k, s, p in zip(x_shape[2:], kernel, stride, padding)
    )
    return offset_slices(kernel, stride, out_size), out_size


class MaxPool2d(Function):
    """out = the maximum of each kH × kW window (see the module docstring).

    Input: x (N, C, H, W). Options: kernel_size (kH, kW), stride (sH, sW), padding
    (pH, pW), pairs of ints. Output: (N, C, H_out, W_out).
    """

    name = "max_pool2d"

    @staticmethod
    def forward(ctx, x, kernel_size=(2, 2), stride=(2, 2), padding=(0, 0)):
        memory = padded(x, padding, -np.inf)  # (C, H_pad, W_pad, N)
        offsets, _ = _offsets(x.shape, kernel_size, stride, padding)
        # Scan the offsets in row-major order: a later pixel replaces the maximum only if
        # it is strictly greater, so at a tie the first maximum keeps it (and its gradient).
        out = memory[offsets[0]].copy()
        argmax = np.zeros(out.shape, dtype=np.int8 if len(offsets) <= 127 else np.intp)
        for k, index in enumerate(offsets[1:], start=1):
            candidate = memory[index]
            greater = candidate > out
            np.maximum(out, candidate, out=out)
            argmax += greater * (k - argmax)  # argmax = k where greater (a select, as arithmetic:
            # several times faster than a masked assignment)
        overlapping = stride[0] < kernel_size[0] or stride[1] < kernel_size[1]
        ctx.save_for_backward(argmax, memory.shape, offsets, overlapping, padding)
        return batch_major(out)

    @staticmethod
    def backward(ctx, grad_output):
        argmax, memory_shape, offsets, overlapping, padding = ctx.saved
        g = grad_output.transpose(1, 2, 3, 0)  # (C, H_out, W_out, N), as `argmax`
        grad_memory = np.zeros(memory_shape, dtype=grad_output.dtype)
        for k, index in enumerate(offsets):
            if overlapping:  # a pixel may be in several windows: add up their gradients
                grad_memory[index] += g * (argmax == k)
            else:  # each pixel is in one window at most: write, no need to read first
                np.multiply(g, argmax == k, out=grad_memory[index])
        return unpadded(grad_memory, padding)


class AvgPool2d(Function):
    """out = the mean of each kH × kW window, padding included (see the module docstring).

    Input: x (N, C, H, W). Options: kernel_size (kH, kW), stride (sH, sW), padding
    (pH, pW), pairs of ints. Output: (N, C, H_out, W_out).
    """

    name = "avg_pool2d"

    @staticmethod
    def forward(ctx, x, kernel_size=(2, 2), stride=(2, 2), padding=(0, 0)):
        memory = padded(x, padding, 0.0)
        offsets, _ = _offsets(x.shape, kernel_size, stride, padding)
        total = memory[offsets[0]].copy()
        for index in offsets[1:]:
            total += memory[index]
        total *= 1.0 / len(offsets)
        ctx.save_for_backward(memory.shape, offsets, padding)
        return batch_major(total)

    @staticmethod
    def backward(ctx, grad_output):
        memory_shape, offsets, padding = ctx.saved
        share = grad_output.transpose(1, 2, 3, 0) * (1.0 / len(offsets))
        grad_memory = np.zeros(memory_shape, dtype=grad_output.dtype)
        for index in offsets:
            grad_memory[index] += share
        return unpadded(grad_memory, padding)
