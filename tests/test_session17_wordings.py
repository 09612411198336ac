"""Wordings the session-17 blind rounds showed (issue #12): UK dispensing labels (quantity columns,
cautionary sentences, device doses), plans headed by a moment or a clock time, kit labels, dates
with a month's name, surgical discharges. Each case is a variant written here (not a gold line) of
a family read wrong; each test fails without the reading it checks (docs/decisions.md, "Session 17
readings")."""

from __future__ import annotations

import pytest

from tests.wording_support import fields, flagged, only_dosages

# --- a UK label's quantity column: the pack supplied, never a second dose --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cefalexin 500mg capsules  Take ONE capsule FOUR times a day until finished  28 capsules",
        "Lansoprazole 30mg capsules   28   Take ONE capsule each morning before food",
        "Sertraline 50mg tablets  30  Take ONE tablet daily",
        "Aqueous cream   1 x 500g   Apply to the skin TWICE a day",
        "Salbutamol 100micrograms/dose inhaler   1 x 200 dose   Inhale TWO puffs when required",
    ],
)
def test_a_labels_quantity_column_is_no_dose(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage.get("dose") in ([1, None, "capsule"], [1, None, "tablet"], [2, None, "puff"], None)
    assert "count" not in dosage and "bounds" not in dosage
    assert not flagged(text)  # the column is read: the pack supplied


def test_a_quantity_column_before_the_patients_name_and_date_is_no_dose() -> None:
    (dosage,) = only_dosages("Ramipril 5mg capsules  Take ONE capsule ONCE a day  28 capsules  Mrs A Patel  02/05/26")
    assert dosage == {"dose": [1, None, "capsule"], "freq": [1, None], "period": [1, None, "d"]}


def test_a_count_after_a_single_space_is_still_read() -> None:
    dosages = only_dosages("Amoxicillin 500mg capsules Take ONE capsule THREE times a day 21 capsules at night")
    assert [d.get("dose") for d in dosages][-1] == [21, None, "capsule"]  # no column: read, and flagged
    assert flagged("Amoxicillin 500mg capsules Take ONE capsule THREE times a day 21 capsules at night")


# --- "with or after food": with food inside the direction; the label's own sentence is advice ------


def test_with_or_after_food_inside_the_direction_is_with_food() -> None:
    (dosage,) = only_dosages("Diclofenac 50mg tablets  Take ONE tablet THREE times a day with or after food")
    assert dosage["when"] == ["C"]


@pytest.mark.parametrize(
    "text",
    [
        "Diclofenac 50mg tablets  Take ONE tablet THREE times a day. Take with or just after food, or a meal",
        "Prednisolone 5mg tablets  Take SIX tablets each morning. Take with or after food",
    ],
)
def test_with_or_after_food_as_its_own_sentence_is_advice(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert not {"C", "PC"} & set(dosage.get("when", []))


# --- a device's doses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Fostair 100/6 inhaler  Inhale TWO doses TWICE a day", [2, None, "puff"]),
        ("Avamys nasal spray  Spray ONE dose into each nostril ONCE a day", [1, None, "puff"]),
        ("Relvar Ellipta 92/22  Use ONE dose ONCE a day", [1, None, "puff"]),
    ],
)
def test_a_devices_doses_are_puffs(text: str, dose: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == dose and "count" not in dosage


def test_a_renderers_unit_less_doses_stay_unit_less() -> None:
    (dosage,) = only_dosages("SERETIDE 250/25 µg/dose — Inhaler 2 doses par voie inhalée, matin et soir.")
    assert dosage["dose"] == [2, None, None]


# --- the end of a course is no stop order -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Prednisolone 5mg tablets  Take FOUR tablets daily for 5 days, then TWO tablets daily for 5 days and stop",
        "Solupred 20 mg : 2 cp le matin pendant 5 jours et arrêter",
    ],
)
def test_and_stop_after_the_last_duration_ends_the_course(text: str) -> None:
    (med,) = fields(text)
    assert "status" not in med


