"""`Dropout`: the course's regularisation by randomly silencing activations in training."""

from nn import functional
from nn.init import generator
from nn.module import Module


class Dropout(Module):
    """Inverted dropout: in training, each element is zeroed with probability p and the
    survivors are scaled by 1/(1 − p); in evaluation mode it is the identity.

        training:  y = x · m / (1 − p),   m_i ~ Bernoulli(1 − p) drawn anew at every call
        eval:      y = x

    Scaling the survivors in training keeps the expected activation E[y] = x, so nothing
    needs rescaling at test time (the "inverted" form PyTorch uses). The course: "during
    training set randomly some activations to 0", which keeps units from co-adapting.

    Args:
        p: probability of zeroing an element, in [0, 1). Default: 0.5.
        seed: an int, None or a `numpy.random.Generator` for the masks; the same seed gives
            the same sequence of masks; None draws a seed from numpy's global state.

    Shape:
        Input: any shape, a Value or a numpy array. Output: the same shape.

    The masks are `nn.functional.dropout`'s, drawn from this module's own generator.

    Example:
        >>> drop = Dropout(0.5, seed=0)
        >>> drop(np.ones(6)).data            # survivors are scaled by 1/(1 - 0.5) = 2
        array([2., 0., 0., 0., 2., 2.])
        >>> drop.eval()(np.ones(6)).data
        array([1., 1., 1., 1., 1., 1.])
    """

    def __init__(self, p=0.5, seed=None):
        super().__init__()
        self.p = functional.check_dropout_probability(p)
        self.rng = generator(seed)

    def forward(self, x):
        return functional.dropout(x, self.p, self.training, seed=self.rng)

    def extra_repr(self):
        return f"p={self.p}"
