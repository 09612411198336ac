"""Typed values → one canonical sentence, in the order a prescriber writes them.

A Dosage reads ``dose [stat] [route] frequency when times days duration count``, then, after
commas, ``as needed``, the maxima and the additional instructions. The Dosages of one
``sequence`` are simultaneous (``1 sachet le matin et 2 sachets le soir``): what they all
share (a duration, a route, as-needed, a maximum) is written once, after them, because a
field stated once applies to every Dosage of the phase (CONVENTIONS §1). Consecutive
sequences are phases, joined by ``puis`` / ``then``. A medication line is ``[STATUS :] drug
strength : phases[, supply][, refills]``.

>>> from posology.dosage import Dosage, Dose, Quantity, Timing
>>> from posology.rendering.fr import FRENCH
>>> dose = Dose(Quantity(1, "tablet"))
>>> dosage_sentence(Dosage("", 0, 0, dose=dose, timing=Timing(when=("MORN",))), FRENCH)
'1 comprimé le matin'
"""

from __future__ import annotations

from dataclasses import dataclass

from posology.dosage import Dosage, Dose, Medication, Prescription, Quantity
from posology.rendering.keys import route_key
from posology.rendering.language import Language

__all__ = ["dosage_sentence", "medication_sentence", "prescription_text"]


@dataclass(frozen=True)
class Clause:
    """One phrase of a Dosage; a ``tail`` clause comes after a comma."""

    name: str
    text: str
    tail: bool = False


def clauses(dosage: Dosage, lang: Language, stat: bool = False) -> list[Clause]:
    """The phrases of one Dosage, in sentence order (absent fields give none)."""
    timing = dosage.timing
    split = _weight_split(dosage)
    bare = _bare_dose(dosage)
    when = Clause("when", lang.when(timing.when, timing.offset) or "")
    out = [
        Clause("dose", _dose(dosage.dose, lang, split, bare)) if dosage.dose else None,
        when if bare else None,
        Clause("stat", lang.STAT) if stat else None,
        Clause("route", _route(dosage, lang)) if dosage.route else None,
        None if split else Clause("frequency", lang.frequency(timing) or ""),
        None if bare else when,
        Clause("tod", lang.times_of_day(timing.time_of_day) or ""),
        Clause("dow", lang.days_of_week(timing.day_of_week) or ""),
        Clause("bounds", lang.bounds(timing.bounds)) if timing.bounds else None,
        _count(dosage, lang, stat),
        Clause("as_needed", lang.as_needed(dosage.as_needed_reason), True)
        if dosage.as_needed or dosage.as_needed_reason
        else None,
        Clause("max", lang.max_per_period(dosage.max_per_period), True) if dosage.max_per_period else None,
        Clause("maxadm", lang.max_per_administration(dosage.max_per_administration), True)
        if dosage.max_per_administration
        else None,
        *(Clause("instruction", lang.instruction(text), True) for text in dosage.additional_instructions),
    ]
    return [clause for clause in out if clause and clause.text]


def _weight_split(dosage: Dosage) -> int | None:
    """A per-kilo dose taken n times a day reads as the daily total split in n (``90 mg/kg/j en
    2 prises``, CONVENTIONS §7): ``45 mg/kg 2 fois par jour`` reads as a daily total (W022).
    Returns n for such a dose, else None."""
    dose, timing = dosage.dose, dosage.timing
    split = bool(
        dose
        and dose.high is None
        and str(dose.low.unit or "").endswith("/kg")
        and timing.frequency
        and timing.frequency > 1
        and timing.frequency_max is None
        and timing.period == 1
        and timing.period_max is None
        and timing.period_unit == "d"
    )
    return timing.frequency if split else None


def _bare_dose(dosage: Dosage) -> bool:
    """A dose with no unit before an event is the bare number (``1 le matin et le soir``, as in
    slots ``1-0-1``): a unit is never invented, and no rule reads ``doses`` as a unit."""
    dose = dosage.dose
    if dose is None:
        return False
    low = dose.low
    return bool(
        low
        and dose.high is None
        and low.unit is None
        and low.code is None
        and low.display is None
        and dosage.timing.when
    )


def _dose(dose: Dose, lang: Language, split: int | None, bare: bool) -> str:
    if split:
        return lang.daily_split(dose.low, split)
    return lang.number(dose.low.value) if bare else lang.dose(dose)


def _route(dosage: Dosage, lang: Language) -> str:
    route = dosage.route
    return lang.route_words(route_key(route), route.display, route.code) if route else ""


def _count(dosage: Dosage, lang: Language, stat: bool) -> Clause | None:
    count = dosage.timing.count
    if count is None or (stat and count == 1):  # "stat" already says: once, now
        return None
    return Clause("count", lang.count(count), True)


