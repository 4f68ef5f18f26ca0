"""Each optimizer minimises 2-D test functions built from autograd Values, from a fixed start.

These are the pictures of the course's "Gradient Descent" slides: a long curved valley
(Rosenbrock), an elongated bowl, and a saddle point where plain gradient descent stalls.
"""

import numpy as np
import pytest

from autograd import Value
from optim import SGD, Adam, AdamW, Momentum, RMSProp


def rosenbrock(x, y):
    """Minimum 0 at (1, 1), at the end of a long, flat, curved valley."""
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def bowl(x, y):
    """An elongated quadratic bowl (curvatures 2 and 20), minimum 0 at (1, −2)."""
    return (x - 1) ** 2 + 10 * (y + 2) ** 2


def saddle(x, y):
    """A saddle point at (0, 0) and two minima at (0, ±1)."""
    return x * x + y**4 / 4 - y * y / 2


def minimise(f, make_optimizer, start, steps):
    """Run ``steps`` steps of the optimizer on f(x, y) from ``start``; return (x, y)."""
    x, y = Value(start[0], label="x"), Value(start[1], label="y")
    opt = make_optimizer([x, y])
    for _ in range(steps):
        opt.zero_grad()
        f(x, y).backward()
        opt.step()
    return np.array([x.data, y.data])


@pytest.mark.parametrize(
    ("make_optimizer", "steps", "tol"),
    [
        (lambda p: SGD(p, lr=2e-3), 2000, 2e-2),
        (lambda p: SGD(p, lr=1e-3, momentum=0.9), 1000, 2e-2),
        (lambda p: SGD(p, lr=1e-3, momentum=0.9, nesterov=True), 1000, 2e-2),
        (lambda p: Momentum(p, lr=1e-2, beta=0.9), 1000, 2e-2),
        (lambda p: RMSProp(p, lr=1e-2), 3000, 7e-2),
        (lambda p: Adam(p, lr=0.1), 1000, 2e-3),
        (lambda p: AdamW(p, lr=0.1, weight_decay=1e-4), 1000, 1e-2),
    ],
    ids=["sgd", "sgd-momentum", "sgd-nesterov", "momentum", "rmsprop", "adam", "adamw"],
)
def test_rosenbrock_valley(make_optimizer, steps, tol):
    end = minimise(rosenbrock, make_optimizer, (-1.5, 2.0), steps)
    np.testing.assert_allclose(end, [1.0, 1.0], atol=tol)


def test_plain_sgd_is_slow_in_the_valley_where_momentum_is_not():
    sgd = minimise(rosenbrock, lambda p: SGD(p, lr=1e-3), (-1.5, 2.0), 1000)
    momentum = minimise(rosenbrock, lambda p: Momentum(p, lr=1e-2), (-1.5, 2.0), 1000)
    assert sgd[0] < 0  # still on the far side of the valley
    np.testing.assert_allclose(momentum, [1.0, 1.0], atol=2e-2)


@pytest.mark.parametrize(
    "make_optimizer",
    [
        lambda p: SGD(p, lr=0.05),
        lambda p: SGD(p, lr=0.01, momentum=0.9),
        lambda p: SGD(p, lr=0.01, momentum=0.9, nesterov=True),
        lambda p: SGD(p, lr=0.01, momentum=0.9, dampening=0.5),
        lambda p: Momentum(p, lr=0.1),
        lambda p: RMSProp(p, lr=0.1),
        lambda p: Adam(p, lr=0.1),
        lambda p: AdamW(p, lr=0.1, weight_decay=0.0),
    ],
    ids=[
        "sgd",
        "sgd-momentum",
        "sgd-nesterov",
        "sgd-dampening",
        "momentum",
        "rmsprop",
        "adam",
        "adamw",
    ],
)
def test_bowl(make_optimizer):
    end = minimise(bowl, make_optimizer, (-2.0, 1.0), 300)
    np.testing.assert_allclose(end, [1.0, -2.0], atol=1e-3)


@pytest.mark.parametrize(
    "make_optimizer",
    [
        lambda p: SGD(p, lr=0.05),
        lambda p: Momentum(p, lr=0.1),
        lambda p: RMSProp(p, lr=0.1),
        lambda p: Adam(p, lr=0.1),
        lambda p: AdamW(p, lr=0.1, weight_decay=0.0),
    ],
    ids=["sgd", "momentum", "rmsprop", "adam", "adamw"],
)
def test_bowl_with_an_array_parameter(make_optimizer):
    W = Value(np.array([-2.0, 1.0]), label="W")
    curvature, centre = np.array([1.0, 10.0]), np.array([1.0, -2.0])
    opt = make_optimizer([W])
    for _ in range(300):
        opt.zero_grad()
        (curvature * (W - centre) ** 2).sum().backward()
        opt.step()
    np.testing.assert_allclose(W.data, centre, atol=1e-3)


@pytest.mark.parametrize("weight_decay", [0.01, 0.1, 1.0])
@pytest.mark.parametrize("optimizer_class", [SGD, Adam], ids=lambda cls: cls.__name__)
def test_l2_weight_decay_moves_the_minimum_to_that_of_the_penalised_loss(
    optimizer_class, weight_decay
):
    # g + λW is the gradient of f + λ/2 ‖W‖², whose minimum is at 2/(2+λ), −40/(20+λ).
    end = minimise(
        bowl, lambda p: optimizer_class(p, lr=0.05, weight_decay=weight_decay), (-2.0, 1.0), 500
    )
    np.testing.assert_allclose(end, [2 / (2 + weight_decay), -40 / (20 + weight_decay)], atol=1e-4)


def test_adamw_decay_is_not_l2():
    adam = minimise(bowl, lambda p: Adam(p, lr=0.1, weight_decay=0.1), (-2.0, 1.0), 300)
    adamw = minimise(bowl, lambda p: AdamW(p, lr=0.1, weight_decay=0.1), (-2.0, 1.0), 300)
    assert np.abs(adam - adamw).max() > 1e-2


SADDLE_START = (1.0, 1e-3)  # almost exactly on the ridge through the saddle at (0, 0)


@pytest.mark.parametrize(
    "make_optimizer",
    [
        lambda p: SGD(p, lr=0.01, momentum=0.9),
        lambda p: Momentum(p, lr=0.1),
        lambda p: RMSProp(p, lr=0.01),
        lambda p: Adam(p, lr=0.05),
        lambda p: AdamW(p, lr=0.05, weight_decay=0.0),
    ],
    ids=["sgd-momentum", "momentum", "rmsprop", "adam", "adamw"],
)
def test_escapes_the_saddle(make_optimizer):
    end = minimise(saddle, make_optimizer, SADDLE_START, 200)
    np.testing.assert_allclose(end, [0.0, 1.0], atol=1e-2)


def test_plain_gradient_descent_stalls_at_the_saddle():
    end = minimise(saddle, lambda p: SGD(p, lr=0.01), SADDLE_START, 200)
    assert np.abs(end).max() < 0.05
