"""Helpers of the wording tests (``test_session17_wordings.py`` and later): a text's compact
fields, read back from its Bundle as the benchmark scores them (``benchmarks.fhir_fields``)."""

from __future__ import annotations

import posology
from benchmarks.fhir_fields import read_bundle


def fields(text: str) -> list[dict]:
    """Each medication's compact fields (drug, strength, status, dosages …)."""
    return read_bundle(posology.structure(text).as_dict()).meds


def flagged(text: str) -> bool:
    return read_bundle(posology.structure(text).as_dict()).flagged


def only_dosages(text: str) -> list[dict]:
    (med,) = fields(text)
    return med["dosages"]
