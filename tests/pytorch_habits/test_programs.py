"""The six programs of "Learning PyTorch with Examples", written as a PyTorch user writes
them (habits.py), run here: each trains (its loss falls), and programs that compute the
same updates in two idioms give the same losses step for step."""

import numpy as np
import pytest

import nn
import optim

STEPS = 300
NAMES = ["raw_values", "custom_function", "nn_manual_update", "nn_optimizer",
         "custom_module", "dynamic_net"]  # fmt: skip


def test_the_list_is_complete(habits):
    assert [p.__name__ for p in habits.PROGRAMS] == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_program_trains(name, habits, start):
    losses = getattr(habits, name)(start(name), STEPS)
    assert len(losses) == STEPS and np.all(np.isfinite(losses))
    # An update that silently did nothing (`p -= lr * p.grad` rebinding p, the bug this
    # guards against) would leave the loss where it started.
    assert losses[-1] < 0.5 * losses[0]
    assert losses[1] < losses[0]


def test_values_by_hand_and_the_custom_module_with_sgd_take_the_same_steps(habits, start):
    by_hand = habits.raw_values(start("raw_values"), STEPS)
    with_sgd = habits.custom_module(start("custom_module"), STEPS)
    np.testing.assert_allclose(by_hand, with_sgd, rtol=1e-12)


def test_the_manual_update_over_model_parameters_is_sgd(habits, start):
    init = start("nn_manual_update")
    x, y = habits.data()
    xx = x.unsqueeze(-1).pow(np.array([1, 2, 3]))
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    model.load_state_dict({"0.weight": init["weight"].T, "0.bias": init["bias"]})
    optimizer = optim.SGD(model.parameters(), lr=1e-6)
    losses = []
    for _ in range(20):
        loss = nn.MSELoss(reduction="sum")(model(xx), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    np.testing.assert_allclose(habits.nn_manual_update(init, 20), losses, rtol=1e-12)
