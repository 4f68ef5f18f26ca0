"""What the playground hands to others: the run folder (read by `gradschool evaluate` and
`graph`), the graph, the request protocol, the local server, the widget and the command."""

import base64
import io
import json
import shutil
import sys
import threading
import urllib.request
import zipfile

import numpy as np
import pytest

import nn
from gradschool.cli import main
from gradschool.playground import Playground, protocol
from gradschool.playground.server import PlaygroundServer


@pytest.fixture
def trained():
    pg = Playground(dataset="xor", hidden=[6], features=["x1", "x2", "x1*x2"], learning_rate=0.1)
    pg.step(5)
    return pg


def test_export_writes_a_run_folder_that_evaluate_and_graph_accept(trained, tmp_path, capsys):
    folder = trained.export(tmp_path / "run")
    names = {path.name for path in folder.iterdir()}
    assert {"config.json", "model.npz", "data.npz", "history.csv", "metrics.json"} <= names
    config = json.loads((folder / "config.json").read_text())
    assert (config["in_features"], config["out_features"], config["hidden"]) == (3, 2, [6])
    assert config["activation"] == "tanh" and config["epochs"] == 5
    assert json.loads((folder / "playground.json").read_text()) == trained.state
    history = (folder / "history.csv").read_text().splitlines()
    assert history[0] == "epoch,loss,val_loss" and len(history) == 7  # epochs 0..5 + header
    metrics = json.loads((folder / "metrics.json").read_text())
    assert metrics["test_loss"] == pytest.approx(trained.test_loss)
    assert metrics["train_loss"] == pytest.approx(trained.train_loss)

    model = nn.MLP(3, [6], 2, activation="tanh").load(folder / "model.npz")
    np.testing.assert_allclose(model(trained.X_test).data, trained.network(trained.X_test).data)

    capsys.readouterr()
    assert main(["evaluate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "identical to metrics.json" in out and "100.00%" not in out.split("\n")[0]
    assert main(["graph", str(folder), "--format", "dot"]) == 0
    assert (folder / "graph.dot").read_text().startswith("digraph")


def test_an_export_on_two_inputs_can_be_evaluated_on_another_data_set(tmp_path, capsys):
    pg = Playground(dataset="moons", hidden=[8], learning_rate=0.1)
    pg.step(5)
    folder = pg.export(tmp_path / "moons")
    assert main(["evaluate", str(folder), "--dataset", "moons"]) == 0
    assert "evaluated on moons" in capsys.readouterr().out


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_damaged_saved_split_is_one_line(trained, tmp_path, capsys, damage):
    folder = trained.export(tmp_path / "run")
    if damage == "missing":
        (folder / "data.npz").unlink()
    else:
        (folder / "data.npz").write_bytes(b"not an npz")
    capsys.readouterr()
    assert main(["evaluate", str(folder)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot read the saved data" in error


def test_export_by_default_goes_to_runs_playground(trained, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = trained.export()
    assert folder.parent.name == "runs" and folder.name.startswith("playground-")


def test_regression_export_is_evaluated_with_mae(tmp_path, capsys):
    pg = Playground(dataset="reg-gauss", hidden=[8], activation="relu")
    pg.step(2)
    folder = pg.export(tmp_path / "reg")
    assert main(["evaluate", str(folder)]) == 0
    assert "mae" in capsys.readouterr().out


def test_mixed_activations_cannot_be_a_run_folder(tmp_path):
    pg = Playground(hidden=[3, 3], activation=["relu", "tanh"])
    with pytest.raises(ValueError, match="one activation for all hidden layers"):
        pg.export(tmp_path / "run")
    assert not (tmp_path / "run").exists()


def test_graph_is_dot_text_without_dot_and_svg_with_it(trained, monkeypatch):
    file_format, text = trained.graph("dot")
    assert file_format == "dot" and "layers.0.weight" in text
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert trained.graph()[0] == "dot"  # no `dot` program: the DOT text, not an error
    with pytest.raises(ValueError, match="file_format"):
        trained.graph("png")


@pytest.mark.skipif(shutil.which("dot") is None, reason="the Graphviz 'dot' program is missing")
def test_graph_is_svg_with_dot(trained):
    file_format, text = trained.graph()
    assert file_format == "svg" and "<svg" in text


def test_graph_does_not_disturb_training(trained):
    twin = Playground(**trained.state)
    twin.step(5)
    trained.graph("dot")
    trained.step()
    twin.step()
    assert trained.history == twin.history


def test_protocol_answers_every_action(trained, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reply = protocol.handle(trained, {"action": "step", "epochs": 2})
    assert reply["epoch"] == 7 and "points" not in reply
    reply = protocol.handle(trained, {"action": "update", "changes": {"hidden": [3]}})
    assert reply["epoch"] == 0 and reply["state"]["hidden"] == [3] and "points" in reply
    reply = protocol.handle(trained, {"action": "state", "state": {"dataset": "moons"}})
    assert reply["state"]["dataset"] == "moons" and reply["state"]["hidden"] == [4, 2]
    assert protocol.handle(trained, {"action": "regenerate"})["state"]["data_seed"] == 1
    assert protocol.handle(trained, {"action": "reset"})["epoch"] == 0
    csv = "\n".join(f"{i},{i % 3},{i % 2}" for i in range(20))
    reply = protocol.handle(trained, {"action": "upload", "csv": csv})
    assert reply["state"]["dataset"] == "custom" and len(reply["points"]["train"]) == 10
    reply = protocol.handle(trained, {"action": "export"})
    assert (tmp_path / "runs" / reply["name"] / "model.npz").is_file()
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(reply["zip"])))
    assert f"{reply['name']}/model.npz" in archive.namelist()
    assert protocol.handle(trained, {"action": "graph", "format": "dot"})["format"] == "dot"


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ({"action": "update", "changes": {"learning_rate": "fast"}}, "state['learning_rate']"),
        ({"action": "fly"}, "unknown action 'fly'"),
        ({"nothing": 1}, "must be a dict with an 'action'"),
        ({"action": "step", "epochs": -1}, "epochs must be a positive int"),
        ({"action": "upload", "csv": "a,b,c\n1,2"}, "CSV row 1"),
        ({"action": "state", "state": [1]}, "state needs 'state'"),
    ],
)
def test_protocol_tells_errors_in_one_line(trained, request_, message):
    before = trained.state
    reply = protocol.handle(trained, request_)
    assert set(reply) == {"error"} and message in reply["error"]
    assert trained.state == before


@pytest.fixture
def server():
    server = PlaygroundServer(0, Playground())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def post(server, body: bytes, **headers) -> dict:
    headers = {"Content-Type": "application/json", **headers}
    request = urllib.request.Request(server.url + "api", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_server_serves_the_page_and_answers_requests(server):
    assert server.url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(server.url, timeout=10) as response:
        page = response.read().decode()
    assert "/static/page.js" in page and "//" not in page.replace("http://", "").split("<body")[0]
    for name in ("playground.js", "page.js", "playground.css"):
        with urllib.request.urlopen(f"{server.url}static/{name}", timeout=10) as response:
            assert response.status == 200 and b"http" not in response.read()[:0]
    assert post(server, json.dumps({"action": "step"}).encode())["epoch"] == 1
    assert "not JSON" in post(server, b"{oops")["error"]


@pytest.mark.parametrize(
    ("headers", "code"),
    [({"Content-Type": "text/plain"}, 415), ({"Host": "evil.example:80"}, 403)],
)
def test_server_refuses_requests_other_sites_could_send(server, headers, code):
    before = server.playground.epoch
    with pytest.raises(urllib.error.HTTPError) as error:
        post(server, json.dumps({"action": "step"}).encode(), **headers)
    error.value.close()
    assert error.value.code == code and server.playground.epoch == before


def test_a_busy_port_is_one_line(server, capsys):
    port = server.server_address[1]
    assert main(["playground", "--no-browser", "--port", str(port)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and f"cannot serve on 127.0.0.1:{port}" in error


@pytest.mark.parametrize("path", ["static/../server.py", "static/nothing.js", "etc/passwd"])
def test_server_serves_only_its_own_files(server, path):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server.url + path, timeout=10)
    error.value.close()
    assert error.value.code == 404


def test_the_front_end_loads_nothing_from_the_internet():
    from gradschool.playground import server as server_module

    for path in server_module.STATIC.iterdir():
        text = path.read_text()
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text, path.name


def test_widget_answers_the_front_end_messages():
    widget_module = pytest.importorskip("gradschool.playground.widget")
    widget = widget_module.PlaygroundWidget(Playground())
    assert "export default" in widget._esm and ".gs-playground" in widget._css  # the files
    sent = []
    widget.send = lambda content, buffers=None: sent.append(content)
    widget._answer(widget, {"id": 7, "request": {"action": "step", "epochs": 3}}, [])
    assert sent[0]["id"] == 7 and sent[0]["reply"]["epoch"] == 3
    widget._answer(widget, {"id": 8, "request": {"action": "fly"}}, [])
    assert "unknown action" in sent[1]["reply"]["error"]
    data, _ = Playground()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data


def test_without_the_widget_library_jupyter_shows_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "anywidget", None)
    monkeypatch.delitem(sys.modules, "gradschool.playground.widget", raising=False)
    bundle = Playground()._repr_mimebundle_()
    assert "pip install 'gradschool[playground]'" in bundle["text/plain"]


def test_command_without_its_extra_says_what_to_install(monkeypatch, capsys):
    import gradschool.playground

    # The import of the server fails as it does when a library it needs is missing.
    monkeypatch.delattr(gradschool.playground, "server", raising=False)
    monkeypatch.setitem(sys.modules, "gradschool.playground.server", None)
    assert main(["playground", "--no-browser"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "pip install 'gradschool[playground]'" in error


def test_command_rejects_a_bad_port(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["playground", "--port", "70000"])
    assert exit_.value.code == 2 and "a port 0-65535" in capsys.readouterr().err
