"""The FHIR resources that describe the service: its CapabilityStatement (``GET /metadata``)
and the OperationDefinition of ``MedicationRequest/$structure``.

Plain dicts (FHIR R4, 4.0.1); the tests validate them with fhir.resources.

>>> capability_statement("http://localhost:8000")["rest"][0]["resource"][0]["operation"][0]["definition"]
'http://localhost:8000/OperationDefinition/MedicationRequest-structure'
"""

from __future__ import annotations

from typing import Any

import posology

OPERATION_ID = "structure"
RELEASE_DATE = "2026-04-01"


def operation_url(base: str) -> str:
    return f"{base}/OperationDefinition/MedicationRequest-{OPERATION_ID}"


def capability_statement(base: str) -> dict[str, Any]:
    """What this server does: one type-level operation on MedicationRequest, JSON only."""
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": RELEASE_DATE,
        "kind": "instance",
        "software": {"name": "posology", "version": posology.__version__},
        "implementation": {"description": "posology: free-text prescriptions to FHIR", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "POST /structure (plain JSON) does the same for one text or a list of texts.",
                "resource": [
                    {
                        "type": "MedicationRequest",
                        "operation": [{"name": OPERATION_ID, "definition": operation_url(base)}],
                    }
                ],
                "operation": [{"name": OPERATION_ID, "definition": operation_url(base)}],
            }
        ],
    }


def _parameter(name: str, use: str, low: int, kind: str, documentation: str) -> dict[str, Any]:
    return {"name": name, "use": use, "min": low, "max": "1", "type": kind, "documentation": documentation}


def operation_definition(base: str) -> dict[str, Any]:
    """``MedicationRequest/$structure``: a text in, a Bundle of MedicationRequests out."""
    return {
        "resourceType": "OperationDefinition",
        "id": f"MedicationRequest-{OPERATION_ID}",
        "url": operation_url(base),
        "name": "StructurePrescription",
        "title": "Structure a free-text prescription",
        "status": "active",
        "kind": "operation",
        "date": RELEASE_DATE,
        "description": "Reads a free-text prescription line (French, English) and returns a Bundle of "
        "MedicationRequests with structured Dosages, and an OperationOutcome for what was "
        "not understood.",
        "affectsState": False,
        "code": OPERATION_ID,
        "resource": ["MedicationRequest"],
        "system": False,
        "type": True,
        "instance": False,
        "parameter": [
            _parameter("text", "in", 1, "string", "The prescription text (at most 10,000 characters)."),
            _parameter("subject", "in", 0, "Reference", "The patient (valueReference or valueString)."),
            _parameter("fhirVersion", "in", 0, "code", "R4 (default) or R5: the FHIR version of the Bundle."),
            _parameter("engine", "in", 0, "code", "rules, ner or hybrid (the server's default when absent)."),
            _parameter("return", "out", 1, "Bundle", "The MedicationRequests, then an OperationOutcome."),
        ],
    }
