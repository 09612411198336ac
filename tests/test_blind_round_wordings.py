"""Wordings the session-9 blind rounds showed (issues #12 and #13). Each case is a variant written
here (not a gold line) of a family a round read wrong; each test fails without the reading it
checks (docs/decisions.md, "Session 9 readings")."""

from __future__ import annotations

import pytest

import posology


def meds(text: str):
    return posology.structure(text).prescription.medications


# --- brand names that start with a number word ----------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("UN-ALFA 0,5 µg capsule - 1 caps le soir", "UN-ALFA"),  # hyphened: any capitalised word
        ("One-Alpha 250 nanogram capsules, one daily", "One-Alpha"),
        ("UN ALFA 1 µg 1 capsule le matin", "UN ALFA"),  # spaced: only a known drug name
    ],
)
def test_a_number_word_opening_a_brand_is_part_of_its_name(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name
    assert [d.dose.low.value for d in med.dosages] == [1]


def test_a_number_word_before_an_unknown_name_stays_a_number() -> None:
    (med,) = meds("ONE-HALF tab OD")
    assert med.name is None and med.dosages[0].dose.low.value == 0.5


# --- a count before the drug's name ------------------------------------------------------------


def review_codes(text: str, engine: str = "hybrid") -> set[str]:
    result = posology.structure(text, engine=engine)
    return {i.message[1:5] for i in result.warnings if i.severity in ("warning", "error")}


@pytest.mark.parametrize("engine", ["rules", "hybrid"])
@pytest.mark.parametrize(
    "text, name, count",
    [
        ("un lexomil au coucher", "lexomil", 1),  # the article was dropped: no dose, no flag
        ("2 Dafalgan si fièvre", "Dafalgan", 2),
        ("Prendre 1 Spasfon 80 trois fois par jour", "Spasfon", 1),
        ("take 2 advil q8h prn", "advil", 2),
    ],
)
def test_a_count_before_the_name_is_its_dose_with_no_unit(engine: str, text: str, name: str, count: int) -> None:
    (med,) = posology.structure(text, engine=engine).prescription.medications
    assert med.name == name
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [(count, None)]
    assert "W008" not in review_codes(text, engine)  # read by the rules, not by the NER alone


def test_a_large_number_before_a_name_is_no_count() -> None:
    (med,) = meds("Prendre 500 Doliprane")  # nobody takes 500 of a product: not read as a dose
    assert all(d.dose is None or d.dose.low.value != 500 for d in med.dosages)
    assert "W002" in review_codes("Prendre 500 Doliprane")  # left unexplained, for a pharmacist


# --- "every day" beside the moments of the day; "once a day" against two moments ---------------


def timing(text: str):
    (med,) = meds(text)
    (dosage,) = med.dosages
    return dosage.timing


@pytest.mark.parametrize(
    "text, when, days",
    [
        ("1 gélule matin et soir tous les jours", {"MORN", "EVE"}, ()),
        ("2 cp le midi chaque jour sauf le samedi", {"NOON"}, ("fri", "mon", "sun", "thu", "tue", "wed")),
    ],
)
def test_every_day_adds_no_frequency_to_moments_or_days(text: str, when: set, days: tuple) -> None:
    got = timing(text)
    assert set(got.when) == when and tuple(sorted(got.day_of_week)) == days
    assert got.frequency is None and got.period is None  # never "once a day" beside two moments
    assert not review_codes(text)


def test_every_day_alone_is_once_a_day() -> None:
    got = timing("1 sachet tous les jours")
    assert (got.frequency, got.period, got.period_unit) == (1, 1, "d")


@pytest.mark.parametrize("text", ["1 gél par jour matin et soir", "one cap OD morning and evening"])
def test_once_a_day_with_two_moments_is_flagged(text: str) -> None:
    assert "W023" in review_codes(text)


# --- conditions after "do not": a conditional hold, or advice -----------------------------------


@pytest.mark.parametrize(
    "text",
    ["Nebivolol 5 mg 1 cp le matin, ne pas donner si FC < 50", "Carvedilol 6.25 mg BD - do not give if SBP < 90"],
)
def test_do_not_give_below_a_threshold_is_a_flagged_conditional_hold(text: str) -> None:
    (med,) = meds(text)
    assert med.status == "active" and not med.do_not_perform
    assert all(not d.as_needed for d in med.dosages)  # the threshold is no as-needed reason
    assert "W022" in review_codes(text)


@pytest.mark.parametrize(
    "text", ["Naproxène 550 mg 1 cp x2/j, ne pas prendre si grossesse", "Diclofenac 50 mg TDS, do not use if pregnant"]
)
def test_do_not_take_if_is_advice_never_as_needed(text: str) -> None:
    (med,) = meds(text)
    assert all(not d.as_needed for d in med.dosages)
    assert any("si" in i or "if" in i for d in med.dosages for i in d.additional_instructions)


# --- the excepted day's own dose; a restated computed dose; a nebulised mixture; a container ---


def test_the_dose_after_an_excepted_day_is_that_days_dose() -> None:
    (med,) = meds("Previscan 20 mg : 1 cp le soir sauf le vendredi : 1/2 cp")
    got = [(d.dose.low.value, tuple(d.timing.when), tuple(sorted(d.timing.day_of_week))) for d in med.dosages]
    assert got == [(1, ("EVE",), ("mon", "sat", "sun", "thu", "tue", "wed")), (0.5, ("EVE",), ("fri",))]


@pytest.mark.parametrize(
    "text, dose, unit",
    [
        ("VANCOMYCINE 15 mg/kg soit 900 mg IVL toutes les 12 h", 900, "mg"),
        ("Gentamicin 5 mg/kg i.e. 400 mg IV once daily", 400, "mg"),
        ("1 cp soit 10 mg le soir", 1, "tablet"),
    ],
)
def test_a_restated_dose_is_one_dose(text: str, dose: float, unit: str) -> None:
    (med,) = meds(text)
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [(dose, unit)]


def test_drugs_mixed_by_a_plus_share_the_timing_and_route_written_once() -> None:
    first, second = meds("Salbutamol 5 mg + Ipratropium 0,5 mg en nébulisation toutes les 6 h")
    for med in (first, second):
        (dosage,) = med.dosages
        assert (dosage.timing.period, dosage.timing.period_unit, dosage.route.code) == (6, "h", "20020000")


def test_a_combination_product_does_not_share_its_timing_with_the_other_name() -> None:
    first, _ = meds("Paracétamol 500 mg + Codéine 30 mg : 1 cp 3 fois par jour")  # one product, two names
    assert all(d.timing.frequency is None for d in first.dosages)


@pytest.mark.parametrize(
    "text", ["TOPLEXIL sirop : 2 cuillères à café 3 fois par jour, 2 flacons", "Lactulose 15 ml BD, 1 bottle"]
)
def test_a_container_after_the_posology_is_the_quantity_supplied(text: str) -> None:
    (med,) = meds(text)
    assert len(med.dosages) == 1 and med.dosages[0].dose.low.unit not in ("vial", "bottle")


def test_an_ocr_s_before_two_digits_and_a_unit_is_a_five() -> None:
    (med,) = meds("CLAMOXYL S00 mg gélule : 1 gélule 3 fois par jour")
    assert med.name == "CLAMOXYL" and [(q.value, q.unit) for q in med.strengths] == [(500, "mg")]


# --- daily totals split into injections; days of the week in words -----------------------------


def test_a_daily_total_split_into_injections_is_one_dose_per_injection() -> None:
    (dosage,) = meds("VANCOMYCINE 40 mg/kg/j en 4 injections IVL")[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit, dosage.timing.frequency) == (10, "mg/kg", 4)


def test_days_a_week_in_words() -> None:
    got = timing("Burinex 1 mg 1 cp six jours sur sept")
    assert (got.frequency, got.period, got.period_unit, got.bounds) == (6, 1, "wk", None)


# --- order lines: the name ends before the date, the delay or the reason -----------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Arrêt PLAVIX le 12/05", "PLAVIX"),
        ("Suspendre le Eliquis 72 h avant la chirurgie", "Eliquis"),
        ("Ne pas donner de Kardégic avant avis du cardiologue", "Kardégic"),
        ("Hold Warfarin tonight - INR 5.1", "Warfarin"),
    ],
)
def test_an_order_names_the_drug_only(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name and not med.strengths
    assert med.status != "active" or med.do_not_perform


def test_contraindicated_is_a_do_not_give() -> None:
    (med,) = meds("Bactrim : contre-indiqué (allergie)")
    assert med.name == "Bactrim" and med.do_not_perform


@pytest.mark.parametrize("text", ["Lisinopril 10 mg OD, BP 150/90", "Previscan : suspendre, INR à 4,8"])
def test_a_lab_value_is_no_drug_and_no_unexplained_word(text: str) -> None:
    (med,) = meds(text)
    assert med.name in ("Lisinopril", "Previscan") and not med.strengths
    assert "W002" not in review_codes(text)


# --- follow-up tests and advice are instructions, never a course, a day or a drug ---------------


@pytest.mark.parametrize(
    "text",
    [
        "Perindopril 4 mg 1 cp le matin, contrôle kaliémie dans 10 jours",
        "Lisinopril 5mg ONE daily, check U&Es in 1 week",
    ],
)
def test_a_follow_up_test_sets_no_duration(text: str) -> None:
    (med,) = meds(text)
    assert all(d.timing.bounds is None for d in med.dosages)
    assert "W002" not in review_codes(text)


def test_a_follow_up_test_stops_at_the_next_instruction() -> None:
    (dosage,) = meds("check capillary glucose before meals and give 6 units if > 3 g/l")[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (6, "iU")


@pytest.mark.parametrize(
    "text", ["Doxycycline 100 mg 1 cp/j, avoid sun exposure", "Roaccutane 20 mg 1 caps/j. Eviter le soleil"]
)
def test_avoiding_the_sun_is_advice(text: str) -> None:
    (med,) = meds(text)  # no drug "soleil", never Sunday
    assert all(not d.timing.day_of_week for d in med.dosages)
    assert not review_codes(text) - {"W005"}


def test_avoid_before_a_capitalised_name_is_a_do_not_give() -> None:
    (med,) = meds("Eviter Ibuprofène")
    assert med.do_not_perform and med.name == "Ibuprofène"


@pytest.mark.parametrize(
    "text", ["EFFERALGAN 1 g : 1 cp 3 fois par jour | 2 boîtes", "Durogesic 12 µg/h 1 patch/72h, 1 boîte de 5"]
)
def test_boxes_after_the_posology_are_the_quantity_supplied(text: str) -> None:
    (med,) = meds(text)
    assert len(med.dosages) == 1


# --- second wave: what one unit holds, units in slots, reconciliation words, the other days ----


@pytest.mark.parametrize(
    "text, unit, strength",
    [
        ("Efferalgan : 1 sachet de 500 mg toutes les 6 heures", "sachet", (500, "mg")),
        ("Amoxicilline 1 gélule de 500 mg 3 fois par jour", "capsule", (500, "mg")),
        ("Pantoprazole 1 tablet of 40 mg daily", "tablet", (40, "mg")),
    ],
)
def test_the_amount_of_one_unit_is_its_strength_never_a_second_dose(text: str, unit: str, strength: tuple) -> None:
    (med,) = meds(text)
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [(1, unit)]
    assert [(q.value, q.unit) for q in med.strengths] == [strength]


def test_the_amount_of_one_unit_with_no_drug_stays_in_the_text() -> None:
    result = posology.structure("1 cp de 500 mg matin et soir")
    (dosage,) = result.prescription.medications[0].dosages
    assert dosage.dose.low.value == 1 and "500 mg" in dosage.additional_instructions


@pytest.mark.parametrize(
    "text, doses, unit",
    [("SYP. CREMAFFIN | 10ml-10ml-10ml | 7 days", [10], "mL"), ("INJ. ACTRAPID | 10U-8U-6U | SC", [10, 8, 6], "iU")],
)
def test_a_unit_after_each_slot(text: str, doses: list, unit: str) -> None:
    (med,) = meds(text)
    assert sorted({d.dose.low.value for d in med.dosages}) == sorted(doses)
    assert {d.dose.low.unit for d in med.dosages} == {unit}
    assert {w for d in med.dosages for w in d.timing.when} == {"MORN", "NOON", "EVE"}


def test_uk_on_before_prn_is_at_night() -> None:
    assert timing("Zolpidem 5mg ON PRN").when == ("NIGHT",)


@pytest.mark.parametrize(
    "text, limit",
    [
        ("Metoclopramide 10mg 1 tablet TDS PRN, max 3 doses in 24 hours", (3, "tablet", 24, "h")),
        ("Doliprane 150 mg : 1 suppositoire toutes les 6 h, maximum 4 prises par 24 h", (4, "suppository", 24, "h")),
    ],
)
def test_a_maximum_counted_in_doses_is_in_the_dose_unit(text: str, limit: tuple) -> None:
    (dosage,) = meds(text)[0].dosages
    got = dosage.max_per_period
    assert (got.quantity.value, got.quantity.unit, got.per.value, got.per.unit) == limit


def test_a_column_of_doses_is_the_count() -> None:
    (dosage,) = meds("INJ. OPTINEURON | 1 amp IM alternate days | 6 doses")[0].dosages
    assert dosage.timing.count == 6 and dosage.dose.low.value == 1


@pytest.mark.parametrize(
    "text, name",
    [
        ("Bisoprolol augmenté à 5 mg le matin", "Bisoprolol"),
        ("Introduction d'APIXABAN 5 mg : 1 cp matin et soir", "APIXABAN"),
        ("Rosuvastatine : dose diminuée à 10 mg le soir", "Rosuvastatine"),
    ],
)
def test_reconciliation_words_are_no_part_of_the_name(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Introduction d'APIXABAN 5 mg : 1 cp matin et soir", False),  # a label: noise
        ("CONTINUE Amlodipine 5 mg OD", False),
        ("Bisoprolol augmenté à 5 mg le matin", True),  # a direction of change no rule read: a warning
    ],
)
def test_reconciliation_labels_are_noise_and_changes_are_said(text: str, flagged: bool) -> None:
    assert ("W002" in review_codes(text)) == flagged


@pytest.mark.parametrize(
    "text",
    [
        "Warfarin 1mg tablets: 4mg on Tue and Sat and 3mg on the other days",
        "Préviscan 1 cp mardi et samedi, 3/4 cp les autres jours",
    ],
)
def test_the_other_days_are_the_days_not_named(text: str) -> None:
    first, second = meds(text)[0].dosages
    assert tuple(sorted(first.timing.day_of_week)) == ("sat", "tue")
    assert tuple(sorted(second.timing.day_of_week)) == ("fri", "mon", "sun", "thu", "wed")
    assert second.timing.period is None  # never "every other day"


def test_a_small_bare_number_before_a_column_is_the_strength() -> None:
    (med,) = meds("TAB. ACITROM 4 | 1 tab daily | INR after 1 week")
    assert med.name == "ACITROM" and [(q.value, q.unit) for q in med.strengths] == [(4, None)]
    assert all(d.timing.bounds is None for d in med.dosages)  # the test's delay is no course


# --- orders naming several drugs; former doses; delays; yearly; plan labels ----------------------


@pytest.mark.parametrize(
    "text, names, status",
    [
        ("Suspendre Ramipril et Spironolactone (hyperkaliémie)", ["Ramipril", "Spironolactone"], "on-hold"),
        ("STOPPED: Amlodipine 5mg OD, Bisoprolol 2.5mg OD (bradycardia)", ["Amlodipine", "Bisoprolol"], "stopped"),
    ],
)
def test_one_order_names_every_drug_joined_to_the_first(text: str, names: list, status: str) -> None:
    got = meds(text)
    assert [m.name for m in got] == names and {m.status for m in got} == {status}


def test_an_order_stops_at_a_new_item() -> None:
    first, second = meds("STOP Kardégic ; Plavix 75 1 cp/j")
    assert first.status == "stopped" and second.status == "active"


@pytest.mark.parametrize(
    "text", ["Atenolol 25mg OD - REDUCED (was 50mg OD)", "Lasilix 40 mg 1 cp le matin au lieu de 2 cp"]
)
def test_the_dose_before_a_change_is_no_dosage(text: str) -> None:
    (med,) = meds(text)
    assert len(med.dosages) == 1


@pytest.mark.parametrize(
    "text", ["Suspendre le Kestin 1 semaine avant le test cutané", "HOLD Clopidogrel 75 mg x 7 days before surgery"]
)
def test_a_delay_before_an_event_is_no_course(text: str) -> None:
    (med,) = meds(text)
    assert med.status == "on-hold" and all(d.timing.bounds is None for d in med.dosages)


def test_a_duration_said_with_pendant_beside_a_cycle_is_the_course() -> None:
    got = timing("Fer : 1 cp par jour, 3 semaines sur 4, pendant 6 mois")
    assert (got.bounds.value, got.bounds.unit) == (6, "mo")


def test_once_yearly() -> None:
    got = timing("Zoledronic acid 5mg IV once yearly")
    assert (got.frequency, got.period, got.period_unit) == (1, 1, "a")


def test_a_reducing_regime_label_keeps_its_phases() -> None:
    (med,) = meds("Chlordiazepoxide reducing regime: 20mg QDS for 2 days, 10mg BD for 2 days, then 5mg BD for 2 days")
    assert med.name == "Chlordiazepoxide" and [d.dose.low.value for d in med.dosages] == [20, 10, 5]


def test_do_not_give_until_is_a_do_not_give() -> None:
    (med,) = meds("Methotrexate 10mg weekly - DO NOT GIVE until FBC reviewed")
    assert med.do_not_perform


def test_do_not_take_more_than_is_a_maximum_never_a_duration() -> None:
    (dosage,) = meds("1 cp si douleur, do not take more than 4 a day")[0].dosages
    assert dosage.timing.bounds is None and dosage.max_per_period.quantity.value == 4


def test_a_titration_after_a_restated_number_word_is_read_never_raises() -> None:
    # "(two)" is squeezed out of the text: the titration's clause was cut in the wrong offsets (IndexError)
    text = "carvedilol 3.125 MG tablet - Take 1 tablet by mouth 2 (two) times daily. Increase dose every 2 weeks."
    for engine in ("rules", "hybrid"):
        (med,) = posology.structure(text, engine=engine).prescription.medications
        (dosage,) = med.dosages
        assert (dosage.dose.low.value, dosage.timing.frequency) == (1, 2)
        assert any(i.startswith("Increase dose every 2 weeks") for i in dosage.additional_instructions)


# --- third wave: days opening a sentence, mg/kg per hours, labels, denominators, NS, Epic notes ----


def test_days_opening_a_new_sentence_belong_to_its_dose() -> None:
    first, second = meds("Warfarin 5 mg tablet - Take 1 tablet daily except Fridays. On Fridays take 0.5 tablets.")[
        0
    ].dosages
    assert tuple(sorted(first.timing.day_of_week)) == ("mon", "sat", "sun", "thu", "tue", "wed")
    assert (second.dose.low.value, second.timing.day_of_week) == (0.5, ("fri",))


def test_a_weight_based_amount_per_hours_is_a_dose_every_n_hours() -> None:
    (med,) = meds("Ibuprofène 10 mg/kg/8 h si douleur")
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit, dosage.timing.period, dosage.timing.period_unit) == (
        10,
        "mg/kg",
        8,
        "h",
    )
    assert not med.strengths


