"""Never invent: texts that tempt a parser into a field the text does not support.

Each test reads the Bundle back into the gold field form (``benchmarks.fhir_fields``), so
what is checked is the FHIR a caller receives.
"""

from __future__ import annotations

from typing import Any

import pytest

import posology
from benchmarks.fhir_fields import read_bundle

VERSIONS = ("R4", "R5")


def structure(text: str, version: str = "R4") -> tuple[list[dict[str, Any]], Any]:
    result = posology.structure(text, fhir_version=version)
    return read_bundle(result.as_dict()).meds, result


def dosages(meds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dosage for med in meds for dosage in med.get("dosages", [])]


def numbers_in(meds: list[dict[str, Any]]) -> set[float]:
    """Every dose and strength value of the output."""
    found = set()
    for med in meds:
        found |= {value for value, _ in med.get("strength", [])}
        for dosage in med.get("dosages", []):
            low, high, _ = dosage.get("dose", [None, None, None])
            found |= {v for v in (low, high) if v is not None}
    return found


def outcome_issues(result) -> list[dict[str, Any]]:
    return [
        issue
        for entry in result.as_dict().get("entry", [])
        if entry["resource"]["resourceType"] == "OperationOutcome"
        for issue in entry["resource"]["issue"]
    ]


# --- a drug name alone, a posology alone -----------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_drug_name_alone(version: str) -> None:
    meds, result = structure("Doliprane", version)
    assert meds == [{"drug": "Doliprane", "dosages": []}]
    (request,) = result.medication_requests
    assert not request.get("dosageInstruction")
    assert any(issue["code"] == "incomplete" for issue in outcome_issues(result))


