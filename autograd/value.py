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

from autograd import grad_mode


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

    @property
    def grad_fn(self):
        """PyTorch's name for what made this Value: its op's Function class, None for a leaf
        (the node itself is the op's context here, so there is no separate backward node)."""
        return self.function

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
    # so they need no derivative of their own. The operators and the one-input functions
    # call `record(Op, inputs)`, which is `Op.apply(*inputs)` without packing the arguments
    # (a scalar graph runs them for every node; see `function.record`).

    def __add__(self, other):
        return record(arithmetic.Add, (self, other))

    def __radd__(self, other):
        return record(arithmetic.Add, (other, self))

    def __mul__(self, other):
        return record(arithmetic.Mul, (self, other))

    def __rmul__(self, other):
        return record(arithmetic.Mul, (other, self))

    def __pow__(self, exponent):
        return record(arithmetic.Pow, (self, exponent))

    def __rpow__(self, base):
        return record(arithmetic.Pow, (base, self))

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

    def matmul(self, other):
        """self @ other (PyTorch's method name)."""
        return matmul.MatMul.apply(self, other)

    def mm(self, other):
        """The product of two matrices, self @ other (PyTorch's mm: 2-D only)."""
        if self.ndim != 2 or np.ndim(other.data if isinstance(other, Value) else other) != 2:
            raise ValueError("mm multiplies two matrices (2-D); use @ or matmul for other shapes")
        return matmul.MatMul.apply(self, other)

    def __getitem__(self, index):
        return shape_ops.GetItem.apply(self, index=index)

    # ----- in-place arithmetic, as PyTorch's -------------------------------------------------
    # `p -= lr * p.grad` inside `with no_grad():` changes p itself (an SGD step), never
    # rebinds the name to a new Value (which would train nothing, silently).

    def __iadd__(self, other):
        return self._update_in_place(np.add, other, "+=")

    def __isub__(self, other):
        return self._update_in_place(np.subtract, other, "-=")

    def __imul__(self, other):
        return self._update_in_place(np.multiply, other, "*=")

    def __itruediv__(self, other):
        return self._update_in_place(np.true_divide, other, "/=")

    # PyTorch's in-place methods (trailing underscore), by the same rule.

    def add_(self, other):
        return self._update_in_place(np.add, other, "+=")

    def sub_(self, other):
        return self._update_in_place(np.subtract, other, "-=")

    def mul_(self, other):
        return self._update_in_place(np.multiply, other, "*=")

    def div_(self, other):
        return self._update_in_place(np.true_divide, other, "/=")

    def copy_(self, source):
        """data ← source, in place (its shape broadcast to this one, its dtype cast)."""
        return self._update_in_place(_replace, source, "copy_")

    def fill_(self, number):
        return self._update_in_place(_replace, number, "fill_")

    def zero_(self):
        return self._update_in_place(_replace, 0.0, "zero_")

    def requires_grad_(self, requires_grad=True):
        """Set `requires_grad` (e.g. False to freeze a parameter); returns the Value."""
        self.requires_grad = bool(requires_grad)
        return self

    def _update_in_place(self, ufunc, other, symbol):
        """data ← data (op) other, in place: same object, same shape, same dtype.

        While the graph is recorded: on a leaf that requires grad (a parameter) it is a
        RuntimeError, as PyTorch's; on a node made by an op (the running total of
        `total += a * a`) or with an operand that requires grad, the op is recorded as
        `total + a * a`, a new node, as PyTorch records it (changing the data of a node
        that other nodes use would corrupt their backward).
        """
        other_requires_grad = isinstance(other, Value) and other.requires_grad
        if grad_mode.state.enabled and (self.requires_grad or other_requires_grad):
            if self.requires_grad and self.function is None:
                raise RuntimeError(
                    f"in-place {symbol} on a leaf Value that requires grad while the graph is "
                    "being recorded: do a parameter update under `with no_grad():` (as in "
                    f"PyTorch), or write `v = v {symbol[0]} ...` for a new node"
                )
            if symbol not in _OUT_OF_PLACE:
                raise RuntimeError(
                    f"{symbol} while the graph is being recorded through a Value that requires "
                    "grad: do it under `with no_grad():`"
                )
            return _OUT_OF_PLACE[symbol](self, other)
        other = (
            other.data if isinstance(other, Value) else as_data(other, what=f"{symbol} operand")
        )
        if type(self.data) is float:
            if np.ndim(other) != 0:
                raise ValueError(
                    f"in-place {symbol} cannot turn a Value holding a float into shape "
                    f"{np.shape(other)}; write `v = v {symbol[0]} other` for a new Value"
                )
            self.data = float(ufunc(self.data, other))
            return self
        if np.broadcast_shapes(self.shape, np.shape(other)) != self.shape:
            raise ValueError(
                f"in-place {symbol} must keep the shape {self.shape}; an operand of shape "
                f"{np.shape(other)} would broadcast it to a larger one"
            )
        ufunc(self.data, other, out=self.data, casting="same_kind")
        return self

    # ----- comparisons: constant masks, no gradient ---------------------------------------
    # == and != stay identity (Values live in sets and dicts as graph nodes); eq / ne
    # compare elementwise.

    def __lt__(self, other):
        return _compare(np.less, self, other)

    def __le__(self, other):
        return _compare(np.less_equal, self, other)

    def __gt__(self, other):
        return _compare(np.greater, self, other)

    def __ge__(self, other):
        return _compare(np.greater_equal, self, other)

    def eq(self, other):
        """self == other elementwise: a boolean array (a bool for float data)."""
        return _compare(np.equal, self, other)

    def ne(self, other):
        """self != other elementwise: a boolean array (a bool for float data)."""
        return _compare(np.not_equal, self, other)

    # ----- elementwise functions ---------------------------------------------------------

    def exp(self):
        return record(elementwise.Exp, (self,))

    def log(self):
        return record(elementwise.Log, (self,))

    def sqrt(self):
        return self**0.5

    def abs(self):
        return record(elementwise.Abs, (self,))

    def tanh(self):
        return record(elementwise.Tanh, (self,))

    def sigmoid(self):
        return record(elementwise.Sigmoid, (self,))

    def relu(self):
        return record(elementwise.ReLU, (self,))

    def leaky_relu(self, negative_slope=0.01):
        """x for x > 0, else negative_slope·x (PyTorch's default slope 0.01)."""
        _check_real("negative_slope", negative_slope)
        return elementwise.LeakyReLU.apply(self, negative_slope=float(negative_slope))

    def sign(self):
        """-1, 0 or +1 elementwise. Its gradient is zero everywhere (the step has no slope),
        which is why a perceptron with sign activation is trained by the perceptron rule."""
        return record(elementwise.Sign, (self,))

    def sin(self):
        return record(elementwise.Sin, (self,))

    def cos(self):
        return record(elementwise.Cos, (self,))

    def pow(self, exponent):
        """self ** exponent (PyTorch's method name)."""
        return self**exponent

    def square(self):
        """self ** 2."""
        return self**2.0

    def clamp(self, min=None, max=None):
        """Each element limited to [min, max] (either bound may be None); gradient 1 inside,
        0 where a bound is applied, as PyTorch's clamp."""
        if min is None and max is None:
            raise ValueError("clamp needs min or max (or both), got neither")
        for name, bound in (("min", min), ("max", max)):
            if bound is not None:
                _check_real(name, bound, allow_inf=True)
        if min is not None and max is not None and min > max:
            raise ValueError(f"clamp needs min <= max, got min={min}, max={max}")
        return elementwise.Clamp.apply(self, low=min, high=max)

    clip = clamp

    # ----- reductions --------------------------------------------------------------------
    # `dim` is an int, a tuple of ints or None (every axis); numpy's `axis` and `keepdims`
    # are accepted as the same arguments, as PyTorch accepts them.

    def sum(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        return reductions.Sum.apply(self, dim=dim, keepdim=keepdim)

    def mean(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        """Arithmetic mean: sum / n, n the number of elements summed."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        count = self._count(dim)
        if count == 0:
            raise ValueError(f"mean of a Value of shape {self.shape} over dim={dim}: no elements")
        return self.sum(dim=dim, keepdim=keepdim) * (1.0 / count)

    def var(self, dim=None, *, correction=None, keepdim=False, unbiased=None, axis=None,
            keepdims=None):  # fmt: skip
        """Variance Σ (x - mean)² / (n - correction), unbiased (correction=1) by default as
        PyTorch's; `unbiased=False` (or correction=0) divides by n."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        if correction is not None and unbiased is not None:
            raise TypeError("give correction or unbiased, not both")
        correction = (
            (1 if unbiased is None or unbiased else 0) if correction is None else correction
        )
        count = self._count(dim) - correction
        if count <= 0:
            raise ValueError(
                f"var over {self._count(dim)} element(s) with correction={correction} divides "
                "by zero or less; use correction=0 (unbiased=False)"
            )
        deviation = self - self.mean(dim=dim, keepdim=True)
        return (deviation * deviation).sum(dim=dim, keepdim=keepdim) * (1.0 / count)

    def std(self, dim=None, *, correction=None, keepdim=False, unbiased=None, axis=None,
            keepdims=None):  # fmt: skip
        """Standard deviation: sqrt(var) with the same arguments."""
        return self.var(dim, correction=correction, keepdim=keepdim, unbiased=unbiased,
                        axis=axis, keepdims=keepdims).sqrt()  # fmt: skip

    def prod(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        return reductions.Prod.apply(self, dim=dim, keepdim=keepdim)

    def amax(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        """The largest element over `dim`; ties share the gradient equally."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        return reductions.Amax.apply(self, dim=dim, keepdim=keepdim)

    def amin(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        """The smallest element over `dim`; ties share the gradient equally."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        return reductions.Amin.apply(self, dim=dim, keepdim=keepdim)

    def max(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        """Without `dim`: the largest element (a Value). With an int `dim`, as PyTorch: the
        pair `(values, indices)` of the maxima along `dim` and where they are; the gradient
        goes to the element at `indices` (the first of a tie)."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        if dim is None:
            return self.amax()
        return self._pick(self.argmax(dim=dim), dim, keepdim)

    def min(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        """As `max`, for the smallest element(s)."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        if dim is None:
            return self.amin()
        return self._pick(self.argmin(dim=dim), dim, keepdim)

    def argmax(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        """Index of the largest element (of the flattened data without `dim`): an int, or an
        integer array with `dim`. No gradient: an index is not differentiable."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        return _index_result(np.argmax(self.data, axis=_int_dim(dim), keepdims=keepdim))

    def argmin(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        """Index of the smallest element; as `argmax`."""
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims)
        return _index_result(np.argmin(self.data, axis=_int_dim(dim), keepdims=keepdim))

    def logsumexp(self, dim=-1, keepdim=False, *, axis=None, keepdims=None):
        dim, keepdim = _reduction_args(dim, keepdim, axis, keepdims, default_dim=-1)
        return reductions.LogSumExp.apply(self, dim=dim, keepdim=keepdim)

    def log_softmax(self, dim=-1, *, axis=None):
        """log softmax(x) = x - logsumexp(x): stable because logsumexp never overflows."""
        dim, _ = _reduction_args(dim, False, axis, None, default_dim=-1)
        return self - self.logsumexp(dim=dim, keepdim=True)

    def softmax(self, dim=-1, *, axis=None):
        """softmax(x)_j = e^x_j / sum_k e^x_k, computed as exp(log_softmax(x)), which never
        overflows (every exponent is <= 0)."""
        return self.log_softmax(dim=dim, axis=axis).exp()

    def _count(self, dim) -> int:
        """How many elements a reduction over `dim` combines."""
        if dim is None:
            return self.numel()
        return math.prod(self.shape[_axis_index(d, self.ndim)] for d in np.atleast_1d(dim))

    def _pick(self, indices, dim, keepdim):
        values = shape_ops.TakeAlongDim.apply(self, indices=indices, dim=dim, keepdim=keepdim)
        return reductions.ValuesIndices(
            values, np.expand_dims(indices, dim) if keepdim else indices
        )

    # ----- shape -------------------------------------------------------------------------

    def reshape(self, *shape):
        return shape_ops.Reshape.apply(self, shape=_shape_args(shape))

    def view(self, *shape):
        """The same as `reshape` here (numpy decides whether it copies)."""
        return self.reshape(*shape)

    def permute(self, *dims):
        """Axes reordered: axis i of the result is axis dims[i] of this Value."""
        dims = tuple(_axis_index(d, self.ndim) for d in _shape_args(dims))
        if sorted(dims) != list(range(self.ndim)):
            raise ValueError(f"permute needs an order of all {self.ndim} axes, got {dims}")
        return shape_ops.Permute.apply(self, dims=dims)

    def transpose(self, dim0, dim1):
        """Axes dim0 and dim1 swapped, as PyTorch's (not numpy's transpose(*axes))."""
        dims = list(range(self.ndim))
        first, second = _axis_index(dim0, self.ndim), _axis_index(dim1, self.ndim)
        dims[first], dims[second] = dims[second], dims[first]
        return shape_ops.Permute.apply(self, dims=tuple(dims))

    @property
    def T(self):
        """All axes reversed (a matrix transposed)."""
        return shape_ops.Permute.apply(self, dims=tuple(range(self.ndim))[::-1])

    def t(self):
        """A matrix transposed (PyTorch's t(): 2-D or fewer axes only)."""
        if self.ndim > 2:
            raise ValueError(f"t() transposes 2-D Values; got {self.ndim} axes, use transpose")
        return self.T

    def flatten(self, start_dim=0, end_dim=-1):
        """Axes start_dim..end_dim (inclusive) merged into one, as PyTorch's flatten."""
        if self.ndim == 0:
            return self.reshape(1)
        start, end = _axis_index(start_dim, self.ndim), _axis_index(end_dim, self.ndim)
        if start > end:
            raise ValueError(f"flatten needs start_dim <= end_dim, got {start_dim} and {end_dim}")
        shape = self.shape
        return self.reshape((*shape[:start], math.prod(shape[start : end + 1]), *shape[end + 1 :]))

    def squeeze(self, dim=None):
        """Axes of length 1 removed (only `dim`'s, if given: an int or a tuple); an axis
        given that is not of length 1 is left as it is, as PyTorch's."""
        if dim is None:
            axes = range(self.ndim)
        else:
            axes = [_axis_index(d, self.ndim) for d in np.atleast_1d(dim)]
        drop = {a for a in axes if self.ndim and self.shape[a] == 1}
        return self.reshape(tuple(n for a, n in enumerate(self.shape) if a not in drop))

    def unsqueeze(self, dim):
        """A new axis of length 1 at position `dim` (-ndim-1 <= dim <= ndim)."""
        position = _axis_index(dim, self.ndim + 1)
        return self.reshape((*self.shape[:position], 1, *self.shape[position:]))


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


# What an in-place operator records while the graph is recorded through it.
_OUT_OF_PLACE = {
    "+=": lambda a, b: a + b,
    "-=": lambda a, b: a - b,
    "*=": lambda a, b: a * b,
    "/=": lambda a, b: a / b,
}


def _replace(data, new, out=None, casting="same_kind"):
    """The in-place "op" of copy_ / fill_ / zero_: the new data (written into `out`)."""
    if out is None:
        return new
    np.copyto(out, new, casting=casting)
    return out


def _compare(ufunc, value, other):
    """A comparison of data: a boolean array, or a bool for float data."""
    result = ufunc(value.data, other.data if isinstance(other, Value) else other)
    return bool(result) if isinstance(result, np.bool_) else result


def _check_real(name, value, *, allow_inf=False):
    """A finite real number (or ±inf when allowed); NaN and non-numbers are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if math.isnan(value) or (not allow_inf and math.isinf(value)):
        raise ValueError(f"{name} must be a {'' if allow_inf else 'finite '}number, got {value}")


def _reduction_args(dim, keepdim, axis, keepdims, default_dim=None):
    """PyTorch's (dim, keepdim), taking numpy's `axis` / `keepdims` for the same arguments."""
    if axis is not None:
        if dim is not default_dim and dim != axis:
            raise TypeError(f"give dim or axis (numpy's name for it), not both: {dim}, {axis}")
        dim = axis
    if keepdims is not None:
        keepdim = keepdims
    if isinstance(dim, list):
        dim = tuple(dim)
    return dim, bool(keepdim)


def _int_dim(dim):
    if dim is not None and (isinstance(dim, bool) or not isinstance(dim, numbers.Integral)):
        raise TypeError(f"dim must be an int here (or None), got {dim!r}")
    return dim


def _index_result(indices):
    return int(indices) if np.ndim(indices) == 0 else indices


def _shape_args(shape) -> tuple:
    """reshape(2, 3) and reshape((2, 3)) alike."""
    if len(shape) == 1 and isinstance(shape[0], tuple | list):
        return tuple(shape[0])
    return tuple(shape)


def _axis_index(dim, ndim) -> int:
    """A possibly negative axis number as an index into a shape of `ndim` axes."""
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
        raise TypeError(f"dim must be an int, got {type(dim).__name__}")
    if not -max(ndim, 1) <= dim < max(ndim, 1):
        raise IndexError(f"dim {dim} is out of range for a Value with {ndim} axes")
    return dim % max(ndim, 1)


def _short_array(array: np.ndarray) -> str:
    return np.array2string(array, precision=4, threshold=8, edgeitems=2).replace("\n", "")


# An import cycle, resolved here: the ops, `function` and `backprop` build Values and import
# this module, so they are imported only now that `Value` is defined. Each method above reaches
# its op through its module (`arithmetic.Add`): adding an op touches its ops file and, for a
# method, this class; no list of names to keep in step.
from autograd import backprop  # noqa: E402
from autograd.function import record  # noqa: E402
from autograd.ops import arithmetic, elementwise, matmul, reductions  # noqa: E402
from autograd.ops import shape as shape_ops  # noqa: E402 -- `shape` is a common local name
