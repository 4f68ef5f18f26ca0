"""Colour and tone transforms, and the policies built on them (RandAugment, AutoAugment)."""

import colorsys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.augment import (
    AutoAugment,
    AutoContrast,
    ColorJitter,
    Equalize,
    Grayscale,
    Invert,
    Posterize,
    RandAugment,
    Sharpness,
    Solarize,
)
from data.augment.color import (
    adjust_brightness,
    adjust_contrast,
    adjust_hue,
    adjust_saturation,
    hsv_to_rgb,
    rgb_to_hsv,
)
from data.augment.policies import (
    AUTOAUGMENT_POLICIES,
    RANDAUGMENT_OPS,
    apply_op,
    op_magnitudes,
)
from data.augment.tone import equalize

seeds = st.integers(0, 2**32 - 1)


def photo(shape, seed=0):
    return np.random.default_rng(seed).random(shape)


@given(seed=seeds)
def test_hsv_round_trip_and_agreement_with_colorsys(seed):
    rgb = photo((50, 3), seed)
    hsv = rgb_to_hsv(rgb)
    expected = np.array([colorsys.rgb_to_hsv(*pixel) for pixel in rgb])
    np.testing.assert_allclose(hsv, expected, atol=1e-12)
    np.testing.assert_allclose(hsv_to_rgb(hsv), rgb, atol=1e-12)


def test_colour_adjustments_follow_their_formulas():
    x = photo((2, 4, 5, 3)) * 0.5
    ones = np.ones(2)
    factors = np.array([1.5, 0.5])
    np.testing.assert_allclose(adjust_brightness(x, factors), x * factors[:, None, None, None])
    for adjust in (adjust_brightness, adjust_contrast, adjust_saturation):
        np.testing.assert_allclose(adjust(x, ones), x)
    np.testing.assert_allclose(adjust_hue(x, np.zeros(2)), x, atol=1e-12)
    grey = adjust_saturation(x, np.zeros(2))
    np.testing.assert_allclose(grey, Grayscale()(x))
    flat = adjust_contrast(x, np.zeros(2))
    assert np.ptp(flat, axis=(1, 2, 3)) == pytest.approx([0, 0], abs=1e-12)


def test_hue_shift_of_a_full_turn_and_of_pure_red():
    red = np.zeros((1, 1, 1, 3))
    red[..., 0] = 1.0
    np.testing.assert_allclose(adjust_hue(red, [1 / 3]), [[[[0.0, 1.0, 0.0]]]], atol=1e-12)
    np.testing.assert_allclose(adjust_hue(red, [-1 / 3]), [[[[0.0, 0.0, 1.0]]]], atol=1e-12)


def test_color_jitter_with_no_strength_is_the_identity_and_grey_stays_grey():
    x = photo((3, 6, 6, 3))
    np.testing.assert_array_equal(ColorJitter()(x), x)
    grey = photo((3, 6, 6))
    out = ColorJitter(saturation=0.9, hue=0.5)(grey, rng=np.random.default_rng(0))
    np.testing.assert_allclose(out, grey)


def test_color_jitter_brightness_factors_stay_in_their_range():
    x = np.full((200, 2, 2, 3), 0.5)
    out = ColorJitter(brightness=(0.5, 0.7))(x, rng=np.random.default_rng(0))
    factors = out[:, 0, 0, 0] / 0.5
    assert factors.min() >= 0.5 and factors.max() <= 0.7 and np.ptp(factors) > 0.15


def test_grayscale_keeps_alpha_and_channel_count():
    rgba = photo((2, 3, 3, 4))
    out = Grayscale()(rgba)
    luma = rgba[..., :3] @ [0.299, 0.587, 0.114]
    np.testing.assert_allclose(out[..., :3], np.repeat(luma[..., None], 3, axis=-1))
    np.testing.assert_array_equal(out[..., 3], rgba[..., 3])


def test_posterize_solarize_invert_autocontrast_exact_values():
    x = np.array([[0.0, 0.2, 0.5, 0.7, 1.0]])
    np.testing.assert_allclose(Posterize(1, p=1.0)(x), [[0, 0, 0, 128 / 255, 128 / 255]])
    np.testing.assert_array_equal(Posterize(8, p=1.0)(x), x)
    np.testing.assert_allclose(Solarize(0.5, p=1.0)(x), [[0.0, 0.2, 0.5, 0.3, 0.0]])
    np.testing.assert_array_equal(Solarize(1.0, p=1.0)(x), x)
    np.testing.assert_allclose(Invert(p=1.0)(x), 1 - x)
    stretched = AutoContrast(p=1.0)(x * 0.5 + 0.25)
    np.testing.assert_allclose(stretched, x)
    np.testing.assert_array_equal(AutoContrast(p=1.0)(np.full((3, 3), 0.4)), 0.4)


