"""The FHIR layer: typed Prescriptions → Bundle JSON, per spec/CONVENTIONS.md."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from copy import deepcopy
from typing import Any

import pytest

from posology.dosage import (
    EDQM,
    UCUM,
    Coding,
    Dosage,
    Dose,
    Duration,
    FieldSource,
    Issue,
    MaxDose,
    Medication,
    Prescription,
    Quantity,
    Timing,
)
from posology.errors import FHIRValidationError, InputError
from posology.fhir import (
    DATA_ABSENT_REASON,
    FIELD_SOURCE,
    TEXT_OFFSETS,
    build_bundle,
    check_codes,
    operation_outcome,
    to_model,
    without_ids,
)
from posology.linking.drugs import CIS_SYSTEM, SUBSTANCE_SYSTEM

VERSIONS = ["R4", "R5"]
TABLET = Quantity(1, "tablet", EDQM, "15054000", "comprimé")
ORAL = Coding(EDQM, "20053000", "Oral use")
UNKNOWN = [{"url": DATA_ABSENT_REASON, "valueCode": "unknown"}]


def capsules(value: float) -> Quantity:
    return Quantity(value, "capsule", EDQM, "15012000", "gélule")


def ucum(value: float, unit: str, code: str | None = None) -> Quantity:
    return Quantity(value, unit, UCUM, code or unit)


def time(value: float, code: str) -> dict[str, Any]:
    return {"value": value, "unit": code, "system": UCUM, "code": code}


def at(data: Any, path: str) -> Any:
    """``at(bundle, "entry[0].resource.status")``: the value at a JSON path."""
    for name, index in re.findall(r"([A-Za-z]+)|\[(\d+)\]", path):
        data = data[name] if name else data[int(index)]
    return data


def one_dosage(
    dosage: Dosage, version: str = "R4", provenance: bool = False, lang: str | None = "fr", **medication: Any
) -> dict[str, Any]:
    """The Bundle of one Dosage; a French line unless ``lang`` says otherwise."""
    prescription = Prescription(dosage.text, (Medication(dosages=(dosage,), **medication),), lang=lang)
    return build_bundle(prescription, fhir_version=version, provenance=provenance)


def dosage(text: str = "1 cp", **fields: Any) -> Dosage:
    return Dosage(text, 0, len(text), **fields)


REQUEST = "entry[0].resource"
DOSAGE = f"{REQUEST}.dosageInstruction[0]"
REPEAT = f"{DOSAGE}.timing.repeat"

# (case id, Dosage, JSON path, expected value) — the same in R4 and R5.
DOSAGE_CASES = [
    (
        "dose-tablet",
        dosage(dose=Dose(TABLET)),
        f"{DOSAGE}.doseAndRate",
        [{"doseQuantity": {"value": 1, "unit": "Comprimé", "system": EDQM, "code": "15054000"}}],
    ),
    (
        "dose-range",
        dosage("1 à 2 gélules", dose=Dose(capsules(1), capsules(2))),
        f"{DOSAGE}.doseAndRate[0].doseRange",
        {
            "low": {"value": 1, "unit": "Gélule", "system": EDQM, "code": "15012000"},
            "high": {"value": 2, "unit": "Gélule", "system": EDQM, "code": "15012000"},
        },
    ),
    (
        "dose-unitless",
        dosage("1-0-1", dose=Dose(Quantity(1.0))),
        f"{DOSAGE}.doseAndRate[0].doseQuantity",
        {"value": 1},
    ),
    (
        "dose-half",
        dosage("1/2 cp", dose=Dose(Quantity(0.5, "tablet", EDQM, "15054000"))),
        f"{DOSAGE}.doseAndRate[0].doseQuantity.value",
        0.5,
    ),
    (
        "dose-quarter",
        dosage("1/4 cp", dose=Dose(Quantity(0.25))),
        f"{DOSAGE}.doseAndRate[0].doseQuantity",
        {"value": 0.25},
    ),
    (
        "dose-unit-key",
        dosage("500 mg", dose=Dose(ucum(500.0, "mg"))),
        f"{DOSAGE}.doseAndRate[0].doseQuantity",
        {"value": 500, "unit": "mg", "system": UCUM, "code": "mg"},
    ),
    (
        "dose-iu",
        dosage("20 UI", dose=Dose(ucum(20, "iU", "[iU]"))),
        f"{DOSAGE}.doseAndRate[0].doseQuantity.code",
        "[iU]",
    ),
    (
        "frequency",
        dosage("3x/j", timing=Timing(frequency=3, period=1.0, period_unit="d")),
        f"{DOSAGE}.timing",
        {"repeat": {"frequency": 3, "period": 1, "periodUnit": "d"}},
    ),
    (
        "frequency-max",
        dosage(
            "2 à 3 fois par jour",
            timing=Timing(frequency=2, frequency_max=3, period=1, period_unit="d"),
        ),
        REPEAT,
        {"frequency": 2, "frequencyMax": 3, "period": 1, "periodUnit": "d"},
    ),
    (
        "period-max",
        dosage("q4-6h", timing=Timing(frequency=1, period=4, period_max=6.0, period_unit="h")),
        REPEAT,
        {"frequency": 1, "period": 4, "periodMax": 6, "periodUnit": "h"},
    ),
    (
        "period-fraction",
        dosage("q1.5h", timing=Timing(frequency=1, period=1.5, period_unit="h")),
        f"{REPEAT}.period",
        1.5,
    ),
    (
        "when-offset",
        dosage("30 min avant le petit-déjeuner", timing=Timing(when=("ACM",), offset=30)),
        REPEAT,
        {"when": ["ACM"], "offset": 30},
    ),
    (
        "when-order-kept",
        dosage("soir et matin", timing=Timing(when=("EVE", "MORN"))),
        f"{REPEAT}.when",
        ["EVE", "MORN"],
    ),
    (
        "when-with-frequency",
        dosage(
            "une fois par jour le matin",
            timing=Timing(frequency=1, period=1, period_unit="d", when=("MORN",)),
        ),
        REPEAT,
        {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
    ),
    (
        "time-of-day",
        dosage("à 8h et 20h", timing=Timing(time_of_day=("08:00:00", "20:00:00"))),
        REPEAT,
        {"timeOfDay": ["08:00:00", "20:00:00"]},
    ),
    (
        "day-of-week",
        dosage("lundi, mercredi et vendredi", timing=Timing(day_of_week=("mon", "wed", "fri"))),
        REPEAT,
        {"dayOfWeek": ["mon", "wed", "fri"]},
    ),
    (
        "bounds-duration",
        dosage("pendant 5 jours", timing=Timing(bounds=Duration(5.0, "d"))),
        REPEAT,
        {"boundsDuration": time(5, "d")},
    ),
    (
        "bounds-range",
        dosage("pendant 3 à 5 jours", timing=Timing(bounds=Duration(3, "d", max=5))),
        REPEAT,
        {"boundsRange": {"low": time(3, "d"), "high": time(5, "d")}},
    ),
    ("count", dosage("6 comprimés au total", timing=Timing(count=6)), REPEAT, {"count": 6}),
    (
        "max-per-administration",
        dosage("2 cpr max par prise", max_per_administration=Quantity(2, "tablet", EDQM, "15054000")),
        f"{DOSAGE}.maxDosePerAdministration",
        {"value": 2, "unit": "Comprimé", "system": EDQM, "code": "15054000"},
    ),
    (
        "route",
        dosage("per os", route=ORAL),
        f"{DOSAGE}.route",
        {"coding": [{"system": EDQM, "code": "20053000", "display": "Voie orale"}]},
    ),
    (
        "additional-instruction",
        dosage("à jeun", additional_instructions=("à jeun",)),
        f"{DOSAGE}.additionalInstruction",
        [{"text": "à jeun"}],
    ),
    (
        "text-and-sequence",
        dosage("1 cp le soir", sequence=2),
        DOSAGE,
        {"sequence": 2, "text": "1 cp le soir"},
    ),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("given", "path", "expected"), [c[1:] for c in DOSAGE_CASES], ids=[c[0] for c in DOSAGE_CASES])
def test_dosage_fields(given: Dosage, path: str, expected: Any, version: str) -> None:
    bundle = one_dosage(given, version)
    assert at(bundle, path) == expected
    assert to_model(bundle, version).entry[0].resource.get_resource_type() == "MedicationRequest"


def test_empty_timing_is_omitted() -> None:
    bundle = one_dosage(dosage(dose=Dose(TABLET)))
    assert "timing" not in at(bundle, DOSAGE)


@pytest.mark.parametrize(
    ("version", "reason", "expected", "absent"),
    [
        (
            "R4",
            None,
            {"asNeededBoolean": True},
            ["asNeededCodeableConcept", "asNeeded", "asNeededFor"],
        ),
        (
            "R4",
            "douleur",
            {"asNeededCodeableConcept": {"text": "douleur"}},
            ["asNeededBoolean", "asNeeded"],
        ),
        ("R5", None, {"asNeeded": True}, ["asNeededFor", "asNeededBoolean"]),
        (
            "R5",
            "douleur",
            {"asNeeded": True, "asNeededFor": [{"text": "douleur"}]},
            ["asNeededBoolean", "asNeededCodeableConcept"],
        ),
    ],
)
def test_as_needed(version: str, reason: str | None, expected: dict, absent: list[str]) -> None:
    got = at(one_dosage(dosage("si douleur", as_needed=True, as_needed_reason=reason), version), DOSAGE)
    assert {key: got[key] for key in expected} == expected
    assert not set(absent) & set(got)


@pytest.mark.parametrize("version", VERSIONS)
def test_not_as_needed_writes_nothing(version: str) -> None:
    got = at(one_dosage(dosage(dose=Dose(TABLET)), version), DOSAGE)
    assert not {key for key in got if key.startswith("asNeeded")}


@pytest.mark.parametrize(
    ("version", "path"),
    [("R4", f"{DOSAGE}.maxDosePerPeriod"), ("R5", f"{DOSAGE}.maxDosePerPeriod[0]")],
)
def test_max_dose_per_period(version: str, path: str) -> None:
    given = dosage("sans dépasser 4 g par jour", max_per_period=MaxDose(ucum(4.0, "g"), Duration(1, "d")))
    got = at(one_dosage(given, version), path)
    assert got == {
        "numerator": {"value": 4, "unit": "g", "system": UCUM, "code": "g"},
        "denominator": time(1, "d"),
    }


def test_max_dose_per_period_r5_is_a_list() -> None:
    given = dosage(
        "6 cpr max par 24h",
        max_per_period=MaxDose(Quantity(6, "tablet", EDQM, "15054000"), Duration(24, "h")),
    )
    got = at(one_dosage(given, "R5"), f"{DOSAGE}.maxDosePerPeriod")
    assert isinstance(got, list) and got[0]["denominator"] == time(24, "h")


def test_field_sources_go_into_one_extension() -> None:
    sources = (
        FieldSource("dose", 0, 4, "rule:dose.count.v1"),
        FieldSource("when", 5, 13, "ner", 0.875),
    )
    given = dosage("1 cp le matin", dose=Dose(TABLET), sources=sources)
    assert "extension" not in at(one_dosage(given), DOSAGE), "provenance is opt-in"
    got = at(one_dosage(given, provenance=True), DOSAGE)
    assert got["extension"] == [
        {
            "url": FIELD_SOURCE,
            "extension": [
                {"url": "field", "valueString": "dose"},
                {"url": "start", "valueInteger": 0},
                {"url": "end", "valueInteger": 4},
                {"url": "source", "valueString": "rule:dose.count.v1"},
                {"url": "confidence", "valueDecimal": 1},
                {"url": "field", "valueString": "when"},
                {"url": "start", "valueInteger": 5},
                {"url": "end", "valueInteger": 13},
                {"url": "source", "valueString": "ner"},
                {"url": "confidence", "valueDecimal": 0.875},
            ],
        }
    ]
    assert got["doseAndRate"] == [
        {"doseQuantity": {"value": 1, "unit": "Comprimé", "system": EDQM, "code": "15054000"}}
    ]


# --- MedicationRequest and Medication ----------------------------------------------------

FORTZAAR = Medication(
    name="FORTZAAR",
    strengths=(ucum(100, "mg"), ucum(25.0, "mg")),
    form=Coding(EDQM, "10219000", "Tablet"),
    codings=(Coding("https://smt.esante.gouv.fr/terminologie-cis", "64397171", "FORTZAAR"),),
    dosages=(dosage(dose=Dose(TABLET)),),
)


@pytest.mark.parametrize("version", VERSIONS)
def test_request_status_intent_and_subject(version: str) -> None:
    request = at(build_bundle(Prescription("FORTZAAR", (FORTZAAR,)), fhir_version=version), REQUEST)
    assert (request["status"], request["intent"]) == ("active", "order")
    assert "doNotPerform" not in request and "priority" not in request
    assert request["subject"] == {"extension": UNKNOWN}
    given = build_bundle(Prescription("x", (FORTZAAR,)), fhir_version=version, subject="Patient/42")
    assert at(given, f"{REQUEST}.subject") == {"reference": "Patient/42"}
    blank = build_bundle(Prescription("x", (FORTZAAR,)), fhir_version=version, subject="  ")
    assert at(blank, f"{REQUEST}.subject") == {"extension": UNKNOWN}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"status": "stopped"}, {"status": "stopped"}),
        ({"status": "on-hold"}, {"status": "on-hold"}),
        ({"do_not_perform": True}, {"status": "active", "doNotPerform": True}),
        ({"priority": "stat"}, {"status": "active", "priority": "stat"}),
    ],
    ids=["stopped", "on-hold", "do-not-perform", "stat"],
)
def test_orders_that_are_not_plain_orders(version: str, given: dict, expected: dict) -> None:
    """CONVENTIONS §7-§8: arrêter / hold / ne pas donner / stat."""
    request = at(build_bundle(Prescription("x", (Medication(name="x", **given),)), fhir_version=version), REQUEST)
    assert {key: request.get(key) for key in ("status", "doNotPerform", "priority") if key in request} == expected


@pytest.mark.parametrize(
    ("field", "value", "valueset"), [("status", "paused", "status"), ("priority", "now", "priority")]
)
def test_order_codes_are_checked(field: str, value: str, valueset: str) -> None:
    with pytest.raises(FHIRValidationError, match=valueset):
        build_bundle(Prescription("x", (Medication(name="x", **{field: value}),)))


def test_subject_in_every_entry_point() -> None:
    """The caller's patient in structure() and structure_many(); data-absent only without one."""
    import posology

    text = "Doliprane 1000 mg 1 cp le matin"
    assert at(posology.structure(text, subject="Patient/7").as_dict(), f"{REQUEST}.subject") == {
        "reference": "Patient/7"
    }
    many = list(posology.structure_many([text, "1 cp le soir"], subject="Patient/8", fhir_version="R5"))
    assert [at(r.as_dict(), f"{REQUEST}.subject") for r in many] == [{"reference": "Patient/8"}] * 2
    assert at(posology.structure(text).as_dict(), f"{REQUEST}.subject") == {"extension": UNKNOWN}


