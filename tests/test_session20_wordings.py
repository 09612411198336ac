"""Wordings the session-20 blind rounds showed (issue #12): a French unit-dose robot's labels, French
hospital CPOE, French GP lines read back by OCR, a US telehealth renderer's RxNorm product lines,
Indian clinic software, US outpatient sigs. Each case is a variant written here (not a gold line)
of a family read wrong or flagged for nothing; each test fails without the reading it checks
(docs/decisions.md, "Session 20 readings"), except the controls (a reading the session's start
already had, kept from moving)."""

from __future__ import annotations

import pytest

from tests.wording_support import fields, flagged, only_dosages

# --- RxNorm product lines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug", "strengths"),
    [
        (
            "losartan potassium 50 MG / hydrochlorothiazide 12.5 MG Oral Tablet: Take 1 tablet by mouth daily.",
            "losartan potassium / hydrochlorothiazide",
            [[50, "mg"], [12.5, "mg"]],
        ),
        (
            "Valsartan 160 mg / Amlodipine 5 mg 1 cp le matin",
            "Valsartan / Amlodipine",
            [[160, "mg"], [5, "mg"]],
        ),
        (
            "emtricitabine 200 MG / tenofovir disoproxil fumarate 300 MG Oral Tablet: Take 1 tablet daily",
            "emtricitabine / tenofovir disoproxil fumarate",
            [[200, "mg"], [300, "mg"]],
        ),
    ],
)
def test_a_product_named_ingredient_by_ingredient_is_one_medication(text: str, drug: str, strengths: list) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug and med["strength"] == strengths
    (dosage,) = med["dosages"]
    assert dosage["dose"][0] == 1 and dosage["dose"][2] == "tablet"


def test_two_drugs_each_with_a_posology_stay_two() -> None:  # control
    meds = fields("Doliprane 1 g 1 cp x3/j / Spasfon 80 mg 2 cp x3/j")
    assert [m["drug"] for m in meds] == ["Doliprane", "Spasfon"]


@pytest.mark.parametrize(
    "text",
    [
        "lisinopril 10 MG Oral Tablet: Take 1 tablet once daily.",
        "omeprazole 20 MG Delayed Release Oral Capsule: Take 1 capsule every morning before breakfast.",
    ],
)
def test_oral_in_an_rxnorm_form_name_is_no_route(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "route" not in dosage and dosage["dose"][0] == 1


def test_the_route_the_sig_states_is_kept() -> None:  # control
    (dosage,) = only_dosages("lisinopril 10 MG Oral Tablet: Take 1 tablet by mouth once daily.")
    assert dosage["route"] == "oral"


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("24 HR nifedipine 30 MG Extended Release Oral Tablet: Take 1 tablet by mouth once daily.", "nifedipine"),
        ("STOPPED: 12 HR venlafaxine 75 MG Extended Release Oral Capsule", "venlafaxine"),
    ],
)
def test_an_rxnorm_release_period_is_part_of_the_product(text: str, drug: str) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug
    assert all("tod" not in d and "bounds" not in d for d in med["dosages"])


def test_two_strengths_per_actuation() -> None:
    text = "Advair 250 MCG/ACTUAT / 50 MCG/ACTUAT Dry Powder Inhaler: Inhale 1 puff 2 (two) times daily."
    (med,) = fields(text)
    assert med["strength"] == [[250, "ug"], [50, "ug"]]
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [1, None, "puff"]


# --- OCR ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Seresta 10 mg 1 cp le so ir", ["EVE"]),
        ("Kardegic 75 mg 1 sachet le rnatin", ["MORN"]),  # control: the span linker read it already
        ("Zyrtec 10 mg 1 cp rnatin et soir", ["EVE", "MORN"]),  # control
    ],
)
def test_ocr_broken_moments_are_read(text: str, when: list[str]) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["when"] == when


