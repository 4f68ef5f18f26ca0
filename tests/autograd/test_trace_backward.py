"""trace_backward: the backward pass step by step, identical to backward(), and its pictures."""

import pathlib
import shutil

import numpy as np
import pytest

from autograd import Value, draw_graph, to_dot, trace_backward

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="the Graphviz `dot` program is not installed"
)


def perceptron(activation="tanh"):
    x1, x2 = Value(-2.0, label="x1"), Value(3.0, label="x2")
    w0, w1, w2 = Value(0.5, label="w0"), Value(3.0, label="w1"), Value(-2.0, label="w2")
    z = w0 + w1 * x1 + w2 * x2
    z.label = "z"
    y = getattr(z, activation)()
    y.label = "ŷ"
    return y, (x1, x2, w0, w1, w2)


def mlp(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(5, 2))
    params = [
        Value(rng.normal(size=(2, 4))),
        Value(rng.normal(size=4)),
        Value(rng.normal(size=(4, 1))),
    ]
    w1, b1, w2 = params
    return (((x @ w1 + b1).relu() @ w2) ** 2).mean(), params


def test_same_gradients_as_backward_bit_for_bit():
    loss, params = mlp(0)
    trace = trace_backward(loss)
    reference_loss, reference_params = mlp(0)
    reference_loss.backward()
    for traced, reference in zip(params, reference_params):
        np.testing.assert_array_equal(traced.grad, reference.grad)
    assert len(trace) == 10  # 3 parameters and 7 op nodes (the constant x is no node)


def test_steps_record_node_upstream_gradient_and_what_was_sent():
    y, (x1, x2, w0, w1, w2) = perceptron()
    trace = trace_backward(y)
    assert trace[0].node is y and trace[0].grad_output == 1.0
    (z,) = y.parents
    ((sent_to, gradient),) = trace[0].sent
    assert sent_to is z and gradient == pytest.approx(1 - np.tanh(-11.5) ** 2)
    step_of = {id(step.node): step for step in trace}
    assert step_of[id(w1)].grad_output == w1.grad and step_of[id(w1)].sent == ()
    assert {id(step.node) for step in trace} == {id(v) for v in (y, z, x1, x2, w0, w1, w2)} | {
        id(p) for p in z.parents
    } | {id(p) for v in z.parents for p in v.parents}


def test_state_after_a_step_sums_what_has_arrived_so_far():
    a = Value(2.0, label="a")
    b = a * 3.0
    c = b + b * b  # b has two consumers: + and *
    trace = trace_backward(c)
    first_b_contribution = trace.state_after(0)[0][id(b)]
    assert first_b_contribution == 1.0  # from "+" only, before "*" is processed
    gradients, carried = trace.state_after(-1)
    assert gradients[id(b)] == 1.0 + 2 * 6.0 and gradients[id(a)] == a.grad == 39.0
    assert (id(a), id(b)) in carried


def test_picture_at_a_step_highlights_the_current_node_and_the_gradient_edges():
    y, _ = perceptron()
    trace = trace_backward(y)
    dot = to_dot(y, trace=trace, step=1)
    assert "backward step 2 of 10" in dot and "the node 'z'" in dot
    assert dot.count('fillcolor="#ffb74d"') == 1  # the current node
    # red: tanh op -> ŷ, z -> tanh op, + op -> z, and both inputs of z's + op
    assert dot.count('color="#d84315"') == 5
    assert "x1 | data -2 | grad —" in dot  # not reached yet at step 2
    last = to_dot(y, trace=trace)
    assert "x1 | data -2 | grad 1.231e-09" in last


def test_a_backward_step_picture_has_a_legend_of_its_colours():
    y, _ = perceptron()
    trace = trace_backward(y)
    dot = to_dot(y, trace=trace, step=3)
    (legend,) = [line for line in dot.splitlines() if line.strip().startswith("legend")]
    colours = {"#ffb74d": "being processed", "#e3f2e1": "grad is complete",
               "#fff8e1": "grad so far", "#d84315": "carried a gradient"}  # fmt: skip
    for colour, meaning in colours.items():
        assert colour in legend and meaning in legend
    assert "legend" not in to_dot(y)  # a plain picture has no backward-pass colours


def test_bad_trace_options_are_clear_errors():
    y, _ = perceptron()
    trace = trace_backward(y)
    other, _ = perceptron()
    with pytest.raises(ValueError, match=r"step must be an int in \[0, 9\]"):
        draw_graph(y, trace=trace, step=10)
    with pytest.raises(ValueError, match="another root"):
        draw_graph(other, trace=trace)
    with pytest.raises(ValueError, match="step needs a trace"):
        draw_graph(y, step=0)
    with pytest.raises(TypeError, match="needs a Value"):
        trace_backward(3.0)
    with pytest.raises(ValueError, match="format"):
        trace.save_frames("unused", format="gif")


def test_memory_keeps_references_not_copies():
    loss, _ = mlp(1)
    trace = trace_backward(loss)
    for step in trace:
        for parent, gradient in step.sent:
            if isinstance(gradient, np.ndarray) and parent.function is not None:
                assert gradient is parent.grad or parent.grad is not None


@needs_dot
def test_save_frames_writes_one_picture_per_step(tmp_path):
    y, _ = perceptron()
    trace = trace_backward(y)
    paths = trace.save_frames(tmp_path / "frames", format="svg")
    assert [p.name for p in paths] == [f"step_{k:03d}.svg" for k in range(len(trace))]
    assert all("<svg" in pathlib.Path(p).read_text() for p in paths)


@needs_dot
def test_show_gives_a_slider_over_the_steps_in_jupyter():
    ipywidgets = pytest.importorskip("ipywidgets")
    y, _ = perceptron()
    widget = trace_backward(y).show()
    assert isinstance(widget, ipywidgets.interactive)
    (slider,) = [child for child in widget.children if isinstance(child, ipywidgets.IntSlider)]
    assert (slider.min, slider.max) == (0, 9)


def test_without_dot_show_gives_a_slider_that_redraws_one_browser_picture(without_dot):
    ipywidgets = pytest.importorskip("ipywidgets")
    graphviz_anywidget = pytest.importorskip("graphviz_anywidget")
    y, _ = perceptron()
    trace = trace_backward(y)
    box = trace.show(rankdir="TB")
    slider, picture = box.children
    assert isinstance(slider, ipywidgets.IntSlider) and (slider.min, slider.max) == (0, 9)
    assert isinstance(picture, graphviz_anywidget.GraphvizAnyWidget)
    assert picture.dot_source == to_dot(y, trace=trace, step=0, rankdir="TB")
    slider.value = 6
    assert picture.dot_source == to_dot(y, trace=trace, step=6, rankdir="TB")
