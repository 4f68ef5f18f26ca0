"""Gradient descent with momentum, as the course writes it: an average of past gradients."""

import numpy as np

from optim._checks import check_beta
from optim.optimizer import Optimizer


class Momentum(Optimizer):
    """Gradient descent with momentum (the course's "SGD with Momentum").

    With g = ∂L/∂W, learning rate η, friction β and weight decay λ, for each
    parameter W, with the velocity v starting at 0:

    .. code-block:: text

        g ← g + λW                          if λ ≠ 0
        v ← βv + (1 − β)g
        W ← W − ηv

    v is an exponentially weighted average of past gradients: it moves W faster along
    directions where the gradient is consistent and damps oscillations where it is not.

    This is not ``SGD(momentum=β, dampening=β)``: that velocity starts at the first
    gradient, b = g, skipping the dampening on the first step, whereas here v = (1 − β)g
    after the first step. It is, though, ``SGD(lr=η(1 − β), momentum=β)``: that velocity
    is b = v / (1 − β) at every step, so both take the same steps.

    Args:
        params (iterable): Values to optimize, or dicts defining parameter groups.
        lr (float): learning rate η, ``>= 0``.
        beta (float): friction β in ``[0, 1)``. Default: 0.9.
        weight_decay (float): L2 penalty λ, ``>= 0``. Default: 0.

    State per parameter: ``v`` (the velocity, shape and dtype of W).

    Example:
        >>> w = Value(3.0)
        >>> opt = Momentum([w], lr=0.5, beta=0.9)
        >>> (w * w).backward()
        >>> w.grad                    # g = 2w
        6.0
        >>> opt.step()                # v = 0.6, w = 3 − 0.5·0.6
        >>> w.data
        2.7
    """

    def __init__(self, params, lr, beta=0.9, weight_decay=0.0):
        super().__init__(params, {"lr": lr, "beta": beta, "weight_decay": weight_decay})

    def check_hyperparameters(self, group):
        super().check_hyperparameters(group)
        check_beta("beta", group["beta"])

    def init_state(self, W):
        return {"v": np.zeros_like(W)}

    def update(self, W, g, state, group):
        lr, beta, v = group["lr"], group["beta"], state["v"]
        v *= beta
        v += (1 - beta) * g
        W -= lr * v
