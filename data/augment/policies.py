"""Learned and random augmentation policies: ``AutoAugment`` and ``RandAugment``.

Both draw from the same list of operations, each with a magnitude on a scale of bins:

==============  ==============================  ===================================
operation       magnitude at the top bin        effect
==============  ==============================  ===================================
Identity        —                               nothing
ShearX, ShearY  0.3 (shear factor tan θ)        affine shear, random sign
TranslateX/Y    150/331 of the width / height   shift in pixels, random sign
Rotate          30 degrees                      rotation, random sign
Brightness      0.9                             brightness factor 1 ± m
Color           0.9                             saturation factor 1 ± m
Contrast        0.9                             contrast factor 1 ± m
Sharpness       0.9                             sharpness factor 1 ± m
Posterize       4 bits (from 8 at bin 0)        fewer bits per channel
Solarize        threshold 0 (from 1 at bin 0)   invert above the threshold
AutoContrast    —                               stretch each channel to [0, 1]
Equalize        —                               histogram equalisation
Invert          —                               1 - x (AutoAugment only)
==============  ==============================  ===================================

Magnitudes grow linearly from bin 0 (no change) to the top bin, as torchvision defines
them for both policies. Geometric operations fill the uncovered border by ``border`` and
``fill`` (``"constant"`` 0 by default, as torchvision).
"""

import numpy as np

from data._checks import is_int

from . import color, tone
from .base import Transform, check_border
from .geometric import affine_matrices
from .sampling import warp_affine

#: RandAugment's 14 operations (Cubuk et al. 2020, as torchvision's RandAugment).
RANDAUGMENT_OPS = (
    "Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness",
    "Color", "Contrast", "Sharpness", "Posterize", "Solarize", "AutoContrast", "Equalize",
)  # fmt: skip


def op_magnitudes(name, bins, height, width):
    """The magnitude of operation ``name`` at each of ``bins`` bins, and whether it is signed.

    Returns ``(magnitudes, signed)`` with ``magnitudes`` an array ``(bins,)``, or ``None``
    for operations that take no magnitude.
    """
    if name in ("ShearX", "ShearY"):
        return np.linspace(0.0, 0.3, bins), True
    if name == "TranslateX":
        return np.linspace(0.0, 150 / 331 * width, bins), True
    if name == "TranslateY":
        return np.linspace(0.0, 150 / 331 * height, bins), True
    if name == "Rotate":
        return np.linspace(0.0, 30.0, bins), True
    if name in ("Brightness", "Color", "Contrast", "Sharpness"):
        return np.linspace(0.0, 0.9, bins), True
    if name == "Posterize":
        return 8 - np.round(np.arange(bins) / ((bins - 1) / 4)), False
    if name == "Solarize":
        return np.linspace(1.0, 0.0, bins), False
    return None, False


def apply_op(name, images, magnitude, border, fill):
    """Apply operation ``name`` to a batch with one (signed) ``magnitude`` per image."""
    zeros, ones = np.zeros(len(images)), np.ones(len(images))
    if name in ("ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate"):
        # A shear factor m is the tangent of the shear angle (PIL's affine, as in the papers).
        shear = np.degrees(np.arctan(magnitude))
        matrices = affine_matrices(
            angle=magnitude if name == "Rotate" else zeros,
            translate_x=magnitude if name == "TranslateX" else zeros,
            translate_y=magnitude if name == "TranslateY" else zeros,
            scale=ones,
            shear_x=shear if name == "ShearX" else zeros,
            shear_y=shear if name == "ShearY" else zeros,
        )
        return warp_affine(images, matrices, border, fill)
    if name == "Brightness":
        return color.adjust_brightness(images, 1 + magnitude)
    if name == "Color":
        return color.adjust_saturation(images, 1 + magnitude)
    if name == "Contrast":
        return color.adjust_contrast(images, 1 + magnitude)
    if name == "Sharpness":
        return tone.adjust_sharpness(images, 1 + magnitude)
    if name == "Posterize":
        return tone.posterize(images, magnitude)
    if name == "Solarize":
        return tone.solarize(images, magnitude)
    if name == "AutoContrast":
        return tone.autocontrast(images)
    if name == "Equalize":
        return tone.equalize(images)
    if name == "Invert":
        return tone.invert(images)
    if name == "Identity":
        return images
    raise ValueError(f"unknown operation {name!r}")


