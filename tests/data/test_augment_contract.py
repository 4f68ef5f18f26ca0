"""The contract every augmentation keeps (DESIGN.md): layouts, dtype, range, seeds, p.

One catalogue of configured transforms; each test runs over all of it."""

import copy

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.augment import (
    Affine,
    AutoAugment,
    AutoContrast,
    CenterCrop,
    ColorJitter,
    Compose,
    Equalize,
    GaussianBlur,
    GaussianNoise,
    Grayscale,
    HorizontalFlip,
    Invert,
    JPEGCompression,
    LensDistortion,
    OneOf,
    Posterize,
    RandAugment,
    RandomApply,
    RandomCrop,
    RandomErasing,
    RandomResizedCrop,
    Resize,
    Rotation,
    Sharpness,
    Solarize,
    VerticalFlip,
)

# (transform, output (height, width) for a 12×10 input, or None when the size is kept)
CATALOGUE = [
    (HorizontalFlip(), None),
    (VerticalFlip(), None),
    (Rotation(30), None),
    (Rotation((-10, 40), border="reflect"), None),
    (Affine(15, translate=(0.2, 0.1), scale=(0.8, 1.2), shear=(-5, 5, -5, 5)), None),
    (Affine(0, shear=10, border="edge"), None),
    (RandomCrop(8, padding=2), (8, 8)),
    (RandomCrop((12, 10), padding=(1, 2, 3, 4), border="reflect"), (12, 10)),
    (CenterCrop((6, 4)), (6, 4)),
    (RandomResizedCrop((7, 9)), (7, 9)),
    (Resize(5), (5, 5)),
    (ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.2), None),
    (Grayscale(p=0.5), None),
    (GaussianNoise(std=0.1), None),
    (GaussianBlur(), None),
    (JPEGCompression(), None),
    (RandomErasing(p=0.7, value="random"), None),
    (LensDistortion(border="reflect"), None),
    (Posterize(bits=3), None),
    (Solarize(threshold=0.4), None),
    (Equalize(), None),
    (AutoContrast(), None),
    (Sharpness(sharpness_factor=2.0), None),
    (Invert(), None),
    (RandAugment(n=3, m=15), None),
    (AutoAugment("imagenet"), None),
    (AutoAugment("cifar10"), None),
    (AutoAugment("svhn", border="edge"), None),
    (Compose([RandomCrop(10, padding=1), HorizontalFlip(), ColorJitter(0.3, 0.3)]), (10, 10)),
    (RandomApply([Rotation(20), GaussianNoise()], p=0.5), None),
    (OneOf([VerticalFlip(p=1.0), Equalize(p=1.0), JPEGCompression(20)]), None),
]
IDS = [repr(transform)[:60] for transform, _ in CATALOGUE]
WITH_P = [t for t, _ in CATALOGUE if "p" in vars(t)]

# input shape -> the shape its images take in the output, as a function of (h, w)
LAYOUTS = {
    "HW": ((12, 10), lambda h, w: (h, w)),
    "HWC grey": ((12, 10, 1), lambda h, w: (h, w, 1)),
    "HWC": ((12, 10, 3), lambda h, w: (h, w, 3)),
    "HWC rgba": ((12, 10, 4), lambda h, w: (h, w, 4)),
    "NHW": ((5, 12, 10), lambda h, w: (5, h, w)),
    "NHWC": ((5, 12, 10, 3), lambda h, w: (5, h, w, 3)),
}


def images(shape, dtype=np.float64, seed=0):
    """Random images of `shape` in [0, 1], with exact 0s and 1s among them."""
    x = np.random.default_rng(seed).random(shape)
    x.flat[:: max(1, x.size // 7)] = 0.0
    x.flat[3 :: max(1, x.size // 5)] = 1.0
    return x.astype(dtype)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("transform", "size"), CATALOGUE, ids=IDS)
def test_layout_dtype_and_range_are_kept(transform, size, layout):
    shape, expected = LAYOUTS[layout]
    for dtype in (np.float32, np.float64):
        x = images(shape, dtype)
        before = x.copy()
        out = transform(x, rng=np.random.default_rng(1))
        assert out.shape == expected(*(size or (12, 10)))
        assert out.dtype == dtype
        assert np.isfinite(out).all() and out.min() >= 0 and out.max() <= 1
        np.testing.assert_array_equal(x, before)  # the input is never written to


@pytest.mark.parametrize(("transform", "size"), CATALOGUE, ids=IDS)
def test_same_seed_same_result_bit_for_bit(transform, size):
    x = images((6, 12, 10, 3))
    first = transform(x, rng=np.random.default_rng(42))
    second = transform(x, rng=np.random.default_rng(42))
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize(("transform", "size"), CATALOGUE, ids=IDS)
def test_without_rng_a_fresh_generator_is_used(transform, size):
    assert transform(images((2, 12, 10, 3))).shape[0] == 2


@pytest.mark.parametrize(
    "transform",
    [t for t, _ in CATALOGUE if not isinstance(t, (CenterCrop, Resize))],
    ids=lambda t: repr(t)[:60],
)
def test_images_of_a_batch_draw_their_own_parameters(transform):
    # The same image repeated 16 times: a random transform must not treat all alike
    # (24×20 pixels, over 256, so that Equalize has levels to spread).
    x = np.repeat(images((1, 24, 20, 3)), 16, axis=0)
    out = transform(x, rng=np.random.default_rng(3))
    assert not all(np.array_equal(out[0], image) for image in out[1:])


@pytest.mark.parametrize("transform", WITH_P, ids=lambda t: repr(t)[:60])
def test_p_0_is_the_identity_and_p_1_always_applies(transform):
    x = images((8, 24, 20, 3))  # over 256 pixels, so that Equalize has levels to spread
    never, always = copy.copy(transform), copy.copy(transform)
    never.p, always.p = 0.0, 1.0
    np.testing.assert_array_equal(never(x, rng=np.random.default_rng(0)), x)
    changed = always(x, rng=np.random.default_rng(0))
    assert all(not np.array_equal(a, b) for a, b in zip(changed, x, strict=True))


@given(
    index=st.integers(0, len(CATALOGUE) - 1),
    batch=st.integers(1, 4),
    height=st.integers(10, 20),
    width=st.integers(10, 20),
    channels=st.sampled_from([1, 2, 3, 4]),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_shape_and_seed(index, batch, height, width, channels, seed):
    transform, size = CATALOGUE[index]
    x = images((batch, height, width, channels), np.float32, seed)
    out = transform(x, rng=np.random.default_rng(seed))
    assert out.shape == (batch, *(size or (height, width)), channels)
    assert out.dtype == np.float32 and out.min() >= 0 and out.max() <= 1
    np.testing.assert_array_equal(out, transform(x, rng=np.random.default_rng(seed)))


def test_every_public_transform_is_in_the_catalogue():
    import data.augment as augment

    covered = {type(t).__name__ for t, _ in CATALOGUE}
    for transform, _ in CATALOGUE:
        covered.update(type(part).__name__ for part in getattr(transform, "transforms", ()))
    public = set(augment.__all__) - {"Transform"}
    assert public <= covered, public - covered
