"""nn's PyTorch names: nn.functional, the loss modules, ModuleList, Parameter,
Flatten(start_dim, end_dim), Softmax(dim), LeakyReLU(negative_slope)."""

import numpy as np
import pytest

import nn
import nn.functional as F
from autograd import Value

RNG = np.random.default_rng(0)


@pytest.mark.parametrize(
    ("module", "function", "prediction", "target"),
    [
        (nn.MSELoss, F.mse_loss, RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))),
        (nn.L1Loss, F.l1_loss, RNG.normal(size=(5,)), RNG.normal(size=(5,))),
        (nn.BCELoss, F.binary_cross_entropy, RNG.uniform(0.1, 0.9, 6), RNG.integers(0, 2, 6)),
        (nn.BCEWithLogitsLoss, F.binary_cross_entropy_with_logits, RNG.normal(size=6),
         RNG.integers(0, 2, 6).astype(float)),
        (nn.CrossEntropyLoss, F.cross_entropy, RNG.normal(size=(4, 3)), np.array([0, 2, 1, 2])),
        (nn.HingeLoss, F.hinge_loss, RNG.normal(size=5), np.array([1.0, -1, 1, 1, -1])),
    ],
)  # fmt: skip
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_loss_modules_wrap_the_functions(module, function, prediction, target, reduction):
    loss_fn = module(reduction=reduction)
    from_module = loss_fn(Value(prediction), target)
    np.testing.assert_array_equal(from_module.data, function(prediction, target, reduction).data)
    assert f"reduction={reduction!r}" in repr(loss_fn)


def test_loss_modules_check_reduction():
    with pytest.raises(ValueError, match=r"MSELoss.*'average'"):
        nn.MSELoss(reduction="average")


def test_hand_computed_losses_through_the_modules():
    assert nn.MSELoss()(np.array([1.0, 3.0]), np.array([0.0, 0.0])).item() == 5.0
    assert nn.L1Loss(reduction="sum")(np.array([1.0, -3.0]), np.zeros(2)).item() == 4.0
    assert nn.HingeLoss()(np.array([0.5, 2.0]), np.array([1.0, 1.0])).item() == 0.25


def test_functional_activations_and_dropout():
    x = np.array([[-1.0, 0.0, 2.0]])
    np.testing.assert_array_equal(F.relu(x).data, [[0.0, 0.0, 2.0]])
    np.testing.assert_allclose(F.leaky_relu(x, 0.1).data, [[-0.1, 0.0, 2.0]])
    np.testing.assert_allclose(F.sigmoid(x).data, 1 / (1 + np.exp(-x)))
    np.testing.assert_allclose(F.tanh(x).data, np.tanh(x))
    np.testing.assert_allclose(F.softmax(x, dim=1).data, np.exp(x) / np.exp(x).sum())
    np.testing.assert_allclose(F.log_softmax(x, dim=-1).data, x - np.log(np.exp(x).sum()))
    assert F.dropout(np.ones(4), 0.5, training=False).data.tolist() == [1.0] * 4
    dropped = F.dropout(np.ones(1000), 0.25, seed=0).data
    assert set(np.unique(dropped)) == {0.0, 1.0 / 0.75}
    assert 0.2 < np.mean(dropped == 0) < 0.3
    with pytest.raises(ValueError, match="p must be"):
        F.dropout(np.ones(2), 1.0)


