"""optim: the update rules of the course, PyTorch-compatible; learning-rate schedules; clipping.

Every optimizer takes the parameters first, as PyTorch::

    opt = Adam(model.parameters(), lr=1e-3)
    for x, y in batches:
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()

The learning-rate schedules live at PyTorch's path, `optim.lr_scheduler.StepLR` (and are also
exported here: `optim.StepLR`).
"""

from optim import lr_scheduler
from optim.adam import Adam, AdamW
from optim.clipping import clip_grad_norm
from optim.lr_scheduler import (
    CosineAnnealingLR,
    ExponentialLR,
    LRScheduler,
    ReduceLROnPlateau,
    StepLR,
)
from optim.momentum import Momentum
from optim.optimizer import Optimizer
from optim.rmsprop import RMSProp
from optim.sgd import SGD

__all__ = [
    "SGD",
    "Adam",
    "AdamW",
    "CosineAnnealingLR",
    "ExponentialLR",
    "LRScheduler",
    "Momentum",
    "Optimizer",
    "RMSProp",
    "ReduceLROnPlateau",
    "StepLR",
    "clip_grad_norm",
    "lr_scheduler",
]
