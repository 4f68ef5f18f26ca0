"""`Value`: a node of the computation graph, holding a Python float or a numpy array.

The same class serves two graphs. In a scalar graph (micrograd style) every number is its
own node and you can follow backprop by hand; in an array graph one node is a whole
matrix op, fast enough for training. Each operator and method below runs one op
(an `autograd.Function`, defined in `autograd/ops/`) or is composed of several.
"""

import math
import numbers

import numpy as np


def as_data(x, *, what="data", dtype=None):
    """Turn user input into Value data: a Python float or a floating-point numpy array.

    Python and numpy integers and float64 numbers become Python floats; other numpy
    scalars (float32, ...) become 0-d arrays of their dtype; integer and boolean arrays
    become float64 arrays; lists and tuples become arrays. With `dtype`, the result is an
    array of that dtype. Anything else is a TypeError naming `what` it was.
    """
    if dtype is not None:
        return _floating_array(np.asarray(x, dtype=dtype), what)
    if type(x) is float:
        return x
    if isinstance(x, np.ndarray):
        return _floating_array(x, what)
    if isinstance(x, np.floating) and not isinstance(x, np.float64):
        return np.asarray(x)
    if isinstance(x, numbers.Real):
        return float(x)
    if isinstance(x, list | tuple):
        return _floating_array(np.asarray(x), what)
    if isinstance(x, Value):
        raise TypeError(f"{what} is already a Value; use it directly, or .detach() it")
    raise TypeError(f"{what} must be a number or a numpy array, got {type(x).__name__}")


def _floating_array(array, what):
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "iub":
        return array.astype(np.float64)
    raise TypeError(f"{what} must hold real numbers, got an array of dtype {array.dtype}")


