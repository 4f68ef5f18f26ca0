"""Switching gradient recording off: `no_grad()`.

Inside `with no_grad():` (or in a function decorated with `@no_grad()`), ops compute their
results but record no parents, so no graph is built and no memory is kept for a backward
pass. Use it for evaluation and for parameter updates.

The switch is per thread, as PyTorch's: a thread inside `no_grad()` leaves another thread's
training graph alone. Blocks nest and re-enter (a recursive `@no_grad()` function, one
`no_grad()` object used twice): leaving a block restores what entering it found.
"""

import contextlib
import threading


class _GradMode(threading.local):
    """This thread's recording switch, and the states found on entering each open block."""

    def __init__(self):
        self.enabled = True
        self.entered = []


state = _GradMode()

# How many no_grad() blocks are open in all threads together. While none is (nearly always
# while training), an op knows that it records without reading the per-thread `state`.
blocks_open = 0
_count_lock = threading.Lock()


def is_grad_enabled() -> bool:
    """True when ops record the graph (the default), False inside `no_grad()`.

    Example:
        >>> is_grad_enabled()
        True
        >>> with no_grad():
        ...     is_grad_enabled()
        False
    """
    return state.enabled


class no_grad(contextlib.ContextDecorator):  # noqa: N801 -- named like torch.no_grad
    """Context manager and decorator: ops inside record no graph.

    Example:
        >>> w = Value(3.0)
        >>> with no_grad():
        ...     y = w * 2.0
        >>> y.parents, y.requires_grad
        ((), False)
    """

    # The state found on entering is kept on this thread's stack, not on the object: the
    # same object may be entered again before it is left (a decorated recursive function),
    # or by another thread.
    def __enter__(self):
        global blocks_open
        state.entered.append(state.enabled)
        state.enabled = False
        with _count_lock:
            blocks_open += 1
        return self

    def __exit__(self, *exc_info):
        global blocks_open
        state.enabled = state.entered.pop()
        with _count_lock:
            blocks_open -= 1
        return False