def test_a_label_before_a_colon_is_no_part_of_the_name() -> None:
    assert [m.name for m in meds("Antalgie : TRAMADOL 50 mg 1 gél x 3/j")] == ["TRAMADOL"]


def test_a_strengths_denominator_names_no_drug() -> None:
    (med,) = meds("Augmentin 100 mg/12,5 mg/ml : 5 ml 3 fois par jour")
    assert med.name == "Augmentin" and [d.dose.low.value for d in med.dosages] == [5]


@pytest.mark.parametrize(
    "text, name",
    [("EUTHYROX 75 µg NS : 1 cp le matin", "EUTHYROX"), ("Inj. Neurobion 1 amp in 100 ml NS IV OD", "Neurobion")],
)
def test_ns_after_a_strength_is_not_substitutable_and_normal_saline_stays(text: str, name: str) -> None:
    assert [m.name for m in meds(text)] == [name]


def test_epics_what_changed_note_is_no_timing() -> None:
    text = (
        "furosemide 20 MG tablet - Take 20 mg by mouth every morning. What changed: how much to take, when to take this"
    )
    (dosage,) = meds(text)[0].dosages
    assert not dosage.as_needed and dosage.timing.when == ("MORN",)


@pytest.mark.parametrize("text, dose", [("¹½ cp le soir", 1.5), ("²½ cp", 2.5), ("¹¼", None)])
def test_a_superscript_digit_before_a_fraction_is_a_mixed_number(text: str, dose) -> None:
    # hypothesis found "¹¼" raising (int("¹")); "¹½" was read 11/2 = 5.5 tablets, silently
    got = [d.dose.low.value for m in meds(text) for d in m.dosages if d.dose]
    assert got == ([dose] if dose is not None else [])


