"""Showing a graph picture with or without Graphviz's `dot` program.

`draw_graph` returns a `GraphPicture`, a `graphviz.Digraph` that shows itself in Jupyter
on any machine:

1. with `dot` installed, exactly as any Digraph: an SVG that `dot` renders;
2. without it, drawn in the browser by the WebAssembly build of Graphviz that the Python
   package `graphviz-anywidget` ships (the `notebooks` extra installs it; no system
   program, no download at run time);
3. without either, a one-line hint and the DOT text, which needs nothing.

Files are another matter: an SVG or PNG needs `dot`, and without it `render` and `pipe`
raise `DotNotInstalled`, one line that says how to install it, before writing anything;
the DOT text (`to_dot`, `.source`, `format="dot"`) never needs it.
"""

import shutil

import graphviz

#: How to get Graphviz's `dot` on each system, for messages.
INSTALL_DOT = (
    "apt install graphviz (Debian, Ubuntu), brew install graphviz (macOS), "
    "conda install -c conda-forge graphviz, winget install graphviz (Windows)"
)

NO_RENDERER = (
    "(no picture: Graphviz's dot program is not installed and neither is graphviz-anywidget; "
    "pip install graphviz-anywidget to draw graphs in Jupyter, or install Graphviz: "
    f"{INSTALL_DOT}. The graph's DOT text follows.)"
)


def dot_installed() -> bool:
    """Whether Graphviz's `dot` program is on the PATH (graphviz runs it from there)."""
    return shutil.which("dot") is not None


class DotNotInstalled(graphviz.ExecutableNotFound):
    """A picture file (SVG, PNG) was asked for, and Graphviz's `dot` is not installed.

    A `graphviz.ExecutableNotFound` (so a RuntimeError), whose message is one line that
    says how to install `dot`.
    """

    def __init__(self, file_format: str):
        RuntimeError.__init__(
            self,
            f"drawing the graph as {file_format} needs Graphviz's dot program, which is not "
            f"installed; install it with one of: {INSTALL_DOT}. The DOT text (format 'dot') "
            "needs nothing",
        )


def require_dot(file_format: str) -> None:
    """Raise `DotNotInstalled` unless `dot` is installed (`file_format` is for the message)."""
    if not dot_installed():
        raise DotNotInstalled(file_format)


class GraphPicture(graphviz.Digraph):
    """A `graphviz.Digraph` that Jupyter shows also where `dot` is not installed.

    `render` and `pipe` check for `dot` first, so that its absence is one clear line and
    leaves no file behind (graphviz would write the DOT source file before failing).
    Everything else (`source`, `node`, `edge`, ...) is the Digraph's own.
    """

    def pipe(self, format=None, *args, **kwargs):  # `format`: graphviz's argument name
        require_dot(format or self.format)
        return super().pipe(format, *args, **kwargs)

    def render(self, *args, **kwargs):
        require_dot(kwargs.get("format") or self.format)
        return super().render(*args, **kwargs)

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        """What Jupyter shows: dot's SVG, else the in-browser Graphviz, else DOT text."""
        try:
            return super()._repr_mimebundle_(include, exclude, **kwargs)
        except graphviz.ExecutableNotFound:
            pass  # no `dot` program: draw it in the browser instead
        widget = browser_widget(self.source)
        if widget is None:
            return {"text/plain": f"{NO_RENDERER}\n{self.source}"}
        # An anywidget gives IPython (data, metadata); a front end that shows no widgets
        # (a static page of the notebook) shows the data's text instead, so make it useful.
        data, metadata = widget._repr_mimebundle_(include=include, exclude=exclude, **kwargs)
        data["text/plain"] = (
            "(drawn in the browser by graphviz-anywidget: Graphviz's dot program is not "
            "installed. The graph's DOT text follows.)\n" + self.source
        )
        return data, metadata


def browser_widget(source: str):
    """A `graphviz-anywidget` widget showing the DOT `source`, or None without the package."""
    try:
        from graphviz_anywidget import graphviz_widget_simple
    except ImportError:
        return None
    return graphviz_widget_simple(source)
