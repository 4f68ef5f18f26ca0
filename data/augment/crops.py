"""Crops and resizes: the only transforms that change H and W.

``RandomCrop`` and ``CenterCrop`` cut windows out of the images (no interpolation);
``RandomResizedCrop`` and ``Resize`` read a box of each image onto a new pixel grid with
the shared bilinear sampler (``sampling.sample_bilinear``).
"""

import numpy as np

from data._checks import check_range, check_size, is_int, is_int_sequence

from .base import Transform, check_border
from .sampling import sample_bilinear

#: np.pad's name for each border mode.
_PAD_MODES = {"constant": "constant", "reflect": "reflect", "edge": "edge"}


def resize_boxes(images, top, left, box_height, box_width, size):
    """Resample a box of each image onto a ``size = (height, width)`` grid, bilinearly.

    Output pixel ``i`` of a box starting at ``top`` with ``box_height`` rows reads the input
    at row ``top + (i + 0.5) · box_height / height - 0.5``: pixel centres spread evenly over
    the box (torchvision's ``align_corners=False``).

    Args:
        images: ``(N, H, W, C)``; top, left, box_height, box_width: ``(N,)`` in pixels.

    Returns:
        ``(N, height, width, C)``.
    """
    height, width = size
    out_rows = (np.arange(height) + 0.5) / height
    out_cols = (np.arange(width) + 0.5) / width
    rows = top[:, None] + out_rows * box_height[:, None] - 0.5
    cols = left[:, None] + out_cols * box_width[:, None] - 0.5
    return sample_bilinear(images, rows[:, :, None], cols[:, None, :], border="edge")


def random_boxes(rng, n, height, width, scale, ratio, attempts=10):
    """Draw a random box per image, by area fraction and aspect ratio (Inception-style).

    Each of ``attempts`` tries draws an area ``H·W·s`` with s uniform in ``scale`` and an
    aspect ratio ``a = w/h`` log-uniform in ``ratio``, giving ``w = round(sqrt(area·a))``
    and ``h = round(sqrt(area/a))``; the first box that fits in the image is kept and
    placed uniformly at random. All tries for all images are drawn at once.

    Returns:
        ``(top, left, box_height, box_width, found)``, each ``(n,)``; where ``found`` is
        False no try fitted, and the other four are 0.
    """
    area = height * width * rng.uniform(*scale, size=(n, attempts))
    aspect = np.exp(rng.uniform(*np.log(ratio), size=(n, attempts)))
    # capped at one more than the image, so that an extreme ratio (1e300) is "does not
    # fit" instead of an integer overflow
    widths = np.round(np.minimum(np.sqrt(area * aspect), width + 1)).astype(int)
    heights = np.round(np.minimum(np.sqrt(area / aspect), height + 1)).astype(int)
    fits = (widths >= 1) & (widths <= width) & (heights >= 1) & (heights <= height)
    found = fits.any(axis=1)
    first_fit = np.argmax(fits, axis=1)
    box_width = np.where(found, widths[np.arange(n), first_fit], 0)
    box_height = np.where(found, heights[np.arange(n), first_fit], 0)
    top = np.where(found, rng.integers(0, height - box_height + 1), 0)
    left = np.where(found, rng.integers(0, width - box_width + 1), 0)
    return top, left, box_height, box_width, found


class RandomCrop(Transform):
    """Cut a random ``size`` window out of each image, after optional padding.

    The classic CIFAR-10 recipe is ``RandomCrop(32, padding=4)``: pad 4 pixels on every
    side, then take a random 32×32 window, a shift of up to 4 pixels each way.

    Args:
        size: int ``s`` for ``(s, s)``, or ``(height, width)``.
        padding: pixels added before cropping: an int for all sides, a pair
            ``(left/right, top/bottom)`` or four numbers ``(left, top, right, bottom)``,
            as torchvision.
        border: how the padding is filled: ``"constant"`` (``fill``, 0 by default, as
            torchvision), ``"reflect"`` or ``"edge"``.

    Shape: ``(N, H, W, C)`` → ``(N, height, width, C)``.

    Example::

        >>> RandomCrop(32, padding=4)(np.zeros((16, 32, 32, 3))).shape
        (16, 32, 32, 3)
    """

    def __init__(self, size, padding=0, border="constant", fill=0.0):
        self.size = check_size("size", size)
        self.padding = self._read_padding(padding)
        self.border, self.fill = check_border(border, fill)

    @staticmethod
    def _read_padding(padding):
        """Padding as ``(left, top, right, bottom)`` from an int, a pair or four ints."""
        if is_int(padding):
            padding = (padding,) * 4
        elif is_int_sequence(padding, 2):
            padding = tuple(padding) * 2
        if not is_int_sequence(padding, 4):
            raise TypeError(f"padding must be an int, a pair or four ints, got {padding!r}")
        if min(padding) < 0:
            raise ValueError(f"padding must be >= 0, got {padding!r}")
        return tuple(int(v) for v in padding)

    def transform(self, images, rng):
        left, top, right, bottom = self.padding
        pad_width = ((0, 0), (top, bottom), (left, right), (0, 0))
        if self.border == "constant":
            padded = np.pad(images, pad_width, mode="constant", constant_values=self.fill)
        else:
            padded = np.pad(images, pad_width, mode=_PAD_MODES[self.border])
        n, padded_height, padded_width, _ = padded.shape
        height, width = self.size
        if height > padded_height or width > padded_width:
            raise ValueError(
                f"size {self.size} is larger than the padded image "
                f"({padded_height}, {padded_width}); use a smaller size or more padding"
            )
        top = rng.integers(0, padded_height - height + 1, size=n)
        left = rng.integers(0, padded_width - width + 1, size=n)
        # One gather for the whole batch: image k's rows top[k]..top[k]+height-1, and so on.
        rows = (top[:, None] + np.arange(height))[:, :, None]
        cols = (left[:, None] + np.arange(width))[:, None, :]
        return padded[np.arange(n)[:, None, None], rows, cols]


