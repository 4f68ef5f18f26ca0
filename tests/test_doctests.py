"""Every example in the docstrings of autograd, nn, optim and data runs and prints what it shows.

The examples are found in every module of the four packages (new modules are picked up
without touching this file), one test per docstring. Each runs as a reader would type it
into a fresh Python session after

    import numpy as np
    import autograd, data, nn, optim
    from autograd import *
    from <the package that holds the module> import *     (data.augment: data's and its own)

so an example uses public names only; anything else it needs, it imports itself. Results
are output lines that doctest compares (`...` matches any text), never comments.
"""

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import autograd
import data
import nn
import optim

PACKAGES = (autograd, nn, optim, data)
FLAGS = doctest.ELLIPSIS


def public_names(package):
    """What `from package import *` gives: its `__all__`, else its names without a `_`."""
    names = getattr(package, "__all__", [name for name in vars(package) if name[0] != "_"])
    return {name: getattr(package, name) for name in names}


def namespace(module_name):
    """The names an example of `module_name` may use without importing them."""
    names = {"np": np, **{package.__name__: package for package in PACKAGES}}
    names.update(public_names(autograd))
    parts = module_name.split(".")
    for end in range(1, len(parts) + 1):
        enclosing = importlib.import_module(".".join(parts[:end]))
        if hasattr(enclosing, "__path__"):  # a package, not a module
            names.update(public_names(enclosing))
    return names


def module_names(package):
    prefix = package.__name__ + "."
    return [package.__name__] + [
        info.name for info in pkgutil.walk_packages(package.__path__, prefix)
    ]


def find_examples():
    finder = doctest.DocTestFinder()
    examples = []
    for package in PACKAGES:
        for name in module_names(package):
            module = importlib.import_module(name)
            tests = finder.find(module, name, globs=namespace(name))
            examples += sorted((test for test in tests if test.examples), key=lambda t: t.name)
    return examples


EXAMPLES = find_examples()


@pytest.mark.parametrize("test", EXAMPLES, ids=[test.name for test in EXAMPLES])
def test_docstring_example(test):
    report = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)


@pytest.mark.parametrize("package", PACKAGES, ids=[package.__name__ for package in PACKAGES])
def test_every_package_has_examples(package):
    found = [test for test in EXAMPLES if test.name.split(".")[0] == package.__name__]
    assert len(found) >= 3, f"{package.__name__}: {[test.name for test in found]}"


@pytest.mark.parametrize(("shown", "failures"), [("6.0", 0), ("7.0", 1)])
def test_a_wrong_result_fails(shown, failures):
    """The runner compares outputs: the same example passes with its true result only."""
    text = f">>> (Value(2.0) * 3).data\n{shown}\n"
    example = doctest.DocTestParser().get_doctest(text, namespace("nn"), "example", None, 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    assert runner.run(example, out=lambda report: None).failed == failures
