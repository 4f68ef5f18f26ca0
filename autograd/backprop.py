"""Reverse-mode backpropagation over the recorded graph.

`backward(root)` visits the nodes in reverse topological order (every node after all the
nodes that use it), so that when a node is reached its gradient dL/d(node) is complete;
it then asks the node's op for the gradients of its inputs (the chain rule, one local
step) and adds them to those inputs.
"""

import numpy as np


def topological_order(root) -> list:
    """Every Value under `root` that requires grad, each after all of its parents.

    Iterative depth-first search with an explicit stack, so a chain of a million nodes
    needs no recursion. A node is pushed twice: once to visit its parents, once (marked
    `parents_done`) to be appended after them.
    """
    order = []
    visited = set()
    stack = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
            continue
        if node in visited:
            continue
        visited.add(node)
        stack.append((node, True))
        for parent in node.parents:
            if parent not in visited:
                stack.append((parent, False))
    return order


def backward(root, grad=None) -> None:
    """Add d(root)/d(node) to `node.grad` for every node under `root` that requires grad.

    Args:
        root: the Value to differentiate.
        grad: d(L)/d(root) when root is not a scalar (shape of root.data). Default 1.
    """
    if not root.requires_grad:
        raise RuntimeError(
            "backward() on a Value that does not require grad: it was made under no_grad(), "
            "from constants only, or detached, so it has no graph to backpropagate through"
        )
    order = topological_order(root)
    root._grad_in_pass = _root_gradient(root, grad)
    try:
        for node in reversed(order):
            _backward_step(node)
    except BaseException:
        for node in order:  # leave no half-summed gradient behind for the next pass
            node._grad_in_pass = None
        raise


def _backward_step(node) -> None:
    """One step of the chain rule: add this node's gradient to its own `grad`, then send
    dL/d(input) = local derivative · dL/d(node) to each input that needs it."""
    grad_output = node._grad_in_pass
    node._grad_in_pass = None
    if grad_output is None:  # every path from the root to it carried a None gradient
        return
    _accumulate_grad(node, grad_output)
    ctx = node._ctx
    if ctx is None:
        return
    input_grads = ctx.function.backward(ctx, grad_output)
    if not isinstance(input_grads, tuple):
        input_grads = (input_grads,)
    if len(input_grads) != len(ctx.inputs):
        raise ValueError(
            f"{ctx.function.op_name()}.backward returned {len(input_grads)} gradient(s) "
            f"for {len(ctx.inputs)} input(s)"
        )
    for parent, needs_grad, input_grad in zip(ctx.inputs, ctx.needs_input_grad, input_grads):
        if needs_grad and input_grad is not None:
            input_grad = fit_gradient(input_grad, parent.data, ctx.function.op_name())
            pending = parent._grad_in_pass
            parent._grad_in_pass = input_grad if pending is None else pending + input_grad


def _accumulate_grad(node, grad_output) -> None:
    """node.grad += grad_output (None counts as zero). A leaf gets its own copy of an array,
    so that an optimizer changing one leaf's grad in place changes no other's."""
    if node.grad is None:
        if node._ctx is None and isinstance(grad_output, np.ndarray):
            grad_output = grad_output.copy()
        node.grad = grad_output
    else:
        node.grad = node.grad + grad_output


def _root_gradient(root, grad):
    """The gradient that starts the pass: 1 for a scalar root, else the given `grad`."""
    data = root.data
    if grad is None:
        if np.size(data) != 1:
            raise ValueError(
                f"backward() needs `grad` for a Value of shape {np.shape(data)} (only a "
                "one-element Value has the implied gradient 1): pass grad=... of that shape, "
                "or reduce it first, e.g. with .sum() or .mean()"
            )
        return 1.0 if type(data) is float else np.ones_like(data)
    given_shape = np.shape(grad)
    if given_shape != np.shape(data):
        raise ValueError(
            f"backward(grad=...) got a gradient of shape {given_shape} for a Value of shape "
            f"{np.shape(data)}; they must be equal"
        )
    if type(data) is float:
        return float(grad)
    return np.asarray(grad, dtype=data.dtype)


def fit_gradient(grad, data, op_name: str):
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
    shape = data.shape
    grad_shape = np.shape(grad)
    if grad_shape != shape:
        grad = _sum_to_shape(np.asarray(grad), shape, op_name)
    if grad.dtype != data.dtype:
        grad = grad.astype(data.dtype)
    return grad


def _sum_to_shape(grad: np.ndarray, shape: tuple, op_name: str) -> np.ndarray:
    """Sum `grad` over the axes along which an input of `shape` was broadcast."""
    extra = grad.ndim - len(shape)
    if extra < 0 or any(
        size != 1 and size != grad_size for size, grad_size in zip(shape, grad.shape[extra:])
    ):
        raise ValueError(
            f"{op_name}.backward returned a gradient of shape {grad.shape} for an input of "
            f"shape {shape}: the input's shape does not broadcast to it"
        )
    broadcast_axes = tuple(range(extra)) + tuple(
        extra + i
        for i, (size, grad_size) in enumerate(zip(shape, grad.shape[extra:]))
        if size == 1 and grad_size != 1
    )
    return grad.sum(axis=broadcast_axes).reshape(shape)
