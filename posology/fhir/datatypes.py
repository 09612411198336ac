"""FHIR datatypes (Quantity, Duration, Ratio, Range, extensions) as plain JSON dicts.

Numbers are written as JSON integers when integral (``1``, not ``1.0``) and empty values are
dropped, so the dicts are byte-stable and read like hand-written FHIR.

>>> quantity(Quantity(1.0, "tablet", EDQM, "15054000"), "fr")
{'value': 1, 'unit': 'Comprimé', 'system': 'http://standardterms.edqm.eu', 'code': '15054000'}
>>> quantity(Quantity(1.0, "tablet", EDQM, "15054000"))  # language unknown: no unit text
{'value': 1, 'system': 'http://standardterms.edqm.eu', 'code': '15054000'}
>>> duration_quantity(5, "d")
{'value': 5, 'unit': 'd', 'system': 'http://unitsofmeasure.org', 'code': 'd'}
"""

from __future__ import annotations

from typing import Any

from posology.dosage import EDQM, Coding, Duration, Quantity
from posology.fhir.displays import edqm_display
from posology.fhir.urls import DATA_ABSENT_REASON, UCUM

__all__ = [
    "EDQM",
    "coding",
    "compact",
    "data_absent",
    "duration_quantity",
    "number",
    "quantity",
    "ratio",
    "strength_ratio",
    "time_range_or_duration",
]


def number(value: float) -> float | int:
    """``1.0`` → ``1``; other numbers unchanged (``number(0.5) == 0.5``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def compact(value: Any, compacted: str | None = None) -> Any:
    """Drop ``None``, ``""``, ``[]`` and ``{}``, recursively (``compact({"a": []}) == {}``).

    FHIR forbids empty elements, and an absent value must be absent, not empty. ``compacted``
    names a key of a dict whose value is a list of dicts each compacted already
    (``compact(d) == d``): that list is not walked again, only its empty dicts dropped.

    >>> node = {"a": None, "b": [{"c": 1}, {}], "d": {"e": ""}, "f": 2}
    >>> compact(node, "b"), compact(node, "b") == compact(node)
    ({'b': [{'c': 1}], 'f': 2}, True)
    """
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == compacted and type(item) is list:
                item = [done for done in item if done]  # a compacted dict is empty or stays as it is
                if item:
                    out[key] = item
                continue
            if item is None or (isinstance(item, str) and not item):
                continue
            if isinstance(item, _CONTAINERS):
                item = compact(item)
                if not item:  # a dict or a list, empty once compacted
                    continue
            out[key] = item
        return out
    if isinstance(value, (list, tuple)):
        items = []
        for item in value:
            if item is None or (isinstance(item, str) and not item):
                continue
            if isinstance(item, _CONTAINERS):
                item = compact(item)
                if not item:
                    continue
            items.append(item)
        return items
    return value


_CONTAINERS = (dict, list, tuple)  # what compact() recurses into (a leaf is kept or dropped in place)


def quantity(value: Quantity, lang: str | None = None) -> dict[str, Any]:
    """A FHIR Quantity; a Quantity with no unit is ``{"value": v}`` only (a unit is never guessed).

    The ``unit`` text is the EDQM term in the line's language ``lang`` (none when it is not
    known), the UCUM code for UCUM units, else the typed display or unit key.
    """
    if value.unit is None:
        return {"value": number(value.value)}
    return compact(
        {
            "value": number(value.value),
            "unit": _unit_text(value, lang),
            "system": value.system,
            "code": value.code,
        }
    )


def _unit_text(value: Quantity, lang: str | None) -> str | None:
    if value.system == EDQM and value.code:
        return edqm_display(value.code, lang)
    if value.system == UCUM and value.code:
        return value.code
    return value.display or value.unit


def duration_quantity(value: float, unit: str) -> dict[str, Any]:
    """A UCUM time Quantity (FHIR Duration): ``unit`` is the UCUM code (``d``, ``wk``, ``h``)."""
    return {"value": number(value), "unit": unit, "system": UCUM, "code": unit}


def time_range_or_duration(value: Duration) -> tuple[str, dict[str, Any]]:
    """``("boundsDuration", …)``, or ``("boundsRange", …)`` when ``value.max`` is set."""
    if value.max is None:
        return "boundsDuration", duration_quantity(value.value, value.unit)
    return "boundsRange", {
        "low": duration_quantity(value.value, value.unit),
        "high": duration_quantity(value.max, value.unit),
    }


def ratio(numerator: dict[str, Any], denominator: dict[str, Any] | None = None) -> dict[str, Any]:
    """A Ratio. FHIR invariant rat-1 wants both terms, so the default denominator is ``1``."""
    return {"numerator": numerator, "denominator": denominator or {"value": 1}}


def strength_ratio(strength: Quantity, lang: str | None = None) -> dict[str, Any]:
    """A strength: ``strength`` per ``strength.per`` when the text gives a denominator
    (``4000 UI/0,4 mL`` → 4000 [iU] / 0.4 mL), else per 1.

    >>> strength_ratio(Quantity(250, "mg", UCUM, "mg", per=Quantity(5, "mL", UCUM, "mL")))["denominator"]
    {'value': 5, 'unit': 'mL', 'system': 'http://unitsofmeasure.org', 'code': 'mL'}
    """
    per = quantity(strength.per, lang) if strength.per is not None else None
    return ratio(quantity(strength, lang), per)


def coding(value: Coding, lang: str | None = None) -> dict[str, Any]:
    """A FHIR Coding. EDQM displays are in the line's language ``lang`` (none when unknown);
    other systems keep their own display (CIS, ANSM substances: French-only systems)."""
    display = edqm_display(value.code, lang) if value.system == EDQM else value.display
    return compact({"system": value.system, "code": value.code, "display": display})


def data_absent(reason: str = "unknown") -> dict[str, Any]:
    """An element that carries only the data-absent-reason extension."""
    return {"extension": [{"url": DATA_ABSENT_REASON, "valueCode": reason}]}
