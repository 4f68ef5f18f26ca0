"""nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d and nn.functional's conv2d, pools and pad:
shapes, PyTorch's names and layouts, initialisation, argument checks, and a CNN's graph
through check_graph and trace_backward."""

import numpy as np
import pytest

import nn
import nn.functional as F
from autograd import Value, check_graph, gradcheck, trace_backward


def small_cnn(dtype=None):
    """The digits CNN's shape on 8 × 8 images: conv, pool, relu twice, then a Linear. (Max
    pooling before the relu, which gives the same function: after a relu, windows of zeros
    tie for the maximum, a kink where check_graph's finite differences mean nothing.)"""
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1, seed=0, dtype=dtype),
        nn.MaxPool2d(2),
        nn.ReLU(),
        nn.Conv2d(4, 6, 3, padding=1, seed=1, dtype=dtype),
        nn.ReLU(),
        nn.AvgPool2d(2),
        nn.Flatten(),
        nn.Linear(24, 10, seed=2, dtype=dtype),
    )


# ----- modules ------------------------------------------------------------------------


def test_conv2d_parameters_have_pytorchs_names_and_shapes():
    conv = nn.Conv2d(3, 8, (5, 3), seed=0)
    state = conv.state_dict()
    assert list(state) == ["weight", "bias"]
    assert state["weight"].shape == (8, 3, 5, 3) and state["bias"].shape == (8,)
    assert not np.any(state["bias"])
    assert "bias" not in nn.Conv2d(3, 8, 3, bias=False).state_dict()


def test_conv2d_output_shapes():
    x = np.zeros((2, 3, 9, 7))
    assert nn.Conv2d(3, 4, 3)(x).shape == (2, 4, 7, 5)
    assert nn.Conv2d(3, 4, 3, padding=1)(x).shape == (2, 4, 9, 7)  # "same"
    assert nn.Conv2d(3, 4, (3, 1), stride=2, padding=(1, 0))(x).shape == (2, 4, 5, 4)


def test_conv2d_seed_dtype_and_kaiming_fans():
    a, b = nn.Conv2d(16, 32, 3, seed=5), nn.Conv2d(16, 32, 3, seed=5)
    np.testing.assert_array_equal(a.weight.data, b.weight.data)
    # Kaiming: variance 2 / fan_in, fan_in = C_in·kH·kW = 144 (PyTorch's count)
    assert a.weight.data.var() == pytest.approx(2 / 144, rel=0.1)
    conv = nn.Conv2d(1, 2, 3, dtype=np.float32)
    assert conv.weight.dtype == np.float32 and conv.bias.dtype == np.float32
    assert conv(np.ones((1, 1, 4, 4))).dtype == np.float32  # a float64 array is cast


def test_init_fans_as_pytorch():
    assert nn.init.fans((32, 16, 3, 3)) == (16 * 9, 32 * 9)
    assert nn.init.fans((8, 2, 5)) == (10, 40)  # a 1-D convolution's weight
    assert nn.init.fans((64, 10)) == (64, 10)  # Linear's (in, out): unchanged
    assert nn.init.fans((7,)) == (7, 1)
    w = nn.init.xavier_normal((32, 16, 3, 3), rng=0)
    assert w.var() == pytest.approx(2 / (144 + 288), rel=0.1)


def test_pooling_modules():
    x = np.arange(36.0).reshape(1, 1, 6, 6)
    pool = nn.MaxPool2d(2)
    assert pool.stride == (2, 2)  # defaults to the kernel size
    np.testing.assert_array_equal(pool(x).data[0, 0], x[0, 0, 1::2, 1::2])
    assert nn.MaxPool2d(3, stride=1, padding=1)(x).shape == (1, 1, 6, 6)
    np.testing.assert_array_equal(
        nn.AvgPool2d((2, 3))(x).data[0, 0], x[0, 0].reshape(3, 2, 2, 3).mean(axis=(1, 3))
    )
    assert nn.MaxPool2d(2).state_dict() == {}
    assert repr(nn.MaxPool2d(2)) == "MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))"


def test_functional_forms_equal_the_modules():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 6, 6))
    conv = nn.Conv2d(3, 4, 3, stride=2, padding=1, seed=0)
    np.testing.assert_array_equal(
        F.conv2d(x, conv.weight, conv.bias, stride=2, padding=1).data, conv(x).data
    )
    np.testing.assert_array_equal(F.max_pool2d(x, 2).data, nn.MaxPool2d(2)(x).data)
    np.testing.assert_array_equal(F.avg_pool2d(x, 3, 1, 1).data, nn.AvgPool2d(3, 1, 1)(x).data)
    assert F.cross_entropy is nn.cross_entropy
    np.testing.assert_array_equal(F.relu(x).data, np.maximum(x, 0))


def test_functional_pad_is_pytorchs():
    x = Value(np.ones((2, 3, 4)))
    out = F.pad(x, (1, 2, 3, 0), value=-1.0)  # last axis by (1, 2), the one before by (3, 0)
    assert out.shape == (2, 6, 7)
    assert out.data[0, 0, 0] == -1.0 and out.data[0, 3, 1] == 1.0
    assert gradcheck(lambda x: F.pad(x, (1, 2, 3, 0)) * np.arange(7.0), x)


# ----- bad input ----------------------------------------------------------------------


