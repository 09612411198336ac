"""The one hashed n-gram vectoriser of the linkers: features hashed into buckets, counted, weighted
and L2-normalised, one float32 row per key.

Each linker chooses its features (the drug index: the 3-grams of the padded key,
``posology.linking.drugs_index``; the span linker: the 1- to 3-grams of each word and its
consonant skeleton, ``posology.linking.embedder.NgramEmbedder``); the hashing and the vectors
are this module's.

>>> rows = hashed_vectors([[0, 0, 1], []], dim=4)
>>> [round(float(x), 3) for x in rows[0]], [float(x) for x in rows[1]]
([0.894, 0.447, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0])
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np


def bucket(feature: str, dim: int) -> int:
    """The hashed dimension of a feature (CRC-32, stable across processes and machines)."""
    return zlib.crc32(feature.encode("utf-8")) % dim


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row divided by its L2 norm (zero rows stay zero), float32, C-contiguous."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return np.ascontiguousarray(matrix, dtype=np.float32)


def hashed_vectors(buckets: Sequence[Sequence[int]], dim: int, log_counts: bool = False) -> np.ndarray:
    """One L2-normalised row per key, from the buckets of its features (a bucket repeated is
    counted again); ``log_counts`` weighs a bucket by ``log1p(count)`` instead of its count."""
    flat = [row * dim + value for row, values in enumerate(buckets) for value in values]
    return counted_vectors(np.asarray(flat, dtype=np.int64), len(buckets), dim, log_counts)


def counted_vectors(flat: np.ndarray, rows: int, dim: int, log_counts: bool = False) -> np.ndarray:
    """:func:`hashed_vectors` from the flat indices ``row * dim + bucket`` of every feature."""
    counts = np.bincount(flat, minlength=rows * dim)
    matrix = counts.astype(np.float32).reshape(rows, dim)
    if log_counts:
        np.log1p(matrix, out=matrix)
    return normalise_rows(matrix)
