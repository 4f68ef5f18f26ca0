"""The course's worked perceptron example as a scalar graph, with gradients by hand.

z = w0 + w1·x1 + w2·x2 with w = (0.5, 3, -2) and x = (-2, 3) gives z = 0.5 - 6 - 6 = -11.5.
By the chain rule dz/dw0 = 1, dz/dw1 = x1 = -2, dz/dw2 = x2 = 3, dz/dx1 = w1 = 3,
dz/dx2 = w2 = -2; and through an activation f, dŷ/dw = f'(z)·dz/dw.
"""

import math

import pytest

from autograd import Value


def perceptron():
    x1, x2 = Value(-2.0, label="x1"), Value(3.0, label="x2")
    w0, w1, w2 = Value(0.5, label="w0"), Value(3.0, label="w1"), Value(-2.0, label="w2")
    z = w0 + w1 * x1 + w2 * x2
    return z, (x1, x2, w0, w1, w2)


def test_z_is_minus_11_5_exactly():
    z, _ = perceptron()
    assert z.data == -11.5
    assert type(z.data) is float


def test_gradients_of_z_by_hand():
    z, (x1, x2, w0, w1, w2) = perceptron()
    z.backward()
    assert (w0.grad, w1.grad, w2.grad) == (1.0, -2.0, 3.0)
    assert (x1.grad, x2.grad) == (3.0, -2.0)
    assert all(type(v.grad) is float for v in (x1, x2, w0, w1, w2))


@pytest.mark.parametrize(
    ("activation", "value", "derivative"),
    [
        ("sign", -1.0, 0.0),
        ("sigmoid", 1 / (1 + math.exp(11.5)), math.exp(11.5) / (1 + math.exp(11.5)) ** 2),
        ("tanh", math.tanh(-11.5), 1 - math.tanh(-11.5) ** 2),
        ("relu", 0.0, 0.0),
    ],
)
def test_activations_of_z(activation, value, derivative):
    z, (_, _, w0, w1, w2) = perceptron()
    y_hat = getattr(z, activation)()
    y_hat.backward()
    assert y_hat.data == pytest.approx(value, rel=1e-12, abs=0)
    assert w1.grad == pytest.approx(derivative * -2.0, rel=1e-9, abs=0)
    assert w2.grad == pytest.approx(derivative * 3.0, rel=1e-9, abs=0)
    assert w0.grad == pytest.approx(derivative, rel=1e-9, abs=0)


def test_the_course_rounds():
    z, _ = perceptron()
    assert z.sigmoid().data == pytest.approx(1.0e-5, abs=1e-6)  # "≈ 0"
    assert z.tanh().data == pytest.approx(-1.0, abs=1e-9)  # "≈ -1"
    assert z.sign().data == -1.0
    assert z.relu().data == 0.0
