"""`Module`: the base class of every layer and model, shaped like PyTorch's `nn.Module`.

A module is an object with a `forward` method whose parameters are plain attributes.

Example:
    >>> class TwoLayer(Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.hidden = Linear(2, 8, seed=0)     # a sub-module: its parameters are ours
    ...         self.scale = Value(np.ones(8))         # a Value attribute: a parameter
    ...         self.heads = [Linear(8, 1), Linear(8, 1)]  # modules (or Values) in a list too
    ...
    ...     def forward(self, x):
    ...         h = (self.hidden(x) * self.scale).relu()
    ...         return self.heads[0](h) + self.heads[1](h)
    >>> model = TwoLayer()
    >>> for name, p in model.named_parameters():
    ...     print(name, p.shape)
    hidden.weight (2, 8)
    hidden.bias (8,)
    scale (8,)
    heads.0.weight (8, 1)
    heads.0.bias (1,)
    heads.1.weight (8, 1)
    heads.1.bias (1,)
    >>> model(np.zeros((5, 2))).shape
    (5, 1)

There is no registration step: `parameters()` walks the attributes (in the order they
were set), descending into sub-modules and into lists and tuples. Names are dotted paths,
`hidden.weight`, `heads.1.bias`, as PyTorch writes them.
"""

from collections import namedtuple
from collections.abc import Mapping

import numpy as np

from autograd import Value
from nn import checkpoint
from nn._checks import check_real_array

#: What `load_state_dict(..., strict=False)` returns: the names it could not match.
IncompatibleKeys = namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])


def as_value(x, name="input") -> Value:
    """`x` itself if it is a Value, else a constant Value (no gradient) holding it, so that
    modules accept plain numpy arrays as input. Data that is not real numbers (complex,
    bool, object, str) is a TypeError naming `name`."""
    if isinstance(x, Value):
        return x
    return Value(check_real_array(name, x), requires_grad=False)


