"""Draw docs/images/playground.png, the README's picture of the playground's page.

A spiral learnt by a 3-layer network on five features, trained in Python first, then shown
by the local server in headless Chromium (Debian's, through Playwright) and photographed.

    python docs/make_playground_image.py
"""

import pathlib
import shutil
import sys
import threading

from gradschool.playground import Playground
from gradschool.playground.server import PlaygroundServer

IMAGE = pathlib.Path(__file__).parent / "images" / "playground.png"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def trained() -> Playground:
    playground = Playground(
        dataset="spiral", noise=10, hidden=[8, 8, 4], features=["x1", "x2", "x1^2", "x2^2",
        "sin(x1)", "sin(x2)"], optimizer="adam", learning_rate=0.01, show_test=True,
    )  # fmt: skip
    playground.step(epochs=150)
    return playground


def main() -> int:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("needs Playwright: pip install playwright", file=sys.stderr)
        return 1
    chromium = shutil.which("chromium")
    if chromium is None:
        print("needs Chromium: apt-get install chromium", file=sys.stderr)
        return 1
    server = PlaygroundServer(0, trained())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1380, "height": 760})
            page.goto(server.url)  # no state in the URL: the page shows the trained network
            page.get_by_test_id("epoch").filter(has_text="150").wait_for(timeout=30_000)
            IMAGE.parent.mkdir(exist_ok=True)
            page.locator(".gs-playground").screenshot(path=IMAGE)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print("wrote", IMAGE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
