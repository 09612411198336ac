"""Wordings the session-16 leftovers and blind rounds showed (issue #12). Each case is a variant
written here (not a gold line) of a family read wrong; each test fails without the reading it
checks (docs/decisions.md, "Session 16 readings")."""

from __future__ import annotations

import pytest

from tests.test_session11_wordings import meds, warnings


def _flagged(text: str, code: str) -> bool:
    return any(code in message for message in warnings(text))


# --- a line's label before its first drug: "Loading: Tab. …", "Premed (ward 3): Zofran …" ----------


@pytest.mark.parametrize(
    ("text", "drugs", "label"),
    [
        ("Loading: Tab. Ticagrel 180 mg stat, then 90 mg BD", ["Ticagrel"], "Loading"),
        ("Premed (ward 3): Zofran 4 mg IV x1, Phenergan 12.5 mg IV x1", ["Zofran", "Phenergan"], "Premed"),
        (
            "Advice at discharge: 1) Tab. Telmikind 40 1-0-0 2) Tab. Rosuvas 10 0-0-1",
            ["Telmikind", "Rosuvas"],
            "Advice",
        ),
        ("Sortie : Vogalène 7,5 mg 1 cp si nausées", ["Vogalène"], "Sortie"),
        ("Holiday supply: Tramal 50 mg 1 cap QDS PRN pain", ["Tramal"], "Holiday"),
    ],
)
def test_a_label_before_the_first_drug_names_no_drug_and_is_reported(text: str, drugs: list, label: str) -> None:
    assert [m.name for m in meds(text)] == drugs
    assert _flagged(text, f"Text not understood: '{label}'")  # the label's words: a pharmacist reads them


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Doliprane : 1 cp matin et soir", "Doliprane"),  # a drug, then its posology
        ("Metformin: Continue 500mg BD", "Metformin"),  # an everyday word after the colon is no drug
    ],
)
def test_a_drug_before_a_colon_stays_the_drug(text: str, drug: str) -> None:
    assert meds(text)[0].name == drug


# --- a daily total in a mass or units with no intake said: kept, flagged (§8) ----------------------


@pytest.mark.parametrize(
    "text",
    ["Baclofène 10 mg : 60 mg/j", "Cellcept 2 g/day", "Keppra 1500 mg par jour", "Lovenox 6000 UI/j pendant 10 jours"],
)
def test_an_amount_per_day_with_no_intake_said_is_kept_and_flagged(text: str) -> None:
    (dosage,) = meds(text)[0].dosages
    assert (dosage.timing.frequency, dosage.timing.period, dosage.timing.period_unit) == (1, 1, "d")
    assert _flagged(text, "W022")


@pytest.mark.parametrize(
    "text",
    [
        "Cortancyl 20 mg/j le matin",  # its time is said
        "Méthadone 40 mg/j en une prise",  # its one intake is said
        "Kardegic 75 mg 1 sachet par jour",  # a count of units: the dose is the count
        "Keppra 500 mg 2 fois par jour",  # how often is said
    ],
)
def test_an_amount_per_day_with_its_intake_said_is_not_flagged(text: str) -> None:
    assert not _flagged(text, "W022")


@pytest.mark.parametrize("text", ["Carbimazole 30 mg/day in divided doses", "Tégrétol 800 mg/j en plusieurs prises"])
def test_an_amount_per_day_said_divided_is_no_once_a_day_dose(text: str) -> None:
    assert all(d.dose is None and d.timing.frequency is None for d in meds(text)[0].dosages)
    assert _flagged(text, "W022")


# --- a French drug database's product words: "CPR ORODISPERS", "B/28", "SUSP PR PULV NASAL" ---------


@pytest.mark.parametrize(
    ("text", "strength", "dose"),
    [
        ("SPASFON LYOC 80 MG CPR ORODISPERS : 2 cp si douleur", (80, "mg"), (2, None)),
        ("KARDEGIC 75 MG PDR SOL BUV SACHET B/30 - 1 sachet le midi", (75, "mg"), (1, None)),
        ("LEVOTHYROX 50 µG CPR SECABLE B/90 - 1 cp le matin à jeun", (50, "ug"), (1, None)),
    ],
)
def test_database_product_words_and_box_sizes_are_no_drug_nor_dose(text: str, strength: tuple, dose: tuple) -> None:
    (med,) = meds(text)
    assert (med.strengths[0].value, med.strengths[0].unit) == strength
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.high) == dose


