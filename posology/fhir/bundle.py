"""The Bundle of one Prescription, validated at one boundary.

The dicts are built by hand (plain JSON, ints where integral) and then validated with the
``fhir.resources`` model of the version (R4 → ``R4B`` models, memoised by shape: see
``posology.fhir.validation``) and with :func:`check_codes`.
``fhir.resources`` is imported lazily so that ``import posology`` stays light.

>>> from posology.dosage import Prescription
>>> build_bundle(Prescription("rien"))
{'resourceType': 'Bundle', 'type': 'collection'}
"""

from __future__ import annotations

import uuid
from typing import Any

from posology.dosage import Prescription
from posology.errors import Errors, FHIRValidationError
from posology.fhir.codes import check_codes
from posology.fhir.medication import build_medication_request
from posology.fhir.outcome import operation_outcome
from posology.fhir.urls import FULL_URL_NAMESPACE
from posology.fhir.validation import model_class, validate_model
from posology.fhir.versions import fhir_version_key

__all__ = ["build_bundle", "full_url", "to_model"]


def build_bundle(
    prescription: Prescription,
    *,
    fhir_version: str = "R4",
    subject: str | None = None,
    provenance: bool = False,
) -> dict[str, Any]:
    """The Bundle (``type: collection``) of ``prescription`` as a JSON-ready dict.

    One MedicationRequest per medication, in order, then one OperationOutcome when the
    prescription has issues. Raises :class:`FHIRValidationError` when the result does not
    validate: that is a bug of posology, never of the input.

    >>> from posology.dosage import Medication, Prescription
    >>> bundle = build_bundle(Prescription("Doliprane", (Medication(name="Doliprane"),)))
    >>> bundle["entry"][0]["resource"]["medicationReference"]
    {'reference': '#med1'}
    """
    version = fhir_version_key(fhir_version)
    resources = [
        build_medication_request(m, version, subject, provenance) for m in prescription.medications
    ]
    if prescription.issues:
        resources.append(operation_outcome(prescription.issues))
    entries = [
        {"fullUrl": full_url(prescription.text, index), "resource": resource}
        for index, resource in enumerate(resources)
    ]
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "collection"}
    if entries:
        bundle["entry"] = entries
    _validate(bundle, version)
    return bundle


def full_url(text: str, index: int) -> str:
    """A deterministic ``urn:uuid:`` for entry ``index`` of the Bundle of ``text``.

    >>> full_url("1 cp le matin", 0) == full_url("1 cp le matin", 0)
    True
    """
    return f"urn:uuid:{uuid.uuid5(FULL_URL_NAMESPACE, f'{index}:{text}')}"


def to_model(bundle: dict[str, Any], fhir_version: str) -> Any:
    """The ``fhir.resources`` Bundle model of ``bundle`` (pydantic ``model_validate``).

    >>> to_model({"resourceType": "Bundle", "type": "collection"}, "R5").type
    'collection'
    """
    return model_class(fhir_version_key(fhir_version)).model_validate(bundle)


def _validate(bundle: dict[str, Any], version: str) -> None:
    try:
        problems = validate_model(bundle, version, check_codes)  # memoised by shape
    except Exception as error:  # any failure here is an invalid resource built by posology
        raise FHIRValidationError(Errors.E009.format(detail=error)) from error
    if problems:
        raise FHIRValidationError(Errors.E009.format(detail="; ".join(problems)))
