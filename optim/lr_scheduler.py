"""Learning-rate schedules: "check for convergence, decide whether to decay the learning rate".

Each schedule wraps an optimizer and changes the ``lr`` of its parameter groups when its
``step()`` is called, once per epoch, after that epoch's optimizer steps.

Example:
    >>> opt = SGD([Value(1.0)], lr=0.1)
    >>> scheduler = StepLR(opt, step_size=30, gamma=0.1)
    >>> for epoch in range(100):
    ...     # train one epoch here: opt.step() once per batch
    ...     scheduler.step()
    >>> round(opt.lr, 6)        # 0.1 · 0.1³, decayed at epochs 30, 60 and 90
    0.0001

``ReduceLROnPlateau`` decides from a monitored value instead: ``scheduler.step(val_loss)``.
The argument names, defaults and values are PyTorch's (``torch.optim.lr_scheduler``).
Like PyTorch's, the time-based schedules compute each epoch's rate from the current one
(recursively), so a learning rate set by hand in between is respected; without such
changes their rates equal the closed forms given in their docstrings.
"""

import copy
import math

from optim._checks import check_at_least, check_choice, check_int, check_positive, check_real
from optim.optimizer import Optimizer


class LRScheduler:
    """Base class of the schedules: counts epochs and writes each group's new ``lr``.

    A subclass defines ``get_lr()``: the learning rates of the optimizer's groups at epoch
    ``last_epoch``, computed from the current ones.

    Attributes:
        optimizer (Optimizer): the optimizer whose learning rates are scheduled.
        base_lrs (list of float): each group's learning rate when the schedule was made.
        last_epoch (int): the number of ``step()`` calls so far.
    """

    def __init__(self, optimizer):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(
                f"optimizer must be an Optimizer, got {type(optimizer).__name__}: {optimizer!r}"
            )
        self.optimizer = optimizer
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_epoch = 0
        self._last_lr = list(self.base_lrs)

    def get_lr(self):
        """The learning rate of each parameter group at epoch ``last_epoch``."""
        raise NotImplementedError(f"{type(self).__name__} must define get_lr()")

    def step(self):
        """End an epoch: advance ``last_epoch`` and set each group's learning rate."""
        self.last_epoch += 1
        for group, lr in zip(self.optimizer.param_groups, self.get_lr(), strict=True):
            group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]

    def get_last_lr(self):
        """The learning rates (one per group) that the last ``step()`` set."""
        return list(self._last_lr)

    def state_dict(self):
        """The schedule's state (everything but the optimizer), as a dict of copies."""
        return {k: copy.deepcopy(v) for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state_dict):
        """Restore a ``state_dict()``; restore the optimizer's own state alongside it.

        Every value is checked as when it was first set (a NaN gamma is refused here too);
        on any error the schedule is left as it was.
        """
        mine = self.state_dict()
        if not isinstance(state_dict, dict) or set(state_dict) != set(mine):
            found = sorted(state_dict) if isinstance(state_dict, dict) else type(state_dict)
            raise ValueError(
                f"a {type(self).__name__} state_dict has the keys {sorted(mine)}, got {found}"
            )
        state = copy.deepcopy(state_dict)
        self.check_hyperparameters(state)
        self.__dict__.update(state)

    def check_hyperparameters(self, values):
        """Raise a ``ValueError``/``TypeError`` naming each bad entry of ``values`` (the
        schedule's attributes, as ``state_dict()`` holds them). Subclasses extend it."""
        check_int("last_epoch", values["last_epoch"], 0)
        groups = len(self.optimizer.param_groups)
        for name in ("base_lrs", "_last_lr"):
            lrs = values[name]
            if not isinstance(lrs, list) or len(lrs) != groups:
                raise ValueError(f"{name} must be a list of {groups} learning rates, got {lrs!r}")
            for lr in lrs:
                check_at_least(f"{name} entry", lr, 0.0)


