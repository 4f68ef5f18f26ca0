"""`trace_backward`: the backward pass, recorded step by step, for pictures of backprop.

Example:
    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> loss = a * b + a
    >>> trace = trace_backward(loss)      # same gradients as loss.backward(), bit for bit
    >>> len(trace)                        # one step per node, from the root to the leaves
    4
    >>> trace[0].node is loss, trace[0].grad_output   # the node processed first, dL/d(node)
    (True, 1.0)
    >>> [(node.label or node.op, grad) for node, grad in trace[0].sent]  # (input, dL/d(input))
    [('*', 1.0), ('a', 1.0)]
    >>> a.grad, b.grad
    (-2.0, 2.0)
    >>> trace.show()                      # doctest: +SKIP
    >>> trace.save_frames("frames")       # doctest: +SKIP
    >>> trace.save_frames("frames", format="dot")  # doctest: +SKIP

In Jupyter, `trace.show()` gives a slider over the steps; `save_frames` writes one picture
per step (SVG or PNG need Graphviz's `dot`; format="dot" writes DOT text and needs
nothing).

A trace keeps what each step adds (references to the gradients the pass computed), not a
copy of every gradient at every step, so its memory grows with the number of steps.
"""

import pathlib
from collections.abc import Sequence
from dataclasses import dataclass

from autograd.backprop import backward
from autograd.value import Value


@dataclass(frozen=True)
class BackwardStep:
    """One step of the backward pass.

    Attributes:
        node: the Value processed at this step.
        grad_output: dL/d(node), complete at this step (all the node's consumers are done).
        sent: the (input Value, dL/d(input) contribution) pairs its op sent back; empty for a
            leaf.
    """

    node: Value
    grad_output: object
    sent: tuple


class BackwardTrace(Sequence):
    """The steps of one backward pass from `root`, in the order they ran."""

    def __init__(self, root: Value, steps: list):
        self.root = root
        self._steps = steps

    def __len__(self) -> int:
        return len(self._steps)

    def __getitem__(self, index):
        return self._steps[index]

    def __repr__(self) -> str:
        return f"BackwardTrace({len(self)} steps from {self.root!r})"

    def state_after(self, step: int):
        """What is known after step `step` (0-based; negative counts from the end):
        returns (gradients, carried) where `gradients` maps id(Value) to dL/d(Value) as
        summed so far (complete for the processed nodes) and `carried` is the set of
        (id(input), id(node)) edges that have carried a gradient back."""
        step = range(len(self))[step]  # checks the range, allows negative indices
        gradients, carried = {}, set()
        for recorded in self._steps[: step + 1]:
            gradients[id(recorded.node)] = recorded.grad_output
            for parent, gradient in recorded.sent:
                key = id(parent)
                gradients[key] = gradient if key not in gradients else gradients[key] + gradient
                carried.add((key, id(recorded.node)))
        return gradients, carried

    def processed(self, step: int) -> set:
        """The ids of the Values processed at steps 0 … `step`."""
        step = range(len(self))[step]
        return {id(recorded.node) for recorded in self._steps[: step + 1]}

    def save_frames(self, folder, format="svg", **draw_options) -> list:
        """Write one picture per step, `folder/step_000.svg`, … and return the paths.

        `format` is "svg" or "png" (these need Graphviz's `dot` program: without it, a
        `DotNotInstalled` error says how to install it, and nothing is written) or "dot"
        (the DOT text of each picture, which needs nothing). Extra options go to
        `draw_graph`.
        """
        from autograd.graph_display import require_dot
        from autograd.graph_export import draw_graph

        if format not in ("svg", "png", "dot"):
            raise ValueError(f"format must be 'svg', 'png' or 'dot', got {format!r}")
        if format != "dot":
            require_dot(format)
        folder = pathlib.Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for step in range(len(self)):
            graph = draw_graph(self.root, trace=self, step=step, **draw_options)
            content = graph.source.encode() if format == "dot" else graph.pipe(format=format)
            paths.append(folder / f"step_{step:03d}.{format}")
            paths[-1].write_bytes(content)
        return paths

    def show(self, **draw_options):
        """In Jupyter: a slider over the steps (with ipywidgets), or else every step's
        picture one after the other. Without Graphviz's `dot`, the slider drives one
        picture drawn in the browser (graphviz-anywidget), which animates from step to
        step. Extra options go to `draw_graph`."""
        from autograd.graph_display import browser_widget, dot_installed
        from autograd.graph_export import draw_graph

        def picture(step):
            return draw_graph(self.root, trace=self, step=step, **draw_options)

        try:
            from IPython.display import display
        except ImportError:
            raise RuntimeError(
                "BackwardTrace.show() needs IPython (Jupyter); outside Jupyter use "
                "save_frames(folder)"
            ) from None
        try:
            import ipywidgets
        except ImportError:
            for step in range(len(self)):
                display(picture(step))
            return None
        slider = ipywidgets.IntSlider(value=0, min=0, max=len(self) - 1, description="step")
        widget = None if dot_installed() else browser_widget(picture(0).source)
        if widget is None:  # each step's picture displayed anew (dot's SVG, or DOT text)
            return ipywidgets.interactive(lambda step: display(picture(step)), step=slider)

        # One browser picture whose DOT text changes, rather than a new widget (and another
        # copy of its 1 MB script) at every move of the slider.
        def redraw(change):
            widget.dot_source = picture(change["new"]).source

        slider.observe(redraw, names="value")
        return ipywidgets.VBox([slider, widget])


def trace_backward(root: Value, grad=None) -> BackwardTrace:
    """Run `root.backward(grad)` and record its steps (the gradients are accumulated into
    `.grad` exactly as `backward()` does)."""
    if not isinstance(root, Value):
        raise TypeError(f"trace_backward needs a Value, got {type(root).__name__}")
    steps = []

    def record(node, grad_output, sent):
        steps.append(BackwardStep(node, grad_output, tuple(sent)))

    backward(root, grad, on_step=record)
    return BackwardTrace(root, steps)
