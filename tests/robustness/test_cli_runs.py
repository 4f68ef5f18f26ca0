"""The `gradschool` command under hostile conditions: absurd options, damaged config.json and
model.npz, lack of memory, concurrent runs, failures, Ctrl-C (once, repeatedly, during the
imports) and kill -9. Each ends in one line on stderr and a non-zero exit (never a
traceback), and leaves the run folders in a state that says what happened. Every
subprocess has a timeout."""

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile

import numpy as np
import pytest

from gradschool import runs, training
from gradschool.cli import main

FAST = ["--dataset", "xor", "--epochs", "2", "--hidden", "4", "--no-progress"]
TIMEOUT = 120  # seconds for any one subprocess; the machine may be shared and slow
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_main(capsys, *arguments):
    """(status, stderr) of `main(arguments)`, argparse's exits included."""
    try:
        status = main([str(a) for a in arguments])
    except SystemExit as exit_:
        status = exit_.code
    return status, capsys.readouterr().err


def assert_one_line(status, err, expected=""):
    assert status not in (0, None), err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and expected in err, err


def status_of(folder):
    return json.loads((folder / "metrics.json").read_text())["status"]


STARTED = []  # every process a test starts; the `no_leftovers` fixture kills survivors


@pytest.fixture(autouse=True)
def no_leftovers():
    """Whatever happens in a test, no process it started outlives it."""
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.communicate()


def spawn(arguments, cwd):
    process = subprocess.Popen(
        arguments,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    STARTED.append(process)
    return process


def command(*arguments, cwd):
    """Start `python -m gradschool …` in `cwd`."""
    return spawn([sys.executable, "-m", "gradschool", *map(str, arguments)], cwd)


def finish(process):
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"gradschool did not end within {TIMEOUT} s")
    return process.returncode, out, err


def wait_for(condition, what, seconds=TIMEOUT):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def xor_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runs") / "xor"
    assert main(["train", *FAST, "--out", str(folder)]) == 0
    return folder


def copy_run(xor_run, tmp_path, name="copy"):
    folder = tmp_path / name
    shutil.copytree(xor_run, folder)
    return folder


# ----- defect 3: every failure is one line ------------------------------------------------


def test_an_absurd_hidden_size_is_refused_before_anything_is_allocated(tmp_path, capsys):
    status, err = run_main(
        capsys, "train", *FAST, "--hidden", "100000000", "--out", tmp_path / "r"
    )
    assert_one_line(status, err, "parameters")
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"hidden": [10**12]}, "parameters"),
        ({"hidden": None}, "hidden"),
        ({"hidden": [4, "8"]}, "hidden"),
        ({"hidden": [True]}, "hidden"),
        ({"seed": "x"}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": -1}, "seed"),
        ({"val_size": "x"}, "val_size"),
        ({"val_size": 0.9}, "val_size"),
        ({"lr": float("nan")}, "lr"),
        ({"lr": 1e400}, "lr"),
        ({"dropout": 1.0}, "dropout"),
        ({"dataset": "mnist"}, "dataset"),
        ({"activation": ["relu"]}, "activation"),
        ({"epochs": 0}, "epochs"),
        ({"in_features": "2"}, "in_features"),
        ({"bogus": 1}, "unknown field"),
    ],
    ids=lambda v: json.dumps(v) if isinstance(v, dict) else v,
)
def test_a_damaged_config_json_is_one_line(xor_run, tmp_path, capsys, change, expected):
    folder = copy_run(xor_run, tmp_path)
    config = json.loads((folder / "config.json").read_text())
    config.update(change)
    (folder / "config.json").write_text(json.dumps(config))
    for subcommand in ("evaluate", "graph"):
        status, err = run_main(capsys, subcommand, folder, *(["--format", "dot", "-o",
                               tmp_path / "g.dot"] if subcommand == "graph" else []))  # fmt: skip
        assert_one_line(status, err, expected)


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[1, 2]", b"null", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000,
     b" " * 2_000_000 + b"{}"],
    ids=["empty", "truncated", "list", "null", "not-utf8", "deeply-nested", "huge"],
)  # fmt: skip
def test_a_config_json_that_is_not_one_is_one_line(xor_run, tmp_path, capsys, content):
    folder = copy_run(xor_run, tmp_path)
    (folder / "config.json").write_bytes(content)
    status, err = run_main(capsys, "evaluate", folder)
    assert_one_line(status, err, "config.json")


