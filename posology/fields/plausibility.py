"""Impossible values are never emitted silently (CONVENTIONS §8).

Reads the typed Medications once they are built; writes them back without the impossible
fields, each refusal reported as a warning (W023) on the medication it concerns:

- a dose, a period, a duration or a count of 0 or less;
- more than :data:`MAX_INTAKES_PER_DAY` intakes a day (``30 fois par heure``);
- a clock time with an event of the day (``à 22h au coucher``): FHIR (tim-10) holds one, the
  clock time is kept;
- once a day with two moments of the day or more (``1 cp par jour matin et soir``): kept as
  written, flagged;
- an inverted range (``2 à 1 cp``, ``toutes les 6 à 4 heures``) is read low to high, with a
  warning (the prescriber may have meant something else);
- methotrexate every day (``Tab Methotrexate 7.5mg daily``): kept as written, flagged.

>>> from posology.dosage import Dosage, Medication, Timing
>>> med = Medication(dosages=(Dosage("x", 0, 1, timing=Timing(frequency=30, period=1, period_unit="h")),))
>>> fixed, issues = check_values([med], "x", lambda s, e: (s, e))
>>> fixed[0].dosages[0].timing.frequency, issues[0].message[:6]
(None, '[W023]')
"""

from __future__ import annotations

import re
from dataclasses import replace

from posology.dosage import Dosage, Dose, Issue, Medication, Timing
from posology.errors import Warnings
from posology.units.registry import convert, dimension

MAX_INTAKES_PER_DAY = 48  # every 30 minutes, around the clock
COUNTED_INTAKES_PER_DAY = 12  # a count per day above it ("1x30") is kept but flagged (an interval may be short)
_DAYS_PER_UNIT = {"s": 1 / 86400, "min": 1 / 1440, "h": 1 / 24, "d": 1, "wk": 7, "mo": 30, "a": 365}
# Events that are one moment of the day each ("le soir", "before breakfast"); "with meals" (C, AC,
# PC) is as many moments as meals, so it never contradicts a count.
_ONE_MOMENT = frozenset(
    "MORN MORN.early MORN.late NOON AFT AFT.early AFT.late EVE EVE.early EVE.late NIGHT PHS HS WAKE "
    "CM CD CV ACM ACD ACV PCM PCD PCV".split()
)


# Solid units counted one by one, and the count per intake from which a "dose" is more likely a
# pack quantity ("Amlodipine 5mg tablets 28 tablets"): still structured, always flagged (W023).
SOLID_UNITS = frozenset({"tablet", "capsule", "suppository", "sachet", "patch", "pessary", "lozenge"})
MAX_SOLID_UNITS = 10


# Low-dose methotrexate is taken once a week: daily by mistake is a known fatal error (ISMP's
# high-alert list); a daily schedule of it is kept as written and always flagged.
_WEEKLY_DRUGS = re.compile(
    r"\b(?:m[ée]thotrex|novatrex|imeth\b|metoject|trexall|otrexup|rasuvo|jylamvo|xatmep|nordimet|zlatal|maxtrex)",
    re.IGNORECASE,
)
WEEKLY_DRUG = "this drug is taken once a week, not every day"


def _weekly_drug_daily(med: Medication, dosage: Dosage) -> bool:
    """Methotrexate with a daily schedule (``7.5 mg daily``, ``1 cp par jour``, ``1 cp le matin``
    with no day of the week nor a weekly period)."""
    names = [med.name or "", *(coding.display or "" for coding in med.codings)]
    if not any(_WEEKLY_DRUGS.search(name) for name in names):
        return False
    timing = dosage.timing
    if timing.day_of_week or (timing.period_unit is not None and timing.period_unit != "d"):
        return False
    return timing.period_unit == "d" or (bool(timing.when) and timing.period is None)


def value_issue(
    text: str, start: int, end: int, problem: str, medication: int | None = None, code: str = "value"
) -> Issue:
    """A W023 warning on ``text[start:end]`` (the caller's offsets): a value a pharmacist must see
    (``code`` ``business-rule`` for an order the Dosage cannot hold)."""
    message = Warnings.W023.format(span=text[start:end], problem=problem)
    return Issue("warning", code, message, start, end, medication)


