"""Colour transforms: brightness, contrast, saturation, hue (``ColorJitter``) and grey.

Each adjustment is a function of an NHWC batch and one factor per image, so that
``ColorJitter`` and the policies (``RandAugment``, ``AutoAugment``) share them. They follow
torchvision's definitions, with ``blend(a, b, f) = clip(f·a + (1-f)·b, 0, 1)``:

- brightness ``f``: ``blend(x, 0, f)``, darker for f < 1;
- contrast ``f``: ``blend(x, mean(grey(x)), f)``, towards the image's mean grey level;
- saturation ``f``: ``blend(x, grey(x), f)``, towards its grey version (0 gives grey);
- hue ``h`` in [-0.5, 0.5]: rotate the hue in HSV space by ``h`` turns.

``grey(x) = 0.299 R + 0.587 G + 0.114 B`` (ITU-R BT.601 luma, as torchvision and PIL).
Grey images have no colour: saturation and hue leave them unchanged. For RGBA images the
alpha channel is left alone.
"""

import numpy as np

from data._checks import check_probability, check_range, check_real

from .base import LARGEST_FACTOR, Transform
from .layout import colour_and_alpha

LUMA_WEIGHTS = (0.299, 0.587, 0.114)


def per_image(factor, images):
    """Shape a ``(N,)`` factor to broadcast over ``(N, H, W, C)``, in the images' dtype."""
    return np.asarray(factor, dtype=images.dtype).reshape(-1, 1, 1, 1)


def blend(images, other, factor):
    """``clip(factor·images + (1-factor)·other, 0, 1)`` with one factor per image."""
    factor = per_image(factor, images)
    return np.clip(factor * images + (1 - factor) * other, 0.0, 1.0)


def grey_of(images):
    """Luma ``(N, H, W, 1)`` of RGB(A) images; grey images are their own luma."""
    colour, _ = colour_and_alpha(images)
    if colour.shape[-1] != 3:
        return colour
    return (colour @ np.asarray(LUMA_WEIGHTS, dtype=images.dtype))[..., np.newaxis]


def with_colour(images, colour):
    """Put new colour channels back together with the images' alpha channel, if any."""
    _, alpha = colour_and_alpha(images)
    return np.concatenate([colour, alpha], axis=-1) if alpha.shape[-1] else colour


def adjust_brightness(images, factor):
    """Scale intensities: ``blend(x, 0, factor)`` per image."""
    colour, _ = colour_and_alpha(images)
    return with_colour(images, blend(colour, 0.0, factor))


def adjust_contrast(images, factor):
    """Blend each image with its mean grey level: ``blend(x, mean(grey(x)), factor)``."""
    colour, _ = colour_and_alpha(images)
    mean = grey_of(images).mean(axis=(1, 2, 3), keepdims=True)
    return with_colour(images, blend(colour, mean, factor))


def adjust_saturation(images, factor):
    """Blend each image with its grey version: ``blend(x, grey(x), factor)``."""
    colour, _ = colour_and_alpha(images)
    if colour.shape[-1] != 3:
        return images.copy()
    return with_colour(images, blend(colour, grey_of(images), factor))


def rgb_to_hsv(rgb):
    """RGB ``(..., 3)`` in [0, 1] to HSV ``(..., 3)``, hue in turns [0, 1)."""
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    value = rgb.max(axis=-1)
    chroma = value - rgb.min(axis=-1)
    safe_chroma = np.where(chroma > 0, chroma, 1)
    saturation = np.where(value > 0, chroma / np.where(value > 0, value, 1), 0)
    # The hue is the angle on the colour hexagon, measured from the largest channel.
    hue = np.where(
        value == red,
        (green - blue) / safe_chroma,
        np.where(value == green, 2 + (blue - red) / safe_chroma, 4 + (red - green) / safe_chroma),
    )
    hue = np.where(chroma > 0, (hue / 6) % 1.0, 0)
    return np.stack([hue, saturation, value], axis=-1)


