"""Wordings the session-14 blind rounds and leftovers showed (issue #12). Each case is a variant
written here (not a gold line) of a family read wrong; each test fails without the reading it
checks (docs/decisions.md, "Session 14 readings")."""

from __future__ import annotations

import pytest

from tests.test_session11_wordings import meds, warnings

# --- one posology for several drugs: "1 cp de chaque", "one tab of each" ------------------------


@pytest.mark.parametrize(
    ("text", "strengths", "timing"),
    [
        ("Doliprane 1g cp + Spasfon cp : 1 cp de chaque 3 fois par jour", [(1, "g"), None], (3, 1, "d")),
        ("Doliprane 1 g et Spasfon 80 mg : 1 cp de chaque 2 fois par jour", [(1, "g"), (80, "mg")], (2, 1, "d")),
        ("Amlodipine 5 mg and atorvastatin 20 mg, 1 tab of each once a day", [(5, "mg"), (20, "mg")], (1, 1, "d")),
    ],
)
def test_a_dose_of_each_is_every_drugs_and_a_mass_after_a_name_stays_its_strength(
    text: str, strengths: list, timing: tuple
) -> None:
    found = meds(text)
    assert len(found) == 2
    for med, strength in zip(found, strengths, strict=True):
        got = (med.strengths[0].value, med.strengths[0].unit) if med.strengths else None
        assert got == strength
        (dosage,) = med.dosages
        assert (dosage.dose.low.value, dosage.dose.low.unit) == (1, "tablet")
        assert (dosage.timing.frequency, dosage.timing.period, dosage.timing.period_unit) == timing
    assert not warnings(text)


def _only(text: str):
    (med,) = meds(text)
    return med


def _timing(dosage) -> tuple:
    t = dosage.timing
    return (t.frequency, t.period, t.period_unit)


# --- a frequency or a moment written before the phases heads every phase -------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WEGOVY en SC, 1 fois/semaine : 0,25 mg x 4 sem puis 0,5 mg x 4 sem puis 1 mg", (1, 1, "wk")),
        ("Ozempic once weekly: 0.25 mg for 4 weeks then 0.5 mg", (1, 1, "wk")),
    ],
)
def test_a_frequency_before_the_first_dose_is_every_phases(text: str, expected: tuple) -> None:
    dosages = _only(text).dosages
    assert len(dosages) >= 2 and all(_timing(d) == expected for d in dosages)


def test_a_moment_column_before_the_phases_is_every_phases() -> None:
    dosages = _only("Cortancyl 5 mg, le matin : 4 cp pendant 5 j, puis 2 cp pendant 5 j, puis 1 cp pendant 5 j").dosages
    assert [d.dose.low.value for d in dosages] == [4, 2, 1]
    assert all(d.timing.when == ("MORN",) for d in dosages)


def test_a_frequency_after_the_first_dose_is_carried_and_flagged() -> None:
    # session 30 (docs/decisions.md): a later phase with a dose and no timing of its own takes the first
    # phase's one-intake timing, flagged (W023); it was left untimed, silently
    text = "Prednisone 40 mg daily x 5 days then 20 mg x 5 days"
    first, second = _only(text).dosages
    assert _timing(first) == (1, 1, "d") and _timing(second) == (1, 1, "d")
    assert any("[W023]" in message for message in warnings(text))


# --- weekly calendars (anticoagulants, levothyroxine) --------------------------------------------

WEEK = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Warfarin 1mg tablets: one tablet daily, two tablets on Saturdays", {"sat"}),
        ("Coumadin 5mg daily except 7.5mg on Tuesdays", {"tue"}),
        ("Lévothyrox 100 µg 1 cp par jour sauf 1/2 cp le dimanche", {"sun"}),
        ("Coumadine 2 mg : 1 cp le soir, 1/2 cp le samedi", {"sat"}),
    ],
)
def test_a_daily_dose_beside_named_days_is_taken_on_the_other_days(text: str, named: set) -> None:
    daily, other = _only(text).dosages
    assert set(other.timing.day_of_week) == named
    assert set(daily.timing.day_of_week) == WEEK - named
    assert not warnings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Levothyroxine 100mcg daily, and an extra half tablet on Sundays",  # on top: no calendar
        "Ritaline 10 mg : 1 cp le matin et 1 cp à midi, sauf le week-end",  # two moments, one exception
    ],
)
def test_no_calendar_where_a_dose_comes_on_top_or_the_days_are_an_exception(text: str) -> None:
    days = [set(d.timing.day_of_week) for d in _only(text).dosages]
    assert set() in days or all(d == days[0] for d in days)


