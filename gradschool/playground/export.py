"""The playground's trained network as a gradschool run folder, and as a graph.

    runs/playground-<YYYYmmdd-HHMMSS>/
        config.json    a `Config` with dataset "saved": enough to rebuild the network
        model.npz      the weights, named as `nn.MLP`'s (layers.0.weight, …)
        data.npz       the exact split the network saw, as features (`datasets.load_saved`)
        history.csv    epoch, loss (train), val_loss (test)
        metrics.json   train / val / test loss and accuracy, as `gradschool evaluate` prints
        playground.json  the playground's state, to load it again

`gradschool evaluate` and `gradschool graph` accept the folder. The playground has a train
and a test part only; its test part is stored as the validation part too, so both rows of
`evaluate`'s table show it. The config's `val_size` and `test_size` keep their defaults:
they only say how `evaluate --dataset NAME` splits another data set.
"""

import base64
import io
import json
import pathlib
import shutil
import zipfile

import nn
from gradschool import datasets as gradschool_datasets
from gradschool import graph as gradschool_graph
from gradschool import runs, training
from gradschool.config import Config
from gradschool.playground.state import hidden_activations

PLAYGROUND_STATE = "playground.json"  # the state of the playground that exported the run


def split_of(playground) -> gradschool_datasets.Split:
    """The playground's data as a gradschool `Split` (its test part also as validation)."""
    return gradschool_datasets.saved_split(
        playground.task,
        playground.X_train,
        playground.y_train,
        playground.X_test,
        playground.y_test,
        playground.X_test,
        playground.y_test,
    )


def config_of(playground, split) -> Config:
    """The `Config` of a run folder; refused when the hidden layers' activations differ
    (a run folder holds one activation for all of them, as `nn.MLP` has)."""
    s = playground.state
    names = set(hidden_activations(s))
    if len(names) > 1:
        raise ValueError(
            "a run folder holds one activation for all hidden layers (as nn.MLP); this "
            f"network has {sorted(names)}: choose one activation to export it"
        )
    return Config(
        dataset=gradschool_datasets.SAVED,
        hidden=list(s["hidden"]),
        activation=names.pop() if names else "linear",
        init=s["init"],
        optimizer=s["optimizer"],
        lr=s["learning_rate"],
        batch_size=s["batch_size"],
        epochs=playground.epoch,
        dropout=s["dropout"],
        weight_decay=s["regularization_rate"] if s["regularization"] == "l2" else 0.0,
        patience=s["early_stopping"] or Config.patience,  # 0 (off) is no run config value
        seed=s["seed"],
        in_features=split.in_features,
        out_features=split.n_classes,
        data_sha256=split.fingerprint(),
    )


def run_folder(playground, folder=None) -> pathlib.Path:
    """Write the run folder (see the module docstring): `folder`, which must not hold
    another run, or runs/playground-<time>/ under the working directory."""
    split = split_of(playground)
    config = config_of(playground, split)
    run = runs.claim(folder, "playground")
    try:
        _write(run.path, playground, split, config)
    except BaseException as error:
        run.abandon(runs.FAILED, f"{type(error).__name__}: {error}")
        raise
    model = runs.load_model(run.path, training.build_model(config))  # as evaluate reloads it
    run.finish({**training.measure(model, split), "epochs": playground.epoch})
    return run.target


def _write(folder, playground, split, config) -> None:
    """Every file of the run but metrics.json."""
    config.save(folder / runs.CONFIG)
    playground.network.save(folder / runs.MODEL)
    gradschool_datasets.save_split(split, folder)
    history = nn.History()
    for train_loss, test_loss in zip(*playground.history.values()):
        history.append({"loss": train_loss, "val_loss": test_loss})
    runs.write_history(folder, history)
    (folder / PLAYGROUND_STATE).write_text(json.dumps(playground.state, indent=1) + "\n")


def zipped(folder) -> str:
    """The run folder as a .zip archive, base64 text (the page offers it as a download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(pathlib.Path(folder).iterdir()):
            archive.write(path, f"{pathlib.Path(folder).name}/{path.name}")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def graph(playground, *, file_format="svg", batch=4) -> tuple:
    """(format, text): the graph of one forward and backward pass of the network on the
    first `batch` test points, drawn by `autograd.draw_graph` (through gradschool's
    `graph` module, as `gradschool graph` draws it). SVG needs Graphviz's `dot`; without
    it, or with `file_format="dot"`, the DOT text."""
    if file_format not in ("svg", "dot"):
        raise ValueError(f"file_format must be 'svg' or 'dot', got {file_format!r}")
    if file_format == "svg" and shutil.which("dot") is None:
        file_format = "dot"
    split = split_of(playground)
    trace = gradschool_graph.forward_backward(playground.network, split, batch=batch)
    # forward_backward leaves the network in eval mode and its grads filled: both are
    # restored by the next training step (it sets train() and zero_grad()).
    return file_format, gradschool_graph.export(trace.root, file_format).decode("utf-8")
