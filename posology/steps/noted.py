"""Readings right as far as the fields go that a pharmacist must still see, read while the
mentions are adjusted (``posology.steps.adjust``): a course counter, a dose by the child's weight,
and a dose left to a protocol or a sliding scale.

``HUMALOG — Dose : selon protocole — SC — 07:00, 12:00, 19:00``, ``Insulin aspart per sliding
scale SC with meals``: the times and the route are read, the dose is written elsewhere (the
unit's protocol, a glucose chart). A line that says so and has no dose of its own gets a warning
(W023): a Dosage with no dose is otherwise a claim that the product's usual unit is meant."""

from __future__ import annotations

import re
from collections.abc import Callable

from posology.dosage import Issue
from posology.fields.mentions import Mention
from posology.fields.plausibility import value_issue

_BY_WEIGHT = "a dose by the child's weight (a pipette graduated in kilograms): its amount is the weight's"
NOTED = {
    "bounds.day_of_course": "a course counter, read as the whole course from its first day (fewer days may remain)",
    "dose.weight_dose": _BY_WEIGHT,
    "dose.weight_graduation": _BY_WEIGHT,
}

_BY_PROTOCOL = re.compile(
    r"\b(?:(?:selon|suivant|d'apr[eè]s)\s+(?:le\s+)?(?:protocole|sch[ée]ma)"
    r"|(?:as\s+)?per\s+(?:the\s+)?(?:sliding\s+scale|protocol|correction\s+scale))\b",
    re.IGNORECASE,
)
_PROTOCOL_PROBLEM = "a dose left to a protocol or a sliding scale: no dose is written on the line"


def noted_readings(text: str, clean: str, clean_span: Callable, mentions: list[Mention]) -> list[Issue]:
    """A W023 for each reading of :data:`NOTED`, and one where a line leaves its dose to a protocol
    or a sliding scale and states none."""
    issues = []
    for counter in (m for m in mentions if m.rule_id in NOTED):
        start, end = clean_span(counter.start, counter.end)
        issues.append(value_issue(text, start, end, NOTED[counter.rule_id], code="informational"))
    found = _BY_PROTOCOL.search(clean)
    if found and not any(m.family == "dose" for m in mentions):
        start, end = clean_span(found.start(), found.end())
        issues.append(value_issue(text, start, end, _PROTOCOL_PROBLEM, code="business-rule"))
    return issues
