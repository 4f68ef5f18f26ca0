"""`gradschool playground`: the playground as a local web page.

A `ThreadingHTTPServer` from the standard library on 127.0.0.1 only (never reachable from
another machine) serves the front end's files from the package's `static/` folder (no
CDN: the page works offline) and answers POST /api with `protocol.handle`. One
`Playground` lives in the server; a lock lets one request at a time touch it, so the page's
requests (a step while a setting changes) never interleave.

    GET  /                 the page (static/index.html)
    GET  /static/<file>    playground.js, page.js, playground.css
    POST /api              a request {"action": ...} -> its JSON reply
"""

import http.server
import json
import pathlib
import threading
import webbrowser

from gradschool.playground import protocol
from gradschool.playground.playground import Playground

STATIC = pathlib.Path(__file__).parent / "static"
CONTENT_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}
MAX_REQUEST = 50 * 2**20  # an uploaded CSV of a million points fits


class PlaygroundServer(http.server.ThreadingHTTPServer):
    """An HTTP server holding one `Playground` and the lock that guards it."""

    daemon_threads = True

    def __init__(self, port=0, playground=None):
        super().__init__(("127.0.0.1", port), _Handler)
        self.playground = playground if playground is not None else Playground()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection for all of a page's requests
    # The headers and the body leave in two writes; with Nagle's algorithm the second waits
    # for the client's delayed ACK of the first (about 40 ms), capping the page at ~20 fps.
    disable_nagle_algorithm = True

    def do_GET(self):
        name = "index.html" if self.path in ("/", "/index.html") else None
        if self.path.startswith("/static/"):
            name = self.path.removeprefix("/static/").split("?")[0]
        files = {path.name for path in STATIC.iterdir()}
        if name not in files:  # only the package's own files, never a path outside it
            self.send_error(404)
            return
        path = STATIC / name
        self._send(path.read_bytes(), CONTENT_TYPES.get(path.suffix, "application/octet-stream"))

    def do_POST(self):
        if self.path != "/api":
            self.send_error(404)
            return
        # Only this machine's pages may drive the playground: another site open in the
        # browser can send a POST to 127.0.0.1 too, but not with a JSON content type
        # (the browser asks first, and this server does not allow it), nor with a Host
        # header that names 127.0.0.1 or localhost unless it is one of them.
        port = self.server.server_address[1]
        if self.headers.get("Host") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            self.send_error(403, "the playground answers pages served from this machine only")
            return
        if self.headers.get_content_type() != "application/json":
            self.send_error(415, "requests are JSON (Content-Type: application/json)")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_REQUEST:
            self.send_error(413 if length else 400)
            return
        try:
            request = json.loads(self.rfile.read(length))
        except ValueError as error:
            reply = {"error": f"the request is not JSON: {error}"}
        else:
            with self.server.lock:
                reply = protocol.handle(self.server.playground, request)
        self._send(json.dumps(reply, allow_nan=False).encode("utf-8"), "application/json")

    def _send(self, body, content_type):
        self.send_response(200)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # one line per request would drown the URL the user needs


def serve(port=8765, *, open_browser=True) -> None:
    """Serve the playground on 127.0.0.1:`port` until Ctrl-C; print the URL and, with
    `open_browser`, open it. Port 0 picks a free port."""
    try:
        server = PlaygroundServer(port)
    except OSError as error:
        raise OSError(
            f"cannot serve on 127.0.0.1:{port} ({error.strerror}); choose another --port"
        ) from error
    print(f"gradschool playground: {server.url}  (Ctrl-C to stop)", flush=True)
    if open_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    finally:
        server.server_close()
