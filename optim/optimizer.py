"""The base class of every optimizer: parameter groups, per-parameter state, the update loop.

An optimizer holds the parameters it trains in *parameter groups* (as PyTorch does): a list
of dicts, each with a list ``"params"`` and its own hyperparameters (``"lr"``, ...), so that
different parts of a model can learn at different rates. Its ``state`` holds, for each
parameter, the buffers of its rule (a velocity, moment estimates, a step counter).

A subclass says what its hyperparameters are (``__init__``), which are valid
(``check_hyperparameters``), which buffers a parameter starts with (``init_state``) and
how one parameter changes in one step (``update``). ``Optimizer.step`` does the rest.
"""

import copy

import numpy as np

from autograd import Value

# The checks live in optim/_checks.py; they stay importable from here (adam.py, sgd.py, …).
from optim._checks import (  # noqa: F401
    check_at_least,
    check_beta,
    check_bool,
    check_int,
    check_positive,
    check_real,
)


class Optimizer:
    """Base class: holds parameter groups and per-parameter state, and runs the update loop.

    ``step()`` visits every parameter whose ``grad`` is not ``None`` and calls
    ``update(W, g, state, group)`` with ``W`` the parameter's data as a numpy array (updated
    in place: an array parameter keeps its array object and dtype; a Python-float parameter
    is updated through a 0-d float64 array and gets a new float), ``g`` its gradient as an
    array of the same shape and dtype (with weight decay applied, see below), ``state`` its
    dict of buffers and ``group`` its parameter group. The update works on numpy arrays,
    not Values, so it builds no graph.

    Weight decay λ (``group["weight_decay"]``) is applied here, once for all rules:

    .. code-block:: text

        L2 (every rule but AdamW):    g ← g + λW
        decoupled (AdamW):            W ← W − ηλW

    Args:
        params (iterable): Values to optimize, or dicts with a ``"params"`` entry (a Value
            or an iterable of Values) and per-group hyperparameters that override the
            defaults.
        defaults (dict): the hyperparameters of every group that does not set its own.

    Attributes:
        param_groups (list of dict): the groups; ``group["params"]`` is a list of Values.
        state (dict): per-parameter state, keyed by ``id(param)`` (a Value need not be
            hashable), each a dict of numpy arrays and counters.
    """

    #: True for AdamW: weight decay shrinks W directly instead of being added to g.
    decoupled_weight_decay = False

    def __init__(self, params, defaults):
        self.defaults = defaults
        self.param_groups = []
        self.state = {}
        if isinstance(params, (Value, dict)):
            raise TypeError(
                "params must be an iterable of Values or of dicts (parameter groups), "
                f"got a single {type(params).__name__}; wrap it in a list"
            )
        if callable(getattr(params, "parameters", None)):  # a model (optim does not import nn)
            raise TypeError(
                f"params must be the values to train: pass model.parameters(), as in "
                f"optim.{type(self).__name__}(model.parameters(), lr=...), not the "
                f"{type(params).__name__} itself"
            )
        try:
            groups = list(params)
        except TypeError:
            raise TypeError(
                "params must be an iterable of Values, such as model.parameters(), got "
                f"{type(params).__name__}"
            ) from None
        if not groups:
            raise ValueError("optimizer got an empty parameter list (params=[])")
        is_group = [isinstance(group, dict) for group in groups]
        if any(is_group) and not all(is_group):
            raise TypeError("params must be all Values or all dicts (parameter groups), not a mix")
        if not any(is_group):
            groups = [{"params": groups}]
        seen = set()
        for index, group in enumerate(groups):
            group = self._make_group(group, index)
            for p in group["params"]:
                if id(p) in seen:
                    raise ValueError(
                        f"parameter {p!r} appears more than once in the optimizer's params"
                    )
                seen.add(id(p))
            self.param_groups.append(group)

    def _make_group(self, group, index):
        if "params" not in group:
            raise ValueError(f"parameter group {index} has no 'params' entry: {group!r}")
        params = group["params"]
        params = [params] if isinstance(params, Value) else list(params)
        if not params:
            raise ValueError(f"parameter group {index} has an empty parameter list")
        for position, p in enumerate(params):
            if not isinstance(p, Value):
                raise TypeError(
                    f"params must be Values, but parameter {position} of group {index} is "
                    f"a {type(p).__name__}: {p!r}"
                )
            if isinstance(p.data, np.ndarray) and not p.data.flags.writeable:
                raise ValueError(_read_only_message(p))
        unknown = set(group) - set(self.defaults) - {"params"}
        if unknown:
            raise ValueError(
                f"parameter group {index} has unknown options {sorted(unknown)}; "
                f"{type(self).__name__} takes {sorted(self.defaults)}"
            )
        group = {**self.defaults, **group}
        self.check_hyperparameters(group)
        # Plain Python floats: numpy 2 treats them as "weak" scalars, so a float32 parameter
        # never meets a float64 temporary (an np.float64 lr would upcast every product).
        options = {key: _plain(value) for key, value in group.items() if key != "params"}
        return {"params": params, **options}

    def check_hyperparameters(self, group):
        """Raise a ``ValueError`` naming each bad hyperparameter of ``group``.

        Subclasses extend this (call ``super()``) with their own hyperparameters.
        """
        check_at_least("lr", group["lr"], 0.0)
        if "weight_decay" in group:
            check_at_least("weight_decay", group["weight_decay"], 0.0)

    @property
    def lr(self):
        """The learning rate η of the first parameter group; setting it sets every group's."""
        return self.param_groups[0]["lr"]

    @lr.setter
    def lr(self, value):
        check_at_least("lr", value, 0.0)
        for group in self.param_groups:
            group["lr"] = _plain(value)

    def zero_grad(self, set_to_none=True):
        """Forget the gradients of all parameters before the next backward pass.

        Args:
            set_to_none (bool): set each ``grad`` to ``None`` (the default, as PyTorch: the
                next backward pass starts from nothing). Otherwise array gradients are
                filled with zeros in place and float gradients become ``0.0``.
        """
        for group in self.param_groups:
            for p in group["params"]:
                if set_to_none or p.grad is None:
                    p.grad = None
                elif isinstance(p.grad, np.ndarray) and p.grad.flags.writeable:
                    p.grad.fill(0)
                elif isinstance(p.grad, np.ndarray):  # a read-only gradient is replaced
                    p.grad = np.zeros_like(p.grad)
                else:
                    p.grad = 0.0

    def step(self):
        """Update every parameter that has a gradient, in place; build no graph."""
        for group in self.param_groups:
            weight_decay = group.get("weight_decay", 0.0)
            for p in group["params"]:
                if p.grad is None:
                    continue
                is_array = isinstance(p.data, np.ndarray)
                if is_array and not p.data.flags.writeable:
                    raise ValueError(_read_only_message(p))
                # A float parameter is updated through a 0-d float64 array, so that each
                # rule is written once, with numpy's in-place operators.
                W = p.data if is_array else np.array(p.data, dtype=np.float64)
                g = p.grad
                if type(g) is not np.ndarray or g.dtype != W.dtype or g.shape != W.shape:
                    g = _gradient_like(p, W)  # the common case above needs no cast, no call
                state = self.state.get(id(p))
                if state is None:
                    state = self.state[id(p)] = self.init_state(W)
                if weight_decay != 0:
                    if self.decoupled_weight_decay:
                        W *= 1 - group["lr"] * weight_decay
                    else:
                        g = g + weight_decay * W
                self.update(W, g, state, group)
                if not is_array:
                    p.data = float(W)

    def init_state(self, W):
        """The buffers one parameter starts with (a dict), created at its first step."""
        return {}

    def update(self, W, g, state, group):
        """Change ``W`` in place by one step of the rule, given its gradient ``g``."""
        raise NotImplementedError(f"{type(self).__name__} must define update()")

    def state_dict(self):
        """A copy of the optimizer's state: hyperparameters and per-parameter buffers.

        Parameters are named by their position (counting through the groups in order), as
        PyTorch does, so the dict holds no Values: ``{"state": {index: {name: array or
        number}}, "param_groups": [{"lr": ..., "params": [indices]}]}``. Arrays are copies,
        so later steps do not change a saved dict; it pickles as is.
        """
        index_of = {}
        groups = []
        for group in self.param_groups:
            indices = []
            for p in group["params"]:
                index_of[id(p)] = len(index_of)
                indices.append(index_of[id(p)])
            groups.append({**group, "params": indices})
        state = {
            index_of[key]: copy.deepcopy(buffers)
            for key, buffers in self.state.items()
            if key in index_of
        }
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        """Restore a ``state_dict()``, so that training resumes exactly where it stopped.

        The optimizer must hold the same parameters in the same groups (by position and
        shape) as the one that was saved. Everything is checked before anything changes,
        as when it was first set: every hyperparameter (a NaN learning rate is refused
        here too), the buffers' shapes and dtypes, and the step counters (ints >= 0). On
        any error the optimizer is left as it was. Array buffers are cast to their
        parameter's dtype.
        """
        saved_groups, saved_state = _parts_of(state_dict)
        if len(saved_groups) != len(self.param_groups):
            raise ValueError(
                f"state_dict has {len(saved_groups)} parameter groups, "
                f"the optimizer has {len(self.param_groups)}"
            )
        params, new_groups = [], []
        for index, (group, saved) in enumerate(zip(self.param_groups, saved_groups, strict=True)):
            if not isinstance(saved, dict) or not isinstance(saved.get("params"), list | tuple):
                raise TypeError(
                    f"parameter group {index} of the state_dict must be a dict with a list "
                    f"'params', got {type(saved).__name__}"
                )
            if len(saved["params"]) != len(group["params"]):
                raise ValueError(
                    f"parameter group {index} of the state_dict has {len(saved['params'])} "
                    f"parameters, the optimizer's has {len(group['params'])}"
                )
            options = {k: copy.deepcopy(v) for k, v in saved.items() if k != "params"}
            if set(options) != set(self.defaults):
                raise ValueError(
                    f"parameter group {index} of the state_dict has options {sorted(options)}; "
                    f"{type(self).__name__} takes {sorted(self.defaults)}"
                )
            self.check_hyperparameters(options)
            new_groups.append({key: _plain(value) for key, value in options.items()})
            params.extend(zip(saved["params"], group["params"], strict=True))
        state = {}
        for saved_index, p in params:
            if saved_index in saved_state:
                state[id(p)] = _buffers_for(p, saved_state[saved_index])
        known = {saved_index for saved_index, _ in params}
        unknown = [key for key in saved_state if key not in known]
        if unknown:
            raise ValueError(
                f"state_dict['state'] has entries for parameters {unknown[:5]} that are not "
                "in its param_groups"
            )
        for group, options in zip(self.param_groups, new_groups, strict=True):
            group.update(options)
        self.state = state

    def __repr__(self):
        lines = [f"{type(self).__name__} ("]
        for index, group in enumerate(self.param_groups):
            options = ", ".join(f"{k}={v!r}" for k, v in group.items() if k != "params")
            lines.append(f"  group {index}: {len(group['params'])} params, {options}")
        return "\n".join([*lines, ")"])