def test_a_daily_dose_of_one_drug_gives_no_days_to_another() -> None:
    aspirin, methotrexate = meds("Aspirin 75mg daily, Methotrexate 10mg on Mondays")
    assert not aspirin.dosages[0].timing.day_of_week
    assert methotrexate.dosages[0].timing.day_of_week == ("mon",)


def test_capitalised_two_letter_day_codes_in_a_slashed_run() -> None:
    three, four = _only("Warfarin 1mg tabs: 3 tabs Tu/Th/Sa/Su, 4 tabs Mon, Wed, Fri").dosages
    assert set(three.timing.day_of_week) == {"tue", "thu", "sat", "sun"}
    assert set(four.timing.day_of_week) == {"mon", "wed", "fri"}


@pytest.mark.parametrize(
    "text",
    [
        "Pt to take warfarin 7.5mg on Tues & Sat, 5mg all other days (total 40mg/wk)",
        "warfarin 5mg Mon-Fri, 2.5mg Sat/Sun = 30 mg per week",
        "Coumadine 5 mg : 1 cp lundi mercredi vendredi, 1/2 cp les autres jours (soit 25 mg/semaine)",
    ],
)
def test_a_weekly_total_restates_the_calendar(text: str) -> None:
    med = _only(text)
    assert med.name.lower().startswith(("warfarin", "coumadine"))
    assert len(med.dosages) == 2
    assert all(d.timing.period_unit is None and d.timing.count is None for d in med.dosages)
    assert not warnings(text)


# --- paediatric: syrups, spoons, pipettes graduated by weight, feeds -----------------------------


def test_a_syrups_concentration_with_pour_is_its_strength() -> None:
    med = _only("Clamoxyl 250 mg pour 5 ml : 5 ml 3 fois par jour")
    assert [(s.value, s.unit) for s in med.strengths] == [(250, "mg")]
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (5, "mL")


@pytest.mark.parametrize(
    "text",
    ["Josacine 125 mg/5 ml : 1 cuillère-mesure de 5 ml matin et soir", "Amoxil 1 measuring spoon of 5 ml tds"],
)
def test_a_spoons_size_is_no_second_dose(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.dose.low.value == 1 and dosage.dose.low.unit in ("spoonful", "teaspoon")


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Gaviscon nourrissons 1 ml après chaque biberon", "PC"),
        ("Motilium 1 ml avant les biberons", "AC"),
        ("Mycostatine 1 ml 4 fois par jour après les tétées", "PC"),
    ],
)
def test_a_babys_feeds_are_its_meals(text: str, when: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.timing.when == (when,)


@pytest.mark.parametrize(
    "text",
    [
        "Doliprane 2,4 % : 1 dose-poids toutes les 6 heures si fièvre",
        "Advil 1 dose de 14 kg 3 fois par jour si fièvre",
    ],
)
def test_a_dose_by_weight_is_one_dose_and_flagged(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.dose.low.value == 1 and dosage.dose.low.unit is None
    assert any("W023" in w and "weight" in w for w in warnings(text))
    assert not any("W002" in w for w in warnings(text))


def test_a_maximum_in_doses_by_weight() -> None:
    text = "DOLIPRANE 2,4% 1 dose poids /6h si fièvre, sans dépasser 4 doses-poids par jour"
    (dosage,) = _only(text).dosages
    assert (dosage.max_per_period.quantity.value, dosage.max_per_period.quantity.unit) == (4, None)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Acetaminophen 160 mg/5 mL: 7.5 mL PO q4-6h prn fever, not to exceed 5 doses in 24 hrs", (5, None)),
        ("Tylenol Liquid 160 mg/5 mL: 7.5 mL po q4h prn fever, max 5 doses/24h", (5, None)),
        ("Oxycodone 1-2mg SC 1 hourly PRN, max 6 doses in 24 hours", (6, None)),
        ("Cyclizine 50mg 1 tablet TDS as required for nausea, max 3 doses in 24 hours", (3, "tablet")),
    ],
)
def test_a_maximum_in_doses_counts_doses(text: str, limit: tuple) -> None:
    (dosage,) = _only(text).dosages
    assert (dosage.max_per_period.quantity.value, dosage.max_per_period.quantity.unit) == limit


