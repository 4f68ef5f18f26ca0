"""The micrograd demo, step for step, with micrograd's Value and with gradschool's.

Workload (micrograd's demo.ipynb): 100 two-moons points, an MLP 2-16-16-1 of scalar Values
(ReLU hidden layers, weights uniform in [-1, 1], biases 0), the max-margin loss
mean(relu(1 - y·score)) + 1e-4·Σ p², and SGD with lr = 1 - 0.9·k/100. The network code is
written once and run with either Value class, from the same weights, so the losses must
agree (to 1e-9). Steps are timed in interleaved rounds (one step of each engine per round)
and the median per-step time is reported, with Python's garbage collector as it ships
("gc on"; micrograd's closures make reference cycles that the collector must walk) and
with the collector deferred ("gc deferred": disabled during the step). Either way the step
ends with one gc.collect(), inside the timing, so that each engine pays for collecting its
own garbage and none of it is left to slow down the other engine's next step.

    .bench-venv/bin/python benchmarks/scalar_vs_micrograd.py [--steps 6]

Needs `micrograd==0.1.0` (installed by `make bench` into the benchmark environment only).
"""

import argparse
import gc
import itertools
import json
import statistics
import time

import numpy as np
from micrograd.engine import Value as MicrogradValue

from autograd import Value as GradschoolValue
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


def timed_step(model, points, labels, step, defer_gc):
    if defer_gc:
        gc.disable()
    start = time.perf_counter()
    loss = training_step(model, points, labels, step)
    gc.collect()
    seconds = time.perf_counter() - start
    gc.enable()
    return loss, seconds


def compare(steps, defer_gc, points, labels, weights, biases):
    models = {
        "micrograd": ScalarMLP(MicrogradValue, weights, biases),
        "gradschool": ScalarMLP(GradschoolValue, weights, biases),
    }
    times = {name: [] for name in models}
    worst_difference = 0.0
    for step in range(steps):
        losses = {}
        for name, model in models.items():
            losses[name], seconds = timed_step(model, points, labels, step, defer_gc)
            times[name].append(seconds)
        difference = abs(losses["micrograd"] - losses["gradschool"])
        worst_difference = max(worst_difference, difference)
        if difference > 1e-9:
            raise SystemExit(f"step {step}: losses differ: {losses}")
    median = {name: statistics.median(t) for name, t in times.items()}
    return median, worst_difference


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=6, help="timed steps per engine")
    args = parser.parse_args()

    points, labels, weights, biases = demo_setup()
    results = {}
    for setting, defer_gc in (("gc on", False), ("gc deferred", True)):
        median, difference = compare(args.steps, defer_gc, points, labels, weights, biases)
        ratio = median["micrograd"] / median["gradschool"]
        results[setting] = {**median, "speedup": ratio, "max_loss_difference": difference}
        print(
            f"{setting:12s} per step: micrograd {median['micrograd'] * 1e3:8.1f} ms   "
            f"gradschool {median['gradschool'] * 1e3:8.1f} ms   "
            f"gradschool is {ratio:.2f}x faster   (losses agree to {difference:.1e})"
        )
    print(json.dumps({"benchmark": "scalar_vs_micrograd", "steps": args.steps, **results}))


if __name__ == "__main__":
    main()