class StepLR(LRScheduler):
    """Multiply the learning rate by γ every ``step_size`` epochs.

    .. code-block:: text

        η_e = η_0 · γ^⌊e / step_size⌋        (e = last_epoch, η_0 = the initial lr)

    Args:
        optimizer (Optimizer): wrapped optimizer.
        step_size (int): period of the decay, in epochs, ``>= 1``.
        gamma (float): multiplicative factor γ ``> 0``. Default: 0.1.

    Example:
        >>> opt = SGD([Value(1.0)], lr=0.1)
        >>> scheduler = StepLR(opt, step_size=2, gamma=0.5)
        >>> lrs = []
        >>> for epoch in range(5):
        ...     lrs.append(opt.lr)
        ...     scheduler.step()
        >>> lrs
        [0.1, 0.1, 0.05, 0.05, 0.025]
    """

    def __init__(self, optimizer, step_size, gamma=0.1):
        self.step_size = check_int("step_size", step_size, 1)
        self.gamma = check_positive("gamma", gamma)
        super().__init__(optimizer)

    def check_hyperparameters(self, values):
        super().check_hyperparameters(values)
        check_int("step_size", values["step_size"], 1)
        check_positive("gamma", values["gamma"])

    def get_lr(self):
        lrs = [group["lr"] for group in self.optimizer.param_groups]
        if self.last_epoch % self.step_size != 0:
            return lrs
        return [lr * self.gamma for lr in lrs]


class ExponentialLR(LRScheduler):
    """Multiply the learning rate by γ every epoch.

    .. code-block:: text

        η_e = η_0 · γ^e                      (e = last_epoch, η_0 = the initial lr)

    Args:
        optimizer (Optimizer): wrapped optimizer.
        gamma (float): multiplicative factor γ ``> 0``.

    Example:
        >>> opt = SGD([Value(1.0)], lr=0.1)
        >>> scheduler = ExponentialLR(opt, gamma=0.9)
        >>> lrs = []
        >>> for epoch in range(4):
        ...     lrs.append(round(opt.lr, 6))
        ...     scheduler.step()
        >>> lrs
        [0.1, 0.09, 0.081, 0.0729]
    """

    def __init__(self, optimizer, gamma):
        self.gamma = check_positive("gamma", gamma)
        super().__init__(optimizer)

    def check_hyperparameters(self, values):
        super().check_hyperparameters(values)
        check_positive("gamma", values["gamma"])

    def get_lr(self):
        return [group["lr"] * self.gamma for group in self.optimizer.param_groups]


class CosineAnnealingLR(LRScheduler):
    """Anneal the learning rate from η_0 down to ``eta_min`` along half a cosine.

    .. code-block:: text

        η_e = η_min + (η_0 − η_min) · (1 + cos(π e / T_max)) / 2

    so η_0 at e = 0 and η_min at e = T_max; past T_max it rises again (the cosine goes
    on; SGDR's restarts are a different schedule). As PyTorch, each step computes η_e
    from η_{e−1}:

    .. code-block:: text

        η_e = η_min + (η_{e−1} − η_min) · (1 + cos(π e / T_max)) / (1 + cos(π (e − 1) / T_max))

    and, where the denominator is 0 (e − 1 = T_max, 3 T_max, ...),
    η_e = η_{e−1} + (η_0 − η_min) · (1 − cos(π / T_max)) / 2.

    Args:
        optimizer (Optimizer): wrapped optimizer.
        T_max (int): number of epochs from η_0 down to η_min, ``>= 1``.
        eta_min (float): the lowest learning rate, ``>= 0``. Default: 0.

    Example:
        >>> opt = SGD([Value(1.0)], lr=0.1)
        >>> scheduler = CosineAnnealingLR(opt, T_max=100)
        >>> lrs = []
        >>> for epoch in range(101):
        ...     lrs.append(round(opt.lr, 6))
        ...     scheduler.step()
        >>> lrs[0], lrs[50], lrs[100]
        (0.1, 0.05, 0.0)
    """

    def __init__(self, optimizer, T_max, eta_min=0.0):
        self.T_max = check_int("T_max", T_max, 1)
        self.eta_min = check_at_least("eta_min", eta_min, 0.0)
        super().__init__(optimizer)

    def check_hyperparameters(self, values):
        super().check_hyperparameters(values)
        check_int("T_max", values["T_max"], 1)
        check_at_least("eta_min", values["eta_min"], 0.0)

    def get_lr(self):
        e, T, eta_min = self.last_epoch, self.T_max, self.eta_min
        groups = self.optimizer.param_groups
        if (e - 1 - T) % (2 * T) == 0:
            return [
                group["lr"] + (eta_0 - eta_min) * (1 - math.cos(math.pi / T)) / 2
                for eta_0, group in zip(self.base_lrs, groups, strict=True)
            ]
        ratio = (1 + math.cos(math.pi * e / T)) / (1 + math.cos(math.pi * (e - 1) / T))
        return [ratio * (group["lr"] - eta_min) + eta_min for group in groups]


