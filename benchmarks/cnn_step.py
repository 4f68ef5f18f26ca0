"""A CNN training step: gradschool beside hand-written numpy and PyTorch (issue 20).

A step is forward, softmax cross-entropy, backward, Adam (lr 1e-3) and zero_grad, in
float32, batch 64, on two networks:

    digits   8×8 images:   Conv 1→16 3×3 pad 1, maxpool 2, relu, Conv 16→32 3×3 pad 1,
                           maxpool 2, relu, 128→10            (`gradschool train --model cnn`)
    lenet    28×28 images: Conv 1→6 5×5, maxpool 2, relu, Conv 6→16 5×5, maxpool 2, relu,
                           256→120, relu, 120→84, relu, 84→10

(max pooling before the relu, in all three implementations: the same function as relu
then pool, since both are monotone). Random pixels and labels: timings do not depend on
them. Each step is written three times, from the same initial weights, on the same batches:

    gradschool   nn.Conv2d, nn.MaxPool2d, nn.ReLU, nn.Flatten, nn.Linear (float32),
                 nn.cross_entropy, optim.Adam
    numpy        the floor for any numpy-backed engine: im2col and one matrix product per
                 convolution, the backward written out by hand, in-place Adam (the same
                 as benchmarks/mlp_step.py's floor)
    torch        PyTorch 2.13 CPU: torch.nn layers, F.cross_entropy, torch.optim.Adam

Measured as benchmarks/mlp_step.py measures (see there): correctness first (one step from
the same weights; losses to rel 1e-4, weights to rel 1e-3), one thread per library (set
before numpy and torch load), interleaved rounds with the per-round ratio's median (the
three libraries in one process, a fresh process per workload), and
tracemalloc memory: the peak of a step above the steady state, and whether gradschool's
memory stays flat over 1,000 steps. One difference: steps are timed by the process's CPU
time by default (`--clock cpu`), since the machines this runs on are shared and wall time
also counts the time spent waiting for a core.

    .bench-venv/bin/python benchmarks/cnn_step.py [--workloads digits lenet] [--rounds 21]
        [--clock cpu|wall] [--quick]

The last line of output is one JSON object with every figure. Without torch the script
runs and reports gradschool against numpy only.

The memory allocator matters as much as the arithmetic here. A LeNet step allocates
about 10 MB of fresh arrays (im2col columns and their gradients), and glibc may hand freed
memory back to the system and fault it in again, zeroed, on the next step. Measured while
writing this: a LeNet step of gradschool and of the numpy floor took 30–65% longer when
(a) the whole dL/dcols was materialised in col2im (now done one kernel offset at a time,
see autograd/ops/conv.py), or (b) the digits workload had run before in the same process
(hence a fresh process per workload); torch's step was not affected. With glibc told to
keep freed memory (MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=268435456 in the
environment) the figures stay within a few percent of the default run.
"""

import os

os.environ.update(
    dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")
)

import argparse
import dataclasses
import itertools
import json
import math
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
from mlp_step import (
    BETAS,
    EPS,
    LOSS_RTOL,
    LR,
    UPDATE_RTOL,
    WEIGHT_RTOL,
    NumpyStep,
    memory_growth,
    numpy_cross_entropy,
    relative_error,
    step_peak_bytes,
    torch,
)
from numpy.lib.stride_tricks import sliding_window_view

import nn
import optim

BATCH = 64
BATCHES = 4
FLAT_BYTES = 4096
TARGETS = {"numpy": 1.25, "torch": 1.10}  # the issue's, for both networks


# ----- workloads ---------------------------------------------------------------------------


@dataclasses.dataclass
class Workload:
    """A CNN: its convolutions [(C_in, C_out, k, padding)] (each followed by maxpool 2 and
    relu), its Linear sizes, its starting weights (float32; conv W (C_out, C_in, k, k),
    Linear W (n_in, n_out), as gradschool stores them) and its batches (x (N, 1, S, S),
    class indices y (N,))."""

    name: str
    image: int
    convs: list
    sizes: list
    weights: list  # [(W, b)] for the convolutions, then for the Linear layers
    batches: list
    steps_per_round: int