@pytest.mark.parametrize(
    ("version", "reference", "form", "item", "strength"),
    [
        ("R4", "medicationReference", "form", "itemCodeableConcept", "strength"),
        ("R5", "medication", "doseForm", "item", "strengthRatio"),
    ],
)
def test_contained_medication(version: str, reference: str, form: str, item: str, strength: str) -> None:
    prescription = Prescription("FORTZAAR", (FORTZAAR,), lang="en")
    request = at(build_bundle(prescription, fhir_version=version), REQUEST)
    medication = request["contained"][0]
    assert medication["id"] == "med1" and len(request["contained"]) == 1
    expected_reference = {"reference": "#med1"}
    assert request[reference] == (expected_reference if version == "R4" else {"reference": expected_reference})
    assert medication["code"] == {
        "coding": [
            {
                "system": "https://smt.esante.gouv.fr/terminologie-cis",
                "code": "64397171",
                "display": "FORTZAAR",
            }
        ],
        "text": "FORTZAAR",
    }
    assert medication[form] == {"coding": [{"system": EDQM, "code": "10219000", "display": "Tablet"}]}
    numerators = [ingredient[strength]["numerator"] for ingredient in medication["ingredient"]]
    assert numerators == [
        {"value": 100, "unit": "mg", "system": UCUM, "code": "mg"},
        {"value": 25, "unit": "mg", "system": UCUM, "code": "mg"},
    ]
    assert all(ingredient[strength]["denominator"] == {"value": 1} for ingredient in medication["ingredient"])
    # a code the drug database does not know: the ingredient is the drug as written
    names = [ingredient[item] for ingredient in medication["ingredient"]]
    name = {"text": "FORTZAAR"}
    assert names == [name if version == "R4" else {"concept": name}] * 2
    assert not any("isActive" in ingredient for ingredient in medication["ingredient"])


