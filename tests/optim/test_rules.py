"""Each update rule against a reference written here from its formula, step by step.

The references are plain numpy, one assignment per line of the docstring's pseudo-code
(for SGD, Adam and AdamW that is PyTorch's documented algorithm); the optimizers are
driven with given, changing gradients, for float and for array parameters. A few small
cases are also worked out by hand, as literal numbers.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value
from optim import SGD, Adam, AdamW, Momentum, RMSProp

STEPS = 6
RNG = np.random.default_rng(0)
W0_ARRAY = RNG.normal(size=(2, 3))
GRADS_ARRAY = [RNG.normal(size=(2, 3)) * scale for scale in (1, 3, 0.1, 2, 0.5, 1e-3)]
W0_FLOAT = 0.7
GRADS_FLOAT = [1.5, -0.3, 2.0, 0.01, -4.0, 0.5]


def trajectory(make_optimizer, w0, grads):
    """W after each step of an optimizer fed the given gradients (float or array W)."""
    p = Value(np.array(w0) if isinstance(w0, np.ndarray) else w0)
    opt = make_optimizer([p])
    out = []
    for g in grads:
        p.grad = np.array(g) if isinstance(g, np.ndarray) else g
        opt.step()
        out.append(np.copy(p.data) if isinstance(p.data, np.ndarray) else p.data)
    return out


def both_kinds():
    """(w0, grads) for a float parameter and for an array parameter."""
    return pytest.mark.parametrize(
        ("w0", "grads"),
        [(W0_FLOAT, GRADS_FLOAT), (W0_ARRAY, GRADS_ARRAY)],
        ids=["float", "array"],
    )


def assert_trajectories_equal(actual, expected):
    assert len(actual) == len(expected)
    for step, (a, e) in enumerate(zip(actual, expected, strict=True)):
        assert type(a) is type(e), f"step {step}: {type(a)} vs {type(e)}"
        np.testing.assert_allclose(a, e, rtol=1e-12, atol=1e-15, err_msg=f"step {step + 1}")


# --- references, from the formulas --------------------------------------------------------


def sgd_reference(w, grads, lr, momentum, dampening, nesterov, weight_decay):
    """torch.optim.SGD's documented algorithm."""
    out, b = [], None
    for t, g in enumerate(grads, start=1):
        if weight_decay != 0:
            g = g + weight_decay * w
        if momentum != 0:
            b = g if t == 1 else momentum * b + (1 - dampening) * g
            g = g + momentum * b if nesterov else b
        w = w - lr * g
        out.append(w)
    return out


def momentum_reference(w, grads, lr, beta, weight_decay=0.0):
    """The course: v = βv + (1−β)g, W = W − ηv, v starting at 0."""
    out, v = [], 0.0
    for g in grads:
        g = g + weight_decay * w
        v = beta * v + (1 - beta) * g
        w = w - lr * v
        out.append(w)
    return out


def rmsprop_reference(w, grads, lr, beta, eps, weight_decay=0.0):
    """The course: s = βs + (1−β)g², W = W − η g / sqrt(s + ε), s starting at 0."""
    out, s = [], 0.0
    for g in grads:
        g = g + weight_decay * w
        s = beta * s + (1 - beta) * g * g
        w = w - lr * g / np.sqrt(s + eps)
        out.append(w)
    return out


def adam_reference(w, grads, lr, betas, eps, weight_decay, decoupled):
    """torch.optim.Adam's (decoupled=False) and torch.optim.AdamW's documented algorithms."""
    beta1, beta2 = betas
    out, m, v = [], 0.0, 0.0
    for t, g in enumerate(grads, start=1):
        if decoupled:
            w = w - lr * weight_decay * w
        elif weight_decay != 0:
            g = g + weight_decay * w
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
        out.append(w)
    return out


def as_python_floats(trajectory_):
    """The reference on a float parameter computes with numpy floats; compare as floats."""
    return [float(w) if np.ndim(w) == 0 else w for w in trajectory_]


# --- SGD ---------------------------------------------------------------------------------

SGD_COMBINATIONS = list(itertools.product([0.0, 0.9], [0.0, 0.3], [False, True], [0.0, 0.1]))


