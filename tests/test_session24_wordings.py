"""Wordings session 24 read (issue #12). Each case is a variant written here (not a gold line) of a
family read wrong or left silent; each test fails without the reading it checks (docs/decisions.md,
"Session 24 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages

# --- a drug left with no dosage beside a drug that has one ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Paracetamol + Ibuprofen 1 tab TDS", "Doliprane + Spasfon 2 cp 3 fois par jour"],
)
def test_a_drug_with_no_dosage_beside_a_dosed_one_is_flagged(text: str) -> None:
    result = posology.structure(text)
    meds = fields(text)
    assert len(meds) == 2 and not meds[0]["dosages"] and meds[1]["dosages"]
    undosed = [i for i in result.review_reasons if "no dosage for this drug" in i.message]
    assert [i.medication for i in undosed] == [0]
    assert result.needs_review


@pytest.mark.parametrize(
    "text",
    ["STOP Amlodipine; START Lercan 10 mg 1 cp le matin", "Amlodipine 5 mg, Ramipril 10 mg"],
)
def test_a_stopped_drug_or_a_list_without_doses_is_not_that_warning(text: str) -> None:  # controls
    assert not [i for i in posology.structure(text).review_reasons if "no dosage for this drug" in i.message]


def test_a_drug_given_only_the_shared_course_is_flagged() -> None:
    result = posology.structure("Zinc + vitamine C 1 cp/j pendant 1 mois")
    assert [i.medication for i in result.review_reasons if "no dosage for this drug" in i.message] == [0]


# --- the x notation beside a dose (Gulf hospitals) ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dose", "freq"),
    [
        ("Claritine syrup 10 ml 1x1 at bedtime", [10, None, "mL"], [1, None]),
        ("Ventolin inhaler 2 puffs 1x3 when needed", [2, None, "puff"], [3, None]),
        ("Sterimar nasal spray 1 spray each nostril 1x2 for 5 days", [1, None, "puff"], [2, None]),
    ],
)
def test_one_times_after_a_dose_is_that_dose(text: str, dose: list, freq: list) -> None:
    (dosage,) = fields(text)[0]["dosages"]
    assert dosage["dose"] == dose
    assert dosage["freq"] == freq and dosage["period"] == [1, None, "d"]


def test_one_times_after_a_mass_keeps_the_mass_a_strength() -> None:  # control
    (med,) = fields("Tab Adol 500 mg 1x3 after food")
    assert med["strength"] == [[500, "mg"]]
    assert med["dosages"][0]["dose"] == [1, None, "tablet"] and med["dosages"][0]["freq"] == [3, None]


def test_another_items_frequency_does_not_make_x_a_count() -> None:
    first, second = fields("Cap Nexium 40 mg 1x1 ac; Tab Flagyl 250 mg 1x3")
    assert second["dosages"][0]["freq"] == [3, None]
    assert "count" not in second["dosages"][0]


# --- dictated numbers and full stops -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("salbutamol inhaler to puffs when required", "dose", [2, None, "puff"]),
        ("paracetamol won tablet at night", "dose", [1, None, "tablet"]),
        ("naproxen 250 mg for times a day", "freq", [4, None]),
        ("cefalexin 500 mg every ate hours", "period", [8, None, "h"]),
        ("clopidogrel 75 mg queue day", "period", [1, None, "d"]),
    ],
)
def test_a_dictated_homophone_is_its_number(text: str, key: str, value: list) -> None:
    assert fields(text)[0]["dosages"][0][key] == value


def test_a_dictated_full_stop_is_no_stop_order() -> None:
    (med,) = fields("amlodipine 5 mg once daily full stop")
    assert "status" not in med
    assert not flagged("amlodipine 5 mg once daily full stop")


def test_to_and_for_before_a_number_stay_words() -> None:  # controls
    assert only_dosages("take 1 to 2 tablets at night")[0]["dose"] == [1, 2, "tablet"]
    dosage = only_dosages("amoxicillin 500 mg three times a day for 5 days")[0]
    assert dosage["freq"] == [3, None] and dosage["bounds"] == [5, None, "d"]


# --- the day of a procedure, a patient's messages ------------------------------------------------------


def test_not_taken_the_morning_of_the_procedure_is_a_do_not_give() -> None:
    text = "GLUCOPHAGE 850 mg, 1 cp matin et soir : ne pas prendre le matin de l'intervention"
    (med,) = fields(text)
    assert med["do_not_perform"] is True
    assert flagged(text)


def test_not_taken_at_bedtime_stays_advice() -> None:  # control
    (med,) = fields("Xyzall 5 mg 1 cp le soir, ne pas prendre au coucher si somnolence")
    assert "do_not_perform" not in med


@pytest.mark.parametrize(
    ("text", "drug", "dosages"),
    [
        ("Continuez le Kardégic 75 mg 1 sachet par jour", "Kardégic", [{"dose": [1, None, "sachet"]}]),
        ("Augmentez la Levemir à 20 unités le soir", "Levemir", [{"dose": [20, None, "iU"], "when": ["EVE"]}]),
        ("Passez le Lasilix de 40 à 60 mg le matin", "Lasilix", [{"dose": [60, None, "mg"], "when": ["MORN"]}]),
        (
            "Diminuez le Solupred : 20 mg pendant 7 jours puis 15 mg",
            "Solupred",
            [{"dose": [20, None, "mg"]}, {"dose": [15, None, "mg"]}],
        ),
    ],
)
def test_a_message_to_a_patient(text: str, drug: str, dosages: list) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug
    assert len(med["dosages"]) == len(dosages)
    for got, expected in zip(med["dosages"], dosages, strict=True):
        assert {key: got.get(key) for key in expected} == expected


def test_a_former_dose_from_to_leaves_the_new_one() -> None:
    (dosage,) = only_dosages("Atorvastatin dose reduced from 40 to 20 mg at night")
    assert dosage["dose"] == [20, None, "mg"]


def test_ne_prenez_plus_stops() -> None:
    (med,) = fields("Ne prenez plus le Tahor")
    assert med["drug"] == "Tahor" and med["status"] == "stopped"


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Xarelto 15 mg : commencez dès demain soir, 1 cp au dîner", ["CV"]),
        ("Crestor 10 le soir à partir de lundi", ["EVE"]),
    ],
)
def test_when_an_order_starts_is_no_timing(text: str, when: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["when"] == when
    assert "dow" not in dosage


def test_a_diluent_with_no_volume_is_no_drug() -> None:
    (med,) = fields("Ceftriaxone 2 g en perfusion dans du sérum physiologique toutes les 24 heures")
    assert med["drug"] == "Ceftriaxone"
    assert med["dosages"][0]["period"] == [24, None, "h"]


# --- frequency codes, clock times, cycles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [("oxycodone 5 mg q.4h. p.r.n. pain", [4, None, "h"]), ("DUPILUMAB; 300 mg; Q2W; SC", [2, None, "wk"])],
)
def test_dotted_and_weekly_q_codes(text: str, period: list) -> None:
    assert only_dosages(text)[0]["period"] == period


def test_twelve_midnight_is_a_clock_time() -> None:
    (dosage,) = only_dosages("Tazocin 4.5 g IV at 6 am, 2 pm and 12 midnight")
    assert dosage["tod"] == ["00:00:00", "06:00:00", "14:00:00"]


def test_days_on_is_no_omni_nocte() -> None:
    dosage = only_dosages("SUNITINIB; 50 mg; QD; PO; 28 DAYS ON / 14 DAYS OFF")[0]
    assert "when" not in dosage


# --- a delay before a procedure, a course before a visit ------------------------------------------------


def test_a_delay_before_a_procedure_is_written_with_it() -> None:
    result = posology.structure("ELIQUIS 5 mg, 1 cp matin et soir : arrêt 2 jours avant l'intervention")
    assert "2 jours avant l'intervention" in posology.render(result, "fr")
    assert (
        "bounds" not in fields("ELIQUIS 5 mg, 1 cp matin et soir : arrêt 2 jours avant l'intervention")[0]["dosages"][0]
    )


def test_a_course_before_a_visit_is_a_course() -> None:
    (dosage,) = only_dosages("Skiacol collyre : 1 goutte matin et soir pendant 3 jours avant la consultation")
    assert dosage["bounds"] == [3, None, "d"]


# --- wave 25: a secure prescription's letters, sublingual forms, depot injections -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "OXYCONTIN 20 mg : un comprimé sublingual matin et soir",
        "Temgesic 0,2 mg : deux comprimés sublinguaux par jour",
        "Buprenorphine 400 microgram sublingual tablets: 1 tablet three times a day",
    ],
)
def test_a_sublingual_tablet_names_its_route(text: str) -> None:
    assert only_dosages(text)[0]["route"] == "sublingual"


def test_soit_n_units_after_a_course_is_no_count() -> None:
    text = "FENTANYL 12 µg/h : un patch tous les trois jours pendant quatorze jours, soit cinq patchs"
    (dosage,) = only_dosages(text)
    assert "count" not in dosage and dosage["bounds"] == [14, None, "d"]


def test_total_n_tabs_after_a_course_stays_a_count() -> None:  # control (English writers count it)
    assert only_dosages("Tab. Doxy 100mg 1-0-1 x 7 days (total 14 tabs)")[0]["count"] == 14


def test_a_course_alone_as_the_last_item_is_every_drugs() -> None:
    first, second = fields(
        "Skenan LP 60 mg : 1 gél matin et soir ; Oxynorm 10 mg : 1 gél si douleur ; pendant 28 jours"
    )
    assert first["dosages"][0]["bounds"] == [28, None, "d"]
    assert second["dosages"][0]["bounds"] == [28, None, "d"]


def test_a_depot_every_n_weeks_after_its_route() -> None:
    (med,) = fields("Depo-Provera 150mg IM 12 weekly")
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [150, None, "mg"] and dosage["period"] == [12, None, "wk"]


def test_an_override_label_is_no_part_of_the_name() -> None:
    assert fields("OVERRIDE: naloxone 0.4 mg/mL INJ | Dose: 0.4 mg | IV | STAT")[0]["drug"] == "naloxone"


def test_an_exclamation_mark_ends_a_name() -> None:
    text = "Rougeole : pas d'aspirine ! Efferalgan 500 : 1 cp toutes les 6 h si fièvre"
    assert "Efferalgan" in [m.get("drug") for m in fields(text)]
    assert flagged(text)  # "Rougeole : pas d'aspirine" is left unexplained


def test_an_equals_sign_after_other_clauses_restates_the_dose() -> None:
    # a pick list's "Dose: 400 mg = 2 TAB" as a rendering writes it, the timing between
    (dosage,) = only_dosages("ibuprofen 200 mg : 400 mg par voie orale 3 fois par jour, = 2 TAB")
    assert dosage["dose"] == [400, None, "mg"] and dosage["freq"] == [3, None]
