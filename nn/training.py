"""The training loop: `fit` runs mini-batch gradient descent for some epochs, `evaluate`
measures a model on data, and `History` keeps the numbers of every epoch.

The course's mini-batch gradient descent, one step per batch:

    for each epoch:
        for each mini-batch (x, y):
            optimizer.zero_grad()             # forget the previous batch's gradients
            loss = loss_fn(model(x), y)       # forward pass
            loss.backward()                   # ∂L/∂W for every parameter W
            optimizer.step()                  # W ← W − η ∂L/∂W (or Adam's rule, …)
        evaluate on the validation set; decay the learning rate; decide whether to stop

`fit` takes any optimizer with `zero_grad()` and `step()` (an `optim` optimizer) and any
re-iterable of `(x, y)` batches (a `data.DataLoader`, a list of tuples): `nn` imports
neither `optim` nor `data`.
"""

import inspect
import math
import sys

import numpy as np
import tqdm.auto
import tqdm.autonotebook
import tqdm.std

from autograd import Value, no_grad
from nn._checks import check_int
from nn.metrics import get_metrics


class History:
    """The per-epoch numbers of a `fit` run.

    Attributes:
        history: {name: [value of epoch 1, value of epoch 2, …]} with "loss", the training
            metrics ("accuracy", …) and, with validation data, "val_loss", "val_accuracy", ….

    Example:
        >>> X, y = data.make_moons(200, seed=0)
        >>> model = MLP(2, [16], 2, seed=0)
        >>> history = fit(model, cross_entropy, optim.Adam(model.parameters(), lr=0.01),
        ...               [(X, y)], epochs=5, progress=False)
        >>> history
        History(epochs=5, keys=['loss', 'accuracy'])
        >>> history.plot()          # doctest: +SKIP
    """

    def __init__(self):
        self.history = {}

    def append(self, logs: dict) -> None:
        """Add one epoch's logs."""
        for name, value in logs.items():
            self.history.setdefault(name, []).append(value)

    @property
    def epochs(self) -> int:
        """The number of epochs recorded."""
        return max((len(values) for values in self.history.values()), default=0)

    def __getitem__(self, name) -> list:
        return self.history[name]

    def __repr__(self) -> str:
        return f"History(epochs={self.epochs}, keys={list(self.history)})"

    def plot(self):
        """Plot every quantity against the epoch, training and validation curves of one
        quantity on the same axes (loss, then each metric). Returns the matplotlib Figure.

        Raises:
            ValueError: no epoch has been recorded yet (nothing to plot).
            ImportError: matplotlib is not installed (it is in the `notebooks` extra).
        """
        if not self.history:
            raise ValueError("History.plot(): no epoch recorded yet, nothing to plot")
        try:
            import matplotlib.pyplot as plt
        except ImportError as error:
            raise ImportError(
                "History.plot() needs matplotlib, which is not installed: "
                "pip install matplotlib (or pip install 'gradschool[notebooks]')"
            ) from error
        names = [name for name in self.history if not name.startswith("val_")]
        names += [n[4:] for n in self.history if n.startswith("val_") and n[4:] not in names]
        figure, axes = plt.subplots(1, len(names), figsize=(4.5 * len(names), 3.5), squeeze=False)
        for ax, name in zip(axes[0], names):
            for key, label in ((name, "train"), ("val_" + name, "validation")):
                if key in self.history:
                    values = self.history[key]
                    ax.plot(range(1, len(values) + 1), values, label=label)
            ax.set_xlabel("epoch")
            ax.set_title(name)
            ax.legend()
        figure.tight_layout()
        return figure


