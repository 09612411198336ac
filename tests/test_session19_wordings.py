"""Wordings the session-19 blind rounds showed (issue #12): a dispensing cabinet's French pick-list,
GP ordonnances, psychiatry, US retail labels, an Australian e-prescribing system, Indian clinic
lists. Each case is a variant written here (not a gold line) of a family read wrong or flagged
for nothing; each test fails without the reading it checks (docs/decisions.md, "Session 19
readings"), except the controls (a reading the session's start already had, kept from moving)."""

from __future__ import annotations

import pytest

from tests.wording_support import fields, flagged, only_dosages

# --- clock times, bedtime ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("AMLODIPINE 5 MG CP - 1 CP - 07:00 / 19:00", ["07:00:00", "19:00:00"]),
        ("Lyrica 75 mg 1 gél à 09:00/13:00/21:00", ["09:00:00", "13:00:00", "21:00:00"]),
    ],
)
def test_hh_mm_times_cut_by_slashes_are_each_a_clock_time(text: str, times: list[str]) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["tod"] == times
    assert not flagged(text)


def test_a_slash_before_hours_stays_an_interval() -> None:  # control
    (dosage,) = only_dosages("1 cp / 8h")
    assert dosage["period"] == [8, None, "h"] and "tod" not in dosage


@pytest.mark.parametrize(
    "text", ["Imovane 7,5 mg : 1 cp le soir, au coucher", "Théralène 5 gouttes le soir - au coucher"]
)
def test_the_evening_then_bedtime_is_one_moment(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["when"] == ["HS"]


def test_four_bare_moments_stay_four() -> None:  # control
    (dosage,) = only_dosages("1 gél matin, midi, soir, au coucher")
    assert dosage["when"] == ["EVE", "HS", "MORN", "NOON"]


# --- as needed, durations, counts ----------------------------------------------------------------


def test_an_as_needed_reason_in_brackets_is_read() -> None:
    text = "SPASFON 80 MG CP - Si besoin (spasmes) : 2 cp, max 6 / 24 h"
    (dosage,) = only_dosages(text)
    assert dosage["as_needed"] is True and dosage["max"] == [6, "tablet", 24, "h"]
    assert not flagged(text)


def test_a_labelled_duration_in_hours() -> None:
    (dosage,) = only_dosages("CEFTRIAXONE 1 G INJ - 1 g IVL x 1/j - Durée : 72 h")
    assert dosage["bounds"] == [72, None, "h"]


@pytest.mark.parametrize(
    "text",
    [
        "AZITHROMYCIN 500 MG TABLET TAKE 2 TABLETS BY MOUTH ONE TIME",
        "METRONIDAZOLE 500 MG TAB TAKE 4 TABLETS BY MOUTH ONE TIME WITH A MEAL",
    ],
)
def test_one_time_on_a_us_label_is_one_administration(text: str) -> None:
    (dosage,) = only_dosages(text)  # never a second dose of "one" tablet
    assert dosage["count"] == 1 and dosage["route"] == "oral"


def test_one_time_daily_stays_a_frequency() -> None:  # control
    (dosage,) = only_dosages("take 1 capsule by mouth one time daily")
    assert dosage["freq"] == [1, None] and "count" not in dosage


@pytest.mark.parametrize(
    "text",
    [
        "Buprénorphine 8 mg 1 cp/j, délivrance fractionnée par 7 jours",
        "Seresta 10 mg 1 cp le soir, délivrance par 14 jours",
    ],
)
def test_a_dispensing_rhythm_is_no_duration(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "bounds" not in dosage
    assert not flagged(text)


# --- restated totals, follow-up tests -------------------------------------------------------------


def test_a_bracketed_total_per_day_is_no_second_dose() -> None:
    (dosage,) = only_dosages("Zyprexa 10 mg : 1 cp ½ le soir (soit 15 mg/j)")
    assert dosage["dose"] == [1.5, None, "tablet"]
    assert not flagged("Zyprexa 10 mg : 1 cp ½ le soir (soit 15 mg/j)")


def test_a_bracketed_total_the_doses_do_not_make_is_flagged() -> None:
    text = "Risperdal 2 mg : 1 cp le matin (soit 6 mg/j)"
    assert len(only_dosages(text)) == 1
    assert flagged(text)


def test_a_follow_up_tests_schedule_after_then_is_no_phase() -> None:
    (dosage,) = only_dosages("Lithium 400 mg : 1 cp le soir. Lithiémie à J7 puis 1 fois par mois pendant 3 mois")
    assert "freq" not in dosage and "bounds" not in dosage


def test_a_dose_after_a_follow_up_test_stays_a_phase() -> None:  # control
    assert len(only_dosages("Coumadine 2 mg 1 cp le soir, INR dans 3 jours puis 1 cp ½ le soir")) == 2


# --- names, brands, orders ------------------------------------------------------------------------


def test_a_sig_codes_take_is_no_drug() -> None:
    (med,) = fields("ATORVASTATIN 40 MG TAB TK 1 TAB PO QHS")
    assert med["drug"] == "ATORVASTATIN" and med["strength"] == [[40, "mg"]]
    assert med["dosages"][0]["when"] == ["HS"]


def test_a_brand_after_a_form_prefix_is_no_order_word() -> None:
    text = "Tab. Pause 250 1-0-1 x 3 days"
    (med,) = fields(text)
    assert med["drug"] == "Pause" and "status" not in med


def test_a_stop_order_after_a_dash_names_the_next_drug() -> None:
    meds = fields("Crestor 10 mg 1 cp le soir - arret du Tahor")
    assert [m["drug"] for m in meds] == ["Crestor", "Tahor"]
    assert "status" not in meds[0] and meds[1]["status"] == "stopped"


def test_new_ends_a_ceased_list() -> None:
    meds = fields("CEASED: Ramipril 5 mg capsule | NEW: Perindopril 4 mg tablet: Take ONE tablet daily")
    assert meds[0]["status"] == "stopped" and "status" not in meds[1]


@pytest.mark.parametrize(
    "text",
    [
        "Pantoprazole 40 mg enteric coated tablet (Somac): Take ONE tablet daily before breakfast",
        "Insulin glargine 100 units/mL injection (Lantus SoloStar): Inject 20 units subcutaneously at night",
    ],
)
def test_a_brand_in_brackets_after_the_product_is_read(text: str) -> None:
    (med,) = fields(text)
    assert med["dosages"]
    assert not flagged(text)


def test_a_supply_after_a_full_stop_is_every_drugs() -> None:
    meds = fields("Amlor 5 mg 1 cp le matin, Lasilix 40 mg 1 cp le matin. QSP 6 mois, à renouveler 5 fois")
    assert [m.get("supply") for m in meds] == [[6, "mo"], [6, "mo"]]
    assert [m.get("refills") for m in meds] == [5, 5]


@pytest.mark.parametrize(
    "text",
    ["Bétaméthasone crème : 1 application le soir sur les plaques", "Cold cream sur les zones sèches 2 fois par jour"],
)
def test_skin_zones_after_sur_are_the_cutaneous_route(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["route"] == "cutaneous"


# --- maxima, counts before SOS, syrups, label cautions --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Imodium 2 mg 2 gél d'emblée en une prise puis 1 gél après chaque selle liquide, max 6 gél par jour",
        "Ibuprofen 400 mg 1 tab TDS for 3 days then 1 tab PRN pain, max 3 tabs/day",
    ],
)
def test_a_maximum_after_the_as_needed_phase_is_that_phases(text: str) -> None:
    first, second = only_dosages(text)
    assert "max" not in first and second["as_needed"] is True and second["max"][0] in (3, 6)


def test_a_maximum_over_phases_with_no_fixed_course_is_every_phases() -> None:  # control
    first, second = only_dosages("Loperamide 2mg: 2 caps initially, then 1 cap after each loose stool, max 8 caps/24h")
    assert first["max"] == second["max"] == [8, "capsule", 24, "h"]


@pytest.mark.parametrize(("text", "reason"), [("Tab. Crocin 500 1 SOS if fever", True), ("Tab Buscopan 1 SOS", False)])
def test_one_before_sos_is_the_dose(text: str, reason: bool) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == [1, None, "tablet"] and dosage["as_needed"] is True
    assert not flagged(text)


def test_a_bare_number_right_after_the_name_before_sos_is_never_silently_a_count() -> None:
    text = "Tab Emeset 4 SOS for vomiting"  # CONVENTIONS §7: a bare number after the name is a strength
    (med,) = fields(text)
    dose = med["dosages"][0].get("dose") if med["dosages"] else None
    assert flagged(text) or dose != [4, None, "tablet"]


def test_a_syrups_bare_strength_then_its_volume_is_not_flagged() -> None:
    text = "Syp. Ibugesic 100 5 ml TDS x 3 days"
    (med,) = fields(text)
    assert med["strength"] == [[100, None]] and med["dosages"][0]["dose"] == [5, None, "mL"]
    assert not flagged(text)


def test_two_figures_before_a_mass_stay_flagged() -> None:  # control
    assert flagged("Amlor 5 10 mg 1 cp le matin")


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Tab. Eltroxin 75 mcg 1 tab early morning", "when", ["MORN"]),
        ("Tab. Folic acid 5 mg 1 tab on all days except Wednesday", "dow", ["fri", "mon", "sat", "sun", "thu", "tue"]),
        ("MOXIFLOXACIN 0.5% EYE DROPS INSTILL 1 DROP INTO RIGHT EYE 3 TIMES DAILY", "route", "ocular"),
    ],
)
def test_words_that_were_left_unexplained(text: str, key: str, value: object) -> None:
    (dosage,) = only_dosages(text)
    assert dosage[key] == value
    assert not flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "NICOTINE 14 MG/24HR PATCH APPLY 1 PATCH DAILY. REMOVE OLD PATCH",
        "AZITHROMYCIN 200 MG/5 ML SUSP GIVE 5 ML BY MOUTH DAILY FOR 3 DAYS. DISCARD REMAINDER",
        "METHOTREXATE 2.5 MG TABLET TAKE 4 TABLETS BY MOUTH ONCE A WEEK ON FRIDAY. DO NOT TAKE DAILY",
    ],
)
def test_a_labels_cautions_are_instructions(text: str) -> None:
    (med,) = fields(text)
    assert "do_not_perform" not in med and len(med["dosages"]) == 1
    assert not flagged(text)


