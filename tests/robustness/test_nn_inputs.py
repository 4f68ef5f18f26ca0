"""nn under hostile input: dtypes (int, bool, complex, object, float16, str), empty and 0-d
arrays, NaN/inf, non-contiguous and read-only arrays, wrong shapes, absurd arguments, and
the training loop meeting an infinite gradient. A clear error naming the argument, or the
correct result; pytest turns any warning into an error, so none leaks."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import optim
from autograd import Function, Value
from nn import (
    MLP,
    Dropout,
    EarlyStopping,
    Flatten,
    History,
    Linear,
    Module,
    Perceptron,
    Sequential,
    accuracy,
    cross_entropy,
    evaluate,
    fit,
    hinge_loss,
    l1_loss,
    mae,
    mse_loss,
)

#: Data that is not real numbers, by input class: every entry point refuses it.
NOT_REAL = {
    "complex": np.array([[1 + 2j, 3.0]]),
    "bool": np.array([[True, False]]),
    "object-none": np.array([[None, 1.0]], dtype=object),
    "object-float": np.array([[1.0, 2.0]], dtype=object),
    "str": np.array([["1", "2"]]),
}


class InfiniteSlope(Function):
    """y = x, with an infinite derivative: the finite loss / infinite gradient of sqrt at 0,
    without numpy's divide warning."""

    @staticmethod
    def forward(ctx, x):
        return x * 1.0

    @staticmethod
    def backward(ctx, grad_output):
        return np.full_like(grad_output, np.inf)


class SlopeModel(Module):
    def __init__(self):
        super().__init__()
        self.w = Value(np.array([0.5, 1.0]), label="w")

    def forward(self, x):
        return InfiniteSlope.apply(x * self.w).sum(axis=1)


# ----- defect 5: fit never applies an infinite gradient ----------------------------------


@pytest.mark.parametrize("rule", ["sgd", "adam"])
def test_fit_refuses_an_infinite_gradient_with_a_finite_loss_and_keeps_the_weights(rule):
    model = SlopeModel()
    make = {"sgd": lambda ps: optim.SGD(ps, lr=0.1), "adam": lambda ps: optim.Adam(ps)}[rule]
    X, y = np.ones((4, 2)), np.zeros(4)
    with pytest.raises(FloatingPointError, match=r"gradient of w .*epoch 1, batch 1"):
        fit(model, mse_loss, make(model.parameters()), [(X, y)], epochs=3, progress=False,
            metrics=None)  # fmt: skip
    assert np.array_equal(model.w.data, [0.5, 1.0])  # the step was not taken


