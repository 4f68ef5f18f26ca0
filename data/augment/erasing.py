"""Random erasing (cutout): blank out a random rectangle of each image.

Zhong et al., "Random Erasing Data Augmentation" (AAAI 2020); torchvision's
``RandomErasing``.
"""

import numpy as np

from data._checks import check_probability, check_range, check_real, is_number

from .base import Transform
from .crops import random_boxes


class RandomErasing(Transform):
    """Erase a random rectangle of each image, with probability ``p`` per image.

    The rectangle covers a fraction of the area drawn uniformly from ``scale`` and has an
    aspect ratio (width / height) drawn log-uniformly from ``ratio``; up to 10 draws are
    tried, and an image where none fits is left as it is (as torchvision). Inside the
    rectangle every channel becomes ``value``: a number in [0, 1] (default 0, black) or
    ``"random"`` for uniform noise in [0, 1]. Defaults ``p=0.5, scale=(0.02, 0.33),
    ratio=(0.3, 3.3)`` are the paper's and torchvision's.

    Shape: ``(N, H, W, C)`` → the same.

    Example::

        >>> erased = RandomErasing(p=1.0)(np.ones((4, 32, 32, 3)), rng=np.random.default_rng(0))
        >>> bool((erased == 0).any())
        True
    """

    attempts = 10

    def __init__(self, p=0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0.0):
        self.p = check_probability("p", p)
        self.scale = check_range("scale", scale, 0.0, 1.0)
        self.ratio = check_range("ratio", ratio, 0.0)
        if self.ratio[0] <= 0:
            raise ValueError(f"ratio must be positive, got {ratio!r}")
        if isinstance(value, str):
            if value != "random":
                raise ValueError(f"value must be a number in [0, 1] or 'random', got {value!r}")
        elif is_number(value):
            value = check_real("value", value, 0.0, 1.0)
        else:
            raise TypeError(f"value must be a number in [0, 1] or 'random', got {value!r}")
        self.value = value

    def transform(self, images, rng):
        n, height, width, _ = images.shape
        top, left, box_height, box_width, _ = random_boxes(
            rng, n, height, width, self.scale, self.ratio, self.attempts
        )
        # A box of height 0 (no fit found) selects no rows, so that image stays as it is.
        rows = np.arange(height)[None, :, None]
        cols = np.arange(width)[None, None, :]
        inside = (
            (rows >= top[:, None, None])
            & (rows < (top + box_height)[:, None, None])
            & (cols >= left[:, None, None])
            & (cols < (left + box_width)[:, None, None])
        )[..., np.newaxis]
        if self.value == "random":
            fill = rng.random(images.shape).astype(images.dtype)
        else:
            fill = images.dtype.type(self.value)
        return np.where(inside, fill, images)