# two figures side by side before a unit ("Cardensiel 2,5 5 mg": a corrected figure read by OCR,
# or a typo); never a thousands group ("50 000 UI"), never a name's number ("vitamin B-12 1000 µg")
_SIDE_BY_SIDE = re.compile(
    r"(?<![\w.,/-])(\d+(?:[.,]\d+)?) (\d+(?:[.,]\d+)?) ?(?:mg|g|µg|mcg|ug|ui|iu|ml)(?![^\W\d_])", re.IGNORECASE
)


def figures_side_by_side(text: str) -> list[Issue]:
    """A W023 on each number written right before another number and its unit (``2,5 5 mg``):
    which one is meant is for a pharmacist to say."""
    issues = []
    for match in _SIDE_BY_SIDE.finditer(text):
        first, second = match.groups()
        if first.isdigit() and len(first) <= 3 and second.isdigit() and len(second) == 3:
            continue  # "50 000 UI", "1 500 mg": a thousands group
        if match.group(0).lower().endswith("ml") and first.isdigit() and int(first) >= 100:
            continue  # "Syp Crocin 240 5 ml": a syrup's bare strength, then its volume dose
        problem = "two figures side by side before a unit (a corrected figure?): which one is meant"
        issues.append(value_issue(text, match.start(), match.end(), problem))
    return issues


def check_values(medications, text: str, span) -> tuple[list[Medication], list[Issue]]:
    """The medications with impossible values removed (or ranges reordered), and the warnings."""
    fixed, issues = [], []
    for index, med in enumerate(medications):
        dosages = []
        for dosage in med.dosages:
            dosage, problems = _check_dosage(dosage)
            over = _over_the_maximum(dosage, med.strengths)
            problems += [over] if over else []
            problems += [WEEKLY_DRUG] if _weekly_drug_daily(med, dosage) else []
            dosages.append(dosage)
            issues += [value_issue(text, dosage.start, dosage.end, problem, index) for problem in problems]
        fixed.append(replace(med, dosages=tuple(dosages)) if med.dosages else med)
        if any(q.value <= 0 for q in med.strengths):
            # "HUMALOG selon glycémie : < 1,20 : 0 UI ; …": a sliding scale's 0 read as a strength (FHIR
            # holds no strength of 0: the Bundle failed its invariant); never emitted
            fixed[-1] = replace(fixed[-1], strengths=tuple(q for q in med.strengths if q.value > 0))
            start, end = (med.name_start, med.name_end) if med.name_start is not None else (0, len(text))
            issues.append(value_issue(text, start, end or len(text), _NO_STRENGTH, index))
    return fixed, issues


_NO_STRENGTH = "a strength of 0 (impossible), not structured"


def _over_the_maximum(dosage: Dosage, strengths) -> str | None:
    """``1 cp (1 g) 4 fois par jour - ne pas dépasser 3 g/24h``: the doses as prescribed make more
    than the line's own maximum per period; which one did the prescriber mean?"""
    timing, most, dose = dosage.timing, dosage.max_per_period, dosage.dose
    if most is None or dose is None or dosage.as_needed or not timing.frequency or not timing.period:
        return None  # a maximum caps what a range or an as-needed dose may add up to: no contradiction
    if timing.period_unit not in _DAYS_PER_UNIT:
        return None
    amount, unit = dose.low.value, dose.low.unit  # the least the regimen gives
    masses = [q for q in strengths if q.per is None and q.unit and dimension(q.unit) == "mass"]
    if unit in SOLID_UNITS and most.quantity.unit and dimension(most.quantity.unit) == "mass" and len(masses) == 1:
        amount, unit = amount * masses[0].value, masses[0].unit  # "1 cp" of a 1 g tablet against "3 g"
    if (
        not unit
        or not most.quantity.unit
        or most.per.unit not in _DAYS_PER_UNIT
        or dimension(unit) != dimension(most.quantity.unit)
    ):
        return None
    per_day = amount * timing.frequency / ((timing.period_max or timing.period) * _DAYS_PER_UNIT[timing.period_unit])
    allowed = convert(most.quantity.value, most.quantity.unit, unit) / (most.per.value * _DAYS_PER_UNIT[most.per.unit])
    if per_day <= allowed * 1.0001:
        return None
    maximum = f"{most.quantity.value:g} {most.quantity.unit} per {most.per.value:g} {most.per.unit}"
    return f"the doses make {per_day:g} {unit} a day, over the maximum of {maximum}"


