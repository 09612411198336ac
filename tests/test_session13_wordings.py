"""Wordings the session-13 blind rounds showed (issue #12): Quebec, Maghreb, Belgian and Swiss
prescriptions, South-East Asian clinics, US long-term-care MAR entries, online pharmacies. Each
case is a variant written here (not a gold line) of a family read wrong; each test fails without
the reading it checks (docs/decisions.md, "Session 13 readings")."""

from __future__ import annotations

import pytest

from tests.test_session11_wordings import meds, warnings


def dosage(text: str):
    (med,) = meds(text)
    (only,) = med.dosages
    return only


def dose_of(text: str) -> tuple:
    d = dosage(text)
    return (d.dose.low.value, d.dose.low.unit if d.dose.low.unit else None)


# --- clock times in words, and a part of the day that settles a clock time -----------------


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("Lévothyrox 50 µg 1 cp à sept heures", ["07:00:00"]),
        ("Seresta 10 mg 1 cp à neuf heures du soir", ["21:00:00"]),
        ("Amlodipine 10mg one tablet at nine o'clock", ["09:00:00"]),
        ("Zopiclone 7.5mg 1 tab at 10 at night", ["22:00:00"]),
        ("Atorvastatin 20mg one tablet at 7 in the evening", ["19:00:00"]),
        ("Bisoprolol 5mg one tablet at six o'clock in the morning", ["06:00:00"]),
        ("Théralène 1 cp à 2 heures du matin", ["02:00:00"]),
    ],
)
def test_a_clock_time_in_words_or_with_its_part_of_the_day(text: str, times: list[str]) -> None:
    timing = dosage(text).timing
    assert list(timing.time_of_day) == times and not timing.when
    assert not warnings(text)


def test_at_a_number_in_the_evening_is_never_a_second_dose() -> None:
    (med,) = meds("Sertraline 50mg 1 tab at 9 in the evening")
    assert len(med.dosages) == 1 and med.dosages[0].dose.low.value == 1


# --- Quebec: co, die, Renouv., R:, ung, vap., c. à thé, opht -----------------------------------


@pytest.mark.parametrize(
    "text",
    ["Apo-Ramipril 5 mg 1 co die", "Teva-Rosuvastatin 10mg 1 co DIE au coucher", "Lasix 20mg 1co die"],
)
def test_quebec_co_is_a_tablet_and_die_once_a_day(text: str) -> None:
    d = dosage(text)
    assert (d.dose.low.value, d.dose.low.unit) == (1, "tablet")
    assert (d.timing.frequency, d.timing.period, d.timing.period_unit) == (1, 1, "d")


@pytest.mark.parametrize(
    ("text", "name"), [("Co-codamol 8/500 2 tabs qds", "Co-codamol"), ("Tab Vit B Co 1 tab od", "Vit B Co")]
)
def test_co_before_a_hyphen_or_after_a_letter_is_no_tablet(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name and med.dosages[0].dose.low.unit == "tablet"


@pytest.mark.parametrize(
    ("text", "refills"),
    [
        ("Apo-Atorvastatin 20 mg 1 co die - Renouv.: 5", 5),
        ("Synthroid 0,05 mg 1 co die, Renouv. x 6", 6),
        ("Celexa 20 mg 1 co le matin Qté: 30 R: 3", 3),
    ],
)
def test_quebec_refills(text: str, refills: int) -> None:
    (med,) = meds(text)
    assert med.refills == refills


def test_an_insulins_r_before_a_colon_is_its_name_never_refills() -> None:
    (med,) = meds("Actrapid R : 10 UI par voie sous-cutanée avant le déjeuner")
    assert med.refills is None and med.dosages[0].dose.low.value == 10


@pytest.mark.parametrize(
    ("text", "dose", "route"),
    [
        ("Fucidin ung 2% appliquer sur la lésion bid x 5 j", None, "20003000"),
        ("Salinex 2 vap. dans chaque narine tid", (2, "puff"), "20049000"),
        ("Benylin 1 c. à thé q 6 h prn toux", (1, "teaspoon"), None),
        ("Maxidex gtt opht 1 gtt OS qid x 5 jrs", (1, "drop"), "20051000"),
    ],
)
def test_quebec_forms_units_and_routes(text: str, dose, route) -> None:
    (med,) = meds(text)
    d = med.dosages[0]
    assert len(med.dosages) == 1
    if dose:
        assert (d.dose.low.value, d.dose.low.unit) == dose
    if route:
        assert d.route is not None and d.route.code == route
    assert " " not in med.name and "." not in med.name  # "ung", "opht", "vap" are no part of the name


# --- Belgian and Swiss: septante / huitante / nonante, 1'000, dragées, Filmtabl., en réserve ---


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Euthyrox 50 µg 1 cpr le matin durant septante jours", 70),
        ("Ciproxine 500 : 1 cpr 2x/jour durant huitante jours", 80),
        ("Pantozol 20 mg 1 cpr par jour durant nonante jours", 90),
    ],
)
def test_belgian_and_swiss_number_words(text: str, value: int) -> None:
    bounds = dosage(text).timing.bounds
    assert (bounds.value, bounds.unit) == (value, "d")


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Calcium Sandoz 1'000 mg cpr eff. : 1 cpr par jour", 1000),
        ("Vi-De 3 100'000 UI : 1 amp. tous les 3 mois", 100000),
    ],
)
def test_swiss_apostrophe_thousands(text: str, strength: int) -> None:
    (med,) = meds(text)
    assert med.strengths[0].value == strength