# --- fourth batch: em-dash columns, labelled dose columns, listed admin times, hours, q10min ----


@pytest.mark.parametrize(
    "text, strength, dose",
    [
        ("Tab Azee 500 — one tab once daily — three days", 500, 1),
        ("TAB NEBISTAR 5 — 1 TAB IN THE EVENING — 1 MONTH", 5, 1),
    ],
)
def test_a_spaced_em_dash_is_a_column_never_a_range(text: str, strength: float, dose: float) -> None:
    (med,) = meds(text)
    assert [q.value for q in med.strengths] == [strength]
    assert [(d.dose.low.value, d.dose.high) for d in med.dosages] == [(dose, None)]
    assert "W023" not in review_codes(text)  # was an inverted range 1-500, reordered


def test_a_glued_em_dash_stays_a_slot_dash() -> None:
    assert sorted(w for d in meds("Tab Dolo 650 1—0—1")[0].dosages for w in d.timing.when) == ["EVE", "MORN"]


def test_a_labelled_dose_column() -> None:
    (dosage,) = meds("Cap Omez | Dose: 1 | Frequency: Once a day | Duration: 10 Days")[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit, dosage.timing.frequency) == (1, "capsule", 1)


def test_admin_times_listed_in_parentheses() -> None:
    got = timing("heparin 5,000 units SQ q12h (0900, 2100)")
    assert [t[:5] for t in got.time_of_day] == ["09:00", "21:00"]


