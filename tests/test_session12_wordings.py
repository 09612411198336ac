"""Wordings the session-12 blind rounds showed (issue #12). Each case is a variant written here
(not a gold line) of a family read wrong; each test fails without the reading it checks
(docs/decisions.md, "Session 12 readings")."""

from __future__ import annotations

import pytest

from tests.test_session11_wordings import meds, warnings


def days(text: str) -> list[list[str]]:
    (med,) = meds(text)
    return [sorted(d.timing.day_of_week) for d in med.dosages]


# --- a terse renderer's two-letter day codes ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Digoxin 125 MCG 1 TAB PO QD on TU,TH,SA", ["sat", "thu", "tue"]),
        ("Methotrexate 10 MG 4 TAB PO QWK on TH", ["thu"]),
        ("Calcium 500 MG 1 TAB PO QD except SA", ["fri", "mon", "sun", "thu", "tue", "wed"]),
        ("Hydrocortisone cream 1 APPL TOP QD MO/WE", ["mon", "wed"]),
        ("Prednisone 5 MG 1 TAB PO every SU", ["sun"]),
    ],
)
def test_two_letter_day_codes_in_capitals_are_days(text: str, expected: list[str]) -> None:
    assert days(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Vitamin B12 1000 MCG IM QMO x 3 MO",  # a lone MO after a number: months
        "Doliprane 1 g 3 fois par jour sauf le WE",  # French WE: the week-end
    ],
)
def test_a_lone_day_code_without_a_day_word_stays_what_it_was(text: str) -> None:
    (med,) = meds(text)
    assert all(d.timing.day_of_week != ["wed"] and d.timing.day_of_week != ["mon"] for d in med.dosages)


@pytest.mark.parametrize("text", ["Vitamin B12 1000 MCG IM QMO", "B12 1000 mcg IM q month"])
def test_qmo_is_once_a_month(text: str) -> None:
    (med,) = meds(text)
    timing = med.dosages[0].timing
    assert (timing.frequency, timing.period, timing.period_unit) == (1, 1, "mo")


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Uvestérol D 1.500 UI/ml : 1 ml par jour", 1500),
        ("ZymaD 2.500 UI par jour", 2500),
        ("Heparin 7.500 IU sc bid", 7500),
    ],
)
def test_a_dot_before_three_digits_and_an_international_unit_is_thousands(text: str, value: int) -> None:
    (med,) = meds(text)
    values = [q.value for q in med.strengths] + [d.dose.low.value for d in med.dosages if d.dose]
    assert value in values and value / 1000 not in values


# --- a drug named after its counted dose ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Trois comprimés de Spasfon par jour si douleurs", "Spasfon"),
        ("Quinze gouttes de Lamaline le soir", "Lamaline"),
        ("1 sachet de Gaviscon après chaque repas", "Gaviscon"),
        ("Take 2 tablets of Panadol every 6 hours", "Panadol"),
    ],
)
def test_a_capitalised_name_after_a_counted_dose_and_de_or_of_is_the_drug(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name and med.dosages[0].dose is not None
    assert not any(name in w for w in warnings(text))


def test_a_lower_case_word_after_a_dose_and_de_is_no_drug() -> None:
    assert not meds("1 cuillère de sirop le soir")[0].name


# --- a daily total given in one intake --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gentamicine 5 mg/kg/j en une injection IV",
        "Amikacine 15 mg/kg/j en 1 perfusion IV",
        "Amikacin 15 mg/kg/day in one infusion IV",
    ],
)
def test_a_daily_total_in_one_injection_is_the_dose_once_a_day_and_unflagged(text: str) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (float(text.split()[1]), "mg/kg")
    assert (dosage.timing.frequency, dosage.timing.period, dosage.timing.period_unit) == (1, 1, "d")
    assert warnings(text) == []


def test_a_daily_total_with_no_split_stays_flagged() -> None:
    (med,) = meds("Gentamicine 5 mg/kg/j IV")
    assert all(d.dose is None for d in med.dosages)
    assert any("W022" in w for w in warnings("Gentamicine 5 mg/kg/j IV"))


# --- frequencies -------------------------------------------------------------------------------


