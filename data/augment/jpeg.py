"""JPEG compression artifacts, made the way a JPEG encoder makes them.

Each image goes through the lossy half of baseline JPEG (ITU-T T.81) and back:

1. 8-bit samples, converted from RGB to YCbCr (JFIF): brightness Y and two colour
   differences Cb, Cr; grey images are Y alone.
2. Each channel, shifted by -128, is cut into 8×8 blocks (edges padded by repeating the
   last row and column), and each block goes through the 2-D DCT-II,
   ``F = D · B · Dᵀ`` with the orthonormal ``D[u, y] = c(u) cos((2y + 1) u π / 16)``,
   ``c(0) = √(1/8)``, ``c(u) = √(2/8)``.
3. Quantisation, the only lossy step: ``F_q = round(F / Q) · Q``, with Q the standard
   luminance table for Y and the chrominance table for Cb and Cr (T.81 Annex K), scaled
   for the quality q (1–100) as the IJG library (libjpeg) does::

       scale = 5000 / q if q < 50 else 200 - 2q
       Q = clip(floor((Q_base · scale + 50) / 100), 1, 255)

4. The inverse DCT, YCbCr back to RGB, rounding to 8 bits.

High frequencies get the coarsest steps, so low qualities lose fine detail and show the
8×8 block edges ("blockiness") and ringing around edges; quality 100 (all steps 1) is
nearly lossless. Chroma is kept at full resolution (4:4:4, PIL's ``subsampling=0``).
"""

import numpy as np

from data._checks import is_int, is_int_sequence

from .base import Transform
from .layout import colour_and_alpha

BLOCK = 8

# ITU-T T.81 Annex K, table K.1 (luminance) and K.2 (chrominance).
LUMINANCE_TABLE = np.array([
    [16, 11, 10, 16, 24, 40, 51, 61],
    [12, 12, 14, 19, 26, 58, 60, 55],
    [14, 13, 16, 24, 40, 57, 69, 56],
    [14, 17, 22, 29, 51, 87, 80, 62],
    [18, 22, 37, 56, 68, 109, 103, 77],
    [24, 35, 55, 64, 81, 104, 113, 92],
    [49, 64, 78, 87, 103, 121, 120, 101],
    [72, 92, 95, 98, 112, 100, 103, 99],
])  # fmt: skip
CHROMINANCE_TABLE = np.array([
    [17, 18, 24, 47, 99, 99, 99, 99],
    [18, 21, 26, 66, 99, 99, 99, 99],
    [24, 26, 56, 99, 99, 99, 99, 99],
    [47, 66, 99, 99, 99, 99, 99, 99],
    [99, 99, 99, 99, 99, 99, 99, 99],
    [99, 99, 99, 99, 99, 99, 99, 99],
    [99, 99, 99, 99, 99, 99, 99, 99],
    [99, 99, 99, 99, 99, 99, 99, 99],
])  # fmt: skip

# JFIF's RGB -> YCbCr (before the +128 offset of Cb and Cr); its inverse goes back.
RGB_TO_YCBCR = np.array([
    [0.299, 0.587, 0.114],
    [-0.168736, -0.331264, 0.5],
    [0.5, -0.418688, -0.081312],
])  # fmt: skip
YCBCR_TO_RGB = np.linalg.inv(RGB_TO_YCBCR)
CHROMA_OFFSET = np.array([0.0, 128.0, 128.0])


def dct_matrix(size=BLOCK):
    """The orthonormal DCT-II matrix ``D[u, y] = c(u) cos((2y + 1) u π / (2·size))``."""
    u, y = np.arange(size)[:, None], np.arange(size)[None, :]
    scale = np.where(u == 0, np.sqrt(1 / size), np.sqrt(2 / size))
    return scale * np.cos((2 * y + 1) * u * np.pi / (2 * size))


