"""The ``Transform`` base class and the argument checks that every transform shares.

A transform is called as ``t(x, rng=None)``. ``Transform.__call__`` does the work common
to all of them, once: it checks the input (a float array in [0, 1]), views it as an NHWC
batch, calls the transform's own ``transform(images, rng)`` on the images chosen with
probability ``p``, and gives the result back in the input's layout and dtype, clipped to
[0, 1] against rounding.

A new transform subclasses ``Transform`` and writes only ``transform``.

Example:
    >>> from data._checks import check_probability
    >>> from data.augment.base import Transform
    >>> class Invert(Transform):
    ...     def __init__(self, p=0.5):
    ...         self.p = check_probability("p", p)
    ...
    ...     def transform(self, images, rng):
    ...         return 1.0 - images            # images: (n, H, W, C), the chosen ones
    >>> Invert(p=1.0)(np.array([[0.0, 0.25], [0.5, 1.0]]))
    array([[1.  , 0.75],
           [0.5 , 0.  ]])
"""

import numpy as np

from data._checks import check_real, check_rng

from .layout import from_batch, to_batch

BORDERS = ("reflect", "constant", "edge")

#: The largest factor (sharpness, brightness, contrast, saturation) or noise level a
#: transform takes: far beyond any useful augmentation, and small enough that float32
#: pixel arithmetic (factor · x, with x in [0, 1]) cannot overflow.
LARGEST_FACTOR = 1e6


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


def check_border(border, fill):
    """Check a warp's border mode (one of ``BORDERS``) and its fill value in [0, 1]."""
    if border not in BORDERS:
        raise ValueError(f"border must be one of {BORDERS}, got {border!r}")
    return border, check_real("fill", fill, 0.0, 1.0)


def uniform(rng, value_range, n):
    """Draw ``n`` numbers uniformly from ``value_range = (lo, hi)`` (all ``lo`` if lo == hi)."""
    lo, hi = value_range
    return rng.uniform(lo, hi, size=n)