@pytest.mark.parametrize(
    ("text", "name"),
    [("Zoloft Filmtabl. 50 mg 1-0-0", "Zoloft"), ("Motilium dragées 1-1-1", "Motilium")],
)
def test_swiss_tablet_words_end_the_name_and_give_the_unit(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name and med.dosages[0].dose.low.unit == "tablet"


def test_en_reserve_is_as_needed() -> None:
    assert dosage("Dafalgan 500 mg : 1-2 cpr en réserve, max. 4x/24h").as_needed


def test_max_n_times_in_24_hours_is_a_frequency_maximum() -> None:
    timing = dosage("Novalgin 500 mg : 1 cpr si douleurs, max. 3x/24h").timing
    assert (timing.frequency, timing.frequency_max, timing.period, timing.period_unit) == (1, 3, 24, "h")


def test_french_two_letter_day_codes_in_a_hyphened_run() -> None:
    (med,) = meds("Sintrom 4 mg: 1 cpr lu-me-ve, ½ cpr ma-je-sa-di")
    assert [sorted(d.timing.day_of_week) for d in med.dosages] == [["fri", "mon", "wed"], ["sat", "sun", "thu", "tue"]]


# --- South-East Asian clinics: lower-case on (nocte), Mist., ear sides, rash ------------------


@pytest.mark.parametrize(
    "text",
    ["Tab Amitriptyline 10mg 1 tab on", "Lantus 14 units sc on", "Syr Piriton 5ml on x 3 days"],
)
def test_lower_case_on_after_a_dose_is_the_night(text: str) -> None:
    assert list(dosage(text).timing.when) == ["NIGHT"]


@pytest.mark.parametrize(
    "text",
    [
        "Tab Aspirin 100mg 1 tab on alternate days",
        "Tab Alendronate 70mg 1 tab on Sunday",
        "apply 1 patch on, remove at night",
    ],
)
def test_on_before_a_day_word_stays_a_preposition(text: str) -> None:
    (med,) = meds(text)
    assert "NIGHT" not in med.dosages[0].timing.when


def test_on_before_a_frequency_is_a_contradiction_flagged() -> None:
    assert any("moment" in w for w in warnings("Tab Loratadine 10mg 1 tab on tds"))


def test_mist_is_a_liquid_never_the_drug() -> None:
    (med,) = meds("Mist. Kaolin 15ml tds")
    assert med.name == "Kaolin"


@pytest.mark.parametrize(
    ("text", "route"),
    [("Otosporin 2 drops to L ear tds", "20001000"), ("Canesten cream apply to the rash bd", "20003000")],
)
def test_ear_sides_and_rash_name_the_route(text: str, route: str) -> None:
    (med,) = meds(text)
    assert med.dosages[0].route.code == route and " " not in med.name


def test_once_or_twice_daily_written_with_a_slash_is_a_range() -> None:
    timing = dosage("Tab Gliclazide 80mg 1 tab od/bd").timing
    assert (timing.frequency, timing.frequency_max) == (1, 2)


@pytest.mark.parametrize(
    "text",
    ["Tab Warfarin 2mg & 3mg on alternate days", "Marevan 5 mg : ¼ co et ½ co en alternance le soir"],
)
def test_alternating_doses_are_flagged_as_a_cycle(text: str) -> None:
    assert any("W022" in w for w in warnings(text))


def test_one_dose_on_alternate_days_is_no_cycle() -> None:
    timing = dosage("Tab Folic acid 5mg 1 tab on alternate days").timing
    assert (timing.frequency, timing.period) == (1, 2)


# --- US MAR: an indication after a scheduled dose, the product line's form words ---------------


@pytest.mark.parametrize(
    "text",
    [
        "Docusate Sodium Capsule 100 MG Give 1 capsule by mouth two times a day for constipation",
        "Mirtazapine Tablet 15 MG Give 1 tablet by mouth at bedtime for insomnia",
    ],
)
def test_for_a_symptom_after_a_scheduled_dose_is_its_indication(text: str) -> None:
    d = dosage(text)
    assert not d.as_needed and any(i.startswith("for ") for i in d.additional_instructions)


def test_for_a_symptom_with_no_schedule_stays_as_needed() -> None:
    assert dosage("Tab Ibuprofen 400 mg 1 tab for pain").as_needed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Pantoprazole Sodium Tablet Delayed Release 20 MG Give 1 tablet by mouth one time a day",
            "Pantoprazole Sodium",
        ),
        ("Cefazolin Sodium Solution Reconstituted 1 GM Inject 1 gram intravenously every 8 hours", "Cefazolin Sodium"),
        ("Advair Aerosol 115-21 MCG/ACT 2 puff inhale orally two times a day", "Advair"),
    ],
)
def test_a_mar_product_lines_form_words_are_no_drug(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name


# --- online pharmacies: on-demand doses, a maximum in words, main meals ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tadalafil 20mg – take one tablet 30 minutes before sexual activity",
        "Vardénafil 10 mg : 1 cp 1 heure avant un rapport sexuel",
    ],
)
def test_a_dose_before_sexual_activity_is_on_demand(text: str) -> None:
    d = dosage(text)
    assert d.as_needed and d.timing.period is None


