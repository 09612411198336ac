"""Wording families of CONVENTIONS §7 read by other writers (issue #13): renderer sentences,
US sig-entry shorthand, Indian e-pharmacy lines, hospital exports. Each case names the
fields it must give; each family has French and English variants where both exist."""

from __future__ import annotations

import pytest

import posology

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def dosage_of(text: str, index: int = 0, med: int = 0):
    return posology.structure(text).prescription.medications[med].dosages[index]


@pytest.mark.parametrize(
    "text, freq, freq_max, period, unit",
    [
        ("1 cp si douleur jusqu'à 3 fois par jour", 1, 3, 1, "d"),
        ("1 tab up to 4 times daily prn", 1, 4, 1, "d"),
        ("1 sachet au plus 2 fois par jour", 1, 2, 1, "d"),
        ("tanakan 1 cp x 3", 3, None, 1, "d"),
        ("Naproxen 250 mg 1x2 with food", 2, None, 1, "d"),
        ("1 gel 3 fois chaque jour", 3, None, 1, "d"),
        ("smecta 1 sachet 3 fois dans la journée", 3, None, 1, "d"),
        ("Epoetin 10,000 units subq tiw", 3, None, 1, "wk"),
        ("1 cp 2 fois par semaine", 2, None, 1, "wk"),
    ],
)
def test_frequency_families(text: str, freq: int, freq_max: int | None, period: float, unit: str) -> None:
    timing = dosage_of(text).timing
    assert (timing.frequency, timing.frequency_max, timing.period, timing.period_unit) == (freq, freq_max, period, unit)


@pytest.mark.parametrize(
    "text, count, stat",
    [
        ("Ondansetron 4 mg 1 tab q8h prn x3 times", 3, None),
        ("Cefazolin 2 g IV q8h x 8 doses", 8, None),
        ("1 cp avant les repas, 3 prises au total", 3, None),
        ("Prendre 1 comprimé(s), 9 prise(s) au total", 9, None),
        ("Ceftriaxone 1 g IM stat", 1, "stat"),
        ("ADRENALINE 0,5 mg IM immédiatement", 1, "stat"),
    ],
)
def test_counts_and_stat(text: str, count: int, stat: str | None) -> None:
    result = posology.structure(text)
    med = result.prescription.medications[0]
    assert med.dosages[0].timing.count == count and med.priority == stat
    assert result.medication_requests[0].get("priority") == stat


def test_a_counted_dose_unit_is_not_a_count() -> None:
    dosage = dosage_of("2 injections le matin")
    assert (dosage.dose.low.value, dosage.dose.low.unit, dosage.timing.count) == (2, "injection", None)


@pytest.mark.parametrize(
    "text, supply, bounds",
    [
        ("aerius 1 cp par jour pour 15 jours", None, 15),
        ("1 cp par jour, QSP 3 mois", 3, None),
        ("Losartan 50 mg 1 tab daily, dispense for 90 days", 90, None),
        ("1 cp par jour pour une durée de 5 jours", None, 5),
    ],
)
def test_supply_is_only_what_dispensing_words_say(text: str, supply: float | None, bounds: float | None) -> None:
    med = posology.structure(text).prescription.medications[0]
    assert (med.supply.value if med.supply else None) == supply
    timing = med.dosages[0].timing
    assert (timing.bounds.value if timing.bounds else None) == bounds


@pytest.mark.parametrize(
    "text, route",
    [
        ("Fentanyl 25 mcg/hr patch: apply 1 patch td q72h", "transdermal"),
        ("Mupirocin: apply to skin tid", "cutaneous"),
        ("Ketoconazole: apply to scalp twice weekly", "cutaneous"),
        ("crème : 1 application sur le visage le soir", "cutaneous"),
        ("3 gouttes dans l'oreille 3 fois par jour", "auricular"),
        ("Amoxicillin 500 mg 1 cap per mouth tid", "oral"),
        ("Timolol 0.5% 1 gtt OU qhs", "ocular"),
        ("Latanoprost 1 gtt OS every evening", "ocular"),
    ],
)
def test_routes_named_by_a_body_site(text: str, route: str) -> None:
    result = posology.structure(text)
    assert dosage_of(text).route is not None and result.prescription.medications[0].dosages[0].route.code
    from benchmarks.fhir_fields import read_bundle

    assert read_bundle(result.bundle_dict).meds[0]["dosages"][0]["route"] == route
    assert not [m.name for m in result.prescription.medications if m.name in ("skin", "scalp")]


def test_od_with_another_route_stays_once_daily() -> None:
    timing = dosage_of("Nasivion 1 drop in each nostril OD x 3 days").timing
    assert (timing.frequency, timing.period_unit) == (1, "d")


@pytest.mark.parametrize(
    "text, when",
    [
        ("Tab Pan D 1 tab OD BBF", ("ACM",)),
        ("Montelukast 10 mg 1 tab po q pm", ("EVE",)),
        ("Furosemide 40 mg: 1 tab in AM", ("MORN",)),
        ("1 gélule le soir au moment du coucher", ("HS",)),
    ],
)
def test_event_words(text: str, when: tuple[str, ...]) -> None:
    assert dosage_of(text).timing.when == when


def test_at_sign_clock_time() -> None:
    assert dosage_of("Allopurinol 100 mg 1 tab po @ 8:00").timing.time_of_day == ("08:00:00",)


def test_clock_time_and_event_together_keep_the_clock_and_say_so() -> None:
    result = posology.structure("Sinemet LP 1 cp à 22h au coucher")
    timing = result.prescription.medications[0].dosages[0].timing
    assert timing.time_of_day == ("22:00:00",) and timing.when == ()
    assert result.needs_review and result.medication_requests  # valid FHIR (tim-10), flagged


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prendre 1 comprimé(s) par voie orale, 3 fois par jour, durant 15 jour(s).", (1, "tablet", 3, 15)),
        ("Prendre 1 cuillère(s) à café par voie orale, 3 fois par jour", (1, "teaspoon", 3, None)),
        ("Dose : 1 comprimé ; Fréquence : 3 fois par jour ; Durée : 5 jours ; Voie : orale", (1, "tablet", 3, 5)),
        ("Dose: 2 capsules; Frequency: 2 times a day; Duration: 7 days", (2, "capsule", 2, 7)),
    ],
)
def test_renderer_and_export_layouts(text: str, expected: tuple) -> None:
    result = posology.structure(text)
    med = result.prescription.medications[0]
    dosage = med.dosages[0]
    bounds = dosage.timing.bounds.value if dosage.timing.bounds else None
    assert (dosage.dose.low.value, dosage.dose.low.unit, dosage.timing.frequency, bounds) == expected
    assert med.name is None  # "Dose", "Prendre" are no drug


@pytest.mark.parametrize(
    "text, names",
    [
        ("Tab Pan 40 1-0-0 BBF x 1 month, Tab Dolo 650 1-0-1 x 5 days", [("Pan", 40), ("Dolo", 650)]),
        ("Tab Crocin 650 1 tab TDS x 3 days and Tab Allegra 120 0-0-1 x 5 days", [("Crocin", 650), ("Allegra", 120)]),
        (
            "Tab. Dolo 650 1-0-1 x 3 days; Cap Omez 20 1-0-0 BBF; Syp Ascoril 5 ml TDS",
            [("Dolo", 650), ("Omez", 20), ("Ascoril", None)],
        ),
    ],
)
def test_several_drugs_with_bare_strengths(text: str, names: list) -> None:
    meds = posology.structure(text).prescription.medications
    assert [(m.name, m.strengths[0].value if m.strengths else None) for m in meds] == names


def test_maximum_after_a_dose_is_no_second_dose() -> None:
    text = "Spasfon 80 mg : 2 comprimés au besoin, jusqu'à 6 comprimés par jour"
    med = posology.structure(text).prescription.medications[0]
    (dosage,) = med.dosages
    assert dosage.max_per_period.quantity.value == 6 and dosage.dose.low.value == 2


@pytest.mark.parametrize(
    "text, name, strength",
    [
        ("Tab.Pan40 1-0-0 BBF", "Pan", 40),
        ("Tab Dolo-650 1 tab TDS", "Dolo", 650),
        ("Tab Telma40 1-0-0", "Telma", 40),
        ("Vitamine B12 1 amp", "Vitamine B12", None),
        ("Magne B6 2 cp", "Magne B6", None),
    ],
)
def test_a_number_glued_to_a_name_is_its_strength(text: str, name: str, strength: float | None) -> None:
    med = posology.structure(text).prescription.medications[0]
    assert med.name == name and (med.strengths[0].value if med.strengths else None) == strength


