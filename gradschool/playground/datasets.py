"""The playground's data: points (x1, x2) in the square [-6, 6]², their labels, the features.

TensorFlow Playground's six sets are drawn as it draws them (noise 0-50 % of the square's
half-width): classification `circle`, `xor`, `gauss`, `spiral` with labels {0, 1};
regression `plane` and `reg-gauss` with targets in [-1, 1]. `moons` and `blobs` come from
gradschool's `data` generators, moved and scaled into the square; `custom` are the user's
own points, scaled into it. `gauss` and `spiral` use `data.make_blobs` / `data.make_spirals`;
the other TensorFlow sets are not in `data`, so they are written here.

    >>> points, y = generate({**DEFAULTS, "dataset": "xor", "n_samples": 100})
    >>> points.shape, sorted(set(y.tolist()))
    ((100, 2), [0, 1])
"""

import csv
import pathlib

import numpy as np

import data
from gradschool.playground.state import DEFAULTS, task_of  # noqa: F401 (DEFAULTS: doctest)

RADIUS = 6.0  # points live in [-RADIUS, RADIUS]²; the pictures show this square

#: Each feature as a function of the points' columns x1, x2 (arrays of shape (n,)).
FEATURE_FUNCTIONS = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}


def features(points, names) -> np.ndarray:
    """The network's inputs: one column per feature name, (n, 2) points -> (n, len(names))."""
    x1, x2 = points[:, 0], points[:, 1]
    return np.stack([FEATURE_FUNCTIONS[name](x1, x2) for name in names], axis=1)


def generate(state) -> tuple:
    """The points and labels (or targets) of `state`'s data set, from `state["data_seed"]`.

    Returns:
        points: float64 (n, 2) in about [-6, 6]²; y: int64 (n,) class labels, or float64
        (n,) regression targets in [-1, 1].
    """
    name, n, noise = state["dataset"], state["n_samples"], state["noise"] / 100
    rng = np.random.default_rng(state["data_seed"])
    if name == "custom":
        return _scaled_custom(state["custom"])
    return GENERATORS[name](n, noise, rng, state)


def split(points, y, state) -> tuple:
    """(points_train, points_test, y_train, y_test): `train_ratio` % for training, stratified
    by class for classification, shuffled from `data_seed`."""
    stratify = y if task_of(state) == "classification" else None
    return data.train_test_split(
        points,
        y,
        test_size=1 - state["train_ratio"] / 100,
        stratify=stratify,
        seed=state["data_seed"],
    )


