"""Readings right as far as the fields go that a pharmacist must still see, read while the
mentions are adjusted (``posology.steps.adjust``): a course counter (``day 3 of 7``, ``J3/7``), a
dose by the child's weight, a dose left to a protocol or a sliding scale, an as-needed clause
after the last of several slots (that slot's or every slot's), and gums or lozenges counted per day.

``HUMALOG — Dose : selon protocole — SC — 07:00, 12:00, 19:00``, ``Insulin aspart per sliding
scale SC with meals``: the times and the route are read, the dose is written elsewhere (the
unit's protocol, a glucose chart). A line that says so and has no dose of its own gets a warning
(W023): a Dosage with no dose is otherwise a claim that the product's usual unit is meant. So does
a dose that depends on the response to treatment (``then 20mg BD if hives not controlled``, ``dès
contrôle des symptômes``, ``si bien toléré``): its phase was read as plain, or as an as-needed one."""

from __future__ import annotations

import re
from collections.abc import Callable

from posology.dosage import Issue
from posology.fields.mentions import Mention
from posology.fields.plausibility import value_issue

_BY_WEIGHT = "a dose by the child's weight (a pipette graduated in kilograms): its amount is the weight's"
_COUNTER = "a course counter, read as the whole course from its first day (fewer days may remain)"
_REPEATED = "the dose once more after some days, kept as written: every N days for 2 doses?"
_NO_PERIOD = "a maximum with no period (per dose? per day? the course's total?), kept as an instruction"
_AGAIN_AFTER_HOURS = "a second dose allowed after some hours, read as at most every N hours (never a refill)"
NOTED = {
    "bounds.day_of_course": _COUNTER,
    "bounds.day_counter": _COUNTER,
    "bounds.day_counter_split": _COUNTER,
    "dose.weight_dose": _BY_WEIGHT,
    "dose.weight_graduation": _BY_WEIGHT,
    # rules/max_dose.yaml: a cap kept as written
    "max.no_period_in_brackets": _NO_PERIOD,
    "max.no_period_after_comma": _NO_PERIOD,
    "max.no_period_to": _NO_PERIOD,
    "max.days_per_period": "a limit on the days of use per week or month (no Dosage field holds it), kept as written",
    "max.then_second_period": "a second maximum over a longer period (one per Dosage in FHIR R4), kept as written",
    # rules/when.yaml: bedtime read, the range before it kept as written
    "when.offset_range_bedtime": "a range of time before bedtime (one offset in FHIR): bedtime, the range as written",
    # rules/frequency.yaml: a dose repeated once after days, kept as written
    "instruction.repeat_once_after_days": _REPEATED,
    "instruction.repeat_once_days_later": _REPEATED,
    "instruction.repeat_after_minutes": "one more dose after some minutes if needed (kept as written): how many?",
    # rules/frequency.yaml: "à renouveler 1 fois après 2h", "2e cp possible après 2 h" (a migraine's second dose)
    "period.repeat_after_hours": _AGAIN_AFTER_HOURS,
    "period.repeat_after_hours_ordinal": _AGAIN_AFTER_HOURS,
    # steps.patch_removal
    "orders.removal_condition": "a condition on when the patch comes off (kept as an instruction)",
}

