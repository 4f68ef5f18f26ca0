"""Image layouts: how the augmentations read HW, HWC, NHW and NHWC arrays.

Every transform works internally on one layout, a batch ``(N, H, W, C)`` (NHWC), and hands
back the layout it was given. The rules (DESIGN.md):

====  =====================================================  ==================
ndim  meaning                                                 as a batch
====  =====================================================  ==================
2     one grey image ``(H, W)``                               ``(1, H, W, 1)``
3     one colour image ``(H, W, C)`` when C is 1, 3 or 4      ``(1, H, W, C)``
3     otherwise a batch of grey images ``(N, H, W)``          ``(N, H, W, 1)``
4     a batch ``(N, H, W, C)``                                itself
====  =====================================================  ==================

Images are float arrays with values in [0, 1]; anything else is refused here, once, so that
no transform has to guess (augment before you standardise).

Example::

    >>> import numpy as np
    >>> from data.augment.layout import from_batch, to_batch
    >>> batch, layout = to_batch(np.zeros((28, 28)))
    >>> batch.shape, layout
    ((1, 28, 28, 1), 'HW')
    >>> from_batch(batch, layout).shape
    (28, 28)
"""

import numpy as np

#: Channel counts that make a 3-D array one colour image (grey, RGB, RGBA) and not a batch.
IMAGE_CHANNELS = (1, 3, 4)


def layout_of(x):
    """Name the layout of an image array: ``"HW"``, ``"HWC"``, ``"NHW"`` or ``"NHWC"``."""
    if x.ndim == 2:
        return "HW"
    if x.ndim == 3:
        return "HWC" if x.shape[-1] in IMAGE_CHANNELS else "NHW"
    if x.ndim == 4:
        return "NHWC"
    raise ValueError(
        f"x must be an image of 2 (HW), 3 (HWC or NHW) or 4 (NHWC) dimensions, "
        f"got {x.ndim} dimensions with shape {x.shape}"
    )


def check_images(x, name="x"):
    """Raise unless ``x`` is a float array of images with all values in [0, 1]."""
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{name} must be a numpy array of images, got {type(x).__name__}")
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            f"{name} must be a float array with values in [0, 1], got dtype {x.dtype} "
            f"(for 8-bit images, use x / 255)"
        )
    layout = layout_of(x)
    height, width = x.shape[layout.index("H")], x.shape[layout.index("W")]
    if height == 0 or width == 0:
        raise ValueError(f"{name} must have images of at least 1x1 pixels, got shape {x.shape}")
    if x.size:
        low, high = x.min(), x.max()
        # min/max are NaN when any value is NaN, and then both comparisons are False.
        if not (low >= 0.0 and high <= 1.0):
            raise ValueError(
                f"{name} must have values in [0, 1] (augment before you standardise), "
                f"got values from {low} to {high}"
            )
    return layout


def to_batch(x, name="x"):
    """Check ``x`` and view it as an NHWC batch; return ``(batch, layout)``.

    The batch is a view of ``x`` (no copy), so transforms must not write into it.
    """
    layout = check_images(x, name)
    if layout == "HW":
        batch = x[np.newaxis, :, :, np.newaxis]
    elif layout == "HWC":
        batch = x[np.newaxis]
    elif layout == "NHW":
        batch = x[..., np.newaxis]
    else:
        batch = x
    return batch, layout


def from_batch(batch, layout):
    """Give an NHWC batch back the layout ``to_batch`` found (the inverse of ``to_batch``)."""
    if layout == "HW":
        return batch[0, :, :, 0]
    if layout == "HWC":
        return batch[0]
    if layout == "NHW":
        return batch[..., 0]
    return batch


def colour_and_alpha(images):
    """Split an NHWC batch into its colour channels and the rest (alpha), for colour ops.

    RGB and RGBA images give their first three channels as colour; any other channel count
    (grey, or an unusual C) counts as independent grey channels with nothing left over.
    Returns ``(colour, rest)`` with ``rest`` of shape ``(N, H, W, 0 or 1)``.
    """
    if images.shape[-1] in (3, 4):
        return images[..., :3], images[..., 3:]
    return images, images[..., :0]
