"""Pictures of the computation graph: `draw_graph` (a graphviz.Digraph) and `to_dot` (its
DOT text, which needs no external program; rendering to SVG/PNG needs Graphviz's `dot`).

Drawn as micrograd draws it: each Value is a box with its label, data and grad; each op
is a small oval between its inputs and its result. An array is summarised by its shape
and its min / mean / max. Constant Values (requires_grad=False) are grey.
"""

from collections import deque

import graphviz
import numpy as np

from autograd.value import Value


def draw_graph(root: Value, *, rankdir: str = "LR", max_nodes: int = 200) -> graphviz.Digraph:
    """The graph that computed `root`, as a `graphviz.Digraph`.

    Args:
        root: the Value whose graph to draw.
        rankdir: layout direction, "LR" (inputs left, result right) or "TB", "RL", "BT".
        max_nodes: draw at most this many Values, those nearest to `root`; the inputs
            left out are counted in one "… more" box, so that big graphs stay readable.

    In Jupyter the returned Digraph shows itself; `.render("graph", format="svg")` writes
    a file (this needs the Graphviz `dot` program).
    """
    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(f"rankdir must be 'LR', 'TB', 'RL' or 'BT', got {rankdir!r}")
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    if not isinstance(root, Value):
        raise TypeError(f"draw_graph needs a Value, got {type(root).__name__}")

    shown = _nearest_values(root, max_nodes)
    names = {id(value): f"v{i}" for i, value in enumerate(shown)}
    graph = graphviz.Digraph(
        graph_attr={"rankdir": rankdir},
        node_attr={"fontname": "Helvetica", "fontsize": "11"},
        edge_attr={"arrowsize": "0.7"},
    )
    hidden_inputs = 0
    for value in shown:
        name = names[id(value)]
        graph.node(name, label=_value_label(value), shape="record", **_value_style(value))
        if value._ctx is None:
            continue
        graph.node(name + "_op", label=value.op, shape="ellipse", style="filled",
                   fillcolor="#e8eefc", fontsize="10", height="0.3")  # fmt: skip
        graph.edge(name + "_op", name)
        for parent in _value_inputs(value):
            if id(parent) in names:
                graph.edge(names[id(parent)], name + "_op")
            else:
                hidden_inputs += 1
    if hidden_inputs:
        graph.node("more", label=f"… {hidden_inputs} more inputs (max_nodes={max_nodes})",
                   shape="note", style="dashed")  # fmt: skip
    return graph


def to_dot(root: Value, *, rankdir: str = "LR", max_nodes: int = 200) -> str:
    """The DOT source of `draw_graph(root, ...)` (plain text; no Graphviz program needed)."""
    return draw_graph(root, rankdir=rankdir, max_nodes=max_nodes).source


def _value_inputs(value: Value) -> list:
    """The Value inputs of the op that made `value`, constants (requires_grad=False) too."""
    return [x for x in value._ctx.inputs if isinstance(x, Value)]


def _nearest_values(root: Value, max_nodes: int) -> list:
    """Up to `max_nodes` distinct Values of the graph, breadth-first from `root`."""
    seen = {id(root)}
    order = [root]
    queue = deque([root])
    while queue and len(order) < max_nodes:
        value = queue.popleft()
        if value._ctx is None:
            continue
        for parent in _value_inputs(value):
            if id(parent) not in seen and len(order) < max_nodes:
                seen.add(id(parent))
                order.append(parent)
                queue.append(parent)
    return order


def _value_label(value: Value) -> str:
    """A record label: { label | data … | grad … }."""
    fields = [_escape(value.label)] if value.label else []
    fields.append("data " + _summary(value.data))
    fields.append("grad " + ("—" if value.grad is None else _summary(value.grad)))
    return "{ " + " | ".join(fields) + " }"


def _value_style(value: Value) -> dict:
    if not value.requires_grad:
        return {"style": "filled", "fillcolor": "#eeeeee", "fontcolor": "#555555"}
    return {}


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