@pytest.mark.parametrize("version", VERSIONS)
def test_slots_alone_give_no_unit(version: str) -> None:
    meds, result = structure("1-0-1", version)
    assert meds == [{"dosages": [{"dose": [1, None, None], "when": ["EVE", "MORN"]}]}]
    quantity = result.medication_requests[0]["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
    assert quantity == {"value": 1}, "no unit, code or system is guessed"


# --- "à": a clock time or a range -------------------------------------------------------------


def test_a_before_clock_times_is_not_a_range() -> None:
    meds, _ = structure("1 à 7h, 12h et 18h")
    assert dosages(meds) == [{"dose": [1, None, None], "tod": ["07:00:00", "12:00:00", "18:00:00"]}]


def test_a_between_counts_is_a_range() -> None:
    meds, _ = structure("1 à 2 cp")
    assert dosages(meds) == [{"dose": [1, 2, "tablet"]}]


def test_range_then_clock_time() -> None:
    meds, _ = structure("1 à 2 cp à 8h")
    assert dosages(meds) == [{"dose": [1, 2, "tablet"], "tod": ["08:00:00"]}]


# --- OD: once daily, or the right eye ----------------------------------------------------------


def test_od_after_a_tablet_is_once_daily() -> None:
    meds, _ = structure("1 tab OD")
    assert dosages(meds) == [{"dose": [1, None, "tablet"], "freq": [1, None], "period": [1, None, "d"]}]


def _flagged(result, text: str, word: str) -> bool:
    at = text.index(word)
    return any(
        (issue.start is not None and issue.start <= at and at + len(word) <= (issue.end or 0))
        or repr(word) in issue.message
        for issue in result.warnings
    )


@pytest.mark.parametrize(
    "text", ["1 goutte OD", "2 gouttes OD matin et soir pendant 7 jours", "1 gtt OU qhs", "1 drop OS bid"]
)
def test_od_after_a_drop_is_the_right_eye(text: str) -> None:
    """CONVENTIONS §7 settles it: OD / OS / OU after a drop word is an eye, route ocular."""
    meds, _ = structure(text)
    for dosage in dosages(meds):
        assert dosage["route"] == "ocular"
        assert dosage.get("freq") in (None, [2, None])  # "bid" is a frequency, "OD" is not


def test_od_right_eye_keeps_the_stated_frequency() -> None:
    meds, _ = structure("instiller 1 goutte dans l'œil droit (OD) 3 fois par jour")
    (dosage,) = dosages(meds)
    assert dosage["freq"] == [3, None] and dosage["period"] == [1, None, "d"]


# --- a route is never inferred from a form -----------------------------------------------------


@pytest.mark.parametrize(
    "text", ["suppositoire", "1 suppositoire le soir", "Doliprane suppositoire 1 le soir", "2 suppositoires"]
)
def test_suppository_sets_no_route(text: str) -> None:
    meds, result = structure(text)
    assert all("route" not in dosage for dosage in dosages(meds))
    assert all("route" not in d for r in result.medication_requests for d in r.get("dosageInstruction", []))


def test_stated_rectal_route_is_kept() -> None:
    meds, _ = structure("1 suppositoire par voie rectale si fièvre")
    assert dosages(meds) == [{"dose": [1, None, "suppository"], "as_needed": True, "route": "rectal"}]


# --- a fever threshold is a condition, not a dose ------------------------------------------------


@pytest.mark.parametrize(
    "text, dose",
    [
        ("si T° > 38,5 °C", None),
        ("1 cp si T° > 38,5 °C", [1, None, "tablet"]),
        ("Paracétamol 1 g si T° > 38,5°C", [1, None, "g"]),
        ("si fièvre > 38,5°C 1 suppositoire", [1, None, "suppository"]),
    ],
)
def test_fever_threshold_is_as_needed_not_a_dose(text: str, dose) -> None:
    meds, _ = structure(text)
    (dosage,) = dosages(meds)
    assert dosage.get("as_needed") is True
    assert dosage.get("dose") == dose
    assert 38.5 not in numbers_in(meds) and 38 not in numbers_in(meds)


def test_fever_threshold_is_not_a_drug_name() -> None:
    meds, _ = structure("Temp > 38.5 °C : 1 cp")
    assert meds == [{"dosages": [{"dose": [1, None, "tablet"], "as_needed": True}]}]


# --- numbers that belong to a drug name -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, drug, dosage",
    [
        (
            "Vitamine D3 1 ampoule par mois",
            "Vitamine D3",
            {"dose": [1, None, "ampoule"], "freq": [1, None], "period": [1, None, "mo"]},
        ),
        (
            "Vitamine B12 1 cp par jour",
            "Vitamine B12",
            {"dose": [1, None, "tablet"], "freq": [1, None], "period": [1, None, "d"]},
        ),
        ("Vit D3 1 amp", "Vit D3", {"dose": [1, None, "ampoule"]}),
    ],
)
def test_number_in_drug_name_is_not_a_dose(text: str, drug: str, dosage: dict) -> None:
    meds, _ = structure(text)
    assert meds == [{"drug": drug, "dosages": [dosage]}]


@pytest.mark.parametrize("text, drug", [("Vitamine D3", "Vitamine D3"), ("Zinc B6", "Zinc B6")])
def test_drug_name_with_number_alone(text: str, drug: str) -> None:
    meds, _ = structure(text)
    assert meds == [{"drug": drug, "dosages": []}]


def test_b12_alone_is_no_dose() -> None:
    meds, _ = structure("B12")
    assert not dosages(meds) and not numbers_in(meds)


def test_omega_3_is_not_a_dose_of_3() -> None:
    meds, _ = structure("Omega 3 2 caps par jour")
    (dosage,) = dosages(meds)
    assert dosage["dose"] == [2, None, "capsule"]
    assert 3 not in numbers_in(meds)


# --- glued strengths ------------------------------------------------------------------------------


def test_glued_strength_splits_from_the_name() -> None:
    meds, _ = structure("Dolo650mg 1 cp le soir")
    assert meds == [
        {
            "drug": "Dolo",
            "strength": [[650, "mg"]],
            "dosages": [{"dose": [1, None, "tablet"], "when": ["EVE"]}],
        }
    ]


def test_glued_strength_alone_is_the_dose() -> None:
    meds, _ = structure("Dolo650mg")
    assert meds[0]["drug"] == "Dolo"
    assert numbers_in(meds) == {650}


# --- dates and phone numbers are not slots -----------------------------------------------------------


@pytest.mark.parametrize("text", ["12/01/2024", "12-01-2024", "le 12.01.2024", "Tél 01 23 45 67 89"])
def test_date_or_phone_alone_is_no_posology(text: str) -> None:
    meds, result = structure(text)
    assert not dosages(meds)
    assert not numbers_in(meds)
    assert any(issue["code"] == "incomplete" for issue in outcome_issues(result))