# --- wave 10: GP system lists, pharmacy plans, US discharge summaries -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bisoprolol 5mg tablets | ONE tablet in the morning | 28 tablet | Repeat | Last issued 03/03/2025",
        "Naproxen 500mg tablets - one tablet twice a day with food - 56 tablet - Acute - Issued 11-Apr-2025",
        "Clobetasone 0.05% cream  apply thinly once daily  30 gram  Acute  Issued 02-May-2025",
        "Brinzolamide 10mg/ml eye drops  one drop in both eyes twice daily  5 ml  Repeat",
        "Senna 7.5mg tablets  TWO tablets at night  60 tablet  Repeat  Issue no. 7",
    ],
)
def test_a_gp_lists_quantity_column_before_its_record_columns_is_no_dose(text: str) -> None:
    (dosage,) = only_dosages(text)  # never a second Dosage of 28 tablets, a tube's 30 grams as the dose
    assert "dose" not in dosage or dosage["dose"][0] in (1, 2)
    assert not flagged(text)


def test_a_gp_lists_item_kind_is_no_part_of_the_name() -> None:
    (med,) = fields(
        "Repeat    Amlodipine 10mg tablets    One To Be Taken Each Day    28 tablet    Review Date 01-Sep-2025"
    )
    assert med["drug"] == "Amlodipine"