def test_wrong_rank_names_the_shape():
    with pytest.raises(ValueError, match=r"\(N, C, H, W\), got shape \(3, 8, 8\)"):
        nn.Conv2d(3, 4, 3)(np.zeros((3, 8, 8)))
    with pytest.raises(ValueError, match=r"max_pool2d.*got shape \(8, 8\)"):
        F.max_pool2d(np.zeros((8, 8)), 2)
    with pytest.raises(ValueError, match=r"weight must have shape.*got shape \(4, 3, 3\)"):
        F.conv2d(np.zeros((1, 3, 8, 8)), np.zeros((4, 3, 3)))


def test_wrong_channel_count_names_both_shapes():
    with pytest.raises(ValueError, match=r"\(2, 1, 8, 8\) has 1 channels.*\(4, 3, 3, 3\)"):
        nn.Conv2d(3, 4, 3)(np.zeros((2, 1, 8, 8)))


def test_kernel_larger_than_padded_input_names_both_shapes():
    with pytest.raises(ValueError, match=r"\(5, 5\).*\(4, 3, 5, 5\).*\(1, 3, 2, 2\) padded"):
        nn.Conv2d(3, 4, 5, padding=1)(np.zeros((1, 3, 2, 2)))
    with pytest.raises(ValueError, match=r"kernel \(3, 3\).*\(1, 1, 2, 2\)"):
        F.avg_pool2d(np.zeros((1, 1, 2, 2)), 3)


def test_bias_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"bias must have shape \(4,\).*got shape \(3,\)"):
        F.conv2d(np.zeros((1, 3, 8, 8)), np.zeros((4, 3, 3, 3)), np.zeros(3))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: nn.Conv2d(0, 4, 3), "in_channels must be an int >= 1, got 0"),
        (lambda: nn.Conv2d(3, -2, 3), "out_channels must be an int >= 1, got -2"),
        (lambda: nn.Conv2d(3, 4, 0), "kernel_size must be an int >= 1, got 0"),
        (lambda: nn.Conv2d(3, 4, (3, 3, 3)), r"kernel_size .* pair of ints .* got \(3, 3, 3\)"),
        (lambda: nn.Conv2d(3, 4, 3, stride=0), "stride must be an int >= 1"),
        (lambda: nn.Conv2d(3, 4, 3, padding=-1), "padding must be an int >= 0"),
        (lambda: nn.MaxPool2d(2, padding=2), r"padding \(2, 2\) must be at most half"),
        (lambda: nn.AvgPool2d(2, stride=(1, 0)), r"stride\[1\] must be an int >= 1, got 0"),
        (lambda: F.pad(np.zeros(3), (1, -1)), r"pad\[1\] must be an int >= 0, got -1"),
        (lambda: F.pad(np.zeros(3), (1,)), r"pad must be an even number.*got \(1,\)"),
        (lambda: F.pad(np.zeros(3), (1, 1, 1, 1)), "at most 2"),
        (lambda: F.pad(np.zeros(3), (1, 1), mode="reflect"), "mode must be 'constant'"),
    ],
)
def test_bad_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: nn.Conv2d(3, 4, True), "kernel_size must be an int, got bool: True"),
        (lambda: nn.Conv2d(3, 4, 2.5), "kernel_size must be an int, got float: 2.5"),
        (lambda: nn.MaxPool2d((2, "2")), r"kernel_size\[1\] must be an int, got str"),
        (lambda: F.pad(np.zeros(3), (1, 1.0)), r"pad\[1\] must be an int, got float"),
    ],
)
def test_arguments_of_the_wrong_type(make, message):
    with pytest.raises(TypeError, match=message):
        make()


def test_conv2d_dtype_must_be_floating():
    with pytest.raises(TypeError, match="dtype must be a floating dtype"):
        nn.Conv2d(1, 2, 3, dtype=np.int32)


# ----- a CNN's graph ------------------------------------------------------------------


def cnn_loss(dtype=None):
    model = small_cnn(dtype)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(3, 1, 8, 8)).astype(dtype or np.float64)
    loss = nn.cross_entropy(model(x), np.array([1, 7, 3]))
    return model, loss


def test_a_cnn_graph_has_one_node_per_layer_op():
    _, loss = cnn_loss()
    trace = trace_backward(loss)
    ops = [step.node.op for step in trace if step.node.op]
    assert ops == ["cross_entropy", "linear", "reshape", "avg_pool2d", "relu", "conv2d",
                   "relu", "max_pool2d", "conv2d"]  # fmt: skip


def test_check_graph_passes_on_a_cnn():
    _, loss = cnn_loss()
    report = check_graph(loss)
    assert report.ok, str(report)
    assert [r.op for r in report.results].count("conv2d") == 2


def test_trace_backward_gives_backwards_gradients_on_a_float32_cnn():
    model, loss = cnn_loss(np.float32)
    trace_backward(loss)
    traced = [p.grad.copy() for p in model.parameters()]
    model.zero_grad()
    loss.backward()
    for ours, theirs in zip(traced, (p.grad for p in model.parameters())):
        assert ours.dtype == np.float32
        np.testing.assert_array_equal(ours, theirs)


def test_a_cnn_trains():
    """Ten Adam steps on one batch of random images lower the loss a lot."""
    import optim

    model = small_cnn()
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(16, 1, 8, 8)), rng.integers(0, 10, 16)
    optimizer = optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(30):
        loss = nn.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    assert losses[-1] < 0.2 * losses[0]
