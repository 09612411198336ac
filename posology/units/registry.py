"""The one pint registry of posology, and the unit keys ↔ pint ↔ UCUM / EDQM mapping.

Unit keys are the gold keys of CONVENTIONS.md (``mg``, ``mL``, ``iU``, ``tablet`` …). The
terminology tables give each key its FHIR coding; pint gives dimensions and conversions
(``1 g == 1000 mg``, ``24 h == 1 d``, a metric teaspoon is 5 mL).

>>> convert(1, "g", "mg")
1000.0
>>> same_quantity(24, "h", 1, "d"), dimension("mg"), dimension("tablet")
(True, 'mass', 'count')
>>> quantity(2, "tablet").code, quantity(500, "mg").code
('15054000', 'mg')
"""

from __future__ import annotations

import json
import math
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from posology.dosage import EDQM, UCUM, Quantity
from posology.errors import Errors
from posology.resources import table_by_key

_PINT_NAMES = {
    "mg": "milligram",
    "g": "gram",
    "ug": "microgram",
    "ng": "nanogram",
    "kg": "kilogram",
    "mL": "milliliter",
    "L": "liter",
    "iU": "international_unit",
    "U": "enzyme_unit",
    "mg/kg": "milligram / kilogram",
    "mg/m2": "milligram / meter ** 2",
    "%": "percent",
    "teaspoon": "metric_teaspoon",
    "tablespoon": "metric_tablespoon",
    "mmol": "millimole",
    "meq": "milliequivalent",
    "s": "second",
    "min": "minute",
    "h": "hour",
    "d": "day",
    "wk": "week",
    "mo": "month",
    "a": "year",
}
PER_BODY = ("mg/kg", "mg/m2")
_DIMENSIONS = {
    "[mass]": "mass",
    "[length] ** 3": "volume",
    "[time]": "time",
    "[international_unit]": "iu",
    "[substance]": "substance",
    "dimensionless": "ratio",
    "[equivalent]": "substance",
    "[substance] / [time]": "enzyme",
}


# pint's answers for the keys of _PINT_NAMES, shipped (tools/build_unit_table.py writes the file):
# loading pint and its definitions costs ~0.2 s of a process's first line with a unit, for a few
# dimensions and factors. Used only where the installed pint is the one that wrote it; each
# answer equals pint's (tests/test_units.py); any other key or pair asks pint.
UNIT_TABLE = Path(__file__).with_name("unit_table.json")


@lru_cache(maxsize=1)
def shipped_answers() -> dict[str, Any]:
    """``{"dimensions": {key: dimension}, "factors": {from: {to: factor}}}``, or empty ones when
    the table is missing or was written by another pint version."""
    from importlib.metadata import PackageNotFoundError, version

    empty: dict[str, Any] = {"dimensions": {}, "factors": {}}
    try:
        table = json.loads(UNIT_TABLE.read_text(encoding="utf-8"))
        return table if table.get("pint") == version("pint") else empty
    except (OSError, ValueError, PackageNotFoundError):
        return empty


def pint_answers() -> dict[str, Any]:
    """The table :func:`shipped_answers` reads, computed with pint (for the tool and the test)."""
    from importlib.metadata import version

    import pint

    keys = [key for key in _PINT_NAMES if key not in PER_BODY]  # never asked: see dimension()
    dimensions = {key: _pint_dimension(key) for key in keys}
    factors: dict[str, dict[str, float]] = {}
    for source in keys:
        for target in keys:
            if dimensions[source] != dimensions[target]:
                continue
            try:
                factors.setdefault(source, {})[target] = _pint_factor(source, target)
            except pint.DimensionalityError:  # same kind to posology (mmol, meq), not to pint
                continue
    return {"pint": version("pint"), "dimensions": dimensions, "factors": factors}


@lru_cache(maxsize=1)
def registry():
    """The application's pint registry, extended by ``posology_units.txt`` (loaded once)."""
    import pint

    ureg = pint.UnitRegistry(on_redefinition="raise", cache_folder=None)
    ureg.load_definitions(str(Path(__file__).with_name("posology_units.txt")))
    return ureg


@cache
def _pint_unit(key: str):
    ureg = registry()
    return ureg.Unit(_PINT_NAMES.get(key, key))


@cache
def dimension(key: str | None) -> str:
    """``mass``, ``volume``, ``iu``, ``time``, ``ratio`` (%), ``count`` (units of presentation)…"""
    if key is None:
        return "none"
    if key in presentation_codes() or key in ("injection", "application"):
        return "count"
    if key in PER_BODY:
        return "per_body"
    return shipped_answers()["dimensions"].get(key) or _pint_dimension(key)


def _pint_dimension(key: str) -> str:
    text = str(_pint_unit(key).dimensionality)
    return _DIMENSIONS.get(text, text)


def convert(value: float, from_key: str, to_key: str) -> float:
    """``value`` in unit ``from_key`` expressed in ``to_key`` (pint arithmetic).

    Quantities of different kinds never convert, even where pint would (% and mg/kg are
    both dimensionless to pint): that raises ``pint.DimensionalityError``."""
    if dimension(from_key) != dimension(to_key):
        import pint

        raise pint.DimensionalityError(
            from_key, to_key, extra_msg=": " + Errors.E044.format(from_key=from_key, to_key=to_key)
        )
    return value * _factor(from_key, to_key)


@cache
def _factor(from_key: str, to_key: str) -> float:
    shipped = shipped_answers()["factors"].get(from_key, {}).get(to_key)
    return shipped if shipped is not None else _pint_factor(from_key, to_key)


def _pint_factor(from_key: str, to_key: str) -> float:
    ureg = registry()
    return float(ureg.Quantity(1, _pint_unit(from_key)).to(_pint_unit(to_key)).magnitude)


def same_quantity(value_a: float, key_a: str, value_b: float, key_b: str) -> bool:
    """Equal after conversion; quantities of different kinds (% and mg/kg, which pint both
    sees as dimensionless) are never equal."""
    try:
        return math.isclose(convert(value_a, key_a, key_b), value_b, rel_tol=1e-9)
    except Exception:  # incompatible dimensions (pint.DimensionalityError) or unknown key
        return False


def presentation_codes() -> dict[str, dict[str, str]]:
    return table_by_key("edqm/units_of_presentation.csv")


def ucum_codes() -> dict[str, dict[str, str]]:
    return table_by_key("ucum/units.csv")


def quantity(value: float, key: str | None) -> Quantity:
    """A typed Quantity with its FHIR coding (EDQM unit of presentation or UCUM)."""
    if key is None:
        return Quantity(value)
    if key in presentation_codes():
        row = presentation_codes()[key]
        return Quantity(value, key, EDQM, row["code"], row["display_fr"] or row["display_en"])
    if key in ucum_codes():
        row = ucum_codes()[key]
        return Quantity(value, key, UCUM, row["code"], row["code"])
    raise KeyError(Errors.E043.format(key=key))
