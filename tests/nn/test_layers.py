"""Linear (and its fused op), Flatten, Sequential and MLP."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from oracles import assert_fused_matches
from strategies import arrays

from autograd import Value, gradcheck
from autograd.ops.linear import LinearFunction
from nn import MLP, Flatten, Identity, Linear, ReLU, Sequential, Sigmoid, Tanh


def test_linear_is_x_at_w_plus_b_with_the_documented_shapes():
    layer = Linear(3, 2, seed=0)
    assert layer.weight.shape == (3, 2) and layer.bias.shape == (2,)
    assert not layer.bias.data.any()
    x = np.arange(12.0).reshape(4, 3)
    np.testing.assert_allclose(layer(x).data, x @ layer.weight.data + layer.bias.data)
    assert layer(Value(x)).op == "linear" and len(layer(Value(x)).parents) == 3


def linear_operands():
    """x (N, in), W (in, out), b (out,) and an upstream gradient g (N, out)."""
    sizes = st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 4))
    return sizes.flatmap(
        lambda s: st.tuples(
            arrays((s[0], s[1])), arrays((s[1], s[2])), arrays((s[2],)), arrays((s[0], s[2]))
        )
    )


@given(linear_operands())
def test_the_fused_op_gives_exactly_the_gradients_of_the_unfused_ops(xwbg):
    x, w, b, g = xwbg
    assert_fused_matches(LinearFunction.apply, lambda x, w, b: x @ w + b, x, w, b, rtol=1e-12)
    fused = [Value(a.copy()) for a in (x, w, b)]
    LinearFunction.apply(*fused).backward(g)
    np.testing.assert_allclose(g @ w.T, fused[0].grad, rtol=1e-12)  # dX = g Wᵀ
    np.testing.assert_allclose(x.T @ g, fused[1].grad, rtol=1e-12)  # dW = Xᵀ g
    np.testing.assert_allclose(g.sum(axis=0), fused[2].grad, rtol=1e-12)  # db = Σ rows g


@pytest.mark.parametrize("shape", [(2, 3, 4), (3, 4), (4,)])
def test_gradcheck_linear_with_and_without_bias_and_with_extra_axes(shape):
    rng = np.random.default_rng(0)
    x = Value(rng.normal(size=shape))
    for bias in (True, False):
        layer = Linear(4, 5, bias=bias, seed=1)
        params = [layer.weight] + ([layer.bias] if bias else [])
        assert gradcheck(lambda x, *p, layer=layer: layer(x), x, *params)
    assert Linear(4, 5)(x).shape == (*shape[:-1], 5)
    assert Linear(4, 5)(np.ones(4)).shape == (5,)


def test_no_input_gradient_is_computed_for_a_constant_input(monkeypatch):
    layer = Linear(3, 2, seed=0)
    seen = []
    backward = LinearFunction.backward

    def spy(ctx, grad_output):
        seen.append(ctx.needs_input_grad)
        return backward(ctx, grad_output)

    monkeypatch.setattr(LinearFunction, "backward", staticmethod(spy))
    layer(np.ones((4, 3))).sum().backward()
    assert seen == [(False, True, True)]
    assert layer.weight.grad.shape == (3, 2)


def test_same_seed_same_weights_and_init_choices():
    np.testing.assert_array_equal(
        Linear(5, 4, seed=7).weight.data, Linear(5, 4, seed=7).weight.data
    )
    assert not np.array_equal(Linear(5, 4, seed=7).weight.data, Linear(5, 4, seed=8).weight.data)
    big_x = Linear(400, 200, seed=0).weight.data
    big_k = Linear(400, 200, init="kaiming", seed=0).weight.data
    assert big_x.var() == pytest.approx(2 / 600, rel=0.03)
    assert big_k.var() == pytest.approx(2 / 400, rel=0.03)
    assert Linear(400, 200, init="normal", seed=0).weight.data.std() == pytest.approx(1, rel=0.02)
    constant = Linear(2, 3, init=lambda shape, rng: np.full(shape, 0.5))
    np.testing.assert_array_equal(constant.weight.data, np.full((2, 3), 0.5))


def test_float32_layers_stay_float32():
    layer = Linear(3, 2, dtype=np.float32, seed=0)
    assert layer.weight.dtype == np.float32 and layer.bias.dtype == np.float32
    out = layer(np.ones((4, 3)))  # a float64 array is cast to the layer's dtype
    assert out.dtype == np.float32
    out.sum().backward()
    assert layer.weight.grad.dtype == np.float32
    assert MLP(3, [4], 2, dtype="float32", seed=0)(np.ones((1, 3))).dtype == np.float32


def test_linear_errors_name_the_argument_and_shapes():
    with pytest.raises(ValueError, match=r"expects input of shape \(\*, 3\), got \(4, 2\)"):
        Linear(3, 2)(np.ones((4, 2)))
    with pytest.raises(ValueError, match="in_features must be an int >= 1, got 0"):
        Linear(0, 2)
    with pytest.raises(TypeError, match=r"out_features must be an int, got float: 2\.5"):
        Linear(2, 2.5)
    with pytest.raises(ValueError, match=r"unknown init 'he'; expected one of \["):
        Linear(2, 2, init="he")
    with pytest.raises(
        ValueError, match=r"init returned an array of shape \(3,\), expected \(2, 3\)"
    ):
        Linear(2, 3, init=lambda shape, rng: np.zeros(3))
    with pytest.raises(TypeError, match="dtype must be a floating dtype"):
        Linear(2, 3, dtype=np.int32)


def test_flatten():
    out = Flatten()(Value(np.ones((5, 8, 8))))
    assert out.shape == (5, 64)
    assert Flatten(start_dim=2)(np.ones((2, 3, 4, 5))).shape == (2, 3, 20)


def test_sequential_names_by_position_and_applies_in_order():
    model = Sequential(Linear(2, 4, seed=0), ReLU(), Linear(4, 1, seed=1))
    assert [n for n, _ in model.named_parameters()] == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert len(model) == 3 and isinstance(model[1], ReLU) and model[-1] is model[2]
    x = np.random.default_rng(0).normal(size=(3, 2))
    np.testing.assert_allclose(model(x).data, model[2](model[0](x).relu()).data)
    with pytest.raises(TypeError, match="argument 1 is a function"):
        Sequential(Linear(2, 2), lambda x: x)


def test_mlp_layers_names_and_forward():
    model = MLP(3, [5, 4], 2, activation="tanh", output_activation="sigmoid", seed=0)
    assert [n for n, _ in model.named_parameters()] == [
        f"layers.{i}.{p}" for i in range(3) for p in ("weight", "bias")
    ]
    assert [layer.weight.shape for layer in model.layers] == [(3, 5), (5, 4), (4, 2)]
    x = np.random.default_rng(1).normal(size=(6, 3))
    h = x
    for layer in model.layers[:-1]:
        h = np.tanh(h @ layer.weight.data + layer.bias.data)
    last = model.layers[-1]
    expected = 1 / (1 + np.exp(-(h @ last.weight.data + last.bias.data)))
    np.testing.assert_allclose(model(x).data, expected, rtol=1e-12)
    assert isinstance(model.activation, Tanh) and isinstance(model.output_activation, Sigmoid)
    assert isinstance(MLP(2, [], 1).output_activation, Identity)
    assert len(MLP(2, [], 1).layers) == 1


def test_mlp_init_none_picks_kaiming_for_relu_and_xavier_otherwise():
    relu = MLP(500, [300], 1, activation="relu", seed=0).layers[0].weight.data
    tanh = MLP(500, [300], 1, activation="tanh", seed=0).layers[0].weight.data
    assert relu.var() == pytest.approx(2 / 500, rel=0.03)
    assert tanh.var() == pytest.approx(2 / 800, rel=0.03)


def test_mlp_same_seed_same_model():
    a, b = MLP(3, [8], 2, dropout=0.5, seed=4), MLP(3, [8], 2, dropout=0.5, seed=4)
    x = np.ones((5, 3))
    np.testing.assert_array_equal(a(x).data, b(x).data)  # dropout masks too


def test_gradcheck_of_a_small_mlp():
    model = MLP(3, [4, 4], 2, activation="tanh", seed=0)
    x = Value(np.random.default_rng(0).normal(size=(5, 3)))
    assert gradcheck(lambda x, *params: model(x), x, *model.parameters())


def test_mlp_rejects_a_bad_dropout():
    with pytest.raises(ValueError, match=r"p must be a finite number in \[0, 1\), got 1.0"):
        MLP(2, [3], 1, dropout=1.0)


@pytest.mark.parametrize(
    ("hidden_sizes", "example"), [(8, r"\[8\]"), (None, r"\[64, 32\]"), ("8", r"\[64, 32\]")]
)
def test_mlp_with_a_number_for_hidden_sizes_says_to_give_a_list(hidden_sizes, example):
    with pytest.raises(TypeError, match=rf"hidden_sizes must be a list .* such as {example}"):
        MLP(2, hidden_sizes, 3)


def test_mlp_takes_hidden_sizes_as_a_list_a_tuple_or_a_range():
    sizes = [
        [layer.weight.shape for layer in MLP(2, h, 1, seed=0).layers]
        for h in ([4, 4], (4, 4), range(4, 6, 4))
    ]
    assert sizes[0] == sizes[1] == [(2, 4), (4, 4), (4, 1)] and sizes[2] == [(2, 4), (4, 1)]
