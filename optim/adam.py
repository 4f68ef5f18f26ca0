"""Adam (momentum + RMSProp with bias correction) and AdamW (Adam with decoupled weight decay)."""

import math

import numpy as np

from optim.optimizer import Optimizer, check_beta, check_positive
from optim.precision import float16_in_float32, state_dtype


class Adam(Optimizer):
    """Adam: momentum and RMSProp combined, with bias correction; PyTorch's numbers.

    With g = ∂L/∂W, learning rate η, decay rates β1, β2, ε and weight decay λ, for each
    parameter W, with m and v starting at 0 and t counting its steps (all operations
    elementwise):

    .. code-block:: text

        t ← t + 1
        g ← g + λW                          if λ ≠ 0 (L2 penalty; AdamW decouples it)
        m ← β1 m + (1 − β1) g               first moment: momentum
        v ← β2 v + (1 − β2) g²              second moment: as RMSProp's s
        m_hat ← m / (1 − β1^t)              bias correction: m and v start at 0
        v_hat ← v / (1 − β2^t)
        W ← W − η m_hat / (sqrt(v_hat) + ε)

    This is the algorithm of ``torch.optim.Adam`` (with ``amsgrad=False``) and of the
    paper, D. Kingma and J. Ba, "Adam: A method for stochastic optimization", ICLR 2015,
    whose defaults (η = 1e-3, β1 = 0.9, β2 = 0.999, ε = 1e-8) it keeps. Unlike the
    course's RMSProp, ε is outside the root.

    Args:
        params (iterable): Values to optimize, or dicts defining parameter groups.
        lr (float): learning rate η, ``>= 0``. Default: 1e-3.
        betas (tuple of 2 floats): (β1, β2), each in ``[0, 1)``. Default: (0.9, 0.999).
        eps (float): ε ``> 0``. Default: 1e-8.
        weight_decay (float): L2 penalty λ, ``>= 0``. Default: 0.

    State per parameter: ``t`` (its step count, an int), ``m`` and ``v`` (shape and
    dtype of W; float32 for a float16 W, whose update is computed in float32 so that ε does
    not round to 0: see ``optim.precision``).

    Example:
        >>> W = Value(np.array([1.0, -2.0]))
        >>> opt = Adam([W], lr=0.1)
        >>> (W * W).sum().backward()
        >>> opt.step()      # the first step moves each entry by ≈ η
        >>> W.data
        array([ 0.9, -1.9])
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay}
        super().__init__(params, defaults)
        self._scratch = {}  # one scratch array per (shape, dtype), kept between steps

    def check_hyperparameters(self, group):
        super().check_hyperparameters(group)
        betas = group["betas"]
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        check_beta("beta1 (betas[0])", betas[0])
        check_beta("beta2 (betas[1])", betas[1])
        check_positive("eps", group["eps"])

    def init_state(self, W):
        dtype = state_dtype(W)
        return {"t": 0, "m": np.zeros(W.shape, dtype), "v": np.zeros(W.shape, dtype)}

    @float16_in_float32
    def update(self, W, g, state, group):
        m, v = state["m"], state["v"]
        t = state["t"] = state["t"] + 1
        beta1, beta2 = group["betas"]
        # Every line writes into W, m, v or one scratch array kept between steps (g_squared,
        # denominator and step are that one array): no new temporary array per operation.
        # In-place operators (`a *= b` is np.multiply(a, b, out=a)) where they can: numpy
        # parses no out= keyword for them, which is 5% of a small array's op.
        scratch = self._scratch.get((W.shape, W.dtype))
        if scratch is None:
            scratch = self._scratch[W.shape, W.dtype] = np.empty_like(W)
        # m ← β1 m + (1 − β1) g
        m *= beta1
        m += np.multiply(g, 1 - beta1, out=scratch)
        # v ← β2 v + (1 − β2) g²
        v *= beta2
        g_squared = np.square(g, out=scratch)
        g_squared *= 1 - beta2
        v += g_squared
        # W ← W − η m_hat / (sqrt(v_hat) + ε), with m_hat = m / (1 − β1^t) and
        # sqrt(v_hat) = sqrt(v) / sqrt(1 − β2^t): the bias corrections are two numbers,
        # folded into the step as PyTorch does, so that m_hat needs no array of its own.
        denominator = np.sqrt(v, out=scratch)
        denominator /= math.sqrt(1 - beta2**t)  # sqrt(v_hat)
        denominator += group["eps"]
        step = np.divide(m, denominator, out=scratch)
        step *= group["lr"] / (1 - beta1**t)  # η m_hat = η / (1 − β1^t) · m
        W -= step


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov and Hutter, ICLR 2019); PyTorch's numbers.

    The weight decay shrinks W directly instead of entering the gradient, so it is not
    rescaled by Adam's per-entry step sizes:

    .. code-block:: text

        W ← W − ηλW                         decoupled weight decay
        t ← t + 1
        m ← β1 m + (1 − β1) g               g = ∂L/∂W, without any λW
        v ← β2 v + (1 − β2) g²
        m_hat ← m / (1 − β1^t)
        v_hat ← v / (1 − β2^t)
        W ← W − η m_hat / (sqrt(v_hat) + ε)

    This is ``torch.optim.AdamW`` (with ``amsgrad=False``), which computes the first line
    as W ← W·(1 − ηλ). The update after it is :class:`Adam`'s.

    Args:
        params (iterable): Values to optimize, or dicts defining parameter groups.
        lr (float): learning rate η, ``>= 0``. Default: 1e-3.
        betas (tuple of 2 floats): (β1, β2), each in ``[0, 1)``. Default: (0.9, 0.999).
        eps (float): ε ``> 0``. Default: 1e-8.
        weight_decay (float): decoupled weight decay λ, ``>= 0``. Default: 0.01.

    State per parameter: ``t``, ``m`` and ``v``, as :class:`Adam`.

    Example:
        >>> W = Value(np.array([1.0, -2.0]))
        >>> opt = AdamW([W], lr=0.1, weight_decay=0.01)
        >>> (W * W).sum().backward()
        >>> opt.step()      # W·(1 − 0.001), then Adam's step
        >>> W.data
        array([ 0.899, -1.898])
    """

    decoupled_weight_decay = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
