"""The six kinds of program of PyTorch's "Learning PyTorch with Examples", written for
gradschool as a PyTorch user writes them (fitting y = sin(x) with a cubic polynomial).

Each program is a function `program(init, steps)` returning the loss of every step, so that
a test can compare the losses with those of its twin in `habits_torch.py`, which is the
same program written for torch, line for line; `diff habits.py habits_torch.py` shows
every line that had to differ. `init` holds the starting weights (the same numbers for
both twins; creating them is the one thing each library does its own way).
"""

import math
import random

import numpy as np

import nn
import optim
from autograd import Function, Value, no_grad


def data():
    x = Value(np.linspace(-math.pi, math.pi, 2000), requires_grad=False)
    y = x.sin()
    return x, y


# (a) Values and autograd, the update written by hand under no_grad() ---------------------
def raw_values(init, steps):
    x, y = data()
    a, b, c, d = (Value(init[k]) for k in "abcd")
    learning_rate = 1e-6
    losses = []
    for _ in range(steps):
        y_pred = a + b * x + c * x**2 + d * x**3
        loss = (y_pred - y).pow(2).sum()
        losses.append(loss.item())
        loss.backward()
        with no_grad():
            a -= learning_rate * a.grad
            b -= learning_rate * b.grad
            c -= learning_rate * c.grad
            d -= learning_rate * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    return losses


# (b) a new autograd Function ------------------------------------------------------------
class LegendrePolynomial3(Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input**3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        (input,) = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input**2 - 1)


def custom_function(init, steps):
    x, y = data()
    a, b, c, d = (Value(init[k]) for k in "abcd")
    learning_rate = 5e-6
    losses = []
    for _ in range(steps):
        P3 = LegendrePolynomial3.apply
        y_pred = a + b * P3(c + d * x)
        loss = (y_pred - y).pow(2).sum()
        losses.append(loss.item())
        loss.backward()
        with no_grad():
            a -= learning_rate * a.grad
            b -= learning_rate * b.grad
            c -= learning_rate * c.grad
            d -= learning_rate * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    return losses


# (c) nn modules, the update written by hand over model.parameters() ---------------------
def nn_manual_update(init, steps):
    x, y = data()
    p = np.array([1, 2, 3])
    xx = x.unsqueeze(-1).pow(p)
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1)).double()
    weight, bias = init["weight"].T, init["bias"]
    model.load_state_dict({"0.weight": weight, "0.bias": bias})
    loss_fn = nn.MSELoss(reduction="sum")
    learning_rate = 1e-6
    losses = []
    for _ in range(steps):
        y_pred = model(xx)
        loss = loss_fn(y_pred, y)
        losses.append(loss.item())
        model.zero_grad()
        loss.backward()
        with no_grad():
            for param in model.parameters():
                param -= learning_rate * param.grad
    return losses


# (d) an optimizer (and a learning-rate schedule) ---------------------------------------
def nn_optimizer(init, steps):
    x, y = data()
    p = np.array([1, 2, 3])
    xx = x.unsqueeze(-1).pow(p)
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1)).double()
    weight, bias = init["weight"].T, init["bias"]
    model.load_state_dict({"0.weight": weight, "0.bias": bias})
    loss_fn = nn.MSELoss(reduction="sum")
    learning_rate = 1e-2
    optimizer = optim.Adam(model.parameters(), lr=learning_rate)
    scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=50, gamma=0.5)
    losses = []
    for _ in range(steps):
        y_pred = model(xx)
        loss = loss_fn(y_pred, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
    return losses


# (e) a custom Module --------------------------------------------------------------------
class Polynomial3(nn.Module):
    def __init__(self, init):
        super().__init__()
        self.a = nn.Parameter(init["a"])
        self.b = nn.Parameter(init["b"])
        self.c = nn.Parameter(init["c"])
        self.d = nn.Parameter(init["d"])

    def forward(self, x):
        return self.a + self.b * x + self.c * x**2 + self.d * x**3

    def string(self):
        return (
            f"y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3"
        )


def custom_module(init, steps):
    x, y = data()
    model = Polynomial3(init)
    criterion = nn.MSELoss(reduction="sum")
    optimizer = optim.SGD(model.parameters(), lr=1e-6)
    losses = []
    for _ in range(steps):
        y_pred = model(x)
        loss = criterion(y_pred, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    assert model.string().startswith("y = ")
    return losses


# (f) control flow and weight sharing: a network that reuses a weight a random number of
# times (x**4, x**5: the same e) --------------------------------------------------------
class DynamicNet(nn.Module):
    def __init__(self, init):
        super().__init__()
        self.a = nn.Parameter(init["a"])
        self.b = nn.Parameter(init["b"])
        self.c = nn.Parameter(init["c"])
        self.d = nn.Parameter(init["d"])
        self.e = nn.Parameter(init["e"])

    def forward(self, x):
        y = self.a + self.b * x + self.c * x**2 + self.d * x**3
        for exp in range(4, random.randint(4, 6)):
            y = y + self.e * x**exp
        return y


def dynamic_net(init, steps):
    random.seed(0)
    x, y = data()
    model = DynamicNet(init)
    criterion = nn.MSELoss(reduction="sum")
    optimizer = optim.SGD(model.parameters(), lr=1e-8, momentum=0.9)
    losses = []
    for _ in range(steps):
        y_pred = model(x)
        loss = criterion(y_pred, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


PROGRAMS = [raw_values, custom_function, nn_manual_update, nn_optimizer, custom_module,
            dynamic_net]  # fmt: skip
