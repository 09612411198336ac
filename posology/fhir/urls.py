"""Canonical URLs written into the FHIR output, defined once.

>>> FIELD_SOURCE.endswith("/field-source")
True
"""

from __future__ import annotations

import uuid

from posology.dosage import EDQM, UCUM

__all__ = [
    "DATA_ABSENT_REASON",
    "EDQM",
    "FIELD_SOURCE",
    "FULL_URL_NAMESPACE",
    "TEXT_OFFSETS",
    "UCUM",
]

DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"

_STRUCTURE_DEFINITIONS = "https://posology.readthedocs.io/fhir/StructureDefinition"
TEXT_OFFSETS = f"{_STRUCTURE_DEFINITIONS}/text-offsets"
FIELD_SOURCE = f"{_STRUCTURE_DEFINITIONS}/field-source"

# Fixed namespace of the uuid5 fullUrls: the same text always gives the same Bundle.
FULL_URL_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://posology.readthedocs.io/fhir/Bundle")
