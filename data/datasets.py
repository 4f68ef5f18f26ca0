"""Synthetic data sets for the course's pictures: small, 2-D (or 1-D for regression), seeded.

Every generator is `f(n_samples, *, noise, seed=None, ...) -> (X, y)`. Points are drawn
independently given their class, the classes are as balanced as `n_samples` allows (sizes
differ by at most one) and appear in random order. `noise` is the standard deviation of
Gaussian noise added to every coordinate (to y for regression). All randomness comes from
`numpy.random.default_rng(seed)`: the same seed gives the same data bit for bit, and
`seed=None` draws a seed from numpy's global state (so `np.random.seed(s)` at the top of a
script makes it reproducible).

Shapes: X is float64 of shape (n_samples, 2) (``make_blobs`` with explicit centres: one column
per coordinate of a centre; ``make_regression``: (n_samples, 1)); y is int64 class labels of
shape (n_samples,), or float64 targets for regression.
"""

import numpy as np

from data._checks import check_int, check_real, generator


def _start(n_samples, noise, seed):
    """Check the arguments every generator takes; return (n_samples, noise, rng)."""
    n_samples = check_int("n_samples", n_samples, minimum=1)
    noise = check_real("noise", noise, low=0)
    return n_samples, noise, generator(seed)


def _balanced_labels(n_samples, n_classes, rng):
    """Labels 0..n_classes-1, int64 (n_samples,), as balanced as possible, in random order."""
    # i % n_classes gives class sizes that differ by at most one; drawing the points from
    # labels that are already permuted is what leaves the rows shuffled.
    return rng.permutation(np.arange(n_samples, dtype=np.int64) % n_classes)


def _add_noise(points, noise, rng):
    return points + rng.normal(0.0, noise, size=points.shape)


def _on_circle(radius, angle):
    """Points (radius·cos θ, radius·sin θ), shape (n, 2)."""
    return radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])


def make_moons(n_samples=200, *, noise=0.1, seed=None):
    """Two interleaving half circles: a classic data set that no straight line separates.

    Class 0 lies on the upper half of the unit circle, (cos t, sin t); class 1 on the same
    arc turned upside down and shifted, (1 − cos t, 0.5 − sin t); t ~ U(0, π).

    Args:
        n_samples: number of points (int >= 1).
        noise: standard deviation of the Gaussian noise added to each coordinate (>= 0).
        seed: seed for `numpy.random.default_rng` (None: drawn from numpy's global state).

    Returns:
        X: float64 (n_samples, 2); y: int64 (n_samples,) in {0, 1}.

    Example:
        >>> X, y = make_moons(100, noise=0.1, seed=0)
        >>> X.shape, y.dtype.name
        ((100, 2), 'int64')
    """
    n_samples, noise, rng = _start(n_samples, noise, seed)
    y = _balanced_labels(n_samples, 2, rng)
    upper = _on_circle(np.ones(n_samples), rng.uniform(0.0, np.pi, size=n_samples))
    X = np.where(y[:, None] == 0, upper, np.array([1.0, 0.5]) - upper)
    return _add_noise(X, noise, rng), y


def make_circles(n_samples=200, *, noise=0.05, factor=0.5, seed=None):
    """A circle inside a larger circle: separable only by a non-linear boundary.

    Class 0 lies on the unit circle, class 1 on the circle of radius `factor`; angles are
    uniform in [0, 2π).

    Args:
        n_samples: number of points (int >= 1).
        noise: standard deviation of the Gaussian noise added to each coordinate (>= 0).
        factor: radius of the inner circle relative to the outer one, in (0, 1).
        seed: seed for `numpy.random.default_rng` (None: drawn from numpy's global state).

    Returns:
        X: float64 (n_samples, 2); y: int64 (n_samples,) in {0, 1}.

    Example:
        >>> X, y = make_circles(100, factor=0.3, seed=0)
    """
    factor = check_real("factor", factor, low=0)
    if not 0 < factor < 1:
        raise ValueError(f"factor must be in (0, 1) (the inner circle's radius), got {factor}")
    n_samples, noise, rng = _start(n_samples, noise, seed)
    y = _balanced_labels(n_samples, 2, rng)
    radius = np.where(y == 0, 1.0, factor)
    X = _on_circle(radius, rng.uniform(0.0, 2 * np.pi, size=n_samples))
    return _add_noise(X, noise, rng), y