def make_workload(name, image, convs, sizes, steps_per_round):
    rng = np.random.default_rng(0)
    weights = []
    for c_in, c_out, k, _ in convs:  # Kaiming: N(0, 2 / fan_in), fan_in = C_in·k·k
        W = rng.normal(0, math.sqrt(2 / (c_in * k * k)), (c_out, c_in, k, k))
        weights.append((W.astype(np.float32), np.zeros(c_out, np.float32)))
    for n_in, n_out in itertools.pairwise(sizes):
        W = rng.normal(0, math.sqrt(2 / n_in), (n_in, n_out))
        weights.append((W.astype(np.float32), np.zeros(n_out, np.float32)))
    batches = [
        (
            rng.random((BATCH, 1, image, image), dtype=np.float32),
            rng.integers(0, sizes[-1], BATCH, dtype=np.int64),
        )
        for _ in range(BATCHES)
    ]
    return Workload(name, image, convs, sizes, weights, batches, steps_per_round)


def digits():
    return make_workload("digits", 8, [(1, 16, 3, 1), (16, 32, 3, 1)], [128, 10], 20)


def lenet():
    return make_workload("lenet", 28, [(1, 6, 5, 0), (6, 16, 5, 0)], [256, 120, 84, 10], 4)


WORKLOADS = {"digits": digits, "lenet": lenet}


# ----- the three implementations -----------------------------------------------------------


class CNN(nn.Module):
    """The workload's network as a learner would write it: its layers in a list.

    (Not nn.Sequential: its `model[i]` makes a new attribute-name string per layer and
    call, which CPython's type attribute cache keeps, so tracemalloc would see memory grow
    by about 30 bytes a step, for a few thousand steps, until that cache is full.)"""

    def __init__(self, workload):
        super().__init__()
        self.layers = []
        for c_in, c_out, k, padding in workload.convs:
            self.layers += [nn.Conv2d(c_in, c_out, k, padding=padding, dtype=np.float32),
                            nn.MaxPool2d(2), nn.ReLU()]  # fmt: skip
        self.layers.append(nn.Flatten())
        for n_in, n_out in itertools.pairwise(workload.sizes):
            self.layers += [nn.Linear(n_in, n_out, dtype=np.float32), nn.ReLU()]
        self.layers.pop()  # no relu after the last Linear: its outputs are the logits

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class GradschoolStep:
    """gradschool as a learner would write it: nn layers, nn.cross_entropy, optim.Adam."""

    name = "gradschool"

    def __init__(self, workload):
        self.model = CNN(workload)
        self.layers = [m for m in self.model.layers if isinstance(m, nn.Conv2d | nn.Linear)]
        for layer, (W, b) in zip(self.layers, workload.weights):
            layer.weight.data[...] = W
            layer.bias.data[...] = b
        self.optimizer = optim.Adam(self.model.parameters(), lr=LR, betas=BETAS, eps=EPS)
        self.batches = workload.batches

    def step(self, x, y):
        loss = nn.cross_entropy(self.model(x), y)
        loss.backward()
        self.optimizer.step()
        self.optimizer.zero_grad()
        return loss

    def weights(self):
        return [(layer.weight.data.copy(), layer.bias.data.copy()) for layer in self.layers]


