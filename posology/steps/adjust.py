"""Step 3, adjust the mentions: order cues, impossible clock times, ``OD`` on an eye-drop line.

Reads ``doc``, ``cues``, ``mentions``; writes ``mentions`` (rewritten by the cues: excepted
days, conditions, daily totals, titration clauses — ``posology.fields.orders``), the issues of
an ambiguous ``OD`` and ``value_issues`` (clock times no day holds: ``à 26h``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.dosage import Issue
from posology.errors import Warnings
from posology.fields.dosages import STRENGTH_DIMENSIONS
from posology.fields.mentions import Mention
from posology.fields.orders import rewrite_mentions
from posology.fields.plausibility import impossible_clock_times
from posology.units.registry import dimension

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine

_EYE_UNITS = {"drop"}
AMOUNT_DIMENSIONS = STRENGTH_DIMENSIONS | {"volume"}  # an amount, not a count of units


def step(engine: Engine, analysis: Analysis) -> None:
    mentions = rewrite_mentions(analysis.doc, analysis.mentions, analysis.cues)
    mentions = restated_amounts(analysis.text, mentions)
    mentions = times_after_a_frequency(mentions)
    mentions, analysis.value_issues = impossible_clock_times(mentions, analysis.text, analysis.offsets.span)
    analysis.mentions, issues = resolve_eye_od(analysis, mentions)
    analysis.issues.extend(issues)


def restated_amounts(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Inhale 1 vial (3 mL)``, ``inject 1 pen (0.75 mg)``, ``Take 1-2 tablets (50-100 mg
    total)``, ``1 cp le soir (20 mg)``: an amount in parentheses after a counted dose, with no
    ``;`` / ``then`` / ``and`` between them, restates it (an EHR's habit); it becomes an
    instruction, as written, never a second dose."""
    kept: list[Mention] = []
    for mention in mentions:
        opening = text.rfind("(", 0, mention.start)
        closing = text.find(")", mention.end)
        wrapped = (
            mention.family == "dose"
            and opening >= 0
            and not text[opening + 1 : mention.start].strip()
            and closing >= 0
            and text[mention.end : closing].strip().lower() in ("", "total", "au total", "en tout")
        )
        dose = next((m for m in reversed(kept) if m.family == "dose"), None)
        same_clause = dose is not None and not _CLAUSE_BREAK.search(text[dose.end : max(opening, dose.end)])
        counted = dose is not None and dimension(dose.get("dose.unit")) not in AMOUNT_DIMENSIONS
        if wrapped and same_clause and counted:
            written = text[opening : closing + 1]
            kept.append(Mention("instruction", opening, closing + 1, "orders.restated", (("instruction", written),)))
            continue
        kept.append(mention)
    return kept


def times_after_a_frequency(mentions: list[Mention]) -> list[Mention]:
    """``1 tab SL q5min x3 prn``, ``1 tab q4h x3``: a bare ``xN`` after another frequency is the
    number of doses (count N), not "N a day" (``1 cp x 3`` alone stays 3 a day, CONVENTIONS §7);
    the second frequency was dropped in silence."""
    bare = [m for m in mentions if m.rule_id == "freq.x_bare"]
    if not bare:
        return mentions
    kept = []
    for mention in mentions:
        if mention.rule_id != "freq.x_bare":
            kept.append(mention)
            continue
        earlier = any(m.family == "freq" and m.rule_id != "freq.x_bare" and m.end <= mention.start for m in mentions)
        if not earlier or mention.family not in ("freq", "period"):
            kept.append(mention)  # alone, it is N a day; a dose of "1x3" stays a dose
        elif mention.family == "freq":
            count = (("count", mention.get("freq.n")),)
            kept.append(Mention("count", mention.start, mention.end, "orders.times_count", count, mention.group))
    return kept


_CLAUSE_BREAK = re.compile(r";|\b(?:puis|then|et|and)\b", re.IGNORECASE)  # a new dose may follow these


def resolve_eye_od(analysis: Analysis, mentions: list[Mention]) -> tuple[list[Mention], list[Issue]]:
    """``OD`` is "once daily" in English shorthand but "oeil droit" (right eye) on an eye-drop
    line: with an eye context (ocular route, eye-drop form, or a dose in drops with no other
    route stated) it is not a frequency, and the ambiguity is reported instead of guessed."""
    text, span = analysis.text, analysis.offsets.span
    od_groups = {
        m.group
        for m in mentions
        if m.family in ("freq", "period")
        and text[slice(*span(m.start, m.end))].strip(". ").upper() in ("OD", "O.D", "1 OD")
    }
    if not od_groups:
        return mentions, []
    routes = {m.get("route") for m in mentions if m.family == "route"}
    units = {m.get("dose.unit") for m in mentions if m.family == "dose"}
    eye = (
        "ocular" in routes
        or any((t._.lex_dose_form or "").startswith("eye") for t in analysis.doc)
        or (bool(units & _EYE_UNITS) and not routes - {"ocular"})
    )
    if not eye:
        return mentions, []
    issues = []
    for group in sorted(od_groups):
        od = [m for m in mentions if m.group == group and m.family in ("freq", "period")]
        start, end = span(min(m.start for m in od), max(m.end for m in od))
        what = "abbreviation (right eye or once daily)"
        issues.append(
            Issue("warning", "informational", Warnings.W004.format(what=what, span=text[start:end]), start, end)
        )
    kept = [m for m in mentions if not (m.group in od_groups and m.family in ("freq", "period"))]
    return kept, issues