def test_an_amount_in_parentheses_is_no_time() -> None:
    assert not timing("paracetamol 2 tabs (1000 mg total) QDS").time_of_day


@pytest.mark.parametrize(
    "text, hours", [("dexamethasone 4 mg IV q6h x 48 hours", 48), ("ketorolac 15 mg IV q6h x 72 hr", 72)]
)
def test_x_hours_is_a_duration_never_n_a_day(text: str, hours: int) -> None:
    got = timing(text)
    assert (got.bounds.value, got.bounds.unit, got.period) == (hours, "h", 6)


def test_q10min_glued() -> None:
    got = timing("labetalol 10 mg IV q10min PRN")
    assert (got.period, got.period_unit) == (10, "min")


# --- fourth wave: spaced dashes beside slots, compositions, legends, "+ … each", packs, per-inhalation ---


def test_a_spaced_dash_before_glued_slots_is_a_column() -> None:
    (dosage,) = meds("TAB GLUCONORM G 1 - 1-0-1 - 15 min before food")[0].dosages
    assert sorted(dosage.timing.when) == ["ACM", "ACV"] and dosage.dose.low.value == 1


def test_a_composition_in_parentheses_is_the_brands() -> None:
    assert [m.name for m in meds("CAP RABIUM DSR (Rabeprazole + Domperidone) - 1 cap - Once a day - 14 days")] == [
        "RABIUM DSR"
    ]