def _substance(code: str, name: str) -> dict[str, Any]:
    return {"coding": [{"system": SUBSTANCE_SYSTEM, "code": code, "display": name}], "text": name}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("name", "strengths", "coding", "expected"),
    [
        (  # two strengths, each the labelled strength of one substance
            "FORTZAAR",
            (ucum(100, "mg"), ucum(25, "mg")),
            Coding(CIS_SYSTEM, "60987991"),
            [(_substance("48528", "LOSARTAN POTASSIQUE"), 100), (_substance("02064", "HYDROCHLOROTHIAZIDE"), 25)],
        ),
        (  # one strength, one of two substances: the other is listed without a strength
            "Bactrim",
            (ucum(400, "mg"),),
            Coding(CIS_SYSTEM, "65181349"),
            [(_substance("02878", "SULFAMÉTHOXAZOLE"), 400), (_substance("00342", "TRIMÉTHOPRIME"), None)],
        ),
        (  # a substance code with no strength on the line
            "paracétamol",
            (),
            Coding(SUBSTANCE_SYSTEM, "02202", "PARACÉTAMOL"),
            [(_substance("02202", "PARACÉTAMOL"), None)],
        ),
        (  # 200/6 µg matches no labelled strength: the drug as written, substances not listed apart
            "SYMBICORT",
            (ucum(200, "ug"), ucum(6, "ug")),
            Coding(CIS_SYSTEM, "61237448"),
            [({"text": "SYMBICORT"}, 200), ({"text": "SYMBICORT"}, 6)],
        ),
    ],
    ids=["paired", "substance-without-strength", "substance-code", "unpaired"],
)
def test_ingredient_is_the_substance(version: str, name, strengths, coding, expected) -> None:
    medication = Medication(name=name, strengths=strengths, codings=(coding,))
    bundle = build_bundle(Prescription(name, (medication,)), fhir_version=version)
    got = at(bundle, f"{REQUEST}.contained[0].ingredient")
    item, ratio = ("itemCodeableConcept", "strength") if version == "R4" else ("item", "strengthRatio")
    items = [i[item] if version == "R4" else i[item]["concept"] for i in got]
    values = [i[ratio]["numerator"]["value"] if ratio in i else None for i in got]
    assert list(zip(items, values, strict=True)) == expected
    assert [i.get("isActive") for i in got] == [True if "coding" in e[0] else None for e in expected]