@both_kinds()
@pytest.mark.parametrize(("momentum", "dampening", "nesterov", "weight_decay"), SGD_COMBINATIONS)
def test_sgd_every_combination(w0, grads, momentum, dampening, nesterov, weight_decay):
    options = dict(momentum=momentum, dampening=dampening, nesterov=nesterov,
                   weight_decay=weight_decay)  # fmt: skip
    if nesterov and (momentum == 0 or dampening != 0):
        with pytest.raises(ValueError, match="nesterov"):
            SGD([Value(1.0)], lr=0.1, **options)
        return
    actual = trajectory(lambda p: SGD(p, lr=0.05, **options), w0, grads)
    expected = sgd_reference(w0, grads, lr=0.05, **options)
    assert_trajectories_equal(actual, as_python_floats(expected))


def test_sgd_by_hand():
    # w0 = 1, gradients 1, 2, 3; lr 0.1, momentum 0.9, dampening 0.5:
    # b = 1 (no dampening on the first step), w = 0.9
    # b = 0.9·1 + 0.5·2 = 1.9, w = 0.9 − 0.19 = 0.71
    # b = 0.9·1.9 + 0.5·3 = 3.21, w = 0.71 − 0.321 = 0.389
    w = trajectory(lambda p: SGD(p, lr=0.1, momentum=0.9, dampening=0.5), 1.0, [1.0, 2.0, 3.0])
    np.testing.assert_allclose(w, [0.9, 0.71, 0.389], rtol=1e-14)


def test_sgd_nesterov_by_hand():
    # b = 1, g = 1 + 0.9·1 = 1.9, w = 1 − 0.19 = 0.81
    # b = 0.9·1 + 2 = 2.9, g = 2 + 0.9·2.9 = 4.61, w = 0.81 − 0.461 = 0.349
    w = trajectory(lambda p: SGD(p, lr=0.1, momentum=0.9, nesterov=True), 1.0, [1.0, 2.0])
    np.testing.assert_allclose(w, [0.81, 0.349], rtol=1e-14)


def test_sgd_weight_decay_by_hand():
    # g = 1 + 0.1·1 = 1.1, w = 1 − 0.1·1.1 = 0.89
    w = trajectory(lambda p: SGD(p, lr=0.1, weight_decay=0.1), 1.0, [1.0])
    np.testing.assert_allclose(w, [0.89], rtol=1e-14)


@given(
    w=st.floats(-10, 10),
    g=st.floats(-10, 10),
    lr=st.floats(0, 1),
)
def test_plain_sgd_is_the_course_rule(w, g, lr):
    assert trajectory(lambda p: SGD(p, lr=lr), w, [g]) == [w - lr * g]


# --- Momentum ----------------------------------------------------------------------------


@both_kinds()
@pytest.mark.parametrize(
    ("beta", "weight_decay"), [(0.9, 0.0), (0.5, 0.0), (0.0, 0.0), (0.9, 0.1)]
)
def test_momentum(w0, grads, beta, weight_decay):
    actual = trajectory(lambda p: Momentum(p, lr=0.05, beta=beta, weight_decay=weight_decay),
                        w0, grads)  # fmt: skip
    expected = momentum_reference(w0, grads, lr=0.05, beta=beta, weight_decay=weight_decay)
    assert_trajectories_equal(actual, as_python_floats(expected))


def test_momentum_by_hand():
    # v = 0.1·6 = 0.6, w = 3 − 0.5·0.6 = 2.7; v = 0.9·0.6 + 0.1·2 = 0.74, w = 2.7 − 0.37 = 2.33
    w = trajectory(lambda p: Momentum(p, lr=0.5, beta=0.9), 3.0, [6.0, 2.0])
    np.testing.assert_allclose(w, [2.7, 2.33], rtol=1e-14)


def test_momentum_is_not_sgd_with_dampening_on_the_first_step():
    course = trajectory(lambda p: Momentum(p, lr=0.1, beta=0.9), 1.0, [1.0])
    torch_like = trajectory(lambda p: SGD(p, lr=0.1, momentum=0.9, dampening=0.9), 1.0, [1.0])
    np.testing.assert_allclose(course, [1.0 - 0.1 * 0.1], rtol=1e-14)  # v = (1 − β)g
    np.testing.assert_allclose(torch_like, [1.0 - 0.1], rtol=1e-14)  # b = g


@both_kinds()
def test_momentum_takes_the_steps_of_sgd_with_a_scaled_lr(w0, grads):
    course = trajectory(lambda p: Momentum(p, lr=0.5, beta=0.9), w0, grads)
    heavy_ball = trajectory(lambda p: SGD(p, lr=0.5 * (1 - 0.9), momentum=0.9), w0, grads)
    for a, b in zip(course, heavy_ball, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)