class NumpyCNNStep:
    """The floor: the step written by hand in numpy, with no graph.

    Images live in memory as (C, H, W, N), the batch innermost, as gradschool's ops keep
    them (their docstring says why); a convolution is im2col (one copy of a
    `sliding_window_view`) and one matrix product, its input gradient col2im (one matrix
    product and one strided addition per kernel offset); a 2×2 max pool keeps the index
    of each window's first maximum for its backward. Between steps it keeps only the
    gradient buffers and Adam's state, as mlp_step's floor, whose in-place Adam it uses.
    """

    name = "numpy"
    adam = NumpyStep.adam

    def __init__(self, workload):
        self.convs = workload.convs
        self.params = [array.copy() for layer in workload.weights for array in layer]
        self.grads = [np.zeros_like(p) for p in self.params]
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.scratch = [np.zeros_like(p) for p in self.params]
        self.t = 0
        self.batches = workload.batches

    def step(self, x, y):
        n = len(x)
        h = x.transpose(1, 2, 3, 0)  # (C, H, W, N)
        saved = []
        for index, (c_in, c_out, k, p) in enumerate(self.convs):
            W, b = self.params[2 * index], self.params[2 * index + 1]
            _, height, width, _ = h.shape
            if p:
                padded = np.zeros((c_in, height + 2 * p, width + 2 * p, n), np.float32)
                padded[:, p:-p, p:-p] = h
            else:
                padded = h
            ho, wo = padded.shape[1] - k + 1, padded.shape[2] - k + 1
            cols = np.empty((c_in, k, k, ho, wo, n), np.float32)
            # (C, Ho, Wo, N, k, k); writeable: numpy 2.4's read-only strided views leak
            windows = sliding_window_view(padded, (k, k), axis=(1, 2), writeable=True)
            cols[...] = windows.transpose(0, 4, 5, 1, 2, 3)
            cols = cols.reshape(c_in * k * k, -1)
            z = (W.reshape(c_out, -1) @ cols).reshape(c_out, ho, wo, n)
            z += b[:, None, None, None]
            pooled = z[:, 0::2, 0::2].copy()  # 2×2 max pool, first maximum at a tie
            argmax = np.zeros(pooled.shape, np.int8)
            for offset, (i, j) in enumerate(((0, 1), (1, 0), (1, 1)), start=1):
                candidate = z[:, i::2, j::2]
                greater = candidate > pooled
                np.maximum(pooled, candidate, out=pooled)
                argmax += greater * (offset - argmax)  # = offset where greater
            np.maximum(pooled, 0, out=pooled)  # relu
            saved.append((padded.shape, cols, argmax, pooled, z.shape))
            h = pooled
        c, ho, wo, _ = h.shape
        features = h.transpose(3, 0, 1, 2).reshape(n, -1)  # flatten as (N, C·H·W)
        first_linear = len(self.convs)
        weights = self.params[2 * first_linear :: 2]
        biases = self.params[2 * first_linear + 1 :: 2]
        inputs = []
        h = features
        for i, (W, b) in enumerate(zip(weights, biases)):
            inputs.append(h)
            h = h @ W
            h += b
            if i < len(weights) - 1:
                np.maximum(h, 0, out=h)
        loss, g = numpy_cross_entropy(h, y)
        for i in reversed(range(len(weights))):
            layer = first_linear + i
            np.matmul(inputs[i].T, g, out=self.grads[2 * layer])
            g.sum(axis=0, out=self.grads[2 * layer + 1])
            g = g @ weights[i].T
            g *= inputs[i] > 0  # through the relu before this layer (or after the last pool)
        g = g.reshape(n, c, ho, wo).transpose(1, 2, 3, 0)  # (C, H, W, N)
        for index in reversed(range(len(self.convs))):
            c_in, c_out, k, p = self.convs[index]
            padded_shape, cols, argmax, pooled, z_shape = saved[index]
            if index < len(self.convs) - 1:
                g = g * (pooled > 0)  # relu (the last one's was applied above)
            grad_z = np.empty(z_shape, np.float32)  # max pool: the windows tile z
            for offset, (i, j) in enumerate(((0, 0), (0, 1), (1, 0), (1, 1))):
                np.multiply(g, argmax == offset, out=grad_z[:, i::2, j::2])
            grad_z = grad_z.reshape(c_out, -1)
            W = self.params[2 * index]
            np.matmul(cols, grad_z.T, out=self.grads[2 * index].reshape(c_out, -1).T)
            grad_z.sum(axis=1, out=self.grads[2 * index + 1])
            if index == 0:
                break  # the images need no gradient
            _, ho, wo, _ = z_shape
            grad_padded = np.zeros(padded_shape, np.float32)
            for i in range(k):  # col2im, one kernel offset at a time (see autograd.ops.conv)
                for j in range(k):
                    grad_offset = W[:, :, i, j].T @ grad_z  # (C_in, Ho·Wo·N)
                    grad_padded[:, i : i + ho, j : j + wo] += grad_offset.reshape(c_in, ho, wo, n)
            g = grad_padded[:, p:-p, p:-p] if p else grad_padded
        self.adam()
        return loss

    def weights(self):
        return [(W.copy(), b.copy()) for W, b in zip(self.params[0::2], self.params[1::2])]


class TorchStep:
    """PyTorch CPU: the same layers from torch.nn, F.cross_entropy, torch.optim.Adam."""

    name = "torch"

    def __init__(self, workload):
        layers = []
        for c_in, c_out, k, padding in workload.convs:
            layers += [torch.nn.Conv2d(c_in, c_out, k, padding=padding), torch.nn.MaxPool2d(2),
                       torch.nn.ReLU()]  # fmt: skip
        layers.append(torch.nn.Flatten())
        for n_in, n_out in itertools.pairwise(workload.sizes):
            layers += [torch.nn.Linear(n_in, n_out), torch.nn.ReLU()]
        self.model = torch.nn.Sequential(*layers[:-1])
        self.layers = [m for m in self.model if isinstance(m, torch.nn.Conv2d | torch.nn.Linear)]
        with torch.no_grad():
            for layer, (W, b) in zip(self.layers, workload.weights):
                linear = isinstance(layer, torch.nn.Linear)  # stores W as (n_out, n_in)
                layer.weight.copy_(torch.from_numpy(W.T.copy() if linear else W))
                layer.bias.copy_(torch.from_numpy(b))
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=LR, betas=BETAS, eps=EPS)
        self.batches = [(torch.from_numpy(x), torch.from_numpy(y)) for x, y in workload.batches]

    def step(self, x, y):
        loss = torch.nn.functional.cross_entropy(self.model(x), y)
        loss.backward()
        self.optimizer.step()
        self.optimizer.zero_grad()
        return loss

    def weights(self):
        result = []
        for layer in self.layers:
            W = layer.weight.detach().numpy()
            W = W.T.copy() if isinstance(layer, torch.nn.Linear) else W.copy()
            result.append((W, layer.bias.detach().numpy().copy()))
        return result


