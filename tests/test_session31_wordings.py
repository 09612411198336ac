"""Wordings session 31 read (issue #12), after the blind wave 37 (dev_fr_ic … dev_en_io). Each case is
a variant written here (not a gold line) of a family read wrong or left silent; each test fails without
the reading it checks (docs/decisions.md, "Session 31 readings"), except the controls."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages


def reasons(text: str) -> str:
    """Every review reason of the text's Bundle, one string (to find the reading's own W023)."""
    return " ".join(issue.message for issue in posology.structure(text).review_reasons)


# --- an attack's acute treatment: "à la crise", "au début de la crise", "par crise" are as-needed ---------


@pytest.mark.parametrize(
    "text",
    [
        "Naramig 2,5 mg : 1 cp à la crise",
        "Zomig 5 mg 1 comprimé au début de la crise migraineuse",
        "Imigrane 100 mg : 1 cp par crise",
        "Relpax 20 mg 1 cp dès les premiers signes de la crise",
        "Ibuprofène 400 mg 1 cp dès le début de la céphalée",
        "Rizatriptan 10 mg one tablet at the start of an attack",
    ],
)
def test_an_attacks_treatment_is_as_needed(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage.get("as_needed") is True


def test_prevention_of_attacks_is_no_as_needed_dose() -> None:  # control: "des" is French "of the"
    (dosage,) = only_dosages("Colchicine 1 mg : 1 cp le soir, prévention des crises de goutte")
    assert not dosage.get("as_needed")


# --- a second dose after some hours: at most every N hours, never a refill nor a supply (flagged) ----------


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Zomig 2,5 mg : 1 cp à la crise, à renouveler 1 fois après 2 h si besoin", 2),
        ("Almogran 12,5 mg 1 cp si crise. 2e cp possible après 2 heures si récidive", 2),
        ("Maxalt 10 mg 1 lyoc à la crise, renouvelable une fois après 4h", 4),
    ],
)
def test_a_second_dose_after_hours_is_a_minimal_interval(text: str, hours: int) -> None:
    (med,) = fields(text)
    (dosage,) = med["dosages"]
    assert dosage["freq"] == [1, None] and dosage["period"] == [hours, None, "h"]
    assert "refills" not in med and "supply" not in med
    assert "second dose allowed" in reasons(text)


def test_may_repeat_after_hours_stays_an_interval() -> None:  # control: English writers agree (not flagged)
    (dosage,) = only_dosages("Sumatriptan 50 mg 1 tab at onset of migraine, may repeat after 2 hours")
    assert dosage["freq"] == [1, None] and dosage["period"] == [2, None, "h"]


def test_a_single_repeat_after_minutes_is_kept_as_written_and_flagged() -> None:
    text = "Natispray 0,30 mg : 1 pulvérisation sous la langue si douleur, à renouveler une fois après 5 min"
    (med,) = fields(text)
    (dosage,) = med["dosages"]
    assert "refills" not in med and "bounds" not in dosage and "period" not in dosage
    assert flagged(text)


def test_doses_spaced_at_least_hours_apart_are_at_most_that_often() -> None:
    (dosage,) = only_dosages("Imiject 6 mg 1 injection SC si crise, max 2 inj/24h espacées d'au moins 1 heure")
    assert dosage["freq"] == [1, None] and dosage["period"] == [1, None, "h"]


# --- limits per month and on the days of use: never a second dose, never a rhythm ---------------------------


def test_a_second_maximum_per_month_is_no_dose_of_eight_tablets() -> None:
    text = "Relpax 40 mg : 1 cp à la crise, max 2 cp/24h et 8 cp/mois"
    (dosage,) = only_dosages(text)
    assert dosage["max"] == [2, "tablet", 24, "h"]
    assert flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sumatriptan 50 mg : 1 cp par crise. Pas plus de 2 jours de prise par semaine",
        "Rizatriptan 10 mg 1 tab at onset, no more than 10 days a month",
        "Naramig 2,5 mg 1 cp si crise, max 10 j/mois",
    ],
)
def test_a_limit_on_days_of_use_is_kept_as_written_and_flagged(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "freq" not in dosage and "bounds" not in dosage and "period" not in dosage
    assert "days of use" in reasons(text)


def test_plasters_on_at_once_are_a_maximum_not_a_second_dose() -> None:
    (dosage,) = only_dosages("Versatis 5 % : 1 emplâtre sur la zone douloureuse, maximum 3 emplâtres en même temps")
    assert dosage["dose"] == [1, None, "patch"]


# --- times counted from an undated event: no clock time, no course ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lovenox 4000 UI SC 1 fois par jour, à débuter 6h après l'intervention",
        "Innohep 3500 UI SC 1/j, première injection 12 h après la chirurgie",
        "Mitomycin 40 mg intravesical, single instillation within 6 hours of TURBT",
    ],
)
def test_hours_from_an_event_are_no_clock_time_and_are_flagged(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "tod" not in dosage and "bounds" not in dosage
    assert flagged(text)


def test_a_clock_time_stays_a_clock_time() -> None:  # controls
    (dosage,) = only_dosages("Doliprane 1 g : 1 cp à 8h et à 20h")
    assert dosage["tod"] == ["08:00:00", "20:00:00"]
    (dosage,) = only_dosages("Céfazoline 2 g IV à 7h avant l'intervention")  # a clock time, the event a note
    assert dosage["tod"] == ["07:00:00"]


# --- titration words, a relay with no dose, a course on the menstrual cycle, back-to-back doses -------------


def test_a_taper_by_steps_is_an_open_titration() -> None:
    text = "Prednisone 60 mg le matin pendant 5 jours puis décroissance de 10 mg tous les 2 jours"
    (dosage,) = only_dosages(text)  # the starting dose only, the rule as an instruction
    assert dosage["dose"] == [60, None, "mg"]
    assert flagged(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Perfalgan 1 g IV en 15 min puis relais per os", "another route"),
        ("Tazocilline 4 g IV x 48 h then switch to oral", "another route"),
        ("Spasfon 80 mg : 1 cp matin et soir pendant les règles", "menstrual"),
        ("Ponstan 500 mg one tablet three times a day during your period", "menstrual"),
        ("Salbutamol 5 mg nebs back-to-back x3", "back to back"),
    ],
)
def test_orders_a_pharmacist_must_see_are_flagged(text: str, reason: str) -> None:
    assert reason in reasons(text)


def test_a_concentration_and_no_dose_is_flagged() -> None:
    text = "Amoxicilline 250 mg/5 ml : 3 fois par jour pendant 7 jours"
    assert flagged(text)
    assert not flagged("Amoxicilline 250 mg/5 ml : 5 ml 3 fois par jour pendant 7 jours")  # control


# --- names: a label before a drug in small letters, a product named by example, a kind before a brand -------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Lombalgie aiguë : ibuprofène 400 mg 1 cp 3 fois par jour", "ibuprofène"),
        ("Douleur post-opératoire - Tramadol 50 mg 1 gél toutes les 6 h si douleur", "Tramadol"),
        ("SMART - Symbicort 200/6 1 puff as needed", "Symbicort"),
        ("Complexe vitaminique type Azinc Forme : 1 gélule par jour", "Azinc Forme"),
        ("Vitamine D : UVEDOSE 100 000 UI 1 ampoule tous les 3 mois", "UVEDOSE"),
    ],
)
def test_the_drug_is_named_after_a_label_or_a_kind(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug


def test_a_product_named_by_example_is_flagged() -> None:
    assert flagged("Complexe vitaminique type Azinc Forme : 1 gélule par jour")


# --- a claims row's columns, record numbers, numbers that are not what they look like -----------------------


def test_a_claims_rows_columns_are_supply_and_refills() -> None:
    text = (
        "RX#5510021 | AMLODIPINE 5 MG TABLET | SIG: Take 1 tablet(s) by mouth 1 time(s) per day"
        " | QTY 90.000 EA | DS 90 | RF 3"
    )
    (med,) = fields(text)
    assert med["drug"] == "AMLODIPINE" and med["supply"] == [90, "d"] and med["refills"] == 3


def test_a_prior_authorisation_number_names_no_drug() -> None:
    text = (
        "PA#24-550120 (2 orders) || RX#1 | LOSARTAN 50 MG TABLET | SIG: Take 1 tablet(s) by mouth 1 time(s) per day"
        " || RX#2 | ATORVASTATIN 20 MG TABLET | SIG: Take 1 tablet(s) by mouth at bedtime"
    )
    assert [med["drug"] for med in fields(text)] == ["LOSARTAN", "ATORVASTATIN"]


def test_a_double_strength_product_keeps_its_ds() -> None:  # control: no bar, no supply
    (med,) = fields("Bactrim DS 1 tab po bid x 10 days")
    assert "supply" not in med


def test_a_date_no_calendar_holds_is_three_strengths() -> None:
    (med,) = fields("Trelegy Ellipta 92/55/22 1 inhalation once daily")
    assert med["strength"] == [[92, None], [55, None], [22, None]]


def test_a_premix_number_is_no_thousands_group() -> None:
    (med,) = fields("NOVOLOG MIX 70-30 100 UNIT/ML FLEXPEN inject 18 units before breakfast")
    assert med["drug"] == "NOVOLOG MIX 70-30"
    assert [100, "iU"] in med["strength"]
    (med,) = fields("Adrovance 70 mg/5 600 UI : 1 cp par semaine")  # control: a group after a slash
    assert med["strength"] == [[70, "mg"], [5600, "iU"]]


def test_a_prolonged_release_pr_before_tablets_is_no_rectal_route() -> None:
    (dosage,) = only_dosages("Tolterodine 4 mg PR capsules 1 daily")
    assert "route" not in dosage
    (dosage,) = only_dosages("Diclofenac 100 mg PR at night")  # control: a suppository's route
    assert dosage["route"] == "rectal"


def test_a_pack_written_after_the_strength_is_no_dose() -> None:
    (dosage,) = only_dosages("Tamsulosin 400mcg x 30 capsules - take ONE capsule at night")
    assert dosage["dose"] == [1, None, "capsule"]


def test_tablets_making_a_dose_give_the_strength() -> None:
    (med,) = fields("Prednisolone 30mg (6x5mg) OM x 5 days")
    assert med["strength"] == [[5, "mg"]] and med["dosages"][0]["dose"] == [30, None, "mg"]


def test_a_count_of_amounts_a_day_is_the_frequency() -> None:
    (dosage,) = only_dosages("Fortimel : 2 x 200 ml/j")
    assert dosage["dose"] == [200, None, "mL"] and dosage["freq"] == [2, None]
    (dosage,) = only_dosages("Nutrison : 5 bolus de 200 ml par jour par la sonde")
    assert dosage["dose"] == [200, None, "mL"] and dosage["freq"] == [5, None]


def test_a_patients_age_is_no_drug() -> None:
    assert [med["drug"] for med in fields("Flixotide 50 2 puffs bd (age 7)")] == ["Flixotide"]
    (dosage,) = only_dosages("Zopiclone 3,75 mg. Sujet âgé : 1/2 comprimé au coucher")  # control
    assert dosage["dose"] == [0.5, None, "tablet"]


def test_keep_taking_even_when_well_is_no_condition_nor_evening() -> None:
    (dosage,) = only_dosages("Qvar 100 2 puffs bd - keep taking even when well")
    assert "as_needed" not in dosage and "when" not in dosage


def test_mixed_into_food_is_no_meal_moment() -> None:
    (dosage,) = only_dosages("Fortimel poudre : 1 cuillère-mesure 2 fois par jour, à mélanger aux aliments")
    assert "when" not in dosage


def test_one_at_a_time_stays_the_dose() -> None:  # control: "1 sachet at a time" is the dose itself
    (dosage,) = only_dosages("Gaviscon 1 sachet at a time, three times a day")
    assert dosage["dose"] == [1, None, "sachet"]


def test_a_spacer_names_no_drug() -> None:
    assert [med["drug"] for med in fields("Ventolin 100mcg inhaler + spacer: 2 puffs prn")] == ["Ventolin"]


def test_max_qds_is_a_frequency_range() -> None:
    (dosage,) = only_dosages("Salbutamol 100mcg 2 puffs prn, max QDS")
    assert dosage["freq"] == [1, 4]


def test_instillations_counted_after_x_are_a_count() -> None:
    (dosage,) = only_dosages("Methotrexate 20 mg IM weekly x 6 injections")
    assert dosage["count"] == 6 and dosage["dose"] == [20, None, "mg"]


# --- an SMS reminder's shorthand ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Rappel INEXIUM 40mg: 1 gél/j av pt-déj", "when", ["ACM"]),
        ("Rappel AUGMENTIN 1g: 1 sachet 2x/j ap déj", "when", ["PCD"]),
        ("Rappel KARDEGIC 160mg: 1 sachet/j au déj", "when", ["CD"]),
        ("Rappel LASILIX 40mg: 1 cp matin+ap-midi", "when", ["AFT", "MORN"]),
        ("Rappel TAREG 80mg: 1 cp ts les 2j", "period", [2, None, "d"]),
        ("Rappel TIMOPTOL 0,25%: 1 gtt matin+soir (oeil G)", "route", "ocular"),
        ("Rappel NATISPRAY 0,15mg: 1 pulv. si douleur (ss la langue)", "route", "sublingual"),
        ("Rappel ORELOX 40mg/5mL: 1 cuil-mes 2x/j", "dose", [1, None, "spoonful"]),
    ],
)
def test_an_sms_reminders_shorthand_is_read(text: str, key: str, value: object) -> None:
    (dosage,) = only_dosages(text)
    assert dosage[key] == value


def test_immediat_is_a_stat_order() -> None:
    (med,) = fields("Rappel SOLUMEDROL 40mg: IMMEDIAT, 1 inj IV")
    assert med["priority"] == "stat"


def test_a_presentations_inhal_is_no_route() -> None:  # control: "SUSP INHAL" is the product's form
    (dosage,) = only_dosages("VENTOLINE 100 µg/dose susp inhal : 2 bouffées si gêne")
    assert "route" not in dosage


def test_the_shared_w023_helper_reports_in_the_callers_offsets() -> None:
    text = "\u200bLovenox 4000 UI SC 1 fois par jour, à débuter 6h après l'intervention"  # a squeezed character
    result = posology.structure(text)
    (issue,) = [r for r in result.review_reasons if "event whose hour" in r.message]
    assert text[issue.start : issue.end] == "6h après l'intervention"


def test_a_reminders_opening_word_is_noise() -> None:
    text = "Rappel AMLOR 5mg: 1 cp/j le matin"
    (dosage,) = only_dosages(text)
    assert dosage["when"] == ["MORN"] and not flagged(text)


def test_a_maximum_of_each_is_every_drugs() -> None:
    text = "Naproxène 550 mg 1 cp si crise + Vogalène 1 lyoc si nausées. Max 2 cp/j de chaque"
    first, second = fields(text)
    assert first["dosages"][0]["max"] == second["dosages"][0]["max"] == [2, "tablet", 1, "d"]


def test_a_reminder_word_before_other_words_stays_unexplained() -> None:  # control
    assert flagged("Rappel du soir : 1 comprimé de Tahor 20 mg")
