"""Feature scaling, as scikit-learn does it: fit on the training data, transform any data.

Both scalers are affine maps per feature (column). Their statistics come from the training
set only: scaling the test set with its own statistics would leak information about it and
give it a different map from the one the model was trained on.

Both compute on each feature divided by a power of two near its largest magnitude (see
`_unit`): exact, so ordinary data gives the same numbers bit for bit, but nothing
overflows (±1e308, whose variance is 1e616) or underflows ([0, 1e-300], whose variance is
1e-601) on the way.
"""

import numpy as np


class _Scaler:
    """What both scalers share: input checks, the fitted state and `fit_transform`.

    A subclass sets its statistics in `_fit_statistics(X)` and implements `transform` and
    `inverse_transform` for inputs already checked by `_check_input`.
    """

    def __init__(self):
        self.n_features_in_ = None  # set by fit; None means "not fitted yet"
        self.n_samples_seen_ = None

    def fit(self, X):
        """Compute the per-feature statistics of X, shape (n_samples, n_features); return self."""
        X = _as_2d_float(X, "X")
        if len(X) == 0:
            raise ValueError("X must have at least one row (sample) to fit, got shape (0, ...)")
        if not np.isfinite(X).all():
            raise ValueError("X contains NaN or infinity; the statistics would be meaningless")
        self.n_samples_seen_, self.n_features_in_ = X.shape
        self._fit_statistics(X.astype(np.float64))
        return self

    def fit_transform(self, X):
        """``fit(X)`` then ``transform(X)``: shape (n_samples, n_features) in and out."""
        return self.fit(X).transform(X)

    def _check_input(self, X):
        """X as a 2-D float array with as many features as the fitted data."""
        name = type(self).__name__
        if self.n_features_in_ is None:
            raise RuntimeError(f"this {name} is not fitted yet: call fit(X_train) first")
        X = _as_2d_float(X, "X")
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features (columns), but this {name} was fitted on "
                f"{self.n_features_in_}"
            )
        return X

    def _fit_statistics(self, X):
        raise NotImplementedError


def _as_2d_float(X, name):
    """X as a float array of shape (n_samples, n_features); float32 stays float32."""
    X = np.asarray(X)
    if X.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {X.dtype}")
    if X.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (n_samples, n_features), got shape {X.shape}; "
            "reshape one feature with X.reshape(-1, 1), images with X.reshape(len(X), -1)"
        )
    return X if X.dtype.kind == "f" else X.astype(np.float64)


class StandardScaler(_Scaler):
    """Standardise each feature to mean 0 and standard deviation 1: z = (x − μ) / σ.

    μ and σ are the mean and the population standard deviation (ddof=0) of each feature of
    the data given to `fit`; a constant feature gets σ = 1, so it becomes 0 instead of a
    division by zero.

    Attributes (after `fit`):
        mean_: μ, float64 (n_features,).
        var_: σ², float64 (n_features,), the actual variance (0 for a constant feature).
        scale_: σ, float64 (n_features,), the divisor actually used.
        n_features_in_, n_samples_seen_: the shape of the fitted data.

    Shape: X is (n_samples, n_features) in and out; float32 input stays float32, integer
    input becomes float64.

    Example:
        >>> X_train, X_test = np.array([[1.0, 10.0], [3.0, 30.0]]), np.array([[2.0, 50.0]])
        >>> scaler = StandardScaler().fit(X_train)
        >>> scaler.mean_, scaler.scale_
        (array([ 2., 20.]), array([ 1., 10.]))
        >>> X_train_z, X_test_z = scaler.transform(X_train), scaler.transform(X_test)
        >>> X_test_z
        array([[0., 3.]])
        >>> np.allclose(scaler.inverse_transform(X_test_z), X_test)
        True
    """

    def __init__(self):
        super().__init__()
        self.mean_ = None
        self.var_ = None
        self.scale_ = None

    def _fit_statistics(self, X):
        # μ and σ in units (see `_unit`), kept for transform: they are exact where μ and σ
        # themselves may not be representable (σ of [0, 5e-324, 1e-323] is subnormal)
        self._unit = _unit(np.max(np.abs(X), axis=0))
        scaled = X / self._unit
        self._mean_in_units = scaled.mean(axis=0)
        std_in_units = np.sqrt(scaled.var(axis=0))
        # A constant feature has no spread to divide by; like scikit-learn, use σ = 1 so it is
        # only shifted. Constancy is tested exactly (max == min) because the computed std of
        # a constant column can be a tiny rounding error instead of 0.
        is_constant = X.max(axis=0) == X.min(axis=0)
        # σ = 1 is 1/unit in units: inf for a subnormal unit, which maps the feature to 0
        with np.errstate(over="ignore"):
            self._scale_in_units = np.where(is_constant, 1.0 / self._unit, std_in_units)
        with np.errstate(over="ignore", under="ignore"):  # attributes only: σ² of ±1e308 is inf
            self.mean_ = self._mean_in_units * self._unit
            self.scale_ = np.where(is_constant, 1.0, std_in_units * self._unit)
            self.var_ = np.where(is_constant, 0.0, (std_in_units * self._unit) ** 2)

    def transform(self, X):
        """z = (x − μ) / σ for X of shape (n_samples, n_features)."""
        X = self._check_input(X)
        z = (X / self._unit - self._mean_in_units) / self._scale_in_units
        return z.astype(X.dtype, copy=False)

    def inverse_transform(self, Z):
        """x = z · σ + μ: undo `transform`."""
        Z = self._check_input(Z)
        x = (Z * self._scale_in_units + self._mean_in_units) * self._unit
        return x.astype(Z.dtype, copy=False)

    def __repr__(self):
        return "StandardScaler()"