def implementations(workload):
    kinds = [GradschoolStep, NumpyCNNStep] + ([TorchStep] if torch is not None else [])
    return [kind(workload) for kind in kinds]


# ----- correctness, timing, memory ---------------------------------------------------------


def check_first_step(workload):
    """One step of each from the same weights on the same batch, against the numpy floor;
    exits with a message naming the implementation and the array that disagree."""
    steps = implementations(workload)
    losses = [float(step.step(*step.batches[0]).item()) for step in steps]
    reference, reference_loss = steps[1], losses[1]
    start = [array for layer in workload.weights for array in layer]
    expected = [array for layer in reference.weights() for array in layer]
    errors = {}
    for step, loss in zip(steps, losses):
        if step is reference:
            continue
        loss_error = abs(loss - reference_loss) / abs(reference_loss)
        if loss_error > LOSS_RTOL:
            sys.exit(f"{workload.name}: {step.name}'s first loss {loss:.7g} differs from "
                     f"numpy's {reference_loss:.7g} (rel {loss_error:.1e})")  # fmt: skip
        weight_error = update_error = 0.0
        got = [array for layer in step.weights() for array in layer]
        for index, (W0, W, W_ref) in enumerate(zip(start, got, expected)):
            weight_error = max(weight_error, relative_error(W, W_ref))
            update_error = max(update_error, relative_error(W - W0, W_ref - W0))
            if weight_error > WEIGHT_RTOL or update_error > UPDATE_RTOL:
                sys.exit(f"{workload.name}: after one step, {step.name}'s parameter {index} "
                         f"differs from numpy's: weights rel {weight_error:.1e}, updates rel "
                         f"{update_error:.1e}")  # fmt: skip
        errors[step.name] = {"loss": loss_error, "weights": weight_error, "update": update_error}
    return {"first_loss": reference_loss, "rel_errors_vs_numpy": errors}


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def seconds_per_step(implementation, count):
    """Mean time of `count` consecutive steps, cycling through the batches, by `clock`."""
    batches = implementation.batches
    start = clock()
    for i in range(count):
        implementation.step(*batches[i % len(batches)])
    return (clock() - start) / count


def time_workload(workload, rounds, steps_per_round):
    """ms per step (median over interleaved rounds) and the median per-round ratios."""
    steps = implementations(workload)
    for step in steps:
        seconds_per_step(step, steps_per_round)
    times = {step.name: [] for step in steps}
    for round_index in range(rounds):
        shift = round_index % len(steps)
        for step in steps[shift:] + steps[:shift]:
            times[step.name].append(seconds_per_step(step, steps_per_round))
    result = {f"{name}_ms": 1e3 * statistics.median(s) for name, s in times.items()}
    for reference in ("numpy", "torch"):
        if reference in times:
            ratios = [a / b for a, b in zip(times["gradschool"], times[reference])]
            result[f"vs_{reference}"] = statistics.median(ratios)
    return result


def time_in_fresh_process(name, rounds, steps_per_round, clock_name):
    """`time_workload` of one workload, run in a new process of this script.

    Each workload gets a fresh process because the allocator's state carries over: timed
    after the digits workload in the same process, LeNet's steps ran 20–30% slower for
    gradschool and the numpy floor (not for torch) than in a process of their own."""
    command = [sys.executable, __file__, "--timing-of", name, "--rounds", str(rounds),
               "--steps-per-round", str(steps_per_round), "--clock", clock_name]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure_memory(workloads, quick):
    result = {}
    for workload in workloads:
        result[workload.name] = {
            "gradschool_peak_bytes": step_peak_bytes(GradschoolStep(workload)),
            "numpy_peak_bytes": step_peak_bytes(NumpyCNNStep(workload)),
        }
    first, last = (20, 200) if quick else (100, 1000)
    at_first, at_last = memory_growth(GradschoolStep(digits()), first, last)
    result["flat"] = {"workload": "digits", "steps": [first, last], "bytes": [at_first, at_last],
                      "growth_bytes": at_last - at_first,
                      "flat": at_last - at_first <= FLAT_BYTES}  # fmt: skip
    return result


