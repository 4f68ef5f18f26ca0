"""The Playground's Python side: data sets and features, the network, training, the view."""

import base64
import json

import numpy as np
import pytest

import nn
from gradschool.playground import Playground, datasets, view
from gradschool.playground.network import Network
from gradschool.playground.state import DEFAULTS, FEATURES


def state(**changes):
    return {**DEFAULTS, **changes}


def test_features_by_hand():
    points = np.array([[1.0, 2.0], [-0.5, 3.0]])
    expected = np.array(
        [[1, 2, 1, 4, 2, np.sin(1), np.sin(2)], [-0.5, 3, 0.25, 9, -1.5, np.sin(-0.5), np.sin(3)]]
    )
    np.testing.assert_allclose(datasets.features(points, FEATURES), expected)
    np.testing.assert_array_equal(datasets.features(points, ["x2"]), [[2.0], [3.0]])


def test_circle_and_xor_labels_follow_their_rules_without_noise():
    points, y = datasets.generate(state(dataset="circle"))
    radius = np.hypot(points[:, 0], points[:, 1])
    np.testing.assert_array_equal(y, radius < 2.5)
    assert radius.max() <= 5 and np.sum(y) == 250
    points, y = datasets.generate(state(dataset="xor"))
    np.testing.assert_array_equal(y, points[:, 0] * points[:, 1] >= 0)
    assert np.abs(points).min() >= 0.3  # kept off the axes


@pytest.mark.parametrize("name", ["circle", "xor", "gauss", "spiral", "moons", "blobs"])
def test_classification_sets_are_seeded_balanced_and_in_the_square(name):
    a_points, a_y = datasets.generate(state(dataset=name, noise=30))
    b_points, b_y = datasets.generate(state(dataset=name, noise=30))
    np.testing.assert_array_equal(a_points, b_points)
    np.testing.assert_array_equal(a_y, b_y)
    other, _ = datasets.generate(state(dataset=name, noise=30, data_seed=1))
    assert not np.array_equal(a_points, other)
    assert a_points.shape == (500, 2) and a_y.dtype == np.int64
    counts = np.bincount(a_y)
    if name not in ("circle", "xor"):  # these label the noisy point, as TensorFlow's do
        assert counts.max() - counts.min() <= 1
    assert counts.min() > 100
    assert np.abs(a_points).max() < 12  # the picture shows [-6, 6]²; noise may leave it


def test_blobs_have_as_many_classes_as_asked():
    for k in (3, 4, 5):
        _, y = datasets.generate(state(dataset="blobs", n_classes=k))
        assert sorted(set(y.tolist())) == list(range(k))


def test_regression_targets_follow_their_formulas():
    points, y = datasets.generate(state(dataset="plane"))
    np.testing.assert_allclose(y, np.clip(points.sum(axis=1) / 10, -1, 1))
    points, y = datasets.generate(state(dataset="reg-gauss", n_samples=5000))
    assert y.min() >= -1 and y.max() <= 1
    for x1, x2, sign in ((-4, 2.5, 1), (0, 2.5, -1)):  # two of the six bumps, height 1 - d/2
        near = np.hypot(points[:, 0] - x1, points[:, 1] - x2) < 0.3
        assert near.sum() > 3 and (sign * y[near] > 0.85).all()
    far = np.hypot(points[:, 0], points[:, 1]) < 0.4  # 2.5 from every bump
    assert far.any() and (y[far] == 0).all()


def test_split_follows_the_train_ratio_and_stratifies():
    pg = Playground(train_ratio=70)
    assert (len(pg.y_train), len(pg.y_test)) == (350, 150)
    assert abs(pg.y_train.mean() - 0.5) < 0.01


def test_network_with_one_activation_is_nn_mlp():
    network = Network(3, [5, 4], 2, ["tanh", "tanh"], seed=0)
    mlp = nn.MLP(3, [5, 4], 2, activation="tanh")
    mlp.load_state_dict(network.state_dict())
    x = np.random.default_rng(1).normal(size=(6, 3))
    np.testing.assert_allclose(network(x).data, mlp(x).data)
    outputs = network.activations(x)
    np.testing.assert_allclose(outputs[-1], mlp(x).data)
    np.testing.assert_allclose(outputs[0], np.tanh(x @ network.layers[0].weight.data))


def test_per_layer_activations_apply_in_order():
    network = Network(2, [3, 3], 1, ["relu", "sigmoid"], seed=0)
    x = np.random.default_rng(2).normal(size=(4, 2))
    w0, w1 = network.layers[0].weight.data, network.layers[1].weight.data
    h1 = np.maximum(x @ w0, 0)
    h2 = 1 / (1 + np.exp(-(h1 @ w1)))
    outputs = network.activations(x)
    np.testing.assert_allclose(outputs[0], h1)
    np.testing.assert_allclose(outputs[1], h2)