# ----- defect 10: Perceptron.fit on NaN ------------------------------------------------


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_perceptron_fit_refuses_non_finite_input_instead_of_reporting_convergence(bad):
    X = np.array([[1.0, 2.0], [bad, 0.0], [-1.0, -1.0]])
    neuron = Perceptron(2, seed=0)
    with pytest.raises(ValueError, match="NaN or infinity"):
        neuron.fit(X, np.array([1, -1, -1]))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"epochs": -1}, "epochs"), ({"epochs": 2.5}, "epochs"), ({"lr": math.nan}, "lr"),
     ({"lr": "1"}, "lr"), ({"epochs": True}, "epochs")],
)  # fmt: skip
def test_perceptron_fit_arguments(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        Perceptron(2, seed=0).fit(np.ones((2, 2)), np.array([1, -1]), **kwargs)


def test_perceptron_fit_with_numpy_int_epochs_learns_and():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    neuron = Perceptron(2, seed=0)
    mistakes = neuron.fit(X, np.array([0, 0, 0, 1]), epochs=np.int64(100))
    assert mistakes[-1] == 0
    assert np.array_equal(np.sign(neuron.net_input(X).data), [-1, -1, -1, 1])


# ----- defect 8: losses and metrics on empty, NaN, overflowing input ---------------------


@pytest.mark.parametrize(
    ("loss", "prediction", "target"),
    [
        (cross_entropy, np.zeros((0, 3)), np.zeros(0, dtype=int)),
        (cross_entropy, np.zeros((0, 3)), np.zeros((0, 3))),
        (mse_loss, np.zeros(0), np.zeros(0)),
        (l1_loss, np.zeros((0, 1)), np.zeros(0)),
        (hinge_loss, np.zeros(0), np.zeros(0)),
    ],
    ids=["ce-indices", "ce-onehot", "mse", "l1", "hinge"],
)
def test_a_loss_on_an_empty_batch_is_a_value_error(loss, prediction, target):
    with pytest.raises(ValueError, match=r"empty|no sample"):
        loss(prediction, target)


def test_sum_of_an_empty_batch_is_zero():
    assert mse_loss(np.zeros(0), np.zeros(0), reduction="sum").item() == 0.0


@pytest.mark.parametrize(
    ("metric", "output", "target"),
    [(accuracy, np.zeros((0, 3)), np.zeros(0)), (accuracy, np.zeros(0), np.zeros(0)),
     (mae, np.zeros(0), np.zeros(0))],
    ids=["accuracy-2d", "accuracy-1d", "mae"],
)  # fmt: skip
def test_a_metric_on_empty_input_is_a_value_error(metric, output, target):
    with pytest.raises(ValueError, match="empty"):
        metric(output, target)


@pytest.mark.parametrize(
    "output", [np.full((4, 3), np.nan), np.full(4, np.nan), np.array([[0.0, 1.0], [np.nan, 0]])]
)
def test_accuracy_of_nan_outputs_is_an_error_not_a_number(output):
    with pytest.raises(ValueError, match="NaN"):
        accuracy(output, np.array([0, 1, 0, 1])[: len(output)])


def test_float64_weights_beyond_float32_are_refused_not_loaded_as_inf(tmp_path):
    source = MLP(2, [3], 1, seed=0)
    source.layers[0].weight.data[0, 0] = 1e300
    source.save(tmp_path / "big.npz")
    target = MLP(2, [3], 1, seed=1, dtype=np.float32)
    before = target.state_dict()
    with pytest.raises(ValueError, match="beyond the largest float32"):
        target.load(tmp_path / "big.npz")
    for name, array in target.state_dict().items():
        assert np.array_equal(array, before[name])  # nothing loaded


# ----- dtypes and shapes at the modules' doors ---------------------------------------


@pytest.mark.parametrize("kind", list(NOT_REAL))
@pytest.mark.parametrize(
    "module",
    [lambda: Linear(2, 3, seed=0), lambda: MLP(2, [4], 1, seed=0), lambda: Dropout(0.5, seed=0),
     lambda: Flatten(), lambda: Perceptron(2, seed=0)],
    ids=["Linear", "MLP", "Dropout", "Flatten", "Perceptron"],
)  # fmt: skip
def test_modules_refuse_data_that_is_not_real_numbers(kind, module):
    with pytest.raises(TypeError, match="real numbers"):
        module()(NOT_REAL[kind])


@pytest.mark.parametrize("kind", list(NOT_REAL))
def test_losses_refuse_predictions_that_are_not_real_numbers(kind):
    with pytest.raises(TypeError, match="real numbers"):
        mse_loss(NOT_REAL[kind], np.zeros((1, 2)))


@given(
    x=hnp.arrays(
        st.sampled_from([np.float16, np.float32, np.float64, np.int64, np.int8, np.uint8]),
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=4).map(lambda s: (*s, 3)),
        elements=st.integers(0, 5),
    ),
    layout=st.sampled_from(["contiguous", "fortran", "strided", "read-only"]),
)
def test_linear_gives_x_at_w_plus_b_for_every_real_dtype_and_memory_layout(x, layout):
    layer = Linear(3, 2, seed=0)
    if layout == "fortran":
        x = np.asfortranarray(x)
    elif layout == "strided":
        x = np.repeat(x, 2, axis=-1)[..., ::2]
    elif layout == "read-only":
        x = x.copy()
        x.flags.writeable = False
    out = layer(x).data
    expected = x.astype(np.float64) @ layer.weight.data + layer.bias.data
    assert out.dtype == np.float64 and out.shape == (*x.shape[:-1], 2)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape", [(), (0,), (4,), (2, 4)], ids=["0-d", "empty", "1-d", "2-d"])
def test_linear_names_the_expected_shape(shape):
    with pytest.raises(ValueError, match=r"expects input of shape \(\*, 3\)"):
        Linear(3, 2, seed=0)(np.zeros(shape))


def test_linear_on_zero_rows_gives_zero_rows():
    assert Linear(3, 2, seed=0)(np.zeros((0, 3))).shape == (0, 2)


@pytest.mark.parametrize("hidden", [None, 16, "16", [16, "8"], [0], [True], [2.5]])
def test_mlp_hidden_sizes_must_be_a_list_of_positive_ints(hidden):
    with pytest.raises((TypeError, ValueError), match="hidden_sizes"):
        MLP(2, hidden, 1)


