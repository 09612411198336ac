"""Where a medication's mentions split into phases (CONVENTIONS.md §3: ``sequence`` 1, 2, 3 …).

A phase ends at ``puis`` / ``then`` (a ``phase`` mention), after a duration that a comma or a
semicolon separates from a next dose with a duration of its own (a titration written as a
list), and before a day header that opens the next phase (``Day 2: 1 cap twice daily``). A plan's
hour column (``| 8h |``) is then every later phase's that states no timing of its own; so is a
timing written before the first dose (:func:`leading_timing`, run by ``steps/assemble`` on the
phases left once the empty ones are dropped).
"""

from __future__ import annotations

import re

from posology.fields.mentions import Mention


def phases(mentions: list[Mention], text: str = "") -> list[list[Mention]]:
    """Phases cut at ``puis`` / ``then``, after a duration that a comma or semicolon separates
    from a next dose with a duration of its own ("1 cp le soir pendant 5 jours, 1 cp matin et
    soir pendant 5 jours, puis …": a titration written as a list), and before each day header
    after the first dose ("Day 1: … Day 2: …")."""
    result: list[list[Mention]] = [[]]
    cuts = _listed_phase_cuts(mentions, text) if text else set()
    heads = _day_headers(mentions, text) if text else set()
    for index, mention in enumerate(mentions):
        if mention.family == "phase":
            if result[-1]:
                result.append([])
            continue
        if index in heads and any(m.family in _DOSES for m in result[-1]):
            result.append([])
        result[-1].append(mention)
        if index in cuts:
            result.append([])
    return _column_times(result, text) if text and len(result) > 1 else result


# a frequency or a moment of the day, which may head every phase; a phase with one of them or slots
# states its own timing (for an hour column, its own days too)
HEAD_FAMILIES = frozenset({"when", "tod", "freq", "period"})
_OWN_TIMING = HEAD_FAMILIES | {"slot"}
_OWN_TIMES = _OWN_TIMING | {"dow"}


def _column_times(result: list[list[Mention]], text: str) -> list[list[Mention]]:
    """``CORTANCYL 20 mg cp | 2 cp | 8h | PO | 5 j puis 1 cp 5 j``: a plan's hour column (clock times
    alone between two column bars) is the order's time, so every later phase with no timing of its
    own takes it (it was the first phase's alone)."""
    column = [m for m in result[0] if m.family == "tod" and _between_bars(text, m.start, m.end)]
    if not column:
        return result
    return [result[0]] + [
        [*_at(column, phase[0].start), *phase]
        if any(m.family in _DOSES for m in phase) and not any(m.family in _OWN_TIMES for m in phase)
        else phase
        for phase in result[1:]
    ]


def leading_timing(phase_lists: list[list[Mention]]) -> list[list[Mention]]:
    """``WEGOVY en SC, 1 fois/semaine : 0,25 mg x 4 sem puis 0,5 mg x 4 sem``, ``Solupred 20 mg, le
    matin : 3 cp pendant 3 j, puis 2 cp …``: a frequency or a moment written before the first
    phase's dose heads the plan, every phase's that states no timing of its own (one after the
    first dose is that phase's only)."""
    if len(phase_lists) < 2:
        return phase_lists
    first = phase_lists[0]
    dose = next((m for m in first if m.family in _DOSES), None)
    if dose is None:
        return phase_lists
    head = [m for m in first if m.family in HEAD_FAMILIES and m.end <= dose.start]
    if dose.rule_id == "slots.moment_label" and len(dose.all("slot.when")) == 1:  # "le matin : 3 cp … puis 2 cp"
        head = [Mention("when", dose.start, dose.start, dose.rule_id, (("when", dose.get("slot.when")),))]
    if not head or any(m.family in HEAD_FAMILIES and m.start >= dose.start for m in first):
        return phase_lists
    return [first] + [
        phase if any(m.family in _OWN_TIMING for m in phase) else sorted([*phase, *head], key=lambda m: m.start)
        for phase in phase_lists[1:]
    ]


def _at(mentions: list[Mention], start: int) -> list[Mention]:
    """Copies of ``mentions`` written nowhere, at ``start`` (the phase's text stays its own)."""
    return [Mention(m.family, start, start, m.rule_id, m.items) for m in mentions]


def _between_bars(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` fills a column of its own (``| 8h |``, ``| 8h-20h |``; the bars may
    be the mention's own, as rule ``tod.column_hour`` reads them)."""
    written = text[start:end]
    if len(written) > 2 and written[0] == "|" and written[-1] == "|":
        return True
    left, right = text.rfind("|", 0, start), text.find("|", end)
    return left >= 0 and right >= 0 and not text[left + 1 : start].strip() and not text[end:right].strip()


_DOSES = frozenset({"dose", "slot"})


def _day_headers(mentions: list[Mention], text: str) -> set[int]:
    """Indexes of day headers, each opening its phase: ``Day 1: 1 cap at bedtime. Day 2: 1 cap
    twice daily. Day 3 and after: …``, ``Days 1-3: 40 mg daily, Days 4-6: 20 mg daily`` (days
    counted from the start, a colon, then the phase's dose)."""
    heads: set[int] = set()
    for index, mention in enumerate(mentions[:-1]):
        if mention.family != "bounds" or not mention.rule_id.startswith("bounds.day_"):
            continue
        after = mentions[index + 1]
        if after.family in _DOSES and text[mention.end : after.start].strip() in (":", "-", "–"):
            heads.add(index)
    return heads


def _listed_phase_cuts(mentions: list[Mention], text: str) -> set[int]:
    """Indexes of durations that end a phase with no ``puis`` after them: a dose before the
    duration, then ``,`` or ``;``, then a dose and a duration again before the next ``puis``."""
    cuts: set[int] = set()
    dose_seen = False
    for index, mention in enumerate(mentions):
        if mention.family == "phase":
            dose_seen = False
        elif mention.family in _DOSES:
            dose_seen = True
        elif mention.family == "bounds" and dose_seen and index + 1 < len(mentions):
            after = mentions[index + 1]
            gap = text[mention.end : after.start].strip()
            if after.family not in _DOSES or gap not in (",", ";"):
                continue
            for later in mentions[index + 2 :]:
                if later.family == "phase":
                    break
                if later.family == "bounds":
                    cuts.add(index)
                    dose_seen = False
                    break
            else:  # "1 ON day 1, 1 BD day 2, 1 TDS from day 3": the last phase's start, no end
                if _OPEN_DAY.search(text, after.start):
                    cuts.add(index)
                    dose_seen = False
    return cuts


# where a phase starts with no end ("from day 3", "à partir de J3", "day 3 onwards"): rules/duration.yaml's
# bounds.day_open, day_onwards, day_and_after read it as no duration (so no mention)
_OPEN_DAY = re.compile(
    r"\b(?:from|starting|[àa] partir d[eu]|d[èe]s)\s+(?:day|jour|j)\s*\d+"
    r"|\b(?:day|jour|j)\s*\d+\s*(?:onwards?\b|\+|and after\b|et apr[èe]s\b)",
    re.IGNORECASE,
)
