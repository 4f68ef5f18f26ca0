"""Pictures of a run, drawn with matplotlib when it is installed (`make demo` installs it).

`available()` says whether matplotlib can be imported; the functions below import it only
when called, so that gradschool runs without it.
"""

import importlib.util

import numpy as np

from autograd import no_grad


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


def save_curves(history, path) -> None:
    """curves.png: loss and metric per epoch, training and validation (`History.plot`)."""
    plt = _pyplot()
    figure = history.plot()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def save_decision_boundary(model, split, path) -> None:
    """decision_boundary.png: the predicted class over the plane, and the test points."""
    plt = _pyplot()
    raw = split.scaler.inverse_transform(np.concatenate([split.X_train, split.X_test]))
    low, high = raw.min(axis=0), raw.max(axis=0)
    margin = 0.1 * (high - low)
    xs, ys = (np.linspace(lo - m, hi + m, 200) for lo, hi, m in zip(low, high, margin))
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    classes = _predict(model, split.features(points)).argmax(axis=1).reshape(grid_x.shape)
    test_points = split.scaler.inverse_transform(split.X_test)
    figure, ax = plt.subplots(figsize=(5.5, 5))
    levels = np.arange(split.n_classes + 1) - 0.5
    ax.contourf(grid_x, grid_y, classes, levels=levels, cmap="coolwarm", alpha=0.35)
    ax.scatter(*test_points.T, c=split.y_test, cmap="coolwarm", s=12, edgecolors="k",
               linewidths=0.3, vmin=0, vmax=split.n_classes - 1)  # fmt: skip
    ax.set_title(f"{split.name}: predicted class, and the test points")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


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
    figure.savefig(path, dpi=100)
    plt.close(figure)


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
    figure.savefig(path, dpi=100)
    plt.close(figure)
