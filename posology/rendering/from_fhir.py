"""FHIR JSON (R4 or R5, from any producer) → the typed values the sentences are made from.

Only FHIR elements are read, never posology's own extensions, so a MedicationRequest written
by another system renders too. R4 and R5 differ in as-needed (``asNeededBoolean`` /
``asNeededCodeableConcept`` vs ``asNeeded`` / ``asNeededFor``), ``maxDosePerPeriod`` (one Ratio
vs a list), the medication (``medicationReference`` / ``medicationCodeableConcept`` vs
``medication.reference`` / ``medication.concept``) and the strength (``strength`` vs
``strengthRatio`` / ``strengthQuantity``). A ``timing.code`` (``BID``) stands for the
frequency when ``repeat`` gives none; ``site`` and ``method`` texts are kept as instructions.

>>> dosage = dosage_from_fhir({"timing": {"code": {"coding": [{"code": "BID"}]}},
...     "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}]})
>>> dosage.dose.low.unit, dosage.timing.frequency, dosage.timing.period_unit
('tablet', 2, 'd')
"""

from __future__ import annotations

from typing import Any

from posology.dosage import Coding, Dosage, Dose, Duration, MaxDose, Medication, Prescription, Quantity, Timing
from posology.rendering.keys import unit_key

__all__ = ["dosage_from_fhir", "medication_from_fhir", "prescription_from_fhir"]

Json = dict[str, Any]
# HL7 v3 GTSAbbreviation timing codes → (frequency, period, unit) or a when code.
_TIMING_CODES: dict[str, tuple[int, float, str]] = {
    "QD": (1, 1, "d"), "BID": (2, 1, "d"), "TID": (3, 1, "d"), "QID": (4, 1, "d"),
    "QOD": (1, 2, "d"), "Q1H": (1, 1, "h"), "Q2H": (1, 2, "h"), "Q3H": (1, 3, "h"),
    "Q4H": (1, 4, "h"), "Q6H": (1, 6, "h"), "Q8H": (1, 8, "h"), "WK": (1, 1, "wk"),
    "MO": (1, 1, "mo"),
}  # fmt: skip
_TIMING_WHEN = {"AM": "MORN", "PM": "AFT"}


def _number(value: Any) -> float | int | None:
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _quantity(node: Json | None) -> Quantity | None:
    value = _number(node.get("value")) if node else None
    if not node or value is None:
        return None
    system, code, unit = node.get("system"), node.get("code"), node.get("unit")
    return Quantity(value, unit_key(system, code, unit), system, code, unit)


def _duration(node: Json | None) -> Duration | None:
    value = _number(node.get("value")) if node else None
    if not node or value is None:
        return None
    return Duration(value, node.get("code") or node.get("unit") or "")


def _concept_text(concept: Json | None) -> str | None:
    """``text``, else the first coding's display (or code); None for a data-absent concept."""
    if not concept:
        return None
    if concept.get("text"):
        return concept["text"]
    for coding in concept.get("coding") or []:
        if coding.get("display") or coding.get("code"):
            return coding.get("display") or coding.get("code")
    return None


def _timing(timing: Json | None) -> Timing:
    repeat = (timing or {}).get("repeat") or {}
    bounds = None
    if duration := _duration(repeat.get("boundsDuration")):
        bounds = duration
    elif ranged := repeat.get("boundsRange"):
        low, high = _duration(ranged.get("low")), _duration(ranged.get("high"))
        if low and high:
            bounds = Duration(low.value, low.unit or high.unit, high.value)
    frequency, period, unit = repeat.get("frequency"), repeat.get("period"), repeat.get("periodUnit")
    when = tuple(repeat.get("when") or ())
    codes = [c.get("code") for c in ((timing or {}).get("code") or {}).get("coding") or []]
    for code in codes:
        if frequency is None and period is None and code in _TIMING_CODES:
            frequency, period, unit = _TIMING_CODES[code]
        elif not when and code in _TIMING_WHEN:
            when = (_TIMING_WHEN[code],)
    return Timing(
        frequency=frequency,
        frequency_max=repeat.get("frequencyMax"),
        period=_number(period),
        period_max=_number(repeat.get("periodMax")),
        period_unit=unit,
        when=when,
        offset=repeat.get("offset"),
        time_of_day=tuple(repeat.get("timeOfDay") or ()),
        day_of_week=tuple(repeat.get("dayOfWeek") or ()),
        bounds=bounds,
        count=repeat.get("count"),
    )


def _dose(dosage: Json) -> Dose | None:
    for entry in dosage.get("doseAndRate") or []:
        if low := _quantity(entry.get("doseQuantity")):
            return Dose(low)
        ranged = entry.get("doseRange") or {}
        low, high = _quantity(ranged.get("low")), _quantity(ranged.get("high"))
        if low is not None:
            return Dose(low, high)
        if high is not None:
            return Dose(high)
    return None


