"""``MedicationRequest`` (with its contained ``Medication``) from a typed Medication.

>>> from posology.dosage import Medication
>>> request = build_medication_request(Medication(name="Kardégic"), "R4")
>>> request["medicationReference"], request["contained"][0]["code"]
({'reference': '#med1'}, {'text': 'Kardégic'})
"""

from __future__ import annotations

from typing import Any

from posology.dosage import Medication, Quantity
from posology.fhir.datatypes import (
    coding,
    compact,
    data_absent,
    duration_quantity,
    strength_ratio,
)
from posology.fhir.dosage import build_dosage
from posology.fhir.substances import Substance, ingredients

__all__ = ["CONTAINED_ID", "build_medication_request", "subject_reference"]

CONTAINED_ID = "med1"  # one contained Medication per request, so the id never clashes


def build_medication_request(
    medication: Medication,
    fhir_version: str,
    subject: str | None = None,
    provenance: bool = False,
    *,
    resource_id: str | None = None,
    lang: str | None = None,
    review: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A MedicationRequest dict: intent order, the medication's status (``active`` unless the
    line stops or holds it), ``doNotPerform`` and ``priority`` when stated, one Dosage per
    dosage value. ``lang`` (``fr`` / ``en``) is the line's language: it is written as the
    resources' ``language`` and picks the code displays. ``review`` is the line's ``line-review``
    extension (``posology.fhir.outcome.line_review``)."""
    resource: dict[str, Any] = {
        "resourceType": "MedicationRequest",
        "id": resource_id,
        "language": lang,
        "extension": [review] if review else None,
        "contained": [_medication(medication, fhir_version, lang)] if medication.name else None,
        "status": medication.status,
        "intent": "order",
        "priority": medication.priority,
        "doNotPerform": True if medication.do_not_perform else None,
        **_medication_element(medication, fhir_version),
        "subject": subject_reference(subject),
        "dosageInstruction": [build_dosage(d, fhir_version, provenance, lang) for d in medication.dosages],
        "dispenseRequest": _dispense(medication),
    }
    return compact(resource, "dosageInstruction")  # build_dosage compacts each Dosage


def subject_reference(subject: str | None) -> dict[str, Any]:
    """The caller's patient reference (``Patient/42``, ``urn:uuid:…``, a conditional
    reference ``Patient?identifier=…``); only when none is given, the data-absent-reason
    extension (``subject`` is required by FHIR).

    >>> subject_reference("Patient/42"), subject_reference(None)["extension"][0]["valueCode"]
    ({'reference': 'Patient/42'}, 'unknown')
    """
    if isinstance(subject, str) and subject.strip():
        return {"reference": subject.strip()}
    return data_absent()


def _medication_element(medication: Medication, fhir_version: str) -> dict[str, Any]:
    """The reference to the contained Medication, or data-absent when no drug is named."""
    if fhir_version == "R5":
        if medication.name:
            return {"medication": {"reference": {"reference": f"#{CONTAINED_ID}"}}}
        return {"medication": {"concept": data_absent()}}
    if medication.name:
        return {"medicationReference": {"reference": f"#{CONTAINED_ID}"}}
    return {"medicationCodeableConcept": data_absent()}


def _medication(medication: Medication, fhir_version: str, lang: str | None) -> dict[str, Any]:
    return {
        "resourceType": "Medication",
        "id": CONTAINED_ID,
        "language": lang,
        "code": {
            "coding": [coding(c, lang) for c in medication.codings],
            "text": medication.name,
        },
        # R5 renamed Medication.form to doseForm.
        "doseForm" if fhir_version == "R5" else "form": (
            {"coding": [coding(medication.form, lang)]} if medication.form else None
        ),
        "ingredient": [
            _ingredient(medication.name or "", substance, strength, fhir_version, lang)
            for substance, strength in ingredients(medication.strengths, medication.codings)
        ],
    }


def _ingredient(
    name: str,
    substance: Substance | None,
    strength: Quantity | None,
    fhir_version: str,
    lang: str | None,
) -> dict[str, Any]:
    """One ingredient: the substance when the drug database knows it (coded, ``isActive``),
    else the drug name as written; its strength when the line gives one."""
    if substance is not None:
        item: dict[str, Any] = {
            "coding": [{"system": substance.system, "code": substance.code, "display": substance.name}],
            "text": substance.name,
        }
    else:
        item = {"text": name}
    amount = strength_ratio(strength, lang) if strength is not None else None
    active = True if substance is not None else None
    if fhir_version == "R5":
        return {"item": {"concept": item}, "isActive": active, "strengthRatio": amount}
    return {"itemCodeableConcept": item, "isActive": active, "strength": amount}


def _dispense(medication: Medication) -> dict[str, Any] | None:
    supply = medication.supply
    return (
        compact(
            {
                "numberOfRepeatsAllowed": medication.refills,
                "expectedSupplyDuration": duration_quantity(supply.value, supply.unit) if supply else None,
            }
        )
        or None
    )
