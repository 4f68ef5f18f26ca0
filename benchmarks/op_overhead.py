"""What an op of the array graph costs beyond the numpy call it wraps, on small arrays.

For each op, the time of one forward call on Values (building the graph node) and of the
bare numpy expression that computes the same result, timed in interleaved rounds in one
process (median per call); the difference is the engine's overhead per op, in µs.

    .venv/bin/python benchmarks/op_overhead.py [--shape 32 16] [--rounds 7]
"""

import argparse
import json
import statistics
import timeit

import numpy as np

from autograd import Value


def cases(a, b, w):
    """(name, gradschool call, numpy call) for each op, on the same data."""
    va, vb, vw = Value(a), Value(b), Value(w)
    return [
        ("a + b", lambda: va + vb, lambda: a + b),
        ("a * b", lambda: va * vb, lambda: a * b),
        ("a @ w", lambda: va @ vw, lambda: a @ w),
        ("relu(a)", lambda: va.relu(), lambda: np.maximum(a, 0)),
        ("exp(a)", lambda: va.exp(), lambda: np.exp(a)),
        ("tanh(a)", lambda: va.tanh(), lambda: np.tanh(a)),
        ("sigmoid(a)", lambda: va.sigmoid(), lambda: 1 / (1 + np.exp(-a))),
        ("a.sum()", lambda: va.sum(), lambda: a.sum()),
        ("a.sum(axis=0)", lambda: va.sum(axis=0), lambda: a.sum(axis=0)),
        ("a.T", lambda: va.T, lambda: a.T),
        ("a[:4]", lambda: va[:4], lambda: a[:4]),
    ]


def per_call_seconds(function, number):
    return timeit.timeit(function, number=number) / number


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shape", type=int, nargs=2, default=(32, 16), metavar=("N", "D"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--number", type=int, default=2000, help="calls per timing")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    n, d = args.shape
    a, b, w = rng.normal(size=(n, d)), rng.normal(size=(n, d)), rng.normal(size=(d, d))

    rows = []
    for name, ours, bare in cases(a, b, w):
        ours_times, numpy_times = [], []
        for _ in range(args.rounds):
            ours_times.append(per_call_seconds(ours, args.number))
            numpy_times.append(per_call_seconds(bare, args.number))
        ours_us = statistics.median(ours_times) * 1e6
        numpy_us = statistics.median(numpy_times) * 1e6
        rows.append({"op": name, "gradschool_us": ours_us, "numpy_us": numpy_us,
                     "overhead_us": ours_us - numpy_us})  # fmt: skip

    print(f"shape ({n}, {d}), float64; µs per call, median of {args.rounds} rounds")
    print(f"{'op':16s}{'gradschool':>12s}{'numpy':>10s}{'overhead':>10s}")
    for row in rows:
        print(f"{row['op']:16s}{row['gradschool_us']:12.2f}{row['numpy_us']:10.2f}"
              f"{row['overhead_us']:10.2f}")  # fmt: skip
    print(json.dumps({"benchmark": "op_overhead", "shape": [n, d], "ops": rows}))


if __name__ == "__main__":
    main()
