"""mkdocs hooks: the site's home page is README.md, its notebooks are notebooks/*.ipynb, and
the notebooks' formulas are typeset by a MathJax that the site carries.

README.md and the notebooks stay where a reader of the repository finds them; these hooks
add them to the site at build time instead of keeping copies in docs/. MathJax comes from
the Python package jupyter-server-mathjax (the `docs` extra), so that neither the build nor
a reader of the site needs the internet; mkdocs.yml points the notebook pages at it
(`custom_mathjax_url`).
"""

import pathlib
import shutil

import jupyter_server_mathjax
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = "notebooks"
MATHJAX = pathlib.Path(jupyter_server_mathjax.__file__).parent / "static"


# Before mkdocs-jupyter's on_files (priority 0), which turns each .ipynb file into a page.
@event_priority(100)
def on_files(files, config):
    """Add notebooks/README.md and every notebooks/*.ipynb as pages under notebooks/."""
    folder = ROOT / NOTEBOOKS
    for path in [folder / "README.md", *sorted(folder.glob("*.ipynb"))]:
        files.append(
            File(
                f"{NOTEBOOKS}/{path.name}",
                src_dir=str(ROOT),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    return files


def on_page_markdown(markdown, page, config, files):
    """The home page is README.md, its picture paths made relative to docs/."""
    if page.file.src_uri != "index.md":
        return markdown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.replace("](docs/", "](")


def on_post_build(config):
    """Copy MathJax into the site, at the address mkdocs.yml gives the notebook pages."""
    shutil.copytree(MATHJAX, pathlib.Path(config["site_dir"]) / "assets" / "mathjax")
