"""`Function`: the one mechanism by which every op, built-in or your own, enters the graph.

An op is a subclass of `Function` with two static methods side by side, as in PyTorch.

Example:
    >>> class Cube(Function):
    ...     @staticmethod
    ...     def forward(ctx, x):                   # floats or numpy arrays in, one result out
    ...         ctx.save_for_backward(x)
    ...         return x**3
    ...
    ...     @staticmethod
    ...     def backward(ctx, grad_output):        # dL/d(out) in, one dL/d(input) per input
    ...         (x,) = ctx.saved
    ...         return grad_output * 3 * x**2
    >>> x = Value(2.0)
    >>> y = Cube.apply(x)                          # a Value, recorded with op "Cube"
    >>> y.op, y.data
    ('Cube', 8.0)
    >>> y.backward()
    >>> x.grad                                     # 3·x²
    12.0

`ctx` is the node being made (the Value that `apply` returns), as PyTorch's backward node
is: it carries `save_for_backward` / `saved` (`saved_tensors`), `needs_input_grad` (one
bool per input), `inputs` and `options`. `apply` takes Values, Python numbers or numpy
arrays (numbers and arrays are constants: no gradient is computed for them) and keyword
options (axis, index, alpha, ...), which reach `forward` as keyword arguments and stay on
the node as `ctx.options`. `backward` may return a gradient in the broadcast shape of the
output: the engine sums it back to each input's shape (see `backprop.fit_gradient`), so
ops need not handle broadcasting.
"""

import types

import numpy as np

from autograd import grad_mode
from autograd.value import Value, as_data

_new_node = object.__new__  # a Value without __init__: `record` sets every slot
NO_OPTIONS = types.MappingProxyType({})  # the options of an op called without any

# needs_input_grad tuples are shared, not made per node: there are only a few of them.
_NEEDS_INPUT_GRAD = {}
_ALL_NEED_GRAD = [(True,) * n for n in range(4)]


class Function:
    """Base class of every op: subclass it with static `forward` and `backward`.

    Class attribute `name` is how the op is shown in graphs and in `Value.op` (the class
    name unless set, e.g. "+" for `Add`).
    """

    name = ""

    @staticmethod
    def forward(ctx, *inputs, **options):
        """Compute the op on floats or numpy arrays; save what backward needs on `ctx`."""
        raise NotImplementedError("a Function subclass must define forward(ctx, *inputs)")

    @staticmethod
    def backward(ctx, grad_output):
        """Given dL/d(output), return dL/d(input) for each input (None for no gradient)."""
        raise NotImplementedError("a Function subclass must define backward(ctx, grad_output)")

    @classmethod
    def op_name(cls) -> str:
        return cls.name or cls.__name__

    @classmethod
    def apply(cls, *inputs, **options):
        """Run the op on `inputs` (Values, numbers or arrays) and record it in the graph.

        Returns the new node: a Value whose data is forward's result and which is the op's
        `ctx`. When no input needs a gradient (constants only, or inside `no_grad()`) the
        result is a constant leaf.
        """
        return record(cls, inputs, options)


def record(function, inputs: tuple, options=NO_OPTIONS) -> Value:
    """What `function.apply(*inputs, **options)` does, with the inputs already in a tuple.

    Makes the node (the op's `ctx`), runs `function.forward` on the inputs' data and keeps
    on the node what backward needs: the function, the inputs, the options and which inputs
    need a gradient. `Value`'s operators call it directly: a scalar graph makes hundreds of
    thousands of nodes, and packing the arguments of `apply` costs a twentieth of each.
    """
    node = _new_node(Value)
    node.function = function
    node.inputs = inputs
    node.options = options or NO_OPTIONS  # one shared empty mapping, not a dict per node
    node.saved = ()
    node.grad = node._hooks = None
    node.label = ""
    recording = grad_mode.blocks_open == 0 or grad_mode.state.enabled
    count = len(inputs)
    for x in inputs:
        if type(x) is not Value or not x.requires_grad or not recording:
            arguments, needs_input_grad = _arguments(function, inputs, recording)
            break
    else:  # the common case: every input is a Value that needs its gradient
        arguments = None
        needs_input_grad = _ALL_NEED_GRAD[count] if count <= 3 else _shared((True,) * count)
    node.needs_input_grad = needs_input_grad
    try:
        if arguments is None and not options:
            # Unpacking *arguments costs as much as a scalar op itself, so one or two
            # Values (most nodes) pass their data directly.
            if count == 2:
                out = function.forward(node, inputs[0].data, inputs[1].data)
            elif count == 1:
                out = function.forward(node, inputs[0].data)
            else:
                out = function.forward(node, *[x.data for x in inputs])
        else:
            if arguments is None:
                arguments = [x.data for x in inputs]
            out = function.forward(node, *arguments, **options)
    except ValueError as error:  # e.g. shapes that do not broadcast: say which op
        shapes = ", ".join(str(np.shape(_data(x))) for x in inputs)
        raise ValueError(f"{function.op_name()} on inputs of shapes {shapes}: {error}") from None
    if type(out) is not float and (type(out) is not np.ndarray or out.dtype.kind != "f"):
        out = as_output(out, inputs, function)
    node.data = out
    if True in needs_input_grad:
        node.requires_grad = True
    else:  # nothing to differentiate: the result is a constant, with no history
        node.requires_grad = False
        node.function = node.options = None
        node.inputs = node.needs_input_grad = node.saved = ()
    return node


def _arguments(function, inputs, recording) -> tuple:
    """The data to pass to forward (constants checked) and which inputs need a gradient."""
    arguments = []
    needs_input_grad = []
    for x in inputs:
        if isinstance(x, Value):
            arguments.append(x.data)
            needs_input_grad.append(recording and x.requires_grad)
        else:
            arguments.append(x if type(x) is float else _as_constant(x, function))
            needs_input_grad.append(False)
    return arguments, _shared(tuple(needs_input_grad))


def _shared(needs_input_grad: tuple) -> tuple:
    return _NEEDS_INPUT_GRAD.setdefault(needs_input_grad, needs_input_grad)


def _data(x):
    return x.data if isinstance(x, Value) else x


def _as_constant(x, function):
    """A non-Value input as Value data (a float or an array); a clear error otherwise."""
    if type(x) is np.ndarray and x.dtype.kind == "f":
        return x  # the common case, taken as it is
    return as_data(x, what=f"an input of {function.op_name()}")


def as_output(out, inputs, function):
    """Check what `forward` returned: a float for float inputs, a floating array otherwise.

    A numpy or Python number is accepted (a reduction of an array gives a 0-d array, of
    floats a float); integer, bool, complex or object results are a TypeError: an op's
    result must be real floating-point numbers, and nothing is cast silently.
    """
    if type(out) is float:
        return out
    if isinstance(out, np.ndarray):
        if out.dtype.kind == "f":
            return out
        raise TypeError(
            f"{function.op_name()}.forward returned an array of dtype {out.dtype}; an op must "
            "return floating-point data (cast it in forward if that is what you mean)"
        )
    if isinstance(out, np.floating | float):
        for x in inputs:
            if isinstance(_data(x), np.ndarray):
                return np.asarray(out)  # a reduction of an array is a 0-d array, not a float
        return float(out)
    raise TypeError(
        f"{function.op_name()}.forward returned {type(out).__name__}; "
        "expected a float or a numpy array of floats"
    )
