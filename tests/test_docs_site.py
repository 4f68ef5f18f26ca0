"""The documentation site's table of contents (mkdocs.yml's `nav`) and its pages agree.

Building the site takes minutes (it runs every notebook), so CI builds it (`make docs`, in
strict mode) and the test suite only checks what can go wrong without a build: a nav entry
that names a missing file, and a page or notebook that the nav leaves out (mkdocs builds
it but no menu leads to it). docs/hooks.py adds notebooks/README.md and notebooks/*.ipynb
to the site as notebooks/..., so those entries name files in notebooks/, not in docs/.
"""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def nav_entries(config):
    """The file names of the `nav:` section: `- path` or `- Title: path` items."""
    nav = re.search(r"^nav:\n((?:[ \t]+.*\n?|\n)*)", config, flags=re.MULTILINE)
    assert nav, "mkdocs.yml has no nav section"
    return re.findall(r"^\s*- (?:[^:\n]+: )?(\S+\.(?:md|ipynb))\s*$", nav.group(1), re.MULTILINE)


def source(entry):
    """The file that a nav entry's page is built from."""
    if entry.startswith("notebooks/"):
        return ROOT / entry
    return ROOT / "docs" / entry


NAV = nav_entries(CONFIG)


def test_nav_parser_reads_titles_and_bare_paths():
    config = "site_name: x\nnav:\n  - Home: index.md\n  - Part:\n      - a/b.md\n      - n.ipynb\n"
    assert nav_entries(config) == ["index.md", "a/b.md", "n.ipynb"]


def test_nav_names_only_files_that_exist():
    assert len(NAV) >= 6, NAV
    missing = [entry for entry in NAV if not source(entry).is_file()]
    assert missing == [], f"mkdocs.yml's nav names files that do not exist: {missing}"


def test_nav_names_each_page_once():
    repeated = sorted({entry for entry in NAV if NAV.count(entry) > 1})
    assert repeated == [], f"named more than once in mkdocs.yml's nav: {repeated}"


def test_every_page_and_notebook_is_in_the_nav():
    pages = [path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")]
    notebooks = [f"notebooks/{path.name}" for path in (ROOT / "notebooks").glob("*.ipynb")]
    left_out = sorted(set(pages + notebooks + ["notebooks/README.md"]) - set(NAV))
    assert left_out == [], f"not in mkdocs.yml's nav (add them there): {left_out}"
