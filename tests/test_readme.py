"""Every Python code block of the README runs, in order, as a reader would paste it."""

import pathlib
import re

import pytest

README = pathlib.Path(__file__).parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_readme_has_code_blocks():
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_readme_code_block_runs(number, capsys):
    exec(compile(BLOCKS[number], f"README.md block {number}", "exec"), {})