def test_a_model_npz_whose_header_claims_eight_terabytes_is_one_line(xor_run, tmp_path, capsys):
    folder = copy_run(xor_run, tmp_path)
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": (10**12,)}
    )
    with zipfile.ZipFile(folder / "model.npz", "w") as archive:
        archive.writestr("layers.0.weight.npy", header.getvalue() + b"\0" * 64)
    status, err = run_main(capsys, "evaluate", folder)
    assert_one_line(status, err, "8,000,000,000,000 bytes")


def test_lack_of_memory_is_one_line(tmp_path, capsys, monkeypatch):
    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(training, "train", no_memory)
    status, err = run_main(capsys, "train", *FAST, "--out", tmp_path / "r")
    assert_one_line(status, err, "not enough memory")
    assert status_of(tmp_path / "r") == "failed"


def test_debug_shows_the_traceback_of_an_unexpected_error(xor_run, capsys, monkeypatch):
    def bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(training, "measure", bug)
    status, err = run_main(capsys, "evaluate", xor_run)
    assert_one_line(status, err, "internal error, ZeroDivisionError: a bug")
    assert "--debug" in err
    for arguments in (["--debug", "evaluate", xor_run], ["evaluate", xor_run, "--debug"]):
        status, err = run_main(capsys, *arguments)
        assert status == 1 and "Traceback" in err and "ZeroDivisionError: a bug" in err


@pytest.mark.parametrize(
    ("option", "value"),
    [("--lr", "inf"), ("--lr", "nan"), ("--lr", "1e999"), ("--weight-decay", "inf"),
     ("--dropout", "nan"), ("--seed", "-1"), ("--seed", "1.5"), ("--batch-size", "0")],
)  # fmt: skip
def test_absurd_options_are_refused_by_the_parser(tmp_path, capsys, option, value):
    status, err = run_main(capsys, "train", *FAST, option, value, "--out", tmp_path / "r")
    assert status == 2
    assert_one_line(status, err, option)
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("out", ["", "   "])
def test_an_empty_out_is_refused_not_taken_as_the_current_folder(
    tmp_path, capsys, monkeypatch, out
):
    monkeypatch.chdir(tmp_path)
    status, err = run_main(capsys, "train", *FAST, "--out", out)
    assert_one_line(status, err, "--out must name a folder")
    assert list(tmp_path.iterdir()) == []


