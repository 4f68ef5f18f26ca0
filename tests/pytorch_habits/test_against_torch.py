"""The same six programs in torch (habits_torch.py) give the same losses, step for step
(float64). Optional: skipped when torch is not installed (it is never a dependency)."""

import numpy as np
import pytest

STEPS = 300
NAMES = ["raw_values", "custom_function", "nn_manual_update", "nn_optimizer",
         "custom_module", "dynamic_net"]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_same_losses_as_torch_step_for_step(name, habits, habits_torch, start):
    ours = getattr(habits, name)(start(name), STEPS)
    theirs = getattr(habits_torch, name)(start(name), STEPS)
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)
