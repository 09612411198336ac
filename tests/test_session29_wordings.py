"""Wordings session 29 read (issue #12). Each case is a variant written here (not a gold line) of a
family read wrong or left silent; each test fails without the reading it checks (docs/decisions.md,
"Session 29 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

from tests.wording_support import fields, flagged, only_dosages

# --- the skin in an as-needed reason is no route: "1 cp si réaction cutanée" ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Polaramine 2 mg : 1/2 cp à faire fondre dans un peu d'eau si réaction cutanée",
        "Aerius 5 mg 1 cp en cas d'éruption cutanée",
        "Cétirizine 10 mg : 1 comprimé le soir si allergie cutanée",
    ],
)
def test_the_skin_of_a_reason_is_no_route(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage.get("as_needed") and "route" not in dosage


def test_a_route_to_the_skin_stays_with_a_skin_reason() -> None:  # control
    (dosage,) = only_dosages("Dermoval crème : 1 application sur la peau si poussée cutanée")
    assert dosage["route"] == "cutaneous" and dosage.get("as_needed")


# --- a route written before the next drug's name is that drug's ------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("S/C Insulatard 14u ON, S/C Actrapid 6u TDS 30min before meals", "subcutaneous", "subcutaneous"),
        ("Lasix 40mg OD, IV Pantoprazole 40mg OD", None, "intravenous"),
        ("Doliprane 1 g / 6h ; IV Perfalgan 1 g si douleur", None, "intravenous"),
    ],
)
def test_a_route_before_the_next_name_is_its(text: str, first: str | None, second: str) -> None:
    meds = fields(text)
    assert [d.get("route") for d in meds[0]["dosages"]] == [first]
    assert [d.get("route") for d in meds[1]["dosages"]] == [second]


def test_a_route_after_a_dose_stays_with_it() -> None:  # control
    meds = fields("Lasix 40mg OD PO, Pantoprazole 40mg OD")
    assert meds[0]["dosages"][0]["route"] == "oral" and "route" not in meds[1]["dosages"][0]


# --- "Oc." (oculentum) before a name is a form, never part of the name ----------------------------------


def test_oculentum_is_no_part_of_the_name() -> None:
    (med,) = fields("Oc. Fucithalmic 1% BD to both eyes x 1/52")
    assert med["drug"] == "Fucithalmic" and med["dosages"][0]["route"] == "ocular"


def test_oculentum_after_the_name_still_tells_an_eye() -> None:  # control: "RE" is the right eye
    (med,) = fields("Chloramphenicol 1% oc. 1cm RE qds x 7/7")
    assert med["drug"] == "Chloramphenicol" and med["dosages"][0]["route"] == "ocular"


# --- "max 2 prises par jour" after an as-needed dose that is not one unit: up to 2 times a day ----------


@pytest.mark.parametrize(
    ("text", "most", "period"),
    [
        ("Atarax 25 mg : 1/2 cp si prurit intense, max 2 prises par jour", 2, [1, None, "d"]),
        ("Calpol 7.5 ml if fever, max 4 doses in 24 hours", 4, [24, None, "h"]),
        ("Polaramine 2 mg : 1/2 cp si allergie, pas plus de 3 prises par jour", 3, [1, None, "d"]),
    ],
)
def test_a_count_of_intakes_of_a_part_dose_is_how_often(text: str, most: int, period: list) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == [1, most] and dosage["period"] == period and "max" not in dosage


@pytest.mark.parametrize(
    ("text", "maximum"),
    [
        (  # one suppository a time: the count of them
            "Doliprane 100 mg suppo : 1 suppositoire si fièvre, sans dépasser 4 prises par jour",
            [4, "suppository", 1, "d"],
        ),
        ("Paracetamol 120mg/5ml 5 ml every 6 hours if fever, max 4 doses in 24 hours", [4, None, 24, "h"]),
        ("GTN spray 1-2 sprays SL PRN chest pain, max 3 doses in 15 minutes", [3, None, 15, "min"]),
    ],
)
def test_a_count_of_intakes_stays_a_maximum(text: str, maximum: list) -> None:  # controls
    (dosage,) = only_dosages(text)
    assert dosage["max"] == maximum


# --- "[en cours]": a form's status of a treatment going on, no word left unread -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "INEXIUM 40 mg (comprimé) : 1 comprimé(s) 1 fois par jour. Voie : orale. [en cours]",
        "Kardégic 75 mg : 1 sachet par jour (en cours)",
    ],
)
def test_a_treatment_going_on_is_no_word_left_unread(text: str) -> None:
    (dosage,) = only_dosages(text)
    assert dosage["freq"] == [1, None] and not flagged(text)


def test_during_the_meal_stays_a_meal() -> None:  # control
    (dosage,) = only_dosages("Créon 25 000 : 1 gélule en cours de repas")
    assert dosage["when"] == ["C"]


# --- a form's empty name is no drug: "[médicament non renseigné]" -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[médicament non renseigné] (comprimé) : 1 comprimé 2 fois par jour. Voie : orale.",
        "(free-text medication - not on dm+d) | Give 1 tablet by mouth at night.",
    ],
)
def test_an_empty_name_is_no_drug(text: str) -> None:
    (med,) = fields(text)
    assert "drug" not in med or med["drug"] is None
    assert med["dosages"][0]["dose"] == [1, None, "tablet"]


def test_a_name_read_by_ocr_stays_a_name() -> None:  # control: a digit inside a word is no placeholder
    (med,) = fields("Atorvastat1ne 20mg 1 tab at night")
    assert med["drug"] == "Atorvastat1ne"
