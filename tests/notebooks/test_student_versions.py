"""The teaching notebooks as a teacher hands them out.

The teacher versions (with solutions) run under `pytest --nbmake notebooks` (see the Makefile's
`test` target). Here: the stripping of solutions (tools/make_student.py) on its own, the
conventions every notebook follows (objectives and time first, nbgrader markers, numbered
exercises with their checks in cells of their own), and every student version executed until
it stops at its first exercise with the NotImplementedError that names it.
"""

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SPEC = importlib.util.spec_from_file_location("make_student", ROOT / "tools" / "make_student.py")
make_student = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(make_student)

CELL_TIMEOUT = 120  # seconds for one cell; the slowest notebook cell takes well under a minute
STARTUP_TIMEOUT = 120  # seconds for the kernel to start on a busy machine
# A kernel whose messages got lost (seen once in CI: client and kernel both idle) times out;
# the notebook then runs again in a fresh kernel, once.
ATTEMPTS = 2


def read(path):
    return nbformat.read(path, as_version=4)


def test_strip_solution_replaces_the_region_with_one_raise_at_its_indent():
    source = (
        "def f(x):\n"
        "    # Exercise 2: return twice x\n"
        "    ### BEGIN SOLUTION\n"
        "    y = 2 * x\n"
        "    return y\n"
        "    ### END SOLUTION\n"
        "\n"
        "print(f)"
    )
    assert make_student.strip_solution(source) == (
        "def f(x):\n"
        "    # Exercise 2: return twice x\n"
        '    raise NotImplementedError("Exercise 2: return twice x")\n'
        "\n"
        "print(f)"
    )


def test_strip_solution_leaves_a_cell_without_markers_alone():
    assert make_student.strip_solution("x = 1\n# Exercise 1: not a solution") == (
        "x = 1\n# Exercise 1: not a solution"
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("# Exercise 1: a\n### BEGIN SOLUTION\nx = 1", "without ### END"),
        ("# Exercise 1: a\nx = 1\n### END SOLUTION", "without ### BEGIN"),
        ("# Exercise 1: a\n### BEGIN SOLUTION\n### BEGIN SOLUTION\n", "inside another"),
        ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "# Exercise N: <what to do>"),
    ],
)
def test_strip_solution_rejects_broken_markers_naming_the_cell(source, message):
    with pytest.raises(ValueError, match=re.escape(message)) as error:
        make_student.strip_solution(source, where="demo.ipynb, cell 7")
    assert "demo.ipynb, cell 7" in str(error.value)


def test_make_student_writes_every_notebook(tmp_path):
    assert make_student.main(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.ipynb")) == [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_opens_with_objectives_and_time(path):
    first = read(path).cells[0]
    assert first.cell_type == "markdown"
    assert "Learning objectives" in first.source, "no learning objectives in the first cell"
    assert re.search(r"\d+ minutes", first.source), "the first cell does not say how long"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercises_follow_nbgrader_conventions(path):
    notebook = read(path)
    tasks = make_student.exercises(notebook)
    assert tasks, "no exercise"
    numbers = [int(re.match(r"Exercise (\d+)", task).group(1)) for task in tasks]
    assert numbers == sorted(numbers) and numbers[0] == 1, f"exercises out of order: {numbers}"
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and make_student.BEGIN in cell.source:
            following = next(c for c in notebook.cells[index + 1 :] if c.cell_type == "code")
            assert make_student.BEGIN not in following.source, (
                f"cell {index}: the next code cell after a solution checks it"
            )
            # nbgrader's metadata: a solution cell, and a locked, graded cell that checks it
            assert cell.metadata["nbgrader"]["solution"] is True
            assert following.metadata["nbgrader"]["grade"] is True
            assert following.metadata["nbgrader"]["locked"] is True
    student = make_student.student_notebook(notebook)
    sources = "\n".join(cell.source for cell in student.cells)
    assert make_student.BEGIN not in sources and make_student.END not in sources
    assert sources.count("raise NotImplementedError(") >= len(tasks)


def first_error_cell(notebook):
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, output
    return None, None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_version_stops_at_its_first_exercise(path, tmp_path):
    teacher = read(path)
    first_task = make_student.exercises(teacher)[0]
    first_solution = next(
        i for i, cell in enumerate(teacher.cells) if make_student.BEGIN in cell.source
    )
    for attempt in range(ATTEMPTS):
        student = make_student.student_notebook(teacher, name=path.name)
        client = NotebookClient(
            student,
            timeout=CELL_TIMEOUT,
            startup_timeout=STARTUP_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            with pytest.raises(CellExecutionError) as error:
                client.execute()
            break
        except TimeoutError:
            if attempt == ATTEMPTS - 1:
                raise
    assert error.value.ename == "NotImplementedError"
    assert error.value.evalue == first_task
    index, output = first_error_cell(student)
    assert output["ename"] == "NotImplementedError"
    # it stops at the first exercise: its solution cell or the check after it
    first_check = next(
        i
        for i in range(first_solution + 1, len(teacher.cells))
        if teacher.cells[i].cell_type == "code"
    )
    assert index in (first_solution, first_check), (
        f"stopped at cell {index}, the first exercise is cell {first_solution}"
    )


def test_the_raise_carries_the_task_verbatim_even_with_quotes():
    task = 'Exercise 3: put "Rotation(10)" and \\d in the set'
    source = f"# {task}\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION"
    with pytest.raises(NotImplementedError) as error:
        exec(compile(make_student.strip_solution(source), "<cell>", "exec"), {})
    assert str(error.value) == task
