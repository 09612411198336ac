"""Restated amounts and indications, read while the mentions are adjusted (``posology.steps.adjust``).

- an amount that says a dose again (``1 cp le soir (20 mg)``, ``Take 2 teaspoons (10 mL)``, ``25
  mg/kg soit 1 500 mg``) or a day's total after the doses (``2-0-3 soit 1250 mg/j``): an
  instruction, as written, never a second dose (a total the doses do not make is flagged);
- a symptom after ``for`` once the dose has a schedule (``at bedtime for constipation``): the
  indication, an instruction, never an as-needed condition.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.dosage import Issue
from posology.errors import Warnings
from posology.fields.mentions import Mention
from posology.fields.strengths import STRENGTH_DIMENSIONS
from posology.steps.packs import AMOUNT_DIMENSIONS
from posology.units.registry import dimension

if TYPE_CHECKING:
    from posology.analysis import Analysis


def _restated(start: int, end: int, written: str) -> Mention:
    """An amount said again, kept as an instruction, as written (never a second dose)."""
    return Mention("instruction", start, end, "orders.restated", (("instruction", written),))


def _scheduled(mention: Mention) -> bool:
    """An event, a clock time or a count per day (an interval in hours, ``every 6 hours for
    pain``, stays as needed: at most that often)."""
    if mention.family == "period":
        return mention.get("period.unit") not in ("h", "min")
    return mention.family in ("when", "tod")


def scheduled_indications(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Give 2 tablet by mouth at bedtime for constipation``, ``two times a day for sleep``: a
    symptom after ``for`` is as-needed only when its dose has no schedule (``1 cap for pain``,
    ``every 6 hours for pain``); a scheduled dose's ``for`` names why it is given (a MAR's
    indication), kept as an instruction, never a condition that makes a routine dose optional."""
    indications = [m for m in mentions if m.rule_id == "as_needed.for_symptom"]
    if not indications or any(m.family == "as_needed" and m.rule_id != "as_needed.for_symptom" for m in mentions):
        return mentions
    doses = sorted(m.start for m in mentions if m.family == "dose")
    kept = []
    for mention in mentions:
        if mention.rule_id == "as_needed.for_symptom":
            first = max((start for start in doses if start < mention.start), default=0)
            after = min((start for start in doses if start > mention.start), default=len(text))
            if any(_scheduled(m) and first <= m.start < after for m in mentions):
                written = text[mention.start : mention.end]
                mention = Mention(
                    "instruction", mention.start, mention.end, mention.rule_id, (("instruction", written),)
                )
        kept.append(mention)
    return kept