def fit(
    model,
    loss_fn,
    optimizer,
    train_batches,
    *,
    epochs,
    val_batches=None,
    metrics=("accuracy",),
    callbacks=(),
    scheduler=None,
    progress=True,
) -> History:
    """Train `model` by mini-batch gradient descent; return the `History` of its epochs.

    Args:
        model: a `Module` (called as `model(x)`).
        loss_fn: `loss_fn(output, y) -> Value`, a scalar loss (e.g. `nn.cross_entropy`).
        optimizer: has `zero_grad()` and `step()`, e.g. `optim.Adam(model.parameters())`.
        train_batches: a re-iterable of `(x, y)` batches, visited once per epoch: a
            `data.DataLoader` (shuffle it with a seed for reproducible epochs) or a list.
        epochs: the number of epochs (int ≥ 1); fewer if a callback stops training.
        val_batches: batches to `evaluate` on after every epoch (optional).
        metrics: names ("accuracy", "mae") or functions `metric(output, y) -> float`,
            averaged over each epoch's batches (training metrics are measured on the
            training batches as they are trained on, in training mode); None or () for
            the loss alone.
        callbacks: objects with any of `on_train_begin(model)`,
            `on_epoch_end(epoch, logs, model)` (return True to stop training) and
            `on_train_end(model)`, e.g. `EarlyStopping`. Epochs are counted from 1.
        scheduler: a learning-rate schedule stepped once per epoch, after validation:
            `step()`, or `step(value)` when its `step` takes the monitored value
            (`ReduceLROnPlateau`), given `val_loss` if there is validation data, else `loss`.
        progress: show tqdm progress bars (an epoch bar and a batch bar with the running
            loss). They are shown only on a terminal or in a notebook.

    Returns:
        A `History`: per-epoch "loss", the metrics, and "val_…" with validation data.

    Raises:
        FloatingPointError: the loss, or the gradient of a parameter, became NaN or
            infinite (a finite loss can have an infinite gradient: sqrt at 0); the message
            names the epoch, the batch (and the parameter). The step is not taken, so the
            model keeps its last finite weights.

    Example:
        >>> X, y = data.make_moons(300, noise=0.1, seed=0)
        >>> model = MLP(2, [16, 16], 2, seed=0)
        >>> history = fit(model, cross_entropy, optim.Adam(model.parameters(), lr=0.01),
        ...               data.DataLoader(X[:200], y[:200], batch_size=32, shuffle=True, seed=0),
        ...               epochs=30, val_batches=[(X[200:], y[200:])], progress=False)
        >>> history.history["val_accuracy"][-1] > 0.95
        True
    """
    epochs = check_int("fit: epochs", epochs, 1)
    for name, batches in (("train_batches", train_batches), ("val_batches", val_batches)):
        if batches is not None and iter(batches) is batches:
            raise TypeError(
                f"fit: {name} must be re-iterable (a list or a DataLoader), not an iterator "
                "or generator, which would be empty after the first epoch"
            )
    metrics = get_metrics(metrics)
    parameters = list(model.named_parameters())
    show = _show_progress(progress)
    history = History()
    _notify(callbacks, "on_train_begin", model)
    model.train()
    with tqdm.auto.tqdm(
        range(1, epochs + 1), desc="epochs", unit="epoch", disable=not show
    ) as epoch_bar:
        for epoch in epoch_bar:
            logs = _train_epoch(
                model, loss_fn, optimizer, train_batches, metrics, epoch, show, parameters
            )
            if val_batches is not None:
                scores = _evaluate(model, loss_fn, val_batches, metrics)
                logs.update({f"val_{name}": value for name, value in scores.items()})
            history.append(logs)
            if show:
                epoch_bar.set_postfix({name: f"{value:.4g}" for name, value in logs.items()})
            _step_scheduler(scheduler, logs.get("val_loss", logs["loss"]))
            stops = _notify(callbacks, "on_epoch_end", epoch, logs, model)
            if any(stops):
                break
    _notify(callbacks, "on_train_end", model)
    return history


def evaluate(model, loss_fn, batches, *, metrics=("accuracy",)) -> dict:
    """The loss and metrics of `model` on `batches`, averaged over all samples.

    Runs in evaluation mode (dropout off) and under `no_grad()` (no graph is built);
    the model's previous mode is restored afterwards.

    Args:
        model, loss_fn: as in `fit`.
        batches: an iterable of `(x, y)` batches.
        metrics: names or functions, as in `fit`.

    Returns:
        {"loss": …, "accuracy": …, …}: each batch's value weighted by its size.
    """
    return _evaluate(model, loss_fn, batches, get_metrics(metrics))


def _evaluate(model, loss_fn, batches, metrics) -> dict:
    """`evaluate` with `metrics` already resolved to (name, function) pairs."""
    was_training = model.training
    model.eval()
    averages = _Averages()
    try:
        with no_grad():
            for index, batch in enumerate(batches, start=1):
                x, y = _unpack(batch, index, "batches")
                output, n = model(x), _num_samples(y)
                averages.add("loss", loss_fn(output, y).item(), n)
                for name, metric in metrics:
                    averages.add(name, metric(output, y), n)
    finally:
        model.train(was_training)
    return averages.means("batches")


