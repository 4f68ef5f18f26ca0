"""nn: neural networks on the autograd engine, shaped like PyTorch's `torch.nn`.

Modules (`Perceptron`, `Linear`, `MLP`, `Conv2d`, `MaxPool2d`, `AvgPool2d`, `Sequential`,
`ModuleList`, `Flatten`, `Dropout`, activations, loss modules such as `MSELoss`) hold their
parameters as Value attributes (`Parameter(data)` is one, for PyTorch code); losses are also
functions `loss(prediction, target, reduction="mean")`, and `nn.functional` holds every
function form (`import nn.functional as F`); `nn.init` draws initial weights; `fit` and
`evaluate` run the training loop with any optimizer and any re-iterable of batches.

Example:
    >>> from nn import MLP, cross_entropy, fit
    >>> images, labels = data.load_digits()
    >>> X = images.reshape(len(images), -1)          # 64 pixels per image
    >>> model = MLP(64, [64], 10, seed=0)
    >>> history = fit(model, cross_entropy, optim.Adam(model.parameters(), lr=1e-3),
    ...               data.DataLoader(X, labels, batch_size=32, shuffle=True, seed=0),
    ...               epochs=20, progress=False)
    >>> history.history["accuracy"][-1] > 0.95       # on the training images
    True
"""

import autograd

if not hasattr(autograd, "Value"):  # another package called autograd came first on sys.path
    raise ImportError(
        f"nn needs gradschool's autograd, but `import autograd` found another package "
        f"of that name, {autograd.__file__ or list(autograd.__path__)} (PyPI's HIPS "
        "autograd?); install gradschool in a fresh virtual environment (python3 -m venv)"
    )

from nn import functional, init
from nn.activations import (
    ACTIVATIONS,
    Identity,
    LeakyReLU,
    LogSoftmax,
    ReLU,
    Sigmoid,
    Sign,
    Softmax,
    Tanh,
    get_activation,
)
from nn.callbacks import Callback, EarlyStopping
from nn.containers import ModuleList, Sequential
from nn.conv import Conv2d
from nn.dropout import Dropout
from nn.layers import MLP, Flatten, Linear
from nn.losses import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    HingeLoss,
    L1Loss,
    MSELoss,
    NLLLoss,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge_loss,
    l1_loss,
    mse_loss,
    nll_loss,
)
from nn.metrics import METRICS, accuracy, mae
from nn.module import Module, Parameter
from nn.perceptron import Perceptron
from nn.pooling import AvgPool2d, MaxPool2d
from nn.training import History, evaluate, fit

__all__ = [
    "ACTIVATIONS", "METRICS", "MLP", "AvgPool2d", "BCELoss", "BCEWithLogitsLoss", "Callback",
    "Conv2d", "CrossEntropyLoss", "Dropout", "EarlyStopping", "Flatten", "HingeLoss",
    "History", "Identity", "L1Loss", "LeakyReLU", "Linear", "LogSoftmax", "MSELoss",
    "MaxPool2d", "Module", "ModuleList", "NLLLoss", "Parameter", "Perceptron", "ReLU",
    "Sequential", "Sigmoid", "Sign", "Softmax", "Tanh", "accuracy", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "cross_entropy", "evaluate", "fit", "functional",
    "get_activation", "hinge_loss", "init", "l1_loss", "mae", "mse_loss", "nll_loss",
]  # fmt: skip