def quantisation_tables(base_table, quality):
    """IJG-scaled tables ``(N, 8, 8)`` for qualities ``(N,)`` (see the module docstring)."""
    quality = np.asarray(quality, dtype=float)[:, None, None]
    scale = np.where(quality < 50, 5000 / quality, 200 - 2 * quality)
    return np.clip(np.floor((base_table * scale + 50) / 100), 1, 255)


def quantise_blocks(channels, tables):
    """DCT, quantise and inverse-DCT channels ``(N, H, W, C)`` with tables ``(N, C, 8, 8)``.

    H and W must be multiples of 8. Returns the decoded channels, same shape.
    """
    n, height, width, count = channels.shape
    # (N, H, W, C) -> (N, C, rows of blocks, columns of blocks, 8, 8)
    blocks = channels.reshape(n, height // BLOCK, BLOCK, width // BLOCK, BLOCK, count)
    blocks = blocks.transpose(0, 5, 1, 3, 2, 4)
    dct = dct_matrix()
    coefficients = dct @ blocks @ dct.T
    tables = tables[:, :, None, None]
    quantised = np.round(coefficients / tables) * tables
    decoded = dct.T @ quantised @ dct
    return decoded.transpose(0, 2, 4, 3, 5, 1).reshape(n, height, width, count)


def jpeg_roundtrip(images, quality):
    """Compress and decompress each image at its own ``quality`` ``(N,)`` (ints 1–100)."""
    colour, alpha = colour_and_alpha(images)
    _, height, width, count = colour.shape
    samples = np.round(colour.astype(np.float64) * 255)
    is_rgb = count == 3
    if is_rgb:
        samples = samples @ RGB_TO_YCBCR.T + CHROMA_OFFSET
        channel_tables = (LUMINANCE_TABLE, CHROMINANCE_TABLE, CHROMINANCE_TABLE)
    else:
        channel_tables = (LUMINANCE_TABLE,) * count
    tables = np.stack([quantisation_tables(table, quality) for table in channel_tables], axis=1)

    padded_height = -(-height // BLOCK) * BLOCK
    padded_width = -(-width // BLOCK) * BLOCK
    pad_width = ((0, 0), (0, padded_height - height), (0, padded_width - width), (0, 0))
    padded = np.pad(samples - 128, pad_width, mode="edge")
    decoded = quantise_blocks(padded, tables)[:, :height, :width] + 128

    if is_rgb:
        decoded = (decoded - CHROMA_OFFSET) @ YCBCR_TO_RGB.T
    decoded = np.clip(np.round(decoded), 0, 255) / 255
    return np.concatenate([decoded.astype(images.dtype), alpha], axis=-1)


class JPEGCompression(Transform):
    """Add genuine JPEG artifacts: encode and decode each image at a random quality.

    ``quality``: an int 1–100, or a range ``(lo, hi)`` from which each image draws an
    integer uniformly (default ``(30, 90)``, typical of images found on the web). Lower is
    blockier; 100 is nearly lossless. See the module docstring for the algorithm: a real
    8×8 block DCT quantised with the standard JPEG tables and IJG quality scaling, in YCbCr
    for colour images. Alpha is left alone.

    Shape: ``(N, H, W, C)`` → the same (any H and W; the encoder pads to whole blocks).

    Example::

        >>> x = np.random.default_rng(0).random((2, 16, 16, 3))
        >>> JPEGCompression(quality=10)(x, rng=np.random.default_rng(0)).shape
        (2, 16, 16, 3)
    """

    def __init__(self, quality=(30, 90)):
        if is_int(quality):
            quality = (quality, quality)
        if not is_int_sequence(quality, 2):
            raise TypeError(f"quality must be an int or a pair of ints (lo, hi), got {quality!r}")
        if not 1 <= quality[0] <= quality[1] <= 100:
            raise ValueError(f"quality must be within 1..100 with lo <= hi, got {quality!r}")
        self.quality = (int(quality[0]), int(quality[1]))

    def transform(self, images, rng):
        quality = rng.integers(self.quality[0], self.quality[1] + 1, size=len(images))
        return jpeg_roundtrip(images, quality)
