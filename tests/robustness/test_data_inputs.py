"""data under hostile input: transforms that change the row count or return no array,
extreme magnitudes in the scalers, NaN labels, absurd seeds and flags, augmentations given
inf or values that would overflow. A clear error naming the argument or a correct result;
pytest turns any warning into an error, so none leaks."""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from data import (
    DataLoader,
    MinMaxScaler,
    StandardScaler,
    augment,
    kfold,
    make_blobs,
    make_circles,
    make_moons,
    make_regression,
    make_spirals,
    make_xor,
    train_test_split,
    train_val_test_split,
)

# ----- defect 7: a transform must keep the rows aligned -----------------------------------


@pytest.mark.parametrize(
    ("transform", "error"),
    [
        (lambda x, rng: x[:-1], ValueError),
        (lambda x, rng: np.concatenate([x, x]), ValueError),
        (lambda x, rng: x[:0], ValueError),
        (lambda x, rng: x[0], ValueError),  # one row fewer axis: 3 rows become 2 columns
        (lambda x, rng: np.float64(1.0), TypeError),
        (lambda x, rng: None, TypeError),
        (lambda x, rng: list(x), TypeError),
    ],
    ids=["drops-a-row", "doubles", "empties", "first-row-only", "scalar", "none", "list"],
)
def test_a_transform_that_breaks_the_batch_is_an_error_not_a_misaligned_batch(transform, error):
    X, y = np.arange(12.0).reshape(6, 2), np.arange(6)
    loader = DataLoader(X, y, batch_size=3, transform=transform)
    with pytest.raises(error, match="transform"):
        list(loader)


def test_a_transform_that_keeps_the_rows_is_applied_with_the_loaders_generator():
    X, y = np.arange(12.0).reshape(6, 2), np.arange(6)
    seen = []

    def transform(x, rng):
        seen.append(rng)
        return x * 2

    batches = list(DataLoader(X, y, batch_size=4, transform=transform, seed=0))
    assert [len(xb) for xb, _ in batches] == [4, 2]
    assert np.array_equal(batches[0][0], X[:4] * 2) and np.array_equal(batches[0][1], y[:4])
    assert all(isinstance(rng, np.random.Generator) for rng in seen)


@pytest.mark.parametrize(("name", "value"), [("shuffle", "no"), ("shuffle", 1),
                         ("drop_last", "yes"), ("drop_last", None)])  # fmt: skip
def test_dataloader_flags_must_be_bools(name, value):
    with pytest.raises(TypeError, match=name):
        DataLoader(np.zeros((4, 2)), **{name: value})


# ----- seeds, everywhere in data ----------------------------------------------------------

GENERATORS = [make_moons, make_circles, make_spirals, make_xor, make_blobs, make_regression]
BAD_SEEDS = [-1, "x", 1.5, True, [1.5]]


@pytest.mark.parametrize("seed", BAD_SEEDS, ids=repr)
@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_generators_name_a_bad_seed(make, seed):
    with pytest.raises((TypeError, ValueError), match="seed"):
        make(20, seed=seed)


@pytest.mark.parametrize("seed", BAD_SEEDS, ids=repr)
def test_splits_and_loaders_name_a_bad_seed(seed):
    X = np.zeros((10, 2))
    for call in (
        lambda: train_test_split(X, test_size=0.2, seed=seed),
        lambda: train_val_test_split(X, val_size=0.2, test_size=0.2, seed=seed),
        lambda: kfold(10, k=2, seed=seed),
        lambda: DataLoader(X, shuffle=True, seed=seed),
    ):
        with pytest.raises((TypeError, ValueError), match="seed"):
            call()


@pytest.mark.parametrize(
    "seed", [np.random.default_rng(0), np.random.SeedSequence(0), np.int64(3)], ids=repr
)
def test_numpy_seeds_are_accepted(seed):
    X, y = make_moons(20, seed=seed)
    assert X.shape == (20, 2) and y.shape == (20,)


# ----- stratified splits on NaN labels ----------------------------------------------------


@pytest.mark.parametrize("bad", [math.nan, math.inf], ids=["nan", "inf"])
def test_stratified_splits_refuse_nan_labels(bad):
    X, y = np.zeros((20, 2)), np.tile([0.0, 1.0], 10)
    y[3] = bad
    with pytest.raises(ValueError, match="stratify holds NaN"):
        train_test_split(X, y, test_size=0.5, stratify=y, seed=0)
    with pytest.raises(ValueError, match="stratify holds NaN"):
        kfold(20, k=2, stratify=y, seed=0)


# ----- defect 8: scalers at the ends of float64 -------------------------------------------

EXTREMES = {
    "±1e308": np.array([[1e308], [-1e308]]),
    "1e308-twice": np.array([[1e308], [1e308], [-1e308]]),
    "[0,1e-300]": np.array([[0.0], [1e-300]]),
    "subnormal": np.array([[0.0], [5e-324], [1e-323]]),
    "max-float": np.array([[np.finfo(np.float64).max], [0.0]]),
}


