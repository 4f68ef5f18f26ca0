"""The micrograd demo's workload, written once for any scalar Value class: the benchmarks
`scalar_vs_micrograd.py` and `scalar_floor.py` run it with each engine.

Workload (micrograd's demo.ipynb): 100 two-moons points, an MLP 2-16-16-1 of scalar Values
(ReLU hidden layers, weights uniform in [-1, 1], biases 0), the max-margin loss
mean(relu(1 - y·score)) + 1e-4·Σ p², and SGD with lr = 1 - 0.9·k/100. The network code is
the same for every engine, from the same weights, so the losses must agree (to 1e-9).
"""

import gc
import itertools
import time

import numpy as np

from data import make_moons

SIZES = (2, 16, 16, 1)


class ScalarMLP:
    """An MLP of scalar Values of `value_class`, micrograd's `nn.MLP` in a few lines."""

    def __init__(self, value_class, weights, biases):
        self.layers = [
            (
                [[value_class(w) for w in row] for row in w_layer.T],
                [value_class(b) for b in b_layer],
            )
            for w_layer, b_layer in zip(weights, biases)
        ]

    def __call__(self, x):
        for depth, (neurons, biases) in enumerate(self.layers):
            last = depth == len(self.layers) - 1
            x = [
                (act if last else act.relu())
                for act in (
                    sum((w * xi for w, xi in zip(ws, x)), b) for ws, b in zip(neurons, biases)
                )
            ]
        return x[0]

    def parameters(self):
        return [p for neurons, biases in self.layers for ws in [*neurons, biases] for p in ws]


def demo_setup():
    """The demo's data and starting weights: 100 two-moons points as lists of floats, labels
    ±1, and per layer W (n_in, n_out) uniform in [-1, 1] and b = 0 (float64 arrays)."""
    X, y = make_moons(100, noise=0.1, seed=1)
    points = [[float(a), float(b)] for a, b in X]
    labels = [float(2 * label - 1) for label in y]
    rng = np.random.default_rng(1337)
    weights = [rng.uniform(-1, 1, size=(n_in, n_out)) for n_in, n_out in itertools.pairwise(SIZES)]
    biases = [np.zeros(n_out) for n_out in SIZES[1:]]
    return points, labels, weights, biases


def training_step(model, points, labels, step):
    """Forward, max-margin loss with L2, backward, one SGD update; returns the loss."""
    scores = [model(x) for x in points]
    losses = [(1 + -y * score).relu() for y, score in zip(labels, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = 1e-4 * sum(p * p for p in model.parameters())
    total_loss = data_loss + reg_loss
    for p in model.parameters():
        p.grad = 0.0
    total_loss.backward()
    learning_rate = 1.0 - 0.9 * step / 100
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    return total_loss.data


def timed_step(model, points, labels, step, defer_gc) -> tuple:
    """One training step, timed: (loss, seconds).

    With `defer_gc` the collector is off during the step and its clean-up is not timed
    (the speed of the ops alone); without, the step ends with one gc.collect() inside the
    timing, so that each engine pays for collecting its own garbage. Either way the step
    starts after an untimed gc.collect(): garbage left by another engine (micrograd's
    closures make cycles, which only the collector frees) is not timed here, and its memory
    is free again, so no engine runs on fresh pages because the one before it left garbage.
    """
    gc.collect()
    if defer_gc:
        gc.disable()
    start = time.perf_counter()
    loss = training_step(model, points, labels, step)
    if not defer_gc:
        gc.collect()
    seconds = time.perf_counter() - start
    gc.enable()
    return loss, seconds


def timed_round(models, points, labels, step, defer_gc) -> dict:
    """One timed training step of each model: {name: (loss, seconds)}.

    The models take turns going first (the order rotates by one each step), so that no
    engine always runs right after the same other one, on the memory it has just freed.
    """
    names = list(models)
    shift = step % len(names)
    return {
        name: timed_step(models[name], points, labels, step, defer_gc)
        for name in names[shift:] + names[:shift]
    }