def test_a_stop_order_naming_a_drug_stays_a_stop() -> None:
    assert fields("STOP aspirin")[0]["status"] == "stopped"


# --- names: "your", "replaced by", a flavour, a kit's label ----------------------------------------


def test_your_before_a_drug_is_no_part_of_its_name() -> None:
    meds = fields(
        "Erythromycin 250mg tablets  Take TWO tablets TWICE a day. Do not take your atorvastatin while taking this"
    )
    assert meds[1]["drug"] == "atorvastatin" and meds[1]["do_not_perform"] is True


def test_replaced_by_is_no_part_of_the_new_drugs_name() -> None:
    meds = fields(
        "Bendroflumethiazide 2.5mg tablets - DISCONTINUED, replaced by Indapamide 2.5mg tablets   28   Take ONE tablet"
        " each morning"
    )
    assert [m["drug"] for m in meds] == ["Bendroflumethiazide", "Indapamide"]
    assert meds[1]["dosages"] == [{"dose": [1, None, "tablet"], "when": ["MORN"]}]


def test_a_flavour_after_the_form_is_no_drug() -> None:
    (med,) = fields("Peptac liquid peppermint   1 x 500ml   Take 10ml to 20ml after meals")
    assert med["drug"] == "Peptac" and med["dosages"][0]["dose"] == [10, 20, "mL"]


@pytest.mark.parametrize(
    ("text", "drugs"),
    [
        ("Eradication pack - Omeprazole 20mg ONE bd, Metronidazole 400mg ONE bd", ["Omeprazole", "Metronidazole"]),
        ("Webster pak - Metoprolol 50mg ½ mane ½ nocte", ["Metoprolol"]),
    ],
)
def test_a_kits_label_names_no_drug_and_is_read(text: str, drugs: list) -> None:
    assert [m["drug"] for m in fields(text)] == drugs
    assert not flagged(text)


def test_a_kits_duration_in_its_label_is_every_drugs() -> None:
    meds = fields("Triple therapy x 14 days: Esomeprazole 20mg ONE bd, Amoxicillin 1g ONE bd")
    assert [m["dosages"][0]["bounds"] for m in meds] == [[14, None, "d"], [14, None, "d"]]


# --- a plan headed by moments or clock times ------------------------------------------------------


def test_moment_headers_head_the_drugs_after_them() -> None:
    meds = fields("Matin : Amlor 5 mg 1 gél, Lasilix 40 mg 1 cp ; Soir : Tahor 10 mg 1 cp, Seresta 10 mg 1 cp")
    assert [m["dosages"][0]["when"] for m in meds] == [["MORN"], ["MORN"], ["EVE"], ["EVE"]]


def test_a_rounds_label_and_clock_time_head_every_drug() -> None:
    meds = fields("Tournée 8h00 : Levothyrox 50 µg 1 cp, Inexium 20 mg 1 cp, Kardégic 75 mg 1 sachet")
    assert [m["dosages"][0]["tod"] for m in meds] == [["08:00:00"]] * 3


def test_clock_time_headers_head_the_drugs_after_them() -> None:
    meds = fields("07h : Modopar 125 1 gél | 13h : Modopar 62,5 1 gél | 19h : Sinemet 100 1 cp")
    assert [m["dosages"][0]["tod"] for m in meds] == [["07:00:00"], ["13:00:00"], ["19:00:00"]]


def test_a_form_then_a_number_word_is_a_dose() -> None:
    meds = fields("NIGHT: Simvastatin 20mg tablet ONE, Amitriptyline 10mg tablet TWO.")
    assert [m["dosages"][0]["dose"] for m in meds] == [[1, None, "tablet"], [2, None, "tablet"]]


def test_twelve_noon_is_a_clock_time() -> None:
    (dosage,) = only_dosages("Ritalin 10mg tablets  Take ONE tablet at 7am and ONE tablet at 12 noon")
    assert dosage["tod"] == ["07:00:00", "12:00:00"]


