"""Wordings of ward charts, administration plans and dispensing labels (session 8, issues #12 and
#13): UK EPMA exports, French EHPAD plans, UK labels, renderer counts. Each case is a variant
written here (not a gold line) of a family the blind rounds showed; each test fails without the
reading it checks (docs/decisions.md, "Session 8 readings")."""

from __future__ import annotations

import pytest

import posology


def meds(text: str):
    return posology.structure(text).prescription.medications


def dosages(text: str, med: int = 0):
    return meds(text)[med].dosages


def warnings(text: str) -> list[str]:
    return [i.message for i in posology.structure(text).warnings if i.severity in ("warning", "error")]


# --- French plans: per-moment columns and clock-time columns --------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ramipril 2,5 mg gélule — Matin : 1 / Midi : 0 / Soir : 1 / Coucher : 0", [(1, ("EVE", "MORN"))]),
        ("Sertraline 50 mg cp | Matin : 2 | Soir : 1", [(2, ("MORN",)), (1, ("EVE",))]),
        ("Matin : 0 / Midi : 1 sachet", [(1, ("NOON",))]),
    ],
)
def test_moment_columns_are_slots_of_their_own(text: str, expected: list) -> None:
    got = [(d.dose.low.value, tuple(sorted(d.timing.when))) for d in dosages(text)]
    assert got == [(value, tuple(sorted(when))) for value, when in expected]


def test_moment_columns_take_the_form_not_the_strength() -> None:
    (med,) = meds("Ramipril 2,5 mg gélule — Matin : 1 / Soir : 1")
    assert [s.value for s in med.strengths] == [2.5]
    assert med.dosages[0].dose.low.unit == "capsule"


@pytest.mark.parametrize(
    "text, times, dose",
    [
        ("PREVISCAN 20 mg cp : 18h : 3/4 cp", ("18:00:00",), 0.75),
        ("Apixaban 5 mg cp 9h : 1 cp / 21h : 1 cp", ("09:00:00", "21:00:00"), 1),
    ],
)
def test_clock_time_columns(text: str, times: tuple, dose: float) -> None:
    (med,) = meds(text)
    assert len(med.strengths) == 1
    (dosage,) = med.dosages
    assert dosage.dose.low.value == dose and dosage.timing.time_of_day == times


def test_a_patch_rate_per_24_hours_is_no_clock_time() -> None:
    (dosage,) = dosages("Nicotine 14 mg/24 h : 1 patch par jour")
    assert dosage.timing.time_of_day == () and dosage.timing.frequency == 1


# --- offsets before bedtime (HS: "[offset] before the hour of sleep") --------------------------


@pytest.mark.parametrize(
    "text, offset",
    [
        ("Zolpidem 10 mg : 1 cp 30 minutes avant le coucher", 30),
        ("Melatonin 2 mg 1 tab 1 hour before bedtime", 60),
        ("1 gélule une demi-heure avant le coucher", 30),
    ],
)
def test_an_offset_before_bedtime(text: str, offset: int) -> None:
    (dosage,) = dosages(text)
    assert dosage.timing.when == ("HS",) and dosage.timing.offset == offset
    assert not warnings(text) or all("W005" in w for w in warnings(text))


def test_an_offset_after_bedtime_is_not_read_as_before() -> None:
    (dosage,) = dosages("1 tab 30 min after bedtime")
    assert dosage.timing.offset is None
    assert any("W002" in w for w in warnings("1 tab 30 min after bedtime"))


def test_an_offset_before_bedtime_renders_before_it() -> None:
    result = posology.structure("1 cp 45 minutes avant le coucher")
    assert "45 minutes avant le coucher" in posology.render(result, "fr")
    assert "45 minutes before bedtime" in posology.render(result, "en")


# --- UK chart shorthand ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, when",
    [
        ("Simvastatin 20mg tablets ONE tablet ON PO", ("NIGHT",)),
        ("Senna 7.5mg TWO tablets ON; then review", ("NIGHT",)),
    ],
)
def test_uk_on_is_at_night(text: str, when: tuple) -> None:
    assert dosages(text)[0].timing.when == when


def test_lower_case_on_stays_a_preposition() -> None:
    (dosage,) = dosages("1 tab on Fridays")
    assert dosage.timing.when == () and dosage.timing.day_of_week == ("fri",)


