"""Wordings the session-18 blind rounds showed (issue #12): UK hospital discharge (TTO) columns,
a CPOE's French sentences, handwritten French read by OCR, EHPAD plans, US e-prescription sigs,
Indian transcriptions. Each case is a variant written here (not a gold line) of a family read
wrong; each test fails without the reading it checks (docs/decisions.md, "Session 18 readings"),
except the controls (a reading the session's start already had, kept from moving): two doses with
their own moments, ON before a day, a combination's strengths, a count in brackets after a name's
mass, a restart's day and month."""

from __future__ import annotations

import pytest

import posology
from benchmarks.fhir_fields import read_bundle
from tests.wording_support import fields, flagged, only_dosages

# --- the strength before the timing, the count after it ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "strength", "dose"),
    [
        (
            "ATENOLOL 50 mg, comprimé sécable : deux fois par jour, un demi-comprimé",
            [[50, "mg"]],
            [0.5, None, "tablet"],
        ),
        ("Bisoprolol 5 mg once a day, one tablet", [[5, "mg"]], [1, None, "tablet"]),
        ("Levothyrox 75 µg : une fois par jour, un comprimé", [[75, "ug"]], [1, None, "tablet"]),
    ],
)
def test_a_mass_then_the_timing_then_one_counted_dose_is_the_strength(text: str, strength: list, dose: list) -> None:
    (med,) = fields(text)
    assert med["strength"] == strength
    (dosage,) = med["dosages"]
    assert dosage["dose"] == dose


@pytest.mark.parametrize("text", ["Bisoprolol 5 mg le matin, 1 cp le soir", "Prednisolone 40 mg OD, then 20 mg OD"])
def test_a_mass_with_its_own_moment_stays_a_dose(text: str) -> None:
    assert len(only_dosages(text)) == 2


def test_a_french_databases_gastro_resistant_abbreviation_is_no_drug() -> None:
    (med,) = fields("PANTOPRAZOLE 40MG CPR GASTRORES : 1 cp le matin, NE PAS ECRASER")
    assert med["strength"] == [[40, "mg"]] and med["dosages"][0]["dose"] == [1, None, "tablet"]


# --- a UK discharge chart's columns -----------------------------------------------------------------


def test_on_in_capitals_after_the_route_column_is_at_night() -> None:
    (dosage,) = only_dosages("Zopiclone 3.75mg tablets  3.75mg  ORAL  ON  Continue")
    assert dosage["when"] == ["NIGHT"] and dosage["route"] == "oral"


def test_on_in_an_all_capitals_sentence_stays_a_preposition() -> None:
    (dosage,) = only_dosages("TAKE ONE TABLET BY MOUTH ON MONDAY")
    assert dosage["dow"] == ["mon"] and "when" not in dosage


def test_a_dose_range_with_both_units_in_the_dose_column() -> None:
    (med,) = fields("Oxycodone 5mg/5ml oral solution  5mg - 10mg  ORAL  4 HOURLY  PRN")
    assert med["strength"] == [[5, "mg"]]
    assert med["dosages"][0]["dose"] == [5, 10, "mg"] and med["dosages"][0]["route"] == "oral"


def test_an_inverted_dose_range_with_both_units_is_reordered_and_flagged() -> None:
    text = "Oxycodone 5mg/5ml oral solution  10mg - 5mg  ORAL  4 HOURLY  PRN"
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == [5, 10, "mg"] and flagged(text)


def test_a_combinations_two_strengths_before_its_form_stay_strengths() -> None:
    (med,) = fields("hydrocodone-acetaminophen 5 mg-325 mg oral tablet 1 tab every 6 hours as needed")
    assert med["strength"] == [[5, "mg"], [325, "mg"]]


def test_the_tablets_a_mass_dose_is_taken_as_restate_it() -> None:
    (med,) = fields("Methotrexate 2.5mg tablets  10 mg  ORAL  ONCE a WEEK on MONDAY  (4 tablets)  WEEKLY")
    assert [d["dose"] for d in med["dosages"]] == [[10, None, "mg"]]