@pytest.mark.parametrize(
    "text",
    [
        "Wt 12kg. Paracetamol 15mg/kg = 360mg PO q6h",
        "Ibuprofène 10 mg/kg/prise soit 300 mg toutes les 8h si fièvre. Poids : 12 kg",
    ],
)
def test_a_dose_per_kilo_the_stated_weight_does_not_give_is_flagged_and_not_structured(text: str) -> None:
    (med,) = meds(text) or [None]
    assert med is not None and all(d.dose is None for d in med.dosages)
    assert any("W023" in w and "kilogram" in w for w in warnings(text))


def test_a_dose_per_kilo_the_stated_weight_gives_is_kept() -> None:
    text = "Ibuprofène 10 mg/kg/prise soit 120 mg toutes les 8h si fièvre. Poids : 12 kg"
    (dosage,) = _only(text).dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (120, "mg")
    assert not warnings(text)


@pytest.mark.parametrize("text", ["Doliprane 1 cp si fièvre ou douleur", "Paracetamol 1 tab q6h if pain or fever"])
def test_two_symptoms_are_both_the_reason(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.as_needed
    assert not warnings(text)


# --- eyes: a UK clinic's RE / LE / BE, R eye, the operated eye; each drug its eye --------------

OCULAR = "20051000"  # EDQM "Voie ophtalmique"


@pytest.mark.parametrize(
    "text",
    [
        "Timolol 0.5% one drop BE bd",
        "Cyclopentolate 1% 1 drop RE BD",
        "Pilocarpine 2% 1 drop LE QDS",
        "G. Maxidex RE QDS x 2/52",
        "Chloramphenicol 1% oc. 1cm LE bd x 5/7",
        "Betnesol 0.1% 1 drop R eye 2 hourly",
        "Acular 0.5% 1 drop to the operated eye 3 times a day",
        "Cyclopentolate 1% 1 drop RE up to TDS prn photophobia",
        "Maxitrol ung OD qhs",
    ],
)
def test_an_eye_named_the_uk_way_is_the_ocular_route(text: str) -> None:
    assert all(d.route is not None and d.route.code == OCULAR for d in _only(text).dosages)


@pytest.mark.parametrize("text", ["COLLYRE 1 GOUTTE LE SOIR", "T. LASIX 40 MG 1-1-0 (DOSE TO BE REDUCED)"])
def test_french_le_and_english_be_stay_words(text: str) -> None:
    dosage = meds(text)[0].dosages[0]
    assert dosage.timing.frequency is None or dosage.timing.frequency > 0
    if "SOIR" in text:
        assert dosage.timing.when == ("EVE",)
    else:
        assert dosage.route is None


def test_each_drug_of_an_eye_line_has_its_eye() -> None:
    first, second = meds("Vigamox 1 gtt OD QID x 1 wk; Pred Forte 1% 1 gtt OD QID x 4 wks")
    for med in (first, second):
        (dosage,) = med.dosages
        assert dosage.route is not None and dosage.route.code == OCULAR
        assert _timing(dosage) == (4, 1, "d")


# --- respiratory: triple strengths, class headers, "inhal." ---------------------------------------


def test_three_bare_strengths_after_a_name() -> None:
    med = _only("Trimbow 87/5/9 : 2 bouffées à 8h et 2 bouffées à 20h")
    assert med.name == "Trimbow"
    assert [s.value for s in med.strengths] == [87, 5, 9]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("LABA+LAMA : Duaklir Genuair 340/12 µg 1 inhalation matin et soir", "Duaklir Genuair"),
        ("AVK : Préviscan 20 mg 3/4 cp le soir", "Préviscan"),
    ],
)
def test_a_class_of_drugs_heading_the_line_is_no_drug(text: str, name: str) -> None:
    assert _only(text).name == name
    assert not warnings(text)