def timing(text: str):
    (med,) = meds(text)
    (dosage,) = med.dosages
    return dosage.timing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oxycodone 5 mg one to two capsules four hourly when required", (1, None, 4, "h")),
        ("Tramadol 50 mg 1 cap six to eight hourly prn", (1, None, 6, "h")),
        ("Seresta 10 mg : 1 cp x 2 à 3/j", (2, 3, 1, "d")),
        ("Spasfon 1 cp 2 à 3/j", (2, 3, 1, "d")),
        ("Actiskenan 5 mg : 1 gél si douleur, jusqu'à 4 fois par 24 h", (1, 4, 24, "h")),
        ("Debridat 100 mg 1 cp x 3 avant les repas", (3, None, 1, "d")),
        ("Tab Meftal Spas 1 x 2 after food", (2, None, 1, "d")),
        ("Tab. Amoxil 500mg b.d x 5/7", (2, None, 1, "d")),
        ("losartan 50 1 a day", (1, None, 1, "d")),
    ],
)
def test_frequency_wordings(text: str, expected: tuple) -> None:
    t = timing(text)
    assert (t.frequency, t.frequency_max, t.period, t.period_unit) == expected
    assert t.bounds is None or t.bounds.unit != "d" or t.bounds.value != 1  # "1 a day" is no duration


def test_x_n_before_a_meal_is_one_dose_never_two() -> None:
    (med,) = meds("Debridat 100 mg 1 cp x 3 avant les repas")
    assert [d.dose.low.value for d in med.dosages] == [1]
    assert list(med.dosages[0].timing.when) == ["AC"]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Midazolam 2,5 mg SC si agitation, délai minimum 1 h entre deux injections", (1, "h")),
        ("Perfalgan 1 g IVL si fièvre, 6 h minimum entre 2 injections", (6, "h")),
    ],
)
def test_a_minimum_gap_between_injections_is_the_interval_never_a_dose(text: str, period: tuple) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert (dosage.timing.period, dosage.timing.period_unit) == period and dosage.dose.low.unit != "injection"


@pytest.mark.parametrize("text", ["Tab. Cipro 500mg b.d x 1/52", "Tab X 1 o.d", "1 tab p.o h.s"])
def test_dotted_two_letter_abbreviations_are_read(text: str) -> None:
    (med,) = meds(text)
    assert med.dosages[0].timing.frequency or med.dosages[0].timing.when
    assert not any("'b'" in w or "'o'" in w or "'d'" in w for w in warnings(text))


# --- a UK dispensing label ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lansoprazole 30mg gastro-resistant capsules x28 - Take ONE capsule ONCE a day before breakfast",
        "Doxycycline 100mg capsules x8: Take TWO capsules on the first day then ONE capsule daily",
        "Lactulose oral solution x300ml - Take 15ml TWICE a day",
    ],
)
def test_a_pack_size_after_the_form_is_no_frequency(text: str) -> None:
    (med,) = meds(text)
    assert all(d.timing.frequency in (1, 2, None) for d in med.dosages)
    assert not any(d.dose and d.dose.low.value in (28, 8, 300) for d in med.dosages)


def test_a_count_before_the_form_keeps_x_as_the_times_a_day() -> None:
    assert timing("2 tablets x 3").frequency == 3


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Bimatoprost 100micrograms/ml eye drops 3ml: Instil ONE drop into BOTH eyes at night", (1, "drop")),
        ("Morphine oral solution 10mg/5ml 100ml - Take 2.5ml every 4 hours when required", (2.5, "mL")),
    ],
)
def test_a_bottle_size_in_a_label_header_is_no_second_dose(text: str, dose: tuple) -> None:
    (med,) = meds(text)
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [dose]


def test_a_caution_not_to_take_other_things_at_the_same_time_is_advice() -> None:
    text = "Ferrous sulfate 200mg tablets: Take ONE tablet TWICE a day. Do not take antacids at the same time."
    (med,) = meds(text)
    assert med.name.startswith("Ferrous") and not med.do_not_perform
    assert not any("Do not" in w for w in warnings(text))


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Eludril : bains de bouche 3 fois par jour", "Eludril"),
        ("Stérimar : lavage des fosses nasales matin et soir", "Stérimar"),
        ("papa : kardegic 75 1 sachet le midi", "kardegic"),
    ],
)
def test_lower_case_words_after_a_colon_describe_the_use(text: str, name: str) -> None:
    assert meds(text)[0].name == name


def test_a_french_mon_before_a_noun_is_my_never_monday() -> None:
    (med,) = meds("mon levothyrox 75 tous les matins a jeun")
    assert all(not d.timing.day_of_week for d in med.dosages)
    assert days("Methotrexate 15 mg every mon") == [["mon"]]


