"""The renderer's wordings field by field, FHIR written by others, and the narrative in the Bundle.

Each wording is asserted as written, in French and in English; that it reads back is
``tests/test_render.py``'s business.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

import posology
from posology.dosage import Dosage, Dose, Duration, MaxDose, Medication, Timing
from posology.errors import InputError
from posology.fhir import to_model
from posology.rendering import detect_lang, render
from tests.render_support import quantity, route

XHTML = "{http://www.w3.org/1999/xhtml}"


def dosage(dose=None, **fields) -> Dosage:
    timing = {k: fields.pop(k) for k in list(fields) if k in Timing.__dataclass_fields__}
    return Dosage("", 0, 0, dose=dose, timing=Timing(**timing), **fields)


def replace_sequence(value: Dosage, sequence: int) -> Dosage:
    return replace(value, sequence=sequence)


TABLET, TABLETS_1_2 = Dose(quantity(1, "tablet")), Dose(quantity(1, "tablet"), quantity(2, "tablet"))
WORDINGS = [
    ("dose", dosage(Dose(quantity(2.5, "mL"))), "2,5 mL", "2.5 mL"),
    ("dose-range", dosage(TABLETS_1_2), "1 à 2 comprimés", "1 to 2 tablets"),
    ("dose-half", dosage(Dose(quantity(0.5, "tablet"))), "0,5 comprimé", "0.5 tablet"),
    ("dose-iu", dosage(Dose(quantity(20, "iU"))), "20 UI", "20 IU"),
    (
        "dose-bare",
        dosage(Dose(quantity(1, None)), when=("MORN", "EVE")),
        "1 le matin et le soir",
        "1 in the morning and in the evening",
    ),
    (
        "frequency",
        dosage(TABLET, frequency=3, period=1, period_unit="d"),
        "1 comprimé 3 fois par jour",
        "1 tablet 3 times a day",
    ),
    (
        "frequency-max",
        dosage(TABLET, frequency=2, frequency_max=3, period=1, period_unit="d"),
        "1 comprimé 2 à 3 fois par jour",
        "1 tablet 2 to 3 times a day",
    ),
    (
        "interval",
        dosage(TABLET, frequency=1, period=8, period_unit="h"),
        "1 comprimé toutes les 8 heures",
        "1 tablet every 8 hours",
    ),
    (
        "period-max",
        dosage(TABLET, frequency=1, period=4, period_max=6, period_unit="h"),
        "1 comprimé toutes les 4 à 6 heures",
        "1 tablet every 4 to 6 hours",
    ),
    (
        "every-days",
        dosage(TABLET, frequency=1, period=2, period_unit="d"),
        "1 comprimé tous les 2 jours",
        "1 tablet every 2 days",
    ),
    (
        "times-per-days",
        dosage(TABLET, frequency=2, period=3, period_unit="d"),
        "1 comprimé 2 fois par 3 jours",
        "1 tablet 2 times every 3 days",
    ),
    (
        "weekly",
        dosage(TABLET, frequency=1, period=1, period_unit="wk"),
        "1 comprimé 1 fois par semaine",
        "1 tablet once a week",
    ),
    (
        "hourly",
        dosage(TABLET, frequency=1, period=1, period_unit="h"),
        "1 comprimé 1 fois par heure",
        "1 tablet once per hour",
    ),
    (
        "when",
        dosage(TABLET, when=("EVE", "MORN", "NOON")),
        "1 comprimé le matin, le midi et le soir",
        "1 tablet in the morning, at noon and in the evening",
    ),
    (
        "when-meal",
        dosage(TABLET, when=("CM", "HS")),
        "1 comprimé au petit-déjeuner et au coucher",
        "1 tablet with breakfast and at bedtime",
    ),
    (
        "offset",
        dosage(TABLET, when=("ACM",), offset=30),
        "1 comprimé 30 minutes avant le petit-déjeuner",
        "1 tablet 30 minutes before breakfast",
    ),
    (
        "clock",
        dosage(TABLET, time_of_day=("08:00:00", "20:30:00")),
        "1 comprimé à 8h et 20h30",
        "1 tablet at 08:00 and 20:30",
    ),
    (
        "days",
        dosage(TABLET, day_of_week=("fri", "mon", "wed")),
        "1 comprimé le lundi, le mercredi et le vendredi",
        "1 tablet on Monday, Wednesday and Friday",
    ),
    ("duration", dosage(TABLET, bounds=Duration(5, "d")), "1 comprimé pendant 5 jours", "1 tablet for 5 days"),
    (
        "duration-range",
        dosage(TABLET, bounds=Duration(3, "d", 5)),
        "1 comprimé pendant 3 à 5 jours",
        "1 tablet for 3 to 5 days",
    ),
    ("count-one", dosage(Dose(quantity(3, "g")), count=1), "3 g, en prise unique", "3 g, as a single dose"),
    (
        "count",
        dosage(Dose(quantity(2, "tablet")), count=6),
        "2 comprimés, 6 prises au total",
        "2 tablets, 6 doses in total",
    ),
    (
        "as-needed-next-field",
        dosage(
            TABLET,
            as_needed=True,
            as_needed_reason="T° > 38,5 jusqu'",
            frequency=1,
            frequency_max=4,
            period=1,
            period_unit="d",
        ),
        "1 comprimé 1 à 4 fois par jour, si T° > 38,5",
        "1 tablet 1 to 4 times a day, if T° > 38,5",
    ),
    ("as-needed", dosage(TABLET, as_needed=True), "1 comprimé, si besoin", "1 tablet, as needed"),
    (
        "as-needed-reason",
        dosage(TABLET, as_needed=True, as_needed_reason="douleur"),
        "1 comprimé, si douleur",
        "1 tablet, as needed for pain",
    ),
    (
        "as-needed-condition",
        dosage(TABLET, as_needed=True, as_needed_reason="TA > 16"),
        "1 comprimé, si TA > 16",
        "1 tablet, if TA > 16",
    ),
    (
        "max-period",
        dosage(TABLET, max_per_period=MaxDose(quantity(4, "g"), Duration(1, "d"))),
        "1 comprimé, 4 g au maximum par jour",
        "1 tablet, no more than 4 g per day",
    ),
    (
        "max-24h",
        dosage(TABLET, max_per_period=MaxDose(quantity(6, "tablet"), Duration(24, "h"))),
        "1 comprimé, 6 comprimés au maximum par 24 heures",
        "1 tablet, no more than 6 tablets per 24 hours",
    ),
    (
        "max-administration",
        dosage(TABLET, max_per_administration=quantity(2, "tablet")),
        "1 comprimé, au maximum 2 comprimés par prise",
        "1 tablet, max 2 tablets per dose",
    ),
    (
        "route",
        dosage(Dose(quantity(1, "injection")), route=route("subcutaneous")),
        "1 injection par voie sous-cutanée",
        "1 injection subcutaneously",
    ),
    (
        "instruction",
        dosage(TABLET, additional_instructions=("à jeun",)),
        "1 comprimé, à jeun",
        "1 tablet, on an empty stomach",
    ),
    (
        "per-kilo-split",
        dosage(Dose(quantity(15, "mg/kg")), frequency=3, period=1, period_unit="d"),
        "45 mg/kg/j en 3 prises",
        "45 mg/kg/day in 3 divided doses",
    ),
]
DOLIPRANE = Medication(
    name="Doliprane", strengths=(quantity(1, "g"),),
    dosages=(dosage(TABLET, frequency=3, period=1, period_unit="d", bounds=Duration(5, "d"), as_needed=True,
                    as_needed_reason="douleur", max_per_period=MaxDose(quantity(4, "g"), Duration(1, "d"))),),
)  # fmt: skip
MEDICATIONS = [
    (
        "brief",
        DOLIPRANE,
        "Doliprane 1 g : 1 comprimé 3 fois par jour pendant 5 jours, si douleur, 4 g au maximum par jour",
        "Doliprane 1 g: 1 tablet 3 times a day for 5 days, as needed for pain, no more than 4 g per day",
    ),
    (
        "simultaneous",
        Medication(
            name="Kardégic",
            strengths=(quantity(75, "mg"),),
            refills=2,
            supply=Duration(3, "mo"),
            dosages=(
                dosage(Dose(quantity(1, "sachet")), when=("MORN",)),
                dosage(Dose(quantity(2, "sachet")), when=("EVE",)),
            ),
        ),
        "Kardégic 75 mg : 1 sachet le matin et 2 sachets le soir, QSP 3 mois, à renouveler 2 fois",
        "Kardégic 75 mg: 1 sachet in the morning and 2 sachets in the evening, 3 months' supply, 2 refills",
    ),
    (
        "phases",
        Medication(
            dosages=(
                dosage(Dose(quantity(2, "tablet")), bounds=Duration(5, "d")),
                replace_sequence(dosage(TABLET, bounds=Duration(5, "d")), 2),
            )
        ),
        "2 comprimés pendant 5 jours, puis 1 comprimé pendant 5 jours",
        "2 tablets for 5 days, then 1 tablet for 5 days",
    ),
    ("stopped", Medication(name="Kardégic", status="stopped"), "ARRÊT : Kardégic", "STOP: Kardégic"),
    (
        "on-hold",
        Medication(name="Kardégic", status="on-hold", dosages=(dosage(Dose(quantity(1, "sachet"))),)),
        "SUSPENDU : Kardégic : 1 sachet",
        "ON HOLD: Kardégic: 1 sachet",
    ),
    (
        "do-not-perform",
        Medication(name="Aspirine", do_not_perform=True),
        "NE PAS DONNER : Aspirine",
        "DO NOT GIVE: Aspirine",
    ),
    (
        "stat",
        Medication(name="Aspirine", priority="stat", dosages=(dosage(Dose(quantity(500, "mg")), count=1),)),
        "Aspirine : 500 mg immédiatement",
        "Aspirine: 500 mg stat",
    ),
    (
        "no-refill",
        Medication(name="Lasilix", refills=0, dosages=(dosage(TABLET),)),
        "Lasilix : 1 comprimé, non renouvelable",
        "Lasilix: 1 tablet, no refills",
    ),
]


@pytest.mark.parametrize("value, french, english", [pytest.param(*w[1:], id=w[0]) for w in WORDINGS + MEDICATIONS])
def test_wording(value, french, english):
    assert render(value, "fr") == french
    assert render(value, "en") == english


# --- FHIR written by another system ------------------------------------------------------------

FOREIGN_R4 = {
    "resourceType": "MedicationRequest", "status": "active", "intent": "order",
    "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                              "code": "197361", "display": "Amlodipine 5 MG Oral Tablet"}]},
    "subject": {"reference": "Patient/1"},
    "dosageInstruction": [{
        "sequence": 1, "text": "one tablet twice daily",
        "timing": {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation",
                                        "code": "BID"}]}},
        "route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006", "display": "Oral route"}]},
        "asNeededCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "22253000",
                                                "display": "Pain"}]},
        "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}],
        "maxDosePerPeriod": {"numerator": {"value": 4, "unit": "tablet"},
                             "denominator": {"value": 1, "unit": "day", "system": "http://unitsofmeasure.org",
                                             "code": "d"}},
    }],
    "dispenseRequest": {"numberOfRepeatsAllowed": 1,
                        "expectedSupplyDuration": {"value": 30, "unit": "days",
                                                   "system": "http://unitsofmeasure.org", "code": "d"}},
}  # fmt: skip
FOREIGN_R5 = {
    "resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:11111111-1111-4111-8111-111111111111",
         "resource": {"resourceType": "Medication", "code": {"text": "Ventoline"},
                      "ingredient": [{"item": {"concept": {"text": "salbutamol"}},
                                      "strengthQuantity": {"value": 100, "unit": "µg",
                                                           "system": "http://unitsofmeasure.org", "code": "ug"}}]}},
        {"resource": {
            "resourceType": "MedicationRequest", "status": "on-hold", "intent": "order",
            "medication": {"reference": {"reference": "urn:uuid:11111111-1111-4111-8111-111111111111"}},
            "subject": {"reference": "Patient/1"},
            "dosageInstruction": [{
                "timing": {"repeat": {"frequency": 1, "period": 4, "periodMax": 6, "periodUnit": "h",
                                      "boundsRange": {"low": {"value": 3, "code": "d"},
                                                      "high": {"value": 5, "code": "d"}}}},
                "asNeeded": True, "asNeededFor": [{"text": "essoufflement"}],
                "doseAndRate": [{"doseRange": {"low": {"value": 1, "system": "http://standardterms.edqm.eu",
                                                       "code": "15001000"},
                                               "high": {"value": 2, "system": "http://standardterms.edqm.eu",
                                                        "code": "15001000"}}}],
                "maxDosePerPeriod": [{"numerator": {"value": 8, "system": "http://standardterms.edqm.eu",
                                                    "code": "15001000"},
                                      "denominator": {"value": 24, "code": "h"}}],
            }]}},
    ]}  # fmt: skip


def test_foreign_r4_request():
    assert render(FOREIGN_R4, "en") == (
        "Amlodipine 5 MG Oral Tablet: 1 tablet by mouth twice a day, as needed for pain, "
        "no more than 4 tablets per day, 30 days' supply, 1 refill"
    )
    assert render(FOREIGN_R4, "fr") == (
        "Amlodipine 5 MG Oral Tablet : 1 comprimé par voie orale 2 fois par jour, si douleur, "
        "4 comprimés au maximum par jour, QSP 30 jours, à renouveler 1 fois"
    )


def test_foreign_r5_bundle_and_dosage():
    assert render(FOREIGN_R5, "fr") == (
        "SUSPENDU : Ventoline 100 µg : 1 à 2 bouffées toutes les 4 à 6 heures pendant 3 à 5 jours, "
        "si essoufflement, 8 bouffées au maximum par 24 heures"
    )
    dosage_dict = FOREIGN_R5["entry"][1]["resource"]["dosageInstruction"][0]
    assert render(dosage_dict, "en") == (
        "1 to 2 puffs every 4 to 6 hours for 3 to 5 days, as needed for breathlessness, "
        "no more than 8 puffs per 24 hours"
    )


def test_unknown_codes_are_written_as_fhir_gives_them():
    request = {**FOREIGN_R4, "dosageInstruction": [{
        "route": {"coding": [{"system": "http://snomed.info/sct", "code": "418821007", "display": "Intravitreal"}]},
        "doseAndRate": [{"doseQuantity": {"value": 2, "unit": "gouttelettes", "system": "urn:x", "code": "gt"}}],
    }]}  # fmt: skip
    assert render(request["dosageInstruction"][0], "en") == "2 gouttelettes route: Intravitreal"


def test_language_is_detected_when_not_given():
    assert render({"text": "1 cp le matin", "timing": {"repeat": {"when": ["MORN"]}}}) == "le matin"
    assert render({"text": "1 tab at night", "timing": {"repeat": {"when": ["NIGHT"]}}}) == "at night"


def test_bad_language_and_object():
    with pytest.raises(InputError, match="E023"):
        render(DOLIPRANE, "de")
    with pytest.raises(InputError, match="E024"):
        render(42, "fr")


# --- the narrative and patientInstruction in the Bundle ------------------------------------------


def _div(request: dict) -> ET.Element:
    assert request["text"]["status"] == "generated"
    root = ET.fromstring(request["text"]["div"])  # well-formed XML, or it raises
    assert root.tag == f"{XHTML}div"
    return root


@pytest.mark.parametrize("version", ["R4", "R5"])
def test_narrative_in_the_line_language(version):
    result = posology.structure("Doliprane 1 g : 1 cp 3 fois par jour si douleur & fièvre < 39", fhir_version=version)
    request = result.medication_requests[0]
    root = _div(request)
    assert root.get("lang") == "fr"
    assert "".join(root.itertext()) == posology.render(result, "fr")
    assert "&amp;" in request["text"]["div"] and "&lt;" in request["text"]["div"]  # escaped
    assert [d["patientInstruction"] for d in request["dosageInstruction"]] == [
        posology.render(d, "fr") for d in result.prescription.medications[0].dosages
    ]
    assert to_model(result.bundle_dict, version).type == "collection"


def test_narrative_language_options():
    english = posology.structure("Tab Dolo 650 1-0-1 x 5 days").medication_requests[0]
    assert _div(english).get("lang") == "en" and "in the morning and in the evening" in english["text"]["div"]
    other = posology.structure("Tab Dolo 650 1-0-1 x 5 days", render_lang="fr").medication_requests[0]
    assert "le matin et le soir pendant 5 jours" in other["text"]["div"]
    assert "la nuit" in posology.structure("1 tab at night", lang="fr").medication_requests[0]["text"]["div"]
    with pytest.raises(InputError, match="E023"):
        posology.structure("1 cp", render_lang="de")


def test_narrative_follows_the_request_language():
    from posology.rendering import with_narratives

    request = {"resourceType": "MedicationRequest", "language": "fr-FR", **FOREIGN_R4}
    bundle = with_narratives({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": request}]})
    done = bundle["entry"][0]["resource"]
    assert _div(done).get("lang") == "fr" and "1 comprimé par voie orale 2 fois par jour" in done["text"]["div"]
    english = with_narratives({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": request}]}, "en")
    assert _div(english["entry"][0]["resource"]).get("lang") == "en"
    assert list(done)[:2] == ["resourceType", "language"] and list(done)[2] == "text"  # FHIR element order


def test_detect_lang_on_the_gold_lines():
    from benchmarks.gold_io import load_split

    cases = [c for split in ("examples", "dev", "test") for c in load_split(split)]
    right = sum(detect_lang(c["text"]) == c["lang"] for c in cases)
    assert right >= 0.97 * len(cases), f"{right} / {len(cases)}"


def test_cli_render_lang(capsys):
    from posology.cli import main

    assert main(["structure", "1 cp le matin pendant 5 jours", "--render-lang", "en"]) == 0
    request = json.loads(capsys.readouterr().out)["entry"][0]["resource"]
    assert request["text"]["div"].endswith('lang="en">1 tablet in the morning for 5 days</div>')
    assert request["dosageInstruction"][0]["patientInstruction"] == "1 tablet in the morning for 5 days"