def _check_dosage(dosage: Dosage) -> tuple[Dosage, list[str]]:
    problems: list[str] = []
    dose = dosage.dose
    if dose is not None:
        low, high = dose.low, dose.high
        if low.value <= 0 or (high is not None and high.value <= 0):
            problems.append("a dose of 0 or less was not structured")
            dose = None
        elif high is not None and high.value < low.value:
            problems.append("an inverted dose range was read from the lower to the higher value")
            dose = Dose(high, low)
        elif low.unit in SOLID_UNITS and max(low.value, high.value if high else 0) >= MAX_SOLID_UNITS:
            # kept as written, but said: "28 tablets" is a pack quantity far more often than a dose
            problems.append(
                f"{max(low.value, high.value if high else 0):g} {low.unit}s at once is unusual "
                "(a pack quantity?): check the dose"
            )
        if dose is not None and round(dose.low.value, 3) != dose.low.value:
            # "50 mg/kg/day in 3 divided doses" → 16.666667 mg/kg: kept, but a rounding to check
            problems.append(f"{dose.low.value:g} {dose.low.unit or ''} is a rounded division: check the dose".strip())
    timing, timing_problems = _check_timing(dosage.timing)
    problems += timing_problems
    if not problems:
        return dosage, []
    return replace(dosage, dose=dose, timing=timing), problems


_MEALS_WITHOUT_OFFSET = frozenset({"C", "CM", "CD", "CV"})  # FHIR tim-9


def _check_timing(timing: Timing) -> tuple[Timing, list[str]]:
    problems: list[str] = []
    changes: dict = {}
    if timing.period is not None and timing.period <= 0:
        problems.append("a period of 0 or less was not structured")
        changes.update(frequency=None, frequency_max=None, period=None, period_max=None, period_unit=None)
    elif (timing.frequency or 0) >= 2 and timing.period and timing.period_unit in _DAYS_PER_UNIT:
        # a counted frequency ("30 fois par heure"); an interval ("every 5 min") may be short
        per_day = (timing.frequency_max or timing.frequency or 0) / (timing.period * _DAYS_PER_UNIT[timing.period_unit])
        if per_day > MAX_INTAKES_PER_DAY:
            problems.append(f"more than {MAX_INTAKES_PER_DAY} intakes a day is not a posology: not structured")
            changes.update(frequency=None, frequency_max=None, period=None, period_max=None, period_unit=None)
        elif per_day > COUNTED_INTAKES_PER_DAY:  # "1x30": 30 a day, or once a day for 30 days?
            problems.append(f"{per_day:g} intakes a day counted is unusual: check how often")
    if "period" not in changes:
        if timing.period_max is not None and timing.period is not None and timing.period_max < timing.period:
            problems.append("an inverted period range was read from the lower to the higher value")
            changes.update(period=timing.period_max, period_max=timing.period)
        low, high = timing.frequency, timing.frequency_max
        if high is not None and low is not None and high < low:
            problems.append("an inverted frequency range was read from the lower to the higher value")
            changes.update(frequency=timing.frequency_max, frequency_max=timing.frequency)
    moments = max(len(set(timing.when)), len(timing.time_of_day))
    if (
        moments > 1
        and timing.frequency == 1
        and not timing.frequency_max
        and timing.period == 1
        and timing.period_unit == "d"
    ):
        # "1 cp par jour matin et soir", "1 tab OD morning and night": once a day, or twice?
        problems.append(f"once a day, yet {moments} moments of the day: check how often")
    elif (
        moments
        and (timing.frequency or 0) > moments
        and timing.period == 1
        and timing.period_unit == "d"
        and set(timing.when) <= _ONE_MOMENT
    ):
        # "1 cp le soir 3 fois par jour": three a day, yet one moment of the day
        problems.append(f"{timing.frequency} times a day, yet {moments} moment(s) of the day: check how often")
    days = len(set(timing.day_of_week))
    if days > 1 and timing.frequency and not timing.frequency_max and timing.period_unit == "wk":
        if timing.frequency < days * (timing.period or 1):
            # "6 tablets once weekly on Monday and Thursday": once a week, or on both days?
            problems.append(f"{timing.frequency} time(s) a week, yet {days} days of the week: check how often")
    if timing.when and timing.time_of_day:  # FHIR tim-10: a clock time or an event, never both
        problems.append("a clock time and an event of the day together (FHIR holds one): the clock time was kept")
        changes.update(when=(), offset=None)
    elif timing.offset is not None and (not timing.when or set(timing.when) & _MEALS_WITHOUT_OFFSET):
        # FHIR tim-9: an offset needs an event, never a meal taken with ("le soir au milieu du repas …,
        # au moins 1h avant le coucher": one hour before the evening meal, silently, then an invalid Bundle)
        problems.append("a delay before or after an event beside a meal taken with it (FHIR holds one): not structured")
        changes.update(offset=None)
    bounds = timing.bounds
    if bounds is not None and (bounds.value <= 0 or (bounds.max is not None and bounds.max <= 0)):
        problems.append("a duration of 0 or less was not structured")
        changes["bounds"] = None
    if timing.count is not None and timing.count <= 0:
        problems.append("a count of 0 or less was not structured")
        changes["count"] = None
    elif timing.count == 1 and bounds is not None and bounds.value * _DAYS_PER_UNIT.get(bounds.unit or "", 0) > 1:
        problems.append("a single dose, yet a duration of several days: which one?")  # "dose unique pdt 3 jours"
    return (replace(timing, **changes) if changes else timing), problems


