"""Metrics: numbers that say how good predictions are, for people (losses are for training).

A metric is a function `metric(output, target) -> float` of a batch of model outputs
(a Value or an array) and targets; `fit` and `evaluate` average it over batches, weighted
by batch size, and accept metrics by name ("accuracy", "mae") or as such functions.
"""

import numpy as np

from autograd import Value
from nn._checks import check_real_array
from nn.losses import is_column_for_vector


def accuracy(output, target, threshold=None) -> float:
    """The fraction of samples whose predicted class equals the target class.

    How the predicted class is read from `output` depends on its shape:

    - (N, C) with C ≥ 2, class scores (logits or probabilities): the argmax of each row.
      `target` holds class indices (N,) or one-hot rows (N, C) (their argmax is used).
    - (N,) or (N, 1), one score per sample (binary classification): positive when the
      score is above a threshold, which is 0.5 if every score of the batch lies in [0, 1]
      (read as probabilities, e.g. after a sigmoid) and 0 otherwise (read as logits, or
      the output of tanh or sign). `target` holds labels in {0, 1}, or in {−1, +1} (then
      the prediction is −1 or +1). Caution: logits that all happen to lie in [0, 1] are
      read as probabilities; pass `lambda o, t: accuracy(o, t, threshold=0.0)` to fix the
      threshold.

    Args:
        output: the model's outputs, shape (N, C), (N,) or (N, 1).
        target: the true classes, as described above.
        threshold: the binary threshold; None (default) chooses it as described above.

    Example:
        >>> accuracy(np.array([[2.0, 1.0], [0.0, 3.0]]), np.array([0, 0]))
        0.5
    """
    output, target = _as_array(output), _as_array(target)
    _check_outputs(output, "accuracy")
    if output.ndim == 2 and output.shape[1] > 1:
        predicted = output.argmax(axis=1)
        if target.shape == output.shape:
            target = target.argmax(axis=1)
        elif target.shape != output.shape[:1]:
            raise ValueError(
                f"accuracy: for outputs of shape {output.shape}, target must be class indices "
                f"of shape {output.shape[:1]} or one-hot of shape {output.shape}, got shape "
                f"{target.shape}"
            )
    else:
        scores, target = _aligned(output, target, "accuracy")
        if threshold is None:
            threshold = 0.5 if np.all((scores >= 0) & (scores <= 1)) else 0.0
        negative = -1 if np.any(target == -1) else 0
        predicted = np.where(scores > threshold, 1, negative)
    return float(np.mean(predicted == target))


def mae(output, target) -> float:
    """Mean absolute error, 1/n Σ |ŷ − y|, for regression. Shapes must agree ((N, 1)
    outputs with (N,) targets are accepted)."""
    output, target = _aligned(_as_array(output), _as_array(target), "mae")
    _check_outputs(output, "mae")
    return float(np.mean(np.abs(output - target)))


#: Metrics by name.
METRICS = {"accuracy": accuracy, "mae": mae}


def get_metrics(metrics) -> list:
    """[(name, function)] for metric names (keys of `METRICS`) and functions (named by
    their `__name__`). An unknown name is a ValueError listing the known ones."""
    if metrics is None:
        return []
    if isinstance(metrics, str) or callable(metrics):
        metrics = (metrics,)
    resolved = []
    for metric in metrics:
        if callable(metric):
            resolved.append((getattr(metric, "__name__", "metric"), metric))
        elif metric in METRICS:
            resolved.append((metric, METRICS[metric]))
        else:
            raise ValueError(f"unknown metric {metric!r}; known metrics: {', '.join(METRICS)}")
    return resolved


def _as_array(x) -> np.ndarray:
    return np.asarray(x.data if isinstance(x, Value) else x)


def _check_outputs(output, metric) -> None:
    """No sample, or a NaN output, has no meaningful score: a ValueError, not nan with a
    warning, nor a made-up class (the argmax of a NaN row is 0)."""
    check_real_array(f"{metric}: output", output)
    if output.size == 0:
        raise ValueError(
            f"{metric}: the output is empty (shape {output.shape}); no sample to score"
        )
    if np.isnan(output).any():
        raise ValueError(
            f"{metric}: the output holds NaN ({int(np.isnan(output).sum())} of {output.size} "
            "values); the model has diverged or was given NaN input"
        )


def _aligned(output, target, metric):
    """Bring an (N, 1) output with an (N,) target to (N,); any other mismatch is an error."""
    if is_column_for_vector(output.shape, target.shape):
        output = output[:, 0]
    if output.shape != target.shape:
        raise ValueError(
            f"{metric}: output of shape {output.shape} and target of shape {target.shape} "
            "do not agree"
        )
    return output, target
