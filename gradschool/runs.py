"""The run folder: what `gradschool train` writes, and `evaluate` and `graph` read.

    runs/<dataset>-<YYYYmmdd-HHMMSS>/
        config.json       the `Config`: enough to rebuild the model and recompute the data
        model.npz         the trained weights (`Module.save`)
        history.csv       one row per epoch: loss, metrics, val_loss, val_metrics
        metrics.json      flat: train_loss, val_loss, test_loss, train_accuracy, …, epochs,
                          best_epoch, seconds (regression: …_mae instead of …_accuracy)
        graph.dot         the graph of one forward and backward pass (graph.svg with `dot`)
        curves.png, decision_boundary.png | confusion_matrix.png | fit.png  (matplotlib)

Nothing that exists is overwritten unless asked to (`--force`), and then only once the new
run has succeeded. metrics.json always says how the run ended: "status" is "running" (with
the writer's pid) while it trains, then "complete", "failed" (with the error) or
"interrupted"; a folder whose run did not complete can be trained into again without
`--force`.
"""

import contextlib
import csv
import datetime
import itertools
import json
import os
import pathlib
import shutil
import tempfile

import numpy as np

from gradschool import interrupts
from gradschool.config import Config
from nn.checkpoint import process_exists

CONFIG, MODEL, HISTORY, METRICS = "config.json", "model.npz", "history.csv", "metrics.json"
GRAPH = "graph"  # graph.dot, graph.svg, graph.png
PICTURES = ("curves.png", "decision_boundary.png", "confusion_matrix.png", "fit.png")
# The saved data split (datasets.SAVED_FILE) and the state of the playground that exported
# the run (playground/export.py) belong to a run too.
ARTEFACTS = (
    CONFIG, MODEL, HISTORY, METRICS, "data.npz", "playground.json",
    *(f"{GRAPH}.{f}" for f in ("dot", "svg", "png")),
)  # fmt: skip


#: What metrics.json's "status" says: a run is "running" (with its pid) until it becomes
#: "complete" (the metrics are there too), "failed" (with the error) or "interrupted".
RUNNING, COMPLETE, FAILED, INTERRUPTED = "running", "complete", "failed", "interrupted"


class RunError(Exception):
    """A problem with a run folder, told to the user in one line."""


class Run:
    """A run folder being written.

    Attributes:
        target: the run folder the user named (or the one chosen for them).
        path: where the files are written: `target` itself for a new folder; a hidden
            folder beside it when `target` holds an earlier run, which `finish` swaps in
            only once the new run has succeeded.
    """

    def __init__(self, target, path):
        self.target, self.path = pathlib.Path(target), pathlib.Path(path)

    def finish(self, metrics) -> None:
        """Write metrics.json (status "complete") and, if the run was written beside an
        earlier one, put it in that one's place."""
        write_metrics(self.path, metrics)
        if self.path != self.target:
            with interrupts.ignored():
                _swap(self.path, self.target)

    def abandon(self, status, error=None) -> None:
        """Mark a new folder as `status` ("failed" with `error`, or "interrupted"), so that a
        retry into it needs no --force; a folder written beside an earlier run is removed,
        and the earlier run stays as it was."""
        with interrupts.ignored():
            if self.path == self.target:
                with contextlib.suppress(OSError):
                    write_status(self.path, status, error=error)
            else:
                shutil.rmtree(self.path, ignore_errors=True)


def claim(out, dataset, *, force=False) -> Run:
    """Claim the run folder: `out`, or runs/<dataset>-<timestamp>/ when `out` is None.

    A new folder is claimed with `os.mkdir`, which fails if it already exists, so two runs
    started at once never share one. An existing `out` is reused when it holds a run that
    failed or was interrupted (or nothing); one that holds a complete run needs `force`.
    Either way the new run is written beside it and replaces it only when it succeeds, so
    a diverging rerun never loses the old model. A folder that is being written by a
    running process, or that holds other files than a run's, is refused.
    """
    if out is None:
        parent = pathlib.Path("runs")
        parent.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        for suffix in itertools.count(1):  # two runs within one second get -2, -3, …
            folder = parent / (f"{dataset}-{stamp}" + (f"-{suffix}" if suffix > 1 else ""))
            with contextlib.suppress(FileExistsError):
                return _new(folder)
    if not str(out).strip():
        raise RunError("--out must name a folder, got an empty string")
    folder = pathlib.Path(out)
    if folder.exists() or folder.is_symlink():
        return _beside(folder, force)
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _new(folder)
    except FileExistsError:  # another run claimed it a moment ago
        return _beside(folder, force)


def _new(folder) -> Run:
    os.mkdir(folder)  # atomic: exactly one of several runs creates it
    write_status(folder, RUNNING)
    return Run(folder, folder)


