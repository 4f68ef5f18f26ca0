"""2-D convolution (PyTorch's `conv2d`, a cross-correlation) as one fused op: im2col and
one matrix product.

    out[n, o, i, j] = b[o] + Σ_{c, p, q} W[o, c, p, q] · x_pad[n, c, i·sH + p, j·sW + q]

Every output pixel is the dot product of the kernel with one window of the input, so all
of them together are one matrix product: copy each window into a column of a matrix
("im2col", `cols` of shape (C·kH·kW, H_out·W_out·N)), and

    out = W_mat @ cols + b        W_mat = W reshaped to (C_out, C·kH·kW)

— a convolution is a Linear layer applied to every window. The backward pass is that of
the matrix product,

    dL/dW = g @ colsᵀ     dL/db = Σ g over the pixels     dL/dcols = W_matᵀ @ g,

and dL/dx adds each column of dL/dcols back into the window it was copied from
("col2im"). That is done one kernel offset (p, q) at a time: its rows of dL/dcols are
W[:, :, p, q]ᵀ @ g, added into one strided slice of dL/dx (see `windows.offset_slices`),
so that the whole of dL/dcols, kH·kW times the size of x, never exists at once (measured:
a LeNet step 15–20% faster, most of it memory the system no longer has to hand out afresh).
Windows overlap when the stride is smaller than the kernel, and where they do, their
gradients add up.

Fused for speed: composed of primitive ops (a slice per kernel offset, a matrix product
and a sum for each) the same layer is kH·kW·3 nodes and as many passes over the data;
here it is one node, and a test checks that its gradients equal the composite's.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from autograd.function import Function
from autograd.ops.windows import offset_slices, output_size, padded, unpadded


class Conv2d(Function):
    """out = conv2d(x, W) + b on (N, C, H, W) images, as one op (see the module docstring).

    Inputs: x (N, C_in, H, W); weight (C_out, C_in, kH, kW); bias (C_out,), optional.
    Options: stride (sH, sW) and padding (pH, pW), pairs of ints (zero padding).
    Output: (N, C_out, H_out, W_out), H_out = ⌊(H + 2·pH − kH) / sH⌋ + 1 (W_out alike).

    The arguments are taken as given (`nn.functional.conv2d` checks them); the output is an
    (N, C_out, H_out, W_out) view of a (C_out, H_out, W_out, N) array (`windows` says why).
    """

    name = "conv2d"

    @staticmethod
    def forward(ctx, x, weight, bias=None, stride=(1, 1), padding=(0, 0)):
        n, _, h, w = x.shape
        c_out, c_in, kh, kw = weight.shape
        ho = output_size(h, kh, stride[0], padding[0])
        wo = output_size(w, kw, stride[1], padding[1])
        memory = padded(x, padding, 0.0)  # (C_in, H_pad, W_pad, N)
        # The windows, (C_in, H_out, W_out, N, kH, kW), are a view; one copy puts them in
        # the columns: row (c, p, q) of `cols` holds pixel (p, q) of channel c of every
        # window, in the order (i, j, n) of the output pixels.
        # (writeable=True only because numpy 2.4's read-only strided views leak about 200
        # bytes each; nothing writes through this view.)
        windows = sliding_window_view(memory, (kh, kw), axis=(1, 2), writeable=True)
        windows = windows[:, :: stride[0], :: stride[1]]
        cols = np.empty((c_in, kh, kw, ho, wo, n), dtype=x.dtype)
        cols[...] = windows.transpose(0, 4, 5, 1, 2, 3)
        cols = cols.reshape(c_in * kh * kw, ho * wo * n)
        out = weight.reshape(c_out, -1) @ cols  # (C_out, H_out·W_out·N)
        if bias is not None:
            out += bias[:, np.newaxis]
        ctx.save_for_backward(weight, cols, memory.shape, stride, padding)
        return out.reshape(c_out, ho, wo, n).transpose(3, 0, 1, 2)

    @staticmethod
    def backward(ctx, grad_output):
        weight, cols, memory_shape, stride, padding = ctx.saved
        needs_x, needs_weight = ctx.needs_input_grad[:2]
        c_out, c_in, kh, kw = weight.shape
        _, _, ho, wo = grad_output.shape
        # g as (C_out, H_out·W_out·N), the layout of the forward's product (no copy when
        # grad_output is the channels-major view this op and the pooling ops hand out).
        g = grad_output.transpose(1, 2, 3, 0).reshape(c_out, -1)
        grad_weight = None
        if needs_weight:  # (cols @ gᵀ)ᵀ = g @ colsᵀ; this order is faster in BLAS (by 1.5×
            # for LeNet's layers), and the copy that reshape makes of the transpose is small
            grad_weight = (cols @ g.T).T.reshape(weight.shape)
        grad_x = None
        if needs_x:
            weight_by_offset = weight.reshape(c_out, c_in, kh * kw)
            grad_memory = np.zeros(memory_shape, dtype=g.dtype)
            for k, index in enumerate(offset_slices((kh, kw), stride, (ho, wo))):
                grad_offset = weight_by_offset[:, :, k].T @ g  # (C_in, H_out·W_out·N)
                grad_memory[index] += grad_offset.reshape(c_in, ho, wo, -1)
            grad_x = unpadded(grad_memory, padding)
        if len(ctx.needs_input_grad) == 2:  # no bias
            return grad_x, grad_weight
        grad_bias = np.add.reduce(g, axis=1) if ctx.needs_input_grad[2] else None
        return grad_x, grad_weight, grad_bias
