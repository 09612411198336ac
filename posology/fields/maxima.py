"""Maxima written as a count (``max 4/j``, ``no more than 4 a day``, ``max 5 doses in 24 hrs``):
how many tablets, or how much of a mass or a volume, they allow (CONVENTIONS §7)."""

from __future__ import annotations

from typing import overload

from posology.dosage import Dose, MaxDose, Quantity
from posology.units.registry import presentation_codes, quantity


def counting_doses(limit: Quantity, dose: Dose | None) -> Quantity:
    """A maximum written without a unit (``max 4/j``, ``no more than 4 a day``, ``2 max par
    prise``) counts doses: in a unit counted one by one (tablets, puffs) it is that many of
    them; with a mass or a volume it is that many doses of it (``Ibuprofène 400 mg 3x/j, max 3/j``
    → 1,200 mg, never 3 mg). With no dose unit, or a range of a mass (how much is one dose?),
    it stays unit-less."""
    if limit.unit is not None or dose is None or dose.low.unit is None:
        return limit
    unit = dose.low.unit
    if unit in presentation_codes():
        return quantity(limit.value, unit)
    if dose.high is not None:
        return limit
    return quantity(clean_number(limit.value * dose.low.value), unit)


def max_counting_doses(limit: MaxDose | None, dose: Dose | None, doses: bool = False) -> MaxDose | None:
    """``max 5 doses in 24 hrs``: a count of doses stays a count (how much is one dose is the
    dose's), but for a dose of one tablet, suppository, puff … (``max 3 doses``: 3 tablets)."""
    if limit is None:
        return None
    if doses and not (dose is not None and dose.high is None and dose.low.value == 1):
        return limit
    amount = counting_doses(limit.quantity, dose)
    return limit if amount is limit.quantity else MaxDose(amount, limit.per)


@overload
def clean_number(value: float) -> float: ...
@overload
def clean_number(value: float | None) -> float | None: ...
def clean_number(value: float | None) -> float | None:
    if value is None:
        return None
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value
