"""The playground: TensorFlow Playground's interactive trainer on gradschool's own engine.

In Jupyter, `Playground()` shows itself as a widget (the `playground` extra: anywidget);
`gradschool playground` serves the same front end as a local page. Both drive one
`Playground` object, which trains with `nn` and `optim` in Python.

    from gradschool.playground import Playground
    pg = Playground(dataset="spiral", hidden=[8, 8], features=["x1", "x2", "sin(x1)"])
    pg.step(epochs=50); pg.export()
"""

from gradschool.playground.playground import Playground
from gradschool.playground.state import DEFAULTS, check_state

__all__ = ["DEFAULTS", "Playground", "check_state"]