# --- RMSProp -----------------------------------------------------------------------------


@both_kinds()
@pytest.mark.parametrize(
    ("beta", "eps", "weight_decay"), [(0.9, 1e-8, 0.0), (0.99, 1e-3, 0.0), (0.9, 1e-8, 0.1)]
)
def test_rmsprop(w0, grads, beta, eps, weight_decay):
    actual = trajectory(
        lambda p: RMSProp(p, lr=0.01, beta=beta, eps=eps, weight_decay=weight_decay), w0, grads
    )
    expected = rmsprop_reference(w0, grads, lr=0.01, beta=beta, eps=eps,
                                 weight_decay=weight_decay)  # fmt: skip
    assert_trajectories_equal(actual, as_python_floats(expected))


def test_rmsprop_by_hand():
    # s = 0.1·36 = 3.6, w = 3 − 0.01·6 / sqrt(3.6 + 1e-8)
    w = trajectory(lambda p: RMSProp(p, lr=0.01), 3.0, [6.0])
    np.testing.assert_allclose(w, [3 - 0.06 / np.sqrt(3.6 + 1e-8)], rtol=1e-14)


def test_rmsprop_puts_eps_inside_the_root_unlike_pytorch():
    g, eps = 1e-5, 1e-6
    s = 0.1 * g * g
    w = trajectory(lambda p: RMSProp(p, lr=1.0, eps=eps), 0.0, [g])[0]
    assert w == pytest.approx(-g / np.sqrt(s + eps), rel=1e-12)  # the course
    assert w != pytest.approx(-g / (np.sqrt(s) + eps), rel=1e-2)  # torch.optim.RMSprop


# --- Adam and AdamW ----------------------------------------------------------------------

ADAM_SETTINGS = [
    dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0),
    dict(lr=0.1, betas=(0.5, 0.9), eps=1e-3, weight_decay=0.0),
    dict(lr=0.05, betas=(0.0, 0.99), eps=1e-8, weight_decay=0.1),
    dict(lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=1.0),
]


@both_kinds()
@pytest.mark.parametrize("settings", ADAM_SETTINGS)
@pytest.mark.parametrize(("optimizer_class", "decoupled"), [(Adam, False), (AdamW, True)])
def test_adam_and_adamw(w0, grads, settings, optimizer_class, decoupled):
    actual = trajectory(lambda p: optimizer_class(p, **settings), w0, grads)
    expected = adam_reference(w0, grads, **settings, decoupled=decoupled)
    assert_trajectories_equal(actual, as_python_floats(expected))


def test_adam_defaults_are_the_papers():
    opt = Adam([Value(1.0)])
    assert opt.param_groups[0]["lr"] == 1e-3
    assert opt.param_groups[0]["betas"] == (0.9, 0.999)
    assert opt.param_groups[0]["eps"] == 1e-8
    assert opt.param_groups[0]["weight_decay"] == 0.0
    assert AdamW([Value(1.0)]).param_groups[0]["weight_decay"] == 0.01


def test_adam_by_hand():
    # betas (0.5, 0.5), w0 = 1, gradients 1, −1:
    # t=1: m = 0.5, v = 0.5, m_hat = 1, v_hat = 1, w = 1 − 0.1·1/(1 + ε) ≈ 0.9
    # t=2: m = 0.25 − 0.5 = −0.25, v = 0.25 + 0.5 = 0.75, m_hat = −1/3, v_hat = 1,
    #      w ≈ 0.9 + 0.1/3
    w = trajectory(lambda p: Adam(p, lr=0.1, betas=(0.5, 0.5)), 1.0, [1.0, -1.0])
    np.testing.assert_allclose(w, [0.9, 0.9 + 0.1 / 3], rtol=1e-7)


def test_adamw_by_hand():
    # w = 1·(1 − 0.1·0.5) = 0.95, then Adam's first step of ≈ η: 0.85
    w = trajectory(lambda p: AdamW(p, lr=0.1, betas=(0.5, 0.5), weight_decay=0.5), 1.0, [1.0])
    np.testing.assert_allclose(w, [0.85], rtol=1e-7)