@pytest.mark.parametrize(("kind", "derivative"), [("l1", np.sign), ("l2", lambda w: w)])
def test_regularisation_gradient_is_rate_times_its_derivative(kind, derivative):
    network = Network(2, [3], 2, ["tanh"], seed=0)
    penalty = network.penalty(kind, 0.3)
    penalty.backward()
    for layer in network.layers:
        np.testing.assert_allclose(layer.weight.grad, 0.3 * derivative(layer.weight.data))
        assert layer.bias.grad is None or not np.any(layer.bias.grad)
    assert network.penalty("none", 0.3) == 0.0 and network.penalty("l2", 0) == 0.0


def test_step_trains_one_epoch_per_call_and_the_loss_falls():
    pg = Playground(dataset="xor", hidden=[8], learning_rate=0.1)
    start = pg.test_loss
    result = pg.step()
    assert result["epoch"] == pg.epoch == 1
    pg.step(epochs=30)
    assert pg.epoch == 31 and len(pg.history["test_loss"]) == 32
    assert pg.test_loss < 0.5 * start and pg.accuracy("test") > 0.9


def test_the_same_state_gives_the_same_training():
    a = Playground(dataset="spiral", optimizer="adam")
    b = Playground(dataset="spiral", optimizer="adam")
    a.step(3)
    b.step(3)
    assert a.history == b.history
    c = Playground(dataset="spiral", optimizer="adam", seed=1)
    c.step(3)
    assert c.history != a.history


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "rmsprop", "adam"])
def test_every_optimizer_and_the_extras_train(optimizer):
    pg = Playground(
        dataset="blobs", n_classes=4, optimizer=optimizer, learning_rate=0.01, hidden=[6, 6],
        activation=["leaky_relu", "sigmoid"], init="kaiming", dropout=0.1,
        regularization="l2", regularization_rate=0.001, features=list(FEATURES),
    )  # fmt: skip
    start = pg.train_loss
    pg.step(5)
    assert pg.train_loss < start


def test_squared_error_of_the_probabilities_by_hand():
    pg = Playground(dataset="blobs", n_classes=3, loss="mse", optimizer="adam",
                    learning_rate=0.01)  # fmt: skip
    logits = pg.network.activations(pg.X_test)[-1]
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    expected = np.mean((p - np.eye(3)[pg.y_test]) ** 2)
    assert pg.test_loss == pytest.approx(expected, rel=1e-12)
    pg.step(5)
    assert pg.test_loss < expected
    with_ce = Playground(dataset="blobs", n_classes=3)
    assert with_ce.test_loss == pytest.approx(
        -np.mean(np.log(p[np.arange(len(p)), pg.y_test])), rel=1e-9
    )


def test_regression_trains_with_mean_squared_error():
    pg = Playground(dataset="plane", hidden=[], activation=[], learning_rate=0.01)
    pg.step(10)
    assert pg.task == "regression" and pg.test_loss < 0.01 and pg.accuracy() is None


def test_changing_the_learning_rate_keeps_the_weights_and_the_network_resets_them():
    pg = Playground()
    pg.step(2)
    weights = pg.network.layers[0].weight.data.copy()
    pg.update(learning_rate=0.3, batch_size=5, show_test=True)
    assert pg.epoch == 2 and pg.optimizer.lr == 0.3
    np.testing.assert_array_equal(pg.network.layers[0].weight.data, weights)
    pg.update(hidden=[5])
    assert pg.epoch == 0 and pg.network.layers[0].weight.shape == (2, 5)


def test_a_bad_update_changes_nothing():
    pg = Playground()
    before = pg.state
    with pytest.raises(ValueError, match=r"state\['learning_rate'\]"):
        pg.update(hidden=[8], learning_rate=-1)
    assert pg.state == before
    with pytest.raises(ValueError, match="epochs must be a positive int"):
        pg.step(0)


def test_state_assignment_and_json_round_trip():
    pg = Playground(dataset="moons", hidden=[6, 3], features=["x1", "x2", "x1*x2"])
    text = json.dumps(pg.state)
    again = Playground(**json.loads(text))
    assert again.state == pg.state
    pg.state = {"dataset": "gauss"}
    assert pg.state["dataset"] == "gauss" and pg.state["hidden"] == [4, 2]


def test_regenerate_draws_new_points():
    pg = Playground()
    points = pg.points_train.copy()
    pg.regenerate()
    assert pg.state["data_seed"] == 1 and not np.array_equal(points, pg.points_train)


