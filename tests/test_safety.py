"""Safety families (issue #12, CONVENTIONS §7-§8), CheckList style: each family is read
right, or flagged for review — never silently wrong. Templates vary the drug, the numbers
and the wording, French and English (minimum-functionality and invariance tests)."""

from __future__ import annotations

import pytest

import posology
from posology.review import needs_review

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_WORDS = {"sun": ("dimanche", "Sundays"), "wed": ("mercredi", "Wednesdays"), "fri": ("vendredi", "Fridays")}
DRUGS = ("Levothyrox 100 µg", "Kardégic 75 mg", "Xarelto 20 mg")


def med(text: str):
    result = posology.structure(text)
    return result, result.prescription.medications[0]


# --- excepted days: dayOfWeek holds the days taken ------------------------------------------------


@pytest.mark.parametrize("day", sorted(DAY_WORDS))
@pytest.mark.parametrize("drug", DRUGS)
@pytest.mark.parametrize(
    "template",
    [
        "{drug} 1 cp le matin sauf le {fr}",
        "{drug} 1 cp le soir, pas le {fr}",
        "{drug} 1 tab daily except {en}",
        "{drug} : ne pas prendre le {fr}, 1 cp le matin",
    ],
)
def test_excepted_day_gives_the_days_taken(template: str, drug: str, day: str) -> None:
    fr, en = DAY_WORDS[day]
    _, m = med(template.format(drug=drug, fr=fr, en=en))
    assert m.dosages[0].timing.day_of_week == tuple(d for d in WEEK if d != day)


@pytest.mark.parametrize(
    "text, days",
    [
        ("1 cp le soir sauf le week-end", WEEK[:5]),
        ("1 tab at 6 pm, not on weekends", WEEK[:5]),
        ("1 cp le matin en semaine", WEEK[:5]),
        ("1 tab mon-fri", WEEK[:5]),
        ("1 cp lun-ven", WEEK[:5]),
        ("1 cp du lundi au vendredi sauf le mercredi", ("mon", "tue", "thu", "fri")),
        ("1 cp lun-mer-ven", ("mon", "wed", "fri")),
        ("1 cp le samedi et le dimanche", ("sat", "sun")),
    ],
)
def test_day_groups_and_ranges(text: str, days: tuple[str, ...]) -> None:
    _, m = med(text)
    assert m.dosages[0].timing.day_of_week == days


# --- stop / hold / do not give ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, drug, status, dnp",
    [
        ("arrêter le Tahor", "Tahor", "stopped", False),
        ("STOP Aspirin", "Aspirin", "stopped", False),
        ("Discontinue Metformin 500 mg", "Metformin", "stopped", False),
        ("suspendre le Kardégic", "Kardégic", "on-hold", False),
        ("hold Lisinopril 10 mg", "Lisinopril", "on-hold", False),
        ("Amoxicillin - DO NOT GIVE (allergy)", "Amoxicillin", "active", True),
        ("Ne pas donner de Bactrim", "Bactrim", "active", True),
    ],
)
def test_stop_hold_do_not_give_is_never_a_plain_order(text: str, drug: str, status: str, dnp: bool) -> None:
    result, _ = med(text)
    meds = [m for m in result.prescription.medications if m.name]
    assert [m.name for m in meds] == [drug]  # the verb is never a drug, nor is "(allergy)"
    assert (meds[0].status, meds[0].do_not_perform) == (status, dnp)
    assert result.needs_review and result.confidence < 0.5
    assert any(issue.medication == 0 for issue in result.review_reasons)


def test_a_conditional_stop_stays_active_and_is_flagged() -> None:
    result, m = med("Bactrim 1 cp matin et soir, arrêter si éruption")
    assert m.status == "active" and result.needs_review


# --- open titration: the starting dose only -------------------------------------------------------


@pytest.mark.parametrize(
    "text, dose",
    [
        ("Sertraline 50 mg OD, increase by 25 mg every 2 weeks up to 100 mg", 50),
        ("Levemir 12 UI puis augmenter de 1 UI tous les 2 jours", 12),
        ("Prednisone 40 mg le matin, diminuer de 5 mg par semaine", 40),
        ("Lantus 10 units at bedtime, titrate by 2 units every 3 days", 10),
    ],
)
def test_open_titration_keeps_the_starting_dose(text: str, dose: float) -> None:
    result, m = med(text)
    assert [d.dose.low.value for d in m.dosages] == [dose]
    assert m.dosages[0].additional_instructions and result.needs_review


