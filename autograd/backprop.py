"""Reverse-mode backpropagation over the recorded graph.

`backward(root)` visits the nodes in reverse topological order (every node after all the
nodes that use it), so that when a node is reached its gradient dL/d(node) is complete;
it then asks the node's op for the gradients of its inputs (the chain rule, one local
step) and adds them to those inputs.
"""

import math
import warnings
from itertools import compress

import numpy as np

from autograd.value import Value


def topological_order(roots) -> list:
    """Every Value under `roots` (a Value or a list of them) that requires grad, each after
    all of its parents.

    Iterative depth-first search with an explicit stack, so a chain of a million nodes
    needs no recursion. The stack is two lists side by side: the nodes on the current path
    and, for each, an iterator over its parents (the inputs that need a gradient) not yet
    tried. The search goes down to the first parent not yet seen, and a node goes into
    `order` once its iterator is exhausted, that is once all its parents are in `order`.
    """
    order = []
    roots = [roots] if isinstance(roots, Value) else list(roots)
    seen = set(roots)
    for root in roots:
        nodes, parents_left = [root], [compress(root.inputs, root.needs_input_grad)]
        while nodes:
            for parent in parents_left[-1]:
                if parent not in seen:
                    seen.add(parent)
                    nodes.append(parent)
                    parents_left.append(
                        iter(parent.inputs)  # the common case, all inputs need a gradient
                        if False not in parent.needs_input_grad
                        else compress(parent.inputs, parent.needs_input_grad)
                    )
                    break
            else:  # no parent left to visit
                parents_left.pop()
                order.append(nodes.pop())
    return order


def backward(root, grad=None, on_step=None) -> None:
    """Add d(root)/d(node) to `node.grad` for every node under `root` that requires grad.

    Args:
        root: the Value to differentiate.
        grad: d(L)/d(root) when root is not a scalar (shape of root.data). Default 1.
        on_step: called as on_step(node, grad_output, sent) after each node is processed,
            `sent` listing the (input, gradient) pairs it sent back; `trace_backward`
            records the pass this way.
    """
    _check_differentiable(root, "backward()")
    if _has_inf_or_nan(root.data):  # a loss that has blown up
        warnings.warn(_diverged(root), NotFiniteWarning, stacklevel=3)
    backpropagate({root: _root_gradient(root, grad)}, None, on_step)


def grad(outputs, inputs, grad_outputs=None) -> tuple:
    """The gradients of `outputs` with respect to `inputs`, without touching any `.grad`.

    As `torch.autograd.grad`: d(Σ outputs)/d(input) for each input, with each output's
    gradient weighted by its `grad_outputs` entry (default 1 for one-element outputs).

    Args:
        outputs: a Value or a sequence of Values.
        inputs: a Value or a sequence of Values that require grad.
        grad_outputs: None, or one gradient per output (same shapes as the outputs).

    Returns:
        A tuple with one gradient per input (a float or an array of its shape), or None for
        an input that the outputs do not depend on.

    Example:
        >>> from autograd import Value
        >>> x = Value(3.0)
        >>> grad(x * x, x)
        (6.0,)
    """
    outputs = _as_values(outputs, "outputs")
    inputs = _as_values(inputs, "inputs")
    if grad_outputs is None:
        grad_outputs = [None] * len(outputs)
    elif isinstance(grad_outputs, Value) or not isinstance(grad_outputs, list | tuple):
        grad_outputs = [grad_outputs]
    if len(grad_outputs) != len(outputs):
        raise ValueError(
            f"grad: {len(grad_outputs)} grad_outputs for {len(outputs)} outputs; give one each"
        )
    seeds = {}
    for output, grad_output in zip(outputs, grad_outputs):
        _check_differentiable(output, "grad()")
        seed = _root_gradient(output, _plain(grad_output))
        seeds[output] = seed if output not in seeds else seeds[output] + seed
    for x in inputs:
        if not x.requires_grad:
            raise RuntimeError(f"grad(): an input does not require grad: {x!r}")
    wanted = {x: None for x in inputs}

    def keep_wanted(node, grad_output):
        if node in wanted:
            wanted[node] = grad_output

    backpropagate(seeds, keep_wanted, None)
    return tuple(wanted[x] for x in inputs)