@pytest.mark.parametrize("version", VERSIONS)
def test_strength_denominator(version: str) -> None:
    """``4000 UI/0,4 mL`` keeps its 0.4 mL; a strength with no denominator is per 1."""
    lovenox = Quantity(4000, "iU", UCUM, "[iU]", per=Quantity(0.4, "mL", UCUM, "mL"))
    medication = Medication(name="Lovenox", strengths=(lovenox, ucum(5, "mg")))
    got = at(build_bundle(Prescription("x", (medication,)), fhir_version=version), f"{REQUEST}.contained[0].ingredient")
    ratio = "strength" if version == "R4" else "strengthRatio"
    assert got[0][ratio] == {
        "numerator": {"value": 4000, "unit": "[iU]", "system": UCUM, "code": "[iU]"},
        "denominator": {"value": 0.4, "unit": "mL", "system": UCUM, "code": "mL"},
    }
    assert got[1][ratio]["denominator"] == {"value": 1}


ROUTE, FORM = Coding(EDQM, "20053000", "Voie orale"), Coding(EDQM, "10219000", "Comprimé")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("lang", "route", "form", "unit", "language"),
    [
        ("fr", "Voie orale", "Comprimé", "Comprimé", "fr"),
        ("en", "Oral use", "Tablet", "Tablet", "en"),
        ("fr-FR", "Voie orale", "Comprimé", "Comprimé", "fr"),
        (None, None, None, None, None),
        ("de", None, None, None, None),
    ],
)
def test_displays_in_the_line_language(version, lang, route, form, unit, language) -> None:
    """EDQM displays in the line's language, none when it is unknown; CIS keeps its own."""
    cis = Coding(CIS_SYSTEM, "60234100", "DOLIPRANE 1000 mg, comprimé")
    given = dosage(dose=Dose(Quantity(1, "tablet", EDQM, "15054000", "comprimé")), route=ROUTE)
    bundle = one_dosage(given, version, lang=lang, name="Doliprane", form=FORM, codings=(cis,))
    request = at(bundle, REQUEST)
    assert request.get("language") == language
    assert request["contained"][0].get("language") == language
    assert at(bundle, f"{DOSAGE}.route.coding[0]").get("display") == route
    form_key = "form" if version == "R4" else "doseForm"
    assert request["contained"][0][form_key]["coding"][0].get("display") == form
    assert at(bundle, f"{DOSAGE}.doseAndRate[0].doseQuantity").get("unit") == unit
    assert request["contained"][0]["code"]["coding"][0]["display"] == "DOLIPRANE 1000 mg, comprimé"


