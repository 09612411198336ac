"""Wordings session 27 read (issue #12). Each case is a variant written here (not a gold line) of a
family read wrong or left silent; each test fails without the reading it checks (docs/decisions.md,
"Session 27 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

from tests.wording_support import fields, flagged

# --- a drug replaced by the next: "X …, remplacer par Y", "X … -> switch to Y" ---------------------------


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("Triatec 2,5 mg 1 cp le matin, remplacer par Coversyl 5 mg 1 cp le matin", "Triatec", "Coversyl"),
        ("Lexomil 6 mg : relais par Oxazépam 10 mg 1 cp au coucher", "Lexomil", "Oxazépam"),
        ("Mopral 20 mg remplacé par Inipomp 20 mg 1 cp le soir", "Mopral", "Inipomp"),
        ("Hydroxyzine 25 mg ON PRN -> switch to promethazine 10 mg ON", "Hydroxyzine", "promethazine"),
        ("Ramipril 5 mg OD, switched to losartan 50 mg OD (cough)", "Ramipril", "losartan"),
        ("Omeprazole 20 mg daily replaced by lansoprazole 15 mg daily", "Omeprazole", "lansoprazole"),
    ],
)
def test_a_drug_replaced_by_the_next_is_stopped(text: str, old: str, new: str) -> None:
    first, second = fields(text)
    assert (first["drug"], first.get("status")) == (old, "stopped")
    assert second["drug"] == new and "status" not in second and second["dosages"]
    assert flagged(text)


def test_a_replaced_drug_keeps_the_dose_it_was_on() -> None:  # the arrow before the switch is no dose change
    first, second = fields("Cetirizine 10 mg OD PRN -> switch to fexofenadine 120 mg OD")
    assert first["dosages"] == [
        {"dose": [10, None, "mg"], "freq": [1, None], "period": [1, None, "d"], "as_needed": True}
    ]
    assert second["dosages"][0]["dose"] == [120, None, "mg"]


@pytest.mark.parametrize(
    "text",
    [
        "Clexane 4000 UI : 1 inj SC par jour pdt 7 j, puis relais par Xarelto 10 mg 1 cp/j",  # a later phase
        "Co-amoxiclav 1.2 g IV TDS for 48 hours then switch to co-amoxiclav 625 mg PO TDS",
        "Fentanyl 12 mcg/h patch: replace with a new patch every 72 hours",  # a patch changed, no drug
        "Durogesic 25 µg/h : remplacer par un nouveau patch tous les 3 jours",
        "Lovenox 4000 UI 1 inj SC/j pendant 10 jours, relais par Kardégic 75 mg 1 sachet/j",  # a counted course
        "Claforan 1 g IV 3 fois par jour, relais par Oroken 200 mg 1 cp x 2/j à partir de J3",  # a later start
    ],
)
def test_a_later_switch_or_a_new_patch_stops_nothing(text: str) -> None:  # controls
    assert all(med.get("status") is None for med in fields(text))


def test_a_drug_stopped_by_its_own_verb_is_stopped_once() -> None:  # control: one order, one status
    first, second = fields("Arrêt Tahor 20 mg, remplacer par Crestor 5 mg 1 cp le soir")
    assert first.get("status") == "stopped" and second.get("status") is None


# --- a controlled drug's amount said again in words, a unit on either side ------------------------------


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Methadone 1mg/ml oral solution 70ml (seventy) once daily", [70, None, "mL"]),
        ("Methadone mixture 1mg/ml: 35ml (THIRTY FIVE millilitres) daily", [35, None, "mL"]),
        ("Méthadone 40 mg (quarante milligrammes) le matin", [40, None, "mg"]),
    ],
)
def test_an_amount_said_again_in_words_is_one_dose(text: str, dose: list) -> None:
    (med,) = fields(text)
    assert [d["dose"] for d in med["dosages"]] == [dose]
    assert not flagged(text)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Oxycodone 5mg/5ml oral solution SF 5ml four hourly PRN", "Oxycodone"),  # sugar free
        ("BUPRENORPHINE ARROW 8MG CPR SUBL : 2 CP/J EN 1 PRISE", "BUPRENORPHINE ARROW"),  # a sublingual tablet
    ],
)
def test_a_presentation_abbreviation_is_no_second_drug(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug and med["dosages"][0]["dose"][0] in (5, 2)


# --- a day's total, then the intakes that make it up ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seresta 50 mg/j en deux prises : 30 mg le matin et 20 mg le soir",
        "Methadone 1mg/ml 100ml daily as split dose: 60ml in the morning and 40ml in the evening",
    ],
)
def test_a_total_then_its_intakes_is_the_intakes(text: str) -> None:
    (med,) = fields(text)
    assert [(d["dose"][0], d["when"]) for d in med["dosages"]] == [
        (med["dosages"][0]["dose"][0], ["MORN"]),
        (med["dosages"][1]["dose"][0], ["EVE"]),
    ]
    assert sorted(d["dose"][0] for d in med["dosages"]) in ([20, 30], [40, 60])
    assert all("freq" not in d for d in med["dosages"])  # never divided by the split


def test_intakes_that_do_not_make_the_total_are_flagged() -> None:
    assert flagged("Seresta 50 mg/j en deux prises : 40 mg le matin et 20 mg le soir")


def test_a_day_total_split_in_intakes_not_written_stays_split() -> None:  # control
    (dosage,) = fields("Seresta 50 mg/j en deux prises")[0]["dosages"]
    assert dosage["dose"] == [25, None, "mg"] and dosage["freq"] == [2, None]


# --- two doses taken in turn; a later phase's other strength --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Préviscan 20 mg : alterner 1/2 cp et 3/4 cp un jour sur deux",
        "Warfarin 3mg and 4mg on alternate days",
        "Sintrom 4 mg : 1/2 cp les jours pairs, 1/4 cp les jours impairs",
    ],
)
def test_two_doses_taken_in_turn_are_flagged(text: str) -> None:
    assert flagged(text)


def test_one_dose_on_alternate_days_is_an_interval() -> None:  # control
    (dosage,) = fields("Furosemide 40 mg 1 tab on alternate days")[0]["dosages"]
    assert dosage["period"] == [2, None, "d"]
    assert not flagged("Furosemide 40 mg 1 tab on alternate days")


def test_a_later_phase_with_another_strength_is_flagged() -> None:
    assert flagged("Nicotinell 21 mg/24 h : 1 patch par jour pendant 4 semaines puis 14 mg/24 h 1 patch par jour")
    assert not flagged("Augmentin 1 g/125 mg : 1 sachet 3 fois par jour pendant 3 jours puis 1 sachet 2 fois par jour")


# --- dialysis, skin, a course in sevenths, a dispensing rhythm, a target level ---------------------------


def test_a_dialysis_session_abbreviation_is_flagged() -> None:
    assert flagged("Aranesp 30 mcg IV q HD")


@pytest.mark.parametrize(
    "text",
    [
        "Crotamiton 10% cream apply to dry itchy skin TDS",
        "Arnican crème : 1 application sur les ecchymoses matin et soir",
    ],
)
def test_a_described_skin_or_a_bruise_is_the_cutaneous_route(text: str) -> None:
    (dosage,) = fields(text)[0]["dosages"]
    assert dosage["route"] == "cutaneous"


def test_a_course_of_more_than_a_week_in_sevenths() -> None:
    (dosage,) = fields("Methadone 1mg/ml 40ml OD x 21/7")[0]["dosages"]
    assert dosage["bounds"] == [21, None, "d"] and "count" not in dosage


@pytest.mark.parametrize(
    "text",
    [
        "Methadone 1mg/ml 70ml daily, pick up daily Mon-Fri",
        "Methadone 1mg/ml 55ml once daily, dispense daily Mon-Sat",
    ],
)
def test_the_pick_up_days_are_not_the_days_taken(text: str) -> None:
    (dosage,) = fields(text)[0]["dosages"]
    assert "dow" not in dosage and dosage["period"] == [1, None, "d"]


def test_a_missed_dose_rule_is_no_do_not_give() -> None:
    (med,) = fields("Methadone 1mg/ml 60ml OD. If 3 doses missed do not dispense, refer to prescriber")
    assert "do_not_perform" not in med


def test_a_target_level_is_no_strength() -> None:
    text = "Ciclosporine 100 mg : 1 gél matin et soir, taux résiduel cible 100-150"
    (med,) = fields(text)
    assert med["strength"] == [[100, "mg"]] and med["dosages"][0]["dose"] == [1, None, "capsule"]
    assert not flagged(text)


# --- wave 30: a reminder app's columns ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "strength", "dose"),
    [
        ("Coversyl 5 mg — Tous les jours — 08:00 — 1 comprimé", [5, "mg"], [1, None, "tablet"]),
        ("Losartan 50 mg Tablet | Every day | 9:00 AM | 1 tablet", [50, "mg"], [1, None, "tablet"]),
        ("Citalopram 20 mg Tablet • Every day • Morning • 1 tablet", [20, "mg"], [1, None, "tablet"]),
        ("Inexium 40 mg — Tous les jours — 07:30 — 1 comprimé — à jeun", [40, "mg"], [1, None, "tablet"]),
        ("Méthotrexate 2,5 mg — Chaque lundi — 09:00 — 8 comprimés", [2.5, "mg"], [8, None, "tablet"]),
        ("Fosfomycine 3 g — Dose unique — 1 sachet — Coucher", [3, "g"], [1, None, "sachet"]),
        ("Dafalgan 500 mg gélule — Si douleur — 2 gélules — Toutes les 6 h", [500, "mg"], [2, None, "capsule"]),
    ],
)
def test_a_reminder_apps_count_column_is_the_dose(text: str, strength: list, dose: list) -> None:
    (med,) = fields(text)
    assert med["strength"] == [strength]
    assert [d["dose"] for d in med["dosages"]] == [dose]


def test_a_gp_lists_quantity_column_stays_the_pack() -> None:  # control
    (med,) = fields("Sertraline 50mg tablets | One to be taken each day | 28 tablet")
    assert [d["dose"] for d in med["dosages"]] == [[1, None, "tablet"]] and med["strength"] == [[50, "mg"]]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("9:00 PM • Atorvastatin 20 mg – 1 tablet • Zolpidem 5 mg – 1 tablet", "tod", ["21:00:00"]),
        ("Coucher — Tahor 20 mg — 1 comprimé | Stilnox 10 mg — 1 comprimé", "when", ["HS"]),
    ],
)
def test_a_reminder_groups_heading_time_is_every_drugs(text: str, field: str, value: list) -> None:
    meds = fields(text)
    assert len(meds) == 2
    assert all(med["dosages"][0][field] == value and med["dosages"][0]["dose"][0] == 1 for med in meds)
    assert all(med["strength"] for med in meds)


def test_every_day_with_a_moment_and_its_meal_keeps_the_frequency() -> None:
    (dosage,) = fields("Glucophage 1000 mg 1 cp tous les jours le soir au cours du repas")[0]["dosages"]
    assert dosage["freq"] == [1, None] and dosage["period"] == [1, None, "d"] and dosage["when"] == ["CV"]


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Pénicilline G 2 à 4 MUI IV toutes les 4 h", [2000000, 4000000, "iU"]),
        ("Benzylpenicillin 1.2-2.4 million units IV q4h", [1200000, 2400000, "iU"]),
    ],
)
def test_a_range_scaled_once_is_scaled_at_both_ends(text: str, dose: list) -> None:
    (dosage,) = fields(text)[0]["dosages"]
    assert dosage["dose"] == dose


def test_a_vaginal_dose_on_at_night() -> None:
    (dosage,) = fields("Utrogestan 200 mg PV ON until 34/40")[0]["dosages"]
    assert dosage["when"] == ["NIGHT"] and dosage["route"] == "vaginal"


def test_a_condition_names_its_test_not_a_moment() -> None:
    (dosage,) = fields("Novorapid : 2 UI si glycémie post-prandiale > 1,80 g/l")[0]["dosages"]
    assert dosage["as_needed"] and "when" not in dosage


@pytest.mark.parametrize(
    ("text", "freq"),
    [
        ("Atarax 25 mg — Si anxiété — 1 comprimé — 3 fois max. par jour", [1, 3]),
        ("Ventoline : 2 bouffées si besoin, 4 fois maximum par jour", [1, 4]),
    ],
)
def test_n_times_max_a_day_is_at_most_n(text: str, freq: list) -> None:
    (dosage,) = fields(text)[0]["dosages"]
    assert dosage["freq"] == freq and dosage["period"] == [1, None, "d"]


@pytest.mark.parametrize(
    ("text", "period", "count"),
    [
        ("Betamethasone 12 mg IM, 2 doses 24 hours apart", [24, None, "h"], 2),
        ("Dexamethasone 6 mg IM x4, 12 hours apart", [12, None, "h"], 4),
        ("Célestène Chronodose 12 mg IM : 2 injections à 24 h d'intervalle", [24, None, "h"], None),
    ],
)
def test_an_interval_apart_is_no_clock_time(text: str, period: list, count: int | None) -> None:
    dosages = fields(text)[0]["dosages"]
    assert all("tod" not in d for d in dosages)
    assert any(d.get("period") == period for d in dosages)
    if count:
        assert dosages[0]["count"] == count


def test_a_count_and_a_mass_as_two_doses_of_one_phase_are_flagged() -> None:
    assert flagged("Célestène Chronodose : 2 injections IM de 12 mg à 24 h d'intervalle")


def test_counted_from_the_end_of_another_treatment_is_no_stop() -> None:
    (med,) = fields("Spéciafoldine 0,4 mg : 1 cp par jour dès l'arrêt de la pilule")
    assert "status" not in med


def test_do_not_inject_is_a_do_not_give() -> None:
    (med,) = fields("Ne pas injecter Extencilline : allergie à la pénicilline")
    assert med["drug"] == "Extencilline" and med["do_not_perform"] is True


@pytest.mark.parametrize(
    "text",
    [
        "Simvastatin 20 mg Tablet | Every day | 9:00 PM | 1 tablet | Archived – stopped by doctor",
        "Kestin 10 mg — Tous les jours — Matin — 1 comprimé — Stock : 12 comprimés restants",
        "Losartan 25 mg Tablet | Every day | Morning | 1 tablet | Remaining: 20 pills",
    ],
)
def test_a_reminder_apps_status_or_stock_is_no_drug(text: str) -> None:
    (med,) = fields(text)
    assert [d["dose"] for d in med["dosages"]] == [[1, None, "tablet"]]


# --- wave 31: drug-database monographs, prehospital records --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Paracetamol: Child 1 month–5 years: 15 mg/kg every 4–6 hours",
        "Doliprane 500 mg : Adulte et enfant de plus de 15 ans : 1 comprimé 3 fois par jour",
    ],
)
def test_a_patient_age_band_is_no_course(text: str) -> None:
    (dosage,) = fields(text)[0]["dosages"]
    assert "bounds" not in dosage


def test_a_total_the_repeats_stop_at_is_no_second_dose() -> None:
    (dosage,) = fields("Morphine 2.5 mg IV, repeat every 5 minutes to max 20 mg")[0]["dosages"]
    assert dosage["dose"] == [2.5, None, "mg"] and dosage["period"] == [5, None, "min"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Clopidogrel: Acute coronary syndrome: loading dose 300 mg, then 75 mg once daily", "Clopidogrel"),
        ("Aciclovir: Herpes zoster: 800 mg 5 times a day for 7 days", "Aciclovir"),
    ],
)
def test_a_monographs_indication_label_is_no_part_of_the_name(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug
    assert flagged(text)  # the indication's words stay unexplained


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("ZYLORIC 100 mg cp. Insuffisance rénale sévère : 1 comprimé un jour sur deux.", [1, None, "tablet"]),
        ("IMOVANE 7,5 mg, comprimé pelliculé sécable. Sujet âgé : 1/2 comprimé au coucher.", [0.5, None, "tablet"]),
    ],
)
def test_a_monographs_patient_group_is_no_second_drug(text: str, dose: list) -> None:
    (med,) = fields(text)
    assert med["strength"] and [d["dose"] for d in med["dosages"]] == [dose]
    assert flagged(text)  # a patient group or an indication: a pharmacist must see it


def test_a_monographs_phase_labels_are_no_drugs() -> None:
    (med,) = fields("Furosemide: Oedema: initially 40 mg daily in the morning; maintenance 20–40 mg daily")
    assert med["drug"] == "Furosemide" and [d["dose"] for d in med["dosages"]] == [[40, None, "mg"], [20, 40, "mg"]]


def test_a_day_total_in_applications_is_split() -> None:
    (dosage,) = fields("Oestrodose 0,06 % : 4 pressions par jour en 2 applications")[0]["dosages"]
    assert dosage["dose"] == [2, None, "puff"] and dosage["freq"] == [2, None]


@pytest.mark.parametrize(
    "text",
    ["Ceftriaxone: IM, IV: 1 to 2 g every 24 hours", "Adrenaline 1 mg IO every 4 mins"],
)
def test_a_choice_of_routes_or_an_intraosseous_route_is_flagged(text: str) -> None:
    assert flagged(text)
    assert all("route" not in d for d in fields(text)[0]["dosages"])
