"""A conversion note between a unit and what it holds: ``20 gouttes matin et soir (1 goutte = 0,5
mg)``, ``Valium gouttes 1% : 30 gouttes = 10 mg. Prendre 15 gouttes matin et soir``, ``solution
(1 ml = 1 mg) : 5 mg si douleur``.

Two amounts of different kinds joined by ``=`` (a count or a volume, then a mass or units) say
how much drug a drop or a millilitre holds. When the line doses in one of those kinds elsewhere,
the pair is that note: an instruction, as written, never a dose (the drops of the note were a
second, untimed dose, silently). A pair that is the line's only dose (``30 gouttes = 10 mg le
soir``) is the dose said twice, left to :func:`posology.steps.restated.restated_amounts`. Run
by ``steps/adjust`` before it.
"""

from __future__ import annotations

from posology.fields.mentions import Mention, instruction_mention
from posology.units.registry import dimension

_UNIT_KINDS = frozenset({"count", "volume"})  # what a note converts from: a drop, a millilitre
_CONTENT_KINDS = frozenset({"mass", "iu"})  # … to what it holds


def conversion_notes(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each conversion note (two amounts joined by ``=``, the line dosing in one of
    their kinds elsewhere) made one instruction, as written."""
    doses = [m for m in mentions if m.family == "dose"]
    notes: list[tuple[Mention, Mention]] = []
    for left, right in zip(doses, doses[1:], strict=False):
        kinds = dimension(left.get("dose.unit")), dimension(right.get("dose.unit"))
        if kinds[0] not in _UNIT_KINDS or kinds[1] not in _CONTENT_KINDS:
            continue
        if text[left.end : right.start].strip() != "=" or left.get("dose.high") or right.get("dose.high"):
            continue
        others = [m for m in doses if m is not left and m is not right]
        if any(dimension(m.get("dose.unit")) in kinds for m in others):
            notes.append((left, right))
    if not notes:
        return mentions
    inside = {id(m) for pair in notes for m in pair}
    kept = [m for m in mentions if id(m) not in inside]
    for left, right in notes:
        start, end = left.start, right.end
        if text[:start].rstrip().endswith("(") and text[end:].lstrip().startswith(")"):
            start, end = text.rindex("(", 0, start), text.index(")", end) + 1
        kept.append(instruction_mention(start, end, "orders.conversion_note", text[start:end]))
    return sorted(kept, key=lambda m: m.start)
