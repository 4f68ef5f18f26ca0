"""The `gradschool` command line: argument parsing only; the work is in `commands.py`.

    gradschool train [--dataset digits] [--hidden 64] [--optimizer adam] [--lr …] …
    gradschool evaluate RUN_DIR [--dataset NAME]
    gradschool graph RUN_DIR [--format svg|png|dot] [--output FILE] [--steps DIR]
    gradschool playground [--port 8765] [--no-browser]

Every failure (an unknown choice, a negative learning rate, a missing or damaged run
folder, lack of memory, a diverging run) and Ctrl-C, also a repeated one or one during the
first imports, is one line on stderr with a non-zero exit status, never a traceback;
`--debug` shows the traceback of an error.
"""

import argparse
import math
import sys
import traceback

from gradschool import interrupts
from gradschool.config import DEFAULT_LR, Config

DEFAULTS = Config()

EPILOG = f"""\
data: digits are the 1,797 real 8x8 handwritten digits (64 features, 10 classes); moons,
circles, spirals (3 classes), xor and blobs (3 classes) are 1,000 generated points in the
plane, regression 500 points of y = sin(2 pi x) + noise (mean squared error, MAE). Every
set is split 60/20/20 into train/val/test (stratified by class), and standardised with the
mean and standard deviation of its training part. One set of defaults suits them all.

learning rate when --lr is not given: {", ".join(f"{k} {v:g}" for k, v in DEFAULT_LR.items())}.
Training stops when the validation loss has not improved for --patience epochs, and keeps
the weights of the best epoch. Everything random (data, split, weights, batch order,
dropout, augmentation) follows --seed: the same command gives the same numbers.
"""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: `gradschool train: error: …`."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _number(kind, condition, requirement):
    """An argparse `type` reading an int or a float that must satisfy `condition`."""

    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {requirement}, got {text!r}") from None
        if not condition(value):
            raise argparse.ArgumentTypeError(f"must be {requirement}, got {text}")
        return value

    return parse


_positive_int = _number(int, lambda n: n > 0, "a positive integer")
_positive_float = _number(float, lambda x: 0 < x < math.inf, "a positive number")
_non_negative = _number(float, lambda x: 0 <= x < math.inf, "a number >= 0")
_seed = _number(int, lambda n: n >= 0, "an integer >= 0")
_probability = _number(float, lambda p: 0 <= p < 1, "a number in [0, 1)")


def build_parser() -> argparse.ArgumentParser:
    # Imported here, not at the top, so that the command's first lines are light and a
    # Ctrl-C during these (slow) imports is caught by `main` like any other.
    import nn
    from gradschool import datasets, graph, training

    parser = _Parser(
        prog="gradschool",
        description="Train, evaluate and draw small neural networks built on gradschool.",
    )
    commands_ = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="{train,evaluate,graph,playground}",
        parser_class=_Parser,
    )

    train = commands_.add_parser(
        "train",
        help="train an MLP (or a CNN) on a bundled data set and write a run folder",
        description="Train an MLP (or, on the digits, a CNN) and write a run folder (model, "
        "config, history, metrics, pictures).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = train.add_argument
    add(
        "--dataset",
        choices=datasets.DATASETS,
        default=DEFAULTS.dataset,
        help="the data set (default: %(default)s)",
    )
    add(
        "--model",
        choices=("mlp", "cnn"),
        default=DEFAULTS.model,
        help="mlp, or cnn: a small convolutional network on the digits as 1x8x8 images "
        "(--hidden and --activation are the MLP's) (default: %(default)s)",
    )
    add(
        "--hidden",
        type=_positive_int,
        nargs="*",
        default=DEFAULTS.hidden,
        metavar="N",
        help="hidden layer sizes, e.g. --hidden 64 32 (default: 64; none: a linear model)",
    )
    add(
        "--activation",
        choices=sorted(nn.ACTIVATIONS),
        default=DEFAULTS.activation,
        help="the hidden layers' activation (default: %(default)s)",
    )
    add(
        "--init",
        choices=sorted(nn.init.INITIALIZERS),
        default=DEFAULTS.init,
        help="weight initialisation (default: kaiming after relu/leaky_relu, else xavier)",
    )
    add(
        "--optimizer",
        choices=tuple(training.OPTIMIZERS),
        default=DEFAULTS.optimizer,
        help="the update rule (default: %(default)s)",
    )
    add(
        "--lr",
        type=_positive_float,
        default=DEFAULTS.lr,
        help="learning rate (default: depends on the optimizer, see below)",
    )
    add(
        "--batch-size",
        type=_positive_int,
        default=DEFAULTS.batch_size,
        help="samples per mini-batch (default: %(default)s)",
    )
    add(
        "--epochs",
        type=_positive_int,
        default=DEFAULTS.epochs,
        help="at most this many epochs (default: %(default)s)",
    )
    add(
        "--dropout",
        type=_probability,
        default=DEFAULTS.dropout,
        help="dropout probability after each hidden layer (the CNN: before its Linear "
        "layer) (default: 0 for the MLP, 0.25 for the CNN)",
    )
    add(
        "--weight-decay",
        type=_non_negative,
        default=DEFAULTS.weight_decay,
        help="L2 weight decay (adamw: decoupled) (default: %(default)s)",
    )
    add(
        "--patience",
        type=_positive_int,
        default=DEFAULTS.patience,
        help="early stopping: epochs without a better validation loss (default: %(default)s)",
    )
    add(
        "--augment",
        action="store_true",
        help="digits only: random small rotations, shifts, zooms, shears and pixel noise",
    )
    add(
        "--seed",
        type=_seed,
        default=DEFAULTS.seed,
        help="seed of everything random (default: %(default)s)",
    )
    add("--out", metavar="DIR", help="the run folder (default: runs/<dataset>-<timestamp>)")
    add(
        "--force",
        action="store_true",
        help="reuse an existing --out folder (its earlier run files are removed)",
    )
    add("--no-progress", dest="progress", action="store_false", help="no progress bars")

    evaluate = commands_.add_parser(
        "evaluate",
        help="reload a run's model and report its metrics again",
        description="Reload a run's model, recompute its data from the seed and print the "
        "train/val/test metrics (the same numbers as at the end of training).",
    )
    evaluate.add_argument("run_dir", metavar="RUN_DIR")
    evaluate.add_argument(
        "--dataset",
        choices=datasets.DATASETS,
        help="evaluate on another data set of the same shape (default: the run's own)",
    )

    graph_ = commands_.add_parser(
        "graph",
        help="export the computation graph of the saved model",
        description="Export the computation graph of one forward and backward pass of a "
        "run's model on a few test samples (svg and png need Graphviz's dot program).",
    )
    graph_.add_argument("run_dir", metavar="RUN_DIR")
    graph_.add_argument(
        "--format",
        dest="file_format",
        choices=graph.FORMATS,
        default="svg",
        help="(default: %(default)s)",
    )
    graph_.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="where to write it (default: RUN_DIR/graph.<format>)",
    )
    graph_.add_argument(
        "--batch",
        type=_positive_int,
        default=4,
        help="samples in the pass (default: %(default)s)",
    )
    graph_.add_argument("--force", action="store_true", help="replace an existing file")
    graph_.add_argument(
        "--steps",
        metavar="DIR",
        help="also write one picture per step of the backward pass into DIR "
        "(svg, png or dot as --format says; dot needs no Graphviz)",
    )
    _add_playground(commands_)
    _add_debug(parser, commands_)
    return parser


