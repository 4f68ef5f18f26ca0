"""Synthetic data sets: shapes, dtypes, seeds, class balance, geometry and argument checks."""

import numpy as np
import pytest

from data import make_blobs, make_circles, make_moons, make_regression, make_spirals, make_xor

CLASSIFICATION_SETS = [make_moons, make_circles, make_spirals, make_xor, make_blobs]
ALL_SETS = [*CLASSIFICATION_SETS, make_regression]


@pytest.mark.parametrize("make", CLASSIFICATION_SETS)
def test_classification_sets_have_2d_float_points_and_int64_labels(make):
    X, y = make(101, seed=0)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype == np.int64


def test_regression_set_is_one_feature_column_and_float_targets():
    X, y = make_regression(25, seed=0)
    assert X.shape == (25, 1) and X.dtype == np.float64
    assert y.shape == (25,) and y.dtype == np.float64


@pytest.mark.parametrize("make", ALL_SETS)
def test_same_seed_gives_the_same_data_bit_for_bit(make):
    first, second = make(50, seed=7), make(50, seed=7)
    for a, b in zip(first, second, strict=True):
        assert a.tobytes() == b.tobytes()


@pytest.mark.parametrize("make", ALL_SETS)
def test_different_seeds_give_different_data(make):
    assert not np.array_equal(make(50, seed=1)[0], make(50, seed=2)[0])


@pytest.mark.parametrize(
    ("make", "n_classes"),
    [(make_moons, 2), (make_circles, 2), (make_xor, 2), (make_blobs, 3)]
    + [(lambda n, seed, k=k: make_spirals(n, k, seed=seed), k) for k in (1, 2, 3, 7)],
)
def test_classes_are_balanced_and_rows_shuffled(make, n_classes):
    _, y = make(200, seed=0)
    counts = np.bincount(y, minlength=n_classes)
    assert len(counts) == n_classes and counts.max() - counts.min() <= 1
    if n_classes > 1:
        assert (np.diff(y) < 0).any(), "labels come out sorted, so the rows were not shuffled"


def test_moons_without_noise_lie_on_two_half_circles():
    X, y = make_moons(300, noise=0.0, seed=0)
    upper, lower = X[y == 0], np.array([1.0, 0.5]) - X[y == 1]
    for arc in (upper, lower):  # both are (cos t, sin t) with t in [0, π]
        np.testing.assert_allclose(np.hypot(arc[:, 0], arc[:, 1]), 1.0)
        assert (arc[:, 1] >= 0).all()


def test_circles_without_noise_have_radius_one_and_factor():
    X, y = make_circles(200, noise=0.0, factor=0.3, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius, np.where(y == 0, 1.0, 0.3))


def test_spiral_arms_follow_their_angle_formula():
    # θ = 2π (k / K + turns · r) with r the distance from the origin.
    X, y = make_spirals(300, n_classes=4, noise=0.0, turns=1.5, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    angle = 2 * np.pi * (y / 4 + 1.5 * r)
    np.testing.assert_allclose(X, r[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]))
    assert r.max() <= 1.0


def test_xor_without_noise_is_the_truth_table_on_the_corners():
    X, y = make_xor(40, noise=0.0, seed=0)
    assert set(map(tuple, X.tolist())) == {(-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0)}
    np.testing.assert_array_equal(y, (X[:, 0] != X[:, 1]).astype(np.int64))


def test_blobs_without_noise_sit_on_given_centres():
    centers = np.array([[0.0, 0.0, 1.0], [5.0, 5.0, 5.0]])
    X, y = make_blobs(30, centers=centers, noise=0.0, seed=0)
    assert X.shape == (30, 3)
    np.testing.assert_array_equal(X, centers[y])


def test_blob_centres_drawn_from_an_int_lie_in_the_box():
    X, _ = make_blobs(60, centers=4, noise=0.0, seed=0)
    assert np.unique(X, axis=0).shape == (4, 2) and (np.abs(X) <= 10).all()


def test_regression_is_a_noisy_sine_with_the_given_noise():
    X, y = make_regression(4000, noise=0.3, seed=0)
    x = X[:, 0]
    assert (x >= 0).all() and (x <= 1).all()
    residual = y - np.sin(2 * np.pi * x)
    assert abs(residual.mean()) < 0.02 and abs(residual.std() - 0.3) < 0.02
    X, y = make_regression(20, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, np.sin(2 * np.pi * X[:, 0]))


@pytest.mark.parametrize("make", CLASSIFICATION_SETS)
def test_noise_is_gaussian_with_the_given_std(make):
    clean, y_clean = make(3000, noise=0.0, seed=3)
    noisy, y_noisy = make(3000, noise=0.2, seed=3)
    # The same seed draws the same labels and positions before the noise.
    np.testing.assert_array_equal(y_clean, y_noisy)
    assert abs((noisy - clean).std() - 0.2) < 0.01


@pytest.mark.parametrize("make", ALL_SETS)
@pytest.mark.parametrize(
    ("kwargs", "error", "named"),
    [
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"n_samples": -5}, ValueError, "n_samples"),
        ({"n_samples": 2.5}, TypeError, "n_samples"),
        ({"n_samples": True}, TypeError, "n_samples"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"noise": "0.1"}, TypeError, "noise"),
    ],
)
def test_bad_common_arguments_are_rejected_by_name(make, kwargs, error, named):
    with pytest.raises(error, match=named):
        make(**{"n_samples": 10, **kwargs})


@pytest.mark.parametrize(
    ("make", "kwargs", "error", "named"),
    [
        (make_circles, {"factor": 1.0}, ValueError, "factor"),
        (make_circles, {"factor": 0}, ValueError, "factor"),
        (make_spirals, {"n_classes": 0}, ValueError, "n_classes"),
        (make_spirals, {"n_classes": 2.0}, TypeError, "n_classes"),
        (make_spirals, {"turns": 0}, ValueError, "turns"),
        (make_blobs, {"centers": 0}, ValueError, "centers"),
        (make_blobs, {"centers": np.zeros(3)}, ValueError, "centers"),
        (make_blobs, {"centers": np.array([[0.0, np.inf]])}, ValueError, "centers"),
    ],
)
def test_bad_specific_arguments_are_rejected_by_name(make, kwargs, error, named):
    with pytest.raises(error, match=named):
        make(10, **kwargs)
