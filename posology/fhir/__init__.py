"""The FHIR layer: the only part of posology that imports ``fhir.resources`` (lazily).

Typed values of :mod:`posology.dosage` become a FHIR ``Bundle`` (R4 by default, R5 on
request), shaped as ``spec/CONVENTIONS.md`` says, validated before it is returned.

>>> from posology.dosage import Prescription
>>> build_bundle(Prescription("rien"), fhir_version="R5")["type"]
'collection'
"""

from __future__ import annotations

from posology.fhir.bundle import build_bundle, full_url, to_model
from posology.fhir.codes import check_codes
from posology.fhir.outcome import operation_outcome
from posology.fhir.urls import DATA_ABSENT_REASON, FIELD_SOURCE, TEXT_OFFSETS
from posology.fhir.versions import FHIR_VERSIONS

__all__ = [
    "DATA_ABSENT_REASON",
    "FHIR_VERSIONS",
    "FIELD_SOURCE",
    "TEXT_OFFSETS",
    "build_bundle",
    "check_codes",
    "full_url",
    "operation_outcome",
    "to_model",
]
