"""float16 parameters, updated in float32.

Adam's, AdamW's and RMSProp's ε (1e-8) is below float16's smallest number (about 6e-8), so
in float16 it rounds to 0, and a zero gradient gives 0/0 = NaN after one step. These rules
therefore keep their buffers in float32 for a float16 parameter and compute each update in
float32, writing the result back into the float16 array (as mixed-precision training does).
"""

import functools

import numpy as np


def state_dtype(W: np.ndarray) -> np.dtype:
    """The dtype of a rule's buffers for parameter data W: float32 for float16 W."""
    return np.dtype(np.float32) if W.dtype == np.float16 else W.dtype


FLOAT16 = np.dtype(np.float16)  # compared with a dtype, not np.float16: no conversion per call


def float16_in_float32(update):
    """Decorate an optimizer's `update(self, W, g, state, group)` so that a float16 W and g
    are updated through float32 copies."""

    @functools.wraps(update)
    def wrapped(self, W, g, state, group):
        if W.dtype != FLOAT16:
            return update(self, W, g, state, group)
        W32 = W.astype(np.float32)
        update(self, W32, g.astype(np.float32), state, group)
        W[...] = W32
        return None

    return wrapped
