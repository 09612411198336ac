"""The terminology linking index on disk, and its loading (no building here).

``terminologies/linking/`` holds what ``python -m posology.linking.build_index`` writes:

- ``rows.csv``: ``row,type,key,alias``, one row per alias of ``terminologies/aliases.csv``,
  sorted by (type, key, alias); FAISS vector ``i`` is row ``i``. A type's rows are contiguous,
  so a search restricted to some types is a search over id ranges.
- ``<method>.faiss``: an exact inner-product index (``IndexFlatIP``) over the rows' vectors.
- ``MANIFEST.json``: the sha256 of the alias table the index was built from, of every file,
  the embedder settings (model name and version when a model is used) and library versions.

Loading checks the manifest against the current alias table: an index built from another
table raises ``StaleIndexError`` (rebuild it with ``posology build-index``).

>>> index = load_index(default_dir(), "ngram")
>>> index.rows[0].type, len(index.rows) == index.faiss_index.ntotal
('day_of_week', True)
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from posology.errors import Errors, PosologyError
from posology.linking.embedder import Embedder, make_embedder
from posology.resources import terminologies_dir

ALIAS_TABLE = "aliases.csv"
ROWS = "rows.csv"
MANIFEST = "MANIFEST.json"
REBUILD = "run `posology build-index` (python -m posology.linking.build_index)"


class StaleIndexError(PosologyError):
    """The linking index does not match the alias table (or its files were altered)."""


@dataclass(frozen=True)
class Row:
    type: str
    key: str
    alias: str


def default_dir() -> Path:
    return terminologies_dir() / "linking"


def alias_table_path() -> Path:
    return terminologies_dir() / ALIAS_TABLE


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def alias_rows(path: Path | None = None) -> list[Row]:
    """The alias table's rows, sorted by (type, key, alias)."""
    with (path or alias_table_path()).open(encoding="utf-8", newline="") as handle:
        rows = {Row(r["type"], r["key"], r["alias"]) for r in csv.DictReader(handle)}
    return sorted(rows, key=lambda r: (r.type, r.key, r.alias))


def write_rows(path: Path, rows: Sequence[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["row", "type", "key", "alias"])
        writer.writerows([i, r.type, r.key, r.alias] for i, r in enumerate(rows))


def read_rows(path: Path) -> tuple[Row, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(Row(r["type"], r["key"], r["alias"]) for r in csv.DictReader(handle))


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise StaleIndexError(Errors.E029.format(directory=directory, rebuild=REBUILD))
    return json.loads(path.read_text(encoding="utf-8"))


def check_fresh(directory: Path, alias_table: Path | None = None) -> dict[str, Any]:
    """The manifest, once the alias table and every listed file match their checksums."""
    manifest = read_manifest(directory)
    table = alias_table or alias_table_path()
    if manifest["alias_table"]["sha256"] != sha256_file(table):
        raise StaleIndexError(Errors.E030.format(directory=directory, table=table, rebuild=REBUILD))
    for name, digest in manifest["files"].items():
        path = directory / name
        if not path.is_file() or sha256_file(path) != digest:
            raise StaleIndexError(Errors.E031.format(path=path, rebuild=REBUILD))
    return manifest


@contextmanager
def single_thread() -> Iterator[None]:
    """One OpenMP thread for a one-query search: waking the pool costs more than the search."""
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(threads)


@dataclass
class VectorIndex:
    """Rows, their FAISS index and the embedder that made the vectors."""

    method: str
    rows: tuple[Row, ...]
    faiss_index: faiss.Index
    embedder: Embedder
    type_ranges: dict[str, tuple[int, int]] = field(init=False)
    _params: dict[tuple[str, ...], Any] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.type_ranges = {}
        for i, row in enumerate(self.rows):
            start, _ = self.type_ranges.get(row.type, (i, i))
            self.type_ranges[row.type] = (start, i + 1)

    def _search_params(self, types: tuple[str, ...]) -> Any:
        """A FAISS id selector over the rows of ``types`` (kept alive in a cache)."""
        if types not in self._params:
            selectors = [faiss.IDSelectorRange(*self.type_ranges[t]) for t in types]
            selector: faiss.IDSelector = selectors[0]
            for other in selectors[1:]:
                selector = faiss.IDSelectorOr(selector, other)
            params = faiss.SearchParameters()
            params.sel = selector  # what SearchParameters(sel=…) does; faiss's stub knows no keywords
            self._params[types] = (params, selectors)
        return self._params[types][0]

    def search(self, vector: np.ndarray, k: int, types: tuple[str, ...] | None = None) -> list[tuple[int, float]]:
        """``(row id, cosine)`` of the ``k`` nearest rows (of ``types`` only, when given)."""
        params = None if types is None else self._search_params(types)
        with single_thread():
            scores, ids = self.faiss_index.search(vector.reshape(1, -1), min(k, len(self.rows)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def load_index(directory: Path, method: str, alias_table: Path | None = None) -> VectorIndex:
    """Load and check the ``method`` index of ``directory`` (see ``check_fresh``)."""
    manifest = check_fresh(directory, alias_table)
    entry = manifest["indexes"].get(method)
    if entry is None:
        built = sorted(manifest["indexes"])
        raise StaleIndexError(Errors.E032.format(method=method, directory=directory, built=built, rebuild=REBUILD))
    rows = read_rows(directory / ROWS)
    faiss_index = faiss.read_index(str(directory / entry["file"]))
    if faiss_index.ntotal != len(rows):
        vectors, file = faiss_index.ntotal, entry["file"]
        raise StaleIndexError(Errors.E033.format(file=file, vectors=vectors, rows=len(rows), rebuild=REBUILD))
    embedder = make_embedder(entry["embedder"])
    if embedder.config() != entry["embedder"]:
        installed = embedder.config()
        raise StaleIndexError(
            Errors.E034.format(method=method, built=entry["embedder"], installed=installed, rebuild=REBUILD)
        )
    return VectorIndex(method, rows, faiss_index, embedder)
