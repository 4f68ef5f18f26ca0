"""Pictures of the computation graph: `draw_graph` (a graphviz.Digraph) and `to_dot` (its
DOT text, which needs no external program; rendering to SVG/PNG needs Graphviz's `dot`).

Drawn as micrograd draws it: each Value is a box with its label, data and grad; each op
is a small oval between its inputs and its result. An array is summarised by its shape
and its min / mean / max. Constant Values (requires_grad=False) are grey, and so are the
small boxes of plain numbers and arrays given to an op (the `X` of `X @ W`, the 2 of
`x * 2`), so that every op shows all of its inputs.
"""

from collections import deque

import numpy as np

from autograd.graph_display import GraphPicture
from autograd.value import Value

CURRENT, DONE, REACHED = "#ffb74d", "#e3f2e1", "#fff8e1"  # fills for a traced backward pass
GRADIENT_COLOUR = "#d84315"
GRADIENT_EDGE = {"color": GRADIENT_COLOUR, "penwidth": "2"}
CONSTANT_STYLE = {"style": "filled", "fillcolor": "#eeeeee", "fontcolor": "#555555"}


def draw_graph(
    root: Value, *, rankdir: str = "LR", max_nodes: int = 200, trace=None, step=None
) -> GraphPicture:
    """The graph that computed `root`, as a `graphviz.Digraph`.

    Args:
        root: the Value whose graph to draw.
        rankdir: layout direction, "LR" (inputs left, result right) or "TB", "RL", "BT".
        max_nodes: draw at most this many Values, those nearest to `root`; the inputs
            left out are counted in one "… more" box, so that big graphs stay readable.
        trace, step: a `BackwardTrace` of `root` (from `trace_backward`) and a step of it
            (default: the last). The picture then shows the backward pass at that step:
            the node being processed in orange, the nodes already processed in green, the
            edges that have carried a gradient back in red, and as each node's grad the
            gradient known so far (summed from the consumers processed so far); a legend
            says what each colour means.

    In Jupyter the returned Digraph shows itself, also without Graphviz's `dot` program
    (see `graph_display`); `.render("graph", format="svg")` writes a file, which needs
    `dot`.
    """
    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(f"rankdir must be 'LR', 'TB', 'RL' or 'BT', got {rankdir!r}")
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    if not isinstance(root, Value):
        raise TypeError(f"draw_graph needs a Value, got {type(root).__name__}")
    backward_pass = _BackwardPassAt(trace, step, root) if trace is not None else None
    if backward_pass is None and step is not None:
        raise ValueError("draw_graph: step needs a trace (trace=trace_backward(root))")

    shown = _nearest_values(root, max_nodes)
    names = {id(value): f"v{i}" for i, value in enumerate(shown)}
    graph = GraphPicture(
        graph_attr={"rankdir": rankdir},
        node_attr={"fontname": "Helvetica", "fontsize": "11"},
        edge_attr={"arrowsize": "0.7"},
    )
    hidden_inputs = 0
    for value in shown:
        name = names[id(value)]
        grad = value.grad if backward_pass is None else backward_pass.gradients.get(id(value))
        style = _value_style(value) if backward_pass is None else backward_pass.style(value)
        graph.node(name, label=_value_label(value, grad), shape="record", **style)
        record = _op_record(value)
        if record is None:
            continue
        carried = backward_pass is not None and id(value) in backward_pass.processed
        graph.node(name + "_op", label=value.op, shape="ellipse", style="filled",
                   fillcolor="#e8eefc", fontsize="10", height="0.3")  # fmt: skip
        graph.edge(name + "_op", name, **(GRADIENT_EDGE if carried else {}))
        for position, argument in enumerate(record.inputs):
            if not isinstance(argument, Value):  # a number or an array: a small constant box
                constant = f"{name}_c{position}"
                graph.node(constant, label=_summary(argument), shape="box", fontsize="9",
                           height="0.2", **CONSTANT_STYLE)  # fmt: skip
                graph.edge(constant, name + "_op", color="#9e9e9e")
            elif id(argument) not in names:
                hidden_inputs += 1
            else:
                carried = (
                    backward_pass is not None
                    and (id(argument), id(value)) in backward_pass.carried
                )
                graph.edge(names[id(argument)], name + "_op", **(GRADIENT_EDGE if carried else {}))
    if hidden_inputs:
        graph.node("more", label=f"… {hidden_inputs} more inputs (max_nodes={max_nodes})",
                   shape="note", style="dashed")  # fmt: skip
    if backward_pass is not None:
        graph.attr(label=backward_pass.title, labelloc="t", fontname="Helvetica")
        graph.node("legend", label=_LEGEND, shape="plaintext", fontsize="9")
    return graph


