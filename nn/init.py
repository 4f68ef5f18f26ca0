"""Weight initialisation: random starting weights whose variance keeps signals steady.

The course: initialise weights from a zero-mean Gaussian w ~ N(0, σ²), where "standard
deviation matters": too small and the layer responses (and gradients) vanish layer after
layer, too large and they explode. The common choices keep the variance of a layer's
outputs equal to that of its inputs:

    Xavier / Glorot (Glorot and Bengio, 2010):  σ² = 2 / (n_in + n_out)   (tanh, sigmoid)
    Kaiming / He (He et al., 2015):             σ² = 2 / n_in             (ReLU)

and biases start at 0. For a weight of shape (n_in, n_out), as `Linear` stores it
(y = x @ W + b), n_in = shape[0] and n_out = shape[1]; a 1-D weight (n_in,), as a
`Perceptron` has, has n_out = 1; a convolution's weight (C_out, C_in, kH, kW) has
n_in = C_in·kH·kW and n_out = C_out·kH·kW, as PyTorch counts them (see `fans`).

Every initialiser has the signature `init(shape, rng=None, dtype=np.float64) -> ndarray`,
where `rng` is a `numpy.random.Generator`, or a seed for one (an int, or None for a seed
drawn from numpy's global state, as `np.random.seed` sets it); the same seed gives the
same array, bit for bit. Any callable
`init(shape, rng=...) -> ndarray` can be given to `Linear(init=...)`, which casts the result
to its dtype.

Example:
    >>> from nn import init
    >>> W = init.kaiming_normal((784, 256), rng=0)
    >>> round(float(W.var()), 4), 2 / 784
    (0.0026, 0.002551020408163265)
"""

import math

import numpy as np

from nn._checks import check_seed


def fans(shape) -> tuple:
    """(n_in, n_out) of a weight of `shape`: the numbers of inputs and outputs each weight
    connects.

    - 1-D (n_in,), a `Perceptron`'s: (n_in, 1).
    - 2-D (n_in, n_out), `Linear`'s (y = x @ W + b): (shape[0], shape[1]).
    - a convolution's (C_out, C_in, kH, kW), as PyTorch computes them: each output pixel
      sums C_in·kH·kW inputs and each input pixel reaches C_out·kH·kW outputs, so
      (C_in·kH·kW, C_out·kH·kW).

    Example:
        >>> init.fans((32, 16, 3, 3))
        (144, 288)
    """
    shape = tuple(shape)
    if len(shape) == 0:
        raise ValueError("a weight needs at least one axis to have a fan-in; got shape ()")
    if len(shape) <= 2:
        return shape[0], (shape[1] if len(shape) > 1 else 1)
    receptive_field = math.prod(shape[2:])
    return shape[1] * receptive_field, shape[0] * receptive_field


def normal(shape, mean=0.0, std=1.0, rng=None, dtype=np.float64) -> np.ndarray:
    """w ~ N(mean, std²): the course's "initialise weights randomly ~ N(μ, σ²)".

    The defaults (mean 0, std 1) are PyTorch's `nn.init.normal_` and are far too large for
    wide layers, which is exactly the course's point: compare with `xavier_normal`.
    """
    if std < 0:
        raise ValueError(f"std must be >= 0, got {std}")
    return generator(rng).normal(mean, std, size=shape).astype(dtype, copy=False)


def xavier_normal(shape, rng=None, dtype=np.float64) -> np.ndarray:
    """w ~ N(0, σ²) with σ² = 2 / (n_in + n_out) (Xavier/Glorot normal)."""
    n_in, n_out = fans(shape)
    return normal(shape, 0.0, math.sqrt(2.0 / (n_in + n_out)), rng, dtype)


def xavier_uniform(shape, rng=None, dtype=np.float64) -> np.ndarray:
    """w ~ U(-a, a) with a = √(6 / (n_in + n_out)): the same variance a²/3 = 2/(n_in + n_out)
    as `xavier_normal` (Glorot and Bengio's original form)."""
    n_in, n_out = fans(shape)
    return _uniform(shape, math.sqrt(6.0 / (n_in + n_out)), rng, dtype)


def kaiming_normal(shape, rng=None, dtype=np.float64) -> np.ndarray:
    """w ~ N(0, σ²) with σ² = 2 / n_in (Kaiming/He normal, for ReLU layers: ReLU zeroes
    half of its inputs, so the variance is doubled to make up for it)."""
    n_in, _ = fans(shape)
    return normal(shape, 0.0, math.sqrt(2.0 / n_in), rng, dtype)


def kaiming_uniform(shape, rng=None, dtype=np.float64) -> np.ndarray:
    """w ~ U(-a, a) with a = √(6 / n_in): variance a²/3 = 2 / n_in, as `kaiming_normal`."""
    n_in, _ = fans(shape)
    return _uniform(shape, math.sqrt(6.0 / n_in), rng, dtype)


def zeros(shape, rng=None, dtype=np.float64) -> np.ndarray:
    """w = 0 everywhere: how biases start. (`rng` is accepted for a uniform signature.)"""
    return np.zeros(shape, dtype=dtype)


#: The initialisers a layer can be given by name.
INITIALIZERS = {
    "xavier": xavier_normal,
    "xavier_normal": xavier_normal,
    "xavier_uniform": xavier_uniform,
    "kaiming": kaiming_normal,
    "kaiming_normal": kaiming_normal,
    "kaiming_uniform": kaiming_uniform,
    "normal": normal,
    "zeros": zeros,
}


def get_initializer(init):
    """The initialiser called `init` (a key of `INITIALIZERS`), or `init` itself if it is a
    callable `(shape, rng) -> ndarray`. An unknown name is a ValueError listing the
    known ones."""
    if callable(init):
        return init
    if isinstance(init, str) and init in INITIALIZERS:
        return INITIALIZERS[init]
    raise ValueError(
        f"unknown init {init!r}; expected one of {sorted(INITIALIZERS)} or a callable "
        "init(shape, rng) returning an array"
    )


def generator(seed, name="seed") -> np.random.Generator:
    """The Generator for a `seed` argument: a Generator as it is, an int seeds a new one, and
    None draws a seed from numpy's global random state, so that `np.random.seed(s)` at the
    top of a script makes it reproducible (the role of `torch.manual_seed`). Anything else
    (-1, 'x', 1.5) is refused, naming the argument.
    """
    seed = check_seed(name, seed)
    if seed is None:
        seed = np.random.randint(2**63 - 1, dtype=np.int64)  # noqa: NPY002 -- on purpose
    return np.random.default_rng(seed)


def _uniform(shape, bound, rng, dtype) -> np.ndarray:
    return generator(rng).uniform(-bound, bound, size=shape).astype(dtype, copy=False)