def _as_needed(dosage: Json) -> tuple[bool, str | None]:
    reasons = [dosage.get("asNeededCodeableConcept"), *(dosage.get("asNeededFor") or [])]
    reason = next((text for r in reasons if (text := _concept_text(r))), None)
    flag = bool(dosage.get("asNeededBoolean") or dosage.get("asNeeded") or reason)
    return flag, reason


def _max_per_period(dosage: Json) -> MaxDose | None:
    ratio = dosage.get("maxDosePerPeriod")
    if isinstance(ratio, list):  # R5: 0..*
        ratio = ratio[0] if ratio else None
    quantity = _quantity((ratio or {}).get("numerator"))
    per = _duration((ratio or {}).get("denominator"))
    return MaxDose(quantity, per) if quantity and per else None


def _route(dosage: Json) -> Coding | None:
    route = dosage.get("route") or {}
    for coding in route.get("coding") or []:
        if coding.get("code"):
            return Coding(coding.get("system") or "", coding["code"], coding.get("display") or route.get("text"))
    return Coding("", "", route["text"]) if route.get("text") else None


def dosage_from_fhir(dosage: Json) -> Dosage:
    """A FHIR Dosage dict as a typed Dosage (offsets 0, sources empty)."""
    as_needed, reason = _as_needed(dosage)
    texts = [_concept_text(c) for c in dosage.get("additionalInstruction") or []]
    texts += [_concept_text(dosage.get(key)) for key in ("site", "method")]
    return Dosage(
        text=dosage.get("text") or "",
        start=0,
        end=0,
        sequence=dosage.get("sequence") or 1,
        dose=_dose(dosage),
        timing=_timing(dosage.get("timing")),
        as_needed=as_needed,
        as_needed_reason=reason,
        route=_route(dosage),
        max_per_period=_max_per_period(dosage),
        max_per_administration=_quantity(dosage.get("maxDosePerAdministration")),
        additional_instructions=tuple(text for text in texts if text),
    )


def _referenced(request: Json, resources: dict[str, Json]) -> Json | None:
    """The Medication a request points at: contained (``#id``), a fullUrl or ``Medication/id``."""
    reference = request.get("medicationReference") or (request.get("medication") or {}).get("reference")
    target = (reference or {}).get("reference") or ""
    if target.startswith("#"):
        return next((c for c in request.get("contained") or [] if c.get("id") == target[1:]), None)
    return resources.get(target)


def _strengths(medication: Json | None) -> tuple[Quantity, ...]:
    out = []
    for ingredient in (medication or {}).get("ingredient") or []:
        ratio = ingredient.get("strength") or ingredient.get("strengthRatio") or {}
        quantity = _quantity(ratio.get("numerator") or ingredient.get("strengthQuantity"))
        if quantity:
            out.append(quantity)
    return tuple(out)


def medication_from_fhir(request: Json, resources: dict[str, Json] | None = None) -> Medication:
    """A MedicationRequest dict as a typed Medication; ``resources`` resolves references to
    Medications outside it (fullUrl or ``Medication/id`` → resource)."""
    medication = _referenced(request, resources or {})
    reference = request.get("medicationReference") or (request.get("medication") or {}).get("reference")
    concept = request.get("medicationCodeableConcept") or (request.get("medication") or {}).get("concept")
    name = _concept_text((medication or {}).get("code")) or _concept_text(concept)
    name = name or (reference or {}).get("display")
    dispense = request.get("dispenseRequest") or {}
    return Medication(
        name=name,
        strengths=_strengths(medication),
        dosages=tuple(dosage_from_fhir(d) for d in request.get("dosageInstruction") or []),
        refills=dispense.get("numberOfRepeatsAllowed"),
        supply=_duration(dispense.get("expectedSupplyDuration")),
        status=request.get("status") or "active",
        do_not_perform=request.get("doNotPerform") is True,
        priority=request.get("priority"),
    )


def resources_by_reference(bundle: Json) -> dict[str, Json]:
    """Every resource of a Bundle under its fullUrl and its ``Type/id``."""
    out: dict[str, Json] = {}
    for entry in bundle.get("entry") or []:
        resource = entry.get("resource") or {}
        if entry.get("fullUrl"):
            out[entry["fullUrl"]] = resource
        if resource.get("id"):
            out[f"{resource.get('resourceType')}/{resource['id']}"] = resource
    return out


def prescription_from_fhir(bundle: Json) -> Prescription:
    """Every MedicationRequest of a Bundle, in entry order."""
    resources = resources_by_reference(bundle)
    requests = [
        entry.get("resource") or {}
        for entry in bundle.get("entry") or []
        if (entry.get("resource") or {}).get("resourceType") == "MedicationRequest"
    ]
    return Prescription("", tuple(medication_from_fhir(r, resources) for r in requests))