def test_ocr_rn_for_m_in_a_maximum_and_a_duration() -> None:
    (dosage,) = only_dosages("Smecta 1 sachet 3 fois par jour si besoin rnax 6/j pdt l rnois")
    assert dosage["max"] == [6, "sachet", 1, "d"] and dosage["bounds"] == [1, None, "mo"]


@pytest.mark.parametrize(
    ("text", "strength"),
    [("Augmentin lg 1 cp matin et soir", [[1, "g"]]), ("Doliprane l g 1 cp 3 fois par jour", [[1, "g"]])],
)
def test_ocr_l_for_one_before_grams(text: str, strength: list) -> None:
    (med,) = fields(text)
    assert med["strength"] == strength


def test_a_known_word_is_never_joined_to_its_neighbour() -> None:  # control: "re pas" stays two words
    assert flagged("Ibuprofène 400 mg 1 cp 3 fois par jour au cours des re pas")


def test_a_lone_gram_no_rule_reads_is_flagged() -> None:
    text = "Paracetamol x g 3 fois par jour"
    assert flagged(text)


# --- doses, cycles, lists -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "dose"), [("Take 2 and 1/2 tablets at bedtime", 2.5), ("1 et 1/2 cp le soir", 1.5)])
def test_a_whole_number_and_a_fraction(text: str, dose: float) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"][0] == dose


def test_an_english_article_before_gel_is_no_capsule() -> None:
    (med,) = fields("Benzoyl peroxide 5% apply a gel layer to the face at night")
    assert all("dose" not in d for d in med["dosages"])


def test_the_article_still_counts_one_tablet() -> None:  # control
    (dosage,) = only_dosages("take a tablet at night")
    assert dosage["dose"] == [1, None, "tablet"]


@pytest.mark.parametrize(
    "text",
    [
        "medroxyprogesterone 10 mg daily for 10 days every month",
        "Utrogestan 200 mg 1 caps le soir 10 jours chaque mois",  # control: a French cycle already
    ],
)
def test_days_each_month_is_a_cycle_flagged(text: str) -> None:
    assert flagged(text)
    (dosage,) = only_dosages(text)
    assert "bounds" not in dosage and dosage.get("period", [None, None, "d"])[2] != "mo"


def test_a_course_after_a_comma_list_is_flagged() -> None:
    text = "Metronidazole 500 mg PO TID, ciprofloxacin 500 mg PO BID x 10 days"
    assert flagged(text)
    meds = fields(text)
    assert "bounds" in meds[1]["dosages"][0]


def test_a_course_said_to_be_every_drugs_is_not_flagged_for_it() -> None:  # control
    meds = fields("Metronidazole 500 mg PO TID, ciprofloxacin 500 mg PO BID - all for 10 days")
    assert all(m["dosages"][0]["bounds"] == [10, None, "d"] for m in meds)


@pytest.mark.parametrize(
    "text",
    ["Daily at the same time each day: Microval 1 tablet", "Optimizette 1 cp par jour, toujours à la même heure"],
)
def test_the_same_hour_each_day_is_an_instruction(text: str) -> None:
    assert not flagged(text)
    (dosage,) = only_dosages(text)
    assert dosage["dose"][0] == 1


def test_an_intake_header_is_the_clock_time_of_every_drug_after_it() -> None:
    text = "Prise de 12:00 — DOLIPRANE 500 mg : 2 comprimé(s), VO ; SPASFON 80 mg : 1 comprimé(s), VO"
    meds = fields(text)
    assert [m["drug"] for m in meds] == ["DOLIPRANE", "SPASFON"]
    assert all(m["dosages"][0]["tod"] == ["12:00:00"] for m in meds)


def test_a_disintegrating_tablet_is_a_presentation() -> None:  # control: `Oral Tablet` a form must keep it
    text = "rizatriptan 10 MG Disintegrating Oral Tablet: Take 1 tablet by mouth at onset of migraine."
    (med,) = fields(text)
    assert med["drug"] == "rizatriptan" and med["strength"] == [[10, "mg"]]
    assert [d["dose"] for d in med["dosages"]] == [[1, None, "tablet"]]


