"""Data set name -> split, standardised arrays, ready for training.

Every data set goes through the same steps, all seeded from the run's seed:

1. generate (or load the digits): X of shape (n, 2) for the 2-D sets, (n, 1) for
   regression, the images (1797, 8, 8) in [0, 1] for digits;
2. split 60/20/20 into train / validation / test, stratified by class for classification;
3. flatten to (n, features) and standardise with a `StandardScaler` fitted on the
   training part only.

With `--augment` (digits only) the training images are augmented batch by batch, in
[0, 1] and before standardising (standardised pixels are no longer images).
"""

import dataclasses
import hashlib
import pathlib

import numpy as np

import data
from data import augment

#: Generators of the synthetic sets and their sizes; the digits are loaded instead.
GENERATORS = {
    "moons": lambda seed: data.make_moons(1000, noise=0.2, seed=seed),
    "circles": lambda seed: data.make_circles(1000, noise=0.1, seed=seed),
    "spirals": lambda seed: data.make_spirals(1000, seed=seed),
    "xor": lambda seed: data.make_xor(1000, seed=seed),
    "blobs": lambda seed: data.make_blobs(1000, noise=2.0, seed=seed),
    "regression": lambda seed: data.make_regression(500, seed=seed),
}

#: Every `--dataset` name.
DATASETS = ("digits", *GENERATORS)

#: The `dataset` of a run whose data are stored in its folder (the playground's exports):
#: `data.npz` holds the exact split, as features, instead of a recipe to recompute it.
SAVED, SAVED_FILE = "saved", "data.npz"


@dataclasses.dataclass
class Split:
    """A data set split into train / validation / test, ready for a model.

    Attributes:
        name: the data set's name; task: "classification" or "regression".
        raw_train: the training inputs before scaling (images for digits), for augmentation.
        X_train, X_val, X_test: standardised features, float64 (n, in_features).
        y_train, y_val, y_test: int64 class labels (n,), or float64 targets for regression.
        scaler: the `data.StandardScaler` fitted on the training features (None for a
            saved split, whose arrays are the model's inputs already).
        n_classes: the number of classes (1 for regression: one output).
    """

    name: str
    task: str
    raw_train: np.ndarray
    X_train: np.ndarray
    X_val: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_val: np.ndarray
    y_test: np.ndarray
    scaler: data.StandardScaler
    n_classes: int

    @property
    def in_features(self) -> int:
        return self.X_train.shape[1]

    @property
    def is_2d(self) -> bool:
        """Whether the inputs are points in the plane (a decision boundary can be drawn)."""
        return self.task == "classification" and self.in_features == 2

    def features(self, raw) -> np.ndarray:
        """Raw inputs (images or points, in their original units) -> standardised rows."""
        return self.scaler.transform(_rows(raw))

    def fingerprint(self) -> str:
        """A SHA-256 of all the arrays: recomputing the split from the seed must give it."""
        digest = hashlib.sha256()
        for array in (
            self.X_train,
            self.X_val,
            self.X_test,
            self.y_train,
            self.y_val,
            self.y_test,
        ):
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()


def load(name, *, seed, val_size=0.2, test_size=0.2, folder=None) -> Split:
    """The data set `name` (one of `DATASETS`), split and standardised; `SAVED`: the split
    stored in the run folder `folder`.

    The seed feeds two independent streams (via `numpy.random.SeedSequence`): one for
    generating the data, one for the split, so the same seed always gives the same arrays.
    """
    if name == SAVED and folder is not None:
        return load_saved(folder)
    data_seed, split_seed = np.random.SeedSequence(seed).spawn(2)
    if name == "digits":
        raw, y = data.load_digits()
    elif name in GENERATORS:
        raw, y = GENERATORS[name](data_seed)
    else:
        raise ValueError(f"unknown dataset {name!r}; known: digits, {', '.join(GENERATORS)}")
    task = "regression" if name == "regression" else "classification"
    raw_train, raw_val, raw_test, y_train, y_val, y_test = data.train_val_test_split(
        raw,
        y,
        val_size=val_size,
        test_size=test_size,
        stratify=y if task == "classification" else None,
        seed=split_seed,
    )
    scaler = data.StandardScaler().fit(_rows(raw_train))
    X_train, X_val, X_test = (
        scaler.transform(_rows(raw)) for raw in (raw_train, raw_val, raw_test)
    )
    n_classes = int(y.max()) + 1 if task == "classification" else 1
    return Split(
        name, task, raw_train, X_train, X_val, X_test, y_train, y_val, y_test, scaler, n_classes
    )


def _rows(raw) -> np.ndarray:
    """Inputs as one row of features per sample: (n, 8, 8) images -> (n, 64)."""
    return raw.reshape(len(raw), -1)


def digits_augmentation() -> augment.Compose:
    """The `--augment` pipeline for the 8×8 digits: small random shifts, rotations, zooms
    and shears (a digit stays the same digit), then a little pixel noise."""
    return augment.Compose(
        [
            augment.Affine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=5),
            augment.GaussianNoise(std=0.05),
        ]
    )


def training_batches(split, *, batch_size, seed, augmented=False) -> data.DataLoader:
    """Shuffled training mini-batches; with `augmented`, each batch of raw images is
    augmented, then standardised (the DataLoader's transform, seeded by `seed`)."""
    if not augmented:
        return data.DataLoader(
            split.X_train, split.y_train, batch_size=batch_size, shuffle=True, seed=seed
        )
    pipeline = digits_augmentation()

    def augment_then_standardise(images, rng):
        return split.features(pipeline(images, rng=rng))

    return data.DataLoader(
        split.raw_train,
        split.y_train,
        batch_size=batch_size,
        shuffle=True,
        seed=seed,
        transform=augment_then_standardise,
    )


def saved_split(task, X_train, y_train, X_val, y_val, X_test, y_test) -> Split:
    """A `Split` of arrays that are already the model's inputs (named `SAVED`)."""
    n_classes = (
        int(max(y.max() for y in (y_train, y_val, y_test))) + 1 if task == "classification" else 1
    )
    return Split(
        SAVED, task, X_train, X_train, X_val, X_test, y_train, y_val, y_test, None, n_classes
    )


def save_split(split, folder) -> None:
    """Write `split`'s arrays and task to `folder`/data.npz (no pickles)."""
    arrays = {name: getattr(split, name) for name in _SAVED_ARRAYS}
    np.savez(pathlib.Path(folder) / SAVED_FILE, task=np.array(split.task), **arrays)


def load_saved(folder) -> Split:
    """The split that `save_split` wrote to `folder`/data.npz; a missing or damaged file is
    a ValueError saying so."""
    path = pathlib.Path(folder) / SAVED_FILE
    try:
        with np.load(path, allow_pickle=False) as stored:
            task = str(stored["task"])
            arrays = {name: stored[name] for name in _SAVED_ARRAYS}
    except (OSError, KeyError, ValueError) as error:
        raise ValueError(f"cannot read the saved data {path}: {error}") from error
    if task not in ("classification", "regression"):
        raise ValueError(f"{path} has an unknown task {task!r}")
    return saved_split(task, **arrays)


_SAVED_ARRAYS = ("X_train", "y_train", "X_val", "y_val", "X_test", "y_test")
