"""Switching gradient recording off: `no_grad()`.

Inside `with no_grad():` (or in a function decorated with `@no_grad()`), ops compute their
results but record no parents, so no graph is built and no memory is kept for a backward
pass. Use it for evaluation and for parameter updates.
"""

import contextlib

_enabled = True


def is_grad_enabled() -> bool:
    """True when ops record the graph (the default), False inside `no_grad()`."""
    return _enabled


class no_grad(contextlib.ContextDecorator):  # noqa: N801 -- named like torch.no_grad
    """Context manager and decorator: ops inside record no graph.

    Example:
        >>> w = Value(3.0)
        >>> with no_grad():
        ...     y = w * 2.0
        >>> y.parents, y.requires_grad
        ((), False)
    """

    def __enter__(self):
        global _enabled
        self._previous = _enabled
        _enabled = False
        return self

    def __exit__(self, *exc_info):
        global _enabled
        _enabled = self._previous
        return False
