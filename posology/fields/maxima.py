"""Maxima written as a count (``max 4/j``, ``no more than 4 a day``, ``max 5 doses in 24 hrs``):
how many tablets, or how much of a mass or a volume, they allow (CONVENTIONS §7)."""

from __future__ import annotations

from dataclasses import replace
from typing import overload

from posology.dosage import Dose, MaxDose, Quantity, Timing
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


def intakes_as_frequency(
    limit: MaxDose | None, doses: bool, dose: Dose | None, timing: Timing, as_needed: bool
) -> tuple[MaxDose | None, Timing]:
    """``1/2 cp si prurit intense, max 2 prises par jour``: a count of intakes capping an
    as-needed dose with no rhythm of its own, when the dose is not one unit (a count of half
    tablets would stay a unit-less "2"), is how often it may be taken: up to N times in the
    period (frequency 1, frequencyMax N), as ``jusqu'à 2 fois par jour`` (CONVENTIONS §7). Only a
    day's cap of one fixed dose: a dose of one tablet keeps its count of tablets (``max 4 prises
    par jour`` → 4 tablets a day), a range or a shorter period its count of doses (``1-2 sprays
    PRN, max 3 doses in 15 mins``)."""
    if (
        not (doses and as_needed and limit is not None and dose is not None)
        or limit.quantity.unit is not None
        or dose.high is not None
        or dose.low.value == 1
        or (limit.per.value, limit.per.unit) not in ((1, "d"), (24, "h"))
        or not float(limit.quantity.value).is_integer()
        or limit.quantity.value < 2
        or timing.frequency is not None
        or timing.period is not None
        or timing.when
        or timing.time_of_day
        or timing.count is not None
    ):
        return limit, timing
    every = (limit.per.value, limit.per.unit)
    return None, replace(
        timing, frequency=1, frequency_max=int(limit.quantity.value), period=every[0], period_unit=every[1]
    )


@overload
def clean_number(value: float) -> float: ...
@overload
def clean_number(value: float | None) -> float | None: ...
def clean_number(value: float | None) -> float | None:
    if value is None:
        return None
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value
