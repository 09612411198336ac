"""Wordings session 24 read (issue #12). Each case is a variant written here (not a gold line) of a
family read wrong or left silent; each test fails without the reading it checks (docs/decisions.md,
"Session 24 readings"), except the controls (a reading kept from moving)."""

from __future__ import annotations

import pytest

import posology
from tests.wording_support import fields

# --- a drug left with no dosage beside a drug that has one ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Paracetamol + Ibuprofen 1 tab TDS", "Doliprane + Spasfon 2 cp 3 fois par jour"],
)
def test_a_drug_with_no_dosage_beside_a_dosed_one_is_flagged(text: str) -> None:
    result = posology.structure(text)
    meds = fields(text)
    assert len(meds) == 2 and not meds[0]["dosages"] and meds[1]["dosages"]
    undosed = [i for i in result.review_reasons if "no dosage for this drug" in i.message]
    assert [i.medication for i in undosed] == [0]
    assert result.needs_review


@pytest.mark.parametrize(
    "text",
    ["STOP Amlodipine; START Lercan 10 mg 1 cp le matin", "Amlodipine 5 mg, Ramipril 10 mg"],
)
def test_a_stopped_drug_or_a_list_without_doses_is_not_that_warning(text: str) -> None:  # controls
    assert not [i for i in posology.structure(text).review_reasons if "no dosage for this drug" in i.message]
