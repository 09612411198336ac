"""Wordings the session-11 blind rounds and the open families showed (issue #12). Each case is a
variant written here (not a gold line) of a family read wrong; each test fails without the reading
it checks (docs/decisions.md, "Session 11 readings")."""

from __future__ import annotations

import pytest

import posology

NASAL, OCULAR, CUTANEOUS, ORAL = "20049000", "20051000", "20003000", "20053000"


def result(text: str):
    return posology.structure(text)


def meds(text: str):
    return result(text).prescription.medications


def warnings(text: str) -> list[str]:
    """The warning-level issues but an uncoded drug name (W005, which says nothing of the posology)."""
    return [i.message for i in result(text).warnings if i.severity == "warning" and "W005" not in i.message]


def plan(text: str) -> list[tuple]:
    """(dose, when, bounds) of each Dosage of the only medication, in order."""
    (med,) = meds(text)
    return [
        (
            d.dose.low.value if d.dose else None,
            sorted(d.timing.when),
            (d.timing.bounds.value, d.timing.bounds.unit) if d.timing.bounds else None,
        )
        for d in med.dosages
    ]


# --- a titration written as a list, day by day ------------------------------------------------


def test_two_durations_after_a_comma_are_two_phases_never_one() -> None:
    text = "Lamotrigine 25 mg : 1 cp le soir pendant 14 jours, 1 cp matin et soir pendant 14 jours, puis 2 cp le soir"
    assert plan(text) == [
        (1, ["EVE"], (14, "d")),
        (1, ["EVE", "MORN"], (14, "d")),
        (2, ["EVE"], None),
    ]


def test_an_english_taper_as_a_list_keeps_every_step() -> None:
    text = "Prednisone 30 mg daily x 4 days, 20 mg daily x 4 days, 10 mg daily x 4 days"
    assert [(low, bounds) for low, _, bounds in plan(text)] == [(30, (4, "d")), (20, (4, "d")), (10, (4, "d"))]


def test_two_doses_joined_by_and_with_one_duration_stay_one_phase() -> None:
    (med,) = meds("Augmentin 1 cp matin et 1 cp soir pendant 8 jours")
    assert len(med.dosages) == 1 and med.dosages[0].timing.bounds.value == 8


@pytest.mark.parametrize(
    "text",
    [
        "Epitomax 1 gél le soir le premier jour, 1 gél matin et soir le deuxième jour, puis 2 gél matin et soir",
        "Epitomax 1 gél le soir le 1er jour, 1 gél matin et soir le 2ème jour, puis 2 gél matin et soir",
    ],
)
def test_day_indexed_phases_are_one_day_each(text: str) -> None:
    assert plan(text) == [(1, ["EVE"], (1, "d")), (1, ["EVE", "MORN"], (1, "d")), (2, ["EVE", "MORN"], None)]
    assert not warnings(text)


def test_the_second_day_in_english() -> None:
    text = "1 cap at bedtime the first day, 1 cap twice a day the second day, then 2 caps twice a day"
    assert [bounds for _, _, bounds in plan(text)] == [(1, "d"), (1, "d"), None]


@pytest.mark.parametrize(
    "text, bounds",
    [
        ("Oroken 2 cp le premier jour puis 1 cp par jour les jours suivants", None),
        ("Oroken 2 cp le premier jour puis 1 cp par jour les 6 jours suivants", (6, "d")),
        ("2 caps on day 1, then 1 cap daily for the following 6 days", (6, "d")),
        ("1 cap daily over the next 3 weeks", (3, "wk")),
    ],
)
def test_the_following_days(text: str, bounds) -> None:
    assert plan(text)[-1][2] == bounds
    assert not warnings(text)
    assert all(not d.timing.when for m in meds(text) for d in m.dosages)  # "following" is no "after meals"


# --- eye abbreviations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Tobrex 1 gtt 4x/j OD pendant 7 jours", "Chibro-Cadron 1 goutte 3 fois par jour OG", "Xalatan 1 gtt ODG le soir"],
)
def test_a_french_eye_abbreviation_after_the_timing_is_the_eye(text: str) -> None:
    (med,) = meds(text)
    assert med.dosages[0].route.code == OCULAR
    assert not warnings(text)


