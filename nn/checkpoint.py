"""Checkpoints: named numpy arrays in an .npz file, written atomically, read safely.

`save_arrays` writes to a temporary file in the destination's folder and then renames it
over the destination with `os.replace`, which is atomic: a crash mid-save leaves the old
file (or none), never half a file. `load_arrays` reads with `allow_pickle=False`, so a
checkpoint can hold numbers only and loading one never runs code.
"""

import os
import tempfile
import zipfile

import numpy as np

_ZIP_SIGNATURE = b"PK\x03\x04"


def save_arrays(path, arrays: dict) -> None:
    """Write {name: array} to `path` (used as given: no suffix is added) as an .npz."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".checkpoint-", suffix=".tmp")
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


def load_arrays(path) -> dict:
    """Read the {name: array} dict that `save_arrays` wrote to `path`.

    Raises:
        FileNotFoundError: there is no file at `path`.
        ValueError: the file is not an .npz archive, is truncated or corrupt, or holds
            object arrays (pickled Python objects, which are refused).
    """
    path = os.fspath(path)
    with open(path, "rb") as file:
        start = file.read(len(_ZIP_SIGNATURE))
    if start != _ZIP_SIGNATURE:
        raise ValueError(
            f"checkpoint {path!r} is not an .npz archive (it does not start with the zip "
            "signature); write checkpoints with Module.save"
        )
    try:
        # our own file handle, closed even when numpy fails half-way through opening it
        with open(path, "rb") as file, np.load(file, allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except ValueError as error:
        if "allow_pickle" in str(error):
            raise ValueError(
                f"checkpoint {path!r} holds object arrays (pickled Python objects); they are "
                "refused because loading them could run arbitrary code"
            ) from error
        raise ValueError(f"checkpoint {path!r} is corrupt: {error}") from error
    except (zipfile.BadZipFile, EOFError, OSError, KeyError) as error:
        raise ValueError(
            f"checkpoint {path!r} is truncated or corrupt and cannot be read "
            f"({type(error).__name__}: {error})"
        ) from error
