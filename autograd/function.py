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

`apply` takes Values, Python numbers or numpy arrays (numbers and arrays are constants: no
gradient is computed for them) and keyword options (axis, index, alpha, ...), which reach
`forward` as keyword arguments and stay on the node as `ctx.options`. `backward` may
return a gradient in the broadcast shape of the output: the engine sums it back to each
input's shape (see `backprop.fit_gradient`), so ops need not handle broadcasting.
"""

import itertools

import numpy as np

from autograd import grad_mode
from autograd.value import Value, as_data, make_node


class Context:
    """What one node remembers between its forward and its backward pass.

    Attributes:
        function: the `Function` subclass that made the node.
        inputs: the inputs as given to `apply` (Values and constants), in order.
        options: the keyword options given to `apply` (dict; may be empty).
        needs_input_grad: one bool per input: does backward need its gradient?
        saved: what `forward` stored with `save_for_backward` (a tuple).
    """

    __slots__ = ("function", "inputs", "needs_input_grad", "options", "saved")

    def __init__(self, function, inputs, options, needs_input_grad):
        self.function = function
        self.inputs = inputs
        self.options = options
        self.needs_input_grad = needs_input_grad
        self.saved = ()

    def save_for_backward(self, *arrays):
        """Keep arrays or numbers that `backward` needs; read them back from `ctx.saved`."""
        self.saved = arrays


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
        """Run the op on `inputs` (Values, numbers or arrays) and record it in the graph."""
        recording = grad_mode._enabled
        arguments = []
        needs_input_grad = []
        for x in inputs:
            if isinstance(x, Value):
                arguments.append(x.data)
                needs_input_grad.append(recording and x.requires_grad)
            else:
                arguments.append(x if type(x) is float else _as_constant(x, cls))
                needs_input_grad.append(False)
        needs_input_grad = tuple(needs_input_grad)
        ctx = Context(cls, inputs, options, needs_input_grad)
        try:
            out = cls.forward(ctx, *arguments, **options)
        except ValueError as error:  # e.g. shapes that do not broadcast: say which op
            shapes = ", ".join(str(np.shape(a)) for a in arguments)
            raise ValueError(f"{cls.op_name()} on inputs of shapes {shapes}: {error}") from None
        if type(out) is not float and type(out) is not np.ndarray:
            out = as_output(out, arguments, cls)
        if True not in needs_input_grad:  # no input needs a gradient: the result is a constant
            return make_node(out, None, ())
        # The parents are the inputs that need a gradient. When that is all of them, the
        # node shares the inputs tuple: one object less per node for Python's garbage
        # collector to walk.
        if False in needs_input_grad:
            return make_node(out, ctx, tuple(itertools.compress(inputs, needs_input_grad)))
        return make_node(out, ctx, inputs)


def _as_constant(x, function):
    """A non-Value input as Value data (a float or an array); a clear error otherwise."""
    if type(x) is np.ndarray and x.dtype.kind == "f":
        return x  # the common case, taken as it is
    return as_data(x, what=f"an input of {function.op_name()}")


def as_output(out, arguments, function):
    """Check what `forward` returned: a float for float inputs, an array otherwise."""
    if type(out) is float or isinstance(out, np.ndarray):
        return out
    if isinstance(out, np.generic | int | float) and not isinstance(out, bool):
        for argument in arguments:
            if isinstance(argument, np.ndarray):
                return np.asarray(out)  # a reduction of an array is a 0-d array, not a float
        return float(out)
    raise TypeError(
        f"{function.op_name()}.forward returned {type(out).__name__}; "
        "expected a float or a numpy array"
    )