@pytest.mark.parametrize("text", ["Tab Amlong 5 0-0-1", "Amlong 5 0-0-1 after food"])
def test_slots_use_one_separator(text: str) -> None:
    """'5 0-0-1' is a strength and three slots, never 5 tablets in the morning."""
    med = posology.structure(text).prescription.medications[0]
    assert [(d.dose.low.value, d.timing.when) for d in med.dosages] == [(1, ("EVE",))] or [
        (d.dose.low.value, d.timing.when) for d in med.dosages
    ] == [(1, ("PCV",))]
    assert [q.value for q in med.strengths] == [5]


def test_an_offset_after_a_comma_is_no_clock_time() -> None:
    timing = dosage_of("Prendre 1 comprimé(s) par voie orale, 1 heure avant le petit-déjeuner.").timing
    assert (timing.when, timing.offset, timing.time_of_day) == (("ACM",), 60, ())


@pytest.mark.parametrize(
    "text, name, strength, dose",
    [
        ("MAGNE B6 cp - 2 cp matin et soir", "MAGNE B6", None, 2),
        ("doliprane 150 suppo 1 suppo ttes les 6h", "doliprane", 150, 1),
        ("Celestene 20 gouttes le matin puis 10 gouttes le soir", "Celestene", None, 20),
    ],
)
def test_never_a_dose_from_a_name(text: str, name: str, strength: float | None, dose: float) -> None:
    """A number glued to a letter (B6) is part of the name; 150 suppositories at once is the strength."""
    med = posology.structure(text).prescription.medications[0]
    assert med.name == name and (med.strengths[0].value if med.strengths else None) == strength
    assert med.dosages[0].dose.low.value == dose


@pytest.mark.parametrize(
    "text, count, period, unit",
    [
        ("Take 1 tablet by mouth every 12 hours for 4 doses.", 4, 12, "h"),
        ("Dose: 1 tablet; Frequency: every 12 hours; Total doses: 10", 10, 12, "h"),
        ("1 tablet every hour", None, 1, "h"),
        ("dolipran 1000 1 cp tt les 6h si douleur", None, 6, "h"),
    ],
)
def test_counts_and_intervals_in_other_words(text: str, count: int | None, period: float, unit: str) -> None:
    timing = dosage_of(text).timing
    assert (timing.count, timing.period, timing.period_unit) == (count, period, unit)


def test_until_further_notice_ends_the_name() -> None:
    (med,) = posology.structure("Hold Eliquis until further notice").prescription.medications
    assert (med.name, med.status) == ("Eliquis", "on-hold")


def test_a_count_glued_to_a_unit_is_still_a_dose() -> None:
    med = posology.structure("Eliquis 2,5mg1cp matin et soir").prescription.medications[0]
    assert [q.value for q in med.strengths] == [2.5] and med.dosages[0].dose.low.value == 1


@pytest.mark.parametrize(
    "text, name",
    [
        ("KAYEXALATE poudre - 1 cuillère-mesure x 3/j", "KAYEXALATE"),
        ("Ketoconazole shampoo: apply to scalp twice weekly", "Ketoconazole"),
        ("NOVORAPID selon protocole : 2 UI SC", "NOVORAPID"),
    ],
)
def test_presentation_words_are_no_name_and_no_review_flag(text: str, name: str) -> None:
    result = posology.structure(text)
    assert result.prescription.medications[0].name == name and not result.needs_review


def _medications(text: str):
    return posology.structure(text).prescription.medications


@pytest.mark.parametrize(
    "text, name, strengths, dose",
    [
        ("Symbicort 200/6 : 2 bouffées matin et soir", "Symbicort", [(200, None), (6, None)], (2, "puff")),
        ("Percocet 5/325 1 tab q6h prn pain", "Percocet", [(5, None), (325, None)], (1, "tablet")),
        ("Co-Diovan 80/12,5 mg : 1 cp le matin", "Co-Diovan", [(80, "mg"), (12.5, "mg")], (1, "tablet")),
        (
            "amoxicillin-clavulanate 875-125 mg 1 tab po q12h",
            "amoxicillin-clavulanate",
            [(875, "mg"), (125, "mg")],
            (1, "tablet"),
        ),
    ],
)
def test_combination_strengths(text: str, name: str, strengths: list, dose: tuple) -> None:
    """Two strengths written as a pair: bare (200/6), with a decimal comma (80/12,5 mg, never
    80 months of the British x/12), or as a falling "range" after the name (875-125 mg)."""
    (med,) = _medications(text)
    assert med.name == name
    assert [(q.value, q.unit) for q in med.strengths] == strengths
    assert [(d.dose.low.value, d.dose.low.unit) for d in med.dosages] == [dose]
    assert all(d.timing.bounds is None for d in med.dosages)


def test_a_rising_range_after_a_name_stays_a_dose_range() -> None:
    (med,) = _medications("Ibuprofen 200-400 mg q6h prn")
    assert not med.strengths and (med.dosages[0].dose.low.value, med.dosages[0].dose.high.value) == (200, 400)


def test_a_taper_until_stopped_is_no_stop_order() -> None:
    result = posology.structure("Seresta 10 mg : diminuer de 1/2 cp par semaine jusqu'à l'arrêt")
    (med,) = result.prescription.medications
    assert med.status == "active" and result.needs_review
    assert any(i.message.startswith("[W021]") for i in result.warnings)


@pytest.mark.parametrize(
    "text, ocular",
    [("1 gtt ou qid x 7d", True), ("Xalatan 0.005% 1 gtt ou qhs", True), ("1 goutte ou 2 le soir", False)],
)
def test_lower_case_ou_after_drops_is_both_eyes_only_before_an_english_timing(text: str, ocular: bool) -> None:
    routes = {d.route.code if d.route else None for m in _medications(text) for d in m.dosages}
    assert (routes == {"20051000"}) is ocular


@pytest.mark.parametrize(
    "text, name",
    [
        ("apply thin layer to affected area bid", None),  # "thin" is neither a drug nor a misspelling
        ("start 25 mg po daily", None),
        ("D/C simvastatin due to myalgia", "simvastatin"),
        ("Oint. Mupirocin apply thin layer BD x 7 days", "Mupirocin"),
    ],
)
def test_words_that_are_no_drug_name(text: str, name: str | None) -> None:
    assert [m.name for m in _medications(text)] == [name]
    result = posology.structure(text)
    assert not any(i.message.startswith("[W010]") for i in result.warnings), "no word repaired into another"


@pytest.mark.parametrize(
    "text, names, doses, routes",
    [
        ("lnj Monocef 1 gm lV BD x 5 days", ["Monocef"], [(1, "g")], ["20045000"]),  # OCR l for I
        ("Tab.Dolo65O l-0-l x5days", ["Dolo"], [(1, "tablet")], [None]),  # OCR O for 0
        ("E/D Refresh Tears 1 drop both eyes TDS", ["Refresh Tears"], [(1, "drop")], ["20051000"]),  # not "/D"
        ("Aspirin 75mg dispersible tablets one od", ["Aspirin"], [(1, "tablet")], [None]),
        (
            "Doliprane 1g 1cp x3/j si dlr + Spasfon 80mg 2cp x3/j si dlr",
            ["Doliprane", "Spasfon"],
            [(1, "tablet"), (2, "tablet")],
            [None, None],
        ),
    ],
)
def test_indian_ocr_and_separators(text: str, names: list, doses: list, routes: list) -> None:
    meds = _medications(text)
    assert [m.name for m in meds] == names
    assert [(m.dosages[0].dose.low.value, m.dosages[0].dose.low.unit) for m in meds] == doses
    assert [m.dosages[0].route.code if m.dosages[0].route else None for m in meds] == routes


@pytest.mark.parametrize(
    "text, dose, diluent",
    [
        ("Inj Optineuron 1 amp in 100 ml NS IV OD x 3 days", (1, "ampoule"), "in 100 ml NS"),
        ("Ceftriaxone 1 g dans 100 mL de NaCl 0,9 % IV 1 fois par jour", (1, "g"), "dans 100 mL de NaCl 0,9 %"),
    ],
)
def test_a_diluent_is_an_instruction_never_the_dose(text: str, dose: tuple, diluent: str) -> None:
    (med,) = _medications(text)
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == dose
    assert dosage.additional_instructions == (diluent,)


def test_a_percentage_is_a_strength_never_a_dose() -> None:
    (med,) = _medications("Clotrimazole 1% cream - apply two to three times a day")
    assert [(q.value, q.unit) for q in med.strengths] == [(1, "%")]
    assert all(d.dose is None for d in med.dosages)


@pytest.mark.parametrize("text", ["28 tablets", "Méthotrexate 2,5 mg 10 cp le lundi"])
def test_ten_solid_units_at_once_are_kept_and_flagged(text: str) -> None:
    result = posology.structure(text)
    assert result.prescription.medications[0].dosages[0].dose is not None  # never dropped
    assert any(i.message.startswith("[W023]") for i in result.review_reasons)


@pytest.mark.parametrize("text", ["Poursuivre LEVOTHYROX 75 µg", "Reprendre KARDEGIC 75 mg 1 sachet/j"])
def test_continue_and_resume_are_no_part_of_the_name(text: str) -> None:
    (med,) = _medications(text)
    assert med.name == text.split()[1] and med.status == "active"


