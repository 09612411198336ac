"""Code-binding checks of a Bundle dict: the part of FHIR validation pydantic does not do.

Each problem is one message naming the element's path, e.g.
``[E011] Bundle.entry[0].resource.dosageInstruction[0].timing.repeat.when[0]: code 'MORNING'
is not in the value set EventTiming (R4).``

>>> check_codes({"resourceType": "Bundle", "type": "collection"}, "R4")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from posology.errors import Errors
from posology.fhir import valuesets as vs
from posology.fhir.urls import EDQM, UCUM
from posology.fhir.versions import fhir_version_key

__all__ = ["check_codes"]

Path = tuple[str | int, ...]

_TIME_OF_DAY = re.compile(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d")
# Quantities of time, whose code must be a unit of time rather than a dose unit.
_TIME_ELEMENTS = frozenset({"boundsDuration", "boundsRange", "expectedSupplyDuration"})
_EDQM_NAMES = {
    "unit": "EDQM units of presentation",
    "route": "EDQM routes",
    "form": "EDQM dose forms",
}


def check_codes(bundle: dict[str, Any], fhir_version: str) -> list[str]:
    """Problems with the codes of ``bundle`` (empty when every code is in its value set).

    >>> bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
    ...     "resourceType": "MedicationRequest", "status": "active", "intent": "order",
    ...     "dosageInstruction": [{"timing": {"repeat": {"periodUnit": "day"}}}]}}]}
    >>> check_codes(bundle, "R4")  # doctest: +ELLIPSIS
    ["[E011] Bundle.entry[0]...periodUnit: code 'day' is not in the value set units-of-time."]
    """
    version = fhir_version_key(fhir_version)
    problems: list[str] = []
    for path, node in _dicts(bundle, ("Bundle",)):
        problems += _check_resource(path, node, version)
        problems += _check_repeat(path, node, version)
        problems += _check_coded(path, node)
    return problems


def _dicts(node: Any, path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every dict inside ``node`` with its path, ``node`` first."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _dicts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _dicts(value, (*path, index))


def _format(path: Path) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)[1:]


def _element(path: Path) -> str:
    """The element name of a path: ``when`` for ``(…, "when", 0)``."""
    return next(part for part in reversed(path) if isinstance(part, str))


def _in(path: Path, value: Any, members: frozenset[str], valueset: str) -> list[str]:
    if value is None or value in members:
        return []
    return [Errors.E011.format(path=_format(path), code=value, valueset=valueset)]


def _each(path: Path, node: dict[str, Any], key: str, members: frozenset[str], name: str) -> list[str]:
    """Check ``node[key]``, a code or a list of codes."""
    value = node.get(key)
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _in((*path, key, i), item, members, name)]
    return _in((*path, key), value, members, name)


def _check_resource(path: Path, node: dict[str, Any], version: str) -> list[str]:
    kind = node.get("resourceType")
    if kind == "Bundle":
        return _each(path, node, "type", vs.BUNDLE_TYPES, "bundle-type")
    if kind == "MedicationRequest":
        return (
            _each(
                path,
                node,
                "status",
                vs.REQUEST_STATUSES[version],
                f"medicationrequest-status ({version})",
            )
            + _each(path, node, "intent", vs.INTENTS[version], f"medicationrequest-intent ({version})")
            + _each(path, node, "priority", vs.REQUEST_PRIORITIES, "request-priority")
        )
    if kind == "OperationOutcome":
        problems: list[str] = []
        for i, issue in enumerate(node.get("issue", [])):
            at = (*path, "issue", i)
            problems += _each(at, issue, "severity", vs.ISSUE_SEVERITIES[version], "issue-severity")
            problems += _each(at, issue, "code", vs.ISSUE_TYPES[version], "issue-type")
        return problems
    return []


def _check_repeat(path: Path, node: dict[str, Any], version: str) -> list[str]:
    if not path or path[-1] != "repeat":
        return []
    problems = _each(path, node, "when", vs.event_timing(version), f"EventTiming ({version})")
    for key in ("periodUnit", "durationUnit"):
        problems += _each(path, node, key, vs.units_of_time(), "units-of-time")
    problems += _each(path, node, "dayOfWeek", vs.days_of_week(), "days-of-week")
    for i, value in enumerate(node.get("timeOfDay", [])):
        if not (isinstance(value, str) and _TIME_OF_DAY.fullmatch(value)):
            at = _format((*path, "timeOfDay", i))
            problems.append(Errors.E012.format(path=at, value=value, kind="time (HH:MM:SS)"))
    return problems


def _check_coded(path: Path, node: dict[str, Any]) -> list[str]:
    """A Quantity or Coding: its code must be in the table its system and element call for."""
    system, code = node.get("system"), node.get("code")
    if code is None or not isinstance(code, str):
        return []
    if _is_time(path):
        return _in((*path, "code"), code, vs.units_of_time(), "units-of-time")
    if system == UCUM:
        return _in((*path, "code"), code, vs.ucum_units(), "UCUM units")
    if system == EDQM:
        kinds = _edqm_kinds(path, node)
        members = frozenset().union(*(vs.edqm_codes(kind) for kind in kinds))
        return _in((*path, "code"), code, members, " or ".join(_EDQM_NAMES[k] for k in kinds))
    return []


def _is_time(path: Path) -> bool:
    names = {part for part in path if isinstance(part, str)}
    in_period = "maxDosePerPeriod" in names and "denominator" in names
    return bool(names & _TIME_ELEMENTS) or in_period


def _edqm_kinds(path: Path, node: dict[str, Any]) -> tuple[str, ...]:
    names = {part for part in path if isinstance(part, str)}
    if "route" in names:
        return ("route",)
    if names & {"form", "doseForm"}:
        return ("form",)
    if "value" in node:  # a Quantity: its unit is a unit of presentation
        return ("unit",)
    return ("unit", "route", "form")
