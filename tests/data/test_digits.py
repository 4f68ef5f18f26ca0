"""load_digits: the shipped UCI digits, checked against the CSV they were converted from."""

import hashlib
from pathlib import Path

import numpy as np

import data
from data import load_digits

# Computed from scikit-learn 1.9.1's sklearn/datasets/data/digits.csv.gz when digits.npz was
# made: sha256 of the raw pixels (uint8 0..16, shape (1797, 8, 8), C order) and labels (uint8).
RAW_PIXELS_SHA256 = "8f26b2bd9d135c256808f68f14fdabddde6d9c7f869ae419704b051f0f14b3b3"
LABELS_SHA256 = "8ba4f891220f5e4c9c819638d1602d74b83618f167043c6da52a2a247841ddf0"
CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def test_images_are_1797_float_8x8_in_the_unit_interval():
    images, labels = load_digits()
    assert images.shape == (1797, 8, 8) and images.dtype == np.float64
    assert images.min() == 0.0 and images.max() == 1.0
    assert labels.shape == (1797,) and labels.dtype == np.int64


def test_class_counts_are_the_uci_test_sets():
    _, labels = load_digits()
    assert np.bincount(labels).tolist() == CLASS_COUNTS
    assert labels[:10].tolist() == list(range(10))


def test_pixels_are_the_raw_counts_divided_by_16_and_match_the_checksum():
    images, labels = load_digits()
    raw = images * 16
    np.testing.assert_array_equal(raw, np.round(raw))
    assert hashlib.sha256(raw.astype(np.uint8).tobytes()).hexdigest() == RAW_PIXELS_SHA256
    assert hashlib.sha256(labels.astype(np.uint8).tobytes()).hexdigest() == LABELS_SHA256


def test_first_image_starts_as_the_csvs_first_row():
    images, _ = load_digits()
    assert (images[0, 0] * 16).tolist() == [0, 0, 5, 13, 9, 1, 0, 0]


def test_stored_file_is_two_uint8_arrays_that_load_without_pickle():
    with np.load(Path(data.__file__).with_name("digits.npz"), allow_pickle=False) as stored:
        assert sorted(stored.files) == ["images", "labels"]
        assert stored["images"].dtype == np.uint8 and stored["labels"].dtype == np.uint8
