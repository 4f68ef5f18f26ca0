"""backward(): order, accumulation, seeds, deep graphs, no_grad, and its error messages."""

import sys
import time

import numpy as np
import pytest

from autograd import Function, Value, no_grad


def test_gradients_accumulate_across_passes_until_reset():
    a = Value(3.0)
    (a * a).backward()
    (a * a).backward()
    assert a.grad == 12.0
    a.grad = None
    (a * 2.0).backward()
    assert a.grad == 2.0


def test_two_passes_over_one_graph_give_twice_the_gradient():
    w = Value(np.array([1.0, -2.0]))
    loss = (w * w).sum() * 3.0
    loss.backward()
    loss.backward()
    np.testing.assert_array_equal(w.grad, 2 * 6.0 * w.data)


def test_a_node_used_twice_gets_both_contributions():
    x = Value(2.0)
    y = x * 3.0
    z = y * y + y  # dz/dx = (2y + 1)·3 = 39
    z.backward()
    assert x.grad == 39.0 and y.grad == 13.0


def test_every_node_gets_a_grad_of_its_own_shape_and_dtype():
    x = np.ones((5, 3), dtype=np.float32)
    w = Value(np.full((3, 2), 0.5, dtype=np.float32))
    b = Value(np.zeros(2, dtype=np.float32))
    hidden = (x @ w + b).relu()
    loss = hidden.mean()
    loss.backward()
    for node in (w, b, hidden, loss):
        assert np.shape(node.grad) == node.shape and node.grad.dtype == np.float32


def test_leaf_grads_are_not_shared_between_leaves():
    a, b = Value(np.ones(2)), Value(np.ones(2))
    (a + b).sum().backward()
    a.grad *= 10.0  # an optimizer may scale a grad in place
    np.testing.assert_array_equal(b.grad, [1.0, 1.0])


def test_a_leaf_accumulates_into_its_own_grad_array_and_no_other():
    # As in PyTorch, a second pass adds into the leaf's existing grad array (so
    # zero_grad(set_to_none=False) keeps one buffer per parameter); the arrays that + sent
    # to both leaves, and the intermediate node's grad, must not be changed by it.
    a, b = Value(np.ones(2)), Value(np.ones(2))
    total = a + b
    loss = (total * 3.0).sum()
    loss.backward()
    buffer = a.grad
    loss.backward()
    assert a.grad is buffer
    np.testing.assert_array_equal(a.grad, [6.0, 6.0])
    np.testing.assert_array_equal(b.grad, [6.0, 6.0])
    np.testing.assert_array_equal(total.grad, [6.0, 6.0])  # two passes of 3 each


def test_non_scalar_root_needs_grad():
    v = Value(np.ones((4, 2))) * 2.0
    with pytest.raises(ValueError, match=r"shape \(4, 2\).*\.sum\(\)"):
        v.backward()
    v.backward(np.full((4, 2), 0.5))
    assert v.grad.shape == (4, 2)


def test_root_grad_of_the_wrong_shape_names_both_shapes():
    v = Value(np.ones((4, 2))) * 2.0
    with pytest.raises(ValueError, match=r"shape \(2, 4\).*shape \(4, 2\)"):
        v.backward(np.ones((2, 4)))


def test_one_element_root_has_implied_gradient_one():
    w = Value(np.array([[2.0]]))
    (w * 3.0).backward()
    assert w.grad.shape == (1, 1) and w.grad[0, 0] == 3.0


def test_backward_that_returns_a_wrong_shape_names_the_op_and_both_shapes():
    class BadShape(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2.0

        @staticmethod
        def backward(ctx, grad_output):
            return np.ones(5)

    x = Value(np.ones(3))
    with pytest.raises(ValueError, match=r"BadShape.*shape \(5,\).*shape \(3,\)"):
        BadShape.apply(x).sum().backward()
    assert x.grad is None  # nothing half-done is left behind


def test_no_grad_records_no_graph_and_works_as_a_decorator():
    w = Value(2.0)
    with no_grad():
        y = w * 3.0
    assert y.parents == () and not y.requires_grad and y.op == ""
    with pytest.raises(RuntimeError, match="does not require grad"):
        y.backward()

    @no_grad()
    def evaluate(v):
        return v * v

    assert evaluate(w).parents == ()
    assert (w * w).parents == (w, w)  # recording is back on afterwards


def test_constants_and_detached_values_get_no_gradient():
    w = Value(2.0)
    c = Value(5.0, requires_grad=False)
    d = w.detach()
    (w * c + w * d).backward()
    assert w.grad == 7.0 and c.grad is None and d.grad is None


def test_a_million_node_chain_at_the_default_recursion_limit():
    limit = sys.getrecursionlimit()
    x = Value(1.0)
    y = x
    for _ in range(1_000_000):
        y = y * 1.0
    start = time.perf_counter()
    y.backward()
    assert x.grad == 1.0
    assert sys.getrecursionlimit() == limit
    del y  # freeing the chain must not overflow the C stack either
    assert time.perf_counter() - start < 60  # "in seconds": a generous bound, not a benchmark


def test_a_number_returned_as_the_gradient_of_a_0d_array_input_is_accepted():
    class Twice(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2.0

        @staticmethod
        def backward(ctx, grad_output):
            return 2.0  # a plain number, though the input is a 0-d float32 array

    x = Value(np.array(3.0, dtype=np.float32))
    Twice.apply(x).backward()
    assert x.grad.shape == () and x.grad.dtype == np.float32 and x.grad == 2.0
