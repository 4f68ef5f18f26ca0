"""The computation graph of one forward and backward pass of a trained model.

The pass runs on a few test samples, so that every box of the picture (data and grad of
each parameter and activation, summarised as shape and min / mean / max) stays readable.
"""

import graphviz

from autograd import Value, draw_graph
from gradschool.training import loss_and_metrics

FORMATS = ("dot", "svg", "png")


def forward_backward(model, split, *, batch=4) -> Value:
    """The loss of `model` on the first `batch` test samples, after `backward()`.

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
    loss.backward()
    return loss


def export(root, file_format) -> bytes:
    """The graph of `root` as DOT text, or rendered to SVG or PNG by Graphviz's `dot`.

    Raises:
        RuntimeError: rendering was asked for but the `dot` program is not installed.
    """
    graph = draw_graph(root, rankdir="TB", max_nodes=60)
    if file_format == "dot":
        return graph.source.encode("utf-8")
    try:
        return graph.pipe(format=file_format)
    except graphviz.ExecutableNotFound as error:
        raise RuntimeError(
            f"rendering the graph as {file_format} needs the Graphviz 'dot' program, which is not "
            "installed (apt install graphviz, brew install graphviz); --format dot works "
            "without it"
        ) from error
