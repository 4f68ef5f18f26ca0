"""The same numbers as PyTorch, checked against torch itself when it is installed.

PyTorch is not a dependency: without it these tests are skipped (the other tests check
the same rules against PyTorch's documented algorithms, written out by hand).
"""

import itertools

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
    StepLR,
    clip_grad_norm,
)

torch = pytest.importorskip("torch")

RNG = np.random.default_rng(4)
W0 = RNG.normal(size=(3, 4))
GRADS = [RNG.normal(size=(3, 4)) * scale for scale in (1, 5, 0.01, 2, 0.3, 1e-4, 3, 1)]


def ours(make_optimizer, dtype):
    W = Value(W0.astype(dtype))
    opt = make_optimizer([W])
    for g in GRADS:
        W.grad = g.astype(dtype)
        opt.step()
    return W.data


def theirs(make_optimizer, dtype):
    W = torch.tensor(W0.astype(dtype), requires_grad=True)
    opt = make_optimizer([W])
    for g in GRADS:
        W.grad = torch.tensor(g.astype(dtype))
        opt.step()
    return W.detach().numpy()


def assert_same(make_ours, make_theirs, dtype, rtol):
    np.testing.assert_allclose(
        ours(make_ours, dtype), theirs(make_theirs, dtype), rtol=rtol, atol=rtol * 1e-3
    )


TOLERANCE = {np.float64: 1e-13, np.float32: 1e-5}
dtypes = pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])


@dtypes
@pytest.mark.parametrize(
    ("momentum", "dampening", "nesterov", "weight_decay"),
    [
        combination
        for combination in itertools.product([0.0, 0.9], [0.0, 0.3], [False, True], [0.0, 0.1])
        if not combination[2] or (combination[0] > 0 and combination[1] == 0)
    ],
)
def test_sgd(dtype, momentum, dampening, nesterov, weight_decay):
    options = dict(momentum=momentum, dampening=dampening, nesterov=nesterov,
                   weight_decay=weight_decay)  # fmt: skip
    assert_same(
        lambda p: SGD(p, lr=0.05, **options),
        lambda p: torch.optim.SGD(p, lr=0.05, **options),
        dtype,
        TOLERANCE[dtype],
    )


ADAM_SETTINGS = [
    dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0),
    dict(lr=0.1, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.0),
    dict(lr=0.05, betas=(0.0, 0.99), eps=1e-8, weight_decay=0.1),
    dict(lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=1.0),
]


@dtypes
@pytest.mark.parametrize("settings", ADAM_SETTINGS)
@pytest.mark.parametrize("name", ["Adam", "AdamW"])
def test_adam_and_adamw(dtype, settings, name):
    ours_class, theirs_class = {"Adam": Adam, "AdamW": AdamW}[name], getattr(torch.optim, name)
    assert_same(
        lambda p: ours_class(p, **settings),
        lambda p: theirs_class(p, **settings),
        dtype,
        TOLERANCE[dtype],
    )


def test_adamw_defaults_are_torchs():
    assert (
        AdamW([Value(1.0)]).defaults["weight_decay"]
        == torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults["weight_decay"]
    )


def test_momentum_is_torchs_sgd_with_a_scaled_lr():
    assert_same(
        lambda p: Momentum(p, lr=0.5, beta=0.9),
        lambda p: torch.optim.SGD(p, lr=0.5 * (1 - 0.9), momentum=0.9),
        np.float64,
        1e-12,
    )


def schedule(make_scheduler, epochs, metrics=None):
    """Our learning rates and torch's over ``epochs`` epochs (two parameter groups)."""
    ours_opt = SGD([{"params": [Value(1.0)]}, {"params": [Value(1.0)], "lr": 0.3}], lr=0.1)
    theirs_opt = torch.optim.SGD(
        [{"params": [torch.zeros(1)]}, {"params": [torch.zeros(1)], "lr": 0.3}], lr=0.1
    )
    ours_scheduler = make_scheduler(ours_opt, ReduceLROnPlateau)
    theirs_scheduler = make_scheduler(theirs_opt, torch.optim.lr_scheduler.ReduceLROnPlateau)
    ours_lrs, theirs_lrs = [], []
    for epoch in range(epochs):
        theirs_opt.step()  # torch warns if the schedule steps before the optimizer
        args = () if metrics is None else (metrics[epoch],)
        ours_scheduler.step(*args)
        theirs_scheduler.step(*args)
        ours_lrs.append([g["lr"] for g in ours_opt.param_groups])
        theirs_lrs.append([g["lr"] for g in theirs_opt.param_groups])
    return ours_lrs, theirs_lrs


@pytest.mark.parametrize(
    ("ours_class", "theirs_name", "options"),
    [
        (StepLR, "StepLR", dict(step_size=3, gamma=0.5)),
        (StepLR, "StepLR", dict(step_size=1)),
        (ExponentialLR, "ExponentialLR", dict(gamma=0.93)),
        (CosineAnnealingLR, "CosineAnnealingLR", dict(T_max=10)),
        (CosineAnnealingLR, "CosineAnnealingLR", dict(T_max=7, eta_min=0.01)),
        (CosineAnnealingLR, "CosineAnnealingLR", dict(T_max=1, eta_min=0.05)),
    ],
)
def test_schedules(ours_class, theirs_name, options):
    theirs_class = getattr(torch.optim.lr_scheduler, theirs_name)
    ours_lrs, theirs_lrs = schedule(
        lambda opt, plateau: (ours_class if plateau is ReduceLROnPlateau else theirs_class)(
            opt, **options
        ),
        epochs=40,
    )
    assert ours_lrs == theirs_lrs  # bit for bit: the same recursive formulas


@pytest.mark.parametrize(
    "options",
    [
        dict(),
        dict(mode="max", factor=0.5, patience=2),
        dict(patience=0, threshold=0.1),
        dict(factor=0.5, patience=1, threshold=0.0),
    ],
)
def test_reduce_lr_on_plateau(options):
    metrics = list(np.abs(np.random.default_rng(5).normal(size=60)).cumsum() % 3.0)
    metrics += [1.0] * 20 + [0.5, 0.5000001, 0.49999] * 5
    ours_lrs, theirs_lrs = schedule(
        lambda opt, plateau: plateau(opt, **options), len(metrics), metrics
    )
    assert ours_lrs == theirs_lrs


@dtypes
@pytest.mark.parametrize("max_norm", [0.5, 3.0, 100.0])
def test_clip_grad_norm(dtype, max_norm):
    grads = [RNG.normal(size=(3, 4)).astype(dtype), RNG.normal(size=5).astype(dtype)]
    ours_params = [Value(np.zeros_like(g)) for g in grads]
    theirs_params = [
        torch.zeros(g.shape, dtype=getattr(torch, np.dtype(dtype).name)) for g in grads
    ]
    for p, q, g in zip(ours_params, theirs_params, grads, strict=True):
        p.grad, q.grad = g.copy(), torch.tensor(g)
    ours_norm = clip_grad_norm(ours_params, max_norm)
    theirs_norm = torch.nn.utils.clip_grad_norm_(theirs_params, max_norm)
    assert ours_norm == pytest.approx(float(theirs_norm), rel=TOLERANCE[dtype])
    for p, q in zip(ours_params, theirs_params, strict=True):
        np.testing.assert_allclose(p.grad, q.grad.numpy(), rtol=TOLERANCE[dtype])
