"""Combinators: build one augmentation out of several.

``Compose`` runs transforms one after the other, ``RandomApply`` runs them on a random
part of the batch, ``OneOf`` runs one of them per image. They are transforms themselves,
so they nest. Their parts must be ``Transform`` instances (subclass ``Transform`` to add
your own, see ``base.py``).
"""

import numpy as np

from data._checks import check_probability

from .base import Transform, put_back


def check_transforms(transforms, name="transforms"):
    """Return ``transforms`` as a tuple after checking it is a non-empty list of Transforms."""
    if not isinstance(transforms, (list, tuple)) or not transforms:
        raise TypeError(f"{name} must be a non-empty list of transforms, got {transforms!r}")
    for index, transform in enumerate(transforms):
        if not isinstance(transform, Transform):
            raise TypeError(
                f"{name}[{index}] must be a Transform (subclass data.augment.Transform), "
                f"got {type(transform).__name__}"
            )
    return tuple(transforms)


class Compose(Transform):
    """Apply ``transforms`` in order: ``Compose([a, b])(x) = b(a(x))``, with one ``rng``.

    Example::

        >>> pipeline = Compose([RandomCrop(32, padding=4), HorizontalFlip(),
        ...                     ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4)])
        >>> pipeline(np.zeros((512, 32, 32, 3)), rng=np.random.default_rng(0)).shape
        (512, 32, 32, 3)
    """

    def __init__(self, transforms):
        self.transforms = check_transforms(transforms)

    def transform(self, images, rng):
        for step in self.transforms:
            images = step.apply(images, rng)
        return images


class RandomApply(Compose):
    """Apply the whole list ``transforms`` to each image with probability ``p`` (0.5).

    As torchvision's ``RandomApply``: an image gets all of them, in order, or none.
    """

    def __init__(self, transforms, p=0.5):
        super().__init__(transforms)
        self.p = check_probability("p", p)


class OneOf(Transform):
    """Apply one of ``transforms`` to each image, picked at random per image.

    ``weights``: how likely each is, relative to the others (default: all equally likely);
    torchvision's ``RandomChoice``, albumentations' ``OneOf``. The transforms must keep the
    image size, since images of one batch may take different ones.

    Example::

        >>> pick = OneOf([HorizontalFlip(p=1.0), VerticalFlip(p=1.0)], weights=[3, 1])
        >>> pick(np.zeros((8, 4, 4)), rng=np.random.default_rng(0)).shape
        (8, 4, 4)
    """

    def __init__(self, transforms, weights=None):
        self.transforms = check_transforms(transforms)
        if weights is None:
            weights = [1.0] * len(self.transforms)
        weights = np.asarray(weights, dtype=float)
        if (
            weights.shape != (len(self.transforms),)
            or not np.all(weights >= 0)
            or weights.sum() <= 0
        ):
            raise ValueError(
                f"weights must be {len(self.transforms)} non-negative numbers, not all 0, "
                f"one per transform; got {weights.tolist()}"
            )
        self.weights = tuple((weights / weights.sum()).tolist())

    def transform(self, images, rng):
        picked = rng.choice(len(self.transforms), size=len(images), p=self.weights)
        augmented = images.copy()
        for index, step in enumerate(self.transforms):
            chosen = picked == index
            if chosen.any():
                put_back(augmented, chosen, step.apply(images[chosen], rng), step)
        return augmented
