"""Loss functions, with PyTorch's names: `loss(prediction, target, reduction="mean")`.

The course's training objective is the mean of a per-sample loss,

    J(W) = 1/n Σ_i L(f(x_i; W), y_i),

and `reduction` says how the per-element losses are combined: "mean" (J, the default),
"sum", or "none" (the losses themselves, one per element).

`prediction` is what the model outputs (a Value, or an array); `target` is a constant
(a numpy array, a number, or a Value whose data is used; no gradient flows into it).
Shapes must agree exactly: numpy would silently broadcast an (N, 1) prediction against
an (N,) target into an (N, N) matrix of nonsense, so that one case is accepted as (N,)
and any other mismatch is a ValueError naming both shapes. So are targets outside a
loss's domain (a class index ≥ C, BCE targets outside [0, 1], hinge targets other than ±1).

Each function has a module with PyTorch's name that wraps it (`MSELoss`, `L1Loss`,
`BCELoss`, `BCEWithLogitsLoss`, `CrossEntropyLoss`, `HingeLoss`): `loss_fn =
nn.MSELoss(reduction="sum")`, then `loss_fn(prediction, target)`.

Every loss is composed of autograd ops, except `cross_entropy` and `hinge_loss`, which are
one fused op each, for stability and speed (their docstrings say why; tests check each
against its composite formula).
"""

import numpy as np

from autograd import Value, stack
from autograd.ops import losses as loss_ops
from nn.module import Module, as_value

REDUCTIONS = ("mean", "sum", "none")


def mse_loss(prediction, target, reduction="mean") -> Value:
    """Mean squared error: L = 1/n Σ (ŷ − y)².

    Shape: prediction and target of one shape (or (N, 1) and (N,)). Output: a scalar
    Value, or the shape of the inputs with reduction="none".
    """
    prediction, target = _aligned(prediction, target, "mse_loss", reduction)
    difference = prediction - target
    return _reduce(difference * difference, reduction)


def l1_loss(prediction, target, reduction="mean") -> Value:
    """Mean absolute error (MAE): L = 1/n Σ |ŷ − y|.  Shapes as `mse_loss`."""
    prediction, target = _aligned(prediction, target, "l1_loss", reduction)
    return _reduce((prediction - target).abs(), reduction)


def binary_cross_entropy(prediction, target, reduction="mean") -> Value:
    """Binary cross-entropy of probabilities: L = −[y·log p + (1 − y)·log(1 − p)].

    p is clipped to [ε, 1 − ε] (ε: the machine epsilon of p's dtype, 2.2e-16 for float64)
    so that the loss stays finite at p = 0 and p = 1; where p is clipped, no gradient flows.
    For a model that outputs logits z (no sigmoid), use the more stable
    `binary_cross_entropy_with_logits`.

    Args:
        prediction: probabilities p in [0, 1] (e.g. after a sigmoid).
        target: y in [0, 1] (labels 0/1, or soft labels), the shape of `prediction`.
    """
    p, y = _aligned(prediction, target, "binary_cross_entropy", reduction)
    _check_between(
        p.data,
        0.0,
        1.0,
        "binary_cross_entropy",
        "prediction (probabilities; for logits use binary_cross_entropy_with_logits)",
    )
    _check_between(y, 0.0, 1.0, "binary_cross_entropy", "target")
    eps = float(np.finfo(p.dtype).eps)
    p = p.clip(eps, 1.0 - eps)
    return _reduce(-(y * p.log() + (1.0 - y) * (1.0 - p).log()), reduction)


def binary_cross_entropy_with_logits(prediction, target, reduction="mean") -> Value:
    """Binary cross-entropy of a logit z (sigmoid and BCE in one, stably):

        L = −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = softplus(z) − z·y
          = max(z, 0) − z·y + log(1 + e^−|z|)

    softplus(z) = log(1 + e^z) is computed as logsumexp([0, z]), which is exactly the last
    line (nothing overflows) and whose gradient is σ(z), so dL/dz = σ(z) − y everywhere,
    z = 0 included.

    Args:
        prediction: logits z (any real numbers).
        target: y in [0, 1], the shape of `prediction`.
    """
    z, y = _aligned(prediction, target, "binary_cross_entropy_with_logits", reduction)
    _check_between(y, 0.0, 1.0, "binary_cross_entropy_with_logits", "target")
    softplus = stack([np.zeros(z.shape, z.dtype), z], dim=-1).logsumexp(dim=-1)
    return _reduce(softplus - z * y, reduction)