def _train_epoch(model, loss_fn, optimizer, batches, metrics, epoch, show, parameters) -> dict:
    """One pass over the training batches: a gradient step per batch, never taken with a
    gradient that holds inf or NaN (`parameters`: the model's (name, Value) pairs)."""
    averages = _Averages()
    with tqdm.auto.tqdm(
        batches, desc=f"epoch {epoch}", unit="batch", leave=False, disable=not show
    ) as batch_bar:
        for index, batch in enumerate(batch_bar, start=1):
            x, y = _unpack(batch, index, "train_batches")
            optimizer.zero_grad()
            output = model(x)
            loss = loss_fn(output, y)
            value = loss.item()
            if not math.isfinite(value):
                raise FloatingPointError(
                    f"fit: the loss is {value} at epoch {epoch}, batch {index}; training "
                    "stopped before this update (try a lower learning rate, check the data "
                    "for NaN or inf, or clip the gradients)"
                )
            loss.backward()
            _check_gradients(parameters, value, epoch, index)
            optimizer.step()
            n = _num_samples(y)
            averages.add("loss", value, n)
            for name, metric in metrics:
                averages.add(name, metric(output, y), n)
            if show:
                batch_bar.set_postfix(loss=f"{averages.mean('loss'):.4f}", refresh=False)
    return averages.means("train_batches")


def _check_gradients(parameters, loss, epoch, index) -> None:
    """A FloatingPointError naming the first parameter whose gradient holds inf or NaN."""
    for name, parameter in parameters:
        grad = parameter.grad
        if grad is not None and not np.isfinite(grad).all():
            raise FloatingPointError(
                f"fit: the gradient of {name or 'the parameter'} holds inf or NaN at epoch "
                f"{epoch}, batch {index}, although the loss is finite ({loss:.6g}); training "
                "stopped before this update, so the model keeps its last finite weights (an "
                "op with an infinite slope, such as sqrt or log at 0?)"
            )


class _Averages:
    """Running means of named quantities over batches, weighted by batch size."""

    def __init__(self):
        self.totals = {}
        self.count = {}

    def add(self, name, value, n):
        self.totals[name] = self.totals.get(name, 0.0) + float(value) * n
        self.count[name] = self.count.get(name, 0) + n

    def mean(self, name):
        return self.totals[name] / self.count[name]

    def means(self, what) -> dict:
        if not self.totals:
            raise ValueError(f"{what} yielded no batch")
        return {name: self.mean(name) for name in self.totals}


def _num_samples(y) -> int:
    """The batch size: the length of the targets' first axis (1 for a single target)."""
    shape = np.shape(y.data if isinstance(y, Value) else y)
    return shape[0] if shape else 1


def _unpack(batch, index, what):
    """A batch as (x, y); anything else is a TypeError saying which batch."""
    if not isinstance(batch, tuple | list) or len(batch) != 2:
        raise TypeError(
            f"{what}: batch {index} must be a tuple (x, y), got {type(batch).__name__}"
            + (f" of length {len(batch)}" if isinstance(batch, tuple | list) else "")
        )
    return batch


def _step_scheduler(scheduler, monitored) -> None:
    """Step a learning-rate schedule once. This is the one place that tells the two kinds
    apart: a schedule whose `step` takes a required argument (ReduceLROnPlateau's
    `step(metrics)`) gets the monitored value; any other is stepped with `step()`."""
    if scheduler is None:
        return
    parameters = inspect.signature(scheduler.step).parameters.values()
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if any(p.kind in positional and p.default is inspect.Parameter.empty for p in parameters):
        scheduler.step(monitored)
    else:
        scheduler.step()


def _notify(callbacks, event, *arguments) -> list:
    """Call `event` on every callback that defines it; return what they returned."""
    results = []
    for callback in callbacks:
        method = getattr(callback, event, None)
        if method is not None:
            results.append(method(*arguments))
    return results


def _show_progress(progress) -> bool:
    """Bars only when asked for and someone can see them: on a terminal, or in a notebook
    (where tqdm.auto picks the widget bar instead of the text one)."""
    in_notebook = tqdm.autonotebook.tqdm is not tqdm.std.tqdm
    return bool(progress) and (in_notebook or sys.stderr.isatty())
