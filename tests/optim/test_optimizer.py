"""What every optimizer shares: param groups, lr, zero_grad, in-place float32 updates, errors."""

import numpy as np
import pytest

from autograd import Value
from optim import SGD, Adam, AdamW, Momentum, Optimizer, RMSProp

ALL = [
    lambda p, **kw: SGD(p, lr=0.1, momentum=0.9, **kw),
    lambda p, **kw: Momentum(p, lr=0.1, **kw),
    lambda p, **kw: RMSProp(p, lr=0.1, **kw),
    lambda p, **kw: Adam(p, lr=0.1, **kw),
    lambda p, **kw: AdamW(p, lr=0.1, **kw),
]
IDS = ["sgd", "momentum", "rmsprop", "adam", "adamw"]
all_optimizers = pytest.mark.parametrize("make_optimizer", ALL, ids=IDS)


@all_optimizers
def test_float32_stays_float32_and_updates_are_in_place(make_optimizer):
    W = Value(np.ones((3, 2), dtype=np.float32))
    b = Value(np.zeros(2, dtype=np.float32))
    array_before = W.data
    opt = make_optimizer([W, b], weight_decay=0.1)
    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    for _ in range(3):
        opt.zero_grad()
        ((W * x).sum() + (b * b).sum()).backward()
        opt.step()
    assert W.data is array_before
    assert W.data.dtype == np.float32 and b.data.dtype == np.float32
    assert not np.array_equal(W.data, np.ones((3, 2)))
    for buffers in opt.state.values():
        for name, value in buffers.items():
            if isinstance(value, np.ndarray):
                assert value.dtype == np.float32, name


@all_optimizers
def test_float32_matches_a_float64_run_to_float32_precision(make_optimizer):
    grads = np.random.default_rng(1).normal(size=(4, 5)).astype(np.float32)
    runs = {}
    for dtype in (np.float32, np.float64):
        W = Value(np.linspace(-1, 1, 5).astype(dtype))
        opt = make_optimizer([W])
        for g in grads:
            W.grad = g.astype(dtype)
            opt.step()
        runs[dtype] = W.data
    np.testing.assert_allclose(runs[np.float32], runs[np.float64], rtol=1e-5, atol=1e-6)


@all_optimizers
def test_step_builds_no_graph(make_optimizer):
    w, W = Value(2.0), Value(np.array([1.0, -1.0]))
    opt = make_optimizer([w, W])
    (w * w + (W * W).sum()).backward()
    opt.step()
    for p in (w, W):
        assert p.op == "" and p.parents == ()
    assert isinstance(w.data, float)
    assert isinstance(W.data, np.ndarray)


@all_optimizers
def test_parameters_without_grad_are_skipped(make_optimizer):
    used, unused = Value(np.array([1.0, 2.0])), Value(np.array([3.0, 4.0]))
    opt = make_optimizer([used, unused])
    (used * used).sum().backward()
    opt.step()
    np.testing.assert_array_equal(unused.data, [3.0, 4.0])
    assert unused.grad is None
    assert id(unused) not in opt.state
    assert not np.array_equal(used.data, [1.0, 2.0])


def test_a_frozen_parameter_is_left_alone():
    frozen = Value(1.0, requires_grad=False)
    trained = Value(1.0)
    opt = SGD([frozen, trained], lr=0.1)
    (frozen * trained).backward()
    opt.step()
    assert frozen.data == 1.0
    assert trained.data == pytest.approx(0.9)


def test_zero_grad():
    w, W = Value(2.0), Value(np.array([1.0, -1.0]))
    opt = SGD([w, W], lr=0.1)
    (w * (W * W).sum()).backward()
    grad_array = W.grad
    opt.zero_grad(set_to_none=False)
    assert w.grad == 0.0
    assert W.grad is grad_array
    np.testing.assert_array_equal(W.grad, [0.0, 0.0])
    opt.zero_grad()
    assert w.grad is None and W.grad is None


def test_gradient_of_the_wrong_shape_is_an_error():
    W = Value(np.zeros((2, 3)))
    W.grad = np.ones(3)
    with pytest.raises(ValueError, match=r"shape \(3,\).*\(2, 3\)"):
        SGD([W], lr=0.1).step()


def test_param_groups_have_their_own_options():
    body, head = Value(np.ones(2)), Value(np.ones(2))
    opt = SGD([{"params": [body]}, {"params": head, "lr": 0.5, "momentum": 0.9}], lr=0.1)
    assert opt.param_groups[0]["lr"] == 0.1 and opt.param_groups[0]["momentum"] == 0.0
    assert opt.param_groups[1]["lr"] == 0.5 and opt.param_groups[1]["momentum"] == 0.9
    assert opt.param_groups[1]["params"] == [head]
    body.grad, head.grad = np.ones(2), np.ones(2)
    opt.step()
    np.testing.assert_allclose(body.data, [0.9, 0.9])
    np.testing.assert_allclose(head.data, [0.5, 0.5])


