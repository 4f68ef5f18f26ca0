"""The one sampling routine behind every warp: bilinear interpolation with a border mode.

Rotation, affine maps, shears, translations, lens distortion and resized crops all work the
same way: for each output pixel, compute where it comes *from* in the input (a real-valued
position), then read the input there. ``sample_bilinear`` does the reading, for a whole
batch at once; ``warp_affine`` computes the positions for an affine map and calls it.

Bilinear interpolation at a source position ``(r, c)`` with ``r0 = floor(r)``,
``c0 = floor(c)``, ``a = r - r0``, ``b = c - c0``::

    out = (1-a)(1-b) I[r0, c0] + (1-a) b I[r0, c0+1] + a (1-b) I[r0+1, c0] + a b I[r0+1, c0+1]

Pixel ``(r, c)`` means the centre of the pixel in row r and column c. Neighbours outside
the image are read according to the border mode:

- ``"reflect"``: mirrored about the edge pixel, without repeating it (``dcb|abcd|cba``,
  numpy's ``np.pad(mode="reflect")``, OpenCV's ``BORDER_REFLECT_101``);
- ``"edge"``: the nearest edge pixel (``aaa|abcd|ddd``);
- ``"constant"``: the value ``fill`` (torchvision's default, with fill 0).
"""

import numpy as np

_FAR = float(2**30)


def border_index(index, size, border):
    """Map integer positions along an axis of length ``size`` into ``[0, size)``.

    Returns ``(index_inside, inside)``: positions to read, and whether each position was
    inside the image (used by the constant border, whose outside reads give ``fill``).
    """
    inside = (index >= 0) & (index < size)
    if border == "reflect" and size > 1:
        period = 2 * (size - 1)
        folded = np.abs(index) % period
        return np.where(folded >= size, period - folded, folded), inside
    return np.clip(index, 0, size - 1), inside


def sample_bilinear(images, rows, cols, border="constant", fill=0.0):
    """Read ``images`` at real-valued positions with bilinear interpolation.

    Args:
        images: batch ``(N, H, W, C)``.
        rows, cols: source positions in pixels, arrays that broadcast to ``(N, Ho, Wo)``
            (for example ``(N, Ho, 1)`` and ``(N, 1, Wo)`` for a separable grid).
        border: ``"reflect"``, ``"constant"`` or ``"edge"`` (see the module docstring).
        fill: the value read outside the image when ``border="constant"``.

    Returns:
        ``(N, Ho, Wo, C)`` in the dtype of ``images``.
    """
    n, height, width, channels = images.shape
    pixels = images.reshape(n * height * width, channels)
    first_pixel = (np.arange(n) * height * width).reshape(n, 1, 1)

    # Positions far outside the image (a lens with k = 1e300) read the border either way;
    # clipped to ±2^30 they stay exact integers when floored and cast, never overflow.
    rows = np.clip(rows, -_FAR, _FAR)
    cols = np.clip(cols, -_FAR, _FAR)
    row0, col0 = np.floor(rows), np.floor(cols)
    row_weight = (rows - row0).astype(images.dtype)[..., np.newaxis]
    col_weight = (cols - col0).astype(images.dtype)[..., np.newaxis]
    row0, col0 = row0.astype(np.intp), col0.astype(np.intp)

    def read(row, col):
        row_inside, row_ok = border_index(row, height, border)
        col_inside, col_ok = border_index(col, width, border)
        values = pixels[first_pixel + row_inside * width + col_inside]
        if border == "constant":
            values = np.where((row_ok & col_ok)[..., np.newaxis], values, images.dtype.type(fill))
        return values

    top = read(row0, col0) * (1 - col_weight) + read(row0, col0 + 1) * col_weight
    bottom = read(row0 + 1, col0) * (1 - col_weight) + read(row0 + 1, col0 + 1) * col_weight
    return top * (1 - row_weight) + bottom * row_weight


def warp_affine(images, matrices, border="constant", fill=0.0):
    """Warp each image of a batch by its own affine map, sampling bilinearly.

    Positions are measured from the image centre ``((W-1)/2, (H-1)/2)``, x to the right and
    y down. The map is given backwards, from output to input, as the sampler needs it:
    the output pixel at ``(x, y)`` reads the input at ``M @ (x, y, 1)``.

    Args:
        images: batch ``(N, H, W, C)``.
        matrices: ``(N, 2, 3)``, one output-to-input map per image.
        border, fill: as for ``sample_bilinear``.

    Returns:
        ``(N, H, W, C)``.
    """
    _, height, width, _ = images.shape
    centre_y, centre_x = (height - 1) / 2, (width - 1) / 2
    y = (np.arange(height) - centre_y).reshape(1, height, 1)
    x = (np.arange(width) - centre_x).reshape(1, 1, width)
    m = matrices[:, :, :, np.newaxis, np.newaxis]
    source_x = m[:, 0, 0] * x + m[:, 0, 1] * y + m[:, 0, 2] + centre_x
    source_y = m[:, 1, 0] * x + m[:, 1, 1] * y + m[:, 1, 2] + centre_y
    return sample_bilinear(images, source_y, source_x, border, fill)
