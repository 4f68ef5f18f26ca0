"""The micrograd demo, step for step, with micrograd's Value, gradschool's, and the bare engine.

The workload is `scalar_demo.py`'s (micrograd's demo: 100 two-moons points, an MLP 2-16-16-1
of scalar Values, max-margin loss with L2, SGD), run with three Value classes from the same
weights, so the losses must agree (to 1e-9):

    micrograd    micrograd 0.1.0's Value (a closure per node)
    gradschool   autograd.Value
    bare         the "one object" engine of `scalar_floor.py`: one __slots__ object per
                 node, parents in slots, no checks: the floor any Python engine can reach

Steps are timed in interleaved rounds (one step of each engine per round, who goes first
rotating from round to round), and each ratio is the median over rounds of that round's
ratio, so that a slow moment of the (shared) machine affects all engines of a round alike.
Two settings: Python's garbage collector as it ships ("gc on", each step ending with one
gc.collect() inside the timing, so that each engine pays for collecting its own garbage),
and the collector deferred ("gc deferred": disabled during the step and its clean-up not
timed: the speed of the ops alone).

    .bench-venv/bin/python benchmarks/scalar_vs_micrograd.py [--steps 7]

Needs `micrograd==0.1.0` (installed by `make bench` into the benchmark environment only).
"""

import argparse
import json
import statistics

from micrograd.engine import Value as MicrogradValue
from scalar_demo import ScalarMLP, demo_setup, timed_round
from scalar_floor import OneObjectValue

from autograd import Value as GradschoolValue

ENGINES = {"micrograd": MicrogradValue, "gradschool": GradschoolValue, "bare": OneObjectValue}


def compare(steps, defer_gc, points, labels, weights, biases) -> dict:
    """Median ms per step of each engine and the medians of the per-round ratios."""
    models = {name: ScalarMLP(kind, weights, biases) for name, kind in ENGINES.items()}
    times = {name: [] for name in models}
    worst_difference = 0.0
    for step in range(steps):
        losses = {}
        for name, (loss, seconds) in timed_round(models, points, labels, step, defer_gc).items():
            losses[name] = loss
            times[name].append(seconds)
        difference = max(losses.values()) - min(losses.values())
        worst_difference = max(worst_difference, difference)
        if difference > 1e-9:
            raise SystemExit(f"step {step}: losses differ: {losses}")

    def ratio(a, b):
        return statistics.median(x / y for x, y in zip(times[a], times[b]))

    return {
        **{f"{name}_ms": 1e3 * statistics.median(t) for name, t in times.items()},
        "speedup_vs_micrograd": ratio("micrograd", "gradschool"),
        "times_bare": ratio("gradschool", "bare"),
        "max_loss_difference": worst_difference,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=7, help="timed steps per engine")
    args = parser.parse_args()

    points, labels, weights, biases = demo_setup()
    results = {}
    for setting, defer_gc in (("gc on", False), ("gc deferred", True)):
        row = compare(args.steps, defer_gc, points, labels, weights, biases)
        results[setting] = row
        print(
            f"{setting:12s} per step: micrograd {row['micrograd_ms']:7.1f} ms   "
            f"gradschool {row['gradschool_ms']:7.1f} ms   bare {row['bare_ms']:7.1f} ms   "
            f"gradschool: {row['speedup_vs_micrograd']:.2f}x faster than micrograd, "
            f"{row['times_bare']:.2f}x the bare engine's time"
        )
    print(json.dumps({"benchmark": "scalar_vs_micrograd", "steps": args.steps, **results}))


if __name__ == "__main__":
    main()
