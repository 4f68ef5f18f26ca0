"""fit, evaluate, History, EarlyStopping: MLPs learn XOR, two moons and the digits;
schedules, callbacks, NaN detection, reproducibility and constant memory."""

import sys
import time
import tracemalloc

import numpy as np
import pytest

from data import DataLoader, StandardScaler, load_digits, make_moons, make_xor, train_test_split
from nn import (
    MLP,
    Callback,
    EarlyStopping,
    History,
    binary_cross_entropy_with_logits,
    cross_entropy,
    evaluate,
    fit,
    mse_loss,
)
from optim import SGD, Adam, ReduceLROnPlateau, StepLR


def test_an_mlp_learns_xor():
    X, y = make_xor(200, noise=0.1, seed=0)
    model = MLP(2, [8], 1, activation="tanh", seed=0)
    history = fit(
        model,
        binary_cross_entropy_with_logits,
        Adam(model.parameters(), lr=0.05),
        DataLoader(X, y, batch_size=32, shuffle=True, seed=0),
        epochs=60,
        progress=False,
    )
    assert history.history["accuracy"][-1] >= 0.97
    assert evaluate(model, binary_cross_entropy_with_logits, [(X, y)])["accuracy"] >= 0.97


def test_an_mlp_learns_two_moons_with_validation():
    X, y = make_moons(400, noise=0.1, seed=0)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, seed=0)
    model = MLP(2, [16, 16], 2, seed=0)
    history = fit(
        model,
        cross_entropy,
        Adam(model.parameters(), lr=0.01),
        DataLoader(X_train, y_train, batch_size=32, shuffle=True, seed=0),
        epochs=40,
        val_batches=DataLoader(X_val, y_val, batch_size=100),
        progress=False,
    )
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(values) == 40 == history.epochs for values in history.history.values())
    assert history.history["val_accuracy"][-1] >= 0.97
    assert history["loss"][-1] < history["loss"][0] / 5


def digits_split():
    images, labels = load_digits()
    X = images.reshape(len(images), -1)
    X_train, X_test, y_train, y_test = train_test_split(
        X, labels, test_size=0.25, stratify=labels, seed=0
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def test_an_mlp_reaches_95_percent_on_the_digits_in_a_few_seconds():
    X_train, X_test, y_train, y_test = digits_split()
    start = time.perf_counter()
    model = MLP(64, [64], 10, seed=0)
    fit(
        model,
        cross_entropy,
        Adam(model.parameters(), lr=3e-3),
        DataLoader(X_train, y_train, batch_size=32, shuffle=True, seed=0),
        epochs=15,
        progress=False,
    )
    seconds = time.perf_counter() - start
    scores = evaluate(model, cross_entropy, DataLoader(X_test, y_test, batch_size=256))
    assert scores["accuracy"] >= 0.95, scores
    assert seconds < 10, f"training took {seconds:.1f} s"


def train_digits_briefly(seed):
    X_train, _, y_train, _ = digits_split()
    model = MLP(64, [32], 10, dropout=0.2, seed=seed)
    history = fit(
        model,
        cross_entropy,
        Adam(model.parameters(), lr=1e-3),
        DataLoader(X_train[:300], y_train[:300], batch_size=32, shuffle=True, seed=seed),
        epochs=3,
        progress=False,
    )
    return model.state_dict(), history.history


def test_the_same_seeds_give_bit_identical_training():
    (state_a, history_a), (state_b, history_b) = train_digits_briefly(1), train_digits_briefly(1)
    assert history_a == history_b
    for name in state_a:
        np.testing.assert_array_equal(state_a[name], state_b[name])
    state_c, _ = train_digits_briefly(2)
    assert not np.array_equal(state_a["layers.0.weight"], state_c["layers.0.weight"])


class Recorder(Callback):
    def __init__(self, stop_at=None):
        self.events = []
        self.stop_at = stop_at

    def on_train_begin(self, model):
        self.events.append(("begin", model.training))

    def on_epoch_end(self, epoch, logs, model):
        self.events.append((epoch, sorted(logs)))
        return epoch == self.stop_at

    def on_train_end(self, model):
        self.events.append("end")


def regression(n=64, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=n)


def test_callbacks_are_called_and_can_stop_training():
    X, y = regression()
    model = MLP(3, [4], 1, seed=0)
    recorder = Recorder(stop_at=3)

    class OnlyEpochEnd:  # any object with any of the hooks is a callback
        def __init__(self):
            self.epochs = []

        def on_epoch_end(self, epoch, logs, model):
            self.epochs.append(epoch)

    other = OnlyEpochEnd()
    history = fit(
        model,
        mse_loss,
        SGD(model.parameters(), lr=0.01),
        [(X, y)],
        epochs=10,
        metrics=["mae"],
        callbacks=[recorder, other],
        progress=False,
    )
    assert recorder.events == [
        ("begin", True),
        (1, ["loss", "mae"]),
        (2, ["loss", "mae"]),
        (3, ["loss", "mae"]),
        "end",
    ]
    assert other.epochs == [1, 2, 3] and history.epochs == 3


def test_schedulers_are_stepped_once_per_epoch_plateau_with_the_monitored_value():
    X, y = regression()
    model = MLP(3, [4], 1, seed=0)
    optimizer = SGD(model.parameters(), lr=0.1)
    fit(
        model,
        mse_loss,
        optimizer,
        [(X, y)],
        epochs=4,
        metrics=(),
        scheduler=StepLR(optimizer, step_size=2, gamma=0.5),
        progress=False,
    )
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.025)

    seen = []

    class Plateau(ReduceLROnPlateau):
        def step(self, metrics):
            seen.append(metrics)
            super().step(metrics)

    optimizer = SGD(model.parameters(), lr=0.1)
    history = fit(
        model,
        mse_loss,
        optimizer,
        [(X, y)],
        epochs=3,
        metrics=(),
        val_batches=[(X[:10], y[:10])],
        scheduler=Plateau(optimizer),
        progress=False,
    )
    assert seen == history.history["val_loss"]


