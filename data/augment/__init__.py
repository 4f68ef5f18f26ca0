"""Image augmentation in numpy: random transforms for float images in [0, 1].

Every transform is a class; an instance is called as ``t(x, rng=None)`` on one image
(HW, HWC) or a batch (NHW, NHWC) and returns the same layout and dtype, with each image of
a batch drawing its own random parameters from ``rng`` (a ``numpy.random.Generator``; the
same seed gives the same result). See ``layout.py`` for the layouts and ``base.py`` for
writing a transform of your own.

Example:

    >>> import numpy as np
    >>> from data.augment import ColorJitter, Compose, HorizontalFlip, RandomCrop
    >>> augment = Compose([
    ...     RandomCrop(32, padding=4),
    ...     HorizontalFlip(),
    ...     ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4),
    ... ])
    >>> rng = np.random.default_rng(0)
    >>> images = rng.random((512, 32, 32, 3), dtype=np.float32)   # NHWC in [0, 1]
    >>> augmented = augment(images, rng=rng)
    >>> augmented.shape, augmented.dtype
    ((512, 32, 32, 3), dtype('float32'))
"""

from .base import Transform
from .color import ColorJitter, Grayscale
from .combinators import Compose, OneOf, RandomApply
from .crops import CenterCrop, RandomCrop, RandomResizedCrop, Resize
from .erasing import RandomErasing
from .filters import GaussianBlur, GaussianNoise
from .geometric import Affine, HorizontalFlip, Rotation, VerticalFlip
from .jpeg import JPEGCompression
from .lens import LensDistortion
from .policies import AutoAugment, RandAugment
from .tone import AutoContrast, Equalize, Invert, Posterize, Sharpness, Solarize

__all__ = [
    "Affine",
    "AutoAugment",
    "AutoContrast",
    "CenterCrop",
    "ColorJitter",
    "Compose",
    "Equalize",
    "GaussianBlur",
    "GaussianNoise",
    "Grayscale",
    "HorizontalFlip",
    "Invert",
    "JPEGCompression",
    "LensDistortion",
    "OneOf",
    "Posterize",
    "RandAugment",
    "RandomApply",
    "RandomCrop",
    "RandomErasing",
    "RandomResizedCrop",
    "Resize",
    "Rotation",
    "Sharpness",
    "Solarize",
    "Transform",
    "VerticalFlip",
]