@pytest.mark.parametrize("case", list(EXTREMES))
def test_standard_scaler_on_extreme_magnitudes(case):
    X = EXTREMES[case]
    Z = StandardScaler().fit_transform(X)
    assert np.all(np.isfinite(Z))
    np.testing.assert_allclose(Z.mean(), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(), 1.0, rtol=1e-12)


@pytest.mark.parametrize("case", list(EXTREMES))
def test_min_max_scaler_on_extreme_magnitudes(case):
    X = EXTREMES[case]
    scaler = MinMaxScaler().fit(X)
    Z = scaler.transform(X)
    assert Z.min() == 0.0 and Z.max() == 1.0
    np.testing.assert_allclose(scaler.inverse_transform(Z), X, rtol=1e-12, atol=0)


@given(
    X=hnp.arrays(
        np.float64,
        st.tuples(st.integers(2, 6), st.integers(1, 3)),
        elements=st.floats(-1e6, 1e6, allow_subnormal=False),
    ),
    exponent=st.integers(-300, 300),
)
def test_scalers_are_equivariant_under_any_power_of_ten(X, exponent):
    """Standardised data do not depend on the unit: X · 10^k gives the same z (up to
    rounding), however large or small 10^k is. (Not for a constant feature: its σ is
    taken as 1, which is not scaled with the data, as in scikit-learn.)"""
    assume(np.all(X.max(axis=0) > X.min(axis=0)))
    scaled = X * 10.0**exponent
    if not np.all(np.isfinite(scaled)) or np.any((X != 0) & (np.abs(scaled) < 1e-290)):
        # outside float64's normal range (a non-zero entry became subnormal, or 0 itself,
        # so that a varying feature may have become constant): nothing to compare
        return
    for make in (StandardScaler, MinMaxScaler):
        expected, got = make().fit_transform(X), make().fit_transform(scaled)
        assert np.all(np.isfinite(got))
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


def test_ordinary_data_gives_the_textbook_numbers_bit_for_bit():
    X = np.random.default_rng(0).normal(3.0, 2.0, size=(50, 4))
    Z = StandardScaler().fit_transform(X)
    assert np.array_equal(Z, (X - X.mean(axis=0)) / X.std(axis=0))


@pytest.mark.parametrize(
    "X", [np.array([[np.nan], [1.0]]), np.array([[np.inf], [1.0]]), np.zeros((0, 2)),
          np.array([[1 + 1j], [2.0]]), np.array([["a"], ["b"]]), np.zeros(3)],
    ids=["nan", "inf", "empty", "complex", "str", "1-d"],
)  # fmt: skip
def test_scalers_refuse_data_they_cannot_fit(X):
    for make in (StandardScaler, MinMaxScaler):
        with pytest.raises((TypeError, ValueError), match="X"):
            make().fit(X)


# ----- augmentations: inf refused, huge finite values never overflow ----------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: augment.Sharpness(math.inf),
        lambda: augment.Rotation(math.inf),
        lambda: augment.Rotation((0, math.nan)),
        lambda: augment.Affine(0, scale=(1e-300, 1e-300)),
        lambda: augment.Affine(0, scale=(1.0, math.inf)),
        lambda: augment.Affine(0, shear=math.inf),
        lambda: augment.LensDistortion(k=math.inf),
        lambda: augment.GaussianBlur(sigma=(1.0, math.inf)),
        lambda: augment.GaussianBlur(sigma=1e300),
        lambda: augment.GaussianNoise(std=math.inf),
        lambda: augment.ColorJitter(brightness=math.inf),
        lambda: augment.RandomErasing(ratio=(1.0, math.inf)),
        lambda: augment.RandomResizedCrop(4, ratio=(math.nan, 1.0)),
        lambda: augment.Sharpness(1e300),
        lambda: augment.GaussianNoise(std=1e300),
        lambda: augment.ColorJitter(contrast=(0.5, 1e300)),
    ],
    ids=["Sharpness-inf", "Rotation-inf", "Rotation-nan", "Affine-scale-1e-300",
         "Affine-scale-inf", "Affine-shear-inf", "Lens-inf", "Blur-inf", "Blur-1e300",
         "Noise-inf", "Jitter-inf", "Erasing-ratio-inf", "RRC-ratio-nan", "Sharpness-1e300",
         "Noise-1e300", "Jitter-1e300"],
)  # fmt: skip
def test_augmentations_refuse_infinite_and_absurd_parameters(make):
    with pytest.raises(ValueError, match=r"finite|must be"):
        make()


