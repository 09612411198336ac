"""``MedicationRequest`` (with its contained ``Medication``) from a typed Medication.

>>> from posology.dosage import Medication
>>> request = build_medication_request(Medication(name="Kardégic"), "R4")
>>> request["medicationReference"], request["contained"][0]["code"]
({'reference': '#med1'}, {'text': 'Kardégic'})
"""

from __future__ import annotations

from typing import Any

from posology.dosage import Medication, Quantity
from posology.fhir.datatypes import coding, compact, data_absent, duration_quantity, quantity, ratio
from posology.fhir.dosage import build_dosage

__all__ = ["CONTAINED_ID", "build_medication_request"]

CONTAINED_ID = "med1"  # one contained Medication per request, so the id never clashes


def build_medication_request(
    medication: Medication, fhir_version: str, subject: str | None = None, provenance: bool = False
) -> dict[str, Any]:
    """A MedicationRequest dict: status active, intent order, one Dosage per dosage value."""
    resource: dict[str, Any] = {
        "resourceType": "MedicationRequest",
        "contained": [_medication(medication, fhir_version)] if medication.name else None,
        "status": "active",
        "intent": "order",
        **_medication_element(medication, fhir_version),
        "subject": {"reference": subject} if subject else data_absent(),
        "dosageInstruction": [build_dosage(d, fhir_version, provenance) for d in medication.dosages],
        "dispenseRequest": _dispense(medication),
    }
    return compact(resource)


def _medication_element(medication: Medication, fhir_version: str) -> dict[str, Any]:
    """The reference to the contained Medication, or data-absent when no drug is named."""
    if fhir_version == "R5":
        if medication.name:
            return {"medication": {"reference": {"reference": f"#{CONTAINED_ID}"}}}
        return {"medication": {"concept": data_absent()}}
    if medication.name:
        return {"medicationReference": {"reference": f"#{CONTAINED_ID}"}}
    return {"medicationCodeableConcept": data_absent()}


def _medication(medication: Medication, fhir_version: str) -> dict[str, Any]:
    return {
        "resourceType": "Medication",
        "id": CONTAINED_ID,
        "code": {
            "coding": [coding(c) for c in medication.codings],
            "text": medication.name,
        },
        # R5 renamed Medication.form to doseForm.
        "doseForm" if fhir_version == "R5" else "form": (
            {"coding": [coding(medication.form)]} if medication.form else None
        ),
        "ingredient": [
            _ingredient(medication.name or "", s, fhir_version) for s in medication.strengths
        ],
    }


def _ingredient(name: str, strength: Quantity, fhir_version: str) -> dict[str, Any]:
    """One ingredient per strength; the item is the drug name (the substance is not known)."""
    amount = ratio(quantity(strength))
    if fhir_version == "R5":
        return {"item": {"concept": {"text": name}}, "strengthRatio": amount}
    return {"itemCodeableConcept": {"text": name}, "strength": amount}


def _dispense(medication: Medication) -> dict[str, Any] | None:
    supply = medication.supply
    return (
        compact(
            {
                "numberOfRepeatsAllowed": medication.refills,
                "expectedSupplyDuration": duration_quantity(supply.value, supply.unit)
                if supply
                else None,
            }
        )
        or None
    )
