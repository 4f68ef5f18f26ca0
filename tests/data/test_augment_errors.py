"""Layouts and every error case: bad images, bad rng, bad arguments, each named."""

import numpy as np
import pytest

from data.augment import (
    Affine,
    AutoAugment,
    CenterCrop,
    ColorJitter,
    Compose,
    GaussianBlur,
    GaussianNoise,
    Grayscale,
    HorizontalFlip,
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
    Transform,
    VerticalFlip,
)
from data.augment.layout import from_batch, layout_of, to_batch


@pytest.mark.parametrize(
    ("shape", "layout", "batch_shape"),
    [
        ((7, 5), "HW", (1, 7, 5, 1)),
        ((7, 5, 1), "HWC", (1, 7, 5, 1)),
        ((7, 5, 3), "HWC", (1, 7, 5, 3)),
        ((7, 5, 4), "HWC", (1, 7, 5, 4)),
        ((7, 5, 2), "NHW", (7, 5, 2, 1)),
        ((7, 5, 6), "NHW", (7, 5, 6, 1)),
        ((2, 7, 5, 3), "NHWC", (2, 7, 5, 3)),
        ((2, 7, 5, 2), "NHWC", (2, 7, 5, 2)),
    ],
)
def test_layouts_follow_the_design(shape, layout, batch_shape):
    x = np.zeros(shape)
    batch, found = to_batch(x)
    assert (found, batch.shape) == (layout, batch_shape)
    assert layout_of(x) == layout
    assert from_batch(batch, found).shape == shape


IMAGE_ERRORS = [
    ([[0.5, 0.5]], TypeError, "numpy array"),
    (np.zeros((4, 4), dtype=np.uint8), TypeError, "dtype uint8"),
    (np.zeros((4, 4), dtype=bool), TypeError, "float"),
    (np.zeros(4), ValueError, "1 dimensions"),
    (np.zeros((1, 2, 2, 2, 1)), ValueError, "5 dimensions"),
    (np.zeros((0, 4)), ValueError, "at least 1x1"),
    (np.full((4, 4), 1.5), ValueError, "values in [0, 1]"),
    (np.full((4, 4), -0.1), ValueError, "-0.1"),
    (np.array([[0.5, np.nan]]), ValueError, "values in [0, 1]"),
    (np.array([[0.5, np.inf]]), ValueError, "inf"),
]


@pytest.mark.parametrize(("x", "error", "message"), IMAGE_ERRORS)
def test_bad_images_are_refused_with_a_message(x, error, message):
    with pytest.raises(error, match="x ") as raised:
        HorizontalFlip()(x)
    assert message in str(raised.value)


@pytest.mark.parametrize("rng", [0, np.random.RandomState(0), "seed"])
def test_rng_must_be_a_generator(rng):
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        HorizontalFlip()(np.zeros((4, 4)), rng=rng)


def test_an_empty_batch_stays_empty():
    assert HorizontalFlip()(np.zeros((0, 4, 4, 3))).shape == (0, 4, 4, 3)