def _gradient_like(p, W):
    """``p.grad`` cast to an array of ``W``'s dtype, checked to be real numbers of ``W``'s
    shape (``step`` calls it only for a gradient that is not already such an array)."""
    g = np.asarray(p.grad)
    if g.dtype.kind not in "fiu":
        raise TypeError(
            f"the gradient of {p!r} has dtype {g.dtype}; expected real numbers (a complex, "
            "bool or object gradient is never cast silently)"
        )
    g = g.astype(W.dtype, copy=False)
    if g.shape != W.shape:
        raise ValueError(
            f"the gradient of {p!r} has shape {g.shape}, expected its data's shape {W.shape}"
        )
    return g


def _buffers_for(p, buffers):
    """Copies of a parameter's saved buffers, arrays checked against and cast to ``p``."""
    dtype = p.data.dtype if isinstance(p.data, np.ndarray) else np.dtype(np.float64)
    shape = np.shape(p.data)
    restored = {}
    if not isinstance(buffers, dict):
        raise TypeError(f"the saved state of {p!r} must be a dict, got {type(buffers).__name__}")
    for name, value in buffers.items():
        if isinstance(value, np.ndarray):
            if value.dtype.kind not in "fiu":
                raise TypeError(
                    f"saved buffer {name!r} of {p!r} has dtype {value.dtype}; expected real "
                    "numbers"
                )
            if value.shape != shape:
                raise ValueError(
                    f"saved buffer {name!r} has shape {value.shape}, "
                    f"but its parameter {p!r} has shape {shape}"
                )
            value = value.astype(dtype, copy=True)
        else:
            # the only non-array buffers are step counters (Adam's t)
            value = check_int(f"saved step counter {name!r}", value, 0)
        restored[name] = value
    return restored


def _plain(value):
    """A hyperparameter with numbers as Python floats (flags and strings unchanged)."""
    if isinstance(value, (bool, np.bool_, str)):
        return value
    if isinstance(value, (tuple, list)):
        return tuple(_plain(item) for item in value)
    return float(value)


def _parts_of(state_dict):
    """(param_groups, state) of an optimizer state_dict, checked to have that form."""
    if not isinstance(state_dict, dict) or set(state_dict) != {"state", "param_groups"}:
        found = sorted(state_dict) if isinstance(state_dict, dict) else type(state_dict).__name__
        raise ValueError(
            "an optimizer state_dict is a dict with the keys 'param_groups' and 'state' "
            f"(as state_dict() returns it), got {found}"
        )
    groups, state = state_dict["param_groups"], state_dict["state"]
    if not isinstance(groups, list | tuple) or not isinstance(state, dict):
        raise TypeError(
            "state_dict['param_groups'] must be a list and state_dict['state'] a dict, got "
            f"{type(groups).__name__} and {type(state).__name__}"
        )
    return groups, state


def _read_only_message(p):
    return (
        f"parameter {p!r} holds a read-only array, which an optimizer cannot update in "
        "place; give it a writeable copy (np.array(data))"
    )