def test_a_nocturnal_reason_is_no_time_of_the_dose() -> None:
    (med,) = meds("Lamaline : 1 gélule au coucher si douleur nocturne")
    (dosage,) = med.dosages
    assert list(dosage.timing.when) == ["HS"] and dosage.as_needed


# --- dictated text (speech recognition) -----------------------------------------------------------


def names_and_doses(text: str) -> list[tuple]:
    return [(m.name, [d.dose.low.value if d.dose else None for d in m.dosages]) for m in meds(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lisinopril ten milligrams daily period simvastatin twenty milligrams at bedtime",
            [("lisinopril", [10]), ("simvastatin", [20])],
        ),
        (
            "amoxicillin 500 mg three times a day for ten days and paracetamol 1 g every six hours as needed",
            [("amoxicillin", [500]), ("paracetamol", [1])],
        ),
        ("metformine cinq cents milligrammes matin et soir point", [("metformine", [500])]),
    ],
)
def test_a_dictated_full_stop_or_and_opens_the_next_drug(text: str, expected: list) -> None:
    assert names_and_doses(text) == expected


def test_a_stop_then_a_start_gives_the_dose_to_the_started_drug_only() -> None:
    stopped, started = meds("discontinue glipizide and start Jardiance ten milligrams once a day")
    assert (stopped.name, stopped.status, stopped.dosages) == ("glipizide", "stopped", ())
    assert started.name == "Jardiance" and started.dosages[0].dose.low.value == 10


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hydrochlorothiazide twelve point five milligrams daily", 12.5),
        ("digoxin zero point one two five milligrams daily", 0.125),
        ("Previscan trois quarts de comprimé le soir", 0.75),
        ("warfarin one half of a tablet at night", 0.5),
        ("warfarin three quarters of a tablet at night", 0.75),
    ],
)
def test_spoken_decimals_and_fractions(text: str, value: float) -> None:
    (med,) = meds(text)
    assert [d.dose.low.value for d in med.dosages] == [value]


@pytest.mark.parametrize(
    ("text", "dose", "frequency"),
    [
        ("cefuroxime thirty milligrams per kilogram per day divided twice a day", (15, "mg/kg"), 2),
        ("enoxaparin one milligram per kilogram subcutaneously every twelve hours", (1, "mg/kg"), 1),
    ],
)
def test_spoken_weight_based_doses(text: str, dose: tuple, frequency: int) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == dose and dosage.timing.frequency == frequency
    assert med.name != "divided"


def test_times_n_doses_is_a_count() -> None:
    assert timing("ceftriaxone one gram IV every twenty four hours times three doses").count == 3


# --- FHIR renderers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Prednisolone 5 mg tablet: 6 {tbl} by mouth once a day", (6, "tablet")),
        ("Salbutamol: 2 {puff} inhaled", (2, "puff")),
    ],
)
def test_a_ucum_annotation_is_the_dose_unit(text: str, dose: tuple) -> None:
    (med,) = meds(text)
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [dose]


@pytest.mark.parametrize(
    "text",
    ["Do not perform: Naproxen 500 mg tablet 1 tablet(s) by mouth twice a day", "DO NOT PERFORM — Aspirin 75 mg"],
)
def test_do_not_perform_is_a_do_not_perform_order(text: str) -> None:
    (med,) = meds(text)
    assert med.do_not_perform and "PERFORM" not in med.name.upper()


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("Statut : arrêté — RAMIPRIL 5 mg, comprimé : 1 comprimé(s) 1 fois par jour", "RAMIPRIL", "stopped"),
        ("Priorité : stat — MORPHINE 10 mg/mL, solution injectable : 2 mg immédiatement", "MORPHINE", "active"),
    ],
)
def test_a_status_label_names_no_drug(text: str, name: str, status: str) -> None:
    (med,) = meds(text)
    assert (med.name, med.status) == (name, status)


def test_a_second_drug_after_a_bar_is_not_swallowed_by_the_reason() -> None:
    text = "Paracetamol 500 mg: 2 tablet(s) every 6 hour(s) as needed for pain | Ibuprofen 200 mg: 1 tablet(s) q8h"
    assert [m.name for m in meds(text)] == ["Paracetamol", "Ibuprofen"]


def test_a_dispersion_is_a_presentation_never_a_drug() -> None:
    assert [m.name for m in meds("VENOFER 20 mg/mL, dispersion injectable : 200 mg, voie intraveineuse")] == ["VENOFER"]


# --- orders and days -----------------------------------------------------------------------------


