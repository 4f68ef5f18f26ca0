"""Graph pictures: DOT text without any external program, and rendering with `dot`."""

import pathlib
import shutil

import graphviz
import numpy as np
import pytest

from autograd import Value, draw_graph, to_dot

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="the Graphviz `dot` program is not installed"
)


def perceptron_graph():
    x1, x2 = Value(-2.0, label="x1"), Value(3.0, label="x2")
    w0, w1, w2 = Value(0.5, label="w0"), Value(3.0, label="w1"), Value(-2.0, label="w2")
    z = w0 + w1 * x1 + w2 * x2
    z.label = "z"
    y = z.tanh()
    y.label = "ŷ"
    y.backward()
    return y


def two_layer_mlp_graph():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 2))
    w1, b1 = Value(rng.normal(size=(2, 16)), label="W1"), Value(np.zeros(16), label="b1")
    w2, b2 = Value(rng.normal(size=(16, 1)), label="W2"), Value(np.zeros(1), label="b2")
    loss = (((x @ w1 + b1).relu() @ w2 + b2) ** 2).mean()
    loss.label = "loss"
    loss.backward()
    return loss


def test_scalar_graph_shows_labels_ops_data_and_grads():
    dot = to_dot(perceptron_graph())
    assert dot.startswith("digraph")
    for text in ("z | data -11.5 | grad", "x1 | data -2 | grad 1.231e-09", "w2 | data -2 | grad",
                 'label="+"', 'label="*"', 'label=tanh', "rankdir=LR"):  # fmt: skip
        assert text in dot
    assert dot.count("shape=record") == 10  # 5 leaves, 2 products, 2 sums (z), ŷ
    assert dot.count("shape=ellipse") == 5


def test_array_graph_summarises_arrays_by_shape_and_statistics():
    dot = to_dot(two_layer_mlp_graph(), rankdir="TB")
    assert "W1 | data (2, 16)\\nmin" in dot and "mean" in dot and "max" in dot
    assert 'label="@"' in dot and "label=relu" in dot and "rankdir=TB" in dot
    assert "b2 | data [0.] | grad [" in dot


def test_big_graphs_are_capped_with_a_count_of_what_is_hidden():
    v = Value(1.0)
    for _ in range(300):
        v = v * 1.01
    dot = to_dot(v, max_nodes=20)
    assert dot.count("shape=record") == 20
    assert "… 1 more inputs (max_nodes=20)" in dot


def test_constants_are_grey_and_record_characters_are_escaped():
    c = Value(2.0, requires_grad=False, label="c{1}|<x>")
    dot = to_dot(Value(1.0) * c)
    assert "c\\{1\\}\\|\\<x\\>" in dot
    assert 'fillcolor="#eeeeee"' in dot


def test_bad_options_are_clear_errors():
    with pytest.raises(ValueError, match="rankdir"):
        to_dot(Value(1.0), rankdir="up")
    with pytest.raises(ValueError, match="max_nodes"):
        to_dot(Value(1.0), max_nodes=0)
    with pytest.raises(TypeError, match="needs a Value"):
        to_dot(3.0)


def test_draw_graph_returns_a_digraph():
    assert isinstance(draw_graph(perceptron_graph()), graphviz.Digraph)


@needs_dot
@pytest.mark.parametrize("graph", [perceptron_graph, two_layer_mlp_graph])
def test_renders_to_svg_and_png(graph, tmp_path):
    digraph = draw_graph(graph())
    svg = digraph.pipe(format="svg").decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    path = digraph.render(tmp_path / "graph", format="png")
    assert pathlib.Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_numbers_and_arrays_given_to_an_op_are_drawn_as_small_constant_boxes():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 2)), np.arange(8.0).reshape(8, 1)
    W = Value(rng.normal(size=(2, 1)), label="W")
    loss = ((X @ W - y) ** 2).mean()
    dot = to_dot(loss)
    constants = [line for line in dot.splitlines() if "shape=box" in line]
    # X of X @ W, -y of the subtraction, the exponent 2, and mean's 1/8
    assert len(constants) == 4
    labels = [line.split("label=")[1] for line in constants]
    assert any("(8, 2)" in label for label in labels)  # X, by its shape
    assert any("min -7" in label and "mean -3.5" in label for label in labels)  # -y
    assert any(label.startswith("2 ") for label in labels)
    assert any(label.startswith("0.125 ") for label in labels)
    # every op node now has all of its inputs: @ and + two each
    for line in constants:
        name = line.split()[0]
        assert f"{name} -> " in dot
    matmul = next(line.split()[0] for line in dot.splitlines() if 'label="@"' in line)
    assert dot.count(f"-> {matmul}") == 2
