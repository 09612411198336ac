"""Wordings session 26 read (issue #12). Each case is a variant written here (not a gold line) of a
family read wrong or left silent; each test fails without the reading it checks (docs/decisions.md,
"Session 26 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages

# --- an adherence pack's schedule card: a slot named by a meal, a clock time or a day -------------------


@pytest.mark.parametrize(
    ("text", "dosages"),
    [
        ("Ramipril 2.5 mg capsule — Breakfast: 1", [{"dose": [1, None, "capsule"], "when": ["CM"]}]),
        ("Gliclazide 80 mg tablet — Breakfast: 2 | Evening meal: 1", None),
        ("Calcium carbonate 1.25 g — Lunch: 1 | Tea: 1", [{"dose": [1, None, None], "when": ["CD", "CV"]}]),
        ("Mirtazapine 30 mg tablet — Bed: 1", [{"dose": [1, None, "tablet"], "when": ["HS"]}]),
        ("Metformin 850 mg tablet — Breakfast: 1 | Dinner: 1", [{"dose": [1, None, "tablet"], "when": ["CM", "CV"]}]),
    ],
)
def test_a_meal_slot_of_a_pack_card_is_that_meal(text: str, dosages: list | None) -> None:
    got = only_dosages(text)
    if dosages is None:  # two amounts: one Dosage per meal
        assert [(d["dose"][0], d["when"]) for d in got] == [(2, ["CM"]), (1, ["CV"])]
    else:
        assert got == dosages
    assert fields(text)[0]["strength"]  # the strength before the card is no dose


@pytest.mark.parametrize(
    ("text", "tod", "dose"),
    [
        ("Carbamazepine 200 mg tablet — 08:00: 1 | 22:00: 1", ["08:00:00", "22:00:00"], 1),
        ("Furosemide 20 mg tablet — Morning (07:00): 2", ["07:00:00"], 2),
        ("Levothyroxine 100 mcg tab — 5:30 AM: 1", ["05:30:00"], 1),
    ],
)
def test_a_clock_slot_of_a_pack_card_is_a_clock_time_and_a_count(text: str, tod: list, dose: int) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["tod"] == tod and dosage["dose"][0] == dose and "when" not in dosage
    assert not flagged(text)


def test_seconds_of_a_clock_time_are_no_dose() -> None:  # control: "22:00:00" is one time
    (dosage,) = only_dosages("Zopiclone 7.5 mg 1 tablet(s) oral at 21:00:00")
    assert dosage["dose"] == [1, None, "tablet"] and dosage["tod"] == ["21:00:00"]


def test_a_day_only_slot_is_that_day() -> None:
    (dosage,) = only_dosages("Alendronic acid 70 mg tablet — Sundays only: 1")
    assert dosage["dow"] == ["sun"] and dosage["dose"] == [1, None, "tablet"]


def test_a_day_ending_an_exception_is_no_slot() -> None:  # control: the excepted day keeps its dose
    dosages = only_dosages("Préviscan 20 mg : 1 cp le soir sauf le jeudi : 1/2 cp")
    assert [d["dow"] for d in dosages] == [["fri", "mon", "sat", "sun", "tue", "wed"], ["thu"]]


@pytest.mark.parametrize(
    "text", ["Methotrexate 10 mg — Fridays only: 1 (NOT IN PACK)", "Temazepam 10 mg — Bed: 1 (outside pack)"]
)
def test_not_in_pack_is_a_note(text: str) -> None:
    (med,) = fields(text)
    assert med["dosages"] and "NOT" not in med["drug"] and not flagged(text)


def test_a_meal_relation_after_a_meal_slot_is_that_meal_s() -> None:
    (dosage,) = only_dosages("Alendronic acid 70 mg tablet — Breakfast: 1 (30 minutes before food)")
    assert dosage["when"] == ["ACM"] and dosage["offset"] == 30
    (dosage,) = only_dosages("Apixaban 5 mg tablet — Tea: 1 (with food)")
    assert dosage["when"] == ["CV"]


@pytest.mark.parametrize(
    "text",
    [
        "Furosemide 40 mg tablet — Breakfast: 1 | Lunch: 1 if ankles swollen",
        "Oxycodone 5 mg — Breakfast: 1 | Bed: 1 when required, max 4 in 24 hours",
        "Paracetamol 500 mg 2-0-1 si douleur",
    ],
)
def test_an_as_needed_clause_after_several_slots_is_flagged(text: str) -> None:
    reasons = posology.structure(text).review_reasons
    assert any("after the last of several slots" in i.message for i in reasons)


def test_an_as_needed_clause_after_equal_slots_is_every_slot_s() -> None:  # control: one Dosage, no doubt
    text = "Paracetamol 500 mg 1-0-1 si douleur"
    (dosage,) = only_dosages(text)
    assert dosage["as_needed"] and not any(
        "several slots" in i.message for i in posology.structure(text).review_reasons
    )


# --- a nursing record's course counter ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"), [("CEFTRIAXONE 1 g IV — 1 fois/j — J2/5", 5), ("CIFLOX 500 mg — 1 cp x 2/j — J4/14", 14)]
)
def test_a_day_counter_is_the_whole_course_and_flagged(text: str, days: int) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["bounds"] == [days, None, "d"]
    assert any("course counter" in i.message for i in posology.structure(text).review_reasons)


# --- hospital-pharmacy labels ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "supply"),
    [
        ("GENVOYA cp : 1 cp par jour au cours d'un repas, délivrance pour 2 mois", [2, "mo"]),
        ("EPCLUSA : 1 cp/j. Délivrance pour 14 jours.", [14, "d"]),
        ("Lisinopril 10mg 1 od, dispense for 2/12", [2, "mo"]),
    ],
)
def test_a_delivery_period_is_the_supply(text: str, supply: list) -> None:
    (med,) = fields(text)
    assert med["supply"] == supply and "bounds" not in med["dosages"][0]


@pytest.mark.parametrize(
    "text", ["DESCOVY cp : 1 cp par jour, avec ou sans repas", "Dolutegravir 50 mg 1 cp/j, avec ou sans les repas"]
)
def test_with_or_without_a_meal_is_no_meal_relation(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "when" not in dosage and not flagged(text)


def test_a_fixed_hour_is_an_instruction() -> None:
    text = "Isentress 400 mg : 1 cp matin et soir à heures fixes"
    (dosage,) = only_dosages(text)
    assert dosage["when"] == ["EVE", "MORN"] and not flagged(text)


def test_with_a_meal_is_with_food() -> None:
    (dosage,) = only_dosages("Rilpivirine 25 mg : 1 cp par jour avec un repas")
    assert dosage["when"] == ["C"]


@pytest.mark.parametrize(
    "text", ["ISENTRESS : ne pas délivrer, interaction médicamenteuse", "Digoxin - do not dispense"]
)
def test_do_not_dispense_is_do_not_perform(text: str) -> None:
    (med,) = fields(text)
    assert med["do_not_perform"] is True and flagged(text)


def test_not_to_be_repeated_at_night_is_no_refill_statement() -> None:
    (med,) = fields("Zolpidem 10 mg : 1 cp au coucher si besoin, non renouvelable dans la nuit")
    assert "refills" not in med
    (med,) = fields("Zolpidem 10 mg : 1 cp au coucher, non renouvelable")  # control: the prescription's
    assert med["refills"] == 0


def test_an_interval_then_an_offset_before_a_meal_is_no_list_of_clock_times() -> None:
    (dosage,) = only_dosages("Cystagon 150 mg : 2 gél toutes les 6 h, 2 h après le repas")
    assert dosage["period"] == [6, None, "h"] and dosage["offset"] == 120 and "tod" not in dosage


def test_a_spaced_thousand_before_an_em_dash_column_is_one_number() -> None:
    (med,) = fields("PANCREX 10 000 — 2 gél au début de chaque repas")
    assert med["strength"] == [[10000, None]]
    assert med["dosages"] == [{"dose": [2, None, "capsule"], "when": ["C"]}]


def test_a_delay_before_a_journey_is_no_course() -> None:
    text = "Mephaquin 250 mg 1 cp par semaine, à commencer 7 j avant le départ"
    (dosage,) = only_dosages(text)
    assert "bounds" not in dosage and dosage["period"] == [1, None, "wk"] and not flagged(text)


# --- wave 27: an administration plan's hour column, feeding tubes, admission lists, jails --------------


@pytest.mark.parametrize(
    ("text", "tod"),
    [
        ("AMLODIPINE 10 mg cp | 1 cp | 8h | PO | ", ["08:00:00"]),
        ("DIFFU K gél | 2 gél | 12h | PO | ", ["12:00:00"]),
        ("LEVOTHYROX 50 µg cp | 1 cp | 6h45 | PO | à jeun", ["06:45:00"]),
    ],
)
def test_an_hour_column_is_a_clock_time(text: str, tod: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["tod"] == tod and "bounds" not in dosage
    assert "supply" not in fields(text)[0] and not flagged(text)


def test_a_column_count_before_a_later_phase_is_the_first_phase_s_dose() -> None:
    dosages = only_dosages("SOLUPRED 20 mg cp | 3 cp | 8h | PO | 4 j puis 2 cp 4 j")
    assert [d["dose"] for d in dosages] == [[3, None, "tablet"], [2, None, "tablet"]]


def test_a_pack_column_before_a_later_dose_stays_the_quantity() -> None:  # control (session 13)
    (dosage,) = only_dosages("Ramipril 5mg capsules | 28 capsule | One to be taken each morning")
    assert dosage["dose"] == [1, None, "capsule"]


def test_doses_of_two_forms_for_one_drug_in_one_phase_are_flagged() -> None:
    text = "Doliprane 500 mg 1 cp le matin et 1 sachet le soir"
    assert any("two forms for one drug" in i.message for i in posology.structure(text).review_reasons)


def test_doses_of_two_forms_in_two_phases_are_not_that_warning() -> None:  # control
    text = "Doliprane 500 mg 2 cp le matin pendant 3 jours puis 1 sachet le matin"
    assert not any("two forms for one drug" in i.message for i in posology.structure(text).review_reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Dulcolax 5 mg 2 tabs nocte if bowels not opened for 2 days",
        "Senna 7.5 mg 2 at night if bowels have not opened in 3 days",
    ],
)
def test_a_laxative_s_condition_with_its_verb_is_no_course(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["as_needed"] and "bounds" not in dosage


def test_one_in_a_word_before_a_moment_is_the_dose() -> None:
    assert only_dosages("Deroxat 20 : un le matin") == [{"dose": [1, None, None], "when": ["MORN"]}]
    assert only_dosages("Temesta 1 mg : une le soir") == [{"dose": [1, None, None], "when": ["EVE"]}]


def test_an_eye_named_without_dans_is_the_ocular_route() -> None:
    (dosage,) = only_dosages("Timoptol 0,25 % : 1 gtte œil droit matin et soir")
    assert dosage["route"] == "ocular"


def test_no_longer_takes_is_a_stop() -> None:
    (med,) = fields("Imovane 7,5 : ne prend plus depuis 2 semaines")
    assert med["status"] == "stopped"


def test_a_level_due_in_days_is_no_course() -> None:
    (dosage,) = only_dosages("Vancomycin 1 g IV every 12 hours, level in 3 days")
    assert "bounds" not in dosage and dosage["period"] == [12, None, "h"]


@pytest.mark.parametrize("text", ["Ceftriaxone 250 mg IM x1 — STI clinic", "Depo-Medrol 80 mg IM x1 — knee"])
def test_a_route_s_times_one_before_a_dash_is_one_administration(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["count"] == 1


def test_keep_on_person_is_a_note() -> None:
    text = "Rifampin 600 mg PO daily — KOP"
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == [1, None] and not flagged(text)


def test_an_hour_column_is_every_phase_s() -> None:
    dosages = only_dosages("SOLUPRED 20 mg cp | 2 cp | 8h | PO | 5 j puis 1 cp 5 j puis arrêt")
    assert [(d["dose"][0], d["tod"]) for d in dosages] == [(2, ["08:00:00"]), (1, ["08:00:00"])]


# --- wave 28: spoken reminders, deprescribing reviews, exam prescriptions -----------------------------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Time for your Eliquis: one tablet twice a day.", "Eliquis"),
        ("Don't forget your Synthroid 50 micrograms before breakfast.", "Synthroid"),
        ("C'est l'heure de votre Kardégic : 1 sachet au déjeuner.", "Kardégic"),
        ("Pensez à votre Seroplex 10 milligrammes : 1 comprimé le matin.", "Seroplex"),
        ("Votre Eupantol 40 milligrammes : 1 comprimé le matin.", "Eupantol"),
        ("Rappel du soir : 1 comprimé de Crestor 10 milligrammes.", "Crestor"),
    ],
)
def test_a_spoken_reminder_s_words_are_no_part_of_the_name(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug


def test_a_reminder_s_day_is_the_dose_s() -> None:
    (med,) = fields("Aujourd'hui c'est vendredi : votre Méthotrexate, 3 comprimés de 2,5 milligrammes.")
    assert med["drug"] == "Méthotrexate" and med["dosages"][0]["dow"] == ["fri"]
    (med,) = fields("Today is Monday: your Actonel 35 milligrams, one tablet before breakfast.")
    assert med["drug"] == "Actonel" and med["dosages"][0]["dow"] == ["mon"]


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Lansoprazole 30 mg -> 15 mg OD", [15, None, "mg"]),
        ("Citalopram 20 mg OD -> 10 mg OD", [10, None, "mg"]),
        ("Tahor 40 → 20 mg le soir", [20, None, "mg"]),
    ],
)
def test_an_arrow_names_the_new_dose(text: str, dose: list) -> None:
    (med,) = fields(text)
    assert [d["dose"] for d in med["dosages"]] == [dose] and "strength" not in med


def test_an_arrow_between_a_strength_and_a_count_changes_nothing() -> None:  # control (session 15)
    (med,) = fields("Forxiga 10 mg → 1 cp le matin")
    assert med["strength"] == [[10, "mg"]] and med["dosages"][0]["dose"] == [1, None, "tablet"]


def test_a_count_then_times_daily_is_no_range() -> None:
    (dosage,) = only_dosages("Gliclazide 80 mg tablets, one two times daily")
    assert dosage["freq"] == [2, None] and dosage["dose"][0] == 1


def test_a_controlled_drug_s_total_in_words_is_no_dose() -> None:
    (med,) = fields(
        "Morphine sulfate 10 mg/5 mL oral solution, 5 mL every 4 hours when required. Supply 50 mL (fifty millilitres)"
    )
    assert len(med["dosages"]) == 1 and med["dosages"][0]["dose"] == [5, None, "mL"]


def test_a_review_verb_is_no_part_of_the_name() -> None:
    (med,) = fields("Espacer Tramadol 50 mg : 1 gél matin et soir si douleur")
    assert med["drug"] == "Tramadol"
