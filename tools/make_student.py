"""Write the student versions of the teaching notebooks.

The notebooks follow nbgrader's conventions: an exercise's solution code sits between the
lines ``### BEGIN SOLUTION`` and ``### END SOLUTION`` of a code cell, and its checks live in
cells of their own. The same cell carries, before the markers, a comment that states the task,

    # Exercise 1: write net_input(X, w, b), z for every row of X (numpy, no loop)

The student version replaces each marked region with

    raise NotImplementedError("Exercise 1: write net_input(X, w, b), ...")

indented as the ``### BEGIN SOLUTION`` line, and drops every output, so that a student who runs
the notebook stops at the first exercise not yet solved, with a message that names it.

Usage: ``python tools/make_student.py [NOTEBOOK ...] [--out build/student]`` (default: every
``notebooks/*.ipynb``). Needs nbformat only (it comes with the test and notebook extras).
"""

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
TASK = re.compile(r"^\s*# (Exercise \d+\w*: .+)$")


def task_of(source):
    """The "Exercise N: ..." text of the task comment in a solution cell, or None."""
    for line in source.splitlines():
        match = TASK.match(line)
        if match:
            return match.group(1).strip()
        if line.strip() == BEGIN:
            return None
    return None


def strip_solution(source, where="cell"):
    """The source with every BEGIN/END SOLUTION region replaced by one ``raise``.

    ``where`` names the cell in error messages. A region without its end, an end without its
    begin, a nested begin, or a solution without a task comment is a ValueError.
    """
    task = task_of(source)
    lines, out, inside = source.splitlines(), [], False
    for number, line in enumerate(lines, start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise ValueError(f"{where}, line {number}: {BEGIN} inside another solution")
            if task is None:
                raise ValueError(
                    f"{where}: a solution needs a comment '# Exercise N: <what to do>' "
                    f"above its {BEGIN} line"
                )
            indent = line[: len(line) - len(line.lstrip())]
            # a JSON string is a Python string literal too, in double quotes as the code's
            out.append(
                f"{indent}raise NotImplementedError({json.dumps(task, ensure_ascii=False)})"
            )
            inside = True
        elif marker == END:
            if not inside:
                raise ValueError(f"{where}, line {number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{where}: {BEGIN} without {END}")
    return "\n".join(out)


def student_notebook(notebook, name="notebook"):
    """A copy of ``notebook`` (an nbformat NotebookNode) with solutions stripped, no outputs."""
    student = nbformat.from_dict(notebook)
    for index, cell in enumerate(student.cells):
        if cell.cell_type != "code":
            continue
        cell.source = strip_solution(cell.source, where=f"{name}, cell {index}")
        cell.outputs, cell.execution_count = [], None
    return student


def exercises(notebook):
    """The task texts ("Exercise N: ...") of the notebook's solution cells, in order."""
    return [
        task_of(cell.source)
        for cell in notebook.cells
        if cell.cell_type == "code" and BEGIN in cell.source
    ]


def main(argv=None):
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=root / "build" / "student")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((root / "notebooks").glob("*.ipynb"))
    args.out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        student = student_notebook(notebook, name=path.name)
        nbformat.write(student, args.out / path.name)
        print(f"{args.out / path.name}: {len(exercises(notebook))} exercises")
    return 0


if __name__ == "__main__":
    sys.exit(main())
