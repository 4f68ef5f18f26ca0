"""`Value`: a node of the computation graph, holding a Python float or a numpy array.

The same class serves two graphs. In a scalar graph (micrograd style) every number is its
own node and you can follow backprop by hand; in an array graph one node is a whole
matrix op, fast enough for training. Each operator and method below runs one op
(an `autograd.Function`, defined in `autograd/ops/`) or is composed of several.

A Value made by an op is also that op's context (`ctx`), as PyTorch's backward node is:
`Function.apply` hands the node being made to `forward(ctx, ...)`, which saves on it what
`backward(ctx, grad_output)` will need. One object per node is all Python's garbage
collector has to walk, besides the tuple of its inputs.
"""

import math
import numbers

import numpy as np


def as_data(x, *, what="data", dtype=None):
    """Turn user input into Value data: a Python float or a floating-point numpy array.

    Python and numpy integers and float64 numbers become Python floats; other numpy
    floating scalars (float32, ...) become 0-d arrays of their dtype; integer arrays
    become float64 arrays; lists and tuples of numbers become arrays. With `dtype`, the
    result is an array of that (floating) dtype. Booleans, complex numbers, strings,
    objects and None are a TypeError naming `what` it was: they are never silently cast.
    """
    if type(x) is float:
        return x
    if isinstance(x, Value):
        raise TypeError(f"{what} is already a Value; use it directly, or .detach() it")
    if isinstance(x, bool | np.bool_):
        raise TypeError(f"{what} must be a real number, got the bool {x}; use 1.0 or 0.0")
    if dtype is not None:
        dtype = np.dtype(dtype)
        if dtype.kind != "f":
            raise TypeError(f"dtype must be a floating dtype (float16/32/64), got {dtype}")
        return _floating_array(_as_array(x, what), what).astype(dtype, copy=False)
    if isinstance(x, np.ndarray):
        return _floating_array(x, what)
    if isinstance(x, np.floating) and not isinstance(x, np.float64):
        return np.asarray(x)
    if isinstance(x, numbers.Real):
        return float(x)
    if isinstance(x, list | tuple):
        return _floating_array(_as_array(x, what), what)
    raise TypeError(
        f"{what} must be a real number, a numpy array or a list of numbers, got {type(x).__name__}"
    )


def _as_array(x, what) -> np.ndarray:
    """np.asarray, with a clear error for ragged lists or lists of non-numbers."""
    try:
        return np.asarray(x)
    except ValueError as error:  # e.g. a ragged nested list
        raise TypeError(f"{what}: cannot make an array of it ({error})") from None


def _floating_array(array, what):
    """A floating array as it is; an integer array as float64; any other kind refused."""
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "iu":
        return array.astype(np.float64)
    kinds = {"b": "bool", "c": "complex", "O": "object", "U": "str", "S": "bytes"}
    kind = kinds.get(array.dtype.kind, str(array.dtype))
    raise TypeError(
        f"{what} must hold real numbers, got an array of dtype {array.dtype} ({kind}); "
        "convert it yourself if that is what you mean, e.g. x.astype(float) for a mask"
    )