def test_module_list_names_and_indexing():
    class Stack(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(2, 2, seed=i) for i in range(3)])

        def forward(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

    model = Stack()
    names = [name for name, _ in model.named_parameters()]
    assert names == [f"layers.{i}.{p}" for i in range(3) for p in ("weight", "bias")]
    assert len(model.layers) == 3 and model.layers[-1] is model.layers[2]
    assert isinstance(model.layers[1:], nn.ModuleList) and len(model.layers[1:]) == 2
    model.layers.append(nn.Linear(2, 2, seed=9))
    assert len(list(model.parameters())) == 8
    with pytest.raises(TypeError, match="argument 4 is a int"):
        model.layers.append(3)
    with pytest.raises(NotImplementedError):
        model.layers(np.ones(2))
    assert isinstance(nn.Sequential(nn.ReLU(), nn.Tanh())[1:], nn.Sequential)


def test_parameter_is_a_value_that_requires_grad():
    p = nn.Parameter(np.ones(3))
    assert isinstance(p, Value) and isinstance(p, nn.Parameter) and p.requires_grad
    q = nn.Parameter(Value(2.0, requires_grad=False))
    assert q.requires_grad and q.data == 2.0
    (p * q).sum().backward()
    np.testing.assert_array_equal(p.grad, [2.0, 2.0, 2.0])
    assert q.grad == 3.0

    class Scale(nn.Module):
        def __init__(self):
            super().__init__()
            self.a = nn.Parameter(1.5)

    assert [name for name, _ in Scale().named_parameters()] == ["a"]


def test_flatten_start_and_end_dim():
    x = np.zeros((2, 3, 4, 5))
    assert nn.Flatten()(x).shape == (2, 60)
    assert nn.Flatten(0, 1)(x).shape == (6, 4, 5)
    assert nn.Flatten(start_dim=2)(x).shape == (2, 3, 20)
    assert nn.Flatten(1, 2)(x).shape == (2, 12, 5)
    with pytest.raises(IndexError, match="dim 5"):
        nn.Flatten(5)(np.zeros((2, 3, 4)))  # never adds an axis
    assert "start_dim=0, end_dim=1" in repr(nn.Flatten(0, 1))


def test_softmax_dim_and_leaky_relu_negative_slope():
    x = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(nn.Softmax(dim=0)(x).data.sum(axis=0), [1.0, 1.0])
    np.testing.assert_allclose(nn.Softmax(dim=1)(x).data.sum(axis=1), [1.0, 1.0])
    assert nn.LeakyReLU(negative_slope=0.2)(np.array([-1.0])).data.tolist() == [-0.2]
    assert "negative_slope=0.2" in repr(nn.LeakyReLU(0.2)) and "dim=0" in repr(nn.Softmax(0))


def test_to_double_float_cast_the_parameters_in_place():
    model = nn.Sequential(nn.Linear(3, 2, seed=0), nn.ReLU(), nn.Linear(2, 1, seed=1))
    params = list(model.parameters())
    assert model.float() is model
    assert all(p.dtype == np.float32 for p in model.parameters())
    assert all(a is b for a, b in zip(params, model.parameters()))  # the same Values
    assert model(np.ones((4, 3))).dtype == np.float32
    assert all(p.dtype == np.float64 for p in model.double().parameters())
    scalar = nn.Parameter(1.5)

    class Holder(nn.Module):
        def __init__(self):
            super().__init__()
            self.a = scalar

    Holder().double()
    assert type(scalar.data) is float
    Holder().to("float16")
    assert scalar.dtype == np.float16
    with pytest.raises(TypeError, match="floating dtype"):
        model.to(np.int64)


def test_nll_loss_after_log_softmax_is_cross_entropy():
    logits = RNG.normal(size=(5, 4))
    target = np.array([0, 3, 1, 1, 2])
    for reduction in ("mean", "sum", "none"):
        z = Value(logits.copy())
        nll = nn.NLLLoss(reduction=reduction)(nn.LogSoftmax(dim=1)(z), target)
        zc = Value(logits.copy())
        reference = F.cross_entropy(zc, target, reduction=reduction)
        np.testing.assert_allclose(nll.data, reference.data, rtol=1e-12)
        nll.sum().backward()
        reference.sum().backward()
        np.testing.assert_allclose(z.grad, zc.grad, rtol=1e-10, atol=1e-14)
    # by hand: -log_probs[i, y_i], averaged
    log_probs = np.log(np.array([[0.5, 0.5], [0.25, 0.75]]))
    assert F.nll_loss(log_probs, np.array([1, 0])).item() == -(np.log(0.5) + np.log(0.25)) / 2
    with pytest.raises(ValueError, match=r"nll_loss: class indices must lie in \[0, 2\)"):
        F.nll_loss(log_probs, np.array([2, 0]))
    with pytest.raises(ValueError, match="shape"):
        F.nll_loss(log_probs, np.array([1, 0, 1]))
