"""Wordings the session-10 blind rounds and the open families showed (issue #12). Each case is a
variant written here (not a gold line) of a family read wrong; each test fails without the reading
it checks (docs/decisions.md, "Session 10 readings")."""

from __future__ import annotations

import pytest

import posology

NASAL, OCULAR, CUTANEOUS, INHALED, RECTAL = "20049000", "20051000", "20003000", "20020000", "20061000"


def result(text: str):
    return posology.structure(text)


def meds(text: str):
    return result(text).prescription.medications


def warnings(text: str) -> list[str]:
    return [i.message for i in result(text).warnings if i.severity == "warning"]


# --- a merged phrase no rule read is a word lost, never silence -------------------------------


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("1 gél le soir, pas plus de", "pas plus de"),
        ("2 puffs prn, do not take more than", "do not take more than"),
    ],
)
def test_a_merged_phrase_no_rule_read_is_reported_for_review(text: str, phrase: str) -> None:
    res = result(text)
    assert res.needs_review
    assert any(phrase in m for m in warnings(text))


@pytest.mark.parametrize(
    "text",
    [
        "Lactulose 10 ml to be taken twice a day",
        "Cyanocobalamin 1 ml to be given by intramuscular injection monthly",
    ],
)
def test_a_label_participle_is_no_review(text: str) -> None:
    assert not result(text).needs_review


# --- washes and saline --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, route",
    [
        ("Lavages de nez au sérum physiologique matin, midi et soir", NASAL),
        ("lavage du nez au serum phy 3 fois par jour", NASAL),
        ("Lavage oculaire au sérum physiologique matin et soir", OCULAR),
    ],
)
def test_a_wash_names_the_route_and_the_saline_is_the_product(text: str, route: str) -> None:
    (med,) = meds(text)
    assert med.name is not None and med.name.lower().startswith("s")  # sérum …, never "Lavage …"
    assert [d.route.code for d in med.dosages] == [route]


def test_saline_as_a_diluent_is_no_product() -> None:
    (med,) = meds("Ceftriaxone 1 g dans 50 mL de sérum physiologique IV par jour")
    assert med.name == "Ceftriaxone"


def test_jusqu_a_nouvel_ordre_is_no_end_date_and_no_flag() -> None:
    res = result("Bisoprolol 2,5 mg 1 cp le matin jusqu'à nouvel ordre")
    assert not res.needs_review
    (dosage,) = res.prescription.medications[0].dosages
    assert dosage.timing.bounds is None


def test_for_up_to_a_duration_is_the_duration() -> None:
    res = result("Temazepam 10mg at night if needed for up to 7 days")
    (dosage,) = res.prescription.medications[0].dosages
    assert (dosage.timing.bounds.value, dosage.timing.bounds.unit) == (7, "d")
    assert not res.needs_review  # "up to" read, not left over