def test_build_bundle_lang_overrides_the_prescription() -> None:
    prescription = Prescription("1 cp per os", (Medication(dosages=(dosage(route=ROUTE),)),), lang="fr")
    bundle = build_bundle(prescription, lang="en")
    assert at(bundle, f"{DOSAGE}.route.coding[0].display") == "Oral use"


@pytest.mark.parametrize(
    ("version", "path", "expected"),
    [
        ("R4", f"{REQUEST}.medicationCodeableConcept", {"extension": UNKNOWN}),
        ("R5", f"{REQUEST}.medication", {"concept": {"extension": UNKNOWN}}),
    ],
)
def test_no_drug_name(version: str, path: str, expected: dict) -> None:
    bundle = one_dosage(dosage(dose=Dose(TABLET)), version)
    assert at(bundle, path) == expected
    assert "contained" not in at(bundle, REQUEST)


@pytest.mark.parametrize("version", VERSIONS)
def test_refills_and_supply(version: str) -> None:
    medication = Medication(name="Kardégic", refills=2, supply=Duration(3, "mo"))
    got = at(
        build_bundle(Prescription("Kardégic", (medication,)), fhir_version=version),
        f"{REQUEST}.dispenseRequest",
    )
    assert got == {"numberOfRepeatsAllowed": 2, "expectedSupplyDuration": time(3, "mo")}