# --- a label's cautionary sentences are advice ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Promethazine 25mg tablets  Take ONE tablet at night. Warning: May cause drowsiness. If affected do not drive.",
        "Fusidic acid 1% eye drops  Instil ONE drop into BOTH eyes TWICE a day  Discard 4 weeks after opening",
        "Miconazole 2% cream  Apply TWICE a day. Continue for 10 days after the rash has gone.",
        "Beclometasone 100 inhaler  Inhale TWO puffs TWICE a day. Use regularly even when you feel well.",
        "Xalatan eye drops  Instil ONE drop into the LEFT eye at night. Store unopened bottles in the fridge.",
    ],
)
def test_a_labels_cautions_set_no_field(text: str) -> None:
    (med,) = fields(text)
    (dosage,) = med["dosages"]
    assert "as_needed" not in dosage and "bounds" not in dosage


# --- a date with its month's name -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nitrofurantoin 100 mg capsule: 1 capsule twice a day until Apr 14",
        "Jardiance 10 mg tablet: Starting Tuesday, Jun 2, 2026: 1 tablet every morning",
    ],
)
def test_a_month_date_is_no_day_of_the_week(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "dow" not in dosage


# --- days heading their doses --------------------------------------------------------------------


def test_days_heading_their_doses_keep_their_own_clock_times() -> None:
    (med,) = fields("Warfarin 3 mg: Every Tuesday: 2 tablets at 5:00 PM; Every Wednesday: 1 tablet at 6:00 PM")
    assert med["strength"] == [[3, "mg"]]
    assert [(d["dow"], d["tod"]) for d in med["dosages"]] == [(["tue"], ["17:00:00"]), (["wed"], ["18:00:00"])]


# --- stops, holds and do-not-give ------------------------------------------------------------------


def test_a_stop_after_a_posologys_dash_names_the_next_drug() -> None:
    meds = fields("Co-codamol 30/500 2 tabs qds prn - stop Tramadol")
    assert [(m["drug"], m.get("status")) for m in meds] == [("Co-codamol", None), ("Tramadol", "stopped")]


def test_do_not_restart_until_is_a_hold_of_the_drug_before() -> None:
    (med,) = fields("Ramipril - do not restart until potassium rechecked")
    assert med["drug"] == "Ramipril" and med["status"] == "on-hold"


def test_ne_pas_reprendre_avant_is_a_hold() -> None:
    assert fields("Metformine : ne pas reprendre avant 48 h après l'injection de contraste")[0]["status"] == "on-hold"


@pytest.mark.parametrize(
    "text", ["Ne pas prendre de Kardégic ni de Plavix avant l'intervention", "Ne pas donner d'AINS ni d'ASPIRINE"]
)
def test_ni_names_a_second_drug_not_to_give(text: str) -> None:
    meds = fields(text)
    assert len(meds) == 2 and all(m.get("do_not_perform") or m.get("status") for m in meds)


# --- values ----------------------------------------------------------------------------------------


def test_an_inverted_roman_range_is_flagged() -> None:
    assert flagged("Tramadol 50mg ii-i caps 6 hrly prn pain")


def test_a_heaped_teaspoon_is_a_teaspoon() -> None:
    (dosage,) = only_dosages("Fybogel 1 level teaspoon in water twice daily")
    assert dosage["dose"] == [1, None, "teaspoon"]


def test_two_numbers_side_by_side_are_no_interval_range() -> None:
    text = "Oflocet 200 mg : 1 cp toutes les 1 2 heures pendant 5 jours"
    dosages = only_dosages(text)
    assert dosages[0].get("period") != [1, 2, "h"] or flagged(text)
    assert flagged(text)


def test_a_glass_and_its_volume_is_an_instruction() -> None:
    (dosage,) = only_dosages(
        "Laxido sachets  Dissolve ONE sachet in a glass (about 125ml) of water and take ONCE a day"
    )
    assert dosage["dose"] == [1, None, "sachet"] and dosage["freq"] == [1, None]


# --- a surgical discharge: sites on the skin, a start day --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Biafine : 1 application sur la cicatrice 2 fois par jour",
        "Voltarène Emulgel : 1 application sur la cheville matin et soir",
    ],
)
def test_a_skin_site_is_the_cutaneous_route(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["route"] == "cutaneous"


@pytest.mark.parametrize(
    "text", ["Innohep 4500 UI : 1 inj SC le soir dès J1", "Aspirine 100 mg : 1 sachet par jour à partir de J2"]
)
def test_a_start_day_is_no_duration(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert "bounds" not in dosage


# --- a UK GP list's columns: a small count with its singular unit word, packs of pens, issue stamps ---


@pytest.mark.parametrize(
    ("text", "dosage"),
    [
        (
            "Ibandronic acid 150mg tablets  ONE monthly on the 1st  1 tablet",
            {"dose": [1, None, "tablet"], "freq": [1, None], "period": [1, None, "mo"]},
        ),
        (
            "Cyanocobalamin 1mg/1ml injection ampoules  1mg IM every 3 months  2 ampoule",
            {"dose": [1, None, "mg"], "freq": [1, None], "period": [3, None, "mo"], "route": "intramuscular"},
        ),
        (
            "Lantus SoloStar 100units/ml  Inject 14 units subcutaneously at night  5 x 3ml",
            {"dose": [14, None, "iU"], "when": ["NIGHT"], "route": "subcutaneous"},
        ),
    ],
)
def test_a_gp_lists_last_column_is_the_pack(text: str, dosage: dict) -> None:
    assert only_dosages(text) == [dosage]


def test_a_gp_lists_issue_stamp_and_item_kind_are_read() -> None:
    text = "Acute  Cetirizine 10mg tablets  ONE daily  30 tablet  Last issued 12-Mar-2026"
    (med,) = fields(text)
    assert med["drug"] == "Cetirizine" and not flagged(text)


# --- French pharmacy labels: an effervescent's abbreviation, a bottle's or a tube's size, a maximum
# written before its word; an ordonnance's supply after the last drug --------------------------------


def test_an_effervescent_abbreviation_is_no_second_drug() -> None:
    (med,) = fields("DOLIPRANE 500 MG CPR EFFV   1 à 2 cp toutes les 6 h si besoin")
    assert med["strength"] == [[500, "mg"]] and med["dosages"][0]["dose"] == [1, 2, "tablet"]


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("DEBRIDAT 4,8 MG/ML SUSP BUV   10 ml matin et soir   FL/250ML", [10, None, "mL"]),
        ("DIPROSONE 0,05 % CREME T/30G   1 application par jour", [1, None, "application"]),
    ],
)
def test_a_bottle_or_tube_size_is_no_dose(text: str, dose: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["dose"] == dose


def test_a_maximum_written_before_its_word_is_no_frequency() -> None:
    (dosage,) = only_dosages("Motilium 10 mg 1 cp si nausées, 3/j max")
    assert "freq" not in dosage and dosage["max"] == [3, "tablet", 1, "d"]


def test_an_ordonnances_supply_after_the_last_drug_is_every_drugs() -> None:
    meds = fields("Amlor 5 1 gél/j, Tahor 20 1 cp le soir - QSP 3 mois AR 3 fois")
    assert [(m.get("supply"), m.get("refills")) for m in meds] == [([3, "mo"], 3), ([3, "mo"], 3)]


def test_a_supply_said_with_the_last_drug_stays_its_own() -> None:
    meds = fields("Doliprane 1 g 1 cp x3/j, Kardegic 75 1 sachet/j QSP 3 mois")
    assert "supply" not in meds[0] and meds[1]["supply"] == [3, "mo"]


def test_a_products_age_band_is_no_second_drug() -> None:
    (med,) = fields("NUROFENPRO 20 MG/ML SUSP BUV ENFANTS ET NOURRISSONS   1 dose-poids 3 fois par jour")
    assert med["drug"] == "NUROFENPRO" and med["dosages"][0]["freq"] == [3, None]
