"""Fixtures of the PyTorch-habits tests: the programs, and their starting weights."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest


def _load(name):
    """Import `name`.py from this folder (the tests run with --import-mode=importlib, so the
    folder is not on sys.path)."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"pytorch_habits_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def habits():
    return _load("habits")


@pytest.fixture(scope="session")
def habits_torch():
    pytest.importorskip("torch")
    return _load("habits_torch")


@pytest.fixture
def start():
    """start(name): the same starting weights for a program and its torch twin (the
    tutorial draws them with torch.randn; (b) starts from its a=0, b=-1, c=0, d=0.3)."""
    rng = np.random.default_rng(0)
    weights = {k: float(rng.normal()) for k in "abcde"}
    weights["weight"] = rng.normal(size=(1, 3))  # PyTorch's (out, in) layout
    weights["bias"] = rng.normal(size=(1,))

    def start_of(name):
        if name == "custom_function":
            return dict(weights, a=0.0, b=-1.0, c=0.0, d=0.3)
        return weights

    return start_of