def make_spirals(n_samples=300, n_classes=3, *, noise=0.05, turns=1.0, seed=None):
    """`n_classes` spiral arms winding out of the origin (the CS231n "spiral" data set).

    A point of class k at radius r ~ U(0, 1) has angle θ = 2π (k / n_classes + turns · r):
    the arms start evenly spaced around the origin and each winds `turns` times around it.

    Args:
        n_samples: number of points (int >= 1), shared as evenly as possible by the classes.
        n_classes: number of arms (int >= 1).
        noise: standard deviation of the Gaussian noise added to each coordinate (>= 0).
        turns: how many times each arm winds around the origin (> 0); more is harder.
        seed: seed for `numpy.random.default_rng` (None: drawn from numpy's global state).

    Returns:
        X: float64 (n_samples, 2) inside the unit disc (up to noise);
        y: int64 (n_samples,) in {0, …, n_classes − 1}.

    Example:
        >>> X, y = make_spirals(300, n_classes=5, seed=0)
        >>> sorted(set(y.tolist()))
        [0, 1, 2, 3, 4]
    """
    n_classes = check_int("n_classes", n_classes, minimum=1)
    turns = check_real("turns", turns, low=0)
    if turns == 0:
        raise ValueError("turns must be > 0, got 0.0")
    n_samples, noise, rng = _start(n_samples, noise, seed)
    y = _balanced_labels(n_samples, n_classes, rng)
    radius = rng.uniform(0.0, 1.0, size=n_samples)
    angle = 2 * np.pi * (y / n_classes + turns * radius)
    return _add_noise(_on_circle(radius, angle), noise, rng), y


def make_xor(n_samples=200, *, noise=0.3, seed=None):
    """The XOR problem: four clusters at the corners (±1, ±1), labelled by whether the signs of
    the two coordinates differ (the XOR truth table with inputs coded as −1/+1).

    No single neuron separates it; one hidden layer does. With ``noise=0`` the points are
    exactly the four corners.

    Args:
        n_samples: number of points (int >= 1), shared as evenly as possible by the corners.
        noise: standard deviation of the Gaussian noise around each corner (>= 0).
        seed: seed for `numpy.random.default_rng` (None: drawn from numpy's global state).

    Returns:
        X: float64 (n_samples, 2); y: int64 (n_samples,), 1 where sign(x₁) ≠ sign(x₂), else 0.

    Example:
        >>> X, y = make_xor(8, noise=0.0, seed=0)
        >>> bool(((X[:, 0] * X[:, 1] < 0) == (y == 1)).all())
        True
    """
    n_samples, noise, rng = _start(n_samples, noise, seed)
    corner = _balanced_labels(n_samples, 4, rng)
    # The two bits of the corner number 0..3 give the signs of the two coordinates.
    signs = np.where(np.column_stack([corner & 1, corner & 2]) > 0, 1.0, -1.0)
    y = (signs[:, 0] != signs[:, 1]).astype(np.int64)
    return _add_noise(signs, noise, rng), y


def make_blobs(n_samples=200, *, centers=3, noise=1.0, seed=None):
    """Isotropic Gaussian clusters, one per class: x = c_y + ε, ε ~ N(0, noise² I).

    Args:
        n_samples: number of points (int >= 1), shared as evenly as possible by the clusters.
        centers: number of clusters (int >= 1), whose centres are drawn uniformly in
            [−10, 10]², or an array of shape (n_clusters, n_features) giving the centres.
        noise: standard deviation of each cluster (>= 0).
        seed: seed for `numpy.random.default_rng` (None: drawn from numpy's global state).

    Returns:
        X: float64 (n_samples, n_features), n_features = 2 unless `centers` is an array;
        y: int64 (n_samples,), the index of each point's cluster.

    Example:
        >>> X, y = make_blobs(90, centers=np.array([[0.0, 0.0], [5.0, 5.0]]), seed=0)
        >>> X.shape
        (90, 2)
    """
    n_samples, noise, rng = _start(n_samples, noise, seed)
    if isinstance(centers, np.ndarray):
        if centers.ndim != 2 or len(centers) == 0 or not np.isfinite(centers).all():
            raise ValueError(
                "centers must be an int or a finite array of shape (n_clusters, n_features), "
                f"got an array of shape {centers.shape}"
            )
    else:
        centers = rng.uniform(-10.0, 10.0, size=(check_int("centers", centers, minimum=1), 2))
    y = _balanced_labels(n_samples, len(centers), rng)
    return _add_noise(centers[y].astype(np.float64), noise, rng), y


def make_regression(n_samples=30, *, noise=0.3, seed=None):
    """A noisy 1-D curve for under- and over-fitting pictures: y = sin(2πx) + ε.

    x ~ U(0, 1) and ε ~ N(0, noise²), as in the polynomial curve-fitting example of Bishop's
    *Pattern Recognition and Machine Learning* (§1.1). The noiseless curve to draw next to
    a fit is ``np.sin(2 * np.pi * x)``. (Unlike scikit-learn's function of the same name,
    this is not a random linear model.)

    Args:
        n_samples: number of points (int >= 1).
        noise: standard deviation of the Gaussian noise added to y (>= 0).
        seed: seed for `numpy.random.default_rng` (None: drawn from numpy's global state).

    Returns:
        X: float64 (n_samples, 1), the inputs as a one-feature matrix; y: float64 (n_samples,).

    Example:
        >>> X, y = make_regression(10, seed=0)
        >>> X.shape, y.shape
        ((10, 1), (10,))
    """
    n_samples, noise, rng = _start(n_samples, noise, seed)
    x = rng.uniform(0.0, 1.0, size=n_samples)
    y = np.sin(2 * np.pi * x) + rng.normal(0.0, noise, size=n_samples)
    return x[:, None], y
