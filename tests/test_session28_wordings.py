"""Wordings session 28 read (issue #12). Each case is a variant written here (not a gold line) of a
family read wrong or left silent; each test fails without the reading it checks (docs/decisions.md,
"Session 28 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages

# --- a dose for a group of patients: "…, si poids > 120 kg : 3 g/8h" -----------------------------------


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Céfotaxime 1 g IV toutes les 8 h, si poids > 100 kg : 2 g/8h", [1, None, "g"]),
        ("Lovenox 4000 UI SC 1 fois par jour, si poids > 110 kg : 6000 UI", [4000, None, "iU"]),
        ("Gentamicin 5 mg/kg IV q24h; if CrCl < 40: 5 mg/kg q36h", [5, None, "mg/kg"]),
        ("Augmentin 1 g x3/j, si DFG < 30 : 500 mg x2/j", [1, None, "g"]),
    ],
)
def test_a_patient_group_regimen_is_no_second_dose_nor_as_needed(text: str, dose: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == dose and "as_needed" not in dosage
    assert flagged(text)


def test_a_patient_group_condition_alone_keeps_its_order_flagged() -> None:
    (dosage,) = only_dosages("Si DFG < 30 : 500 mg x2/j")
    assert dosage["dose"] == [500, None, "mg"] and "as_needed" not in dosage
    assert flagged("Si DFG < 30 : 500 mg x2/j")


@pytest.mark.parametrize(
    "text",
    [
        "Furosémide 40 mg : 1 cp si poids > 80 kg",  # after its dose: a diuretic's as-needed reason
        "Burinex 1 mg : 1 cp de plus si prise de poids > 2 kg : prévenir le médecin",  # a change of weight
        "Metolazone 2.5 mg OM if weight up > 2 kg",
    ],
)
def test_a_weight_watched_stays_an_as_needed_reason(text: str) -> None:  # controls
    assert any(d.get("as_needed") for d in only_dosages(text))


# --- a patch's removal under a condition ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nicopatch 14 mg/24 h : 1 patch le matin, à retirer au coucher si insomnie",
        "Nicotine 21 mg/24 h patch: apply 1 each morning, remove at bedtime if vivid dreams",
    ],
)
def test_a_condition_of_the_removal_is_no_as_needed_reason(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "as_needed" not in dosage and dosage["dose"] == [1, None, "patch"]
    assert flagged(text)


# --- a count column, a container's volume and a code's number in a dispensing label ----------------------


def test_a_renderer_dose_with_a_plural_mark_is_a_dose_not_a_count() -> None:
    (med,) = fields("CLAFORAN 1 G PDR/SOLV INJ | 1 injection(s) 3 fois par jour")
    assert med["strength"] == [[1, "g"]]
    assert med["dosages"] == [{"dose": [1, None, "injection"], "freq": [3, None], "period": [1, None, "d"]}]


def test_a_count_column_at_the_end_stays_a_count() -> None:  # control
    (dosage,) = only_dosages("INJ. VIT B12 | 1 amp IM weekly | 4 doses")
    assert dosage["count"] == 4


@pytest.mark.parametrize(
    "text",
    [
        "UVEDOSE 100 000 UI SOL BUV AMP 2ML | 1 ampoule(s) tous les 3 mois",
        "LOVENOX 4000 UI SOL INJ SER 0,4ML | 1 injection(s) 1 fois par jour",
    ],
)
def test_a_container_volume_in_the_label_is_no_dose(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"][0] == 1


def test_a_code_number_before_a_colon_is_no_clock_time() -> None:
    (dosage,) = only_dosages("Art. R5132-22 : 1 cp le soir")
    assert "tod" not in dosage


def test_a_list_of_clock_times_with_minutes_is_kept() -> None:  # control
    (dosage,) = only_dosages("1 cp à 08:00, 12:00 et 20:30")
    assert dosage["tod"] == ["08:00:00", "12:00:00", "20:30:00"]


# --- a capitalised name before a form word ----------------------------------------------------------------


def test_a_name_is_no_part_of_the_route_the_linker_reads() -> None:
    (med,) = fields("Tobracine aérosol 300 mg x 2/j")
    assert med["drug"] == "Tobracine"


# --- applications counted per day, a dressing's size ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "freq"),
    [
        ("Fucidine crème : 2 applications par jour sur la plaie", [2, None]),
        ("Dermoval : 1 à 2 applications par jour", [1, 2]),
        ("Apply 3 applications a day to the rash", [3, None]),
    ],
)
def test_applications_per_day_are_a_frequency(text: str, freq: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == freq and "dose" not in dosage


def test_one_application_a_day_stays_a_dose() -> None:  # control
    (dosage,) = only_dosages("Dexeryl : 1 application par jour")
    assert dosage["dose"] == [1, None, "application"] and dosage["freq"] == [1, None]


@pytest.mark.parametrize("text", ["Mepilex 10x10cm : changer tous les 3 jours", "Biatain 15 x 15 cm 1 fois par jour"])
def test_a_dressing_size_is_no_dose_nor_frequency(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "dose" not in dosage and dosage["freq"] == [1, None]


# --- drugs joined by '+' then ', en 1 prise le matin' ----------------------------------------------------


def test_a_moment_said_once_for_drugs_joined_by_plus_is_every_drugs() -> None:
    meds = fields("Rifinah 2 cp/j + Pirilène 500 mg 3 cp/j, en 1 prise le matin à jeun")
    assert [m["dosages"][0].get("when") for m in meds] == [["MORN"], ["MORN"]]


def test_a_moment_of_the_last_drug_alone_stays_its_own() -> None:  # control: no '+', no 'en 1 prise'
    first, second = fields("Kardégic 75 mg 1 sachet/j ; Tahor 20 mg 1 cp/j le soir")
    assert "when" not in first["dosages"][0] and second["dosages"][0]["when"] == ["EVE"]


# --- a dose per kilogram restated as an amount after other clauses ----------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Cubicin 8 mg/kg/24h IV soit 640 mg", "Daptomycine 8 mg/kg IV – poids 80 kg soit 640 mg"],
)
def test_a_computed_amount_after_the_route_is_the_one_dose(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == [640, None, "mg"]


# --- continuous infusions, pauses between day ranges, plans by days written with dashes --------------------


@pytest.mark.parametrize(
    "text",
    ["Héparine 25 000 UI/24h en IVSE", "Vancomycine 2 g/24 h en perfusion continue", "Cefazoline 6 g/24h IVSE"],
)
def test_an_amount_per_hours_infused_continuously_is_flagged(text: str) -> None:
    assert flagged(text)


def test_an_amount_per_hours_without_a_driver_is_not_flagged() -> None:  # control
    assert not flagged("Tazocilline 4 g/8h IVL")


def test_a_pause_between_day_ranges_is_flagged() -> None:
    text = "Fidaxomicine 200 mg 1 cp x2/j de J1 à J5 puis 1 cp un jour sur deux de J7 à J25"
    assert flagged(text)


def test_day_ranges_that_follow_each_other_are_not_flagged() -> None:  # control
    assert not flagged("Zithromax 250 mg : 2 cp J1 puis 1 cp/j J2-J5")


def test_an_open_last_phase_from_a_day_is_its_own_phase() -> None:
    dosages = only_dosages("Pregabalin 75mg caps: 1 ON day 1, 1 BD day 2, 1 TDS from day 3")
    assert [d.get("freq") for d in dosages] == [None, [2, None], [3, None]]
    assert "bounds" not in dosages[2]


@pytest.mark.parametrize(
    "text",
    [
        "Prednisolone 5 mg tabs (dose pack): Day 1 - 6 tabs, Day 2 - 5 tabs, Day 3 - 4 tabs",
        "Prednisone 5 mg: Day 1 - 6 tabs, Day 2 - 5 tabs, Day 3 - 4 tabs",
    ],
)
def test_a_plan_by_days_with_dashes_is_one_drug_in_phases(text: str) -> None:
    (med,) = fields(text)
    assert med["strength"] == [[5, "mg"]]
    assert [d["dose"] for d in med["dosages"]] == [[6, None, "tablet"], [5, None, "tablet"], [4, None, "tablet"]]


def test_a_range_of_days_then_a_dash_is_no_dose_range() -> None:
    dosages = only_dosages("Prednisolone: Days 1-5 - 30 mg daily, Days 6-10 - 15 mg daily")
    assert [d["dose"] for d in dosages] == [[30, None, "mg"], [15, None, "mg"]]


def test_a_dose_range_with_a_dash_stays_a_range() -> None:  # control
    (dosage,) = only_dosages("Paracetamol 1 - 2 tabs QDS PRN")
    assert dosage["dose"] == [1, 2, "tablet"]


# --- a maximum with no period, vaccine doses with a route before their interval, an arrow before the drug --


@pytest.mark.parametrize(
    "text", ["Glucagon 1 mg IM, repeat after 15 min if needed, max 2 mg", "Dexamethasone 0.15 mg/kg PO (max 8 mg)"]
)
def test_a_maximum_with_no_period_is_flagged(text: str) -> None:
    assert flagged(text)


def test_doses_with_a_route_then_their_interval_are_a_count() -> None:
    (dosage,) = only_dosages("Engerix B20 : 3 doses IM à 1 mois d'intervalle")
    assert dosage["count"] == 3 and "dose" not in dosage and dosage["route"] == "intramuscular"


def test_what_leads_to_the_drug_before_an_arrow_is_no_part_of_its_name() -> None:
    (med,) = fields("Intolérance aux statines → EZETROL 10 mg : 1 cp le soir")
    assert med["drug"] == "EZETROL"


def test_an_issue_about_a_dropped_medication_never_breaks_the_bundle() -> None:
    text = "STOP Pipéracilline (hémocs stériles, ECBU E. coli multi-S) → Céfotaxime 1 g/j IV"
    result = posology.structure(text)
    assert not any(issue.severity == "error" for issue in result.review_reasons)
    meds = fields(text)
    assert (meds[0]["drug"], meds[0].get("status")) == ("Pipéracilline", "stopped")
    assert meds[-1]["drug"] == "Céfotaxime" and meds[-1]["dosages"][0]["dose"] == [1, None, "g"]


def test_a_zero_read_as_a_strength_is_dropped_never_an_invalid_bundle() -> None:
    text = "NOVORAPID selon glycémie : < 1,40 : 0 UI ; 1,40 à 2,50 : 3 UI ; > 2,50 : 6 UI"
    result = posology.structure(text)
    assert not any(issue.severity == "error" for issue in result.review_reasons)
    assert all(q[0] > 0 for med in fields(text) for q in med.get("strength", []))
    assert flagged(text)


# --- wave 33: homeopathy, insulin pens, a renderer's fallback label, infusion times, bites ---------------


@pytest.mark.parametrize(
    ("text", "drug", "dose"),
    [
        ("Nux vomica 7 CH 3 granules avant chaque repas", "Nux vomica", [3, None, "pillule"]),
        ("Arnica montana 15CH : 5 granules 3 fois par jour", "Arnica montana", [5, None, "pillule"]),
        ("Pulsatilla 9 CH 5 gr le soir", "Pulsatilla", [5, None, "pillule"]),
    ],
)
def test_a_homeopathic_dilution_is_no_name_and_granules_a_count(  # EDQM pillule 15040000
    text: str, drug: str, dose: list
) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug and med["strength"][0][1] is None  # the dilution's figure, no unit key
    assert med["dosages"][0]["dose"] == dose


@pytest.mark.parametrize(
    ("text", "drug", "drops"),
    [
        ("Crataegus TM : 20 gouttes matin et soir", "Crataegus", 20),
        ("Tilia tomentosa MG 1D 30 gouttes au coucher", "Tilia tomentosa", 30),
    ],
)
def test_a_mother_tincture_or_a_macerate_is_no_name_nor_a_course(text: str, drug: str, drops: int) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug and "strength" not in med
    assert med["dosages"][0]["dose"] == [drops, None, "drop"] and "bounds" not in med["dosages"][0]


def test_lm_after_a_brands_figure_stays_its_strength() -> None:  # control: Diamicron LM, no dilution
    (med,) = fields("Diamicron 30 LM : 2 cp le matin")
    assert med["strength"] == [[30, None]]


def test_gums_counted_per_day_are_flagged() -> None:
    assert flagged("Nicorette 4 mg gommes : 8 à 12 gommes par jour")
    assert not flagged("Nicorette 4 mg : 1 gomme toutes les 2 heures, max 15 gommes par jour")  # control


def test_every_unit_of_presentation_is_known_to_the_unit_registry() -> None:
    import csv
    from pathlib import Path

    from posology.units.registry import convert, dimension

    table = Path(__file__).resolve().parents[1] / "terminologies" / "edqm" / "units_of_presentation.csv"
    keys = [row["key"] for row in csv.DictReader(table.open(encoding="utf-8"))]
    assert "pillule" in keys and "chewing_gum" in keys
    for key in keys:  # a key pint does not know raised inside structure() ("max 25 gommes/j")
        assert dimension(key) is not None and convert(2, key, key) == 2


def test_gr_stays_grams_without_a_dilution() -> None:  # control
    (dosage,) = only_dosages("Augmentin 1 gr matin et soir")
    assert dosage["dose"] == [1, None, "g"]


def test_a_mass_then_mg_in_capitals_stays_a_strength() -> None:  # control: 'MG 1D' needs its D
    (med,) = fields("Doliprane 500 MG 2 cp x3/j")
    assert med["strength"] == [[500, "mg"]] and med["dosages"][0]["dose"] == [2, None, "tablet"]


def test_a_gum_is_a_count_of_its_unit_of_presentation() -> None:  # EDQM 15024000 (no gold key: null)
    (dosage,) = only_dosages("Nicotinell 4 mg : 1 gomme si envie de fumer")
    assert dosage["dose"] == [1, None, "chewing_gum"] and dosage["as_needed"]


def test_a_brands_letters_before_a_number_are_no_meal_timing() -> None:
    (med,) = fields("Sédatif PC 2 cp 3 fois par jour")
    assert med["drug"] == "Sédatif PC" and "when" not in med["dosages"][0]
    assert flagged("Sédatif PC 2 cp 3 fois par jour")  # a guess, as "Cheratussin AC 10 mL …" is


def test_pc_after_a_count_stays_after_meals() -> None:  # control
    (dosage,) = only_dosages("Metformin 850 mg 1 tab PC")
    assert dosage["when"] == ["PC"]


def test_an_insulin_pens_volume_is_no_dose() -> None:
    (dosage,) = only_dosages("Lantus 100 units/ml 3ml SoloStar — 20 units subcutaneously at night")
    assert dosage["dose"] == [20, None, "iU"]


def test_a_renderers_fallback_label_is_no_drug() -> None:
    (med,) = fields("Amoxicillin 500mg capsules — Prescriber's text: ONE THREE TIMES A DAY")
    assert med["drug"] == "Amoxicillin" and med["dosages"][0]["freq"] == [3, None]


def test_once_after_an_infusion_time_is_one_administration() -> None:
    (dosage,) = only_dosages("Magnesium sulfate 2 g IV over 20 min x1")
    assert dosage["count"] == 1 and "freq" not in dosage


def test_a_cream_on_insect_bites_is_cutaneous() -> None:
    (dosage,) = only_dosages("Onctose crème : 1 application sur les piqûres 3 fois par jour")
    assert dosage["route"] == "cutaneous"


def test_an_offset_beside_a_meal_taken_with_it_never_breaks_the_bundle() -> None:
    text = "Doxycycline 100 mg : 1 cp le soir pendant le repas, au moins 1 h avant le coucher"
    result = posology.structure(text)
    assert not any(issue.severity == "error" for issue in result.review_reasons)
    assert "offset" not in only_dosages(text)[0] and flagged(text)