class Value:
    """A node of the graph: `data`, and after `backward()` its gradient `grad`.

    Args:
        data: a number (kept as a Python float), a numpy array (its floating dtype is kept;
            integer arrays become float64) or a nested list.
        label: a name shown in `repr` and in drawn graphs.
        requires_grad: whether backward computes a gradient for it (default True).
        dtype: cast `data` to this numpy dtype (the result is an array).

    Attributes:
        data: float or ndarray.
        grad: None until a backward pass reaches this Value, then dL/d(data): a float for
            float data, else an array of the data's shape and dtype. Accumulates (+=)
            across backward passes until you reset it (to None, or 0.0 as in micrograd).
        label, requires_grad: as given.
        op: the name of the op that made this Value ("" for a leaf).
        parents: the Values it was computed from that require grad (a tuple).

    Example:
        >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        >>> c = a * b + a.tanh(); c.backward(); round(a.grad, 4)
        -2.9293
    """

    __slots__ = ("__weakref__", "_ctx", "_grad_in_pass", "data", "grad", "label", "parents",
                 "requires_grad")  # fmt: skip

    # numpy must not treat a Value as an array-like: with this, `array * value` and
    # `array @ value` return NotImplemented from numpy and reach Value.__rmul__ / __rmatmul__.
    __array_ufunc__ = None

    def __init__(self, data, *, label="", requires_grad=True, dtype=None):
        self.data = as_data(data, what="Value data", dtype=dtype)
        self.grad = None
        self.label = label
        self.requires_grad = bool(requires_grad)
        self.parents = ()
        self._ctx = None
        self._grad_in_pass = None  # dL/d(self) summed during one backward pass

    # ----- what it holds -----------------------------------------------------------------

    @property
    def op(self) -> str:
        return self._ctx.function.op_name() if self._ctx is not None else ""

    # data is a float or an ndarray; asking the array itself (rather than np.shape, a
    # Python-level function) matters because layers ask for shapes on every call.
    @property
    def shape(self) -> tuple:
        return self.data.shape if isinstance(self.data, np.ndarray) else ()

    @property
    def ndim(self) -> int:
        return self.data.ndim if isinstance(self.data, np.ndarray) else 0

    @property
    def size(self) -> int:
        return self.data.size if isinstance(self.data, np.ndarray) else 1

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype if isinstance(self.data, np.ndarray) else np.dtype(np.float64)

    def item(self) -> float:
        """The data as a Python float (the Value must hold exactly one number)."""
        if np.size(self.data) != 1:
            raise ValueError(f"item() needs a Value of one element, not of shape {self.shape}")
        return float(np.asarray(self.data).reshape(()))

    def numpy(self) -> np.ndarray:
        """The data as a numpy array (the same array, not a copy, for array data)."""
        return np.asarray(self.data)

    def detach(self) -> "Value":
        """A new leaf Value sharing this data, cut off from the graph (requires no grad)."""
        return make_node(self.data, None, ())

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

    # ----- backprop ----------------------------------------------------------------------

    def backward(self, grad=None) -> None:
        """Backpropagate from this Value: add dself/dx to `x.grad` for every x in its graph.

        Args:
            grad: dL/d(self), needed when this Value is not a scalar; same shape as `data`.
                Default: 1 for a scalar (or one-element) Value.
        """
        backward(self, grad)

    # ----- operators ---------------------------------------------------------------------
    # Subtraction, division, negation and square root are composed of add, mul and pow,
    # so they need no derivative of their own.

    def __add__(self, other):
        return Add.apply(self, other)

    def __radd__(self, other):
        return Add.apply(other, self)

    def __mul__(self, other):
        return Mul.apply(self, other)

    def __rmul__(self, other):
        return Mul.apply(other, self)

    def __pow__(self, exponent):
        return Pow.apply(self, exponent)

    def __rpow__(self, base):
        return Pow.apply(base, self)

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __truediv__(self, other):
        return self * other**-1.0

    def __rtruediv__(self, other):
        return other * self**-1.0

    def __matmul__(self, other):
        return MatMul.apply(self, other)

    def __rmatmul__(self, other):
        return MatMul.apply(other, self)

    def __getitem__(self, index):
        return GetItem.apply(self, index=index)

    # ----- elementwise functions ---------------------------------------------------------

    def exp(self):
        return Exp.apply(self)

    def log(self):
        return Log.apply(self)

    def sqrt(self):
        return self**0.5

    def abs(self):
        return Abs.apply(self)

    def tanh(self):
        return Tanh.apply(self)

    def sigmoid(self):
        return Sigmoid.apply(self)

    def relu(self):
        return ReLU.apply(self)

    def leaky_relu(self, alpha=0.01):
        return LeakyReLU.apply(self, alpha=alpha)

    def sign(self):
        """-1, 0 or +1 elementwise. Its gradient is zero everywhere (the step has no slope),
        which is why a perceptron with sign activation is trained by the perceptron rule."""
        return Sign.apply(self)

    def clip(self, lo=None, hi=None):
        return Clip.apply(self, lo=lo, hi=hi)

    # ----- reductions --------------------------------------------------------------------

    def sum(self, axis=None, keepdims=False):
        return Sum.apply(self, axis=axis, keepdims=keepdims)

    def mean(self, axis=None, keepdims=False):
        """Arithmetic mean: sum / n, n the number of elements summed."""
        if axis is None:
            count = np.size(self.data)
        else:
            shape = np.shape(self.data)
            count = math.prod(shape[a] for a in np.atleast_1d(axis))
        return self.sum(axis=axis, keepdims=keepdims) * (1.0 / count)

    def max(self, axis=None, keepdims=False):
        return Max.apply(self, axis=axis, keepdims=keepdims)

    def logsumexp(self, axis=-1, keepdims=False):
        return LogSumExp.apply(self, axis=axis, keepdims=keepdims)

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
        return Reshape.apply(self, shape=shape)

    def transpose(self, *axes):
        if len(axes) == 1 and isinstance(axes[0], tuple | list):
            axes = tuple(axes[0])
        return Transpose.apply(self, axes=axes or None)

    @property
    def T(self):
        return self.transpose()


def make_node(data, ctx, parents) -> Value:
    """A Value made by an op (its data already checked); no parents means a constant.
    (A plain function rather than a classmethod: it runs once per op, and calling a
    classmethod binds a new method object each time.)"""
    out = object.__new__(Value)
    out.data = data
    out.grad = None
    out.label = ""
    out.requires_grad = bool(parents)
    out.parents = parents
    out._ctx = ctx
    out._grad_in_pass = None
    return out


def _short_array(array: np.ndarray) -> str:
    return np.array2string(array, precision=4, threshold=8, edgeitems=2).replace("\n", "")


# The ops import Value (to build results), so they are imported after it is defined.
from autograd.backprop import backward  # noqa: E402
from autograd.ops import (  # noqa: E402
    Abs,
    Add,
    Clip,
    Exp,
    GetItem,
    LeakyReLU,
    Log,
    LogSumExp,
    MatMul,
    Max,
    Mul,
    Pow,
    ReLU,
    Reshape,
    Sigmoid,
    Sign,
    Sum,
    Tanh,
    Transpose,
)
