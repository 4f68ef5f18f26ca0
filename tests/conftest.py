"""Test-wide settings: hypothesis runs few enough examples to keep `make test` quick, and
no deadline, because the machines that run the suite are shared and their timing is noisy;
the `without_dot` fixture, for the pictures on a machine without Graphviz."""

import shutil

import pytest
from hypothesis import settings

settings.register_profile("gradschool", max_examples=40, deadline=None)
settings.load_profile("gradschool")


@pytest.fixture
def without_dot(tmp_path, monkeypatch):
    """A machine without Graphviz's `dot`: PATH is an empty folder for the test's duration
    (graphviz runs `dot` from PATH), whether or not this machine has it installed."""
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None
    return empty
