"""Layers: `Linear` (with its fused op), `Flatten` and the `MLP`."""

import itertools

import numpy as np

from autograd import Value
from autograd.ops.linear import LinearFunction
from nn import init as initializers
from nn._checks import check_int, check_real_array, check_seed
from nn.activations import RELU_LIKE, get_activation
from nn.dropout import Dropout
from nn.module import Module, as_value


class Linear(Module):
    """A fully connected layer: y = x @ W + b.

    Args:
        in_features: size of each input sample (n_in).
        out_features: size of each output sample (n_out).
        bias: whether the layer has the bias b. Default: True.
        init: how W starts: "xavier" (N(0, 2/(n_in + n_out)), the default), "kaiming"
            (N(0, 2/n_in), for ReLU layers), "normal" (N(0, 1)), another name from
            `nn.init.INITIALIZERS`, or a callable `init(shape, rng=generator) -> array`.
        seed: an int, None or a `numpy.random.Generator`: the same seed gives the same W;
            None draws a seed from numpy's global state (`np.random.seed` sets it).
        dtype: the parameters' dtype, float64 (default) or float32.

    Shape:
        Input: (*, in_features), a Value or a numpy array; a plain array is cast to the
        layer's dtype (so float32 layers stay float32).
        Output: (*, out_features).

    Attributes:
        weight: Value of shape (in_features, out_features), initialised by `init`.
        bias: Value of shape (out_features,), zeros; None without bias.

    Example:
        >>> layer = Linear(3, 2, seed=0)
        >>> layer(np.ones((4, 3))).shape
        (4, 2)
    """

    def __init__(self, in_features, out_features, bias=True, init="xavier", seed=None, dtype=None):
        super().__init__()
        in_features = check_int("in_features", in_features, 1)
        out_features = check_int("out_features", out_features, 1)
        check_seed("seed", seed)
        dtype = np.dtype(np.float64 if dtype is None else dtype)
        if dtype.kind != "f":
            raise TypeError(f"dtype must be a floating dtype (float32, float64), got {dtype}")
        self.in_features = in_features
        self.out_features = out_features
        shape = (in_features, out_features)
        weight = np.asarray(
            initializers.get_initializer(init)(shape, rng=initializers.generator(seed))
        )
        if weight.shape != shape:
            raise ValueError(f"init returned an array of shape {weight.shape}, expected {shape}")
        self.weight = Value(weight.astype(dtype, copy=False), label="weight")
        self.bias = Value(np.zeros(out_features, dtype), label="bias") if bias else None

    def forward(self, x):
        if not isinstance(x, Value):
            # checked before the cast: complex input would lose its imaginary part and an
            # object array holding None would become NaN, silently
            x = np.asarray(check_real_array("Linear input x", x)).astype(
                self.weight.dtype, copy=False
            )
        shape = x.shape
        if len(shape) == 0 or shape[-1] != self.in_features:
            raise ValueError(
                f"Linear({self.in_features}, {self.out_features}) expects input of shape "
                f"(*, {self.in_features}), got {shape}"
            )
        if self.bias is None:
            return LinearFunction.apply(x, self.weight)
        return LinearFunction.apply(x, self.weight, self.bias)

    def extra_repr(self):
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}"
        )


class Flatten(Module):
    """Flatten the axes start_dim..end_dim into one: (N, d1, d2, …) -> (N, d1·d2·…) with the
    defaults, as PyTorch's `nn.Flatten`.

    Args:
        start_dim: the first axis to flatten. Default: 1 (keep the batch axis).
        end_dim: the last axis to flatten (inclusive). Default: -1.

    An axis that the input does not have is an IndexError (Flatten(5) on a 3-D input never
    adds an axis).

    Example:
        >>> Flatten()(np.zeros((5, 8, 8))).shape      # 8×8 images into 64 features
        (5, 64)
    """

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, x):
        return as_value(x).flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class MLP(Module):
    """A multilayer perceptron: Linear layers with an activation (and dropout) between them.

        h_0 = x,   h_k = dropout(f(h_{k-1} @ W_k + b_k)) for the hidden layers,
        y = f_out(h_L @ W_out + b_out)

    Args:
        in_features: size of each input sample.
        hidden_sizes: sizes of the hidden layers, e.g. [64, 32] (may be empty).
        out_features: size of each output sample (classes, or regression targets).
        activation: the hidden layers' activation, a name or a module. Default: "relu".
        output_activation: applied to the output; None (default) gives raw outputs
            (logits), which is what `cross_entropy` and `binary_cross_entropy_with_logits`
            expect.
        dropout: probability p of zeroing each hidden activation in training; 0 (default)
            means no Dropout module at all.
        init: how every weight starts (see `Linear`); None (default) picks "kaiming" after
            ReLU-like activations (relu, leaky_relu) and "xavier" otherwise.
        seed: an int, None or a Generator; seeds every layer's weights and the dropout
            (None: a seed drawn from numpy's global state).
        dtype: the parameters' dtype (float64 default, or float32).

    Shape:
        Input: (*, in_features). Output: (*, out_features).

    Attributes:
        layers: the Linear layers, a list (parameters `layers.0.weight`, `layers.0.bias`, …).
        activation, output_activation: the activation modules; dropout: a Dropout or None.

    Example:
        >>> model = MLP(2, [16, 16], 1, activation="tanh", seed=0)
        >>> model(np.zeros((5, 2))).shape
        (5, 1)
    """

    def __init__(
        self,
        in_features,
        hidden_sizes,
        out_features,
        activation="relu",
        output_activation=None,
        dropout=0.0,
        init=None,
        seed=None,
        dtype=None,
    ):
        super().__init__()
        if not isinstance(hidden_sizes, list | tuple | range):  # MLP(2, 8, 3), say
            example = f"[{hidden_sizes}]" if isinstance(hidden_sizes, int) else "[64, 32]"
            raise TypeError(
                f"hidden_sizes must be a list of hidden layer sizes, such as {example} "
                f"([] for none), got {type(hidden_sizes).__name__} {hidden_sizes!r}: "
                "MLP(in_features, hidden_sizes, out_features)"
            )
        for index, size in enumerate(hidden_sizes):
            check_int(f"hidden_sizes[{index}]", size, 1)
        check_seed("seed", seed)
        sizes = [in_features, *hidden_sizes, out_features]
        activation = get_activation(activation)
        if init is None:
            init = "kaiming" if isinstance(activation, RELU_LIKE) else "xavier"
        rng = initializers.generator(seed)
        self.layers = [
            Linear(n_in, n_out, init=init, seed=rng, dtype=dtype)
            for n_in, n_out in itertools.pairwise(sizes)
        ]
        self.activation = activation
        self.dropout = Dropout(dropout, seed=rng) if dropout else None
        self.output_activation = get_activation(output_activation)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self.activation(layer(x))
            if self.dropout is not None:
                x = self.dropout(x)
        return self.output_activation(self.layers[-1](x))
