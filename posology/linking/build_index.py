"""Build the terminology linking index (offline): ``python -m posology.linking.build_index``.

Reads ``terminologies/aliases.csv``, embeds every alias (one vector per alias, rows sorted by
type, key, alias) and writes ``rows.csv``, one ``<method>.faiss`` per method and
``MANIFEST.json`` into ``terminologies/linking/`` (see ``posology.linking.index``). The output
is byte-for-byte deterministic for a given alias table and library versions: sorted rows, no
randomness (the n-gram hash is CRC-32; MiniLM runs in eval mode), no timestamps.

The shipped index holds the ``ngram`` method only (the benchmark winner, and it needs no
torch); ``--methods ngram,embedding,combined`` also builds the MiniLM ones (a minute on 2 cores).

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     manifest = build(Path(tmp))
...     sorted(p.name for p in Path(tmp).iterdir())
['MANIFEST.json', 'ngram.faiss', 'rows.csv']
>>> manifest["default_method"], manifest["indexes"]["ngram"]["embedder"]["name"]
('ngram', 'ngram')
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from posology.errors import Errors
from posology.linking.embedder import Embedder, make_default, span_key
from posology.linking.index import (
    ALIAS_TABLE,
    MANIFEST,
    ROWS,
    alias_rows,
    alias_table_path,
    default_dir,
    sha256_file,
    write_rows,
)

METHODS = ("ngram", "embedding", "combined")


def _write_index(out_dir: Path, method: str, keys: list[str], embedder: Embedder | None = None) -> dict[str, Any]:
    embedder = embedder or make_default(method)
    index = faiss.IndexFlatIP(embedder.dim)
    index.add(embedder.encode(keys))
    name = f"{method}.faiss"
    faiss.write_index(index, str(out_dir / name))
    return {"file": name, "dim": embedder.dim, "vectors": index.ntotal, "embedder": embedder.config()}


def build(
    out_dir: Path,
    methods: Sequence[str] = ("ngram",),
    alias_table: Path | None = None,
    embedders: Mapping[str, Embedder] | None = None,
) -> dict[str, Any]:
    """Write the index of ``methods`` into ``out_dir``; returns the manifest written.
    ``embedders`` gives the embedder of a method that has no shipped settings (the benchmark's
    ``finetuned``: a model folder)."""
    embedders = embedders or {}
    unknown = set(methods) - set(METHODS) - set(embedders)
    if unknown or not methods:
        raise ValueError(Errors.E027.format(unknown=sorted(unknown), methods=METHODS))
    table = alias_table or alias_table_path()
    rows = alias_rows(table)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.faiss"):
        old.unlink()
    write_rows(out_dir / ROWS, rows)
    keys = [span_key(row.alias) for row in rows]
    indexes = {method: _write_index(out_dir, method, keys, embedders.get(method)) for method in methods}
    files = [ROWS] + [entry["file"] for entry in indexes.values()]
    manifest = {
        "format": 1,
        "alias_table": {"file": ALIAS_TABLE, "sha256": sha256_file(table), "rows": len(rows)},
        "key": "posology.linking.embedder.span_key",
        "default_method": "ngram" if "ngram" in methods else methods[0],
        "indexes": indexes,
        "files": {name: sha256_file(out_dir / name) for name in sorted(files)},
        "libraries": {"faiss": faiss.__version__, "numpy": np.__version__},
    }
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    (out_dir / MANIFEST).write_text(text, encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    """Command line (``posology build-index`` calls this)."""
    parser = argparse.ArgumentParser(prog="posology build-index", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="output folder (terminologies/linking)")
    parser.add_argument("--methods", default="ngram", help=f"comma-separated, among {', '.join(METHODS)}")
    parser.add_argument("--aliases", type=Path, default=None, help="alias table (terminologies/aliases.csv)")
    args = parser.parse_args(argv)
    out_dir = args.out or default_dir()
    manifest = build(out_dir, [m.strip() for m in args.methods.split(",") if m.strip()], args.aliases)
    for method, entry in manifest["indexes"].items():
        print(f"{method}: {entry['vectors']} vectors x {entry['dim']} -> {out_dir / entry['file']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
