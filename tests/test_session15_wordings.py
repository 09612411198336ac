"""Wordings the session-15 blind rounds and leftovers showed (issue #12). Each case is a variant
written here (not a gold line) of a family read wrong; each test fails without the reading it
checks (docs/decisions.md, "Session 15 readings")."""

from __future__ import annotations

import pytest

from tests.test_session11_wordings import meds, warnings


def _only(text: str):
    (med,) = meds(text)
    return med


def _timing(dosage) -> tuple:
    t = dosage.timing
    return (t.frequency, t.period, t.period_unit)


def _bounds(dosage) -> tuple | None:
    b = dosage.timing.bounds
    return (b.value, b.unit) if b is not None else None


def _dose(dosage) -> tuple:
    return (dosage.dose.low.value, dosage.dose.low.unit)


def _flagged(text: str, code: str) -> bool:
    return any(code in message for message in warnings(text))


# --- a plan written day by day: "Day 1: …. Day 2: …. Day 3 and after: …" ------------------------


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        (
            "pregabalin 75 mg cap: Day 1: 1 cap at night. Day 2: 1 cap twice a day. Day 3 and after: 2 caps BD",
            [(1, (1, "d")), (1, (1, "d")), (2, None)],
        ),
        (
            "Prednisolone 5 mg tablets: Days 1-3: 30 mg daily, Days 4-6: 15 mg daily",
            [(30, (3, "d")), (15, (3, "d"))],
        ),
        ("Topiramate 25 mg: Day 1-7: 25 mg at night; Day 8 onwards: 25 mg twice daily", [(25, (7, "d")), (25, None)]),
        ("Keppra 250 mg : J1 à J7 : 1 cp le soir, J8 et après : 1 cp matin et soir", [(1, (7, "d")), (1, None)]),
    ],
)
def test_day_headers_open_phases_and_an_open_last_header_has_no_duration(text: str, plan: list) -> None:
    dosages = _only(text).dosages
    assert [(d.dose.low.value, _bounds(d)) for d in dosages] == plan
    assert [d.sequence for d in dosages] == list(range(1, len(plan) + 1))
    assert not warnings(text)


def test_a_label_colon_followed_by_a_space_is_never_a_clock_time() -> None:
    med = _only("Prednisolone 10mg: Day 1-2: 30 mg daily; Day 3-5: 20 mg daily")
    assert (med.strengths[0].value, med.strengths[0].unit) == (10, "mg")
    assert all(not d.timing.time_of_day for d in med.dosages)
    assert [_dose(d) for d in med.dosages] == [(30, "mg"), (20, "mg")]
    # a clock time's colon is glued: still a clock time
    assert _only("Sinemet 1 tab at 07:00 - 13:30 - 19:00").dosages[0].timing.time_of_day == (
        "07:00:00",
        "13:30:00",
        "19:00:00",
    )


# --- the same rate said twice is no contradiction; two different ones are ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cefuroxime 250 mg twice daily (every 12 hours)",
        "Doxycycline 100 mg 2 fois par jour (toutes les 12 heures)",
        "Clarithromycin 500 mg q12h (twice a day)",
    ],
)
def test_a_frequency_restated_as_its_interval_is_not_flagged(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert _timing(dosage)[0] is not None
    assert not warnings(text)


@pytest.mark.parametrize(
    "text",
    ["Amoxicillin 500 mg TDS (every 6 hours)", "Atenolol 25 mg BD – once daily", "Cap Amoxyclav 625 1 cap TDS/BD"],
)
def test_two_different_rates_side_by_side_are_flagged(text: str) -> None:
    assert _flagged(text, "W022")


# --- a second frequency for the same dose, with its own eye or days: a second Dosage ------------


@pytest.mark.parametrize(
    ("text", "rates"),
    [
        ("Chibro-Cadron 1 gtte 3x/j OD et 1x/j OG", [3, 1]),
        ("Maxidex 1 drop four times a day in the right eye and twice a day in the left eye", [4, 2]),
        ("Prednisolone 1 cp 3 fois par jour en semaine et 2 fois par jour le week-end", [3, 2]),
    ],
)
def test_a_second_frequency_after_and_is_a_second_dosage_of_the_same_dose(text: str, rates: list) -> None:
    dosages = _only(text).dosages
    assert [d.timing.frequency for d in dosages] == rates
    assert len({_dose(d) for d in dosages}) == 1


def test_two_frequencies_with_nothing_between_them_but_and_are_flagged() -> None:
    text = "Paracétamol 1 g 3x/j et 4x/j"
    assert _flagged(text, "W022")


# --- headers before the first drug: "PEP –", "LGV:", "Cross-taper:", "Adv:", "[Hors livret]" ------


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("PEP – Truvada 1 tab daily for 28 days", "Truvada"),
        ("UTI: nitrofurantoin 50mg QDS x 3/7", "nitrofurantoin"),
        ("Cross-taper: citalopram 10mg OD x 7 days then stop", "citalopram"),
        ("Adv: Tab Pan 40 1-0-0 before breakfast", "Pan"),
        ("[Hors livret] Imovane 7,5 mg : 1 cp au coucher", "Imovane"),
    ],
)
def test_a_line_opening_header_names_no_drug(text: str, drug: str) -> None:
    assert [m.name for m in meds(text)] == [drug]
    assert not warnings(text)


