"""`check_graph`: check every node's local backward on its own, to find the faulty op.

`gradcheck` answers "are the gradients of this whole function right?". When they are not,
`check_graph` answers "which op is wrong?": for each op node of a recorded graph it re-runs
that one op at the node's recorded inputs (in float64) and compares its backward with
central differences of its forward,

    backward:   Σ_out w · d out/d x_i       (w: fixed random weights of the output's shape)
    numerical:  (Σ w·f(x + ε e_i) - Σ w·f(x - ε e_i)) / (2ε),

for every input that requires grad. Each node is checked once with its own inputs, never by
re-running the whole graph, so the cost is linear in the number of nodes. Inputs with more
than `ELEMENT_BUDGET` elements are checked along a few random directions d (and at a few
random elements) instead of element by element.

Near a kink (relu or abs at 0, max with ties) finite differences are meaningless, and such
a node may be reported although its backward is right.
"""

from dataclasses import dataclass, field

import numpy as np

from autograd.backprop import fit_gradient, topological_order
from autograd.function import as_output
from autograd.gradcheck import GradcheckError
from autograd.value import Value, as_data

ELEMENT_BUDGET = 32  # inputs larger than this are checked along random directions
RANDOM_DIRECTIONS = 3
RANDOM_ELEMENTS = 8


@dataclass
class NodeCheck:
    """The check of one op node.

    Attributes:
        node: the Value the op made.
        label, op: the node's label and op name.
        input_shapes: the shapes of all the op's inputs.
        max_abs_error, max_rel_error: the largest disagreement over the checked inputs.
        ok: whether every checked element or direction agreed within atol + rtol·|numerical|.
        worst: where the largest disagreement relative to the tolerance was:
            (input position, element index or "direction k", backprop value, numerical value).
        note: why a node could not be checked normally (non-finite values), else "".
    """

    node: Value
    label: str
    op: str
    input_shapes: list
    max_abs_error: float = 0.0
    max_rel_error: float = 0.0
    ok: bool = True
    worst: tuple | None = None
    note: str = ""
    worst_rank: tuple = (False, 0.0)  # (at an element?, error / tolerance) of `worst`


@dataclass
class GraphCheckReport:
    """What `check_graph` found: `ok`, `results` (one NodeCheck per op node, inputs first),
    `failures` (the failing ones); `str(report)` is a table with one row per node."""

    results: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    @property
    def failures(self) -> list:
        return [result for result in self.results if not result.ok]

    def __str__(self) -> str:
        header = ("#", "label", "op", "input shapes", "max abs err", "max rel err", "")
        rows = [header]
        for number, r in enumerate(self.results):
            shapes = ", ".join(str(s) for s in r.input_shapes)
            status = "ok" if r.ok else "FAIL" + (f" ({r.note})" if r.note else "")
            rows.append((str(number), r.label or "-", r.op, shapes, f"{r.max_abs_error:.2e}",
                         f"{r.max_rel_error:.2e}", status))  # fmt: skip
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        return "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
            for row in rows
        )


def check_graph(root: Value, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_on_failure=False,
                max_nodes=10_000, seed=0) -> GraphCheckReport:  # fmt: skip
    """Check each op node under `root` on its own against central differences.

    Args:
        root: the Value whose recorded graph to check (call before changing any data).
        eps: the finite-difference step; atol, rtol: the tolerance atol + rtol·|numerical|.
        raise_on_failure: raise GradcheckError naming the first failing node (label, op,
            which input, the worst element, both values) instead of returning the report.
        max_nodes: refuse graphs of more op nodes than this (the cost grows with them).
        seed: seeds the random output weights and directions.

    Returns:
        A GraphCheckReport; print it for a table with one row per node.
    """
    if not isinstance(root, Value):
        raise TypeError(f"check_graph needs a Value, got {type(root).__name__}")
    op_nodes = [node for node in topological_order(root) if node.function is not None]
    if len(op_nodes) > max_nodes:
        raise ValueError(
            f"check_graph: the graph has {len(op_nodes)} op nodes, more than "
            f"max_nodes={max_nodes}; check a smaller graph (e.g. a smaller batch), or pass "
            "a larger max_nodes (the time grows linearly with the nodes)"
        )
    rng = np.random.default_rng(seed)
    report = GraphCheckReport([_check_node(node, eps, atol, rtol, rng) for node in op_nodes])
    if raise_on_failure and not report.ok:
        raise GradcheckError(_describe_failure(report.failures[0]))
    return report


