"""The ``Transform`` base class and the argument checks that every transform shares.

A transform is called as ``t(x, rng=None)``. ``Transform.__call__`` does the work common
to all of them, once: it checks the input (a float array in [0, 1]), views it as an NHWC
batch, calls the transform's own ``transform(images, rng)`` on the images chosen with
probability ``p``, and gives the result back in the input's layout and dtype, clipped to
[0, 1] against rounding.

A new transform subclasses ``Transform`` and writes only ``transform``.

Example:
    >>> from data.augment.base import Transform, check_probability
    >>> class Invert(Transform):
    ...     def __init__(self, p=0.5):
    ...         self.p = check_probability(p)
    ...
    ...     def transform(self, images, rng):
    ...         return 1.0 - images            # images: (n, H, W, C), the chosen ones
    >>> Invert(p=1.0)(np.array([[0.0, 0.25], [0.5, 1.0]]))
    array([[1.  , 0.75],
           [0.5 , 0.  ]])
"""

import numbers

import numpy as np

from .layout import from_batch, to_batch

BORDERS = ("reflect", "constant", "edge")


class Transform:
    """Base class of every augmentation: checks, layout, per-image ``p``, dtype and range.

    Attributes:
        p: probability that each image of a batch is transformed (1.0 unless the
            subclass takes a ``p``, as torchvision's random transforms do).
    """

    p = 1.0

    def __call__(self, x, rng=None):
        """Augment ``x`` (HW, HWC, NHW or NHWC floats in [0, 1]) with random numbers from ``rng``.

        ``rng`` is a ``numpy.random.Generator`` (``None``: a fresh, unseeded one); the same
        seed gives the same result, bit for bit. Returns a new array of ``x``'s layout and
        dtype (only crops and resizes change H and W).
        """
        rng = check_rng(rng)
        batch, layout = to_batch(x)
        augmented = self.apply(batch, rng)
        # Work happens in float64 where factors are float64; hand back the caller's dtype.
        augmented = np.clip(augmented, 0.0, 1.0).astype(x.dtype, copy=False)
        return from_batch(augmented, layout)

    def apply(self, batch, rng):
        """Transform each image of an NHWC ``batch`` with probability ``p``; a new array."""
        if self.p >= 1.0:
            return self.transform(batch, rng)
        chosen = rng.random(len(batch)) < self.p
        augmented = batch.copy()
        if chosen.any():
            put_back(augmented, chosen, self.transform(batch[chosen], rng), self)
        return augmented

    def transform(self, images, rng):
        """Transform every image of an NHWC batch ``images``; subclasses define this."""
        raise NotImplementedError(f"{type(self).__name__} must define transform(images, rng)")

    def __repr__(self):
        arguments = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({arguments})"


def put_back(batch, chosen, transformed, transform):
    """Write the transformed images over the ``chosen`` ones of ``batch`` (in place).

    Only transforms that keep the image size can act on some images and not others.
    """
    if transformed.shape[1:] != batch.shape[1:]:
        raise ValueError(
            f"{type(transform).__name__} changes the image size from {batch.shape[1:3]} to "
            f"{transformed.shape[1:3]}, so it cannot be applied to only some images "
            f"(with p < 1, in RandomApply or in OneOf)"
        )
    batch[chosen] = transformed


def is_int(value):
    """True for Python and numpy integers, but not for ``True``/``False``."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_number(value):
    """True for Python and numpy real numbers, but not for ``True``/``False``."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def is_int_sequence(value, length):
    """True for a tuple or list of ``length`` ints."""
    return isinstance(value, (tuple, list)) and len(value) == length and all(map(is_int, value))


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


def check_number(value, name, low=-np.inf, high=np.inf):
    """Return ``value`` as a float after checking it is a real number in [low, high]."""
    if not is_number(value):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in [{low}, {high}], got {value!r}")
    return float(value)


def check_probability(p, name="p"):
    """Return ``p`` as a float after checking it is a probability in [0, 1]."""
    return check_number(p, name, 0.0, 1.0)


def check_range(value, name, low=-np.inf, high=np.inf, symmetric_about=None):
    """Read a range argument as a pair ``(lo, hi)`` with ``low <= lo <= hi <= high``.

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
    if not low <= lo <= hi <= high:
        raise ValueError(
            f"{name} must be a range (lo, hi) with {low} <= lo <= hi <= {high}, got {value!r}"
        )
    return lo, hi


def check_size(size, name="size"):
    """Read an output size: an int ``s`` means ``(s, s)``, a pair is ``(height, width)``."""
    if is_int(size):
        size = (size, size)
    if not is_int_sequence(size, 2):
        raise TypeError(f"{name} must be an int or a pair of ints (height, width), got {size!r}")
    if min(size) < 1:
        raise ValueError(f"{name} must be at least 1 pixel each way, got {size!r}")
    return int(size[0]), int(size[1])


def check_border(border, fill):
    """Check a warp's border mode (one of ``BORDERS``) and its fill value in [0, 1]."""
    if border not in BORDERS:
        raise ValueError(f"border must be one of {BORDERS}, got {border!r}")
    return border, check_number(fill, "fill", 0.0, 1.0)


def uniform(rng, value_range, n):
    """Draw ``n`` numbers uniformly from ``value_range = (lo, hi)`` (all ``lo`` if lo == hi)."""
    lo, hi = value_range
    return rng.uniform(lo, hi, size=n)