def joined(items: list[Clause]) -> str:
    text = " ".join(c.text for c in items if not c.tail)
    for clause in (c for c in items if c.tail):
        text = f"{text}, {clause.text}" if text else clause.text
    return text


def dosage_sentence(dosage: Dosage, lang: Language, stat: bool = False) -> str:
    """One Dosage on its own (``Dosage.patientInstruction``)."""
    return joined(clauses(dosage, lang, stat))


def _phase(dosages: list[Dosage], lang: Language, stat: bool, lists: list[list[Clause]] | None = None) -> str:
    """Simultaneous Dosages: each one's own phrases, then what they all share, once (``lists``:
    their clauses, when already made)."""
    if lists is None:
        lists = [clauses(d, lang, stat and i == 0) for i, d in enumerate(dosages)]
    shared = [c for c in lists[0] if c.name not in ("dose", "stat") and all(c in o for o in lists[1:])]
    if any(c.name == "dow" and c not in shared for items in lists for c in items):
        # "1 cp le lundi … et 0,5 cp le mardi … le soir": a shared time after the last days
        # reads as that dose's only; each dose keeps it ("… le soir le lundi …")
        shared = [c for c in shared if c.name not in ("when", "tod")]
    if len(lists) == 1:
        shared = []
    own = [joined([c for c in items if c not in shared]) for items in lists]
    head = lang.listing(own)
    return joined([Clause("phase", head), *shared]) if head else joined(shared)


def phases(
    dosages: tuple[Dosage, ...], lang: Language, stat: bool = False, lists: list[list[Clause]] | None = None
) -> str:
    """Dosages grouped by consecutive ``sequence``; phases joined by ``puis`` / ``then``.
    ``lists``: the clauses of each Dosage (``clauses(dosage, lang, stat and index == 0)``), when
    already made: each group's first Dosage is the only one that may say ``stat``, the first
    group's, which is Dosage 0."""
    groups: list[list[Dosage]] = []
    firsts: list[int] = []  # the index of each group's first Dosage
    for index, dosage in enumerate(dosages):
        if groups and groups[-1][-1].sequence == dosage.sequence:
            groups[-1].append(dosage)
        else:
            groups.append([dosage])
            firsts.append(index)
    texts = [
        _phase(group, lang, stat and i == 0, None if lists is None else lists[first : first + len(group)])
        for i, (group, first) in enumerate(zip(groups, firsts, strict=True))
    ]
    return f", {lang.then} ".join(text for text in texts if text)


def _strengths(strengths: tuple[Quantity, ...], lang: Language) -> str:
    """``1 g``; several ``100 mg/25 mg``; a bare number stays bare (``Dolo 650``)."""
    parts = [lang.number(q.value) if q.unit is None and q.code is None else lang.quantity(q) for q in strengths]
    return "/".join(parts)


def _head(medication: Medication, lang: Language) -> str:
    """The name and its strengths; a product named ingredient by ingredient, each with its
    strength (``hydrochlorothiazide 12,5 mg / lisinopril 20 mg``), as it was read
    (``posology.steps.combinations``)."""
    parts = (medication.name or "").split(" / ")
    if len(parts) > 1 and len(parts) == len(medication.strengths):
        return " / ".join(
            f"{part} {_strengths((q,), lang)}" for part, q in zip(parts, medication.strengths, strict=True)
        )
    return " ".join(p for p in (medication.name or "", _strengths(medication.strengths, lang)) if p)


def medication_sentence(medication: Medication, lang: Language, lists: list[list[Clause]] | None = None) -> str:
    """``[ARRÊT : ]Doliprane 1 g : 1 comprimé 3 fois par jour[, QSP 3 mois][, à renouveler 2 fois]``
    (``lists``: the clauses of its Dosages, as :func:`phases` takes them)."""
    stat = medication.priority == "stat"
    head = _head(medication, lang)
    body = phases(medication.dosages, lang, stat, lists) or (lang.STAT if stat else "")
    extra = [
        lang.supply(medication.supply) if medication.supply else "",
        lang.refills(medication.refills) if medication.refills is not None else "",
    ]
    body = ", ".join(p for p in (body, *extra) if p)
    line = f"{head}{lang.colon}{body}" if head and body else head or body
    flags = (
        [lang.STATUSES.get(medication.status, medication.status.upper())]
        if (medication.status not in ("active", ""))
        else []
    )
    if medication.do_not_perform:
        flags.append(lang.DO_NOT_PERFORM)
    return "".join(f"{flag}{lang.colon}" for flag in flags) + line


def prescription_text(prescription: Prescription, lang: Language) -> str:
    """One line per medication, each but the last ending with ``;`` (the engine reads a new
    medication after it; a line break alone it reads as a space)."""
    return ";\n".join(medication_sentence(m, lang) for m in prescription.medications)
