"""Every op of the engine, one `Function` subclass each (forward and backward side by side),
grouped by topic, one file each:

    arithmetic   + * **                      elementwise  exp log abs tanh sigmoid relu ...
    matmul       @                           reductions   sum max logsumexp
    shape        reshape transpose [] concat stack
    linear       x @ W + b, fused            losses       hinge, softmax cross-entropy, fused

`Value`'s methods reach them through their modules (`elementwise.Exp.apply(x)`), so adding
an op touches its file and, for a method, `Value`: no list of names here to keep in step.
"""

from autograd.ops.shape import concat, stack

__all__ = ["concat", "stack"]