_BY_PROTOCOL = re.compile(
    r"\b(?:(?:selon|suivant|d'apr[eè]s)\s+(?:le\s+)?(?:protocole|sch[ée]ma)"
    r"|(?:as\s+)?per\s+(?:the\s+)?(?:sliding\s+scale|protocol|correction\s+scale))\b",
    re.IGNORECASE,
)
# a dose that changes on the response to treatment: "then 20mg BD if hives not controlled", "puis 1
# pulv/j dès contrôle des symptômes", "reduce … when controlled", "si bien toléré" (not a fever
# "mal tolérée", an as-needed condition; not "même si amélioration", keep going)
_ON_RESPONSE = re.compile(
    r"(?<!même )\b(?:if|si|when|once|until|d[èe]s|lorsque|quand)\s+(?!fi[èe]vre|fever)"
    r"(?:(?:the|les?|la|l'|des?|du|bien|symptoms?|sympt[ôo]mes?)\s+)*(?:\w+\s+){0,2}?(?:not\s+|non\s+|pas\s+|well\s+)?"
    r"(?:controll?ed|uncontroll?ed|contr[ôo]l[ée]e?s?|contr[ôo]le|tolerated|tol[ée]r[ée]e?s?|improv\w*|am[ée]lior\w*"
    r"|respon\w*|r[ée]pon\w*|effective|efficace|inefficace|ineffective)\b",
    re.IGNORECASE,
)
# …or on a blood result: "then 2 caps od if FBC satisfactory", "100mg OD if TPMT normal and bloods ok"
_ON_RESULTS = re.compile(
    r"\b(?:if|si|once|when|provided)\s+(?:the\s+|les?\s+|la\s+)?(?:fbc|bloods?|blood\s+count|tpmt|lfts?|u&es?|inr|levels?"
    r"|nfs|bilan|cr[ée]atinine|kali[ée]mie)\b[^,;.]{0,30}?\b(?:satisfactory|ok|normal|stable|acceptable|fine|satisfaisante?s?"
    r"|normale?s?|correcte?s?)\b",
    re.IGNORECASE,
)
_RESPONSE_PROBLEM = (
    "a dose that depends on the response to treatment or a result (control, tolerance, blood count): which applies?"
)
# a later phase that only names its route: "IV en 20 min, puis relais per os", "IV x 48h then switch to oral"
_ROUTE_RELAY = re.compile(
    r"\b(?:relais|relayer|switch(?:ed)?\s+to|step\s+down\s+to|change\s+to)\s+(?:par\s+)?(?:per\s+os|po|oral(?:e|ly)?"
    r"|voie\s+orale|la\s+voie\s+orale)\b",
    re.IGNORECASE,
)
# a course on the days of a period: "1 cp matin et soir pendant 5 jours au moment des règles", "from day 1 of
# your period for 3 days": when it starts is the patient's cycle (read as an as-needed reason, or not at all)
_MENSES = re.compile(
    r"\b(?:au\s+moment\s+des\s+|pendant\s+les\s+|d[èe]s\s+le\s+d[ée]but\s+des\s+|au\s+d[ée]but\s+des\s+|during\s+(?:your\s+|the\s+)?"
    r"|(?:first\s+)?day\s+(?:\d+\s+)?of\s+(?:your\s+|the\s+)?|(?:at\s+)?the\s+start\s+of\s+(?:your\s+|each\s+)?)"
    r"(?:r[èe]gles|menstruations?|periods?|menses)\b",
    re.IGNORECASE,
)
_MENSES_PROBLEM = "a course on the days of a menstrual period: its start is the patient's cycle"
_BACK_TO_BACK = re.compile(r"\bback[\s-]to[\s-]back\b", re.IGNORECASE)  # "back-to-back salbutamol 5mg nebs x3"
_BACK_TO_BACK_PROBLEM = "doses given back to back: how many, how far apart, then what?"
_RELAY_PROBLEM = "a switch to another route with no dose of its own (which dose, how often?)"
_PROTOCOL_PROBLEM = "a dose left to a protocol or a sliding scale: no dose is written on the line"