ARGUMENT_ERRORS = [
    (lambda: HorizontalFlip(p=1.5), ValueError, "p must be in"),
    (lambda: VerticalFlip(p="half"), TypeError, "p must be a number"),
    (lambda: Grayscale(p=True), TypeError, "p must be a number"),
    (lambda: Rotation(-10), ValueError, "degrees as a single number must be >= 0"),
    (lambda: Rotation((10, -10)), ValueError, "degrees must be a range"),
    (lambda: Rotation((1, 2, 3)), TypeError, "degrees must be a number or a pair"),
    (lambda: Rotation(10, border="wrap"), ValueError, "border must be one of"),
    (lambda: Rotation(10, fill=2.0), ValueError, "fill must be in"),
    (lambda: Affine(0, translate=0.1), TypeError, "translate must be a pair"),
    (lambda: Affine(0, translate=(0.1, 1.5)), ValueError, "translate must be in"),
    (lambda: Affine(0, scale=(0.0, 1.0)), ValueError, "scale must be a range .* with 0.001 <= lo"),
    (lambda: Affine(0, scale=(1.2, 0.8)), ValueError, "scale must be a range"),
    (lambda: Affine(0, shear=95), ValueError, "shear must be below 90"),
    (lambda: Affine(0, shear=(1, 2, 3)), TypeError, "shear must be a number or a pair"),
    (lambda: RandomCrop(0), ValueError, "size must be at least 1"),
    (lambda: RandomCrop(3.5), TypeError, "size must be an int"),
    (lambda: RandomCrop(4, padding=-1), ValueError, "padding must be >= 0"),
    (lambda: RandomCrop(4, padding=(1, 2, 3)), TypeError, "padding must be an int"),
    (lambda: RandomCrop(4, border="mirror"), ValueError, "border must be one of"),
    (lambda: CenterCrop((2, 2, 2)), TypeError, "size must be an int or a pair"),
    (lambda: Resize(-3), ValueError, "size must be at least 1"),
    (lambda: RandomResizedCrop(8, scale=(0.5, 1.5)), ValueError, "scale must be a range"),
    (lambda: RandomResizedCrop(8, ratio=(0.0, 1.0)), ValueError, "ratio must be positive"),
    (lambda: ColorJitter(brightness=-0.1), ValueError, "brightness must be in"),
    (lambda: ColorJitter(contrast=(1.5, 0.5)), ValueError, "contrast must be a range"),
    (lambda: ColorJitter(saturation="lots"), TypeError, "saturation must be a number"),
    (lambda: ColorJitter(hue=0.6), ValueError, "hue must be a range"),
    (lambda: GaussianNoise(std=-1), ValueError, "std must be in"),
    (lambda: GaussianBlur(sigma=0), ValueError, "sigma must be positive"),
    (lambda: GaussianBlur(sigma=(2, 1)), ValueError, "sigma must be a range"),
    (lambda: JPEGCompression(quality=0), ValueError, "quality must be within 1..100"),
    (lambda: JPEGCompression(quality=(90, 30)), ValueError, "quality must be within"),
    (lambda: JPEGCompression(quality=50.5), TypeError, "quality must be an int"),
    (lambda: RandomErasing(scale=(0.5, 0.1)), ValueError, "scale must be a range"),
    (lambda: RandomErasing(ratio=(0, 1)), ValueError, "ratio must be positive"),
    (lambda: RandomErasing(value="noise"), ValueError, r"in \[0, 1\] or .random."),
    (lambda: RandomErasing(value=[0.5]), TypeError, "value must be a number"),
    (lambda: RandomErasing(value=2), ValueError, "value must be in"),
    (lambda: LensDistortion(k=(0.3, -0.3)), ValueError, "k must be a range"),
    (lambda: Posterize(bits=0), ValueError, "bits must be in"),
    (lambda: Posterize(bits=4.0), TypeError, "bits must be an int"),
    (lambda: Solarize(threshold=1.5), ValueError, "threshold must be in"),
    (lambda: Sharpness(sharpness_factor=-1), ValueError, "sharpness_factor must be in"),
    (lambda: RandAugment(n=-1), ValueError, "n must be >= 0"),
    (lambda: RandAugment(m=31), ValueError, "m must be in 0..30"),
    (lambda: RandAugment(m=9.5), TypeError, "m must be an int"),
    (lambda: RandAugment(num_magnitude_bins=1), ValueError, "num_magnitude_bins must be"),
    (lambda: AutoAugment("mnist"), ValueError, "policy must be one of"),
    (lambda: Compose([]), TypeError, "transforms must be a non-empty list"),
    (lambda: Compose(HorizontalFlip()), TypeError, "transforms must be a non-empty list"),
    (lambda: Compose([np.flipud]), TypeError, r"transforms\[0\] must be a Transform"),
    (lambda: RandomApply([HorizontalFlip()], p=2), ValueError, "p must be in"),
    (lambda: OneOf([HorizontalFlip()], weights=[1, 2]), ValueError, "weights must be 1"),
    (lambda: OneOf([HorizontalFlip()], weights=[0]), ValueError, "not all 0"),
]


@pytest.mark.parametrize(("make", "error", "message"), ARGUMENT_ERRORS)
def test_bad_arguments_are_refused_with_a_message(make, error, message):
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize(
    ("transform", "message"),
    [
        (CenterCrop(8), r"size \(8, 8\) is larger than the images \(4, 6\)"),
        (RandomCrop(8, padding=1), r"larger than the padded image \(6, 8\)"),
        (RandomApply([CenterCrop(2)], p=0.5), "RandomApply changes the image size"),
        (OneOf([CenterCrop(2), HorizontalFlip()]), "CenterCrop changes the image size"),
    ],
)
def test_sizes_that_cannot_work_are_refused_when_called(transform, message):
    with pytest.raises(ValueError, match=message):
        transform(np.zeros((8, 4, 6)), rng=np.random.default_rng(0))


def test_a_transform_without_transform_method_says_so():
    class Unfinished(Transform):
        pass

    with pytest.raises(NotImplementedError, match="Unfinished must define transform"):
        Unfinished()(np.zeros((4, 4)))
