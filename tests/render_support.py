"""Helpers of the rendering tests: typed values with their codes, and the round-trip check.

The round trip is: render typed values (or a StructureResult) → structure the sentence →
read both Bundles back into the gold field form (``benchmarks.fhir_fields``) and compare them
as the benchmark scores (``benchmarks.scoring``: 1 g = 1000 mg, Dosages matched by best
assignment), plus what the gold form leaves out but the renderer writes: the order's status,
``doNotPerform``, ``priority`` and ``maxDosePerAdministration``.
"""

from __future__ import annotations

from typing import Any

import posology
from benchmarks.fhir_fields import default_codebook, read_bundle
from benchmarks.scoring import score_case
from posology.dosage import EDQM, UCUM, Coding, Prescription, Quantity
from posology.fhir import build_bundle
from posology.resources import table_by_key

Json = dict[str, Any]


def quantity(value: float, unit: str | None) -> Quantity:
    """A Quantity with the code the engine writes for ``unit`` (a gold unit key), as it builds it."""
    if unit is None:
        return Quantity(value)
    for table, system in (("edqm/units_of_presentation.csv", EDQM), ("ucum/units.csv", UCUM)):
        row = table_by_key(table).get(unit)
        if row:
            return Quantity(value, unit, system, row["code"], row.get("display_fr") or row.get("display"))
    raise KeyError(unit)


def route(key: str) -> Coding:
    row = table_by_key("edqm/routes.csv")[key]
    return Coding(EDQM, row["code"], row["display_fr"])


def bundle_of(medications) -> Json:
    """The Bundle the FHIR layer writes for typed medications (what a rendering must give back)."""
    return build_bundle(Prescription("", tuple(medications)))


def _extras(bundle: Json) -> list[Json]:
    """Per MedicationRequest: what the gold form does not hold but a rendering states."""
    units = default_codebook().units
    out = []
    for entry in bundle.get("entry") or []:
        request = entry["resource"]
        if request["resourceType"] != "MedicationRequest":
            continue
        per_dose = sorted(
            (d["maxDosePerAdministration"].get("value"), units.get(d["maxDosePerAdministration"].get("code")))
            for d in request.get("dosageInstruction") or []
            if d.get("maxDosePerAdministration")
        )
        out.append(
            {
                "status": request.get("status"),
                "doNotPerform": request.get("doNotPerform", False),
                "priority": request.get("priority"),
                "maxDosePerAdministration": sorted(set(per_dose)),
            }
        )
    return out


_structured: dict[str, Json] = {}


def structure(text: str) -> Json:
    """The Bundle of ``text`` (memoised: many renderings repeat)."""
    if text not in _structured:
        _structured[text] = posology.structure(text).bundle_dict
    return _structured[text]


def review_flags(bundle: Json) -> list[str]:
    """The review flags of a Bundle's OperationOutcome (CONVENTIONS §8: warnings, W005 aside)."""
    from posology.review import is_review_flag

    return [
        issue.get("diagnostics", "")
        for entry in bundle.get("entry") or []
        if entry["resource"]["resourceType"] == "OperationOutcome"
        for issue in entry["resource"].get("issue") or []
        if is_review_flag(issue.get("severity", ""), issue.get("diagnostics", ""))
    ]


def round_trip_problems(expected: Json, text: str) -> list[str]:
    """How the Bundle of ``text`` differs from ``expected``, field by field (empty: the same)."""
    try:
        got = structure(text)
    except Exception as error:  # noqa: BLE001 - a failure of the engine is a failed round trip
        return [f"structure() raised {type(error).__name__}: {error}"]
    want, have = read_bundle(expected), read_bundle(got)
    line = score_case({"id": "-", "lang": "-", "text": text, "meds": want.meds}, have.meds)
    problems = [f"{c.path}: rendered {c.gold!r}, read back {c.predicted!r}" for c in line.wrong]
    for index, (a, b) in enumerate(zip(_extras(expected), _extras(got), strict=False)):
        problems += [f"meds[{index}].{key}: rendered {a[key]!r}, read back {b[key]!r}" for key in a if a[key] != b[key]]
    return problems
