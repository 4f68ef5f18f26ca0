"""Noise, blur, erasing and the combinators."""

import numpy as np
import pytest

from data.augment import (
    Compose,
    GaussianBlur,
    GaussianNoise,
    HorizontalFlip,
    OneOf,
    RandomApply,
    RandomErasing,
    VerticalFlip,
)
from data.augment.filters import gaussian_kernels


def photo(shape, seed=0):
    return np.random.default_rng(seed).random(shape)


def test_gaussian_noise_has_the_requested_std_and_zero_std_is_identity():
    x = np.full((4, 64, 64, 3), 0.5)
    noise = GaussianNoise(std=0.05)(x, rng=np.random.default_rng(0)) - 0.5
    assert noise.std() == pytest.approx(0.05, rel=0.02)
    assert abs(noise.mean()) < 1e-3
    np.testing.assert_array_equal(GaussianNoise(std=0.0)(x), x)


def test_gaussian_kernels_are_normalised_symmetric_gaussians():
    kernels = gaussian_kernels(np.array([0.5, 2.0]), radius=6)
    np.testing.assert_allclose(kernels.sum(axis=1), 1.0)
    np.testing.assert_allclose(kernels, kernels[:, ::-1])
    assert kernels[0, 6] > kernels[1, 6]  # the narrow one is more peaked


def test_blur_keeps_flat_images_and_the_mean_and_spreads_a_dot():
    flat = np.full((2, 9, 9, 3), 0.3)
    np.testing.assert_allclose(GaussianBlur()(flat), flat)
    dot = np.zeros((1, 21, 21))
    dot[0, 10, 10] = 1.0
    blurred = GaussianBlur(sigma=1.5)(dot)
    assert blurred.sum() == pytest.approx(1.0)  # nothing leaks at the border of a centred dot
    assert 0 < blurred.max() < 0.1
    np.testing.assert_allclose(blurred[0], blurred[0].T)  # isotropic


def test_erasing_blanks_one_rectangle_of_the_requested_area():
    x = np.ones((200, 20, 20, 3))
    out = RandomErasing(p=1.0, scale=(0.1, 0.2), value=0.0)(x, rng=np.random.default_rng(0))
    for image in out:
        rows, cols = np.nonzero(image[..., 0] == 0)
        height, width = np.ptp(rows) + 1, np.ptp(cols) + 1
        assert len(rows) == height * width  # one solid rectangle
        assert 0.08 * 400 <= len(rows) <= 0.22 * 400  # rounding moves the area a little


def test_erasing_with_random_value_fills_noise():
    x = np.zeros((10, 20, 20, 3))
    out = RandomErasing(p=1.0, value="random")(x, rng=np.random.default_rng(0))
    assert len(np.unique(out)) > 100


def test_compose_runs_in_order():
    x = photo((3, 5, 6, 3))
    both = Compose([HorizontalFlip(p=1.0), VerticalFlip(p=1.0)])(x)
    np.testing.assert_array_equal(both, x[:, ::-1, ::-1])


def test_random_apply_applies_all_or_nothing_per_image():
    x = photo((100, 4, 5, 3))
    out = RandomApply([HorizontalFlip(p=1.0), VerticalFlip(p=1.0)], p=0.5)(
        x, rng=np.random.default_rng(0)
    )
    both = [np.array_equal(o, i[::-1, ::-1]) for o, i in zip(out, x, strict=True)]
    none = [np.array_equal(o, i) for o, i in zip(out, x, strict=True)]
    assert all(a or b for a, b in zip(both, none, strict=True)) and 30 < sum(both) < 70


def test_one_of_picks_one_per_image_by_weight():
    x = photo((400, 4, 5, 3))
    out = OneOf([HorizontalFlip(p=1.0), VerticalFlip(p=1.0)], weights=[3, 1])(
        x, rng=np.random.default_rng(0)
    )
    horizontal = sum(np.array_equal(o, i[:, ::-1]) for o, i in zip(out, x, strict=True))
    vertical = sum(np.array_equal(o, i[::-1]) for o, i in zip(out, x, strict=True))
    assert horizontal + vertical == 400 and 260 < horizontal < 340
