"""Activation functions as modules, and the registry that finds them by name.

The course's activations, each a thin module around the Value method that computes it
(the op and its derivative live in `autograd/ops/elementwise.py`):

    sign(z)        -1, 0 or +1         the perceptron's step; no gradient
    σ(z)           1 / (1 + e^-z)      squashes into (0, 1); saturates
    tanh(z)        2σ(2z) - 1          squashes into (-1, 1), zero-centred; saturates
    ReLU(z)        max(0, z)           the modern default: fast, does not saturate for z > 0
    LeakyReLU(z)   z if z > 0 else αz  a small slope for z < 0 keeps gradients alive
    Identity(z)    z                   "linear": regression outputs
    softmax(z)_j   e^z_j / Σ_k e^z_k   a probability distribution over classes

Everywhere an activation is asked for (`Perceptron`, `MLP`), it may be given by name —
"sign", "sigmoid", "tanh", "relu", "leaky_relu", "linear" or "identity", "softmax" — or
as a module. Every module accepts a Value or a numpy array of any shape.
"""

from nn._checks import check_real
from nn.module import Module, as_value


class Sign(Module):
    """sign(z) ∈ {-1, 0, +1} elementwise (the perceptron's step function). Its gradient is
    zero: train a sign perceptron with the perceptron rule (`Perceptron.fit`)."""

    def forward(self, x):
        return as_value(x).sign()


class Sigmoid(Module):
    """σ(z) = 1 / (1 + e^-z) elementwise, computed stably (never overflows)."""

    def forward(self, x):
        return as_value(x).sigmoid()


class Tanh(Module):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z) elementwise."""

    def forward(self, x):
        return as_value(x).tanh()


class ReLU(Module):
    """ReLU(z) = max(0, z) elementwise."""

    def forward(self, x):
        return as_value(x).relu()


class LeakyReLU(Module):
    """LeakyReLU(z) = z for z > 0, else α·z, elementwise (α: `negative_slope`).

    Args:
        negative_slope: the slope α for negative inputs. Default: 0.01 (as PyTorch's).
    """

    def __init__(self, negative_slope=0.01):
        super().__init__()
        self.negative_slope = check_real("negative_slope", negative_slope)

    def forward(self, x):
        return as_value(x).leaky_relu(self.negative_slope)

    def extra_repr(self):
        return f"negative_slope={self.negative_slope}"


class Identity(Module):
    """Identity(z) = z: the "linear" activation (returns its input as a Value)."""

    def forward(self, x):
        return as_value(x)


class Softmax(Module):
    """softmax(z)_j = e^z_j / Σ_k e^z_k along `dim`, computed stably.

    To train a classifier, give the logits (no softmax) to `cross_entropy`, which applies
    the softmax itself, stably and with a simpler gradient.

    Args:
        dim: the axis holding the classes. Default: -1 (PyTorch asks for it; here the
            last axis, where the classes of a (N, C) batch are).
    """

    def __init__(self, dim=-1):
        super().__init__()
        self.dim = dim

    def forward(self, x):
        return as_value(x).softmax(dim=self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class LogSoftmax(Module):
    """log softmax(z)_j = z_j − log Σ_k e^z_k along `dim`, computed stably (for `nll_loss`).

    Args:
        dim: the axis holding the classes. Default: -1.
    """

    def __init__(self, dim=-1):
        super().__init__()
        self.dim = dim

    def forward(self, x):
        return as_value(x).log_softmax(dim=self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


#: Activation modules by name.
ACTIVATIONS = {
    "sign": Sign,
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "linear": Identity,
    "identity": Identity,
    "softmax": Softmax,
}


def get_activation(activation) -> Module:
    """A new activation module from its name (a key of `ACTIVATIONS`, any case), the
    module itself if given one, or `Identity()` for None.

    Raises:
        ValueError: an unknown name (the message lists the known ones).
        TypeError: anything else.
    """
    if activation is None:
        return Identity()
    if isinstance(activation, Module):
        return activation
    if isinstance(activation, str):
        key = activation.lower()
        if key in ACTIVATIONS:
            return ACTIVATIONS[key]()
        raise ValueError(
            f"unknown activation {activation!r}; known activations: {', '.join(ACTIVATIONS)}"
        )
    raise TypeError(
        f"activation must be a name, a Module or None, got {type(activation).__name__}"
    )


#: Activations after which Kaiming initialisation is the right one (He et al., 2015).
RELU_LIKE = (ReLU, LeakyReLU)
