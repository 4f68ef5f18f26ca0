"""nn.functional: every function form of nn's modules and losses, so that
`import nn.functional as F` reads as in PyTorch (`F.relu(x)`, `F.cross_entropy(z, y)`).

Each function takes a Value or a numpy array and returns a Value; the maths is in the
autograd op it calls (`autograd/ops/`), the argument checks of the losses in `nn.losses`.

    activations   relu sigmoid tanh leaky_relu softmax log_softmax
    regularising  dropout
    convolution   conv2d max_pool2d avg_pool2d pad (images (N, C, H, W); sizes, strides
                  and paddings ints or (height, width) pairs, as PyTorch's)
    losses        mse_loss l1_loss binary_cross_entropy binary_cross_entropy_with_logits
                  cross_entropy nll_loss hinge_loss

Example:
    >>> import numpy as np
    >>> import nn.functional as F
    >>> F.relu(np.array([-1.0, 2.0])).data
    array([0., 2.])
"""

from autograd import Value
from autograd.ops.conv import Conv2d
from autograd.ops.padding import Pad
from autograd.ops.pooling import AvgPool2d, MaxPool2d
from nn._checks import check_int, check_real
from nn.init import generator
from nn.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge_loss,
    l1_loss,
    mse_loss,
    nll_loss,
)
from nn.module import as_value

__all__ = [
    "avg_pool2d", "binary_cross_entropy", "binary_cross_entropy_with_logits", "conv2d",
    "cross_entropy", "dropout", "hinge_loss", "l1_loss", "leaky_relu", "log_softmax",
    "max_pool2d", "mse_loss", "nll_loss", "pad", "relu", "sigmoid", "softmax", "tanh",
]  # fmt: skip


def relu(input):
    """max(0, x) elementwise."""
    return as_value(input).relu()


def sigmoid(input):
    """σ(x) = 1 / (1 + e^-x) elementwise, stably."""
    return as_value(input).sigmoid()


def tanh(input):
    """tanh(x) elementwise."""
    return as_value(input).tanh()


def leaky_relu(input, negative_slope=0.01):
    """x for x > 0, else negative_slope·x, elementwise."""
    return as_value(input).leaky_relu(negative_slope)


def softmax(input, dim=-1):
    """softmax(x)_j = e^x_j / Σ_k e^x_k along `dim`, stably."""
    return as_value(input).softmax(dim=dim)


def log_softmax(input, dim=-1):
    """log softmax(x) = x − logsumexp(x) along `dim`, stably."""
    return as_value(input).log_softmax(dim=dim)


def dropout(input, p=0.5, training=True, *, seed=None):
    """Inverted dropout: with `training`, each element is zeroed with probability p and the
    survivors scaled by 1/(1 − p), so that E[y] = x; without it, the input unchanged.

        y = x · m / (1 − p),   m_i ~ Bernoulli(1 − p)

    Args:
        p: probability of zeroing an element, in [0, 1).
        training: apply dropout (True, PyTorch's default for F.dropout) or not.
        seed: an int, a `numpy.random.Generator` (used as it is, so successive calls draw
            new masks) or None (a seed drawn from numpy's global state).
    """
    check_dropout_probability(p)
    x = as_value(input)
    if not training or p == 0:
        return x
    keep = generator(seed).random(x.shape) >= p
    return x * (keep * (1.0 / (1.0 - p))).astype(x.dtype)


def check_dropout_probability(p) -> float:
    """p as a float if it is a number in [0, 1) (numpy numbers too), else an error."""
    return check_real("dropout probability p", p, 0.0, 1.0, high_open=True)


def conv2d(x, weight, bias=None, stride=1, padding=0) -> Value:
    """2-D convolution (a cross-correlation, as PyTorch's):

        out[n, o, i, j] = b[o] + Σ_{c, p, q} W[o, c, p, q] · x_pad[n, c, i·sH + p, j·sW + q]

    Args:
        x: images (N, C_in, H, W), a Value or an array (an array is cast to W's dtype).
        weight: W (C_out, C_in, kH, kW). bias: b (C_out,) or None.
        stride: (sH, sW) or one int for both. padding: zeros added on each side, (pH, pW)
            or one int.

    Returns:
        (N, C_out, H_out, W_out), H_out = ⌊(H + 2·pH − kH) / sH⌋ + 1 (W_out alike).

    Example:
        >>> import nn.functional as F
        >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
        >>> F.conv2d(x, np.ones((1, 1, 2, 2))).shape    # sums of 2 × 2 windows
        (1, 1, 3, 3)
    """
    weight = as_value(weight)
    x = _images(x, "conv2d", weight.dtype)
    if weight.ndim != 4:
        raise ValueError(
            f"conv2d: weight must have shape (C_out, C_in, kH, kW), got shape {weight.shape}"
        )
    if x.shape[1] != weight.shape[1]:
        raise ValueError(
            f"conv2d: input of shape {x.shape} has {x.shape[1]} channels but weight of shape "
            f"{weight.shape} expects {weight.shape[1]} (its axis 1, C_in)"
        )
    stride = pair("stride", stride, 1)
    padding = pair("padding", padding, 0)
    _check_fits(x.shape, weight.shape[2:], padding, "conv2d", f"weight of shape {weight.shape}")
    if bias is None:
        return Conv2d.apply(x, weight, stride=stride, padding=padding)
    bias = as_value(bias)
    if bias.shape != weight.shape[:1]:
        raise ValueError(
            f"conv2d: bias must have shape ({weight.shape[0]},) for weight of shape "
            f"{weight.shape}, got shape {bias.shape}"
        )
    return Conv2d.apply(x, weight, bias, stride=stride, padding=padding)