@pytest.mark.parametrize(
    "text",
    [
        "Amitriptyline 10mg tablets - one to two to be taken at night",
        "Codeine 30mg tablets - one or two to be taken every four to six hours when required",
    ],
)
def test_uk_label_dose_ranges(text: str) -> None:
    (med,) = _medications(text)
    dose = med.dosages[0].dose
    assert (dose.low.value, dose.high.value, dose.low.unit) == (1, 2, "tablet")


def test_an_everyday_word_is_never_repaired_into_a_concept() -> None:
    result = posology.structure("Alendronic acid 70mg tablets - one to be taken once a week on the same day each week")
    assert not result.prescription.medications[0].dosages[0].timing.day_of_week  # "same" is no "sam(edi)"
    assert not any(i.message.startswith("[W010]") for i in result.warnings)


def test_a_full_stop_after_a_word_ends_a_sentence_but_not_an_abbreviation() -> None:
    meds = _medications("Stop Simvastatin. Start Atorvastatin 20mg tablets - one to be taken at night")
    assert [(m.name, m.status) for m in meds] == [("Simvastatin", "stopped"), ("Atorvastatin", "active")]
    assert [m.name for m in _medications("Vit. D3 1 amp")] == ["Vit. D3"]


@pytest.mark.parametrize(
    "text, route",
    [("2 puffs, twice a day, inhalation", "20020000"), ("2 inhalations matin et soir", None)],
)
def test_inhalation_alone_is_the_route_and_after_a_count_the_unit(text: str, route: str | None) -> None:
    (dosage,) = _medications(text)[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (2, "puff")
    assert (dosage.route.code if dosage.route else None) == route


@pytest.mark.parametrize(
    "text, maximum",
    [
        ("Ventoline 2 bouffées si besoin, max 8/j", (8, "puff")),  # a counted unit: that many
        ("Ibuprofène 400 mg 3x/j si douleur, max 3/j", (1200, "mg")),  # a mass: that many doses
        ("Doliprane 1 g toutes les 6 h si douleur, max 4/j", (4, "g")),
    ],
)
def test_a_maximum_without_a_unit_counts_doses(text: str, maximum: tuple) -> None:
    limit = _medications(text)[0].dosages[0].max_per_period
    assert (limit.quantity.value, limit.quantity.unit) == maximum  # never "3 mg"


@pytest.mark.parametrize(
    "text, count, freq",
    [
        ("Toradol 60 mg IM x1", 1, None),  # "times one" after a route: one administration
        ("Ceftriaxone 1 g IV x 1", 1, None),
        ("Fluconazole 150 mg po x 1 dose", 1, None),
        ("Tab Dolo 650 1x1", None, 1),  # the 1xN layout stays a frequency
    ],
)
def test_times_one_after_a_route_is_one_administration(text: str, count: int | None, freq: int | None) -> None:
    timing = _medications(text)[0].dosages[0].timing
    assert (timing.count, timing.frequency) == (count, freq)


@pytest.mark.parametrize(
    "text, name, when",
    [
        ("Tab Telma AM 1-0-0 after breakfast", "Telma AM", ("PCM",)),
        ("Telma AM 40 1-0-0", "Telma AM", ("MORN",)),
        ("Telma AM : 1 comprimé après le petit-déjeuner", "Telma AM", ("PCM",)),
        ("Lantus AM: 10 units", "Lantus", ("MORN",)),  # nothing else says the time: AM is it
        ("Amlodipine 5 mg AM", "Amlodipine", ("MORN",)),
    ],
)
def test_am_after_a_name_is_its_suffix_only_when_the_line_states_the_time(text: str, name: str, when: tuple) -> None:
    med = _medications(text)[0]
    assert (med.name, med.dosages[0].timing.when) == (name, when)


@pytest.mark.parametrize(
    "text, name, when, flagged",
    [
        ("Cheratussin AC 10 mL po q4h prn cough", "Cheratussin AC", (), True),  # AC = with codeine
        ("Novolog AC 5 units tid", "Novolog AC", (), True),  # a guess all the same: flagged
        ("Novolog 5 units AC tid", "Novolog", ("AC",), False),  # a meal relation after the dose
        ("Humalog AC 5 units", "Humalog", ("AC",), False),  # nothing else states the time
    ],
)
def test_ac_right_after_a_name_and_before_a_number_is_its_suffix(
    text: str, name: str, when: tuple, flagged: bool
) -> None:
    result = posology.structure(text)
    med = result.prescription.medications[0]
    assert (med.name, med.dosages[0].timing.when) == (name, when)
    assert any(i.severity == "warning" and i.message.startswith("[W024]") for i in result.warnings) is flagged


def test_otc_presentation_words_are_units() -> None:
    assert _medications("Advil PM 2 caplets at bedtime")[0].dosages[0].dose.low.unit == "tablet"
    assert _medications("Fish oil 1 softgel po bid")[0].dosages[0].dose.low.unit == "capsule"


def test_am_and_pm_each_keep_their_time() -> None:
    meds = _medications("Lantus AM: 10 units, PM: 8 units")
    assert meds[0].name == "Lantus"
    assert [(d.dose.low.value, d.timing.when) for d in meds[0].dosages] == [(10, ("MORN",)), (8, ("EVE",))]
    assert [d.timing.when for d in _medications("1 tab AM, 2 tabs PM")[0].dosages] == [("MORN",), ("EVE",)]
    assert sorted(_medications("Metoprolol 25 mg AM and PM")[0].dosages[0].timing.when) == ["EVE", "MORN"]
    assert _medications("1 tab at 8 pm")[0].dosages[0].timing.time_of_day == ("20:00:00",)


def test_a_known_two_letter_word_left_unread_is_flagged() -> None:
    """A short word the lexicon knows (a route, a time) that no rule read is a value lost: a
    warning, never dropped in silence; an unknown short word ("as", "be") stays noise."""
    result = posology.structure("Lantus 1 pen daily IU")  # a unit whose number is lost
    assert any(i.severity == "warning" and "'IU'" in i.message for i in result.warnings)
    quiet = posology.structure("Fluconazole 150mg capsules - one to be taken as a single dose")
    assert not [i for i in quiet.warnings if i.message.startswith("[W002]")]


@pytest.mark.parametrize(
    "text",
    [
        "Insulin aspart: 4 units subcutaneously as needed for blood glucose above 250 mg/dL",
        "Humalog : 2 UI par voie sous-cutanée si glycémie supérieure à 2,50 g/l",
    ],
)
def test_a_threshold_after_needed_for_or_superieure_a_is_no_dose_or_strength(text: str) -> None:
    (med,) = _medications(text)
    assert not med.strengths and len(med.dosages) == 1 and med.dosages[0].as_needed


def test_labelled_maxima_per_dose_and_per_day() -> None:
    text = (
        "Dose: 1 to 2 tablets; Frequency: every 8 hours as needed for pain; "
        "Max per dose: 2 tablets; Max per day: 6 tablets"
    )
    (dosage,) = _medications(text)[0].dosages
    assert (dosage.max_per_period.quantity.value, dosage.max_per_period.quantity.unit) == (6, "tablet")
    assert (dosage.max_per_administration.value, dosage.max_per_administration.unit) == (2, "tablet")
    limit = _medications("1 tab sl q5min prn chest pain, up to a maximum of 3 tablets per 15 minutes")[0]
    assert len(limit.dosages) == 1 and limit.dosages[0].max_per_period.quantity.value == 3


@pytest.mark.parametrize(
    "text, low, high",
    [("Benadryl 25mg i-ii caps po q6h prn itch", 1, 2), ("ii-iii gtt ou qid", 2, 3)],
)
def test_roman_numeral_dose_ranges(text: str, low: int, high: int) -> None:
    dose = _medications(text)[0].dosages[0].dose
    assert (dose.low.value, dose.high.value) == (low, high)


def test_a_rising_mass_pair_before_a_counted_dose_is_a_combination_strength() -> None:
    (med,) = _medications("Carbidopa-levodopa 25-100 mg 1 tab po tid")
    assert [(s.value, s.unit) for s in med.strengths] == [(25, "mg"), (100, "mg")]
    assert (med.dosages[0].dose.low.value, med.dosages[0].dose.low.unit) == (1, "tablet")


@pytest.mark.parametrize("text, maximum", [("1 tab po up to tid prn dizziness", 3), ("1 tab up to qid prn", 4)])
def test_up_to_an_abbreviation_is_a_frequency_maximum(text: str, maximum: int) -> None:
    timing = _medications(text)[0].dosages[0].timing
    assert (timing.frequency, timing.frequency_max) == (1, maximum)


@pytest.mark.parametrize(
    "text, route",
    [("Debrox 5 gtts AU bid x 4 days", "auricular"), ("Ciprodex 4 drops AD bid", "auricular")],
)
def test_ear_abbreviations_after_drops(text: str, route: str) -> None:
    dosage = _medications(text)[0].dosages[0]
    assert dosage.route is not None and dosage.route.code == "20001000"  # EDQM auricular use
    assert not posology.structure(text).needs_review


@pytest.mark.parametrize("text", ["1 tab daily x10d", "Tab.Montair-LC 0-0-1 x10days", "give 6 ml po daily x10d"])
def test_a_duration_glued_to_x_is_read(text: str) -> None:
    bounds = _medications(text)[0].dosages[0].timing.bounds
    assert bounds is not None and (bounds.value, bounds.unit) == (10, "d")


def test_a_word_with_digits_no_rule_read_is_a_warning() -> None:
    result = posology.structure("1 tab bid ab10cd")  # letters and digits no rule read
    assert any(i.severity == "warning" and i.message.startswith("[W002]") for i in result.warnings)


@pytest.mark.parametrize(
    "text, name, strength",
    [
        ("Tamsulosin 400mcg MR capsules ONE capsule after breakfast", "Tamsulosin", (400, "ug")),
        ("Tobrex e/d 1 drop OD 6 times a day x 5 days", "Tobrex", None),
        ("Tab Limcee 500 chewable 1 OD x 15 days", "Limcee", (500, None)),
    ],
)
def test_release_modifiers_form_abbreviations_and_presentation_words_name_no_drug(
    text: str, name: str, strength: tuple | None
) -> None:
    meds = _medications(text)
    assert [m.name for m in meds] == [name]
    assert [(s.value, s.unit) for s in meds[0].strengths][:1] == ([strength] if strength else [])


def test_for_a_symptom_is_as_needed_and_for_an_indication_is_not() -> None:
    assert _medications("Cap Omez 20 mg 1cap for pain")[0].dosages[0].as_needed
    for engine in ("rules", "hybrid"):  # session 21: the indication is an instruction, not a word lost
        result = posology.structure("Bisoprolol 2.5 mg od for hypertension", engine=engine)
        (dosage,) = result.prescription.medications[0].dosages
        assert not dosage.as_needed and "for hypertension" in dosage.additional_instructions and not result.needs_review


def test_ocr_l_of_a_fraction_is_a_one() -> None:
    dose = _medications("SERESTA 1O mg l/2 cp le soir si anxiete")[0].dosages[0].dose
    assert (dose.low.value, dose.low.unit) == (0.5, "tablet")


def test_couche_mince_is_how_to_apply_not_bedtime() -> None:
    dosage = _medications("2 à 3 fois par jour : 1 application sur la peau, en couche mince sur les lésions")[
        0
    ].dosages[0]
    assert not dosage.timing.when


def test_a_value_only_the_ner_saw_is_a_review_flag() -> None:
    """CONVENTIONS §8: a value only the NER model saw is a warning, never an information note."""
    result = posology.structure("1 tab 2xday", engine="hybrid")  # "2xday": no rule reads it, the NER does
    w008 = [i for i in result.warnings if i.message.startswith("[W008]")]
    assert w008 and all(i.severity == "warning" for i in w008) and result.needs_review


@pytest.mark.parametrize(
    "text, freq",
    [
        ("Take 2 capsules by mouth 3 (three) times daily for 10 days.", 3),
        ("Take 1 (one) tablet by mouth 2 (two) times a day", 2),
    ],
)
def test_an_ehr_echo_of_a_number_in_words_is_read_once(text: str, freq: int) -> None:
    result = posology.structure(text)
    assert result.prescription.medications[0].dosages[0].timing.frequency == freq and not result.needs_review


def test_an_echo_that_disagrees_is_flagged() -> None:
    assert posology.structure("1 tab 3 (four) times daily").needs_review


@pytest.mark.parametrize(
    "text",
    [
        "Palbociclib 125 mg capsule: 1 capsule once a day, 21 days on and 7 days off",
        "1 tablet once a day, except on dialysis days",
        "Revlimid 10 mg : 1 gélule 1 fois par jour, 21 jours sur 28",
    ],
)
def test_a_cycle_keeps_the_daily_frequency_and_is_flagged(text: str) -> None:
    result = posology.structure(text)
    timing = result.prescription.medications[0].dosages[0].timing
    assert (timing.frequency, timing.period, timing.period_unit) == (1, 1, "d") and result.needs_review


@pytest.mark.parametrize(
    "text, status, strength",
    [
        ("Suspendre Xarelto 20 mg jusqu'à nouvel ordre", "on-hold", (20, "mg")),
        ("ARRÊT DU TEMESTA 1 mg", "stopped", (1, "mg")),
    ],
)
def test_a_stop_or_hold_names_the_product_with_its_strength(text: str, status: str, strength: tuple) -> None:
    result = posology.structure(text)
    (med,) = result.prescription.medications
    assert med.status == status and [(s.value, s.unit) for s in med.strengths] == [strength] and not med.dosages
    assert med.codings and not any(i.message.startswith("[W005]") for i in result.warnings)  # coded with it


def test_a_stop_order_with_a_schedule_keeps_its_dose() -> None:
    (med,) = _medications("STOP Aspirin 75 mg daily")
    assert med.status == "stopped" and med.dosages[0].dose.low.value == 75 and not med.strengths


def test_an_infusion_time_is_no_duration() -> None:
    dosage = _medications("Sodium chloride 0.9% 1 L intravenously over 8 hours")[0].dosages[0]
    assert dosage.timing.bounds is None and dosage.additional_instructions == ("over 8 hours",)


def test_renderer_labels_prn_no_supply_and_refills() -> None:
    (dosage,) = _medications("Dose: 1 capsule; Timing: BID; PRN: No; Route: PO")[0].dosages
    assert not dosage.as_needed and dosage.timing.frequency == 2
    text = "Amlodipine 5 mg tablet — 1 tablet daily — Expected supply duration: 30 days — Number of refills allowed: 5"
    (med,) = _medications(text)
    assert (med.refills, med.supply.value, med.dosages[0].timing.bounds) == (5, 30, None)


@pytest.mark.parametrize(
    "text, days",
    [
        ("1 tab po MWF", ("mon", "wed", "fri")),
        ("Epoetin 10,000 units SC M/W/F", ("mon", "wed", "fri")),
        ("1 tab TTh", ("tue", "thu")),
    ],
)
def test_day_group_abbreviations(text: str, days: tuple) -> None:
    assert _medications(text)[0].dosages[0].timing.day_of_week == days


def test_divided_bid_splits_the_daily_dose_and_an_uneven_split_is_flagged() -> None:
    dosage = _medications("Amoxil 90 mg/kg/day po divided BID x 10 days")[0].dosages[0]
    assert (dosage.dose.low.value, dosage.dose.low.unit, dosage.timing.frequency) == (45, "mg/kg", 2)
    assert posology.structure("amoxicillin 50 mg/kg/day in 3 divided doses").needs_review


def test_a_hyphenated_brand_suffix_and_the_treatment_word() -> None:
    (med,) = _medications("Tab Telma-AM 40/5 1-0-0 x 30 days, refill 2 times")
    assert med.name == "Telma-AM" and [s.value for s in med.strengths] == [40, 5]
    assert _medications("Arrêter le traitement : Kardégic 160 mg, poudre pour solution buvable en sachet")[0].name == (
        "Kardégic"
    )


@pytest.mark.parametrize(
    "text, code",
    [
        ("Ciprofloxacin 0.3% ear drops: 4 drops into the affected ear twice a day for 7 days", "20001000"),
        ("Chloramphenicol 0.5% eye drops - one drop into the affected eye every two hours", "20051000"),
        ("Cefazolin 2 gm IVPB q8h x 14 days", "20045000"),
        ("albuterol 0.083% 1 vial via neb q6h prn SOB", "20020000"),
    ],
)
def test_routes_by_side_and_us_abbreviation(text: str, code: str) -> None:
    assert _medications(text)[0].dosages[0].route.code == code


@pytest.mark.parametrize(
    "text, instruction",
    [
        (
            "Alendronate 70 mg 1 tab po once a week, 30 minutes before breakfast with a full glass of water",
            "with a full glass of water",
        ),
        ("1 cuillère-mesure dans un verre d'eau le matin", "dans un verre d'eau"),
        ("Metoprolol succinate 25 mg 1 tab po daily, do not crush", "do not crush"),
        ("Tab Ecosprin 150 0-1-0 after lunch - lifelong", "lifelong"),
        ("Lorazepam 0.5 mg 1 tab po bid prn anxiety, #30, no refills", "#30"),
    ],
)
def test_patient_instructions_are_kept_as_instructions_without_a_review_flag(text: str, instruction: str) -> None:
    result = posology.structure(text)
    assert instruction in result.prescription.medications[0].dosages[0].additional_instructions
    assert not result.needs_review


@pytest.mark.parametrize(
    "text",
    [
        "1 tab po daily, dispense 90 day supply, 3 refills",
        "2 capsules, once a day, in the morning, oral route",
        "Cap. Calcirol 60000 IU 1 cap weekly once x 8 weeks",
        "Metformin 500mg modified-release tablets - two to be taken with the evening meal",
        "1 ampoule en IV lente par jour pendant 3 jours",
        "Tiotropium 18 mcg: inhale the contents of 1 capsule once daily",
    ],
)
def test_renderer_and_pharmacy_words_that_change_nothing_raise_no_flag(text: str) -> None:
    assert not posology.structure(text).needs_review


@pytest.mark.parametrize(
    "text, dose",
    [
        ("lisinopril 10 mg tablet - Take 1 tablet (10 mg total) by mouth daily.", (1, None, "tablet")),
        (
            "traZODone 50 mg tablet: Take 1-2 tablets (50-100 mg total) by mouth at bedtime as needed for sleep.",
            (1, 2, "tablet"),
        ),
        (
            "DuoNeb nebulizer solution: Inhale 1 vial (3 mL) via nebulizer every 6 (six) hours as needed",
            (1, None, "vial"),
        ),
        ("Trulicity: inject 1 pen (0.75 mg) subcutaneously once weekly on Sundays", (1, None, "pen")),
        ("1 cp le soir (20 mg)", (1, None, "tablet")),
    ],
)
def test_an_amount_in_parentheses_restates_the_counted_dose(text: str, dose: tuple) -> None:
    result = posology.structure(text)
    (dosage,) = result.prescription.medications[0].dosages
    high = dosage.dose.high.value if dosage.dose.high else None
    assert (dosage.dose.low.value, high, dosage.dose.low.unit) == dose
    assert any(i.startswith("(") for i in dosage.additional_instructions)


def test_two_counted_doses_with_their_amounts_stay_two_doses() -> None:
    dosages = _medications("1 tab (250 mg) po bid and 2 tabs (500 mg) hs")[0].dosages
    assert [(d.dose.low.value, d.dose.low.unit) for d in dosages] == [(1, "tablet"), (2, "tablet")]


def test_epic_style_labels_and_lists() -> None:
    text = (
        "HYDROcodone-acetaminophen 5-325 mg per tablet: Take 1 tablet by mouth every 6 (six) hours as needed "
        "for severe pain for 5 days. Max Daily Amount: 4 tablets"
    )
    (dosage,) = _medications(text)[0].dosages
    assert (dosage.max_per_period.quantity.value, dosage.max_per_period.quantity.unit) == (4, "tablet")
    times = _medications("carbidopa-levodopa 25-100 mg tablet: 1 tab PO at 0600, 1000, 1400 and 1800")[0]
    assert times.dosages[0].timing.time_of_day == ("06:00:00", "10:00:00", "14:00:00", "18:00:00")
    refills = _medications("oxyCODONE 5 mg tablet: Take 1 tablet by mouth every 4 hours. Disp: 20 tablet, Refills: 0")[
        0
    ]
    assert refills.refills == 0 and "Disp: 20 tablet" in refills.dosages[0].additional_instructions


@pytest.mark.parametrize(
    "text, value",
    [
        ("HYDROCHLOROTHIAZIDE 25 MG TAB - TAKE ONE-HALF TABLET BY MOUTH EVERY MORNING", 0.5),
        ("mirtazapine 15 mg tablet: Take one and one-half tablets by mouth at bedtime.", 1.5),
        ("Take a half tablet daily", 0.5),
        ("1 and a half tab twice daily", 1.5),
    ],
)
def test_one_half_is_a_half_never_a_range(text: str, value: float) -> None:
    (dosage,) = _medications(text)[0].dosages
    assert dosage.dose.low.value == value and dosage.dose.high is None


def test_a_later_drug_with_a_bare_strength_before_a_frequency() -> None:
    meds = _medications("ASA 81 : 1 fois par jour; Plavix 75 : 1 fois par jour")
    assert [(m.name, [s.value for s in m.strengths]) for m in meds] == [("ASA", [81]), ("Plavix", [75])]
    meds = _medications("Tab Tide 10 1-0-0, Tab Aldactone 25 0-1-0, Tab Concor 2.5 1-0-0")
    assert [(m.name, m.dosages[0].timing.when) for m in meds] == [
        ("Tide", ("MORN",)),
        ("Aldactone", ("NOON",)),
        ("Concor", ("MORN",)),
    ]
    assert [s.value for s in meds[2].strengths] == [2.5]


def test_an_auto_injector_into_the_thigh_is_intramuscular() -> None:
    text = "EPINEPHrine 0.3 mg auto-injector: inject 1 pen into the lateral thigh muscle as needed for anaphylaxis"
    result = posology.structure(text)
    assert result.prescription.medications[0].dosages[0].route.code == "20035000"
    assert not result.needs_review


def test_indian_lakh_grouping_decimal_bare_strength_and_vag() -> None:
    (dosage,) = _medications("Inj. Benzathine Penicillin 12,00,000 IU deep IM once every 21 days")[0].dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit) == (1_200_000, "iU")
    assert [s.value for s in _medications("Tab Lonazep 0.5 0-0-1/2 x 2 weeks")[0].strengths] == [0.5]
    (med,) = _medications("Vag. Tab Candid-V 100mg 1 PV at bedtime x 6 days")
    assert med.name == "Candid-V" and med.dosages[0].route.code == "20072000"