def test_a_count_in_brackets_after_a_names_mass_is_the_dose() -> None:
    meds = fields("MIDI : KARDEGIC 160MG (1 sachet), AMLOR 5MG (1 gél)")
    assert [m["strength"] for m in meds] == [[[160, "mg"]], [[5, "mg"]]]
    assert [m["dosages"][0]["dose"] for m in meds] == [[1, None, "sachet"], [1, None, "capsule"]]


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 2.5mg capsules  2.5mg  ORAL  OD  - U&Es in 2 weeks",
        "Amlodipine 10 mg OD, GP to review in 6 weeks",
        "Amlodipine 5 mg 1 cp/j, à revoir dans 3 mois",
    ],
)
def test_a_follow_up_in_so_many_weeks_is_no_duration(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "bounds" not in dosage


# --- OCR of handwriting ------------------------------------------------------------------------------


def test_a_thousands_group_in_letters_o() -> None:
    (med,) = fields("Zymad 80 OOO UI 1 ampoule par mois")
    assert med["drug"] == "Zymad" and med["strength"] == [[80000, "iU"]]


def test_a_clock_time_with_a_letter_o() -> None:
    (dosage,) = only_dosages("Dafalgan 1 cp à 8h et 2Oh")
    assert dosage["tod"] == ["08:00:00", "20:00:00"]


def test_two_figures_side_by_side_before_a_unit_are_flagged() -> None:
    assert flagged("Bisoprolol 1,25 2,5 mg 1 cp le matin")
    assert not flagged("Uvedose 100 000 UI 1 ampoule tous les 3 mois")


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Inexium 20 mg 1 cp avant le pt déj", ["ACM"]),
        ("Mopral 20 mg 1 gel au pt dej", ["CM"]),
    ],
)
def test_pt_dej_is_breakfast(text: str, when: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["when"] == when


# --- a US e-prescription's order summary -----------------------------------------------------------


def test_an_ehrs_disp_and_r_are_the_quantity_and_the_refills() -> None:
    (med,) = fields(
        "atorvastatin (LIPITOR) 40 MG tablet Take 1 tablet (40 mg total) by mouth at bedtime. Disp-30 tablet, R-5"
    )
    assert med["refills"] == 5 and len(med["dosages"]) == 1


def test_a_note_after_a_full_stop_is_never_at_night() -> None:
    (dosage,) = only_dosages("Take 1 tablet by mouth daily. NOTE: new dose")
    assert "when" not in dosage


# --- dates in figures --------------------------------------------------------------------------------


def test_a_stops_date_and_time_are_no_dose_and_no_time_of_day() -> None:
    (med,) = fields("RAMIPRIL 5 mg, gélule : ARRÊTÉ le 02/04/2025 à 09h30 (Dr DURAND) - 1 gélule le matin")
    assert med["status"] == "stopped"
    (dosage,) = med["dosages"]
    assert dosage == {"dose": [1, None, "capsule"], "when": ["MORN"]}


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
def test_a_full_date_alone_is_no_posology(engine: str) -> None:
    result = posology.structure("12-01-2024", engine=engine)
    assert not any(med["dosages"] for med in read_bundle(result.as_dict()).meds)
    assert any("W001" in issue.message for issue in result.warnings)


def test_a_restart_date_is_no_clock_time() -> None:
    (dosage,) = only_dosages("Apixaban 2.5mg  BD  - restart 15/08 as per surgeon")
    assert "tod" not in dosage and dosage["dose"] == [2.5, None, "mg"]


# --- Indian transcriptions ------------------------------------------------------------------------


def test_a_syrups_slots_take_the_millilitres_after_them() -> None:
    (dosage,) = only_dosages("Syp Ambrodil 5-5-5 ml x 3 days")
    assert dosage["dose"] == [5, None, "mL"] and dosage["when"] == ["EVE", "MORN", "NOON"]


def test_apply_on_wound_is_cutaneous() -> None:
    (dosage,) = only_dosages("Oint Soframycin apply on wound BD")
    assert dosage["route"] == "cutaneous"


# --- wave 8: a reminder app's headings, a French counter's abbreviations, an Indian HIS ----------------


@pytest.mark.parametrize(
    ("text", "strength", "dose"),
    [
        ("Lasilix 40 mg — Tous les jours à 08:00 : 1 comprimé", [[40, "mg"]], [1, None, "tablet"]),
        ("Méthotrexate 2,5 mg — Tous les vendredis : 6 comprimés", [[2.5, "mg"]], [6, None, "tablet"]),
        ("Circadin 2 mg, comprimé à libération prolongée — Le soir, au coucher : 1 comprimé", [[2, "mg"]], None),
    ],
)
def test_a_reminder_apps_heading_then_the_count(text: str, strength: list, dose: list | None) -> None:
    (med,) = fields(text)
    assert med["strength"] == strength
    (dosage,) = med["dosages"]
    assert dosage["dose"] == (dose or [1, None, "tablet"])


@pytest.mark.parametrize("text", ["Atarax 25mg 1 cp au coucher sb", "Nausicalm 1 gel sb max 3/j"])
def test_sb_is_as_needed(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["as_needed"] is True


def test_a_maximum_of_bouffees() -> None:
    (dosage,) = only_dosages("Ventoline 2 bf si crise max 8 bf/24h")
    assert dosage["max"] == [8, "puff", 24, "h"] and dosage["dose"] == [2, None, "puff"]


def test_pess_is_a_form_word() -> None:
    (med,) = fields("PESS. CANDID-V 1 PESSARY PV HS X 3 DAYS")
    assert med["drug"] == "CANDID-V" and med["dosages"][0]["dose"] == [1, None, "pessary"]
