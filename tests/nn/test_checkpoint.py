"""save/load: .npz round trips, atomic writes, refusal of pickles, clear errors."""

import os
import zipfile

import numpy as np
import pytest

from nn import MLP, Perceptron


def test_round_trip(tmp_path):
    model = MLP(4, [8, 8], 3, seed=0, dtype=np.float32)
    path = tmp_path / "model.npz"
    model.save(path)
    other = MLP(4, [8, 8], 3, seed=1, dtype=np.float32)
    assert other.load(path) is other
    for (name, a), (_, b) in zip(model.state_dict().items(), other.state_dict().items()):
        np.testing.assert_array_equal(a, b, err_msg=name)
        assert b.dtype == np.float32
    x = np.ones((2, 4), np.float32)
    np.testing.assert_array_equal(model(x).data, other(x).data)


def test_a_float_bias_round_trips_as_a_float(tmp_path):
    neuron = Perceptron(2, seed=0)
    neuron.bias.data = 0.25
    neuron.save(tmp_path / "p.npz")
    loaded = Perceptron(2, seed=1).load(tmp_path / "p.npz")
    assert type(loaded.bias.data) is float and loaded.bias.data == 0.25


def test_save_is_atomic_a_crash_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "model.npz"
    MLP(2, [3], 1, seed=0).save(path)
    before = path.read_bytes()

    def crash(file, **arrays):
        file.write(b"PK\x03\x04 half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", crash)
    with pytest.raises(KeyboardInterrupt):
        MLP(2, [3], 1, seed=5).save(path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.npz"]  # no temporary file left behind


def test_a_pickled_object_array_is_refused(tmp_path):
    path = tmp_path / "evil.npz"
    np.savez(path, **{"layers.0.weight": np.array([{"code": "runs"}], dtype=object)})
    with pytest.raises(
        ValueError, match=r"holds object arrays \(pickled Python objects\).*refused"
    ):
        MLP(2, [3], 1).load(path)


def test_a_truncated_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "model.npz"
    MLP(2, [3], 1, seed=0).save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="truncated or corrupt"):
        MLP(2, [3], 1).load(path)


def test_a_file_that_is_not_an_npz(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("weights: 1, 2, 3")
    with pytest.raises(ValueError, match=r"is not an \.npz archive"):
        MLP(2, [3], 1).load(path)
    with pytest.raises(FileNotFoundError):
        MLP(2, [3], 1).load(tmp_path / "missing.npz")


def test_a_wrong_architecture_names_the_mismatch(tmp_path):
    path = tmp_path / "model.npz"
    MLP(2, [3], 1, seed=0).save(path)
    with pytest.raises(
        ValueError, match=r"'layers.0.weight' has shape \(2, 5\) in the model but shape \(2, 3\)"
    ):
        MLP(2, [5], 1).load(path)
    with pytest.raises(KeyError, match=r"missing key\(s\) \['layers.2.weight', 'layers.2.bias'\]"):
        MLP(2, [3, 3], 1).load(path)


def test_the_file_is_a_plain_npz(tmp_path):
    path = tmp_path / "model.npz"
    MLP(2, [3], 1, seed=0).save(path)
    assert zipfile.is_zipfile(path)
    with np.load(path, allow_pickle=False) as archive:
        assert sorted(archive.files) == sorted(MLP(2, [3], 1).state_dict())