@pytest.mark.parametrize(
    "text",
    [
        "Tab Ecosprin 75 - STOP (planned surgery)",
        "Folic acid 5mg tablets Take ONE tablet once a week, not on the same day as methotrexate",
    ],
)
def test_the_ner_adds_no_as_needed_without_an_as_needed_word(text: str) -> None:
    result = posology.structure(text, engine="hybrid")
    assert not any(d.as_needed for m in result.prescription.medications for d in m.dosages)
    assert result.needs_review  # the words stay unexplained (W002) or the order is flagged


def test_a_counted_dose_of_a_later_drug_goes_with_it() -> None:
    text = "Prendre 1 comprimé d'Eliquis 5 mg matin et soir et 1 comprimé de Bisoprolol 2,5 mg le matin."
    meds = _medications(text)
    assert [(m.name, [s.value for s in m.strengths], [d.dose.low.unit for d in m.dosages]) for m in meds] == [
        ("Eliquis", [5], ["tablet"]),
        ("Bisoprolol", [2.5], ["tablet"]),
    ]


@pytest.mark.parametrize(
    "text, freq, period, unit",
    [
        ("Lisinopril 10 mg tablet: 1 tablet, Do 1 per 1 day, route: Oral", 1, 1, "d"),
        ("Alendronic acid 70 mg tablet: 1 tablet(s) 1 per 1 week on Sunday", 1, 1, "wk"),
    ],
)
def test_a_generators_n_per_period_is_a_frequency(text: str, freq: int, period: float, unit: str) -> None:
    timing = _medications(text)[0].dosages[0].timing
    assert (timing.frequency, timing.period, timing.period_unit, timing.bounds) == (freq, period, unit, None)