def test_no_more_than_one_in_24_hours_is_a_maximum() -> None:
    d = dosage("Sumatriptan 50mg take one tablet at onset, no more than two in 24 hours")
    assert (d.max_per_period.quantity.value, d.max_per_period.per.value, d.max_per_period.per.unit) == (2, 24, "h")


def test_with_each_main_meal_is_with_meals() -> None:
    assert list(dosage("Orlistat 60mg take one capsule with each main meal").timing.when) == ["C"]


# --- safety: impossible clock times, contradictions, a cycle's break, a posture caution -------------


def test_half_past_midnight_written_24h30_is_no_time_of_day() -> None:
    text = "Atarax 25 mg 1 cp à 24h15 si prurit"
    assert not dosage(text).timing.time_of_day and any("not a time of day" in w for w in warnings(text))


@pytest.mark.parametrize(
    "text", ["Xanax 0,25 mg 1 cp le matin 2 fois par jour", "Tab Atenolol 50mg 1 tab at night tds"]
)
def test_more_times_a_day_than_moments_is_flagged(text: str) -> None:
    assert any("moment" in w for w in warnings(text))


@pytest.mark.parametrize("text", ["1 cp 2 fois par jour matin et soir", "1 cp 3 fois par jour aux repas"])
def test_as_many_moments_as_times_is_no_contradiction(text: str) -> None:
    assert not any("moment" in w for w in warnings(text))


@pytest.mark.parametrize(
    "text",
    [
        "Optilova 1 cp par jour pendant 21 jours puis 7 jours d'arrêt",
        "Jasminelle 1 cp par jour 21 jours, puis 7 jours de pause",
    ],
)
def test_a_cycles_break_is_no_stop_order_and_no_dose(text: str) -> None:
    (med,) = meds(text)
    assert med.status != "stopped" and med.status != "on-hold"
    assert len(med.dosages) == 1
    assert any("W022" in w for w in warnings(text))