def hsv_to_rgb(hsv):
    """HSV ``(..., 3)`` to RGB: channel ``n`` is ``v - v·s·clip(min(k, 4-k), 0, 1)`` with
    ``k = (n + 6h) mod 6`` and n = 5, 3, 1 for R, G, B."""
    hue, saturation, value = hsv[..., 0:1], hsv[..., 1:2], hsv[..., 2:3]
    k = (np.array([5, 3, 1], dtype=hsv.dtype) + 6 * hue) % 6
    return value - value * saturation * np.clip(np.minimum(k, 4 - k), 0, 1)


def adjust_hue(images, shift):
    """Rotate each image's hue by ``shift`` turns (in [-0.5, 0.5]); grey images unchanged."""
    colour, _ = colour_and_alpha(images)
    if colour.shape[-1] != 3:
        return images.copy()
    hsv = rgb_to_hsv(colour)
    hsv[..., 0] = (hsv[..., 0] + per_image(shift, images)[..., 0]) % 1.0
    return with_colour(images, np.clip(hsv_to_rgb(hsv), 0.0, 1.0))


def _factor_range(value, name):
    """torchvision's reading of a jitter strength: ``b`` gives ``(max(0, 1-b), 1+b)``."""
    if isinstance(value, (tuple, list)):
        return check_range(name, value, 0.0, LARGEST_FACTOR)
    strength = check_real(name, value, 0.0, LARGEST_FACTOR)
    return (max(0.0, 1.0 - strength), 1.0 + strength)


class ColorJitter(Transform):
    """Randomly change brightness, contrast, saturation and hue, in a random order per image.

    Each image draws a brightness factor uniformly from ``(max(0, 1-b), 1+b)`` for
    ``brightness=b`` (or from a given pair), the same for contrast and saturation, and a
    hue shift from ``(-h, h)`` with ``h <= 0.5`` (or a pair in [-0.5, 0.5]). The four
    adjustments (see the module docstring) are applied in a random order per image, as
    torchvision's ``ColorJitter``; a strength of 0 leaves that adjustment out.

    Shape: ``(N, H, W, C)`` → the same.

    Example::

        >>> jitter = ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)
        >>> jitter(np.full((2, 4, 4, 3), 0.5), rng=np.random.default_rng(0)).shape
        (2, 4, 4, 3)
    """

    def __init__(self, brightness=0, contrast=0, saturation=0, hue=0):
        self.brightness = _factor_range(brightness, "brightness")
        self.contrast = _factor_range(contrast, "contrast")
        self.saturation = _factor_range(saturation, "saturation")
        self.hue = check_range("hue", hue, -0.5, 0.5, symmetric_about=0.0)

    def transform(self, images, rng):
        n = len(images)
        adjustments = [
            (adjust_brightness, self.brightness, 1.0),
            (adjust_contrast, self.contrast, 1.0),
            (adjust_saturation, self.saturation, 1.0),
            (adjust_hue, self.hue, 0.0),
        ]
        # (function, one factor per image) for the adjustments that can change something.
        active = [
            (adjust, rng.uniform(*factor_range, size=n))
            for adjust, factor_range, identity in adjustments
            if factor_range != (identity, identity)
        ]
        order = np.argsort(rng.random((n, len(active))), axis=1)
        images = images.copy()
        for step in range(len(active)):
            for index, (adjust, factors) in enumerate(active):
                chosen = order[:, step] == index
                if chosen.any():
                    images[chosen] = adjust(images[chosen], factors[chosen])
        return images


class Grayscale(Transform):
    """Turn colour images grey, keeping their channel count, each with probability ``p``.

    Every colour channel becomes ``0.299 R + 0.587 G + 0.114 B`` (alpha is kept); grey
    images are unchanged. ``p=1.0`` is torchvision's ``Grayscale(num_output_channels=3)``;
    a smaller ``p`` is its ``RandomGrayscale(p)`` (which defaults to 0.1).

    Example::

        >>> Grayscale()(np.array([[[1.0, 0.0, 0.0]]])).round(3).tolist()
        [[[0.299, 0.299, 0.299]]]
    """

    def __init__(self, p=1.0):
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        colour, _ = colour_and_alpha(images)
        return with_colour(images, np.broadcast_to(grey_of(images), colour.shape))
