"""Where a medication's mentions split into phases (CONVENTIONS.md §3: ``sequence`` 1, 2, 3 …).

A phase ends at ``puis`` / ``then`` (a ``phase`` mention), after a duration that a comma or a
semicolon separates from a next dose with a duration of its own (a titration written as a
list), and before a day header that opens the next phase (``Day 2: 1 cap twice daily``).
"""

from __future__ import annotations

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
    return result


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
        if after.family in _DOSES and text[mention.end : after.start].strip() == ":":
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
    return cuts
