"""The messages between the front end and a `Playground`, one handler for both surfaces.

The page (through the local server's POST /api) and the Jupyter widget (through the
widget's custom messages) send the same requests, `{"action": ..., **arguments}`, and get
the same replies:

    view                            -> the view (see `view.build`), with the points
    update {"changes": {...}}       -> the view after changing some settings
    state {"state": {...}}          -> the view after replacing all settings (a loaded file)
    step {"epochs": n}              -> the view after n epochs, without the points
    reset | regenerate              -> the view of a new network | of new data
    upload {"csv": "x1,x2,y rows"}  -> the view with the user's points (dataset "custom")
    export                          -> {"folder": ..., "name": ..., "zip": base64 of a .zip}
    graph                           -> {"format": "svg" | "dot", "text": ...}

A request that fails (a bad setting, a folder that cannot be written) gets `{"error": one
line}`; the front end shows it and nothing changes.
"""

from gradschool import runs
from gradschool.playground import datasets, export

#: What a failed request can raise: told to the user, never a traceback.
USER_ERRORS = (ValueError, TypeError, RuntimeError, OSError, runs.RunError)


def handle(playground, request) -> dict:
    """Carry out `request` (a dict) on `playground`; returns the reply (a JSON-ready dict).
    Exports go to runs/playground-<time>/ under the working directory."""
    try:
        return _dispatch(playground, request)
    except USER_ERRORS as error:
        return {"error": str(error) or type(error).__name__}


def _dispatch(playground, request):
    if not isinstance(request, dict) or not isinstance(request.get("action"), str):
        raise ValueError(f"a request must be a dict with an 'action'; got {request!r}")
    action = request["action"]
    if action == "view":
        return playground.view()
    if action == "update":
        playground.update(**_dict(request, "changes"))
        return playground.view()
    if action == "state":
        playground.state = _dict(request, "state")
        return playground.view()
    if action == "step":
        playground.step(request.get("epochs", 1))
        return playground.view(points=False)
    if action in ("reset", "regenerate"):
        getattr(playground, action)()
        return playground.view()
    if action == "upload":
        text = request.get("csv")
        if not isinstance(text, str):
            raise ValueError("upload needs 'csv': the text of a CSV file with rows x1,x2,y")
        playground.update(dataset="custom", custom=datasets.read_csv(text))
        return playground.view()
    if action == "export":
        folder = playground.export()
        return {"folder": str(folder), "name": folder.name, "zip": export.zipped(folder)}
    if action == "graph":
        file_format, text = playground.graph(request.get("format", "svg"))
        return {"format": file_format, "text": text}
    raise ValueError(f"unknown action {action!r}")


def _dict(request, key) -> dict:
    value = request.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{request['action']} needs {key!r}: a dict; got {value!r}")
    return value
