"""The 8×8 handwritten digits, shipped inside the package so that nothing is downloaded."""

from pathlib import Path

import numpy as np

_DIGITS_FILE = Path(__file__).with_name("digits.npz")

# The raw pixels count "on" pixels in a 4×4 block of a 32×32 bitmap, so they run from 0 to 16.
_MAX_PIXEL = 16


def load_digits():
    """Load the 1,797 handwritten digits: 8×8 grey images with their labels 0–9.

    Returns:
        images: float64 array of shape (1797, 8, 8) with values in [0, 1] (raw pixel / 16).
        labels: int64 array of shape (1797,) with values 0–9, about 180 of each.

    Source: the test set of the "Optical Recognition of Handwritten Digits" data set by
    E. Alpaydin and C. Kaynak (1998), from the UCI Machine Learning Repository
    (https://archive.ics.uci.edu/ml/datasets/Optical+Recognition+of+Handwritten+Digits),
    licensed CC BY 4.0, as distributed with scikit-learn
    (``sklearn/datasets/data/digits.csv.gz``). The test set holds the digits of 13 writers
    (not among the 30 of the training set); each 32×32 bitmap was cut into 4×4 blocks and
    the "on" pixels of each block counted, which gives 8×8 images of integers 0..16.

    How ``digits.npz`` was made: the CSV was read from the scikit-learn 1.9.1 wheel (1797
    rows of 64 pixels and a label), the pixels reshaped to (1797, 8, 8), and both stored as
    uint8 with ``np.savez_compressed(path, images=images, labels=labels)``. It is loaded
    with ``allow_pickle=False``.

    Example:
        >>> images, labels = load_digits()
        >>> images.shape, labels[:5].tolist()
        ((1797, 8, 8), [0, 1, 2, 3, 4])
        >>> X = images.reshape(len(images), -1)  # one row of 64 features per image
    """
    with np.load(_DIGITS_FILE, allow_pickle=False) as stored:
        images = stored["images"] / np.float64(_MAX_PIXEL)
        labels = stored["labels"].astype(np.int64)
    return images, labels
