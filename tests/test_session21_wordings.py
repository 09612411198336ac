"""Wordings the session-21 blind rounds showed (issue #12): a French hospital pharmacy's validation
screen, French home-care and EHPAD care plans, French paediatric prescriptions, US EHR structured
sigs, UK hospital EPMA charts, Indian paediatric OPD slips (and wave 14's leftovers). Each case is a
variant written here (not a gold line) of a family read wrong or flagged for nothing; each test
fails without the reading it checks (docs/decisions.md, "Session 21 readings"), except the
controls (a reading the session's start already had, kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields, flagged, only_dosages

# --- presentation words of product labels ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "FRAGMINE 5000 UI/0,2 ML SOL INJ SER PRE-REMPLIE : 1 INJECTION SOUS-CUTANEE LE SOIR PENDANT 7 JOURS",
        "Innohep 10 000 UI/0,5 ml sol inj ser pré-remplie : 1 injection sous-cutanée le soir pendant 7 jours",
    ],
)
def test_pre_remplie_is_the_syringe_not_a_drug(text: str) -> None:
    (med,) = fields(text)
    (dosage,) = med["dosages"]
    assert dosage["dose"][:1] == [1] and dosage["dose"][2] == "injection" and dosage["bounds"][0] == 7
    assert not flagged(text)


def test_pre_alone_stays_a_name() -> None:  # control
    (med,) = fields("Pre 5 mg 1 cp le matin")
    assert med["drug"] == "Pre"


@pytest.mark.parametrize(
    ("text", "dose", "period"),
    [
        (
            "romosozumab (EVENITY) 105 MG/1.17ML SOSY injection Inject 210 mg under the skin every month.",
            [210, None, "mg"],
            [1, None, "mo"],
        ),
        (
            "dulaglutide (TRULICITY) 1.5 MG/0.5ML SOPN injection Inject 1.5 mg under the skin every 7 days.",
            [1.5, None, "mg"],
            [7, None, "d"],
        ),
    ],
)
def test_an_ehr_form_code_after_the_strength_is_no_drug(text: str, dose: list, period: list) -> None:
    meds = fields(text)
    assert len(meds) == 1
    (dosage,) = meds[0]["dosages"]
    assert dosage["dose"] == dose and dosage["period"] == period and dosage["route"] == "subcutaneous"


def test_sol_nebul_is_the_form_of_the_product() -> None:
    (med,) = fields("BRICANYL 5 MG/2 ML SOL NEBUL | 5 mg | voie inhalée | 3 fois par jour")
    assert med["drug"] == "BRICANYL"
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [5, None, "mg"] and dosage["freq"] == [3, None] and dosage["route"] == "inhalation"


# --- a patch's release over days --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "scopolamine 1.5 mg/3 days patch: place 1 patch behind the ear every 72 hours",
        "hyoscine (TRANSDERM-SCOP) 1 MG/3DAYS Apply 1 patch every 3 days as needed for motion sickness",
    ],
)
def test_a_release_over_days_before_a_patch_is_the_strength(text: str) -> None:
    (med,) = fields(text)
    assert med["strength"][0][1] == "mg"
    assert [d["dose"][2] for d in med["dosages"]] == ["patch"]


def test_a_dose_every_two_days_stays_a_dose() -> None:  # control
    (dosage,) = only_dosages("Furosemide 40 mg/2 jours")
    assert dosage["dose"] == [40, None, "mg"] and dosage["period"] == [2, None, "d"]


# --- lists sharing a timing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "timing"),
    [
        (
            "OMEPRAZOLE 20 MG 1 CAPSULE, AMOXICILLIN 500 MG 2 CAPSULES AND METRONIDAZOLE 400 MG 1 TABLET "
            "BY MOUTH TWICE DAILY FOR 7 DAYS",
            {"freq": [2, None], "period": [1, None, "d"], "bounds": [7, None, "d"], "route": "oral"},
        ),
        (
            "ésoméprazole 20 mg 1 gél, amoxicilline 1 g 1 cp et lévofloxacine 500 mg 1 cp "
            "matin et soir pendant 10 jours",
            {"when": ["EVE", "MORN"], "bounds": [10, None, "d"]},
        ),
    ],
)
def test_a_series_with_counted_doses_shares_the_timing_after_its_last_drug(text: str, timing: dict) -> None:
    meds = fields(text)
    assert len(meds) == 3
    for med in meds:
        (dosage,) = med["dosages"]
        assert {key: dosage.get(key) for key in timing} == timing


@pytest.mark.parametrize(
    "text",
    [
        "Omeprazole 20 mg 1 cap, amoxicillin 1 g 1 tab, clarithromycin 500 mg 1 tab, all twice daily for 7 days",
        "Oméprazole 20 mg 1 gél, Amoxicilline 1 g 1 cp, Clarithromycine 500 mg 1 cp, "
        "le tout 2 fois par jour pendant 7 jours",
    ],
)
def test_all_before_the_timing_makes_it_every_drugs(text: str) -> None:
    meds = fields(text)
    assert len(meds) == 3
    for med in meds:
        (dosage,) = med["dosages"]
        assert dosage["freq"] == [2, None] and dosage["bounds"] == [7, None, "d"]
    assert not flagged(text)


def test_an_as_needed_drug_in_a_series_keeps_its_own_timing() -> None:  # control
    first, second = fields("Doliprane 1 g 1 cp si douleur, Ibuprofène 400 mg 1 cp 3 fois par jour pendant 3 jours")
    assert first["dosages"][0]["as_needed"] is True and "freq" not in first["dosages"][0]
    assert second["dosages"][0]["freq"] == [3, None]


# --- routes -------------------------------------------------------------------------------------------


def test_inhalation_after_an_inhaled_capsule_is_the_route() -> None:
    (dosage,) = only_dosages("BUDECORT 400 ROTACAP 1 CAP INHALATION BD")
    assert dosage["route"] == "inhalation" and dosage["dose"][2] == "capsule"


def test_inhaled_after_a_capsule_is_the_route() -> None:  # control
    (dosage,) = only_dosages("Tiotropium 18 mcg 1 capsule inhaled once daily")
    assert dosage["route"] == "inhalation" and dosage["dose"][2] == "capsule"


@pytest.mark.parametrize(
    "text",
    [
        "Dexeryl crème : 1 application le soir sur les mains et les pieds",
        "Bepanthen pommade 2 fois par jour sur les fesses",
    ],
)
def test_a_part_of_the_body_after_sur_is_the_skin(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["route"] == "cutaneous"
    assert not flagged(text)


def test_an_injection_site_after_sur_is_no_skin() -> None:  # control
    (dosage,) = only_dosages("Lovenox 4000 UI 1 inj SC sur le ventre le soir")
    assert dosage["route"] == "subcutaneous"


# --- orders -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Eliquis 5 mg : NE PAS DONNER avant l'intervention", "Warfarin 5 mg: do not give before surgery"]
)
def test_do_not_give_before_a_procedure_is_an_order(text: str) -> None:
    (med,) = fields(text)
    assert med.get("do_not_perform") is True
    assert flagged(text)


def test_do_not_take_before_driving_is_advice() -> None:  # control
    (med,) = fields("Doliprane : ne pas prendre avant de conduire")
    assert "do_not_perform" not in med


def test_ne_plus_donner_stops_the_order() -> None:
    (med,) = fields("Deroxat 20 mg 1 cp le matin : ne plus donner")
    assert med["status"] == "stopped" and "do_not_perform" not in med


@pytest.mark.parametrize(
    "text",
    [
        "Seresta 10 mg 1 cp au coucher, ne plus donner, arrêté par Dr Durand le 02/03",
        "Amlodipine 5 mg 1 tab OD, stopped by Dr. Patel on 12/05",
    ],
)
def test_the_doctor_who_stopped_it_is_no_drug(text: str) -> None:
    meds = fields(text)
    assert len(meds) == 1 and meds[0]["status"] == "stopped"


# --- Indian shorthand ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug", "strength"),
    [("Tab Augpen 625 DT 1 x 2 x 5 days", "Augpen", 625), ("Tab Zerodol 100 SR 1 tab BD x 5 days", "Zerodol", 100)],
)
def test_a_release_modifier_after_a_bare_strength_is_no_part_of_the_name(text: str, drug: str, strength: int) -> None:
    (med,) = fields(text)
    assert med["drug"] == drug and med["strength"] == [[strength, None]]
    (dosage,) = med["dosages"]
    assert dosage["dose"][0] == 1 and dosage["bounds"] == [5, None, "d"]


@pytest.mark.parametrize(
    "text", ["Tab Wysolone 10 mg 1 tab OD alternate days x 4 wks", "Tab Lasix 40 1 tab daily on alternate days"]
)
def test_once_daily_on_alternate_days_is_every_other_day(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == [1, None] and dosage["period"] == [2, None, "d"]
    assert not flagged(text)


# --- events and headers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Mitosyl pommade : 1 application à chaque change", "Metanium ointment apply at each nappy change"]
)
def test_a_nappy_change_is_an_event_fhir_cannot_hold(text: str) -> None:
    reasons = posology.structure(text).review_reasons
    assert any("[W022]" in reason.message and "change" in reason.message for reason in reasons)


@pytest.mark.parametrize(
    "text",
    [
        "H. pylori: amoxicillin 1 g PO BID, clarithromycin 500 mg PO BID, metronidazole 500 mg PO BID",
        "Eradication H. pylori : amoxicilline 1 g 1 cp matin et soir, clarithromycine 500 mg 1 cp matin et soir",
    ],
)
def test_what_an_eradication_treats_is_no_part_of_the_first_drug(text: str) -> None:
    meds = fields(text)
    assert meds[0]["drug"] in ("amoxicillin", "amoxicilline")


# --- US EHR lines -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "albuterol (PROVENTIL HFA;VENTOLIN HFA) 108 (90 Base) MCG/ACT inhaler Inhale 2 puffs into the lungs "
        "every 6 hours as needed for wheezing.",
        "levalbuterol (XOPENEX HFA) 45 (40 Base) MCG/ACT inhaler Inhale 2 puffs into the lungs "
        "every 6 hours as needed.",
    ],
)
def test_an_inhaler_with_its_salt_and_base_masses_is_one_drug(text: str) -> None:
    (med,) = fields(text)
    assert med["drug"] in ("albuterol", "levalbuterol")
    assert [unit for _, unit in med["strength"]] == ["ug", "ug"]
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [2, None, "puff"] and dosage["period"] == [6, None, "h"]


def test_a_quantity_in_each_before_the_refills_is_no_dose() -> None:
    (dosage,) = only_dosages(
        "fluticasone 50 mcg/inh nasal spray 2 spray(s) in each nostril once a day, 1 EA, 3 Refill(s)"
    )
    assert dosage["dose"][:2] == [2, None] and dosage["route"] == "nasal"


def test_the_reason_for_a_discontinuation_is_no_drug() -> None:
    meds = fields("simvastatin 20 MG tablet Discontinue. Reason for Discontinue: Patient preference")
    assert [m["drug"] for m in meds] == ["simvastatin"] and meds[0]["status"] == "stopped"


@pytest.mark.parametrize(
    "text",
    [
        "carvedilol 6.25 MG tablet Take 1 tablet by mouth 2 times daily. Hold for SBP less than 90 or HR less than 55.",
        "ATENOLOL 25 MG TABLET: TAKE 1 TABLET BY MOUTH DAILY. HOLD FOR PULSE BELOW 50",
    ],
)
def test_a_hold_below_a_threshold_is_conditional_not_on_hold(text: str) -> None:
    (med,) = fields(text)
    assert "status" not in med
    assert flagged(text)


# --- a MAR's indication -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Voltaren Gel 1 % Apply 2 gram topically to right knee three times a day for arthritis pain",
        "Fentanyl Patch 72 Hour 12 MCG/HR Apply 1 patch transdermally every 72 hours for chronic pain",
        "Lidocaine Patch 4 % Apply 1 patch transdermally one time a day for chronic pain",
    ],
)
def test_a_scheduled_dose_for_a_pain_is_routine(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "as_needed" not in dosage
    assert ("freq" in dosage) and dosage["dose"][0] in (1, 2)


def test_an_interval_in_hours_for_pain_stays_as_needed() -> None:  # control
    (dosage,) = only_dosages("Tramadol 50 mg 1 tab po q6h for pain")
    assert dosage["as_needed"] is True


def test_a_home_nurse_is_no_drug() -> None:
    (med,) = fields("IDE à domicile pour injection SC de LOVENOX 6000 UI 1 fois par jour pendant 10 jours")
    assert med["drug"] == "LOVENOX"
    (dosage,) = med["dosages"]
    assert dosage["route"] == "subcutaneous" and dosage["bounds"] == [10, None, "d"]


# --- UK dispensing labels: the header's pack ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "freq", "period"),
    [
        ("Symbicort 200/6 Turbohaler x 1 — Inhale TWO puffs TWICE a day", [2, None], [1, None, "d"]),
        ("Enbrel 50mg pre-filled pen x 4 — Inject ONE pen under the skin ONCE a week", [1, None], [1, None, "wk"]),
    ],
)
def test_a_labels_pack_count_before_its_dash_is_no_frequency(text: str, freq: list, period: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == freq and dosage["period"] == period


@pytest.mark.parametrize(
    "text",
    [
        "Lactulose 3.3g/5ml oral solution sugar free x 300ml — Take 15ml TWICE a day",
        "Chloramphenicol 0.5% eye drops 10ml — Instil ONE drop into BOTH eyes TWICE a day for 5 days",
        "Timolol 0.25% eye drops 5ml — Instil ONE drop into BOTH eyes TWICE a day",
    ],
)
def test_a_labels_bottle_size_before_its_dash_is_no_dose(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"][0] in (15, 1) and dosage["freq"] == [2, None]


def test_a_count_times_a_frequency_before_a_dash_stays_a_frequency() -> None:  # control
    (dosage,) = only_dosages("Doliprane 1000 mg 1 cp x 3 - pendant 5 jours")
    assert dosage["freq"] == [3, None] and dosage["bounds"] == [5, None, "d"]


def test_an_insulin_cartridge_is_no_drug() -> None:
    (med,) = fields("Actrapid 100IU/ml Cartridge - 6 units SC TDS 30 min before meals")
    assert med["drug"] == "Actrapid"
    (dosage,) = med["dosages"]
    assert dosage["dose"] == [6, None, "iU"] and dosage["freq"] == [3, None]


@pytest.mark.parametrize(
    "text",
    ["Fourderm Cream 15g apply on the lesions twice daily x 10 days", "Diprosone crème 30 g : appliquer le soir"],
)
def test_a_creams_tube_size_before_apply_is_no_dose(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "dose" not in dosage


def test_a_small_mass_of_cream_stays_a_dose() -> None:  # control
    (dosage,) = only_dosages("Fucidin cream 2 g apply twice daily")
    assert dosage["dose"] == [2, None, "g"]


def test_hold_in_the_mouth_is_no_hold_order() -> None:
    (med,) = fields(
        "Mycostatin 100,000 units/ml x 30ml — Use 1ml FOUR times a day. Hold in the mouth before swallowing"
    )
    assert "status" not in med


def test_pr_after_a_tablet_is_its_release_not_the_rectum() -> None:
    (dosage,) = only_dosages("Glycomet 500 Tablet PR 1-0-1 after food")
    assert "route" not in dosage


# --- indications and caps -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Losartan Potassium Tablet 50 MG Give 1 tablet by mouth one time a day for HTN",
        "Escitalopram Oxalate Tablet 10 MG Give 1 tablet by mouth one time a day for depression (F32.9)",
        "Pregabalin 75 mg: 1 capsule by mouth twice a day, for diabetic neuropathy",
    ],
)
def test_what_a_scheduled_dose_is_for_is_an_instruction_not_a_word_lost(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["freq"][1] is None and "as_needed" not in dosage
    assert not flagged(text)


def test_a_hold_parameter_after_for_stays_flagged() -> None:  # control
    assert flagged("Amlodipine Besylate Tablet 10 MG Give 1 tablet by mouth one time a day. Hold for SBP < 100")


def test_a_cap_with_no_period_after_a_comma_is_no_second_dose() -> None:
    (dosage,) = only_dosages("Ramipril 2.5 mg 1 cap daily, max 10 mg")
    assert dosage["dose"] == [1, None, "capsule"]


def test_stat_x1_is_one_administration_not_once_a_day() -> None:
    (med,) = fields("Rocephin 1 GM inject 1 gram IM STAT x1 for suspected UTI")
    (dosage,) = med["dosages"]
    assert dosage["count"] == 1 and "freq" not in dosage and med["priority"] == "stat"


def test_soap_before_a_brand_is_its_form() -> None:
    (med,) = fields("Soap Acnestar use daily for face wash")
    assert med["drug"] == "Acnestar"


def test_a_count_times_a_frequency_before_a_columns_dash_stays_a_frequency() -> None:  # control
    (dosage,) = only_dosages("Tab. Cyclopam 1 x 3 - after meals - 3 days")
    assert dosage["dose"][0] == 1 and dosage["freq"] == [3, None]


@pytest.mark.parametrize("text", ["1 cap daily for a fortnight", "1 tab daily for a couple of days"])
def test_a_duration_no_rule_reads_after_for_stays_flagged(text: str) -> None:  # control
    assert flagged(text)


# --- wave 17 (measured unseen at the session's end) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("UVEDOSE 100 000 UI AMP | matin : 1 ampoule | midi : - | soir : - | coucher : -", ["MORN"]),
        ("SERESTA 10MG CPR | matin : - | midi : - | soir : - | coucher : 1 comprimé", ["HS"]),
    ],
)
def test_a_plans_empty_moment_column_is_no_moment(text: str, when: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["when"] == when


def test_caps_vagin_is_the_form_not_a_drug() -> None:
    meds = fields("GYNOPURA CAPS VAGIN | 1 capsule par voie vaginale le soir pendant 6 jour(s)")
    assert [m["drug"] for m in meds] == ["GYNOPURA"]


def test_one_day_in_two_before_a_clock_time_keeps_its_two() -> None:
    (dosage,) = only_dosages("ALDACTONE 25 mg cp : 1 cp 1 jour sur 2 à 9h")
    assert dosage["dose"] == [1, None, "tablet"] and dosage["period"] == [2, None, "d"]
    assert dosage["tod"] == ["09:00:00"]
