"""Geometric transforms that keep the image size: flips, rotation and affine maps.

Rotation and Affine build one affine map per image and hand it to the shared sampler
(``sampling.warp_affine``), which interpolates bilinearly and fills the border by the
chosen mode. Flips need no interpolation: they reverse an axis.
"""

import numpy as np

from data._checks import check_probability, check_range, check_real, is_number

from .base import Transform, check_border, uniform
from .sampling import warp_affine


def affine_matrices(angle, translate_x, translate_y, scale, shear_x, shear_y):
    """Output-to-input maps ``(N, 2, 3)`` for ``sampling.warp_affine``, one per image.

    The forward map (input position ``p`` to output position, both from the image centre,
    y down) is::

        p_out = s · R(angle) · Shear(shear_x, shear_y) · p + t

    with ``R`` a counter-clockwise rotation on screen (torchvision's sense), ``Shear =
    [[1, tan shear_x], [0, 1]] · [[1, 0], [tan shear_y, 1]]`` and ``t = (translate_x,
    translate_y)`` in pixels. The sampler needs its inverse, ``p = L⁻¹ (p_out - t)``.

    Args: arrays of shape ``(N,)``; angles in degrees, translations in pixels.
    """
    theta, shear_x, shear_y = np.deg2rad(angle), np.deg2rad(shear_x), np.deg2rad(shear_y)
    cos, sin = np.cos(theta), np.sin(theta)
    # On screen y points down, so a counter-clockwise turn sends (1, 0) to (cos, -sin).
    rotation = np.stack([np.stack([cos, sin], -1), np.stack([-sin, cos], -1)], -2)
    ones, zeros = np.ones_like(theta), np.zeros_like(theta)
    shear_along_x = np.stack(
        [np.stack([ones, np.tan(shear_x)], -1), np.stack([zeros, ones], -1)], -2
    )
    shear_along_y = np.stack(
        [np.stack([ones, zeros], -1), np.stack([np.tan(shear_y), ones], -1)], -2
    )
    forward = scale[:, None, None] * rotation @ shear_along_x @ shear_along_y
    inverse = np.linalg.inv(forward)
    translation = np.stack([translate_x, translate_y], -1)[:, :, None]
    return np.concatenate([inverse, -inverse @ translation], axis=2)


class HorizontalFlip(Transform):
    """Mirror images left to right (reverse the W axis), each with probability ``p``.

    ``out[..., i, j, :] = x[..., i, W-1-j, :]``. Default ``p=0.5`` as torchvision's
    ``RandomHorizontalFlip``.

    Example::

        >>> HorizontalFlip(p=1.0)(np.array([[0.0, 0.5, 1.0]])).tolist()
        [[1.0, 0.5, 0.0]]
    """

    def __init__(self, p=0.5):
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return images[:, :, ::-1].copy()


class VerticalFlip(Transform):
    """Mirror images top to bottom (reverse the H axis), each with probability ``p``.

    ``out[..., i, j, :] = x[..., H-1-i, j, :]``. Default ``p=0.5`` as torchvision's
    ``RandomVerticalFlip``.
    """

    def __init__(self, p=0.5):
        self.p = check_probability("p", p)

    def transform(self, images, rng):
        return images[:, ::-1].copy()


class Affine(Transform):
    """Random affine map per image: rotation, translation, scale and shear about the centre.

    Each image draws its own parameters (torchvision's ``RandomAffine``):

    - ``degrees``: angle uniform in ``(-d, d)`` for a number d, or in the given pair;
      positive is counter-clockwise.
    - ``translate=(a, b)``: shift uniform in ``(-a·W, a·W)`` across and ``(-b·H, b·H)`` down
      (fractions of the size; sub-pixel shifts are interpolated, not rounded).
    - ``scale=(lo, hi)``: zoom factor uniform in the range (above 1 enlarges).
    - ``shear``: a number s gives an x-shear angle in ``(-s, s)`` degrees; a pair an x-shear
      range; four numbers an x range and a y range.

    The map is ``p_out = s · R · Shear · p + t`` (see ``affine_matrices``); pixels are read
    with bilinear interpolation, and places outside the input are filled by ``border``
    (``"constant"`` with ``fill=0.0`` by default, torchvision's choice; or ``"reflect"``,
    ``"edge"``).

    Shape: ``(N, H, W, C)`` → ``(N, H, W, C)`` (any layout of ``layout.py``).

    Example::

        >>> augment = Affine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=5)
        >>> images = np.random.default_rng(0).random((8, 32, 32, 3))
        >>> augment(images, rng=np.random.default_rng(1)).shape
        (8, 32, 32, 3)
    """

    def __init__(
        self, degrees, translate=None, scale=None, shear=None, border="constant", fill=0.0
    ):
        self.degrees = check_range("degrees", degrees, symmetric_about=0.0)
        if translate is not None:
            if not (isinstance(translate, (tuple, list)) and len(translate) == 2):
                raise TypeError(f"translate must be a pair of fractions (a, b), got {translate!r}")
            translate = tuple(check_real("translate", v, 0.0, 1.0) for v in translate)
        self.translate = translate
        # Beyond a factor of 1000 either way an image is less than a pixel, or one pixel is
        # the whole image: a mistake, and the inverse map's huge entries lose all precision.
        self.scale = (1.0, 1.0) if scale is None else check_range("scale", scale, 1e-3, 1e3)
        self.shear = self._read_shear(shear)
        self.border, self.fill = check_border(border, fill)

    @staticmethod
    def _read_shear(shear):
        """Shear as ``(x range, y range)`` in degrees, from None, s, (lo, hi) or four numbers."""
        if shear is None:
            return (0.0, 0.0), (0.0, 0.0)
        if isinstance(shear, (tuple, list)) and len(shear) == 4:
            return (
                check_range("shear", tuple(shear[:2]), -90.0, 90.0),
                check_range("shear", tuple(shear[2:]), -90.0, 90.0),
            )
        if is_number(shear) and shear >= 90:
            raise ValueError(f"shear must be below 90 degrees, got {shear!r}")
        return check_range("shear", shear, -90.0, 90.0, symmetric_about=0.0), (0.0, 0.0)

    def transform(self, images, rng):
        n, height, width, _ = images.shape
        angle = uniform(rng, self.degrees, n)
        if self.translate is None:
            translate_x = translate_y = np.zeros(n)
        else:
            max_x, max_y = self.translate[0] * width, self.translate[1] * height
            translate_x = rng.uniform(-max_x, max_x, size=n)
            translate_y = rng.uniform(-max_y, max_y, size=n)
        scale = uniform(rng, self.scale, n)
        shear_x, shear_y = uniform(rng, self.shear[0], n), uniform(rng, self.shear[1], n)
        matrices = affine_matrices(angle, translate_x, translate_y, scale, shear_x, shear_y)
        return warp_affine(images, matrices, self.border, self.fill)


class Rotation(Affine):
    """Rotate each image about its centre by a random angle (torchvision's ``RandomRotation``).

    ``degrees``: a number d draws the angle uniformly from ``(-d, d)``; a pair ``(lo, hi)``
    from that range. Positive angles turn counter-clockwise, as torchvision's; 90 degrees
    equals ``np.rot90`` away from the border. ``border`` and ``fill`` as for ``Affine``.

    Example::

        >>> Rotation(degrees=(90, 90))(np.eye(3)).round(6).tolist()
        [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    """

    def __init__(self, degrees, border="constant", fill=0.0):
        super().__init__(degrees, border=border, fill=fill)
