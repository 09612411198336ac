"""Timings said of every drug of a list (``all`` / ``both`` / ``le tout``), read while the
medications are assembled (``posology.steps.assemble``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.fields.meals import MEALS

if TYPE_CHECKING:
    from posology.fields.medications import MedicationSegment
    from posology.fields.mentions import Mention

# the families that make a drug's own timing (a drug with one keeps it)
_TIMED = frozenset({"freq", "period", "when", "tod", "dow", "as_needed", "count"})
_OF_ALL = re.compile(r"\b(le\s+tout|tous|all|both|the\s+lot)\W*$", re.IGNORECASE)
_OF_ALL_FAMILIES = frozenset(
    {"freq", "period", "when", "tod", "dow", "as_needed", "count", "bounds", "route", "priority"}
)


def timing_of_all(segments: list[MedicationSegment], text: str) -> None:
    """``…, all twice daily for 14 days``, ``… -- all x 14 days``, ``…; le tout pendant 14 jours``,
    ``…; pendant 28 jours``: the timing said to be every drug's (from ``all`` / ``le tout`` after the
    last drug on, or a duration that is the last item on its own) is every drug's; ``A … + B …, both
    for 14 days; C …``, ``A + B, both stat``: from ``both`` on, the drug's and the one before it's
    (wherever the pair stands on the line). Shared: the duration, route and priority where a drug
    has none, the frequency and moments where a drug has no timing of its own."""
    once_for_all(segments, text)
    maximum_of_each(segments, text)
    for index in range(1, len(segments)):
        first = said_of_all(segments[index], text)
        if first is None:
            continue
        said = _OF_ALL.search(text, 0, first.start)
        both = said is not None and said.group(1).lower() == "both"
        if not both and index < len(segments) - 1:
            continue  # "all" / "le tout" is said after the last drug
        shared = [m for m in segments[index].mentions if m.family in _OF_ALL_FAMILIES and m.start >= first.start]
        for seg in segments[index - 1 : index] if both else segments[:index]:
            families = {m.family for m in seg.mentions}
            timed = bool(families & _TIMED)
            seg.mentions = [
                *seg.mentions,
                *(
                    m
                    for m in shared
                    if m.family not in families
                    and (m.family in ("route", "bounds", "priority") or not timed or _meal_relation(m))
                ),
            ]


_OF_EACH = re.compile(r"\s*(?:de\s+chaque|de\s+chacun(?:e)?|pour\s+chacun(?:e)?|of\s+each|for\s+each|each)\b", re.I)


def maximum_of_each(segments: list[MedicationSegment], text: str) -> None:
    """``Ibuprofène 400 mg 1 cp si céphalée + Primpéran 10 mg 1 cp si nausées. Max 3 cp/j de chaque``:
    a maximum said of each drug after the last one is every drug's (a drug with its own keeps it)."""
    if len(segments) < 2:
        return
    said = [m for m in segments[-1].mentions if m.family == "max" and _OF_EACH.match(text, m.end)]
    for seg in segments[:-1] if said else ():
        if not any(m.family == "max" for m in seg.mentions):
            seg.mentions = [*seg.mentions, *said]


def once_for_all(segments: list[MedicationSegment], text: str) -> None:
    """``Rimifon 300 mg 1 cp/j + Rifadine 300 mg 2 gél/j + … , en 1 prise le matin à jeun``: drugs
    joined by ``+``, each once a day, then ``, en 1 prise`` / ``, in one dose`` and a moment after
    the last: the moment is every drug's (their daily doses are taken together)."""
    if len(segments) < 2 or "+" not in text:
        return
    last = sorted(segments[-1].mentions, key=lambda m: m.start)
    split = next((m for m in last if m.family == "split" and _AFTER_COMMA.search(text, 0, m.start)), None)
    if split is None or not all(_PLUS_BEFORE.search(text, 0, seg.start) for seg in segments[1:]):
        return
    moments = [m for m in last if m.family in ("when", "tod") and m.start >= split.end]
    if not moments:
        return
    for seg in segments[:-1]:
        families = {m.family for m in seg.mentions}
        if families & {"when", "tod", "split"} or not _once_a_day(seg):
            continue
        seg.mentions = [*seg.mentions, *moments]


def _once_a_day(segment: MedicationSegment) -> bool:
    freqs = [m for m in segment.mentions if m.family == "freq"]
    periods = [m for m in segment.mentions if m.family == "period"]
    return (
        len(freqs) == 1
        and freqs[0].get("freq.n") == 1
        and freqs[0].get("freq.max") is None
        and len(periods) == 1
        and periods[0].get("period.unit") == "d"
        and periods[0].get("period.value") in (1, None)
    )


_AFTER_COMMA = re.compile(r",\s*$")
_PLUS_BEFORE = re.compile(r"\+\s*$")


def said_of_all(segment: MedicationSegment, text: str) -> Mention | None:
    """The first timing mention of a list's drug written right after ``all`` / ``both`` / ``le tout``;
    else a duration that is the line's last item on its own (``A … ; B … ; pendant vingt-huit
    jours``: a secure prescription's length, every drug's)."""
    mentions = sorted(segment.mentions, key=lambda m: m.start)
    said = next((m for m in mentions if m.family in _OF_ALL_FAMILIES and _OF_ALL.search(text, 0, m.start)), None)
    if said is None and mentions and mentions[-1].family == "bounds":
        last = mentions[-1]
        alone = _ITEM_BEFORE.search(text, 0, last.start) and _LINE_END.match(text, last.end)
        return last if alone else None
    return said


_ITEM_BEFORE = re.compile(r";\s*$")
_LINE_END = re.compile(r"[\s.;]*$")


def _meal_relation(mention: Mention) -> bool:
    """``… - all with food``: a meal's relation alone (C, AC, PC) goes with any frequency."""
    return mention.family == "when" and all(code in MEALS for code in mention.all("when"))
