"""Hypothesis strategies shared by the test suite: shapes, broadcastable shape pairs and
float64 arrays of moderate values (so that finite differences are well conditioned)."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

small_shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)


def arrays(shape, low=-2.0, high=2.0):
    """float64 arrays of `shape` with values in [low, high]."""
    return hnp.arrays(
        np.float64, shape, elements=st.floats(low, high, allow_nan=False, allow_subnormal=False)
    )


@st.composite
def broadcast_pairs(draw, low=-2.0, high=2.0):
    """Two float64 arrays whose shapes broadcast against each other (numpy's rules)."""
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3,
                                                    max_side=4))  # fmt: skip
    first, second = shapes.input_shapes
    return draw(arrays(first, low, high)), draw(arrays(second, low, high))


@st.composite
def array_and_axis(draw, low=-2.0, high=2.0):
    """A float64 array and an axis of it (an int, a tuple of ints, or None)."""
    array = draw(arrays(draw(small_shapes), low, high))
    axes = st.integers(-array.ndim, array.ndim - 1)
    axis = draw(st.none() | axes | st.tuples(axes).map(tuple))
    return array, axis


def away_from(values, points, margin=1e-3):
    """`values` nudged so that no element lies within `margin` of any of `points`
    (where a function has a kink, finite differences are meaningless)."""
    values = np.array(values, dtype=np.float64)
    for point in points:
        close = np.abs(values - point) < margin
        values[close] = point + np.where(values[close] >= point, margin, -margin) * 2
    return values


@st.composite
def geometries(draw, max_padding_is_half_kernel=False):
    """Images and a window over them for convolution and pooling: (x shape (N, C, H, W),
    kernel, stride, padding), pairs of ints, with at least one window along each axis."""
    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    if max_padding_is_half_kernel:  # pooling: PyTorch allows padding <= kernel // 2
        padding = tuple(draw(st.integers(0, k // 2)) for k in kernel)
    else:
        padding = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    size = [draw(st.integers(max(1, k - 2 * p), 6)) for k, p in zip(kernel, padding)]
    shape = (draw(st.integers(1, 3)), draw(st.integers(1, 3)), *size)
    return shape, kernel, stride, padding
