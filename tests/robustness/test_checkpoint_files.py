"""Checkpoint files under hostile conditions: FIFOs, folders, symlinks, damaged and crafted
headers, names the model does not have, temporary files of killed writers. Every wait is
bounded: a load that could block runs in a thread joined with a timeout."""

import io
import os
import subprocess
import sys
import threading
import zipfile

import numpy as np
import pytest

from nn import MLP
from nn.checkpoint import load_arrays, save_arrays

TIMEOUT = 20  # seconds; a hang fails the test instead of stalling the suite


def bounded(function, *args, **kwargs):
    """Run `function` in a daemon thread; return its result or raise its exception, and fail
    the test if it has not finished within TIMEOUT seconds."""
    outcome = {}

    def run():
        try:
            outcome["result"] = function(*args, **kwargs)
        except BaseException as error:  # handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    assert not thread.is_alive(), f"{function.__name__} did not return within {TIMEOUT} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def npy_bytes(header_shape, data: bytes, descr="<f8") -> bytes:
    """A .npy member whose header claims `header_shape` and whose data is `data`."""
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": descr, "fortran_order": False, "shape": header_shape}
    )
    return buffer.getvalue() + data


def write_npz(path, members: dict, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(f"{name}.npy", content)


# ----- defect 11: a FIFO never hangs -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_loading_from_a_fifo_is_refused_without_waiting(tmp_path):
    path = tmp_path / "model.npz"
    os.mkfifo(path)
    with pytest.raises(ValueError, match=r"not a regular file.*FIFO"):
        bounded(MLP(2, [3], 1).load, path)


def test_loading_a_folder_is_a_clear_error(tmp_path):
    (tmp_path / "model.npz").mkdir()
    with pytest.raises((ValueError, IsADirectoryError), match=r"model\.npz"):
        bounded(MLP(2, [3], 1).load, tmp_path / "model.npz")


# ----- absurd headers: refused before anything is decompressed -----------------------------


def test_a_header_that_claims_eight_terabytes_is_refused(tmp_path):
    path = tmp_path / "model.npz"
    write_npz(path, {"layers.0.weight": npy_bytes((10**12,), b"\0" * 48)})
    with pytest.raises(ValueError, match=r"claims 8,000,000,000,000 bytes"):
        bounded(load_arrays, path)


def test_a_header_of_the_wrong_shape_is_refused_before_reading_the_data(tmp_path):
    path = tmp_path / "model.npz"
    model = MLP(2, [3], 1, seed=0)
    model.save(path)
    arrays = load_arrays(path)
    members = {name: npy_bytes(a.shape, a.tobytes()) for name, a in arrays.items()}
    members["layers.0.weight"] = npy_bytes((2, 300), b"\0" * 8 * 600)
    write_npz(path, members)
    with pytest.raises(ValueError, match=r"'layers.0.weight' has shape \(2, 3\) in the model"):
        bounded(MLP(2, [3], 1).load, path)


def test_an_unexpected_key_is_refused_before_its_data_is_decompressed(tmp_path):
    """The extra member's compressed data is damaged after its header: decompressing it
    would fail with a zlib or CRC error. Being refused for its name shows that it never
    was."""
    path = tmp_path / "model.npz"
    model = MLP(2, [3], 1, seed=0)
    members = {name: npy_bytes(a.shape, a.tobytes()) for name, a in model.state_dict().items()}
    noise = np.random.default_rng(0).normal(size=200_000)
    members["zz_extra"] = npy_bytes(noise.shape, noise.tobytes())
    write_npz(path, members, compression=zipfile.ZIP_DEFLATED)
    content = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("zz_extra.npy")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    content[middle : middle + 64] = bytes(64)  # damage the middle of the compressed data
    path.write_bytes(bytes(content))
    with pytest.raises(ValueError, match="corrupt"):
        load_arrays(path)  # reading every array does meet the damage
    with pytest.raises(KeyError, match=r"unexpected key\(s\) \['zz_extra'\]"):
        bounded(MLP(2, [3], 1).load, path)
    loaded = bounded(MLP(2, [3], 1).load, path, strict=False)  # skipped, unread
    assert np.array_equal(loaded.layers[0].weight.data, model.layers[0].weight.data)


@pytest.mark.parametrize(
    "member",
    [
        npy_bytes((3,), b"\0" * 8, descr="<f8"),  # claims 24 bytes, holds 8
        npy_bytes((2,), b"\0" * 64, descr="<f8"),  # claims 16 bytes, holds 64
        b"\x93NUMPY\x01\x00\x10\x00{'descr': 'bogus'",  # a broken header
        b"not an npy member at all",
    ],
    ids=["short", "long", "broken-header", "not-npy"],
)
def test_damaged_members_are_value_errors(tmp_path, member):
    path = tmp_path / "model.npz"
    write_npz(path, {"w": member})
    with pytest.raises(ValueError, match=r"corrupt|claims|npy"):
        bounded(load_arrays, path)


def test_a_pickled_member_is_refused_from_its_header(tmp_path):
    path = tmp_path / "model.npz"
    write_npz(path, {"w": npy_bytes((1,), b"\0" * 8, descr="|O")})
    with pytest.raises(ValueError, match="object arrays"):
        load_arrays(path)


# ----- saving: symlinks and the temporary files of killed writers -------------------------


def test_saving_onto_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.npz"
    link = tmp_path / "link.npz"
    MLP(2, [3], 1, seed=0).save(target)
    link.symlink_to(target)
    MLP(2, [3], 1, seed=1).save(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    loaded = MLP(2, [3], 1).load(target)
    assert np.array_equal(
        loaded.layers[0].weight.data, MLP(2, [3], 1, seed=1).layers[0].weight.data
    )


def test_temporary_files_of_killed_writers_are_removed_by_the_next_save(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, timeout=TIMEOUT, check=True)  # fmt: skip
    dead_pid = int(dead.stdout)
    abandoned = tmp_path / f".checkpoint-{dead_pid}-abc123.tmp"
    abandoned.write_bytes(b"\0" * 1000)
    alive = tmp_path / f".checkpoint-{os.getppid()}-def456.tmp"  # a running process's file
    alive.write_bytes(b"\0")
    unrelated = tmp_path / ".checkpoint-notes.txt"
    unrelated.write_bytes(b"keep")
    save_arrays(tmp_path / "model.npz", {"w": np.zeros(2)})
    assert not abandoned.exists()
    assert alive.exists() and unrelated.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == [alive.name]


def test_a_killed_save_leaves_a_temporary_file_that_the_next_save_removes(tmp_path):
    script = (
        "import os, signal, numpy as np\n"
        "from nn.checkpoint import save_arrays\n"
        "def die(file, **arrays):\n"
        "    file.write(b'half a file'); file.flush(); os.kill(os.getpid(), signal.SIGKILL)\n"
        "np.savez = die\n"
        f"save_arrays({str(tmp_path / 'model.npz')!r}, {{'w': np.zeros(3)}})\n"
    )
    result = subprocess.run([sys.executable, "-c", script], timeout=TIMEOUT, check=False)
    assert result.returncode != 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # left behind
    save_arrays(tmp_path / "model.npz", {"w": np.ones(3)})
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"]
    assert np.array_equal(load_arrays(tmp_path / "model.npz")["w"], np.ones(3))
