"""Canonical URLs written into the FHIR output, defined once.

posology's own extensions are defined in this repository: each has a StructureDefinition in
``docs/fhir/StructureDefinition-<id>.json`` and a section ``docs/fhir/extensions.md#<id>``.
Their canonical URL is ``{CANONICAL_BASE}/StructureDefinition/<id>``.

posology has no public web address yet, so :data:`CANONICAL_BASE` uses the reserved
top-level domain ``.invalid`` (RFC 6761: it never resolves, so the URL can never point at
someone else's site). A canonical URL is an identifier first: a validator finds the
definitions by loading ``docs/fhir/`` (``-ig docs/fhir``), not by fetching the URL. When the
repository is published, change :data:`CANONICAL_BASE` and the ``url`` of the JSON files
together (``tests/test_fhir_conformance.py`` checks they agree).

>>> FIELD_SOURCE
'https://posology.invalid/fhir/StructureDefinition/field-source'
"""

from __future__ import annotations

from posology.dosage import EDQM, UCUM

__all__ = [
    "CANONICAL_BASE",
    "DATA_ABSENT_REASON",
    "EDQM",
    "EXTENSIONS",
    "FIELD_SOURCE",
    "LINE_REVIEW",
    "TEXT_OFFSETS",
    "UCUM",
]

DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"

CANONICAL_BASE = "https://posology.invalid/fhir"
_STRUCTURE_DEFINITIONS = f"{CANONICAL_BASE}/StructureDefinition"
TEXT_OFFSETS = f"{_STRUCTURE_DEFINITIONS}/text-offsets"
FIELD_SOURCE = f"{_STRUCTURE_DEFINITIONS}/field-source"
LINE_REVIEW = f"{_STRUCTURE_DEFINITIONS}/line-review"

# Every extension posology defines: id -> canonical URL (one definition file and one
# documentation section each).
EXTENSIONS = {"text-offsets": TEXT_OFFSETS, "field-source": FIELD_SOURCE, "line-review": LINE_REVIEW}
