"""Wordings session 23's blind wave (wave 21) showed and the session read (issue #12): a hospital
nursing tablet's administration checklist (French), diabetes and endocrinology lines (French and
English), Indian inpatient treatment charts. Each case is a variant written here (not a gold line)
of a family read wrong; each test fails without the reading it checks (docs/decisions.md,
"Session 23 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages

# --- a "+" regimen's slots are every product's -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "strengths", "when"),
    [
        ("Tab Clopitab 75 mg + Tab Rosuvas 10 mg 0-0-1 after dinner", ([[75, "mg"]], [[10, "mg"]]), ["PCV"]),
        ("Tab Pantop 40 + Tab Crocin 650 1-0-1 x 3 days", ([[40, None]], [[650, None]]), ["EVE", "MORN"]),
    ],
)
def test_the_slots_after_the_last_product_are_each_products(text: str, strengths: tuple, when: list) -> None:
    first, second = fields(text)
    for med, strength in zip((first, second), strengths, strict=True):
        assert med["strength"] == strength
        (dosage,) = med["dosages"]
        assert dosage["dose"] == [1, None, "tablet"]
        assert sorted(dosage["when"]) == sorted(when)


def test_a_product_with_its_own_slots_keeps_them() -> None:  # (its own slots got the last product's meal too)
    first, second = fields("Tab Augmentin 625 mg 1-0-1 + Tab Rosuvas 10 mg 0-0-1 after dinner")
    assert sorted(first["dosages"][0]["when"]) == ["EVE", "MORN"]
    assert second["dosages"][0]["when"] == ["PCV"]


# --- a nursing checklist's columns ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("BISOPROLOL 5 mg — 1 comprimé(s) — voie orale — 09:00", ["09:00:00"]),
        ("KEPPRA 500 mg — 1 comprimé — voie orale — 07:00, 19:00", ["07:00:00", "19:00:00"]),
    ],
)
def test_a_clock_time_column_after_a_dash(text: str, times: list) -> None:
    assert sorted(only_dosages(text)[0]["tod"]) == times


@pytest.mark.parametrize(
    "text",
    ["CEFTRIAXONE 2 g — 2 g IV — une fois", "SOLUMEDROL 120 mg — 120 mg — IV — une fois ; puis rien"],
)
def test_a_once_column_is_one_administration(text: str) -> None:
    assert only_dosages(text)[0]["count"] == 1


def test_once_a_day_stays_a_frequency() -> None:  # control
    dosage = only_dosages("KARDEGIC 75 mg — 1 sachet — une fois par jour")[0]
    assert dosage.get("count") is None
    assert (dosage["freq"], dosage["period"]) == ([1, None], [1, None, "d"])


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("IZALGI — 1 gélule — voie orale — si douleur — intervalle minimum 4 h — max 4 par 24 h", 4),
        ("OXYCODONE 5 mg — 1 gélule — si douleur — intervalle minimum 6 h", 6),
    ],
)
def test_a_minimum_interval_is_a_period_never_a_clock_time(text: str, hours: int) -> None:
    dosage = only_dosages(text)[0]
    assert (dosage["freq"], dosage["period"]) == ([1, None], [hours, None, "h"])
    assert "tod" not in dosage


# --- a dose left to a protocol -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "APIDRA — Dose : selon protocole — SC — 08:00, 12:00, 18:00",
        "Insulin glulisine SC TDS per sliding scale before meals",
    ],
)
def test_a_dose_left_to_a_protocol_is_flagged(text: str) -> None:
    result = posology.structure(text)
    assert result.needs_review
    assert any("protocol or a sliding scale" in issue.message for issue in result.review_reasons)


def test_a_protocol_with_its_doses_is_not_that_warning() -> None:  # control
    result = posology.structure("NOVORAPID SC selon protocole : 4 UI si glycémie > 2,50 g/L")
    assert only_dosages("NOVORAPID SC selon protocole : 4 UI si glycémie > 2,50 g/L")[0]["dose"] == [4, None, "iU"]
    assert not any("protocol or a sliding scale" in issue.message for issue in result.review_reasons)


# --- diabetes clinics' words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Humulin I 18 units pre-breakfast", "ACM"),
        ("Levemir 10 units pre-evening meal", "ACV"),
        ("Humalog 4 units pre-lunch", "ACD"),
        ("Gliclazide 40 mg OD with the first mouthful of food", "C"),
    ],
)
def test_pre_a_meal_is_before_it(text: str, when: str) -> None:
    assert only_dosages(text)[0]["when"] == [when]


@pytest.mark.parametrize(
    ("text", "count"),
    [("Testogel 16.2 mg/g gel apply 2 pumps once daily", 2), ("Androgel : 4 pressions le matin sur les épaules", 4)],
)
def test_a_gels_pumps_are_actuations(text: str, count: int) -> None:
    assert only_dosages(text)[0]["dose"] == [count, None, "puff"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Enlite sensors: change every 6 days", "Enlite"),
        ("IVF RL 1000 ml + NS 500 ml over 12 hrs", "RL"),
    ],
)
def test_a_device_or_fluid_word_is_no_name(text: str, drug: str) -> None:
    assert fields(text)[0]["drug"] == drug
    assert not flagged(text) or "sensors" not in fields(text)[0]["drug"]


# --- wave 22 (measured unseen at 65c132c) --------------------------------------------------------------


def test_a_brands_capitalised_extra_is_its_name() -> None:
    assert fields("Tab Saridon Extra 1-0-1 after meal")[0]["drug"] == "Saridon Extra"


def test_an_extra_dose_stays_a_dose() -> None:  # control (session 22)
    assert len(only_dosages("Furosemide 40mg 1 tab mane, extra tab at 3pm if breathless")) == 2


@pytest.mark.parametrize(
    ("text", "strength", "dose"),
    [
        ("Efferalgan 500 mg si besoin 2 comprimés jusqu'à 4 fois par jour", [[500, "mg"]], [2, None, "tablet"]),
        ("Ibuprofen 400 mg PRN 1 tablet up to 3 times a day", [[400, "mg"]], [1, None, "tablet"]),
    ],
)
def test_a_mass_then_as_needed_then_a_count_is_the_strength(text: str, strength: list, dose: list) -> None:
    (med,) = fields(text)
    assert med["strength"] == strength
    (dosage,) = med["dosages"]
    assert dosage["dose"] == dose and dosage["as_needed"] is True


def test_a_patients_quand_is_as_needed() -> None:
    (med,) = fields("spasfon quand j'ai des douleurs 2 comprimés")
    assert med["drug"] == "spasfon"
    assert med["dosages"][0]["as_needed"] is True and med["dosages"][0]["dose"] == [2, None, "tablet"]


def test_a_device_before_the_name_is_no_part_of_it() -> None:
    assert fields("Accuhaler Seretide 250 1 puff BD")[0]["drug"] == "Seretide"


def test_inh_opening_an_item_is_the_form_no_route() -> None:
    assert "route" not in only_dosages("Inh Seroflo 250 2 puffs BD")[0]
    assert only_dosages("Salbutamol 2 puffs inh PRN")[0]["route"] == "inhalation"  # control


@pytest.mark.parametrize(
    ("text", "dow"),
    [("T. Warfarin 5mg ON Tue/Thu", ["thu", "tue"]), ("G. Timolol 0.5% 1 drop ON OU", None)],
)
def test_on_in_capitals_after_a_dose_is_the_night(text: str, dow: list | None) -> None:
    dosage = only_dosages(text)[0]
    assert dosage["when"] == ["NIGHT"]
    assert dosage.get("dow") == dow


def test_on_before_alternate_days_stays_a_preposition() -> None:  # control
    assert "when" not in only_dosages("T. LASIX 40 MG ON ALTERNATE DAYS")[0]


@pytest.mark.parametrize(
    ("text", "when"), [("Tab Atarax 10mg 0-0-1 at night", "NIGHT"), ("Tab Atarax 10mg 0-0-1 HS", "HS")]
)
def test_the_evening_slot_said_at_night_is_one_moment(text: str, when: str) -> None:
    assert only_dosages(text)[0]["when"] == [when]


def test_an_indication_ends_before_the_next_drug() -> None:
    first, second = fields("Start Augmentin 625 mg PO BD x 5 days for cellulitis and Panadol 1 g PO QID PRN")
    assert second["drug"] == "Panadol"


@pytest.mark.parametrize(
    ("text", "drug"), [("Cr Dermovate apply OD x 1/52", "Dermovate"), ("Inf. RL 500ml IV 12 hrly", "RL")]
)
def test_a_cream_or_infusion_opener_is_no_name(text: str, drug: str) -> None:
    assert fields(text)[0]["drug"] == drug


def test_an_area_of_the_mouth_is_no_skin() -> None:
    assert (
        "route" not in only_dosages("Pyralvex gel gingival : 1 application sur la zone douloureuse 3 fois par jour")[0]
    )
    assert only_dosages("Dermoval crème : 1 application sur la zone atteinte le soir")[0]["route"] == "cutaneous"


# --- wave 23 (measured unseen at 1512e0b) --------------------------------------------------------------


def test_a_vaginal_presentation_is_no_route() -> None:
    assert "route" not in only_dosages("Mycohydralin : 1 cp vaginal le soir pendant 3 jours")[0]
    assert "route" not in only_dosages("GYNO-PEVARYL, ovule vaginal : 1 ovule le soir pendant 3 jours")[0]
    stated = only_dosages("Colpotrophine crème vaginale : 1 application par voie vaginale le soir")[0]
    assert stated["route"] == "vaginal"  # control


def test_a_heading_timing_is_every_doses() -> None:
    text = (
        "Tous les jours à 19:00 — SINTROM 4 mg : 1 comprimé du lundi au vendredi, 1/2 comprimé le samedi et le dimanche"
    )
    weekdays, weekend = only_dosages(text)
    assert sorted(weekdays["dow"]) == ["fri", "mon", "thu", "tue", "wed"]
    assert sorted(weekend["dow"]) == ["sat", "sun"] and weekend["dose"] == [0.5, None, "tablet"]
    assert weekdays["tod"] == weekend["tod"] == ["19:00:00"]


def test_a_dated_intake_at_a_clock_time() -> None:
    (dosage,) = only_dosages("Le 10/06 à 09:00 — FOSFOMYCINE 3 g : 1 sachet en prise unique")
    assert dosage["dose"] == [1, None, "sachet"] and dosage["tod"] == ["09:00:00"] and dosage["count"] == 1


def test_quebec_meals_with_the_souper() -> None:
    assert sorted(only_dosages("Glucophage 850 mg 1 co. BID au déjeuner et au souper")[0]["when"]) == ["CM", "CV"]
    assert sorted(only_dosages("Metformine 850 mg : 1 cp au déjeuner et au dîner")[0]["when"]) == ["CD", "CV"]


def test_generic_names_joined_by_plus_before_a_pair_of_strengths() -> None:
    (med,) = fields("Amlodipine + Valsartan 5/80 mg tab #30 Sig: 1 tab OD")
    assert med["drug"] == "Amlodipine + Valsartan"
    assert med["strength"] == [[5, "mg"], [80, "mg"]]


def test_a_bottle_before_sig_is_no_dose() -> None:
    (dosage,) = only_dosages("Amoxicillin 250 mg/5 mL susp 100 mL Sig: 6 mL TID x 7 days")
    assert dosage["dose"] == [6, None, "mL"]


def test_minutes_beside_a_course_are_no_course() -> None:
    dosage = only_dosages("Mycostatin 4 mL swish x 2 mins and swallow four times daily x 14 days")[0]
    assert dosage["bounds"] == [14, None, "d"]


def test_oral_before_a_suspension_is_the_form() -> None:
    assert "route" not in only_dosages("Lactulose oral soln 15 mL BD")[0]


def test_quebec_words() -> None:
    (med,) = fields("Flovent HFA 250 mcg 2 inh. BID. Ren. x 5")
    assert med["strength"] == [[250, "ug"]] and med["dosages"][0]["dose"] == [2, None, "puff"]
    assert med["refills"] == 5
    (stopped,) = fields("Cessez le Lipitor")
    assert stopped["status"] == "stopped"


def test_a_course_given_by_its_dates_is_kept_as_written_and_flagged() -> None:
    text = "Du 02/05 au 06/05 — CLAMOXYL 1 g : 1 sachet matin et soir"  # ("02/05": a date, no fraction)
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == [1, None, "sachet"] and "bounds" not in dosage
    reasons = posology.structure(text).review_reasons
    assert any("first and last days" in issue.message for issue in reasons)
