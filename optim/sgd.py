"""Stochastic gradient descent, with PyTorch's momentum, dampening and Nesterov options."""

import numpy as np

from optim._checks import check_at_least, check_bool, check_real
from optim.optimizer import Optimizer


class SGD(Optimizer):
    """Stochastic gradient descent, the same numbers as ``torch.optim.SGD``.

    With g = ∂L/∂W, learning rate η, momentum μ, dampening τ and weight decay λ,
    for each parameter W at step t = 1, 2, ...:

    .. code-block:: text

        g ← g + λW                          if λ ≠ 0
        if μ ≠ 0:
            b ← g                           at t = 1 (no dampening on the first step)
            b ← μb + (1 − τ)g               at t > 1
            g ← g + μb                      if nesterov
            g ← b                           otherwise
        W ← W − ηg

    Without momentum this is the course's rule W = W − η ∂L/∂W. With momentum it is
    PyTorch's heavy ball: the velocity ``b`` is not an average of gradients (unless
    τ = μ), and starts at the first gradient; the course's averaged velocity is
    :class:`optim.Momentum`.

    Args:
        params (iterable): Values to optimize, or dicts defining parameter groups.
        lr (float): learning rate η, ``>= 0``.
        momentum (float): momentum factor μ, ``>= 0``. Default: 0.
        dampening (float): dampening τ of the gradient added to the velocity. Default: 0.
        nesterov (bool): use Nesterov momentum (needs μ > 0 and τ = 0). Default: False.
        weight_decay (float): L2 penalty λ, ``>= 0``. Default: 0.

    State per parameter: ``b`` (the velocity, shape and dtype of W), once μ ≠ 0.

    Example:
        >>> W = Value(np.array([1.0, -2.0]))
        >>> opt = SGD([W], lr=0.1, momentum=0.9)
        >>> (W * W).sum().backward()
        >>> W.grad                        # g = 2W
        array([ 2., -4.])
        >>> opt.step()                    # b = g on the first step; W − 0.1·b
        >>> W.data
        array([ 0.8, -1.6])
        >>> opt.zero_grad()
        >>> print(W.grad)
        None
    """

    def __init__(self, params, lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0):
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "dampening": dampening,
            "nesterov": nesterov,
            "weight_decay": weight_decay,
        }
        super().__init__(params, defaults)

    def check_hyperparameters(self, group):
        super().check_hyperparameters(group)
        check_at_least("momentum", group["momentum"], 0.0)
        check_real("dampening", group["dampening"])
        check_bool("nesterov", group["nesterov"])
        if group["nesterov"] and (group["momentum"] <= 0 or group["dampening"] != 0):
            raise ValueError(
                "nesterov=True requires momentum > 0 and dampening = 0, got "
                f"momentum={group['momentum']!r}, dampening={group['dampening']!r}"
            )

    def update(self, W, g, state, group):
        lr, mu, tau = group["lr"], group["momentum"], group["dampening"]
        if mu != 0:
            b = state.get("b")
            if b is None:
                # np.copy, not g.copy(): for a float parameter g may be a numpy scalar,
                # which has no in-place operators; b must be an array.
                b = state["b"] = np.copy(g)
            else:
                b *= mu
                b += (1 - tau) * g
            g = g + mu * b if group["nesterov"] else b
        W -= lr * g
