"""Wordings session 21's last blind wave showed and session 22 read (issue #12): a pharmacy
software's plan de prise export, French GP lines, French nursing administration plans, US discharge
reconciliation, Australian / NZ lines, Indian hospital OPD slips. Each case is a variant written here
(not a gold line) of a family read wrong, silently; each test fails without the reading it checks
(docs/decisions.md, "Session 22 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages

# --- a presentation's name is no route ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ASPEGIC 100MG PDR ORALE SACHET 1 sachet le soir au cours du repas",
        "SMECTA 3G PDR ORALE SACHET : 1 sachet 3 fois par jour",
        "Prednisolone 5mg/mL oral liquid 4mL once daily for 5 days",
        "Nystatin oral gel 1 mL four times a day after food",
    ],
)
def test_oral_in_a_presentation_is_no_route(text: str) -> None:
    (med,) = fields(text)
    assert all("route" not in dosage for dosage in med["dosages"])
    assert med["dosages"][0].get("dose") is not None


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("Doliprane 500 mg 1 sachet par voie orale le soir", "oral"),
        ("Paracetamol 500mg 2 tabs oral four times a day", "oral"),
    ],
)
def test_a_stated_oral_route_stays(text: str, route: str) -> None:  # control
    assert only_dosages(text)[0]["route"] == route


# --- a dispensing software's generic unit ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("EFFERALGAN 500MG CPR | 2 unité(s) x 3 par jour", "tablet"),
        ("IMODIUM 2MG GELULE | 1 unité(s) après chaque selle", "capsule"),
    ],
)
def test_a_generic_unit_of_a_solid_form_counts_the_form(text: str, unit: str) -> None:
    dosage = only_dosages(text)[0]
    assert dosage["dose"][2] == unit


@pytest.mark.parametrize(
    "text",
    [
        "LEVEMIR 100 UI/ML SOL INJ STYLO | 12 unité(s) le soir",
        "Insulatard : 14 unités le matin",
    ],
)
def test_units_of_an_insulin_stay_international_units(text: str) -> None:  # control
    assert any(dosage["dose"][2] == "iU" for dosage in only_dosages(text))


# --- AC in a name, a name after CAP. ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("AMOXICILLINE/AC CLAVULANIQUE 500 mg/62,5 mg : 1 sachet 3 fois par jour", "AMOXICILLINE/AC CLAVULANIQUE"),
        ("AC FOLIQUE 5 MG CPR : 1 cp par jour", "AC FOLIQUE"),
    ],
)
def test_ac_before_an_acid_adjective_is_acide(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug
    assert all("when" not in dosage for dosage in med["dosages"])
    assert med["dosages"][0]["freq"][0] in (1, 3)


def test_ac_before_a_meal_stays_before_meals() -> None:  # control
    assert only_dosages("Glipizide 5 mg 1 tab AC bid")[0]["when"] == ["AC"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("CAP. RABLET D 1-0-1 AFTER FOOD X 10 DAYS", "RABLET D"),
        ("TAB. RABLET 20 1-0-0 X 30 DAYS", "RABLET"),
    ],
)
def test_the_word_after_an_abbreviated_form_is_the_name(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug
    assert med["dosages"][0]["dose"][2] in ("capsule", "tablet")


# --- a presentation's words after the name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("TROLAMINE BIOGARAN EMULS P APPLIC CUTANEE | 1 application matin et soir", "TROLAMINE BIOGARAN"),
        ("Airomir CFC-free inhaler 1-2 puffs when required", "Airomir"),
    ],
)
def test_a_presentations_words_are_no_part_of_the_name(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug


def test_a_hyphened_letter_stays_in_the_name() -> None:  # control
    (med,) = fields("Tab Rantac-D 1-0-1 after food")
    assert med["drug"] == "Rantac-D"


# --- an extra tablet -----------------------------------------------------------------------------------


def test_an_extra_tablet_is_one_more_tablet_of_its_own_clause() -> None:
    text = "Frusemide 40mg one tab in the morning, an extra tab at lunchtime if breathless"
    routine, extra = only_dosages(text)
    assert routine["dose"] == extra["dose"] == [1, None, "tablet"]
    assert routine["when"] == ["MORN"] and "as_needed" not in routine
    assert extra["when"] == ["NOON"] and extra["as_needed"] is True


# --- the dose of the excepted days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "PREVISCAN 20 mg : 1 cp le soir sauf lundi et jeudi 3/4 cp",
        "Warfarin 3mg 1 tab in the evening except Mon and Thu half a tab",
    ],
)
def test_a_dose_after_several_excepted_days_takes_them_all(text: str) -> None:
    first, second = only_dosages(text)
    assert set(first["dow"]) == {"tue", "wed", "fri", "sat", "sun"}
    assert set(second["dow"]) == {"mon", "thu"}
    assert second["dose"][0] in (0.5, 0.75)
    assert second["when"] == first["when"]


def test_a_dose_after_a_comma_is_every_days() -> None:  # control
    first, second = only_dosages("Previscan 1 cp le soir sauf le dimanche, 2 cp le matin")
    assert "dow" in first and "dow" not in second


# --- a plan's columns before the product's label ---------------------------------------------------------


def test_a_mass_after_the_name_after_a_plans_columns_is_the_strength() -> None:
    text = "matin : 1 comprimé | midi : - | soir : 1 comprimé | coucher : -\tAMLODIPINE BIOGARAN 10MG CPR"
    (med,) = fields(text)
    assert med["strength"] == [[10, "mg"]]
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [1, None, "tablet"] and set(dosage["when"]) == {"MORN", "EVE"}
    assert not flagged(text)


# --- read after wave 18 (measured unseen first) ----------------------------------------------------------


def test_a_maximum_an_hour_is_a_maximum_per_hour() -> None:
    (dosage,) = only_dosages("Nicorette QuickMist 1 spray when cravings (max 2 sprays an hour)")
    assert dosage["max"] == [2, "puff", 1, "h"]


def test_ce_soir_is_no_drug() -> None:
    (med,) = fields("Tercian : ne pas donner ce soir, patient somnolent")
    assert med["drug"] == "Tercian" and med.get("do_not_perform") is True


@pytest.mark.parametrize(
    "text",
    [
        "Flucloxacillin 500mg QDS and Penicillin V 500mg QDS, both for 7 days",
        "Co-amoxiclav 625mg TDS and Clarithromycin 500mg BD, both for 7 days",
    ],
)
def test_both_after_two_drugs_shares_the_duration(text: str) -> None:
    meds = fields(text)
    assert len(meds) == 2
    assert all(med["dosages"][0]["bounds"] == [7, None, "d"] for med in meds)


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("Tab. Pantop 40 1-0-0 khali pet x 10 din", [10, None, "d"]),
        ("Tab. Shelcal 500 0-1-0 x 1 mahina", [1, None, "mo"]),
    ],
)
def test_hinglish_days_and_months_are_a_duration(text: str, bounds: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["bounds"] == bounds and "freq" not in dosage


def test_an_acronym_in_a_lower_case_line_is_no_misspelling() -> None:
    # the hybrid's spelling repair read OPAT as "opht" (ophthalmic): OD became the right eye (flagged)
    text = "Teicoplanin 400mg IV OD x 14 days via OPAT"
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == [1, None] and dosage["route"] == "intravenous"


@pytest.mark.parametrize(("text", "drug"), [("Ta b. Razo 20 OD BBF", "Razo"), ("Ca p. Omez 20 1-0-0", "Omez")])
def test_an_item_opener_cut_by_ocr_is_the_form(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug


def test_masses_joined_to_the_strength_are_strengths_when_a_dose_follows() -> None:
    (med,) = fields("Skenan LP gélules 30 mg et 10 mg : 40 mg matin et soir")
    assert med["strength"] == [[30, "mg"], [10, "mg"]]
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [40, None, "mg"]


def test_a_second_mass_with_no_dose_after_it_stays_the_dose() -> None:  # control
    (med,) = fields("Lasilix 40 mg et 20 mg le soir")
    assert [d["dose"] for d in med["dosages"]] == [[20, None, "mg"]]


def test_a_word_in_capitals_opening_a_lower_case_line_is_a_name() -> None:
    # "RABLET" was linked to "tablet" by spelling: the line had no drug
    (med,) = fields("RABLET D : 1 gélule avant le petit-déjeuner pendant 10 jours")
    assert med["drug"] == "RABLET D"


def test_both_shares_with_its_own_pair_only() -> None:
    meds = fields("Cefixime 200mg BD + Ornidazole 500mg BD, both for 5 days; Pantoprazole 40mg OD")
    assert [med["dosages"][0].get("bounds") for med in meds] == [[5, None, "d"], [5, None, "d"], None]


def test_both_stat_is_each_drugs_priority() -> None:  # control (read so at the session's start)
    meds = fields("Ceftriaxone 1g IM + doxycycline 100mg PO, both stat")
    assert [med.get("priority") for med in meds] == ["stat", "stat"]


def test_goli_is_a_tablet() -> None:
    (dosage,) = only_dosages("Tab. Zerodol P 1 goli subah shaam x 3 din")
    assert dosage["dose"] == [1, None, "tablet"] and dosage["bounds"] == [3, None, "d"]


def test_a_misspelt_word_in_capitals_on_a_line_in_capitals_is_still_repaired() -> None:  # control
    (dosage,) = only_dosages("LEXOMIL 6 MG CPR    1/2 CP LE SIOR    Qté : 1")
    assert dosage["when"] == ["EVE"]


def test_hinglish_then_and_half_make_a_second_phase() -> None:
    first, second = only_dosages("Tab. Wysolone 10mg 2 goli subah 3 din, phir aadhi goli subah 3 din")
    assert first["dose"] == [2, None, "tablet"] and second["dose"] == [0.5, None, "tablet"]
    assert first["bounds"] == second["bounds"] == [3, None, "d"]


def test_both_after_a_list_of_two_drugs_with_form_prefixes_shares_the_duration() -> None:
    meds = fields("Tab. Zerodol-P BD, Tab. Rantac 150 BD – both x 3 days")
    assert [med["dosages"][0].get("bounds") for med in meds] == [[3, None, "d"], [3, None, "d"]]


# --- read after wave 19 (measured unseen first) ----------------------------------------------------------


def test_a_quantity_label_after_the_dose_is_the_quantity_to_dispense() -> None:
    text = "ANAPEN 0,3 mg, solution injectable - 1 injection IM en cas de choc anaphylactique - Quantité : 2 stylos"
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == [1, None, "injection"]


def test_a_quantity_label_before_any_dose_stays_the_dose() -> None:  # control
    (dosage,) = only_dosages("Foster 100/6 | Quantité : 2 bouffées | Moment : matin et soir")
    assert dosage["dose"] == [2, None, "puff"]


@pytest.mark.parametrize(
    "text",
    [
        "TEMODAL 100 mg : 2 gél le soir J1 à J5, reprise J29",
        "NEULASTA 6 mg : 1 injection SC par jour de J3 à J7",
    ],
)
def test_days_of_a_cycle_are_flagged(text: str) -> None:
    assert flagged(text)


def test_days_from_the_first_of_a_course_are_not_flagged() -> None:  # control
    assert not flagged("BACTRIM FORTE 1 cp par jour de J1 à J7")


def test_an_ocr_o_in_a_clock_times_minutes_is_a_zero() -> None:
    (dosage,) = only_dosages("Modopar 125 1 gél à 8h3O et 16h")
    assert dosage["tod"] == ["08:30:00", "16:00:00"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Lidocaine viscous 2% 10 mL swish and spit qid prn", "Lidocaine"),
        ("razo d 1 cap before breakfast for 1 month", "razo d"),
    ],
)
def test_presentation_words_and_a_lower_case_letter(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug


def test_a_count_after_a_rotacap_is_of_capsules() -> None:
    (dosage,) = only_dosages("seroflo 250 rotacap 1 twice daily")
    assert dosage["dose"] == [1, None, "capsule"]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("rosuvas 10 1 tab at night after food", ["PCV"]),
        ("Rantac 150 1 tab morning 1 tab night before food", ["ACM", "ACV"]),
    ],
)
def test_the_nights_meal_is_dinner(text: str, when: list) -> None:
    (dosage,) = only_dosages(text)
    assert sorted(dosage["when"]) == when


def test_a_maximum_in_a_day() -> None:
    (dosage,) = only_dosages("ultracet 1 tab sos max 4 tabs in a day")
    assert dosage["max"] == [4, "tablet", 1, "d"] and dosage["as_needed"] is True


def test_a_condition_heading_a_regimen_leaves_its_duration_shared() -> None:
    meds = fields(
        "Si fièvre > 38,5 : CIFLOX 500 mg 1 cp matin et soir + FLAGYL 500 mg 1 cp 3 fois par jour pendant 10 jours"
    )
    assert [med["dosages"][0].get("bounds") for med in meds] == [[10, None, "d"], [10, None, "d"]]


@pytest.mark.parametrize(
    "text",
    [
        "cefazolin (ANCEF) 2 g in sodium chloride 0.9 % 50 mL IVPB, 2 g, intravenous, every 8 hours",
        "dopamine 400 mg in dextrose 5 % 250 mL infusion, 400 mg, intravenous, once",
    ],
)
def test_a_diluent_named_before_its_volume_is_no_dose_nor_strength(text: str) -> None:
    (med,) = fields(text)
    assert all(unit != "%" for _, unit in med.get("strength", []))
    assert all(dosage.get("dose", [None, None, None])[2] != "mL" for dosage in med["dosages"])


# --- read after wave 20 (measured unseen first at efc3159) ------------------------------------------------


def test_pre_filled_in_capitals_is_no_drug() -> None:
    text = "DALTEPARIN 5000 UNITS PRE-FILLED SYRINGES — INJECT 5000 UNITS SUBCUTANEOUSLY ONCE DAILY AT 18:00"
    meds = fields(text)
    assert len(meds) == 1
    (dosage,) = meds[0]["dosages"]
    assert dosage["dose"] == [5000, None, "iU"] and dosage["tod"] == ["18:00:00"]


def test_a_syringe_drivers_rate_per_hour_is_flagged() -> None:
    result = posology.structure("HYDROMORPHONE 10 mg/ml PSE SC : 1 mg/h + bolus de 1 mg toutes les 30 min si douleur")
    # the rate itself is flagged (W023), not only the words around it
    assert any("W023" in issue.message and "1 mg/h" in issue.message for issue in result.review_reasons)


def test_a_patchs_release_per_hour_stays_an_unflagged_strength() -> None:  # control
    text = "DUROGESIC 50 µg/h : 1 patch tous les 3 jours"
    (med,) = fields(text)
    assert med["strength"] == [[50, "ug"]] and not flagged(text)


def test_a_bolus_is_its_own_as_needed_dose_beside_the_infusion() -> None:
    infusion, bolus = only_dosages("Oxycodone SC 10 mg/24h, bolus 1 mg si douleur (délai 20 min)")
    assert "as_needed" not in infusion and infusion["period"] == [24, None, "h"]
    assert bolus["dose"] == [1, None, "mg"] and bolus["as_needed"] is True


def test_an_extra_mass_with_its_condition_is_its_own_dose() -> None:
    routine, extra = only_dosages("Frusemide 40 mg tablet — 40 mg orally mane, extra 20 mg at 1400 if weight up")
    assert routine["when"] == ["MORN"] and "as_needed" not in routine
    assert extra["dose"] == [20, None, "mg"] and extra["tod"] == ["14:00:00"] and extra["as_needed"] is True


def test_as_per_names_no_drug() -> None:
    text = "WARFARIN — AS PER YELLOW BOOK. GIVE AT 17:00"
    assert [med["drug"] for med in fields(text)] == ["WARFARIN"]
    assert flagged(text)  # the dose is set elsewhere: "yellow book" is a word not understood


@pytest.mark.parametrize("text", ["Oint Mupirocin LA BD x 5 days", "Cream Luliconazole LA OD x 2 wks"])
def test_la_after_a_topicals_name_is_the_local_application(text: str) -> None:
    (med,) = fields(text)
    assert " LA" not in med["drug"] and med["dosages"][0]["route"] == "cutaneous"


def test_la_of_a_long_acting_product_stays_in_the_name() -> None:  # control
    (med,) = fields("Zoladex LA 10.8 mg implant every 12 weeks")
    assert med["drug"] == "Zoladex LA"


def test_a_patch_behind_the_ear_is_no_ear_route() -> None:
    (dosage,) = only_dosages("Hyoscine 1 mg/72 h patch: 1 patch derrière l'oreille tous les 3 jours")
    assert "route" not in dosage and dosage["period"] == [3, None, "d"]


def test_drops_in_the_ear_stay_auricular() -> None:  # control
    (dosage,) = only_dosages("Otipax 4 gouttes dans l'oreille 2 fois par jour")
    assert dosage["route"] == "auricular"


def test_en_alternance_avec_is_no_part_of_the_second_name() -> None:
    meds = fields("DOLIPRANE 1000 mg — 1 comprimé si douleur, en alternance avec NUROFEN 400 mg 1 comprimé si besoin")
    assert [med["drug"] for med in meds] == ["DOLIPRANE", "NUROFEN"]


def test_removing_the_previous_days_patch_is_an_instruction() -> None:
    text = "EXELON 9.5MG/24HOURS TRANSDERMAL PATCHES — APPLY ONE PATCH EACH MORNING. REMOVE PREVIOUS DAY'S PATCH"
    meds = fields(text)
    assert [med["drug"] for med in meds] == ["EXELON"]
    assert meds[0]["dosages"][0]["dose"] == [1, None, "patch"]