@pytest.mark.parametrize("p", [np.float32(0.5), np.float64(0.25), 0, np.int64(0)])
def test_dropout_accepts_numpy_numbers(p):
    drop = Dropout(p, seed=0)
    assert drop.p == float(p) and drop(np.ones((2, 3))).shape == (2, 3)


@pytest.mark.parametrize("p", [math.nan, 1.0, -0.1, "0.5", True, None])
def test_dropout_refuses_absurd_probabilities(p):
    with pytest.raises((TypeError, ValueError), match="dropout probability p"):
        Dropout(p)


@pytest.mark.parametrize(("start_dim", "shape"), [(5, (2, 3)), (2, (2, 3)), (-3, (2, 3))])
def test_flatten_beyond_the_input_axes_is_an_error_not_a_new_axis(start_dim, shape):
    with pytest.raises(IndexError, match="out of range"):  # as PyTorch's Flatten
        Flatten(start_dim)(np.zeros(shape))


@pytest.mark.parametrize(
    ("make", "seed"),
    [(m, s) for m in ("Linear", "MLP", "Dropout", "Perceptron") for s in (-1, "x", 1.5, True)],
)
def test_seeds_are_checked_and_named(make, seed):
    build = {
        "Linear": lambda: Linear(2, 2, seed=seed),
        "MLP": lambda: MLP(2, [2], 1, seed=seed),
        "Dropout": lambda: Dropout(0.5, seed=seed),
        "Perceptron": lambda: Perceptron(2, seed=seed),
    }[make]
    with pytest.raises((TypeError, ValueError), match="seed"):
        build()


def test_a_module_that_holds_itself_prints_without_recursing():
    model = Sequential(Linear(2, 2, seed=0))
    model.again = model
    text = repr(model)
    assert "<cycle: the Sequential above>" in text
    assert len(list(model.parameters())) == 2


# ----- the training loop's arguments --------------------------------------------------


def test_fit_accepts_metrics_none_and_numpy_int_epochs():
    X, y = np.random.default_rng(0).normal(size=(20, 2)), np.arange(20) % 2
    model = MLP(2, [4], 2, seed=0)
    history = fit(model, cross_entropy, optim.SGD(model.parameters(), lr=0.1), [(X, y)],
                  epochs=np.int64(2), metrics=None, progress=False)  # fmt: skip
    assert list(history.history) == ["loss"] and history.epochs == 2
    assert set(evaluate(model, cross_entropy, [(X, y)], metrics=None)) == {"loss"}


@pytest.mark.parametrize("epochs", [0, -1, 2.0, "2", True, None])
def test_fit_refuses_absurd_epochs(epochs):
    model = MLP(2, [4], 2, seed=0)
    with pytest.raises((TypeError, ValueError), match="epochs"):
        fit(model, cross_entropy, optim.SGD(model.parameters(), lr=0.1),
            [(np.zeros((2, 2)), np.zeros(2, int))], epochs=epochs, progress=False)  # fmt: skip


def test_plotting_an_empty_history_is_a_clear_error():
    with pytest.raises(ValueError, match="no epoch"):
        History().plot()


def test_early_stopping_stops_on_a_nan_validation_loss_and_restores_the_best_weights():
    model = MLP(2, [3], 1, seed=0)
    stopper = EarlyStopping(patience=5)
    stopper.on_epoch_end(1, {"val_loss": 1.0}, model)
    best = model.state_dict()
    model.layers[0].weight.data[...] = 7.0
    with pytest.raises(FloatingPointError, match="val_loss is NaN at epoch 2"):
        stopper.on_epoch_end(2, {"val_loss": math.nan}, model)
    assert all(np.array_equal(a, best[k]) for k, a in model.state_dict().items())


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"patience": 0}, "patience"), ({"patience": 1.5}, "patience"),
     ({"min_delta": math.nan}, "min_delta"), ({"min_delta": "0"}, "min_delta")],
)  # fmt: skip
def test_early_stopping_refuses_absurd_arguments(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        EarlyStopping(**kwargs)


# ----- gradcheck's own arguments ------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"eps": 0}, "eps"), ({"eps": -1e-6}, "eps"), ({"eps": math.nan}, "eps"),
     ({"eps": "1e-6"}, "eps"), ({"atol": -1.0}, "atol"), ({"rtol": math.inf}, "rtol")],
)  # fmt: skip
def test_gradcheck_refuses_a_zero_or_absurd_step(kwargs, match):
    from autograd import gradcheck

    with pytest.raises((ValueError, TypeError), match=match):
        gradcheck(lambda x: (x * x).sum(), Value(np.array([1.0, 2.0])), **kwargs)