@pytest.mark.parametrize(
    "text",
    [
        "Doxycycline 200 mg 1 gélule le matin, ne pas s'allonger dans l'heure qui suit",
        "Risedronate 35mg one tablet weekly, remain upright for 30 minutes",
    ],
)
def test_a_posture_caution_is_no_bedtime_and_no_duration(text: str) -> None:
    timing = dosage(text).timing
    assert "HS" not in timing.when and timing.bounds is None


# --- wave 2: psychiatry, hospice, Canadian, nursing-home lines ----------------------------------


def test_a_restated_daily_total_after_the_slots_is_no_dose() -> None:
    text = "TEGRETOL 200 mg 1-0-2 soit 600 mg/j"
    (med,) = meds(text)
    assert [d.dose.low.value for d in med.dosages] == [1, 2] and not warnings(text)


def test_a_restated_daily_total_the_slots_do_not_make_is_flagged() -> None:
    text = "DEPAKOTE 500 mg 1-0-1 soit 1500 mg/j"
    (med,) = meds(text)
    assert [(d.dose.low.value, sorted(d.timing.when)) for d in med.dosages] == [(1, ["EVE", "MORN"])]
    assert any("total per day" in w for w in warnings(text))


def test_canadian_mitte_supply_and_repeats() -> None:
    (med,) = meds("Rx: amlodipine 10 mg tab, i tab po daily, M: 100 days, R: x2")
    assert (med.supply.value, med.supply.unit, med.refills) == (100, "d", 2)
    assert med.dosages[0].timing.bounds is None and med.dosages[0].timing.count is None


def test_no_repeats_is_no_refill() -> None:
    (med,) = meds("Sig: naproxen 500 mg 1 tab po bid with food. Mitte: 20. No repeats.")
    assert med.refills == 0


def test_an_anticipatory_medicines_label_names_no_drug() -> None:
    names = [m.name for m in meds("JIC meds: Haloperidol 500mcg SC 2hrly PRN nausea; Midazolam 2mg SC 1hrly PRN")]
    assert names == ["Haloperidol", "Midazolam"]


def test_a_turbuhaler_after_the_strength_is_no_part_of_the_name() -> None:
    (med,) = meds("Pulmicort 400 Turbuhaler: 1 puff bid")
    assert med.name == "Pulmicort"


@pytest.mark.parametrize(
    "text", ["Diamicron 30 mg: take 1 tab once daily twice daily", "1 cp 1 fois par jour, 2 fois par jour"]
)
def test_two_different_counts_per_day_side_by_side_are_flagged(text: str) -> None:
    assert any("W022" in w for w in warnings(text))


@pytest.mark.parametrize(
    "text",
    [
        "Ibuprofen 400 mg 1 tab tds, max 800 mg a day",
        "DOLIPRANE 1 g : 1 cp 4 fois par jour, ne pas dépasser 2 g par jour",
    ],
)
def test_a_regimen_over_its_own_maximum_is_flagged(text: str) -> None:
    assert any("over the maximum" in w for w in warnings(text))


@pytest.mark.parametrize(
    "text",
    ["Paracetamol 500mg 1-2 tabs q4-6h prn, max 8 tabs/day", "Doliprane 1 g : 1 cp 3 fois par jour, max 3 g par jour"],
)
def test_a_maximum_that_caps_a_range_or_holds_the_regimen_is_no_contradiction(text: str) -> None:
    assert not any("over the maximum" in w for w in warnings(text))


# --- wave 3: hard orders, West African, ALD bizone, Gulf and South African, US discharge lines -----


def test_a_clock_time_past_noon_with_pm_is_no_time_of_day() -> None:
    text = "famotidine 40 mg 1 tab po at 9 am and 21 pm"
    assert list(dosage(text).timing.time_of_day) == ["09:00:00"] and any(
        "not a time of day" in w for w in warnings(text)
    )


