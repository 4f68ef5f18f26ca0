"""What the page draws, computed in Python: the network's output and every neuron's over a
grid of the square [-6, 6]², the weights and their gradients, the points, the losses.

The front end only maps these numbers to colours; it never evaluates the network. The
heat maps travel as bytes (`encode`: 255 levels over [-1, 1], base64 text), which is as
fine as a colour shows and keeps an update small and quick to send (about 20 kB of JSON for
the default network); weights and gradients as numbers with 4 significant digits.

Heat-map values are in [-1, 1] (the colour scale: orange -1, white 0, blue +1):
- two classes: p(class 1) - p(class 0); regression: the prediction, clipped;
- several classes: `classes` holds the most likely class of each cell and `values` its
  probability, rescaled from [1/k, 1] to [0, 1];
- a hidden neuron: its activation, divided by the largest magnitude on the grid when that
  exceeds 1 (ReLU outputs are unbounded).
"""

import base64

import numpy as np

from gradschool.playground import datasets
from gradschool.playground.state import FEATURES

BOUNDARY_CELLS = 100  # the decision-boundary picture: 100 x 100 cells, as TensorFlow's
NEURON_CELLS = 20  # each neuron's small picture
CURVE_POINTS = 200  # loss curves are sent with at most this many points


def grid(cells) -> np.ndarray:
    """The centres of cells x cells squares tiling [-6, 6]², row by row from the top (x2 = 6)
    down, as a canvas draws them: float64 (cells², 2)."""
    centres = -datasets.RADIUS + (np.arange(cells) + 0.5) * (2 * datasets.RADIUS / cells)
    x1, x2 = np.meshgrid(centres, centres[::-1])
    return np.stack([x1.ravel(), x2.ravel()], axis=1)


def encode(values) -> str:
    """Values in [-1, 1] (clipped) as base64 text of one byte each: byte q stands for
    q / 127 - 1 (0 -> -1, 127 -> 0, 254 -> +1), and 255 for NaN."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    q = np.round((np.clip(np.where(finite, values, 0.0), -1, 1) + 1) * 127)
    return _bytes(np.where(finite, q, 255))


def _bytes(integers) -> str:
    return base64.b64encode(np.asarray(integers).astype(np.uint8).tobytes()).decode("ascii")


def output_picture(playground, features, points) -> dict:
    """The heat map of the network's output at `points` (see the module docstring); for
    several classes `classes` is base64 text of one byte per cell, the class index."""
    logits = playground.network.activations(datasets.features(points, features))[-1]
    if playground.task == "regression":
        return {"values": encode(logits[:, 0])}
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        probabilities = shifted / shifted.sum(axis=1, keepdims=True)
    if probabilities.shape[1] == 2:
        return {"values": encode(probabilities[:, 1] - probabilities[:, 0])}
    k = probabilities.shape[1]
    confidence = (probabilities.max(axis=1) - 1 / k) / (1 - 1 / k)
    return {"values": encode(confidence), "classes": _bytes(probabilities.argmax(axis=1))}


def neuron_pictures(playground, features) -> list:
    """One small heat map per feature (all seven, chosen or not, in `state.FEATURES`' order)
    and per hidden neuron: a list per layer, each a list of value lists (NEURON_CELLS²
    numbers in [-1, 1], `encode`d)."""
    points = grid(NEURON_CELLS)
    every_feature = datasets.features(points, FEATURES)
    inputs = datasets.features(points, features)
    layers = [every_feature, *playground.network.activations(inputs)[:-1]]
    return [[encode(_fit(column)) for column in layer.T] for layer in layers]


def _fit(values):
    """Divide by the largest magnitude when it exceeds 1, so the colours stay in scale
    (an infinite one leaves NaNs: the "not a number" colour)."""
    with np.errstate(invalid="ignore"):
        largest = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 1.0
        return values / largest if largest > 1 else values


def build(playground, *, points=True) -> dict:
    """The whole picture of `playground` now. With `points` False the (unchanging) data
    points are left out, for the updates while training."""
    network = playground.network
    state = playground.state
    grads = playground.last_grads or [(None, None)] * len(network.layers)
    result = {
        "epoch": playground.epoch,
        "train_loss": _number(playground.train_loss),
        "test_loss": _number(playground.test_loss),
        "test_accuracy": playground.accuracy("test"),
        "stopped": playground.stopped,
        "task": playground.task,
        "n_classes": playground.n_classes,
        "curves": {name: _curve(values) for name, values in playground.history.items()},
        "boundary": {
            "cells": BOUNDARY_CELLS,
            **output_picture(playground, state["features"], grid(BOUNDARY_CELLS)),
        },
        "neurons": {
            "cells": NEURON_CELLS,
            "layers": neuron_pictures(playground, state["features"]),
        },
        "weights": [_round(layer.weight.data) for layer in network.layers],
        "biases": [_round(layer.bias.data) for layer in network.layers],
        "grads": [None if g is None else _round(g) for g, _ in grads],
        "state": state,
    }
    if points:
        result["points"] = {
            "train": _points(playground.points_train, playground.y_train),
            "test": _points(playground.points_test, playground.y_test),
        }
    return result


def _points(points, y) -> list:
    return np.column_stack([np.round(points, 3), np.round(y, 3)]).tolist()


def _curve(values) -> list:
    """At most CURVE_POINTS evenly spaced [epoch, loss] pairs (the last one always kept)."""
    n = len(values)
    index = np.unique(np.linspace(0, n - 1, min(n, CURVE_POINTS)).round().astype(int))
    losses = np.asarray(values, dtype=np.float64)[index]
    shown = np.where(np.isfinite(losses), losses, None).tolist()
    return [list(pair) for pair in zip(index.tolist(), shown)]


def _number(x):
    """A float for JSON: None for NaN or infinity (JSON has neither)."""
    return float(x) if np.isfinite(x) else None


def _round(array):
    """Nested lists of floats rounded to 4 significant digits, NaN and infinities as None."""
    array = np.asarray(array, dtype=np.float64)
    finite = np.isfinite(array)
    safe = np.where(finite, array, 0.0)
    magnitude = np.floor(np.log10(np.abs(safe), out=np.zeros_like(safe), where=safe != 0))
    scale = 10.0 ** np.clip(3 - magnitude, -300, 300)
    rounded = np.round(safe * scale) / scale
    if finite.all():
        return rounded.tolist()
    result = rounded.astype(object)
    result[~finite] = None
    return result.tolist()
