"""nn.functional: every function form of nn's modules and losses, so that
`import nn.functional as F` reads as in PyTorch (`F.relu(x)`, `F.cross_entropy(z, y)`).

Each function takes a Value or a numpy array and returns a Value; the maths is in the
autograd op it calls (`autograd/ops/`), the argument checks of the losses in `nn.losses`.

    activations   relu sigmoid tanh leaky_relu softmax log_softmax
    regularising  dropout
    losses        mse_loss l1_loss binary_cross_entropy binary_cross_entropy_with_logits
                  cross_entropy nll_loss hinge_loss

Example:
    >>> import numpy as np
    >>> import nn.functional as F
    >>> F.relu(np.array([-1.0, 2.0])).data
    array([0., 2.])
"""

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
    "binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy", "dropout",
    "hinge_loss", "l1_loss", "leaky_relu", "log_softmax", "mse_loss", "nll_loss", "relu",
    "sigmoid", "softmax", "tanh",
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
    """p as a float if it is a number in [0, 1), else a ValueError."""
    if isinstance(p, bool) or not isinstance(p, int | float) or not 0 <= p < 1:
        raise ValueError(f"dropout probability p must be a number in [0, 1), got {p!r}")
    return float(p)
