"""Every op of the engine, one `Function` subclass each (forward and backward side by side),
grouped by topic, one file each:

    arithmetic   + * **                      elementwise  exp log abs tanh sigmoid relu sin ...
    matmul       @                           reductions   sum prod amax amin logsumexp
    shape        reshape permute [] concat stack take_along_dim
    selection    where maximum
    linear       x @ W + b, fused            losses       hinge, softmax cross-entropy, fused

`Value`'s methods reach them through their modules (`elementwise.Exp.apply(x)`), so adding
an op touches its file and, for a method, `Value`: no list of names here to keep in step.
"""

from autograd.ops.selection import maximum, minimum, where
from autograd.ops.shape import cat, concat, stack

__all__ = ["cat", "concat", "maximum", "minimum", "stack", "where"]
