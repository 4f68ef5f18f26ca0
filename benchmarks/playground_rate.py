"""How many picture updates per second the playground gives while training its default
network (TensorFlow Playground's: circle, 2-4-2 tanh, batch 10, 250 training points).

One update is what a press of "play" repeats: train one epoch, compute the picture (the
decision boundary on a 50x50 grid, every neuron on 20x20, the weights, the losses) and
send it as JSON. Measured three ways, each for `--seconds`:

    python   Playground.step() + view() + json.dumps, in this process
    http     the same through the local server (POST /api, one request per update)
    browser  `gradschool playground` in its own process and the page in headless Chromium
             (Playwright), playing: epochs shown per second (skipped when Playwright or
             Chromium is missing)

    python benchmarks/playground_rate.py [--seconds 5]

The goal is at least 20 updates per second.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from gradschool.playground import Playground
from gradschool.playground.server import PlaygroundServer


def python_rate(seconds) -> float:
    playground = Playground()
    updates, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        playground.step()
        json.dumps(playground.view(points=False), allow_nan=False)
        updates += 1
    return updates / (time.perf_counter() - start)


def http_rate(url, seconds) -> float:
    body = json.dumps({"action": "step", "epochs": 1}).encode()
    updates, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        request = urllib.request.Request(
            f"{url}api", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            json.loads(response.read())
        updates += 1
    return updates / (time.perf_counter() - start)


def browser_rate(seconds) -> float | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    command = [sys.executable, "-m", "gradschool", "playground", "--no-browser", "--port", "0"]
    with (
        tempfile.TemporaryDirectory() as folder,
        subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, text=True) as server,
    ):
        try:
            url = server.stdout.readline().split()[2]
            return _play(sync_playwright, chromium, url, seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)


def _play(sync_playwright, chromium, url, seconds) -> float:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(url)
        page.get_by_test_id("test-loss").filter(has_text=".").wait_for(timeout=20_000)
        page.get_by_test_id("reset").click()
        page.get_by_test_id("play").click()
        time.sleep(1.0)  # warm up
        first, start = int(page.get_by_test_id("epoch").text_content()), time.perf_counter()
        time.sleep(seconds)
        last, end = int(page.get_by_test_id("epoch").text_content()), time.perf_counter()
        page.get_by_test_id("play").click()
        browser.close()
    return (last - first) / (end - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    print(f"updates per second while training the default network ({args.seconds:g} s each)")
    print(f"  python   {python_rate(args.seconds):7.1f}")
    server = PlaygroundServer(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        print(f"  http     {http_rate(server.url, args.seconds):7.1f}")
    finally:
        server.shutdown()
        server.server_close()
    rate = browser_rate(args.seconds)
    print(f"  browser  {rate:7.1f}" if rate is not None else "  browser  (no Playwright/Chromium)")


if __name__ == "__main__":
    main()
