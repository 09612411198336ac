"""A pharmacy software's generic intake unit, read while the mentions are adjusted (``posology.steps.adjust``).

French dispensing software prints a dose in its own generic unit, ``unité(s)``, whatever the
product: ``DAFALGAN 500MG GELULE | 1 unité(s) x 3 par jour`` is one capsule three times a day.
``unité`` alone is read as an international unit (insulin: ``Lantus … 16 unité(s) le soir``), so
such a line was one IU of a capsule, silently. On a line whose product is a solid presentation
(a tablet, a capsule, a sachet, a suppository …) and whose strength is not in units, the
software's ``unité(s)`` is a count of that presentation: the dose keeps its number and no unit
(a unit is never guessed, CONVENTIONS §2). ``unités internationales`` / ``UI`` stay units."""

from __future__ import annotations

import re

from posology.fields.mentions import Mention

# the word as written: "unité(s)", "unités", "unite" (never "UI", never "unité(s) internationale(s)")
_GENERIC = re.compile(r"unit[ée]s?(?:\(s\))?(?!\s*internationale)", re.IGNORECASE)
# a solid presentation's form key (a dose form or a unit of presentation)
_SOLID = re.compile(r"tablet|capsule|sachet|suppositor|pessary|lozenge|granules|powder|pastille|ovule")


def _solid_product(mentions: list[Mention]) -> bool:
    forms = [str(m.get("form") or "") for m in mentions if m.family == "form"]
    return bool(forms) and all(_SOLID.search(form) for form in forms)


def _strength_in_units(mentions: list[Mention]) -> bool:
    return any(m.family == "strength" and m.get("strength.unit") == "iU" for m in mentions)


def generic_units(text: str, mentions: list[Mention]) -> list[Mention]:
    """``1 unité(s)`` of a capsule: a count of the presentation, the unit dropped."""
    if "unit" not in text.lower() or not _solid_product(mentions) or _strength_in_units(mentions):
        return mentions
    out = []
    for mention in mentions:
        if (
            mention.family == "dose"
            and mention.get("dose.unit") == "iU"
            and _GENERIC.search(text, mention.start, mention.end)
        ):
            items = tuple((field, value) for field, value in mention.items if field != "dose.unit")
            mention = Mention(mention.family, mention.start, mention.end, mention.rule_id, items, mention.group)
        out.append(mention)
    return out
