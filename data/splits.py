"""Splitting a data set into disjoint parts: train/test, train/validation/test and k folds.

All three splitters share one routine. It shuffles the row indices (or keeps their order),
decides how many rows of each class every part gets, and deals each class's rows out to
the parts in turn. Without `stratify` the whole data set counts as one class. With it, each
part gets every class in the proportion of the whole data set, to within one row:

    rows of class c in part p ≈ (rows in part p) · (rows of class c) / (all rows)

Sizes are given as a fraction of the whole data set (a float in (0, 1), rounded to the
nearest row, halves up) or as a number of rows (an int); the training set gets the rest.
"""

import math
import numbers

import numpy as np

from data._checks import check_aligned_arrays, check_bool, check_int, generator, is_number


def train_test_split(*arrays, test_size, stratify=None, shuffle=True, seed=None):
    """Split arrays into a training part and a test part, keeping their rows aligned.

    Args:
        *arrays: numpy arrays with the same number of rows n (their first axis), such as X
            of shape (n, ...) and y of shape (n,).
        test_size: the test part's size, a fraction of n in (0, 1) or a number of rows.
        stratify: None, or class labels of shape (n,) (usually y): each part then keeps the
            class proportions of the whole data set.
        shuffle: if True (the default) rows are assigned at random; if False the first rows
            go to training and the last ones to test (per class when stratified).
        seed: seed for `numpy.random.default_rng`, used when shuffling (None: drawn from
            numpy's global state).

    Returns:
        A list with, for each array in order, its train part and its test part (copies):
        ``X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)``.

    Example:
        >>> X, y = np.arange(20).reshape(10, 2), np.arange(10)
        >>> X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, seed=0)
        >>> len(X_tr), len(X_te)
        (7, 3)
    """
    return _split(arrays, {"test_size": test_size}, stratify, shuffle, seed)


def train_val_test_split(*arrays, val_size, test_size, stratify=None, shuffle=True, seed=None):
    """Split arrays into training, validation and test parts, keeping their rows aligned.

    Both sizes are relative to the whole data set: 500 rows with ``val_size=0.2,
    test_size=0.2`` give 300 training, 100 validation and 100 test rows.

    Args:
        *arrays: numpy arrays with the same number of rows n.
        val_size, test_size: fractions of n in (0, 1) or numbers of rows.
        stratify, shuffle, seed: as in `train_test_split`.

    Returns:
        A list with, for each array in order, its train, validation and test parts:
        ``X_tr, X_val, X_te, y_tr, y_val, y_te = train_val_test_split(X, y, ...)``.

    Example:
        >>> X, y = np.zeros((500, 2)), np.arange(500) % 2
        >>> parts = train_val_test_split(X, y, val_size=0.2, test_size=0.2, stratify=y, seed=0)
        >>> [len(part) for part in parts[:3]]
        [300, 100, 100]
    """
    held_out = {"val_size": val_size, "test_size": test_size}
    return _split(arrays, held_out, stratify, shuffle, seed)