def test_hold_until_a_threshold_is_on_hold_now() -> None:
    (med,) = meds("Hold spironolactone until K+ < 5.0")
    assert med.status == "on-hold"


@pytest.mark.parametrize(
    "text",
    [
        "Ramipril 5 mg OD, not on Mon/Wed/Fri",
        "Ramipril 5 mg OD except Mon, Wed, Fri",
        "1 cp par jour sauf lundi/mercredi/vendredi",
    ],
)
def test_every_excepted_day_of_a_list_is_excepted(text: str) -> None:
    assert days(text) == [["sat", "sun", "thu", "tue"]]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("STOP T. ECOSPRIN, START T. CLOPITAB 75 MG 0-1-0", ["ECOSPRIN", "CLOPITAB"]),
        ("T. LASIX 40 MG 1-0-0 & T. DYTOR 10 MG 0-1-0", ["LASIX", "DYTOR"]),
    ],
)
def test_a_start_or_a_second_form_word_opens_the_next_item(text: str, names: list[str]) -> None:
    found = meds(text)
    assert [m.name for m in found] == names
    assert found[-1].status == "active" and found[-1].dosages[0].dose.low.unit == "tablet"


# --- UK dispensing labels, second round -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sertraline 50mg tablets Take ONE tablet in the MORNING. Warning: This medicine may make you sleepy. "
        "If this happens, do not drive or use tools or machines. Do not drink alcohol.",
        "Clarithromycin 500mg tablets Take ONE tablet TWICE a day for 7 days. Space the doses evenly throughout "
        "the day. Keep taking this medicine until the course is finished, unless you are told to stop.",
        "Lymecycline 408mg capsules Take ONE capsule daily. Do not take indigestion remedies, or medicines "
        "containing iron or zinc, 2 hours before or after you take this medicine.",
    ],
)
def test_a_labels_cautions_are_advice_never_orders_conditions_or_drugs(text: str) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert med.status == "active" and not med.do_not_perform and not dosage.as_needed
    assert dosage.timing.period_unit != "h"
    assert warnings(text) == []


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Omeprazole 20mg gastro-resistant capsules (28) Take ONE capsule ONCE a day", (1, "capsule")),
        ("Macrogol oral powder sachets (30) Take ONE sachet TWICE a day", (1, "sachet")),
        ("Simple linctus 200ml Take 5ml THREE times a day", (5, "mL")),
        ("Chloramphenicol 0.5% eye drops 10ml Use ONE drop in BOTH eyes FOUR times a day", (1, "drop")),
        ("Paracetamol 500mg tablets 32 tablet Take TWO tablets FOUR times a day", (2, "tablet")),
    ],
)
def test_a_labels_pack_in_its_product_line_is_no_dose(text: str, dose: tuple) -> None:
    (med,) = meds(text)
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [dose]


def test_the_back_passage_is_rectal() -> None:
    (med,) = meds("Bisacodyl 10mg suppositories Insert ONE suppository into the back passage at NIGHT")
    assert med.dosages[0].route.code == "20061000"


def test_immediately_before_meals_is_no_stat_order() -> None:
    (med,) = meds("Insulin aspart Inject 4 units THREE times a day immediately before meals")
    (dosage,) = med.dosages
    assert med.priority is None and dosage.timing.count is None and list(dosage.timing.when) == ["AC"]


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("albuterol 90 MCG/ACTUAT Metered Dose Inhaler - 2 puffs inhaled Q6H PRN", (90, "ug")),
        ("lidocaine 5 % Medicated Patch: Apply 1 patch to skin daily", (5, "%")),
    ],
)
def test_a_rxnorm_description_names_one_drug(text: str, strength: tuple) -> None:
    (med,) = meds(text)
    assert [(q.value, q.unit) for q in med.strengths] == [strength]


def test_sans_arret_is_no_stop() -> None:
    (med,) = meds("Optimizette 75 microgrammes : 1 cp par jour, à heure fixe, sans arrêt")
    assert med.status == "active"


# --- dictated text, second round -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Xanax zéro virgule vingt-cinq milligrammes un comprimé le soir", 0.25),
        ("Lovenox zéro virgule six millilitres en sous-cutané le soir", 0.6),
        ("alprazolam point five milligrams at bedtime", 0.5),
    ],
)
def test_dictated_decimals(text: str, value: float) -> None:
    (med,) = meds(text)
    found = [q.value for q in med.strengths] + [d.dose.low.value for d in med.dosages if d.dose]
    assert value in found and med.name.split()[0] == text.split()[0]


