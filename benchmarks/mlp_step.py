"""An MLP training step on the array graph: gradschool beside hand-written numpy and PyTorch.

A step is forward, loss, backward, Adam (lr 1e-3) and zero_grad, in float32, on three
workloads (issue 10):

    moons_relu   MLP 2-16-16-1,       ReLU, batch 100, hinge loss mean(relu(1 − y·score))
    mnist        MLP 784-256-128-10,  ReLU, batch 128, softmax cross-entropy
    wide         MLP 784-1024-1024-10, ReLU, batch 256, softmax cross-entropy

(random data of MNIST's shape: timings do not depend on the pixels). Each step is written
three times, from the same initial weights (Kaiming normal, one numpy seed) and on the same
batches:

    gradschool   nn.MLP(dtype=float32), the loss on Values, optim.Adam
    numpy        the floor for any numpy-backed engine: forward, the backward written out
                 by hand, Adam in place with out= arguments
    torch        PyTorch CPU: torch.nn.Linear layers, the same loss, torch.optim.Adam

How it is measured, so that the ratios mean something:

1. Correctness first: one step of each from the same weights on the same batch; the
   losses must agree to rel 1e-4 and the updated weights to rel 1e-3 (else it aborts).
2. One BLAS/OpenMP thread for every library, set before numpy and torch are imported.
3. Interleaved rounds: each round runs k steps of each implementation (in a rotating
   order), so that a slow moment of the machine hits all three alike; the ratio
   gradschool/numpy (and gradschool/torch) is taken per round and the median over rounds
   is reported, with the issue's target and PASS or MISS.
4. Memory (tracemalloc, which sees numpy's arrays but not torch's): the peak bytes
   allocated during one step beyond what stays alive between steps, for gradschool and
   the numpy floor (reported, with no target: every node keeps its grad for learners to
   inspect, which the numpy floor does not), and whether gradschool's memory stays flat
   over 1,000 moons steps (the target that stays).

    .bench-venv/bin/python benchmarks/mlp_step.py [--workloads mnist wide] [--rounds 21]
        [--steps-per-round K] [--threads default] [--quick]

`--threads default` adds a second table, run in a fresh process with each library's
default number of threads. The last line of output is one JSON object with every figure.
Needs `torch==2.13.0` in the benchmark environment (`make bench`); without torch the
script runs and reports gradschool against numpy only.
"""

import os

# Thread counts are read once, when numpy's OpenBLAS and torch's OpenMP load, so they must
# be set before the imports below. The rerun for `--threads default` sets this marker and
# leaves every library its own default.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
DEFAULT_THREADS_MARKER = "MLP_STEP_DEFAULT_THREADS"
ONE_THREAD = os.environ.get(DEFAULT_THREADS_MARKER) != "1"
if ONE_THREAD:
    os.environ.update(dict.fromkeys(THREAD_VARIABLES, "1"))

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import gc  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402

import nn  # noqa: E402
import optim  # noqa: E402
from data import make_moons  # noqa: E402

try:
    import torch
except ImportError:
    torch = None
if torch is not None and ONE_THREAD:
    torch.set_num_threads(1)

LR = 1e-3
BETAS = (0.9, 0.999)
EPS = 1e-8
BATCHES = 4  # distinct batches per workload, cycled through by every implementation
LOSS_RTOL = 1e-4  # first-step losses agree to this (float32)
WEIGHT_RTOL = 1e-3  # updated weights agree to this, norm-wise per array
UPDATE_RTOL = 5e-2  # and so do the updates W_new − W_0 themselves (see check_first_step)
FLAT_BYTES = 4096  # "memory stays flat": at most this much growth from step 100 to 1000

# The targets: gradschool's time / the reference's (None: report it, no target).
TARGETS = {
    "moons_relu": {"numpy": 1.4, "torch": None},
    "mnist": {"numpy": 1.10, "torch": 0.85},
    "wide": {"numpy": 1.05, "torch": 0.95},
}


# ----- workloads ---------------------------------------------------------------------------


