"""The three commands, `train`, `evaluate` and `graph`: each wires the data, the model and
the run folder together. `cli.py` parses the arguments and calls them."""

import dataclasses
import sys
import time

import graphviz

from gradschool import datasets, graph, plots, runs, training
from gradschool.cnn import IMAGE_SHAPE


def train(config, *, out=None, force=False, progress=True) -> dict:
    """Train as `config` says, write the run folder, print the final table; return the
    metrics (as written to metrics.json)."""
    split = _data(config)
    if config.augment and split.raw_train.ndim != 3:
        raise runs.RunError(f"--augment works on the digits images only, not on {split.name}")
    if config.model == "cnn" and split.raw_train.shape[1:] != IMAGE_SHAPE[1:]:
        raise runs.RunError(f"--model cnn works on the 8x8 digits only, not on {split.name}")
    config = dataclasses.replace(
        config,
        lr=config.learning_rate,
        dropout=config.dropout_probability,
        in_features=split.in_features,
        out_features=split.n_classes,
        data_sha256=split.fingerprint(),
    ).check()  # before anything is allocated: `--hidden 100000000` is refused here
    run = runs.claim(out, config.dataset, force=force)
    print(f"{_describe(config, split)}\nrun folder: {run.target}", flush=True)
    try:
        metrics, written = _train_into(run.path, config, split, progress)
        run.finish(metrics)
    except KeyboardInterrupt:
        run.abandon(runs.INTERRUPTED)
        raise
    except BaseException as error:
        run.abandon(runs.FAILED, f"{type(error).__name__}: {error}")
        raise
    print(_table(metrics, split.task))
    print(f"wrote {', '.join([runs.CONFIG, runs.MODEL, runs.HISTORY, runs.METRICS, *written])}")
    return metrics


def _train_into(folder, config, split, progress):
    """Train and write every file of the run into `folder` except the final metrics.json;
    return (metrics, names of the pictures written)."""
    config.save(folder / runs.CONFIG)
    batches = datasets.training_batches(
        split, batch_size=config.batch_size, seed=config.seed, augmented=config.augment
    )
    start = time.perf_counter()
    model, history, stopper = training.train(config, split, batches, progress=progress)
    seconds = time.perf_counter() - start

    model.save(folder / runs.MODEL)
    metrics = training.measure(model, split)
    metrics.update(epochs=history.epochs, best_epoch=stopper.best_epoch, seconds=seconds)
    runs.write_history(folder, history)
    written = _write_graphs(folder, model, split)
    written += _write_pictures(folder, model, split, history, stopper.best_epoch)
    return metrics, written


def evaluate(run_dir, *, dataset=None) -> dict:
    """Reload a run's model and data and print its metrics (the same numbers as at the
    end of training). `dataset` evaluates on another data set with the same numbers of
    inputs and outputs (e.g. a moons model on xor), prepared with the run's seed."""
    folder, config, model = _reload(run_dir)
    split = _data(config, dataset, folder)
    if (split.in_features, split.n_classes) != (config.in_features, config.out_features):
        raise runs.RunError(
            f"the model of {folder} takes {config.in_features} inputs and gives "
            f"{config.out_features} outputs; {split.name} has {split.in_features} and "
            f"{split.n_classes}"
        )
    metrics = training.measure(model, split)
    print(f"{folder}: {config.dataset} model, evaluated on {split.name}")
    print(_table(metrics, split.task))
    if split.name == config.dataset:
        if split.fingerprint() != config.data_sha256:
            print(
                "note: the data recomputed from the seed differ from those of training "
                "(another numpy version?), so the numbers may differ from metrics.json",
                file=sys.stderr,
            )
        saved = runs.read_metrics(folder)
        if saved is not None and saved.get("status", runs.COMPLETE) == runs.COMPLETE:
            same = all(saved.get(key) == value for key, value in metrics.items())
            print("identical to metrics.json" if same else "differs from metrics.json")
    return metrics


