"""Every Python code block of the README and of the documentation pages (docs/*.md) runs, in
order, as a reader would paste it."""

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCKS = [
    (page, number, block)
    for page in PAGES
    for number, block in enumerate(
        re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    )
]


def test_the_readme_has_code_blocks():
    assert sum(page.name == "README.md" for page, _, _ in BLOCKS) >= 3


@pytest.mark.parametrize(
    ("page", "number", "block"),
    BLOCKS,
    ids=[f"{page.relative_to(ROOT)}:{number}" for page, number, _ in BLOCKS],
)
def test_readme_code_block_runs(page, number, block, capsys):
    exec(compile(block, f"{page.relative_to(ROOT)} block {number}", "exec"), {})
