"""The computation graph of one forward and backward pass of a trained model.

The pass runs on a few test samples, so that every box of the picture (data and grad of
each parameter and activation, summarised as shape and min / mean / max) stays readable.
"""

import pathlib

from autograd import BackwardTrace, Value, draw_graph, trace_backward
from gradschool.training import loss_and_metrics

FORMATS = ("dot", "svg", "png")
DRAWING = {"rankdir": "TB", "max_nodes": 60}


def forward_backward(model, split, *, batch=4) -> BackwardTrace:
    """The loss of `model` on the first `batch` test samples and its backward pass,
    recorded step by step (`trace.root` is the loss, with every grad filled in).

    Parameters are labelled with their dotted names (`layers.0.weight`) and the inputs
    `x`, so that the picture says which box is which."""
    for name, parameter in model.named_parameters():
        parameter.label = name
    loss_fn, _ = loss_and_metrics(split.task)
    x = Value(split.X_test[:batch], label="x", requires_grad=False)
    model.eval()
    loss = loss_fn(model(x), split.y_test[:batch])
    loss.label = "loss"
    model.zero_grad()
    return trace_backward(loss)


def export(root, file_format) -> bytes:
    """The graph of `root` as DOT text, or rendered to SVG or PNG by Graphviz's `dot`.

    Raises:
        RuntimeError: rendering was asked for but the `dot` program is not installed (its
            message says how to install it).
    """
    graph = draw_graph(root, **DRAWING)
    if file_format == "dot":
        return graph.source.encode("utf-8")
    return graph.pipe(format=file_format)


def save_steps(trace, folder, file_format) -> list:
    """One picture per step of the backward pass in `folder` (step_000.svg, …, or .png, or
    .dot: DOT text); a folder that already holds pictures is an error. Returns the paths."""
    folder = pathlib.Path(folder)
    if folder.is_dir() and any(folder.glob("step_*")):
        raise ValueError(f"{folder} already holds step pictures; choose an empty folder")
    return trace.save_frames(folder, format=file_format, **DRAWING)
