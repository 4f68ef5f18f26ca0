"""The widget in JupyterLab: a notebook whose cell is `Playground()` is opened in headless
Chromium (Playwright), run, and trained by pressing the widget's own Step button.

Skipped, with the reason, where JupyterLab, anywidget, Playwright or Chromium is missing.
Every wait is bounded; the JupyterLab server and its kernel are always stopped.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip(
    "jupyterlab", reason="JupyterLab is not installed (pip install '.[notebooks]')"
)
pytest.importorskip("anywidget", reason="anywidget is not installed (pip install '.[playground]')")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')"
)
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (apt-get install chromium; .ci/run does)",
        allow_module_level=True,
    )
expect = sync_api.expect
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "playground",
            "metadata": {},
            "outputs": [],
            "source": ["from gradschool.playground import Playground\n", "Playground()"],
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory):
    """JupyterLab on 127.0.0.1 in a fresh folder holding playground.ipynb; yields its URL.
    Its settings and runtime files stay in the folder too."""
    folder = tmp_path_factory.mktemp("jupyter")
    (folder / "playground.ipynb").write_text(json.dumps(NOTEBOOK))
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / "config"),
           "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces")}  # fmt: skip
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
               f"--port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
               "--IdentityProvider.token=", f"--ServerApp.root_dir={folder}"]  # fmt: skip
    log = open(folder / "jupyter.log", "w")  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(
        command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while not _answers(url + "api"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start: {(folder / 'jupyter.log').read_text()}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server and the kernel it started
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def _answers(url) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_the_widget_trains_in_jupyterlab(jupyter):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(jupyter + "lab/tree/playground.ipynb")
            cell = page.locator(".jp-Notebook .jp-Cell").first
            cell.wait_for()
            page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for()
            cell.click()
            page.keyboard.press("Shift+Enter")
            output = page.locator(".jp-OutputArea")
            expect(output.get_by_test_id("epoch")).to_have_text("0")
            expect(output.get_by_test_id("test-loss")).to_have_text(re.compile(r"^\d\.\d{4}$"))
            start = float(output.get_by_test_id("test-loss").text_content())
            before = output.get_by_test_id("boundary").evaluate("canvas => canvas.toDataURL()")
            for _ in range(5):
                output.get_by_test_id("step").click()
            expect(output.get_by_test_id("epoch")).to_have_text("5")
            assert float(output.get_by_test_id("test-loss").text_content()) < start
            after = output.get_by_test_id("boundary").evaluate("canvas => canvas.toDataURL()")
            assert after != before
        finally:
            browser.close()
