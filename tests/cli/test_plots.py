"""The run folder's pictures say what a learner needs without help: curves.png marks the
best epoch and names its loss; the decision boundary has a legend of the classes and shows
every class's points in a colour that stands out against every region."""

import itertools

import numpy as np
import pytest

from gradschool import datasets, plots, training
from gradschool.config import Config

colors = pytest.importorskip("matplotlib.colors", reason="matplotlib is not installed")


def trained(dataset, epochs=4):
    split = datasets.load(dataset, seed=0)
    config = Config(dataset=dataset, epochs=epochs, hidden=[8], patience=2,
                    in_features=split.in_features, out_features=split.n_classes)  # fmt: skip
    batches = datasets.training_batches(split, batch_size=32, seed=0, augmented=False)
    model, history, stopper = training.train(config, split, batches, progress=False)
    return split, model, history, stopper


@pytest.mark.parametrize(("dataset", "loss"), [("moons", "cross-entropy"), ("regression", "MSE")])
def test_curves_mark_the_best_epoch_and_name_the_loss(dataset, loss):
    split, _, history, stopper = trained(dataset)
    figure = plots.curves_figure(history, best_epoch=stopper.best_epoch, task=split.task)
    (loss_axes,) = [ax for ax in figure.axes if ax.get_title() == "loss"]
    assert loss in loss_axes.get_ylabel()
    for ax in figure.axes:  # every panel: a vertical line at the best epoch, in the legend
        marks = [line for line in ax.get_lines() if "best epoch" in line.get_label()]
        assert len(marks) == 1 and list(marks[0].get_xdata()) == [stopper.best_epoch] * 2
        labels = [text.get_text() for text in ax.get_legend().get_texts()]
        assert f"best epoch ({stopper.best_epoch}): weights kept" in labels
    plots._pyplot().close(figure)


def blend(colour, alpha):
    """The colour of a region drawn with `alpha` over white."""
    return alpha * np.array(colors.to_rgb(colour)) + (1 - alpha)


def test_decision_boundary_has_a_legend_and_every_class_stands_out_against_every_region():
    split, model, _, _ = trained("spirals")
    figure = plots.decision_boundary_figure(model, split)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1", "class 2"]
    points = [
        collection for collection in ax.collections if collection.get_label().startswith("class")
    ]
    point_colours = [collection.get_facecolor()[0][:3] for collection in points]
    regions = [blend(colour, plots.REGION_ALPHA) for colour in plots.CLASS_COLOURS[:3]]
    # the colour of each class's points is far from every region's (its own included) ...
    for point, region in itertools.product(point_colours, regions):
        assert np.linalg.norm(point - region) > 0.35
    # ... and from the other classes' points
    for a, b in itertools.combinations(point_colours, 2):
        assert np.linalg.norm(a - b) > 0.35
    # each class's points are the test points of that class
    for label, collection in enumerate(points):
        assert len(collection.get_offsets()) == np.sum(split.y_test == label)
    plots._pyplot().close(figure)