def test_a_slot_legend_adds_no_moment() -> None:
    (dosage,) = meds("TAB AMLONG 5 - 1-0-0 (Morning-Afternoon-Night)")[0].dosages
    assert dosage.timing.when == ("MORN",)


def test_a_posology_for_each_drug_joined_by_plus() -> None:
    first, second = meds("TAB SHELCAL 500 + TAB BECOSULES - 1 tab each - Once daily after lunch - 1 month")
    for med in (first, second):
        (dosage,) = med.dosages
        assert (dosage.dose.low.value, dosage.timing.frequency, dosage.timing.when) == (1, 1, ("PCD",))


def test_a_form_word_between_drugs_joined_by_plus_shares_the_duration() -> None:
    got = meds("INJ CEFTRIAXONE 1 gm IV BD + INJ METRONIDAZOLE 100 ml IV TDS - 5 days")
    assert [d.timing.bounds.value for m in got for d in m.dosages] == [5, 5]


def test_a_gp_templates_last_column_is_the_pack() -> None:
    (med,) = meds("Timolol 0.25% eye drops — ONE drop into both eyes twice a day — 5 ml")
    assert len(med.dosages) == 1 and med.dosages[0].dose.low.unit == "drop"


def test_a_combination_with_a_dash_between_two_units() -> None:
    (med,) = meds("amoxicillin-clavulanate 500 mg-125 mg oral tablet, 1 tab(s), Oral, every 8 hr")
    assert [(q.value, q.unit) for q in med.strengths] == [(500, "mg"), (125, "mg")]
    assert [d.dose.low.value for d in med.dosages] == [1]