@dataclasses.dataclass
class Workload:
    """A network, its loss, its starting weights and its batches, shared by all three.

    weights: [(W (n_in, n_out), b (n_out,))] float32 per layer, as `x @ W + b` uses them.
    batches: [(x (N, n_in) float32, y)], y of shape (N, 1) in {−1, +1} (float32) for the
    hinge loss, or class indices (N,) (int64) for cross-entropy.
    """

    name: str
    sizes: tuple
    loss: str  # "hinge" or "cross_entropy"
    weights: list
    batches: list
    steps_per_round: int  # k: enough steps that one timing lasts a few milliseconds


def kaiming_weights(sizes, rng):
    """W ~ N(0, 2/n_in) and b = 0 for each layer, in float32."""
    return [
        (
            rng.normal(0.0, math.sqrt(2.0 / n_in), size=(n_in, n_out)).astype(np.float32),
            np.zeros(n_out, np.float32),
        )
        for n_in, n_out in itertools.pairwise(sizes)
    ]


def moons_relu():
    """2-16-16-1 on two-moons points, labels ±1 for the hinge loss."""
    sizes, batch = (2, 16, 16, 1), 100
    x, labels = make_moons(batch * BATCHES, noise=0.1, seed=0)
    x = x.astype(np.float32)
    y = (2.0 * labels - 1.0).astype(np.float32).reshape(-1, 1)
    batches = [(x[i : i + batch], y[i : i + batch]) for i in range(0, len(x), batch)]
    weights = kaiming_weights(sizes, np.random.default_rng(0))
    return Workload("moons_relu", sizes, "hinge", weights, batches, steps_per_round=40)


def random_classification(name, sizes, batch, steps_per_round):
    """Random pixels in [0, 1) and random class labels, of MNIST's shape."""
    rng = np.random.default_rng(0)
    weights = kaiming_weights(sizes, rng)
    batches = [
        (
            rng.random((batch, sizes[0]), dtype=np.float32),
            rng.integers(0, sizes[-1], size=batch, dtype=np.int64),
        )
        for _ in range(BATCHES)
    ]
    return Workload(name, sizes, "cross_entropy", weights, batches, steps_per_round)


def mnist():
    return random_classification("mnist", (784, 256, 128, 10), 128, steps_per_round=8)


def wide():
    return random_classification("wide", (784, 1024, 1024, 10), 256, steps_per_round=2)


WORKLOADS = {"moons_relu": moons_relu, "mnist": mnist, "wide": wide}


# ----- the three implementations of one step -----------------------------------------------
# Each has `batches` (the workload's, in its own array type), `step(x, y)` (one training
# step, returning the loss) and `weights()` (the current [(W, b)] as numpy arrays).


class GradschoolStep:
    """gradschool as a learner would write it: nn.MLP, the loss on Values, optim.Adam."""

    name = "gradschool"

    def __init__(self, workload):
        n_in, *hidden, n_out = workload.sizes
        self.model = nn.MLP(n_in, hidden, n_out, seed=0, dtype=np.float32)
        for layer, (W, b) in zip(self.model.layers, workload.weights):
            layer.weight.data[...] = W
            layer.bias.data[...] = b
        self.optimizer = optim.Adam(self.model.parameters(), lr=LR, betas=BETAS, eps=EPS)
        self.loss = nn.hinge_loss if workload.loss == "hinge" else nn.cross_entropy
        self.batches = workload.batches

    def step(self, x, y):
        loss = self.loss(self.model(x), y)
        loss.backward()
        self.optimizer.step()
        self.optimizer.zero_grad()
        return loss

    def weights(self):
        return [(layer.weight.data.copy(), layer.bias.data.copy()) for layer in self.model.layers]


