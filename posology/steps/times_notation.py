"""The ``x`` notation beside other amounts and frequencies (a step of ``steps/adjust.py``).

``1x3`` alone is one unit three times a day (CONVENTIONS §7, rule ``freq.x_bare``). Beside other
mentions of the same item it says less:

- after another frequency of the item (``1 tab q4h x3``) the ``x3`` counts the doses;
- after a dose that has its own unit of presentation or volume (``Zyrtec syrup 5 ml 1x1``,
  ``1 drop OU 1x4``, a Gulf hospital's writing), the ``1`` is that dose taken once, not a second
  dose of one unit.

Reads and returns the mentions (offsets in the squeezed text ``clean``).
"""

from __future__ import annotations

import re

from posology.fields.mentions import Mention
from posology.units.registry import dimension

__all__ = ["one_times_a_dose", "times_after_a_frequency"]

_X_RULES = frozenset({"freq.x_bare", "freq.x_before_event"})
_APART = frozenset({"freq.interval_apart", "freq.interval_apart_fr"})
# where one item of a list ends: the next item's mentions are not this one's
_ITEM_BREAK = re.compile(r"[;\n+]")
# a dose in these is the amount taken ("5 ml", "1 drop", "2 puffs", "20 units"); a mass may be the
# product's strength ("Tab Panadol 500 mg 1x3": 1 tablet of 500 mg)
_AMOUNT_DIMENSIONS = frozenset({"volume", "count", "iu"})


def _same_item(text: str, earlier: Mention, later: Mention) -> bool:
    """No item break (``;``, a line break, ``+``) between (a form word may be an abbreviation:
    ``prn CP x3``, chest pain)."""
    return _ITEM_BREAK.search(text, earlier.end, later.start) is None


def times_after_a_frequency(text: str, mentions: list[Mention]) -> list[Mention]:
    """``1 tab SL q5min x3 prn``, ``1 tab q4h x3``: a bare ``xN`` after another frequency of the
    same item is the number of doses (count N), not "N a day" (``1 cp x 3`` alone stays 3 a day,
    CONVENTIONS §7); the second frequency was dropped in silence. Another item's frequency
    (``Cap A 20mg 1x2 ac; Tab B 500mg 1x3``) is not this one's."""
    if not any(m.rule_id == "freq.x_bare" for m in mentions):
        return mentions
    kept = []
    for mention in mentions:
        if mention.rule_id != "freq.x_bare":
            kept.append(mention)
            continue
        earlier = any(
            m.family == "freq"
            and m.rule_id != "freq.x_bare"
            and m.end <= mention.start
            and _same_item(text, m, mention)
            for m in mentions
        ) or any(  # "IM x2, 24 hours apart": the interval between the two doses, after them
            m.family == "freq" and m.rule_id in _APART and m.start >= mention.end and _same_item(text, mention, m)
            for m in mentions
        )
        if not earlier or mention.family not in ("freq", "period"):
            kept.append(mention)  # alone, it is N a day; a dose of "1x3" stays a dose
        elif mention.family == "freq":
            count = (("count", mention.get("freq.n")),)
            kept.append(Mention("count", mention.start, mention.end, "orders.times_count", count, mention.group))
    return kept


def one_times_a_dose(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Zyrtec syrup 5 ml 1x1 at night``, ``Tobradex 1 drop OU 1x4``, ``Seretide 1 puff 1x2``:
    the ``1`` of ``1xN`` after a dose of the same item in a unit of volume, of presentation or of
    IU is that dose once (no second Dosage of one unit, which silently doubled the order). A mass
    before it stays what the assembly makes of it (``Panadol 500 mg 1x3``: the strength), and
    ``2x3`` after a dose is left as written."""
    ones = [
        m
        for m in mentions
        if m.family == "dose" and m.rule_id in _X_RULES and m.get("dose.low") == 1 and m.get("dose.unit") is None
    ]
    if not ones:
        return mentions
    dropped = set()
    for one in ones:
        before = [m for m in mentions if m.family in ("dose", "strength") and m.end <= one.start and m is not one]
        if not before:
            continue
        dose = max(before, key=lambda m: m.end)
        if (
            dose.family == "dose"
            and dose.rule_id not in _X_RULES
            and dimension(dose.get("dose.unit")) in _AMOUNT_DIMENSIONS
            and _same_item(text, dose, one)
        ):
            dropped.add(id(one))
    return [m for m in mentions if id(m) not in dropped]
