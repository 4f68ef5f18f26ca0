"""The installed packages keep their plain names safely: a learner's own `data/`, `nn/` or
`optim/` folder in the working directory does not hide them (the editable install is in
setuptools' strict mode, see the Makefile), and another package called `autograd` ahead on
the path (PyPI's HIPS autograd) is one line that says which one was found and what to do.

Each case runs a fresh Python in a subprocess, in a folder made for it."""

import os
import pathlib
import subprocess
import sys

import pytest

PYTHON = [sys.executable, "-c"]
# the installed command, and `python -m gradschool`
COMMANDS = [
    [str(pathlib.Path(sys.executable).parent / "gradschool")],
    [sys.executable, "-m", "gradschool"],
]


def run(command, cwd, env=None):
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_same_named_folders_in_the_working_directory_do_not_shadow_the_packages(tmp_path):
    for name in ("data", "nn", "optim", "autograd"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notes.csv").write_text("a learner's own files\n")
    code = (
        "import autograd, data, nn, optim\n"
        "X, y = data.make_moons(10, seed=0)\n"
        "opt = optim.SGD(nn.MLP(2, [4], 2, seed=0).parameters(), lr=0.1)\n"
        "print(autograd.Value.__name__, X.shape)\n"
    )
    result = run([*PYTHON, code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Value", "(10,", "2)"]


@pytest.fixture
def foreign_autograd(tmp_path):
    """An environment whose `import autograd` finds another package of that name first."""
    fake = tmp_path / "elsewhere" / "autograd"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('"""Not gradschool\'s autograd."""\n\ndef grad(f): ...\n')
    env = {**os.environ, "PYTHONPATH": str(fake.parent)}
    return fake / "__init__.py", env


@pytest.mark.parametrize("package", ["nn", "optim"])
def test_import_with_another_autograd_first_says_which_and_what_to_do(
    foreign_autograd, tmp_path, package
):
    found, env = foreign_autograd
    result = run([*PYTHON, f"import {package}"], cwd=tmp_path, env=env)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: ")
    assert str(found) in last and "fresh virtual environment" in last


@pytest.mark.parametrize("command", COMMANDS, ids=["gradschool", "python -m gradschool"])
@pytest.mark.parametrize("arguments", [["train"], ["graph", "runs/x"]])
def test_the_command_with_another_autograd_first_is_one_line(
    foreign_autograd, tmp_path, command, arguments
):
    found, env = foreign_autograd
    result = run([*command, *arguments], cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("gradschool: error: ")
    assert str(found) in result.stderr and "fresh virtual environment" in result.stderr