@pytest.mark.parametrize("text", ["12/01/2024 1 cp le soir", "Ordonnance du 12/01/2024 : Doliprane 1 cp le soir"])
def test_date_beside_a_posology_is_ignored(text: str) -> None:
    meds, _ = structure(text)
    assert dosages(meds) == [{"dose": [1, None, "tablet"], "when": ["EVE"]}]
    assert meds[0].get("drug") in (None, "Doliprane")


# --- mixed numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [("1 1/2 cp le matin", 1.5), ("2 1/2 comprimés le soir", 2.5)])
def test_mixed_number_dose(text: str, value: float) -> None:
    meds, _ = structure(text)
    (dosage,) = dosages(meds)
    assert dosage["dose"] == [value, None, "tablet"]


# --- nonsense -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "??? !!! ###",
        "-- // ** ...",
        "@@@ %%% &&&",
        "asdf qwer zxcv",
        "Le patient est venu hier avec sa famille",
    ],
)
@pytest.mark.parametrize("version", VERSIONS)
def test_nonsense_gives_no_medication_fields(text: str, version: str) -> None:
    meds, result = structure(text, version)
    assert all(set(med) <= {"dosages"} and not med["dosages"] for med in meds), meds
    assert outcome_issues(result), "an OperationOutcome says nothing was understood"
    for request in result.medication_requests:
        assert not request.get("dosageInstruction")
        assert not request.get("contained"), "no Medication is made up"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("0 fois par jour", "0 fois par jour"),
        ("1 cp 1/2 fois par jour", "1/2 fois par jour"),
        ("Doliprane 1 cp 2,5 fois par jour", "2,5 fois par jour"),
        ("1 cp 0x/j", "0x/j"),
    ],
)
def test_a_frequency_that_is_not_a_whole_number_is_reported_not_rounded(text, span, version) -> None:
    """FHIR's frequency is a positiveInt: 0 or 2.5 times a day is never turned into 1 or 2
    (nor into an invalid Bundle); the words are reported with their offsets."""
    meds, result = structure(text, version)
    assert all(not d.get("freq") for d in dosages(meds))
    start = text.index(span)
    found = [i for i in result.warnings if i.code == "value"]
    assert [(i.start, i.end) for i in found] == [(start, start + len(span))]
    assert "whole number" in found[0].message
    assert all("fois" not in (med.get("drug") or "") for med in meds)


@pytest.mark.parametrize(
    ("text", "drug", "reported"),
    [
        ("Appliquer une fine couche de Diprosone le soir pendant 10 jours", "Diprosone", "couche"),
        ("mettre une noisette de Dexeryl matin et soir", "Dexeryl", "noisette"),
        ("Inj. Human Actrapid 10 units s/c before lunch", "Human Actrapid", None),  # capitalised: kept
        ("Acide folique 5 mg 1 cp par jour", "Acide folique", None),
    ],
)
def test_everyday_words_before_a_known_drug_are_not_its_name(text: str, drug: str, reported: str | None) -> None:
    meds, result = structure(text)
    assert meds[0]["drug"] == drug
    if reported:  # the words left out of the name are reported, not lost
        assert any(i.message == f"[W002] Text not understood: {reported!r}" for i in result.warnings)


@pytest.mark.parametrize(
    ("text", "drug", "expected"),
    [
        ("Ibuprofen 4OO mg TDS", "Ibuprofen", {"dose": [400, None, "mg"], "freq": [3, None]}),
        ("Tab Montair LC O-O-l x 10 days", "Montair LC", {"dose": [1, None, "tablet"], "when": ["EVE"]}),
        ("Zerodol l-0-l x 5 days", "Zerodol", {"dose": [1, None, None], "when": ["EVE", "MORN"]}),
        ("Kardegic 75 mg l sachet Ie midi", "Kardegic", {"dose": [1, None, "sachet"], "when": ["NOON"]}),
        ("Seresta 1O mg 1/2 cp Ie soir", "Seresta", {"dose": [0.5, None, "tablet"], "when": ["EVE"]}),
    ],
)
def test_ocr_letters_for_digits_are_read_as_digits(text: str, drug: str, expected: dict) -> None:
    meds, _ = structure(text)
    assert meds[0]["drug"] == drug
    (dosage,) = meds[0]["dosages"]
    assert {key: dosage.get(key) for key in expected} == expected