def test_spelled_out_phases_stay_phases_without_review() -> None:
    result, m = med("Solupred 40 mg pendant 5 jours puis 30 mg pendant 5 jours")
    assert [d.dose.low.value for d in m.dosages] == [40, 30] and not result.needs_review


# --- numbers: words, thousands, millions ---------------------------------------------------------


@pytest.mark.parametrize(
    "words, value",
    [
        ("trente-six", 36),
        ("vingt-huit", 28),
        ("cinquante", 50),
        ("soixante-dix", 70),
        ("quatre-vingt-dix", 90),
        ("vingt et un", 21),
        ("twenty-five", 25),
        ("one hundred", 100),
    ],
)
@pytest.mark.parametrize("unit, key", [("UI", "iU"), ("gouttes", "drop")])
def test_number_words_are_one_number(words: str, value: float, unit: str, key: str) -> None:
    _, m = med(f"{words} {unit} le soir")
    dose = m.dosages[0].dose
    assert (dose.low.value, dose.high, dose.low.unit) == (value, None, key)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Enoxaparin 4,000 units SC OD", 4000),
        ("10 000 UI le matin", 10000),
        ("10.000 UI le matin", 10000),
        ("Vitamin A 1.2M IU once", 1200000),
        ("1 M UI le soir", 1000000),
        ("1,5 million d'UI le matin", 1500000),
        ("2.4 million units IM", 2400000),
        ("0,125 mg le matin", 0.125),
        ("2,5 mg le soir", 2.5),
    ],
)
def test_thousands_and_millions(text: str, value: float) -> None:
    _, m = med(text)
    assert m.dosages[0].dose.low.value == value


# --- a bare number after a drug name is a unit-less strength -------------------------------------


@pytest.mark.parametrize(
    "text, drug, strength",
    [
        ("Tab Crocin 500 SOS", "Crocin", 500),
        ("Tab Pantocid 40 OD", "Pantocid", 40),
        ("Telma 40 0-0-1", "Telma", 40),
        ("Ecosprin 75 1 tab daily", "Ecosprin", 75),
        ("Lasilix 40 1/2 cp le matin", "Lasilix", 40),
    ],
)
def test_bare_number_after_the_name_is_a_strength(text: str, drug: str, strength: float) -> None:
    _, m = med(text)
    assert m.name == drug and [(q.value, q.unit) for q in m.strengths] == [(strength, None)]
    assert all(d.dose is None or d.dose.low.value < 5 for d in m.dosages)


def test_a_small_number_in_a_name_stays_in_it() -> None:
    _, m = med("Omega 3 2 caps par jour")
    assert m.strengths == () and m.dosages[0].dose.low.value == 2


# --- intervals, days per week and durations ------------------------------------------------------


@pytest.mark.parametrize(
    "text, repeat",
    [
        ("1 patch/7j", (1, 7, "d", None)),
        ("1 patch/3j", (1, 3, "d", None)),
        ("1 tab q 2 days", (1, 2, "d", None)),
        ("1 cp le soir 5 j/7", (5, 1, "wk", None)),
        ("3 jours par semaine 1 cp", (3, 1, "wk", None)),
        ("1 cp pdt 5j", (None, None, None, 5)),
        ("1 tab for 3 days", (None, None, None, 3)),
    ],
)
def test_interval_is_never_a_duration(text: str, repeat: tuple) -> None:
    _, m = med(text)
    timing = m.dosages[0].timing
    bounds = timing.bounds.value if timing.bounds else None
    assert (timing.frequency, timing.period, timing.period_unit, bounds) == repeat


# --- impossible values are never emitted silently ------------------------------------------------


@pytest.mark.parametrize(
    "text, field",
    [
        ("1 cp 30 fois par heure", "frequency"),
        ("1 cp toutes les 0 heures", "period"),
        ("1 cp pendant 0 jours", "bounds"),
        ("1 cp à 26h", "time_of_day"),
        ("0 cp le matin", "dose"),
    ],
)
def test_impossible_values_are_flagged_not_structured(text: str, field: str) -> None:
    result, m = med(text)
    assert result.needs_review
    dosage = m.dosages[0] if m.dosages else None
    if dosage is not None:
        value = dosage.dose if field == "dose" else getattr(dosage.timing, field)
        assert value in (None, ())


def test_an_interval_of_minutes_is_possible() -> None:
    result, m = med("2 bouffées toutes les 20 minutes pendant 1 heure")
    assert m.dosages[0].timing.period == 20 and not any("W023" in i.message for i in result.warnings)


# --- conditions: the threshold is never a dose or a strength --------------------------------------


