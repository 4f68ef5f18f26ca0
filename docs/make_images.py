"""Draw the pictures that the README shows, into docs/images/ (needs Graphviz's `dot`).

python docs/make_images.py
"""

import pathlib

import numpy as np

from autograd import Value, draw_graph, trace_backward

IMAGES = pathlib.Path(__file__).parent / "images"


def perceptron() -> Value:
    """The course's perceptron example: ŷ = σ(w0 + w1·x1 + w2·x2) at x = (-2, 3)."""
    x1, x2 = Value(-2.0, label="x1"), Value(3.0, label="x2")
    w0, w1, w2 = Value(0.5, label="w0"), Value(3.0, label="w1"), Value(-2.0, label="w2")
    z = w0 + w1 * x1 + w2 * x2
    z.label = "z"
    y_hat = z.sigmoid()
    y_hat.label = "ŷ"
    return y_hat


def perceptron_graph() -> Value:
    """The perceptron after its backward pass: every box shows its gradient."""
    y_hat = perceptron()
    y_hat.backward()
    return y_hat


def backward_step_picture():
    """The perceptron's backward pass at its fifth step, as the README shows it."""
    y_hat = perceptron()
    return draw_graph(y_hat, trace=trace_backward(y_hat), step=4)


def mlp_graph() -> Value:
    """A 2-layer MLP on a batch of 8 points: loss = mean((relu(X W1 + b1) W2 + b2 - y)²)."""
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(8, 2)), rng.normal(size=(8, 1))
    w1, b1 = Value(rng.normal(size=(2, 16)), label="W1"), Value(np.zeros(16), label="b1")
    w2, b2 = Value(rng.normal(size=(16, 1)), label="W2"), Value(np.zeros(1), label="b2")
    loss = (((x @ w1 + b1).relu() @ w2 + b2 - y) ** 2).mean()
    loss.label = "loss"
    loss.backward()
    return loss


if __name__ == "__main__":
    IMAGES.mkdir(exist_ok=True)
    pictures = [("perceptron_graph", perceptron_graph(), "LR"), ("mlp_graph", mlp_graph(), "TB")]
    for name, root, rankdir in pictures:
        path = draw_graph(root, rankdir=rankdir).render(IMAGES / name, format="svg", cleanup=True)
        print("wrote", path)
    path = backward_step_picture().render(IMAGES / "backward_step", format="svg", cleanup=True)
    print("wrote", path)
