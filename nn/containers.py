"""Containers of modules, as PyTorch's: `Sequential` (applies them in order) and
`ModuleList` (holds them; your `forward` decides how to use them).

Both hold their modules as attributes named by position, so parameters are named as
PyTorch names them: `0.weight`, `2.bias` in a Sequential, `layers.1.weight` for a
ModuleList held as `self.layers`.
"""

from nn.module import Module


class ModuleList(Module):
    """A list of modules whose parameters belong to the module that holds it.

    `len`, indexing (`blocks[i]`, `blocks[-1]`; a slice gives a ModuleList), iteration,
    `append` and `extend`, as PyTorch's. It has no `forward` of its own.

    Example:
        >>> from nn import Linear
        >>> blocks = ModuleList([Linear(2, 2, seed=0) for _ in range(3)])
        >>> len(blocks), [name for name, _ in blocks.named_parameters()][:3]
        (3, ['0.weight', '0.bias', '1.weight'])
    """

    def __init__(self, modules=()):
        super().__init__()
        self.length = 0
        self.extend(modules)

    def append(self, module):
        """Add `module` at the end; returns the container itself (as PyTorch's)."""
        if not isinstance(module, Module):
            raise TypeError(
                f"{type(self).__name__} takes Modules; argument {self.length} is a "
                f"{type(module).__name__}"
            )
        setattr(self, str(self.length), module)
        self.length += 1
        return self

    def extend(self, modules):
        for module in modules:
            self.append(module)
        return self

    def __len__(self):
        return self.length

    def __getitem__(self, i):
        if isinstance(i, slice):
            return ModuleList([self[j] for j in range(self.length)[i]])
        return getattr(self, str(range(self.length)[i]))

    def __iter__(self):
        return (self[i] for i in range(self.length))

    def forward(self, *inputs):
        raise NotImplementedError(
            "a ModuleList has no forward: call its modules in your own Module's forward"
        )


class Sequential(ModuleList):
    """Modules applied one after another: y = m_n(… m_2(m_1(x))).

    The modules are attributes named by position, so parameters are named as PyTorch
    names them: `0.weight`, `0.bias`, `2.weight`, …; `model[i]` is the i-th module.

    Example:
        >>> from nn import Linear, ReLU
        >>> model = Sequential(Linear(2, 8, seed=0), ReLU(), Linear(8, 1, seed=1))
        >>> [name for name, _ in model.named_parameters()]
        ['0.weight', '0.bias', '2.weight', '2.bias']
    """

    def __init__(self, *modules):
        super().__init__(modules)

    def __getitem__(self, i):
        if isinstance(i, slice):  # a slice of a Sequential is a Sequential, as PyTorch's
            return Sequential(*super().__getitem__(i))
        return super().__getitem__(i)

    def forward(self, x):
        for module in self:
            x = module(x)
        return x
