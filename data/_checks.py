"""Argument checks shared by the data package, so that every function rejects bad input with
the same kind of message: the argument's name, the value seen and what was expected."""

import math
import numbers

import numpy as np


def is_int(value):
    """True for Python and numpy integers, but not for ``True``/``False``."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_)


def is_number(value):
    """True for Python and numpy real numbers, but not for ``True``/``False``."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def is_int_sequence(value, length):
    """True for a tuple or list of ``length`` ints."""
    return isinstance(value, (tuple, list)) and len(value) == length and all(map(is_int, value))


def check_int(name, value, minimum):
    """Return `value` as a Python int if it is an integer >= `minimum`, else raise.

    Booleans are refused although Python counts them as integers: `n_samples=True` is a bug.
    This is the package's one "positive int, not bool" check.
    """
    if not is_int(value):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def check_real(name, value, low=-math.inf, high=math.inf):
    """Return `value` as a Python float if it is a finite real number in [low, high], else
    raise. Infinity is refused even where the range is open-ended: a transform given
    `sharpness_factor=inf` or `scale=(1e300, 1e300)` would only overflow later."""
    if not is_number(value):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{name} must be in [{low}, {high}] and finite, got {value!r}")
    return float(value)


def check_probability(name, value):
    """Return `value` as a float after checking it is a probability in [0, 1]."""
    return check_real(name, value, 0.0, 1.0)


def check_bool(name, value):
    """Return `value` if it is True or False (a numpy bool too): `shuffle='no'` is not."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")
    return bool(value)


def check_seed(name, seed):
    """`seed` if it can seed `numpy.random.default_rng`: None, an int >= 0, or numpy's own
    Generator, SeedSequence or BitGenerator (-1, 'x' and 1.5 are refused here, by name)."""
    if seed is None or isinstance(
        seed, np.random.Generator | np.random.SeedSequence | np.random.BitGenerator
    ):
        return seed
    return check_int(name, seed, 0)


def check_rng(rng):
    """Return ``rng``, or a fresh unseeded Generator for ``None``; refuse anything else."""
    if rng is None:
        return np.random.default_rng()
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator or None (use np.random.default_rng(seed)), "
            f"got {type(rng).__name__}"
        )
    return rng


def check_range(name, value, low=-math.inf, high=math.inf, symmetric_about=None):
    """Read a range argument as a pair ``(lo, hi)`` of finite numbers with
    ``low <= lo <= hi <= high``.

    A pair is taken as it is. A single number ``d`` means ``(centre - d, centre + d)``
    when ``symmetric_about`` gives a centre (torchvision's rule for ``degrees``:
    ``Rotation(30)`` rotates by up to 30 degrees either way), and ``(d, d)`` otherwise.
    """
    if is_number(value):
        if symmetric_about is not None:
            if value < 0:
                raise ValueError(f"{name} as a single number must be >= 0, got {value!r}")
            value = (symmetric_about - value, symmetric_about + value)
        else:
            value = (value, value)
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(is_number(v) for v in value)
    ):
        raise TypeError(f"{name} must be a number or a pair of numbers (lo, hi), got {value!r}")
    lo, hi = float(value[0]), float(value[1])
    if not (math.isfinite(lo) and math.isfinite(hi) and low <= lo <= hi <= high):
        raise ValueError(
            f"{name} must be a range (lo, hi) of finite numbers with {low} <= lo <= hi <= "
            f"{high}, got {value!r}"
        )
    return lo, hi


def check_size(name, size):
    """Read an output size: an int ``s`` means ``(s, s)``, a pair is ``(height, width)``."""
    if is_int(size):
        size = (size, size)
    if not is_int_sequence(size, 2):
        raise TypeError(f"{name} must be an int or a pair of ints (height, width), got {size!r}")
    if min(size) < 1:
        raise ValueError(f"{name} must be at least 1 pixel each way, got {size!r}")
    return int(size[0]), int(size[1])


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
    seed = check_seed("seed", seed)
    if seed is None:
        seed = np.random.randint(2**63 - 1, dtype=np.int64)  # noqa: NPY002 -- on purpose
    return np.random.default_rng(seed)