# --- a French drug database's presentation words are never a second drug ------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("FUCITHALMIC 1 % GEL OPHT EN RECIPIENT UNIDOSE : 1 goutte matin et soir", "FUCITHALMIC"),
        ("INNOHEP 10 000 UI/0,5 ML SOL INJ SER PREREMPLIE : 1 injection par jour", "INNOHEP"),
        ("PANTOPRAZOLE 40 MG CPR GASTRO-RESISTANT NS : 1 cp le matin", "PANTOPRAZOLE"),
        ("KEPPRA 500 MG CPR - NON SUBSTITUABLE : 1 cp matin et soir", "KEPPRA"),
    ],
)
def test_database_presentation_words_and_mentions_are_no_drug(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name
    assert all(d.dose.low.unit not in ("mg", "iU") for d in med.dosages)  # the strength stays one


def test_pr_before_a_form_word_is_pour_never_rectal() -> None:
    (med,) = meds("BECOTIDE 250 µg/DOSE SUSP PR INHAL : 2 bouffées matin et soir")
    assert all(d.route is None or d.route.code != RECTAL for d in med.dosages)


def test_ns_on_an_english_line_stays_normal_saline() -> None:
    assert [m.name for m in meds("NS 1000 mL IV over 8 hours")] == ["NS"]


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, drops", [("XX gouttes au coucher", 20), ("Laroxyl X gttes le soir", 10)])
def test_capital_roman_numerals_count_drops(text: str, drops: int) -> None:
    (dosage,) = meds(text)[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (drops, "drop")


def test_une_after_a_separator_before_a_meal_is_a_count_of_one() -> None:
    dosages = meds("trois comprimés au déjeuner, un au dîner")[0].dosages
    assert sorted((d.dose.low.value, d.timing.when) for d in dosages) == [(1, ("CV",)), (3, ("CD",))]


# --- routes and units by body site and by wording ---------------------------------------------------


@pytest.mark.parametrize(
    "text, route",
    [
        ("Xalatan : 1 gtte ODG le soir", OCULAR),
        ("1 goutte dans les 2 yeux 3 fois par jour", OCULAR),
        ("Lamisil crème : 1 application par jour entre les orteils", CUTANEOUS),
        ("Cream Candid L/A TDS", CUTANEOUS),
        ("Nebulization with Duolin 1 respule TDS", INHALED),
    ],
)
def test_routes_named_by_a_site_or_an_abbreviation(text: str, route: str) -> None:
    assert [d.route.code for d in meds(text)[0].dosages] == [route]


def test_into_the_lungs_is_the_inhaled_route_and_no_review() -> None:
    res = result("Inhale 1 puff into the lungs daily")
    assert [d.route.code for d in res.prescription.medications[0].dosages] == [INHALED]
    assert not res.needs_review


def test_before_feeds_is_before_meals_and_a_packet_is_a_sachet() -> None:
    (dosage,) = meds("Syp Cyclopam 2.5 ml BD before feeds")[0].dosages
    assert dosage.timing.when == ("AC",)
    (dosage,) = meds("mix 1 packet in 8 oz of water once daily")[0].dosages
    assert dosage.dose.low.unit == "sachet"


def test_an_ehr_days_supply_and_rfl_label() -> None:
    (med,) = meds("1 tablet daily. Days supply: 90. Rfl: 3")
    assert (med.supply.value, med.supply.unit, med.refills) == (90, "d", 3)


# --- what a topical or a mouthwash is left to do ----------------------------------------------------


def test_leave_on_time_is_an_instruction_never_a_supply() -> None:
    (med,) = meds("Ketoderm 2 % : 1 application 2 fois par semaine, rincer après 5 minutes")
    assert med.supply is None
    (dosage,) = med.dosages
    assert dosage.timing.bounds is None and any("5 minutes" in i for i in dosage.additional_instructions)


def test_then_swallow_after_a_mouthwash_is_no_next_phase() -> None:
    (med,) = meds("Fungizone : 1 c. à café 3 fois par jour en bain de bouche puis avaler pendant 10 jours")
    (dosage,) = med.dosages
    assert (dosage.timing.frequency, dosage.timing.bounds.value) == (3, 10)


# --- the next drug of a list, named before a colon ------------------------------------------------


def test_a_capitalised_item_before_a_colon_after_a_first_drug_is_the_next_drug() -> None:
    first, second = meds("Valaciclovir 500 mg : 1 cp matin et soir;\nZovirax : 5 fois par jour pendant 5 jours")
    assert (first.name, second.name) == ("Valaciclovir", "Zovirax")
    assert second.dosages[0].timing.frequency == 5 and first.dosages[0].timing.frequency is None


# --- headers, forms and moments that several rounds wrote alike ---------------------------------


def test_an_as_needed_header_before_the_first_drug_is_every_drugs() -> None:
    first, second = meds("Si besoin : DOLIPRANE 500 MG 2 cp toutes les 6 h + ACUPAN 20 MG 1 amp 3 fois par jour")
    assert all(d.as_needed for d in (*first.dosages, *second.dosages))
    one, other = meds("Doliprane 1 g si besoin + Spasfon 2 cp 3 fois par jour")  # not a header: its own drug's
    assert one.dosages[0].as_needed and not other.dosages[0].as_needed


def test_gel_buccal_is_a_form_name_with_no_route() -> None:
    (dosage,) = meds("Fungizone gel buccal : 1 cuillère-mesure 3 fois par jour")[0].dosages
    assert dosage.route is None


def test_at_night_before_bed_is_bedtime_alone() -> None:
    (dosage,) = meds("Amitriptyline 10mg tablets - one at night before bed")[0].dosages
    assert dosage.timing.when == ("HS",)


def test_a_moment_header_before_the_first_drug_is_every_drugs() -> None:
    first, second = meds("Soir : SIMVASTATINE 20MG 1 cp ; LOXEN 20MG 1 cp")
    assert first.dosages[0].timing.when == second.dosages[0].timing.when == ("EVE",)
    one, other = meds("Soir : SIMVASTATINE 20MG 1 cp ; LOXEN 20MG 1 cp le matin")  # its own moment
    assert other.dosages[0].timing.when == ("MORN",)


def test_an_ehr_label_before_a_colon_is_no_next_drug() -> None:
    assert [m.name for m in meds("Sertraline 50 mg tablet - 1 tablet, Events: HS, route: Oral")] == ["Sertraline"]


# --- plans in columns and their meals ---------------------------------------------------------------


def test_plan_columns_with_no_colon_are_slots() -> None:
    (dosage,) = meds("AMOXICILLINE 500MG GELULE : Matin 2 - Midi 2 - Soir 2")[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (2, "capsule")
    assert sorted(dosage.timing.when) == ["EVE", "MORN", "NOON"]


@pytest.mark.parametrize(
    "text", ["1-0-1 (pendant le repas)", "GLUCOPHAGE 850 : Matin : 1 | Soir : 1 (au milieu du repas)"]
)
def test_a_meal_in_parentheses_after_slots_is_kept(text: str) -> None:
    (dosage,) = meds(text)[0].dosages
    assert sorted(dosage.timing.when) == ["CM", "CV"]


def test_named_meals_after_slots_of_distinct_amounts_go_to_their_slot() -> None:
    dosages = meds("INJ. INSULATARD 16U-0-8U S/C BEFORE BREAKFAST AND DINNER")[0].dosages
    assert sorted((d.dose.low.value, d.timing.when) for d in dosages) == [(8, ("ACV",)), (16, ("ACM",))]


def test_waking_in_case_of_is_a_condition() -> None:
    (dosage,) = meds("THERALENE 5MG : 1 cp la nuit en cas de réveil")[0].dosages
    assert dosage.as_needed and "WAKE" not in dosage.timing.when


def test_when_a_patch_comes_off_is_no_moment_of_administration() -> None:
    (dosage,) = meds("Nicorette 25mg/16h patch: apply 1 patch on waking, remove at bedtime")[0].dosages
    assert dosage.timing.when == ("WAKE",)


# --- Indian discharge and Australian label shorthand ----------------------------------------------


def test_nth_hourly_is_every_n_hours() -> None:
    (dosage,) = meds("T. PARACETAMOL 500 MG 1 TAB 8TH HOURLY")[0].dosages
    assert (dosage.timing.period, dosage.timing.period_unit) == (8, "h")


def test_x_one_week_after_a_route_is_a_duration_never_a_count() -> None:
    (dosage,) = meds("E/D TOBRAMYCIN 1 DROP QID IN BOTH EYES X 1 WEEK")[0].dosages
    assert dosage.timing.count is None and (dosage.timing.bounds.value, dosage.timing.bounds.unit) == (1, "wk")


@pytest.mark.parametrize(
    "text, route", [("T. DOLO 650 1 TAB P/O TDS", "20053000"), ("SUPP. DULCOLAX 1 P/R HS", RECTAL)]
)
def test_slashed_route_abbreviations(text: str, route: str) -> None:
    assert [d.route.code for d in meds(text)[0].dosages] == [route]


def test_australian_quantity_and_repeats() -> None:
    (med,) = meds("Perindopril 5mg 1 tab mane Qty 30 Rpt 5")
    assert med.refills == 5 and [d.dose.low.value for d in med.dosages] == [1]


def test_a_form_abbreviation_after_an_order_verb_is_no_drug() -> None:
    (med,) = meds("HOLD T. CLOPIDOGREL")
    assert med.name == "CLOPIDOGREL" and med.status == "on-hold"


def test_a_per_kilo_dose_said_once_a_day_is_no_daily_total_to_split() -> None:
    assert not result("Zithromax 40 mg/ml : 20 mg/kg 1 fois par jour pendant 3 jours").needs_review
    assert result("Zithromax 40 mg/ml : 20 mg/kg/j pendant 3 jours").needs_review  # intakes not said: W022


def test_numbered_dosage_labels_are_phases_one_after_the_other() -> None:
    (med,) = meds(
        "Cortancyl 5 mg : Posologie 1 : 4 comprimés le matin pendant 3 jours. Posologie 2 : 2 comprimés le matin"
    )
    assert [(m.value, m.unit) for m in med.strengths] == [(5, "mg")]
    assert [(d.sequence, d.dose.low.value) for d in med.dosages] == [(1, 4), (2, 2)]


# --- UK EPMA and US sig shorthand ---------------------------------------------------------------


def test_administration_times_in_brackets_are_all_kept() -> None:
    (dosage,) = meds("CEFUROXIME 750 mg IV THREE times a day (06:00, 14:00, 22:00)")[0].dosages
    assert dosage.timing.time_of_day == ("06:00:00", "14:00:00", "22:00:00")


def test_a_clock_time_then_x_n_doses_keeps_both() -> None:
    (dosage,) = meds("AMIKACIN 15 mg/kg IV ONCE a day at 10:00 x 5 doses")[0].dosages
    assert dosage.timing.time_of_day == ("10:00:00",) and dosage.timing.count == 5


def test_tto_is_a_label_never_a_drug() -> None:
    assert [m.name for m in meds("TTO - APIXABAN 5 mg ORAL TWICE a day")] == ["APIXABAN"]


def test_div_bid_splits_a_daily_total() -> None:
    (dosage,) = meds("Cefdinir 14 mg/kg/day po div bid x 10 days")[0].dosages
    assert (dosage.dose.low.value, dosage.timing.frequency) == (7, 2)


def test_ss_after_a_unit_is_half_of_it() -> None:
    (dosage,) = meds("Metoprolol 25 mg tab ss po bid")[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (0.5, "tablet")


def test_w_slash_food_is_with_meals() -> None:
    (dosage,) = meds("Metformin 500 mg 1 tab po bid w/ food")[0].dosages
    assert dosage.timing.when == ("C",)


def test_eye_drops_name_the_ocular_route_and_a_written_site_wins() -> None:
    (dosage,) = meds("Fucithalmic eye drops 1 drop BD for 7 days")[0].dosages
    assert dosage.route.code == OCULAR
    (dosage,) = meds("Ciplox eye/ear drops 3 drops in the left ear TDS")[0].dosages
    assert dosage.route.code == "20001000"  # auricular


def test_with_or_without_food_is_no_meal() -> None:
    res = result("Rivaroxaban 10 mg 1 tab daily with or without food")
    assert not res.needs_review and res.prescription.medications[0].dosages[0].timing.when == ()


def test_a_form_named_route_before_the_drug_leaves_the_drug_its_name() -> None:
    (med,) = meds("EYE DROPS TOBRACIN | 1 drop 3 times a day in right eye | 5 days")
    assert med.name == "TOBRACIN" and med.dosages[0].route.code == OCULAR


def test_a_form_word_hyphened_to_a_lower_case_word_opens_the_brand() -> None:
    assert [m.name for m in meds("Gel-larmes : 1 goutte dans chaque œil 3 fois par jour")] == ["Gel-larmes"]
    assert [m.name for m in meds("Tab-Dolo 650 1-0-1")] == ["Dolo"]  # a capital after the hyphen: the form


# --- fourth wave: conditions, cycles, clock lists, renderers' sequences -------------------------


def test_the_time_a_threshold_is_measured_over_is_no_course() -> None:
    (dosage,) = meds("Furosémide 40 mg : 1 cp si prise de poids > 2 kg en 2 jours")[0].dosages
    assert dosage.as_needed and dosage.timing.bounds is None


def test_two_whole_hours_in_a_row_are_two_clock_times() -> None:
    (dosage,) = meds("Sinemet 100 1 cp à 8h 13h et 19h")[0].dosages
    assert dosage.timing.time_of_day == ("08:00:00", "13:00:00", "19:00:00")


@pytest.mark.parametrize(
    "text", ["Xeloda 500 mg : 2 cp par jour pendant 14 jours, tous les 21 jours", "1 cp par jour tous les 3 jours"]
)
def test_two_different_periods_for_one_dose_are_flagged(text: str) -> None:
    assert any("W022" in m for m in warnings(text))


def test_an_interval_then_x_n_is_no_second_period() -> None:
    assert not result("Nitrostat 0.4 mg 1 tab SL q5min x3 prn chest pain").needs_review


def test_upto_thrice_a_day_is_at_most_three() -> None:
    (dosage,) = meds("Tab Combiflam 1 tab SOS upto thrice a day")[0].dosages
    assert (dosage.timing.frequency, dosage.timing.frequency_max) == (1, 3)


def test_a_renderers_once_per_interval_range() -> None:
    (dosage,) = meds("1 tablet(s), Do Once per 6-8 hours, as needed for pain")[0].dosages
    assert (dosage.timing.period, dosage.timing.period_max, dosage.timing.period_unit) == (6, 8, "h")
    assert dosage.timing.bounds is None


def test_renderer_sequences_are_phases() -> None:
    (med,) = meds("Methylprednisolone — Sequence 1: 32 mg, once daily, for 3 days; Sequence 2: 16 mg, once daily")
    assert [(d.sequence, d.dose.low.value) for d in med.dosages] == [(1, 32), (2, 16)]
    assert med.dosages[1].timing.bounds is None


def test_every_night_at_bedtime_is_bedtime() -> None:
    (dosage,) = meds("Inject 22 units under the skin every night at bedtime")[0].dosages
    assert dosage.timing.when == ("HS",)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Cr. Candid apply over affected skin BD", "Candid"),
        ("Vancomycin: infuse 1 g intravenously every 12 hours", "Vancomycin"),
        ("T Amlodac 5 1-0-0", "Amlodac"),
    ],
)
def test_form_abbreviations_and_verbs_are_no_part_of_the_name(text: str, name: str) -> None:
    assert [m.name for m in meds(text)] == [name]


def test_a_lone_t_before_a_name_is_the_tablet_form() -> None:
    (dosage,) = meds("T Amlodac 5 1-0-0")[0].dosages
    assert dosage.dose.low.unit == "tablet"


def test_call_911_and_up_to_n_doses() -> None:
    text = "NTG 0.4 mg: 1 tablet under the tongue every 5 minutes as needed, up to 3 doses. Call 911 if pain persists."
    (med,) = meds(text)  # no drug "Call"
    (dosage,) = med.dosages
    assert dosage.timing.count == 3 and [(q.value, q.unit) for q in med.strengths] == [(0.4, "mg")]


def test_a_pea_sized_amount_is_no_drug() -> None:
    assert [m.name for m in meds("Apply a pea-sized amount to the face at night")] == [None]


def test_an_open_titration_after_phases_is_the_last_phases_instruction() -> None:
    text = "Leponex 25 mg : ½ cp le soir le premier jour, puis 1 cp le soir, puis augmenter de 25 mg par jour"
    first, last = meds(text)[0].dosages
    assert first.additional_instructions == () and any("augmenter" in i for i in last.additional_instructions)


@pytest.mark.parametrize("text", ["tkae 1 tablet twice a day", "aplly to the affected area bid"])
def test_a_misspelt_instruction_verb_is_no_drug_and_is_flagged(text: str) -> None:
    res = result(text)
    assert [m.name for m in res.prescription.medications] == [None] and res.needs_review


def test_an_orders_reason_after_a_dash_is_no_second_drug() -> None:
    res = result("HOLD metformin - AKI")
    assert [(m.name, m.status) for m in res.prescription.medications] == [("metformin", "on-hold")]
    assert [m.name for m in meds("STOP Aspirin - Clopidogrel")] == ["Aspirin", "Clopidogrel"]  # a drug: kept


def test_a_phase_from_the_ner_needs_a_word_of_succession() -> None:
    # the model read "PDR" (a powder's abbreviation) as a next phase: the strength became a dose
    (med,) = meds("KARDEGIC 160 MG PDR 1 sach/j QSP 90 j")
    assert [(q.value, q.unit) for q in med.strengths] == [(160, "mg")]
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [(1, "sachet")]


def test_a_patch_worn_twelve_hours_out_of_24_is_a_cycle_never_a_clock_time() -> None:
    res = result("Versatis 5 % : 1 patch à laisser 12 h sur 24")
    assert res.prescription.medications[0].dosages[0].timing.time_of_day == ()
    assert any("W022" in m for m in warnings("Versatis 5 % : 1 patch à laisser 12 h sur 24"))


# --- sixth wave: US sig numerals, leading decimals, vitamin letters --------------------------------


@pytest.mark.parametrize(
    "text, dose, unit",
    [
        ("Latanoprost 0.005% gtt i OU qhs", 1, "drop"),
        ("Amoxicillin 500 mg caps ii stat", 2, "capsule"),
        ("tab iss po tid", 1.5, "tablet"),
    ],
)
def test_roman_numerals_after_the_unit_are_the_dose(text: str, dose: float, unit: str) -> None:
    assert [(d.dose.low.value, d.dose.low.unit) for d in meds(text)[0].dosages][:1] == [(dose, unit)]


def test_a_leading_decimal_point_is_a_fraction_and_flagged() -> None:
    res = result("Lorazepam .5mg po q8h prn")
    (dosage,) = res.prescription.medications[0].dosages
    assert dosage.dose.low.value == 0.5 and any("leading decimal" in m for m in warnings("Lorazepam .5mg po q8h prn"))


def test_the_letter_after_vitamin_stays_in_the_name_before_a_form_word() -> None:
    assert [m.name for m in meds("Vitamin A solution 1 lakh IU orally single dose")] == ["Vitamin A"]


def test_an_accented_lab_name_and_a_reason_after_a_colon_in_orders() -> None:
    (med,) = meds("STOP Glucophage (créat 210)")
    assert med.status == "stopped" and med.dosages == ()
    (med,) = meds("Ne pas donner d'aspirine : allergie")
    assert med.name == "aspirine" and med.do_not_perform
