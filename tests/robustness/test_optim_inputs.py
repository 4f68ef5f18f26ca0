"""optim under hostile input: absurd hyperparameters (also through load_state_dict), damaged
state dicts, complex / read-only gradients and parameters, gradients that overflow.

Every case ends in a clear error naming the argument, or in a correct result; pytest turns
any warning into an error, so none leaks."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    clip_grad_norm,
)

OPTIMIZERS = {
    "sgd": lambda ps: SGD(ps, lr=0.1, momentum=0.9),
    "momentum": lambda ps: Momentum(ps, lr=0.1),
    "rmsprop": lambda ps: RMSProp(ps, lr=0.1),
    "adam": lambda ps: Adam(ps, lr=0.1),
    "adamw": lambda ps: AdamW(ps, lr=0.1),
}
#: Values no hyperparameter accepts: (input class, value).
ABSURD = [
    ("nan", math.nan),
    ("inf", math.inf),
    ("inf", -math.inf),
    ("str", "0.1"),
    ("bool", True),
    ("complex", 1j),
    ("none", None),
    ("object", object()),
]


def trained(make):
    """An optimizer after one step, so that its state holds buffers."""
    w = Value(np.array([1.0, -2.0]))
    opt = make([w])
    (w * w).sum().backward()
    opt.step()
    return w, opt


# ----- defect 9: load_state_dict re-checks every hyperparameter ----------------------------


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
@pytest.mark.parametrize(("input_class", "bad"), ABSURD, ids=[c for c, _ in ABSURD])
def test_load_state_dict_rechecks_the_learning_rate(kind, input_class, bad):
    _, opt = trained(OPTIMIZERS[kind])
    saved = opt.state_dict()
    saved["param_groups"][0]["lr"] = bad
    saved["state"] = {}
    with pytest.raises((ValueError, TypeError), match="lr"):
        opt.load_state_dict(saved)
    assert opt.lr == 0.1 and opt.state  # nothing was loaded


@pytest.mark.parametrize(
    ("kind", "key", "bad", "match"),
    [
        ("adam", "betas", (math.nan, 0.999), "beta1"),
        ("adam", "betas", (0.9, 1.0), "beta2"),
        ("adam", "eps", 0.0, "eps"),
        ("adamw", "weight_decay", -1.0, "weight_decay"),
        ("rmsprop", "beta", math.nan, "beta"),
        ("momentum", "beta", 1.5, "beta"),
        ("sgd", "momentum", -0.5, "momentum"),
        ("sgd", "nesterov", "yes", "nesterov"),
    ],
)
def test_load_state_dict_rechecks_each_rules_own_hyperparameters(kind, key, bad, match):
    _, opt = trained(OPTIMIZERS[kind])
    saved = opt.state_dict()
    saved["param_groups"][0][key] = bad
    with pytest.raises((ValueError, TypeError), match=match):
        opt.load_state_dict(saved)


@pytest.mark.parametrize(
    ("garbage", "error"),
    [
        ({}, ValueError),
        ({"state": {}}, ValueError),
        ([1, 2], ValueError),
        ("state", ValueError),
        ({"state": [], "param_groups": []}, TypeError),
        ({"state": {}, "param_groups": [{"lr": 0.1}]}, TypeError),
        ({"state": {}, "param_groups": [{"params": [0], "lr": 0.1, "bogus": 1}]}, ValueError),
    ],
)
def test_load_state_dict_of_garbage_is_a_clear_error_not_a_key_error(garbage, error):
    _, opt = trained(OPTIMIZERS["adam"])
    with pytest.raises(error, match=r"state_dict|parameter group"):
        opt.load_state_dict(garbage)


@pytest.mark.parametrize("t", [-1, 1.5, "3", True])
def test_a_negative_or_fractional_step_count_is_refused(t):
    w, opt = trained(OPTIMIZERS["adam"])
    saved = opt.state_dict()
    saved["state"][0]["t"] = t
    with pytest.raises((ValueError, TypeError), match="step counter 't'"):
        opt.load_state_dict(saved)
    opt.step()  # still usable: no ZeroDivisionError
    assert np.all(np.isfinite(w.data))


def test_saved_buffers_of_complex_dtype_are_refused():
    _, opt = trained(OPTIMIZERS["adam"])
    saved = opt.state_dict()
    saved["state"][0]["m"] = saved["state"][0]["m"].astype(complex)
    with pytest.raises(TypeError, match="complex"):
        opt.load_state_dict(saved)


def test_a_valid_state_dict_still_round_trips_exactly():
    _, opt = trained(OPTIMIZERS["adam"])
    w2 = Value(np.array([1.0, -2.0]))
    opt2 = Adam([w2], lr=0.5)
    opt2.load_state_dict(opt.state_dict())
    assert opt2.lr == opt.lr and opt2.state[id(w2)]["t"] == 1


SCHEDULERS = {
    "step": (lambda opt: StepLR(opt, step_size=2), "gamma"),
    "exponential": (lambda opt: ExponentialLR(opt, gamma=0.9), "gamma"),
    "cosine": (lambda opt: CosineAnnealingLR(opt, T_max=10), "eta_min"),
    "plateau": (lambda opt: ReduceLROnPlateau(opt), "factor"),
}


@pytest.mark.parametrize("kind", list(SCHEDULERS))
@pytest.mark.parametrize(("input_class", "bad"), ABSURD, ids=[c for c, _ in ABSURD])
def test_scheduler_load_state_dict_rechecks(kind, input_class, bad):
    make, key = SCHEDULERS[kind]
    _, opt = trained(OPTIMIZERS["sgd"])
    scheduler = make(opt)
    saved = scheduler.state_dict()
    saved[key] = bad
    with pytest.raises((ValueError, TypeError), match=key):
        scheduler.load_state_dict(saved)
    saved = scheduler.state_dict()
    saved["last_epoch"] = -1
    with pytest.raises(ValueError, match="last_epoch"):
        scheduler.load_state_dict(saved)
    with pytest.raises(ValueError, match="state_dict"):
        scheduler.load_state_dict({"gamma": 0.5})


def test_plateau_refuses_a_nan_metric():
    _, opt = trained(OPTIMIZERS["sgd"])
    with pytest.raises(ValueError, match="metric"):
        ReduceLROnPlateau(opt).step(math.nan)


# ----- absurd hyperparameters at construction -----------------------------------------


@given(
    lr=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).filter(lambda x: not 0 <= x < math.inf),
        st.text(max_size=3),
        st.booleans(),
        st.complex_numbers(min_magnitude=1e-3),
    )
)
def test_every_optimizer_refuses_an_absurd_learning_rate(lr):
    for make in (SGD, Momentum, RMSProp, Adam, AdamW):
        with pytest.raises((ValueError, TypeError), match="lr"):
            make([Value(np.zeros(2))], lr=lr)


@pytest.mark.parametrize("nesterov", ["yes", 1, None])
def test_nesterov_must_be_a_bool(nesterov):
    with pytest.raises(TypeError, match="nesterov"):
        SGD([Value(np.zeros(2))], lr=0.1, momentum=0.9, nesterov=nesterov)


@pytest.mark.parametrize("step_size", [0, -1, 2.5, "2", True, None])
def test_scheduler_periods_are_ints(step_size):
    opt = SGD([Value(np.zeros(2))], lr=0.1)
    with pytest.raises((ValueError, TypeError), match="step_size"):
        StepLR(opt, step_size=step_size)


# ----- gradients and parameters of the wrong kind ----------------------------------------


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
@pytest.mark.parametrize(
    "grad",
    [np.array([1 + 2j, 0j]), np.array([True, False]), np.array([None, 1.0], dtype=object)],
    ids=["complex", "bool", "object"],
)
def test_an_optimizer_step_refuses_a_gradient_that_is_not_real(kind, grad):
    w = Value(np.array([1.0, 2.0]))
    opt = OPTIMIZERS[kind]([w])
    w.grad = grad
    with pytest.raises(TypeError, match="gradient"):
        opt.step()
    assert np.array_equal(w.data, [1.0, 2.0])


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
def test_a_read_only_parameter_is_named(kind):
    data = np.array([1.0, 2.0])
    data.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        OPTIMIZERS[kind]([Value(data)])
    w = Value(np.array([1.0, 2.0]))
    opt = OPTIMIZERS[kind]([w])
    w.grad = np.ones(2)
    w.data.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        opt.step()


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
def test_a_read_only_gradient_is_used_and_never_written(kind):
    w = Value(np.array([1.0, 2.0]))
    opt = OPTIMIZERS[kind]([w])
    grad = np.array([1e3, -1e3])
    grad.flags.writeable = False
    w.grad = grad
    assert clip_grad_norm([w], 1.0) == pytest.approx(math.sqrt(2) * 1e3)
    opt.step()
    assert np.all(np.isfinite(w.data)) and np.array_equal(grad, [1e3, -1e3])
    w.grad = grad
    opt.zero_grad(set_to_none=False)
    assert np.array_equal(w.grad, [0.0, 0.0]) and np.array_equal(grad, [1e3, -1e3])


def test_a_non_contiguous_gradient_gives_the_contiguous_result():
    a, b = Value(np.zeros((3, 2))), Value(np.zeros((3, 2)))
    g = np.arange(12.0).reshape(2, 6)[:, ::2].T  # (3, 2), not contiguous
    a.grad, b.grad = g, np.ascontiguousarray(g)
    Adam([a], lr=0.1).step()
    Adam([b], lr=0.1).step()
    assert np.array_equal(a.data, b.data)


# ----- defect 8: clip_grad_norm does not overflow ----------------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.float16])
@pytest.mark.parametrize("size", [1e200, 1e-200, 1e300], ids=["1e200", "1e-200", "1e300"])
def test_clip_grad_norm_of_huge_and_tiny_gradients(dtype, size):
    finfo = np.finfo(dtype)
    value = min(size, float(finfo.max) / 4) if size > 1 else max(size, float(finfo.tiny))
    w = Value(np.zeros(4, dtype=dtype))
    w.grad = np.full(4, value, dtype=dtype)
    norm = clip_grad_norm([w], max_norm=1.0)
    assert norm == pytest.approx(2 * float(dtype(value)), rel=1e-3)
    if norm > 1:  # clipped to length 1, direction kept: four entries of 0.5
        np.testing.assert_allclose(w.grad.astype(np.float64), 0.5, rtol=1e-3)
    assert w.grad.dtype == dtype


def test_clip_grad_norm_1e200_over_many_parameters_keeps_the_direction():
    ws = [Value(np.zeros(3)) for _ in range(3)]
    for k, w in enumerate(ws, start=1):
        w.grad = np.full(3, k * 1e200)
    norm = clip_grad_norm(ws, max_norm=2.0)
    assert norm == pytest.approx(1e200 * math.sqrt(3 * (1 + 4 + 9)))
    total = math.sqrt(sum(float(np.sum(w.grad**2)) for w in ws))
    assert total == pytest.approx(2.0, rel=1e-6)
    assert ws[2].grad[0] / ws[0].grad[0] == pytest.approx(3.0)


@pytest.mark.parametrize("bad", [math.inf, math.nan], ids=["inf", "nan"])
def test_clip_grad_norm_with_a_non_finite_gradient_reports_it_and_changes_nothing(bad):
    w, v = Value(np.zeros(2)), Value(np.zeros(2))
    w.grad, v.grad = np.array([bad, 1.0]), np.array([1.0, 1.0])
    norm = clip_grad_norm([w, v], max_norm=1.0)
    assert math.isnan(norm) if math.isnan(bad) else norm == math.inf
    assert np.array_equal(v.grad, [1.0, 1.0])


@pytest.mark.parametrize("max_norm", [math.nan, -1.0, "1", None])
def test_clip_grad_norm_refuses_an_absurd_max_norm(max_norm):
    w = Value(np.zeros(2))
    w.grad = np.ones(2)
    with pytest.raises((ValueError, TypeError), match="max_norm"):
        clip_grad_norm([w], max_norm)


# ----- 0-d, float, empty and float16 parameters --------------------------------------------


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
@pytest.mark.parametrize(
    "data", [3.0, np.array(3.0), np.zeros((0, 2)), np.array([3.0], np.float32)],
    ids=["float", "0-d", "empty", "float32"],
)  # fmt: skip
def test_an_optimizer_keeps_the_kind_shape_and_dtype_of_every_parameter(kind, data):
    w = Value(data)
    opt = OPTIMIZERS[kind]([w])
    w.grad = 1.0 if isinstance(data, float) else np.ones_like(data)
    opt.step()
    if isinstance(data, float):
        assert type(w.data) is float and w.data < 3.0
    else:
        assert type(w.data) is np.ndarray and w.data.shape == data.shape
        assert w.data.dtype == data.dtype and np.all(w.data < 3.0)


@pytest.mark.parametrize("kind", ["sgd", "momentum"])
def test_float16_parameters_with_sgd_and_momentum_stay_finite(kind):
    w = Value(np.array([1.0, -1.0], np.float16))
    opt = OPTIMIZERS[kind]([w])
    for _ in range(3):
        w.grad = np.zeros(2, np.float16)
        opt.step()
    assert w.data.dtype == np.float16 and np.array_equal(w.data, [1.0, -1.0])