def test_evaluate_runs_in_eval_mode_without_a_graph_and_restores_the_mode():
    X, y = regression()
    model = MLP(3, [8], 1, dropout=0.5, seed=0)
    first = evaluate(model, mse_loss, [(X, y)], metrics=["mae"])
    assert model.training
    halves = evaluate(model, mse_loss, [(X[:32], y[:32]), (X[32:], y[32:])], metrics=["mae"])
    assert halves == pytest.approx(first, rel=1e-12)  # weighted by batch size
    assert all(p.grad is None for p in model.parameters())
    model.eval()
    evaluate(model, mse_loss, [(X, y)], metrics=())
    assert not model.training


def test_a_nan_loss_stops_training_naming_the_epoch_and_batch():
    X, y = regression()
    X_bad = X.copy()
    X_bad[5, 0] = np.nan
    batches = [(X[:16], y[:16]), (X_bad[:16], y[:16])]
    model = MLP(3, [4], 1, seed=0)
    with pytest.raises(FloatingPointError, match="the loss is nan at epoch 1, batch 2"):
        fit(
            model,
            mse_loss,
            SGD(model.parameters(), lr=0.01),
            batches,
            epochs=2,
            metrics=(),
            progress=False,
        )
    assert all(np.isfinite(value).all() for value in model.state_dict().values())


def test_early_stopping_stops_when_validation_loss_stops_improving_and_restores_the_best():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 5)), rng.normal(size=40)  # noise: validation soon worsens
    X_val, y_val = rng.normal(size=(40, 5)), rng.normal(size=40)
    model = MLP(5, [64], 1, seed=0)
    saved = {}

    class Snapshots:
        def on_epoch_end(self, epoch, logs, model):
            saved[epoch] = model.state_dict()

    stopper = EarlyStopping(patience=5)
    history = fit(
        model,
        mse_loss,
        Adam(model.parameters(), lr=0.01),
        [(X, y)],
        epochs=500,
        val_batches=[(X_val, y_val)],
        metrics=(),
        callbacks=[stopper, Snapshots()],
        progress=False,
    )
    val_losses = history.history["val_loss"]
    best_epoch = int(np.argmin(val_losses)) + 1
    assert stopper.best_epoch == best_epoch and stopper.best == min(val_losses)
    assert stopper.stopped_epoch == best_epoch + 5 == history.epochs < 500
    for name, value in model.state_dict().items():  # exactly the best epoch's weights
        np.testing.assert_array_equal(value, saved[best_epoch][name])
    assert evaluate(model, mse_loss, [(X_val, y_val)], metrics=())["loss"] == min(val_losses)


