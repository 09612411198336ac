"""The elements of a FHIR Bundle as the invariants see them (:mod:`posology.fhir.invariants`):
each dict or list with its path, the FHIR types it is an instance of, its resource and its
entry's resource. The types come from the element names posology writes (``doseRange`` is a
``Range``, ``repeat`` a ``Timing.repeat`` …), not from a StructureDefinition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Json", "Node", "Path", "elements_named", "format_path", "nodes"]

Json = dict[str, Any]
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Node:
    """One element of a Bundle: its path, its value, the FHIR types it is an instance of, the
    resource it belongs to (``%resource``) and the entry resource (``%rootResource``)."""

    path: Path
    value: Any
    types: frozenset[str]
    resource: Json
    root: Json
    bundle: Json


_TYPES_BY_ELEMENT: dict[str, tuple[str, ...]] = {
    "repeat": ("Timing.repeat",),
    "doseRange": ("Range",),
    "boundsRange": ("Range",),
    "doseQuantity": ("Quantity", "SimpleQuantity", "Dose"),
    "maxDosePerAdministration": ("Quantity", "SimpleQuantity", "Dose"),
    "numerator": ("Quantity", "Positive"),
    "denominator": ("Quantity", "Positive"),
    "boundsDuration": ("Quantity", "Duration", "Positive"),
    "expectedSupplyDuration": ("Quantity", "Duration", "Positive"),
    "strength": ("Ratio",),
    "strengthRatio": ("Ratio",),
    "maxDosePerPeriod": ("Ratio",),
    "extension": ("Extension",),
    "subject": ("Reference",),
    "medicationReference": ("Reference",),
    "coding": ("Coding",),
    "dosageInstruction": ("Dosage",),
    "entry": ("Bundle.entry",),
    "issue": ("OperationOutcome.issue",),
}
# Range bounds: SimpleQuantity in R4, Quantity in R5 (no comparator is written in either).
_RANGE_BOUND_TYPES = ("Quantity", "SimpleQuantity", "Positive")


def nodes(bundle: Json) -> Iterator[Node]:
    """Every element of ``bundle`` (dicts, and the items of lists), with its FHIR types."""
    yield from _walk(bundle, ("Bundle",), frozenset({"Resource", "Bundle"}), bundle, bundle, bundle)


def _walk(value: Any, path: Path, types: frozenset[str], resource: Json, root: Json, bundle: Json) -> Iterator[Node]:
    """The dicts (elements) and lists under ``value``; primitives are checked by their parent."""
    if not isinstance(value, dict):
        return
    if "resourceType" in value:
        resource = value
        if path[-1] in ("resource", "Bundle"):  # an entry's resource (or the Bundle): the root
            root = value
        kind = value["resourceType"]
        types |= {"Resource", kind} | ({"DomainResource"} if kind != "Bundle" else set())
    yield Node(path, value, types | {"Element"}, resource, root, bundle)
    for key, child in value.items():
        child_types = _child_types(key, child, types)
        if isinstance(child, list):
            yield Node((*path, key), child, frozenset({"Element"}), resource, root, bundle)
            for index, item in enumerate(child):
                yield from _walk(item, (*path, key, index), child_types, resource, root, bundle)
        else:
            yield from _walk(child, (*path, key), child_types, resource, root, bundle)


def elements_named(bundle: Json, contexts: frozenset[str]) -> Iterator[Node]:
    """The elements of the given types, found by element name alone (a quick walk for the
    invariants run on every Bundle: ``Range`` and ``Timing.repeat`` are named ``doseRange``,
    ``boundsRange``, ``repeat``)."""
    names = _names_of(contexts)
    stack: list[tuple[Path, Any]] = [(("Bundle",), bundle)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if key in names and isinstance(child, dict):
                    yield Node((*path, key), child, names[key], bundle, bundle, bundle)
                if isinstance(child, (dict, list)):
                    stack.append(((*path, key), child))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))


@lru_cache(maxsize=64)
def _names_of(contexts: frozenset[str]) -> dict[str, frozenset[str]]:
    """The element names of the given types, with each name's types (worked out once per set)."""
    names = {name: frozenset(types) for name, types in _TYPES_BY_ELEMENT.items() if contexts & set(types)}
    assert contexts <= {t for types in names.values() for t in types}, contexts  # all found by name
    return names


def _child_types(key: str, child: Any, parent: frozenset[str]) -> frozenset[str]:
    if key in ("low", "high") and "Range" in parent:
        return frozenset(_RANGE_BOUND_TYPES)
    if key == "reference" and isinstance(child, dict):  # R5 CodeableReference.reference
        return frozenset({"Reference"})
    return frozenset(_TYPES_BY_ELEMENT.get(key, ()))


def format_path(path: Path) -> str:
    """``Bundle.entry[0].resource`` from ``("Bundle", "entry", 0, "resource")``."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)[1:]