def noted_readings(text: str, clean: str, clean_span: Callable, mentions: list[Mention]) -> list[Issue]:
    """A W023 for each reading of :data:`NOTED`, and one where a line leaves its dose to a protocol
    or a sliding scale and states none."""
    issues = []
    seen: set[int] = set()  # one issue for a match's mentions (an instruction and its moment)
    for counter in (m for m in mentions if m.rule_id in NOTED):
        if counter.group >= 0 and counter.group in seen:
            continue
        seen.add(counter.group)
        start, end = clean_span(counter.start, counter.end)
        issues.append(value_issue(text, start, end, NOTED[counter.rule_id], code="informational"))
    for needed in _after_slots(mentions):
        start, end = clean_span(needed.start, needed.end)
        issues.append(value_issue(text, start, end, _AFTER_SLOTS, code="business-rule"))
    for total in _day_counts(mentions):
        start, end = clean_span(total.start, total.end)
        issues.append(value_issue(text, start, end, _DAY_COUNT, code="business-rule"))
    response = _ON_RESPONSE.search(clean) or _ON_RESULTS.search(clean)
    if response and any(m.family == "dose" for m in mentions):
        start, end = clean_span(response.start(), response.end())
        issues.append(value_issue(text, start, end, _RESPONSE_PROBLEM, code="business-rule"))
    back_to_back, cycle, relay = _BACK_TO_BACK.search(clean), _MENSES.search(clean), _ROUTE_RELAY.search(clean)
    for found_at, problem, applies in (
        (back_to_back, _BACK_TO_BACK_PROBLEM, True),
        (cycle, _MENSES_PROBLEM, any(m.family == "dose" for m in mentions)),
        (relay, _RELAY_PROBLEM, relay and not any(m.family == "dose" and m.start >= relay.start() for m in mentions)),
    ):
        if found_at and applies:
            start, end = clean_span(found_at.start(), found_at.end())
            issues.append(value_issue(text, start, end, problem, code="business-rule"))
    found = _BY_PROTOCOL.search(clean)
    if found and not any(m.family == "dose" for m in mentions):
        start, end = clean_span(found.start(), found.end())
        issues.append(value_issue(text, start, end, _PROTOCOL_PROBLEM, code="business-rule"))
    return issues


_DAY_COUNT = "a number of gums or lozenges a day, read as taken at once (they are taken through the day: when?)"
# what is chewed or sucked through the day ("10 à 15 gommes par jour", "8-12 lozenges a day")
_THROUGH_THE_DAY = frozenset({"chewing_gum", "lozenge"})


def _day_counts(mentions: list[Mention]) -> list[Mention]:
    """``Nicotinell 2 mg : 10 à 15 gommes par jour``: a count of two or more gums or lozenges with a
    day as its only timing reads as all taken at once (CONVENTIONS §3: the count is the dose), which
    nobody does: flagged. ``1 gomme toutes les 1 à 2 h`` has its own timing."""
    if any(
        m.family in ("when", "tod", "slot") or (m.family == "freq" and (m.get("freq.n") or 1) > 1) for m in mentions
    ):
        return []
    if not any(m.family == "period" and m.get("period.unit") == "d" for m in mentions):
        return []
    return [
        m
        for m in mentions
        if m.family == "dose"
        and m.get("dose.unit") in _THROUGH_THE_DAY
        and (m.get("dose.high") or m.get("dose.low") or 0) >= 2
    ]


_AFTER_SLOTS = "an as-needed clause after the last of several slots, read as that slot's alone (or every slot's?)"


def _after_slots(mentions: list[Mention]) -> list[Mention]:
    """``Breakfast: 1 | Lunch: 1 if weight up 2 kg`` (that slot's), ``Breakfast: 2 | … | Bed: 2 when
    required, max 8 in 24 hours`` (every slot's), ``1-0-2 si douleur``: an as-needed clause right after
    slots of more than one dose is read as the last one's; which one is meant is the writer's."""
    ordered = sorted(mentions, key=lambda m: m.start)
    found = []
    for index, mention in enumerate(ordered):
        if mention.family != "as_needed" or index == 0 or ordered[index - 1].family != "slot":
            continue
        slots = [m for m in ordered[:index] if m.family == "slot"]
        amounts = {value for slot in slots for value in slot.all("slot") if value}
        if len(slots) > 1 or len(amounts) > 1:
            found.append(mention)
    return found