def signed_magnitudes(name, magnitude_bin, bins, images, rng):
    """One magnitude per image for ``name`` at ``magnitude_bin``, with a random sign if the
    operation is signed (each sign is drawn, even for unsigned ones, to keep streams aligned)."""
    _, height, width, _ = images.shape
    magnitudes, signed = op_magnitudes(name, bins, height, width)
    signs = np.where(rng.random(len(images)) < 0.5, -1.0, 1.0)
    if magnitudes is None:
        return np.zeros(len(images))
    return magnitudes[magnitude_bin] * (signs if signed else 1.0)


class RandAugment(Transform):
    """RandAugment: ``n`` operations per image, chosen at random, all at magnitude ``m``.

    Cubuk et al., "RandAugment: Practical automated data augmentation with a reduced search
    space" (CVPR workshops 2020). Each image picks ``n`` operations uniformly (with
    repetition) from ``RANDAUGMENT_OPS``, and applies them in turn at magnitude bin ``m``
    of ``num_magnitude_bins`` (torchvision's scale: 31 bins, 0–30; ``m=9`` and ``n=2`` are
    its defaults). Signed operations flip their sign at random. Magnitude 0 is the identity
    for every operation that takes a magnitude. See the module docstring for the table.

    Shape: ``(N, H, W, C)`` → the same.

    Example::

        >>> RandAugment(n=2, m=9)(np.zeros((8, 32, 32, 3)), rng=np.random.default_rng(0)).shape
        (8, 32, 32, 3)
    """

    def __init__(self, n=2, m=9, num_magnitude_bins=31, border="constant", fill=0.0):
        for name, value in (("n", n), ("m", m), ("num_magnitude_bins", num_magnitude_bins)):
            if not is_int(value):
                raise TypeError(f"{name} must be an int, got {value!r}")
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n!r}")
        if num_magnitude_bins < 2:
            raise ValueError(f"num_magnitude_bins must be >= 2, got {num_magnitude_bins!r}")
        if not 0 <= m < num_magnitude_bins:
            raise ValueError(f"m must be in 0..{num_magnitude_bins - 1}, got {m!r}")
        self.n, self.m, self.num_magnitude_bins = int(n), int(m), int(num_magnitude_bins)
        self.border, self.fill = check_border(border, fill)

    def transform(self, images, rng):
        images = images.copy()
        for _ in range(self.n):
            picked = rng.integers(len(RANDAUGMENT_OPS), size=len(images))
            for index, name in enumerate(RANDAUGMENT_OPS):
                chosen = picked == index
                if not chosen.any():
                    continue
                magnitudes = signed_magnitudes(
                    name, self.m, self.num_magnitude_bins, images[chosen], rng
                )
                images[chosen] = apply_op(name, images[chosen], magnitudes, self.border, self.fill)
        return images


