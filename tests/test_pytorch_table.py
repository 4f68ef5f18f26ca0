"""Each row of the README's "PyTorch → gradschool" table, checked: what gradschool keeps
different from PyTorch on purpose is what it does."""

import math
import pathlib
import re

import numpy as np
import pytest

import nn
import optim
from autograd import Value

README = (pathlib.Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
TABLE = README.split("### PyTorch → gradschool", 1)[1].split("\n## ", 1)[0]
ROWS = [int(n) for n in re.findall(r"^\| (\d+) \|", TABLE, flags=re.MULTILINE)]


def test_every_row_has_its_test():
    tested = {int(name.rsplit("_", 1)[1]) for name in globals() if name.startswith("test_row_")}
    assert ROWS and set(ROWS) == tested


def test_row_1():
    layer = nn.Linear(3, 2, seed=0)
    assert layer.weight.shape == (3, 2)
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(layer(x).data, x @ layer.weight.data + layer.bias.data)


def test_row_2():
    w = Value(np.array([1.0, -2.0]))
    opt = optim.RMSProp([w], lr=0.1)
    g = np.array([0.5, 3.0])
    w.grad = g.copy()
    opt.step()
    s = 0.1 * g**2  # β = 0.9: s = 0.9·0 + 0.1·g²
    np.testing.assert_allclose(w.data, [1.0, -2.0] - 0.1 * g / np.sqrt(s + 1e-8), rtol=1e-14)


def test_row_3():
    a = Value(2.0)
    (a * a).backward()
    assert type(a.grad) is float and a.grad == 4.0


def test_row_4():
    a = Value(3.0)
    hidden = a * a
    hidden.retain_grad()
    out = hidden * 2.0
    out.backward()
    assert hidden.grad == 2.0 and out.grad == 1.0  # not only leaves
    b = Value(3.0)
    (b * b * 2.0).backward()
    assert b.grad == 12.0


def test_row_5():
    assert Value(np.ones(2)).dtype == np.float64 and Value([1, 2]).dtype == np.float64
    assert nn.Linear(2, 2).weight.dtype == np.float64
    assert Value(np.ones(2, np.float32)).dtype == np.float32
    assert nn.Linear(2, 2, dtype=np.float32).weight.dtype == np.float32


def test_row_6():
    np.random.seed(3)  # noqa: NPY002 -- the global state is the point
    first = nn.Linear(2, 2).weight.data
    np.random.seed(3)  # noqa: NPY002
    np.testing.assert_array_equal(nn.Linear(2, 2).weight.data, first)


def test_row_7():
    import autograd

    x = Value(0.5)
    assert x.sin().data == math.sin(0.5) and x.exp().data == math.exp(0.5)
    assert not hasattr(autograd, "sin")  # the method is the one place
    for name in ("where", "minimum", "maximum", "cat", "concat", "stack"):
        assert callable(getattr(autograd, name))


def test_row_8():
    a = Value(2.0)
    total = a * a
    before = total
    total += a
    assert total is not before and before.data == 4.0 and total.data == 6.0


@pytest.mark.parametrize("row", ROWS)
def test_rows_are_numbered_in_order(row):
    assert ROWS.index(row) == row - 1
