"""data: data sets, splits, feature scaling and mini-batches, with numpy alone.

Generators of small synthetic data sets (`make_moons`, `make_spirals`, …), the real 8×8
handwritten digits (`load_digits`), splitting (`train_test_split`, `train_val_test_split`,
`kfold`), feature scaling (`StandardScaler`, `MinMaxScaler`) and mini-batching
(`DataLoader`), and image augmentation (`data.augment`). Everything random is seeded
through `numpy.random.default_rng(seed)`; `seed=None` draws a seed from numpy's global
state, so `np.random.seed(s)` at the top of a script makes it reproducible.
"""

from data import augment
from data.datasets import (
    make_blobs,
    make_circles,
    make_moons,
    make_regression,
    make_spirals,
    make_xor,
)
from data.digits import load_digits
from data.loader import DataLoader
from data.scaling import MinMaxScaler, StandardScaler
from data.splits import kfold, train_test_split, train_val_test_split

__all__ = [
    "DataLoader",
    "MinMaxScaler",
    "StandardScaler",
    "augment",
    "kfold",
    "load_digits",
    "make_blobs",
    "make_circles",
    "make_moons",
    "make_regression",
    "make_spirals",
    "make_xor",
    "train_test_split",
    "train_val_test_split",
]