def test_no_dispense_request_when_nothing_stated() -> None:
    assert "dispenseRequest" not in at(build_bundle(Prescription("x", (Medication(name="x"),))), REQUEST)


@pytest.mark.parametrize("version", VERSIONS)
def test_two_medications_in_order(version: str) -> None:
    prescription = Prescription("A 1 cp, B 2 cp", (Medication(name="A"), Medication(name="B")))
    bundle = build_bundle(prescription, fhir_version=version)
    assert [at(entry, "resource.contained[0].code.text") for entry in bundle["entry"]] == ["A", "B"]
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(set(urls)) == 2
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", url) for url in urls)


@pytest.mark.parametrize("version", VERSIONS)
def test_several_dosages_keep_order_and_sequence(version: str) -> None:
    dosages = (
        dosage("2 cp le matin", sequence=1, dose=Dose(Quantity(2)), timing=Timing(when=("MORN",))),
        dosage("1 le soir", sequence=1, dose=Dose(Quantity(1)), timing=Timing(when=("EVE",))),
        dosage("puis 1 cp", sequence=2, dose=Dose(Quantity(1))),
    )
    prescription = Prescription("…", (Medication(name="X", dosages=dosages),))
    got = at(build_bundle(prescription, fhir_version=version), f"{REQUEST}.dosageInstruction")
    assert [(d["sequence"], d["text"]) for d in got] == [
        (1, "2 cp le matin"),
        (1, "1 le soir"),
        (2, "puis 1 cp"),
    ]


# --- OperationOutcome --------------------------------------------------------------------

ISSUES = (
    Issue("warning", "not-found", "[W006] No drug name was found in this text.", 0, 4),
    Issue("information", "incomplete", "[W001] No posology was understood in this text."),
)


@pytest.mark.parametrize("version", VERSIONS)
def test_issues_only_prescription(version: str) -> None:
    bundle = build_bundle(Prescription("blah", issues=ISSUES), fhir_version=version)
    assert len(bundle["entry"]) == 1
    outcome = at(bundle, "entry[0].resource")
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["language"] == "en"  # posology's messages are English whatever the line
    assert outcome["issue"] == [
        {
            "extension": [
                {
                    "url": TEXT_OFFSETS,
                    "extension": [
                        {"url": "start", "valueInteger": 0},
                        {"url": "end", "valueInteger": 4},
                    ],
                }
            ],
            "severity": "warning",
            "code": "not-found",
            "diagnostics": "[W006] No drug name was found in this text.",
        },
        {
            "severity": "information",
            "code": "incomplete",
            "diagnostics": "[W001] No posology was understood in this text.",
        },
    ]


def test_operation_outcome_comes_after_the_requests() -> None:
    bundle = build_bundle(Prescription("x", (Medication(name="x"),), ISSUES))
    assert [entry["resource"]["resourceType"] for entry in bundle["entry"]] == [
        "MedicationRequest",
        "OperationOutcome",
    ]
    outcome = bundle["entry"][1]["resource"]
    assert operation_outcome(ISSUES, resource_id=outcome["id"]) == outcome


@pytest.mark.parametrize("version", VERSIONS)
def test_issue_points_at_its_medication_request(version: str) -> None:
    """An issue with ``medication`` set names its MedicationRequest's entry (FHIRPath)."""
    issues = (
        Issue("warning", "not-found", "[W005] Drug name 'B' could not be linked to a code.", 9, 10, medication=1),
        Issue("warning", "incomplete", "[W001] No posology was understood in this text."),
    )
    prescription = Prescription("A 1 cp, B 2 cp", (Medication(name="A"), Medication(name="B")), issues)
    bundle = build_bundle(prescription, fhir_version=version)
    first, second = at(bundle, "entry[2].resource.issue")
    assert first["expression"] == ["Bundle.entry[1].resource"] and "expression" not in second
    assert at(bundle, "entry[1].resource.contained[0].code.text") == "B"


