"""Ctrl-C for the `gradschool` command: the first one interrupts, later ones are ignored.

Python turns Ctrl-C (SIGINT) into a KeyboardInterrupt wherever the program happens to be.
The command catches it and says `interrupted` in one line; but a user who presses Ctrl-C
again while that clean-up runs (a status being written, the message being printed) would
interrupt the clean-up itself and get a traceback. So after the first Ctrl-C every later
one is ignored, until the process ends.
"""

import contextlib
import signal
import threading

#: Set when the first Ctrl-C has been seen. C code that is interrupted (numpy's extension
#: modules while they load) may turn the KeyboardInterrupt into another error, such as an
#: ImportError; this tells `main` that the real cause was Ctrl-C.
_interrupted = threading.Event()


def happened() -> bool:
    """Whether a Ctrl-C has been seen (since `install`)."""
    return _interrupted.is_set()


def install():
    """From now on, the first Ctrl-C raises KeyboardInterrupt and later ones are ignored.
    Returns the previous handler (None outside the main thread, where signals cannot be
    handled, and nothing is changed)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _interrupted.set()
        raise KeyboardInterrupt

    _interrupted.clear()
    return signal.signal(signal.SIGINT, interrupt)


@contextlib.contextmanager
def interrupt_once():
    """`install()` for the block. Without a Ctrl-C the previous handler is restored after
    it; after one, Ctrl-C stays ignored (the command is ending, and a late one must not
    turn its exit into a traceback)."""
    previous = install()
    try:
        yield
    finally:
        if previous is not None and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def ignored():
    """Ignore Ctrl-C inside the block (main thread only), e.g. while a run folder changes
    state (a status written, two renames), so that no Ctrl-C leaves it half-changed; the
    previous handler is restored after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
