"""The defects of issue 21 that live in the autograd core and in Adam, which the lead fixes
in parallel: each is a real test of the behaviour DESIGN.md asks for, marked as an expected
failure (strict) until that fix is merged. A marker that starts to fail (XPASS) is the
sign to delete it. Every wait is bounded."""

import math
import threading

import numpy as np
import pytest

import optim
from autograd import Value, concat, no_grad
from nn import LeakyReLU

lead = pytest.mark.xfail(strict=True, reason="issue 21, fixed in the autograd core / Adam")


def test_no_grad_in_one_thread_leaves_recording_on_in_another():
    inside, leave = threading.Event(), threading.Event()

    def sit_in_no_grad():
        with no_grad():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=sit_in_no_grad, daemon=True)
    thread.start()
    assert inside.wait(10)
    try:
        w = Value(np.ones(2))
        assert (w * 2).parents  # recorded here, whatever the other thread does
    finally:
        leave.set()
        thread.join(10)


@pytest.mark.parametrize("make", [optim.Adam, optim.AdamW, optim.RMSProp])
def test_float16_parameters_stay_finite_with_a_zero_gradient(make):
    w = Value(np.zeros(3, np.float16))
    opt = make([w], lr=1e-3)
    w.grad = np.zeros(3, np.float16)
    opt.step()
    assert w.data.dtype == np.float16 and np.all(np.isfinite(w.data))


def test_backward_refuses_a_string_gradient():
    v = Value(np.ones(2))
    with pytest.raises(TypeError):
        (v * v).sum().backward("3")


def test_clip_refuses_a_nan_bound():
    with pytest.raises(ValueError):
        Value(np.array([1.0])).clip(math.nan, 1.0)


def test_leaky_relu_refuses_a_nan_slope():
    with pytest.raises(ValueError):
        LeakyReLU(math.nan)


def test_the_mean_of_an_empty_array_is_a_clear_error():
    with pytest.raises(ValueError):
        Value(np.zeros(0)).mean()


def test_concat_names_an_axis_out_of_range():
    with pytest.raises(ValueError, match="5"):
        concat([Value(np.ones(2)), Value(np.ones(2))], axis=5)