def test_an_out_folder_with_other_files_is_never_replaced(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.tex").write_text("years of work")
    status, err = run_main(capsys, "train", *FAST, "--out", folder, "--force")
    assert_one_line(status, err, "not a gradschool run's (thesis.tex)")
    assert (folder / "thesis.tex").read_text() == "years of work"


# ----- defect 4: a run folder is claimed atomically ---------------------------------------


def test_concurrent_claims_never_share_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # interleave the threads as often as possible
    claimed, errors = [], []

    def claim():
        try:
            claimed.append(runs.claim(None, "xor").target)
        except BaseException as error:
            errors.append(error)

    try:
        threads = [threading.Thread(target=claim) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
    finally:
        sys.setswitchinterval(switch)
    assert not errors and len(claimed) == 16
    assert len(set(claimed)) == 16 and len(list((tmp_path / "runs").iterdir())) == 16


def test_a_folder_that_appears_after_the_check_is_not_shared(tmp_path, monkeypatch):
    """The race of two runs started in the same second, made deterministic: another run
    creates runs/xor-<stamp> just after this one looked (exists() said no). The claim must
    still end in a folder of its own."""
    import datetime
    import pathlib
    import types

    stamp = datetime.datetime(2026, 1, 2, 3, 4, 5)
    fake = types.SimpleNamespace(datetime=types.SimpleNamespace(now=lambda: stamp))
    monkeypatch.setattr(runs, "datetime", fake)
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "runs" / "xor-20260102-030405"
    other.mkdir(parents=True)
    (other / "config.json").write_text("{}")  # the other run's first file
    real_exists = pathlib.Path.exists
    monkeypatch.setattr(
        pathlib.Path,
        "exists",
        lambda self, **kw: False if self.name == other.name else real_exists(self, **kw),
    )
    folder = runs.claim(None, "xor").target
    assert folder.resolve() != other.resolve()
    assert [p.name for p in other.iterdir()] == ["config.json"]


def test_four_runs_started_at_once_write_four_folders(tmp_path):
    processes = [command("train", *FAST, cwd=tmp_path) for _ in range(4)]
    results = [finish(process) for process in processes]
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
    folders = sorted((tmp_path / "runs").iterdir())
    assert len(folders) == 4
    for folder in folders:
        assert status_of(folder) == "complete" and (folder / "model.npz").is_file()


def test_a_folder_being_written_is_refused_even_with_force(tmp_path, capsys):
    folder = tmp_path / "busy"
    folder.mkdir()
    runs.write_status(folder, runs.RUNNING)  # our own pid: alive
    status, err = run_main(capsys, "train", *FAST, "--out", folder, "--force")
    assert_one_line(status, err, "being written by a run in progress")


# ----- defect 12: failed and interrupted runs, --force ------------------------------------


@pytest.mark.parametrize(
    ("error", "status", "exit_code"),
    [(FloatingPointError("fit: the loss is nan"), "failed", 1),
     (KeyboardInterrupt(), "interrupted", 130)],
    ids=["failure", "ctrl-c"],
)  # fmt: skip
def test_a_failed_or_interrupted_run_is_marked_and_a_retry_needs_no_force(
    tmp_path, capsys, monkeypatch, error, status, exit_code
):
    folder = tmp_path / "run"
    real_train = training.train

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(training, "train", broken)
    code, err = run_main(capsys, "train", *FAST, "--out", folder)
    assert code == exit_code
    assert_one_line(code, err)
    assert status_of(folder) == status
    code, err = run_main(capsys, "evaluate", folder)
    assert_one_line(code, err, f"holds a run that {status}")
    monkeypatch.setattr(training, "train", real_train)
    assert main(["train", *FAST, "--out", str(folder)]) == 0  # no --force
    assert status_of(folder) == "complete"
    assert main(["evaluate", str(folder)]) == 0


def test_force_keeps_the_old_run_when_the_new_one_fails(xor_run, tmp_path, capsys, monkeypatch):
    folder = copy_run(xor_run, tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def diverge(*args, **kwargs):
        raise FloatingPointError("fit: the loss is inf at epoch 1, batch 1")

    monkeypatch.setattr(training, "train", diverge)
    code, err = run_main(capsys, "train", *FAST, "--out", folder, "--force", "--lr", "100")
    assert_one_line(code, err, "the loss is inf")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["copy"]  # nothing left beside it


def test_force_replaces_the_old_run_once_the_new_one_succeeded(xor_run, tmp_path):
    folder = copy_run(xor_run, tmp_path)
    assert main(["train", *FAST, "--out", str(folder), "--force", "--dataset", "moons"]) == 0
    assert json.loads((folder / "config.json").read_text())["dataset"] == "moons"
    assert status_of(folder) == "complete"
    assert [p.name for p in tmp_path.iterdir()] == ["copy"]


def test_a_complete_run_still_needs_force(xor_run, capsys):
    code, err = run_main(capsys, "train", *FAST, "--out", xor_run)
    assert_one_line(code, err, "already exists")


def test_nan_weights_are_refused_by_evaluate(xor_run, tmp_path, capsys):
    folder = copy_run(xor_run, tmp_path)
    with np.load(folder / "model.npz") as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["layers.0.weight"][0, 0] = np.nan
    np.savez(folder / "model.npz", **arrays)
    code, err = run_main(capsys, "evaluate", folder)
    assert_one_line(code, err, "NaN or infinite weights")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_model_npz_does_not_hang(xor_run, tmp_path):
    folder = copy_run(xor_run, tmp_path)
    (folder / "model.npz").unlink()
    os.mkfifo(folder / "model.npz")
    code, _, err = finish(command("evaluate", folder, cwd=tmp_path))
    assert code == 1 and "not a regular file" in err and len(err.strip().splitlines()) == 1
    (folder / "model.npz").unlink()
    shutil.copy(xor_run / "model.npz", folder / "model.npz")
    (folder / "config.json").unlink()
    os.mkfifo(folder / "config.json")
    code, _, err = finish(command("evaluate", folder, cwd=tmp_path))
    assert code == 1 and "not a regular file" in err and len(err.strip().splitlines()) == 1


# ----- signals: real Ctrl-C and kill -9 in a subprocess ------------------------------------


def started(folder):
    path = folder / "metrics.json"
    if not path.exists():
        return False
    try:
        return json.loads(path.read_text()).get("status") == "running"
    except ValueError:
        return False


@pytest.mark.parametrize("presses", [1, 5], ids=["once", "repeatedly"])
def test_ctrl_c_during_training_is_one_line_and_marks_the_folder(tmp_path, presses):
    folder = tmp_path / "run"
    process = command("train", "--dataset", "digits", "--epochs", "100000", "--patience",
                      "100000", "--no-progress", "--out", folder, cwd=tmp_path)  # fmt: skip
    wait_for(lambda: started(folder) and (folder / "config.json").exists(), "training")
    time.sleep(0.5)
    for _ in range(presses):
        process.send_signal(signal.SIGINT)
        time.sleep(0.02)
    code, _, err = finish(process)
    assert code == 130, err
    assert err.strip().splitlines() == ["gradschool train: interrupted"], err
    assert status_of(folder) == "interrupted"
    code, _, err = finish(command("train", *FAST, "--out", folder, cwd=tmp_path))
    assert code == 0, err  # the retry needs no --force


@pytest.mark.parametrize("delay", [0.005, 0.01, 0.02, 0.035, 0.05, 0.08, 0.12, 0.18, 0.27, 0.4])
def test_ctrl_c_during_the_imports_is_at_most_one_line(tmp_path, delay):
    """The signal comes `delay` seconds after the entry point has been imported, as the
    `gradschool` script imports it, while gradschool imports numpy, nn, … or later. (A
    Ctrl-C inside Python's own start-up, before the entry point's module is loaded, is
    Python's business: no program can catch it.)"""
    launcher = (
        "import sys\n"
        "from gradschool.__main__ import entry\n"
        f"sys.argv = ['gradschool', 'train', *{FAST!r}, '--out', {str(tmp_path / 'run')!r}]\n"
        "print('started', flush=True)\n"
        "entry()\n"
    )
    process = spawn([sys.executable, "-c", launcher], tmp_path)
    assert process.stdout.readline() == "started\n"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    code, _, err = finish(process)
    assert "Traceback" not in err, err
    # Without Graphviz's dot a run that got that far also notes, in one line of its own,
    # the graph.svg it skipped; the interruption itself is at most one more line.
    lines = [line for line in err.strip().splitlines() if not line.startswith("note: ")]
    assert len(lines) <= 1, err
    if code != 0:  # the signal may come after the (short) run has ended
        assert code in (130, -signal.SIGINT), err


def test_kill_9_leaves_a_run_that_a_retry_takes_over_without_force(tmp_path):
    folder = tmp_path / "run"
    process = command("train", "--dataset", "digits", "--epochs", "100000", "--patience",
                      "100000", "--no-progress", "--out", folder, cwd=tmp_path)  # fmt: skip
    wait_for(lambda: started(folder), "training")
    process.kill()
    finish(process)
    assert status_of(folder) == "running"  # written by a process that no longer exists
    assert runs.status_of(folder)[0] == "interrupted"
    code, _, err = finish(command("train", *FAST, "--out", folder, cwd=tmp_path))
    assert code == 0, err
    assert status_of(folder) == "complete"
