"""Splits: parts are disjoint, cover the data, stay aligned and keep class proportions."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data import kfold, train_test_split, train_val_test_split


@st.composite
def labelled_rows(draw, min_per_class):
    """Class labels (n,) for 1–4 classes of at least `min_per_class` rows each, shuffled."""
    sizes = draw(st.lists(st.integers(min_per_class, 20), min_size=1, max_size=4))
    labels = np.repeat(np.arange(len(sizes)), sizes)
    return np.random.default_rng(draw(st.integers(0, 2**32 - 1))).permutation(labels)


@st.composite
def held_out_sizes(draw, n_rows, n_parts):
    """Sizes for the n_parts − 1 held-out parts (each >= 1 row, training >= 1 row), each
    given as a count or as the fraction of n_rows that rounds back to that count."""
    counts = []
    for _ in range(n_parts - 1):
        rows_left = n_rows - sum(counts) - (n_parts - 1 - len(counts))
        counts.append(draw(st.integers(1, rows_left)))
    sizes = [draw(st.sampled_from([count, count / n_rows])) for count in counts]
    return sizes, counts


def assert_valid_parts(parts, n_rows, expected_sizes, labels=None):
    """`parts` of row ids: disjoint, covering 0..n_rows−1, of the expected sizes, and (with
    labels) every class within one row of its share of each part."""
    assert [len(part) for part in parts] == expected_sizes
    np.testing.assert_array_equal(np.sort(np.concatenate(parts)), np.arange(n_rows))
    if labels is not None:
        class_share = np.bincount(labels) / n_rows
        for part in parts:
            counts = np.bincount(labels[part], minlength=len(class_share))
            assert np.all(np.abs(counts - len(part) * class_share) <= 1)


def dataset(labels):
    """Row ids, a 2-D X and y whose rows can be traced back to their row id."""
    ids = np.arange(len(labels))
    return ids, np.column_stack([ids, -ids]).astype(np.float64), labels


@given(labels=labelled_rows(min_per_class=3), data=st.data(), stratified=st.booleans())
def test_train_val_test_parts_are_disjoint_covering_aligned_and_stratified(
    labels, data, stratified
):
    n_rows = len(labels)
    (val_size, test_size), (n_val, n_test) = data.draw(held_out_sizes(n_rows, n_parts=3))
    ids, X, y = dataset(labels)
    parts = train_val_test_split(
        ids,
        X,
        y,
        val_size=val_size,
        test_size=test_size,
        stratify=y if stratified else None,
        seed=data.draw(st.integers(0, 100)),
    )
    id_parts, X_parts, y_parts = parts[:3], parts[3:6], parts[6:]
    expected = [n_rows - n_val - n_test, n_val, n_test]
    assert_valid_parts(id_parts, n_rows, expected, labels if stratified else None)
    for rows, X_part, y_part in zip(id_parts, X_parts, y_parts, strict=True):
        np.testing.assert_array_equal(X_part, X[rows])
        np.testing.assert_array_equal(y_part, y[rows])


@given(labels=labelled_rows(min_per_class=2), data=st.data(), shuffle=st.booleans())
def test_stratified_train_test_split_keeps_proportions(labels, data, shuffle):
    (test_size,), (n_test,) = data.draw(held_out_sizes(len(labels), n_parts=2))
    ids, _, y = dataset(labels)
    parts = train_test_split(ids, test_size=test_size, stratify=y, shuffle=shuffle, seed=0)
    assert_valid_parts(parts, len(labels), [len(labels) - n_test, n_test], labels)


def test_fractions_of_the_whole_data_set_give_300_100_100_of_500():
    X, y = np.zeros((500, 3)), np.arange(500) % 4
    parts = train_val_test_split(X, y, val_size=0.2, test_size=0.2, seed=0)
    assert [len(part) for part in parts] == [300, 100, 100] * 2
    assert [part.shape[1] for part in parts[:3]] == [3, 3, 3]


def test_parts_come_in_scikit_learn_order():
    X, y = np.arange(10)[:, None], np.arange(10) * 10
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=4, shuffle=False)
    np.testing.assert_array_equal(X_train[:, 0], np.arange(6))
    np.testing.assert_array_equal(X_test[:, 0], np.arange(6, 10))
    np.testing.assert_array_equal(y_train, np.arange(6) * 10)
    np.testing.assert_array_equal(y_test, np.arange(6, 10) * 10)


def test_unshuffled_stratified_split_keeps_row_order_within_parts():
    y = np.array([0, 1, 0, 1, 0, 1, 0, 1, 0, 1])
    train, test = train_test_split(np.arange(10), test_size=0.4, stratify=y, shuffle=False)
    np.testing.assert_array_equal(train, [0, 1, 2, 3, 4, 5])
    np.testing.assert_array_equal(test, [6, 7, 8, 9])


def test_same_seed_same_split_and_different_seeds_differ():
    ids = np.arange(100)
    first, second = (
        train_test_split(ids, test_size=0.3, seed=5),
        train_test_split(ids, test_size=0.3, seed=5),
    )
    np.testing.assert_array_equal(first[1], second[1])
    assert not np.array_equal(first[1], train_test_split(ids, test_size=0.3, seed=6)[1])


@given(labels=labelled_rows(min_per_class=2), data=st.data(), stratified=st.booleans())
def test_kfold_validates_every_row_once_in_balanced_folds(labels, data, stratified):
    n_rows = len(labels)
    max_k = np.bincount(labels).min() if stratified else n_rows  # a row of each class per fold
    k = data.draw(st.integers(2, min(8, max_k)))
    folds = kfold(n_rows, k, stratify=labels if stratified else None, seed=0)
    assert len(folds) == k
    val_parts = [val for _, val in folds]
    sizes = [n_rows // k + (fold < n_rows % k) for fold in range(k)]
    assert_valid_parts(val_parts, n_rows, sizes, labels if stratified else None)
    for train, val in folds:
        np.testing.assert_array_equal(np.sort(np.concatenate([train, val])), np.arange(n_rows))


def test_unshuffled_kfold_cuts_consecutive_blocks():
    folds = kfold(7, k=3, shuffle=False)
    assert [val.tolist() for _, val in folds] == [[0, 1, 2], [3, 4], [5, 6]]
    assert folds[1][0].tolist() == [0, 1, 2, 5, 6]


def test_kfold_is_reproducible_from_its_seed():
    first, second = kfold(50, 5, seed=1), kfold(50, 5, seed=1)
    for (train_a, val_a), (train_b, val_b) in zip(first, second, strict=True):
        np.testing.assert_array_equal(train_a, train_b)
        np.testing.assert_array_equal(val_a, val_b)
    assert not np.array_equal(first[0][1], kfold(50, 5, seed=2)[0][1])


X10 = np.zeros((10, 2))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: train_val_test_split(X10, val_size=0.5, test_size=0.6), ValueError,
         r"val_size=0.5 and test_size=0.6 asks for 5 \+ 6 = 11 of the 10 rows"),
        (lambda: train_val_test_split(X10, val_size=5, test_size=5), ValueError,
         "leaving none for training"),
        (lambda: train_test_split(X10, test_size=0.01), ValueError,
         "test_size=0.01 gives 0 of the 10 rows"),
        (lambda: train_test_split(X10, test_size=0), ValueError, "test_size=0 gives 0"),
        (lambda: train_test_split(X10, test_size=1.0), ValueError, r"test_size .* \(0, 1\)"),
        (lambda: train_test_split(X10, test_size=-0.2), ValueError, "test_size"),
        (lambda: train_test_split(X10, test_size=10), ValueError, "test_size=10 asks for 10 of"),
        (lambda: train_test_split(X10, test_size=True), TypeError, "test_size"),
        (lambda: train_test_split(X10, test_size="0.2"), TypeError, "test_size"),
        (lambda: train_test_split(X10, np.zeros(9), test_size=2), ValueError,
         r"same number of rows, got lengths \[10, 9\]"),
        (lambda: train_test_split(X10, list(range(10)), test_size=2), TypeError,
         r"arrays\[1\] must be a numpy array, got list"),
        (lambda: train_test_split(test_size=2), ValueError, "at least one array"),
        (lambda: train_test_split(X10, test_size=2, stratify=np.array([0] * 9 + [1])),
         ValueError, "class 1 has only 1 row"),
        (lambda: train_val_test_split(X10, val_size=2, test_size=2,
                                      stratify=np.array([0] * 8 + [1] * 2)),
         ValueError, "split into 3 parts needs at least 3 rows"),
        (lambda: train_test_split(X10, test_size=2, stratify=np.zeros(9)), ValueError,
         r"stratify must have shape \(10,\)"),
        (lambda: train_test_split(X10, test_size=2, stratify=[0] * 10), TypeError, "stratify"),
        (lambda: kfold(10, k=1), ValueError, "k must be"),
        (lambda: kfold(10, k=11), ValueError, "k=11 folds need at least 11 rows"),
        (lambda: kfold(10, k=2.0), TypeError, "k must be an integer"),
        (lambda: kfold(0, k=2), ValueError, "n_samples"),
        (lambda: kfold(6, k=3, stratify=np.array([0, 0, 0, 0, 1, 1])), ValueError,
         "class 1 has only 2 row"),
    ],
)  # fmt: skip
def test_impossible_splits_raise_errors_naming_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()