def test_a_french_databases_dispersible_tablet_is_no_quantity_dispensed() -> None:
    (med,) = fields("AMOXICILLINE 500MG CPR DISP : 2 cp 3 fois par jour pendant 6 jours")
    assert med["strength"] == [[500, "mg"]] and med["dosages"][0]["dose"] == [2, None, "tablet"]


def test_a_pharmacy_plans_header_is_no_drug() -> None:
    (med,) = fields("PLAN DE PRISE - KARDEGIC 75MG PDR SACHET : Matin 0 / Midi 1 / Soir 0")
    assert med["drug"] == "KARDEGIC"


def test_a_count_the_word_maximum_then_its_period_is_a_maximum() -> None:
    (dosage,) = only_dosages("SPASFON LYOC : 1 lyoc si douleur, 6 maximum par jour")
    assert dosage["max"][0] == 6 and dosage["max"][2:] == [1, "d"]


def test_an_as_needed_drug_takes_no_course_from_the_next() -> None:
    meds = fields("EFFERALGAN 1G CPR : 1 cp si fièvre, max 4/j + AMOXICILLINE 1G : 1 cp matin et soir pendant 6 j")
    assert "bounds" not in meds[0]["dosages"][0] and meds[1]["dosages"][0]["bounds"] == [6, None, "d"]


@pytest.mark.parametrize(
    "text",
    [
        "Amlodipine 10 mg tablet: Take 1 tablet by mouth daily; do not take on dialysis days",
        "CONTINUE: metoprolol 25 mg tablet - Take 1 tablet by mouth 2 times daily. Skip evening dose on dialysis days.",
    ],
)
def test_a_dose_left_out_on_dialysis_days_is_flagged(text: str) -> None:
    assert flagged(text)


def test_an_ehrs_dose_record_is_no_timing() -> None:
    text = "START: ceftriaxone 1 g injection - Inject 1 g into the muscle daily for 3 days. Next dose due at 8 AM."
    (dosage,) = only_dosages(text)
    assert "tod" not in dosage and dosage["bounds"] == [3, None, "d"]


def test_ocr_s_between_digits_and_l_before_a_mass_unit_are_digits() -> None:
    assert fields("GLUCOPHAGE 8S0 mg cp 1-0-1")[0]["strength"] == [[850, "mg"]]
    assert fields("NICOTINELL 2l mg/24 h : 1 patch par jour")[0]["strength"] == [[21, "mg"]]


def test_a_moment_before_slots_that_disagree_is_flagged() -> None:
    assert flagged("Bisoce 5 mg : 1 cp le soir 1-0-0")
    assert not flagged("Bisoce 5 mg : 1 cp le matin 1-0-0")  # control


def test_a_drug_in_capitals_after_a_reason_starts_the_next_order() -> None:
    meds = fields("EFFERALGAN 500mg 2 cp 3x/j si fievre IBUPROFENE 200mg 1 cp 3x/j si douleur")
    assert [m["drug"] for m in meds] == ["EFFERALGAN", "IBUPROFENE"]
    assert meds[1]["dosages"][0]["dose"] == [1, None, "tablet"]
