"""Property tests: any state the checks accept round-trips through JSON, builds a
playground that trains a step and gives a view that is strict JSON; the same state gives
the same numbers."""

import json

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradschool.playground import Playground, check_state
from gradschool.playground import state as fields


@st.composite
def states(draw):
    """Valid states over every field, networks kept small so that each example is quick."""
    hidden = draw(st.lists(st.integers(1, 6), max_size=3))
    per_layer = st.lists(st.sampled_from(fields.ACTIVATIONS), min_size=len(hidden),
                         max_size=len(hidden))  # fmt: skip
    return {
        "dataset": draw(st.sampled_from(fields.DATASETS[:-1])),  # "custom" needs points
        "noise": draw(st.integers(0, 50)),
        "train_ratio": draw(st.sampled_from([10, 30, 50, 90])),
        "n_samples": draw(st.integers(40, 120)),
        "n_classes": draw(st.integers(3, 5)),
        "data_seed": draw(st.integers(0, 2**32 - 1)),
        "features": draw(st.lists(st.sampled_from(fields.FEATURES), min_size=1, unique=True)),
        "hidden": hidden,
        "activation": draw(st.sampled_from(fields.ACTIVATIONS) | per_layer),
        "init": draw(st.sampled_from(fields.INITS)),
        "optimizer": draw(st.sampled_from(fields.OPTIMIZERS)),
        "loss": draw(st.sampled_from(fields.LOSSES)),
        "learning_rate": draw(st.sampled_from(fields.LEARNING_RATES)),
        "regularization": draw(st.sampled_from(fields.REGULARIZATIONS)),
        "regularization_rate": draw(st.sampled_from(fields.REGULARIZATION_RATES)),
        "batch_size": draw(st.integers(1, 30)),
        "dropout": draw(st.sampled_from([0.0, 0.1, 0.5])),
        "early_stopping": draw(st.integers(0, 3)),
        "seed": draw(st.integers(0, 2**32 - 1)),
        "show_test": draw(st.booleans()),
        "discretize": draw(st.booleans()),
    }


@given(states())
def test_any_valid_state_round_trips_trains_and_gives_strict_json(state):
    checked = check_state(state)
    assert json.loads(json.dumps(checked)) == checked == check_state(checked)
    playground = Playground(**state)
    assert playground.state == checked
    playground.step()
    json.dumps(playground.view(), allow_nan=False)
    twin = Playground(**json.loads(json.dumps(checked)))
    twin.step()
    np.testing.assert_equal(twin.history, playground.history)  # NaNs (a diverged run) too
