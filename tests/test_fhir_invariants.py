"""FHIR invariants (#12): every Bundle is checked, in R4 and R5; a violation is a bug of ours.

Three kinds of tests:

- typed values that break an invariant make ``build_bundle`` raise FHIRValidationError (E009)
  naming it, in R4 and R5;
- a valid Bundle mutated to break each invariant the builder cannot reach (``countMax``,
  nested contained resources …) is refused by ``check_invariants``, and only for that key;
- the FHIRPath expression of the specification, evaluated by ``fhirpathpy`` on every node of
  its context, agrees with posology's Python predicate: on the mutated Bundles and on the
  Bundles of the gold examples (all of ``benchmarks/gold/examples.jsonl``, R4 and R5).
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable
from typing import Any

import pytest
from fhirpathpy import compile as compile_fhirpath
from fhirpathpy.models import models

import posology
from benchmarks.gold_io import load_split
from posology.dosage import (
    EDQM,
    UCUM,
    Coding,
    Dosage,
    Dose,
    Duration,
    Issue,
    MaxDose,
    Medication,
    Prescription,
    Quantity,
    Timing,
)
from posology.errors import FHIRValidationError
from posology.fhir import INVARIANTS, build_bundle, check_invariants
from posology.fhir.bundle import _assemble
from posology.fhir.invariants import Invariant, Node, nodes

VERSIONS = ["R4", "R5"]


def tablets(value: float) -> Quantity:
    return Quantity(value, "tablet", EDQM, "15054000")


def mg(value: float, per: Quantity | None = None) -> Quantity:
    return Quantity(value, "mg", UCUM, "mg", per=per)


def one(text: str = "x", version: str = "R4", medication: dict | None = None, **fields: Any) -> dict:
    dosage = Dosage(text, 0, len(text), **fields)
    medication = {"name": "X", **(medication or {})}
    return build_bundle(Prescription(text, (Medication(dosages=(dosage,), **medication),)), fhir_version=version)


# --- typed values that break an invariant ------------------------------------------------------

TYPED = [
    ("tim-10", {"timing": Timing(when=("MORN",), time_of_day=("08:00:00",))}),
    ("tim-9", {"timing": Timing(offset=30)}),
    ("tim-9", {"timing": Timing(when=("CM",), offset=30)}),
    ("tim-2", {"timing": Timing(frequency=1, period=1)}),
    ("tim-6", {"timing": Timing(frequency=1, period_max=6, period_unit="h")}),
    ("tim-5", {"timing": Timing(frequency=1, period=-1, period_unit="d")}),
    ("pos-period", {"timing": Timing(frequency=1, period=0, period_unit="d")}),
    ("pos-frequency-max", {"timing": Timing(frequency=3, frequency_max=2, period=1, period_unit="d")}),
    ("pos-period-max", {"timing": Timing(frequency=1, period=6, period_max=4, period_unit="h")}),
    ("rng-2", {"dose": Dose(tablets(2), tablets(1))}),
    ("rng-2", {"timing": Timing(bounds=Duration(5, "d", max=3))}),
    ("pos-range-unit", {"dose": Dose(tablets(1), mg(2))}),
    ("qty-3", {"dose": Dose(Quantity(1, "tablet", None, "15054000"))}),
    ("pos-dose", {"dose": Dose(Quantity(0))}),
    ("pos-dose", {"dose": Dose(mg(-5))}),
    ("pos-dose", {"max_per_administration": tablets(0)}),
    ("pos-positive", {"dose": Dose(tablets(0), tablets(2))}),
    ("pos-positive", {"timing": Timing(bounds=Duration(0, "d"))}),
    ("pos-positive", {"max_per_period": MaxDose(mg(0), Duration(1, "d"))}),
    ("pos-positive", {"max_per_period": MaxDose(mg(4), Duration(0, "d"))}),
    ("pos-positive", {"medication": {"strengths": (mg(0),)}}),
    ("pos-positive", {"medication": {"strengths": (mg(250, per=Quantity(0, "mL", UCUM, "mL")),)}}),
    ("pos-positive", {"medication": {"supply": Duration(0, "mo")}}),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("key", "fields"), TYPED, ids=[f"{k}-{i}" for i, (k, _) in enumerate(TYPED)])
def test_typed_values_breaking_an_invariant_are_refused(key: str, fields: dict, version: str) -> None:
    with pytest.raises(FHIRValidationError, match=rf"\[E009\].* invariant {re.escape(key)} fails"):
        one(version=version, **fields)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_same_values_in_order_pass(version: str) -> None:
    """The mirror of the cases above: the valid neighbours of each broken value build."""
    one(version=version, timing=Timing(time_of_day=("08:00:00",)))
    one(version=version, timing=Timing(when=("ACM",), offset=30))
    one(version=version, timing=Timing(frequency=2, frequency_max=3, period=4, period_max=6, period_unit="h"))
    one(version=version, dose=Dose(tablets(1), tablets(2)), timing=Timing(bounds=Duration(3, "d", max=5)))
    one(version=version, dose=Dose(tablets(2), tablets(2)))  # rng-2 is low <= high
    one(version=version, medication={"strengths": (mg(250, per=Quantity(5, "mL", UCUM, "mL")),)})


def test_coding_display_without_code_is_an_r5_invariant() -> None:
    """cod-1 exists in R5 only."""
    medication = {"codings": (Coding("http://example.org/drugs", "", "DOLIPRANE"),)}
    assert one(version="R4", medication=medication)
    with pytest.raises(FHIRValidationError, match="invariant cod-1 fails"):
        one(version="R5", medication=medication)


# --- Bundles mutated to break the invariants the builder cannot reach ---------------------------


def _base(version: str) -> dict:
    """A Bundle with every kind of element posology writes."""
    dosage = Dosage(
        "1 à 2 cp matin et soir pendant 5 jours, max 6 par jour, si douleur",
        0,
        66,
        dose=Dose(tablets(1), tablets(2)),
        timing=Timing(frequency=2, period=1, period_unit="d", bounds=Duration(5, "d")),
        as_needed=True,
        as_needed_reason="douleur",
        route=Coding(EDQM, "20053000"),
        max_per_period=MaxDose(tablets(6), Duration(1, "d")),
    )
    medication = Medication(name="Doliprane", strengths=(mg(500),), dosages=(dosage,), supply=Duration(1, "mo"))
    issue = Issue("warning", "not-found", "[W005] …", 0, 9, medication=0)
    return build_bundle(Prescription(dosage.text, (medication, Medication(name="B")), (issue,)), fhir_version=version)


REQUEST = ("entry", 0, "resource")
DOSAGE = (*REQUEST, "dosageInstruction", 0)
REPEAT = (*DOSAGE, "timing", "repeat")


def _get(bundle: dict, path: tuple) -> Any:
    for part in path:
        bundle = bundle[part]
    return bundle


def _set(path: tuple, key: str, value: Any) -> Callable[[dict, str], None]:
    def mutate(bundle: dict, version: str) -> None:
        _get(bundle, path)[key] = value

    return mutate


def _dose_range(version: str) -> tuple:
    return (*DOSAGE, "doseAndRate", 0, "doseRange")


def _contained(extra: dict) -> Callable[[dict, str], None]:
    def mutate(bundle: dict, version: str) -> None:
        _get(bundle, REQUEST)["contained"][0].update(extra)

    return mutate


def _unreferenced_contained(bundle: dict, version: str) -> None:
    request = _get(bundle, REQUEST)
    request["contained"].append({"resourceType": "Medication", "id": "med2", "code": {"text": "Y"}})


def _dangling_reference(bundle: dict, version: str) -> None:
    _get(bundle, REQUEST)["subject"] = {"reference": "#patient"}  # no such contained resource


def _ratio_without_denominator(bundle: dict, version: str) -> None:
    ratio = _get(bundle, DOSAGE)["maxDosePerPeriod"]
    (ratio if version == "R4" else ratio[0]).pop("denominator")


def _duplicate_full_url(bundle: dict, version: str) -> None:
    bundle["entry"][1]["fullUrl"] = bundle["entry"][0]["fullUrl"]
    bundle["entry"][1]["resource"]["id"] = bundle["entry"][0]["resource"]["id"]


def _extension_with_both(bundle: dict, version: str) -> None:
    _get(bundle, REQUEST)["subject"]["extension"][0]["extension"] = [{"url": "x", "valueCode": "y"}]


def _empty_element(bundle: dict, version: str) -> None:
    _get(bundle, DOSAGE)["additionalInstruction"] = [{}]


def _issue_expression_out_of_range(bundle: dict, version: str) -> None:
    bundle["entry"][2]["resource"]["issue"][0]["expression"] = ["Bundle.entry[7].resource"]


def _as_needed_false_with_reason(bundle: dict, version: str) -> None:
    _get(bundle, DOSAGE)["asNeeded"] = False


MUTATIONS: list[tuple[str, tuple[str, ...], Callable[[dict, str], None]]] = [
    ("ele-1", ("R4", "R5"), _empty_element),
    ("ext-1", ("R4", "R5"), _extension_with_both),
    ("ref-1", ("R4", "R5"), _dangling_reference),
    ("ref-2", ("R5",), _set(REQUEST, "subject", {"type": "Patient"})),
    ("dom-2", ("R4", "R5"), _contained({"contained": [{"resourceType": "Medication", "id": "x"}]})),
    ("dom-3", ("R4", "R5"), _unreferenced_contained),
    ("dom-4", ("R4", "R5"), _contained({"meta": {"versionId": "2"}})),
    ("dom-5", ("R4", "R5"), _contained({"meta": {"security": [{"code": "R"}]}})),
    ("bdl-1", ("R4", "R5"), _set((), "total", 2)),
    ("bdl-2", ("R4", "R5"), _set(("entry", 0), "search", {"mode": "match"})),
    ("bdl-5", ("R4", "R5"), lambda bundle, version: bundle["entry"][1].pop("resource")),
    ("bdl-7", ("R4", "R5"), _duplicate_full_url),
    ("bdl-8", ("R4", "R5"), _set(("entry", 1), "fullUrl", "http://example.org/fhir/MedicationRequest/1/_history/2")),
    ("tim-1", ("R4", "R5"), _set(REPEAT, "duration", 30)),
    ("tim-4", ("R4", "R5"), lambda bundle, version: _get(bundle, REPEAT).update(duration=-1, durationUnit="min")),
    ("tim-7", ("R4", "R5"), _set(REPEAT, "durationMax", 30)),
    ("tim-8", ("R4", "R5"), _set(REPEAT, "countMax", 3)),
    ("rat-1", ("R4", "R5"), _ratio_without_denominator),
    ("sqty-1", ("R4", "R5"), _set((*DOSAGE, "doseAndRate", 0, "doseRange", "low"), "comparator", "<")),
    ("drt-1", ("R4", "R5"), _set((*REPEAT, "boundsDuration"), "system", "http://example.org/units")),
    ("dos-1", ("R5",), _as_needed_false_with_reason),
    ("pos-frequency", ("R4", "R5"), _set(REPEAT, "frequency", 0)),
    ("pos-full-url", ("R4", "R5"), lambda bundle, version: bundle["entry"][0].update(fullUrl="urn:uuid:other")),
    ("pos-issue-expression", ("R4", "R5"), _issue_expression_out_of_range),
]
MUTATION_CASES = [(key, version, mutate) for key, versions, mutate in MUTATIONS for version in versions]


# Breaks that cannot come alone: a nested contained resource is referenced by nothing (dom-3);
# a version-specific fullUrl is not urn:uuid:<id> (pos-full-url).
ALSO_BROKEN = {"dom-2": {"dom-3"}, "bdl-8": {"pos-full-url"}}


@pytest.mark.parametrize(("key", "version", "mutate"), MUTATION_CASES, ids=[f"{k}-{v}" for k, v, _ in MUTATION_CASES])
def test_a_broken_invariant_is_found(key: str, version: str, mutate) -> None:
    bundle = _base(version)
    assert check_invariants(bundle, version) == []
    mutate(bundle, version)
    found = {re.search(r"invariant (\S+) fails", p).group(1) for p in check_invariants(bundle, version)}
    assert found == {key} | ALSO_BROKEN.get(key, set())


def test_every_invariant_is_tested() -> None:
    tested = {key for key, _ in TYPED} | {key for key, _, _ in MUTATIONS} | {"cod-1"}
    assert tested == {invariant.key for invariant in INVARIANTS}


# --- the specification's FHIRPath agrees with the Python predicates -----------------------------

# Where fhirpathpy 2.2 cannot evaluate the expression as the specification writes it, the
# expression evaluated instead, and why. Everything else is evaluated as written.
EVALUATED_AS = {
    # fhirpathpy does not implement hasValue(); posology's elements are all complex.
    "ele-1": "children().count() > id.count()",
    # fhirpathpy cannot compare two FHIR Quantities; pos-range-unit checks they share a unit.
    "rng-2": "low.empty() or high.empty() or (low.value <= high.value)",
}
# R4's tim-9 applies `in` to the whole `when` list (an error for more than one code, as in
# `when: [MORN, EVE]`); R5 rewrote it per code, with the same meaning. R4's dom-3 applies as()
# to collections (an error in FHIRPath; the HL7 validator rewrites it to ofType(), as R5 does).
# R4's ref-1 is empty, neither true nor false, on a Reference with no reference (the
# data-absent subject); the HL7 validator wraps it in `reference.exists() implies (…)`, which
# is R5's form. For these three, R5's form is evaluated in R4 too.
R5_FORM_FOR_R4 = {"tim-9", "dom-3", "ref-1"}
_CHOICES = re.compile(r"^(dose|bounds|medication|asNeeded|item|value|strength)(?=[A-Z])")
_OPTIONS = {"traceFn": lambda *args: None}


def _fhirpath(node: Node) -> str:
    """``Bundle.entry[0].resource.dosageInstruction[0].doseAndRate[0].dose``: the JSON path with
    choice elements under their FHIR name (``doseRange`` → ``dose``)."""
    parts = [f"[{p}]" if isinstance(p, int) else "." + _CHOICES.sub(r"\1", p) for p in node.path]
    return "".join(parts)[1:]


def spec_verdict(invariant: Invariant, node: Node, version: str) -> bool:
    """The specification's expression for ``invariant`` on ``node``, evaluated by fhirpathpy."""
    expression = EVALUATED_AS.get(invariant.key) or invariant.expression_in(
        "R5" if invariant.key in R5_FORM_FOR_R4 else version
    )
    context = {"resource": node.resource, "rootResource": node.root, "bundle": node.bundle, "ucum": UCUM}
    return _compiled(f"{_fhirpath(node)}.all({expression})", version)(node.bundle, context) == [True]


