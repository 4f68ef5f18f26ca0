"""optim: the update rules of the course, PyTorch-compatible; learning-rate schedules; clipping.

Every optimizer takes the parameters first, as PyTorch.

Example:
    >>> X, y = data.make_moons(200, noise=0.1, seed=0)
    >>> model = nn.MLP(2, [16], 2, seed=0)
    >>> batches = data.DataLoader(X, y, batch_size=32, shuffle=True, seed=0)
    >>> opt = Adam(model.parameters(), lr=1e-2)
    >>> for epoch in range(50):
    ...     for x, target in batches:
    ...         loss = nn.cross_entropy(model(x), target)
    ...         opt.zero_grad()
    ...         loss.backward()
    ...         opt.step()
    >>> nn.accuracy(model(X), y) > 0.9
    True

The learning-rate schedules live at PyTorch's path, `optim.lr_scheduler.StepLR` (and are also
exported here: `optim.StepLR`).
"""

import autograd

if not hasattr(autograd, "Value"):  # another package called autograd came first on sys.path
    raise ImportError(
        f"optim needs gradschool's autograd, but `import autograd` found another package "
        f"of that name, {autograd.__file__ or list(autograd.__path__)} (PyPI's HIPS "
        "autograd?); install gradschool in a fresh virtual environment (python3 -m venv)"
    )

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