def test_generator_offset_and_route_label_and_us_inh() -> None:
    dosage = _medications("Omeprazole 20 mg capsule: 1 capsule before breakfast (30 minutes)")[0].dosages[0]
    assert (dosage.timing.when, dosage.timing.offset) == (("ACM",), 30)
    text = "Salbutamol 100 micrograms/dose inhaler: 2 puff(s) every 4-6 hours as needed, route: Inhalation"
    assert _medications(text)[0].dosages[0].route.code == "20020000"
    assert _medications("Spiriva 18 mcg 1 cap inh qd")[0].dosages[0].route.code == "20020000"
    assert _medications("2 inhalations bid")[0].dosages[0].dose.low.unit == "puff"  # after a count: the unit


def test_a_taper_label_keeps_the_starting_dose() -> None:
    result = posology.structure("Prednisone taper: 60 mg po qd, decrease by 10 mg q3 days")
    (med,) = result.prescription.medications
    assert med.name == "Prednisone" and med.dosages[0].dose.low.value == 60 and result.needs_review


def test_a_roman_one_before_a_route_is_the_dose() -> None:
    (med,) = _medications("Losartan 50mg i po qd")
    assert [s.value for s in med.strengths] == [50] and med.dosages[0].dose.low.value == 1


def test_the_ner_splits_no_phase_on_a_lone_parenthesis() -> None:
    text = "Metformin 1000 mg tablet - Status: stopped (1 tablet(s) 2 times per 1 day with meals)"
    (med,) = posology.structure(text, engine="hybrid").prescription.medications
    assert med.status == "stopped" and [s.value for s in med.strengths] == [1000]
    assert [d.dose.low.value for d in med.dosages] == [1]


