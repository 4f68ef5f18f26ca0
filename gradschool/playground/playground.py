"""`Playground`: TensorFlow Playground's trainer, on gradschool's own `nn` and `optim`.

One object holds the settings (`state`, a JSON-ready dict), the data, the network, its
optimizer and the loss history; `step()` trains one epoch of mini-batches. The page and
the Jupyter widget show the same object: they send it settings and presses, and draw what
`view()` returns (the maths never runs in JavaScript).

    >>> pg = Playground(dataset="xor", hidden=[8], learning_rate=0.1, seed=0)
    >>> first = pg.test_loss
    >>> pg.step(epochs=20)["epoch"]
    20
    >>> pg.test_loss < first
    True
"""

import warnings

import numpy as np

import nn
import optim
from autograd import NotFiniteWarning, no_grad
from gradschool.playground import datasets, view
from gradschool.playground.network import Network
from gradschool.playground.state import check_state, hidden_activations, task_of

#: The course's update rules by the state's names (`optim`'s classes).
OPTIMIZERS = {"sgd": optim.SGD, "momentum": optim.Momentum, "rmsprop": optim.RMSProp,
              "adam": optim.Adam}  # fmt: skip
#: Settings that only change how the pictures look: changing them keeps the training.
VIEW_ONLY = {"show_test", "discretize"}
#: Settings the running optimizer takes as they are: changing them keeps the weights.
TRAINING_ONLY = {"learning_rate", "regularization", "regularization_rate", "batch_size",
                 "early_stopping"}  # fmt: skip


