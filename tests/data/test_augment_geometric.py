"""Warps, flips and crops: exact where the geometry is exact."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.augment import (
    Affine,
    CenterCrop,
    HorizontalFlip,
    LensDistortion,
    RandomCrop,
    RandomResizedCrop,
    Resize,
    Rotation,
    VerticalFlip,
)
from data.augment.crops import random_boxes
from data.augment.sampling import sample_bilinear, warp_affine

seeds = st.integers(0, 2**32 - 1)


def rng(seed=0):
    return np.random.default_rng(seed)


def photo(shape, seed=0):
    return np.random.default_rng(seed).random(shape)


@given(seed=seeds, height=st.integers(1, 9), width=st.integers(1, 9))
def test_flips_are_reversals(seed, height, width):
    x = photo((3, height, width, 3), seed)
    np.testing.assert_array_equal(HorizontalFlip(p=1.0)(x), x[:, :, ::-1])
    np.testing.assert_array_equal(VerticalFlip(p=1.0)(x), x[:, ::-1])


def test_flip_with_p_half_flips_some_images_and_leaves_the_rest():
    x = photo((64, 5, 5))
    out = HorizontalFlip(p=0.5)(x, rng=rng())
    flipped = np.array([np.array_equal(o, i[:, ::-1]) for o, i in zip(out, x, strict=True)])
    kept = np.array([np.array_equal(o, i) for o, i in zip(out, x, strict=True)])
    assert np.all(flipped ^ kept) and 16 < flipped.sum() < 48


@pytest.mark.parametrize("border", ["constant", "reflect", "edge"])
@pytest.mark.parametrize(("angle", "turns"), [(90, 1), (-90, 3), (180, 2)])
def test_quarter_turns_equal_rot90_away_from_the_border(angle, turns, border):
    x = photo((2, 12, 16, 3))
    out = Rotation((angle, angle), border=border)(x)
    expected = np.rot90(x, turns, axes=(1, 2))
    if turns % 2:  # a 12×16 image turned a quarter: compare the central 12×12 square
        np.testing.assert_allclose(out[:, :, 2:-2], expected[:, 2:-2], atol=1e-12)
    else:
        np.testing.assert_allclose(out, expected, atol=1e-12)


def test_rotation_by_a_pair_range_and_zero_is_the_identity():
    x = photo((4, 7, 9, 3))
    np.testing.assert_allclose(Rotation(0)(x, rng=rng()), x, atol=1e-12)
    np.testing.assert_allclose(Affine((0, 0), scale=(1, 1), shear=0)(x), x, atol=1e-12)


def test_affine_integer_translation_is_a_shift():
    x = photo((1, 10, 10))
    # translate=(0.3, 0) allows shifts up to 3 pixels; force exactly +2 via a fixed matrix.
    matrices = np.array([[[1.0, 0.0, -2.0], [0.0, 1.0, 0.0]]])
    out = warp_affine(x[..., None], matrices, border="constant")[..., 0]
    np.testing.assert_array_equal(out[:, :, 2:], x[:, :, :-2])
    np.testing.assert_array_equal(out[:, :, :2], 0.0)


def test_affine_scale_above_one_zooms_in():
    x = np.zeros((1, 21, 21))
    x[0, 8:13, 8:13] = 1.0  # a 5×5 square in the middle
    out = Affine(0, scale=(2.0, 2.0))(x)
    assert out.sum() == pytest.approx(4 * x.sum(), rel=0.1)


@pytest.mark.parametrize("border", ["reflect", "edge"])
def test_sampler_borders_agree_with_np_pad(border):
    x = photo((2, 5, 6, 3))
    rows = np.arange(-4, 9).reshape(1, -1, 1) + np.zeros((2, 1, 1))
    cols = np.arange(-5, 11).reshape(1, 1, -1) + np.zeros((2, 1, 1))
    out = sample_bilinear(x, rows, cols, border=border)
    padded = np.pad(x, ((0, 0), (4, 4), (5, 5), (0, 0)), mode=border)
    np.testing.assert_array_equal(out, padded)


def test_sampler_constant_border_and_half_pixel_interpolation():
    x = np.array([[[[0.0], [1.0]]]])  # one image, one row, two pixels
    cols = np.array([[[-1.0, 0.0, 0.5, 1.0, 1.5, 2.0]]])
    out = sample_bilinear(x, np.zeros((1, 1, 1)), cols, border="constant", fill=0.25)
    np.testing.assert_allclose(out[0, 0, :, 0], [0.25, 0.0, 0.5, 1.0, 0.625, 0.25])


@given(seed=seeds)
def test_random_crop_takes_a_window_of_the_padded_image(seed):
    x = photo((4, 8, 8, 1), seed)
    out = RandomCrop(8, padding=3)(x, rng=rng(seed))
    padded = np.pad(x, ((0, 0), (3, 3), (3, 3), (0, 0)))
    for image, window in zip(padded, out, strict=True):
        offsets = [
            (i, j)
            for i in range(7)
            for j in range(7)
            if np.array_equal(image[i : i + 8, j : j + 8], window)
        ]
        assert offsets


def test_random_crop_offsets_cover_every_shift():
    x = np.zeros((2000, 4, 4, 1))  # (2000, 4, 4) would read as one RGBA image
    x[:, 1, 1] = 1.0  # shifted by -1, 0 or +1 each way, it stays inside the window
    out = RandomCrop(4, padding=1)(x, rng=rng())
    where = np.argwhere(out == 1.0)[:, 1:3]
    assert len(np.unique(where, axis=0)) == 9  # marker seen at all 3×3 places


def test_center_crop_is_the_middle():
    x = photo((3, 9, 8, 3))
    np.testing.assert_array_equal(CenterCrop((5, 4))(x), x[:, 2:7, 2:6])
    np.testing.assert_array_equal(CenterCrop(8)(x[..., 0]), x[:, :8, :, 0])


def test_resize_keeps_same_size_and_halves_by_averaging_pairs():
    x = photo((2, 6, 8, 3))
    np.testing.assert_allclose(Resize((6, 8))(x), x)
    half = Resize((3, 4))(x)
    expected = x.reshape(2, 3, 2, 4, 2, 3).mean(axis=(2, 4))
    np.testing.assert_allclose(half, expected)


def test_resized_crop_of_the_whole_square_image_is_the_identity():
    x = photo((3, 10, 10, 3))
    out = RandomResizedCrop(10, scale=(1.0, 1.0), ratio=(1.0, 1.0))(x, rng=rng())
    np.testing.assert_allclose(out, x)


@given(seed=seeds, height=st.integers(1, 40), width=st.integers(1, 40))
def test_random_boxes_fit_and_respect_the_area_fraction(seed, height, width):
    top, left, box_h, box_w, found = random_boxes(
        rng(seed), 50, height, width, (0.1, 0.5), (0.5, 2.0)
    )
    assert np.all(top[found] + box_h[found] <= height) and np.all(left + box_w <= width)
    assert np.all(box_h[found] >= 1) and np.all(box_w[found] >= 1)
    assert np.all(box_h[~found] == 0)


def test_lens_distortion_zero_is_identity_and_barrel_pulls_content_inwards():
    x = photo((2, 15, 15, 3))
    np.testing.assert_allclose(LensDistortion(k=0)(x), x, atol=1e-12)
    ring = np.zeros((1, 31, 31))
    ring[0, 15, 25] = 1.0  # a dot 10 pixels right of the centre
    barrel = LensDistortion(k=(0.5, 0.5))(ring)
    pincushion = LensDistortion(k=(-0.5, -0.5))(ring)
    column = np.arange(31)
    barrel_at = (barrel[0].sum(axis=0) * column).sum() / barrel.sum()
    pincushion_at = (pincushion[0].sum(axis=0) * column).sum() / pincushion.sum()
    assert barrel_at < 25 < pincushion_at
    np.testing.assert_allclose(barrel[0, 15, 15], 0.0)  # the centre stays the centre