@pytest.mark.parametrize(
    "text, freq, period, unit, count",
    [
        ("Nitroglycerin 0.4mg 1 tab SL q5min x3 prn CP", 1, 5, "min", 3),
        ("1 tab q4h x3", 1, 4, "h", 3),
        ("1 cp x 3", 3, 1, "d", None),  # alone: 3 a day (CONVENTIONS §7)
    ],
)
def test_a_bare_times_after_a_frequency_is_a_count(text: str, freq: int, period: float, unit: str, count) -> None:
    timing = _medications(text)[0].dosages[0].timing
    assert (timing.frequency, timing.period, timing.period_unit, timing.count) == (freq, period, unit, count)


# --- Session 7: blind rounds dev_en_u (Indian / UK e-pharmacy) and dev_fr_p (hospital CPOE) ---


def _dose(dosage) -> tuple:
    dose = dosage.dose
    if dose is None:
        return None
    return (dose.low.value, dose.high.value if dose.high else None, dose.low.unit)


@pytest.mark.parametrize(
    "text, doses",
    [
        ("Amlodipine 5mg tablets | 28 tablet | One to be taken each morning", [(1, None, "tablet")]),
        ("Butrans 5micrograms/hour patches | 4 patch | Apply ONE patch every 7 days", [(1, None, "patch")]),
        ("Doliprane 500 mg | 2 cp | 3 fois par jour", [(2, None, "tablet")]),  # no later dose: the dose
    ],
)
def test_a_pack_quantity_between_bars_is_no_dose(text: str, doses: list) -> None:
    med = _medications(text)[0]
    assert [_dose(d) for d in med.dosages] == doses
    if "|" in text and "Doliprane" not in text:
        assert any(i.startswith("Quantity: ") for i in med.dosages[0].additional_instructions)


@pytest.mark.parametrize(
    "text, bounds",
    [
        ("Take SIX tablets once daily on days 1 to 5, then THREE tablets once daily on days 6 to 10", [5, 5]),
        ("Take TWO tablets on day 1, then ONE tablet daily on days 2 to 5", [1, 4]),
        ("1 capsule once a day on day 1, 1 capsule twice a day on day 2, then 1 capsule tid from day 3", [1, 1, None]),
        ("1 cp/j à partir de J3", [None]),
    ],
)
def test_day_ranges_and_open_starts(text: str, bounds: list) -> None:
    got = [d.timing.bounds.value if d.timing.bounds else None for d in _medications(text)[0].dosages]
    assert got == bounds


def test_a_day_abbreviation_after_a_slash_is_the_period() -> None:
    dosage = _medications("PALBOCICLIB 125 mg gél 1 gél/j 21 j sur 28")[0].dosages[0]
    assert (dosage.timing.frequency, dosage.timing.period_unit, dosage.timing.bounds) == (1, "d", None)


@pytest.mark.parametrize(
    "text, value",
    [("Inj. Arachitol 6 lakh IU IM stat", 600_000), ("Cap Uprise D3 60K IU weekly once", 60_000)],
)
def test_lakh_and_k_multiply(text: str, value: int) -> None:
    assert _dose(_medications(text)[0].dosages[0]) == (value, None, "iU")


@pytest.mark.parametrize("text", ["Syp. Calpol 15 mg/kg/dose 6 hrly SOS", "Paracetamol 15 mg/kg/prise toutes les 6 h"])
def test_a_weight_based_amount_per_dose_is_the_dose(text: str) -> None:
    med = _medications(text)[0]
    assert med.strengths == () and _dose(med.dosages[0]) == (15, None, "mg/kg")


@pytest.mark.parametrize(
    "text, strength, dose",
    [
        ("Tab. Alprax 0.25 HS SOS", 0.25, None),  # a decimal after a name: never 0.25 tablet
        ("Tab. Glycomet GP 1 1-0-1 before food", 1, (1, None, "tablet")),  # a small number before slots
    ],
)
def test_bare_strengths_after_a_name(text: str, strength: float, dose) -> None:
    med = _medications(text)[0]
    assert [q.value for q in med.strengths] == [strength] and _dose(med.dosages[0]) == dose


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ciplox eye/ear drops 2 drops in the affected ear TDS x 5 days", "Ciplox"),
        ("KAYEXALATE pdre susp buv - 1 cuillère-mesure x 2/j", "KAYEXALATE"),
    ],
)
def test_presentation_words_end_the_name(text: str, name: str) -> None:
    assert _medications(text)[0].name == name


@pytest.mark.parametrize(
    "text, dose",
    [
        ("Oramorph oral solution: Take 2.5ml to 5ml every 4 hours when required for pain", (2.5, 5, "mL")),
        ("2,5 ml à 5 ml toutes les 4 heures", (2.5, 5, "mL")),
        ("500mg-1g q6h", (500, 1000, "mg")),
    ],
)
def test_a_range_with_a_unit_on_each_side_is_one_dose(text: str, dose: tuple) -> None:
    dosages = _medications(text)[0].dosages
    assert len(dosages) == 1 and _dose(dosages[0]) == dose


def test_two_kinds_of_units_stay_two_doses() -> None:
    assert [_dose(d) for d in _medications("1 cp - 5 ml")[0].dosages] == [(1, None, "tablet"), (5, None, "mL")]


def test_do_not_take_is_an_order_only_when_no_advice_follows() -> None:
    stopped = posology.structure("Ibuprofen tablets - DO NOT TAKE, history of asthma")
    assert [m.name for m in stopped.prescription.medications] == ["Ibuprofen"]
    assert stopped.prescription.medications[0].do_not_perform and stopped.needs_review
    advice = posology.structure("Doliprane 1 g : 1 cp si douleur, ne pas prendre plus de 4 cp par jour")
    (med,) = advice.prescription.medications
    assert not med.do_not_perform and len(med.dosages) == 1
    assert med.dosages[0].max_per_period.quantity.value == 4
    assert (
        not posology.structure("1 cp x3/j. Ne pas prendre avec de l'alcool").prescription.medications[0].do_not_perform
    )


@pytest.mark.parametrize("text", ["pas plus de 3 jours", "do not take more than 3 days"])
def test_a_merged_phrase_names_no_drug(text: str) -> None:
    assert all(m.name is None for m in _medications(text))


def test_a_half_after_the_unit_before_a_clock_time() -> None:
    dosages = _medications("WARFARINE 2 mg cp - 1 cp ½ à 18h")[0].dosages
    assert len(dosages) == 1 and _dose(dosages[0]) == (1.5, None, "tablet")
    assert dosages[0].timing.time_of_day == ("18:00:00",)


def test_an_infusion_time_then_the_interval() -> None:
    timing = _medications("VANCOMYCINE 1 000 mg IVL en 2 h /12h")[0].dosages[0].timing
    assert (timing.frequency, timing.period, timing.period_unit, timing.time_of_day) == (1, 12, "h", ())


@pytest.mark.parametrize(
    "text, dose",
    [
        ("AMOXICILLINE 250 mg/5 mL pdre susp buv - 7,5 mL x 3/j pdt 6 j (enfant 14 kg)", (7.5, None, "mL")),
        ("PARACETAMOL 2,4 % susp buv - 200 mg (15 mg/kg) toutes les 6 h si fièvre", (200, None, "mg")),
        ("IBUPROFENE 20 mg/mL susp buv - 130 mg (10 mg/kg) x 3/j au cours des repas", (130, None, "mg")),
    ],
)
def test_a_body_weight_or_the_per_kg_basis_is_no_dose(text: str, dose: tuple) -> None:
    meds = _medications(text)
    assert len(meds) == 1 and [_dose(d) for d in meds[0].dosages] == [dose]
    assert all(q.unit not in ("mg/kg", "kg") for q in meds[0].strengths)


def test_a_compared_lab_value_is_no_dose_and_no_drug() -> None:
    meds = _medications("NE PAS DONNER IBUPROFENE (DFG < 30 mL/min)")
    assert [m.name for m in meds] == ["IBUPROFENE"] and meds[0].dosages == ()


@pytest.mark.parametrize(
    "text",
    ["CYAMEMAZINE 25 mg cp 1 cp au coucher + 1 cp si angoisse", "1 tab at bedtime and 1 tab prn anxiety"],
)
def test_an_extra_dose_when_needed_is_the_only_as_needed_one(text: str) -> None:
    first, extra = _medications(text)[0].dosages
    assert (first.timing.when, first.as_needed) == (("HS",), False)
    assert (extra.timing.when, extra.as_needed) == ((), True)


def test_an_as_needed_after_timed_doses_is_everyones() -> None:
    (dosage,) = _medications("1 cp matin et 1 cp soir si douleur")[0].dosages
    assert dosage.as_needed


def test_each_phase_keeps_its_own_route() -> None:
    routes = [
        d.route.code for d in _medications("PARACETAMOL 1 g IV toutes les 6 h puis relais PO 1 g x 4/j")[0].dosages
    ]
    one = [d.route.code for d in _medications("2 cp matin puis 1 cp soir per os")[0].dosages]
    assert routes[0] != routes[1] and len(set(one)) == 1


