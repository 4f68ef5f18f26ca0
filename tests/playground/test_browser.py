"""The page in a real browser: `gradschool playground` started as a subprocess, driven in
headless Chromium (Debian's, through Playwright: no browser download) by the controls'
`data-testid`s, the contract of DESIGN.md.

Skipped, with the reason, where Playwright or Chromium is missing; `.ci/run` installs
Chromium. Every wait is bounded and the server process is always stopped.
"""

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')"
)
CHROMIUM = shutil.which("chromium")  # Debian's package: /usr/bin/chromium
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (apt-get install chromium; .ci/run does)",
        allow_module_level=True,
    )

expect = sync_api.expect
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
WAIT = 20_000  # ms: the longest any single wait may take


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`gradschool playground --no-browser --port 0` in a fresh working directory; yields
    (url, working directory). Port 0: the server takes a free port and prints its URL."""
    folder = tmp_path_factory.mktemp("playground")
    process = subprocess.Popen(
        [sys.executable, "-m", "gradschool", "playground", "--no-browser", "--port", "0"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout])
    reader.daemon = True
    reader.start()
    try:
        try:
            first = lines.get(timeout=30)
        except queue.Empty:
            pytest.fail("gradschool playground printed no URL within 30 s")
        assert "http://127.0.0.1:" in first, first
        url = first.split()[2]
        yield url, folder
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        reader.join(timeout=10)  # the pipe ends with the process
        process.stdout.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page showing a fresh experiment (the defaults, or `open_with(state)`)."""
    url, _ = server
    page = browser.new_page(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page.set_default_timeout(WAIT)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def open_with(state=None):
        state = {} if state is None else state
        page.goto("about:blank")  # a new hash alone would not load the page again
        page.goto(f"{url}#state={urllib.parse.quote(json.dumps(state))}")
        expect(page.get_by_test_id("epoch")).to_have_text("0")
        expect(page.get_by_test_id("test-loss")).to_have_text(number())

    page.open_with = open_with
    open_with()
    yield page
    page.close()
    assert errors == [], errors


def number():
    import re

    return re.compile(r"^\d+\.\d{4}$")


def loss(page, name="test-loss") -> float:
    return float(page.get_by_test_id(name).text_content())


def epoch(page) -> int:
    return int(page.get_by_test_id("epoch").text_content())


def picture(page) -> str:
    return page.get_by_test_id("boundary").evaluate("canvas => canvas.toDataURL()")


def state(page) -> dict:
    return json.loads(page.get_by_test_id("state-json").input_value())


def set_range(page, testid, value):
    page.get_by_test_id(testid).evaluate(
        "(input, value) => { input.value = value;"
        " input.dispatchEvent(new Event('change', { bubbles: true })); }",
        value,
    )


def wait_until(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {seconds} s")
        time.sleep(0.05)


def test_every_contract_control_is_on_the_page(page):
    for testid in ("dataset", "activation", "optimizer", "learning-rate", "regularization",
                   "regularization-rate", "batch-size", "noise", "train-ratio", "add-layer",
                   "remove-layer", "play", "step", "reset", "epoch", "train-loss", "test-loss",
                   "boundary", "export"):  # fmt: skip
        expect(page.get_by_test_id(testid)).to_have_count(1)
        expect(page.get_by_test_id(testid)).to_be_visible()


def test_the_page_starts_paused_and_step_trains_one_epoch(page):
    page.wait_for_timeout(500)
    assert epoch(page) == 0
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    page.get_by_test_id("step").click()
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("3")


def test_play_trains_the_loss_falls_and_the_picture_changes(page):
    before_loss, before_picture = loss(page), picture(page)
    page.get_by_test_id("play").click()
    wait_until(lambda: epoch(page) >= 40)
    page.get_by_test_id("play").click()  # pause
    wait_until(lambda: _steady(page))
    assert loss(page) < 0.8 * before_loss
    assert loss(page, "train-loss") < 0.8 * before_loss
    assert picture(page) != before_picture
    paused_at = epoch(page)
    page.wait_for_timeout(400)
    assert epoch(page) == paused_at


def _steady(page) -> bool:
    first = epoch(page)
    page.wait_for_timeout(150)
    return epoch(page) == first


def test_reset_goes_back_to_epoch_zero(page):
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    page.get_by_test_id("reset").click()
    expect(page.get_by_test_id("epoch")).to_have_text("0")


def test_controls_change_the_experiment_in_python(page):
    before = picture(page)
    page.get_by_test_id("dataset").select_option("xor")
    wait_until(lambda: state(page)["dataset"] == "xor")
    assert picture(page) != before
    page.get_by_test_id("activation").select_option("relu")
    page.get_by_test_id("optimizer").select_option("adam")
    page.get_by_test_id("loss").select_option("mse")
    page.get_by_test_id("learning-rate").select_option("0.01")
    page.get_by_test_id("regularization").select_option("l2")
    page.get_by_test_id("regularization-rate").select_option("0.001")
    set_range(page, "batch-size", 20)
    set_range(page, "noise", 10)
    set_range(page, "train-ratio", 70)
    page.get_by_test_id("add-layer").click()
    wait_until(lambda: state(page)["hidden"] == [4, 2, 2])
    page.get_by_test_id("remove-layer").click()
    page.get_by_test_id("remove-layer").click()
    wait_until(lambda: state(page)["hidden"] == [4])
    s = state(page)
    assert (s["activation"], s["optimizer"], s["learning_rate"]) == ("relu", "adam", 0.01)
    assert s["loss"] == "mse"
    assert (s["regularization"], s["regularization_rate"]) == ("l2", 0.001)
    assert (s["batch_size"], s["noise"], s["train_ratio"]) == (20, 10, 70)
    start = loss(page)
    for _ in range(15):
        page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("15")
    assert loss(page) < start


def test_the_state_in_the_url_opens_that_experiment(page):
    page.open_with({"dataset": "blobs", "n_classes": 4, "hidden": [6, 6, 6],
                    "learning_rate": 0.05, "dropout": 0.9, "early_stopping": 3})  # fmt: skip
    expect(page.get_by_test_id("dataset")).to_have_value("blobs")
    expect(page.get_by_test_id("learning-rate")).to_have_value("0.05")  # not in the list
    expect(page.get_by_test_id("dropout")).to_have_value("0.9")
    expect(page.get_by_test_id("early-stopping")).to_have_value("3")
    expect(page.get_by_test_id("layer-count")).to_have_text("3 hidden layers")
    assert '"n_classes"' in urllib.parse.unquote(page.url)


def test_a_bad_state_is_refused_with_the_field_named(page):
    page.get_by_text("State (JSON)").click()
    page.get_by_test_id("state-json").fill('{"learning_rate": 99}')
    page.get_by_test_id("apply-state").click()
    expect(page.get_by_test_id("error")).to_contain_text("state['learning_rate']")
    expect(page.get_by_test_id("learning-rate")).to_have_value("0.03")  # nothing changed


def test_export_writes_a_run_folder_and_offers_it(page, server):
    _, folder = server
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    with page.expect_download(timeout=WAIT) as download:
        page.get_by_test_id("export").click()
    expect(page.get_by_test_id("exported")).to_contain_text("runs/playground-")
    name = download.value.suggested_filename
    assert name.startswith("playground-") and name.endswith(".zip")
    run = folder / "runs" / name.removesuffix(".zip")
    assert (run / "model.npz").is_file() and (run / "config.json").is_file()


def test_show_the_graph_draws_one_pass(page):
    page.get_by_test_id("show-graph").click()
    expect(page.get_by_test_id("graph").locator("svg, pre")).to_have_count(1)
    expect(page.get_by_test_id("graph")).to_contain_text("layers.0.weight")


def test_the_widget_front_end_trains_through_its_messages(page):
    """The module anywidget loads, rendered with a stand-in for anywidget's model whose
    custom messages travel to the same Python handler (the server's /api), as the widget's
    own `_answer` sends them on in Jupyter."""
    page.evaluate(
        """async () => {
          const module = await import("/static/playground.js");
          const handlers = [];
          const model = {
            on(name, handler) { if (name === "msg:custom") handlers.push(handler); },
            off() {},
            send(message) {
              fetch("/api", { method: "POST", body: JSON.stringify(message.request),
                              headers: { "Content-Type": "application/json" } })
                .then((response) => response.json())
                .then((reply) => handlers.forEach((h) => h({ id: message.id, reply })));
            },
          };
          const el = document.createElement("div");
          el.id = "widget";
          document.body.append(el);
          module.default.render({ model, el });
        }"""
    )
    widget = page.locator("#widget")
    expect(widget.get_by_test_id("test-loss")).to_have_text(number())
    before = widget.get_by_test_id("boundary").evaluate("canvas => canvas.toDataURL()")
    widget.get_by_test_id("step").click()
    widget.get_by_test_id("step").click()
    expect(widget.get_by_test_id("epoch")).to_have_text("2")
    after = widget.get_by_test_id("boundary").evaluate("canvas => canvas.toDataURL()")
    assert after != before


def test_an_uploaded_csv_becomes_the_data(page):
    rows = "\n".join(f"{i % 7},{i % 5},{int(i % 7 > 3)}" for i in range(60))
    page.get_by_test_id("upload").set_input_files(
        files=[{"name": "points.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
    )
    expect(page.get_by_test_id("dataset")).to_have_value("custom")
    assert len(state(page)["custom"]["X"]) == 60
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")


def test_neurons_activations_and_weights_in_the_network_view(page):
    page.get_by_test_id("add-neuron-0").click()
    wait_until(lambda: state(page)["hidden"] == [5, 2])
    page.get_by_test_id("activation-1").select_option("leaky_relu")
    wait_until(lambda: state(page)["activation"] == ["tanh", "leaky_relu"])
    page.get_by_test_id("feature-x1^2").check()
    wait_until(lambda: state(page)["features"] == ["x1", "x2", "x1^2"])
    link = page.locator(".gs-link").nth(1)  # links cross: dispatched, not aimed at
    link.dispatch_event("mouseenter")
    expect(page.get_by_test_id("weight-info")).to_contain_text("weight")
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    link.dispatch_event("click")
    expect(page.get_by_test_id("weight-info")).to_contain_text("gradient of the last batch")
    assert page.locator(".gs-link").count() == 3 * 5 + 5 * 2 + 2 * 2


def test_test_points_and_discretized_output_change_the_picture(page):
    plain = picture(page)
    page.get_by_test_id("show-test").check()
    wait_until(lambda: state(page)["show_test"])
    with_test = picture(page)
    page.get_by_test_id("discretize").check()
    wait_until(lambda: state(page)["discretize"])
    assert len({plain, with_test, picture(page)}) == 3


def test_the_largest_network_trains(page):
    page.open_with({"hidden": [64] * 10, "activation": "relu"})
    expect(page.get_by_test_id("layer-count")).to_have_text("10 hidden layers")
    expect(page.get_by_test_id("weight-info")).to_contain_text("too many to draw")
    page.get_by_test_id("add-layer").click()  # an 11th layer is refused by the page
    page.get_by_test_id("step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    assert len(state(page)["hidden"]) == 10
