"""Bundle shapes shipped as already validated: a process validates the Bundles of the shapes
it was built with without loading the ``fhir.resources`` models (issue #17: the first Bundle
of a fresh process, and every Bundle of a known shape, skip pydantic).

``valid_shapes.json``, next to this module, holds a digest of the memo key
(:func:`posology.fhir.validation.memo_key`: the version and the :func:`~posology.fhir.validation.shape`)
of every Bundle that passed pydantic and the shape checks (code bindings, by-shape invariants)
when it was written, over every text of the gold sets, the safety suite and the samples (R4
and R5, hybrid and rules, with and without provenance), and the *fingerprint* of what those
verdicts depend on: the versions of fhir.resources, fhir-core, pydantic and pydantic-core, the
source of the modules that shape, build and check a Bundle, and the terminology tables the
value sets read. At the first validation of a process the fingerprint is computed again; a
table written for anything else is not used (every shape is then validated as before, never
trusted), and ``tests/test_fhir_validation.py`` fails until the table is rebuilt::

    python tools/build_valid_shapes.py

A digest is 64 bits of SHA-256: an invalid shape taken for one of the ~10,000 valid ones has
a probability of about 10⁻¹⁵.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import threading
from collections.abc import Callable
from pathlib import Path

from posology.resources import terminologies_dir

__all__ = ["TABLE", "digest", "fingerprint", "is_known", "set_enabled"]

TABLE = Path(__file__).resolve().parent / "valid_shapes.json"
_PACKAGE = Path(__file__).resolve().parent.parent
# What a shape's verdict depends on, in posology: the shape, the checks and the value sets.
SOURCES = (
    "fhir/codes.py",
    "fhir/ids.py",
    "fhir/invariants.py",
    "fhir/nodes.py",
    "fhir/urls.py",
    "fhir/validation.py",
    "fhir/valuesets.py",
    "fhir/versions.py",
    "resources.py",
)
TERMINOLOGY_FOLDERS = ("edqm", "fhir", "ucum")  # the tables posology.fhir.valuesets reads
LIBRARIES = ("fhir.resources", "fhir-core", "pydantic", "pydantic-core")

_lock = threading.Lock()
_known: frozenset[str] | None = None
_enabled = True


def digest(key: str) -> str:
    """The 64-bit digest of a memo key, as stored in the table."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def fingerprint(check: Callable) -> str:
    """The digest of everything a shape's verdict depends on (see the module docstring), for
    the shape checks ``check`` (its own source; the modules it calls are among :data:`SOURCES`)."""
    from importlib.metadata import PackageNotFoundError, version

    from posology.fhir.urls import EDQM, UCUM

    hasher = hashlib.sha256()
    hasher.update(f"{check.__module__}.{check.__qualname__}\n{inspect.getsource(check)}".encode())
    hasher.update(f"{EDQM}\n{UCUM}\n".encode())  # the systems the code checks compare with
    for name in LIBRARIES:
        try:
            hasher.update(f"{name}=={version(name)}\n".encode())
        except PackageNotFoundError:
            hasher.update(f"{name} missing\n".encode())
    for relative in SOURCES:
        hasher.update(relative.encode() + b"\n" + (_PACKAGE / relative).read_bytes())
    root = terminologies_dir()
    for folder in TERMINOLOGY_FOLDERS:
        for path in sorted((root / folder).glob("*.csv")):
            hasher.update(f"{folder}/{path.name}\n".encode() + path.read_bytes())
    return hasher.hexdigest()


def _load(check: Callable) -> frozenset[str]:
    try:
        data = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    if data.get("fingerprint") != fingerprint(check):
        return frozenset()  # written for other libraries or other checks: validate everything
    return frozenset(data.get("shapes", ()))


def is_known(key: str, check: Callable) -> bool:
    """Whether the memo key ``key`` is a shape of the shipped table, written for the shape
    checks ``check`` (the table is checked current on first use)."""
    global _known
    if not _enabled:
        return False
    if _known is None:
        with _lock:
            if _known is None:
                _known = _load(check)
    return digest(key) in _known


def set_enabled(enabled: bool) -> None:
    """Use the shipped table or not (off: every new shape is validated; the builder turns it off)."""
    global _enabled, _known
    _enabled, _known = bool(enabled), None
