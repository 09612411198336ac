"""``Dosage`` (one ``dosageInstruction``) from a typed :class:`posology.dosage.Dosage`.

R4 and R5 differ only in as-needed (``asNeededBoolean`` / ``asNeededCodeableConcept`` vs
``asNeeded`` + ``asNeededFor``) and in ``maxDosePerPeriod`` (one Ratio vs a list).

>>> from posology.dosage import Dosage, Dose, Quantity, Timing
>>> build_dosage(Dosage("1 cp le matin", 0, 13, dose=Dose(Quantity(1)),
...                     timing=Timing(when=("MORN",))), "R4")
{'sequence': 1, 'text': '1 cp le matin', 'timing': {'repeat': {'when': ['MORN']}}, 'doseAndRate': [{'doseQuantity': {'value': 1}}]}
"""

from __future__ import annotations

from typing import Any

from posology.dosage import Dosage, Dose, FieldSource, MaxDose, Timing
from posology.fhir.datatypes import (
    coding,
    compact,
    duration_quantity,
    number,
    quantity,
    ratio,
    time_range_or_duration,
)
from posology.fhir.urls import FIELD_SOURCE

__all__ = ["build_dosage", "build_timing"]


def build_dosage(
    dosage: Dosage, fhir_version: str, provenance: bool = False, lang: str | None = None
) -> dict[str, Any]:
    """One FHIR Dosage dict, keys in FHIR element order, only the stated fields.

    ``text`` is the source span of the Dosage; code displays are in the line's language
    ``lang`` (none when it is not known, see :mod:`posology.fhir.displays`).

    With ``provenance``, the field sources (offsets, rule / NER / linker, confidence) go into
    an extension; off by default because it triples the validation cost of a Bundle, and the
    same sources are in the typed values (``StructureResult.prescription``).
    """
    max_per_period = _max_per_period(dosage.max_per_period, fhir_version, lang)
    resource: dict[str, Any] = {
        "extension": [_field_sources(dosage.sources)] if provenance and dosage.sources else None,
        "sequence": dosage.sequence,
        "text": dosage.text,
        "additionalInstruction": [{"text": text} for text in dosage.additional_instructions],
        "timing": build_timing(dosage.timing),
        **_as_needed(dosage, fhir_version),
        "route": {"coding": [coding(dosage.route, lang)]} if dosage.route else None,
        "doseAndRate": [_dose(dosage.dose, lang)] if dosage.dose else None,
        "maxDosePerPeriod": max_per_period,
        "maxDosePerAdministration": (
            quantity(dosage.max_per_administration, lang) if dosage.max_per_administration else None
        ),
    }
    return compact(resource)


def build_timing(timing: Timing) -> dict[str, Any] | None:
    """``{"repeat": {...}}`` with only the stated fields; ``None`` when nothing is stated."""
    if timing.is_empty():
        return None
    repeat: dict[str, Any] = {}
    if timing.bounds is not None:
        key, value = time_range_or_duration(timing.bounds)
        repeat[key] = value
    repeat |= {
        "count": timing.count,
        "frequency": timing.frequency,
        "frequencyMax": timing.frequency_max,
        "period": _optional_number(timing.period),
        "periodMax": _optional_number(timing.period_max),
        "periodUnit": timing.period_unit,
        "dayOfWeek": list(timing.day_of_week),
        "timeOfDay": list(timing.time_of_day),
        "when": list(timing.when),  # order as given: it is the order of the text
        "offset": timing.offset,
    }
    return compact({"repeat": repeat}) or None


def _optional_number(value: float | None) -> float | int | None:
    return None if value is None else number(value)


def _as_needed(dosage: Dosage, fhir_version: str) -> dict[str, Any]:
    if not dosage.as_needed and dosage.as_needed_reason is None:
        return {}
    reason = {"text": dosage.as_needed_reason} if dosage.as_needed_reason else None
    if fhir_version == "R5":
        return {"asNeeded": True, "asNeededFor": [reason] if reason else None}
    if reason:
        return {"asNeededCodeableConcept": reason}
    return {"asNeededBoolean": True}


def _dose(dose: Dose, lang: str | None) -> dict[str, Any]:
    if dose.high is None:
        return {"doseQuantity": quantity(dose.low, lang)}
    return {"doseRange": {"low": quantity(dose.low, lang), "high": quantity(dose.high, lang)}}


def _max_per_period(value: MaxDose | None, fhir_version: str, lang: str | None) -> Any:
    if value is None:
        return None
    per = duration_quantity(value.per.value, value.per.unit)
    result = ratio(quantity(value.quantity, lang), per)
    return [result] if fhir_version == "R5" else result


def _field_sources(sources: tuple[FieldSource, ...]) -> dict[str, Any]:
    """One extension; its sub-extensions come in groups of five, one group per FieldSource."""
    parts: list[dict[str, Any]] = []
    for source in sources:
        parts += [
            {"url": "field", "valueString": source.field},
            {"url": "start", "valueInteger": source.start},
            {"url": "end", "valueInteger": source.end},
            {"url": "source", "valueString": source.source},
            {"url": "confidence", "valueDecimal": number(source.confidence)},
        ]
    return {"url": FIELD_SOURCE, "extension": parts}