class Value:
    """A node of the graph: `data`, and after `backward()` its gradient `grad`.

    Args:
        data: a number (kept as a Python float), a numpy array (its floating dtype is kept;
            integer arrays become float64) or a nested list of numbers. Bool, complex,
            object and string data are a TypeError.
        label: a name shown in `repr` and in drawn graphs.
        requires_grad: whether backward computes a gradient for it (default True).
        dtype: cast `data` to this floating numpy dtype (the result is an array).

    Attributes:
        data: float or ndarray.
        grad: None until a backward pass reaches this Value, then dL/d(data): a float for
            float data, else an array of the data's shape and dtype. Accumulates (+=)
            across backward passes until you reset it (to None, or 0.0 as in micrograd).
        label, requires_grad: as given.
        op: the name of the op that made this Value ("" for a leaf).
        parents: the Values it was computed from that require grad (a tuple).
        function, inputs, options, needs_input_grad, saved: the record of the op that made
            it (the node is that op's `ctx`): its Function class, its inputs as given
            (Values and constants), its keyword options, which inputs need a gradient, and
            what its forward saved for backward. A leaf has function None and no inputs.

    Example:
        >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        >>> c = a * b + a.tanh(); c.backward(); round(a.grad, 4)
        -2.9293
    """

    __slots__ = ("_hooks", "data", "function", "grad", "inputs", "label", "needs_input_grad",
                 "options", "requires_grad", "saved")  # fmt: skip

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """numpy calls this for `array * value` (and every other operator with an array on
        the left): the operator is recorded as the Value's own (`value.__rmul__(array)`),
        so that numpy never turns a Value into an array of objects. Any other numpy
        function of a Value (np.exp(v), ...) would leave the graph: a clear TypeError."""
        operator = _NUMPY_OPERATORS.get(ufunc.__name__)
        if method == "__call__" and operator is not None and len(inputs) == 2 and not kwargs:
            forward, reflected = operator
            if inputs[0] is self:
                return getattr(self, forward)(inputs[1])
            return getattr(self, reflected)(inputs[0])
        name = ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"
        hint = f"use value.{name}()" if hasattr(Value, name) else "use the Value's own methods"
        raise TypeError(
            f"numpy's {name} cannot take a Value (it would leave the graph, so no gradient "
            f"could flow through it): {hint}, or np.{name}(value.data) for a plain number"
        )

    def __init__(self, data, *, label="", requires_grad=True, dtype=None):
        self.data = as_data(data, what="Value data", dtype=dtype)
        self.grad = None
        self.label = label
        self.requires_grad = bool(requires_grad)
        self.function = None
        self.inputs = self.needs_input_grad = self.saved = ()
        self.options = None
        self._hooks = None

    # ----- what it holds -----------------------------------------------------------------

    @property
    def op(self) -> str:
        return "" if self.function is None else self.function.op_name()

    @property
    def parents(self) -> tuple:
        """The inputs of the op that made this Value and that get a gradient from it."""
        return tuple(v for v, needed in zip(self.inputs, self.needs_input_grad) if needed)

    @property
    def is_leaf(self) -> bool:
        """True for a Value that no recorded op made (a parameter, an input, a constant)."""
        return self.function is None

    # data is a float or an ndarray; asking the array itself (rather than np.shape, a
    # Python-level function) matters because layers ask for shapes on every call.
    @property
    def shape(self) -> tuple:
        return self.data.shape if isinstance(self.data, np.ndarray) else ()

    @property
    def ndim(self) -> int:
        return self.data.ndim if isinstance(self.data, np.ndarray) else 0

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype if isinstance(self.data, np.ndarray) else np.dtype(np.float64)

    def size(self, dim=None):
        """The shape (a tuple), or with `dim` the length of that axis, as PyTorch's."""
        if dim is None:
            return self.shape
        return self.shape[_axis_index(dim, self.ndim)]

    def dim(self) -> int:
        """The number of axes (PyTorch's name for ndim)."""
        return self.ndim

    def numel(self) -> int:
        """The number of elements."""
        return self.data.size if isinstance(self.data, np.ndarray) else 1

    def item(self) -> float:
        """The data as a Python float (the Value must hold exactly one number)."""
        if self.numel() != 1:
            raise ValueError(f"item() needs a Value of one element, not of shape {self.shape}")
        return float(np.asarray(self.data).reshape(()))

    def __float__(self) -> float:
        """float(v) for a one-element Value, as float(tensor)."""
        if self.numel() != 1:
            raise TypeError(
                f"float() needs a Value of one element, not of shape {self.shape}; "
                "use .numpy() for the array, or reduce it first (e.g. .sum())"
            )
        return self.item()

    def numpy(self) -> np.ndarray:
        """The data as a numpy array (the same array, not a copy, for array data)."""
        return np.asarray(self.data)

    def tolist(self):
        """The data as a Python number or nested lists of numbers."""
        return self.data if type(self.data) is float else self.data.tolist()

    def detach(self) -> "Value":
        """A new leaf Value sharing this data, cut off from the graph (requires no grad)."""
        return Value(self.data, label=self.label, requires_grad=False)

    def __repr__(self) -> str:
        fields = [f"label={self.label!r}"] if self.label else []
        if self.op:
            fields.append(f"op={self.op!r}")
        if isinstance(self.data, np.ndarray):
            fields.append(f"shape={self.shape}, dtype={self.dtype}")
            fields.append("data=" + _short_array(self.data))
            if self.grad is not None:
                fields.append("grad=" + _short_array(np.asarray(self.grad)))
        else:
            fields.append(f"data={self.data:.6g}")
            if self.grad is not None:
                fields.append(f"grad={self.grad:.6g}")
        if not self.requires_grad:
            fields.append("requires_grad=False")
        return "Value(" + ", ".join(fields) + ")"

    # ----- the node as its op's context (ctx) ---------------------------------------------

    def save_for_backward(self, *values) -> None:
        """In an op's forward: keep arrays or numbers that its backward needs (`ctx.saved`)."""
        self.saved = values

    @property
    def saved_tensors(self) -> tuple:
        """What forward saved: PyTorch's name for `saved`."""
        return self.saved

    # ----- backprop ----------------------------------------------------------------------

    def backward(self, grad=None) -> None:
        """Backpropagate from this Value: add dself/dx to `x.grad` for every x in its graph.

        Args:
            grad: dL/d(self), needed when this Value is not a scalar; same shape as `data`.
                Default: 1 for a scalar (or one-element) Value.
        """
        backprop.backward(self, grad)

    def register_hook(self, hook):
        """Call `hook(grad)` when this Value's gradient has been summed in a backward pass,
        before it is stored in `.grad` and sent on; a return value other than None replaces
        the gradient (as PyTorch's `Tensor.register_hook`). Returns a handle whose
        `remove()` takes the hook off.

        Example:
            >>> x = Value(3.0)
            >>> handle = x.register_hook(lambda g: 2 * g)
            >>> (x * x).backward(); x.grad
            12.0
        """
        if not callable(hook):
            raise TypeError(f"register_hook needs a callable, got {type(hook).__name__}")
        if not self.requires_grad:
            raise RuntimeError("register_hook on a Value that does not require grad")
        if self._hooks is None:
            self._hooks = []
        self._hooks.append(hook)
        return _HookHandle(self._hooks, hook)

    def retain_grad(self) -> None:
        """Kept for PyTorch code; changes nothing: every node here keeps its grad."""

    # ----- operators ---------------------------------------------------------------------
    # Subtraction, division, negation and square root are composed of add, mul and pow,
    # so they need no derivative of their own.

    def __add__(self, other):
        return arithmetic.Add.apply(self, other)

    def __radd__(self, other):
        return arithmetic.Add.apply(other, self)

    def __mul__(self, other):
        return arithmetic.Mul.apply(self, other)

    def __rmul__(self, other):
        return arithmetic.Mul.apply(other, self)

    def __pow__(self, exponent):
        return arithmetic.Pow.apply(self, exponent)

    def __rpow__(self, base):
        return arithmetic.Pow.apply(base, self)

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __truediv__(self, other):
        if not isinstance(other, Value | np.ndarray) and other == 0:
            raise ZeroDivisionError(
                f"a Value divided by the number {other}: division by zero (if the "
                "divisor is a count or a norm, check that it cannot be 0)"
            )
        return self * other**-1.0

    def __rtruediv__(self, other):
        return other * self**-1.0

    def __matmul__(self, other):
        return matmul.MatMul.apply(self, other)

    def __rmatmul__(self, other):
        return matmul.MatMul.apply(other, self)

    def __getitem__(self, index):
        return shape_ops.GetItem.apply(self, index=index)

    # ----- elementwise functions ---------------------------------------------------------

    def exp(self):
        return elementwise.Exp.apply(self)

    def log(self):
        return elementwise.Log.apply(self)

    def sqrt(self):
        return self**0.5

    def abs(self):
        return elementwise.Abs.apply(self)

    def tanh(self):
        return elementwise.Tanh.apply(self)

    def sigmoid(self):
        return elementwise.Sigmoid.apply(self)

    def relu(self):
        return elementwise.ReLU.apply(self)

    def leaky_relu(self, alpha=0.01):
        return elementwise.LeakyReLU.apply(self, alpha=alpha)

    def sign(self):
        """-1, 0 or +1 elementwise. Its gradient is zero everywhere (the step has no slope),
        which is why a perceptron with sign activation is trained by the perceptron rule."""
        return elementwise.Sign.apply(self)

    def clip(self, lo=None, hi=None):
        return elementwise.Clip.apply(self, lo=lo, hi=hi)

    # ----- reductions --------------------------------------------------------------------

    def sum(self, axis=None, keepdims=False):
        return reductions.Sum.apply(self, axis=axis, keepdims=keepdims)

    def mean(self, axis=None, keepdims=False):
        """Arithmetic mean: sum / n, n the number of elements summed."""
        if axis is None:
            count = np.size(self.data)
        else:
            shape = np.shape(self.data)
            count = math.prod(shape[a] for a in np.atleast_1d(axis))
        return self.sum(axis=axis, keepdims=keepdims) * (1.0 / count)

    def max(self, axis=None, keepdims=False):
        return reductions.Max.apply(self, axis=axis, keepdims=keepdims)

    def logsumexp(self, axis=-1, keepdims=False):
        return reductions.LogSumExp.apply(self, axis=axis, keepdims=keepdims)

    def log_softmax(self, axis=-1):
        """log softmax(x) = x - logsumexp(x): stable because logsumexp never overflows."""
        return self - self.logsumexp(axis=axis, keepdims=True)

    def softmax(self, axis=-1):
        """softmax(x)_j = e^x_j / sum_k e^x_k, computed as exp(log_softmax(x)), which never
        overflows (every exponent is <= 0)."""
        return self.log_softmax(axis=axis).exp()

    # ----- shape -------------------------------------------------------------------------

    def reshape(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], tuple | list):
            shape = tuple(shape[0])
        return shape_ops.Reshape.apply(self, shape=shape)

    def transpose(self, *axes):
        if len(axes) == 1 and isinstance(axes[0], tuple | list):
            axes = tuple(axes[0])
        return shape_ops.Transpose.apply(self, axes=axes or None)

    @property
    def T(self):
        return self.transpose()


