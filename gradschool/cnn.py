"""The convolutional network of `gradschool train --model cnn`, for the 8 × 8 digits.

    image (1, 8, 8) → Conv2d(1→16, 3×3, padding 1) → MaxPool2d(2) → ReLU    (16, 4, 4)
                    → Conv2d(16→32, 3×3, padding 1) → MaxPool2d(2) → ReLU   (32, 2, 2)
                    → Flatten (128) → Dropout → Linear(128→10)               logits

Why this stack: 3 × 3 kernels with padding 1 keep the image's size, so the edges of an
8 × 8 digit (where most of its strokes end) are seen as often as its middle; two
conv/pool stages shrink 8 → 4 → 2, after which a 2 × 2 map of 32 features is a summary of
strokes by quadrant, enough for one Linear layer to classify. 16 then 32 filters give
6,090 parameters, about as many as the default MLP 64-64-10 (4,810), so the two compare
fairly. Max pooling comes before the ReLU: the two commute (both are monotone), and the
ReLU then runs on a quarter of the pixels. Dropout (0.25 in `gradschool train`, see
`config.DEFAULT_DROPOUT`) before the Linear layer makes it better on the held-out digits.

The run folder holds the same standardised rows of 64 pixels as for the MLP (so that
`evaluate`, `graph`, the plots and `--augment` work unchanged); the network's first step
views each row as the (1, 8, 8) image it came from.
"""

import numpy as np

import nn
from nn.module import as_value

IMAGE_SHAPE = (1, 8, 8)


class DigitsCNN(nn.Module):
    """The CNN above. Parameters, PyTorch-named: conv1.weight (16, 1, 3, 3), conv1.bias,
    conv2.weight (32, 16, 3, 3), conv2.bias, fc.weight (128, 10), fc.bias.

    Args:
        n_classes: outputs (logits). dropout: probability before the Linear layer (0: none).
        init: the convolutions' initialisation (None: "kaiming", for ReLU networks).
        seed: seeds every weight and the dropout. dtype: float64 (default) or float32.

    Shape: input (N, 64) rows of pixels or (N, 1, 8, 8) images; output (N, n_classes).
    """

    def __init__(self, n_classes=10, dropout=0.0, init=None, seed=None, dtype=None):
        super().__init__()
        rng = np.random.default_rng(seed)
        init = init or "kaiming"
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1, init=init, seed=rng, dtype=dtype)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1, init=init, seed=rng, dtype=dtype)
        self.pool = nn.MaxPool2d(2)
        self.dropout = nn.Dropout(dropout, seed=rng) if dropout else None
        self.fc = nn.Linear(32 * 2 * 2, n_classes, seed=rng, dtype=dtype)

    def forward(self, x):
        x = as_value(x)
        x = x.reshape(x.shape[0], *IMAGE_SHAPE)
        x = self.pool(self.conv1(x)).relu()
        x = self.pool(self.conv2(x)).relu()
        x = x.reshape(x.shape[0], -1)
        if self.dropout is not None:
            x = self.dropout(x)
        return self.fc(x)
