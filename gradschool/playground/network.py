"""The playground's network: an MLP whose hidden layers may each have their own activation.

    h_0 = x,   h_k = dropout(f_k(h_{k-1} @ W_k + b_k)),   output = h_L @ W_out + b_out

Its parameters are named as `nn.MLP`'s (`layers.0.weight`, `layers.0.bias`, …), so a
network whose hidden layers share one activation saves a `model.npz` that `nn.MLP` (and so
`gradschool evaluate` and `graph`) loads. `activations(x)` gives every layer's output, for
the per-neuron pictures.

    >>> net = Network(2, [4, 2], 2, ["tanh", "relu"], seed=0)
    >>> [a.shape for a in net.activations(np.zeros((5, 2)))]
    [(5, 4), (5, 2), (5, 2)]
"""

import itertools

import numpy as np

import nn
from autograd import no_grad


class Network(nn.Module):
    """in_features -> hidden sizes -> out_features, Linear layers with per-layer activations.

    Args:
        in_features: the number of input features; out_features: outputs (classes or 1).
        hidden: the hidden layer sizes (may be empty: a linear model).
        activations: one activation name per hidden layer (`nn.ACTIVATIONS`' names).
        init: "xavier" or "kaiming"; dropout: probability after each hidden layer.
        seed: seeds the weights and the dropout masks.

    Attributes:
        layers: the `nn.Linear` layers; layer k's weight has shape (n_{k-1}, n_k).
    """

    def __init__(self, in_features, hidden, out_features, activations, *, init="xavier",
                 dropout=0.0, seed=None):  # fmt: skip
        super().__init__()
        if len(activations) != len(hidden):
            raise ValueError(
                f"activations must name one activation per hidden layer ({len(hidden)}); "
                f"got {len(activations)}"
            )
        rng = np.random.default_rng(seed)
        sizes = [in_features, *hidden, out_features]
        self.layers = [
            nn.Linear(n_in, n_out, init=init, seed=rng)
            for n_in, n_out in itertools.pairwise(sizes)
        ]
        self.hidden_activations = [nn.get_activation(name) for name in activations]
        self.dropout = nn.Dropout(dropout, seed=rng) if dropout else None

    def forward(self, x):
        for layer, activation in zip(self.layers, self.hidden_activations):
            x = activation(layer(x))
            if self.dropout is not None:
                x = self.dropout(x)
        return self.layers[-1](x)

    def activations(self, x) -> list:
        """Every layer's output on `x` (n, in_features), in eval mode and without a graph:
        a list of float arrays, (n, n_1), …, (n, out_features); the last one is raw (logits)."""
        outputs = []
        # A diverged network (learning rate 10) is drawn as it is: its infinities and NaNs
        # become the pictures' "not a number" colour, not numpy warnings.
        with no_grad(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            h = x
            for layer, activation in zip(self.layers, self.hidden_activations):
                h = activation(layer(h))
                outputs.append(h.data)
            outputs.append(self.layers[-1](h).data)
        return outputs

    def penalty(self, kind, rate):
        """The regularisation term added to the loss, over the weights (not the biases):
        L1 rate · Σ|w|, L2 rate · ½ Σ w² (so that its gradient is rate · w); 0.0 for none."""
        if kind == "none" or rate == 0:
            return 0.0
        terms = [(layer.weight.abs() if kind == "l1" else 0.5 * layer.weight**2).sum()
                 for layer in self.layers]  # fmt: skip
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return rate * total
