"""Nearest names by character n-grams: FAISS for recall, an edit distance for the score.

Every name key is a bag of hashed character 3-grams (with word-boundary padding), weighted
1, L2-normalised, in ``DIM`` dimensions; an exact inner-product search (FAISS's, over the
few names that share a bucket with the key: :class:`NgramIndex`) gives the cosine nearest
names. The hash is CRC-32, not Python's salted ``hash``: the same table gives the same
vectors in every process. The candidates are then scored by a normalised
optimal-string-alignment (restricted Damerau-Levenshtein) similarity, rapidfuzz's ``OSA``,
which is what the abstention threshold is calibrated on.

>>> index = NgramIndex(["doliprane", "kardegic", "levothyrox"])
>>> [name for name, _ in index.search("dolipranne", k=1)]
['doliprane']
>>> round(similarity("kardegik", "kardegic"), 3)
0.875
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from posology.linking.vectors import bucket, counted_vectors, hashed_vectors

if TYPE_CHECKING:
    import numpy as np

# faiss and rapidfuzz load on first use (a drug table to index, a name to compare): a line with
# no drug name, the first line of a process included, never pays their ~70 ms of import.
_OSA: Any = None


def _osa() -> Any:
    global _OSA
    if _OSA is None:
        from rapidfuzz.distance import OSA

        _OSA = OSA
    return _OSA


DIM = 256
NGRAM = 3


def ngrams(key: str) -> list[str]:
    padded = f" {key} "
    return [padded[i : i + NGRAM] for i in range(len(padded) - NGRAM + 1)]


def _buckets(key: str, cache: dict[str, int] | None = None) -> list[int]:
    if cache is None:
        return [bucket(gram, DIM) for gram in ngrams(key)]
    buckets = []
    for gram in ngrams(key):
        found = cache.get(gram)
        if found is None:
            found = cache[gram] = bucket(gram, DIM)
        buckets.append(found)
    return buckets


def embed(keys: Sequence[str]) -> np.ndarray:
    """L2-normalised hashed 3-gram counts, one row per key (``posology.linking.vectors``)."""
    if len(keys) >= _MANY and all(key.isascii() for key in keys):
        return _embed_ascii(keys)
    cache: dict[str, int] = {}  # names share most of their 3-grams
    return hashed_vectors([_buckets(key, cache) for key in keys], DIM)


_MANY = 64  # from this many keys, the n-grams are cut with numpy (the whole table: 90 -> ~15 ms)


def _embed_ascii(keys: Sequence[str]) -> np.ndarray:
    """:func:`embed` of ASCII keys: each 3-gram read as the integer of its 3 bytes, each distinct
    one hashed once; the same buckets and counts, so the same rows."""
    import numpy as np

    padded = [f" {key} " for key in keys]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    data = np.frombuffer("".join(padded).encode("ascii"), dtype=np.uint8).astype(np.int64)
    grams = np.maximum(lengths - NGRAM + 1, 0)  # per key
    rows = np.repeat(np.arange(len(keys), dtype=np.int64), grams)
    firsts = np.repeat(np.cumsum(lengths) - lengths - (np.cumsum(grams) - grams), grams)
    at = firsts + np.arange(int(grams.sum()), dtype=np.int64)  # where each 3-gram starts in data
    codes = (data[at] << 14) | (data[at + 1] << 7) | data[at + 2]  # 7 bits a character
    seen = np.zeros(1 << 21, dtype=bool)
    seen[codes] = True
    table = np.zeros(1 << 21, dtype=np.int64)
    for code in np.flatnonzero(seen).tolist():
        gram = bytes(((code >> 14) & 127, (code >> 7) & 127, code & 127)).decode("ascii")
        table[code] = bucket(gram, DIM)
    return counted_vectors(rows * DIM + table[codes], len(keys), DIM)


class NgramIndex:
    """Exact cosine search over the n-gram vectors of a fixed list of names.

    A key shares a 3-gram bucket with only a few hundred of the names, so the cosines are summed
    over the key's own buckets (posting lists, float64: a few thousand products instead of
    every name's 256, read from a few kilobytes instead of the whole matrix). Where the ``k``-th
    and the next name are too near to tell apart at FAISS's float32 precision, the search is the
    flat FAISS index's (``IndexFlatIP``), whose choice among such ties the abstention thresholds
    were calibrated with: the names found are always those of the flat index."""

    def __init__(self, names: Sequence[str]) -> None:
        import faiss
        import numpy as np

        self.names = list(names)
        vectors = embed(self.names) if self.names else np.zeros((0, DIM), dtype=np.float32)
        self._index = faiss.IndexFlatIP(DIM)
        self._index.add(vectors)
        dims, rows = np.nonzero(vectors.T)  # by bucket, then by row
        self._rows = rows.astype(np.int64)
        self._weights = vectors[rows, dims].astype(np.float64)
        self._starts = np.searchsorted(dims, np.arange(DIM + 1)).tolist()

    def search(self, key: str, k: int = 10, keep: Callable[[str], bool] | None = None) -> list[tuple[str, float]]:
        """The ``k`` names nearest to ``key``, with their cosine, best first (ties by name);
        with ``keep``, only those of them that ``keep`` accepts."""
        import numpy as np

        if not key or not self.names:
            return []
        query = embed([key])[0]
        cosines = np.zeros(len(self.names))
        for dim in np.flatnonzero(query).tolist():
            start, end = self._starts[dim], self._starts[dim + 1]
            cosines[self._rows[start:end]] += float(query[dim]) * self._weights[start:end]
        near = np.flatnonzero(cosines > 0)  # no bucket in common: 0, never a result
        k = min(k, len(self.names))
        if len(near) > k:
            best = near[np.argpartition(-cosines[near], k)[: k + 1]]
            best = best[np.argsort(-cosines[best], kind="stable")]
            last = cosines[best[k - 1]]
            if last - cosines[best[k]] < _TIED:  # which of the tied names FAISS keeps is its own
                tied = near[np.abs(cosines[near] - last) < _TIED]
                if keep is None or any(keep(self.names[i]) for i in tied.tolist()):
                    return self._flat_search(query, k, keep)
                near = best[cosines[best] >= last + _TIED]  # none of them would be kept anyway
            else:
                near = best[:k]
        return _best_first([(self.names[i], float(cosines[i])) for i in near.tolist()], keep)

    def _flat_search(self, query: np.ndarray, k: int, keep: Callable[[str], bool] | None) -> list[tuple[str, float]]:
        from posology.linking.index import single_thread

        with single_thread():
            scores, ids = self._index.search(query[None], k)
        found = [(self.names[i], float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0 and s > 0]
        return _best_first(found, keep)


def _best_first(found: list[tuple[str, float]], keep: Callable[[str], bool] | None) -> list[tuple[str, float]]:
    """The names ``keep`` accepts (all without it), by cosine then name."""
    kept = [item for item in found if keep is None or keep(item[0])]
    return sorted(kept, key=lambda item: (-round(item[1], 6), item[0]))


# the k-th and the next name closer than this: a tie that FAISS's float32 sums settle their own way
_TIED = 1e-5


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal-string-alignment distance (a transposition counts one): rapidfuzz's ``OSA``.
    With ``limit``, exact up to it and ``limit + 1`` past it (it stops as soon as it is too far)."""
    return _osa().distance(a, b, score_cutoff=limit)


def similarity_at_least(a: str, b: str, minimum: float) -> float | None:
    """:func:`similarity` when it reaches ``minimum``, else None (the edit distance stops as
    soon as it is too far)."""
    longest = max(len(a), len(b))
    if not longest:
        return 1.0
    limit = int(longest * (1 - minimum))  # similarity ≥ minimum ⇔ distance ≤ limit (this rounding)
    distance = _osa().distance(a, b, score_cutoff=limit)
    return None if distance > limit else 1 - distance / longest


def similarity(a: str, b: str) -> float:
    """1 - edit distance / longer length: 1.0 for equal keys, 0.0 for nothing in common."""
    longest = max(len(a), len(b))
    return 1.0 - _osa().distance(a, b) / longest if longest else 1.0