@pytest.mark.parametrize(
    ("text", "name"), [("Pen VK 250mg 1 tab qid x 10 days", "Pen VK"), ("Tylenol #4 1 tab q6h prn", "Tylenol #4")]
)
def test_numbered_and_abbreviated_brands_keep_their_name(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name


def test_the_mass_a_measured_volume_holds_is_no_second_dose() -> None:
    d = dosage("Cefdinir 125 mg/5 mL: give 6 mL (150 mg) by mouth once daily")
    assert (d.dose.low.value, d.dose.low.unit) == (6, "mL")


def test_lakhs_in_words() -> None:
    d = dosage("Inj Vit D3 three lakh IU IM stat")
    assert (d.dose.low.value, d.dose.low.unit) == (300000, "iU")


def test_inside_each_nostril_is_nasal() -> None:
    (med,) = meds("Naseptin cream apply inside each nostril qds x 10 days")
    assert med.name == "Naseptin" and med.dosages[0].route.code == "20049000"


def test_a_count_of_more_than_twelve_a_day_is_flagged() -> None:
    assert any("unusual" in w for w in warnings("Voltaren 50mg 1x20 after meals"))


def test_a_roman_numeral_before_an_hourly_interval_is_the_dose() -> None:
    (med,) = meds("Tramadol caps ii stat then i 8 hrly prn")
    assert [d.dose.low.value for d in med.dosages] == [2, 1]


def test_one_a_day_then_twice_a_day_written_side_by_side_is_flagged() -> None:
    assert any("W022" in w for w in warnings("Nexium 20mg 1x1 bd"))


def test_a_count_per_day_in_brackets_restates_the_doses() -> None:
    (med,) = meds("MOSCONTIN 10 mg : un comprimé matin et soir (deux comprimés par jour) pendant 14 jours")
    assert len(med.dosages) == 1 and med.dosages[0].dose.low.value == 1


def test_an_age_band_is_no_duration() -> None:
    d = dosage("Mebendazole 500 mg : 1 cp dose unique (enfant 2-5 ans)")
    assert d.timing.bounds is None and d.timing.count == 1


def test_a_single_dose_for_several_days_is_flagged() -> None:
    assert any("single dose" in w for w in warnings("Praziquantel 600 mg : 1 cp dose unique pendant 5 jours"))


@pytest.mark.parametrize(
    "text",
    [
        "Hors ALD - DAFALGAN 1 g : 1 cp si douleur",
        "Prescriptions relatives au traitement de l'affection de longue durée : DAFALGAN 1 g : 1 cp si douleur",
    ],
)
def test_a_two_zone_header_names_no_drug(text: str) -> None:
    (med,) = meds(text)
    assert med.name == "DAFALGAN"


def test_a_lithium_level_after_the_dose_is_no_time_of_it() -> None:
    d = dosage("LITHIUM 250 mg : 1 cp le soir, lithiémie 12 h après la prise")
    assert list(d.timing.when) == ["EVE"] and not d.timing.time_of_day


# --- wave 4: oncology, endocrinology ----------------------------------------------------------------


def test_a_per_day_dose_taken_at_once_is_one_intake_a_day_never_a_single_dose() -> None:
    timing = dosage("ERLEADA 60 mg : 4 cp/j en une seule prise").timing
    assert timing.count is None and (timing.frequency, timing.period_unit) == (1, "d")


def test_a_count_restating_a_dose_in_brackets_is_no_total() -> None:
    timing = dosage("CAPECITABINE 150 mg cp : 1500 mg matin et soir (soit 10 cp) J1-J14").timing
    assert timing.count is None and timing.bounds.value == 14


def test_a_span_of_days_that_ends_before_it_starts_is_flagged() -> None:
    text = "NEUPOGEN 30 MU : 1 inj SC/j de J10 à J5"
    assert dosage(text).timing.bounds is None and any("ends before it starts" in w for w in warnings(text))


def test_followed_by_written_f_slash_b_opens_the_next_phase() -> None:
    (med,) = meds("Tab Omnacortil 20 3-0-0 x 3 days f/b 2-0-0 x 3 days")
    assert [(d.dose.low.value, d.sequence) for d in med.dosages] == [(3, 1), (2, 2)]


def test_listed_course_days_are_a_cycle_never_a_one_day_course() -> None:
    text = "DEXAMETHASONE 4 mg : 2 cp le matin (J1, J8, J15)"
    assert dosage(text).timing.bounds is None and any("W022" in w for w in warnings(text))