class NumpyStep:
    """The floor: the same step written by hand in numpy, with no graph at all.

    Forward keeps each layer's input; backward is the chain rule written out; Adam updates
    in place with `out=` arguments. Between steps it keeps only what a numpy engine may
    keep too: one gradient buffer per parameter (backward overwrites it, so zero_grad
    costs nothing), and Adam's m, v and one scratch array per parameter. Activations and
    their gradients are new arrays every step, as in any engine.
    """

    name = "numpy"

    def __init__(self, workload):
        self.params = [array.copy() for layer in workload.weights for array in layer]
        self.grads = [np.zeros_like(p) for p in self.params]
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.scratch = [np.zeros_like(p) for p in self.params]
        self.t = 0
        self.loss = numpy_hinge if workload.loss == "hinge" else numpy_cross_entropy
        self.batches = workload.batches

    def step(self, x, y):
        weights, biases = self.params[0::2], self.params[1::2]
        last = len(weights) - 1
        inputs = []  # the input of each Linear layer, which its backward needs
        h = x
        for i, (W, b) in enumerate(zip(weights, biases)):
            inputs.append(h)
            h = h @ W
            h += b
            if i < last:
                np.maximum(h, 0, out=h)  # ReLU
        loss, grad_output = self.loss(h, y)  # dL/d(scores)
        for i in reversed(range(len(weights))):
            np.matmul(inputs[i].T, grad_output, out=self.grads[2 * i])  # dL/dW = xᵀ g
            grad_output.sum(axis=0, out=self.grads[2 * i + 1])  # dL/db = Σ_rows g
            if i > 0:
                grad_output = grad_output @ weights[i].T  # dL/dx = g Wᵀ
                grad_output *= inputs[i] > 0  # through the ReLU: relu(z) > 0 exactly where z > 0
        self.adam()
        return loss

    def adam(self):
        """W ← W − η m_hat / (sqrt(v_hat) + ε), every operation in place (PyTorch's order)."""
        beta1, beta2 = BETAS
        self.t += 1
        step_size = LR / (1 - beta1**self.t)  # η / (1 − β1^t): m_hat without dividing m
        root_correction2 = math.sqrt(1 - beta2**self.t)  # sqrt(v_hat) = sqrt(v) / this
        for W, g, m, v, s in zip(self.params, self.grads, self.m, self.v, self.scratch):
            m *= beta1
            np.multiply(g, 1 - beta1, out=s)
            m += s  # m ← β1 m + (1 − β1) g
            v *= beta2
            np.multiply(g, g, out=s)
            s *= 1 - beta2
            v += s  # v ← β2 v + (1 − β2) g²
            np.sqrt(v, out=s)
            s /= root_correction2
            s += EPS  # s = sqrt(v_hat) + ε
            np.divide(m, s, out=s)
            s *= -step_size
            W += s

    def weights(self):
        return [(W.copy(), b.copy()) for W, b in zip(self.params[0::2], self.params[1::2])]


def numpy_hinge(scores, y):
    """mean(relu(1 − y·score)) and its gradient −y·[margin > 0] / N; scores, y (N, 1)."""
    margins = 1 - y * scores
    loss = np.maximum(margins, 0).mean()
    grad = y * (-1.0 / len(y))
    grad *= margins > 0
    return loss, grad


def numpy_cross_entropy(logits, target):
    """Mean softmax cross-entropy of logits (N, C) for class indices target (N,), and its
    gradient (softmax − one_hot) / N, computed in place of the logits."""
    n = len(target)
    rows = np.arange(n)
    logits -= logits.max(axis=1, keepdims=True)  # softmax is unchanged; exp cannot overflow
    picked = logits[rows, target]
    probs = np.exp(logits, out=logits)
    total = probs.sum(axis=1, keepdims=True)
    loss = (np.log(total[:, 0]) - picked).mean()  # −log softmax[target], averaged
    probs /= total * n
    probs[rows, target] -= 1.0 / n
    return loss, probs


class TorchStep:
    """PyTorch CPU: the same layers as torch.nn.Linear, the same loss, torch.optim.Adam
    with its defaults (on CPU: its loop over parameters, neither foreach nor fused)."""

    name = "torch"

    def __init__(self, workload):
        layers = []
        for W, b in workload.weights:
            linear = torch.nn.Linear(*W.shape)  # stores W transposed: (n_out, n_in)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(W.T))
                linear.bias.copy_(torch.from_numpy(b))
            layers += [linear, torch.nn.ReLU()]
        self.model = torch.nn.Sequential(*layers[:-1])
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=LR, betas=BETAS, eps=EPS)
        if workload.loss == "hinge":
            self.loss = torch_hinge
        else:
            self.loss = torch.nn.functional.cross_entropy
        self.batches = [(torch.from_numpy(x), torch.from_numpy(y)) for x, y in workload.batches]

    def step(self, x, y):
        loss = self.loss(self.model(x), y)
        loss.backward()
        self.optimizer.step()
        self.optimizer.zero_grad()
        return loss

    def weights(self):
        linears = self.model[0::2]
        return [
            (linear.weight.detach().numpy().T.copy(), linear.bias.detach().numpy().copy())
            for linear in linears
        ]


