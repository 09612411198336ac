"""Where the shipped data lives: ``rules/`` and ``terminologies/``.

In a source checkout (and an editable install) they are the top-level folders of the
repository; in a wheel they are installed as the package ``posology._data`` (see the
``package-dir`` mapping in ``pyproject.toml``).

>>> (terminologies_dir() / "aliases.csv").name
'aliases.csv'
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from posology.errors import Errors

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(Errors.E039.format(name=name))


def rules_dir() -> Path:
    return _data_dir("rules")


def terminologies_dir() -> Path:
    return _data_dir("terminologies")


def models_dir() -> Path:
    return _data_dir("models")


@cache
def read_table(relative: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV table of ``terminologies/``, as dicts (cached, read once)."""
    path = terminologies_dir() / relative
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def table_by_key(relative: str) -> dict[str, dict[str, str]]:
    """The rows of a terminology table keyed by their ``key`` column (cached)."""
    return {row["key"]: row for row in read_table(relative)}
