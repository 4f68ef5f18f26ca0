"""The playground's state: defaults, JSON round trip, every bad field named in its error."""

import json

import pytest

from gradschool.playground.state import DEFAULTS, check_state, hidden_activations, task_of


def test_the_defaults_are_tensorflow_playgrounds_first_screen():
    state = check_state({})
    assert state == DEFAULTS
    assert (state["dataset"], state["hidden"], state["activation"]) == ("circle", [4, 2], "tanh")
    assert (state["learning_rate"], state["batch_size"], state["train_ratio"]) == (0.03, 10, 50)
    assert state["features"] == ["x1", "x2"]


def test_a_checked_state_round_trips_through_json():
    state = check_state(
        {"dataset": "blobs", "n_classes": 4, "hidden": [8, 8, 3], "activation": ["relu", "tanh",
         "leaky_relu"], "learning_rate": 1e-5, "regularization": "l1", "dropout": 0.2}
    )  # fmt: skip
    again = json.loads(json.dumps(state))
    assert again == state and check_state(again) == state


def test_javascript_numbers_are_taken_as_python_ones():
    state = check_state({"batch_size": 10.0, "hidden": [4.0], "learning_rate": 1, "noise": 5})
    assert state["batch_size"] == 10 and isinstance(state["batch_size"], int)
    assert state["hidden"] == [4] and isinstance(state["hidden"][0], int)
    assert state["learning_rate"] == 1.0 and isinstance(state["learning_rate"], float)


def test_features_are_kept_in_a_fixed_order():
    assert check_state({"features": ["sin(x2)", "x1"]})["features"] == ["x1", "sin(x2)"]


def test_one_activation_per_layer_or_one_for_all():
    assert hidden_activations(check_state({"hidden": [3, 3], "activation": "relu"})) == [
        "relu",
        "relu",
    ]
    same = check_state({"hidden": [3, 3], "activation": ["relu", "relu"]})
    assert same["activation"] == "relu"  # a list of one name is that name
    assert hidden_activations(check_state({"hidden": [], "activation": []})) == []


def test_task_follows_the_dataset():
    assert task_of(check_state({"dataset": "spiral"})) == "classification"
    assert task_of(check_state({"dataset": "reg-gauss"})) == "regression"
    custom = {"X": [[0, 0], [1, 1], [2, 2], [3, 3]], "y": [0.5, 1.5, 2.5, 3.25]}
    assert task_of(check_state({"dataset": "custom", "custom": custom})) == "regression"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dataset", "mnist"),
        ("noise", 60),
        ("noise", "5"),
        ("train_ratio", 5),
        ("n_samples", 3),
        ("n_classes", 2),
        ("features", []),
        ("features", ["x3"]),
        ("features", ["x1", "x1"]),
        ("hidden", [4] * 11),
        ("hidden", [65]),
        ("hidden", [0]),
        ("hidden", "4,2"),
        ("activation", "softplus"),
        ("activation", ["relu"]),
        ("init", "zeros"),
        ("optimizer", "adamw"),
        ("loss", "hinge"),
        ("learning_rate", 0),
        ("learning_rate", 11),
        ("learning_rate", float("nan")),
        ("learning_rate", True),
        ("regularization", "l3"),
        ("regularization_rate", -1),
        ("batch_size", 0),
        ("batch_size", 2.5),
        ("dropout", 0.95),
        ("early_stopping", -1),
        ("seed", -1),
        ("show_test", "yes"),
        ("custom", {"X": [[0, 0]], "y": [0]}),
        ("custom", [[0, 0, 0]]),
    ],
)
def test_a_bad_field_is_a_value_error_naming_it(field, value):
    with pytest.raises(ValueError, match=rf"state\['{field}|state\[.{field}"):
        check_state({field: value})


def test_unknown_fields_and_non_dicts_are_refused():
    with pytest.raises(ValueError, match="unknown state field 'hiden'"):
        check_state({"hiden": [4]})
    with pytest.raises(TypeError, match="state must be a dict, got list"):
        check_state([])


def test_custom_dataset_needs_data_and_two_classes():
    with pytest.raises(ValueError, match="holds no data"):
        check_state({"dataset": "custom"})
    one_class = {"X": [[0, 0], [1, 1], [2, 2], [3, 3]], "y": [1, 1, 1, 1]}
    with pytest.raises(ValueError, match="at least two classes"):
        check_state({"dataset": "custom", "custom": one_class})