@functools.cache
def _compiled(expression: str, version: str) -> Callable[[dict, dict], list]:
    """fhirpathpy's parse of ``expression`` (the paths repeat from Bundle to Bundle)."""
    return compile_fhirpath(expression, model=models[version.lower()], options=_OPTIONS)


def _agreement(bundle: dict, version: str, key: str | None = None) -> list[tuple[str, str, bool, bool]]:
    """(key, path, Python verdict, FHIRPath verdict) for every invariant (or the one ``key``)
    on every node of its type."""
    out = []
    for node in nodes(bundle):
        if not isinstance(node.value, dict):
            continue  # a JSON list is no FHIR element (ele-1 forbids empty ones: Python only)
        for invariant in INVARIANTS:
            if key not in (None, invariant.key):
                continue
            if version in invariant.versions and invariant.context in node.types:
                python = invariant.holds(node)
                out.append((invariant.key, _fhirpath(node), python, spec_verdict(invariant, node, version)))
    return out


@pytest.mark.parametrize(("key", "version", "mutate"), MUTATION_CASES, ids=[f"{k}-{v}" for k, v, _ in MUTATION_CASES])
def test_fhirpath_agrees_on_broken_bundles(key: str, version: str, mutate) -> None:
    bundle = _base(version)
    mutate(bundle, version)
    verdicts = _agreement(bundle, version, key)
    assert verdicts and any(not python for _, _, python, _ in verdicts)
    assert [v for v in verdicts if v[2] != v[3]] == []


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("key", "fields"), TYPED, ids=[f"{k}-{i}" for i, (k, _) in enumerate(TYPED)])
def test_fhirpath_agrees_on_broken_typed_values(key: str, fields: dict, version: str) -> None:
    """The Bundles build_bundle refuses, checked the other way round: FHIRPath finds the break too."""
    dosage = Dosage("x", 0, 1, **{k: v for k, v in fields.items() if k != "medication"})
    prescription = Prescription("x", (Medication(name="X", dosages=(dosage,), **fields.get("medication", {})),))
    bundle = _assemble(prescription, version, None, False, None)  # what build_bundle refuses
    verdicts = _agreement(bundle, version, key)
    assert any(not python for _, _, python, _ in verdicts)
    assert [v for v in verdicts if v[2] != v[3]] == []


EXAMPLES = [case["text"] for case in load_split("examples")]


@pytest.mark.parametrize("version", VERSIONS)
def test_fhirpath_agrees_on_the_gold_examples(version: str) -> None:
    """Every invariant holds on every gold example Bundle, by FHIRPath and by Python."""
    checked = 0
    for result in posology.structure_many(EXAMPLES, fhir_version=version):
        verdicts = _agreement(copy.deepcopy(result.as_dict()), version)
        assert [v for v in verdicts if not (v[2] and v[3])] == [], result.text
        checked += len(verdicts)
    assert checked > 1000
