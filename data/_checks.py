"""Argument checks shared by the data package, so that every function rejects bad input with
the same kind of message: the argument's name, the value seen and what was expected."""

import numbers

import numpy as np


def check_int(name, value, minimum):
    """Return `value` as a Python int if it is an integer >= `minimum`, else raise.

    Booleans are refused although Python counts them as integers: `n_samples=True` is a bug.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def check_real(name, value, minimum):
    """Return `value` as a Python float if it is a finite real number >= `minimum`, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    if not np.isfinite(value) or value < minimum:
        raise ValueError(f"{name} must be a finite number >= {minimum}, got {value}")
    return float(value)


def check_aligned_arrays(arrays):
    """Check that `arrays` is a non-empty sequence of numpy arrays with the same number of
    rows (their first axis), and return that number of rows."""
    if not arrays:
        raise ValueError("at least one array is required, got none")
    for i, array in enumerate(arrays):
        if not isinstance(array, np.ndarray):
            raise TypeError(
                f"arrays[{i}] must be a numpy array, got {type(array).__name__}; "
                "convert it with np.asarray first"
            )
        if array.ndim == 0:
            raise ValueError(f"arrays[{i}] must have at least one axis (rows), got a 0-d array")
    lengths = [len(array) for array in arrays]
    if len(set(lengths)) > 1:
        raise ValueError(f"arrays must have the same number of rows, got lengths {lengths}")
    return lengths[0]


def generator(seed) -> np.random.Generator:
    """The Generator for a `seed` argument: a Generator as it is, an int seeds a new one, and
    None draws a seed from numpy's global random state, so that `np.random.seed(s)` at the
    top of a script makes it reproducible (the role of `torch.manual_seed`).

    (nn has the same rule in `nn.init.generator`; data depends on numpy alone, so it keeps
    its own copy of these three lines.)
    """
    if seed is None:
        seed = np.random.randint(2**63 - 1, dtype=np.int64)  # noqa: NPY002 -- on purpose
    return np.random.default_rng(seed)