def backpropagate(seeds: dict, keep, on_step) -> None:
    """The backward pass: from `seeds` ({root: dL/d(root)}) to every node under them.

    Nodes are visited in reverse topological order (every node after all the nodes that
    use it), so that when a node is reached the gradient summed for it in `pending` is
    complete: its hooks run, it is stored (accumulated into `node.grad`, or given to
    `keep(node, grad)` when `keep` is given), and the node's op turns it into one gradient
    per input (the chain rule, one local step), added to the inputs' pending sums.
    """
    pending = dict(seeds)
    tracing = on_step is not None
    # inf or nan gradients (a diverged loss, log at 0) are results here, not mistakes: the
    # caller has been warned once (see `backward`), not once per op.
    with np.errstate(all="ignore"):
        for node in reversed(topological_order(list(seeds))):
            grad_output = pending.pop(node, None)
            if grad_output is None:  # every path from the roots to it carried a None gradient
                continue
            if node._hooks:
                grad_output = _run_hooks(node, grad_output)
            function = node.function
            if keep is not None:
                keep(node, grad_output)
            elif node.grad is None:
                node.grad = grad_output
            elif function is None and type(node.grad) is np.ndarray:
                node.grad += grad_output  # a leaf owns its grad array: add in place, as PyTorch
            else:
                node.grad = node.grad + grad_output
            if function is None:  # a leaf: nothing further back
                if tracing:
                    on_step(node, grad_output, [])
                continue
            input_grads = function.backward(node, grad_output)
            if type(input_grads) is not tuple:
                input_grads = (input_grads,)
            inputs, needs_input_grad = node.inputs, node.needs_input_grad
            if len(input_grads) != len(inputs):
                raise _wrong_gradient_count(node, input_grads)
            sent = [] if tracing else None
            for i, parent in enumerate(inputs):
                input_grad = input_grads[i]
                if input_grad is None or not needs_input_grad[i]:
                    continue
                if type(input_grad) is not float or type(parent.data) is not float:
                    input_grad = fit_gradient(input_grad, parent.data, function)
                    if parent.function is None and _is_shared(input_grad, grad_output):
                        input_grad = input_grad.copy()
                so_far = pending.get(parent)
                pending[parent] = input_grad if so_far is None else so_far + input_grad
                if tracing:
                    sent.append((parent, input_grad))
            if tracing:
                on_step(node, grad_output, sent)


def _run_hooks(node, grad_output):
    for hook in list(node._hooks):
        replaced = hook(grad_output)
        if replaced is not None:
            replaced = _plain(replaced)
            if np.shape(replaced) != np.shape(node.data):
                raise ValueError(
                    f"a hook returned a gradient of shape {np.shape(replaced)} for a Value of "
                    f"shape {np.shape(node.data)}; they must be equal"
                )
            grad_output = _checked_gradient(replaced, node.data, "a hook's gradient")
    return grad_output


class NotFiniteWarning(RuntimeWarning):
    """backward() from a Value that is +inf or nan (a loss that has blown up): its
    gradients will not be finite. (-inf, as log at 0 gives, is a value like any other.)"""


def _has_inf_or_nan(data) -> bool:
    """Whether `data` holds +inf or nan: not all of it is below +inf."""
    if type(data) is float:
        return not data < math.inf
    if data.size == 1:  # a loss: item() is a tenth of the cost of a numpy reduction
        return not data.item() < math.inf
    return not np.less(data, np.inf).all()


def _diverged(root) -> str:
    return (
        f"backward() from a value that is not finite ({np.asarray(root.data).ravel()[:3]}): "
        "training has probably diverged, and the gradients will be inf or nan. The usual "
        "cause is a learning rate that is too large: try one 10 times smaller"
    )


def _check_differentiable(root, caller) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"{caller} needs a Value, got {type(root).__name__}")
    if not root.requires_grad:
        raise RuntimeError(
            f"{caller} on a Value that does not require grad: it was made under no_grad(), "
            "from constants only, or detached, so it has no graph to backpropagate through"
        )


