"""Days of a course or a cycle that do not start the order, read while the mentions are adjusted
(``posology.steps.adjust``).

``ZARZIO 30 M UI : 1 injection SC par jour de J5 à J10``: the days are counted from a day the line
does not give (a chemotherapy's first day, a surgery): six days of injections, but from the fifth
day of something the Dosage cannot hold (``boundsPeriod`` needs a date). Read as a six-day course
and flagged (W023), never silently taken as starting today. A day range inside a phased order
(``2 cp J1 puis 1 cp/j J2-J5``, ``Days 1-3: 30 mg daily, Days 4-6: 15 mg daily``) is that phase's,
read as before."""

from __future__ import annotations

import re

from posology.dosage import Issue
from posology.fields.mentions import DATE_RULES, Mention, instruction_mention
from posology.fields.plausibility import value_issue
from posology.text.normalize import fold
from posology.text.words import PROCEDURES

_PROBLEM = "days counted from a day the line does not give (a cycle's, a procedure's): from when?"


def late_day_ranges(text: str, clean_span, mentions: list[Mention]) -> list[Issue]:
    """A W023 for a day range starting after day 1 on a line of one phase (``text`` the caller's,
    ``clean_span`` maps the squeezed offsets to it), and one for each course given by its dates."""
    dates = [m for m in mentions if m.family == "instruction" and m.rule_id in DATE_RULES]
    issues = []
    for first, second in zip(dates, dates[1:], strict=False):
        if _FROM_DATE.match(first.get("instruction") or "") and _TO_DATE.match(second.get("instruction") or ""):
            start, end = clean_span(first.start, second.end)
            issues.append(value_issue(text, start, end, _DATED, code="business-rule"))
    return issues + _late_days(text, clean_span, mentions)


# "Du 12/03 au 18/03 — …", "du 12/03/2025 au 18/03/2025": the course's first and last days, kept as
# written (the Dosage's bounds hold a length, not dates; gold writers read a duration or none)
_FROM_DATE = re.compile(r"(?:du|from)\s+\d{1,2}\s*/\s*\d{1,2}", re.IGNORECASE)
_TO_DATE = re.compile(r"(?:au|to|until|till)\s+\d{1,2}\s*/\s*\d{1,2}", re.IGNORECASE)
_DATED = "a course given by its first and last days, kept as written: its dates are in no field"


def _late_days(text: str, clean_span, mentions: list[Mention]) -> list[Issue]:
    ranges = [m for m in mentions if m.rule_id == "bounds.day_range"]
    gaps = [
        later
        for earlier, later in zip(ranges, ranges[1:], strict=False)
        if isinstance(earlier.get("bounds.day_to"), (int, float))
        and isinstance(later.get("bounds.day_from"), (int, float))
        and later.get("bounds.day_from") > earlier.get("bounds.day_to") + 1
    ]
    if gaps:  # "de J1 à J5 puis … de J7 à J25": a day off between two phases (J6), which no duration holds
        spans = [clean_span(m.start, m.end) for m in gaps]
        return [value_issue(text, start, end, _PAUSE, code="business-rule") for start, end in spans]
    if any(m.family == "phase" for m in mentions):  # a plan's phases: only its first day can start late
        days = [m for m in mentions if m.rule_id in ("bounds.day_range", "bounds.day_index")]
        first = days[0].get("bounds.day_from") if days else None  # "4 flacons/j de J2 à J4, puis 3 flacons/j"
        if not isinstance(first, (int, float)) or first <= 1:
            return []
        start, end = clean_span(days[0].start, days[0].end)
        return [value_issue(text, start, end, _PROBLEM, code="business-rule")]
    if sum(m.rule_id.startswith("bounds.day_") for m in mentions) > 1:
        return []  # "Days 1-3: 30 mg daily, Days 4-6: 15 mg daily": a plan by days, its phases
    issues = []
    for mention in mentions:
        # "single dose on day 21" (bounds.day_index): one day, counted from a day the line does not give either
        first = mention.get("bounds.day_from") if mention.rule_id in ("bounds.day_range", "bounds.day_index") else None
        if isinstance(first, (int, float)) and first > 1:
            start, end = clean_span(mention.start, mention.end)
            issues.append(value_issue(text, start, end, _PROBLEM, code="business-rule"))
    return issues


_PAUSE = "a phase starting days after the one before ends (a pause between them): the durations hold no pause"
_COURSE_UNITS = frozenset({"d", "wk", "mo", "a"})


def minutes_beside_a_course(mentions: list[Mention], clean: str) -> list[Mention]:
    """``5 mL swish x 2 min then swallow QID x 10 days``, ``rinse for 30 seconds BID for 14 days``:
    a length in minutes on a line that also gives a course in days (or longer) is how long to do
    something (an instruction, as written), never the course (the course was 2 minutes, silently)."""
    bounds = [m for m in mentions if m.family == "bounds"]
    if not any(m.get("bounds.unit") in _COURSE_UNITS for m in bounds):
        return mentions
    return [
        instruction_mention(m.start, m.end, "instruction.contact_time", clean[m.start : m.end])
        if m.family == "bounds" and m.get("bounds.unit") in ("min", "s")
        else m
        for m in mentions
    ]


# a delay before what: "3 jours avant l'intervention", "2 days before your procedure"
_DELAY_WORDS = re.compile(
    r"\s+(?:avant|before|prior to)\s+(?:l['’]|d['’]|(?:la|le|les|the|your|votre|son|sa|his|her)\s+){0,2}([^\W\d]+)",
    re.IGNORECASE,
)
# …and a journey's start ("à débuter 10 j avant le départ", "start 2 days before travel")
_DELAYED_EVENTS = PROCEDURES | frozenset({"depart", "departure", "voyage", "travel", "trip", "flight"})
_COURSE_BEFORE = re.compile(r"(?:pendant|durant|during|for)\b", re.IGNORECASE)


def procedure_end(text: str, end: int) -> int | None:
    """Where a procedure or a journey named after a delay ending at ``end`` ends (``… avant
    l'intervention``, ``… avant le départ``), or None when the delay precedes something else."""
    after = _DELAY_WORDS.match(text, end)
    return after.end() if after is not None and fold(after.group(1)) in _DELAYED_EVENTS else None


def course_before_a_procedure(text: str, mention: Mention) -> bool:
    """``2 tablets at night for the 2 nights before your procedure``, ``pendant 3 jours avant la
    coloscopie``: a course counted back from a procedure, whose date the line does not give (kept as
    an instruction, as a hold's delay is; flagged, W023: it was silent)."""
    after = _DELAY_WORDS.match(text, mention.end)
    course = _COURSE_BEFORE.match(text, mention.start) or _COURSE_WORD_BEFORE.search(text, 0, mention.start)
    return course is not None and after is not None and fold(after.group(1)) in PROCEDURES


_COURSE_WORD_BEFORE = re.compile(r"\b(?:pendant|durant|during|for)\s+(?:the\s+|les\s+)?$", re.IGNORECASE)


def course_before_a_visit(text: str, mention: Mention) -> bool:
    """``pendant 5 jours avant la consultation``: a course that ends before a visit (drops before an
    eye examination); ``hold for 2 days before your procedure`` stays the hold's delay."""
    return _COURSE_BEFORE.match(text, mention.start) is not None and procedure_end(text, mention.end) is None
