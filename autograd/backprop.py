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
    needs no recursion. Each stack entry is a node and an iterator over its parents: the
    search goes down to the first parent not yet seen, and a node goes into `order` once
    its iterator is exhausted, that is once all its parents are in `order`.
    """
    order = []
    seen = {root}
    stack = [(root, iter(root.parents))]
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, iter(parent.parents)))
                break
        else:  # no parent left to visit
            stack.pop()
            order.append(node)
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
    if not root.requires_grad:
        raise RuntimeError(
            "backward() on a Value that does not require grad: it was made under no_grad(), "
            "from constants only, or detached, so it has no graph to backpropagate through"
        )
    order = topological_order(root)
    root._grad_in_pass = _root_gradient(root, grad)
    tracing = on_step is not None
    try:
        for node in reversed(order):
            grad_output = node._grad_in_pass
            if grad_output is None:  # every path from the root to it carried a None gradient
                continue
            node._grad_in_pass = None
            ctx = node._ctx
            # All the nodes that use this one are done, so dL/d(node) is complete: keep it.
            grad_so_far = node.grad
            if grad_so_far is None:
                node.grad = grad_output
            elif ctx is None and type(grad_so_far) is np.ndarray:
                grad_so_far += grad_output  # a leaf owns its grad array: add in place, as PyTorch
            else:
                node.grad = grad_so_far + grad_output
            if ctx is None:  # a leaf: nothing further back
                if tracing:
                    on_step(node, grad_output, [])
                continue
            # The chain rule, one step back: the op gives dL/d(input) for each input, which
            # is added to what the input's other consumers sent it.
            input_grads = ctx.function.backward(ctx, grad_output)
            if type(input_grads) is not tuple:
                input_grads = (input_grads,)
            if len(input_grads) != len(ctx.inputs):
                raise _wrong_gradient_count(ctx, input_grads)
            sent = [] if tracing else None
            for parent, needs_grad, input_grad in zip(
                ctx.inputs, ctx.needs_input_grad, input_grads
            ):
                if not needs_grad or input_grad is None:
                    continue
                if type(input_grad) is not float or type(parent.data) is not float:
                    input_grad = fit_gradient(input_grad, parent.data, ctx.function)
                    if parent._ctx is None and _is_shared(input_grad, grad_output):
                        input_grad = input_grad.copy()
                pending = parent._grad_in_pass
                parent._grad_in_pass = input_grad if pending is None else pending + input_grad
                if tracing:
                    sent.append((parent, input_grad))
            if tracing:
                on_step(node, grad_output, sent)
    except BaseException:
        for node in order:  # leave no half-summed gradient behind for the next pass
            node._grad_in_pass = None
        raise


def _wrong_gradient_count(ctx, input_grads) -> ValueError:
    return ValueError(
        f"{ctx.function.op_name()}.backward returned {len(input_grads)} "
        f"gradient(s) for {len(ctx.inputs)} input(s)"
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
        return np.ones(data.shape, data.dtype)
    given_shape = np.shape(grad)
    if given_shape != np.shape(data):
        raise ValueError(
            f"backward(grad=...) got a gradient of shape {given_shape} for a Value of shape "
            f"{np.shape(data)}; they must be equal"
        )
    if type(data) is float:
        return float(grad)
    return np.array(grad, dtype=data.dtype)  # a copy: the caller's array stays theirs


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