def restated_amounts(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Inhale 1 vial (3 mL)``, ``inject 1 pen (0.75 mg)``, ``Take 1-2 tablets (50-100 mg
    total)``, ``1 cp le soir (20 mg)``: an amount in parentheses after a counted dose, with no
    ``;`` / ``then`` / ``and`` between them, restates it (an EHR's habit); so does a
    weight-based amount after any dose (``200 mg (15 mg/kg)``, a hospital's computed dose). It
    becomes an instruction, as written, never a second dose."""
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
        # "200 mg (15 mg/kg)": the weight-based amount the dose was computed from
        per_body = dose is not None and dimension(mention.get("dose.unit")) == "per_body"
        if wrapped and same_clause and dose is not None and _spoons_in_ml(dose, mention):
            # "Take 2 teaspoons (10 mL)": the measured volume is the dose, the spoons say it again
            measure = "Measure: " + text[dose.start : dose.end]  # labelled: read back as no dose
            spoons = _restated(dose.start, dose.end, measure)
            kept = [m for m in kept if m is not dose] + [spoons, mention]
            continue
        # "Take 10ml (TWO 5ml spoonfuls)": the spoons a volume is measured with (a UK label)
        measured = (
            mention.family == "dose"
            and opening >= 0
            and closing >= 0
            and _SPOONS.fullmatch(text[opening + 1 : closing]) is not None
            and dose is not None
            and dose.get("dose.unit") == "mL"
        )
        # "give 7.5 mL (45 mg)": the mass a measured volume holds (the volume is what is given)
        content = dose is not None and dimension(dose.get("dose.unit")) == "volume"
        content = content and dimension(mention.get("dose.unit")) in ("mass", "iu")
        if (wrapped and same_clause and (counted or per_body or content)) or (measured and same_clause):
            written = text[opening : closing + 1]
            kept.append(_restated(opening, closing + 1, written))
            continue
        if mention.family == "dose" and dose is not None and _RESTATING.fullmatch(text[dose.end : mention.start]):
            # "25 mg/kg soit 1 500 mg": the computed amount is the dose; "1 cp soit 20 mg": the count is
            first, second = (mention, dose) if dimension(dose.get("dose.unit")) == "per_body" else (dose, mention)
            written = text[dose.start : mention.end] if first is mention else text[dose.end : mention.end].strip()
            kept = [m for m in kept if m is not dose] + [first]
            kept.append(_restated(second.start, second.end, written))
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


_SPOONS = re.compile(r"\s*(?:\d|one|two|three|four|half|a)\w*\s+5\s*ml\s+spoon(?:ful)?s?\s*", re.IGNORECASE)


def _spoons_in_ml(dose: Mention, mention: Mention) -> bool:
    return dose.get("dose.unit") in ("teaspoon", "tablespoon") and mention.get("dose.unit") == "mL"


def restated_daily_totals(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``DEPAKOTE 250 mg 2-0-3 soit 1250 mg/j``: a day's total restated after the doses (``soit``,
    ``i.e.``, ``=``) says them again; it is an instruction, as written, never a third dose. When
    the slots and the strength give another total (``100 mg 1-0-2 soit 400 mg/j``), it is flagged
    (W023): which one did the prescriber mean?"""
    text = analysis.clean
    kept: list[Mention] = []
    skip: set[int] = set()
    for index, mention in enumerate(mentions):
        if id(mention) in skip:
            continue
        before = next((m for m in reversed(kept) if m.family in ("slot", "dose")), None)
        per = [
            m
            for m in mentions[index + 1 : index + 3]
            if m.family in ("period", "freq") and m.start - mention.end <= 1 and m.get("period.unit", "d") == "d"
        ]
        gap = text[kept[-1].end : mention.start] if kept else ""
        # "(deux gélules par jour)" after "une gélule matin et soir": a count per day in brackets says it again
        bracketed = (
            bool(per) and _OPENING.fullmatch(gap) is not None and text[max(m.end for m in per) :].lstrip()[:1] == ")"
        )
        if (
            mention.family != "dose"
            or before is None
            or not per
            or (dimension(mention.get("dose.unit")) not in STRENGTH_DIMENSIONS and not bracketed)
            or not (_RESTATING.fullmatch(gap) or bracketed)  # "2-0-3 soit", "2 le soir, soit", "(2 cp/j)"
        ):
            kept.append(mention)
            continue
        end = max(m.end for m in per)
        skip.update(id(m) for m in per)
        written = text[kept[-1].end : end].strip(" ,")  # with its "soit": read back, it says the same again
        kept.append(_restated(mention.start, end, written))
        strength = next((m for m in kept if m.family == "dose" and m.end <= before.start), None)
        if before.family == "slot" and strength is not None and strength.get("dose.unit") == mention.get("dose.unit"):
            total = sum(before.all("slot")) * strength.get("dose.low")
            if total != mention.get("dose.low"):
                start, stop = analysis.offsets.span(mention.start, end)
                problem = f"a total per day ({written}) that the doses do not make ({total:g})"
                analysis.issues.append(
                    Issue(
                        "warning",
                        "value",
                        Warnings.W023.format(span=analysis.text[start:stop], problem=problem),
                        start,
                        stop,
                    )
                )
    return kept


_OPENING = re.compile(r"\s*\(\s*")
_RESTATING = re.compile(r"\s*(?:,\s*)?(?:soit|i\.?e\.?|=|c'est-à-dire|that is)\s*", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r";|\b(?:puis|then|et|and)\b", re.IGNORECASE)  # a new dose may follow these


def intakes_not_counts(text: str, mentions: list[Mention]) -> list[Mention]:
    """``4 caps/j en une seule prise``: one intake a day (the per-day dose taken at once), never a
    single dose for the whole course; ``2000 mg matin et soir (soit 4 cp)``: the count restates a
    dose, never a total of 4 doses. Both become instructions, as written."""
    kept: list[Mention] = []
    for mention in mentions:
        written = text[mention.start : mention.end]
        # a dose per day ("4 caps/j"), then the words right after it (a renderer's "1 fois par jour, en
        # prise unique" is a count of 1: its frequency is no dose per day)
        per_day = bool(kept) and kept[-1].rule_id == "period.per" and kept[-1].get("period.unit", "d") == "d"
        glued = per_day and not text[kept[-1].end : mention.start].strip()
        once_a_day = mention.rule_id == "count.single_dose" and glued
        restating = mention.rule_id == "count.total_before" and written.lower().startswith("soit")
        restating = restating and text[: mention.start].rstrip().endswith("(")
        if once_a_day or restating:
            mention = _restated(mention.start, mention.end, written)
        kept.append(mention)
    return kept