@pytest.mark.parametrize(
    "make",
    [
        lambda: augment.Rotation(1e300, border="reflect"),
        lambda: augment.LensDistortion(k=1e300),
        lambda: augment.LensDistortion(k=(-1e300, -1e300), border="reflect"),
        lambda: augment.LensDistortion(k=1e300, border="edge"),
        lambda: augment.Affine(0, scale=(1e-3, 1e-3), border="reflect"),
        lambda: augment.Affine(0, scale=(1e3, 1e3)),
        lambda: augment.Sharpness(1e6, p=1.0),
        lambda: augment.GaussianBlur(sigma=1e4),
        lambda: augment.GaussianNoise(std=1e6),
        lambda: augment.ColorJitter(brightness=1e6, contrast=1e6, saturation=1e6),
        lambda: augment.RandomResizedCrop(8, ratio=(1e300, 1e300)),
        lambda: augment.RandomResizedCrop(8, ratio=(1e-300, 1e-300)),
        lambda: augment.RandomErasing(p=1.0, ratio=(1e300, 1e300)),
        lambda: augment.RandomErasing(p=1.0, ratio=(1e-300, 1e-300)),
    ],
    ids=["Rotation-1e300", "Lens-1e300", "Lens--1e300-reflect", "Lens-1e300-edge",
         "Affine-1e-3", "Affine-1e3", "Sharpness-1e6", "Blur-1e4", "Noise-1e6", "Jitter-1e6",
         "RRC-ratio-1e300", "RRC-ratio-1e-300", "Erasing-ratio-1e300",
         "Erasing-ratio-1e-300"],
)  # fmt: skip
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_huge_finite_parameters_give_valid_images_without_warnings(make, dtype):
    x = np.random.default_rng(0).random((3, 8, 8)).astype(dtype)
    y = make()(x, rng=np.random.default_rng(1))
    assert y.shape == x.shape and y.dtype == dtype
    assert np.all(np.isfinite(y)) and y.min() >= 0 and y.max() <= 1


def test_an_extremely_wide_blur_flattens_the_image():
    x = np.random.default_rng(0).random((2, 8, 8))
    y = augment.GaussianBlur(sigma=1e4)(x, rng=np.random.default_rng(0))
    assert y.std(axis=(1, 2)).max() < 0.1 * x.std(axis=(1, 2)).min()
    np.testing.assert_allclose(y.mean(axis=(1, 2)), x.mean(axis=(1, 2)), atol=0.05)


@pytest.mark.parametrize(
    "x",
    [np.full((2, 4, 4), np.nan), np.array([[[1.5]]]), np.zeros((2, 4, 4), complex),
     np.zeros((2, 4, 4), bool), np.zeros((2, 4, 4), object), np.zeros(())],
    ids=["nan", "above-1", "complex", "bool", "object", "0-d"],
)  # fmt: skip
def test_augmentations_refuse_images_they_cannot_take(x):
    with pytest.raises((TypeError, ValueError)):
        augment.HorizontalFlip(p=1.0)(x, rng=np.random.default_rng(0))


@pytest.mark.parametrize("layout", ["read-only", "non-contiguous", "float16"])
def test_augmentations_take_read_only_non_contiguous_and_float16_images(layout):
    x = np.random.default_rng(0).random((3, 8, 8))
    expected = augment.HorizontalFlip(p=1.0)(x, rng=np.random.default_rng(0))
    if layout == "read-only":
        x.flags.writeable = False
    elif layout == "non-contiguous":
        x = np.repeat(x, 2, axis=2)[:, :, ::2]
    else:
        x, expected = x.astype(np.float16), expected.astype(np.float16)
    y = augment.HorizontalFlip(p=1.0)(x, rng=np.random.default_rng(0))
    assert y.dtype == x.dtype and np.array_equal(y, expected)


# ----- the DataLoader over any sizes and memory layouts -----------------------------------


@given(
    n=st.integers(1, 40),
    batch_size=st.integers(1, 50),
    shuffle=st.booleans(),
    drop_last=st.booleans(),
    layout=st.sampled_from(["contiguous", "read-only", "non-contiguous", "float16", "int8"]),
    seed=st.integers(0, 2**32),
)
def test_dataloader_visits_every_row_once_with_x_and_y_aligned(
    n, batch_size, shuffle, drop_last, layout, seed
):
    X = np.arange(2 * n, dtype=np.float64).reshape(n, 2)
    y = np.arange(n)
    if layout == "read-only":
        X.flags.writeable = False
    elif layout == "non-contiguous":
        X = np.repeat(X, 2, axis=1)[:, ::2]
    elif layout in ("float16", "int8"):
        X = X.astype(layout)
    loader = DataLoader(X, y, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last,
                        seed=seed)  # fmt: skip
    batches = list(loader)
    assert len(batches) == len(loader)
    rows = np.concatenate([yb for _, yb in batches]) if batches else np.zeros(0, int)
    expected = (n // batch_size) * batch_size if drop_last else n
    assert len(rows) == expected and len(set(rows.tolist())) == expected
    for xb, yb in batches:
        assert xb.dtype == X.dtype and np.array_equal(xb, X[yb])