def test_pr_between_a_form_and_pulv_is_pour_not_rectal() -> None:
    (dosage,) = meds("AVAMYS 27,5 µG/DOSE SUSP PR PULV NASAL : 2 pulvérisations dans chaque narine le soir")[0].dosages
    assert dosage.route is not None and dosage.route.code == "20049000"  # EDQM nasal, never rectal


# --- a product's mass in an order not given, or taken as directed: its strength --------------------


@pytest.mark.parametrize(
    "text",
    [
        "Discontinue: atorvastatin 40 MG Oral Tablet",
        "HOLD: amlodipine 10 MG Oral Tablet until BP reviewed",
        "predniSONE (DELTASONE) 10 MG tablet Follow package directions",
    ],
)
def test_the_mass_of_a_product_not_given_is_its_strength(text: str) -> None:
    (med,) = meds(text)
    assert med.strengths and med.strengths[0].value in (40, 10)
    assert all(d.dose is None for d in med.dosages)


@pytest.mark.parametrize(
    "text",
    [
        "Fortum 1 g pdre pr sol inj | 1 fl IV toutes les 8 h",
        "Orocal 500 mg gran pr sol buv sach | 1 sach le soir",
    ],
)
def test_pr_after_a_powder_or_granules_is_pour_not_rectal(text: str) -> None:
    (dosage,) = meds(text)[0].dosages
    assert dosage.route is None or dosage.route.code != "20061000"  # EDQM rectal


def test_a_stop_order_with_an_administration_route_keeps_its_dose() -> None:
    (med,) = meds("DO NOT GIVE: Diclofenac 75 mg IM")
    assert med.do_not_perform and not med.strengths
    assert med.dosages[0].dose.low.value == 75


# --- a patch's wearing time, a count in brackets, the days not taken -------------------------------


def test_how_long_a_patch_is_worn_is_an_instruction_not_a_second_drug() -> None:
    text = "Lidoderm 5% patch: apply 1 patch to the painful area once daily. Remove and discard patch after 12 hours."
    (med,) = meds(text)  # one drug: never one named "Remove and discard"
    (dosage,) = med.dosages
    assert dosage.timing.bounds is None  # 12 hours is how long it is worn, not the course


def test_a_count_of_injections_in_brackets_is_the_count() -> None:
    (dosage,) = meds("Rocéphine 1 g : 1 injection IM par jour pendant 5 jours (5 injections au total)")[0].dosages
    assert dosage.timing.count == 5


@pytest.mark.parametrize(
    "text",
    [
        "Imeth 10 mg : 1 cp le mercredi. Ne pas prendre les autres jours.",
        "Methotrexate 2.5 mg: take 3 tablets on Fridays only, do not take on other days",
    ],
)
def test_the_other_days_not_taken_are_no_days_and_no_do_not_give(text: str) -> None:
    (med,) = meds(text)
    assert not med.do_not_perform
    assert len(med.dosages[0].timing.day_of_week) == 1


@pytest.mark.parametrize(
    "text", ["Methotrexate 10 mg tab 1 OD", "Novatrex 2,5 mg : 4 cp par jour", "Imeth 10 mg 1 cp le soir"]
)
def test_methotrexate_every_day_is_flagged(text: str) -> None:
    assert _flagged(text, "W023")


def test_methotrexate_once_a_week_is_not_flagged() -> None:
    assert not _flagged("Methotrexate 2.5 mg: take 4 tablets once weekly on Sundays", "W023")


# --- which drug an order concerns ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stopped"),
    [
        ("DIAMICRON 30 MG CPR LM : arrêter. Relais par JANUVIA 100 MG 1 cp le matin", "DIAMICRON"),
        ("Tab. Amlokind 5 - discontinue, start Tab Telmikind 40 1-0-0", "Amlokind"),
        ("Doliprane 1 g x3/j. STOP Ibuprofène", "Ibuprofène"),
    ],
)
def test_a_stop_verb_concerns_the_drug_of_its_own_clause(text: str, stopped: str) -> None:
    found = meds(text)
    assert [m.name for m in found if m.status == "stopped"] == [stopped]
    assert all(m.status != "stopped" for m in found if m.name != stopped)


@pytest.mark.parametrize("text", ["Tab. Janumet 50/500 - HOLD (NBM for surgery)", "Gliclazide 80 mg - HOLD while NPO"])
def test_why_a_drug_is_held_is_no_drug(text: str) -> None:
    assert len(meds(text)) == 1 and meds(text)[0].status == "on-hold"


# --- eyes, ears, slots -----------------------------------------------------------------------------


def test_an_eye_after_collyre_is_the_site_not_a_drug() -> None:
    (med,) = meds("Chibro-Cadron collyre OG : 1 goutte 3 fois par jour pendant 7 jours")
    assert med.name == "Chibro-Cadron"
    assert med.dosages[0].route is not None and med.dosages[0].route.code == "20051000"  # EDQM ocular