@pytest.mark.parametrize(
    "text, dose",
    [
        ("Insuline 4 UI si glycémie > 2 g/l", 4),
        ("Loxen 20 mg 1 cp if BP > 160", 1),
        ("Ondansetron 4 mg 1 tab if vomiting more than 2 times a day", 1),
    ],
)
def test_condition_threshold_is_no_quantity(text: str, dose: float) -> None:
    _, m = med(text)
    (dosage,) = m.dosages
    assert dosage.dose.low.value == dose and dosage.as_needed
    assert all(q.value not in (2, 160) for q in m.strengths) and dosage.timing.frequency is None


# --- cycles and daily totals: structure what is safe, flag ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Revlimid 25 mg 1 gélule par jour 21 jours sur 28",
        "Kardégic 75 mg 1 sachet le midi, 1 semaine sur 2",
        "Temozolomide 200 mg once daily, 5 days out of 28",
        "Capecitabine 1500 mg BD 2 weeks on, 1 week off",
        "Amoxicilline 50 mg/kg/j",
        "Sevelamer 800 mg 2 tabs with meals, sauf les jours de dialyse",
    ],
)
def test_cycles_are_flagged_and_never_a_duration(text: str) -> None:
    result, m = med(text)
    assert result.needs_review
    assert all(d.timing.bounds is None for d in m.dosages)


def test_one_day_in_two_is_an_interval_not_a_cycle() -> None:
    result, m = med("1 cp 1 jour sur 2")
    assert (m.dosages[0].timing.period, m.dosages[0].timing.period_unit) == (2, "d") and not result.needs_review


# --- the review contract -------------------------------------------------------------------------


def test_a_plain_line_claims_every_field_right() -> None:
    result = posology.structure("Doliprane 1000 mg 1 cp 3 fois par jour pendant 5 jours")
    assert not result.needs_review and result.confidence == 1.0


def test_an_unread_number_is_a_review_flag() -> None:
    result = posology.structure("1 cp le matin 37")
    assert result.needs_review and any("'37'" in i.message for i in result.review_reasons)


def test_drug_not_coded_is_no_review_flag() -> None:
    result = posology.structure("Zorglub 10 mg 1 cp le soir")
    assert any("W005" in i.message for i in result.warnings) and not needs_review(result.warnings)


def test_the_end_of_a_spelled_out_course_is_no_stop_order() -> None:
    result, m = med("Cortancyl 20 mg : 2 cp/j pdt 5 j puis 1 cp/j pdt 5 j puis arrêt")
    assert m.status == "active" and len(m.dosages) == 2 and not result.needs_review


def test_invalid_fhir_is_an_outcome_never_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import posology.fhir
    from posology.errors import FHIRValidationError

    real = posology.fhir.build_bundle

    def broken_once(prescription, **kwargs):
        if prescription.medications:
            raise FHIRValidationError("[E009] The FHIR output failed validation: test")
        return real(prescription, **kwargs)

    monkeypatch.setattr(posology.fhir, "build_bundle", broken_once)
    result = posology.structure("1 cp le matin")
    (outcome,) = [e["resource"] for e in result.bundle_dict["entry"]]
    assert outcome["resourceType"] == "OperationOutcome" and outcome["issue"][0]["severity"] == "error"


@pytest.mark.parametrize(
    "text, drug, status, dnp",
    [
        ("STOP aspirin", "aspirin", "stopped", False),
        ("DO NOT GIVE penicillin (allergy)", "penicillin", "active", True),
        ("d/c atorvastatin 40 mg at night", "atorvastatin", "stopped", False),
        ("Kardégic 75 : suspendre jusqu'à nouvel ordre", "Kardégic", "on-hold", False),
    ],
)
def test_lower_case_drug_named_by_its_order(text: str, drug: str, status: str, dnp: bool) -> None:
    result = posology.structure(text)
    meds = [m for m in result.prescription.medications if m.name]
    assert [(m.name, m.status, m.do_not_perform) for m in meds] == [(drug, status, dnp)]
    assert result.needs_review


def test_until_stopped_is_no_stop_order() -> None:
    _, m = med("Prednisolone 40 mg OD, reduce by 5 mg weekly until stopped")
    assert m.status == "active" and [d.dose.low.value for d in m.dosages] == [40]


def test_a_lone_surrogate_never_raises() -> None:
    result = posology.structure("1 cp le matin \udc80")
    assert result.json() and result.needs_review
    assert any("W014" in issue.message for issue in result.review_reasons)
    assert result.prescription.medications[0].dosages[0].timing.when == ("MORN",)


