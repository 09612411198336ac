"""The FHIR layer: the only part of posology that imports ``fhir.resources`` (lazily).

Typed values of :mod:`posology.dosage` become a FHIR ``Bundle`` (R4 by default, R5 on
request), shaped as ``spec/CONVENTIONS.md`` says, validated before it is returned (pydantic
models, code bindings, FHIR invariants). ``docs/fhir.md`` describes the output.

>>> from posology.dosage import Prescription
>>> build_bundle(Prescription("rien"), fhir_version="R5")["type"]
'collection'
"""

from __future__ import annotations

from posology.fhir.bundle import build_bundle, shape_checks, to_model
from posology.fhir.codes import check_codes
from posology.fhir.ids import full_url, new_id, without_ids
from posology.fhir.invariants import INVARIANTS, check_invariants
from posology.fhir.outcome import operation_outcome
from posology.fhir.urls import CANONICAL_BASE, DATA_ABSENT_REASON, EXTENSIONS, FIELD_SOURCE, TEXT_OFFSETS
from posology.fhir.versions import FHIR_VERSIONS

__all__ = [
    "CANONICAL_BASE",
    "DATA_ABSENT_REASON",
    "EXTENSIONS",
    "FHIR_VERSIONS",
    "FIELD_SOURCE",
    "INVARIANTS",
    "TEXT_OFFSETS",
    "build_bundle",
    "check_codes",
    "check_invariants",
    "full_url",
    "new_id",
    "operation_outcome",
    "shape_checks",
    "to_model",
    "without_ids",
]
