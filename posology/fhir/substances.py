"""The substances of a coded drug, for ``Medication.ingredient.item``.

The ingredient of a Medication is a *substance*, not the drug's brand name. When the drug
is coded with the French drug database (BDPM), the code says which substances it holds:

- a CIS code (a specialty): its labelled active substances, from the BDPM compositions
  (``terminologies/bdpm/compositions.csv.gz``, one labelled row per substance);
- an ANSM substance code (``paracétamol``): that substance.

Each strength written on the line is paired with the one substance whose labelled strength
it equals after unit conversion (``FORTZAAR 100/25mg`` → losartan 100 mg,
hydrochlorothiazide 25 mg), or with the only substance of a one-substance drug; the
substances no strength names are listed without a strength (``Bactrim 400 mg`` →
sulfaméthoxazole 400 mg, triméthoprime). A strength that pairs with no substance, or with
two of them (``Spasfon 80 mg``: two substances of 80 mg), keeps the drug name as its item,
as the line says; the substances are then not listed apart (the Medication would count one
constituent twice). Read-only use of :mod:`posology.linking` (loaded only when a drug is
coded).

>>> from posology.dosage import Quantity
>>> from posology.linking.drugs import CIS_SYSTEM
>>> [(s.name, q) for s, q in ingredients((Quantity(1000, "mg"),), (Coding(CIS_SYSTEM, "60234100"),))]
[('PARACÉTAMOL', Quantity(value=1000, unit='mg', system=None, code=None, display=None))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from posology.dosage import Coding, Quantity

__all__ = ["Substance", "ingredients", "substances_of"]


@dataclass(frozen=True)
class Substance:
    """An active substance of a coded drug: its ANSM code and name, and its labelled strength
    (``value`` in gold unit key ``unit``) when the database gives one."""

    system: str
    code: str
    name: str
    value: float | None = None
    unit: str | None = None


def substances_of(codings: Sequence[Coding]) -> tuple[Substance, ...]:
    """The substances the first BDPM coding of ``codings`` names (empty when none is BDPM)."""
    if not codings:
        return ()
    from posology.linking.drugs import CIS_SYSTEM, SUBSTANCE_SYSTEM

    for coding in codings:
        if coding.system == CIS_SYSTEM:
            return _specialty_substances(coding.code)
        if coding.system == SUBSTANCE_SYSTEM:
            return (Substance(SUBSTANCE_SYSTEM, coding.code, _substance_name(coding)),)
    return ()


def ingredients(
    strengths: Sequence[Quantity], codings: Sequence[Coding]
) -> list[tuple[Substance | None, Quantity | None]]:
    """(substance, strength) pairs: the written strengths in order, each with its substance
    or ``None``; then, when every strength found its substance, the other substances with
    ``None`` as strength."""
    found = list(substances_of(codings))
    pairs: list[tuple[Substance | None, Quantity | None]] = []
    for strength in strengths:
        matches = [s for s in found if _same(strength, s)]
        if not matches and len(found) == 1 and len(strengths) == 1:
            matches = found[:]  # a one-substance drug: its strength, whatever the unit
        substance = matches[0] if len(matches) == 1 else None
        if substance is not None:
            found.remove(substance)
        pairs.append((substance, strength))
    if any(substance is None for substance, _ in pairs):
        return pairs
    return pairs + [(substance, None) for substance in found]


def _same(strength: Quantity, substance: Substance) -> bool:
    from posology.linking.drugs_text import canonical_strength, same_strength

    if substance.value is None:
        return False
    labelled = canonical_strength(substance.value, substance.unit)
    units = (strength.unit,) if strength.unit else ("mg", "ug", "g", "iU", "%")  # a bare number
    readings = (canonical_strength(strength.value, unit) for unit in units)
    return labelled is not None and any(r is not None and same_strength(r, labelled) for r in readings)


def _substance_name(coding: Coding) -> str:
    from posology.linking.drugs import DrugLinker

    substance = DrugLinker.load().table.substances.get(coding.code)
    return substance.name if substance else (coding.display or coding.code)


@lru_cache(maxsize=16_384)  # bounded: a caller's Bundle may carry any code
def _specialty_substances(cis: str) -> tuple[Substance, ...]:
    """A CIS code's labelled substances (the linker's table, loaded once), one CIS code at a time."""
    from posology.linking.drugs import SUBSTANCE_SYSTEM, DrugLinker

    specialty = DrugLinker.load().table.specialties.get(cis)
    if specialty is None:
        return ()
    return tuple(Substance(SUBSTANCE_SYSTEM, i.code, i.name, i.value, i.unit) for i in specialty.ingredients)
