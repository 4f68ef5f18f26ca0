"""The playground's state: every setting of the page as one JSON-ready dict, checked.

The state holds the choices (data, features, network, training), not the training's
progress: the weights, the epoch and the loss history live in the `Playground`. So a state
saved as JSON, put in the page's URL or passed to `Playground(**state)` rebuilds the same
experiment from its seeds, at epoch 0.

    >>> state = check_state({"dataset": "xor", "hidden": [8, 8]})
    >>> state["dataset"], state["hidden"], state["activation"]
    ('xor', [8, 8], 'tanh')

Every field is checked by `check_state`; a bad one is a ValueError that names it, the value
seen and what was expected (`state['learning_rate'] must be …`).
"""

import copy
import math

#: Data sets by task. TensorFlow Playground's four classification and two regression sets,
#: then moons, blobs (3-5 classes) and the user's own points ("custom").
CLASSIFICATION = ("circle", "xor", "gauss", "spiral", "moons", "blobs")
REGRESSION = ("plane", "reg-gauss")
DATASETS = (*CLASSIFICATION, *REGRESSION, "custom")

#: The input features computed from a point (x1, x2), by name (see `datasets.features`).
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear", "leaky_relu")
OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
REGULARIZATIONS = ("none", "l1", "l2")
#: Losses for classification (regression always uses the mean squared error).
LOSSES = ("cross_entropy", "mse")
INITS = ("xavier", "kaiming")
#: The learning rates and regularisation rates the page offers (TensorFlow Playground's).
LEARNING_RATES = (1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MAX_LAYERS, MAX_NEURONS = 10, 64

#: The defaults: TensorFlow Playground's first screen (circle, 2 inputs, 4-2 tanh network,
#: learning rate 0.03, batch 10, half the 500 points for training).
DEFAULTS = {
    "dataset": "circle",
    "noise": 0,
    "train_ratio": 50,
    "n_samples": 500,
    "n_classes": 3,
    "data_seed": 0,
    "features": ["x1", "x2"],
    "hidden": [4, 2],
    "activation": "tanh",
    "init": "xavier",
    "optimizer": "sgd",
    "loss": "cross_entropy",
    "learning_rate": 0.03,
    "regularization": "none",
    "regularization_rate": 0.0,
    "batch_size": 10,
    "dropout": 0.0,
    "early_stopping": 0,
    "seed": 0,
    "show_test": False,
    "discretize": False,
    "custom": None,
}


def default_state() -> dict:
    """A new copy of `DEFAULTS`."""
    return copy.deepcopy(DEFAULTS)


def check_state(state) -> dict:
    """`DEFAULTS` updated with `state` (a dict of some of its fields), every field checked.

    Returns a new dict (numbers as int or float, lists as lists), equal to what
    `json.loads(json.dumps(...))` gives back.

    Raises:
        TypeError: `state` is not a dict.
        ValueError: an unknown field, or a field whose value is not allowed.
    """
    if not isinstance(state, dict):
        raise TypeError(f"state must be a dict, got {type(state).__name__}")
    unknown = sorted(set(state) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown state field {unknown[0]!r}; known: {', '.join(DEFAULTS)}")
    merged = {**default_state(), **copy.deepcopy(state)}
    s = merged
    s["dataset"] = _choice("dataset", s["dataset"], DATASETS)
    s["noise"] = _number("noise", s["noise"], 0, 50)
    s["train_ratio"] = _number("train_ratio", s["train_ratio"], 10, 90)
    s["n_samples"] = _integer("n_samples", s["n_samples"], 20, 5000)
    s["n_classes"] = _integer("n_classes", s["n_classes"], 3, 5)
    s["data_seed"] = _integer("data_seed", s["data_seed"], 0, 2**32 - 1)
    s["features"] = _features(s["features"])
    s["hidden"] = _hidden(s["hidden"])
    s["activation"] = _activation(s["activation"], len(s["hidden"]))
    s["init"] = _choice("init", s["init"], INITS)
    s["optimizer"] = _choice("optimizer", s["optimizer"], OPTIMIZERS)
    s["loss"] = _choice("loss", s["loss"], LOSSES)
    s["learning_rate"] = _number("learning_rate", s["learning_rate"], 1e-5, 10, real=True)
    s["regularization"] = _choice("regularization", s["regularization"], REGULARIZATIONS)
    s["regularization_rate"] = _number(
        "regularization_rate", s["regularization_rate"], 0, 10, real=True
    )
    s["batch_size"] = _integer("batch_size", s["batch_size"], 1, 256)
    s["dropout"] = _number("dropout", s["dropout"], 0, 0.9, real=True)
    s["early_stopping"] = _integer("early_stopping", s["early_stopping"], 0, 10_000)
    s["seed"] = _integer("seed", s["seed"], 0, 2**32 - 1)
    for name in ("show_test", "discretize"):
        if not isinstance(s[name], bool):
            raise ValueError(f"state[{name!r}] must be true or false, got {s[name]!r}")
    s["custom"] = _custom(s["custom"])
    if s["dataset"] == "custom" and s["custom"] is None:
        raise ValueError(
            "state['dataset'] is 'custom' but state['custom'] holds no data; "
            "give {'X': [[x1, x2], ...], 'y': [...]} or load a CSV file"
        )
    return merged


def task_of(state) -> str:
    """ "classification" or "regression", as the data set of `state` is."""
    if state["dataset"] == "custom":
        return state["custom"]["task"]
    return "regression" if state["dataset"] in REGRESSION else "classification"


def hidden_activations(state) -> list:
    """The activation name of each hidden layer (the state holds one name for all or a list)."""
    activation = state["activation"]
    return (
        list(activation) if isinstance(activation, list) else [activation] * len(state["hidden"])
    )


def _choice(name, value, choices):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"state[{name!r}] must be one of {', '.join(choices)}; got {value!r}")
    return value


def _number(name, value, low, high, *, real=False):
    """An int or float in [low, high] (`real`: kept as a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"state[{name!r}] must be a number in [{low:g}, {high:g}]; got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"state[{name!r}] must be in [{low:g}, {high:g}]; got {value!r}")
    return float(value) if real or isinstance(value, float) else int(value)


def _integer(name, value, low, high):
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JavaScript has one number type: 10.0 is 10
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"state[{name!r}] must be an integer in [{low}, {high}]; got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"state[{name!r}] must be in [{low}, {high}]; got {value!r}")
    return value


def _features(value):
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(
            f"state['features'] must be a non-empty list of {FEATURES}; got {value!r}"
        )
    for feature in value:
        if feature not in FEATURES:
            raise ValueError(
                f"state['features'] holds {feature!r}; known features: {', '.join(FEATURES)}"
            )
    if len(set(value)) != len(value):
        raise ValueError(f"state['features'] names a feature twice: {value!r}")
    return [feature for feature in FEATURES if feature in value]  # in a fixed order


def _hidden(value):
    if not isinstance(value, list | tuple) or len(value) > MAX_LAYERS:
        raise ValueError(
            f"state['hidden'] must be a list of at most {MAX_LAYERS} layer sizes; got {value!r}"
        )
    return [_integer(f"hidden[{i}]", n, 1, MAX_NEURONS) for i, n in enumerate(value)]


def _activation(value, n_layers):
    if isinstance(value, str):
        return _choice("activation", value, ACTIVATIONS)
    if not isinstance(value, list | tuple) or len(value) != n_layers:
        raise ValueError(
            f"state['activation'] must be a name or a list of {n_layers} names "
            f"(one per hidden layer); got {value!r}"
        )
    names = [_choice(f"activation[{i}]", name, ACTIVATIONS) for i, name in enumerate(value)]
    return names[0] if names and len(set(names)) == 1 else names


def _custom(value):
    """The user's own points: {"X": n pairs, "y": n labels or targets, "task": …}."""
    if value is None:
        return None
    if not isinstance(value, dict) or not {"X", "y"} <= set(value):
        raise ValueError("state['custom'] must be a dict with 'X' (n pairs x1, x2) and 'y'")
    X, y = value["X"], value["y"]
    if not isinstance(X, list) or not isinstance(y, list) or len(X) != len(y) or len(X) < 4:
        raise ValueError(
            "state['custom'] must hold lists 'X' and 'y' of the same length (at least 4 "
            f"points); got {type(X).__name__} and {type(y).__name__}"
        )
    for row in X:
        if not isinstance(row, list | tuple) or len(row) != 2:
            raise ValueError(f"state['custom']['X'] must hold pairs [x1, x2]; got {row!r}")
        for v in row:
            _number("custom.X", v, -1e6, 1e6)
    for v in y:
        _number("custom.y", v, -1e6, 1e6)
    task = value.get("task")
    if task is None:  # small non-negative integers are class labels
        labels = all(float(v).is_integer() and 0 <= v < 10 for v in y)
        task = "classification" if labels else "regression"
    if task not in ("classification", "regression"):
        raise ValueError(
            f"state['custom']['task'] must be classification or regression; got {task!r}"
        )
    if task == "classification":
        if not all(float(v).is_integer() and 0 <= v < 10 for v in y):
            raise ValueError("state['custom']['y'] must hold class labels 0-9 for classification")
        if len({int(v) for v in y}) < 2:
            raise ValueError("state['custom']['y'] must hold at least two classes")
    return {
        "X": [[float(a), float(b)] for a, b in X],
        "y": [int(v) if task == "classification" else float(v) for v in y],
        "task": task,
    }
