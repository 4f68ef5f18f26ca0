"""The `gradschool` command end to end, in a temporary folder: train on a few data sets
(a few epochs, small networks), evaluate again, export the graph, and every error case."""

import json
import shutil
import subprocess
import sys

import pytest

from gradschool import commands
from gradschool.cli import main

FAST = ["--epochs", "3", "--hidden", "8", "--no-progress"]
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="the Graphviz 'dot' program is not installed")
try:
    import matplotlib  # noqa: F401

    HAS_MATPLOTLIB = True
except ImportError:
    HAS_MATPLOTLIB = False


def train(folder, *options):
    assert main(["train", *FAST, "--out", str(folder), *options]) == 0
    return json.loads((folder / "metrics.json").read_text())


@pytest.fixture(scope="module")
def digits_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runs") / "digits"
    train(folder)
    return folder


def test_train_writes_the_run_folder(digits_run):
    names = {path.name for path in digits_run.iterdir()}
    assert {"config.json", "model.npz", "history.csv", "metrics.json", "graph.dot"} <= names
    assert ("graph.svg" in names) == HAS_DOT
    if HAS_MATPLOTLIB:
        assert {"curves.png", "confusion_matrix.png"} <= names
    metrics = json.loads((digits_run / "metrics.json").read_text())
    for part in ("train", "val", "test"):
        assert metrics[f"{part}_loss"] >= 0 and 0 <= metrics[f"{part}_accuracy"] <= 1
    assert metrics["epochs"] == 3 and metrics["seconds"] > 0
    history = (digits_run / "history.csv").read_text().splitlines()
    assert history[0] == "epoch,loss,accuracy,val_loss,val_accuracy" and len(history) == 4
    config = json.loads((digits_run / "config.json").read_text())
    assert config["hidden"] == [8] and (config["in_features"], config["out_features"]) == (64, 10)
    assert config["lr"] == 3e-3  # the optimizer's default, recorded


def test_the_defaults_are_digits_64_64_10_adam():
    from gradschool.config import Config

    config = Config()
    assert (config.dataset, config.hidden, config.optimizer) == ("digits", [64], "adam")
    assert config.activation == "relu" and config.patience > 0


def test_evaluate_reproduces_the_test_metrics_exactly(digits_run, capsys):
    saved = json.loads((digits_run / "metrics.json").read_text())
    assert main(["evaluate", str(digits_run)]) == 0
    assert "identical to metrics.json" in capsys.readouterr().out
    again = commands.evaluate(digits_run)
    for key in ("test_loss", "test_accuracy", "train_loss", "val_accuracy"):
        assert again[key] == saved[key]


@pytest.mark.parametrize(
    "file_format",
    ["dot", pytest.param("svg", marks=needs_dot), pytest.param("png", marks=needs_dot)],
)
def test_graph_exports_one_forward_and_backward_pass(digits_run, tmp_path, file_format):
    output = tmp_path / f"g.{file_format}"
    assert main(["graph", str(digits_run), "--format", file_format, "-o", str(output)]) == 0
    content = output.read_bytes()
    if file_format == "dot":
        text = content.decode()
        assert "layers.0.weight" in text and "cross_entropy" in text and "grad" in text
    else:
        assert content.startswith(b"\x89PNG" if file_format == "png" else b"<?xml")


def test_graph_rewrites_an_identical_file_but_keeps_a_different_one(digits_run, capsys):
    assert main(["graph", str(digits_run), "--format", "dot"]) == 0  # same as train's
    assert "unchanged" in capsys.readouterr().out
    assert main(["graph", str(digits_run), "--format", "dot", "--batch", "2"]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["graph", str(digits_run), "--format", "dot", "--batch", "2", "--force"]) == 0


@needs_dot
def test_graph_steps_writes_one_picture_per_step_of_the_backward_pass(
    digits_run, tmp_path, capsys
):
    steps = tmp_path / "steps"
    graph_file = tmp_path / "g.svg"
    assert main(["graph", str(digits_run), "-o", str(graph_file), "--steps", str(steps)]) == 0
    frames = sorted(steps.glob("step_*.svg"))
    # loss, Linear, its weight and bias, relu, Linear, its weight and bias: one step each
    assert len(frames) == 8 and frames[0].name == "step_000.svg"
    assert "backward step 1 of" in frames[0].read_text()
    assert f"wrote {len(frames)} pictures of the backward pass" in capsys.readouterr().out
    assert main(["graph", str(digits_run), "-o", str(graph_file), "--steps", str(steps)]) == 1
    assert "already holds step pictures" in capsys.readouterr().err