@pytest.mark.parametrize(
    "text, name",
    [
        ("Medication: Metronidazole | Dose: 500 mg | Frequency: every 8 hours | Route: intravenous", "Metronidazole"),
        ("Adults: take 2 tablets every 4 hours when necessary", None),
    ],
)
def test_labels_and_patient_words_name_no_drug(text: str, name) -> None:
    assert _medications(text)[0].name == name


def test_a_stop_after_a_sentence_names_its_own_drug() -> None:
    meds = _medications("Continue amlodipine 5 mg 1 tablet by mouth daily. STOP atenolol.")
    assert [(m.name, m.status) for m in meds] == [("amlodipine", "active"), ("atenolol", "stopped")]


def test_an_offset_before_several_meals() -> None:
    timing = (
        _medications("Omeprazole 20 mg: 1 capsule twice daily, 30 minutes before breakfast and dinner")[0]
        .dosages[0]
        .timing
    )
    assert (sorted(timing.when), timing.offset) == (["ACM", "ACV"], 30)


# --- Session 7: blind rounds dev_en_s (English renderer) and dev_en_t (US sig tests) ---


@pytest.mark.parametrize(
    "text, dose",
    [("T1T PO BID", (1, None, "tablet")), ("T2C PO QHS", (2, None, "capsule"))],
)
def test_us_take_shorthand(text: str, dose: tuple) -> None:
    assert _dose(_medications(text)[0].dosages[0]) == dose


def test_mdd_is_a_maximum_a_day() -> None:
    (dosage,) = _medications("Tramadol 50 mg 1-2 tabs po q6h prn pain mdd 8 tabs")[0].dosages
    limit = dosage.max_per_period
    assert (limit.quantity.value, limit.quantity.unit, limit.per.value, limit.per.unit) == (8, "tablet", 1, "d")


def test_m_dash_f_is_monday_to_friday() -> None:
    assert sorted(_medications("1 tab po qd M-F")[0].dosages[0].timing.day_of_week) == sorted(WEEK[:5])


@pytest.mark.parametrize("text, route", [("4 gtts au bid x 7d", "auricular"), ("2 gouttes au coucher", None)])
def test_lower_case_au_is_both_ears_only_before_a_sig(text: str, route) -> None:
    dosage = _medications(text)[0].dosages[0]
    assert (dosage.route.display.lower() if dosage.route else None) in (
        (None,) if route is None else tuple(d.lower() for d in _route_displays(route))
    )


def _route_displays(key: str) -> tuple[str, ...]:
    from posology.fields.dosages import route_coding

    return (route_coding(key).display,)


def test_a_lower_case_dc_opening_the_line_stops_the_drug() -> None:
    (med,) = _medications("dc lisinopril")
    assert (med.name, med.status) == ("lisinopril", "stopped")


@pytest.mark.parametrize(
    "text",
    ["Carvedilol 6.25mg 1 tab po bid with food, hold for HR<55", "Amlodipine 10 mg 1 tab po qd, hold on dialysis days"],
)
def test_a_hold_on_a_threshold_or_a_recurring_event_is_no_hold_order(text: str) -> None:
    result = posology.structure(text)
    assert result.prescription.medications[0].status == "active" and result.needs_review


def test_a_threshold_number_is_never_a_value() -> None:
    result = posology.structure("Metoprolol tartrate 25 mg 1 tab po bid, hold if SBP < 100 or HR < 60")
    (med,) = result.prescription.medications
    assert med.supply is None and [_dose(d) for d in med.dosages] == [(1, None, "tablet")]


def test_a_name_stops_before_per_and_a_protocol_is_flagged() -> None:
    result = posology.structure("Novolog per sliding scale sq ac & hs prn BG > 150")
    assert result.prescription.medications[0].name == "Novolog" and result.needs_review
    assert posology.structure("inject subq per sliding scale before meals").needs_review


def test_a_cycle_after_daily_keeps_the_daily_frequency() -> None:
    dosage = _medications("Palbociclib 125mg 1 cap po daily 3 wks on 1 wk off")[0].dosages[0]
    assert (dosage.timing.frequency, dosage.timing.period_unit) == (1, "d")


def test_digits_echoing_number_words_are_hidden() -> None:
    dosage = _medications("Take one (1) tablet by mouth every twelve (12) hours")[0].dosages[0]
    assert _dose(dosage) == (1, None, "tablet") and (dosage.timing.period, dosage.timing.period_unit) == (12, "h")


@pytest.mark.parametrize("text", ["apply to aa bid", "Voltaren 1% gel apply 4 g to aa qid"])
def test_to_aa_is_the_skin_and_no_drug(text: str) -> None:
    (med,) = _medications(text)
    assert med.name in (None, "Voltaren") and med.dosages[0].route.display == _route_displays("cutaneous")[0]


@pytest.mark.parametrize(
    "text", ["prendre 1 sachet 3 fois par jour entre les repas pendant 3 jours", "1 tab tid between meals"]
)
def test_between_meals_is_an_instruction_and_flagged(text: str) -> None:
    result = posology.structure(text)
    dosage = result.prescription.medications[0].dosages[0]
    assert dosage.timing.when == () and any("repas" in i or "meals" in i for i in dosage.additional_instructions)
    assert any(i.message.startswith("[W022]") for i in result.warnings)


def test_preferably_is_no_timing() -> None:
    dosage = _medications("Monuril 3 g : 1 sachet en dose unique, de préférence à jeun")[0].dosages[0]
    assert dosage.timing.when == () and dosage.timing.count == 1


def test_a_route_alone_is_kept_and_the_line_still_has_no_posology() -> None:
    result = posology.structure("INSULINE ASPARTE SC selon protocole")
    (dosage,) = result.prescription.medications[0].dosages
    assert dosage.route.display == _route_displays("subcutaneous")[0] and dosage.dose is None
    assert result.warnings[0].message.startswith("[W001]") and result.needs_review


# --- Session 7: blind rounds dev_en_v (FHIR tools), dev_en_w (US sig codes), dev_en_x (India / UK) ---


def test_a_ucum_code_in_brackets_is_its_unit() -> None:
    dosage = _medications("Dalteparin 5000 [iU] subcutaneous once daily")[0].dosages[0]
    assert _dose(dosage) == (5000, None, "iU") and dosage.timing.frequency == 1


def test_ss_is_half_a_unit() -> None:
    assert _dose(_medications("ss tab po hs")[0].dosages[0]) == (0.5, None, "tablet")


@pytest.mark.parametrize("text", ["1 cap po bid-tid prn pain", "1 tab BD to TDS"])
def test_two_abbreviations_joined_are_a_frequency_range(text: str) -> None:
    timing = _medications(text)[0].dosages[0].timing
    assert (timing.frequency, timing.frequency_max, timing.period, timing.period_unit) == (2, 3, 1, "d")


def test_increasing_is_an_open_titration() -> None:
    result = posology.structure(
        "Amitriptyline 10mg tablets. Take ONE tablet at night, increasing by ONE tablet every week as directed"
    )
    assert len(result.prescription.medications[0].dosages) == 1
    assert any(i.message.startswith("[W021]") for i in result.warnings)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Laxido sachets. Mix ONE sachet with water and take up to THREE times a day", "Laxido"),
        ("Gaviscon Advance liquid. Take 10-20ml after meals and at bedtime", "Gaviscon Advance"),
        ("NovoRapid FlexPen. Inject 6 units under the skin before meals", "NovoRapid"),
    ],
)
def test_devices_liquids_and_mixing_are_no_names(text: str, name: str) -> None:
    assert [m.name for m in _medications(text)] == [name]


# --- Session 7: blind round dev_fr_q (French LGO / pharmacy plans) ---


def test_a_pair_of_strengths_sharing_a_unit() -> None:
    med = _medications("SERETIDE 250/25 microgrammes/dose : 2 bouffées matin et soir")[0]
    assert [(q.value, q.unit) for q in med.strengths] == [(250, "ug"), (25, "ug")]


@pytest.mark.parametrize(
    "text",
    [
        "SMECTA 3 g, poudre pour suspension buvable en sachet : 1 sachet 3 fois par jour, à distance des repas",
        "1 cp en dehors des repas",
    ],
)
def test_away_from_meals_is_no_meal_timing_and_is_flagged(text: str) -> None:
    result = posology.structure(text)
    assert result.prescription.medications[0].dosages[0].timing.when == ()
    assert [i.message[:6] for i in result.warnings if i.severity == "warning" and "W005" not in i.message] == ["[W022]"]


def test_a_route_stated_word_for_word_wins_over_a_linked_one() -> None:
    dosage = _medications(
        "OTIPAX, solution pour instillation auriculaire : 4 gouttes dans chaque oreille 2 à 3 fois par jour"
    )[0].dosages[0]
    assert dosage.route.display == _route_displays("auricular")[0]