@pytest.mark.parametrize("text", ["Seretide 500/50 : 1 inhal. matin et soir", "Trelegy 92/55/22 µg 1 inhal/j"])
def test_inhal_after_a_count_is_a_puff(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (1, "puff")


# --- hospital: an amount per hours is a dose and its interval; a patch's is its strength ---------


@pytest.mark.parametrize(
    ("text", "dose", "hours"),
    [("Tazocilline 4g/8h IVL", (4, "g"), 8), ("Ceftriaxone 2 g/24h IV pendant 3 j", (2, "g"), 24)],
)
def test_an_amount_per_hours_is_a_dose_every_so_many_hours(text: str, dose: tuple, hours: int) -> None:
    med = _only(text)
    assert not med.strengths
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == dose
    assert _timing(dosage) == (1, hours, "h")


def test_a_patchs_amount_per_hours_stays_its_strength() -> None:
    med = _only("Nicopatch 21 mg/24 h : 1 patch par jour")
    assert [(s.value, s.unit) for s in med.strengths] == [(21, "mg")]


# --- words around the order -----------------------------------------------------------------------


def test_pt_is_the_patient_never_a_drug() -> None:
    assert meds("Pt to take 1 tab daily")[0].name is None


def test_no_bowels_open_is_a_condition_never_a_duration() -> None:
    (dosage,) = _only("Bisacodyl 5mg 2 tabs at night PRN if no BO for 3 days").dosages
    assert dosage.as_needed and dosage.timing.bounds is None


def test_a_wean_label_is_no_part_of_the_name() -> None:
    assert _only("OxyContin wean: 20mg BD x 7 days, then 15mg BD x 7 days").name == "OxyContin"


# --- controlled-drug totals, words and figures ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Methadone 1mg/ml 85mg daily x 14 days. Total 1,190mg (one thousand one hundred and ninety milligrams)",
        "Methadone 1mg/1ml 50mg (fifty milligrams) daily for 14 days. Total quantity 700mg (seven hundred milligrams)",
        "Methadone 1mg/ml 45 mg o.d., dispense for 7 days (total 315mg = three hundred and fifteen milligrams)",
    ],
)
def test_a_total_to_dispense_is_no_dose(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.dose.low.unit == "mg" and dosage.dose.low.value in (85, 50, 45)


def test_a_dose_in_figures_and_words_that_disagree_is_flagged_and_not_structured() -> None:
    text = "Methadone 1mg/ml oral solution 40mg (forty-five milligrams) daily"
    (dosage,) = _only(text).dosages
    assert dosage.dose is None
    assert any("W023" in w and "disagree" in w for w in warnings(text))


def test_a_dose_in_words_restated_in_figures() -> None:
    (dosage,) = _only("Méthadone : soixante-quinze milligrammes par jour (75 mg), QSP 14 jours").dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (75, "mg")


def test_a_restated_amount_with_an_equals_sign() -> None:
    (dosage,) = _only("Coumadine 2 mg : 2 cp ½ le soir (= 5 mg)").dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (2.5, "tablet")


def test_a_total_per_day_the_moments_do_not_make_is_flagged() -> None:
    assert any("W023" in w for w in warnings("Tégrétol 200 mg : 1 cp matin et soir, soit 600 mg par jour"))
    assert not warnings("Tégrétol 200 mg : 1 cp matin et soir, soit 400 mg par jour")


# --- cycles' breaks, counts of doses, points in time ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Evra : 1 patch par semaine pendant 3 semaines puis 1 semaine sans patch",
        "Microgynon 30: 1 tab daily for 21 days then a 7 day break",
    ],
)
def test_a_break_after_a_course_is_a_cycle_never_a_second_dose(text: str) -> None:
    med = _only(text)
    assert len(med.dosages) == 1
    assert any("W022" in w for w in warnings(text))


