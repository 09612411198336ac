"""The FHIR versions posology writes: ``R4`` (R4B models) and ``R5``.

>>> fhir_version_key("r4")
'R4'
"""

from __future__ import annotations

from posology.errors import Errors, InputError

__all__ = ["FHIR_VERSIONS", "fhir_version_key"]

FHIR_VERSIONS = ("R4", "R5")


def fhir_version_key(fhir_version: str) -> str:
    """``"R4"`` or ``"R5"`` (case-insensitive); :class:`InputError` for anything else."""
    key = fhir_version.upper() if isinstance(fhir_version, str) else fhir_version
    if key not in FHIR_VERSIONS:
        raise InputError(Errors.E004.format(version=fhir_version))
    return key
