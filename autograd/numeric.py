"""Elementwise math for both kinds of Value data: a Python float or a numpy array.

Each function uses the `math` module on a float (fast, and the result stays a Python
float) and numpy on an array, so that every op is written once for the scalar graph and
the array graph alike. Where `math` raises (overflow, log of 0) these return what numpy
returns (inf, -inf, nan), so that both graphs agree.
"""

import math

import numpy as np


def exp(x):
    """e**x."""
    if type(x) is float:
        try:
            return math.exp(x)
        except OverflowError:
            return math.inf
    with np.errstate(over="ignore"):  # inf, as math.exp's overflow above: see backward()
        return np.exp(x)


def log(x):
    """Natural logarithm: -inf at 0 and nan below 0, as numpy."""
    if type(x) is float:
        if x > 0.0:
            return math.log(x)
        return -math.inf if x == 0.0 else math.nan
    return np.log(x)


def tanh(x):
    """Hyperbolic tangent."""
    if type(x) is float:
        return math.tanh(x)
    return np.tanh(x)


def power(base, exponent):
    """base**exponent, with numpy's answers where Python's would raise or turn complex:
    0 to a negative power is inf, a negative base to a fractional power is nan."""
    if type(base) is float and type(exponent) is float:
        try:
            return math.pow(base, exponent)
        except ZeroDivisionError:
            return math.inf
        except ValueError:
            return math.inf if base == 0.0 else math.nan
        except OverflowError:
            return math.inf
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # as the float path
        return np.power(base, exponent)


def relu(x):
    """max(x, 0)."""
    if type(x) is float:
        return x if x > 0.0 else 0.0
    return np.maximum(x, 0, dtype=x.dtype)


def sign(x):
    """-1 for x < 0, 0 for x == 0, +1 for x > 0 (the course's sign function)."""
    if type(x) is float:
        return float((x > 0.0) - (x < 0.0))
    return np.sign(x)


def where_positive(x, if_positive, otherwise):
    """`if_positive` where x > 0, else `otherwise` (elementwise for arrays)."""
    if type(x) is float:
        return if_positive if x > 0.0 else otherwise
    return np.where(x > 0, if_positive, otherwise).astype(x.dtype, copy=False)


def softplus(x):
    """log(1 + e**x), computed as max(x, 0) + log1p(e**-|x|) so that it never overflows
    (numpy's logaddexp(0, x) is that formula in one call)."""
    if type(x) is float:
        return relu(x) + math.log1p(math.exp(-abs(x)))
    return np.logaddexp(0.0, x)