def test_an_ear_is_never_read_as_an_eye_by_a_near_tie() -> None:
    (dosage,) = meds("Sofradex 3 drops into left ear TDS")[0].dosages
    assert dosage.route is None or dosage.route.code != "20051000"


def test_a_slot_layout_of_zeros_is_flagged() -> None:
    assert _flagged("Tab. Vertin 16 0-0-0 x 5 days", "W023")


# --- Indian columns: "Syp. Calpol 250 - 5 ml", "60K", "minimum gap 6 hrs" ---------------------------


@pytest.mark.parametrize(
    ("text", "strength", "dose"),
    [
        ("Syp. Crocin 240 - 5 ml - SOS for fever", 240, (5, "mL")),
        ("Rotacap Budecort 400 - 1 cap BD", 400, (1, "capsule")),
    ],
)
def test_a_bare_strength_then_a_column_dash_is_no_inverted_range(text: str, strength: int, dose: tuple) -> None:
    (med,) = meds(text)
    assert med.strengths[0].value == strength and med.strengths[0].unit is None
    (dosage,) = med.dosages
    assert (dosage.dose.low.value, dosage.dose.low.unit, dosage.dose.high) == (*dose, None)


def test_a_glued_k_after_a_vitamin_d_brand_is_thousands() -> None:
    (med,) = meds("Sachet D-Rise 60K 1 sachet once a week x 8 weeks")
    assert med.strengths[0].value == 60000


def test_a_minimum_gap_after_sos_is_the_shortest_interval() -> None:
    (dosage,) = meds("Syp. Meftal-P 100 - 5 ml SOS, minimum gap 6 hrs")[0].dosages
    assert (dosage.timing.frequency, dosage.timing.period, dosage.timing.period_unit) == (1, 6, "h")
    assert dosage.as_needed


@pytest.mark.parametrize(
    "text",
    [
        "DO NOT GIVE: DICLOFENAC (NSAID) - RENAL IMPAIRMENT",
        "STOP Lisinopril 10mg OD - AKI (creat 240)",
        "Naproxène | ne pas donner (IRC)",
    ],
)
def test_the_reason_of_an_order_is_no_second_drug(text: str) -> None:
    assert len(meds(text)) == 1


@pytest.mark.parametrize(
    ("text", "drugs"),
    [
        ("Tab Janumet 50/500 1-0-1 after meals, Tab Amaryl 1 1-0-0 before breakfast", ["Janumet", "Amaryl"]),
        (
            "Tab. Ecosprin 75 -- 0-1-0 -- After lunch | Tab. Rozavel 10 -- 0-0-1 -- After dinner",
            ["Ecosprin", "Rozavel"],
        ),
    ],
)
def test_each_drug_of_an_indian_column_line_keeps_its_own_slots(text: str, drugs: list) -> None:
    found = meds(text)
    assert [m.name for m in found] == drugs
    assert all(len(m.dosages) == 1 and m.dosages[0].dose.low.value == 1 for m in found)


@pytest.mark.parametrize("text", ["ZYRTEC 10 MG CPR : 1-0-0 le soir", "Tab Stemetil 5 0-0-1 in the morning"])
def test_slots_and_a_moment_that_disagree_are_flagged(text: str) -> None:
    assert _flagged(text, "W023")


@pytest.mark.parametrize("text", ["Tab Pantop 40 1-0-0 before breakfast", "Tab Ecosprin 75 0-1-0 after lunch"])
def test_slots_and_a_moment_that_agree_are_not_flagged(text: str) -> None:
    assert not warnings(text)


# --- wave 3: numbered items, hh:mm lists, brand letters, labels with a dash -------------------------


@pytest.mark.parametrize(
    "text", ["3. Tab. Shelcal 500 0-1-0 after lunch x 1 month", "12. Syp. Cremaffin 15 ml HS x 10 days"]
)
def test_a_numbered_item_opening_the_line_is_no_dose(text: str) -> None:
    (med,) = meds(text)
    assert len(med.dosages) == 1
    assert not warnings(text)


def test_a_list_of_clock_times_after_a_label_keeps_the_first() -> None:
    text = "TRAMADOL 50 mg gél | Dose : 1 gélule | Horaires : 06:00, 12:00, 18:00, 00:00 | Voie : orale"
    (dosage,) = meds(text)[0].dosages
    assert len(dosage.timing.time_of_day) == 4


