"""Graph pictures on a machine without Graphviz's `dot` program (the `without_dot` fixture
hides it): Jupyter shows them through graphviz-anywidget, else as a hint and the DOT text;
files that need `dot` are one clear error and leave nothing behind; DOT files need nothing."""

import shutil
import sys

import graphviz
import pytest

from autograd import Value, draw_graph, to_dot, trace_backward

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
INSTALL_COMMANDS = ("apt install graphviz", "brew install graphviz", "conda install",
                    "winget install graphviz")  # fmt: skip


def perceptron():
    x1, x2 = Value(-2.0, label="x1"), Value(3.0, label="x2")
    w1, w2 = Value(3.0, label="w1"), Value(-2.0, label="w2")
    y = (w1 * x1 + w2 * x2 + 0.5).tanh()
    y.label = "ŷ"
    return y


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="the Graphviz `dot` program is not installed"
)
def test_with_dot_jupyter_gets_the_svg_that_dot_renders():
    bundle = draw_graph(perceptron())._repr_mimebundle_()
    assert list(bundle) == ["image/svg+xml"] and "<svg" in bundle["image/svg+xml"]


def test_without_dot_jupyter_draws_the_graph_with_graphviz_anywidget(without_dot):
    pytest.importorskip("graphviz_anywidget", reason="the notebooks extra is not installed")
    y = perceptron()
    trace = trace_backward(y)
    for picture in (draw_graph(y), draw_graph(y, trace=trace, step=2)):
        data, _ = picture._repr_mimebundle_()
        widget = data[WIDGET_VIEW]
        assert widget["model_id"]
        # the text a front end without widgets shows: one line saying so, then the DOT text
        first, rest = data["text/plain"].split("\n", 1)
        assert "graphviz-anywidget" in first and "not installed" in first
        assert rest == picture.source


def test_the_widget_is_given_the_graphs_dot_text(without_dot, monkeypatch):
    graphviz_anywidget = pytest.importorskip("graphviz_anywidget")
    shown = []
    real = graphviz_anywidget.graphviz_widget_simple

    def spy(source, **options):
        shown.append(source)
        return real(source, **options)

    monkeypatch.setattr(graphviz_anywidget, "graphviz_widget_simple", spy)
    y = perceptron()
    draw_graph(y)._repr_mimebundle_()
    assert shown == [to_dot(y)]


def test_without_dot_nor_the_widget_jupyter_shows_a_one_line_hint_and_the_dot_text(
    without_dot, monkeypatch
):
    monkeypatch.setitem(sys.modules, "graphviz_anywidget", None)  # import fails
    y = perceptron()
    bundle = draw_graph(y)._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    hint, dot = bundle["text/plain"].split("\n", 1)
    assert "pip install graphviz-anywidget" in hint
    assert all(command in hint for command in INSTALL_COMMANDS)
    assert dot == to_dot(y)


@pytest.mark.parametrize("file_format", ["svg", "png"])
def test_without_dot_render_and_pipe_say_how_to_install_it_and_write_nothing(
    without_dot, tmp_path, file_format
):
    picture = draw_graph(perceptron())
    folder = tmp_path / "out"
    folder.mkdir()
    for attempt in (
        lambda: picture.render(folder / "graph", format=file_format),
        lambda: picture.pipe(format=file_format),
    ):
        with pytest.raises(graphviz.ExecutableNotFound) as error:
            attempt()
        message = str(error.value)
        assert "\n" not in message and file_format in message
        assert all(command in message for command in INSTALL_COMMANDS)
    assert list(folder.iterdir()) == []  # graphviz alone leaves the DOT source file behind


def test_without_dot_save_frames_writes_dot_text(without_dot, tmp_path):
    y = perceptron()
    trace = trace_backward(y)
    paths = trace.save_frames(tmp_path / "frames", format="dot")
    assert [path.name for path in paths] == [f"step_{k:03d}.dot" for k in range(len(trace))]
    for step, path in enumerate(paths):
        assert path.read_text() == to_dot(y, trace=trace, step=step)


@pytest.mark.parametrize("file_format", ["svg", "png"])
def test_without_dot_save_frames_as_pictures_fails_in_one_line_and_writes_nothing(
    without_dot, tmp_path, file_format
):
    trace = trace_backward(perceptron())
    with pytest.raises(RuntimeError, match="winget install graphviz") as error:
        trace.save_frames(tmp_path / "frames", format=file_format)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "frames").exists()
    # and a retry as DOT text into the same folder works
    assert len(trace.save_frames(tmp_path / "frames", format="dot")) == len(trace)
