"""Sliding windows over images: the geometry that convolution and pooling share.

Images are (N, C, H, W), PyTorch's layout. A window of kH × kW pixels slides over each
(zero- or −∞-padded) image with a stride (sH, sW); window (i, j) of the output covers rows
i·sH … i·sH + kH − 1 and columns j·sW … j·sW + kW − 1, so there are

    H_out = ⌊(H + 2·pH − kH) / sH⌋ + 1   and   W_out = ⌊(W + 2·pW − kW) / sW⌋ + 1

windows down and across. Two views of the same windows are used:

- by window: `sliding_window_view` gives every window's kH × kW pixels (the forward pass
  of a convolution copies them into the columns of one matrix, "im2col");
- by kernel offset: for one offset (p, q) inside the kernel, the pixels at that offset of
  every window form one strided slice of the padded image, `offset_slice(p, q)`. Pooling
  reduces over the kH·kW slices; a backward pass adds each offset's gradient back into
  its slice ("col2im"), kH·kW whole-array operations instead of one per window.

Memory layout. The ops here keep their arrays in memory as (C, H, W, N), the batch axis
last (cuda-convnet's layout), and hand out (N, C, H, W) views of them (a transpose, no
copy). With the batch innermost, every slice and window copy above moves runs of N
contiguous numbers, whatever C, H and W are, and a convolution's output comes out of its
matrix product as (C_out, H_out·W_out·N) with nothing to rearrange. The (N, C, H, W)
views behave as any numpy array: only the speed of these ops depends on the layout.
"""

import numpy as np


def output_size(size, kernel, stride, padding) -> int:
    """Windows along one axis: ⌊(size + 2·padding − kernel) / stride⌋ + 1."""
    return (size + 2 * padding - kernel) // stride + 1


def channels_major(x) -> np.ndarray:
    """The (C, H, W, N) view of an (N, C, H, W) array (a transpose: no copy)."""
    return x.transpose(1, 2, 3, 0)


def batch_major(memory) -> np.ndarray:
    """The (N, C, H, W) view of a (C, H, W, N) array: the inverse of `channels_major`."""
    return memory.transpose(3, 0, 1, 2)


def padded(x, padding, value) -> np.ndarray:
    """`x` (N, C, H, W) padded by (pH, pW) pixels of `value` on each side, as a
    (C, H + 2·pH, W + 2·pW, N) array (channels-major memory, see the module's docstring).
    Without padding it is the (C, H, W, N) view of `x` itself, not a copy."""
    ph, pw = padding
    if ph == 0 and pw == 0:
        return channels_major(x)
    n, c, h, w = x.shape
    memory = np.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=x.dtype)
    if value != 0:
        memory.fill(value)
    memory[:, ph : ph + h, pw : pw + w] = channels_major(x)
    return memory


def unpadded(memory, padding) -> np.ndarray:
    """The (N, C, H, W) view of the inside of a padded (C, H + 2·pH, W + 2·pW, N) array."""
    ph, pw = padding
    _, hp, wp, _ = memory.shape
    return batch_major(memory[:, ph : hp - ph, pw : wp - pw])


def offset_slices(kernel, stride, out_size):
    """For each offset (p, q) inside the kernel, in row-major order, the index of the
    pixels at that offset of every window, for a (C, H_pad, W_pad, N) array: the slice
    [:, p : p + sH·(H_out − 1) + 1 : sH, q : … : sW] of shape (C, H_out, W_out, N)."""
    (kh, kw), (sh, sw), (ho, wo) = kernel, stride, out_size
    return [
        (slice(None), slice(p, p + sh * (ho - 1) + 1, sh), slice(q, q + sw * (wo - 1) + 1, sw))
        for p in range(kh)
        for q in range(kw)
    ]
