"""The examples in data.augment's docstrings run and print what they show."""

import doctest
import importlib

import numpy as np
import pytest

import data.augment

MODULES = [
    "layout", "base", "sampling", "geometric", "crops", "color", "tone", "filters", "jpeg",
    "erasing", "lens", "combinators", "policies",
]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"data.augment.{name}")
    names = {**vars(data.augment), **vars(module), "np": np}
    failed, _ = doctest.testmod(module, globs=names, optionflags=doctest.ELLIPSIS)
    assert failed == 0
