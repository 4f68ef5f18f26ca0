"""autograd: a reverse-mode automatic differentiation engine on Python floats and numpy arrays.

Example:
    >>> from autograd import Value
    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> c = a * b + a.tanh(); c.backward()
    >>> round(a.grad, 4)                     # b + 1 - tanh(a)**2
    -2.9293
"""

from autograd.value import Value  # noqa: I001 -- Value first: the ops below build on it
from autograd.backprop import NotFiniteWarning, grad
from autograd.function import Function
from autograd.gradcheck import GradcheckError, gradcheck
from autograd.graph_check import GraphCheckReport, NodeCheck, check_graph
from autograd.grad_mode import is_grad_enabled, no_grad
from autograd.graph_export import draw_graph, to_dot
from autograd.ops import cat, concat, maximum, minimum, stack, where
from autograd.trace import BackwardStep, BackwardTrace, trace_backward

__all__ = [
    "BackwardStep", "BackwardTrace", "Function", "GradcheckError", "GraphCheckReport",
    "NodeCheck", "NotFiniteWarning", "Value", "cat", "check_graph", "concat", "draw_graph",
    "grad", "gradcheck", "is_grad_enabled", "maximum", "minimum", "no_grad", "stack",
    "to_dot", "trace_backward", "where",
]  # fmt: skip