def test_letters_that_are_not_digits_stay_letters() -> None:
    meds, _ = structure("Eau de Vichy 2 l par jour")
    assert meds[0]["dosages"][0]["dose"] == [2, None, "L"]  # the litre is not a 1
    from posology.text.tokenizer import ocr_reading

    assert ocr_reading("Il prend Ia Ie") == "Il prend la le"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 comprimÃ© matin et soir pendant l0 jours", {"dose": [1, None, "tablet"], "bounds": [10, None, "d"]}),
        ("Tercian 25 mg l à 2 cp le soir", {"dose": [1, 2, "tablet"], "when": ["EVE"]}),
        ("Tab. Shelcal 500 mg 0-1-0 x l month", {"bounds": [1, None, "mo"]}),
        ("Paracétamol 1 g si douleur toutes les 6 h", {"freq": [1, None], "period": [6, None, "h"], "as_needed": True}),
    ],
)
def test_round_five_families(text: str, expected: dict) -> None:
    meds, _ = structure(text)
    (dosage,) = meds[0]["dosages"]
    assert {key: dosage.get(key) for key in expected} == expected


def test_mojibake_is_read_and_offsets_point_into_the_input() -> None:
    text = "Doliprane 1 comprimÃ© Ã  jeun"
    meds, result = structure(text)
    assert meds[0]["dosages"][0]["dose"] == [1, None, "tablet"]
    from posology.text.offsets import squeeze

    clean, offsets = squeeze(text)
    assert clean == "Doliprane 1 comprimé à jeun"
    start, end = offsets.span(clean.index("comprimé"), clean.index("comprimé") + len("comprimé"))
    assert text[start:end] == "comprimÃ©"


def test_anti_xa_units_are_the_strength_unit() -> None:
    meds, _ = structure("LOVENOX 4000 UI anti-Xa 1 injection SC le soir pendant 10 jours")
    assert meds[0]["drug"] == "LOVENOX" and meds[0]["strength"] == [[4000, "iU"]]
    assert meds[0]["dosages"][0]["dose"] == [1, None, "injection"]


@pytest.mark.parametrize(
    ("text", "strength", "dose"),
    [
        ("1 comprimé de Doliprane 1000 mg le matin", [[1000, "mg"]], [1, None, "tablet"]),
        ("1 injection sous-cutanée de Lovenox 4000 UI par jour", [[4000, "iU"]], [1, None, "injection"]),
        ("2 gélules d'Amoxicilline 500 mg matin et soir", [[500, "mg"]], [2, None, "capsule"]),
    ],
)
def test_count_then_name_then_quantity_is_a_strength(text: str, strength: list, dose: list) -> None:
    meds, _ = structure(text)
    assert meds[0]["strength"] == strength
    assert [d["dose"] for d in meds[0]["dosages"]] == [dose]


def test_a_quantity_after_the_name_without_a_count_stays_the_dose() -> None:
    meds, _ = structure("Doliprane 1000 mg le matin")
    assert "strength" not in meds[0] and meds[0]["dosages"][0]["dose"] == [1000, None, "mg"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [("Oint. T-Bact 2% 1 application BD x 7 days", "T-Bact"), ("Tab. D-Rise 60000 IU once weekly", "D-Rise")],
)
def test_a_capital_letter_and_hyphen_start_the_name(text: str, drug: str) -> None:
    meds, _ = structure(text)
    assert meds[0]["drug"] == drug


@pytest.mark.parametrize("text", ["FUROSEMIDE 40 mg PO 1-0-0", "Furosemide 40 mg per os 1-0-0"])
def test_a_route_between_strength_and_slots_keeps_the_strength(text: str) -> None:
    meds, _ = structure(text)
    assert meds[0]["strength"] == [[40, "mg"]]
    assert meds[0]["dosages"] == [{"dose": [1, None, None], "when": ["MORN"], "route": "oral"}]
