"""The gold example Bundles as an integrator receives them, and the documented extensions (#15.5).

Every example of ``benchmarks/gold/examples.jsonl``, structured by the engine through
``posology.structure`` in R4 and R5, is checked against what can be run offline of the HL7
validator's rules: the ``fhir.resources`` models, the code bindings and every FHIR invariant
(their FHIRPath agreement is ``tests/test_fhir_invariants.py``); plus what posology promises
on top: Dosage.text is the source span, ids are fresh UUIDs, issue expressions name their
MedicationRequest, and every extension written is defined and documented in ``docs/fhir/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import posology
from benchmarks.gold_io import load_split
from posology.fhir import CANONICAL_BASE, DATA_ABSENT_REASON, EXTENSIONS, check_codes, check_invariants, to_model, urls

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXAMPLES = [case["text"] for case in load_split("examples")]
UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _extension_urls(node: Any) -> set[str]:
    """The url of every extension (not of the sub-extensions inside a complex one)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "extension":
                found |= {extension["url"] for extension in value}
                for extension in value:
                    found |= _extension_urls({k: v for k, v in extension.items() if k != "extension"})
            else:
                found |= _extension_urls(value)
    elif isinstance(node, list):
        for item in node:
            found |= _extension_urls(item)
    return found


@pytest.fixture(scope="module", params=["R4", "R5"])
def results(request) -> list:
    return list(posology.structure_many(EXAMPLES, fhir_version=request.param, provenance=True))


def test_examples_validate(results) -> None:
    """Models, code bindings and every invariant, on the Bundles posology returns."""
    for result in results:
        bundle, version = result.as_dict(), result.fhir_version
        assert to_model(bundle, version).type == "collection"
        assert check_codes(bundle, version) == [], result.text
        assert check_invariants(bundle, version) == [], result.text


def test_dosage_text_is_the_source_span(results) -> None:
    checked = 0
    for result in results:
        prescription = result.prescription
        for medication, request in zip(prescription.medications, result.medication_requests, strict=True):
            for dosage, written in zip(medication.dosages, request.get("dosageInstruction", []), strict=True):
                assert dosage.text == prescription.text[dosage.start : dosage.end] == written["text"]
                checked += 1
    assert checked >= len(EXAMPLES)


def test_ids_and_full_urls(results) -> None:
    seen: set[str] = set()
    for result in results:
        bundle = result.as_dict()
        ids = [bundle["id"]] + [entry["resource"]["id"] for entry in bundle.get("entry", [])]
        assert all(UUID4.fullmatch(i) for i in ids) and not seen & set(ids)
        seen |= set(ids)
        assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in bundle.get("entry", []))


def test_issue_expressions_name_a_medication_request(results) -> None:
    for result in results:
        bundle = result.as_dict()
        for issue, written in _issues(result, bundle):
            if issue.medication is None:
                assert "expression" not in written
                continue
            (expression,) = written["expression"]
            index = int(re.fullmatch(r"Bundle\.entry\[(\d+)\]\.resource", expression).group(1))
            target = bundle["entry"][index]["resource"]
            assert target["resourceType"] == "MedicationRequest" and index == issue.medication


def _issues(result, bundle: dict) -> list[tuple]:
    outcomes = [e["resource"] for e in bundle.get("entry", []) if e["resource"]["resourceType"] == "OperationOutcome"]
    written = outcomes[0]["issue"] if outcomes else []
    return list(zip(result.prescription.issues, written, strict=True))


def test_every_extension_written_is_defined(results) -> None:
    written = set().union(*(_extension_urls(result.as_dict()) for result in results))
    assert {urls.TEXT_OFFSETS, urls.FIELD_SOURCE, DATA_ABSENT_REASON} <= written  # provenance on
    assert written <= set(EXTENSIONS.values()) | {DATA_ABSENT_REASON}


