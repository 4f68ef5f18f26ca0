"""The examples in nn's docstrings run and print what they show."""

import doctest
import importlib

import numpy as np
import pytest

import data
import nn
import optim

MODULES = ["module", "init", "activations", "layers", "dropout", "perceptron", "losses",
           "metrics", "training", "callbacks", "checkpoint", "conv", "pooling",
           "functional"]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"nn.{name}")
    names = {**vars(nn), **vars(module), "np": np, "data": data, "optim": optim}
    failed, _ = doctest.testmod(module, globs=names, optionflags=doctest.ELLIPSIS)
    assert failed == 0