def export_graph(run_dir, *, file_format="svg", output=None, batch=4, force=False, steps=None):
    """Write the graph of one forward and backward pass of the run's model (on `batch`
    test samples) to `output` (default RUN_DIR/graph.<format>); with `steps`, a folder,
    also one picture per step of the backward pass. Returns the graph's path."""
    folder, config, model = _reload(run_dir)
    trace = graph.forward_backward(model, _data(config, folder=folder), batch=batch)
    content = graph.export(trace.root, file_format)
    path = output if output is not None else folder / f"{runs.GRAPH}.{file_format}"
    changed = runs.write_new(path, content, force=force)
    print(f"{'wrote' if changed else 'unchanged'} {path}")
    if steps is not None:
        frames = graph.save_steps(trace, steps, file_format)
        size = sum(frame.stat().st_size for frame in frames)
        print(
            f"wrote {len(frames)} pictures of the backward pass to {steps} ({size / 1e3:.0f} kB)"
        )
    return path


def _data(config, name=None, folder=None):
    """The data set `name` (default: the run's own), split and scaled as `config` says
    (or the split saved in the run `folder`, for a playground export)."""
    return datasets.load(
        name or config.dataset,
        seed=config.seed,
        val_size=config.val_size,
        test_size=config.test_size,
        folder=folder,
    )


def _reload(run_dir):
    """(folder, config, model) of an existing run, the model with its saved weights."""
    folder = runs.open_folder(run_dir)
    config = runs.read_config(folder)
    return folder, config, runs.load_model(folder, training.build_model(config))


def _write_graphs(folder, model, split) -> list:
    """graph.dot, and graph.svg when Graphviz's `dot` is installed (else a one-line note on
    stderr says how to get it); returns the names written."""
    root = graph.forward_backward(model, split).root
    dot_name, svg_name = f"{runs.GRAPH}.dot", f"{runs.GRAPH}.svg"
    (folder / dot_name).write_bytes(graph.export(root, "dot"))
    try:
        svg = graph.export(root, "svg")
    except graphviz.ExecutableNotFound as error:
        print(
            f"note: skipped {svg_name} ({error}); once dot is installed, "
            f"gradschool graph {folder} writes it",
            file=sys.stderr,
        )
        return [dot_name]
    (folder / svg_name).write_bytes(svg)
    return [dot_name, svg_name]


def _write_pictures(folder, model, split, history, best_epoch) -> list:
    """The matplotlib pictures, when matplotlib is installed; returns their names."""
    if not plots.available():
        return []
    plots.save_curves(history, folder / "curves.png", best_epoch=best_epoch, task=split.task)
    if split.task == "regression":
        name, save = "fit.png", plots.save_fit
    elif split.is_2d:
        name, save = "decision_boundary.png", plots.save_decision_boundary
    else:
        name, save = "confusion_matrix.png", plots.save_confusion_matrix
    save(model, split, folder / name)
    return ["curves.png", name]


def _describe(config, split) -> str:
    if config.model == "cnn":
        model = (
            "CNN conv 16 3x3, pool, conv 32 3x3, pool, linear 128-10 (relu), "
            f"dropout {config.dropout:g}"
        )
    else:
        sizes = "-".join(str(n) for n in (config.in_features, *config.hidden, config.out_features))
        model = f"MLP {sizes} ({config.activation})"
    return (
        f"{split.name}: {len(split.X_train)} train / {len(split.X_val)} val / "
        f"{len(split.X_test)} test samples; {model}, "
        f"{config.optimizer} lr={config.lr:g}, batch {config.batch_size}, "
        f"up to {config.epochs} epochs (early stopping after {config.patience})"
        + (", augmented" if config.augment else "")
    )


def _table(metrics, task) -> str:
    """The final table: loss and accuracy (or MAE) per part, epochs and time."""
    metric = "mae" if task == "regression" else "accuracy"
    lines = [f"{'':6}{'loss':>10}{metric:>10}"]
    for part in ("train", "val", "test"):
        value = metrics[f"{part}_{metric}"]
        shown = f"{value:10.4f}" if metric == "mae" else f"{value:10.2%}"
        lines.append(f"{part:6}{metrics[f'{part}_loss']:10.4f}{shown}")
    if "epochs" in metrics:
        lines.append(
            f"epochs {metrics['epochs']} (best {metrics['best_epoch']}), "
            f"{metrics['seconds']:.1f} s"
        )
    return "\n".join(lines)