INSTALL_COMMANDS = ("apt install graphviz", "brew install graphviz", "conda install",
                    "winget install graphviz")  # fmt: skip


def test_without_dot_train_writes_graph_dot_and_says_in_one_line_how_to_get_the_svg(
    without_dot, tmp_path, capsys
):
    train(tmp_path / "run", "--dataset", "xor")
    names = {path.name for path in (tmp_path / "run").iterdir()}
    assert "graph.dot" in names and "graph.svg" not in names
    err = capsys.readouterr().err
    (note,) = [line for line in err.splitlines() if "graph.svg" in line]
    assert note.startswith("note: skipped graph.svg (") and f"gradschool graph {tmp_path}" in note
    assert all(command in note for command in INSTALL_COMMANDS)


@pytest.mark.parametrize("file_format", ["svg", "png"])
def test_without_dot_graph_as_a_picture_is_one_line_and_leaves_nothing_behind(
    without_dot, digits_run, tmp_path, capsys, file_format
):
    output, steps = tmp_path / f"g.{file_format}", tmp_path / "steps"
    arguments = ["graph", str(digits_run), "--format", file_format, "-o", str(output)]
    assert main([*arguments, "--steps", str(steps)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert f"as {file_format} needs Graphviz's dot" in err
    assert all(command in err for command in INSTALL_COMMANDS)
    assert not output.exists() and not steps.exists()


def test_without_dot_graph_steps_as_dot_text_works_and_after_a_failed_svg_attempt_too(
    without_dot, digits_run, tmp_path, capsys
):
    steps = tmp_path / "steps"
    svg_attempt = ["graph", str(digits_run), "-o", str(tmp_path / "g.svg"), "--steps", str(steps)]
    assert main(svg_attempt) == 1
    output = tmp_path / "g.dot"
    arguments = ["graph", str(digits_run), "--format", "dot", "-o", str(output)]
    assert main([*arguments, "--steps", str(steps)]) == 0
    frames = sorted(steps.iterdir())
    assert [frame.name for frame in frames] == [f"step_{k:03d}.dot" for k in range(8)]
    assert "backward step 1 of 8" in frames[0].read_text()
    assert output.read_text().startswith("digraph")
    assert "wrote 8 pictures of the backward pass" in capsys.readouterr().out


def test_moons_with_sgd_and_a_decision_boundary(tmp_path):
    metrics = train(
        tmp_path / "moons",
        "--dataset",
        "moons",
        "--optimizer",
        "sgd",
        "--activation",
        "tanh",
        "--dropout",
        "0.1",
        "--weight-decay",
        "1e-4",
    )
    assert 0.5 <= metrics["test_accuracy"] <= 1
    assert (tmp_path / "moons" / "decision_boundary.png").exists() == HAS_MATPLOTLIB
    assert commands.evaluate(tmp_path / "moons")["test_loss"] == metrics["test_loss"]


def test_regression_reports_mae(tmp_path):
    metrics = train(tmp_path / "reg", "--dataset", "regression", "--optimizer", "rmsprop")
    assert {"train_mae", "val_mae", "test_mae", "test_loss"} <= set(metrics)
    assert "test_accuracy" not in metrics


def test_digits_with_augmentation(tmp_path):
    metrics = train(tmp_path / "aug", "--augment", "--epochs", "1", "--optimizer", "adamw")
    assert metrics["epochs"] == 1


def test_the_same_seed_gives_the_same_numbers(tmp_path):
    first = train(tmp_path / "a", "--dataset", "spirals", "--seed", "3")
    second = train(tmp_path / "b", "--dataset", "spirals", "--seed", "3")
    third = train(tmp_path / "c", "--dataset", "spirals", "--seed", "4")
    del first["seconds"], second["seconds"], third["seconds"]
    assert first == second != third


def test_force_replaces_an_earlier_run(tmp_path):
    train(tmp_path / "run", "--dataset", "xor")
    assert (
        main(["train", *FAST, "--out", str(tmp_path / "run"), "--dataset", "blobs", "--force"])
        == 0
    )
    assert json.loads((tmp_path / "run" / "config.json").read_text())["dataset"] == "blobs"


def damage(folder):
    (folder / "model.npz").write_bytes(b"PK\x03\x04 not really a zip file")


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["train", "--dataset", "mnist"], "invalid choice: 'mnist'"),
        (["train", "--optimizer", "lbfgs"], "invalid choice: 'lbfgs'"),
        (["train", "--lr", "-0.1"], "--lr: must be a positive number"),
        (["train", "--epochs", "0"], "--epochs: must be a positive integer"),
        (["train", "--dataset", "moons", "--augment"], "--augment works on the digits"),
        (["train", "--out", "{existing}"], "already exists"),
        (["evaluate", "{missing}"], "does not exist"),
        (["evaluate", "{damaged}"], "cannot load the model"),
        (["graph", "{damaged}"], "cannot load the model"),
        (["evaluate", "{empty}"], "is not a run folder"),
        (["evaluate", "{digits}", "--dataset", "moons"], "takes 64 inputs"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_on_stderr(arguments, expected, digits_run, tmp_path, capsys):
    damaged = tmp_path / "damaged"
    shutil.copytree(digits_run, damaged)
    damage(damaged)
    (tmp_path / "empty").mkdir()
    paths = {
        "existing": digits_run,
        "missing": tmp_path / "nope",
        "damaged": damaged,
        "empty": tmp_path / "empty",
        "digits": digits_run,
    }
    arguments = [a.format(**paths) for a in arguments]
    try:
        status = main(arguments)
    except SystemExit as exit_:  # argparse's errors
        status = exit_.code
    err = capsys.readouterr().err
    assert status != 0
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert "Traceback" not in err


def test_python_dash_m_gradschool_shows_the_defaults_in_help():
    result = subprocess.run(
        [sys.executable, "-m", "gradschool", "train", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for text in ("--dataset", "--augment", "default: digits", "adam 0.003", "--patience"):
        assert text in result.stdout


# ----- the CNN ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cnn_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runs") / "cnn"
    train(folder, "--model", "cnn", "--epochs", "2")
    return folder


def test_cnn_writes_the_same_run_folder(cnn_run):
    names = {path.name for path in cnn_run.iterdir()}
    assert {"config.json", "model.npz", "history.csv", "metrics.json", "graph.dot"} <= names
    config = json.loads((cnn_run / "config.json").read_text())
    assert config["model"] == "cnn" and config["dropout"] == 0.25  # the CNN's default
    metrics = json.loads((cnn_run / "metrics.json").read_text())
    assert metrics["epochs"] == 2 and metrics["test_accuracy"] > 0.5  # 10 classes: chance 0.1


def test_cnn_evaluate_and_graph(cnn_run, tmp_path, capsys):
    assert main(["evaluate", str(cnn_run)]) == 0
    assert "identical to metrics.json" in capsys.readouterr().out
    assert main(["graph", str(cnn_run), "--format", "dot", "-o", str(tmp_path / "g.dot")]) == 0
    dot = (tmp_path / "g.dot").read_text()
    assert dot.count("conv2d") == 2 and dot.count("max_pool2d") == 2 and "conv1.weight" in dot


def test_cnn_with_augmentation(tmp_path):
    metrics = train(tmp_path / "aug", "--model", "cnn", "--augment", "--epochs", "1")
    assert metrics["epochs"] == 1


def test_cnn_on_points_is_one_line_on_stderr(tmp_path, capsys):
    arguments = ["train", *FAST, "--model", "cnn", "--dataset", "moons"]
    assert main([*arguments, "--out", str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err
    assert (
        err.strip()
        == "gradschool train: error: --model cnn works on the 8x8 digits only, not on moons"
    )


def test_the_cnn_has_pytorch_names_and_takes_rows_or_images():
    import numpy as np

    from gradschool.cnn import DigitsCNN

    model = DigitsCNN(seed=0)
    shapes = {name: value.shape for name, value in model.state_dict().items()}
    assert shapes == {
        "conv1.weight": (16, 1, 3, 3), "conv1.bias": (16,), "conv2.weight": (32, 16, 3, 3),
        "conv2.bias": (32,), "fc.weight": (128, 10), "fc.bias": (10,),
    }  # fmt: skip
    images = np.random.default_rng(0).random((3, 1, 8, 8))
    assert np.array_equal(model(images).data, model(images.reshape(3, 64)).data)
