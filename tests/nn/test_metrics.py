"""Metrics: accuracy for class scores, one-hot targets and single-column outputs; MAE."""

import numpy as np
import pytest

from autograd import Value
from nn import accuracy, mae
from nn.metrics import get_metrics


def test_accuracy_of_class_scores_against_indices_and_one_hot():
    logits = np.array([[2.0, 1.0, 0.0], [0.0, 3.0, 1.0], [0.0, 0.0, 5.0], [9.0, 0.0, 0.0]])
    assert accuracy(logits, np.array([0, 1, 1, 0])) == 0.75
    assert accuracy(Value(logits), np.eye(3)[[0, 1, 1, 0]]) == 0.75


def test_a_single_column_of_probabilities_is_thresholded_at_0_5():
    probabilities = np.array([[0.9], [0.4], [0.6], [0.1]])
    assert accuracy(probabilities, np.array([1, 0, 0, 0])) == 0.75


def test_a_single_column_of_logits_is_thresholded_at_0():
    logits = np.array([2.0, -0.3, 0.3, -4.0])  # not all in [0, 1]: logits
    assert accuracy(logits, np.array([1, 0, 1, 0])) == 1.0
    assert accuracy(logits, np.array([1, -1, 1, -1])) == 1.0  # ±1 labels
    assert accuracy(np.array([0.3, 0.2]), np.array([1, 1])) == 0.0  # read as probabilities
    assert accuracy(np.array([0.3, 0.2]), np.array([1, 1]), threshold=0.0) == 1.0


def test_sign_outputs_against_plus_minus_one_labels():
    assert accuracy(np.array([-1.0, 1.0, 1.0]), np.array([-1, 1, -1])) == pytest.approx(2 / 3)


def test_mae():
    assert mae(np.array([[1.0], [2.0]]), np.array([0.0, 4.0])) == 1.5
    with pytest.raises(ValueError, match=r"output of shape \(2,\) and target of shape \(3,\)"):
        mae(np.ones(2), np.ones(3))


def test_accuracy_shape_errors_and_unknown_metrics():
    with pytest.raises(ValueError, match=r"target must be class indices of shape \(2,\)"):
        accuracy(np.zeros((2, 3)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"output of shape \(3,\) and target of shape \(2,\)"):
        accuracy(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match="unknown metric 'f1'; known metrics: accuracy, mae"):
        get_metrics(["f1"])
    assert [name for name, _ in get_metrics(["mae", accuracy])] == ["mae", "accuracy"]