def test_issue_pointing_at_no_medication_is_refused() -> None:
    issue = Issue("warning", "not-found", "x", medication=3)
    with pytest.raises(FHIRValidationError, match="pos-issue-expression"):
        build_bundle(Prescription("A", (Medication(name="A"),), (issue,)))


def test_empty_prescription_gives_an_empty_collection() -> None:
    bundle = build_bundle(Prescription(""))
    assert without_ids(bundle) == {
        "resourceType": "Bundle",
        "id": "00000000-0000-0000-0000-000000000000",
        "type": "collection",
    }


# --- validation, determinism -------------------------------------------------------------

FULL = Prescription(
    "FORTZAAR 100/25mg 1 cp le matin pendant 5 jours si douleur, QSP 3 mois, AR 2 fois",
    (
        Medication(
            name="FORTZAAR",
            strengths=FORTZAAR.strengths,
            refills=2,
            supply=Duration(3, "mo"),
            dosages=(
                dosage(
                    "1 cp le matin pendant 5 jours si douleur",
                    dose=Dose(TABLET),
                    timing=Timing(
                        frequency=1,
                        period=1,
                        period_unit="d",
                        when=("MORN",),
                        bounds=Duration(5, "d"),
                    ),
                    as_needed=True,
                    as_needed_reason="douleur",
                    route=ORAL,
                    max_per_period=MaxDose(ucum(4, "g"), Duration(1, "d")),
                    sources=(FieldSource("dose", 0, 4, "rule:dose.v1"),),
                ),
            ),
        ),
    ),
    ISSUES,
)


@pytest.mark.parametrize(
    ("version", "model"),
    [("R4", "fhir.resources.R4B.bundle"), ("R5", "fhir.resources.bundle")],
)
def test_both_versions_validate(version: str, model: str) -> None:
    bundle = build_bundle(FULL, fhir_version=version)
    assert check_codes(bundle, version) == []
    assert type(to_model(bundle, version)).__module__ == model


@pytest.mark.parametrize("version", VERSIONS)
def test_deterministic_ids_aside_and_json_ready(version: str) -> None:
    first, second = (build_bundle(FULL, fhir_version=version) for _ in range(2))
    assert first != second  # new ids per call
    assert json.dumps(without_ids(first)) == json.dumps(without_ids(second))
    assert '"value": 1.0' not in json.dumps(first) and '"frequency": 1,' in json.dumps(first)


@pytest.mark.parametrize("version", VERSIONS)
def test_ids_are_random_per_call(version: str) -> None:
    """Two patients with the same words never share a resource: new UUIDs on every call."""
    prescription = Prescription("A 1 cp, B 2 cp", (Medication(name="A"), Medication(name="B")), ISSUES)
    one, two = (build_bundle(prescription, fhir_version=version, subject=s) for s in ("Patient/1", "Patient/2"))
    uuid = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"  # version 4
    for bundle in (one, two):
        assert re.fullmatch(uuid, bundle["id"])
        for entry in bundle["entry"]:
            assert re.fullmatch(uuid, entry["resource"]["id"])
            assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    ids = [bundle["id"] for bundle in (one, two)] + [e["fullUrl"] for b in (one, two) for e in b["entry"]]
    assert len(set(ids)) == len(ids) == 8


def test_unknown_fhir_version() -> None:
    with pytest.raises(InputError, match=r"\[E004\]"):
        build_bundle(FULL, fhir_version="R3")


def test_import_does_not_load_fhir_resources() -> None:
    # a fresh process: this one has long imported fhir.resources for the other tests
    code = "import sys, posology.fhir; assert 'fhir.resources' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- code checks: pydantic lets these through, check_codes does not ----------------------


def _mutated(path: str, key: str, value: Any, version: str = "R4") -> dict[str, Any]:
    bundle = deepcopy(build_bundle(FULL, fhir_version=version))
    at(bundle, path)[key] = value
    return bundle


