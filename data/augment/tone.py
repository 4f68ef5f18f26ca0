"""Tone transforms of RandAugment and AutoAugment: posterize, solarize, equalize,
autocontrast, sharpness and invert.

Each is a function of an NHWC batch (with one parameter per image where it takes one),
shared with the policies in ``policies.py``, and a class with a probability ``p`` named
after torchvision's ``RandomPosterize``, ``RandomSolarize``, ``RandomEqualize``,
``RandomAutocontrast``, ``RandomAdjustSharpness`` and ``RandomInvert`` (whose default
``p=0.5`` they keep). Like PIL's ``ImageOps``, they act on the colour channels; an alpha
channel is left alone.

Two choices make "magnitude 0 is the identity" hold on float images: ``posterize`` with 8
bits leaves the image as it is (floats already carry at least 8 bits), and ``solarize``
inverts values strictly above the threshold, so that a threshold of 1 changes nothing.
"""

import numpy as np

from data._checks import check_probability, check_real, is_int

from .base import LARGEST_FACTOR, Transform
from .color import blend, per_image, with_colour
from .layout import colour_and_alpha


def posterize(images, bits):
    """Keep the top ``bits`` (1–8, one per image) of each 8-bit level: fewer grey levels.

    ``out = floor(floor(255 x) / 2^(8-bits)) · 2^(8-bits) / 255``; 8 bits is the identity.
    """
    colour, _ = colour_and_alpha(images)
    bits = per_image(bits, images)
    step = 2.0 ** (8 - bits)
    posterized = np.floor(np.floor(colour * 255) / step) * step / 255
    return with_colour(images, np.where(bits >= 8, colour, posterized))


def solarize(images, threshold):
    """Invert the values above ``threshold`` (one per image): ``x > t ? 1 - x : x``."""
    colour, _ = colour_and_alpha(images)
    return with_colour(images, np.where(colour > per_image(threshold, images), 1 - colour, colour))


def invert(images):
    """The negative image ``1 - x``."""
    colour, _ = colour_and_alpha(images)
    return with_colour(images, 1 - colour)


def autocontrast(images):
    """Stretch each channel of each image to the full range: ``(x - min) / (max - min)``.

    A constant channel is left as it is.
    """
    colour, _ = colour_and_alpha(images)
    low = colour.min(axis=(1, 2), keepdims=True)
    high = colour.max(axis=(1, 2), keepdims=True)
    spread = high - low
    stretched = (colour - low) / np.where(spread > 0, spread, 1)
    return with_colour(images, np.where(spread > 0, stretched, colour))


def equalize(images):
    """Histogram equalisation of each channel of each image, on 256 levels (as PIL).

    With ``hist`` the channel's histogram of 8-bit levels, ``step = (count of all pixels -
    count of the highest level present) // 255`` and ``cdf`` its running sum, level ``v``
    becomes ``(cdf[v-1] + step // 2) // step`` (0 for v = 0), so that the levels spread
    evenly over [0, 255]. A channel with ``step == 0`` (almost constant) is left as it is.
    """
    colour, _ = colour_and_alpha(images)
    n, _, _, channels = colour.shape
    levels = np.round(colour * 255).astype(np.intp)
    # One histogram per (image, channel), all with a single bincount.
    histogram_id = np.arange(n)[:, None, None, None] * channels + np.arange(channels)
    histograms = np.bincount(
        (histogram_id * 256 + levels).ravel(), minlength=n * channels * 256
    ).reshape(n, channels, 256)
    highest_level = 255 - np.argmax(histograms[..., ::-1] > 0, axis=-1)
    count_at_highest = np.take_along_axis(histograms, highest_level[..., None], axis=-1)[..., 0]
    step = (histograms.sum(axis=-1) - count_at_highest) // 255
    cdf = np.cumsum(histograms, axis=-1)
    lookup = (cdf + (step // 2)[..., None]) // np.maximum(step, 1)[..., None]
    lookup = np.clip(
        np.concatenate([np.zeros_like(lookup[..., :1]), lookup[..., :-1]], -1), 0, 255
    )
    equalized = lookup[np.arange(n)[:, None, None, None], np.arange(channels), levels] / 255
    keep = (step == 0)[:, None, None, :]
    return with_colour(images, np.where(keep, colour, equalized.astype(images.dtype)))


def adjust_sharpness(images, factor):
    """Blend with a smoothed copy: ``blend(x, smooth(x), factor)`` (PIL's ``Sharpness``).

    ``smooth`` is the 3×3 filter ``[[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13`` on the interior,
    the image itself on the one-pixel border. Factor 1 is the identity, 0 smooths, above
    1 sharpens.
    """
    colour, _ = colour_and_alpha(images)
    _, height, width, _ = colour.shape
    smooth = colour.copy()
    if height > 2 and width > 2:
        neighbourhood = sum(
            colour[:, 1 + dy : height - 1 + dy, 1 + dx : width - 1 + dx]
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
        )
        smooth[:, 1:-1, 1:-1] = (neighbourhood + 4 * colour[:, 1:-1, 1:-1]) / 13
    return with_colour(images, blend(colour, smooth, factor))


class Posterize(Transform):
    """Reduce each channel to its top ``bits`` bits (1–8), each image with probability ``p``.

    Example::

        >>> Posterize(bits=1, p=1.0)(np.array([[0.2, 0.7]])).tolist()
        [[0.0, 0.5019607843137255]]
    """

    def __init__(self, bits, p=0.5):
        if not is_int(bits):
            raise TypeError(f"bits must be an int from 1 to 8, got {bits!r}")
        self.bits = int(check_real("bits", bits, 1, 8))
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return posterize(images, np.full(len(images), self.bits))


class Solarize(Transform):
    """Invert the values above ``threshold`` (in [0, 1]), each image with probability ``p``.

    Example::

        >>> Solarize(threshold=0.5, p=1.0)(np.array([[0.25, 0.75]])).tolist()
        [[0.25, 0.25]]
    """

    def __init__(self, threshold, p=0.5):
        self.threshold = check_real("threshold", threshold, 0.0, 1.0)
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return solarize(images, np.full(len(images), self.threshold))


class Equalize(Transform):
    """Equalise the histogram of each channel, each image with probability ``p``."""

    def __init__(self, p=0.5):
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return equalize(images)


class AutoContrast(Transform):
    """Stretch each channel to span [0, 1], each image with probability ``p``."""

    def __init__(self, p=0.5):
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return autocontrast(images)


class Sharpness(Transform):
    """Sharpen (factor > 1) or soften (factor < 1) images, each with probability ``p``.

    ``sharpness_factor`` >= 0 as torchvision's ``RandomAdjustSharpness``; see
    ``adjust_sharpness`` for the formula.
    """

    def __init__(self, sharpness_factor, p=0.5):
        self.sharpness_factor = check_real(
            "sharpness_factor", sharpness_factor, 0.0, LARGEST_FACTOR
        )
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return adjust_sharpness(images, np.full(len(images), self.sharpness_factor))


class Invert(Transform):
    """Replace images by their negative ``1 - x``, each with probability ``p``."""

    def __init__(self, p=0.5):
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return invert(images)