def test_early_stopping_stops_when_the_test_loss_stops_improving():
    pg = Playground(early_stopping=2)
    pg.history["test_loss"] = [1.0, 0.5, 0.6]
    assert not pg._early_stop()
    pg.history["test_loss"] = [1.0, 0.5, 0.6, 0.55]
    assert pg._early_stop()
    pg = Playground(early_stopping=3, learning_rate=10.0, activation="relu")
    pg.step(200)  # a learning rate of 10 overshoots: the test loss stops improving
    assert pg.stopped and pg.epoch < 200


def test_custom_data_from_arrays_and_csv(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2)) * 100 + 50
    y = (X[:, 0] > 50).astype(int)
    pg = Playground(data=(X, y))
    assert pg.state["dataset"] == "custom" and pg.n_classes == 2
    assert np.abs(np.concatenate([pg.points_train, pg.points_test])).max() <= 5.5 + 1e-9
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,y\n" + "\n".join(f"{a},{b},{c}" for (a, b), c in zip(X, y)))
    from_csv = Playground(data=path)
    assert from_csv.state["custom"] == pg.state["custom"]
    with pytest.raises(ValueError, match="CSV row 2 must be three numbers"):
        datasets.read_csv("1,2,0\n1,2\n")
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        Playground(data=(np.zeros((5, 3)), np.zeros(5)))


def decoded(text):
    """A heat map as sent: one byte q per cell for q / 127 - 1, 255 for NaN."""
    q = np.frombuffer(base64.b64decode(text), dtype=np.uint8).astype(float)
    return np.where(q == 255, np.nan, q / 127 - 1)


def test_encode_maps_minus_one_to_one_onto_bytes():
    text = view.encode([-1.0, 0.0, 1.0, 0.5, 7.0, np.nan])
    assert list(base64.b64decode(text)) == [0, 127, 254, 190, 254, 255]


def test_view_is_json_and_its_pictures_fit_the_colour_scale():
    pg = Playground()
    pg.step()
    picture = pg.view()
    text = json.dumps(picture, allow_nan=False)
    assert len(json.dumps(pg.view(points=False))) < 30_000
    values = decoded(picture["boundary"]["values"])
    assert values.shape == (view.BOUNDARY_CELLS**2,) and np.abs(values).max() <= 1
    assert len(set(values.round(2))) > 20  # a picture, not a constant
    layers = picture["neurons"]["layers"]
    assert [len(layer) for layer in layers] == [len(FEATURES), 4, 2]
    x1 = decoded(layers[0][0]).reshape(view.NEURON_CELLS, view.NEURON_CELLS)
    np.testing.assert_allclose(
        x1[0], view.grid(view.NEURON_CELLS)[: view.NEURON_CELLS, 0] / 5.7, atol=0.01
    )  # X1 scaled by its largest value on the grid
    assert json.loads(text) == picture
    assert np.array(picture["weights"][0]).shape == (2, 4)
    assert np.array(picture["grads"][0]).shape == (2, 4)
    assert len(picture["points"]["train"]) == 250 and "points" not in pg.view(points=False)


def test_boundary_value_is_p1_minus_p0_at_the_grid_centres():
    pg = Playground()
    # cells of 12 / 50 = 0.24: the first centre is 0.12 from the top left corner (-6, 6)
    np.testing.assert_allclose(
        view.grid(50)[[0, 1, 50]], [[-5.88, 5.88], [-5.64, 5.88], [-5.88, 5.64]]
    )
    centres = view.grid(view.BOUNDARY_CELLS)
    logits = pg.network.activations(centres)[-1]
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(
        decoded(pg.view()["boundary"]["values"]), p[:, 1] - p[:, 0], atol=0.5 / 127
    )


def test_several_classes_send_the_likeliest_class():
    pg = Playground(dataset="blobs", n_classes=5)
    boundary = pg.view()["boundary"]
    classes = np.frombuffer(base64.b64decode(boundary["classes"]), dtype=np.uint8)
    assert len(classes) == view.BOUNDARY_CELLS**2 and set(classes.tolist()) <= set(range(5))
    confidence = decoded(boundary["values"])
    assert confidence.min() >= 0 and confidence.max() <= 1


def test_an_overflowing_network_is_drawn_without_warnings():
    pg = Playground(hidden=[2, 2], activation="relu")
    for layer in pg.network.layers:
        layer.weight.data[:] = 1e200  # x @ W overflows to inf (warnings are errors here)
    picture = pg.view()
    json.dumps(picture, allow_nan=False)
    assert np.isnan(decoded(picture["boundary"]["values"])).any()


def test_a_diverged_network_still_gives_json():
    pg = Playground()
    pg.network.layers[0].weight.data[:] = np.nan
    pg.step()
    picture = pg.view()
    json.dumps(picture, allow_nan=False)
    assert picture["test_loss"] is None and np.isnan(decoded(picture["boundary"]["values"])).all()