def alternative_routes(mentions, clean: str, text: str, span) -> tuple[list, list[Issue]]:
    """``1 injection IM ou SC``, ``IV or PO``: two routes, one or the other; neither is
    structured (which one?), the line is flagged (W023, CONVENTIONS §8)."""
    routes = [m for m in mentions if m.family == "route"]
    issues: list[Issue] = []
    dropped: set[int] = set()
    for first, second in zip(routes, routes[1:], strict=False):
        if first.get("route") == second.get("route") or not _EITHER.fullmatch(clean[first.end : second.start]):
            continue
        dropped |= {id(first), id(second)}
        start, end = span(first.start, second.end)
        issues.append(value_issue(text, start, end, "two routes, one or the other: which one?"))
    return [m for m in mentions if id(m) not in dropped], issues


_EITHER = re.compile(r"\s*(?:ou|or|/|,)\s*", re.IGNORECASE)  # "Ceftriaxone: IM, IV: 1 to 2 g" (a monograph's list)


def impossible_clock_times(mentions, text: str, span) -> tuple[list, list[Issue]]:
    """Clock times that are no time of day (``à 26h``, ``8h75``, ``20 pm``) and spans of days
    that end before they start (``de J8 à J3``): never dropped or read silently."""
    kept, issues = [], []
    for mention in mentions:
        hours = [v for f, v in mention.items if f.startswith("tod.hour")]
        minutes = [v for f, v in mention.items if f.startswith("tod.min")]
        past_midnight = 24 in hours and any(m > 0 for m in minutes)  # "à 24h30" is no time
        halves = [v for f, v in mention.items if f == "tod.ampm" and str(v).lower()[:1] in ("a", "p")]
        past_midnight = past_midnight or (bool(halves) and any(h > 12 for h in hours))  # "20 pm", "14 am"
        first_day, last_day = mention.get("bounds.day_from"), mention.get("bounds.day_to")
        if mention.family == "bounds" and first_day is not None and last_day is not None and last_day < first_day:
            start, end = span(mention.start, mention.end)  # "de J8 à J3": no span of days
            issues.append(value_issue(text, start, end, "a span of days that ends before it starts: not structured"))
            continue
        if mention.family == "tod" and (any(h > 24 for h in hours) or any(m >= 60 for m in minutes) or past_midnight):
            start, end = span(mention.start, mention.end)
            issues.append(value_issue(text, start, end, "not a time of day: not structured"))
            continue
        kept.append(mention)
    return kept, issues


def listed_course_days(mentions, text: str, span) -> tuple[list, list[Issue]]:
    """``(J1, J8, J15, J22)``, ``J1 et J15``: single days of a course listed one after another
    (nothing but commas or ``et`` between them) are a cycle's days (the Dosage holds no such
    list), never a course of one day with the others dropped silently: not structured, flagged
    (W022). Days that each close their own phase (``on day 1, … on day 2``) are no list."""
    days = [m for m in mentions if m.rule_id == "bounds.day_index"]
    listed: list = []
    for first, second in zip(days, days[1:], strict=False):
        between = [m for m in mentions if first.end <= m.start < second.start]
        if not between and _LIST_GAP.fullmatch(text[first.end : second.start]):
            listed += [m for m in (first, second) if m not in listed]
    if not listed:
        return mentions, []
    start, end = span(listed[0].start, listed[-1].end)
    issue = Issue("warning", "business-rule", Warnings.W022.format(span=text[start:end]), start, end)
    return [m for m in mentions if m not in listed], [issue]


_LIST_GAP = re.compile(r"[\s,;]*(?:et|and|&)?[\s,;]*", re.IGNORECASE)
