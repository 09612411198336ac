"""A device's dose: on an inhaler or a spray, ``Inhale TWO doses``, ``Spray ONE dose into the
affected ear``, ``Use ONE dose TWICE a day`` on an Accuhaler's line name actuations (a UK label's wording for puffs:
CONVENTIONS §6 unit ``puff``), never a unit-less dose or a single administration.

``ONE dose`` is a count of one administration (``x 8 doses``, ``single dose``) only where no
schedule repeats it: ``Spray ONE dose … THREE times a day`` is one actuation three times a day.
"""

from __future__ import annotations

import re

from posology.fields.mentions import Mention
from posology.text.words import DEVICE_WORDS

# an English label's verb right before the dose ("Inhale TWO doses"; "Use ONE dose" on a device's line)
_VERB_BEFORE = re.compile(r"\b(inhale|spray|use|take)\s+$", re.IGNORECASE)
_DEVICE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(DEVICE_WORDS | {"inhaler", "spray", "nebuliser", "nebulizer"})) + r")\b", re.IGNORECASE
)
_ONE_DOSE = re.compile(r"(?:one|1) dose", re.IGNORECASE)
_REPEATS = frozenset({"freq", "period", "when", "slot", "abbrev", "tod", "dow"})
_DOSE_WORDS = frozenset({"dose.dose_word", "dose.dose_word_range"})


def device_doses(text: str, mentions: list[Mention]) -> list[Mention]:
    """Doses and counts in ``dose`` words read as puffs after a device's verb."""
    if "dose" not in text.lower():
        return mentions
    device = _DEVICE_WORD.search(text) is not None
    repeated = any(m.family in _REPEATS for m in mentions)
    out: list[Mention] = []
    for m in mentions:
        unit_less = m.family == "dose" and m.rule_id in _DOSE_WORDS and m.get("dose.unit") is None
        one_dose = (  # "Spray ONE dose … THREE times a day": one actuation, not one administration
            m.family == "count"
            and m.rule_id == "count.single_dose"
            and repeated
            and _ONE_DOSE.fullmatch(text[m.start : m.end]) is not None
        )
        verb = _VERB_BEFORE.search(text, 0, m.start) if unit_less or one_dose else None
        if verb is None or not (verb.group(1).lower() in ("inhale", "spray") or device):
            out.append(m)
        elif unit_less:
            out.append(Mention("dose", m.start, m.end, m.rule_id, (*m.items, ("dose.unit", "puff")), m.group))
        else:
            out.append(
                Mention("dose", m.start, m.end, "dose.dose_word", (("dose.low", 1), ("dose.unit", "puff")), m.group)
            )
    return out