def _beside(folder, force) -> Run:
    """A Run written next to the existing `folder`, if it may be replaced."""
    if not folder.is_dir():
        raise RunError(f"--out {folder} exists and is not a folder")
    others = sorted(p.name for p in folder.iterdir() if not _is_artefact(p.name))
    if others:
        raise RunError(
            f"{folder} holds files that are not a gradschool run's ({', '.join(others[:3])}"
            f"{', …' if len(others) > 3 else ''}); choose another --out"
        )
    status, details = status_of(folder)
    if status == RUNNING:
        raise RunError(
            f"{folder} is being written by a run in progress (pid {details.get('pid')}); "
            "wait for it to end or choose another --out"
        )
    if status == COMPLETE and not force:
        raise RunError(f"{folder} already exists; choose another --out or add --force")
    _remove_abandoned_stagings(folder)
    staging = pathlib.Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    write_status(staging, RUNNING)
    return Run(folder, staging)


def status_of(folder) -> tuple:
    """(status, metrics.json's content) of a run folder: "empty" when it holds nothing,
    RUNNING only while the process that writes it is alive (a run killed with -9 counts as
    INTERRUPTED), COMPLETE for a run written before statuses were recorded."""
    folder = pathlib.Path(folder)
    if not any(folder.iterdir()):
        return "empty", {}
    metrics = read_metrics(folder)
    if metrics is None:  # no readable metrics.json: a run that died before writing it
        return FAILED, {}
    status = metrics.get("status", COMPLETE)
    if status == RUNNING and not process_exists(metrics.get("pid")):
        status = INTERRUPTED
    return status, metrics


def write_status(folder, status, *, error=None) -> None:
    """metrics.json of a run that is not complete: its status, the writer's pid, the error."""
    content = {"status": status, "pid": os.getpid()}
    if error is not None:
        content["error"] = error
    _write_json(pathlib.Path(folder) / METRICS, content)


def open_folder(path) -> pathlib.Path:
    """An existing run folder, checked to hold a complete run: a config and a model."""
    folder = pathlib.Path(path)
    if not folder.is_dir():
        raise RunError(f"run folder {folder} does not exist")
    if (folder / METRICS).exists():
        status, details = status_of(folder)
        if status in (RUNNING, FAILED, INTERRUPTED):
            reason = f": {details['error']}" if details.get("error") else ""
            raise RunError(
                f"{folder} holds a run that {'is still running' if status == RUNNING else status}"
                f"{reason}; it has no trained model (train into it again, no --force needed)"
            )
    for name in (CONFIG, MODEL):
        if not (folder / name).exists():  # a FIFO or a folder is refused when it is read
            raise RunError(f"{folder} is not a run folder: it has no {name}")
    return folder


def read_config(folder) -> Config:
    try:
        return Config.load(pathlib.Path(folder) / CONFIG)
    except ValueError as error:
        raise RunError(str(error)) from error


def load_model(folder, model):
    """Load `model.npz` into `model`; a damaged or mismatched file, or weights that are NaN
    or infinite (a diverged run), is a RunError."""
    path = pathlib.Path(folder) / MODEL
    try:
        model.load(path)
    except (ValueError, KeyError, TypeError, OSError) as error:
        message = error.args[0] if error.args else str(error)
        raise RunError(f"cannot load the model {path}: {message}") from error
    for name, parameter in model.named_parameters():
        if not np.isfinite(parameter.data).all():
            raise RunError(
                f"the model {path} holds NaN or infinite weights ({name}); it cannot be "
                "evaluated (a diverged run?)"
            )
    return model


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
    """metrics.json of a complete run: the metrics and "status": "complete"."""
    _write_json(pathlib.Path(folder) / METRICS, {**metrics, "status": COMPLETE})


def _write_json(path, content) -> None:
    """Write JSON atomically (a temporary file renamed over `path`): a crash leaves the old
    file or the new one, never half of one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(content, file, indent=2)
        file.write("\n")
    os.replace(temporary, path)


def read_metrics(folder) -> dict | None:
    """metrics.json, or None when it is missing or unreadable."""
    try:
        with open(pathlib.Path(folder) / METRICS, encoding="utf-8") as file:
            content = json.load(file)
    except (OSError, ValueError, RecursionError):
        return None
    return content if isinstance(content, dict) else None


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


def _is_artefact(name) -> bool:
    """A file a run writes: the artefacts, the pictures, and hidden temporary files
    (`.metrics.json.<pid>.tmp`, `.checkpoint-<pid>-….tmp`) that a killed run left."""
    return name in (*ARTEFACTS, *PICTURES) or (name.startswith(".") and name.endswith(".tmp"))


def _swap(staging, target) -> None:
    """Put the folder `staging` in the place of `target`: rename target aside, rename
    staging in, delete the old one. If the second rename fails the old run is put back."""
    old = pathlib.Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)  # a fresh unique name; rename needs it to be free
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_abandoned_stagings(folder) -> None:
    """Delete the hidden folders `.<name>.new-…` of runs into `folder` that were killed
    before they could clean up (their writer's pid is gone)."""
    for staging in folder.parent.glob(f".{folder.name}.new-*"):
        status, _ = status_of(staging) if staging.is_dir() else ("", {})
        if status != RUNNING:
            shutil.rmtree(staging, ignore_errors=True)