def kfold(n_samples, k=5, *, stratify=None, shuffle=True, seed=None):
    """Indices for k-fold cross-validation: k (train_idx, val_idx) pairs.

    The rows 0..n_samples−1 are cut into k folds whose sizes differ by at most one; the i-th
    pair validates on fold i and trains on the other k − 1. Every row is validated on exactly
    once. With `stratify`, every fold keeps the class proportions (stratified k-fold).

    Args:
        n_samples: number of rows (int >= k), usually ``len(X)``.
        k: number of folds (int >= 2).
        stratify: None, or class labels of shape (n_samples,).
        shuffle: if True (the default, unlike scikit-learn's KFold) rows are dealt to folds
            at random; if False fold i is a block of consecutive rows (per class when
            stratified).
        seed: seed for `numpy.random.default_rng`, used when shuffling (None: drawn from
            numpy's global state).

    Returns:
        A list of k pairs of int index arrays (train_idx, val_idx); with shuffle=False both
        are in increasing order. Index your arrays with them: ``X[train_idx]``.

    Example:
        >>> X, y = np.arange(20).reshape(10, 2), np.arange(10) % 2
        >>> folds = kfold(len(X), k=5, stratify=y, seed=0)
        >>> [np.bincount(y[val_idx]).tolist() for _, val_idx in folds]
        [[1, 1], [1, 1], [1, 1], [1, 1], [1, 1]]
        >>> for train_idx, val_idx in folds:  # train on X[train_idx], score on X[val_idx]
        ...     X_train, X_val = X[train_idx], X[val_idx]
    """
    n_samples = check_int("n_samples", n_samples, minimum=1)
    k = check_int("k", k, minimum=2)
    if k > n_samples:
        raise ValueError(f"k={k} folds need at least {k} rows, got n_samples={n_samples}")
    fold_sizes = np.full(k, n_samples // k) + (np.arange(k) < n_samples % k)
    order, fold_of = _assign_parts(n_samples, fold_sizes, stratify, shuffle, seed)
    return [(order[fold_of != fold], order[fold_of == fold]) for fold in range(k)]


def _split(arrays, held_out, stratify, shuffle, seed):
    """Split `arrays` into a training part and the `held_out` parts ({name: size}, in order)."""
    n_rows = check_aligned_arrays(arrays)
    part_sizes = _part_sizes(n_rows, held_out)
    order, part_of = _assign_parts(n_rows, part_sizes, stratify, shuffle, seed)
    parts = [order[part_of == part] for part in range(len(part_sizes))]
    return [array[rows] for array in arrays for rows in parts]


def _part_sizes(n_rows, held_out):
    """Row counts [train, *held_out] for sizes given as fractions or counts."""
    held_out_rows = [_rows_for(name, size, n_rows) for name, size in held_out.items()]
    if sum(held_out_rows) >= n_rows:
        given = " and ".join(f"{name}={size}" for name, size in held_out.items())
        taken = " + ".join(str(rows) for rows in held_out_rows)
        if len(held_out_rows) > 1:
            taken += f" = {sum(held_out_rows)}"
        raise ValueError(
            f"{given} asks for {taken} of the {n_rows} rows, leaving none for training; "
            "the held-out sizes must add up to less than the whole data set"
        )
    return np.array([n_rows - sum(held_out_rows), *held_out_rows])


def _rows_for(name, size, n_rows):
    """The number of rows a size argument asks for: a fraction of n_rows or a count."""
    if not is_number(size):
        raise TypeError(
            f"{name} must be a fraction (float) or a number of rows (int), got {size!r}"
        )
    if isinstance(size, numbers.Integral):
        rows = int(size)
    elif 0 < size < 1:
        rows = math.floor(size * n_rows + 0.5)
    else:
        raise ValueError(f"{name} as a fraction must be in (0, 1), got {size}")
    if rows < 1:
        raise ValueError(
            f"{name}={size} gives {rows} of the {n_rows} rows; every part needs at least one row"
        )
    return rows


def _assign_parts(n_rows, part_sizes, stratify, shuffle, seed):
    """Deal the rows out to parts of the given sizes (stratified when labels are given).

    Returns (order, part_of): `order` holds the row indices (shuffled or not) and `part_of[i]`
    the part that row `order[i]` belongs to, so ``order[part_of == p]`` lists part p's rows
    in the order of `order`.
    """
    labels, class_counts = _classes(stratify, n_rows, n_parts=len(part_sizes))
    check_bool("shuffle", shuffle)
    order = generator(seed).permutation(n_rows) if shuffle else np.arange(n_rows)
    counts = _rows_per_part_and_class(class_counts, part_sizes)
    # Visit the rows class by class (keeping `order` within a class, hence the stable sort):
    # class c's first counts[0, c] rows go to part 0, its next counts[1, c] rows to part 1, ...
    by_class = np.argsort(labels[order], kind="stable")
    n_parts, n_classes = counts.shape
    part_of = np.empty(n_rows, dtype=np.intp)
    part_of[by_class] = np.repeat(np.tile(np.arange(n_parts), n_classes), counts.T.ravel())
    return order, part_of


def _classes(stratify, n_rows, n_parts):
    """Class index per row (0..n_classes−1) and the row count of each class.

    Without `stratify` every row is in class 0. A class needs a row for every part.
    """
    if stratify is None:
        return np.zeros(n_rows, dtype=np.intp), np.array([n_rows])
    if not isinstance(stratify, np.ndarray):
        raise TypeError(
            f"stratify must be a numpy array of class labels, got {type(stratify).__name__}"
        )
    if stratify.shape != (n_rows,):
        raise ValueError(
            f"stratify must have shape ({n_rows},), one label per row, got {stratify.shape}"
        )
    if stratify.dtype.kind in "fc" and not np.isfinite(stratify).all():
        raise ValueError(
            "stratify holds NaN or inf, which is not a class label (and NaN, never equal to "
            "itself, would not even be one class)"
        )
    classes, labels, class_counts = np.unique(stratify, return_inverse=True, return_counts=True)
    smallest = np.argmin(class_counts)
    if class_counts[smallest] < n_parts:
        raise ValueError(
            f"class {classes[smallest].item()!r} has only {class_counts[smallest]} row(s): a "
            f"stratified split into {n_parts} parts needs at least {n_parts} rows of every class"
        )
    return labels, class_counts


def _rows_per_part_and_class(class_counts, part_sizes):
    """How many rows of each class each part gets: an int array (n_parts, n_classes).

    Its rows sum to `part_sizes`, its columns to `class_counts`, and every entry is within one
    row of the ideal share (part size) · (class count) / n. Start from the rounded-down
    shares; the rows they leave out are handed out one per (part, class) cell, each class
    giving its leftovers to the parts that still miss the most rows (ties: the larger
    fractional share). This greedy is Ryser's construction of a 0-1 matrix with given row
    and column sums, which succeeds whenever one exists, and the fractional remainders of
    the ideal shares show that one does.
    """
    ideal = np.outer(part_sizes, class_counts) / class_counts.sum()
    counts = np.floor(ideal).astype(np.int64)
    part_missing = part_sizes - counts.sum(axis=1)
    class_leftover = class_counts - counts.sum(axis=0)
    for c in np.argsort(-class_leftover, kind="stable"):
        remainder = ideal[:, c] - counts[:, c]
        takers = np.lexsort((-remainder, -part_missing))[: class_leftover[c]]
        counts[takers, c] += 1
        part_missing[takers] -= 1
    return counts
