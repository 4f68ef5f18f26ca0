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
    """Natural logarithm: -inf at 0 and nan below 0, as numpy (and PyTorch), without
    numpy's warnings for them."""
    if type(x) is float:
        if x > 0.0:
            return math.log(x)
        return -math.inf if x == 0.0 else math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
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


def divide(a, b):
    """a / b, with numpy's answers at b = 0 (±inf, or nan for 0/0) on floats too, and
    without numpy's divide-by-zero warning: log's gradient 1/x at x = 0 is inf, as PyTorch."""
    if type(b) is float and type(a) is float:
        if b != 0.0:
            return a / b
        if a == 0.0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.divide(a, b)


def sin(x):
    """Sine."""
    if type(x) is float:
        return math.sin(x)
    return np.sin(x)


def cos(x):
    """Cosine."""
    if type(x) is float:
        return math.cos(x)
    return np.cos(x)


def pow_base_derivative(base, exponent):
    """d(a**b)/da = b·a**(b-1), and 0 where b = 0: a**0 is the constant 1, even at a = 0,
    where b·a**(b-1) would be 0·inf = nan (PyTorch's answer is 0 too)."""
    if type(exponent) is float:  # the common case (x**2, the x**-1 of a division): fast
        if exponent == 0.0:
            return 0.0
        if type(base) is float:
            return exponent * power(base, exponent - 1.0)
        return exponent * np.power(base, exponent - 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(exponent == 0, 0.0, exponent * np.power(base, exponent - 1.0))


def pow_exponent_derivative(base, exponent, out):
    """d(a**b)/db = a**b·ln a, and 0 where a = 0 and b >= 0: there a**b is 0 (or 1) for
    every nearby b >= 0 on the right, and out·ln a would be 0·(-inf) = nan (as PyTorch)."""
    if type(base) is float and type(exponent) is float:
        return 0.0 if base == 0.0 and exponent >= 0.0 else out * log(base)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((base == 0) & (exponent >= 0), 0.0, out * np.log(base))
