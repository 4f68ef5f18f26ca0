"""The playground in Jupyter: an anywidget whose front end is the page's own module.

anywidget loads `static/playground.js` (an ES module whose default export has `render`)
and `static/playground.css` from the package, so the widget works offline like the page.
The front end sends the same requests as the page (see `protocol`) as custom messages
`{"id": n, "request": {...}}`; the widget answers each with `{"id": n, "reply": {...}}`.

    from gradschool.playground import Playground
    Playground(dataset="xor")          # the last line of a cell shows the widget
"""

import pathlib

try:
    import anywidget
except ImportError as error:  # the `playground` extra is not installed
    raise ImportError(
        "the playground widget needs anywidget: pip install 'gradschool[playground]'"
    ) from error

from gradschool.playground import protocol

STATIC = pathlib.Path(__file__).parent / "static"


class PlaygroundWidget(anywidget.AnyWidget):
    """A widget showing `playground` (a `Playground`); every press trains it in Python."""

    _esm = STATIC / "playground.js"
    _css = STATIC / "playground.css"

    def __init__(self, playground, **kwargs):
        super().__init__(**kwargs)
        self.playground = playground
        self.on_msg(self._answer)

    def _answer(self, widget, content, buffers):
        if not isinstance(content, dict) or "id" not in content:
            return
        reply = protocol.handle(self.playground, content.get("request"))
        self.send({"id": content["id"], "reply": reply})
