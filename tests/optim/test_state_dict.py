"""Saving and restoring an optimizer (and its schedule) resumes training bit for bit."""

import copy
import pickle

import numpy as np
import pytest

from autograd import Value
from optim import (
    SGD,
    Adam,
    AdamW,
    CosineAnnealingLR,
    ExponentialLR,
    Momentum,
    ReduceLROnPlateau,
    RMSProp,
    StepLR,
)

RNG = np.random.default_rng(3)
BATCHES = [RNG.normal(size=(4, 3)) for _ in range(10)]
INITIAL = [RNG.normal(size=(3, 2)), RNG.normal(size=2), 0.5]


def make_params(dtype):
    """A tiny model: a weight matrix, a bias vector (arrays of ``dtype``) and a float scale."""
    return [Value(INITIAL[0].astype(dtype)), Value(INITIAL[1].astype(dtype)), Value(INITIAL[2])]


def train(params, opt, steps, scheduler=None):
    W, b, scale = params
    for step in steps:
        x = BATCHES[step].astype(W.dtype)
        opt.zero_grad()
        y = (x @ W + b).tanh() * scale
        (y * y).mean().backward()
        opt.step()
        if isinstance(scheduler, ReduceLROnPlateau):
            scheduler.step(float(step % 3))
        elif scheduler is not None:
            scheduler.step()


OPTIMIZERS = {
    "sgd": lambda p: SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3),
    "sgd-groups": lambda p: SGD(
        [{"params": p[:2], "momentum": 0.9, "dampening": 0.2}, {"params": p[2:]}], lr=0.1
    ),
    "momentum": lambda p: Momentum(p, lr=0.1, beta=0.8),
    "rmsprop": lambda p: RMSProp(p, lr=0.01, weight_decay=0.1),
    "adam": lambda p: Adam(p, lr=0.05, weight_decay=0.1),
    "adamw-groups": lambda p: AdamW(
        [{"params": p[:1]}, {"params": p[1:], "lr": 0.2, "betas": (0.5, 0.9)}], lr=0.05
    ),
}
SCHEDULERS = {
    "none": lambda opt: None,
    "step": lambda opt: StepLR(opt, step_size=2, gamma=0.5),
    "exponential": lambda opt: ExponentialLR(opt, gamma=0.9),
    "cosine": lambda opt: CosineAnnealingLR(opt, T_max=4, eta_min=1e-3),
    "plateau": lambda opt: ReduceLROnPlateau(opt, factor=0.5, patience=1),
}


def roundtrip_by_pickle(d):
    return pickle.loads(pickle.dumps(d))


def assert_bitwise_equal(a, b):
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype
        assert np.array_equal(a, b), (a, b)
    else:
        assert type(a) is type(b) and a == b, (a, b)


def assert_same_state(opt_a, opt_b):
    sd_a, sd_b = opt_a.state_dict(), opt_b.state_dict()
    assert sd_a["param_groups"] == sd_b["param_groups"]
    assert sd_a["state"].keys() == sd_b["state"].keys()
    for index, buffers in sd_a["state"].items():
        assert buffers.keys() == sd_b["state"][index].keys()
        for name, value in buffers.items():
            assert_bitwise_equal(value, sd_b["state"][index][name])


@pytest.mark.parametrize("scheduler_name", SCHEDULERS)
@pytest.mark.parametrize("optimizer_name", OPTIMIZERS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_resumes_bit_for_bit(optimizer_name, scheduler_name, dtype):
    make_optimizer, make_scheduler = OPTIMIZERS[optimizer_name], SCHEDULERS[scheduler_name]

    straight = make_params(dtype)
    straight_opt = make_optimizer(straight)
    straight_scheduler = make_scheduler(straight_opt)
    train(straight, straight_opt, range(10), straight_scheduler)

    first = make_params(dtype)
    first_opt = make_optimizer(first)
    first_scheduler = make_scheduler(first_opt)
    train(first, first_opt, range(5), first_scheduler)
    saved = roundtrip_by_pickle(
        {
            "params": [copy.deepcopy(p.data) for p in first],
            "optimizer": first_opt.state_dict(),
            "scheduler": first_scheduler and first_scheduler.state_dict(),
        }
    )

    resumed = [Value(data) for data in saved["params"]]
    resumed_opt = make_optimizer(resumed)
    resumed_opt.lr = 123.0  # overwritten by the saved learning rates
    resumed_scheduler = make_scheduler(resumed_opt)
    resumed_opt.load_state_dict(saved["optimizer"])
    if resumed_scheduler is not None:
        resumed_scheduler.load_state_dict(saved["scheduler"])
    train(resumed, resumed_opt, range(5, 10), resumed_scheduler)

    for a, b in zip(straight, resumed, strict=True):
        assert_bitwise_equal(a.data, b.data)
    assert_same_state(straight_opt, resumed_opt)
    if straight_scheduler is not None:
        assert straight_scheduler.get_last_lr() == resumed_scheduler.get_last_lr()
        assert straight_scheduler.state_dict() == resumed_scheduler.state_dict()


def test_state_dict_names_parameters_by_position_and_holds_step_counters():
    params = make_params(np.float64)
    opt = Adam([{"params": params[:2]}, {"params": params[2:], "lr": 0.5}])
    train(params, opt, range(3))
    sd = opt.state_dict()
    assert [g["params"] for g in sd["param_groups"]] == [[0, 1], [2]]
    assert sd["param_groups"][1]["lr"] == 0.5
    assert sorted(sd["state"]) == [0, 1, 2]
    assert sd["state"][0]["t"] == 3
    assert sd["state"][0]["m"].shape == (3, 2)
    assert sd["state"][2]["v"].shape == ()
    assert not any(isinstance(v, Value) for g in sd["param_groups"] for v in g.values())


def test_state_dict_is_a_copy():
    params = make_params(np.float64)
    opt = Momentum(params, lr=0.1)
    train(params, opt, range(2))
    sd = opt.state_dict()
    v_saved = sd["state"][0]["v"].copy()
    train(params, opt, range(2, 4))
    np.testing.assert_array_equal(sd["state"][0]["v"], v_saved)
    opt.load_state_dict(sd)
    sd["state"][0]["v"] += 1.0  # changing the dict afterwards does not reach the optimizer
    np.testing.assert_array_equal(opt.state_dict()["state"][0]["v"], v_saved)


def test_loading_keeps_float32():
    params = make_params(np.float32)
    opt = Adam(params)
    train(params, opt, range(2))
    other = make_params(np.float32)
    other_opt = Adam(other)
    other_opt.load_state_dict(opt.state_dict())
    assert other_opt.state_dict()["state"][0]["m"].dtype == np.float32


def test_loading_a_mismatched_state_dict_is_an_error():
    params = make_params(np.float64)
    opt = SGD(params, lr=0.1, momentum=0.9)
    train(params, opt, range(2))
    sd = opt.state_dict()
    with pytest.raises(ValueError, match="state_dict has 1 parameter groups, the optimizer has 2"):
        SGD([{"params": params[:1]}, {"params": params[1:]}], lr=0.1).load_state_dict(sd)
    with pytest.raises(ValueError, match=r"3 parameters.*has 2"):
        SGD(params[:2], lr=0.1).load_state_dict(sd)
    swapped = [params[1], params[0], params[2]]
    with pytest.raises(ValueError, match=r"shape \(3, 2\).*shape \(2,\)"):
        SGD(swapped, lr=0.1).load_state_dict(sd)
