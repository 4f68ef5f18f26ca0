"""Pixel-noise and smoothing filters: ``GaussianNoise`` and ``GaussianBlur``."""

import math

import numpy as np

from data._checks import check_range, check_real

from .base import LARGEST_FACTOR, Transform
from .color import per_image, with_colour
from .layout import colour_and_alpha


class GaussianNoise(Transform):
    """Add independent Gaussian noise to every pixel: ``clip(x + std · z, 0, 1)``, z ~ N(0, 1).

    ``std=0.05`` is 5% of the intensity range, visible but mild (torchvision's v2
    ``GaussianNoise`` uses ``sigma=0.1`` by default). An alpha channel is left alone.

    Example::

        >>> noisy = GaussianNoise(std=0.1)(np.full((4, 4), 0.5), rng=np.random.default_rng(0))
        >>> bool(abs(noisy - 0.5).max() > 0)
        True
    """

    def __init__(self, std=0.05):
        self.std = check_real("std", std, 0.0, LARGEST_FACTOR)

    def transform(self, images, rng):
        colour, _ = colour_and_alpha(images)
        noise_dtype = np.float32 if images.dtype == np.float32 else np.float64
        noise = rng.standard_normal(colour.shape, dtype=noise_dtype)
        return with_colour(images, np.clip(colour + self.std * noise, 0.0, 1.0))


def gaussian_kernels(sigma, radius):
    """One normalised 1-D Gaussian per image: ``(N, 2·radius + 1)``.

    ``w[k] ∝ exp(-k² / (2σ²))`` for ``k = -radius … radius``, summing to 1.
    """
    offsets = np.arange(-radius, radius + 1)
    weights = np.exp(-(offsets**2) / (2 * sigma[:, None] ** 2))
    return weights / weights.sum(axis=1, keepdims=True)


def convolve_axis(images, kernels, axis):
    """Convolve each image along ``axis`` (1: down, 2: across) with its own 1-D kernel.

    The image is extended by reflection (``dcb|abcd|cba``), as torchvision's blur does.
    ``kernels``: ``(N, K)`` with K odd.
    """
    radius = kernels.shape[1] // 2
    pad_width = [(0, 0)] * 4
    pad_width[axis] = (radius, radius)
    mode = "reflect" if images.shape[axis] > 1 else "edge"
    padded = np.pad(images, pad_width, mode=mode)
    length = images.shape[axis]
    result = np.zeros_like(images)
    for k in range(kernels.shape[1]):
        window = np.take(padded, np.arange(k, k + length), axis=axis)
        result += per_image(kernels[:, k], images) * window
    return result


class GaussianBlur(Transform):
    """Blur each image with a Gaussian of random width ``sigma``, in pixels.

    Each image draws σ uniformly from ``sigma`` (a pair, default ``(0.1, 2.0)`` as
    torchvision's ``GaussianBlur``; a number is a fixed σ). The kernel is separable and
    reaches ``ceil(3 σ_max)`` pixels each way (99.7% of its weight), so no kernel size is
    needed (at most twice the image's size); the borders are extended by reflection.

    Shape: ``(N, H, W, C)`` → the same.

    Example::

        >>> blurred = GaussianBlur(sigma=1.0)(np.eye(8), rng=np.random.default_rng(0))
        >>> bool(blurred.max() < 1.0)
        True
    """

    def __init__(self, sigma=(0.1, 2.0)):
        # σ² must not overflow; ten thousand pixels is wider than any image here
        self.sigma = check_range("sigma", sigma, 0.0, 1e4)
        if self.sigma[0] <= 0:
            raise ValueError(f"sigma must be positive, got {sigma!r}")

    def transform(self, images, rng):
        sigma = rng.uniform(*self.sigma, size=len(images))
        # A kernel wider than twice the image adds nothing that reflection does not repeat,
        # and caps the work (and the memory) of a huge σ.
        widest = 2 * max(images.shape[1:3])
        kernels = gaussian_kernels(sigma, radius=max(1, min(math.ceil(3 * self.sigma[1]), widest)))
        colour, _ = colour_and_alpha(images)
        blurred = convolve_axis(convolve_axis(colour, kernels, axis=1), kernels, axis=2)
        return with_colour(images, blurred)
