"""The shape-memoised validation (``posology.fhir.validation``) gives the direct verdict.

A memo that said "valid" for a Bundle pydantic or the code checks would reject is the one
thing that must never happen. Each gold Bundle is validated first (its shape is then
remembered); then every leaf is mutated in the ways that change a FHIR verdict (empty and
whitespace-only strings, zero, negative, fractional and huge numbers, NaN, a wrong type, an
unknown code, an unknown key, a repeated id) and the memoised verdict is compared with the
direct verdict on the mutated Bundle: pydantic's, ``check_codes``' and the FHIR invariants'
(``posology.fhir.invariants``).
"""

from __future__ import annotations

import copy
import math

import pytest

import posology
from benchmarks.gold_io import load_split
from posology.dosage import Dosage, Dose, Medication, Prescription, Quantity
from posology.errors import FHIRValidationError
from posology.fhir import build_bundle, check_invariants, shape_checks, shapes
from posology.fhir import validation as fv
from posology.fhir.urls import EDQM, UCUM

TEXTS = [case["text"] for case in load_split("examples")][::2] + [
    "Doliprane 1000 mg 1 cp 3x/j pendant 5 jours si douleur max 3 g/j puis 1 cp le soir",
    "1 à 2 gélules à 8h et 20h le lundi et le jeudi, AR 2 fois, zorglub",
]


def direct(bundle, version) -> bool:
    try:
        fv.model_class(version).model_validate(bundle)
    except Exception:
        return False
    return not check_invariants(bundle, version) and not shape_checks(bundle, version)


def memoised(bundle, version) -> bool:
    """What ``build_bundle`` decides: the memoised checks, then the by-value invariants."""
    try:
        problems = fv.validate_model(bundle, version, shape_checks)
        return not problems and not check_invariants(bundle, version, by_shape=False)
    except Exception:
        return False


def leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, (*path, index))
    else:
        yield path, node


def mutations(value):
    if isinstance(value, bool):
        return ["true", 0]
    if isinstance(value, (int, float)):
        return [0, -1, 0.5, 2.0, 2**40, math.nan, "3"]
    return ["", " ", "\x0b", "UNKNOWN-CODE", 3]


def set_at(bundle, path, value):
    node = bundle
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@pytest.fixture(autouse=True)
def fresh_cache():
    fv.set_cache_size(4096)
    yield
    fv.set_cache_size(4096)


@pytest.mark.parametrize("version", ["R4", "R5"])
@pytest.mark.parametrize("text", TEXTS)
def test_memoised_verdict_equals_direct_verdict(text, version):
    bundle = posology.structure(text, fhir_version=version).bundle_dict
    assert memoised(bundle, version) and direct(bundle, version)
    checked, hits = 0, fv.cache_info()["hits"]
    for path, value in list(leaves(bundle)):
        if path[-1] == "resourceType":
            continue  # a different resource type is a different model, tested by pydantic
        for bad in mutations(value):
            mutated = copy.deepcopy(bundle)
            set_at(mutated, path, bad)
            assert memoised(mutated, version) == direct(mutated, version), (path, bad)
            checked += 1
    extra = copy.deepcopy(bundle)
    extra.setdefault("entry", [{}])[0].setdefault("resource", {})["notAnElement"] = "x"
    assert not memoised(extra, version)
    if len(bundle.get("entry", [])) > 1:  # two entries with one fullUrl: bdl-7
        twice = copy.deepcopy(bundle)
        twice["entry"][1]["fullUrl"] = twice["entry"][0]["fullUrl"]
        assert not memoised(twice, version) and not direct(twice, version)
    assert checked > 20
    assert fv.cache_info()["hits"] > hits  # some mutations kept the shape: the memo answered


def fhir_of(text, **options):
    """The Bundle ``build_bundle`` validates (before anything the API adds to it)."""
    return build_bundle(posology.get_engine().prescription(text, mode="hybrid"), **options)


def test_same_shape_is_validated_once():
    first = fhir_of("1 cp le matin")
    hits = fv.cache_info()["hits"]
    second = fhir_of("3 cp le matin")
    assert fv.shape(second) == fv.shape(first)
    assert fv.cache_info()["hits"] == hits + 1
    assert fv.shape(first) != fv.shape(fhir_of("1 cp le soir"))
    assert fv.shape(first)["entry"][0]["resource"]["dosageInstruction"][0]["text"] == "x"


def test_random_ids_share_one_shape():
    """New UUIDs on every call must not defeat the memo; their pattern of equalities stays."""
    first = fhir_of("Doliprane 1 cp le matin", subject="Patient/1")
    second = fhir_of("Doliprane 2 cp le matin", subject="Patient/2")
    assert first["id"] != second["id"]
    assert fv.shape(first) == fv.shape(second)
    entry = fv.shape(first)["entry"][0]
    assert entry["fullUrl"] == "urn:uuid:" + entry["resource"]["id"]
    assert entry["resource"]["subject"] == {"reference": "x"}
    other = copy.deepcopy(first)
    other["entry"][0]["fullUrl"] = "urn:uuid:" + second["id"]  # no longer urn:uuid:<id>
    assert fv.shape(other) != fv.shape(first)
    assert memoised(first, "R4") and not memoised(other, "R4") and not direct(other, "R4")