@pytest.mark.parametrize(
    "text", ["Transipeg 2950 5,9 g sachet : 1 sachet le matin", "Macrogol 4000 10 g sachets: take 1 sachet at night"]
)
def test_the_mass_after_a_names_number_is_a_strength(text: str) -> None:
    (med,) = fields(text)
    assert [d["dose"] for d in med["dosages"]] == [[1, None, "sachet"]]
    assert med["strength"][-1][1] == "g"


# --- product lines of UK dm+d and US nursing-home MARs (the second wave) -------------------------------


def test_a_suppliers_name_in_brackets_is_no_drug() -> None:
    text = "Movicol oral powder sachets (Norgine Pharmaceuticals Ltd) - Take one sachet twice a day - 30 sachet"
    (med,) = fields(text)
    assert med["drug"] == "Movicol"
    assert [d["dose"] for d in med["dosages"]] == [[1, None, "sachet"]]


def test_a_flavour_after_the_form_is_no_drug() -> None:
    (med,) = fields("Calpol six plus oral suspension strawberry - Take 5ml four times a day when required")
    assert med["drug"].lower().startswith("calpol")


def test_pressurised_is_a_presentation_word() -> None:
    (med,) = fields("Flutiform 125/5 pressurised inhaler 2 puffs BD")
    assert med["drug"] == "Flutiform" and med["strength"] == [[125, None], [5, None]]


@pytest.mark.parametrize(
    "text",
    [
        "Senna 7.5 mg 2 tabs + Docusate 100 mg 1 cap PO HS",
        "Calcichew D3 1 tab + Alendronic acid 70 mg 1 tab PO weekly",
    ],
)
def test_counted_doses_joined_by_plus_share_the_last_timing(text: str) -> None:
    meds = fields(text)
    assert len(meds) == 2
    timing = {k: v for k, v in meds[1]["dosages"][0].items() if k in ("when", "freq", "period", "route")}
    assert timing and all(meds[0]["dosages"][0].get(k) == v for k, v in timing.items())