BAD_CODES = [
    ("when", REPEAT, "when", ["MORN", "MORNING"], "when[1]: code 'MORNING'"),
    ("period-unit", REPEAT, "periodUnit", "day", "periodUnit: code 'day'"),
    ("duration-unit", REPEAT, "durationUnit", "days", "durationUnit: code 'days'"),
    ("day-of-week", REPEAT, "dayOfWeek", ["monday"], "dayOfWeek[0]: code 'monday'"),
    ("bounds-unit", f"{REPEAT}.boundsDuration", "code", "days", "boundsDuration.code: code 'days'"),
    (
        "supply-unit",
        f"{REQUEST}.dispenseRequest.expectedSupplyDuration",
        "code",
        "month",
        "expectedSupplyDuration.code",
    ),
    (
        "edqm-dose-unit",
        f"{DOSAGE}.doseAndRate[0].doseQuantity",
        "code",
        "99999999",
        "EDQM units of presentation",
    ),
    ("edqm-route", f"{DOSAGE}.route.coding[0]", "code", "15054000", "EDQM routes"),
    ("ucum-dose-unit", f"{DOSAGE}.maxDosePerPeriod.numerator", "code", "gramme", "UCUM units"),
    (
        "ucum-strength",
        f"{REQUEST}.contained[0].ingredient[0].strength.numerator",
        "code",
        "mgs",
        "UCUM units",
    ),
    ("max-per", f"{DOSAGE}.maxDosePerPeriod.denominator", "code", "jour", "units-of-time"),
    ("status", REQUEST, "status", "activ", "medicationrequest-status"),
    ("intent", REQUEST, "intent", "orders", "medicationrequest-intent"),
    ("issue-severity", "entry[1].resource.issue[0]", "severity", "warn", "issue-severity"),
]


@pytest.mark.parametrize(
    ("path", "key", "value", "expected"), [c[1:] for c in BAD_CODES], ids=[c[0] for c in BAD_CODES]
)
def test_check_codes_finds_bad_codes(path: str, key: str, value: Any, expected: str) -> None:
    bundle = _mutated(path, key, value)
    to_model(bundle, "R4")  # pydantic accepts it: the check is ours
    problems = check_codes(bundle, "R4")
    assert len(problems) == 1 and expected in problems[0], problems


def test_check_codes_edqm_form() -> None:
    prescription = Prescription("x", (Medication(name="x", form=Coding(EDQM, "20053000")),))
    bundle = build_bundle(Prescription("x", (Medication(name="x"),)))
    at(bundle, REQUEST)["contained"][0]["form"] = {"coding": [{"system": EDQM, "code": "20053000"}]}
    assert ["EDQM dose forms" in problem for problem in check_codes(bundle, "R4")] == [True]
    with pytest.raises(FHIRValidationError, match="EDQM dose forms"):
        build_bundle(prescription)


def test_check_codes_time_of_day() -> None:
    bundle = _mutated(REPEAT, "timeOfDay", ["08:00:00", "25:00:00"])
    path = "Bundle.entry[0].resource.dosageInstruction[0].timing.repeat.timeOfDay[1]"
    assert check_codes(bundle, "R4") == [f"[E012] {path}: '25:00:00' is not a valid time (HH:MM:SS)."]


BAD_DOSAGES = [
    ("when", dosage(timing=Timing(when=("MORNING",))), "MORNING"),
    ("period-unit", dosage(timing=Timing(frequency=1, period=1, period_unit="day")), "'day'"),
    ("edqm-unit", dosage(dose=Dose(Quantity(1, "tablet", EDQM, "99999999"))), "99999999"),
    ("edqm-route", dosage(route=Coding(EDQM, "99999999")), "EDQM routes"),
    ("day-of-week", dosage(timing=Timing(day_of_week=("lundi",))), "lundi"),
    ("time-of-day-structure", dosage(timing=Timing(time_of_day=("8h",))), "timeOfDay"),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("given", "message"), [c[1:] for c in BAD_DOSAGES], ids=[c[0] for c in BAD_DOSAGES])
def test_build_bundle_refuses_invalid_output(given: Dosage, message: str, version: str) -> None:
    with pytest.raises(FHIRValidationError, match=r"\[E009\]") as error:
        one_dosage(given, version)
    assert message in str(error.value)


def test_build_bundle_refuses_a_bad_issue() -> None:
    with pytest.raises(FHIRValidationError, match="issue-type"):
        build_bundle(Prescription("x", issues=(Issue("error", "oops", "x"),)))


@pytest.mark.parametrize(("version", "valid"), [("R4", False), ("R5", True)])
def test_event_timing_depends_on_the_version(version: str, valid: bool) -> None:
    given = dosage("immédiatement", timing=Timing(when=("IMD",)))
    if valid:
        assert at(one_dosage(given, version), f"{REPEAT}.when") == ["IMD"]
    else:
        with pytest.raises(FHIRValidationError, match=r"EventTiming \(R4\)"):
            one_dosage(given, version)
