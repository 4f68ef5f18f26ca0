"""The fully connected layer's op, x @ W + b, fused into one node (nn.Linear uses it)."""

import numpy as np

from autograd.function import Function


class LinearFunction(Function):
    """out = x @ W + b as one op: one node in the graph and one backward step.

    Fused for speed: a Linear layer is the most frequent node of a network, and one node
    instead of two (@ then +) halves the bookkeeping per layer. Its gradients are exactly
    those of the unfused ops, with the leading axes of x flattened into rows:

        dL/dx = g Wᵀ        dL/dW = xᵀ g        dL/db = Σ_rows g

    dL/dx is skipped when x is a constant (the network's input), via `ctx.needs_input_grad`.

    Shapes: x (*, in), W (in, out), b (out,) or absent -> out (*, out).
    """

    name = "linear"

    @staticmethod
    def forward(ctx, x, weight, bias=None):
        ctx.save_for_backward(x, weight)
        out = x @ weight
        if bias is not None:
            out += bias  # in place: `out` is a new array, and this saves a copy
        return out

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved
        needs_x, needs_weight = ctx.needs_input_grad[:2]
        grad_x = grad_output @ weight.T if needs_x else None
        if x.ndim != 2:  # (*, in): the leading axes are all rows of one batch
            x = x.reshape(-1, weight.shape[0])
            grad_output = grad_output.reshape(-1, weight.shape[1])
        grad_weight = x.T @ grad_output if needs_weight else None
        if len(ctx.inputs) == 2:
            return grad_x, grad_weight
        grad_bias = np.add.reduce(grad_output, axis=0) if ctx.needs_input_grad[2] else None
        return grad_x, grad_weight, grad_bias