def torch_hinge(scores, y):
    """mean(relu(1 − y·score)) on tensors: scores, y (N, 1)."""
    return torch.relu(1.0 - y * scores).mean()


def implementations(workload):
    """A fresh gradschool, numpy and (if installed) torch step of `workload`."""
    kinds = [GradschoolStep, NumpyStep] + ([TorchStep] if torch is not None else [])
    return [kind(workload) for kind in kinds]


# ----- correctness -------------------------------------------------------------------------


def relative_error(a, b):
    """‖a − b‖ / ‖b‖ (‖a − b‖ itself when b is 0)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    scale = np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else float(np.linalg.norm(a))


def check_first_step(workload):
    """One step of each implementation from the same weights on the same batch.

    The numpy floor is the reference. Losses must agree to LOSS_RTOL and each updated W
    and b to WEIGHT_RTOL (norm-wise). Adam's first step moves every weight by about η =
    1e-3, which can be small beside the weights themselves, so the updates W_new − W_0 are
    compared too, to UPDATE_RTOL: loose, because where a gradient is zero up to float32
    rounding its sign, and so the direction of Adam's step, is a coin toss. Aborts the
    script with a message naming the implementation and the array that disagree.
    Returns the largest errors found, per implementation.
    """
    steps = implementations(workload)
    losses = [step.step(*step.batches[0]).item() for step in steps]
    reference, reference_loss = steps[1], losses[1]
    start = [array for layer in workload.weights for array in layer]
    expected = [array for layer in reference.weights() for array in layer]
    errors = {}
    for step, loss in zip(steps, losses):
        if step is reference:
            continue
        loss_error = abs(loss - reference_loss) / abs(reference_loss)
        if loss_error > LOSS_RTOL:
            sys.exit(
                f"{workload.name}: {step.name}'s first loss {loss:.7g} differs from numpy's "
                f"{reference_loss:.7g} (rel {loss_error:.1e} > {LOSS_RTOL})"
            )
        weight_error = update_error = 0.0
        got = [array for layer in step.weights() for array in layer]
        for index, (W0, W, W_ref) in enumerate(zip(start, got, expected)):
            what = f"{'W' if index % 2 == 0 else 'b'} of layer {index // 2}"
            weight_error = max(weight_error, relative_error(W, W_ref))
            update_error = max(update_error, relative_error(W - W0, W_ref - W0))
            if weight_error > WEIGHT_RTOL or update_error > UPDATE_RTOL:
                sys.exit(
                    f"{workload.name}: after one step, {step.name}'s {what} differs from "
                    f"numpy's: weights rel {weight_error:.1e} (limit {WEIGHT_RTOL}), "
                    f"updates rel {update_error:.1e} (limit {UPDATE_RTOL})"
                )
        errors[step.name] = {"loss": loss_error, "weights": weight_error, "update": update_error}
    return {"first_loss": reference_loss, "rel_errors_vs_numpy": errors}


# ----- timing ------------------------------------------------------------------------------


def seconds_per_step(implementation, count):
    """Mean wall time of `count` consecutive steps, cycling through the batches."""
    batches = implementation.batches
    start = time.perf_counter()
    for i in range(count):
        implementation.step(*batches[i % len(batches)])
    return (time.perf_counter() - start) / count


def time_workload(workload, rounds, steps_per_round):
    """ms per step (median over rounds) of each implementation, and the median per-round
    ratios gradschool/numpy and gradschool/torch."""
    steps = implementations(workload)
    for step in steps:  # warm up: Adam's state, BLAS buffers, caches
        seconds_per_step(step, steps_per_round)
    times = {step.name: [] for step in steps}
    for round_index in range(rounds):
        shift = round_index % len(steps)  # rotate who goes first
        for step in steps[shift:] + steps[:shift]:
            times[step.name].append(seconds_per_step(step, steps_per_round))
    result = {name: 1e3 * statistics.median(seconds) for name, seconds in times.items()}
    result = {f"{name}_ms": ms for name, ms in result.items()}
    for reference in ("numpy", "torch"):
        if reference in times:
            ratios = [ours / theirs for ours, theirs in zip(times["gradschool"], times[reference])]
            result[f"vs_{reference}"] = statistics.median(ratios)
    return result


# ----- memory ------------------------------------------------------------------------------


def step_peak_bytes(implementation):
    """Peak bytes allocated during one step beyond what stays alive between steps.

    A first, traced step makes everything that lives between steps traced; the peak of
    the next step above that baseline is what a step needs at its fullest.
    """
    x, y = implementation.batches[0]
    implementation.step(x, y)  # untraced: the optimizer's state now exists
    tracemalloc.start()
    try:
        implementation.step(x, y)
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        implementation.step(x, y)
        return tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()


def memory_growth(implementation, first, last):
    """Bytes traced (after a gc.collect()) once `first` steps are done and once `last` are."""
    batches = implementation.batches
    tracemalloc.start()
    try:
        sizes = {}
        for i in range(1, last + 1):
            implementation.step(*batches[i % len(batches)])
            if i in (first, last):
                gc.collect()
                sizes[i] = tracemalloc.get_traced_memory()[0]
        return sizes[first], sizes[last]
    finally:
        tracemalloc.stop()


def measure_memory(workloads, quick):
    """Per-step peaks (gradschool and numpy) per workload; flatness over moons_relu steps."""
    result = {}
    for workload in workloads:
        ours, floor = GradschoolStep(workload), NumpyStep(workload)
        result[workload.name] = {
            "gradschool_peak_bytes": step_peak_bytes(ours),
            "numpy_peak_bytes": step_peak_bytes(floor),
        }
    first, last = (20, 200) if quick else (100, 1000)
    at_first, at_last = memory_growth(GradschoolStep(moons_relu()), first, last)
    result["flat"] = {
        "workload": "moons_relu",
        "steps": [first, last],
        "bytes": [at_first, at_last],
        "growth_bytes": at_last - at_first,
        "flat": at_last - at_first <= FLAT_BYTES,
    }
    return result


# ----- report ------------------------------------------------------------------------------


def verdict(ratio, target):
    if ratio is None:
        return "-"
    if target is None:
        return f"{ratio:5.2f}×  (report it)"
    return f"{ratio:5.2f}×  ≤ {target:.2f}× {'PASS' if ratio <= target else 'MISS'}"


def print_timing_table(timing, title):
    print(title)
    print(
        f"{'workload':12s}{'gradschool':>13s}{'numpy':>13s}{'torch':>13s}   "
        f"{'gradschool/numpy':22s}   gradschool/torch"
    )
    for name, row in timing.items():
        times = [
            f"{row[key]:10.3f} ms" if key in row else f"{'-':>13s}"
            for key in ("gradschool_ms", "numpy_ms", "torch_ms")
        ]
        print(
            f"{name:12s}{''.join(times)}   "
            f"{verdict(row['vs_numpy'], TARGETS[name]['numpy']):22s}   "
            f"{verdict(row.get('vs_torch'), TARGETS[name]['torch'])}"
        )


def print_memory(memory):
    print("\nmemory (tracemalloc): peak bytes allocated during one step, above the steady state")
    print(f"{'workload':12s}{'gradschool':>14s}{'numpy':>14s}   gradschool/numpy")
    for name, row in memory.items():
        if name == "flat":
            continue
        ratio = row["gradschool_peak_bytes"] / row["numpy_peak_bytes"]
        print(
            f"{name:12s}{row['gradschool_peak_bytes']:14,d}{row['numpy_peak_bytes']:14,d}"
            f"   {ratio:5.2f}×  (report it: every node keeps its grad for learners to inspect)"
        )
    flat = memory["flat"]
    (first, last), (at_first, at_last) = flat["steps"], flat["bytes"]
    print(
        f"gradschool moons_relu, bytes traced after step {first}: {at_first:,d}, after step "
        f"{last}: {at_last:,d} (growth {at_last - at_first:+,d}; flat means ≤ {FLAT_BYTES:,d}): "
        f"{'PASS' if flat['flat'] else 'MISS'}"
    )


def threads_description():
    if ONE_THREAD:
        return "one thread per library (OMP/OPENBLAS/MKL_NUM_THREADS=1" + (
            ", torch.set_num_threads(1))" if torch is not None else ")"
        )
    torch_threads = f"torch {torch.get_num_threads()} threads, " if torch is not None else ""
    return f"each library's default threads ({torch_threads}numpy's OpenBLAS its default)"


def rerun_with_default_threads(args):
    """Run this script again in a fresh process with every library's default threads (the
    thread variables unset), print its table and return its figures."""
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    env[DEFAULT_THREADS_MARKER] = "1"
    command = [sys.executable, __file__, "--rounds", str(args.rounds), "--workloads"]
    command += args.workloads
    if args.steps_per_round:
        command += ["--steps-per-round", str(args.steps_per_round)]
    if args.quick:
        command.append("--quick")
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    *table, json_line = output.stdout.strip().splitlines()
    print("\n" + "\n".join(table))
    return json.loads(json_line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workloads", nargs="+", choices=list(WORKLOADS), default=list(WORKLOADS))
    parser.add_argument("--rounds", type=int, default=None, help="default 21 (3 with --quick)")
    parser.add_argument(
        "--steps-per-round", type=int, default=None, help="k; default per workload (40, 8, 2)"
    )
    parser.add_argument(
        "--threads",
        choices=("one", "default"),
        default="one",
        help="'default': add a second table with each library's default threads",
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    args = parser.parse_args()
    if args.rounds is None:
        args.rounds = 3 if args.quick else 21

    workloads = [WORKLOADS[name]() for name in args.workloads]
    correctness = {w.name: check_first_step(w) for w in workloads}
    steps = {w.name: args.steps_per_round or w.steps_per_round for w in workloads}
    if args.quick:
        steps = {name: max(1, k // 8) for name, k in steps.items()}
    timing = {w.name: time_workload(w, args.rounds, steps[w.name]) for w in workloads}

    title = (
        f"ms per step, median of {args.rounds} interleaved rounds of k steps each "
        f"(k = {', '.join(f'{n} {k}' for n, k in steps.items())}); {threads_description()}"
    )
    if not ONE_THREAD:
        title += (
            f"\nNOTE: with {os.cpu_count()} cores and two libraries' worker threads spinning "
            "(OpenBLAS and OpenMP busy-wait between calls), these timings can collapse and "
            "mean little; the targets are judged on the one-thread table."
        )
        print_timing_table(timing, "\n" + title)
        print(json.dumps({"timing": timing, "threads": threads_description()}))
        return

    print(
        f"gradschool MLP step vs numpy floor vs torch; {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}, "
        f"torch {torch.__version__ if torch is not None else 'not installed'}"
    )
    print(
        "correctness: first step from the same weights, rel errors vs numpy "
        f"(limits: loss {LOSS_RTOL}, weights {WEIGHT_RTOL}, updates {UPDATE_RTOL})"
    )
    for name, check in correctness.items():
        errors = "; ".join(
            f"{who} loss {e['loss']:.1e} weights {e['weights']:.1e} update {e['update']:.1e}"
            for who, e in check["rel_errors_vs_numpy"].items()
        )
        print(f"  {name:12s} loss {check['first_loss']:.6f}: {errors}: OK")
    print_timing_table(timing, "\n" + title)
    memory = measure_memory(workloads, args.quick)
    print_memory(memory)
    default_threads = rerun_with_default_threads(args) if args.threads == "default" else None
    figures = {
        "benchmark": "mlp_step",
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "torch": torch.__version__ if torch is not None else None,
        "rounds": args.rounds,
        "steps_per_round": steps,
        "targets": {name: TARGETS[name] for name in args.workloads},
        "correctness": correctness,
        "timing_one_thread": timing,
        "timing_default_threads": default_threads and default_threads["timing"],
        "memory": memory,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
