"""Module: parameter discovery, names, modes, state dicts and repr."""

import numpy as np
import pytest

from autograd import Value
from nn import MLP, Dropout, Linear, Module, ReLU, Sequential


class Block(Module):
    def __init__(self):
        super().__init__()
        self.scale = Value(np.ones(3))
        self.inner = Linear(3, 3, seed=0)
        self.heads = [Linear(3, 1, seed=1), Linear(3, 2, seed=2)]
        self.gates = (Value(1.0), "not a parameter", 7)
        self.drop = Dropout(0.5, seed=0)

    def forward(self, x):
        h = (self.inner(x) * self.scale).relu()
        return self.heads[0](self.drop(h)) * self.gates[0]


def test_parameters_in_attributes_lists_tuples_and_submodules_in_definition_order():
    names = [name for name, _ in Block().named_parameters()]
    assert names == [
        "scale",
        "inner.weight",
        "inner.bias",
        "heads.0.weight",
        "heads.0.bias",
        "heads.1.weight",
        "heads.1.bias",
        "gates.0",
    ]
    block = Block()
    assert [id(p) for p in block.parameters()] == [id(p) for _, p in block.named_parameters()]


def test_a_shared_parameter_or_module_counts_once():
    class Tied(Module):
        def __init__(self):
            super().__init__()
            self.a = Linear(2, 2, seed=0)
            self.b = self.a
            self.w = self.a.weight

    tied = Tied()
    assert [name for name, _ in tied.named_parameters()] == ["a.weight", "a.bias"]
    assert len(list(tied.children())) == 1 and tied.num_parameters() == 6


def test_children_and_modules():
    block = Block()
    assert [type(m).__name__ for m in block.children()] == [
        "Linear",
        "Linear",
        "Linear",
        "Dropout",
    ]
    assert [name for name, _ in block.named_modules()] == [
        "",
        "inner",
        "heads.0",
        "heads.1",
        "drop",
    ]
    assert len(list(block.modules())) == 5


def test_train_and_eval_reach_every_submodule():
    model = Sequential(Block(), Sequential(ReLU(), Dropout(0.2)))
    assert model.eval() is model
    assert not any(m.training for m in model.modules())
    model.train()
    assert all(m.training for m in model.modules())


def test_zero_grad_and_num_parameters():
    model = MLP(3, [4], 2, seed=0)
    model(np.ones((2, 3))).sum().backward()
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())
    assert model.num_parameters() == 3 * 4 + 4 + 4 * 2 + 2


def test_state_dict_is_a_copy():
    model = MLP(2, [3], 1, seed=0)
    state = model.state_dict()
    assert list(state) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"]
    model.layers[0].weight.data += 1.0
    assert not np.array_equal(state["layers.0.weight"], model.layers[0].weight.data)


def test_load_state_dict_in_place_keeping_dtype():
    model = MLP(2, [3], 1, seed=0, dtype=np.float32)
    weight = model.layers[0].weight.data
    other = MLP(2, [3], 1, seed=1, dtype=np.float32).state_dict()
    model.load_state_dict(other)
    assert model.layers[0].weight.data is weight and weight.dtype == np.float32
    for name, value in model.state_dict().items():
        np.testing.assert_array_equal(value, other[name])
    model.load_state_dict({k: v.astype(np.float64) for k, v in other.items()})
    assert model.layers[0].weight.dtype == np.float32


def test_load_state_dict_errors_name_the_keys_and_shapes():
    model = MLP(2, [3], 1, seed=0)
    state = model.state_dict()
    del state["layers.1.bias"]
    state["layers.9.weight"] = np.zeros(2)
    with pytest.raises(
        KeyError,
        match=r"missing key\(s\) \['layers.1.bias'\].*unexpected key\(s\) \['layers.9.weight'\]",
    ):
        model.load_state_dict(state)
    result = model.load_state_dict(state, strict=False)
    assert result.missing_keys == ["layers.1.bias"] and result.unexpected_keys == [
        "layers.9.weight"
    ]
    wrong = MLP(2, [4], 1, seed=0).state_dict()
    before = model.state_dict()
    with pytest.raises(
        ValueError, match=r"'layers.0.weight' has shape \(2, 3\) in the model but shape \(2, 4\)"
    ):
        model.load_state_dict(wrong)
    for name, value in model.state_dict().items():  # nothing was loaded
        np.testing.assert_array_equal(value, before[name])
    with pytest.raises(TypeError, match="dtype <U1"):
        model.load_state_dict({**before, "layers.1.bias": np.array(["a"])})


def test_repr_is_a_tree():
    text = repr(Sequential(Linear(2, 3), ReLU(), MLP(3, [4], 1, dropout=0.1)))
    assert text.splitlines()[:4] == [
        "Sequential(",
        "  (0): Linear(in_features=2, out_features=3, bias=True)",
        "  (1): ReLU()",
        "  (2): MLP(",
    ]
    assert "    (layers.1): Linear(in_features=4, out_features=1, bias=True)" in text
    assert "    (dropout): Dropout(p=0.1)" in text
    assert repr(Module()) == "Module()"


def test_forward_must_be_defined():
    with pytest.raises(NotImplementedError, match="Module must define forward"):
        Module()(1.0)
