"""Argument checks shared by the optim package: one vocabulary, so that every optimizer and
schedule rejects a bad hyperparameter the same way, naming it, the value seen and what was
expected. They run when a hyperparameter is set: in ``__init__``, through the ``lr``
setter and through ``load_state_dict``."""

import math
import numbers

import numpy as np


def check_real(name, value, low=-math.inf, high=math.inf):
    """Return ``value`` as a float if it is a finite real number in [low, high], else raise.

    Booleans and strings are refused (``lr=True`` is a bug), and so are NaN and ±inf.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}: {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"invalid {name}: {value!r} (expected a finite number)")
    if not low <= value <= high:
        raise ValueError(f"invalid {name}: {value!r} (expected {low} <= {name} <= {high})")
    return float(value)


def check_at_least(name, value, lowest):
    """Raise unless ``value`` is a finite real number ``>= lowest``."""
    return check_real(name, value, low=lowest)


def check_positive(name, value):
    """Raise unless ``value`` is a finite real number ``> 0``."""
    value = check_real(name, value)
    if not value > 0:
        raise ValueError(f"invalid {name}: {value!r} (expected {name} > 0)")
    return value


def check_beta(name, value):
    """Raise unless ``value`` is a decay rate in ``[0, 1)``."""
    value = check_real(name, value, low=0.0)
    if not value < 1:
        raise ValueError(f"invalid {name}: {value!r} (expected 0 <= {name} < 1)")
    return value


def check_int(name, value, minimum):
    """Return ``value`` as a Python int if it is an integer ``>= minimum``, else raise.

    This is the one "integer, not bool" check of the package: ``step_size=True`` is a bug.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}: {value!r}")
    if value < minimum:
        raise ValueError(f"invalid {name}: {value!r} (expected an int >= {minimum})")
    return int(value)


def check_bool(name, value):
    """Return ``value`` if it is a bool (or numpy bool), else raise: ``nesterov='yes'`` is
    not True."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}: {value!r}")
    return bool(value)


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, else raise."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"invalid {name}: {value!r} (expected one of {', '.join(choices)})")
    return value
