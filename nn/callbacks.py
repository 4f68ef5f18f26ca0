"""Callbacks for `fit`: `Callback`, the hooks, and `EarlyStopping`, the course's
regularisation by stopping when the validation loss stops improving."""

import math

from nn._checks import check_int, check_real


class Callback:
    """Base class of callbacks (optional: `fit` calls whichever hooks an object has).

    Hooks:
        on_train_begin(model): before the first epoch.
        on_epoch_end(epoch, logs, model): after each epoch (counted from 1), with `logs`
            the epoch's numbers ({"loss": …, "val_loss": …, "accuracy": …}); return True
            to stop training.
        on_train_end(model): after the last epoch (also after a stop).
    """

    def on_train_begin(self, model):
        pass

    def on_epoch_end(self, epoch, logs, model):
        return False

    def on_train_end(self, model):
        pass


class EarlyStopping(Callback):
    """Stop training when a monitored quantity has stopped improving, and go back to the
    weights of its best epoch.

    The course's early stopping: training loss keeps falling while validation loss turns
    up once the model starts to overfit; stop there, and keep the best model seen.

        improved:  value < best − min_delta   (mode "min"; "max": value > best + min_delta)
        stop:      after `patience` epochs in a row without improvement

    Args:
        monitor: the key of the epoch logs to watch. Default: "val_loss".
        patience: epochs without improvement to wait before stopping (int ≥ 1). Default: 10.
        min_delta: the smallest change that counts as an improvement (≥ 0). Default: 0.
        mode: "min" (lower is better, for losses) or "max" (for accuracy). Default: "min".
        restore_best: at the end of training, load the weights of the best epoch (a
            `state_dict` copy taken then, so they are restored exactly). Default: True.

    Attributes:
        best: the best value seen; best_epoch: its epoch (from 1; 0 before any);
        stopped_epoch: the epoch at which it stopped training (0 if it did not).

    Example:
        >>> X, y = data.make_moons(200, noise=0.3, seed=0)
        >>> model = MLP(2, [64, 64], 2, seed=0)
        >>> stopper = EarlyStopping(patience=5)
        >>> history = fit(model, cross_entropy, optim.Adam(model.parameters(), lr=0.01),
        ...               [(X[:100], y[:100])], epochs=500, val_batches=[(X[100:], y[100:])],
        ...               callbacks=[stopper], progress=False)
        >>> stopper.stopped_epoch == stopper.best_epoch + 5 == history.epochs < 500
        True
    """

    def __init__(
        self, monitor="val_loss", patience=10, min_delta=0.0, mode="min", restore_best=True
    ):
        patience = check_int("EarlyStopping: patience", patience, 1)
        min_delta = check_real("EarlyStopping: min_delta", min_delta, 0.0)
        if mode not in ("min", "max"):
            raise ValueError(f"EarlyStopping: mode must be 'min' or 'max', got {mode!r}")
        self.monitor = monitor
        self.patience = patience
        self.min_delta = float(min_delta)
        self.mode = mode
        self.restore_best = restore_best
        self.on_train_begin(None)

    def on_train_begin(self, model):
        self.best = math.inf if self.mode == "min" else -math.inf
        self.best_epoch = 0
        self.best_state = None
        self.wait = 0
        self.stopped_epoch = 0

    def improved(self, value) -> bool:
        """Whether `value` beats the best so far by more than `min_delta`."""
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def on_epoch_end(self, epoch, logs, model):
        if self.monitor not in logs:
            raise ValueError(
                f"EarlyStopping: monitor {self.monitor!r} is not among the epoch's logs "
                f"{sorted(logs)} (monitoring 'val_…' needs val_batches in fit)"
            )
        value = logs[self.monitor]
        if math.isnan(value):
            # NaN compares as neither better nor worse: without this the callback would
            # wait out its patience on a diverged model, and restore nothing meaningful.
            self.on_train_end(model)
            raise FloatingPointError(
                f"EarlyStopping: {self.monitor} is NaN at epoch {epoch}; the model has "
                "diverged"
                + (
                    f" (the weights of epoch {self.best_epoch} were restored)"
                    if self.best_state is not None and self.restore_best
                    else ""
                )
            )
        if self.improved(value):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best:
                self.best_state = model.state_dict()
            return False
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            return True
        return False

    def on_train_end(self, model):
        if self.restore_best and self.best_state is not None:
            model.load_state_dict(self.best_state)