def max_pool2d(x, kernel_size, stride=None, padding=0) -> Value:
    """The maximum of each kH × kW window: out[n, c, i, j] = max_{p,q} x_pad[n, c, i·sH + p,
    j·sW + q], padding −∞. At a tie the first maximum (row-major) gets the gradient.

    Args:
        x: images (N, C, H, W). kernel_size: (kH, kW) or one int.
        stride: (sH, sW) or one int; None (default) means the kernel size.
        padding: (pH, pW) or one int, at most half the kernel size (as PyTorch).

    Returns:
        (N, C, H_out, W_out), H_out = ⌊(H + 2·pH − kH) / sH⌋ + 1 (W_out alike).
    """
    return _pool(MaxPool2d, "max_pool2d", x, kernel_size, stride, padding)


def avg_pool2d(x, kernel_size, stride=None, padding=0) -> Value:
    """The mean of each kH × kW window, padded zeros counted (PyTorch's default):
    out[n, c, i, j] = 1/(kH·kW) Σ_{p,q} x_pad[n, c, i·sH + p, j·sW + q].

    Arguments and shapes as `max_pool2d`.
    """
    return _pool(AvgPool2d, "avg_pool2d", x, kernel_size, stride, padding)


def pad(x, pad, mode="constant", value=0.0) -> Value:
    """Pad `x` with `value`, PyTorch's way of giving the widths: `pad` is
    (left, right) for the last axis, then (top, bottom) for the one before, and so on
    ((1, 1, 2, 2) pads the last axis by 1 and the one before by 2 on each side).

    Args:
        x: a Value or an array of any shape. pad: an even number of ints ≥ 0, at most two
            per axis. mode: "constant" only. value: the number padded with.

    Example:
        >>> import nn.functional as F
        >>> F.pad(np.ones((2, 3)), (1, 1)).shape
        (2, 5)
    """
    x = as_value(x)
    if mode != "constant":
        raise ValueError(f"pad: mode must be 'constant' (the only one here), got {mode!r}")
    if not isinstance(pad, list | tuple) or len(pad) % 2 or len(pad) > 2 * x.ndim:
        raise ValueError(
            f"pad: pad must be an even number (at most {2 * x.ndim}, two per axis of the "
            f"input of shape {x.shape}) of ints >= 0, got {pad!r}"
        )
    widths = [check_int(f"pad[{i}]", width, 0) for i, width in enumerate(pad)]
    pairs = [(widths[i], widths[i + 1]) for i in range(0, len(widths), 2)]
    pairs = [(0, 0)] * (x.ndim - len(pairs)) + pairs[::-1]  # last axis first -> numpy's order
    return Pad.apply(x, widths=tuple(pairs), value=float(value))


# ----- argument checks -------------------------------------------------------------------


def pair(name, value, minimum) -> tuple:
    """`value` (an int, or a pair of ints, each >= `minimum`) as a pair (height, width);
    each int is checked by `check_int`, the package's one int check."""
    if not isinstance(value, list | tuple):
        value = check_int(name, value, minimum)
        return value, value
    if len(value) != 2:
        raise ValueError(f"{name} must be an int or a pair of ints (height, width), got {value!r}")
    return check_int(f"{name}[0]", value[0], minimum), check_int(f"{name}[1]", value[1], minimum)


def _images(x, function, dtype=None) -> Value:
    """`x` as a Value of images (N, C, H, W); an array is cast to `dtype` if given."""
    if not isinstance(x, Value):
        x = Value(x, requires_grad=False, dtype=dtype)
    if x.ndim != 4:
        raise ValueError(
            f"{function}: input must be images of shape (N, C, H, W), got shape {x.shape}"
        )
    return x


def _check_fits(x_shape, kernel, padding, function, kernel_description) -> None:
    """The kernel must fit inside the padded image: H + 2·pH ≥ kH and W + 2·pW ≥ kW."""
    padded_size = (x_shape[2] + 2 * padding[0], x_shape[3] + 2 * padding[1])
    if padded_size[0] < kernel[0] or padded_size[1] < kernel[1]:
        raise ValueError(
            f"{function}: the kernel ({kernel[0]}, {kernel[1]}) of {kernel_description} is "
            f"larger than the input of shape {tuple(x_shape)} padded to {padded_size}"
        )


def _pool(function, name, x, kernel_size, stride, padding) -> Value:
    x = _images(x, name)
    kernel = pair("kernel_size", kernel_size, 1)
    stride = kernel if stride is None else pair("stride", stride, 1)
    padding = pair("padding", padding, 0)
    if padding[0] > kernel[0] // 2 or padding[1] > kernel[1] // 2:
        raise ValueError(
            f"{name}: padding {padding} must be at most half the kernel size {kernel}"
        )
    _check_fits(x.shape, kernel, padding, name, f"kernel_size {kernel}")
    return function.apply(x, kernel_size=kernel, stride=stride, padding=padding)
