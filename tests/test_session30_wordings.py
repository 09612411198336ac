"""Wordings session 30 read (issue #12). Each case is a variant written here (not a gold line) of a
family read wrong or left silent; each test fails without the reading it checks (docs/decisions.md,
"Session 30 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages

# --- a later phase with a dose and no timing: the first phase's one-intake timing, flagged ---------------


@pytest.mark.parametrize(
    ("text", "timing"),
    [
        ("Seresta 10 mg : 1 cp au coucher pendant 2 semaines puis ½ cp pendant 2 semaines", {"when": ["HS"]}),
        ("Cortancyl 20 mg : 40 mg le matin x 5 j, puis 20 mg x 5 j", {"when": ["MORN"]}),
        (
            "Prednisolone 50 mg once daily for 4 days then 25 mg for 4 days",
            {"freq": [1, None], "period": [1, None, "d"]},
        ),
    ],
)
def test_an_untimed_later_phase_takes_the_first_phases_timing(text: str, timing: dict) -> None:
    first, second = only_dosages(text)
    assert {key: second.get(key) for key in timing} == timing
    assert {key: first.get(key) for key in timing} == timing
    assert flagged(text)  # a reading the text does not write


def test_a_later_phase_after_several_intakes_is_flagged_not_timed() -> None:
    text = "Atarax 25 mg : 1 cp matin et soir pendant 5 jours puis 1 cp pendant 5 jours"
    first, second = only_dosages(text)
    assert sorted(first["when"]) == ["EVE", "MORN"] and "when" not in second and "freq" not in second
    assert flagged(text)  # one a day, or one each time?


def test_a_later_phase_with_its_own_timing_or_as_needed_is_left_alone() -> None:  # controls
    text = "Doliprane 1 g : 1 cp 3 fois par jour pendant 3 jours puis 1 cp si douleur"
    first, second = only_dosages(text)
    assert second.get("as_needed") and "freq" not in second and not flagged(text)
    first, second = only_dosages("Solupred 20 mg, le matin : 3 cp pendant 3 j, puis 2 cp pendant 3 j")
    assert second["when"] == ["MORN"]  # a timing before the first dose heads every phase, as before


# --- a conversion note between a drop or a millilitre and its mass is no dose -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Rivotril 2,5 mg/ml : 5 gouttes le soir (1 goutte = 0,1 mg)",
        "Tranxène gouttes : 1 goutte = 1 mg. Donner 10 gouttes le soir",
        "Haldol 2 mg/ml solution : 10 gouttes 3 fois par jour (10 gouttes = 1 mg)",
    ],
)
def test_a_conversion_note_is_no_dose(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"][2] == "drop" and dosage["dose"][0] in (5, 10)


def test_an_amount_said_twice_stays_the_dose() -> None:  # control: the line's only dose
    (dosage,) = only_dosages("Valium 1% : 30 gouttes = 10 mg le soir")
    assert dosage["dose"] == [30, None, "drop"] and dosage["when"] == ["EVE"]


# --- a maximum per night -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Stilnox 10 mg : ½ cp au coucher si besoin, max 1 cp/nuit",
        "zopiclone 7.5 mg at bedtime prn, no more than 1 tablet per night",
    ],
)
def test_a_maximum_per_night_is_per_day(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["max"] == [1, "tablet", 1, "d"]


# --- "au coucher 1 soir sur 2": bedtime, every other day (not two moments) ---------------------------------


def test_bedtime_every_other_evening_is_one_moment() -> None:
    (dosage,) = only_dosages("Imovane 7,5 mg : 1/2 cp au coucher un soir sur deux")
    assert dosage["when"] == ["HS"] and dosage["period"] == [2, None, "d"]


def test_every_other_evening_alone_stays_the_evening() -> None:  # control
    (dosage,) = only_dosages("Lexomil : 1/4 cp un soir sur deux")
    assert dosage["when"] == ["EVE"]


# --- a dose that depends on the response to treatment is flagged -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Loratadine 10 mg OD for 2 weeks, then 10 mg BD if itch not controlled",
        "Avamys 2 pulv. par narine le matin puis 1 pulv. par narine le matin dès contrôle des symptômes",
        "Propranolol 10 mg x2/j puis 20 mg x2/j si bien toléré",
    ],
)
def test_a_dose_on_the_response_to_treatment_is_flagged(text: str) -> None:
    assert flagged(text)


def test_a_fever_poorly_tolerated_is_a_reason_not_a_response() -> None:  # control
    assert not flagged("Doliprane 500 mg : 1 cp toutes les 6 h si fièvre mal tolérée, pendant 3 jours")


# --- a maximum over regular and as-needed doses of one phase is flagged ------------------------------------


def test_a_maximum_over_regular_and_as_needed_doses_is_flagged() -> None:
    assert flagged("Foster 100/6 : 1 bouffée matin et soir + 1 bouffée si besoin, max 8 bouffées/j")


def test_a_maximum_of_an_as_needed_phase_alone_is_not() -> None:  # control
    assert not flagged("Doliprane 1 g x3/j pendant 3 jours puis 1 g si douleur, max 3 g/j")


# --- units, labels and packs ------------------------------------------------------------------------------


def test_lipase_units_are_a_strength() -> None:
    (med,) = fields("Creon 10,000 lipase units 1 cap with snacks")
    assert med["drug"] == "Creon" and med["strength"] == [[10000, "iU"]]


def test_an_items_label_names_no_drug() -> None:
    text = (
        "Therapy: letrozole 2.5 mg tablet — Take 1 tablet by mouth daily. || Support: calcium carbonate 500 mg"
        " tablet — Take 1 tablet by mouth 2 (two) times a day."
    )
    letrozole, calcium = fields(text)
    assert (letrozole["drug"], calcium["drug"]) == ("letrozole", "calcium carbonate")
    assert calcium["dosages"][0]["freq"] == [2, None] and len(letrozole["dosages"]) == 1
    assert not flagged(text)


def test_a_label_opening_the_line_names_no_drug() -> None:
    (med,) = fields("Premedication: cetirizine 10 mg PO 1 hr before the infusion")
    assert med["drug"] == "cetirizine"


def test_a_starter_pack_is_no_part_of_the_name() -> None:
    (med,) = fields("Otezla titration pack — Take 10 mg by mouth in the morning")
    assert med["drug"] == "Otezla"


@pytest.mark.parametrize(
    ("text", "strengths"),
    [
        ("Triumeq 600-50-300 mg tablet — Take 1 tablet by mouth daily", [[600, "mg"], [50, "mg"], [300, "mg"]]),
        (
            "Stribild 150-150-200-300 mg tablet — take 1 tablet by mouth daily",
            [[150, "mg"], [150, "mg"], [200, "mg"], [300, "mg"]],
        ),
    ],
)
def test_dashed_combination_strengths(text: str, strengths: list) -> None:
    (med,) = fields(text)
    assert med["strength"] == strengths and med["dosages"][0]["dose"] == [1, None, "tablet"]


@pytest.mark.parametrize(
    "text",
    [
        "KARDEGIC 75 mg sach. | 1 sachet le midi | PDA",
        "DOLIPRANE 500 mg gél. | 2 gélules si douleur | HORS PDA",
        "SERESTA 10 mg cp séc. | 0,5 comprimé le soir | PDA (cp coupé) | ord. QSP 1 mois",
    ],
)
def test_a_pill_organiser_sheets_columns_change_nothing(text: str) -> None:
    assert not flagged(text)
    (dosage,) = only_dosages(text)
    assert dosage["dose"][0] in (1, 2, 0.5)


# --- a course counted back from a procedure is flagged ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bisacodyl 5 mg 2 tablets at night for the 2 nights before your colonoscopy",
        "Dulcolax 5 mg : 2 cp le soir pendant 2 jours avant la coloscopie",
    ],
)
def test_a_course_counted_back_from_a_procedure_is_flagged(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"][0] == 2 and "bounds" not in dosage  # no course from today
    assert flagged(text)


# --- a range of time before bedtime: bedtime, flagged (one offset in FHIR) -----------------------------------


@pytest.mark.parametrize(
    "text", ["Mélatonine 2 mg : 1 cp 1 à 2 h avant le coucher", "melatonin 3 mg 1-2 hours before bedtime"]
)
def test_a_range_before_bedtime_is_bedtime_flagged(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["when"] == ["HS"] and "tod" not in dosage and "offset" not in dosage
    assert flagged(text)


def test_one_offset_before_bedtime_stays() -> None:  # control
    (dosage,) = only_dosages("Circadin 2 mg : 1 cp 2 h avant le coucher")
    assert dosage["when"] == ["HS"] and dosage["offset"] == 120


# --- a snack's dose takes no meal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Creon 10000 - 3 caps with meals, 1 cap with snacks",
        "Créon 25000 : 2 gélules aux repas, 1 gélule aux collations",
    ],
)
def test_a_snacks_dose_takes_no_meal(text: str) -> None:
    meals, snacks = only_dosages(text)
    assert meals["when"] == ["C"] and "when" not in snacks


def test_lexomils_bar_is_a_tablet() -> None:
    (dosage,) = only_dosages("Lexomil 6 mg : 1/4 de barrette le soir")
    assert dosage["dose"] == [0.25, None, "tablet"]


def test_pr_after_a_unitless_count_is_flagged() -> None:
    assert flagged("STALORAL 300 IR/ml | J1: 1 pr | J2: 2 pr | J3: 3 pr")


def test_pr_after_a_suppository_stays_rectal_unflagged() -> None:  # control
    (dosage,) = only_dosages("Voltaren supp 100mg 1 pr nocte")
    assert dosage["route"] == "rectal" and not flagged("Voltaren supp 100mg 1 pr nocte")


# --- wave 36: an aged-care chart's sections, labels and brands ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "REGULAR | amlodipine 5 mg tablet [Norvasc] | Dose: 1 tablet; Route: Oral; Freq: once daily; When: morning",
        "SHORT-TERM | amoxicillin 500 mg capsule [Amoxil] | Dose: 1 capsule; Route: Oral; Freq: three times daily",
        "NIM (NURSE INITIATED) | paracetamol 500 mg tablet | Dose: 2 tablets; Route: Oral; Freq: every 6 hours",
    ],
)
def test_a_charts_section_label_and_brand_name_no_drug(text: str) -> None:
    (med,) = fields(text)
    assert med["drug"] in ("amlodipine", "amoxicillin", "paracetamol")
    (dosage,) = med["dosages"]
    assert dosage["route"] == "oral" and "freq" in dosage
    assert not flagged(text)


def test_a_charts_planned_cease_date_is_no_stop() -> None:
    text = "trimethoprim 300 mg tablet | Dose: 1 tablet; Freq: once daily; Duration: 3 days | Cease: 15/03/2025"
    (med,) = fields(text)
    assert med.get("status") in (None, "active") and med["dosages"][0]["bounds"] == [3, None, "d"]


def test_a_ceased_section_stays_a_stop() -> None:  # control
    (med,) = fields("CEASED | temazepam 10 mg tablet | Dose: 1 tablet; When: bedtime | Cease: 01/03/2025")
    assert med["status"] == "stopped"


# --- a dose repeated once after N days (scabies, lice, worms): as written, flagged ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Stromectol 3 mg : 2 comprimés en une prise, à renouveler 7 jours après",
        "Itax lotion : 1 application, renouveler après 7 jours",
        "Fluvermal 100 mg : 1 cp, à renouveler dans 15 jours",
    ],
)
def test_a_dose_repeated_once_after_days(text: str) -> None:
    (med,) = fields(text)
    assert "refills" not in med  # "à renouveler 7 jours après" was 7 refills
    (dosage,) = med["dosages"]
    assert "freq" not in dosage and "period" not in dosage  # kept as written (writers split) …
    assert flagged(text)  # … and flagged


def test_a_refill_stays_a_refill() -> None:  # control
    (med,) = fields("Spasfon 2 cp si douleur, à renouveler 1 fois")
    assert med["refills"] == 1


# --- notes that are no dose ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Oxycodone 5 mg PO q4h PRN pain. Reassess after 2 doses",
        "GTN spray 1 spray sublingual PRN chest pain, if pain persists after 2 doses call 999",
        "phenytoin suspension | Dose: 5 mL; Freq: twice daily | Note: flush NG tube with 20 mL water after",
        "Oramorph 0.1 mg/kg 4 hourly prn, max single dose 5 mg",
    ],
)
def test_a_note_with_a_count_is_no_second_dose(text: str) -> None:
    (med,) = fields(text)
    assert len(med["dosages"]) == 1


# --- moments and days ----------------------------------------------------------------------------------------


def test_a_zero_moment_is_not_taken() -> None:
    (dosage,) = only_dosages("METFORMINE 850 : matin 1 cp — midi 0 — soir 1 cp")
    assert sorted(dosage["when"]) == ["EVE", "MORN"]


def test_a_half_at_noon_stays() -> None:  # control
    first, second = only_dosages("Doliprane 1 cp le midi 0,5 cp le soir")
    assert first["when"] == ["NOON"] and second["dose"][0] == 0.5


def test_the_night_of_a_reason_is_no_moment() -> None:
    (dosage,) = only_dosages("Atarax 25 mg ½ cp le soir si prurit la nuit")
    assert dosage["when"] == ["EVE"] and dosage["as_needed"]


def test_evenings_in_a_row_are_a_course() -> None:
    (dosage,) = only_dosages("Gynopevaryl 150 mg : 1 ovule au coucher 3 soirs de suite")
    assert dosage["bounds"] == [3, None, "d"]


def test_then_as_needed_is_flagged() -> None:
    text = "Ibuprofen 400 mg 1 tab TDS for 3 days then PRN"
    first, second = only_dosages(text)
    assert second["as_needed"] and "freq" not in second and flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Decapeptyl 3 mg IM single dose on day 21",
        "Gonal-f 150 UI SC le soir de J3 à J7, puis 225 UI le soir",
        "Azathioprine 50 mg OD for 2 weeks then 100 mg OD if bloods ok",
    ],
)
def test_a_cycle_day_or_a_result_condition_is_flagged(text: str) -> None:
    assert flagged(text)


def test_penicillin_v_is_a_drug() -> None:
    (med,) = fields("pen V 250 mg bd")
    assert med["drug"] == "pen V" and med["dosages"][0]["freq"] == [2, None]


def test_a_charts_numbered_sequences_are_phases() -> None:
    text = "prednisolone 5 mg | Seq 1: Dose: 30 mg; Freq: daily; Duration: 3 days >> Seq 2: Dose: 10 mg; Freq: daily"
    result = posology.structure(text)
    (request,) = [
        e["resource"] for e in result.as_dict()["entry"] if e["resource"]["resourceType"] == "MedicationRequest"
    ]
    assert [d["sequence"] for d in request["dosageInstruction"]] == [1, 2]  # one after the other, never 40 mg a day
    assert not flagged(text)  # ">>" is no "greater than"


def test_a_line_of_item_labels_names_no_drug() -> None:
    # a thousand "Support:" labels once recursed past Python's limit (RecursionError)
    text = "Support: " * 1000
    (med,) = fields(text)
    assert "drug" not in med and med["dosages"] == [] and flagged(text)