def _add_debug(parser, subcommands) -> None:
    """`--debug`, accepted before or after the command's name."""
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    for subparser in subcommands.choices.values():
        subparser.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )


def _add_playground(commands_) -> None:
    """`gradschool playground`: the interactive trainer as a local page (gradschool/playground)."""
    playground = commands_.add_parser(
        "playground",
        help="the interactive trainer (TensorFlow Playground's) as a local web page",
        description="Serve the playground on 127.0.0.1 (this machine only) and open it in "
        "the browser; the network trains in Python with gradschool. Ctrl-C stops it.",
    )
    playground.add_argument(
        "--port", type=_number(int, lambda n: 0 <= n < 65536, "a port 0-65535"), default=8765,
        help="the port (default: %(default)s; 0: any free port)",
    )  # fmt: skip
    playground.add_argument(
        "--no-browser", dest="browser", action="store_false", help="print the URL only"
    )


def _playground(args) -> None:
    try:
        from gradschool.playground import server
    except ImportError as error:
        raise RuntimeError(
            f"the playground needs its extra ({error.name} is missing): "
            "pip install 'gradschool[playground]'"
        ) from error
    server.serve(args.port, open_browser=args.browser)


def main(argv=None) -> int:
    """Run the command; return its exit status (0, 1 for an error, 130 for Ctrl-C)."""
    with interrupts.interrupt_once():
        return _main(argv)


def _main(argv) -> int:
    name, debug = "gradschool", False
    try:
        args = build_parser().parse_args(argv)
        name, debug = f"gradschool {args.command}", args.debug
        _run(args)
    except KeyboardInterrupt:
        print(f"{name}: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        if debug:
            traceback.print_exc()
        print(
            f"{name}: error: not enough memory (try smaller --hidden sizes or --batch-size)",
            file=sys.stderr,
        )
        return 1
    except Exception as error:
        if interrupts.happened():  # a Ctrl-C that C code turned into another error
            print(f"{name}: interrupted", file=sys.stderr)
            return 130
        runs = sys.modules.get("gradschool.runs")  # not imported: no RunError was raised
        expected = (ValueError, TypeError, RuntimeError, OSError, FloatingPointError)
        expected += (runs.RunError,) if runs is not None else ()
        if debug:
            traceback.print_exc()
        message = error.args[0] if len(error.args) == 1 else str(error)
        if not isinstance(error, expected):
            message = f"internal error, {type(error).__name__}: {message}" + (
                "" if debug else " (run again with --debug for the traceback)"
            )
        print(f"{name}: error: {' '.join(str(message).split())}", file=sys.stderr)
        return 1
    return 0


def _run(args) -> None:
    from gradschool import commands

    if args.command == "playground":
        _playground(args)
    elif args.command == "train":
        options = {k: v for k, v in vars(args).items() if k in Config.__dataclass_fields__}
        commands.train(Config(**options), out=args.out, force=args.force, progress=args.progress)
    elif args.command == "evaluate":
        commands.evaluate(args.run_dir, dataset=args.dataset)
    else:
        commands.export_graph(
            args.run_dir,
            file_format=args.file_format,
            output=args.output,
            batch=args.batch,
            force=args.force,
            steps=args.steps,
        )