def test_dictated_millions_of_units() -> None:
    (med,) = meds("Extencilline un virgule deux millions d'unités une injection intramusculaire")
    assert [q.value for q in med.strengths] == [1200000]


@pytest.mark.parametrize(
    "text",
    [
        "sertraline fifty milligrams every morning new line zolpidem five milligrams at bedtime",
        "Kardégic 75 un sachet le midi à la ligne Tahor 20 un comprimé le soir",
        "paracétamol un gramme trois fois par jour si douleurs point ibuprofène 400 milligrammes matin et soir",
    ],
)
def test_a_dictated_line_break_or_full_stop_separates_two_drugs(text: str) -> None:
    assert len(meds(text)) == 2


def test_times_n_doses_after_an_as_needed_reason_is_a_count() -> None:
    (med,) = meds("ketorolac fifteen milligrams IV every six hours as needed for pain times eight doses")
    (dosage,) = med.dosages
    assert dosage.timing.count == 8 and dosage.as_needed


# --- a UK GP system's medication list (the fourth wave, measured unseen first) -----------------------


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Bimatoprost 300micrograms/ml eye drops - ONE drop into both eyes at night - 3 ml", (1, "drop")),
        ("Cyanocobalamin 1mg/1ml solution for injection ampoules - 1mg IM every 3 months - 1 ampoule", (1, "mg")),
        ("Alendronic acid 70mg tablets - ONE tablet once a week - 4 tablet - Last issued 01-Mar-2024", (1, "tablet")),
    ],
)
def test_a_gp_lists_quantity_column_is_no_dose(text: str, dose: tuple) -> None:
    (med,) = meds(text)
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [dose]


def test_a_french_last_column_in_another_unit_word_stays_a_dose() -> None:
    (med,) = meds("Doliprane 500 mg - 1 cp matin - 2 cp")
    assert [d.dose.low.value for d in med.dosages] == [1, 2]


def test_acute_before_a_colon_is_a_label() -> None:
    assert (
        meds("Acute: Doxycycline 100mg capsules - TWO on day one then ONE daily - 8 capsule")[0].name == "Doxycycline"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("UTROGESTAN 100MG CAPS MOLLE : 1 capsule le soir au coucher", "UTROGESTAN"),
        ("DEBRIDAT 100MG CPR ENROB : 1 comprimé 3 fois par jour", "DEBRIDAT"),
        ("DIAMICRON 30MG CPR LM : 2 cp le matin", "DIAMICRON"),
        ("OTIPAX SOL AURIC : 3 gouttes dans chaque oreille matin et soir", "OTIPAX"),
    ],
)
def test_a_french_database_labels_presentation_words_name_no_drug(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name and med.dosages[0].dose.low.unit in ("capsule", "tablet", "drop")


@pytest.mark.parametrize(
    "text",
    ["Préviscan 20 mg : 3/4 cp le soir (cible entre 2 et 3)", "Warfarin 5 mg tablets - ONE daily - target INR 2-3"],
)
def test_an_inr_target_is_no_dose(text: str) -> None:
    (med,) = meds(text)
    assert len(med.dosages) == 1 and med.dosages[0].dose.low.value in (0.75, 1, 5)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Acute | Doxycycline 100mg capsules | 8 capsule | two on day one then one daily", "Doxycycline"),
        ("Acute meds: Naproxen 250mg tablets 1 BD with food", "Naproxen"),
        ("Repeat meds: Amlodipine 5mg tablets 1 OD", "Amlodipine"),
    ],
)
def test_a_gp_lists_item_kind_is_a_label(text: str, name: str) -> None:
    assert meds(text)[0].name == name


def test_as_directed_is_always_flagged_never_a_name() -> None:
    text = "Emollin cream - Use As Directed - 500 gram"
    assert [m.name for m in meds(text)] == ["Emollin"]
    assert any("W022" in w for w in warnings(text))


def test_point_as_a_place_is_no_dictated_full_stop() -> None:
    assert len(meds("Emla crème : 1 application au point d'injection 1 heure avant le soin")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Tamsulosin 400mcg MR capsules - swallow whole - one at night",
        "Tamsulosin 400mcg capsules, swallow whole, one at night",
    ],
)
def test_a_short_caution_ends_at_its_comma_or_column_never_hiding_the_posology(text: str) -> None:
    (med,) = meds(text)
    assert [(d.dose.low.value, list(d.timing.when)) for d in med.dosages] == [(1, ["NIGHT"])]
