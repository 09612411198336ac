"""Codes → the gold keys the wordings are filed under (``tablet``, ``mg``, ``oral``).

The renderer reads FHIR that posology did not write, so a unit or a route is recognised by
its code in any system the project knows: EDQM (units of presentation, routes), UCUM, and the
SNOMED CT routes of FHIR's ``route-codes`` value set; a Quantity with no code by its unit
word (``tablets``, ``comprimé``). Anything else has no key and is rendered as FHIR wrote it.

>>> from posology.dosage import Coding
>>> route_key(Coding("http://snomed.info/sct", "26643006", "Oral route"))
'oral'
>>> unit_key("http://unitsofmeasure.org", "[iU]", None), unit_key(None, None, "Tablets")
('iU', 'tablet')
"""

from __future__ import annotations

from functools import cache

from posology.dosage import EDQM, UCUM, Coding
from posology.resources import read_table

__all__ = ["route_key", "unit_key"]

SNOMED = "http://snomed.info/sct"
# SNOMED CT routes (FHIR route-codes) with an EDQM route of the conventions.
_SNOMED_ROUTES = {
    "26643006": "oral",
    "37839007": "sublingual",
    "54471007": "buccal",
    "34206005": "subcutaneous",
    "78421000": "intramuscular",
    "47625008": "intravenous",
    "372464004": "intradermal",
    "37161004": "rectal",
    "16857009": "vaginal",
    "46713006": "nasal",
    "54485002": "ocular",
    "10547007": "auricular",
    "448598008": "cutaneous",
    "45890007": "transdermal",
    "447694001": "inhalation",
    "18679011000001101": "inhalation",
}


@cache
def _codes(table: str) -> dict[str, str]:
    return {row["code"]: row["key"] for row in read_table(table) if row.get("code")}


@cache
def _unit_words() -> dict[str, str]:
    """Unit words of both renderers (singular and plural) → key."""
    from posology.rendering.en import ENGLISH
    from posology.rendering.fr import FRENCH

    words: dict[str, str] = {}
    for lang in (FRENCH, ENGLISH):
        for key, forms in lang.UNITS.items():
            if key != "bottle":  # "flacon" is a vial (EDQM), as the engine reads it
                words.update({form.casefold(): key for form in forms})
    return words


def unit_key(system: str | None, code: str | None, unit: str | None) -> str | None:
    """The key of a Quantity's unit, or None when no table knows it."""
    if code and system in (EDQM, None) and code in _codes("edqm/units_of_presentation.csv"):
        return _codes("edqm/units_of_presentation.csv")[code]
    if code and system in (UCUM, None) and code in _codes("ucum/units.csv"):
        return _codes("ucum/units.csv")[code]
    if not code and unit:
        return _unit_words().get(unit.strip().casefold())
    return None


def route_key(coding: Coding | None) -> str | None:
    """The key of a route coding (EDQM or SNOMED CT), or None."""
    if coding is None:
        return None
    if coding.system == EDQM:
        return _codes("edqm/routes.csv").get(coding.code)
    if coding.system == SNOMED:
        return _SNOMED_ROUTES.get(coding.code)
    return None