def test_equalize_flattens_the_histogram():
    skewed = photo((1, 64, 64, 3)) ** 3
    out = Equalize(p=1.0)(skewed)
    counts = np.histogram(out[0, ..., 0], bins=4, range=(0, 1))[0]
    assert counts.min() > 0.9 * counts.max()
    # Order is kept: a brighter pixel stays at least as bright.
    order = np.argsort(skewed[0, ..., 0], axis=None)
    assert np.all(np.diff(out[0, ..., 0].ravel()[order]) >= 0)


def test_equalize_matches_a_per_channel_reference():
    x = np.round(photo((2, 20, 20, 3)) ** 2 * 255) / 255

    def reference(channel):  # PIL's ImageOps.equalize, one channel at a time
        levels = np.round(channel * 255).astype(int).ravel()
        histogram = np.bincount(levels, minlength=256)
        step = (histogram.sum() - histogram[levels.max()]) // 255
        if step == 0:
            return channel
        lut, total = [], step // 2
        for count in histogram:
            lut.append(min(total // step, 255))
            total += count
        return np.array(lut)[levels].reshape(channel.shape) / 255

    expected = np.stack(
        [np.stack([reference(x[n, ..., c]) for c in range(3)], -1) for n in range(2)]
    )
    np.testing.assert_allclose(equalize(x), expected)


def test_sharpness_factor_one_is_identity_and_zero_smooths_the_interior():
    x = photo((2, 6, 7, 3))
    np.testing.assert_array_equal(Sharpness(1.0, p=1.0)(x), x)
    smooth = Sharpness(0.0, p=1.0)(x)
    np.testing.assert_array_equal(smooth[:, 0], x[:, 0])  # the border is kept
    kernel_sum = sum(
        x[:, 1 + dy : 5 + dy, 1 + dx : 6 + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)
    )
    np.testing.assert_allclose(smooth[:, 1:-1, 1:-1], (kernel_sum + 4 * x[:, 1:-1, 1:-1]) / 13)


WITH_MAGNITUDE = [
    name for name in RANDAUGMENT_OPS if op_magnitudes(name, 31, 9, 11)[0] is not None
]


@pytest.mark.parametrize("name", WITH_MAGNITUDE)
def test_magnitude_zero_is_the_identity_for_ops_that_take_a_magnitude(name):
    x = photo((3, 9, 11, 3))
    magnitudes, signed = op_magnitudes(name, 31, 9, 11)
    magnitude_at_zero = magnitudes[0]
    for sign in (1.0, -1.0) if signed else (1.0,):
        out = apply_op(name, x, np.full(3, sign * magnitude_at_zero), "constant", 0.0)
        np.testing.assert_allclose(out, x, atol=1e-12)


def test_randaugment_at_magnitude_zero_changes_only_through_magnitude_free_ops():
    x = photo((64, 9, 9, 3))
    out = RandAugment(n=2, m=0)(x, rng=np.random.default_rng(0))
    # Only AutoContrast and Equalize can act at m = 0: about 1 image in 4 changes.
    changed = [not np.allclose(a, b) for a, b in zip(out, x, strict=True)]
    assert 0 < sum(changed) < 32


def test_randaugment_n_zero_is_the_identity():
    x = photo((4, 9, 9, 3))
    np.testing.assert_array_equal(RandAugment(n=0)(x), x)


def test_magnitude_tables_match_torchvision():
    assert op_magnitudes("Rotate", 31, 32, 32)[0][30] == 30.0
    np.testing.assert_allclose(op_magnitudes("TranslateX", 31, 10, 331)[0][-1], 150.0)
    posterize_bits = op_magnitudes("Posterize", 10, 1, 1)[0]
    np.testing.assert_array_equal(posterize_bits, [8, 8, 7, 7, 6, 6, 5, 5, 4, 4])
    assert op_magnitudes("Solarize", 10, 1, 1)[0][[0, -1]].tolist() == [1.0, 0.0]


def test_autoaugment_policies_are_the_published_ones():
    assert {name: len(policy) for name, policy in AUTOAUGMENT_POLICIES.items()} == {
        "imagenet": 25,
        "cifar10": 25,
        "svhn": 25,
    }
    assert AUTOAUGMENT_POLICIES["imagenet"][0] == (("Posterize", 0.4, 8), ("Rotate", 0.6, 9))
    for policy in AUTOAUGMENT_POLICIES.values():
        for sub_policy in policy:
            for name, probability, magnitude_bin in sub_policy:
                assert name in (*RANDAUGMENT_OPS, "Invert") and 0 <= probability <= 1
                assert magnitude_bin is None or 0 <= magnitude_bin <= 9


def test_autoaugment_changes_most_images():
    x = photo((32, 16, 16, 3))
    out = AutoAugment()(x, rng=np.random.default_rng(0))
    assert sum(not np.allclose(a, b) for a, b in zip(out, x, strict=True)) > 16
