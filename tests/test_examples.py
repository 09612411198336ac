"""Every worked case of CONVENTIONS.md (copied into benchmarks/gold/examples.jsonl) comes out
right field by field, read back from the FHIR output, in R4 and in R5."""

from __future__ import annotations

import pytest

import posology
from benchmarks.fhir_fields import read_bundle
from benchmarks.gold_io import load_split
from benchmarks.scoring import score_case

CASES = load_split("examples")


@pytest.mark.parametrize("fhir_version", ["R4", "R5"])
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_example_case(case, fhir_version):
    result = posology.structure(case["text"], fhir_version=fhir_version)
    scored = score_case(case, read_bundle(result.as_dict()).meds)
    wrong = [(c.path, c.gold, c.predicted) for c in scored.checks if not c.right]
    assert not wrong, f"{case['id']} {case['text']!r}: {wrong}"


def test_there_are_thirty_examples():
    assert len(CASES) == 30
