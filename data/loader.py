"""Mini-batches over numpy arrays, PyTorch's DataLoader for data that fits in memory."""

import math

import numpy as np

from data._checks import check_aligned_arrays, check_bool, check_int, generator


class DataLoader:
    """Iterate over aligned arrays in mini-batches: each batch is a tuple with the same rows
    of every array, ``(x_batch, y_batch)`` for ``DataLoader(X, y)``.

    Each ``for`` loop over the loader is one epoch. With ``shuffle=True`` every epoch visits
    the rows in a new random order, drawn from the loader's own generator, seeded once with
    `seed`: epochs differ from each other, and two loaders built with the same seed give
    the same sequence of batches. Without shuffling, batches are slices in row order.

    Args:
        *arrays: numpy arrays with the same number of rows n (their first axis), e.g. X of
            shape (n, ...) and y of shape (n,).
        batch_size: rows per batch (int >= 1); the last batch may be smaller.
        shuffle: visit the rows in a new random order every epoch.
        drop_last: skip the last batch when it has fewer than `batch_size` rows.
        seed: seed for the loader's `numpy.random.default_rng` (None: drawn from numpy's
            global state, so `np.random.seed` makes the shuffling reproducible).
        transform: None, or a callable applied to the first array of every batch as
            ``transform(x_batch, rng=generator)`` (e.g. a `data.augment` transform), with the
            loader's generator so that augmented epochs are reproducible from `seed`. It
            must return a numpy array with as many rows as it was given: anything else
            (None, a list, a changed row count, which would misalign x and y) is an error.

    Yields:
        Tuples with one array per input array, of shape (batch, ...) each. Unshuffled
        batches are views of the inputs (so don't modify them in place); shuffled ones are
        gathered copies.

    ``len(loader)`` is the number of batches per epoch: ⌈n / batch_size⌉, or
    ⌊n / batch_size⌋ with ``drop_last=True``.

    Example:
        >>> X, y = np.random.default_rng(0).normal(size=(100, 2)), np.arange(100) % 2
        >>> loader = DataLoader(X, y, batch_size=32, shuffle=True, seed=0)
        >>> len(loader), [len(xb) for xb, yb in loader]
        (4, [32, 32, 32, 4])
    """

    def __init__(
        self, *arrays, batch_size=32, shuffle=False, drop_last=False, seed=None, transform=None
    ):
        self.n_samples = check_aligned_arrays(arrays)
        self.arrays = arrays
        self.batch_size = check_int("batch_size", batch_size, minimum=1)
        if transform is not None and not callable(transform):
            raise TypeError(f"transform must be callable or None, got {type(transform).__name__}")
        self.shuffle = check_bool("shuffle", shuffle)
        self.drop_last = check_bool("drop_last", drop_last)
        self.transform = transform
        self._rng = generator(seed)

    def __len__(self):
        if self.drop_last:
            return self.n_samples // self.batch_size
        return math.ceil(self.n_samples / self.batch_size)

    def __iter__(self):
        order = self._rng.permutation(self.n_samples) if self.shuffle else None
        for start in range(0, len(self) * self.batch_size, self.batch_size):
            rows = slice(start, start + self.batch_size)
            if order is not None:
                rows = order[rows]  # one fancy-index gather per array and batch
            batch = tuple(array[rows] for array in self.arrays)
            if self.transform is not None:
                batch = (self._transformed(batch[0]), *batch[1:])
            yield batch

    def _transformed(self, x):
        """The transform of one batch's first array, checked to still match the others."""
        out = self.transform(x, rng=self._rng)
        if not isinstance(out, np.ndarray):
            raise TypeError(
                f"DataLoader: transform {self.transform!r} returned a "
                f"{type(out).__name__}, expected a numpy array of {len(x)} rows"
            )
        if out.ndim == 0 or len(out) != len(x):
            raise ValueError(
                f"DataLoader: transform {self.transform!r} returned shape {out.shape} for a "
                f"batch of {len(x)} rows; it must keep the number of rows, or x and y would "
                "no longer match"
            )
        return out

    def __repr__(self):
        return (
            f"DataLoader({len(self.arrays)} arrays of {self.n_samples} rows, "
            f"batch_size={self.batch_size}, shuffle={self.shuffle}, drop_last={self.drop_last})"
        )