class Playground:
    """An experiment: data, features, network and training settings, and its progress.

    Args:
        data: optional (X, y) arrays of the user's own points (X (n, 2), y (n,)): sets
            `dataset="custom"`. A CSV path works too (`read_csv`'s format: x1,x2,y rows).
        **state: any fields of `state.DEFAULTS` (checked; see `check_state`).

    Attributes:
        state: the settings (a copy; set them with `update(...)` or `state = {...}`).
        epoch: epochs trained since the last reset; history: {"train_loss": [...],
        "test_loss": [...]} one number per epoch (index 0: before training).
        stopped: True once early stopping found no better test loss for `early_stopping`
        epochs (the page pauses; `step` still trains).
    """

    def __init__(self, data=None, **state):
        if data is not None:
            if isinstance(data, tuple):
                custom = datasets.custom_from_arrays(*data)
            else:
                custom = datasets.read_csv(data)
            state = {**state, "dataset": "custom", "custom": custom}
        self._state = check_state(state)
        self._build_data()
        self.reset()

    # Settings -----------------------------------------------------------------------
    @property
    def state(self) -> dict:
        return check_state(self._state)  # a fresh copy: editing it changes nothing here

    @state.setter
    def state(self, new_state) -> None:
        """Replace every setting (missing fields take their defaults): a new experiment,
        with its data drawn again and a new network at epoch 0."""
        self._state = check_state(new_state)
        self._build_data()
        self.reset()

    def update(self, **changes) -> dict:
        """Change some settings (checked together; nothing changes if one is bad) and
        rebuild only what they affect: new data for data settings, a new network for
        network settings, nothing for the learning rate, batch size and regularisation."""
        self._apply(check_state({**self._state, **changes}))
        return self.state

    def _apply(self, new):
        changed = {key for key in new if new[key] != self._state[key]}
        self._state = new
        if changed - VIEW_ONLY - TRAINING_ONLY:
            data_keys = {"dataset", "noise", "train_ratio", "n_samples", "n_classes",
                         "data_seed", "custom"}  # fmt: skip
            if changed & data_keys:
                self._build_data()
            self.reset()
        elif changed & {"learning_rate"}:
            self.optimizer.lr = new["learning_rate"]

    @property
    def task(self) -> str:
        return task_of(self._state)

    # Data, network, training ------------------------------------------------------------
    def _build_data(self):
        s = self._state
        points, y = datasets.generate(s)
        self.points_train, self.points_test, self.y_train, self.y_test = datasets.split(
            points, y, s
        )
        self.n_classes = int(y.max()) + 1 if self.task == "classification" else 0

    def regenerate(self) -> None:
        """New points of the same data set (the next `data_seed`), and a fresh network."""
        self.update(data_seed=(self._state["data_seed"] + 1) % 2**32)

    @property
    def X_train(self) -> np.ndarray:
        """The training inputs: the chosen features of the training points (n, features)."""
        return datasets.features(self.points_train, self._state["features"])

    @property
    def X_test(self) -> np.ndarray:
        return datasets.features(self.points_test, self._state["features"])

    def reset(self) -> None:
        """A new network with weights drawn from `seed`, a new optimizer, epoch 0."""
        s = self._state
        self.network = Network(
            len(s["features"]),
            s["hidden"],
            self.n_classes if self.task == "classification" else 1,
            hidden_activations(s),
            init=s["init"],
            dropout=s["dropout"],
            seed=s["seed"],
        )
        self.optimizer = OPTIMIZERS[s["optimizer"]](
            self.network.parameters(), lr=s["learning_rate"]
        )
        self._X_train, self._X_test = self.X_train, self.X_test
        self._shuffle = np.random.default_rng(s["seed"])
        self.epoch = 0
        self.stopped = False
        self.last_grads = None
        train_loss, test_loss = self._losses()
        self.history = {"train_loss": [train_loss], "test_loss": [test_loss]}

    def loss_fn(self, output, target):
        """The loss of `output` (n, outputs) against `target`: for classes, the cross-entropy
        of the softmax of the outputs, or (`loss="mse"`) the mean squared error between the
        softmax probabilities and the one-hot targets, 1/(n k) Σ (p_ij - [y_i = j])²
        (TensorFlow Playground's square loss, for k classes); for regression, the mean
        squared error."""
        if self.task == "regression":
            return nn.mse_loss(output, target)
        if self._state["loss"] == "mse":
            return nn.mse_loss(output.softmax(-1), np.eye(self.n_classes)[target])
        return nn.cross_entropy(output, target)

    def step(self, epochs=1) -> dict:
        """Train `epochs` epochs: each goes once through the training points in a new random
        order, in mini-batches of `batch_size`, one optimizer step per batch on
        loss + regularisation. Stops early (and sets `stopped`) when early stopping is on
        and the test loss has not improved for `early_stopping` epochs.

        Returns:
            {"epoch", "train_loss", "test_loss", "stopped"} after the last epoch.
        """
        if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
            raise ValueError(f"epochs must be a positive int, got {epochs!r}")
        s = self._state
        for _ in range(epochs):
            order = self._shuffle.permutation(len(self._X_train))
            self.network.train()
            # A diverging network (learning rate 10) shows NaN losses, as TensorFlow
            # Playground does; numpy's overflow warnings and backward()'s warning about a
            # loss that is not finite are expected here: the picture shows it.
            with (
                np.errstate(over="ignore", invalid="ignore", divide="ignore"),
                warnings.catch_warnings(),
            ):
                warnings.simplefilter("ignore", NotFiniteWarning)
                for start in range(0, len(order), s["batch_size"]):
                    batch = order[start : start + s["batch_size"]]
                    self._train_batch(self._X_train[batch], self._target(self.y_train[batch]))
            self.epoch += 1
            train_loss, test_loss = self._losses()
            self.history["train_loss"].append(train_loss)
            self.history["test_loss"].append(test_loss)
            if self._early_stop():
                self.stopped = True
                break
        return {"epoch": self.epoch, "train_loss": self.train_loss,
                "test_loss": self.test_loss, "stopped": self.stopped}  # fmt: skip

    def _train_batch(self, x, target):
        s = self._state
        self.optimizer.zero_grad()
        loss = self.loss_fn(self.network(x), target)
        loss = loss + self.network.penalty(s["regularization"], s["regularization_rate"])
        loss.backward()
        self.optimizer.step()
        self.last_grads = [(layer.weight.grad, layer.bias.grad) for layer in self.network.layers]

    def _target(self, y):
        return y if self.task == "classification" else y[:, None]

    def _early_stop(self) -> bool:
        patience = self._state["early_stopping"]
        losses = self.history["test_loss"]
        if patience == 0 or len(losses) <= patience:
            return False
        best_before = min(losses[:-patience])
        return not min(losses[-patience:]) < best_before

    def _losses(self) -> tuple:
        """(train loss, test loss) of the whole sets, without regularisation or dropout."""
        self.network.eval()
        with no_grad(), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return tuple(
                float(self.loss_fn(self.network(X), self._target(y)).data)
                for X, y in ((self._X_train, self.y_train), (self._X_test, self.y_test))
            )

    @property
    def train_loss(self) -> float:
        return self.history["train_loss"][-1]

    @property
    def test_loss(self) -> float:
        return self.history["test_loss"][-1]

    def accuracy(self, part="test") -> float | None:
        """The fraction of `part`'s ("train" or "test") points classified right (None for
        regression)."""
        if self.task != "classification":
            return None
        X, y = (self._X_train, self.y_train) if part == "train" else (self._X_test, self.y_test)
        return float(np.mean(self.network.activations(X)[-1].argmax(axis=1) == y))

    # Pictures and exports --------------------------------------------------------------------
    def view(self, *, points=True) -> dict:
        """Everything the page draws, as JSON-ready numbers (see `view.build`)."""
        return view.build(self, points=points)

    def graph(self, file_format="svg", batch=4):
        """The graph of one forward and backward pass on `batch` training points, as
        `autograd.draw_graph` draws it: SVG text, or DOT text when asked or when the
        Graphviz `dot` program is missing. Returns (format, text)."""
        from gradschool.playground import export

        return export.graph(self, file_format=file_format, batch=batch)

    def export(self, folder=None):
        """Write the trained model as a gradschool run folder (see `export.run_folder`);
        `folder` None: runs/playground-<time>/. Returns its path."""
        from gradschool.playground import export

        return export.run_folder(self, folder)

    def _repr_mimebundle_(self, **kwargs):
        """In Jupyter, a `Playground` shows itself as the interactive widget (or, without
        the `playground` extra, as its repr and the line that says what to install)."""
        try:
            from gradschool.playground.widget import PlaygroundWidget
        except ImportError as error:
            return {"text/plain": f"{self!r}\n{error}"}
        return PlaygroundWidget(self)._repr_mimebundle_(**kwargs)

    def __repr__(self):
        s = self._state
        sizes = "-".join(str(n) for n in (len(s["features"]), *s["hidden"]))
        return (
            f"Playground({s['dataset']}, network {sizes}, epoch {self.epoch}, "
            f"train loss {self.train_loss:.4f}, test loss {self.test_loss:.4f})"
        )
