"""Build the model and the optimizer from a `Config`, train, and measure.

Everything goes through the public APIs: `nn.MLP`, `nn.fit` with `nn.EarlyStopping`,
`nn.evaluate`, and the `optim` optimizers.
"""

import numpy as np

import nn
import optim
from gradschool.cnn import DigitsCNN

#: The update rules of the course by their `--optimizer` names.
OPTIMIZERS = {
    "sgd": optim.SGD,
    "momentum": optim.Momentum,
    "rmsprop": optim.RMSProp,
    "adam": optim.Adam,
    "adamw": optim.AdamW,
}


def build_model(config) -> nn.Module:
    """An MLP in_features -> hidden… -> out_features (or, with `config.model == "cnn"`, the
    digits' `DigitsCNN`), its weights drawn from the seed. Its output is raw: logits for
    classification (the softmax is in the loss), one number for regression."""
    if config.model == "cnn":
        return DigitsCNN(
            config.out_features,
            dropout=config.dropout_probability,
            init=config.init,
            seed=config.seed,
        )
    return nn.MLP(
        config.in_features,
        config.hidden,
        config.out_features,
        activation=config.activation,
        dropout=config.dropout_probability,
        init=config.init,
        seed=config.seed,
    )


def build_optimizer(config, model) -> optim.Optimizer:
    return OPTIMIZERS[config.optimizer](
        model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )


def loss_and_metrics(task):
    """The loss function and the metric names of a task."""
    if task == "regression":
        return nn.mse_loss, ("mae",)
    return nn.cross_entropy, ("accuracy",)


def train(config, split, train_batches, *, progress=True):
    """Train a new model on `train_batches`, validating on `split`'s validation part and
    stopping early when the validation loss has not improved for `config.patience`
    epochs; the model ends with the weights of its best epoch.

    Returns:
        (model, history, stopper): the trained model, the `nn.History` of every epoch,
        and the `nn.EarlyStopping` (its `best_epoch`).
    """
    model = build_model(config)
    loss_fn, metrics = loss_and_metrics(split.task)
    stopper = nn.EarlyStopping(monitor="val_loss", patience=config.patience)
    # A diverging run is reported once, by fit's FloatingPointError, not also by numpy's
    # overflow warnings on the way there.
    with np.errstate(over="ignore", invalid="ignore"):
        history = nn.fit(
            model,
            loss_fn,
            build_optimizer(config, model),
            train_batches,
            epochs=config.epochs,
            val_batches=[(split.X_val, split.y_val)],
            metrics=metrics,
            callbacks=[stopper],
            progress=progress,
        )
    return model, history, stopper


def measure(model, split) -> dict:
    """Loss and metric of `model` on the three parts, each evaluated as one batch (so the
    numbers are reproducible exactly): {"train_loss": …, "train_accuracy": …, "val_loss": …}.
    The training part is measured as it is, without augmentation or dropout."""
    loss_fn, metrics = loss_and_metrics(split.task)
    results = {}
    for part, X, y in (
        ("train", split.X_train, split.y_train),
        ("val", split.X_val, split.y_val),
        ("test", split.X_test, split.y_test),
    ):
        scores = nn.evaluate(model, loss_fn, [(X, y)], metrics=metrics)
        results.update({f"{part}_{name}": value for name, value in scores.items()})
    return results
