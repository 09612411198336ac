"""The Bundle of one Prescription, validated at one boundary.

The dicts are built by hand (plain JSON, ints where integral) and then validated with the
``fhir.resources`` model of the version (R4 → ``R4B`` models), with :func:`check_codes` and
with the FHIR invariants (:mod:`posology.fhir.invariants`), memoised by shape (see
``posology.fhir.validation``). ``fhir.resources`` is imported lazily so that
``import posology`` stays light.

>>> from posology.dosage import Prescription
>>> sorted(build_bundle(Prescription("rien")))
['id', 'resourceType', 'type']
"""

from __future__ import annotations

from typing import Any

from posology.dosage import Prescription
from posology.errors import Errors, FHIRValidationError
from posology.fhir.codes import check_codes
from posology.fhir.displays import line_language
from posology.fhir.ids import full_url
from posology.fhir.invariants import check_invariants
from posology.fhir.medication import build_medication_request
from posology.fhir.outcome import line_review, operation_outcome
from posology.fhir.uuids import new_ids
from posology.fhir.validation import model_class, validate_model
from posology.fhir.versions import fhir_version_key

__all__ = ["build_bundle", "shape_checks", "to_model"]


def build_bundle(
    prescription: Prescription,
    *,
    fhir_version: str = "R4",
    subject: str | None = None,
    provenance: bool = False,
    lang: str | None = None,
) -> dict[str, Any]:
    """The Bundle (``type: collection``) of ``prescription`` as a JSON-ready dict.

    One MedicationRequest per medication, in order, then one OperationOutcome when the
    prescription has issues; every resource has a new random ``id`` and its entry the
    ``fullUrl`` ``urn:uuid:<id>`` (:mod:`posology.fhir.ids`). ``subject`` is the caller's
    patient reference (``Patient/42``); without one, each request's ``subject`` carries the
    data-absent-reason extension. ``lang`` (else ``prescription.lang``) is the line's
    language, ``fr`` or ``en``: the requests' ``language`` and the language of the code
    displays (none when unknown). Raises :class:`FHIRValidationError` when the result does
    not validate: that is a bug of posology, never of the input.

    >>> from posology.dosage import Medication, Prescription
    >>> bundle = build_bundle(Prescription("Doliprane", (Medication(name="Doliprane"),)))
    >>> bundle["entry"][0]["resource"]["medicationReference"]
    {'reference': '#med1'}
    >>> bundle["entry"][0]["fullUrl"] == "urn:uuid:" + bundle["entry"][0]["resource"]["id"]
    True
    """
    version = fhir_version_key(fhir_version)
    bundle = _assemble(prescription, version, subject, provenance, lang)
    _validate(bundle, version)
    return bundle


def _assemble(
    prescription: Prescription, version: str, subject: str | None, provenance: bool, lang: str | None
) -> dict[str, Any]:
    """The Bundle dict, not yet validated."""
    language = line_language(lang if lang is not None else prescription.lang)
    review = line_review(prescription.issues)
    # the ids of the requests, of the OperationOutcome when there are issues, of the Bundle
    ids = iter(new_ids(len(prescription.medications) + bool(prescription.issues) + 1))
    resources = [
        build_medication_request(
            medication, version, subject, provenance, resource_id=next(ids), lang=language, review=review
        )
        for medication in prescription.medications
    ]
    if prescription.issues:
        resources.append(operation_outcome(prescription.issues, resource_id=next(ids)))
    bundle: dict[str, Any] = {"resourceType": "Bundle", "id": next(ids), "type": "collection"}
    if resources:
        bundle["entry"] = [{"fullUrl": full_url(resource["id"]), "resource": resource} for resource in resources]
    return bundle


def to_model(bundle: dict[str, Any], fhir_version: str) -> Any:
    """The ``fhir.resources`` Bundle model of ``bundle`` (pydantic ``model_validate``).

    >>> to_model({"resourceType": "Bundle", "type": "collection"}, "R5").type
    'collection'
    """
    return model_class(fhir_version_key(fhir_version)).model_validate(bundle)


def shape_checks(bundle: dict[str, Any], fhir_version: str) -> list[str]:
    """The checks whose verdict depends only on the Bundle's shape, memoised with it: code
    bindings and the invariants that compare no two values."""
    return check_codes(bundle, fhir_version) + check_invariants(bundle, fhir_version, by_shape=True)


def _validate(bundle: dict[str, Any], version: str) -> None:
    try:
        problems = validate_model(bundle, version, shape_checks)  # memoised by shape
        problems += check_invariants(bundle, version, by_shape=False)  # every Bundle
    except Exception as error:  # any failure here is an invalid resource built by posology
        raise FHIRValidationError(Errors.E009.format(detail=error)) from error
    if problems:
        raise FHIRValidationError(Errors.E009.format(detail="; ".join(problems)))