def test_od_after_a_stated_frequency_keeps_that_frequency() -> None:
    (med,) = meds("Tobrex 1 gtt 4x/j OD")
    assert med.dosages[0].timing.frequency == 4


def test_od_after_each_eye_is_ambiguous_and_flagged() -> None:
    text = "Timolol 0.5% 1 drop each eye OD"
    assert any("W004" in m for m in warnings(text))


# --- a French drug database's labels ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("CLAMOXYL 1 G CPR DISPERS 1 cp matin et soir pdt 7 jours", "CLAMOXYL"),
        ("TEGRETOL LP 400 MG CPR PELLIC SECABLE LP NS 1 cp matin et soir", "TEGRETOL LP"),
    ],
)
def test_database_form_fragments_are_no_drug(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name
    assert med.dosages[0].dose.low.unit == "tablet"


@pytest.mark.parametrize(
    "text, unit",
    [
        ("AZYTER 15 MG/G COLLYRE FL 5 ML 1 goutte matin et soir", "drop"),
        ("BETNEVAL 0,1 % CREME T/30 G 1 application le soir", "application"),
        ("ADVIL 20 MG/ML SUSP FL 200 ML 10 mg/kg toutes les 8 heures", "mg/kg"),
    ],
)
def test_a_pack_content_after_a_container_word_is_no_dose_and_no_strength(text: str, unit: str) -> None:
    (med,) = meds(text)
    assert [d.dose.low.unit for d in med.dosages] == [unit]
    assert all(q.unit not in ("mL", "g") for q in med.strengths)


def test_a_space_grouped_strength_before_a_colon_is_one_number() -> None:
    (med,) = meds("Eurobiol 25 000 : 1 gél au début de chaque repas")
    assert [q.value for q in med.strengths] == [25000]


def test_three_strengths_sharing_a_unit() -> None:
    (med,) = meds("Trelegy 184/55/22 µg : 1 inhalation le matin")
    assert [q.value for q in med.strengths] == [184, 55, 22]


# --- English renderers and sigs ------------------------------------------------------------------


def test_a_labelled_product_keeps_its_strength_when_the_timing_comes_first() -> None:
    (med,) = meds("Ondansetron 8 mg tablet: every 8 hours, 1 tablet by mouth, for 3 doses")
    assert [(q.value, q.unit) for q in med.strengths] == [(8, "mg")]
    (dosage,) = med.dosages
    assert dosage.dose.low.unit == "tablet" and dosage.timing.count == 3 and dosage.timing.period == 8


def test_a_patch_rate_per_day_before_the_patch_dose_is_the_strength() -> None:
    (med,) = meds("Climara 0.05 mg/day 1 patch td once weekly")
    assert [(q.value, q.unit) for q in med.strengths] == [(0.05, "mg")]
    (dosage,) = med.dosages
    assert dosage.dose.low.unit == "patch" and dosage.timing.period_unit == "wk"


def test_every_n_hours_before_meals_is_an_interval_never_an_offset() -> None:
    (med,) = meds("10 mL by mouth every 6 hours before meals")
    timing = med.dosages[0].timing
    assert (timing.period, timing.period_unit, timing.offset) == (6, "h", None)
    assert timing.when == ("AC",)


def test_an_oral_rinse_is_a_form_never_the_oral_route() -> None:
    (med,) = meds("Peridex 0.12% oral rinse: 10 mL swish and spit twice a day")
    assert all(d.route is None or d.route.code != ORAL for d in med.dosages)


@pytest.mark.parametrize(
    "text, route",
    [
        ("Bactroban oint apply to nares tid x 7 days", NASAL),
        ("Dermoval crème 1 application le soir sur les plaques pendant 2 semaines", CUTANEOUS),
    ],
)
def test_sites_name_the_route(text: str, route: str) -> None:
    (med,) = meds(text)
    assert med.dosages[0].route.code == route


def test_columns_with_double_pipes_name_each_drug() -> None:
    text = "Tab Montair 10 | 0-0-1 | x 10 days || Tab Levocet 5 | 0-0-1 | 5 days || Tab Crocin 500 | 1 | SOS"
    assert [m.name for m in meds(text)] == ["Montair", "Levocet", "Crocin"]


def test_an_order_names_its_drug_before_a_merged_during_phrase() -> None:
    (med,) = meds("Suspendre le Cimzia pendant la durée de l'infection")
    assert med.name == "Cimzia"


# --- second batch: the third wave's rounds ------------------------------------------------------


@pytest.mark.parametrize(
    "text, days",
    [
        ("Ritaline 10 mg : 1 cp le matin, ne pas donner le mardi ni le week-end", ["fri", "mon", "thu", "wed"]),
        ("Methotrexate 2.5 mg 1 tab daily, do not give on Thursdays", ["fri", "mon", "sat", "sun", "tue", "wed"]),
    ],
)
def test_do_not_give_on_a_day_is_the_days_taken_never_that_day(text: str, days: list[str]) -> None:
    (med,) = meds(text)
    assert sorted(med.dosages[0].timing.day_of_week) == days
    assert not med.do_not_perform


def test_max_n_times_in_24_hours_is_a_maximum_frequency() -> None:
    timing = meds("PRIMPERAN 10 mg IV si nausées, max 3 fois/24h")[0].dosages[0].timing
    assert (timing.frequency, timing.frequency_max, timing.period, timing.period_unit) == (1, 3, 24, "h")


def test_max_n_intakes_in_24_hours_stays_a_maximum_dose() -> None:
    (dosage,) = meds("Efferalgan 150 mg : 1 suppositoire toutes les 6 h si fièvre, maximum 4 prises par 24 h")[
        0
    ].dosages
    assert dosage.max_per_period is not None and dosage.timing.frequency_max is None


def test_ir_after_the_suppository_word_is_rectal() -> None:
    (med,) = meds("EFFERALGAN 300 mg suppo IR toutes les 6 h")
    assert med.dosages[0].route.code == "20061000"


@pytest.mark.parametrize(
    "text, low, unit",
    [
        ("ZYMAD 50 000 UI/ml : 3 gouttes par jour dans une petite cuillère", 3, "drop"),
        ("Toplexil (enfant de 4 ans) : 1 càc 3 fois par jour pendant 5 jours", 1, "teaspoon"),
        ("Efferalgan pédiatrique pour un enfant de 14 kg : 1 dose-poids toutes les 6 h", 1, None),
    ],
)
def test_the_vehicle_and_the_child_are_no_dose_and_no_duration(text: str, low, unit) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert dosage.dose.low.value == low and (unit is None or dosage.dose.low.unit == unit)
    assert dosage.timing.bounds is None or dosage.timing.bounds.unit == "d"


def test_a_switch_from_iv_is_not_this_doses_route() -> None:
    (med,) = meds("LEVOFLOXACINE 500 mg 1 cp par jour en relais de la voie IV")
    assert med.dosages[0].route is None


def test_after_the_three_meals_is_after_meals() -> None:
    (med,) = meds("Gaviscon 1 sachet après les 3 repas et au coucher")
    assert sorted(med.dosages[0].timing.when) == ["HS", "PC"]


@pytest.mark.parametrize(
    "text, meal",
    [
        ("EUPANTOL 20 mg : 1 comprimé 1 fois par jour au cours du repas du soir", ["CV"]),
        ("CALCIDOSE 500 mg : 1 sachet par jour au cours du repas de midi", ["CD"]),
        ("Prendre 1 gélule 3 fois par jour au moment des repas", ["C"]),
        ("ISENTRESS 400 mg : 1 comprimé 2 fois par jour au cours d'un repas", ["C"]),
    ],
)
def test_a_named_meal_composes_with_a_counted_frequency(text: str, meal: list[str]) -> None:
    (med,) = meds(text)
    assert sorted(med.dosages[0].timing.when) == meal


def test_an_order_heading_a_list_names_every_drug_in_it() -> None:
    text = "STOP taking these medications: ibuprofen 400 MG tablet; naproxen (NAPROSYN) 500 MG tablet"
    assert [(m.name, m.status) for m in meds(text)] == [("ibuprofen", "stopped"), ("naproxen", "stopped")]
    assert all(not m.dosages for m in meds(text))


def test_a_dispensed_volume_before_refills_is_no_dose() -> None:
    (med,) = meds("insulin lispro 100 units/mL solution 6 unit(s) subcutaneously before meals, 15 mL, 3 Refill(s)")
    assert [d.dose.low.unit for d in med.dosages] == ["iU"] and med.refills == 3


def test_spoons_restated_in_ml_are_one_dose_in_ml() -> None:
    (med,) = meds("cetirizine 5 mg/5 mL syrup Take 1 teaspoon (5 mL) by mouth daily")
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [(5, "mL")]


@pytest.mark.parametrize("text", ["Syp. Ambrodil 5 ml 1-1-1 x 5 days", "Syp Calpol 10 ml 1-0-1 after food"])
def test_a_volume_before_slots_of_ones_is_the_dose_at_each_moment(text: str) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert dosage.dose.low.unit == "mL" and dosage.dose.low.value in (5, 10)
    assert len(dosage.timing.when) >= 2


def test_the_inhaled_route_after_the_puffs() -> None:
    (med,) = meds("Fluticasone 250 mcg 2 puff(s) inhalation 2 times daily")
    assert med.dosages[0].route.code == "20020000"


@pytest.mark.parametrize(
    "text, hours",
    [
        ("ADVIL 200 mg : 1 comprimé si douleur, à renouveler au bout de 6 heures si nécessaire", 6),
        ("Zomig 2.5 mg 1 tablet(s) oral as needed for migraine, may repeat after 2 hour(s)", 2),
    ],
)
def test_a_repeat_after_n_hours_is_at_most_every_n_hours(text: str, hours: int) -> None:
    timing = meds(text)[0].dosages[0].timing
    assert (timing.frequency, timing.period, timing.period_unit) == (1, hours, "h")


# --- third batch: a patient-facing French renderer ----------------------------------------------


@pytest.mark.parametrize(
    "text, unit, route",
    [
        ("Nasonex 50 µg/pulvérisation : Utilisez 2 pulvérisations dans chaque narine 1 fois par jour.", "puff", NASAL),
        (
            "Locoid 0,1 % crème : Appliquez 1 application sur la peau 2 fois par jour pendant 7 jours.",
            "application",
            CUTANEOUS,
        ),
        ("Subutex 2 mg : Placez 1 comprimé sous la langue 1 fois par jour.", "tablet", "20067000"),
    ],
)
def test_a_french_imperative_verb_is_never_a_drug(text: str, unit: str, route: str) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert dosage.dose.low.unit == unit and dosage.route.code == route


def test_ne_depassez_pas_is_a_maximum_never_a_second_dose() -> None:
    (med,) = meds(
        "Efferalgan 500 mg : Prenez 1 comprimé toutes les 6 heures si besoin. Ne dépassez pas 4 comprimés par jour."
    )
    (dosage,) = med.dosages
    assert dosage.max_per_period is not None and dosage.max_per_period.quantity.value == 4


def test_ne_prenez_pas_ce_medicament_is_do_not_perform() -> None:
    (med,) = meds("Aspirine : Ne prenez pas ce médicament.")
    assert med.do_not_perform and not med.dosages


def test_a_stop_header_over_an_ehr_list_stops_every_drug_of_its_line() -> None:
    text = (
        "STOP taking these medications: amlodipine (NORVASC) 5 MG tablet - Take 1 tablet (5 mg total) by mouth daily;"
        " furosemide (LASIX) 20 MG tablet - Take 1 tablet (20 mg total) by mouth daily"
    )
    assert [m.status for m in meds(text)] == ["stopped", "stopped"]


@pytest.mark.parametrize(
    "text",
    ["STOP: aspirin; START: clopidogrel 75 mg daily", "ARRÊT : Kardégic;\nClopidogrel 75 mg : 1 comprimé par jour"],
)
def test_a_stop_header_ends_at_a_new_section_or_line(text: str) -> None:
    assert [m.status for m in meds(text)] == ["stopped", "active"]


def test_iss_before_the_unit_is_one_and_a_half() -> None:
    (med,) = meds("Methocarbamol 500 mg, sig: iss tabs po tid")
    assert med.dosages[0].dose.low.value == 1.5 and [q.value for q in med.strengths] == [500]


@pytest.mark.parametrize("text, value", [("Lexomil lOmg 1/2 cp le soir", 10), ("Amlor Smg 1 gél le matin", 5)])
def test_a_strength_wholly_in_ocr_look_alikes(text: str, value: int) -> None:
    (med,) = meds(text)
    assert [q.value for q in med.strengths] == [value] and med.name in ("Lexomil", "Amlor")


def test_an_offset_never_lands_on_a_dose_without_its_event() -> None:
    """tim-9: a phase-wide offset on a second dose with no event made the Bundle invalid (E009)."""
    text = "pantoprazole 40 MG tablet - Take 1 tablet by mouth daily 30 minutes before breakfast. Disp-90 tablet, R-3"
    res = result(text)
    assert res.medication_requests and not [i for i in res.warnings if i.severity == "error"]
    assert all(d.timing.offset is None or d.timing.when for m in res.prescription.medications for d in m.dosages)


# --- fourth batch: renderers with labelled fields, discharge letters, GP shorthand --------------


@pytest.mark.parametrize(
    "text, when",
    [
        ("Pantoprazole 40 mg tablet; Dose: 1 tablet; Frequency: once daily; When: before breakfast", ["ACM"]),
        ("Zopiclone 7.5 mg tablet; Dose: 1 tablet; When: at bedtime; Count: 1 dose", ["HS"]),
    ],
)
def test_a_labelled_when_field_is_never_a_drug(text: str, when: list[str]) -> None:
    (med,) = meds(text)
    assert med.dosages[0].timing.when == tuple(when) and med.dosages[0].dose.low.unit == "tablet"


def test_a_labelled_count_interval_and_amount() -> None:
    (med,) = meds("Cefuroxime 250 mg ; Quantité : 2 comprimés ; Intervalle : 12 heures ; Nombre total de prises : 10")
    (dosage,) = med.dosages
    timing = dosage.timing
    assert (dosage.dose.low.value, timing.frequency, timing.period, timing.period_unit, timing.count) == (
        2,
        1,
        12,
        "h",
        10,
    )
    assert [q.value for q in med.strengths] == [250]


def test_a_product_label_before_a_field_separator_keeps_its_strength() -> None:
    text = (
        "Lansoprazole 30 mg capsule | Dose: 1 capsule | Frequency: BD || Metronidazole 400 mg tablet | Dose: 1 tablet"
    )
    assert [([q.value for q in m.strengths], m.dosages[0].dose.low.unit) for m in meds(text)] == [
        ([30], "capsule"),
        ([400], "tablet"),
    ]


def test_numbered_phases_after_dashes() -> None:
    (med,) = meds("Keppra 250 mg - Phase 1 : 1 comprimé le soir pendant 7 jours - Phase 2 : 1 comprimé matin et soir")
    assert [q.value for q in med.strengths] == [250]
    assert [d.timing.bounds.value if d.timing.bounds else None for d in med.dosages] == [7, None]


def test_bf_after_a_count_is_puffs() -> None:
    (med,) = meds("Bricanyl 2 bf si gêne respiratoire")
    assert med.dosages[0].dose.low.unit == "puff" and not med.dosages[0].timing.when


@pytest.mark.parametrize(
    "text, name",
    [
        ("Poursuite du BISOPROLOL 5 mg, 1 cp le matin", "BISOPROLOL"),
        ("Diminution du KARDEGIC à 75 mg : 1 sachet le midi", "KARDEGIC"),
    ],
)
def test_a_discharge_letters_verb_noun_is_no_part_of_the_name(text: str, name: str) -> None:
    assert [m.name for m in meds(text)] == [name]


def test_a_strength_per_actuation_abbreviated() -> None:
    (med,) = meds("MOMETASONE 50 MCG/ACT NASAL SPRAY: USE 2 SPRAYS IN EACH NOSTRIL ONCE DAILY")
    assert [q.value for q in med.strengths] == [50] and med.dosages[0].dose.low.unit == "puff"


@pytest.mark.parametrize(
    "text",
    [
        "Butrans 10 mcg/hr patch: Apply 1 patch every 7 days. Remove the old patch before applying a new one.",
        "Augmentin 1 g : 1 cp matin et soir pendant 8 jours (fin le 21/03)",
    ],
)
def test_a_patch_change_and_an_end_date_are_no_second_dose(text: str) -> None:
    (med,) = meds(text)
    assert len(med.dosages) == 1
    assert not warnings(text)


def test_a_pipette_filled_to_a_volume_is_that_volume() -> None:
    (med,) = meds("ZYMAD 10 000 UI/ml : 1 pipette de 2 ml par semaine")
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [(2, "mL")]