def test_uk_top_is_the_skin_and_stop_stays_a_stop() -> None:
    assert dosages("Miconazole 2% cream apply BD TOP")[0].route.code == "20003000"
    (med,) = meds("Doxazosin 2mg OD - STOP (dizziness)")
    assert med.status == "stopped"


@pytest.mark.parametrize(
    "text, period, period_max",
    [("Cyclizine 50mg 1 tab 6-8 hourly PRN", 6, 8), ("Oramorph 10mg/5ml 2.5-5ml 2 to 4 hourly PRN", 2, 4)],
)
def test_hourly_ranges_are_intervals_never_dose_ranges(text: str, period: float, period_max: float) -> None:
    (dosage,) = dosages(text)
    assert (dosage.timing.period, dosage.timing.period_max, dosage.timing.period_unit) == (period, period_max, "h")
    assert dosage.dose.high is None or dosage.dose.low.unit == "mL"


def test_a_course_counter_is_the_course_and_is_flagged() -> None:
    text = "Doxycycline 100mg OD PO (day 4 of 7)"
    (dosage,) = dosages(text)
    assert (dosage.timing.bounds.value, dosage.timing.bounds.unit) == (7, "d")
    assert any("W023" in w for w in warnings(text))


@pytest.mark.parametrize(
    "text, status",
    [("Lisinopril 10mg OD - WITHHELD (hypotension)", "on-hold"), ("Metformin 500mg BD - omitted, NBM", "on-hold")],
)
def test_withheld_and_omitted_are_holds(text: str, status: str) -> None:
    assert meds(text)[0].status == status


def test_omit_if_a_threshold_is_a_conditional_hold_not_as_needed() -> None:
    text = "Atenolol 25mg OM - omit if HR < 50"
    (med,) = meds(text)
    assert med.status == "active" and not med.dosages[0].as_needed
    assert any("W022" in w for w in warnings(text))


@pytest.mark.parametrize(
    "text",
    ["Sando-K 2 tabs TDS PO for 2 days (K+ 3.2)", "Amlodipine 5mg OD - WITHHELD (AKI, creatinine 210)"],
)
def test_lab_results_are_no_dose_and_no_drug(text: str) -> None:
    found = meds(text)
    assert len(found) == 1 and len(found[0].dosages) == 1


def test_a_salt_is_no_lab_result() -> None:
    (med,) = meds("SODIUM CHLORIDE 0.9 % 1000 mL IV over 8 hours")
    assert [s.value for s in med.strengths] == [0.9] and med.dosages[0].dose.low.value == 1000


# --- what describes the product, not the dose ------------------------------------------------


@pytest.mark.parametrize(
    "text, dose, unit",
    [
        ("Insulin aspart 100units/ml 3ml pre-filled pen 6 units SC with meals", 6, "iU"),
        ("Fentanyl 12micrograms/hour seven day patches ONE patch every 72 hours", 1, "patch"),
    ],
)
def test_a_device_size_is_no_dose_or_duration(text: str, dose: float, unit: str) -> None:
    (dosage,) = dosages(text)
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (dose, unit)
    assert dosage.timing.bounds is None


def test_a_patch_release_per_day_is_its_strength() -> None:
    (med,) = meds("Estradiol 0.05 mg/day patch: apply 1 patch twice weekly")
    assert [s.value for s in med.strengths] == [0.05] and len(med.dosages) == 1


@pytest.mark.parametrize("text", ["Flixotide 250 Evohaler 2 puffs BD", "Symbicort 400/12 Turbohaler 1 puff BD"])
def test_an_inhaler_device_after_the_strength_is_no_part_of_the_name(text: str) -> None:
    (med,) = meds(text)
    assert med.name == text.split()[0] and med.strengths


def test_an_inhaler_device_before_the_strength_stays_in_the_name() -> None:
    assert meds("Spiriva Respimat 2,5 µg 2 bouffées par jour")[0].name == "Spiriva Respimat"


@pytest.mark.parametrize(
    "text",
    [
        "Bisoprolol 5mg tablets. Take ONE tablet each morning. (28)",
        "Sertraline 50mg tablets ONE tablet daily. 28 tablets",
    ],
)
def test_a_pack_quantity_after_the_sentence_is_no_second_dose(text: str) -> None:
    (dosage,) = dosages(text)
    assert dosage.dose.low.value == 1
    assert any(i.startswith("Quantity:") for i in dosage.additional_instructions)