def test_a_maximum_of_doses_with_no_period_is_a_count() -> None:
    (dosage,) = _only("Misoprostol 400 mcg sublingually every 3 hours, max 5 doses").dosages
    assert dosage.timing.count == 5 and (dosage.dose.low.value, dosage.dose.low.unit) == (400, "ug")


def test_a_week_of_pregnancy_is_no_duration() -> None:
    (dosage,) = _only("Anti-D immunoglobulin 1500 IU IM at 28 weeks").dosages
    assert dosage.timing.bounds is None


def test_bedtime_every_night_is_bedtime() -> None:
    (dosage,) = _only("Prometrium 100 mg: 1 cap by mouth at bedtime every night").dosages
    assert dosage.timing.when == ("HS",)


def test_once_a_week_on_two_days_is_flagged() -> None:
    assert any("W023" in w for w in warnings("Methotrexate 2.5mg: 6 tablets once weekly on Monday and Thursday"))
    assert not warnings("Estradiol 50 mcg/24h patch, apply 1 patch twice a week (Mon & Thu)")


@pytest.mark.parametrize(
    "text",
    [
        "Vancomycin 1 g IV q12h – adjust dose to target trough 15-20 mcg/mL",
        "Vancomycine 1 g/12h IVL, à adapter selon le dosage résiduel (cible 15-20 mg/l)",
    ],
)
def test_an_adjustment_to_levels_is_an_open_titration_and_no_drug(text: str) -> None:
    (med,) = meds(text)
    assert (med.dosages[0].dose.low.value, med.dosages[0].dose.low.unit) == (1, "g")
    assert any("W021" in w for w in warnings(text))


def test_a_titration_keeps_the_dispensing() -> None:
    med = _only("LANTUS 100 UI/ml : 22 UI le soir, à adapter selon glycémies. QSP 3 mois, à renouveler 1 fois")
    assert med.refills == 1 and med.supply is not None


def test_a_half_after_the_count_before_a_frequency() -> None:
    (dosage,) = _only("Liorésal 10 mg : 1 cp 1/2 3x/j").dosages
    assert dosage.dose.low.value == 1.5 and _timing(dosage) == (3, 1, "d")


def test_a_tricycle_label_is_no_part_of_the_name() -> None:
    assert _only("Yasmin tricycle: 1 tab daily for 63 days").name == "Yasmin"


# --- reconciliation: the former dose beside the new one --------------------------------------------


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("AMLODIPINE 10 mg : modifié, 1 cp le matin → 1/2 cp le matin", (0.5, "tablet")),
        ("Citalopram : 20 mg → 10 mg le matin", (10, "mg")),
        ("Lercanidipine – Changed: 20 mg daily → 10 mg daily", (10, "mg")),
        ("Citalopram dose reduced from 40 mg to 20 mg OD", (20, "mg")),
        ("Amitriptyline 10mg nocte, increased to 20mg nocte 2/52 ago", (20, "mg")),
        ("Carvedilol 3.125mg tabs – was 1 tab BD, now 2 tabs BD", (2, "tablet")),
    ],
)
def test_the_new_dose_is_the_order_and_the_former_one_no_dose(text: str, dose: tuple) -> None:
    med = _only(text)
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == dose
    assert dosage.timing.bounds is None
    assert not warnings(text)


def test_an_arrow_between_a_name_and_its_posology_changes_nothing() -> None:
    med = _only("Forxiga 10 mg → 1 cp le matin")
    assert [(s.value, s.unit) for s in med.strengths] == [(10, "mg")]
    assert med.dosages[0].dose.low.value == 1


# --- one of two routes; a travel clinic's TD; a routine dose and the same as needed ---------------


