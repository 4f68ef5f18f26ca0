"""How fast can a pure-Python scalar engine be? The micrograd demo with two minimal engines.

`scalar_vs_micrograd.py` compares gradschool's Value with micrograd's and with the
"one object" engine below. This script asks
what any engine written in Python could reach on the same demo (same network, loss,
weights and steps, so the losses must agree to 1e-9), by running it with two engines cut
to the bone: no Function objects, no contexts, no error checks, no float32 or arrays, only
+, * and relu, and a backward pass that is one if/elif chain.

    two objects   each node is a __slots__ object with its parents in a tuple: the fewest
                  objects an engine can have whose nodes list their parents (as
                  `Value.parents` does, and PyTorch's next_functions)
    one object    each node keeps its two parents in two slots, no tuple: a single object
                  per node for Python's garbage collector to walk

Steps are timed in interleaved rounds with micrograd's Value, with the garbage collector
on and deferred, as in `scalar_vs_micrograd.py`. The "gc on" column shows how much of an
engine's time goes to the collector walking the graph's objects, which is why the number of
objects per node, more than the Python code per node, decides the ratio to micrograd.

    .bench-venv/bin/python benchmarks/scalar_floor.py [--steps 5]
"""

import argparse
import gc
import json
import statistics

from micrograd.engine import Value as MicrogradValue
from scalar_demo import ScalarMLP, demo_setup, timed_round

ADD, MUL, RELU = "+", "*", "relu"


def topological_order(root) -> list:
    """The bare engines' own sort (gradschool's walks its op records, which these lack):
    the same iterative depth-first search, over `.parents`."""
    order, seen, stack = [], {root}, [(root, iter(root.parents))]
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, iter(parent.parents)))
                break
        else:
            stack.pop()
            order.append(node)
    return order


class BareValue:
    """+, *, relu and backward of a bare scalar node; subclasses say where parents live."""

    __slots__ = ()

    def __add__(self, other):
        other = other if type(other) is type(self) else type(self)(other)
        return type(self)(self.data + other.data, ADD, (self, other))

    def __mul__(self, other):
        other = other if type(other) is type(self) else type(self)(other)
        return type(self)(self.data * other.data, MUL, (self, other))

    __radd__, __rmul__ = __add__, __mul__

    def __neg__(self):
        return self * -1.0

    def relu(self):
        return type(self)(self.data if self.data > 0.0 else 0.0, RELU, (self,))

    def backward(self):
        self.grad = 1.0
        for node in reversed(topological_order(self)):
            if node.op == ADD:
                a, b = node.parents
                a.grad += node.grad
                b.grad += node.grad
            elif node.op == MUL:
                a, b = node.parents
                a.grad += node.grad * b.data
                b.grad += node.grad * a.data
            elif node.op == RELU and node.data > 0.0:
                node.parents[0].grad += node.grad


class TwoObjectValue(BareValue):
    """A scalar node: data, grad, the op's name and the parents in a tuple."""

    __slots__ = ("data", "grad", "op", "parents")

    def __init__(self, data, op="", parents=()):
        self.data, self.grad, self.op, self.parents = float(data), 0.0, op, parents


class OneObjectValue(BareValue):
    """A scalar node whose (at most two) parents are slots `a` and `b`: the tuple given to
    it is not kept, and `parents` makes a new one, which is freed after use."""

    __slots__ = ("a", "b", "data", "grad", "op")

    def __init__(self, data, op="", parents=()):
        self.data, self.grad, self.op = float(data), 0.0, op
        self.a, self.b = (*parents, None, None)[:2]

    @property
    def parents(self):
        return () if self.a is None else (self.a,) if self.b is None else (self.a, self.b)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=5, help="timed steps per engine")
    args = parser.parse_args()
    points, labels, weights, biases = demo_setup()
    engines = {
        "micrograd": MicrogradValue,
        "two objects": TwoObjectValue,
        "one object": OneObjectValue,
    }
    results = {}
    for setting, defer_gc in (("gc on", False), ("gc deferred", True)):
        models = {name: ScalarMLP(kind, weights, biases) for name, kind in engines.items()}
        times = {name: [] for name in engines}
        for step in range(args.steps):
            losses = {}
            for name, (loss, seconds) in timed_round(
                models, points, labels, step, defer_gc
            ).items():
                losses[name] = loss
                times[name].append(seconds)
            if max(losses.values()) - min(losses.values()) > 1e-9:
                raise SystemExit(f"step {step}: losses differ: {losses}")
        median = {name: statistics.median(t) for name, t in times.items()}
        results[setting] = {
            name: {"ms": 1e3 * seconds, "speedup_vs_micrograd": median["micrograd"] / seconds}
            for name, seconds in median.items()
        }
        print(
            f"{setting:12s} per step: "
            + "   ".join(
                f"{name} {row['ms']:7.1f} ms ({row['speedup_vs_micrograd']:.2f}x)"
                for name, row in results[setting].items()
            )
        )
    gc.collect()
    print(json.dumps({"benchmark": "scalar_floor", "steps": args.steps, **results}))


if __name__ == "__main__":
    main()