def test_a_dose_set_by_levels_leaves_the_strength_a_strength() -> None:
    (med,) = meds("Warfarin 3mg tablets - dose as per INR - at 18:00")
    assert [s.value for s in med.strengths] == [3] and med.dosages[0].dose is None


def test_a_dose_to_be_adjusted_keeps_its_dose() -> None:
    (dosage,) = dosages("Gentamicin 320mg IV OD - dose to be adjusted as per levels")
    assert dosage.dose.low.value == 320


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("Carvédilol 3,125 mg : 1 comprimé matin et soir", 3.125),
        ("Calcium carbonate 1,250 mg 1 tab daily", 1250),
        ("Heparin 5,000 units SC BD", 5000),
    ],
)
def test_a_comma_in_a_number_follows_the_language(text: str, value: float) -> None:
    (med,) = meds(text)
    found = [s.value for s in med.strengths] or [med.dosages[0].dose.low.value]
    assert found == [value]


def test_a_comma_number_of_no_evident_language_is_flagged() -> None:
    assert any("W023" in w for w in warnings("1,250 mg"))


def test_a_mixed_number_glued_to_its_fraction_is_one_slot() -> None:
    morning, evening = dosages("Tab Lasix 40 1½-0-½")
    assert (morning.dose.low.value, morning.timing.when) == (1.5, ("MORN",))
    assert (evening.dose.low.value, evening.timing.when) == (0.5, ("EVE",))


# --- renderer counts and maxima ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("1 gélule(s) toutes les 12 h, pour un total de 10 prise(s)", 10),
        ("1 tablet(s) every 8 hours for 3 days (9 doses)", 9),
        ("1 tablet every 6 hours for a total of 4 doses", 4),
    ],
)
def test_renderer_counts(text: str, count: int) -> None:
    assert dosages(text)[0].timing.count == count


def test_a_maximum_per_dose_and_per_day_is_never_a_second_dose() -> None:
    text = "1 comprimé si besoin, au maximum 2 comprimé(s) par prise et 6 comprimé(s) par jour"
    (dosage,) = dosages(text)
    assert dosage.max_per_period.quantity.value == 6 and dosage.max_per_administration.value == 2


@pytest.mark.parametrize(
    "text",
    [
        "1 tab prn nausea, at least 6 hours between doses",
        "Tab Emeset 4 SOS (min 6 hrs gap)",
        "1 sachet si besoin, minimum 6 hours apart",
    ],
)
def test_a_minimum_gap_is_an_interval(text: str) -> None:
    timing = dosages(text)[0].timing
    assert (timing.frequency, timing.period, timing.period_unit) == (1, 6, "h")


def test_time_since_is_a_condition_never_a_duration() -> None:
    (dosage,) = dosages("1 suppo le matin si pas de selles depuis 2 jours")
    assert dosage.timing.bounds is None


def test_a_first_day_without_article_is_that_phase_duration() -> None:
    first, second = dosages("Azithromycin 500 mg 1 tab po first day, then 250 mg daily x 4 days")
    assert (first.timing.bounds.value, first.timing.bounds.unit) == (1, "d")
    assert second.timing.bounds.value == 4


# --- several drugs, one regimen -------------------------------------------------------------


def test_a_plus_regimen_shares_its_trailing_route_and_duration() -> None:
    found = meds("Omeprazole 20mg BD + Amoxicillin 1g BD + Metronidazole 400mg BD PO for 14 days")
    assert [m.dosages[0].route.code for m in found] == ["20053000"] * 3
    assert [m.dosages[0].timing.bounds.value for m in found] == [14] * 3


def test_an_and_list_shares_the_route_only() -> None:
    found = meds("Thiamine 100mg TDS and Vitamin B compound strong 2 tabs TDS PO for 10 days")
    assert all(m.dosages[0].route is not None for m in found)
    assert found[0].dosages[0].timing.bounds is None


def test_drugs_apart_share_nothing() -> None:
    first, _ = meds("Paracetamol 1g QDS; Naproxen 500mg BD PO for 5 days")
    assert first.dosages[0].route is None and first.dosages[0].timing.bounds is None


