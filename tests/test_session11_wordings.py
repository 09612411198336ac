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