def verdict(ratio, target):
    if ratio is None:
        return "-"
    return f"{ratio:5.2f}×  ≤ {target:.2f}× {'PASS' if ratio <= target else 'MISS'}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workloads", nargs="+", choices=list(WORKLOADS), default=list(WORKLOADS))
    parser.add_argument("--rounds", type=int, default=None, help="default 21 (3 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument(
        "--clock",
        choices=tuple(CLOCKS),
        default="cpu",
        help="cpu (default): the process's CPU time, which on a shared machine leaves out "
        "the time spent waiting for a core (every library runs on one thread, so on an "
        "idle machine it equals the wall time); wall: time.perf_counter",
    )
    parser.add_argument("--timing-of", choices=list(WORKLOADS), help=argparse.SUPPRESS)
    parser.add_argument("--steps-per-round", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    global clock
    clock = CLOCKS[args.clock]
    rounds = args.rounds or (3 if args.quick else 21)
    if args.timing_of:  # the child process of `time_in_fresh_process`
        workload = WORKLOADS[args.timing_of]()
        print(json.dumps(time_workload(workload, rounds, args.steps_per_round)))
        return
    workloads = [WORKLOADS[name]() for name in args.workloads]
    print(
        f"gradschool CNN step vs numpy floor vs torch; {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}, "
        f"torch {torch.__version__ if torch is not None else 'not installed'}; one thread "
        "per library; batch 64, float32"
    )
    correctness = {w.name: check_first_step(w) for w in workloads}
    for name, check in correctness.items():
        errors = "; ".join(
            f"{who} loss {e['loss']:.1e} weights {e['weights']:.1e} update {e['update']:.1e}"
            for who, e in check["rel_errors_vs_numpy"].items()
        )
        print(f"  correctness {name:7s} loss {check['first_loss']:.6f}: {errors}: OK")
    steps = {w.name: max(1, w.steps_per_round // 4) if args.quick else w.steps_per_round
             for w in workloads}  # fmt: skip
    timing = {w.name: time_in_fresh_process(w.name, rounds, steps[w.name], args.clock)
              for w in workloads}  # fmt: skip
    print(f"\nms per step ({args.clock} time), median of {rounds} interleaved rounds of k steps "
          f"(k = {', '.join(f'{n} {k}' for n, k in steps.items())}), each workload in a "
          "fresh process")  # fmt: skip
    print(f"{'workload':10s}{'gradschool':>13s}{'numpy':>13s}{'torch':>13s}   "
          f"{'gradschool/numpy':22s}   gradschool/torch")  # fmt: skip
    for name, row in timing.items():
        times = "".join(f"{row[key]:10.3f} ms" if key in row else f"{'-':>13s}"
                        for key in ("gradschool_ms", "numpy_ms", "torch_ms"))  # fmt: skip
        print(f"{name:10s}{times}   {verdict(row['vs_numpy'], TARGETS['numpy']):22s}   "
              f"{verdict(row.get('vs_torch'), TARGETS['torch'])}")  # fmt: skip
    memory = measure_memory(workloads, args.quick)
    print("\nmemory (tracemalloc): peak bytes allocated during one step, above the steady state")
    for name, row in memory.items():
        if name != "flat":
            ratio = row["gradschool_peak_bytes"] / row["numpy_peak_bytes"]
            print(f"{name:10s} gradschool {row['gradschool_peak_bytes']:12,d}  numpy "
                  f"{row['numpy_peak_bytes']:12,d}  ratio {ratio:5.2f}×")  # fmt: skip
    flat = memory["flat"]
    print(f"gradschool digits, bytes traced after step {flat['steps'][0]}: {flat['bytes'][0]:,d}, "
          f"after step {flat['steps'][1]}: {flat['bytes'][1]:,d} (growth "
          f"{flat['growth_bytes']:+,d}; flat means ≤ {FLAT_BYTES:,d}): "
          f"{'PASS' if flat['flat'] else 'MISS'}")  # fmt: skip
    figures = {
        "benchmark": "cnn_step",
        "cores": os.cpu_count(),
        "numpy": np.__version__,
        "torch": torch.__version__ if torch is not None else None,
        "rounds": rounds,
        "clock": args.clock,
        "steps_per_round": steps,
        "targets": TARGETS,
        "correctness": correctness,
        "timing_one_thread": timing,
        "memory": memory,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