def test_early_stopping_in_max_mode_with_min_delta_and_errors():
    stopper = EarlyStopping(
        monitor="val_accuracy", patience=2, min_delta=0.05, mode="max", restore_best=False
    )
    model = MLP(2, [2], 1)
    stopper.on_train_begin(model)
    results = [
        stopper.on_epoch_end(e, {"val_accuracy": a}, model)
        for e, a in enumerate([0.5, 0.6, 0.62, 0.64], start=1)
    ]
    assert results == [False, False, False, True] and stopper.best_epoch == 2
    with pytest.raises(
        ValueError, match=r"monitor 'val_loss' is not among the epoch's logs \['loss'\]"
    ):
        EarlyStopping().on_epoch_end(1, {"loss": 1.0}, model)
    with pytest.raises(ValueError, match="patience must be an int >= 1, got 0"):
        EarlyStopping(patience=0)
    with pytest.raises(ValueError, match="mode must be 'min' or 'max', got 'up'"):
        EarlyStopping(mode="up")
    with pytest.raises(ValueError, match="min_delta must be a finite number >= 0"):
        EarlyStopping(min_delta=-1)


def test_memory_does_not_grow_over_hundreds_of_steps():
    X_train, _, y_train, _ = digits_split()
    model = MLP(64, [32], 10, seed=0)
    optimizer = Adam(model.parameters(), lr=1e-3)
    batches = DataLoader(X_train, y_train, batch_size=32, shuffle=True, seed=0)
    fit(model, cross_entropy, optimizer, batches, epochs=1, progress=False)  # warm up
    tracemalloc.start()
    try:
        fit(model, cross_entropy, optimizer, batches, epochs=2, progress=False)
        after_few, _ = tracemalloc.get_traced_memory()
        fit(model, cross_entropy, optimizer, batches, epochs=8, progress=False)  # ~340 steps
        after_many, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after_many - after_few < 100_000, f"grew by {after_many - after_few} bytes"


def test_progress_bars_are_quiet_when_off_or_not_on_a_terminal(capsys, monkeypatch):
    X, y = regression()
    model = MLP(3, [4], 1, seed=0)
    fit(model, mse_loss, SGD(model.parameters(), lr=0.01), [(X, y)], epochs=2, metrics=())
    assert capsys.readouterr().err == ""  # pytest's stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    fit(model, mse_loss, SGD(model.parameters(), lr=0.01), [(X, y)], epochs=2, metrics=())
    assert "epochs" in capsys.readouterr().err
    fit(
        model,
        mse_loss,
        SGD(model.parameters(), lr=0.01),
        [(X, y)],
        epochs=2,
        metrics=(),
        progress=False,
    )
    assert capsys.readouterr().err == ""


def test_fit_argument_errors():
    X, y = regression()
    model = MLP(3, [4], 1, seed=0)
    optimizer = SGD(model.parameters(), lr=0.01)
    with pytest.raises(ValueError, match="epochs must be an int >= 1, got 0"):
        fit(model, mse_loss, optimizer, [(X, y)], epochs=0)
    with pytest.raises(TypeError, match="train_batches must be re-iterable"):
        fit(model, mse_loss, optimizer, iter([(X, y)]), epochs=1)
    with pytest.raises(
        TypeError, match=r"train_batches: batch 1 must be a tuple \(x, y\), got tuple of length 3"
    ):
        fit(model, mse_loss, optimizer, [(X, y, y)], epochs=1, progress=False)
    with pytest.raises(ValueError, match="train_batches yielded no batch"):
        fit(model, mse_loss, optimizer, [], epochs=1, metrics=(), progress=False)
    with pytest.raises(ValueError, match="unknown metric 'acc'"):
        fit(model, mse_loss, optimizer, [(X, y)], epochs=1, metrics=["acc"])


def test_history_plot_needs_matplotlib(monkeypatch):
    history = History()
    history.append({"loss": 1.0, "val_loss": 2.0})
    history.append({"loss": 0.5, "val_loss": 1.5})
    assert (
        history["val_loss"] == [2.0, 1.5]
        and repr(history) == "History(epochs=2, keys=['loss', 'val_loss'])"
    )
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(
        ImportError, match=r"History.plot\(\) needs matplotlib.*pip install matplotlib"
    ):
        history.plot()


def test_history_plot_draws_with_matplotlib():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    history = History()
    for epoch in range(3):
        history.append(
            {"loss": 1.0 / (epoch + 1), "accuracy": 0.5, "val_loss": 1.0, "val_accuracy": 0.4}
        )
    figure = history.plot()
    assert [ax.get_title() for ax in figure.axes] == ["loss", "accuracy"]