@pytest.mark.parametrize(
    "text", ["Typhim Vi 25 microgrammes : une injection IM ou SC", "Ondansetron 4 mg PO or IV q8h prn nausea"]
)
def test_two_routes_one_or_the_other_are_flagged_and_not_structured(text: str) -> None:
    (dosage,) = _only(text).dosages
    assert dosage.route is None
    assert any("W023" in w and "route" in w for w in warnings(text))


def test_td_after_prn_is_travellers_diarrhoea() -> None:
    (dosage,) = _only("Cipro 750 mg single dose PRN TD").dosages
    assert dosage.as_needed and dosage.route is None


@pytest.mark.parametrize(
    "text",
    [
        "Zopiclone 3.75mg nocte and PRN",
        "Levomepromazine 6.25mg SC nocte and PRN for nausea/agitation",
        "Doliprane 1 g le soir et si besoin",
    ],
)
def test_a_timed_dose_and_the_same_as_needed_are_two_dosages(text: str) -> None:
    routine, needed = _only(text).dosages
    assert routine.timing.when and not routine.as_needed
    assert needed.as_needed and not needed.timing.when
    assert routine.dose.low.value == needed.dose.low.value


def test_a_timed_dose_as_needed_stays_one_dosage() -> None:
    (dosage,) = _only("Doliprane 1 g 3 fois par jour si douleur").dosages
    assert dosage.as_needed and dosage.timing.frequency == 3


# --- loading doses, restated amounts, monthly cycles, sites ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vancomycine dose de charge 30 mg/kg IVL sur 1h puis 40 mg/kg/24h en IVSE",
        "Vancomycin loading dose 25 mg/kg IV then 15 mg/kg q12h",
    ],
)
def test_a_loading_dose_is_one_dose_and_no_part_of_the_name(text: str) -> None:
    med = _only(text)
    assert med.name.lower() == "vancomycine" or med.name.lower() == "vancomycin"
    first, second = med.dosages
    assert first.timing.count == 1 and second.timing.period == 12 or second.timing.period == 24


def test_one_dose_of_a_volume_is_that_volume() -> None:
    (dosage,) = meds("1 dose de 5 ml 3 fois par jour")[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (5, "mL")


def test_an_amount_restated_after_a_counted_dose_and_its_moment() -> None:
    (dosage,) = _only("Cortancyl 5 mg : 4 cp le matin, soit 20 mg").dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (4, "tablet")
    assert not warnings("Cortancyl 5 mg : 4 cp le matin, soit 20 mg")
    assert any("W023" in w for w in warnings("Cortancyl 5 mg : 8 cp le matin soit 20 mg"))


def test_some_days_each_month_is_a_cycle() -> None:
    text = "Xifaxan 550 mg 1 cp matin et soir 10 jours par mois"
    (dosage,) = _only(text).dosages
    assert dosage.timing.period_unit is None and dosage.timing.bounds is None
    assert any("W022" in w for w in warnings(text))


def test_a_body_site_is_its_own_drugs_route_only() -> None:
    oral, gel = meds("Doxy 100 : 1 cp/j pendant 3 mois + Effezel gel le soir sur le visage")
    assert oral.dosages[0].route is None
    assert gel.dosages[0].route is not None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fluticasone 44 mcg/actuation HFA: 2 puffs inhaled BID", "Fluticasone"),
        ("Dexeryl crème tube 250 g : 1 application par jour", "Dexeryl"),
    ],
)
def test_a_presentation_word_after_the_name_is_no_second_drug(text: str, name: str) -> None:
    assert _only(text).name == name


def test_a_maximum_of_doses_after_max_with_a_full_stop() -> None:
    text = "Paracetamol 120 mg/5 mL: 7.5 mL every 4–6 hours; max. 4 doses per day"
    (dosage,) = _only(text).dosages
    assert (dosage.max_per_period.quantity.value, dosage.max_per_period.quantity.unit) == (4, None)


def test_a_different_count_in_brackets_is_flagged() -> None:
    assert any("W022" in w for w in warnings("Losartan 50 mg: Take 1 tablet by mouth once daily (BID)"))
    assert not warnings("Amoxicillin 500 mg 1 cap three times a day (TID)")