def _check_node(node, eps, atol, rtol, rng) -> NodeCheck:
    function, options = node.function, node.options
    arguments = [_as_float64(x) for x in node.inputs]
    result = NodeCheck(node, node.label, node.op, [np.shape(a) for a in arguments])

    def weighted_output(args) -> float:
        scratch = _fresh_context(node)
        return float(np.sum(weights * function.forward(scratch, *args, **options)))

    with np.errstate(all="ignore"):  # extreme values are reported, not warned about
        fresh = _fresh_context(node)
        out = as_output(function.forward(fresh, *arguments, **options), arguments, function)
        weights = rng.uniform(0.5, 1.5, size=np.shape(out))
        grads = function.backward(fresh, float(weights) if type(out) is float else weights)
        if type(grads) is not tuple:
            grads = (grads,)
        for position, needs_grad in enumerate(node.needs_input_grad):
            if not needs_grad:
                continue
            analytic = grads[position]
            if analytic is None:
                analytic = np.zeros(np.shape(arguments[position]))
            analytic = np.asarray(fit_gradient(analytic, arguments[position], function))
            for where, computed, numerical in _probes(arguments, position, analytic, eps,
                                                       weighted_output, rng):  # fmt: skip
                _record(result, position, where, computed, numerical, atol, rtol)
    return result


def _fresh_context(node) -> Value:
    """A new node to re-run `node`'s op with: the same op record, nothing saved yet."""
    ctx = object.__new__(Value)
    ctx.function, ctx.inputs, ctx.options = node.function, node.inputs, node.options
    ctx.needs_input_grad, ctx.saved = node.needs_input_grad, ()
    ctx.grad, ctx.label, ctx._hooks, ctx.requires_grad = None, "", None, True
    return ctx


def _as_float64(x):
    """An input's data in float64, so that finite differences are accurate (float32 is not)."""
    data = x.data if isinstance(x, Value) else as_data(x)
    return np.array(data, dtype=np.float64) if isinstance(data, np.ndarray) else data


def _probes(arguments, position, analytic, eps, weighted_output, rng):
    """(where, backprop value, numerical value) for each element of a small input, or for
    a few random directions and elements of a large one."""
    x = arguments[position]
    size = np.size(x)

    def along(direction):
        plus, minus = list(arguments), list(arguments)
        plus[position] = x + eps * direction
        minus[position] = x - eps * direction
        return (weighted_output(plus) - weighted_output(minus)) / (2 * eps)

    if np.ndim(x) == 0:
        yield (), float(analytic), along(1.0 if type(x) is float else np.ones_like(x))
        return
    if size <= ELEMENT_BUDGET:
        indices = list(np.ndindex(x.shape))
    else:
        indices = [np.unravel_index(i, x.shape) for i in rng.choice(size, RANDOM_ELEMENTS)]
        for k in range(RANDOM_DIRECTIONS):
            direction = rng.normal(size=x.shape)
            direction /= np.linalg.norm(direction)
            yield f"direction {k}", float(np.sum(analytic * direction)), along(direction)
    for index in indices:
        unit = np.zeros(x.shape)
        unit[index] = 1.0
        yield tuple(int(i) for i in index), float(analytic[index]), along(unit)


def _record(result, position, where, computed, numerical, atol, rtol) -> None:
    error = abs(computed - numerical)
    relative = error / max(abs(numerical), 1e-300)
    if not np.isfinite(computed) or not np.isfinite(numerical):
        if computed == numerical:  # the same infinity: nothing to compare
            return
        result.ok, result.note = False, "non-finite"
        result.worst = result.worst or (position, where, computed, numerical)
        return
    result.max_abs_error = max(result.max_abs_error, error)
    result.max_rel_error = max(result.max_rel_error, relative)
    excess = error / (atol + rtol * abs(numerical))
    # The worst is an element where one failed (a learner wants its index), else a direction.
    rank = (not isinstance(where, str), excess)
    if excess > 1.0 and (result.ok or rank > result.worst_rank):
        result.ok = False
        result.worst = (position, where, computed, numerical)
        result.worst_rank = rank


def _describe_failure(failure: NodeCheck) -> str:
    position, where, computed, numerical = failure.worst
    name = f"{failure.label!r} " if failure.label else ""
    at = f" at {where}" if isinstance(where, str) else f" at index {where}" if where else ""
    return (
        f"node {name}(op {failure.op!r}): the gradient of its input {position}{at} is "
        f"{computed:.10g} by its backward but {numerical:.10g} by finite differences"
        + (f" ({failure.note})" if failure.note else "")
    )
