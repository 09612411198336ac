"""Times and dates the rules misread, mended while the mentions are adjusted (``posology.steps.adjust``).

Hours counted from an event the line does not date (``Lovenox 4000 UI SC, à débuter 6h après
l'intervention``, ``start 12 hours after surgery``, ``instillation within 6 hours of TURBT``):
``6h`` there is no clock time (it was read as 06:00) and ``within 6 hours`` no course. The words
are kept as an instruction, as written, read (never a posology), and flagged (W023): when the
event happens is for the ward to say.

A "date" no calendar holds (``Trelegy Ellipta 92/55/22``: three strengths, not the 92nd of a 55th
month) is no date: its numbers go back to the name's neighbours (a unit-less strength).
"""

from __future__ import annotations

import re

from posology.analysis import Analysis
from posology.fields.mentions import Mention, instruction_mention
from posology.text.words import PROCEDURES

# what a time may be counted from, besides PROCEDURES ("after the procedure", "avant l'examen")
_EVENTS = PROCEDURES | frozenset(
    "op opération operation turbt turp cesarienne césarienne accouchement delivery birth naissance extubation"
    " greffe transplant transplantation ponction prelevement prélèvement chirurgicale surgical incision"
    " induction intubation".split()
)
_EVENT_AFTER = re.compile(
    r"\s*(?:apr[èe]s|after|avant|before|prior\s+to|post|of|suivant|following)\s+"
    r"(?:l['’]\s*|(?:la|le|les|the|your|votre|son|sa|his|her|each|chaque)\s+){0,2}([^\W\d]+)(?:\s+([^\W\d]+))?",
    re.IGNORECASE,
)
_WITHIN = re.compile(r"(?:within|dans\s+les|in\s+the\s+first)\s+$", re.IGNORECASE)
_HOURS_FAMILIES = frozenset({"tod", "bounds", "period"})
_PROBLEM = "a time counted from an event whose hour the line does not give (kept as written)"


def misread_times(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    return counted_from_events(analysis, impossible_dates(analysis, mentions))


_DATE = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}$")
_DATE_RULES = frozenset({"instruction.numeric_date", "instruction.numeric_date_dashes"})


def impossible_dates(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """Drop each numeric date whose day and month no calendar holds, either way round (day/month
    or month/day), and give its words back to the other readers."""
    kept = []
    for mention in mentions:
        found = _DATE.search(analysis.clean, mention.start, mention.end) if mention.rule_id in _DATE_RULES else None
        if found is not None:
            first, second = int(found.group(1)), int(found.group(2))
            if not ((1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)):
                analysis.covered -= {t.i for t in analysis.doc if mention.start <= t.idx < mention.end}
                continue
        kept.append(mention)
    return kept


_CLOCK = re.compile(r"\d[:.h]\d\d|^(?:à|a|at|@)\s", re.IGNORECASE)  # "07:00", "7h30", "à 7h": a clock time


def _hours(mention: Mention, text: str) -> bool:
    if mention.family == "tod":  # "6h après l'intervention" (a bare count of hours), never "à 7h", "07:00"
        written = text[max(0, mention.start - 3) : mention.end]
        return not _CLOCK.search(text[mention.start : mention.end]) and not _CLOCK.search(written.lstrip())
    unit = mention.get(f"{mention.family}.unit")
    return unit in ("h", "min")


def counted_from_events(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """Drop each time of :data:`_HOURS_FAMILIES` written right before an event's name (``6h après
    l'intervention``, ``within 6 hours of TURBT``): an instruction, read and flagged."""
    text = analysis.clean
    kept: list[Mention] = []
    for mention in mentions:
        after = _EVENT_AFTER.match(text, mention.end) if mention.family in _HOURS_FAMILIES else None
        words = [w.lower() for w in after.groups() if w] if after is not None else []
        if after is None or not _hours(mention, text) or not _EVENTS.intersection(words):
            kept.append(mention)
            continue
        within = _WITHIN.search(text, max(0, mention.start - 20), mention.start)
        start = within.start() if within else mention.start
        end = after.end() if words[-1] in _EVENTS else after.end(1)  # "before TRUS biopsy", "after surgery"
        kept.append(instruction_mention(start, end, "orders.from_an_event", text[start:end]))
        analysis.cover(start, end)
        analysis.issues.append(analysis.value_issue(start, end, _PROBLEM))
    return kept
