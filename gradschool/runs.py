"""The run folder: what `gradschool train` writes, and `evaluate` and `graph` read.

    runs/<dataset>-<YYYYmmdd-HHMMSS>/
        config.json       the `Config`: enough to rebuild the model and recompute the data
        model.npz         the trained weights (`Module.save`)
        history.csv       one row per epoch: loss, metrics, val_loss, val_metrics
        metrics.json      flat: train_loss, val_loss, test_loss, train_accuracy, …, epochs,
                          best_epoch, seconds (regression: …_mae instead of …_accuracy)
        graph.dot         the graph of one forward and backward pass (graph.svg with `dot`)
        curves.png, decision_boundary.png | confusion_matrix.png | fit.png  (matplotlib)

Nothing that exists is overwritten unless asked to (`--force`).
"""

import csv
import datetime
import json
import pathlib

from gradschool.config import Config

CONFIG, MODEL, HISTORY, METRICS = "config.json", "model.npz", "history.csv", "metrics.json"
GRAPH = "graph"  # graph.dot, graph.svg, graph.png
PICTURES = ("curves.png", "decision_boundary.png", "confusion_matrix.png", "fit.png")
ARTEFACTS = (CONFIG, MODEL, HISTORY, METRICS, *(f"{GRAPH}.{f}" for f in ("dot", "svg", "png")))


class RunError(Exception):
    """A problem with a run folder, told to the user in one line."""


def new_folder(out, dataset, *, force=False) -> pathlib.Path:
    """Create the run folder: `out`, or runs/<dataset>-<timestamp>/ when `out` is None.

    An existing `out` is refused unless `force`; then the artefacts of the earlier run
    (the files listed above, nothing else) are removed, so that no stale picture remains.
    """
    if out is None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = pathlib.Path("runs") / f"{dataset}-{stamp}"
        suffix = 1
        while folder.exists():  # two runs within one second
            suffix += 1
            folder = pathlib.Path("runs") / f"{dataset}-{stamp}-{suffix}"
    else:
        folder = pathlib.Path(out)
        if folder.exists() and not folder.is_dir():
            raise RunError(f"--out {folder} exists and is not a folder")
        if folder.exists() and any(folder.iterdir()):
            if not force:
                raise RunError(f"{folder} already exists; choose another --out or add --force")
            for name in (*ARTEFACTS, *PICTURES):
                (folder / name).unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_folder(path) -> pathlib.Path:
    """An existing run folder, checked to hold a config and a model."""
    folder = pathlib.Path(path)
    if not folder.is_dir():
        raise RunError(f"run folder {folder} does not exist")
    for name in (CONFIG, MODEL):
        if not (folder / name).is_file():
            raise RunError(f"{folder} is not a run folder: it has no {name}")
    return folder


def read_config(folder) -> Config:
    try:
        return Config.load(pathlib.Path(folder) / CONFIG)
    except ValueError as error:
        raise RunError(str(error)) from error


def load_model(folder, model):
    """Load `model.npz` into `model`; a damaged or mismatched file is a RunError."""
    path = pathlib.Path(folder) / MODEL
    try:
        return model.load(path)
    except (ValueError, KeyError, TypeError, OSError) as error:
        message = error.args[0] if error.args else str(error)
        raise RunError(f"cannot load the model {path}: {message}") from error


def write_history(folder, history) -> None:
    """history.csv: a header `epoch,loss,accuracy,val_loss,val_accuracy` and one row per
    epoch, numbers written exactly (Python's shortest round-tripping repr)."""
    names = list(history.history)
    with open(pathlib.Path(folder) / HISTORY, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["epoch", *names])
        for epoch in range(history.epochs):
            writer.writerow([epoch + 1, *(repr(history[name][epoch]) for name in names)])


def write_metrics(folder, metrics) -> None:
    with open(pathlib.Path(folder) / METRICS, "w", encoding="utf-8") as file:
        json.dump(metrics, file, indent=2)
        file.write("\n")


def read_metrics(folder) -> dict | None:
    """metrics.json, or None when it is missing or unreadable."""
    try:
        with open(pathlib.Path(folder) / METRICS, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def write_new(path, content: bytes, *, force=False) -> bool:
    """Write `content` to `path` unless a different file is already there (then a RunError,
    unless `force`). Returns False when the file already held exactly this content."""
    path = pathlib.Path(path)
    if path.exists():
        if path.read_bytes() == content:
            return False
        if not force:
            raise RunError(f"{path} already exists with other content; add --force to replace it")
    path.write_bytes(content)
    return True