# The published sub-policies (Cubuk et al., "AutoAugment: Learning Augmentation Strategies
# from Data", CVPR 2019, appendix; as torchvision lists them): two steps each, every step
# (operation, probability, magnitude bin of 10 or None).
AUTOAUGMENT_POLICIES = {
    "imagenet": (
        (("Posterize", 0.4, 8), ("Rotate", 0.6, 9)),
        (("Solarize", 0.6, 5), ("AutoContrast", 0.6, None)),
        (("Equalize", 0.8, None), ("Equalize", 0.6, None)),
        (("Posterize", 0.6, 7), ("Posterize", 0.6, 6)),
        (("Equalize", 0.4, None), ("Solarize", 0.2, 4)),
        (("Equalize", 0.4, None), ("Rotate", 0.8, 8)),
        (("Solarize", 0.6, 3), ("Equalize", 0.6, None)),
        (("Posterize", 0.8, 5), ("Equalize", 1.0, None)),
        (("Rotate", 0.2, 3), ("Solarize", 0.6, 8)),
        (("Equalize", 0.6, None), ("Posterize", 0.4, 6)),
        (("Rotate", 0.8, 8), ("Color", 0.4, 0)),
        (("Rotate", 0.4, 9), ("Equalize", 0.6, None)),
        (("Equalize", 0.0, None), ("Equalize", 0.8, None)),
        (("Invert", 0.6, None), ("Equalize", 1.0, None)),
        (("Color", 0.6, 4), ("Contrast", 1.0, 8)),
        (("Rotate", 0.8, 8), ("Color", 1.0, 2)),
        (("Color", 0.8, 8), ("Solarize", 0.8, 7)),
        (("Sharpness", 0.4, 7), ("Invert", 0.6, None)),
        (("ShearX", 0.6, 5), ("Equalize", 1.0, None)),
        (("Color", 0.4, 0), ("Equalize", 0.6, None)),
        (("Equalize", 0.4, None), ("Solarize", 0.2, 4)),
        (("Solarize", 0.6, 5), ("AutoContrast", 0.6, None)),
        (("Invert", 0.6, None), ("Equalize", 1.0, None)),
        (("Color", 0.6, 4), ("Contrast", 1.0, 8)),
        (("Equalize", 0.8, None), ("Equalize", 0.6, None)),
    ),
    "cifar10": (
        (("Invert", 0.1, None), ("Contrast", 0.2, 6)),
        (("Rotate", 0.7, 2), ("TranslateX", 0.3, 9)),
        (("Sharpness", 0.8, 1), ("Sharpness", 0.9, 3)),
        (("ShearY", 0.5, 8), ("TranslateY", 0.7, 9)),
        (("AutoContrast", 0.5, None), ("Equalize", 0.9, None)),
        (("ShearY", 0.2, 7), ("Posterize", 0.3, 7)),
        (("Color", 0.4, 3), ("Brightness", 0.6, 7)),
        (("Sharpness", 0.3, 9), ("Brightness", 0.7, 9)),
        (("Equalize", 0.6, None), ("Equalize", 0.5, None)),
        (("Contrast", 0.6, 7), ("Sharpness", 0.6, 5)),
        (("Color", 0.7, 7), ("TranslateX", 0.5, 8)),
        (("Equalize", 0.3, None), ("AutoContrast", 0.4, None)),
        (("TranslateY", 0.4, 3), ("Sharpness", 0.2, 6)),
        (("Brightness", 0.9, 6), ("Color", 0.2, 8)),
        (("Solarize", 0.5, 2), ("Invert", 0.0, None)),
        (("Equalize", 0.2, None), ("AutoContrast", 0.6, None)),
        (("Equalize", 0.2, None), ("Equalize", 0.6, None)),
        (("Color", 0.9, 9), ("Equalize", 0.6, None)),
        (("AutoContrast", 0.8, None), ("Solarize", 0.2, 8)),
        (("Brightness", 0.1, 3), ("Color", 0.7, 0)),
        (("Solarize", 0.4, 5), ("AutoContrast", 0.9, None)),
        (("TranslateY", 0.9, 9), ("TranslateY", 0.7, 9)),
        (("AutoContrast", 0.9, None), ("Solarize", 0.8, 3)),
        (("Equalize", 0.8, None), ("Invert", 0.1, None)),
        (("TranslateY", 0.7, 9), ("AutoContrast", 0.9, None)),
    ),
    "svhn": (
        (("ShearX", 0.9, 4), ("Invert", 0.2, None)),
        (("ShearY", 0.9, 8), ("Invert", 0.7, None)),
        (("Equalize", 0.6, None), ("Solarize", 0.6, 6)),
        (("Invert", 0.9, None), ("Equalize", 0.6, None)),
        (("Equalize", 0.6, None), ("Rotate", 0.9, 3)),
        (("ShearX", 0.9, 4), ("AutoContrast", 0.8, None)),
        (("ShearY", 0.9, 8), ("Invert", 0.4, None)),
        (("ShearY", 0.9, 5), ("Solarize", 0.2, 6)),
        (("Invert", 0.9, None), ("AutoContrast", 0.8, None)),
        (("Equalize", 0.6, None), ("Rotate", 0.9, 3)),
        (("ShearX", 0.9, 4), ("Solarize", 0.3, 3)),
        (("ShearY", 0.8, 8), ("Invert", 0.7, None)),
        (("Equalize", 0.9, None), ("TranslateY", 0.6, 6)),
        (("Invert", 0.9, None), ("Equalize", 0.6, None)),
        (("Contrast", 0.3, 3), ("Rotate", 0.8, 4)),
        (("Invert", 0.8, None), ("TranslateY", 0.0, 2)),
        (("ShearY", 0.7, 6), ("Solarize", 0.4, 8)),
        (("Invert", 0.6, None), ("Rotate", 0.8, 4)),
        (("ShearY", 0.3, 7), ("TranslateX", 0.9, 3)),
        (("ShearX", 0.1, 6), ("Invert", 0.6, None)),
        (("Solarize", 0.7, 2), ("TranslateY", 0.6, 7)),
        (("ShearY", 0.8, 4), ("Invert", 0.8, None)),
        (("ShearX", 0.7, 9), ("TranslateY", 0.8, 3)),
        (("ShearY", 0.8, 5), ("AutoContrast", 0.7, None)),
        (("ShearX", 0.7, 2), ("Invert", 0.1, None)),
    ),
}