def test_per_inhalation_is_no_route() -> None:
    (dosage,) = meds("mometasone 50 mcg/inh nasal spray, 2 spray(s), Each Nostril, Daily")[0].dosages
    assert dosage.route.code == "20049000"  # nasal, never inhalation from "/inh"


def test_an_ordinal_is_never_a_second_dose() -> None:
    # the NER model read "1re injection" as a dose of 1 injection (a second Dosage, flagged)
    (med,) = meds("FONDAPARINUX 2,5 mg 1 inj SC/j, 1re injection 6 h après la fin de la chirurgie")
    assert [d.dose.low.value for d in med.dosages] == [1]


def test_a_route_before_the_first_drug_of_a_plus_regimen_is_everyones() -> None:
    first, second = meds("NEBULISATION LEVOLIN 1.25 ml + BUDECORT 0.5 mg - 6 hourly - 5 days")
    assert [d.route.code for m in (first, second) for d in m.dosages] == ["20020000", "20020000"]


def test_a_number_dash_number_word_is_two_columns_never_a_range() -> None:
    (med,) = meds("TAB RESTYL 0.5 - half tab - at bedtime")
    assert [(q.value, q.unit) for q in med.strengths] == [(0.5, None)]
    assert [(d.dose.low.value, d.dose.high) for d in med.dosages] == [(0.5, None)]


