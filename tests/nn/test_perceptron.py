"""The course's perceptron: its worked example exactly, batches, and the perceptron rule."""

import math

import numpy as np
import pytest

from nn import Perceptron, get_activation


def course_neuron(activation="sign"):
    """w = [3, -2], b = 0.5 (the course's w_0), as on the slides."""
    neuron = Perceptron(2, activation=activation)
    neuron.load_state_dict({"weight": np.array([3.0, -2.0]), "bias": np.array(0.5)})
    return neuron


X_COURSE = np.array([-2.0, 3.0])


def test_the_course_example_gives_z_minus_11_5_exactly():
    z = course_neuron().net_input(X_COURSE)
    assert z.item() == -11.5  # 0.5 + 3·(-2) - 2·3


@pytest.mark.parametrize(
    ("activation", "expected"),
    [("sign", -1.0), ("sigmoid", 1 / (1 + math.exp(11.5))), ("tanh", math.tanh(-11.5)),
     ("relu", 0.0)],
)  # fmt: skip
def test_the_course_example_through_each_activation(activation, expected):
    y_hat = course_neuron(activation)(X_COURSE).item()
    assert y_hat == pytest.approx(expected, rel=1e-12, abs=0)


def test_the_course_rounds():
    assert course_neuron("sigmoid")(X_COURSE).item() == pytest.approx(1.0e-5, abs=1e-6)
    assert course_neuron("tanh")(X_COURSE).item() == pytest.approx(-1.0, abs=1e-9)


def test_the_bias_is_a_python_float_and_the_weight_a_vector():
    neuron = Perceptron(3, seed=0)
    assert type(neuron.bias.data) is float and neuron.bias.data == 0.0
    assert neuron.weight.shape == (3,)
    assert [name for name, _ in neuron.named_parameters()] == ["weight", "bias"]


def test_a_batch_gives_one_output_per_sample():
    neuron = course_neuron("sigmoid")
    X = np.array([[-2.0, 3.0], [1.0, 1.0], [0.0, 0.0]])
    out = neuron(X)
    assert out.shape == (3,)
    np.testing.assert_allclose(out.data, 1 / (1 + np.exp(-np.array([-11.5, 1.5, 0.5]))))


def test_gradients_flow_to_weight_and_bias():
    neuron = course_neuron("sigmoid")
    neuron(X_COURSE).backward()
    s = 1 / (1 + math.exp(11.5))
    np.testing.assert_allclose(neuron.weight.grad, s * (1 - s) * X_COURSE, rtol=1e-9)
    assert neuron.bias.grad == pytest.approx(s * (1 - s), rel=1e-9)


def test_same_seed_same_weights():
    np.testing.assert_array_equal(
        Perceptron(5, seed=3).weight.data, Perceptron(5, seed=3).weight.data
    )


def separable(n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    margin = X @ np.array([1.5, -1.0]) + 0.2
    keep = np.abs(margin) > 0.1  # a gap between the classes
    return X[keep], np.where(margin[keep] > 0, 1, -1)


def test_the_perceptron_rule_converges_on_separable_data():
    X, y = separable()
    neuron = Perceptron(2, seed=0)
    mistakes = neuron.fit(X, y, epochs=1000)
    assert mistakes[-1] == 0 and len(mistakes) < 1000
    np.testing.assert_array_equal(neuron(X).data, y)
    assert type(neuron.bias.data) is float


def test_the_perceptron_rule_takes_0_1_labels():
    X, y = separable(seed=1)
    neuron = Perceptron(2, seed=1)
    assert neuron.fit(X, (y + 1) // 2, epochs=1000)[-1] == 0
    np.testing.assert_array_equal(neuron(X).data, y)


def test_the_perceptron_rule_does_not_converge_on_xor():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    mistakes = Perceptron(2, seed=0).fit(X, np.array([-1, 1, 1, -1]), epochs=50)
    assert len(mistakes) == 50 and min(mistakes) > 0


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        (np.zeros((4, 3)), np.ones(4), r"X must have shape \(N, 2\), got \(4, 3\)"),
        (np.zeros((4, 2)), np.ones(3), r"y must have shape \(4,\), got \(3,\)"),
        (np.zeros((3, 2)), np.array([0, 1, 2]), r"labels in \{-1, \+1\} or \{0, 1\}.*\[0, 1, 2\]"),
    ],
)
def test_fit_rejects_bad_data(X, y, message):
    with pytest.raises(ValueError, match=message):
        Perceptron(2).fit(X, y)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="in_features must be an int >= 1, got 0"):
        Perceptron(0)
    with pytest.raises(ValueError, match=r"expects x of shape \(2,\) or \(N, 2\), got \(3,\)"):
        Perceptron(2)(np.zeros(3))
    with pytest.raises(ValueError, match="lr must be > 0"):
        Perceptron(2).fit(np.zeros((2, 2)), np.array([1, -1]), lr=0)
    with pytest.raises(ValueError, match="unknown activation 'step'; known activations: sign"):
        Perceptron(2, activation="step")


def test_activation_modules_are_found_by_name():
    assert type(get_activation("ReLU")).__name__ == "ReLU"
    assert type(get_activation("linear")).__name__ == "Identity"
    with pytest.raises(TypeError, match="activation must be a name"):
        get_activation(3)