@pytest.mark.parametrize(("name", "url"), sorted(EXTENSIONS.items()))
def test_extension_definition_and_documentation(name: str, url: str) -> None:
    """A StructureDefinition in docs/fhir/ with this URL, valid in R4 and R5, and a section
    ``## <id>`` in docs/fhir/extensions.md."""
    from fhir.resources.R4B.structuredefinition import StructureDefinition as R4Definition
    from fhir.resources.structuredefinition import StructureDefinition as R5Definition

    definition = json.loads((DOCS / "fhir" / f"StructureDefinition-{name}.json").read_text(encoding="utf-8"))
    assert definition["url"] == url == f"{CANONICAL_BASE}/StructureDefinition/{name}"
    assert definition["id"] == name and definition["type"] == "Extension"
    R4Definition.model_validate(definition)
    R5Definition.model_validate(definition)
    fixed = {e["id"]: e["fixedUri"] for e in definition["differential"]["element"] if "fixedUri" in e}
    assert fixed["Extension.url"] == url
    sections = re.findall(r"^## (\S+)", (DOCS / "fhir" / "extensions.md").read_text(encoding="utf-8"), re.M)
    assert name in sections
    assert "fhir/extensions.md" in (DOCS / "fhir.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "url"), sorted(EXTENSIONS.items()))
def test_sub_extensions_written_are_the_defined_slices(name: str, url: str, results) -> None:
    definition = json.loads((DOCS / "fhir" / f"StructureDefinition-{name}.json").read_text(encoding="utf-8"))
    slices = {e["sliceName"] for e in definition["differential"]["element"] if "sliceName" in e}
    written: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("url") == url:
                written.update(part["url"] for part in node["extension"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    for result in results:
        collect(result.as_dict())
    assert written == slices


def test_every_canonical_url_is_an_extension() -> None:
    """No URL under the project's canonical base that the definitions do not cover."""
    ours = {
        value
        for name, value in vars(urls).items()
        if not name.startswith("_") and isinstance(value, str) and value.startswith(CANONICAL_BASE + "/")
    }
    assert ours == set(EXTENSIONS.values())


def _request(text: str, **options) -> dict[str, Any]:
    bundle = json.loads(posology.structure(text, **options).json())
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "MedicationRequest")


def _strength_ratios(request: dict[str, Any]) -> list[dict[str, Any]]:
    return [i["strength"] for m in request.get("contained", []) for i in m.get("ingredient", [])]


@pytest.mark.parametrize(
    ("text", "numerator", "denominator"),
    [
        ("Lovenox 4000 UI/0,4 mL 1 inj SC le soir", (4000, "[iU]"), (0.4, "mL")),
        ("Amoxicilline 250 mg/5 ml 1 c-mes 3 fois par jour", (250, "mg"), (5, "mL")),
        ("Matrifen 75 µg/h 1 patch tous les 3 jours", (75, "ug"), (1, "h")),
        ("Doliprane 1000 mg 1 cp le matin", (1000, "mg"), (1, None)),
    ],
)
def test_strength_denominator_keeps_its_unit(text: str, numerator: tuple, denominator: tuple) -> None:
    """#15.5: a strength written per volume or per hour keeps its denominator (4000 UI/0,4 mL)."""
    (ratio,) = _strength_ratios(_request(text))
    assert (ratio["numerator"]["value"], ratio["numerator"]["code"]) == numerator
    assert (ratio["denominator"]["value"], ratio["denominator"].get("code")) == denominator


def _edqm_displays(node: Any) -> list[str | None]:
    if isinstance(node, dict):
        own = [node.get("display")] if node.get("system") == "http://standardterms.edqm.eu" else []
        return own + [d for value in node.values() for d in _edqm_displays(value)]
    if isinstance(node, list):
        return [d for item in node for d in _edqm_displays(item)]
    return []


@pytest.mark.parametrize(
    ("text", "options", "language", "displays"),
    [
        ("Metformin 500 mg 1 tab po bid", {}, "en", {"Oral use", "Tablet"}),
        ("Metformine 500 mg 1 cp par voie orale matin et soir", {}, "fr", {"Voie orale", "Comprimé"}),
        ("Metformine 500 mg 1 cp par voie orale matin et soir", {"lang": "en"}, "en", {"Oral use", "Tablet"}),
        ("Lovenox 4000 UI SC 1-0-1", {}, None, set()),
    ],
)
def test_displays_are_in_the_line_language_or_absent(text: str, options: dict, language, displays: set) -> None:
    """#15.5: EDQM displays follow the line's language (the caller's ``lang`` first); a line
    with no word of either language gets codes without displays, never a guessed language."""
    request = _request(text, **options)
    assert request.get("language") == language
    found = _edqm_displays(request)
    assert found, "the line has EDQM codes"
    assert {d for d in found if d} == displays
    if language is None:
        assert all(d is None for d in found)


@pytest.mark.parametrize("version", ["R4", "R5"])
@pytest.mark.parametrize(
    "text",
    [
        "Doliprane 1 g 1 cp 3 fois par jour",
        "arrêter le Kardégic",
        "Doliprane 1 g 1 cp le matin, Spasfon 2 cp si douleur",
    ],
)
def test_every_request_says_whether_its_line_needs_review(text: str, version: str) -> None:
    """#12: the line's review verdict and confidence are on each MedicationRequest, as the
    Python API gives them, so that an integrator can filter on them."""
    result = posology.structure(text, fhir_version=version)
    requests = result.medication_requests
    assert requests
    for request in requests:
        (review,) = [e for e in request["extension"] if e["url"] == urls.LINE_REVIEW]
        values = {
            part["url"]: next(v for k, v in part.items() if k.startswith("value")) for part in review["extension"]
        }
        assert values == {"needsReview": result.needs_review, "confidence": result.confidence}
