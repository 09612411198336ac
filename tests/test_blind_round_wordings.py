"""Wordings the session-9 blind rounds showed (issues #12 and #13). Each case is a variant written
here (not a gold line) of a family a round read wrong; each test fails without the reading it
checks (docs/decisions.md, "Session 9 readings")."""

from __future__ import annotations

import pytest

import posology


def meds(text: str):
    return posology.structure(text).prescription.medications


# --- brand names that start with a number word ----------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("UN-ALFA 0,5 µg capsule - 1 caps le soir", "UN-ALFA"),  # hyphened: any capitalised word
        ("One-Alpha 250 nanogram capsules, one daily", "One-Alpha"),
        ("UN ALFA 1 µg 1 capsule le matin", "UN ALFA"),  # spaced: only a known drug name
    ],
)
def test_a_number_word_opening_a_brand_is_part_of_its_name(text: str, name: str) -> None:
    (med,) = meds(text)
    assert med.name == name
    assert [d.dose.low.value for d in med.dosages] == [1]


def test_a_number_word_before_an_unknown_name_stays_a_number() -> None:
    (med,) = meds("ONE-HALF tab OD")
    assert med.name is None and med.dosages[0].dose.low.value == 0.5
