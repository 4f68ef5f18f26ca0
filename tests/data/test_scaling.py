"""StandardScaler and MinMaxScaler against hand-computed values, and their error cases."""

import numpy as np
import pytest

from data import MinMaxScaler, StandardScaler

X_TRAIN = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])


def test_standard_scaler_matches_hand_computed_values():
    # Column 0: μ = 2, σ² = (1 + 0 + 1) / 3 = 2/3.  Column 1: μ = 30, σ² = 1400 / 3.
    scaler = StandardScaler()
    assert scaler.fit(X_TRAIN) is scaler
    np.testing.assert_allclose(scaler.mean_, [2.0, 30.0])
    np.testing.assert_allclose(scaler.var_, [2 / 3, 1400 / 3])
    np.testing.assert_allclose(scaler.scale_, [0.816496580927726, 21.602468994692867])
    expected = [
        [-1.224744871391589, -0.925820099772551],
        [0.0, -0.462910049886276],
        [1.224744871391589, 1.388730149658827],
    ]
    np.testing.assert_allclose(scaler.transform(X_TRAIN), expected)
    assert (scaler.n_features_in_, scaler.n_samples_seen_) == (2, 3)


def test_standard_scaler_uses_the_training_statistics_on_new_data():
    scaler = StandardScaler().fit(X_TRAIN)
    z = scaler.transform(np.array([[2.0, 30.0], [4.0, 30.0]]))
    np.testing.assert_allclose(z, [[0.0, 0.0], [2 / np.sqrt(2 / 3), 0.0]])


def test_fit_transform_is_fit_then_transform():
    for scaler in (StandardScaler(), MinMaxScaler()):
        np.testing.assert_array_equal(
            scaler.fit_transform(X_TRAIN), type(scaler)().fit(X_TRAIN).transform(X_TRAIN)
        )


def test_constant_feature_gets_scale_one_and_no_division_by_zero():
    X = np.column_stack([np.full(7, 0.1), np.arange(7.0)])
    scaler = StandardScaler().fit(X)
    assert scaler.scale_[0] == 1.0 and scaler.var_[0] < 1e-30
    np.testing.assert_allclose(scaler.transform(X)[:, 0], 0.0, atol=1e-15)
    minmax = MinMaxScaler(feature_range=(-1, 1)).fit(X)
    assert minmax.data_range_[0] == 0.0
    np.testing.assert_allclose(minmax.transform(X)[:, 0], -1.0)


def test_min_max_scaler_matches_hand_computed_values():
    X = np.array([[1.0, -2.0], [3.0, 2.0], [5.0, 0.0]])
    scaler = MinMaxScaler().fit(X)
    np.testing.assert_array_equal(scaler.data_min_, [1.0, -2.0])
    np.testing.assert_array_equal(scaler.data_max_, [5.0, 2.0])
    np.testing.assert_array_equal(scaler.data_range_, [4.0, 4.0])
    np.testing.assert_array_equal(scaler.scale_, [0.25, 0.25])
    np.testing.assert_array_equal(scaler.min_, [-0.25, 0.5])
    np.testing.assert_array_equal(scaler.transform(X), [[0.0, 0.0], [0.5, 1.0], [1.0, 0.5]])
    wide = MinMaxScaler(feature_range=(-1, 1)).fit(X)
    np.testing.assert_array_equal(wide.transform(X)[:, 0], [-1.0, 0.0, 1.0])


@pytest.mark.parametrize("scaler", [StandardScaler(), MinMaxScaler(feature_range=(-2, 3))])
def test_inverse_transform_undoes_transform(scaler):
    rng = np.random.default_rng(0)
    X = rng.normal(5.0, 3.0, size=(20, 4))
    scaler.fit(X)
    X_new = rng.normal(size=(6, 4))
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(X_new)), X_new)


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
def test_float32_stays_float32_and_integers_become_float64(scaler):
    X32 = X_TRAIN.astype(np.float32)
    assert scaler().fit(X32).transform(X32).dtype == np.float32
    X_int = X_TRAIN.astype(np.int64)
    assert scaler().fit_transform(X_int).dtype == np.float64
    np.testing.assert_allclose(scaler().fit_transform(X_int), scaler().fit_transform(X_TRAIN))


def test_repr_shows_the_settings():
    assert repr(StandardScaler()) == "StandardScaler()"
    assert repr(MinMaxScaler()) == "MinMaxScaler(feature_range=(0.0, 1.0))"


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_using_an_unfitted_scaler_is_an_error(scaler, method):
    with pytest.raises(RuntimeError, match="not fitted yet: call fit"):
        getattr(scaler(), method)(X_TRAIN)


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
@pytest.mark.parametrize(
    ("fit_on", "transform", "error", "message"),
    [
        (X_TRAIN, np.zeros((2, 3)), ValueError, "X has 3 features .* fitted on 2"),
        (X_TRAIN, np.zeros(2), ValueError, r"X must be 2-D .* got shape \(2,\)"),
        (np.zeros(5), None, ValueError, "X must be 2-D"),
        (np.array([["a", "b"]]), None, TypeError, "X must hold real numbers"),
        (np.zeros((0, 2)), None, ValueError, "at least one row"),
        (np.array([[1.0, np.nan]]), None, ValueError, "NaN or infinity"),
    ],
)
def test_bad_input_is_a_clear_error(scaler, fit_on, transform, error, message):
    with pytest.raises(error, match=message):
        scaler().fit(fit_on).transform(transform)


def test_min_max_range_must_be_increasing():
    with pytest.raises(ValueError, match=r"feature_range .* low < high, got \(1, 0\)"):
        MinMaxScaler(feature_range=(1, 0))