@given(
    g=st.floats(-1e3, 1e3).filter(lambda g: abs(g) > 1e-3),
    lr=st.floats(1e-4, 1.0),
    beta1=st.floats(0.0, 0.99),
    beta2=st.floats(0.0, 0.999),
)
def test_adams_first_step_moves_by_about_lr_whatever_the_gradient(g, lr, beta1, beta2):
    # Bias correction makes m_hat = g and v_hat = g² after one step, so |ΔW| = η|g|/(|g| + ε).
    w = trajectory(lambda p: Adam(p, lr=lr, betas=(beta1, beta2)), 0.0, [g])[0]
    # the step is lr·g/(|g| + eps): within eps/|g| < 1e-5 of lr for |g| > 1e-3
    assert w == pytest.approx(-np.sign(g) * lr, rel=1e-5)


def test_adam_numbers_follow_each_group_lr_and_dtype():
    # Adam makes its step's numbers (β's, bias corrections, step size) once and shares them
    # between parameters: groups with their own learning rate, a learning rate changed
    # between steps (as a scheduler does) and parameters of two dtypes must each still get
    # the right ones.
    w32, w64 = Value(W0_ARRAY.astype(np.float32)), Value(W0_ARRAY.copy())
    slow = Value(W0_ARRAY.copy())
    opt = Adam([{"params": [w32, w64]}, {"params": [slow], "lr": 1e-3}], lr=0.1, betas=(0.5, 0.9))
    learning_rates = [0.1, 0.01, 0.3, 0.3]
    m = v = 0.0
    expected, expected_slow = W0_ARRAY.copy(), W0_ARRAY.copy()
    for t, (lr, g) in enumerate(zip(learning_rates, GRADS_ARRAY), start=1):
        opt.param_groups[0]["lr"] = lr
        w32.grad, w64.grad, slow.grad = g.astype(np.float32), g.copy(), g.copy()
        opt.step()
        m = 0.5 * m + 0.5 * g
        v = 0.9 * v + 0.1 * g * g
        direction = (m / (1 - 0.5**t)) / (np.sqrt(v / (1 - 0.9**t)) + 1e-8)
        expected = expected - lr * direction
        expected_slow = expected_slow - 1e-3 * direction
        assert w32.data.dtype == np.float32 and w64.data.dtype == np.float64
        np.testing.assert_allclose(w64.data, expected, rtol=1e-12, err_msg=f"step {t}")
        np.testing.assert_allclose(w32.data, expected, rtol=1e-5, err_msg=f"step {t}")
        np.testing.assert_allclose(slow.data, expected_slow, rtol=1e-12, err_msg=f"step {t}")


def test_adam_numbers_are_not_reused_from_an_earlier_step():
    # A parameter that missed a step (no grad) reaches step count t one optimizer step
    # after the others did; if the learning rate changed in between, it must get the new
    # one, not the numbers the others used at their t.
    a, b = Value(np.array([1.0])), Value(np.array([1.0]))
    opt = Adam([a, b], lr=0.1)
    a.grad, b.grad = np.array([1.0]), np.array([1.0])
    opt.step()  # both at t = 1
    a.grad, b.grad = np.array([1.0]), None
    opt.step()  # a at t = 2, with lr 0.1; b skipped
    opt.lr = 0.01
    before = b.data.copy()
    a.grad, b.grad = np.array([1.0]), np.array([1.0])
    opt.step()  # b at t = 2, now with lr 0.01
    # a constant gradient 1 gives m_hat = v_hat = 1 at every t: the step is lr / (1 + ε)
    np.testing.assert_allclose(before - b.data, [0.01 / (1 + 1e-8)], rtol=1e-12)


@pytest.mark.parametrize("rule", ["Adam", "AdamW", "RMSProp"])
def test_float16_parameters_stay_finite_and_keep_their_dtype(rule):
    import optim

    W = Value(np.array([1.0, -2.0, 0.5], dtype=np.float16))
    opt = getattr(optim, rule)([W], lr=0.01)
    for _ in range(5):
        W.grad = np.zeros(3, np.float16)  # a zero gradient: 0/0 if eps rounded to 0
        opt.step()
        assert W.data.dtype == np.float16 and np.isfinite(W.data).all()
    W.grad = np.array([1.0, 1.0, 1.0], np.float16)
    before = W.data.copy()
    opt.step()
    assert (W.data < before).all()


def test_an_mlp_in_float16_trains_with_adam_without_nan():
    import optim
    from data import make_moons
    from nn import MLP, cross_entropy

    X, y = make_moons(200, seed=0)
    model = MLP(2, [16], 2, dtype=np.float16, seed=0)
    opt = optim.Adam(model.parameters(), lr=0.01)
    for _ in range(60):
        loss = cross_entropy(model(X.astype(np.float16)), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        assert np.isfinite(loss.item())
    assert loss.item() < 0.5