class CenterCrop(Transform):
    """Cut the central ``size`` window out of each image (deterministic).

    The window starts at row ``round((H - height) / 2)`` and column ``round((W - width) / 2)``
    as torchvision's; a size larger than the image is a ``ValueError``.

    Shape: ``(N, H, W, C)`` → ``(N, height, width, C)``.

    Example::

        >>> CenterCrop(2)(np.arange(16.0).reshape(4, 4) / 15).shape
        (2, 2)
    """

    def __init__(self, size):
        self.size = check_size("size", size)

    def transform(self, images, rng):
        _, image_height, image_width, _ = images.shape
        height, width = self.size
        if height > image_height or width > image_width:
            raise ValueError(
                f"size {self.size} is larger than the images ({image_height}, {image_width})"
            )
        top = round((image_height - height) / 2)
        left = round((image_width - width) / 2)
        return images[:, top : top + height, left : left + width].copy()


class Resize(Transform):
    """Resize images to ``size`` with bilinear interpolation (no anti-aliasing).

    Shape: ``(N, H, W, C)`` → ``(N, height, width, C)``; ``size`` an int or ``(height, width)``.

    Example::

        >>> Resize((4, 6))(np.zeros((2, 8, 8))).shape
        (2, 4, 6)
    """

    def __init__(self, size):
        self.size = check_size("size", size)

    def transform(self, images, rng):
        n, height, width, _ = images.shape
        zeros = np.zeros(n)
        return resize_boxes(images, zeros, zeros, np.full(n, height), np.full(n, width), self.size)


class RandomResizedCrop(Transform):
    """Crop a random box of random area and aspect ratio, then resize it to ``size``.

    The Inception-style crop (torchvision's ``RandomResizedCrop``): for each image, draw a
    fraction of the area uniformly from ``scale`` and an aspect ratio w/h log-uniformly
    from ``ratio``; the box is ``w = round(sqrt(area · ratio))`` by ``h = round(sqrt(area /
    ratio))`` at a random place. Up to 10 draws are tried per image; if none fits, the
    largest centred box within ``ratio`` is used. Defaults ``scale=(0.08, 1.0)``,
    ``ratio=(3/4, 4/3)`` are torchvision's (from the Inception paper, Szegedy et al. 2015).

    Shape: ``(N, H, W, C)`` → ``(N, height, width, C)``.

    Example::

        >>> RandomResizedCrop(24)(np.zeros((4, 32, 32, 3))).shape
        (4, 24, 24, 3)
    """

    attempts = 10

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3)):
        self.size = check_size("size", size)
        self.scale = check_range("scale", scale, 0.0, 1.0)
        self.ratio = check_range("ratio", ratio, 0.0)
        if self.scale[1] <= 0 or self.ratio[0] <= 0:
            raise ValueError(
                f"scale and ratio must be positive, got scale={scale!r}, ratio={ratio!r}"
            )

    def sample_boxes(self, n, height, width, rng):
        """Draw one box ``(top, left, box_height, box_width)`` per image, each ``(n,)``."""
        top, left, box_height, box_width, found = random_boxes(
            rng, n, height, width, self.scale, self.ratio, self.attempts
        )
        # Fallback: the whole image, narrowed to the nearest allowed aspect ratio, centred.
        fallback_width, fallback_height = width, height
        if width / height < self.ratio[0]:
            fallback_height = round(width / self.ratio[0])
        elif width / height > self.ratio[1]:
            fallback_width = round(height * self.ratio[1])
        box_width = np.where(found, box_width, fallback_width)
        box_height = np.where(found, box_height, fallback_height)
        top = np.where(found, top, (height - box_height) // 2)
        left = np.where(found, left, (width - box_width) // 2)
        return top, left, box_height, box_width

    def transform(self, images, rng):
        n, height, width, _ = images.shape
        top, left, box_height, box_width = self.sample_boxes(n, height, width, rng)
        return resize_boxes(images, top, left, box_height, box_width, self.size)
