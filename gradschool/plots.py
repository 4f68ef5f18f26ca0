"""Pictures of a run, drawn with matplotlib when it is installed (`make demo` installs it).

`available()` says whether matplotlib can be imported; the functions below import it only
when called, so that gradschool runs without it.
"""

import importlib.util

import numpy as np

from autograd import no_grad

#: One colour per class (matplotlib's "tab10", distinct for up to 10 classes): the test
#: points in full colour, the predicted regions in the same colours, lightened.
CLASS_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip
REGION_ALPHA = 0.25


def available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, works without a display
    import matplotlib.pyplot as plt

    return plt


def _predict(model, X) -> np.ndarray:
    """The model's raw outputs on standardised inputs X, in evaluation mode."""
    model.eval()
    with no_grad():
        return model(X).numpy()


#: What the loss axis of curves.png says, by task (the losses of `training.loss_and_metrics`).
LOSS_NAMES = {"classification": "cross-entropy loss", "regression": "mean squared error (MSE)"}


def curves_figure(history, *, best_epoch, task):
    """Loss and metric per epoch, training and validation (`History.plot`), with the best
    epoch (the one early stopping kept) marked on every panel and the loss axis named."""
    _pyplot()  # the file backend, before History.plot imports pyplot
    figure = history.plot()
    for ax in figure.axes:
        ax.axvline(best_epoch, color="0.3", linestyle="--", linewidth=1,
                   label=f"best epoch ({best_epoch}): weights kept")  # fmt: skip
        if ax.get_title() == "loss":
            ax.set_ylabel(LOSS_NAMES[task])
        ax.legend(fontsize=8)
    figure.tight_layout()
    return figure


def save_curves(history, path, *, best_epoch, task) -> None:
    """curves.png: `curves_figure`."""
    _save(curves_figure(history, best_epoch=best_epoch, task=task), path)


def decision_boundary_figure(model, split):
    """The predicted class over the plane as light regions, and the test points in the full
    colour of their true class, with a legend: one distinct colour per class, so that each
    class stands out against every region, its own included."""
    plt = _pyplot()
    raw = split.scaler.inverse_transform(np.concatenate([split.X_train, split.X_test]))
    low, high = raw.min(axis=0), raw.max(axis=0)
    margin = 0.1 * (high - low)
    xs, ys = (np.linspace(lo - m, hi + m, 200) for lo, hi, m in zip(low, high, margin))
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    classes = _predict(model, split.features(points)).argmax(axis=1).reshape(grid_x.shape)
    test_points = split.scaler.inverse_transform(split.X_test)
    colours = CLASS_COLOURS[: split.n_classes]
    figure, ax = plt.subplots(figsize=(5.5, 5))
    levels = np.arange(split.n_classes + 1) - 0.5
    ax.contourf(grid_x, grid_y, classes, levels=levels, colors=colours, alpha=REGION_ALPHA)
    for label, colour in enumerate(colours):
        ax.scatter(*test_points[split.y_test == label].T, color=colour, s=14, edgecolors="k",
                   linewidths=0.4, label=f"class {label}")  # fmt: skip
    ax.legend(title="test points, by true class", fontsize=8, title_fontsize=8)
    ax.set_title(f"{split.name}: predicted class (background) and test points")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    figure.tight_layout()
    return figure


def save_decision_boundary(model, split, path) -> None:
    """decision_boundary.png: `decision_boundary_figure`."""
    _save(decision_boundary_figure(model, split), path)


def _save(figure, path) -> None:
    figure.savefig(path, dpi=100)
    _pyplot().close(figure)


def save_confusion_matrix(model, split, path) -> None:
    """confusion_matrix.png: test samples counted by true class (rows) and predicted class."""
    plt = _pyplot()
    predicted = _predict(model, split.X_test).argmax(axis=1)
    counts = np.zeros((split.n_classes, split.n_classes), dtype=int)
    np.add.at(counts, (split.y_test, predicted), 1)
    figure, ax = plt.subplots(figsize=(5.5, 5))
    ax.imshow(counts, cmap="Blues")
    for (row, column), count in np.ndenumerate(counts):
        colour = "white" if count > counts.max() / 2 else "black"
        ax.text(column, row, str(count), ha="center", va="center", color=colour, fontsize=9)
    ax.set_xticks(range(split.n_classes))
    ax.set_yticks(range(split.n_classes))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    accuracy = np.trace(counts) / counts.sum()
    ax.set_title(f"{split.name}: test confusion matrix (accuracy {accuracy:.1%})")
    figure.tight_layout()
    _save(figure, path)


def save_fit(model, split, path) -> None:
    """fit.png (regression): the learned curve over the input range, and the test points."""
    plt = _pyplot()
    raw_test = split.scaler.inverse_transform(split.X_test)[:, 0]
    xs = np.linspace(raw_test.min(), raw_test.max(), 300)[:, None]
    figure, ax = plt.subplots(figsize=(6, 4))
    ax.scatter(raw_test, split.y_test, s=12, label="test data")
    ax.plot(xs[:, 0], _predict(model, split.features(xs))[:, 0], color="C1", label="model")
    ax.set_title(f"{split.name}: the learned function")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    figure.tight_layout()
    _save(figure, path)
