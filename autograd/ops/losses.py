"""Fused loss ops: hinge loss and softmax cross-entropy, each one node (nn's loss functions
check their arguments and call these)."""

import numpy as np

from autograd.function import Function


class HingeLoss(Function):
    """Hinge loss L_i = max(0, 1 − y_i·ŷ_i), reduced, as one fused op.

    Its gradient is dL_i/dŷ_i = −y_i where the margin 1 − y_i·ŷ_i is positive, else 0 (at
    the kink itself 0, as relu's), and for "mean" divided by N, the number of elements.

    Fused for speed: the composite `_reduce((1.0 - prediction * target).relu(), reduction)`
    is six nodes (*, the −1 of the subtraction, +, relu, sum and the · 1/N of the mean);
    this is one node whose backward is one product. Its gradients are those of the
    composite bit for bit (a test checks): apart from the 1/N, every factor the chain rule
    multiplies is 0, 1 or ±1.

    Inputs: prediction ŷ (a float or an array). Options: `target`, y in {−1, +1} of ŷ's
    shape and dtype; `reduction`.
    """

    name = "hinge_loss"

    @staticmethod
    def forward(ctx, prediction, target=None, reduction="mean"):
        margins = 1.0 - target * prediction
        positive = margins > 0
        ctx.save_for_backward(positive)
        losses = np.maximum(margins, 0.0)
        if reduction == "none":
            return losses
        total = np.add.reduce(losses, axis=None)  # as Value.sum: np.sum without its Python layer
        return total * (1.0 / losses.size) if reduction == "mean" else total  # mean as Value.mean

    @staticmethod
    def backward(ctx, grad_output):
        (positive,) = ctx.saved
        target, reduction = ctx.options["target"], ctx.options["reduction"]
        if reduction == "mean":
            grad_output = grad_output * (1.0 / positive.size)
        return grad_output * positive * -target


class CrossEntropy(Function):
    """Softmax cross-entropy of logits, reduced, as one fused op.

        L_i = −Σ_k y_ik · log softmax(z_i)_k = logsumexp(z_i) − Σ_k y_ik z_ik

    With p_i = softmax(z_i) the gradient is dL_i/dz_i = p_i − y_i, so for "mean" the whole
    backward is (softmax − one_hot) / N.

    Fused for stability and speed: log softmax is computed as z − max z − log Σ e^(z − max z)
    (no overflow, no log of 0), and the composite graph (log_softmax, index, mean: 5+
    nodes) becomes one node whose backward is one subtraction.

    Inputs: logits z (N, C). Options: `target`, class indices (N,) (an integer array) or
    a one-hot / probability matrix (N, C) of z's dtype; `reduction`.
    """

    name = "cross_entropy"

    @staticmethod
    def forward(ctx, logits, target=None, reduction="mean"):
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        if target.ndim == 1:
            losses = -log_probs[np.arange(len(target)), target]
        else:
            losses = -(target * log_probs).sum(axis=1)
        ctx.save_for_backward(log_probs)
        if reduction == "mean":
            return losses.mean()
        return losses.sum() if reduction == "sum" else losses

    @staticmethod
    def backward(ctx, grad_output):
        (log_probs,) = ctx.saved
        target, reduction = ctx.options["target"], ctx.options["reduction"]
        grad = np.exp(log_probs)  # softmax
        if target.ndim == 1:
            grad[np.arange(len(target)), target] -= 1.0
        else:
            grad -= target
        if reduction == "mean":
            return grad * (grad_output / len(grad))
        if reduction == "sum":
            return grad * grad_output
        return grad * np.asarray(grad_output)[:, np.newaxis]
