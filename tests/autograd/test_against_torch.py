"""The ops with PyTorch's names against torch itself: the same values and gradients,
ties and edges included. Optional: skipped when torch is not installed (never a dependency)."""

import numpy as np
import pytest

from autograd import Value, cat, maximum, minimum, stack, where

torch = pytest.importorskip("torch")

RNG = np.random.default_rng(7)
X = RNG.normal(size=(3, 4))
X_TIES = np.array([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, -1.0, 2.0], [0.0, 0.0, 0.0, 0.0]])

# name: (ours, theirs), each a function of one input; both are called on the same data.
ONE_INPUT = {
    "sin": (lambda v: v.sin(), lambda t: t.sin()),
    "cos": (lambda v: v.cos(), lambda t: t.cos()),
    "square": (lambda v: v.square(), lambda t: t.square()),
    "pow": (lambda v: v.abs().pow(1.5), lambda t: t.abs().pow(1.5)),
    "clamp": (lambda v: v.clamp(min=-0.5, max=0.7), lambda t: t.clamp(min=-0.5, max=0.7)),
    "clip": (lambda v: v.clip(max=0.2), lambda t: t.clip(max=0.2)),
    "leaky_relu": (lambda v: v.leaky_relu(0.2), lambda t: torch.nn.functional.leaky_relu(t, 0.2)),
    "prod": (lambda v: v.prod(dim=1), lambda t: t.prod(dim=1)),
    "amax": (lambda v: v.amax(dim=(0, 1)), lambda t: t.amax(dim=(0, 1))),
    "amin_keepdim": (lambda v: v.amin(1, keepdim=True), lambda t: t.amin(1, keepdim=True)),
    "max_all": (lambda v: v.max(), lambda t: t.max()),
    "max_dim": (lambda v: v.max(dim=1).values, lambda t: t.max(dim=1).values),
    "min_dim": (lambda v: v.min(0).values, lambda t: t.min(0).values),
    "var": (lambda v: v.var(dim=1), lambda t: t.var(dim=1)),
    "var_biased": (lambda v: v.var(unbiased=False), lambda t: t.var(unbiased=False)),
    "std_correction": (lambda v: v.std(0, correction=0), lambda t: t.std(0, correction=0)),
    "mean_keepdim": (lambda v: v.mean(1, keepdim=True), lambda t: t.mean(1, keepdim=True)),
    "sum_tuple": (lambda v: v.sum(dim=(0, 1)), lambda t: t.sum(dim=(0, 1))),
    "permute": (lambda v: v.reshape(3, 2, 2).permute(2, 0, 1),
                lambda t: t.reshape(3, 2, 2).permute(2, 0, 1)),
    "transpose": (lambda v: v.transpose(0, 1), lambda t: t.transpose(0, 1)),
    "T": (lambda v: v.T, lambda t: t.T),
    "view": (lambda v: v.view(2, 6), lambda t: t.view(2, 6)),
    "flatten": (lambda v: v.reshape(3, 2, 2).flatten(1), lambda t: t.reshape(3, 2, 2).flatten(1)),
    "squeeze": (lambda v: v.reshape(3, 1, 4).squeeze(1), lambda t: t.reshape(3, 1, 4).squeeze(1)),
    "unsqueeze": (lambda v: v.unsqueeze(-2), lambda t: t.unsqueeze(-2)),
    "softmax": (lambda v: v.softmax(dim=0), lambda t: t.softmax(dim=0)),
    "log_softmax": (lambda v: v.log_softmax(dim=1), lambda t: t.log_softmax(dim=1)),
    "logsumexp": (lambda v: v.logsumexp(dim=1), lambda t: t.logsumexp(dim=1)),
    "where": (lambda v: where(v > 0, v, v * 2.0), lambda t: torch.where(t > 0, t, t * 2.0)),
    "maximum": (lambda v: maximum(v, v[0]), lambda t: torch.maximum(t, t[0])),
    "minimum": (lambda v: minimum(v, 0.0), lambda t: torch.minimum(t, torch.zeros(()).double())),
    "cat": (lambda v: cat([v, v * 2.0], dim=1), lambda t: torch.cat([t, t * 2.0], dim=1)),
    "stack": (lambda v: stack([v, v.exp()], dim=-1), lambda t: torch.stack([t, t.exp()], dim=-1)),
}  # fmt: skip


def both(ours, theirs, data):
    """(our value, our gradient), (torch's value, torch's gradient) for a random upstream
    gradient of the output's shape."""
    v = Value(data.copy())
    out = ours(v)
    upstream = np.random.default_rng(1).normal(size=out.shape)
    out.backward(upstream if out.shape else float(upstream))
    t = torch.tensor(data, requires_grad=True)
    out_t = theirs(t)
    out_t.backward(torch.tensor(upstream))
    return (out.data, v.grad), (out_t.detach().numpy(), t.grad.numpy())


@pytest.mark.parametrize("name", ONE_INPUT)
@pytest.mark.parametrize("data", [X, X_TIES], ids=["random", "ties"])
def test_same_values_and_gradients_as_torch(name, data):
    ours, theirs = ONE_INPUT[name]
    (value, grad), (value_t, grad_t) = both(ours, theirs, data)
    np.testing.assert_allclose(value, value_t, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grad, grad_t, rtol=1e-10, atol=1e-12)


def test_indices_of_max_and_min_and_argmax_as_torch():
    for data in (X, X_TIES):
        t = torch.tensor(data)
        for dim in (0, 1, -1):
            np.testing.assert_array_equal(Value(data).max(dim).indices, t.max(dim).indices)
            np.testing.assert_array_equal(Value(data).min(dim).indices, t.min(dim).indices)
            np.testing.assert_array_equal(Value(data).argmax(dim), t.argmax(dim))
        assert Value(data).argmin() == t.argmin().item()


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (lambda v: v**0.0, lambda t: t**0.0),
        (lambda v: 0.0 ** (v + 2.0), lambda t: 0.0 ** (t + 2.0)),
        (lambda v: v.log(), lambda t: t.log()),
        (lambda v: v.abs(), lambda t: t.abs()),
        (lambda v: v.relu(), lambda t: t.relu()),
        (lambda v: v.clamp(0.0, 1.0), lambda t: t.clamp(0.0, 1.0)),
    ],
    ids=["x**0", "0**y", "log", "abs", "relu", "clamp-at-bound"],
)
def test_edges_as_torch(ours, theirs):
    data = np.array([0.0, 0.0, 1.0])
    (value, grad), (value_t, grad_t) = both(ours, theirs, data)
    np.testing.assert_array_equal(value, value_t)
    np.testing.assert_array_equal(grad, grad_t)