def test_an_as_needed_drug_keeps_its_own_timing_after_plus() -> None:  # control
    meds = fields("Buscopan 10 mg 2 cp si douleur + Débridat 100 mg 1 cp 3 fois par jour")
    assert "freq" not in meds[0]["dosages"][0]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Vitamin B12 1000 MCG/ML Inject 1 mL intramuscularly one time a day every 28 day(s)", [28, None, "d"]),
        ("Evenity 105 MG/1.17ML Inject 210 mg subcutaneously one time a day every 1 month(s)", [1, None, "mo"]),
        ("Folic Acid Tablet 1 MG Give 1 tablet by mouth one time a day every other day", [2, None, "d"]),
    ],
)
def test_a_mar_order_once_on_each_day_of_an_interval(text: str, period: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == [1, None] and dosage["period"] == period
    assert not flagged(text)


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("Metformin Tablet 500 MG Give 1 tablet by mouth two times a day 0800, 1700", ["08:00:00", "17:00:00"]),
        ("DONEPEZIL 5MG TAB  GIVE 1 TABLET BY MOUTH TWICE DAILY  (0900) (2100)", ["09:00:00", "21:00:00"]),
    ],
)
def test_a_mars_administration_times(text: str, times: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["tod"] == times


def test_four_digit_amounts_before_a_unit_are_no_clock_times() -> None:  # control: the new time lists
    (med,) = fields("Colecalciferol 1000, 800 IU daily")
    assert all("tod" not in d for d in med["dosages"])


def test_each_items_quantity_column_is_no_dose() -> None:
    text = (
        "Ramipril 5mg capsules - Take one capsule once a day - 28 capsule; "
        "Bisoprolol 2.5mg tablets - Take one tablet in the morning - 28 tablet"
    )
    meds = fields(text)
    assert [[d["dose"] for d in m["dosages"]] for m in meds] == [[[1, None, "capsule"]], [[1, None, "tablet"]]]


def test_a_quantity_column_before_a_status_is_no_dose() -> None:
    (med,) = fields("Omeprazole 20mg capsules - Take one capsule once a day - 28 capsule - Discontinued")
    assert med["status"] == "stopped" and [d["dose"] for d in med["dosages"]] == [[1, None, "capsule"]]


def test_a_quantity_column_after_an_exception_is_no_days_dose() -> None:
    text = "Folic acid 5mg tablets - Take one tablet once a day except Sunday - 24 tablet"
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == [1, None, "tablet"] and "sun" not in dosage["dow"]


@pytest.mark.parametrize(
    "text", ["Nitrolingual 1 tab keep under tongue SOS", "Natispray 1 bouffée sous langue si douleur"]
)
def test_under_the_tongue_without_an_article(text: str) -> None:  # control: the span linker read it already
    (dosage,) = only_dosages(text)
    assert dosage["route"] == "sublingual"


def test_on_the_tongue_is_no_sublingual_route() -> None:
    (dosage,) = only_dosages("Zofran 4 mg ODT: place 1 tablet on the tongue every 8 hours as needed")
    assert "route" not in dosage


@pytest.mark.parametrize(
    ("text", "drug", "strength"),
    [
        (
            "Nifedipine Tablet Extended Release 24 Hour 30 MG Give 1 tablet by mouth one time a day",
            "Nifedipine",
            [[30, "mg"]],
        ),
        ("Butrans Patch 168 Hour 10 MCG/HR Apply 1 patch transdermally every 7 days", "Butrans", [[10, "ug"]]),
    ],
)
def test_a_mars_release_period_after_the_form_is_part_of_the_product(text: str, drug: str, strength: list) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug and med["strength"] == strength
    assert all("tod" not in d for d in med["dosages"])


def test_an_oral_concentrate_is_a_form() -> None:
    (med,) = fields("Oxycodone Oral Concentrate 20 MG/ML Give 0.5 mL by mouth every 4 hours as needed for pain")
    assert med["drug"] == "Oxycodone" and med["strength"] == [[20, "mg"]]
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [0.5, None, "mL"] and dosage["route"] == "oral"


# --- the third wave ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "maximum"),
    [
        (
            "Spasfon 80 mg : 2 comprimés 3 fois par jour. Ne pas dépasser 6 comprimés par période de 24 heures.",
            [6, "tablet", 24, "h"],
        ),
        (
            "Ibuprofène 200 mg : 1 comprimé si besoin. Ne pas dépasser 6 comprimés par période de 1 jour.",
            [6, "tablet", 1, "d"],
        ),
    ],
)
def test_a_maximum_per_period_of(text: str, maximum: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["max"] == maximum


def test_a_cap_in_brackets_with_no_period_is_no_second_dose() -> None:
    (dosage,) = only_dosages("Prednisolone 2 mg/kg PO daily x 3 days (max 60 mg)")
    assert dosage["dose"] == [2, None, "mg/kg"]


@pytest.mark.parametrize(
    ("text", "freq"), [("Dafalgan 1 g 4 x 1 cpr/j", 4), ("Motilium 10 mg 3 x 1 comprimé par jour", 3)]
)
def test_times_x_dose_per_day(text: str, freq: int) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"][0] == 1 and dosage["freq"] == [freq, None] and dosage["period"] == [1, None, "d"]


def test_n_slash_24_is_every_n_hours() -> None:
    (dosage,) = only_dosages("Oxynorm 5mg 1 cap 6/24 prn pain")
    assert dosage["period"] == [6, None, "h"] and dosage["freq"] == [1, None]


def test_now_after_a_route_is_a_stat_dose() -> None:
    (med,) = fields("Rocephin 1 g IV now")
    assert med["priority"] == "stat" and med["dosages"][0]["count"] == 1


def test_a_fatty_ointment_is_no_name_word() -> None:
    (med,) = fields("Diprobase fatty ointment apply twice daily")
    assert med["drug"] == "Diprobase"


# --- the fourth wave --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "TEMODAL 140 mg : 1 gél le soir à jeun J1-J5 tous les 28 jours",
        "TAXOTERE premedication : SOLUPRED 20 mg 2 cp matin J1-J2 et J8-J9",
        "FILGRASTIM 48 MU : 1 inj SC/j pendant 5 jours à partir de J5",
    ],
)
def test_a_cycles_day_window_is_flagged_and_no_interval(text: str) -> None:
    assert flagged(text)
    (dosage,) = only_dosages(text)
    assert dosage.get("period", [1, None, "d"])[0] == 1 and "bounds" not in dosage