def _as_values(values, what) -> list:
    values = [values] if isinstance(values, Value) else list(values)
    for value in values:
        if not isinstance(value, Value):
            raise TypeError(f"grad(): {what} must be Values, got {type(value).__name__}")
    return values


def _plain(x):
    """A gradient given as a Value is its data."""
    return x.data if isinstance(x, Value) else x


def _wrong_gradient_count(node, input_grads) -> ValueError:
    return ValueError(
        f"{node.function.op_name()}.backward returned {len(input_grads)} "
        f"gradient(s) for {len(node.inputs)} input(s)"
    )


def _is_shared(grad, grad_output) -> bool:
    """Whether an array sent to a leaf may also be another node's gradient: the op passed
    its own upstream gradient through (as + does, to both inputs) or a view of an array
    (reshape, transpose, broadcast). A leaf gets a copy of such an array, so that an
    optimizer changing one leaf's grad in place (clipping, say) changes no other's."""
    return type(grad) is np.ndarray and (grad is grad_output or grad.base is not None)


def _root_gradient(root, grad):
    """The gradient that starts the pass: 1 for a scalar root, else the given `grad`."""
    data = root.data
    if grad is None:
        if type(data) is float:
            return 1.0
        if data.size != 1:
            raise ValueError(
                f"backward() needs `grad` for a Value of shape {np.shape(data)} (only a "
                "one-element Value has the implied gradient 1): pass grad=... of that shape, "
                "or reduce it first, e.g. with .sum() or .mean()"
            )
        ones = np.empty(data.shape, data.dtype)
        ones.fill(1)  # as np.ones, whose Python wrapper costs more than the two C calls
        return ones
    grad = _plain(grad)
    if np.shape(grad) != np.shape(data):
        raise ValueError(
            f"backward(grad=...) got a gradient of shape {np.shape(grad)} for a Value of "
            f"shape {np.shape(data)}; they must be equal"
        )
    return _checked_gradient(grad, data, "backward(grad=...)")


def _checked_gradient(grad, data, what):
    """A gradient given by the user, as the data's kind: a float for float data, else a
    new array of the data's dtype (the caller's array stays theirs). Anything but real
    numbers (bool, complex, strings, objects) is a TypeError, never cast silently."""
    array = np.asarray(grad)
    if array.dtype.kind not in "fiu" or isinstance(grad, bool):
        raise TypeError(f"{what} must be real numbers, got {type(grad).__name__} {grad!r:.60}")
    if type(data) is float:
        return float(array)
    return np.array(array, dtype=data.dtype)


def fit_gradient(grad, data, function):
    """Bring an input's gradient to the input's shape and kind.

    Broadcasting in the forward pass copies an input along new or size-1 axes, so the
    backward pass sums the gradient over those axes ("expand backward is sum"). The result
    is a float for float data, else an array of the data's shape and dtype.
    """
    if type(data) is float:
        if type(grad) is float:
            return grad
        if np.ndim(grad) == 0:
            return float(grad)
        return float(np.sum(grad))
    if type(grad) is not np.ndarray:  # a number, or a numpy scalar, for an array input
        grad = np.asarray(grad)
    if grad.shape != data.shape:
        grad = _sum_to_shape(grad, data.shape, function)
    if grad.dtype != data.dtype:
        grad = grad.astype(data.dtype)
    return grad


def _sum_to_shape(grad: np.ndarray, shape: tuple, function) -> np.ndarray:
    """Sum `grad` over the axes along which an input of `shape` was broadcast."""
    extra = grad.ndim - len(shape)
    if extra < 0 or any(
        size != 1 and size != grad_size for size, grad_size in zip(shape, grad.shape[extra:])
    ):
        raise ValueError(
            f"{function.op_name()}.backward returned a gradient of shape {grad.shape} for an "
            f"input of shape {shape}: the input's shape does not broadcast to it"
        )
    broadcast_axes = tuple(range(extra)) + tuple(
        extra + i
        for i, (size, grad_size) in enumerate(zip(shape, grad.shape[extra:]))
        if size == 1 and grad_size != 1
    )
    return grad.sum(axis=broadcast_axes).reshape(shape)
