"""Shared test oracles, written once and used by every test of an op:

check(fn, *arrays)                   an op's gradient against central finite
                                     differences in float64 (`autograd.gradcheck`)
assert_fused_matches(fused, composite, *arrays)
                                     a fused op against the same maths composed of
                                     primitive ops: values and every input's gradient
TanhWithWrongBackward, SinWithWrongSign
                                     deliberately wrong ops, for the tests that the
                                     checkers (gradcheck, check_graph) catch a mistake
"""

import numpy as np

from autograd import Function, Value, gradcheck


def check(fn, *data):
    """gradcheck `fn` at Values holding copies of `data` (floats stay floats)."""
    values = [Value(x.copy() if isinstance(x, np.ndarray) else x) for x in data]
    assert gradcheck(fn, *values)


def assert_fused_matches(fused, composite, *arrays, rtol=1e-10, atol=1e-12, seed=99):
    """`fused(*values)` and `composite(*values)` give the same output and, for one random
    upstream gradient, the same gradient for every input (to rtol/atol; 0, 0 for bit for bit)."""
    values = [[Value(a.copy()) for a in arrays] for _ in range(2)]
    out_fused, out_composite = fused(*values[0]), composite(*values[1])
    np.testing.assert_allclose(out_fused.data, out_composite.data, rtol=rtol, atol=atol)
    upstream = np.random.default_rng(seed).normal(size=out_fused.shape)
    out_fused.backward(upstream)
    out_composite.backward(upstream)
    for ours, theirs in zip(*values):
        np.testing.assert_allclose(ours.grad, theirs.grad, rtol=rtol, atol=atol)


class TanhWithWrongBackward(Function):
    """tanh whose backward forgot to square: d/dx tanh = 1 - tanh², not 1 - tanh."""

    @staticmethod
    def forward(ctx, x):
        out = np.tanh(x)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        (out,) = ctx.saved
        return grad_output * (1.0 - out)


class SinWithWrongSign(Function):
    """sin whose backward has the wrong sign: d/dx sin = cos, not -cos."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return np.sin(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        return -grad_output * np.cos(x)
