"""Shared test oracles: `check(fn, *arrays)`, an op's gradient against central finite
differences in float64 (`autograd.gradcheck`)."""

import numpy as np

from autograd import Value, gradcheck


def check(fn, *data):
    """gradcheck `fn` at Values holding copies of `data` (floats stay floats)."""
    values = [Value(x.copy() if isinstance(x, np.ndarray) else x) for x in data]
    assert gradcheck(fn, *values)