# --- words that are no drug -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Betnovate cream: apply sparingly to the scalp TWICE a day", "Betnovate"),
        ("RIVASTIGMINE 9,5 mg/24 h patch : poser 1 patch à 8h", "RIVASTIGMINE"),
        ("METOPROLOL 50MG CPR SEC 1/2-0-1/2", "METOPROLOL"),
    ],
)
def test_how_to_apply_words_are_no_drug(text: str, name: str) -> None:
    found = meds(text)
    assert [m.name for m in found] == [name]


def test_rinsing_the_mouth_is_no_route() -> None:
    (dosage,) = dosages("BECLOMETASONE 250 µg : 2 bouffées matin et soir, se rincer la bouche après")
    assert dosage.route is None


# --- Indian prescriptions (second wave) -------------------------------------------------------


@pytest.mark.parametrize(
    "text, when",
    [
        ("Tab Rantac 150 1-0-1 BF", ("ACM", "ACV")),
        ("Tab Zerodol 100 0-0-1 AF", ("PCV",)),
        ("Tab Flagyl 400 1 tab TDS AF", ("PC",)),
    ],
)
def test_indian_af_bf_after_a_slot_or_a_frequency(text: str, when: tuple) -> None:
    assert tuple(sorted(dosages(text)[0].timing.when)) == when


def test_af_as_an_indication_stays_a_word() -> None:
    (dosage,) = dosages("Apixaban 5mg BD for AF")
    assert dosage.timing.when == ()


@pytest.mark.parametrize(
    "text, unit",
    [("T. Azithral 500 1 OD x 3 days", "tablet"), ("C. Omez 20 1 OD BBF", "capsule"), ("Tb Dolo 650 1 SOS", "tablet")],
)
def test_form_initials_open_an_item(text: str, unit: str) -> None:
    (med,) = meds(text)
    assert med.dosages[0].dose.low.unit == unit and med.name == text.split()[1]


def test_doubled_dashes_between_slots() -> None:
    (dosage,) = dosages("Cap Mox 500 1--1--1 x 5 days")
    assert sorted(dosage.timing.when) == ["EVE", "MORN", "NOON"]


def test_item_numbers_are_no_dose() -> None:
    first, second = meds("1) Tab Rantac 150 1-0-1  2) Tab Dolo 650 SOS")
    assert len(first.dosages) == 1 and [m.name for m in (first, second)] == ["Rantac", "Dolo"]


@pytest.mark.parametrize(
    "text, when",
    [
        ("Tab Metformin 500 1-0-1 khane ke baad", ("PCM", "PCV")),
        ("Tab Alprax 0.25 1 tab raat ko sone se pehle", ("HS",)),
        ("Tab Amlong 5 1 tab subah shaam", ("EVE", "MORN")),
    ],
)
def test_hinglish_times(text: str, when: tuple) -> None:
    assert tuple(sorted(dosages(text)[0].timing.when)) == when


def test_a_continue_prefix_is_no_drug() -> None:
    assert [m.name for m in meds("Cont. Tab Eltroxin 50mcg OD")] == ["Eltroxin"]


@pytest.mark.parametrize(
    "text",
    [
        "Racecadotril 100 mg 1 cap after each loose stool",
        "ORS 1 sachet after every loose motion",
        "Smecta 1 sachet après chaque selle liquide",
    ],
)
def test_a_dose_after_each_episode_is_as_needed(text: str) -> None:
    assert dosages(text)[0].as_needed


@pytest.mark.parametrize(
    "text", ["Tab Eptoin 100 1-0-1, do not stop abruptly", "Dépakine 500 mg matin et soir, ne pas arrêter brutalement"]
)
def test_do_not_stop_is_advice(text: str) -> None:
    (med,) = meds(text)
    assert med.status == "active" and med.dosages[0].dose is not None


