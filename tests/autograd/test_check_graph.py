"""check_graph: every node's local backward checked on its own; a wrong op is named."""

import numpy as np
import pytest
from oracles import TanhWithWrongBackward

from autograd import GradcheckError, Value, check_graph, concat, maximum, stack, where


def every_builtin_op_graph():
    rng = np.random.default_rng(0)
    a = Value(rng.uniform(0.5, 1.5, size=(3, 4)), label="a")
    b = Value(rng.normal(size=(4,)), label="b")
    s = Value(0.7, label="s")
    h = (a * b + s) / (a**2 + 1.0) - b.exp() * 0.1
    h = h.tanh() + a.log() + a.sqrt() + h.sigmoid() + h.leaky_relu(0.1) + (h + 3.0).relu()
    h = h.abs() + (h * 0.3).clip(-0.4, 0.4) + h.sign() + 2.0**h
    m = (
        h @ b
        + h.max(axis=1).values
        + h.amax(1)
        + h.logsumexp(axis=0).sum()
        + h.softmax(axis=1)[:, 0]
    )
    n = (
        concat([m, h.T.reshape(-1)[:3]], axis=0)
        + stack([m.mean(), s * s, b.sum()]).log_softmax()[1]
    )
    e = h * 0.1
    e = e.sin() * e.cos() + e.clamp(min=-0.05).prod(dim=0) + e.amin(dim=0)
    e = where(e > 0.1, e, 0.0) + maximum(e, 0.05) + e.transpose(0, 1).permute(1, 0)
    return n.sum() + h.log_softmax(axis=0)[np.array([0, 2, 2])].mean() + e.sum()


def test_every_builtin_op_passes():
    report = check_graph(every_builtin_op_graph())
    assert report.ok, str(report)
    ops = {result.op for result in report.results}
    expected = {"+", "*", "**", "@", "exp", "log", "tanh", "sigmoid", "relu", "leaky_relu",
                "abs", "clamp", "sign", "amax", "amin", "logsumexp", "sum", "getitem", "permute",
                "reshape", "concat", "stack", "sin", "cos", "prod", "where", "maximum",
                "take_along_dim"}  # fmt: skip
    assert expected <= ops


def test_a_wrong_op_deep_in_a_graph_is_found_and_named_and_only_it():
    x = Value(np.linspace(-1.0, 1.0, 6), label="x")
    h = x
    for depth in range(30):
        h = (h * 0.9 + 0.05).tanh()
        if depth == 17:
            h = TanhWithWrongBackward.apply(h)
            h.label = "the bad one"
    report = check_graph((h * h).sum())
    assert not report.ok
    assert [f.label for f in report.failures] == ["the bad one"]
    assert [f.op for f in report.failures] == ["TanhWithWrongBackward"]
    row = next(line for line in str(report).splitlines() if "the bad one" in line)
    assert row.endswith("FAIL") and "TanhWithWrongBackward" in row
    assert sum(line.endswith("ok") for line in str(report).splitlines()) == len(report.results) - 1


def test_raise_on_failure_names_node_op_input_index_and_both_values():
    x = Value(np.array([[0.2, -0.4], [0.6, 0.1]]), label="x")
    bad = TanhWithWrongBackward.apply(x * 1.0)
    bad.label = "activation"
    with pytest.raises(GradcheckError) as caught:
        check_graph(bad.sum(), raise_on_failure=True)
    message = str(caught.value)
    assert "'activation'" in message and "TanhWithWrongBackward" in message
    assert "input 0 at index (" in message and "by its backward" in message
    assert "by finite differences" in message


def test_scalar_graphs_and_float32_graphs_are_checked_in_float64():
    a, b = Value(1.5, label="a"), Value(-0.5, label="b")
    assert check_graph((a * b + a.tanh()) ** 2).ok
    w = Value(np.ones((3, 2), dtype=np.float32))
    x = np.arange(6, dtype=np.float32).reshape(2, 3) / 6
    assert check_graph((x @ w).sigmoid().sum()).ok


def test_large_inputs_are_checked_along_directions_and_still_caught():
    x = Value(np.random.default_rng(1).normal(size=(40, 30)), label="big")
    report = check_graph(TanhWithWrongBackward.apply(x).sum())
    assert [f.label for f in report.failures] == [""] and report.failures[0].op == (
        "TanhWithWrongBackward"
    )
    position, where, _, _ = report.failures[0].worst
    assert position == 0 and isinstance(where, tuple)  # an element, not only a direction


def test_extreme_values_are_reported_not_crashed_on():
    x = Value(np.array([1000.0, -1000.0, 0.5]), label="x")
    with np.errstate(over="ignore"):  # e**1000 is inf, and numpy says so
        root = x.exp().sum() + x.sigmoid().sum()
    report = check_graph(root)
    assert isinstance(str(report), str)
    exp_row = next(r for r in report.results if r.op == "exp")
    assert not exp_row.ok and exp_row.note == "non-finite"
    assert next(r for r in report.results if r.op == "sigmoid").ok


def test_a_two_layer_mlp_on_a_batch_of_32_passes():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 2))
    w1, b1 = Value(rng.normal(size=(2, 16))), Value(rng.normal(size=16) * 0.1)
    w2, b2 = Value(rng.normal(size=(16, 3))), Value(np.zeros(3))
    logits = (x @ w1 + b1).relu() @ w2 + b2
    assert check_graph(
        -logits.log_softmax(axis=1)[np.arange(32), rng.integers(0, 3, 32)].mean()
    ).ok


def test_node_budget_and_bad_input_are_clear_errors():
    v = Value(1.0)
    for _ in range(20):
        v = v * 1.1
    with pytest.raises(ValueError, match=r"20 op nodes, more than max_nodes=10"):
        check_graph(v, max_nodes=10)
    with pytest.raises(TypeError, match="needs a Value"):
        check_graph(np.ones(3))
