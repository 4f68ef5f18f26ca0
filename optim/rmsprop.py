"""RMSProp, as the course writes it: steps scaled by a running RMS of the gradient."""

import numpy as np

from optim._checks import check_beta, check_positive
from optim.optimizer import Optimizer
from optim.precision import float16_in_float32, state_dtype


class RMSProp(Optimizer):
    """Root Mean Square Propagation, as the course writes it.

    With g = ∂L/∂W, learning rate η, decay β, ε and weight decay λ, for each parameter W,
    with s starting at 0 (all operations elementwise):

    .. code-block:: text

        g ← g + λW                          if λ ≠ 0
        s ← βs + (1 − β)g²
        W ← W − η g / sqrt(s + ε)

    s is a running average of the squared gradient: the step is small where gradients
    have been large and large where they have been small.

    The course puts ε inside the square root. PyTorch's ``torch.optim.RMSprop`` calls β
    ``alpha`` (default 0.99) and puts ε outside, W ← W − η g / (sqrt(s) + ε), so the two
    differ where s is comparable to ε (most visibly on the first steps of small gradients).

    Args:
        params (iterable): Values to optimize, or dicts defining parameter groups.
        lr (float): learning rate η, ``>= 0``.
        beta (float): decay β of the average, in ``[0, 1)``. Default: 0.9.
        eps (float): ε ``> 0``, keeps the division finite. Default: 1e-8.
        weight_decay (float): L2 penalty λ, ``>= 0``. Default: 0.

    State per parameter: ``s`` (the average of g², shape and dtype of W; float32 for a
    float16 W, whose update is computed in float32: see ``optim.precision``).

    Example:
        >>> w = Value(3.0)
        >>> opt = RMSProp([w], lr=0.01)
        >>> (w * w).backward()
        >>> w.grad                    # g = 2w
        6.0
        >>> opt.step()                # s = 3.6, w = 3 − 0.01·6/sqrt(3.6 + 1e-8)
        >>> round(w.data, 4)
        2.9684
    """

    def __init__(self, params, lr, beta=0.9, eps=1e-8, weight_decay=0.0):
        defaults = {"lr": lr, "beta": beta, "eps": eps, "weight_decay": weight_decay}
        super().__init__(params, defaults)

    def check_hyperparameters(self, group):
        super().check_hyperparameters(group)
        check_beta("beta", group["beta"])
        check_positive("eps", group["eps"])

    def init_state(self, W):
        return {"s": np.zeros(W.shape, state_dtype(W))}

    @float16_in_float32
    def update(self, W, g, state, group):
        lr, beta, eps, s = group["lr"], group["beta"], group["eps"], state["s"]
        s *= beta
        s += (1 - beta) * g**2
        W -= lr * g / np.sqrt(s + eps)
