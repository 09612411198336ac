"""Days of a course or a cycle that do not start the order, read while the mentions are adjusted
(``posology.steps.adjust``).

``ZARZIO 30 M UI : 1 injection SC par jour de J5 à J10``: the days are counted from a day the line
does not give (a chemotherapy's first day, a surgery): six days of injections, but from the fifth
day of something the Dosage cannot hold (``boundsPeriod`` needs a date). Read as a six-day course
and flagged (W023), never silently taken as starting today. A day range inside a phased order
(``2 cp J1 puis 1 cp/j J2-J5``, ``Days 1-3: 30 mg daily, Days 4-6: 15 mg daily``) is that phase's,
read as before."""

from __future__ import annotations

from posology.dosage import Issue
from posology.fields.mentions import Mention
from posology.fields.plausibility import value_issue

_PROBLEM = "days counted from a day the line does not give (a cycle's, a procedure's): from when?"


def late_day_ranges(text: str, clean_span, mentions: list[Mention]) -> list[Issue]:
    """A W023 for a day range starting after day 1 on a line of one phase (``text`` the caller's,
    ``clean_span`` maps the squeezed offsets to it)."""
    if any(m.family == "phase" for m in mentions):
        return []
    if sum(m.rule_id.startswith("bounds.day_") for m in mentions) > 1:
        return []  # "Days 1-3: 30 mg daily, Days 4-6: 15 mg daily": a plan by days, its phases
    issues = []
    for mention in mentions:
        first = mention.get("bounds.day_from") if mention.rule_id == "bounds.day_range" else None
        if isinstance(first, (int, float)) and first > 1:
            start, end = clean_span(mention.start, mention.end)
            issues.append(value_issue(text, start, end, _PROBLEM, code="business-rule"))
    return issues
