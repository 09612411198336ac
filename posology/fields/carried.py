"""A later phase that states a dose and no timing of its own (``Temesta 1 mg : 1 cp le soir pdt 3
sem puis ½ cp pdt 3 sem``, ``Prednisone 60 mg daily x 3 days then 40 mg x 3 days``).

A pharmacist reads the step-down at the first phase's timing: ½ tablet in the evening, 40 mg a
day. Blind writers mostly agree (six lines of five rounds carry it, two lines of two rounds
leave the later phase untimed), so the engine carries the first phase's timing when it is one
intake per period (``le soir``, ``daily``, ``1 cp/j``; no clock time) and flags the line either way (W023): a
Dosage with a dose and no timing was a silent half-order, and a carried timing is a reading the
text does not write. A first phase of several intakes (``1 cp matin et soir … puis 1 cp …``) or
of slots (``1-0-0 x 5 days then 10 mg x 5 days``: one writer left it untimed) is not carried: one
tablet a day or one each time? Only flagged.

A later phase with nothing but as-needed words (``q6h x 48h then PRN``, ``… puis seulement si besoin``)
is the same dose as needed: at most as often as the first phase? Blind writers are split (four lines
carry the rhythm, five do not), so nothing is carried and the line is flagged.

Not a later phase of its own: one with an as-needed reason and a dose (``then 1 tab SOS``), a count
(``then 250 micrograms x1 after 6 hours``), days of the week or slots; one with no dose
(``puis arrêt``); one that follows no ``puis`` / ``then`` (a listed titration's own comma).
Called by ``steps/assemble.build_medication`` after :func:`posology.fields.phases.leading_timing`
(a timing before the first dose already heads every phase, unflagged).
"""

from __future__ import annotations

from posology.fields.mentions import Mention
from posology.fields.phases import HEAD_FAMILIES as _TIMING  # a moment, a clock time, a frequency, a period

_OWN = _TIMING | frozenset({"slot", "dow", "as_needed", "count", "offset"})


def carried_timing(
    phase_lists: list[list[Mention]], cuts: list[int]
) -> tuple[list[list[Mention]], list[tuple[Mention, bool]]]:
    """The phases, each later untimed phase given the first phase's one-intake timing, and the
    first dose of every later phase left untimed or given it, with whether it was given (what
    W023 points at)."""
    if len(phase_lists) < 2:
        return phase_lists, []
    first = phase_lists[0]
    timing = [m for m in first if m.family in _TIMING]
    slots = any(m.family == "slot" for m in first)  # "1-0-0 x 5 days then 10 mg x 5 days": flagged only
    if not (timing or slots) or not any(m.family in ("dose", "slot") for m in first):
        return phase_lists, []
    one_intake = not slots and _one_intake(timing)
    result, flagged = [first], []
    previous_end = max(m.end for m in first)
    for phase in phase_lists[1:]:
        doses = [m for m in phase if m.family == "dose"]
        after_then = any(previous_end <= cut <= phase[0].start for cut in cuts)
        previous_end = max(m.end for m in phase)
        if after_then and all(m.family == "as_needed" for m in phase):
            # "q6h x 48h then PRN", "pendant 3 jours puis seulement si besoin": the same dose as needed; at
            # most as often as before? Four blind lines carry the rhythm, five do not: flagged, not carried
            flagged.append((phase[0], False))
            result.append(phase)
            continue
        if not doses or not after_then or any(m.family in _OWN for m in phase):
            result.append(phase)
            continue
        flagged.append((doses[0], one_intake))
        if one_intake:
            at = doses[0].end  # written nowhere: the phase's own text stays its own
            phase = sorted([*phase, *(Mention(m.family, at, at, m.rule_id, m.items) for m in timing)], key=_order)
        result.append(phase)
    return result, flagged


def _order(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def _one_intake(timing: list[Mention]) -> bool:
    """Whether the first phase's timing is one intake per period: at most one moment, a frequency of
    1 (or none), and no clock time (``PLENVU : 1 dose la veille à 20h puis 1 dose le jour même …``:
    a clock time is often that day's only)."""
    moments = sum(len(m.all("when")) or 1 for m in timing if m.family == "when")
    counts = [m.get("freq.n") for m in timing if m.family == "freq"]
    clocks = any(m.family == "tod" for m in timing)
    return moments <= 1 and not clocks and all(n in (None, 1) for n in counts) and len(counts) <= 1
