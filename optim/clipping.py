"""Gradient clipping: rescale all gradients together when their joint norm is too large."""

import math

import numpy as np

from autograd import Value
from optim.optimizer import check_at_least


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
        float: the total norm ‖g‖ before clipping.

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
    # Squares are summed in float64, so float32 gradients cannot overflow the norm.
    total_norm = math.sqrt(
        sum(float(np.sum(np.square(p.grad, dtype=np.float64))) for p in with_grad)
    )
    scale = max_norm / (total_norm + 1e-6)
    if scale < 1:
        for p in with_grad:
            if isinstance(p.grad, np.ndarray):
                p.grad *= scale
            else:
                p.grad = p.grad * scale
    return total_norm