class Module:
    """Base class of layers and models: holds parameters and sub-modules as attributes.

    Subclasses call `super().__init__()` first, set their parameters (Values) and
    sub-modules (Modules) as attributes, and define `forward`. Call the module itself,
    `model(x)`, rather than `model.forward(x)`.

    Attributes:
        training (bool): True in training mode (the default), False after `eval()`;
            `Dropout` is the module that behaves differently.
    """

    def __init__(self):
        self.training = True

    def forward(self, *inputs):
        """Compute the module's output; every subclass defines it."""
        raise NotImplementedError(f"{type(self).__name__} must define forward(...)")

    def __call__(self, *inputs, **kwargs):
        return self.forward(*inputs, **kwargs)

    # ----- what it holds -----------------------------------------------------------------

    def _members(self):
        """(name, member) for every Value or Module attribute, lists and tuples opened into
        `name.0`, `name.1`, …, in the order the attributes were set. This one walk is how
        every method below finds parameters and sub-modules."""
        for name, attribute in vars(self).items():
            if isinstance(attribute, Value | Module):
                yield name, attribute
            elif isinstance(attribute, list | tuple):
                for i, item in enumerate(attribute):
                    if isinstance(item, Value | Module):
                        yield f"{name}.{i}", item

    def named_children(self):
        """(name, module) for each direct sub-module, each once."""
        seen = set()
        for name, member in self._members():
            if isinstance(member, Module) and id(member) not in seen:
                seen.add(id(member))
                yield name, member

    def children(self):
        """The direct sub-modules, each once, in definition order."""
        for _, module in self.named_children():
            yield module

    def _walk(self, prefix=""):
        """(dotted name, member) for this module and every Value and Module below it, each
        once (under its first name), in definition order, a module before what it holds.
        Depth-first with an explicit stack; `named_modules` and `named_parameters` are
        this one walk, filtered."""
        seen = set()
        stack = [(prefix, self)]
        while stack:
            name, member = stack.pop()
            if id(member) in seen:
                continue
            seen.add(id(member))
            yield name, member
            if isinstance(member, Module):
                below = [
                    (f"{name}.{member_name}" if name else member_name, item)
                    for member_name, item in member._members()
                ]
                stack.extend(reversed(below))

    def named_modules(self, prefix=""):
        """(dotted name, module) for this module ("" or `prefix`) and every module below it,
        parents before their children, each module once."""
        for name, member in self._walk(prefix):
            if isinstance(member, Module):
                yield name, member

    def modules(self):
        """This module and every module below it, each once."""
        for _, module in self.named_modules():
            yield module

    def named_parameters(self, prefix=""):
        """(dotted name, Value) for every parameter, each once (under its first name), in
        definition order, a sub-module's parameters where the sub-module was set:
        `weight`, `layers.0.weight`, `0.bias` (inside a Sequential)."""
        for name, member in self._walk(prefix):
            if isinstance(member, Value):
                yield name, member

    def parameters(self):
        """Every parameter (a Value), each once: what an optimizer trains."""
        for _, parameter in self.named_parameters():
            yield parameter

    def num_parameters(self) -> int:
        """How many numbers the parameters hold in total."""
        return sum(int(np.size(p.data)) for p in self.parameters())

    # ----- training ----------------------------------------------------------------------

    def zero_grad(self):
        """Forget every parameter's gradient (set it to None) before the next backward."""
        for parameter in self.parameters():
            parameter.grad = None

    def train(self, mode=True):
        """Put this module and every module below it in training mode (or evaluation mode
        with `mode=False`). Returns the module."""
        for module in self.modules():
            module.training = bool(mode)
        return self

    def eval(self):
        """Evaluation mode everywhere below: dropout off. Same as `train(False)`."""
        return self.train(False)

    # ----- dtype -------------------------------------------------------------------------

    def to(self, dtype):
        """Cast every parameter's data to the floating `dtype` (np.float32, "float64", ...),
        in place: the parameters stay the same Values, so an optimizer built on them still
        holds them. Gradients are reset to None. Returns the module (as PyTorch's `to`; there
        is no device here). A Python-float parameter becomes a 0-d array unless the dtype is
        float64, which it already is."""
        dtype = np.dtype(dtype)
        if dtype.kind != "f":
            raise TypeError(f"to() needs a floating dtype (float16/32/64), got {dtype}")
        for parameter in self.parameters():
            if type(parameter.data) is float and dtype == np.float64:
                continue
            parameter.data = np.asarray(parameter.data).astype(dtype)
            parameter.grad = None
        return self

    def double(self):
        """Parameters as float64 (the default here already). Returns the module."""
        return self.to(np.float64)

    def float(self):
        """Parameters as float32, as PyTorch's `float()`. Returns the module."""
        return self.to(np.float32)

    # ----- saving and loading ------------------------------------------------------------

    def state_dict(self) -> dict:
        """{dotted name: a copy of the parameter's data as a numpy array}; a Python-float
        parameter becomes a 0-d float64 array. Later training does not change the copy."""
        return {name: np.array(p.data, copy=True) for name, p in self.named_parameters()}

    def load_state_dict(self, state_dict, strict=True):
        """Copy the arrays of `state_dict` into the parameters of the same names, in place
        (each parameter keeps its array object and dtype, a float parameter stays a float).

        Args:
            state_dict: {dotted name: array}, as `state_dict()` returns it.
            strict: if True (default), a parameter missing from `state_dict` or a name in
                it that the model does not have is a KeyError naming them; if False they
                are skipped and returned.

        Returns:
            IncompatibleKeys(missing_keys, unexpected_keys): lists of names.

        A shape mismatch is always a ValueError naming the parameter and both shapes, and
        so is a finite value that the parameter's dtype cannot hold (float64 weights of
        1e300 would become inf in a float32 model); nothing is loaded unless everything
        fits.
        """
        if not isinstance(state_dict, Mapping):
            raise TypeError(
                f"load_state_dict expects a dict {{name: array}} (as state_dict() returns), "
                f"got {type(state_dict).__name__}"
            )
        parameters = dict(self.named_parameters())
        missing = [name for name in parameters if name not in state_dict]
        unexpected = [name for name in state_dict if name not in parameters]
        if strict and (missing or unexpected):
            problems = []
            if missing:
                problems.append(f"missing key(s) {missing}")
            if unexpected:
                problems.append(f"unexpected key(s) {unexpected}")
            raise KeyError(
                f"load_state_dict into {type(self).__name__}: "
                + " and ".join(problems)
                + f"; the model's parameters are {list(parameters)}"
            )
        arrays = {}
        for name, parameter in parameters.items():
            if name not in state_dict:
                continue
            array = np.asarray(state_dict[name])
            if array.dtype.kind not in "fiu":
                raise TypeError(
                    f"load_state_dict: {name!r} holds an array of dtype {array.dtype}; "
                    "expected real numbers"
                )
            if array.shape != parameter.shape:
                raise ValueError(
                    f"load_state_dict: parameter {name!r} has shape {parameter.shape} in the "
                    f"model but shape {array.shape} in the state dict (a different "
                    "architecture?)"
                )
            _check_fits(name, array, parameter)
            arrays[name] = array
        for name, array in arrays.items():
            parameter = parameters[name]
            if isinstance(parameter.data, np.ndarray):
                np.copyto(parameter.data, array, casting="unsafe")
            else:
                parameter.data = float(array)
        return IncompatibleKeys(missing, unexpected)

    def save(self, path):
        """Write `state_dict()` to `path` as an .npz archive, atomically: the file appears
        complete or not at all (an older file at `path` survives a crash mid-save)."""
        checkpoint.save_arrays(path, self.state_dict())

    def load(self, path, strict=True):
        """Load parameters saved with `save(path)` into this model, in place. A file that
        is not a readable .npz, holds pickled objects, or does not match the model's
        parameters (names, shapes) is an error saying so. Returns the module."""
        expected = {name: p.shape for name, p in self.named_parameters()}
        arrays = checkpoint.load_arrays(path, expected=expected, strict=strict)
        self.load_state_dict(arrays, strict=strict)
        return self

    # ----- printing ----------------------------------------------------------------------

    def extra_repr(self) -> str:
        """The arguments shown inside this module's parentheses (override in subclasses)."""
        return ""

    def __repr__(self) -> str:
        return self._repr(above=())

    def _repr(self, above) -> str:
        """The tree below this module; `above` are the modules on the path from the root,
        so that a module holding itself (or an ancestor) is shown as a cycle instead of
        recursing forever."""
        children = list(self.named_children())
        if not children:
            return f"{type(self).__name__}({self.extra_repr()})"
        lines = [f"{type(self).__name__}("]
        if self.extra_repr():
            lines.append("  " + self.extra_repr())
        path = (*above, id(self))
        for name, child in children:
            if id(child) in path:
                text = f"<cycle: the {type(child).__name__} above>"
            elif type(child).__repr__ is not Module.__repr__:
                text = repr(child)  # a subclass that prints itself its own way
            else:
                text = child._repr(path)
            lines.append(f"  ({name}): " + "\n  ".join(text.split("\n")))
        lines.append(")")
        return "\n".join(lines)