def hinge_loss(prediction, target, reduction="mean") -> Value:
    """Hinge loss (the SVM's): L = max(0, 1 − y·ŷ), with targets y in {−1, +1}.

    Zero for samples classified correctly with a margin y·ŷ ≥ 1; linear in the margin
    otherwise. Shapes as `mse_loss`.
    """
    prediction, target = _aligned(prediction, target, "hinge_loss", reduction)
    not_a_sign = np.abs(target) != 1  # NaN included
    # count_nonzero, not .any(): every step checks its batch, and .any() on a small mask costs
    # twice as much (a Python wrapper, then a general reduction).
    if np.count_nonzero(not_a_sign):
        bad = np.unique(target[not_a_sign])[:5]
        raise ValueError(f"hinge_loss: target must hold -1 or +1 only, got values {bad}")
    return loss_ops.HingeLoss.apply(prediction, target=target, reduction=reduction)


def cross_entropy(logits, target, reduction="mean") -> Value:
    """Softmax cross-entropy, the classification loss: L = −1/N Σ_i log softmax(z_i)[y_i].

    Give it logits (the raw outputs of the last Linear layer, no softmax): the softmax is
    part of the loss, computed stably in one fused op (see `CrossEntropy`).

    Args:
        logits: z of shape (N, C), C classes.
        target: class indices of shape (N,) (integers in [0, C)), or one-hot (or
            probability) rows of shape (N, C), each row summing to 1.
        reduction: "mean" (default), "sum" or "none" (one loss per sample, shape (N,)).

    Example:
        >>> loss = cross_entropy(np.array([[2.0, 0.0], [0.0, 2.0]]), np.array([0, 1]))
        >>> round(loss.item(), 4)                  # log(1 + e^-2)
        0.1269
    """
    _check_reduction(reduction, "cross_entropy")
    logits = as_value(logits, "cross_entropy: logits")
    target = _target_array(target, "cross_entropy")
    if logits.ndim != 2:
        raise ValueError(f"cross_entropy: logits must have shape (N, C), got {logits.shape}")
    n, classes = logits.shape
    if n == 0 or classes == 0:
        raise ValueError(
            f"cross_entropy: logits of shape {logits.shape} hold no sample or no class; the "
            "loss of an empty batch is undefined (its mean would be 0/0)"
        )
    if target.shape == (n,):
        target = _class_indices(target, logits.shape, "cross_entropy")
    elif target.shape == (n, classes):
        _check_between(target, 0.0, 1.0, "cross_entropy", "one-hot target")
        if not np.allclose(target.sum(axis=1), 1.0, atol=1e-5):
            raise ValueError("cross_entropy: the rows of a one-hot (N, C) target must sum to 1")
        target = target.astype(logits.dtype)
    else:
        raise ValueError(
            f"cross_entropy: target must be class indices of shape ({n},) or one-hot of "
            f"shape {logits.shape}, got shape {target.shape} for logits of shape {logits.shape}"
        )
    return loss_ops.CrossEntropy.apply(logits, target=target, reduction=reduction)


def nll_loss(log_probs, target, reduction="mean") -> Value:
    """Negative log-likelihood of class indices: L_i = −log_probs[i, y_i].

    With `log_probs = x.log_softmax(dim=1)` it is `cross_entropy(x, y)`, as PyTorch's
    nll_loss after log_softmax (cross_entropy does both in one fused, stabler op).

    Args:
        log_probs: (N, C) log-probabilities.
        target: class indices of shape (N,), integers in [0, C).
    """
    _check_reduction(reduction, "nll_loss")
    log_probs = as_value(log_probs)
    if log_probs.ndim != 2:
        raise ValueError(f"nll_loss: log_probs must have shape (N, C), got {log_probs.shape}")
    n = log_probs.shape[0]
    target = _target_array(target, "nll_loss")
    if target.shape != (n,):
        raise ValueError(
            f"nll_loss: target must be class indices of shape ({n},), got shape {target.shape}"
        )
    target = _class_indices(target, log_probs.shape, "nll_loss")
    return _reduce(-log_probs[np.arange(n), target], reduction)


# ----- the same losses as modules, with PyTorch's names ------------------------------------


class _Loss(Module):
    """A loss function as a module: `forward(prediction, target)` calls `function` with this
    module's `reduction` ("mean", "sum" or "none")."""

    function = None

    def __init__(self, reduction="mean"):
        super().__init__()
        _check_reduction(reduction, type(self).__name__)
        self.reduction = reduction

    def forward(self, prediction, target):
        return type(self).function(prediction, target, self.reduction)

    def extra_repr(self):
        return f"reduction={self.reduction!r}"


