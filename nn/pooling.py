"""Pooling layers: `MaxPool2d` and `AvgPool2d` on (N, C, H, W) images."""

from nn import functional as F
from nn.module import Module


class _Pool2d(Module):
    """What both pooling layers share: kernel_size, stride (default: the kernel size, so
    windows tile the image) and padding, checked and kept as (height, width) pairs."""

    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        self.kernel_size = F.pair("kernel_size", kernel_size, 1)
        self.stride = self.kernel_size if stride is None else F.pair("stride", stride, 1)
        self.padding = F.pair("padding", padding, 0)
        if any(p > k // 2 for p, k in zip(self.padding, self.kernel_size)):
            raise ValueError(
                f"padding {self.padding} must be at most half the kernel size {self.kernel_size}"
            )

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class MaxPool2d(_Pool2d):
    """Max pooling: the largest value of each kH × kW window, channel by channel,

        y[n, c, i, j] = max_{p, q} x_pad[n, c, i·sH + p, j·sW + q]      (padding: −∞)

    It halves the height and width with the usual kernel_size=2, keeps the strongest
    response of a filter in each neighbourhood (so a feature moved by a pixel gives the
    same output) and has no parameters. Its gradient goes to the maximum of each window
    only (the first one, in row-major order, at a tie, as PyTorch).

    Args:
        kernel_size: (kH, kW) or one int. stride: (sH, sW) or one int; None (default)
            means the kernel size. padding: (pH, pW) or one int, at most half the kernel.

    Shape:
        Input: (N, C, H, W). Output: (N, C, H_out, W_out), H_out = ⌊(H + 2·pH − kH) / sH⌋
        + 1, W_out alike.

    Example:
        >>> MaxPool2d(2)(np.arange(16.0).reshape(1, 1, 4, 4)).data[0, 0]
        array([[ 5.,  7.],
               [13., 15.]])
    """

    def forward(self, x):
        return F.max_pool2d(x, self.kernel_size, self.stride, self.padding)


class AvgPool2d(_Pool2d):
    """Average pooling: the mean of each kH × kW window, channel by channel,

        y[n, c, i, j] = 1/(kH·kW) Σ_{p, q} x_pad[n, c, i·sH + p, j·sW + q]

    Padded zeros count in the mean (PyTorch's default, count_include_pad=True). Its
    gradient is shared equally by the window's kH·kW pixels.

    Args, Shape: as `MaxPool2d`.

    Example:
        >>> AvgPool2d(2)(np.arange(16.0).reshape(1, 1, 4, 4)).data[0, 0]
        array([[ 2.5,  4.5],
               [10.5, 12.5]])
    """

    def forward(self, x):
        return F.avg_pool2d(x, self.kernel_size, self.stride, self.padding)