@pytest.mark.parametrize(
    "text, strength, dose",
    [
        ("PREVISCAN 20 mg, comprimé quadrisécable : 3/4 de comprimé le soir", 20, 0.75),
        ("LEXOMIL 6 mg, comprimé quadrisécable : 1/4 de comprimé matin et soir si anxiété", 6, 0.25),
    ],
)
def test_scored_tablet_words_are_no_names(text: str, strength: float, dose: float) -> None:
    (med,) = _medications(text)
    assert [q.value for q in med.strengths] == [strength] and med.dosages[0].dose.low.value == dose


def test_an_article_read_as_a_dose_by_the_ner_is_refused() -> None:
    text = (
        "PARACETAMOL BIOGARAN 500 mg, gélule : 1 à 2 gélules par prise, si douleur, en respectant un "
        "intervalle de 4 heures entre les prises, sans dépasser 6 gélules par jour"
    )
    (dosage,) = _medications(text)[0].dosages
    assert _dose(dosage) == (1, 2, "capsule") and (dosage.timing.period, dosage.timing.period_unit) == (4, "h")
    assert _dose(_medications("Glycerol 4g suppositories - insert one when required")[0].dosages[0])[0] == 1


def test_n_times_a_day_at_most_written_after() -> None:
    timing = (
        _medications("PRIMPERAN 10 mg, comprimé sécable : 1 comprimé si nausées, 3 fois par jour maximum")[0]
        .dosages[0]
        .timing
    )
    assert (timing.frequency, timing.frequency_max) == (1, 3)


def test_days_through() -> None:
    dosages = _medications("take 2 tablets by mouth on day 1, then 1 tablet daily on days 2 through 5")[0].dosages
    assert [d.timing.bounds.value for d in dosages] == [1, 4]


def test_a_pack_quantity_after_the_form_word() -> None:
    (med,) = _medications("Amlodipine 5mg tablets 28 tablets - one to be taken each day")
    assert [_dose(d) for d in med.dosages] == [(1, None, "tablet")]
    assert "Quantity: 28 tablets" in med.dosages[0].additional_instructions
    alone = posology.structure("Amlodipine 5mg tablets 28 tablets")  # no dose after it: kept, flagged
    assert _dose(alone.prescription.medications[0].dosages[0]) == (28, None, "tablet") and alone.needs_review


# --- Session 7: blind rounds dev_en_z (US EHR lists), dev_en_y (UK discharge / GP lists), dev_fr_r ---


@pytest.mark.parametrize(
    "text, name, strengths",
    [
        (
            "rosuvastatin (CRESTOR) 20 MG tablet - Take 1 tablet (20 mg total) by mouth every evening.",
            "rosuvastatin",
            [(20, "mg")],
        ),
        (
            "cholecalciferol (VITAMIN D3) 50,000 unit capsule - Take 1 capsule by mouth once a week",
            "cholecalciferol",
            [(50000, "iU")],
        ),
        (
            "amoxicillin-clavulanate (AUGMENTIN) 875-125 MG per tablet - Take 1 tablet by mouth 2 (two) times daily",
            "amoxicillin-clavulanate",
            [(875, "mg"), (125, "mg")],
        ),
        (
            "apixaban 5 mg tablet Commonly known as: ELIQUIS Take 1 tablet (5 mg total) by mouth 2 (two) times a day.",
            "apixaban",
            [(5, "mg")],
        ),
    ],
)
def test_an_ehr_brand_is_the_same_drug(text: str, name: str, strengths: list) -> None:
    (med,) = _medications(text)
    assert med.name == name and [(q.value, q.unit) for q in med.strengths] == strengths
    assert med.dosages[0].dose.low.unit in ("tablet", "capsule")


def test_iron_ii_is_no_brand() -> None:
    assert "II" not in [m.name for m in _medications("Iron(II) sulfate 200 mg tablet: 1 tablet daily")][:1]


def test_a_hold_after_a_brand_list_is_the_drugs() -> None:
    (med,) = _medications("lisinopril (PRINIVIL,ZESTRIL) 20 MG tablet - HOLD this medication until you follow up.")
    assert (med.name, med.status) == ("lisinopril", "on-hold")


def test_two_drugs_of_an_ehr_list_on_one_line() -> None:
    meds = _medications(
        "acetaminophen (TYLENOL) 325 MG tablet - Take 2 tablets by mouth every 6 (six) hours as needed for pain. "
        "ibuprofen (ADVIL,MOTRIN) 600 MG tablet - Take 1 tablet by mouth every 8 (eight) hours as needed for pain."
    )
    assert [(m.name, m.dosages[0].timing.period) for m in meds] == [("acetaminophen", 6), ("ibuprofen", 8)]


@pytest.mark.parametrize(
    "text, count",
    [
        ("ketorolac (TORADOL) injection 30 mg - 30 mg, Intravenous, Once", 1),
        ("take 4 tablets by mouth once", 1),
        ("1 cp once daily", None),
    ],
)
def test_once_alone_is_one_administration(text: str, count) -> None:
    assert _medications(text)[0].dosages[0].timing.count == count


def test_increase_to_a_dose_is_a_next_phase() -> None:
    result = posology.structure(
        "semaglutide 0.25 mg under the skin once a week for 4 weeks, then increase to 0.5 mg once a week."
    )
    assert [_dose(d) for d in result.prescription.medications[0].dosages] == [(0.25, None, "mg"), (0.5, None, "mg")]
    assert not result.needs_review
    cond = posology.structure("Tab Telma 20 0-0-1, increase to 40 mg after 2 weeks if BP not controlled")
    assert any(i.message.startswith("[W021]") for i in cond.warnings)


@pytest.mark.parametrize(
    "text, check",
    [
        (
            "lisinopril 10 mg oral tablet: 1 tab(s) orally once a day, 90 tab(s), 3 Refill(s)",
            lambda m: m.refills == 3 and len(m.dosages) == 1,
        ),
        (
            "fluticasone (FLONASE) 50 mcg/actuation nasal spray - 2 sprays by Each Nare route daily.",
            lambda m: m.dosages[0].route.display == _route_displays("nasal")[0],
        ),
        (
            "cefdinir 250 mg/5 mL suspension - Give 14 mg/kg/day by mouth divided 2 (two) times daily",
            lambda m: _dose(m.dosages[0]) == (7, None, "mg/kg"),
        ),
        (
            "Adderall XR 20 MG capsule - Take 1 capsule by mouth every morning Monday through Friday.",
            lambda m: len(m.dosages[0].timing.day_of_week) == 5,
        ),
        ("Furosemide 40mg OM", lambda m: m.dosages[0].timing.when == ("MORN",)),
        ("Bendroflumethiazide 2.5mg OM except Sat & Sun", lambda m: len(m.dosages[0].timing.day_of_week) == 5),
        ("Co-codamol 30/500 1-2 QDS PRN", lambda m: _dose(m.dosages[0])[:2] == (1, 2)),
        (
            "Ondansetron 4mg tablets ONE up to twice a day when required",
            lambda m: (m.dosages[0].timing.frequency, m.dosages[0].timing.frequency_max) == (1, 2),
        ),
        ("Creon 25,000 capsules - TWO with meals", lambda m: _dose(m.dosages[0]) == (2, None, "capsule")),
    ],
)
def test_ehr_and_uk_list_wordings(text: str, check) -> None:
    assert check(_medications(text)[0])


@pytest.mark.parametrize(
    "text", ["Modifié : RAMIPRIL 5 mg gélule : 1 gél le soir", "Nouveau : RAMIPRIL 5 mg 1 gél le soir"]
)
def test_a_status_prefix_is_no_name(text: str) -> None:
    assert _medications(text)[0].name == "RAMIPRIL"


def test_ir_is_rectal_only_after_suppositories() -> None:
    dosage = _medications("DOLIPRANE 150 mg suppo - 1 suppo IR toutes les 6 h si fièvre")[0].dosages[0]
    assert dosage.route.display == _route_displays("rectal")[0]
    (med,) = _medications("Tramadol IR 50 mg 1 tab q6h prn")
    assert med.name == "Tramadol IR" and med.dosages[0].route is None


def test_the_brand_suffix_warning_points_at_the_callers_text() -> None:
    text = "\u200bCheratussin AC 10 mL po q4h prn cough"  # an invisible character first: offsets shift
    (issue,) = [i for i in posology.structure(text).warnings if i.message.startswith("[W024]")]
    assert text[issue.start : issue.end] == "AC"


def test_lunchtime_is_midday_and_lunch_the_meal() -> None:
    dosages = _medications("Bumetanide 1mg tablets: 2 tablets mane, 1 tablet at lunchtime")[0].dosages
    assert [d.timing.when for d in dosages] == [("MORN",), ("NOON",)]
    assert _medications("1 tab with lunch")[0].dosages[0].timing.when == ("CD",)
