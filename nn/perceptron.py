"""`Perceptron`: the course's single artificial neuron, and Rosenblatt's learning rule."""

import numpy as np

from autograd import Value
from nn import init
from nn._checks import check_int, check_real, check_real_array, check_seed
from nn.activations import get_activation
from nn.module import Module, as_value


class Perceptron(Module):
    """One neuron: ŷ = f(z) with z = x·w + b = w_0 + Σ_i x_i w_i.

    The course writes the bias as w_0 (the weight of a constant input 1); here it is the
    separate scalar `bias`, as in `Linear`.

    Args:
        in_features: the number of inputs n.
        activation: f, by name ("sign", the default, "sigmoid", "tanh", "relu", …) or a
            module.
        seed: an int, None or a Generator for the initial weights.

    Shape:
        Input: (in_features,) for one sample, or (N, in_features) for a batch; a Value
        or a numpy array. Output: () for one sample, (N,) for a batch.

    Attributes:
        weight: Value of shape (in_features,), initialised Xavier-normal,
            N(0, 2/(in_features + 1)).
        bias: Value holding a Python float, 0.0.
        activation: the activation module.

    Example (the course's):
        >>> neuron = Perceptron(2)
        >>> neuron.weight.data[:] = [3.0, -2.0]; neuron.bias.data = 0.5
        >>> x = np.array([-2.0, 3.0])
        >>> neuron.net_input(x).item(), neuron(x).item()     # z = 0.5 - 6 - 6
        (-11.5, -1.0)
    """

    def __init__(self, in_features, activation="sign", seed=None):
        super().__init__()
        self.in_features = check_int("in_features", in_features, 1)
        check_seed("seed", seed)
        self.weight = Value(init.xavier_normal((in_features,), rng=seed), label="weight")
        self.bias = Value(0.0, label="bias")
        self.activation = get_activation(activation)

    def net_input(self, x) -> Value:
        """z = x·w + b, before the activation (shape () or (N,))."""
        x = as_value(x)
        if x.ndim not in (1, 2) or x.shape[-1] != self.in_features:
            raise ValueError(
                f"Perceptron({self.in_features}) expects x of shape ({self.in_features},) or "
                f"(N, {self.in_features}), got {x.shape}"
            )
        return x @ self.weight + self.bias

    def forward(self, x):
        return self.activation(self.net_input(x))

    def fit(self, X, y, epochs=100, lr=1.0) -> list:
        """Train with the perceptron learning rule (Rosenblatt, 1958), not with gradients
        (the sign function has none). For each sample in turn, if it is misclassified,
        i.e. y·z ≤ 0 (a point on the boundary counts as a mistake), move the boundary
        towards it:

            w ← w + η·y·x,    b ← b + η·y

        Epochs stop early once an epoch makes no mistake. On linearly separable data
        this happens after finitely many updates (Novikoff's theorem); otherwise it runs
        all `epochs`. The rule looks at the sign of z only, whatever the activation.

        Args:
            X: inputs, shape (N, in_features).
            y: labels, shape (N,), in {-1, +1}, or in {0, 1} (0 is taken as -1).
            epochs: the most passes over the data. Default: 100.
            lr: the step η > 0. Default: 1.0.

        Returns:
            The number of mistakes in each epoch run (a list; the last is 0 if it
            converged).
        """
        X = np.asarray(check_real_array("Perceptron.fit: X", X), dtype=np.float64)
        y = np.asarray(check_real_array("Perceptron.fit: y", y))
        epochs = check_int("Perceptron.fit: epochs", epochs, 1)
        lr = check_real("Perceptron.fit: lr", lr)
        if X.ndim != 2 or X.shape[1] != self.in_features:
            raise ValueError(
                f"Perceptron.fit: X must have shape (N, {self.in_features}), got {X.shape}"
            )
        if y.shape != (X.shape[0],):
            raise ValueError(f"Perceptron.fit: y must have shape ({X.shape[0]},), got {y.shape}")
        if not np.isfinite(X).all():
            raise ValueError(
                "Perceptron.fit: X contains NaN or infinity; every comparison y·z <= 0 with a "
                "NaN is False, so the rule would report convergence without learning"
            )
        labels = set(np.unique(y).tolist())
        if labels <= {0, 1}:
            y = np.where(y == 1, 1.0, -1.0)
        elif labels <= {-1, 1}:
            y = y.astype(np.float64)
        else:
            raise ValueError(
                f"Perceptron.fit: y must hold labels in {{-1, +1}} or {{0, 1}}, got values "
                f"{sorted(labels)}"
            )
        if not lr > 0:
            raise ValueError(f"Perceptron.fit: lr must be > 0, got {lr!r}")
        w = self.weight.data  # updated in place: the rule needs no graph
        mistakes_per_epoch = []
        for _ in range(epochs):
            mistakes = 0
            for x_i, y_i in zip(X, y):
                if y_i * (x_i @ w + self.bias.data) <= 0:
                    w += lr * y_i * x_i
                    self.bias.data = float(self.bias.data + lr * y_i)
                    mistakes += 1
            mistakes_per_epoch.append(mistakes)
            if mistakes == 0:
                break
        return mistakes_per_epoch

    def extra_repr(self):
        return f"in_features={self.in_features}"
