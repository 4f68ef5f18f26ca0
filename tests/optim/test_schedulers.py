"""Learning-rate schedules against the values PyTorch's documentation defines for them."""

import math

import numpy as np
import pytest

from autograd import Value
from optim import SGD, CosineAnnealingLR, ExponentialLR, ReduceLROnPlateau, StepLR


def lrs_over(scheduler_factory, epochs, lr=0.05):
    """The learning rate during each epoch 0, 1, ..., epochs − 1 (step() after each)."""
    opt = SGD([Value(1.0)], lr=lr)
    scheduler = scheduler_factory(opt)
    out = []
    for _ in range(epochs):
        out.append(opt.lr)
        scheduler.step()
    return out


def test_step_lr_pytorch_docs_example():
    # torch.optim.lr_scheduler.StepLR's docstring: lr = 0.05 for epochs < 30,
    # 0.005 for 30 <= epoch < 60, 0.0005 for 60 <= epoch < 90, ...
    lrs = lrs_over(lambda opt: StepLR(opt, step_size=30, gamma=0.1), 100)
    expected = [0.05 * 0.1 ** (epoch // 30) for epoch in range(100)]
    np.testing.assert_allclose(lrs, expected, rtol=1e-12)
    assert lrs[29] == 0.05 and lrs[30] == pytest.approx(0.005)


def test_exponential_lr():
    lrs = lrs_over(lambda opt: ExponentialLR(opt, gamma=0.9), 20, lr=0.1)
    np.testing.assert_allclose(lrs, [0.1 * 0.9**epoch for epoch in range(20)], rtol=1e-12)


@pytest.mark.parametrize(("T_max", "eta_min"), [(10, 0.0), (7, 1e-3), (1, 0.0), (4, 0.02)])
def test_cosine_annealing_is_the_closed_form(T_max, eta_min):
    # η_e = η_min + (η_0 − η_min)(1 + cos(π e / T_max)) / 2, also past T_max.
    epochs = 3 * T_max + 2
    lrs = lrs_over(lambda opt: CosineAnnealingLR(opt, T_max=T_max, eta_min=eta_min), epochs)
    expected = [
        eta_min + (0.05 - eta_min) * (1 + math.cos(math.pi * e / T_max)) / 2 for e in range(epochs)
    ]
    np.testing.assert_allclose(lrs, expected, rtol=1e-10, atol=1e-15)
    assert lrs[T_max] == pytest.approx(eta_min, abs=1e-15)


def test_cosine_annealing_by_hand():
    lrs = lrs_over(lambda opt: CosineAnnealingLR(opt, T_max=2), 5, lr=1.0)
    np.testing.assert_allclose(lrs, [1.0, 0.5, 0.0, 0.5, 1.0], atol=1e-15)


def test_schedules_respect_a_learning_rate_set_by_hand():
    opt = SGD([Value(1.0)], lr=1.0)
    scheduler = StepLR(opt, step_size=2, gamma=0.5)
    scheduler.step()
    opt.lr = 0.1  # the schedule continues from here, as PyTorch's (recursive) ones do
    scheduler.step()
    assert opt.lr == pytest.approx(0.05)
    assert scheduler.get_last_lr() == [opt.lr]


def test_each_group_is_scheduled_from_its_own_rate():
    opt = SGD([{"params": [Value(1.0)]}, {"params": [Value(2.0)], "lr": 1.0}], lr=0.1)
    scheduler = ExponentialLR(opt, gamma=0.5)
    assert scheduler.base_lrs == [0.1, 1.0]
    scheduler.step()
    scheduler.step()
    np.testing.assert_allclose(scheduler.get_last_lr(), [0.025, 0.25])
    assert scheduler.last_epoch == 2


def plateau_lrs(values, **options):
    opt = SGD([Value(1.0)], lr=1.0)
    scheduler = ReduceLROnPlateau(opt, **options)
    out = []
    for value in values:
        scheduler.step(value)
        out.append(opt.lr)
    return out


def test_reduce_lr_on_plateau_waits_patience_epochs():
    # Improvements at epochs 1 and 2; then no improvement: with patience 2, the third
    # epoch without improvement (epoch 5) halves the rate, and the count starts again.
    lrs = plateau_lrs([1.0, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9, 0.9], patience=2, factor=0.5)
    assert lrs == [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25]


def test_reduce_lr_on_plateau_threshold_is_relative():
    # best · (1 − 1e-4) = 0.9999: 0.99995 is not an improvement, 0.9998 is.
    lrs = plateau_lrs([1.0, 0.99995, 0.9998, 0.99975], patience=0, factor=0.1)
    assert lrs == pytest.approx([1.0, 0.1, 0.1, 0.01])


def test_reduce_lr_on_plateau_max_mode():
    lrs = plateau_lrs([0.5, 0.6, 0.6, 0.7, 0.65], mode="max", patience=0, factor=0.5)
    assert lrs == [1.0, 1.0, 0.5, 0.5, 0.25]


def test_reduce_lr_on_plateau_skips_changes_below_eps():
    opt = SGD([Value(1.0)], lr=1e-8)
    scheduler = ReduceLROnPlateau(opt, patience=0)
    scheduler.step(1.0)
    scheduler.step(1.0)
    assert opt.lr == 1e-8


def test_reduce_lr_on_plateau_accepts_numpy_and_value_metrics():
    opt = SGD([Value(1.0)], lr=1.0)
    scheduler = ReduceLROnPlateau(opt, patience=0)
    scheduler.step(np.float32(1.0))
    scheduler.step(np.array(2.0))
    assert opt.lr == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda opt: StepLR(opt, step_size=0), ValueError, "step_size: 0"),
        (lambda opt: StepLR(opt, step_size=2.5), TypeError, "int, got float: 2.5"),
        (lambda opt: StepLR(opt, step_size=2, gamma=0.0), ValueError, "gamma: 0.0"),
        (lambda opt: ExponentialLR(opt, gamma=-0.5), ValueError, "gamma: -0.5"),
        (lambda opt: CosineAnnealingLR(opt, T_max=0), ValueError, "T_max: 0"),
        (lambda opt: CosineAnnealingLR(opt, T_max=5, eta_min=-1.0), ValueError, "eta_min"),
        (lambda opt: ReduceLROnPlateau(opt, mode="minimum"), ValueError, "mode"),
        (lambda opt: ReduceLROnPlateau(opt, factor=1.0), ValueError, "factor: 1.0"),
        (lambda opt: ReduceLROnPlateau(opt, factor=0.0), ValueError, "factor: 0.0"),
        (lambda opt: ReduceLROnPlateau(opt, patience=-1), ValueError, "patience: -1"),
        (lambda opt: ReduceLROnPlateau(opt, threshold=-1e-4), ValueError, "threshold"),
        (lambda opt: StepLR("sgd", step_size=2), TypeError, "must be an Optimizer"),
    ],
)
def test_bad_arguments(make, error, match):
    opt = SGD([Value(1.0)], lr=0.1)
    with pytest.raises(error, match=match):
        make(opt)


def test_schedules_are_importable_at_pytorchs_path():
    import optim
    import optim.lr_scheduler
    from optim.lr_scheduler import CosineAnnealingLR, ExponentialLR, ReduceLROnPlateau, StepLR

    assert optim.lr_scheduler.StepLR is StepLR is optim.StepLR
    assert (ExponentialLR, CosineAnnealingLR, ReduceLROnPlateau) == (
        optim.ExponentialLR, optim.CosineAnnealingLR, optim.ReduceLROnPlateau)  # fmt: skip