def test_a_window_alone_stays_a_course() -> None:  # control: older rounds read "de J6 à J10" as 5 days
    (dosage,) = only_dosages("NEUPOGEN 30 MU : 1 injection SC par jour de J3 à J9")
    assert dosage["bounds"] == [7, None, "d"]


def test_a_mass_and_its_units_in_brackets_are_two_strengths() -> None:
    (med,) = fields("CHOLECALCIFEROL 1.25 MG (50000 UNIT) CAPSULE  TAKE 1 CAPSULE BY MOUTH EVERY 2 WEEKS")
    assert med["strength"] == [[1.25, "mg"], [50000, "iU"]]
    assert [d["dose"] for d in med["dosages"]] == [[1, None, "capsule"]]


def test_a_dose_per_body_surface_in_brackets_is_no_second_dose() -> None:
    (dosage,) = only_dosages("XELODA 1500 mg matin et soir (800 mg/m²) pendant 14 jours")
    assert dosage["dose"] == [1500, None, "mg"]


def test_a_bottles_volume_in_its_column_is_no_dose() -> None:
    (dosage,) = only_dosages("Xalatan 50micrograms/ml eye drops   ONE drop into the left eye at night   2.5 ml")
    assert dosage["dose"] == [1, None, "drop"]


@pytest.mark.parametrize(
    ("text", "strengths"),
    [
        (
            "Augmentin un gramme sur soixante-deux virgule cinq milligrammes un sachet matin et soir",
            [[1, "g"], [62.5, "mg"]],
        ),
        ("Innovair cent sur six microgrammes deux bouffées matin et soir", [[100, "ug"], [6, "ug"]]),
    ],
)
def test_a_dictated_strength_pair(text: str, strengths: list) -> None:
    (med,) = fields(text)
    assert med["strength"] == strengths


def test_a_bracketed_unit_code_alone_keeps_its_brackets() -> None:
    from posology.text.offsets import squeeze

    # the brackets of a UCUM code after a number are hidden ("5000 [iU]"); alone, both stay (the
    # closing one was dropped: the squeezed text no longer matched the input, found by tests/test_fuzz.py)
    assert squeeze("[IU]")[0] == "[IU]" and squeeze("5000 [iU] SC")[0] == "5000 iU SC"


@pytest.mark.parametrize(
    "text",
    [
        "Oramorph 10mg/5ml oral solution   2.5ml - 5ml every 4 hours when required   100 ml",
        "Lactulose 3.35g/5ml oral solution 10ml - 15ml twice a day",
    ],
)
def test_a_volume_range_after_a_liquid_form_is_the_dose(text: str) -> None:
    (dosage,) = only_dosages(text)
    low, high, unit = dosage["dose"]
    assert high is not None and low < high and unit == "mL"


def test_a_bottles_size_before_a_label_dash_stays_no_dose() -> None:  # control
    (dosage,) = only_dosages("Oramorph 10mg/5ml oral solution 100ml - Take 5ml every 4 hours")
    assert dosage["dose"] == [5, None, "mL"]
