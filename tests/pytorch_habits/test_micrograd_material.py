"""micrograd's own test program (test_more_ops), run on gradschool's Value as micrograd's
users write it, `c += c + 1` on graph nodes included: the numbers micrograd's README gives
(24.7041, 138.8338, 645.5773), and torch's, when torch is installed."""

import pytest

from autograd import Value


def more_ops(a, b):
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    return g


def test_micrograd_more_ops():
    a, b = Value(-4.0), Value(2.0)
    g = more_ops(a, b)
    g.backward()
    assert g.data == pytest.approx(24.70408163265306, rel=1e-12)
    assert a.grad == pytest.approx(138.83381924198252, rel=1e-12)
    assert b.grad == pytest.approx(645.5772594752186, rel=1e-12)


def test_micrograd_more_ops_against_torch():
    torch = pytest.importorskip("torch")
    a, b = Value(-4.0), Value(2.0)
    g = more_ops(a, b)
    g.backward()
    at = torch.tensor([-4.0], dtype=torch.float64, requires_grad=True)
    bt = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
    gt = more_ops(at, bt)
    gt.backward()
    assert g.data == pytest.approx(gt.item(), rel=1e-14)
    assert a.grad == pytest.approx(at.grad.item(), rel=1e-14)
    assert b.grad == pytest.approx(bt.grad.item(), rel=1e-14)