def test_lr_is_readable_and_settable_for_all_groups():
    a, b = Value(1.0), Value(1.0)
    opt = Adam([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1)
    assert opt.lr == 0.1
    opt.lr = 0.01
    assert [g["lr"] for g in opt.param_groups] == [0.01, 0.01]
    with pytest.raises(ValueError, match="lr"):
        opt.lr = -1.0


def test_hyperparameters_become_python_floats():
    # numpy 2 lets a Python float multiply float32 without upcasting; an np.float64 would not.
    opt = Adam([Value(np.ones(2, dtype=np.float32))], lr=np.float64(0.1), betas=[0.9, 0.99])
    assert type(opt.param_groups[0]["lr"]) is float
    assert opt.param_groups[0]["betas"] == (0.9, 0.99)
    opt.lr = np.float64(0.2)
    assert type(opt.lr) is float


def test_repr_lists_groups():
    text = repr(SGD([Value(1.0), Value(2.0)], lr=0.1))
    assert "SGD" in text and "2 params" in text and "lr=0.1" in text


def test_a_subclass_defines_update():
    class SignDescent(Optimizer):
        """W ← W − η sign(g)."""

        def __init__(self, params, lr):
            super().__init__(params, {"lr": lr})

        def update(self, W, g, state, group):
            W -= group["lr"] * np.sign(g)

    w = Value(1.0)
    w.grad = 123.0
    SignDescent([w], lr=0.25).step()
    assert w.data == 0.75


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda p: SGD(p, lr=-0.1), r"lr: -0.1"),
        (lambda p: SGD(p, lr=float("nan")), r"lr: nan"),
        (lambda p: SGD(p, lr=0.1, momentum=-0.5), r"momentum: -0.5"),
        (lambda p: SGD(p, lr=0.1, weight_decay=-1e-4), r"weight_decay: -0.0001"),
        (lambda p: SGD(p, lr=0.1, nesterov=True), r"nesterov.*momentum=0"),
        (lambda p: SGD(p, lr=0.1, momentum=0.9, dampening=0.1, nesterov=True), "dampening"),
        (lambda p: Momentum(p, lr=-1.0), r"lr: -1.0"),
        (lambda p: Momentum(p, lr=0.1, beta=1.0), r"beta: 1.0"),
        (lambda p: Momentum(p, lr=0.1, beta=-0.1), r"beta: -0.1"),
        (lambda p: Momentum(p, lr=0.1, weight_decay=-1.0), r"weight_decay: -1.0"),
        (lambda p: RMSProp(p, lr=0.1, beta=1.5), r"beta: 1.5"),
        (lambda p: RMSProp(p, lr=0.1, eps=0.0), r"eps: 0.0"),
        (lambda p: RMSProp(p, lr=0.1, eps=-1e-8), r"eps: -1e-08"),
        (lambda p: RMSProp(p, lr=0.1, weight_decay=-1.0), r"weight_decay"),
        (lambda p: Adam(p, lr=-1e-3), r"lr: -0.001"),
        (lambda p: Adam(p, betas=(1.0, 0.999)), r"beta1.*1.0"),
        (lambda p: Adam(p, betas=(0.9, -0.1)), r"beta2.*-0.1"),
        (lambda p: Adam(p, betas=(0.9,)), r"betas must be a pair"),
        (lambda p: Adam(p, eps=0.0), r"eps: 0.0"),
        (lambda p: Adam(p, weight_decay=-0.1), r"weight_decay: -0.1"),
        (lambda p: AdamW(p, weight_decay=-0.01), r"weight_decay: -0.01"),
        (lambda p: AdamW(p, betas=(0.9, 1.0)), r"beta2.*1.0"),
        (lambda p: SGD(p, lr=float("inf")), r"lr: inf"),
    ],
)
def test_bad_hyperparameters_are_value_errors(make, match):
    with pytest.raises(ValueError, match=match):
        make([Value(1.0)])


def test_bad_hyperparameters_in_a_group_are_value_errors():
    with pytest.raises(ValueError, match=r"lr: -1"):
        SGD([{"params": [Value(1.0)]}, {"params": [Value(2.0)], "lr": -1}], lr=0.1)


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ([], ValueError, "empty parameter list"),
        (iter([]), ValueError, "empty parameter list"),
        ([{"params": []}], ValueError, "group 0 has an empty parameter list"),
        ([1.0], TypeError, "parameter 0 of group 0 is a float"),
        ([np.ones(2)], TypeError, "is a ndarray"),
        (Value(1.0), TypeError, "single Value"),
        ({"params": [Value(1.0)]}, TypeError, "single dict"),
        ([{"lr": 0.1}], ValueError, "no 'params'"),
        ([{"params": [Value(1.0)], "learning_rate": 0.1}], ValueError, "unknown options"),
        ([Value(1.0), {"params": [Value(2.0)]}], TypeError, "not a mix"),
    ],
)
def test_bad_params(params, error, match):
    with pytest.raises(error, match=match):
        SGD(params, lr=0.1)


def test_a_parameter_twice_is_an_error():
    w = Value(1.0)
    with pytest.raises(ValueError, match="more than once"):
        SGD([{"params": [w]}, {"params": [w]}], lr=0.1)


@pytest.mark.parametrize("lr", ["0.1", None, True, Value(0.1)])
def test_a_non_number_hyperparameter_is_a_type_error(lr):
    with pytest.raises(TypeError, match="lr must be a real number"):
        SGD([Value(1.0)], lr=lr)


@pytest.mark.parametrize("optimizer", [SGD, Momentum, RMSProp, Adam, AdamW])
def test_a_model_instead_of_its_parameters_says_to_pass_model_parameters(optimizer):
    import nn  # the learner's mistake is with an nn model; optim itself never imports nn

    model = nn.MLP(2, [3], 1, seed=0)
    with pytest.raises(TypeError) as error:
        optimizer(model, lr=0.1)
    message = str(error.value)
    assert f"optim.{optimizer.__name__}(model.parameters(), lr=...)" in message
    assert "not the MLP itself" in message


def test_something_not_iterable_says_what_params_must_be():
    with pytest.raises(
        TypeError, match=r"iterable of Values, such as model.parameters\(\), got float"
    ):
        Adam(0.01)
