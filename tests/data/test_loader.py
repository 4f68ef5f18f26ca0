"""DataLoader: batches reassemble the data, stay aligned, reshuffle per epoch, reproducibly."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data import DataLoader


def traceable(n_rows):
    """X of shape (n, 2, 2) and y of shape (n,) whose rows can be traced back to their index."""
    ids = np.arange(n_rows)
    return ids[:, None, None] * np.ones((1, 2, 2)), ids


@given(n_rows=st.integers(1, 50), batch_size=st.integers(1, 60), drop_last=st.booleans())
def test_len_is_the_number_of_batches_and_batches_reassemble_the_data(
    n_rows, batch_size, drop_last
):
    X, y = traceable(n_rows)
    loader = DataLoader(X, y, batch_size=batch_size, drop_last=drop_last)
    batches = list(loader)
    assert len(batches) == len(loader)
    expected_len = n_rows // batch_size if drop_last else -(-n_rows // batch_size)
    assert len(loader) == expected_len
    kept = len(loader) * batch_size if drop_last else n_rows
    if batches:
        np.testing.assert_array_equal(np.concatenate([xb for xb, _ in batches]), X[:kept])
        np.testing.assert_array_equal(np.concatenate([yb for _, yb in batches]), y[:kept])
    if drop_last:
        assert all(len(xb) == batch_size for xb, _ in batches)


@given(n_rows=st.integers(1, 50), batch_size=st.integers(1, 20), seed=st.integers(0, 99))
def test_shuffled_batches_are_aligned_and_visit_every_row_once(n_rows, batch_size, seed):
    X, y = traceable(n_rows)
    batches = list(DataLoader(X, y, batch_size=batch_size, shuffle=True, seed=seed))
    ids = np.concatenate([yb for _, yb in batches])
    np.testing.assert_array_equal(np.sort(ids), y)
    for xb, yb in batches:
        np.testing.assert_array_equal(xb, X[yb])


def test_each_epoch_has_a_new_order_and_the_seed_fixes_the_sequence():
    X, y = traceable(100)

    def epochs(loader, n_epochs=3):
        return [np.concatenate([yb for _, yb in loader]) for _ in range(n_epochs)]

    first = epochs(DataLoader(X, y, batch_size=16, shuffle=True, seed=3))
    again = epochs(DataLoader(X, y, batch_size=16, shuffle=True, seed=3))
    other = epochs(DataLoader(X, y, batch_size=16, shuffle=True, seed=4))
    assert not np.array_equal(first[0], first[1])
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


def test_unshuffled_batches_are_views_in_row_order():
    X, y = traceable(10)
    (xb, yb), *_ = DataLoader(X, y, batch_size=4)
    assert np.shares_memory(xb, X) and np.shares_memory(yb, y)
    np.testing.assert_array_equal(yb, [0, 1, 2, 3])


def test_a_single_array_gives_one_element_tuples():
    batches = list(DataLoader(np.arange(5), batch_size=2))
    assert [batch[0].tolist() for batch in batches] == [[0, 1], [2, 3], [4]]
    assert all(isinstance(batch, tuple) and len(batch) == 1 for batch in batches)


def test_transform_gets_the_first_array_and_the_loaders_generator():
    X, y = traceable(12)
    calls = []

    def add_noise(x, rng):
        calls.append(rng)
        return x + rng.normal(size=x.shape)

    def noisy_epoch(seed):
        loader = DataLoader(X, y, batch_size=5, shuffle=True, seed=seed, transform=add_noise)
        return list(loader)

    batches = noisy_epoch(seed=1)
    assert len(calls) == 3 and all(isinstance(rng, np.random.Generator) for rng in calls)
    assert calls[0] is calls[1] is calls[2]
    for xb, yb in batches:
        assert not np.array_equal(xb, X[yb])  # noise added to X
        assert np.abs(xb - X[yb]).max() < 10  # but still the rows that go with y
    for (xa, ya), (xb, yb) in zip(batches, noisy_epoch(seed=1), strict=True):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)


@pytest.mark.parametrize(
    ("arrays", "kwargs", "error", "message"),
    [
        ((np.zeros(4),), {"batch_size": 0}, ValueError, "batch_size must be an integer >= 1"),
        ((np.zeros(4),), {"batch_size": 2.0}, TypeError, "batch_size"),
        ((np.zeros(4),), {"batch_size": True}, TypeError, "batch_size"),
        ((np.zeros(4), np.zeros(3)), {}, ValueError, r"got lengths \[4, 3\]"),
        ((), {}, ValueError, "at least one array"),
        (([1, 2, 3],), {}, TypeError, r"arrays\[0\] must be a numpy array, got list"),
        ((np.float64(1.0),), {}, TypeError, "numpy array"),
        ((np.array(1.0),), {}, ValueError, "0-d"),
        ((np.zeros(4),), {"transform": "flip"}, TypeError, "transform must be callable"),
    ],
)
def test_bad_arguments_are_clear_errors(arrays, kwargs, error, message):
    with pytest.raises(error, match=message):
        DataLoader(*arrays, **kwargs)