class MSELoss(_Loss):
    """`mse_loss` as a module: L = 1/n Σ (ŷ − y)²."""

    function = staticmethod(mse_loss)


class L1Loss(_Loss):
    """`l1_loss` as a module: L = 1/n Σ |ŷ − y|."""

    function = staticmethod(l1_loss)


class BCELoss(_Loss):
    """`binary_cross_entropy` as a module (probabilities in, targets in [0, 1])."""

    function = staticmethod(binary_cross_entropy)


class BCEWithLogitsLoss(_Loss):
    """`binary_cross_entropy_with_logits` as a module (logits in, targets in [0, 1])."""

    function = staticmethod(binary_cross_entropy_with_logits)


class CrossEntropyLoss(_Loss):
    """`cross_entropy` as a module: logits (N, C), class indices (N,) or one-hot (N, C).

    Example:
        >>> loss_fn = CrossEntropyLoss()
        >>> round(loss_fn(np.array([[2.0, 0.0]]), np.array([0])).item(), 4)
        0.1269
    """

    function = staticmethod(cross_entropy)


class NLLLoss(_Loss):
    """`nll_loss` as a module: log-probabilities (N, C) and class indices (N,)."""

    function = staticmethod(nll_loss)


class HingeLoss(_Loss):
    """`hinge_loss` as a module: L = max(0, 1 − y·ŷ), targets in {−1, +1}."""

    function = staticmethod(hinge_loss)


# ----- shared checks ---------------------------------------------------------------------


def _aligned(prediction, target, loss, reduction):
    """(prediction as a Value, target as an array of its dtype), their shapes made to agree."""
    _check_reduction(reduction, loss)
    prediction = as_value(prediction, f"{loss}: prediction")
    target = _target_array(target, loss).astype(prediction.dtype, copy=False)
    shape = prediction.shape
    if reduction == "mean" and 0 in shape:  # no element (np.size would say so more slowly)
        raise ValueError(
            f"{loss}: the prediction is empty (shape {shape}); the mean loss of no "
            "sample is undefined (use reduction='sum' for 0)"
        )
    if shape == target.shape:
        return prediction, target
    if is_column_for_vector(shape, target.shape):
        return prediction.reshape(-1), target
    raise ValueError(
        f"{loss}: prediction of shape {prediction.shape} and target of shape {target.shape} "
        "do not agree (they must have the same shape; an (N, 1) prediction with an (N,) "
        "target is also accepted)"
    )


def _class_indices(target, shape, loss) -> np.ndarray:
    """`target` (N,) checked as class indices for scores of `shape` (N, C), as intp."""
    fractional = target.dtype.kind == "f" and not np.all(target == np.round(target))
    if target.dtype.kind == "b" or fractional:
        raise ValueError(
            f"{loss}: class indices must be integers, got {target.dtype} values "
            f"such as {target[:5]}"
        )
    outside = (target < 0) | (target >= shape[1])
    if outside.any():
        raise ValueError(
            f"{loss}: class indices must lie in [0, {shape[1]}) for logits of shape "
            f"{shape}, got {np.unique(target[outside])[:5]}"
        )
    return target.astype(np.intp, copy=False)


def is_column_for_vector(prediction_shape, target_shape) -> bool:
    """The one accepted shape mismatch: an (N, 1) prediction with an (N,) target, read as
    (N,). (Losses and metrics both follow this rule.)"""
    return (
        len(prediction_shape) == 2
        and prediction_shape[1] == 1
        and tuple(target_shape) == tuple(prediction_shape[:1])
    )


def _target_array(target, loss) -> np.ndarray:
    target = np.asarray(target.data if isinstance(target, Value) else target)
    if target.dtype.kind not in "fiub":
        raise TypeError(f"{loss}: target must hold numbers, got dtype {target.dtype}")
    return target


def _check_reduction(reduction, loss):
    if reduction not in REDUCTIONS:
        raise ValueError(f"{loss}: reduction must be one of {REDUCTIONS}, got {reduction!r}")


def _check_between(values, low, high, loss, what):
    values = np.asarray(values)
    outside = ~((values >= low) & (values <= high))  # NaN counts as outside
    if np.any(outside):
        raise ValueError(
            f"{loss}: {what} must lie in [{low}, {high}], got values such as "
            f"{np.unique(values[outside])[:5]}"
        )


def _reduce(losses: Value, reduction) -> Value:
    if reduction == "mean":
        return losses.mean()
    return losses.sum() if reduction == "sum" else losses
