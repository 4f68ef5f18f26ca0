"""Radial lens distortion: barrel (the middle bulges) and pincushion (the edges stretch)."""

import numpy as np

from data._checks import check_range

from .base import Transform, check_border
from .sampling import sample_bilinear


class LensDistortion(Transform):
    """Bend straight lines as a cheap lens would, with a random strength ``k`` per image.

    The one-coefficient radial model (Brown–Conrady): the output pixel at distance r from
    the centre reads the input at distance ``r · (1 + k r²)``, along the same ray, with r
    measured in units of the half-diagonal (the corners are at r = 1)::

        source = centre + (p - centre) · (1 + k r²)

    k > 0 reads from further out the further from the centre: the picture is squeezed
    towards the middle, straight lines bow outwards (barrel). k < 0 does the opposite
    (pincushion), k = 0 is the identity. Each image draws k uniformly from ``k`` (default
    ``(-0.3, 0.3)``; a number k means ``(-k, k)``). Pixels are read by the shared bilinear
    sampler; places outside the input are filled by ``border`` (``"constant"`` with
    ``fill``, ``"reflect"`` or ``"edge"``).

    Shape: ``(N, H, W, C)`` → the same.

    Example::

        >>> barrel = LensDistortion(k=(0.3, 0.3))
        >>> barrel(np.random.default_rng(0).random((2, 32, 32, 3))).shape
        (2, 32, 32, 3)
    """

    def __init__(self, k=(-0.3, 0.3), border="constant", fill=0.0):
        self.k = check_range("k", k, symmetric_about=0.0)
        self.border, self.fill = check_border(border, fill)

    def transform(self, images, rng):
        n, height, width, _ = images.shape
        k = rng.uniform(*self.k, size=n)[:, None, None]
        centre_y, centre_x = (height - 1) / 2, (width - 1) / 2
        half_diagonal = max(np.hypot(centre_y, centre_x), 1.0)
        y = ((np.arange(height) - centre_y) / half_diagonal)[None, :, None]
        x = ((np.arange(width) - centre_x) / half_diagonal)[None, None, :]
        stretch = 1 + k * (x**2 + y**2)
        rows = centre_y + y * stretch * half_diagonal
        cols = centre_x + x * stretch * half_diagonal
        return sample_bilinear(images, rows, cols, self.border, self.fill)
