"""Checkpoints: named numpy arrays in an .npz file, written atomically, read safely.

`save_arrays` writes to a temporary file in the destination's folder and then renames it
over the destination with `os.replace`, which is atomic: a crash mid-save leaves the old
file (or none), never half a file. A temporary file that a killed process (kill -9) left
behind is removed by the next save into that folder.

`load_arrays` reads with `allow_pickle=False`, so a checkpoint can hold numbers only and
loading one never runs code. It opens the file once and refuses anything that is not a
regular file (a FIFO would block forever). Before it decompresses any data it reads every
member's header (name, dtype, shape): an unexpected name, a wrong shape, or a header that
claims more bytes than the member holds (or than the machine has) is refused right there,
so a damaged or hostile file costs no memory.
"""

import contextlib
import math
import os
import stat
import tempfile
import tokenize
import zipfile
import zlib

import numpy as np

_ZIP_SIGNATURE = b"PK\x03\x04"
_TEMPORARY_PREFIX = ".checkpoint-"


def save_arrays(path, arrays: dict) -> None:
    """Write {name: array} to `path` (used as given: no suffix is added) as an .npz.

    A `path` that is a symbolic link is followed: the file it points to is replaced and
    the link stays a link.
    """
    path = os.path.realpath(os.fspath(path))
    folder = os.path.dirname(path)
    _remove_abandoned_temporaries(folder)
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f"{_TEMPORARY_PREFIX}{os.getpid()}-", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private (0600); a checkpoint is not
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def load_arrays(path, *, expected=None, strict=True) -> dict:
    """Read the {name: array} dict that `save_arrays` wrote to `path`.

    Args:
        path: the .npz file.
        expected: optional {name: shape}. Then a member of another shape is a ValueError,
            and a member with another name is a KeyError (`strict`) or skipped unread
            (`strict=False`); both are found from the headers, before any decompression.
        strict: see `expected`.

    Raises:
        FileNotFoundError: there is no file at `path`.
        ValueError: the path is not a regular file; the file is not an .npz archive, is
            truncated or corrupt, holds object arrays (pickled Python objects, which are
            refused), or a header that claims an absurd size.
    """
    path = os.fspath(path)
    with _open_regular_file(path) as file:
        if file.read(len(_ZIP_SIGNATURE)) != _ZIP_SIGNATURE:
            raise ValueError(
                f"checkpoint {path!r} is not an .npz archive (it does not start with the zip "
                "signature); write checkpoints with Module.save"
            )
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = _checked_members(path, archive, expected, strict)
                return {name: _read_member(archive, member) for name, member in names.items()}
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError) as error:
            if isinstance(error, KeyError) and "key(s)" in str(error):
                raise  # names that do not match the model, not a damaged file
            raise ValueError(
                f"checkpoint {path!r} is truncated or corrupt and cannot be read "
                f"({type(error).__name__}: {error})"
            ) from error


def _open_regular_file(path):
    """`path` opened once for reading, refused unless it is a regular file. O_NONBLOCK keeps
    the open itself from waiting for a writer when the path is a FIFO."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a folder or device"
            raise ValueError(f"checkpoint {path!r} is not a regular file (it is {kind})")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _checked_members(path, archive, expected, strict) -> dict:
    """{array name: zip member} of the arrays to read. Every header is checked first (its
    dtype, its size), then the names and shapes against `expected`."""
    members, shapes = {}, {}
    for info in archive.infolist():
        if not info.filename.endswith(".npy"):
            raise ValueError(f"checkpoint {path!r} holds {info.filename!r}, not a .npy array")
        name = info.filename[: -len(".npy")]
        members[name], shapes[name] = info, _header(path, archive, info)
    if expected is None:
        return members
    unexpected = [name for name in members if name not in expected]
    missing = [name for name in expected if name not in members]
    if strict and (missing or unexpected):
        problems = [f"missing key(s) {missing}"] if missing else []
        problems += [f"unexpected key(s) {unexpected[:10]}"] if unexpected else []
        raise KeyError(
            f"checkpoint {path!r}: " + " and ".join(problems) + "; the model's parameters "
            f"are {list(expected)}"
        )
    for name in (name for name in expected if name in members):
        if shapes[name] != tuple(expected[name]):
            raise ValueError(
                f"checkpoint {path!r}: parameter {name!r} has shape {tuple(expected[name])} in "
                f"the model but shape {shapes[name]} in the file (a different architecture?)"
            )
    return {name: info for name, info in members.items() if name in expected}


def _header(path, archive, info) -> tuple:
    """The shape read from a member's .npy header, after checking the header: no object
    dtype, and exactly as many bytes of data as the member holds (a header that claims more
    is corrupt), and no more than the machine's memory."""
    try:
        with archive.open(info) as member:
            version = np.lib.format.read_magic(member)
            if version == (1, 0):
                shape, _, dtype = np.lib.format.read_array_header_1_0(member)
            elif version == (2, 0):
                shape, _, dtype = np.lib.format.read_array_header_2_0(member)
            else:
                raise ValueError(f"unsupported .npy format version {version}")
            header_bytes = member.tell()
    # numpy's header parser fails on damage in several ways (literal_eval's SyntaxError, a
    # tokenizer error, a wrong type): each means the same, a corrupt file
    except (ValueError, SyntaxError, TypeError, OverflowError, tokenize.TokenError) as error:
        raise ValueError(f"checkpoint {path!r} is corrupt: {error}") from error
    if dtype.hasobject:
        raise ValueError(
            f"checkpoint {path!r} holds object arrays (pickled Python objects); they are "
            "refused because loading them could run arbitrary code"
        )
    data_bytes = math.prod(shape) * dtype.itemsize
    if header_bytes + data_bytes != info.file_size:
        raise ValueError(
            f"checkpoint {path!r} is corrupt: the header of {info.filename!r} claims "
            f"{data_bytes:,} bytes of data ({shape}, {dtype}) but the member holds "
            f"{info.file_size - header_bytes:,}"
        )
    if data_bytes > _memory_bytes():
        raise ValueError(
            f"checkpoint {path!r}: {info.filename!r} claims {data_bytes:,} bytes ({shape}, "
            f"{dtype}), more than this machine's memory; the file is damaged"
        )
    return tuple(shape)


def _read_member(archive, info) -> np.ndarray:
    with archive.open(info) as member:
        return np.lib.format.read_array(member, allow_pickle=False)


def _memory_bytes() -> int:
    """The machine's physical memory in bytes (or 2**40 where the OS does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 2**40


def _remove_abandoned_temporaries(folder) -> None:
    """Delete the temporary files of saves whose process no longer exists (killed mid-save,
    so its own clean-up never ran). Names carry the writer's pid: `.checkpoint-<pid>-….tmp`;
    a running writer's files are left alone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not (name.startswith(_TEMPORARY_PREFIX) and name.endswith(".tmp")):
            continue
        pid = name[len(_TEMPORARY_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not process_exists(int(pid)):
            # another save may have removed it first, or the folder may be read-only
            with contextlib.suppress(OSError):
                os.remove(os.path.join(folder, name))


def process_exists(pid) -> bool:
    """Whether a process with this pid exists (our own counts): a temporary file or a run
    folder whose writer is gone was abandoned. Unsure (no permission to ask) counts as yes."""
    if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid() or os.name == "nt":
        return True  # on Windows os.kill(pid, 0) would send Ctrl-C: assume it exists
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (owned by someone else), or we cannot tell: keep its file
    return True
