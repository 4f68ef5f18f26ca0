"""`Conv2d`: a convolutional layer on (N, C, H, W) images, PyTorch's layout."""

import numpy as np

from autograd import Value
from nn import functional as F
from nn import init as initializers
from nn._checks import check_int
from nn.module import Module


class Conv2d(Module):
    """A 2-D convolution: every output channel o slides its kernel W[o] over the image,

        y[n, o, i, j] = b[o] + Σ_{c, p, q} W[o, c, p, q] · x_pad[n, c, i·sH + p, j·sW + q]

    (a cross-correlation, as in PyTorch and every deep-learning library). The same few
    weights are used at every position of the image, so a layer that sees a whole image
    has only C_out·C_in·kH·kW + C_out parameters, and a pattern it learns to detect in one
    place it detects everywhere.

    Args:
        in_channels: C_in, channels of the input (1 for grey images).
        out_channels: C_out, the number of filters (channels of the output).
        kernel_size: (kH, kW), or one int for a square kernel.
        stride: (sH, sW) or one int: how far the kernel moves between outputs. Default 1.
        padding: zeros added on each side, (pH, pW) or one int. Default 0; with an odd
            kernel k, padding (k − 1) / 2 and stride 1 keep H and W ("same" size).
        bias: whether the layer has the bias b. Default: True.
        init: how W starts, as in `Linear`: "kaiming" (default: N(0, 2/fan_in), with
            fan_in = C_in·kH·kW, for ReLU networks), "xavier", … or a callable.
        seed: an int, None or a `numpy.random.Generator`: the same seed gives the same W.
        dtype: the parameters' dtype, float64 (default) or float32.

    Shape:
        Input: (N, C_in, H, W), a Value or a numpy array (cast to the layer's dtype).
        Output: (N, C_out, H_out, W_out), H_out = ⌊(H + 2·pH − kH) / sH⌋ + 1, W_out alike.

    Attributes:
        weight: Value of shape (C_out, C_in, kH, kW), PyTorch's; initialised by `init`.
        bias: Value of shape (C_out,), zeros; None without bias.

    Example:
        >>> conv = Conv2d(1, 8, kernel_size=3, padding=1, seed=0)
        >>> conv(np.zeros((5, 1, 8, 8))).shape
        (5, 8, 8, 8)
        >>> conv.weight.shape, conv.bias.shape
        ((8, 1, 3, 3), (8,))
    """

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        bias=True,
        init="kaiming",
        seed=None,
        dtype=None,
    ):
        super().__init__()
        self.in_channels = check_int("in_channels", in_channels, 1)
        self.out_channels = check_int("out_channels", out_channels, 1)
        self.kernel_size = F.pair("kernel_size", kernel_size, 1)
        self.stride = F.pair("stride", stride, 1)
        self.padding = F.pair("padding", padding, 0)
        dtype = np.dtype(np.float64 if dtype is None else dtype)
        if dtype.kind != "f":
            raise TypeError(f"dtype must be a floating dtype (float32, float64), got {dtype}")
        shape = (self.out_channels, self.in_channels, *self.kernel_size)
        weight = np.asarray(
            initializers.get_initializer(init)(shape, rng=np.random.default_rng(seed))
        )
        if weight.shape != shape:
            raise ValueError(f"init returned an array of shape {weight.shape}, expected {shape}")
        self.weight = Value(weight.astype(dtype, copy=False), label="weight")
        self.bias = Value(np.zeros(self.out_channels, dtype), label="bias") if bias else None

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, stride=self.stride, padding=self.padding)

    def extra_repr(self):
        return (
            f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
            f"stride={self.stride}, padding={self.padding}, bias={self.bias is not None}"
        )
