"""Step 6, orders and values: what the built medications may not say as they are.

Reads ``cues`` and ``medications``; writes ``medications`` (status, doNotPerform, titration and
cycle notes: ``posology.fields.orders.apply_orders``; impossible values removed:
``posology.fields.plausibility.check_values``) and their issues (W020–W023), then the
``value_issues`` of the adjust step. A nameless, empty medication beside real ones is dropped (the
issues linked to medications renumbered).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from posology.dosage import EDQM, Issue, Medication
from posology.fields.orders import apply_orders
from posology.fields.plausibility import check_values, value_issue
from posology.fields.strengths import STRENGTH_DIMENSIONS
from posology.steps.assemble import link_drug
from posology.units.registry import dimension

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine


def step(engine: Engine, analysis: Analysis) -> None:
    text, span = analysis.text, analysis.offsets.span
    before = analysis.medications
    medications, order_issues = apply_orders(analysis.medications, analysis.cues, text, span, analysis.clean)
    medications = [_relinked(engine, analysis, old, new) for old, new in zip(before, medications, strict=True)]
    medications, value_issues = check_values(medications, text, span)
    analysis.issues.extend(order_issues + value_issues + analysis.value_issues)
    if len(medications) > 1:  # a nameless, empty medication beside real ones is noise
        kept = [i for i, m in enumerate(medications) if m.name or m.dosages or m.strengths]
        if len(kept) < len(medications):  # the issues linked so far point at the medications kept
            analysis.issues[:] = _relinked_issues(analysis.issues, kept)
        medications = [medications[i] for i in kept]
        analysis.issues.extend(_undosed(medications, text))
    analysis.issues.extend(_mixed_forms(medications, text))
    analysis.issues.extend(_phase_strengths(analysis, medications))
    analysis.medications = medications


def _relinked_issues(issues: list[Issue], kept: list[int]) -> list[Issue]:
    """``issues`` with their medication index counted among ``kept`` alone (an issue about a
    medication dropped concerns none: ``STOP Tazocilline (hémocs stériles, ECBU …) → Ceftriaxone
    1 g/j``, its W022 named the fourth of four, an invalid FHIR expression once two were dropped)."""
    new_index = {old: new for new, old in enumerate(kept)}
    return [
        replace(issue, medication=new_index.get(issue.medication)) if issue.medication is not None else issue
        for issue in issues
    ]


def _instructed(med: Medication) -> bool:
    """Whether a Dosage of ``med`` says how much or when (a course's length or a route alone does
    not: ``Fer + acide folique 1 cp/j pdt 3 mois`` gave ``Fer`` the shared 3 months only)."""
    return any(
        d.dose is not None
        or d.as_needed
        or d.timing.frequency
        or d.timing.period
        or d.timing.when
        or d.timing.time_of_day
        or d.timing.day_of_week
        or d.timing.count
        for d in med.dosages
    )


# ``Paracetamol + Ibuprofen 1 tab TDS``: is the dose each drug's, or is the first one's missing?
_UNDOSED = "no dosage for this drug while another drug of the line has one (a shared dose, or a missing one)"


def _undosed(medications: list[Medication], text: str) -> list[Issue]:
    """A W023 on each active, named drug left with no Dosage (none that says how much or when) on a
    line where another drug has one (docs/decisions.md, "Session 24 readings"): the gold of every
    writer gives such a drug either a dosage or a stop / hold / do-not-give, so the bare name is
    never a whole order."""
    instructed = [_instructed(med) for med in medications]
    if not any(instructed):
        return []
    return [
        value_issue(text, med.name_start, med.name_end, _UNDOSED, index)
        for index, (med, said) in enumerate(zip(medications, instructed, strict=True))
        if not said
        and med.status == "active"
        and not med.do_not_perform
        and med.name_start is not None
        and med.name_end is not None
    ]


# ``KARDEGIC 75 mg + CLOPIDOGREL 75 mg | 1 sachet + 1 cp``: the sachet is the first drug's
_MIXED = "doses of two forms for one drug in one phase (another drug's dose, or a form the text names twice?)"
_COUNT_AND_MASS = "a count and a mass as two doses of one drug in one phase (one dose and its number of times?)"


def _mixed_forms(medications: list[Medication], text: str) -> list[Issue]:
    """A W023 on a drug whose Dosages of one phase are counted in two different units of
    presentation (a sachet and a tablet): one drug is taken in one form at a time, so one of the
    doses is most likely another drug's, or the form is misread; and on one whose phase has a
    count and a mass as two Dosages (``2 injections IM de 12 mg``: a number of times and a dose)."""
    issues = []
    for index, med in enumerate(medications):
        forms: dict[int, set[str]] = {}
        counted, masses = set(), set()  # the phases with a dose counted in units, in a mass or IU
        for dosage in med.dosages:
            low = dosage.dose.low if dosage.dose is not None else None
            if low is not None and low.system == EDQM and low.unit:
                forms.setdefault(dosage.sequence, set()).add(low.unit)
            if low is not None and dimension(low.unit) == "count":
                counted.add(dosage.sequence)
            elif low is not None and dimension(low.unit) in STRENGTH_DIMENSIONS:
                masses.add(dosage.sequence)
        # "2 injections IM de 12 mg à 24 h d'intervalle": a count of injections and a mass, two
        # Dosages of one phase (the count of administrations and the dose, read as two doses)
        two_forms = any(len(units) > 1 for units in forms.values())
        if (two_forms or counted & masses) and med.name_start is not None and med.name_end is not None:
            said = _MIXED if two_forms else _COUNT_AND_MASS
            issues.append(value_issue(text, med.name_start, med.name_end, said, index))
    return issues


def _relinked(engine: Engine, analysis: Analysis, old: Medication, new: Medication) -> Medication:
    """A stop order's lone mass became the product's strength (``ARRÊT DU TEMESTA 1 mg``): the
    name is coded again with it, and its "could not be linked" warning goes when it now is."""
    if new.strengths == old.strengths or new.codings:
        return new
    linked, issues = link_drug(engine, new)
    if not issues:
        analysis.issues = [
            i
            for i in analysis.issues
            if not (i.code == "not-found" and i.start == new.name_start and "W005" in i.message)
        ]
    return linked


# ``NiQuitin 21mg/24 hours patch … daily for 6 weeks, then 14mg/24h ONE patch daily …``
_PHASE_STRENGTH = "a later phase names another strength (another product: which strength does each phase take?)"


def _phase_strengths(analysis: Analysis, medications: list[Medication]) -> list[Issue]:
    """A W023 on a drug with several strengths, one of them written inside a later phase than the
    first: the phases take different products (a step-down of patches), which one medication's
    strengths cannot say; read as they were, they claimed one product of all the strengths."""
    issues: list[Issue] = []
    several = [i for i, med in enumerate(medications) if len(med.strengths) > 1 and med.dosages]
    if not several:  # most lines: nothing to look at
        return issues
    span = analysis.offsets.span
    starts = [span(m.start, m.end)[0] for m in analysis.mentions if m.family == "strength"]
    for index in several:
        med = medications[index]
        if med.name_start is None or med.name_end is None:
            continue
        first = min(d.sequence for d in med.dosages)
        first_end = max(d.end for d in med.dosages if d.sequence == first)
        last_end = max(d.end for d in med.dosages)
        later = any(d.sequence > first for d in med.dosages)
        if later and any(first_end <= start <= last_end for start in starts):
            issues.append(value_issue(analysis.text, med.name_start, med.name_end, _PHASE_STRENGTH, index))
    return issues