class _HookHandle:
    """What `register_hook` returns: `remove()` takes the hook off again."""

    def __init__(self, hooks, hook):
        self._hooks, self._hook = hooks, hook

    def remove(self) -> None:
        if self._hook in self._hooks:
            self._hooks.remove(self._hook)


# numpy's ufuncs for the operators, with the Value methods that record them (for the
# Value on the left, for the Value on the right).
_NUMPY_OPERATORS = {
    "add": ("__add__", "__radd__"),
    "subtract": ("__sub__", "__rsub__"),
    "multiply": ("__mul__", "__rmul__"),
    "true_divide": ("__truediv__", "__rtruediv__"),
    "divide": ("__truediv__", "__rtruediv__"),
    "power": ("__pow__", "__rpow__"),
    "matmul": ("__matmul__", "__rmatmul__"),
    "less": ("__lt__", "__gt__"),
    "less_equal": ("__le__", "__ge__"),
    "greater": ("__gt__", "__lt__"),
    "greater_equal": ("__ge__", "__le__"),
}


def _axis_index(dim, ndim) -> int:
    """A possibly negative axis number as an index into a shape of `ndim` axes."""
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
        raise TypeError(f"dim must be an int, got {type(dim).__name__}")
    if not -max(ndim, 1) <= dim < max(ndim, 1):
        raise IndexError(f"dim {dim} is out of range for a Value with {ndim} axes")
    return dim % max(ndim, 1)


def _short_array(array: np.ndarray) -> str:
    return np.array2string(array, precision=4, threshold=8, edgeitems=2).replace("\n", "")


# An import cycle, resolved here: the ops (and `backprop`) build Values and import this
# module, so they are imported only now that `Value` is defined. Each method above reaches
# its op through its module (`arithmetic.Add`): adding an op touches its ops file and, for a
# method, this class; no list of names to keep in step.
from autograd import backprop  # noqa: E402
from autograd.ops import arithmetic, elementwise, matmul, reductions  # noqa: E402
from autograd.ops import shape as shape_ops  # noqa: E402 -- `shape` is a common local name