def test_a_capital_la_after_a_name_is_long_acting() -> None:
    assert [m.name for m in meds("Zoladex LA 10.8mg 1 inj SC every 3 months")] == ["Zoladex LA"]


def test_an_ocr_o_before_a_decimal_comma_is_a_zero() -> None:
    # "O,25 mg" was 25 mg (a hundredfold strength) and a drug "Xanax O", silently
    (med,) = meds("Lexomil O,5 mg 1 cp le soir")
    assert med.name == "Lexomil" and [(q.value, q.unit) for q in med.strengths] == [(0.5, "mg")]


@pytest.mark.parametrize(
    "text", ["Atarax 25 mg : 1 cp la nuit si réveil", "Tramadol 50 mg 1 gél la nuit si réveil douloureux"]
)
def test_si_reveil_is_a_condition_never_the_moment_of_waking(text: str) -> None:
    (dosage,) = meds(text)[0].dosages
    assert dosage.as_needed and "WAKE" not in dosage.timing.when


def test_a_lone_mass_in_an_order_with_no_drug_stays_its_dose() -> None:
    # hypothesis found it: with no name there is no product for a strength, and the mass was lost
    (med,) = meds("NE PAS DONNER : 500 mg")
    assert med.do_not_perform and [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [(500, "mg")]
    (named,) = meds("Suspendre Xarelto 20 mg")  # a name: the product's strength, as before
    assert [(q.value, q.unit) for q in named.strengths] == [(20, "mg")] and not named.dosages