class ReduceLROnPlateau(LRScheduler):
    """Multiply the learning rate by ``factor`` when a monitored value stops improving.

    Call ``step(metric)`` once per epoch with the monitored value (a validation loss,
    say). A value is an improvement if it beats the best so far by the relative
    ``threshold``:

    .. code-block:: text

        mode "min":  metric < best · (1 − threshold)
        mode "max":  metric > best · (1 + threshold)

    After more than ``patience`` epochs in a row without improvement, every group's
    learning rate becomes η · factor (a change smaller than 1e-8 is skipped, as PyTorch)
    and the count starts again. PyTorch's other options keep their defaults here:
    ``threshold_mode="rel"``, ``cooldown=0``, ``min_lr=0``, ``eps=1e-8``.

    Args:
        optimizer (Optimizer): wrapped optimizer.
        mode (str): ``"min"`` (the value should go down) or ``"max"``. Default: "min".
        factor (float): the factor in ``(0, 1)`` the rate is multiplied by. Default: 0.1.
        patience (int): epochs without improvement tolerated, ``>= 0``. Default: 10.
        threshold (float): relative improvement that counts, ``>= 0``. Default: 1e-4.

    Example:
        >>> opt = SGD([Value(1.0)], lr=0.1)
        >>> scheduler = ReduceLROnPlateau(opt, patience=2, factor=0.5)
        >>> lrs = []
        >>> for val_loss in [1.0, 0.9, 0.9, 0.9, 0.9]:
        ...     scheduler.step(val_loss)
        ...     lrs.append(opt.lr)
        >>> lrs                               # halved after 3 epochs without improvement
        [0.1, 0.1, 0.1, 0.1, 0.05]
    """

    #: smallest change of a learning rate that is applied (PyTorch's ``eps``).
    eps = 1e-8

    def __init__(self, optimizer, mode="min", factor=0.1, patience=10, threshold=1e-4):
        self.mode = check_choice("mode", mode, ("min", "max"))
        self.factor = _check_factor(factor)
        self.patience = check_int("patience", patience, 0)
        self.threshold = check_at_least("threshold", threshold, 0.0)
        self.best = math.inf if mode == "min" else -math.inf
        self.num_bad_epochs = 0
        super().__init__(optimizer)

    def check_hyperparameters(self, values):
        super().check_hyperparameters(values)
        check_choice("mode", values["mode"], ("min", "max"))
        _check_factor(values["factor"])
        check_int("patience", values["patience"], 0)
        check_at_least("threshold", values["threshold"], 0.0)
        check_int("num_bad_epochs", values["num_bad_epochs"], 0)
        best = values["best"]
        if best != (math.inf if values["mode"] == "min" else -math.inf):
            check_real("best", best)

    def is_better(self, value):
        """Whether ``value`` improves on the best value so far by the relative threshold."""
        if self.mode == "min":
            return value < self.best * (1 - self.threshold)
        return value > self.best * (self.threshold + 1)

    def step(self, metric):
        """End an epoch whose monitored value was ``metric`` (a finite number; a NaN
        would never compare as an improvement nor as a plateau reliably, so it is
        refused)."""
        value = check_real("metric", float(metric))
        self.last_epoch += 1
        if self.is_better(value):
            self.best = value
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.num_bad_epochs > self.patience:
            for group in self.optimizer.param_groups:
                new_lr = group["lr"] * self.factor
                if group["lr"] - new_lr > self.eps:
                    group["lr"] = new_lr
            self.num_bad_epochs = 0
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]


def _check_factor(factor):
    factor = check_positive("factor", factor)
    if not factor < 1:
        raise ValueError(f"invalid factor: {factor!r} (expected 0 < factor < 1)")
    return factor
