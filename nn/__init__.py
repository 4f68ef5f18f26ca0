"""nn: neural networks on the autograd engine, shaped like PyTorch's `torch.nn`.

Modules (`Perceptron`, `Linear`, `MLP`, `Sequential`, `ModuleList`, `Flatten`, `Dropout`,
activations, loss modules such as `MSELoss`) hold their parameters as Value attributes
(`Parameter(data)` is one, for PyTorch code); losses are also functions
`loss(prediction, target, reduction="mean")`, and `nn.functional` holds every function form
(`import nn.functional as F`); `nn.init` draws initial weights; `fit` and `evaluate` run
the training loop with any optimizer and any re-iterable of batches.

    from nn import MLP, cross_entropy, fit
    model = MLP(64, [64], 10, seed=0)
    history = fit(model, cross_entropy, optim.Adam(model.parameters(), lr=1e-3),
                  data.DataLoader(X, y, batch_size=32, shuffle=True, seed=0), epochs=20)
"""

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
from nn.training import History, evaluate, fit

__all__ = [
    "ACTIVATIONS", "METRICS", "MLP", "BCELoss", "BCEWithLogitsLoss", "Callback",
    "CrossEntropyLoss", "Dropout", "EarlyStopping", "Flatten", "HingeLoss", "History",
    "Identity", "L1Loss", "LeakyReLU", "Linear", "LogSoftmax", "MSELoss", "Module",
    "ModuleList", "NLLLoss",
    "Parameter", "Perceptron", "ReLU", "Sequential", "Sigmoid", "Sign", "Softmax", "Tanh",
    "accuracy", "binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy",
    "evaluate", "fit", "functional", "get_activation", "hinge_loss", "init", "l1_loss",
    "mae", "mse_loss", "nll_loss",
]  # fmt: skip