def _check_fits(name, array, parameter):
    """A finite value that becomes ±inf in the parameter's dtype is a ValueError."""
    dtype = parameter.dtype if isinstance(parameter.data, np.ndarray) else np.dtype(np.float64)
    if array.dtype.kind != "f" or np.finfo(array.dtype).max <= np.finfo(dtype).max:
        return
    largest = float(np.max(np.abs(array), initial=0.0, where=np.isfinite(array)))
    if largest > float(np.finfo(dtype).max):
        raise ValueError(
            f"load_state_dict: parameter {name!r} holds values up to {largest:.3g}, beyond the "
            f"largest {dtype} ({float(np.finfo(dtype).max):.3g}); they would load as inf"
        )


class Parameter(Value):
    """A Value that requires grad, for PyTorch code: `self.a = Parameter(np.random.randn())`.

    Every Value attribute of a module is already one of its parameters here; this class
    exists so that `nn.Parameter(...)` (and `isinstance(p, nn.Parameter)`) work as in
    PyTorch. It takes data (a number, a list, an array) or a Value, whose data it shares.

    Example:
        >>> w = Parameter(np.zeros(3))
        >>> w.requires_grad, w.shape
        (True, (3,))
    """

    __slots__ = ()

    def __init__(self, data, requires_grad=True):
        super().__init__(data.data if isinstance(data, Value) else data,
                         requires_grad=requires_grad)  # fmt: skip