class AutoAugment(Transform):
    """AutoAugment: a sub-policy learned on a data set, picked at random per image.

    Cubuk et al., "AutoAugment: Learning Augmentation Strategies from Data" (CVPR 2019).
    ``policy`` is ``"imagenet"`` (the default, as torchvision), ``"cifar10"`` or ``"svhn"``:
    25 sub-policies of two steps each (``AUTOAUGMENT_POLICIES``). Each image picks one
    sub-policy uniformly; each step then runs with its own probability, at its magnitude
    bin on a scale of 10 (see the module docstring), with a random sign for signed
    operations.

    Shape: ``(N, H, W, C)`` → the same.

    Example::

        >>> AutoAugment("cifar10")(np.zeros((8, 32, 32, 3)), rng=np.random.default_rng(0)).shape
        (8, 32, 32, 3)
    """

    magnitude_bins = 10

    def __init__(self, policy="imagenet", border="constant", fill=0.0):
        if policy not in AUTOAUGMENT_POLICIES:
            raise ValueError(
                f"policy must be one of {tuple(AUTOAUGMENT_POLICIES)}, got {policy!r}"
            )
        self.policy = policy
        self.border, self.fill = check_border(border, fill)

    def transform(self, images, rng):
        sub_policies = AUTOAUGMENT_POLICIES[self.policy]
        picked = rng.integers(len(sub_policies), size=len(images))
        images = images.copy()
        for index, sub_policy in enumerate(sub_policies):
            in_group = np.flatnonzero(picked == index)
            for name, probability, magnitude_bin in sub_policy:
                chosen = in_group[rng.random(len(in_group)) < probability]
                if not len(chosen):
                    continue
                magnitudes = signed_magnitudes(
                    name, magnitude_bin or 0, self.magnitude_bins, images[chosen], rng
                )
                images[chosen] = apply_op(name, images[chosen], magnitudes, self.border, self.fill)
        return images