def test_a_verb_that_opens_an_item_stands_before_the_next_drugs_name() -> None:
    text = "citalopram 20mg OD x 7 days then stop; start sertraline 50mg OD"
    assert [m.name for m in meds(text)] == ["citalopram", "sertraline"]


@pytest.mark.parametrize(
    "text", ["Sertraline reduce to 50mg OD", "Quetiapine - decrease to 50mg ON", "Diazepam - wean to 2mg BD"]
)
def test_a_verb_of_change_is_never_a_drug(text: str) -> None:
    (med,) = meds(text)
    assert " " not in med.name and med.name[0].isupper()


# --- several drugs, one tail: "+ … IM stat", "and … every 2 months" ------------------------------


def test_stat_and_route_after_the_last_of_a_mixture_are_every_drugs() -> None:
    found = meds("Lorazepam 2mg + Haloperidol 5mg IM stat")
    assert [m.priority for m in found] == ["stat", "stat"]
    assert all(d.route is not None and d.timing.count == 1 for m in found for d in m.dosages)


def test_an_interval_after_drugs_joined_by_and_is_every_drugs() -> None:
    found = meds("Cabotegravir 400mg IM and rilpivirine 600mg IM every month")
    assert [_timing(m.dosages[0]) for m in found] == [(1, 1, "mo"), (1, 1, "mo")]


# --- a day's total restated after the doses: said again, or flagged when it disagrees -----------


def test_a_total_per_day_that_the_doses_make_is_said_again() -> None:
    text = "Clozapine 100mg mane + 200mg nocte (total 300mg/day)"
    assert [_dose(d) for d in _only(text).dosages] == [(100, "mg"), (200, "mg")]
    assert not warnings(text)


def test_a_total_per_day_the_doses_do_not_make_is_flagged() -> None:
    text = "Clozapine 100mg mane + 150mg nocte (total 300mg/day)"
    assert [_dose(d) for d in _only(text).dosages] == [(100, "mg"), (150, "mg")]
    assert _flagged(text, "W023")


# --- strengths --------------------------------------------------------------------------------


def test_four_strengths_share_one_unit() -> None:
    med = _only("Stribild 150/150/200/245mg 1 tab OD with food")
    assert [(q.value, q.unit) for q in med.strengths] == [(150, "mg"), (150, "mg"), (200, "mg"), (245, "mg")]


def test_a_bare_strength_pair_may_start_with_a_decimal() -> None:
    med = _only("Zaldiar 37,5/325 : 1 cp si douleur")
    assert med.name == "Zaldiar"
    assert [q.value for q in med.strengths] == [37.5, 325]


# --- intakes: "en une seule prise quotidienne", "2 g en une prise" -------------------------------


def test_one_intake_a_day_is_no_single_dose() -> None:
    (dosage,) = _only("Zytiga 250 mg : 4 cp en une seule prise quotidienne").dosages
    assert _timing(dosage) == (1, 1, "d") and dosage.timing.count is None


def test_an_amount_in_one_intake_with_no_period_is_a_single_dose() -> None:
    (dosage,) = _only("Tinidazole 2 g en une prise").dosages
    assert dosage.timing.count == 1 and dosage.timing.frequency is None