def test_a_capital_l_hyphened_to_a_brand_word_is_no_litre() -> None:
    (med,) = meds("Cap. Doxy-1 L-DR Forte 0-0-1 after dinner x 10 days")
    assert med.dosages[0].dose.low.unit == "capsule"


def test_a_bare_pair_after_a_brand_letter_is_the_strengths() -> None:
    (med,) = meds("Tab. Galvus M 50/500 1-0-1 after food")
    assert med.name == "Galvus M" and [s.value for s in med.strengths] == [50, 500]


def test_a_possessive_product_line_is_part_of_the_name() -> None:
    assert meds("Children's Motrin 100 mg/5 mL: 5 mL po q6h prn fever")[0].name == "Children's Motrin"


def test_a_label_before_a_dash_names_no_drug() -> None:
    (med,) = meds("URGENT — AMIODARONE 150 mg/3 mL amp. | Dose : 300 mg | Voie : IV")
    assert med.name == "AMIODARONE" and med.dosages[0].dose.low.value == 300


def test_when_a_patch_comes_off_is_no_clock_time() -> None:
    (dosage,) = meds("Nicopatch 21 mg/24 h : 1 patch à 7h, à retirer à 22h")[0].dosages
    assert [t for t in dosage.timing.time_of_day] == ["07:00:00"]


def test_a_drug_word_is_never_part_of_a_linked_route() -> None:
    (med,) = meds("BETADINE SCRUB 4 % sol. | Dose : 1 application | Fréquence : 1 fois par jour")
    assert med.name is not None and med.name.startswith("BETADINE")


@pytest.mark.parametrize(
    "text",
    [
        "CEFAZOLINE 2 g | Dose : 2 g | Fréquence : toutes les 8 heures | Voie : IV | Durée de perfusion : 30 min",
        "Meropenem 1 g IV every 8 hours, infusion time: 3 h",
    ],
)
def test_a_labelled_infusion_time_is_no_course_nor_a_second_dose(text: str) -> None:
    (med,) = meds(text)
    (dosage,) = med.dosages
    assert dosage.timing.bounds is None and not dosage.timing.time_of_day
    assert not _flagged(text, "W008")


def test_a_labelled_minimum_interval_and_count_of_administrations_are_read() -> None:
    text = "DOLIPRANE 1000 mg cp | Dose : 1 comprimé | Si besoin : douleur | Intervalle minimum entre 2 prises : 6 h"
    (dosage,) = meds(text)[0].dosages
    assert (dosage.timing.frequency, dosage.timing.period, dosage.timing.period_unit) == (1, 6, "h")
    (dosage,) = meds("VENOFER 20 mg/mL | Dose : 200 mg | Voie : IV | Nombre d'administrations : 3")[0].dosages
    assert dosage.timing.count == 3


@pytest.mark.parametrize(
    "text",
    [
        "Pantoprazole 40 mg 1 po bid, amoxicillin 1 g 1 po bid, metronidazole 500 mg 1 po bid -- all x 10 days",
        "Ogast 30 mg matin et soir, Clamoxyl 1 g matin et soir, Flagyl 500 mg matin et soir, le tout pendant 7 jours",
    ],
)
def test_a_course_said_to_be_every_drugs_is_every_drugs(text: str) -> None:
    found = meds(text)
    assert len(found) == 3 and all(m.dosages[0].timing.bounds is not None for m in found)


def test_due_to_after_a_stopped_drug_is_its_reason() -> None:
    assert (
        meds("Discontinue atorvastatin d/t myalgia. Start rosuvastatin 5 mg 1 tab po daily")[0].name == "atorvastatin"
    )


def test_a_name_that_only_contains_the_letters_of_a_weekly_brand_is_not_flagged() -> None:
    assert not _flagged("Dimethicone 40 mg 1 cp par jour", "W023")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Beconase aqueous nasal spray 2 sprays each nostril BD", "Beconase"),
        ("Dexeryl baume : 1 application par jour", "Dexeryl"),
    ],
)
def test_presentation_words_after_a_brand_are_no_part_of_its_name(text: str, name: str) -> None:
    assert meds(text)[0].name == name


def test_a_total_restated_after_ie_is_no_daily_total_to_flag() -> None:
    assert not _flagged("Tegretol 200 mg 1-0-2 ie 600 mg/j", "W022")


def test_a_thousands_strength_then_a_column_dash_keeps_both() -> None:
    (med,) = meds("Sachet D-Rise 60K - 1 sachet once a week x 8 weeks")
    assert med.strengths[0].value == 60000
    assert (med.dosages[0].dose.low.value, med.dosages[0].dose.high) == (1, None)