def test_ne_pas_prendre_a_drug_is_do_not_give_and_a_day_is_an_exception() -> None:
    result = posology.structure("ne pas prendre d'ibuprofène")
    (m,) = result.prescription.medications
    assert (m.name, m.do_not_perform) == ("ibuprofène", True) and result.needs_review
    _, m = med("ne pas prendre le mardi, 1 cp le matin")
    assert not m.do_not_perform and "tue" not in m.dosages[0].timing.day_of_week


def test_a_stop_at_the_end_of_a_line_concerns_the_drug_after_it() -> None:
    result = posology.structure("AMOXICILLINE 1 g IV toutes les 8 h, ARRÊT CEFTRIAXONE")
    meds = result.prescription.medications
    assert [(m.name, m.status) for m in meds] == [("AMOXICILLINE", "active"), ("CEFTRIAXONE", "stopped")]


def test_a_sliding_scale_is_flagged() -> None:
    result = posology.structure("NOVORAPID : 2 UI SC si glycémie > 2 g/L, 4 UI SC si glycémie > 3 g/L")
    assert result.needs_review and any("W022" in i.message for i in result.review_reasons)


def test_a_conditional_hold_keeps_the_routine_order_and_flags_it() -> None:
    """``hold if HR < 60`` governs when not to give a routine dose: never an as-needed order."""
    for text in (
        "Metoprolol tartrate 25 mg 1 tab po bid, hold if HR < 60",
        "Lasix 40 mg 1 cp le matin, suspendre si PAS < 100",
    ):
        result = posology.structure(text)
        (med,) = result.prescription.medications
        assert med.status == "active" and not any(d.as_needed for d in med.dosages)
        assert med.dosages[0].dose.low.value == 1
        assert any(i.message.startswith("[W022]") for i in result.review_reasons)


def test_a_dose_for_other_days_keeps_the_time_of_the_first_days() -> None:
    """``1 cp le soir lun-ven et 1/2 cp sam-dim``: the weekend half tablet is also taken in the
    evening, never at an unstated time; a dose with its own time keeps it."""
    first, second = (
        posology.structure("Coumadine 2 mg : 1 cp le soir lun-ven et 1/2 cp sam-dim")
        .prescription.medications[0]
        .dosages
    )
    assert (first.timing.when, second.timing.when) == (("EVE",), ("EVE",))
    assert second.timing.day_of_week == ("sat", "sun")
    morning, evening = posology.structure("1 cp le matin et 1/2 cp le soir").prescription.medications[0].dosages
    assert (morning.timing.when, evening.timing.when) == (("MORN",), ("EVE",))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pause apixaban for 2 days", [("apixaban", "on-hold", False)]),
        ("Cease warfarin", [("warfarin", "stopped", False)]),
        ("Ne plus prendre le Doliprane", [("Doliprane", "stopped", False)]),
        ("Do not restart Plavix", [("Plavix", "active", True)]),
        ("Avoid NSAIDs", [("NSAIDs", "active", True)]),
        (
            "Switch atorvastatin to rosuvastatin 10 mg daily",
            [("atorvastatin", "stopped", False), ("rosuvastatin", "active", False)],
        ),
        (
            "Remplacer Inexium par Mopral 20 mg 1 cp le soir",
            [("Inexium", "stopped", False), ("Mopral", "active", False)],
        ),
        (
            "Arrêt Amlor, remplacer par Coversyl 5 mg 1 cp le matin",
            [("Amlor", "stopped", False), ("Coversyl", "active", False)],
        ),
    ],
)
def test_stop_hold_avoid_and_switch_wordings(text: str, expected: list) -> None:
    result = posology.structure(text)
    got = [(m.name, m.status, m.do_not_perform) for m in result.prescription.medications]
    assert got == expected and result.needs_review


def test_replacing_a_patch_is_no_order_and_no_drug() -> None:
    result = posology.structure("Remplacer le patch tous les 3 jours")
    (med,) = result.prescription.medications
    assert med.name is None and med.status == "active" and med.dosages[0].timing.period == 3


@pytest.mark.parametrize(
    "text",
    [
        "Durogesic 25: remplacer le patch par un nouveau tous les 3 jours",
        "Replace the old patch by a new patch every 3 days",
        "Fentanyl 25 mcg/h patch: replace with new patch every 72 hours",
        "Replace patch with a new one every 72 hours",  # a pronoun names no drug
    ],
)
def test_replacing_a_patch_is_no_switch_and_names_no_drug(text: str) -> None:
    meds = posology.structure(text).prescription.medications
    assert all(m.status == "active" for m in meds) and len(meds) == 1
    assert meds[0].name in (None, "Durogesic", "Fentanyl")
