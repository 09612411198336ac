"""Pre-built forms of the shipped data, read at start-up instead of being rebuilt (#17).

Parsing the rule files (YAML) and the drug tables (gzipped CSV) takes ~0.15 s and ~0.35 s of
every fresh process; their pre-built forms (pickles of the same plain values) load in a tenth of
that. A pre-built file starts with a digest of what it was made from: the bytes of its source
files and of the modules that make the value. It is used only while that digest still matches,
so an edited rule file, table or builder is never read stale: the engine then builds from the
sources as before (slower, the same values), and ``tests/test_prebuilt.py`` fails until
``python -m tools.prebuild`` writes the file again.

The files are read only from the package's own data folders (the same trust as its code).
"""

from __future__ import annotations

import gzip
import hashlib
import pickle
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

FORMAT = b"posology-prebuilt 1"
T = TypeVar("T")


def digest(sources: Iterable[Path]) -> str:
    """The sha256 of the sources' names and bytes, in the order given."""
    hasher = hashlib.sha256(FORMAT)
    for path in sources:
        data = path.read_bytes()
        hasher.update(f"\0{path.name}\0{len(data)}\0".encode())
        hasher.update(data)
    return hasher.hexdigest()


def read(path: Path, sources: Iterable[Path]) -> Any | None:
    """The value pre-built in ``path`` when it was made from these very sources, else None
    (no file, another digest, an unreadable file)."""
    try:
        with path.open("rb") as file:
            header = file.readline()
            if header != FORMAT + b" " + digest(sources).encode() + b"\n":
                return None
            return pickle.loads(gzip.decompress(file.read()))
    except (OSError, EOFError, ValueError, zlib.error, pickle.UnpicklingError):
        return None


def write(path: Path, sources: Iterable[Path], value: Any) -> None:
    """Write ``value`` pre-built from ``sources`` (the tools' side; never at run time)."""
    body = gzip.compress(pickle.dumps(value, protocol=5), compresslevel=9, mtime=0)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(FORMAT + b" " + digest(sources).encode() + b"\n" + body)
    partial.replace(path)


def load(path: Path, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """The pre-built value when fresh, else ``build()`` (the same value, made from the sources)."""
    sources = tuple(sources)
    found = read(path, sources)
    return found if found is not None else build()


def module_file(module: str) -> Path:
    """The source file of a module of the package (a builder whose code the digest covers)."""
    import importlib

    return Path(str(importlib.import_module(module).__file__))