# ----- losses over random shapes: the one accepted mismatch, or a ValueError --------------


@given(
    prediction_shape=hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3),
    target_shape=hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3),
    dtype=st.sampled_from([np.float16, np.float32, np.float64]),
)
def test_mse_and_l1_accept_equal_shapes_or_n1_with_n_and_nothing_else(
    prediction_shape, target_shape, dtype
):
    rng = np.random.default_rng(0)
    prediction = rng.normal(size=prediction_shape).astype(dtype)
    target = rng.normal(size=target_shape)
    column = len(prediction_shape) == 2 and prediction_shape[1] == 1
    agree = prediction_shape == target_shape or (column and target_shape == prediction_shape[:1])
    for loss, reference in ((mse_loss, np.square), (l1_loss, np.abs)):
        if not agree:
            with pytest.raises(ValueError, match="do not agree"):
                loss(prediction, target)
            continue
        value = loss(prediction, target).item()
        difference = prediction.reshape(target.shape).astype(np.float64) - target.astype(dtype)
        expected = float(np.mean(reference(difference)))
        assert value == pytest.approx(expected, rel=1e-2 if dtype == np.float16 else 1e-5)


@pytest.mark.parametrize("garbage", [None, "weights", [("layers.0.weight", 1.0)], 3.0])
def test_module_load_state_dict_of_garbage_is_a_type_error(garbage):
    with pytest.raises(TypeError, match="load_state_dict expects a dict"):
        MLP(2, [3], 1, seed=0).load_state_dict(garbage)


@pytest.mark.parametrize(
    "value",
    [np.array([[1 + 1j, 0, 0]] * 2), np.array([[None, 1.0, 2.0]] * 2, dtype=object),
     np.array([["a", "b", "c"]] * 2)],
    ids=["complex", "object", "str"],
)  # fmt: skip
def test_module_load_state_dict_refuses_arrays_that_are_not_real(value):
    model = Linear(2, 3, seed=0)
    with pytest.raises(TypeError, match="expected real numbers"):
        model.load_state_dict({"weight": value, "bias": np.zeros(3)})


# ----- every public function and module of nn, fed data that is not real numbers ----------

from nn import (  # noqa: E402 (grouped with the tests that use them)
    Identity,
    ReLU,
    Sigmoid,
    Sign,
    Softmax,
    Tanh,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
)

ENTRY_POINTS = {
    "Linear": lambda x: Linear(2, 3, seed=0)(x),
    "MLP": lambda x: MLP(2, [3], 2, seed=0)(x),
    "Sequential": lambda x: Sequential(Linear(2, 2, seed=0), ReLU())(x),
    "Perceptron": lambda x: Perceptron(2, seed=0)(x),
    "Perceptron.fit": lambda x: Perceptron(2, seed=0).fit(x, np.array([1, -1])[: len(x)]),
    "Flatten": lambda x: Flatten()(x),
    "Dropout": lambda x: Dropout(0.5, seed=0)(x),
    "ReLU": lambda x: ReLU()(x),
    "Sigmoid": lambda x: Sigmoid()(x),
    "Tanh": lambda x: Tanh()(x),
    "Sign": lambda x: Sign()(x),
    "Softmax": lambda x: Softmax()(x),
    "Identity": lambda x: Identity()(x),
    "mse_loss": lambda x: mse_loss(x, np.zeros((1, 2))),
    "l1_loss": lambda x: l1_loss(x, np.zeros((1, 2))),
    "binary_cross_entropy": lambda x: binary_cross_entropy(x, np.zeros((1, 2))),
    "bce_with_logits": lambda x: binary_cross_entropy_with_logits(x, np.zeros((1, 2))),
    "hinge_loss": lambda x: hinge_loss(x, np.ones((1, 2))),
    "cross_entropy": lambda x: cross_entropy(x, np.array([0])),
    "mse_loss-target": lambda x: mse_loss(np.zeros((1, 2)), x),
    "cross_entropy-target": lambda x: cross_entropy(np.zeros((1, 2)), x[0]),
    "accuracy": lambda x: accuracy(x, np.array([0])),
    "mae": lambda x: mae(x, np.zeros((1, 2))),
}


@pytest.mark.parametrize("kind", ["complex", "object-none", "object-float", "str"])
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_every_nn_entry_point_refuses_data_that_is_not_real(entry, kind):
    with pytest.raises(TypeError, match=r"real numbers|must hold numbers"):
        ENTRY_POINTS[entry](NOT_REAL[kind])