def to_dot(
    root: Value, *, rankdir: str = "LR", max_nodes: int = 200, trace=None, step=None
) -> str:
    """The DOT source of `draw_graph(root, ...)` (plain text; no Graphviz program needed)."""
    return draw_graph(root, rankdir=rankdir, max_nodes=max_nodes, trace=trace, step=step).source


class _BackwardPassAt:
    """What a picture of a traced backward pass shows at one step."""

    def __init__(self, trace, step, root):
        if trace.root is not root:
            raise ValueError("draw_graph: the trace was recorded from another root Value")
        if not len(trace):
            raise ValueError("draw_graph: the trace has no steps")
        step = len(trace) - 1 if step is None else step
        if not isinstance(step, int) or not -len(trace) <= step < len(trace):
            raise ValueError(f"step must be an int in [0, {len(trace) - 1}], got {step!r}")
        step %= len(trace)
        self.gradients, self.carried = trace.state_after(step)
        self.processed = trace.processed(step)
        current = trace[step].node
        self.current = id(current)
        name = f"'{current.label}'" if current.label else f"made by {current.op!r}"
        self.title = f"backward step {step + 1} of {len(trace)}: the node {name}"

    def style(self, value) -> dict:
        key = id(value)
        if key == self.current:
            return {"style": "filled,bold", "fillcolor": CURRENT}
        if key in self.processed:
            return {"style": "filled", "fillcolor": DONE}
        if key in self.gradients:
            return {"style": "filled", "fillcolor": REACHED}
        return _value_style(value)


# The legend of a backward-pass picture: one row per colour (an HTML-like Graphviz label).
_LEGEND_ROWS = "".join(
    f'<TR><TD BGCOLOR="{fill}">&nbsp;&nbsp;&nbsp;</TD><TD ALIGN="LEFT">{meaning}</TD></TR>'
    for fill, meaning in (
        (CURRENT, "the node being processed"),
        (DONE, "processed: its grad is complete"),
        (REACHED, "its grad so far (more may arrive)"),
    )
)
_LEGEND = (
    '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">'
    f"{_LEGEND_ROWS}"
    f'<TR><TD><FONT COLOR="{GRADIENT_COLOUR}"><B>→</B></FONT></TD>'
    '<TD ALIGN="LEFT">an edge that has carried a gradient back</TD></TR></TABLE>>'
)


def _op_record(value: Value):
    """The record of the op that made `value`, or None for a leaf or a constant result:
    its `function`, its `inputs` as given to `apply` (Values and constants, in order) and
    its `options`. The one place in this file that knows where a node keeps them (on the
    node itself: the node is its op's context)."""
    return None if value.function is None else value


def _value_inputs(value: Value) -> list:
    """The Value inputs of the op that made `value`, constants (requires_grad=False) too."""
    return [x for x in _op_record(value).inputs if isinstance(x, Value)]


def _nearest_values(root: Value, max_nodes: int) -> list:
    """Up to `max_nodes` distinct Values of the graph, breadth-first from `root`."""
    seen = {id(root)}
    order = [root]
    queue = deque([root])
    while queue and len(order) < max_nodes:
        value = queue.popleft()
        if _op_record(value) is None:
            continue
        for parent in _value_inputs(value):
            if id(parent) not in seen and len(order) < max_nodes:
                seen.add(id(parent))
                order.append(parent)
                queue.append(parent)
    return order


def _value_label(value: Value, grad) -> str:
    """A record label: { label | data … | grad … }."""
    fields = [_escape(value.label)] if value.label else []
    fields.append("data " + _summary(value.data))
    fields.append("grad " + ("—" if grad is None else _summary(grad)))
    return "{ " + " | ".join(fields) + " }"


def _value_style(value: Value) -> dict:
    return {} if value.requires_grad else CONSTANT_STYLE


def _summary(x) -> str:
    """A number in 4 significant digits; a small array's values; a bigger array's shape
    and min / mean / max (on a second line)."""
    if np.ndim(x) == 0:
        return f"{float(x):.4g}"
    x = np.asarray(x)
    if x.size <= 4:
        values = np.array2string(x.ravel(), precision=3, separator=", ")
        return _escape(values) + (f" {x.shape}" if x.ndim > 1 else "")
    return f"{x.shape}\\nmin {x.min():.3g}  mean {x.mean():.3g}  max {x.max():.3g}"


def _escape(text: str) -> str:
    """Escape the characters that a record label gives meaning to."""
    for char in '\\{}|<>"':
        text = text.replace(char, "\\" + char)
    return text