class MinMaxScaler(_Scaler):
    """Rescale each feature linearly so that its training range maps to `feature_range`.

    With [a, b] = feature_range and the training minimum and maximum of a feature:

        x' = a + (x − min) · (b − a) / (max − min) = x · scale_ + min_

    so the training data lands in [a, b] (new data may fall outside). A constant feature
    has max − min = 0; its range counts as 1, so it is only shifted (to a).

    Args:
        feature_range: (a, b) with a < b, the target range; (0, 1) by default.

    Attributes (after `fit`):
        data_min_, data_max_, data_range_: per-feature min, max and max − min of the fitted
            data, float64 (n_features,).
        scale_: (b − a) / data_range_ (with data_range_ 1 for constant features).
        min_: a − data_min_ · scale_.
        n_features_in_, n_samples_seen_: the shape of the fitted data.

    Example:
        >>> MinMaxScaler().fit_transform(np.array([[1.0, 5.0], [3.0, 5.0]]))
        array([[0., 0.],
               [1., 0.]])
    """

    def __init__(self, feature_range=(0.0, 1.0)):
        super().__init__()
        low, high = feature_range
        if not low < high:
            raise ValueError(
                f"feature_range must be (low, high) with low < high, got {feature_range}"
            )
        self.feature_range = (low, high)
        self.data_min_ = None
        self.data_max_ = None
        self.data_range_ = None
        self.scale_ = None
        self.min_ = None

    def _fit_statistics(self, X):
        low, high = self.feature_range
        self.data_min_ = X.min(axis=0)
        self.data_max_ = X.max(axis=0)
        self._unit = _unit(np.maximum(np.abs(self.data_min_), np.abs(self.data_max_)))
        # the range in units: max − min of ±1e308 is 2e308, beyond float64, but not in units
        range_in_units = self.data_max_ / self._unit - self.data_min_ / self._unit
        range_in_units = np.where(range_in_units == 0, 1.0, range_in_units)
        # attributes only, for people and scikit-learn habits; where they are beyond float64
        # (the range of ±1e308, the scale of subnormal data) they are inf or NaN
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            self.data_range_ = self.data_max_ - self.data_min_
            self.scale_ = (high - low) / range_in_units / self._unit
            self.min_ = low - self.data_min_ * self.scale_
        self._range_in_units = range_in_units

    def transform(self, X):
        """x' = a + (x − min) · (b − a) / (max − min) for X of shape (n_samples, n_features)
        (the same map as x · scale_ + min_, computed in units so that nothing overflows)."""
        X = self._check_input(X)
        low, high = self.feature_range
        fraction = (X / self._unit - self.data_min_ / self._unit) / self._range_in_units
        return (low + fraction * (high - low)).astype(X.dtype, copy=False)

    def inverse_transform(self, X_scaled):
        """x = min + (x' − a) · (max − min) / (b − a): undo `transform`."""
        X_scaled = self._check_input(X_scaled)
        low, high = self.feature_range
        fraction = (X_scaled - low) / (high - low)
        units = fraction * self._range_in_units + self.data_min_ / self._unit
        return (units * self._unit).astype(X_scaled.dtype, copy=False)

    def __repr__(self):
        return f"MinMaxScaler(feature_range={self.feature_range})"


def _unit(magnitudes):
    """Per feature, the power of two 2^e with 2^e <= |m| < 2^(e+1) for each magnitude m
    (1 for 0): dividing by it is exact and brings the feature's values near 1."""
    magnitudes = np.asarray(magnitudes, dtype=np.float64)
    _, exponent = np.frexp(magnitudes)  # m = f · 2^exponent with f in [0.5, 1)
    return np.where(magnitudes > 0, np.ldexp(1.0, exponent - 1), 1.0)
