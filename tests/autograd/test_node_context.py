"""The node is its own context; hooks, autograd.grad, per-thread no_grad, the dtype rule."""

import threading

import numpy as np
import pytest

from autograd import Function, Value, grad, is_grad_enabled, no_grad


class Scale(Function):
    @staticmethod
    def forward(ctx, x, factor=2.0):
        ctx.save_for_backward(x)
        return x * factor

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.options["factor"]


def test_the_node_made_by_apply_is_the_context_its_forward_saw():
    seen = []

    class Spy(Function):
        @staticmethod
        def forward(ctx, x):
            seen.append(ctx)
            ctx.save_for_backward(x, 7.0)
            return x + 1.0

        @staticmethod
        def backward(ctx, grad_output):
            assert ctx.saved_tensors == ctx.saved == (2.0, 7.0)
            return grad_output

    x = Value(2.0)
    y = Spy.apply(x)
    assert seen == [y] and y.saved == (2.0, 7.0) and y.inputs == (x,)
    assert y.needs_input_grad == (True,) and y.function is Spy and not y.is_leaf
    y.backward()
    assert x.grad == 1.0 and x.is_leaf


def test_options_live_on_the_node_and_an_op_without_options_has_an_empty_mapping():
    x = Value(np.ones(3))
    y = Scale.apply(x, factor=3.0)
    assert dict(y.options) == {"factor": 3.0}
    assert dict((x * x).options) == {}
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [3.0, 3.0, 3.0])


def test_constant_inputs_are_recorded_but_not_parents():
    w = Value(np.ones(2))
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    out = X @ w
    assert out.inputs[0] is X and out.inputs[1] is w
    assert out.needs_input_grad == (False, True) and out.parents == (w,)


def test_register_hook_sees_the_summed_gradient_and_may_replace_it():
    x = Value(3.0)
    y = x * 2.0
    seen = []
    y.register_hook(lambda g: seen.append(g))
    handle = x.register_hook(lambda g: g * 10.0)
    (y + y).backward()
    assert seen == [2.0]  # both uses of y summed before the hook runs
    assert y.grad == 2.0 and x.grad == 40.0
    handle.remove()
    x.grad = None
    (x * 1.0).backward()
    assert x.grad == 1.0


def test_a_hook_must_keep_the_shape():
    x = Value(np.ones(3))
    x.register_hook(lambda g: np.ones(2))
    with pytest.raises(ValueError, match="hook returned a gradient of shape"):
        x.sum().backward()


def test_retain_grad_exists_and_every_node_keeps_its_grad():
    x = Value(2.0)
    y = x * x
    y.retain_grad()
    (y * 3.0).backward()
    assert y.grad == 3.0 and x.grad == 12.0


def test_autograd_grad_returns_gradients_without_touching_grad():
    x, w = Value(np.array([1.0, 2.0])), Value(np.array([3.0, -1.0]))
    h = x * w
    loss = (h * h).sum()
    gx, gh = grad(loss, [x, h])
    np.testing.assert_allclose(gx, 2 * (x.data * w.data) * w.data)
    np.testing.assert_allclose(gh, 2 * h.data)
    assert x.grad is None and w.grad is None and h.grad is None
    (gw,) = grad([h], [w], grad_outputs=[np.array([1.0, 0.5])])
    np.testing.assert_allclose(gw, [1.0, 1.0])


def test_autograd_grad_of_an_unused_input_is_none_and_errors_are_clear():
    x, unused = Value(2.0), Value(5.0)
    assert grad(x * x, [x, unused]) == (4.0, None)
    with pytest.raises(ValueError, match="grad_outputs"):
        grad([x * x], [x], grad_outputs=[1.0, 2.0])
    with pytest.raises(RuntimeError, match="does not require grad"):
        grad(x * x, Value(1.0, requires_grad=False))


def test_no_grad_nests_and_reenters_and_restores_what_it_found():
    block = no_grad()
    with block:
        with block:
            assert not is_grad_enabled()
        assert not is_grad_enabled()
    assert is_grad_enabled()

    @no_grad()
    def countdown(n):
        assert not is_grad_enabled()
        return 0 if n == 0 else countdown(n - 1)

    countdown(5)
    assert is_grad_enabled()
    w = Value(2.0)
    assert (w * w).parents == (w, w)


def test_no_grad_in_one_thread_leaves_another_threads_graph_alone():
    inside, release = threading.Event(), threading.Event()

    def evaluating():
        with no_grad():
            inside.set()
            release.wait(timeout=10)

    thread = threading.Thread(target=evaluating)
    thread.start()
    try:
        assert inside.wait(timeout=10)
        w = Value(3.0)
        y = w * w  # this thread still records
        assert y.requires_grad and y.parents == (w, w)
        y.backward()
        assert w.grad == 6.0
    finally:
        release.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


@pytest.mark.parametrize(
    "data",
    [True, np.array([True, False]), 1 + 2j, np.array([1j]), "3", np.array(["a"]), None,
     np.array([None, 1.0], dtype=object), [1.0, "x"]],
)  # fmt: skip
def test_value_refuses_bool_complex_string_and_object_data(data):
    with pytest.raises(TypeError):
        Value(data)


def test_value_dtype_must_be_floating():
    assert Value([1, 2], dtype=np.float32).dtype == np.float32
    with pytest.raises(TypeError, match="floating dtype"):
        Value([1, 2], dtype=np.int64)


def test_float_of_a_one_element_value_and_a_clear_error_otherwise():
    assert float(Value(2.5)) == 2.5 and float(Value(np.array([[1.5]]))) == 1.5
    with pytest.raises(TypeError, match="one element"):
        float(Value(np.ones(3)))


@pytest.mark.parametrize("bad", [1j, "3", np.array(1 + 0j), True])
def test_backward_refuses_a_gradient_that_is_not_real_numbers(bad):
    x = Value(2.0)
    with pytest.raises(TypeError, match="real numbers"):
        (x * x).backward(grad=bad)
    assert x.grad is None


@pytest.mark.parametrize("result", [np.array([1, 2]), np.array([1j, 2j]), 3])
def test_an_op_returning_integers_or_complex_numbers_is_refused(result):
    class Bad(Function):
        @staticmethod
        def forward(ctx, x):
            return result

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output

    with pytest.raises(TypeError, match="returned"):
        Bad.apply(Value(np.ones(2)))


def test_a_failed_backward_leaves_no_half_summed_gradient():
    class Broken(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 1.0

        @staticmethod
        def backward(ctx, grad_output):
            raise RuntimeError("broken")

    x = Value(2.0)
    y = x * 3.0
    z = Broken.apply(y) + y
    with pytest.raises(RuntimeError, match="broken"):
        z.backward()
    z2 = y * 1.0
    z2.backward()
    assert x.grad == 3.0  # nothing from the failed pass was left pending
