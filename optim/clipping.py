"""Gradient clipping: rescale all gradients together when their joint norm is too large."""

import math

import numpy as np

from autograd import Value
from optim._checks import check_at_least


def clip_grad_norm(params, max_norm):
    """Scale the gradients of ``params`` down so that their total L2 norm is at most ``max_norm``.

    The gradients are treated as one long vector g (all entries of all parameters with a
    gradient; those whose ``grad`` is ``None`` are skipped):

    .. code-block:: text

        ‖g‖ = sqrt(Σ g_i²)
        g ← g · max_norm / (‖g‖ + 1e-6)      if that factor is < 1

    as ``torch.nn.utils.clip_grad_norm_`` does (the 1e-6 guards against ‖g‖ = 0). The
    direction of the step is kept; only its length is capped. Array gradients are scaled
    in place (keeping their dtype); float gradients are replaced. Call it between
    ``loss.backward()`` and ``optimizer.step()``.

    Args:
        params (Value or iterable of Values): the parameters whose gradients to clip.
        max_norm (float): the largest total norm allowed, ``>= 0``.

    Returns:
        float: the total norm ‖g‖ before clipping, computed without overflow (gradients of
        1e200 are clipped, not zeroed). When a gradient holds inf or NaN the norm is inf or
        NaN and no gradient is changed: no factor would make them finite.

    Example:
        >>> W = Value(np.array([3.0, 4.0]))
        >>> opt = SGD([W], lr=0.1)
        >>> (W * W).sum().backward()
        >>> W.grad                                # g = 2W, ‖g‖ = 10
        array([6., 8.])
        >>> clip_grad_norm([W], max_norm=1.0)     # the norm before clipping
        10.0
        >>> W.grad.round(6)                       # the same direction, length 1
        array([0.6, 0.8])
        >>> opt.step()
        >>> W.data.round(6)
        array([2.94, 3.92])
    """
    check_at_least("max_norm", max_norm, 0.0)
    params = [params] if isinstance(params, Value) else list(params)
    for index, p in enumerate(params):
        if not isinstance(p, Value):
            raise TypeError(f"params must be Values, but item {index} is a {type(p).__name__}")
    with_grad = [p for p in params if p.grad is not None]
    total_norm = _total_norm([p.grad for p in with_grad])
    if not math.isfinite(total_norm):
        return total_norm  # NaN or inf: no factor makes it finite; the caller must decide
    scale = max_norm / (total_norm + 1e-6)
    if scale < 1:
        for p in with_grad:
            if isinstance(p.grad, np.ndarray) and p.grad.flags.writeable:
                p.grad *= scale
            else:  # a float, or a read-only array (replaced, never written into)
                p.grad = p.grad * scale
    return total_norm


def _total_norm(grads) -> float:
    """sqrt(Σ g_i²) over all entries of `grads`, without overflow or underflow.

    Squaring 1e200 overflows even float64, and squaring 1e-200 underflows to 0, so every
    entry is first divided by the largest |g_i| (m): ‖g‖ = m · sqrt(Σ (g_i / m)²), whose
    terms lie in [0, 1]. Summed in float64, so float16/float32 gradients lose nothing.
    """
    largest = [float(np.max(np.abs(g), initial=0.0)) for g in grads]
    if any(math.isnan(m) for m in largest):
        return math.nan
    m = max(largest, default=0.0)
    if m == 0 or m == math.inf:
        return m  # all zero, or an infinite entry (then the norm is inf too)
    total = sum(float(np.sum(np.square(np.divide(g, m, dtype=np.float64)))) for g in grads)
    return m * math.sqrt(total)