# --- routes the gold form has no key for: never a neighbour's --------------------------------------


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("Amétycine 40 mg en instillation endovésicale une fois par semaine", "20046000"),
        ("Edex 10 µg : 1 injection intracaverneuse avant le rapport", "20027000"),
        ("Muse 500 µg : 1 bâtonnet par voie urétrale avant le rapport", "20071000"),
    ],
)
def test_bladder_penile_and_urethral_routes_are_their_own(text: str, route: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.route is not None and dosage.route.code == route  # EDQM


def test_the_route_before_the_drug_that_takes_over_is_its_own() -> None:
    first, second = meds("Céfotaxime 1 g IV x3/j pendant 5 jours puis relais per os par cefixime 200 mg 1 cp x2/j")
    assert second.name == "cefixime"
    assert (first.dosages[0].route.code, second.dosages[0].route.code) == ("20045000", "20053000")  # IV, oral


# --- cycles and maxima -------------------------------------------------------------------------


def test_consecutive_days_a_week_are_a_cycle() -> None:
    assert _flagged("Aldara 1 application le soir 3 jours consécutifs par semaine", "W022")
    assert not _flagged("Aldara 1 application le soir pendant 3 jours consécutifs", "W022")


def test_a_maximum_of_doses_in_minutes() -> None:
    (dosage,) = _only("Natispray 1 spray SL q5min prn, max 3 doses in 15 min").dosages
    maximum = dosage.max_per_period
    assert (maximum.quantity.value, maximum.per.value, maximum.per.unit) == (3, 15, "min")


def test_a_lyophilisate_is_a_unit_and_its_oral_form_no_drug() -> None:
    (med,) = meds("VOGALENE LYOC 7,5 MG, LYOPHILISAT ORAL : 1 lyophilisat si nausées, max 4 lyophilisats par jour")
    (dosage,) = med.dosages
    assert dosage.dose.low.unit == "lyophilisate"
    assert (dosage.max_per_period.quantity.value, dosage.max_per_period.per.unit) == (4, "d")


# --- what describes the pack or the infusion, never a dose ---------------------------------------


def test_an_infusions_flow_rate_is_no_strength_nor_dose() -> None:
    med = _only("Sérum physiologique 0,9 % 1000 mL IV toutes les 24 h (42 mL/h)")
    assert [(q.value, q.unit) for q in med.strengths] == [(0.9, "%")]
    assert [_dose(d) for d in med.dosages] == [(1000, "mL")]
    # an amount of drug per hour stays a patch's strength
    assert [(q.value, q.unit) for q in _only("Durogesic 25 µg/h 1 patch tous les 3 jours").strengths] == [(25, "ug")]


@pytest.mark.parametrize(
    "text",
    [
        "AMLODIPINE 10MG TABLETS - ONE TO BE TAKEN EACH DAY - 28 TABLET",
        "Sertraline 50mg tablets  ONE to be taken each morning  28 tablet  (repeats: 3)",
        "Omeprazole 20mg capsules — ONE to be taken daily — 56 capsule — supply for 56 days",
    ],
)
def test_a_gp_systems_quantity_column_is_no_second_dose(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.dose.low.value == 1


@pytest.mark.parametrize(
    ("text", "drugs"),
    [
        ("Changes: STOP Atenolol; START Bisoprolol 2.5mg OD", ["Atenolol", "Bisoprolol"]),
        ("Movicol sachets sugar free - ONE sachet to be taken daily", ["Movicol"]),
    ],
)
def test_labels_and_presentation_words_name_no_drug(text: str, drugs: list) -> None:
    assert [m.name for m in meds(text)] == drugs


@pytest.mark.parametrize(
    "text",
    [
        "SKENAN 10 mg — Prendre 1 gélule ; si besoin : douleur ; intervalle minimal entre deux prises : 4 heures",
        "Tramadol 50 mg capsule: take 1 capsule as needed for pain; minimum interval between doses: 6 hours",
    ],
)
def test_a_renderers_labelled_minimum_interval_is_the_period(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.timing.frequency == 1 and dosage.timing.period in (4, 6) and dosage.timing.period_unit == "h"