def test_by_value_invariants_run_when_the_shape_is_known():
    """``1 à 2 cp`` and ``2 à 1 cp`` have one shape; rng-2 still refuses the second."""

    def bundle(low, high):
        dose = Dose(Quantity(low), Quantity(high))
        return Prescription("x", (Medication(dosages=(Dosage("x", 0, 1, dose=dose),)),))

    build_bundle(bundle(1, 2))
    assert fv.shape(build_bundle(bundle(1, 3))) == fv.shape(build_bundle(bundle(1, 2)))
    with pytest.raises(FHIRValidationError, match="rng-2"):
        build_bundle(bundle(3, 2))


def test_product_codes_share_one_shape():
    """A product's or a substance's code (no value set binds it) does not split the memo; the
    codes posology.fhir.codes checks (UCUM, EDQM) and a code pydantic may refuse stay literal."""
    first = fhir_of("Doliprane 1000 mg 1 cp le matin")
    second = fhir_of("Efferalgan 500 mg 1 cp le matin")
    codes = [b["entry"][0]["resource"]["contained"][0]["code"]["coding"][0]["code"] for b in (first, second)]
    assert codes[0] != codes[1]
    assert fv.shape(first) == fv.shape(second)
    coded = {"coding": [{"system": "urn:x", "code": "60234100"}]}
    assert fv.shape(coded) == {"coding": [{"system": "urn:x", "code": "c"}]}
    for system, code in [(UCUM, "mg"), (EDQM, "10219000"), ("urn:x", "a  b"), ("urn:x", "")]:
        assert fv.shape({"coding": [{"system": system, "code": code}]})["coding"][0]["code"] == code
    timed = {"boundsDuration": {"coding": [{"system": "urn:x", "code": "d"}]}}
    assert fv.shape(timed) == timed  # checked against units-of-time whatever its system


def test_memo_can_be_turned_off():
    fv.set_cache_size(0)
    posology.structure("1 cp le matin")
    posology.structure("2 cp le matin")
    assert fv.cache_info()["size"] == 0 and fv.cache_info()["hits"] == 0


def test_shape_keeps_what_pydantic_tells_apart():
    assert fv.shape({"frequency": 3}) == fv.shape({"frequency": 7}) == {"frequency": 1}
    assert fv.shape({"frequency": 0}) != fv.shape({"frequency": 3})
    assert fv.shape({"value": 0.25}) != fv.shape({"value": 2.0})
    assert fv.shape({"value": 2**40}) == {"value": 2**40}
    assert fv.shape({"text": ""}) == {"text": ""}
    assert fv.shape({"text": "\x0b"}) == {"text": "\x0b"}
    assert fv.shape({"code": "MORN"}) == {"code": "MORN"}  # codes stay literal


def test_shipped_shapes_are_current():
    """The shipped table of valid shapes (``posology.fhir.shapes``) was written for these shape
    checks, value sets and FHIR libraries; a stale table is never used (every shape is then
    validated again), and this test says to rebuild it."""
    import json

    table = json.loads(shapes.TABLE.read_text(encoding="utf-8"))
    assert table["fingerprint"] == shapes.fingerprint(shape_checks), "run: python tools/build_valid_shapes.py"
    assert len(table["shapes"]) > 1000 and table["shapes"] == sorted(set(table["shapes"]))


def api_bundle(text: str, version: str = "R4"):
    """The Bundle ``structure(text)`` validates (displays in the language read in the line)."""
    from posology.rendering.lang import evident_lang

    return fhir_of(text, fhir_version=version, lang=evident_lang(text))


@pytest.mark.parametrize("version", ["R4", "R5"])
def test_shipped_shapes_are_valid(version):
    """Every example Bundle whose shape the table holds passes pydantic and every check."""
    known = 0
    for text in TEXTS:
        bundle = api_bundle(text, version)
        if shapes.is_known(fv.memo_key(bundle, version), shape_checks):
            known += 1
            assert direct(bundle, version), text
    assert known > len(TEXTS) // 2


def test_a_stale_table_is_not_used(monkeypatch):
    """A table written for other checks (another fingerprint) answers no shape."""
    key = fv.memo_key(api_bundle("1 cp le matin"), "R4")
    assert shapes.is_known(key, shape_checks)
    monkeypatch.setattr(shapes, "fingerprint", lambda check: "another")
    shapes.set_enabled(True)  # forget the loaded table
    try:
        assert not shapes.is_known(key, shape_checks)
    finally:
        monkeypatch.undo()
        shapes.set_enabled(True)
    assert shapes.is_known(key, shape_checks)


def test_the_first_bundle_of_a_process_loads_no_fhir_model():
    """Cold start (#17): a line of a shipped shape is validated without importing the models."""
    import subprocess
    import sys

    code = (
        "import posology, sys; posology.structure('1 cp le matin'); print('fhir.resources.R4B.bundle' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr
