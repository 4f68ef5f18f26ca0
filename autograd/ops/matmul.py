"""Matrix product, with numpy's `@` semantics (1-D vectors, 2-D matrices, stacks of them).

For 2-D operands, out = A @ B has dL/dA = dL/dout @ Bᵀ and dL/dB = Aᵀ @ dL/dout. A 1-D
operand is treated as a one-row (left) or one-column (right) matrix, and stacked (batched)
operands broadcast over their leading axes, whose gradient the engine sums back.
"""

import numpy as np

from autograd.function import Function


class MatMul(Function):
    """out = a @ b (numpy's matmul).

    Shapes: (..., n, k) @ (..., k, m) -> (..., n, m); (k,) @ (k, m) -> (m,);
    (n, k) @ (k,) -> (n,); (k,) @ (k,) -> ().
    """

    name = "@"

    @staticmethod
    def forward(ctx, a, b):
        if np.ndim(a) == 0 or np.ndim(b) == 0:
            raise ValueError("@ needs arrays of at least one axis; use * to multiply by a scalar")
        ctx.save_for_backward(a, b)
        return a @ b

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved
        needs_a, needs_b = ctx.needs_input_grad
        # Give 1-D operands (and the output) their matrix axes back: a (k,) -> (1, k),
        # b (k,) -> (k, 1); then both gradients are plain matrix products.
        a_matrix = a[np.newaxis, :] if a.ndim == 1 else a
        b_matrix = b[:, np.newaxis] if b.ndim == 1 else b
        grad_matrix = np.asarray(grad_output)
        if a.ndim == 1:
            grad_matrix = np.expand_dims(grad_matrix, -2 if b.ndim > 1 else 0)
        if b.ndim == 1:
            grad_matrix = np.expand_dims(grad_matrix, -1)
        grad_a = grad_b = None
        if needs_a:
            grad_a = grad_matrix @ np.swapaxes(b_matrix, -1, -2)
            if a.ndim == 1:
                grad_a = grad_a[..., 0, :]
        if needs_b:
            grad_b = np.swapaxes(a_matrix, -1, -2) @ grad_matrix
            if b.ndim == 1:
                grad_b = grad_b[..., 0]
        return grad_a, grad_b
