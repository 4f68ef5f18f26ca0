"""The primitive ops, one `Function` subclass each (forward and backward side by side)."""

from autograd.ops.arithmetic import Add, Mul, Pow
from autograd.ops.elementwise import Abs, Clip, Exp, LeakyReLU, Log, ReLU, Sigmoid, Sign, Tanh
from autograd.ops.matmul import MatMul
from autograd.ops.reductions import LogSumExp, Max, Sum
from autograd.ops.shape import Concat, GetItem, Reshape, Stack, Transpose, concat, stack

__all__ = [
    "Abs", "Add", "Clip", "Concat", "Exp", "GetItem", "LeakyReLU", "Log", "LogSumExp",
    "MatMul", "Max", "Mul", "Pow", "ReLU", "Reshape", "Sigmoid", "Sign", "Stack", "Sum",
    "Tanh", "Transpose", "concat", "stack",
]  # fmt: skip