@pytest.mark.parametrize(
    "text, name", [("Cap Doxt-SL 100 1-0-1 AF", "Doxt-SL"), ("Tab Nitrocontin-SL 2.6 1 tab BD", "Nitrocontin-SL")]
)
def test_a_hyphen_glued_suffix_is_the_brand_not_a_route(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name and med.dosages[0].route is None


@pytest.mark.parametrize("text", ["Tab Aldactone 25 1 tab alt day", "Inj Neurobion 1 amp IM alt. day"])
def test_alt_day_is_every_other_day(text: str) -> None:
    timing = dosages(text)[0].timing
    assert (timing.frequency, timing.period, timing.period_unit) == (1, 2, "d")


def test_a_drug_named_before_its_order_is_the_one_ordered() -> None:
    first, second = meds("Ramipril 5mg OD. Metformin: DO NOT GIVE")
    assert not first.do_not_perform and second.name == "Metformin" and second.do_not_perform


@pytest.mark.parametrize(
    "text", ["PAROEX 0,12 % : 15 ml en bain de bouche 3 fois par jour", "Chlorhexidine 0.2% 10 mL as a mouthwash BD"]
)
def test_a_mouthwash_is_no_route(text: str) -> None:
    assert dosages(text)[0].route is None


@pytest.mark.parametrize(
    "text, dose, freq",
    [
        ("Metformin 500mg tablets - take one 3 times/day", (1, None), 3),
        ("Co-codamol 30/500 tablets 1-2 four times a day", (1, 2), 4),
        ("Lasilix 1/2 3x/j", (0.5, None), 3),
    ],
)
def test_a_bare_count_before_a_frequency_is_the_dose(text: str, dose: tuple, freq: int) -> None:
    """``one 3 times/day`` was the frequency range 1 to 3; ``1/2 3x/j`` half a tablet three times a day."""
    (dosage,) = dosages(text)
    high = dosage.dose.high.value if dosage.dose.high else None
    assert (dosage.dose.low.value, high) == dose and (dosage.timing.frequency, dosage.timing.frequency_max) == (
        freq,
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 2.5mg capsules  One to be taken each day  28 capsule",
        "Lactulose 3.3g/5ml oral solution  10ml twice a day  300 ml",
        "Fucidin cream  apply three times a day for 7 days  15 gram",
        "Allopurinol 300mg tablets 1 tablet daily, 28 tablet, 3 repeats",
    ],
)
def test_a_gp_quantity_column_is_no_dose(text: str) -> None:
    found = dosages(text)
    assert len(found) == 1 and (found[0].dose is None or found[0].dose.low.value < 20)


@pytest.mark.parametrize(
    "text, words",
    [
        ("Salbutamol inhaler 2 puffs PRN  Issue: 1 inhaler", "Issue: 1 inhaler"),
        ("Ventolin 2 puffs when required  1 x 200 dose", "1 x 200 dose"),
        ("Electral 1 sachet in 1 litre water SOS", "in 1 litre water"),
    ],
)
def test_pack_and_dilution_words_are_instructions(text: str, words: str) -> None:
    (dosage,) = dosages(text)
    assert dosage.timing.count is None and any(words in i for i in dosage.additional_instructions)


def test_once_or_twice_a_day() -> None:
    timing = dosages("Hydrocortisone 1% cream apply once or twice a day")[0].timing
    assert (timing.frequency, timing.frequency_max) == (1, 2)


@pytest.mark.parametrize(
    "text",
    [
        "Alendronic acid 70mg ONE weekly. Remain upright for 30 minutes",
        "Ketoconazole shampoo twice a week, leave for 5 min",
    ],
)
def test_how_long_to_stay_is_no_course(text: str) -> None:
    assert dosages(text)[0].timing.bounds is None


@pytest.mark.parametrize(
    "text", ["Cifran 500 1 tab BD, stop after 5 days", "Amoxicilline 1 g matin et soir, arrêter au bout de 7 jours"]
)
def test_stop_after_n_days_is_the_course(text: str) -> None:
    (med,) = meds(text)
    assert med.status == "active" and med.dosages[0].timing.bounds.unit == "d"


@pytest.mark.parametrize(
    "text, strengths",
    [
        ("Azee 500 Tablet once daily x 3 days", [500]),
        ("Janumet 50/500 Tablet 1-0-1", [50, 500]),
        ("Glycomet GP 2 Tablet 1-0-1", [2]),
    ],
)
def test_a_catalogue_name_count_is_the_strength(text: str, strengths: list) -> None:
    (med,) = meds(text)
    assert [s.value for s in med.strengths] == strengths
    assert all(d.dose is None or d.dose.low.value <= 2 for d in med.dosages)


def test_vitamin_letters_and_q_units() -> None:
    (med,) = meds("vitamin d 50,000 units 1 cap po q wk, qs 90 days")
    assert med.name == "vitamin d" and med.supply.value == 90
    assert (med.dosages[0].timing.period, med.dosages[0].timing.period_unit) == (1, "wk")
