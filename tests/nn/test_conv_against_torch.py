"""Convolution and pooling give PyTorch's numbers, values and gradients, checked against
torch itself when it is installed (PyTorch is not a dependency: without it these tests
are skipped; the other tests check the same rules against loops and hand-derived values)."""

import numpy as np
import pytest

import nn.functional as F
from autograd import Value

torch = pytest.importorskip("torch")

GEOMETRIES = [  # (x shape, kernel, stride, padding)
    ((2, 3, 8, 8), (3, 3), (1, 1), (1, 1)),
    ((1, 2, 9, 7), (3, 2), (2, 1), (1, 0)),
    ((3, 1, 6, 6), (2, 2), (2, 2), (0, 0)),
    ((2, 2, 7, 5), (3, 3), (2, 3), (1, 1)),
]


def ours_and_torch(shape, seed):
    data = np.random.default_rng(seed).normal(size=shape)
    return Value(data), torch.tensor(data, requires_grad=True)


@pytest.mark.parametrize(("shape", "kernel", "stride", "padding"), GEOMETRIES)
def test_conv2d(shape, kernel, stride, padding):
    x, tx = ours_and_torch(shape, 0)
    w, tw = ours_and_torch((4, shape[1], *kernel), 1)
    b, tb = ours_and_torch((4,), 2)
    out = F.conv2d(x, w, b, stride=stride, padding=padding)
    expected = torch.nn.functional.conv2d(tx, tw, tb, stride=stride, padding=padding)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-10, atol=1e-12)
    upstream = np.random.default_rng(3).normal(size=out.shape)
    out.backward(upstream)
    expected.backward(torch.tensor(upstream))
    for ours, theirs in ((x, tx), (w, tw), (b, tb)):
        np.testing.assert_allclose(ours.grad, theirs.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize(("shape", "kernel", "stride", "padding"), GEOMETRIES)
def test_pooling(kind, shape, kernel, stride, padding):
    x, tx = ours_and_torch(shape, 4)
    ours = getattr(F, f"{kind}_pool2d")(x, kernel, stride, padding)
    theirs = getattr(torch.nn.functional, f"{kind}_pool2d")(tx, kernel, stride, padding)
    np.testing.assert_allclose(ours.data, theirs.detach().numpy(), rtol=1e-12)
    upstream = np.random.default_rng(5).normal(size=ours.shape)
    ours.backward(upstream)
    theirs.backward(torch.tensor(upstream))
    np.testing.assert_allclose(x.grad, tx.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_max_pool_ties_as_pytorch():
    """Whole windows of equal values (as after a relu): the gradient goes where torch's does."""
    data = np.zeros((1, 2, 6, 6))
    data[0, 1, 2:4, 2:4] = 1.0
    x, tx = Value(data), torch.tensor(data, requires_grad=True)
    F.max_pool2d(x, 3, 1, 1).sum().backward()
    torch.nn.functional.max_pool2d(tx, 3, 1, 1).sum().backward()
    np.testing.assert_array_equal(x.grad, tx.grad.numpy())


def test_pad():
    x, tx = ours_and_torch((2, 3, 4), 6)
    out = F.pad(x, (1, 2, 0, 3), value=0.5)
    expected = torch.nn.functional.pad(tx, (1, 2, 0, 3), value=0.5)
    np.testing.assert_array_equal(out.data, expected.detach().numpy())
