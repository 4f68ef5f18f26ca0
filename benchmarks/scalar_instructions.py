"""The micrograd demo's training steps, for counting instructions rather than timing them.

A shared machine makes times move by tens of percent from one process to the next; the
number of machine instructions a step executes does not move. Run this script under
valgrind twice, with `--steps 1` and `--steps 2`: the difference is one training step
(the setup, the imports and the first step cancel out).

    for steps in 1 2; do
        PYTHONHASHSEED=0 OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind \\
            --callgrind-out-file=/dev/null .bench-venv/bin/python \\
            benchmarks/scalar_instructions.py --engine gradschool --gc deferred \\
            --steps $steps 2>&1 | grep Collected
    done

Engines: gradschool, micrograd, bare (the "one object" engine of `scalar_floor.py`).
`--gc on` ends each step with gc.collect(), as `scalar_vs_micrograd.py` times it; with
`--gc deferred` the collector is off during the step. Either way a gc.collect() follows
the step (a walk of the live objects, the same for every engine but micrograd, whose
reference cycles it frees). PYTHONHASHSEED=0 fixes the hashes of strings, so that two runs
execute the same code.
"""

import argparse
import gc

from scalar_demo import ScalarMLP, demo_setup, training_step


def value_class(engine):
    if engine == "gradschool":
        from autograd import Value

        return Value
    if engine == "micrograd":
        from micrograd.engine import Value

        return Value
    from scalar_floor import OneObjectValue

    return OneObjectValue


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("gradschool", "micrograd", "bare"), required=True)
    parser.add_argument("--gc", choices=("on", "deferred"), default="on")
    parser.add_argument("--steps", type=int, default=1, help="steps after the first")
    args = parser.parse_args()
    points, labels, weights, biases = demo_setup()
    model = ScalarMLP(value_class(args.engine), weights, biases)
    training_step(model, points, labels, 0)  # the first step, in both runs
    gc.collect()
    for step in range(1, 1 + args.steps):
        if args.gc == "deferred":
            gc.disable()
        training_step(model, points, labels, step)
        if args.gc == "on":
            gc.collect()
        gc.enable()
        gc.collect()


if __name__ == "__main__":
    main()
