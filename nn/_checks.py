"""Argument checks shared by the nn package: one vocabulary, so that every module, loss and
the training loop reject bad input the same way, naming the argument, the value seen and
what was expected."""

import math
import numbers

import numpy as np

from autograd import Value


def check_int(name, value, minimum):
    """Return `value` as a Python int if it is an integer >= `minimum`, else raise.

    numpy integers are accepted (`epochs=np.int64(2)`); booleans are refused although
    Python counts them as integers (`in_features=True` is a bug). This is the package's one
    "positive int, not bool" check.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}: {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    return int(value)


def check_real(name, value, low=-math.inf, high=math.inf, *, high_open=False):
    """Return `value` as a Python float if it is a finite real number in [low, high] (or
    [low, high) with `high_open`), else raise. numpy scalars are accepted
    (`Dropout(np.float32(0.5))`); booleans, strings, NaN and ±inf are not."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}: {value!r}")
    value = float(value)
    inside = low <= value < high if high_open else low <= value <= high
    if not (math.isfinite(value) and inside):
        if high == math.inf:
            wanted = "" if low == -math.inf else f" >= {low:g}"
        else:
            wanted = f" in [{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{name} must be a finite number{wanted}, got {value}")
    return value


def check_seed(name, seed):
    """`seed` if it can seed `numpy.random.default_rng`: None, an int >= 0, or numpy's own
    Generator, SeedSequence or BitGenerator (-1, 'x' and 1.5 are refused here, by name)."""
    if seed is None or isinstance(
        seed, np.random.Generator | np.random.SeedSequence | np.random.BitGenerator
    ):
        return seed
    return check_int(name, seed, 0)


def check_real_array(name, x):
    """`x` if it holds real numbers (floats or ints, as a Value or as array-like data), else a
    TypeError: complex data would lose its imaginary part and an object array holding None
    would become NaN, silently."""
    data = np.asarray(x.data if isinstance(x, Value) else x)
    if data.dtype.kind not in "fiu":
        raise TypeError(
            f"{name} must hold real numbers (float or int), got dtype {data.dtype}; convert it "
            "explicitly (e.g. x.real, or np.asarray(x, dtype=float) after removing None)"
        )
    return x
