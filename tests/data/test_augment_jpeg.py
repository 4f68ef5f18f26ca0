"""JPEG compression: real DCT quantisation, nearly lossless at 100, blocky at 10."""

import numpy as np
import pytest

from data.augment import JPEGCompression
from data.augment.jpeg import LUMINANCE_TABLE, dct_matrix, quantisation_tables


def smooth_photo(shape_hw=(64, 64), seed=0):
    """A smooth colour gradient with mild noise: a stand-in for a natural photo."""
    rows, cols = np.mgrid[0 : shape_hw[0], 0 : shape_hw[1]]
    rows, cols = rows / shape_hw[0], cols / shape_hw[1]
    rgb = np.stack([rows, cols, (rows + cols) / 2], axis=-1) * 0.8 + 0.1
    noise = 0.03 * np.random.default_rng(seed).standard_normal(rgb.shape)
    return np.clip(rgb + noise, 0, 1)[None]


def blockiness(images):
    """Mean jump across the 8-pixel block boundaries over the mean jump inside blocks.

    About 1 for an image without block structure; well above 1 for blocky JPEG output."""
    jumps = np.abs(np.diff(images, axis=2)).mean(axis=(0, 1, 3))
    at_boundary = np.arange(jumps.size) % 8 == 7
    return jumps[at_boundary].mean() / jumps[~at_boundary].mean()


def test_dct_matrix_is_orthonormal():
    dct = dct_matrix()
    np.testing.assert_allclose(dct @ dct.T, np.eye(8), atol=1e-12)
    np.testing.assert_allclose(dct[0], np.full(8, np.sqrt(1 / 8)))


@pytest.mark.parametrize(("quality", "corner"), [(50, 16), (100, 1), (10, 80), (1, 255)])
def test_ijg_quality_scaling(quality, corner):
    table = quantisation_tables(LUMINANCE_TABLE, [quality])[0]
    assert table[0, 0] == corner
    if quality == 50:
        np.testing.assert_array_equal(table, LUMINANCE_TABLE)


def test_quality_100_is_nearly_lossless():
    x = smooth_photo()
    out = JPEGCompression(quality=100)(x, rng=np.random.default_rng(0))
    assert np.abs(out - x).max() < 3 / 255
    assert blockiness(out) == pytest.approx(blockiness(x), abs=0.1)


def test_quality_10_is_visibly_blocky_and_lower_quality_loses_more():
    x = smooth_photo()
    errors = {}
    for quality in (90, 50, 10):
        out = JPEGCompression(quality=quality)(x, rng=np.random.default_rng(0))
        errors[quality] = np.abs(out - x).mean()
    low = JPEGCompression(quality=10)(x, rng=np.random.default_rng(0))
    assert blockiness(low) > 2.5
    assert errors[90] < errors[50] < errors[10]


def test_output_is_on_8_bit_levels_for_grey_and_odd_sizes():
    grey = smooth_photo((13, 21))[..., 0]
    out = JPEGCompression(quality=(20, 60))(grey, rng=np.random.default_rng(0))
    assert out.shape == (1, 13, 21)
    np.testing.assert_allclose(out * 255, np.round(out * 255), atol=1e-9)


def test_a_flat_block_keeps_its_level_up_to_the_dc_step():
    # Level 100 - 128 gives a DC coefficient of 8 · (-28) = -224: a multiple of the DC
    # step 16 at quality 50 (kept exactly), but rounded to -255 by the step 255 at quality 1.
    flat = np.full((8, 8, 3), 100 / 255)
    np.testing.assert_allclose(JPEGCompression(quality=50)(flat), flat, atol=1e-9)
    coarse = JPEGCompression(quality=1)(flat)
    np.testing.assert_allclose(coarse, np.round(128 - 255 / 8) / 255, atol=1e-9)


def test_alpha_is_untouched():
    rgba = np.concatenate([smooth_photo((16, 16)), np.full((1, 16, 16, 1), 0.3)], axis=-1)
    out = JPEGCompression(quality=10)(rgba, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(out[..., 3], 0.3)