def _circle(n, noise, rng, state):
    """Class 1 inside radius 2.5, class 0 on a ring 3.5-5; the label is that of the noisy
    point (as TensorFlow Playground's), so noise blurs the boundary."""
    radius = 5.0
    inner = np.arange(n) < n // 2
    r = np.where(inner, rng.uniform(0, 0.5 * radius, n), rng.uniform(0.7 * radius, radius, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    points += rng.uniform(-radius, radius, (n, 2)) * noise
    y = (np.hypot(points[:, 0], points[:, 1]) < 0.5 * radius).astype(np.int64)
    return points, y


def _xor(n, noise, rng, state):
    """Uniform points in the four quadrants (kept 0.3 off the axes); class 1 where
    x1·x2 >= 0, decided after the noise."""
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, 0.3, -0.3)
    points += rng.uniform(-5, 5, (n, 2)) * noise
    return points, (points[:, 0] * points[:, 1] >= 0).astype(np.int64)


def _gauss(n, noise, rng, state):
    """Two Gaussian clusters at (2, 2) (class 1) and (-2, -2) (class 0); the variance grows
    from 0.5 to 4 with the noise."""
    std = np.sqrt(0.5 + 3.5 * noise / 0.5)
    centers = np.array([[-2.0, -2.0], [2.0, 2.0]])
    return data.make_blobs(n, centers=centers, noise=std, seed=rng)


def _spiral(n, noise, rng, state):
    """Two spiral arms of radius 5 winding 1.75 turns (`data.make_spirals`, scaled)."""
    points, y = data.make_spirals(n, n_classes=2, noise=0.0, turns=1.75, seed=rng)
    return 5 * points + rng.uniform(-1, 1, (n, 2)) * noise * 2, y


def _moons(n, noise, rng, state):
    """`data.make_moons`, centred and scaled by 3 into the square."""
    points, y = data.make_moons(n, noise=0.05 + noise, seed=rng)
    return 3.0 * (points - [0.5, 0.25]), y


def _blobs(n, noise, rng, state):
    """`data.make_blobs` with `n_classes` clusters, halved into the square."""
    points, y = data.make_blobs(n, centers=state["n_classes"], noise=1.0 + 4 * noise, seed=rng)
    return 0.5 * points, y


def _plane(n, noise, rng, state):
    """Target (x1 + x2) / 10 (clipped to [-1, 1]), of the noisy point."""
    points = rng.uniform(-RADIUS, RADIUS, (n, 2))
    noisy = points + rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    return points, np.clip((noisy[:, 0] + noisy[:, 1]) / 10, -1, 1)


#: TensorFlow Playground's six bumps: (centre x1, centre x2, sign).
BUMPS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


def _reg_gauss(n, noise, rng, state):
    """Six cone-shaped bumps of height ±1 and radius 2; the target is the largest in
    magnitude at the noisy point."""
    points = rng.uniform(-RADIUS, RADIUS, (n, 2))
    noisy = points + rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    bumps = np.array(BUMPS, dtype=np.float64)
    distance = np.hypot(noisy[:, None, 0] - bumps[:, 0], noisy[:, None, 1] - bumps[:, 1])
    heights = bumps[:, 2] * np.clip(1 - distance / 2, 0, 1)  # (n, 6)
    return points, heights[np.arange(n), np.abs(heights).argmax(axis=1)]


GENERATORS = {
    "circle": _circle,
    "xor": _xor,
    "gauss": _gauss,
    "spiral": _spiral,
    "moons": _moons,
    "blobs": _blobs,
    "plane": _plane,
    "reg-gauss": _reg_gauss,
}


def _scaled_custom(custom):
    """The user's points moved and scaled (one factor for both axes) into [-5.5, 5.5]², and
    regression targets scaled linearly into [-1, 1], so that the pictures' colours fit."""
    points = np.array(custom["X"], dtype=np.float64)
    low, high = points.min(axis=0), points.max(axis=0)
    half = max(float((high - low).max()) / 2, 1e-12)
    points = (points - (low + high) / 2) * (5.5 / half)
    if custom["task"] == "classification":
        return points, np.array(custom["y"], dtype=np.int64)
    y = np.array(custom["y"], dtype=np.float64)
    span = max(float(np.abs(y - y.mean()).max()), 1e-12)
    return points, (y - y.mean()) / span


def custom_from_arrays(X, y, task=None) -> dict:
    """The `custom` state field from arrays: X (n, 2) points, y (n,) labels or targets."""
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (len(X),):
        raise ValueError(
            "custom data must be X of shape (n, 2) and y of shape (n,); "
            f"got {X.shape} and {y.shape}"
        )
    if X.dtype.kind not in "iuf" or y.dtype.kind not in "iuf":
        raise TypeError(f"custom data must be numbers; got dtypes {X.dtype} and {y.dtype}")
    custom = {"X": X.astype(np.float64).tolist(), "y": y.tolist()}
    return custom if task is None else {**custom, "task": task}


def read_csv(source) -> dict:
    """The `custom` state field from CSV text or a path: rows `x1,x2,y` (a header row of
    names is skipped)."""
    text = pathlib.Path(source).read_text(encoding="utf-8") if _is_path(source) else source
    rows = [row for row in csv.reader(text.splitlines()) if row and any(c.strip() for c in row)]
    if rows and not _numeric(rows[0]):
        rows = rows[1:]
    for number, row in enumerate(rows, start=1):
        if len(row) != 3 or not _numeric(row):
            raise ValueError(f"CSV row {number} must be three numbers x1,x2,y; got {row!r}")
    values = np.array([[float(c) for c in row] for row in rows], dtype=np.float64)
    if len(values) == 0:
        raise ValueError("the CSV holds no rows x1,x2,y")
    y = values[:, 2]
    return custom_from_arrays(values[:, :2], y.astype(np.int64) if _labels(y) else y)


def _is_path(source) -> bool:
    return isinstance(source, pathlib.Path) or (isinstance(source, str) and "\n" not in source)


def _numeric(row) -> bool:
    try:
        [float(c) for c in row]
    except ValueError:
        return False
    return True


def _labels(y) -> bool:
    return bool(np.all(y == np.round(y)) and y.min() >= 0 and y.max() < 10)
